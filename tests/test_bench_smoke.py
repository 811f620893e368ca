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
