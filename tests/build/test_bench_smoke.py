"""Smoke test of the benchmark harness: quick workloads, one real measurement, the report (no timing asserts)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bench import baselines
from bench.report import write_report
from bench.run import run_case
from bench.workloads import earlier_draft, gcm_lines, make_workloads, scaled_final


@pytest.mark.corpus
def test_scaled_text_keeps_numbers_unique(corpus: Path) -> None:
    lines = scaled_final(gcm_lines(), 3)
    objectives = [line.split(":")[0] for line in lines if line.startswith("OBJECTIVE ")]
    assert len(objectives) == 69 and len(set(objectives)) == 69
    paragraphs = [line.split(" ")[0] for line in lines if line[0].isdigit()]
    assert len(paragraphs) == len(set(paragraphs)) == 69


@pytest.mark.corpus
def test_earlier_draft_edits_at_the_rate_and_is_deterministic(corpus: Path) -> None:
    lines = gcm_lines()
    old, edits, true_chars = earlier_draft(lines, 0.05)
    words = sum(len(line.split(" ")) for line in lines)
    assert edits == round(0.05 * words) and true_chars > edits
    assert earlier_draft(lines, 0.05) == (old, edits, true_chars)
    assert old != lines and len(old) == len(lines)


@pytest.mark.corpus
def test_quick_workload_and_one_measurement_end_to_end(corpus: Path, tmp_path: Path) -> None:
    (workload,) = make_workloads(scales=(1,), rates=(0.05,), docx_scales=(), work=tmp_path)
    case = run_case("compactdraft", workload, runs=1)
    assert case["stat"]["runs"] == 1 and case["exact"] is True
    # per-provision diffs mark about what really changed (word-level edits, some words share letters)
    assert 0.8 < case["changed_chars"] / workload.true_chars < 1.5
    old, new = workload.old_txt.read_text(), workload.new_txt.read_text()
    difflib_quality = baselines.quality(baselines.difflib_words(old, new), old, new)
    assert difflib_quality.exact
    results = {
        "machine": {"cpu": "test", "cores": "2", "python": "3", "platform": "test", "date": "today", "load": "0"},
        "seconds": 1.0, "processes": {}, "stages": {},
        "workloads": [{"name": workload.name, "scale": 1, "rate": 0.05, "words": workload.words,
                       "edits": workload.edits, "true_chars": workload.true_chars}],
        "scaling": {f"compactdraft|{workload.name}": case},
    }
    write_report(results, tmp_path)
    text = (tmp_path / "RESULTS.md").read_text()
    assert "## Headline" in text and "not measured" in text and workload.name in text


def test_docx_pieces_reads_tracked_changes() -> None:
    import io
    import zipfile

    body = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
            '<w:r><w:t xml:space="preserve">keep </w:t></w:r><w:del><w:r><w:delText>old</w:delText></w:r></w:del>'
            '<w:ins><w:r><w:t>new</w:t></w:r></w:ins></w:p></w:body></w:document>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", body)
    pieces = baselines.docx_pieces(buffer.getvalue())
    assert baselines.quality(pieces, "keep old", "keep new") == baselines.Quality(True, 6)


def test_phases_makes_what_the_redline_command_makes(tmp_path: Path) -> None:
    """bench/phases.py times the redline command's own calls: its output is the command's, byte for byte."""
    import json
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    old, new = root / "drafts" / "rev1.docx", root / "drafts" / "rev2.docx"
    timed, plain = tmp_path / "timed.docx", tmp_path / "plain.docx"
    done = subprocess.run([sys.executable, "-m", "bench.phases", str(old), str(new), str(timed)], cwd=root,
                          capture_output=True, text=True, check=True)
    phases = json.loads(done.stdout)
    assert {"imports", "parse OLD .docx", "align", "diff every aligned pair", "render .docx"} <= set(phases)
    subprocess.run([sys.executable, "-m", "compactdraft", "redline", str(old), str(new), "-o", str(plain)],
                   check=True)
    assert timed.read_bytes() == plain.read_bytes()


def test_make_breakdown_runs_each_make_rule_of_the_plan(tmp_path: Path) -> None:
    """Every rule make runs is timed once, from clean and after a touch (only the rules that read the draft)."""
    import shutil
    import sys

    from bench.profiles import breakdown_lines, make_breakdown
    from compactdraft.build import make_rules, plan
    from compactdraft.parse.series import series_from_paths

    root = Path(__file__).resolve().parents[2]
    series, out = tmp_path / "series", tmp_path / "out"
    shutil.copytree(root / "drafts", series, ignore=shutil.ignore_patterns("__pycache__", "content", "*.py"))
    tool = Path(sys.executable).parent / "compactdraft"
    argv = ["make", "-s", "-C", str(root), f"DRAFTS={series}", f"OUT={out}", f"COMPACTDRAFT={tool}", "BUILD_STAMP=",
            "build"]
    touched = series / "rev1.docx"
    result = make_breakdown(series, out, argv, touched)
    rules = make_rules(plan(series_from_paths([str(series)]), out))
    assert len(result["from clean"]) == len(rules) == 11
    rebuilt = [row["rule"] for row in result[f"after touching {touched.name}"]]
    assert rebuilt == ["drafts/rev1.json", "redlines/zero-rev1.html + 1 more", "redlines/rev1-rev2.html + 1 more",
                       "graph.json + 6 more"]  # graph.graphml, annotated x2, trace.html, coverage.html, index
    lines = breakdown_lines(None, result)
    assert sum(line.startswith("| `") for line in lines) == 11 + 4
