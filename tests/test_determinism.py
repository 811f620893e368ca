"""Every output format, made twice from the same inputs, gives byte-identical files.

The two runs are separate processes with different PYTHONHASHSEED values, so any output that leaks
set or dict-of-set ordering, object ids, the clock or the temporary folder's name is caught.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docxfactory import compact_docx

from compactdraft.render import formats

HERE = Path(__file__).resolve().parent
SUPPORT = HERE / "support"
SOURCE = ("Declaration for Testing\n\n1. We commit to strengthen the global evidence base on data.\n\n"
          "2. States shall cooperate on the commitment of objective 2.\n")


def plan_for() -> dict[str, list[str]]:
    """One command per (subject, format): every renderer the CLI can reach; paths relative to the run's
    folder, as a user would type them."""
    out, source = Path("out"), "source.txt"
    pair = ["old.docx", "new.docx"]
    per_subject = {
        "draft": lambda fmt: ["parse", "new.docx", "--format", fmt],
        "alignment": lambda fmt: ["align", *pair, "--format", fmt, "--all"],
        "history": lambda fmt: ["history", *pair, "--format", fmt, "--all"],
        "redline": lambda fmt: ["redline", *pair, "--format", fmt, "--side-by-side"] if fmt == "html"
        else ["redline", *pair, "--format", fmt],
        "stats": lambda fmt: ["stats", *pair, "--format", fmt],
        "graph": lambda fmt: ["graph", "build", *pair, "--source", f"src={source}", "--format", fmt, "--focus",
                              "para.17"],
        "trace": lambda fmt: ["trace", "old:para.17", *pair, "--source", f"src={source}", "--format", fmt],
        "coverage": lambda fmt: ["coverage", *pair, "--source", f"src={source}", "--format", fmt],
    }
    plan = {}
    for subject, argv_for in per_subject.items():
        for fmt in formats(subject):
            plan[f"{subject}-{fmt}"] = argv_for(fmt) + ["-o", str(out / f"{subject}-{fmt}.out")]
    plan["graph-draw-svg"] = ["graph", "draw", *pair, "--focus", "para.17", "-o", str(out / "draw.svg")]
    plan["build"] = ["build", "series", "-o", str(out / "build")]
    return plan


def run_plan(folder: Path, seed: str) -> dict[str, bytes]:
    plan = plan_for()
    plan_file = folder / "plan.json"
    plan_file.write_text(json.dumps(plan), encoding="utf-8")
    env = dict(os.environ, PYTHONHASHSEED=seed)
    result = subprocess.run([sys.executable, str(SUPPORT / "hostile.py"), str(plan_file)], capture_output=True,
                            cwd=folder, env=env, timeout=600)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    for name, run in json.loads(result.stdout).items():
        assert run["code"] == 0, (name, run["stderr"])
    out = folder / "out"
    return {str(path.relative_to(out)): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()}


def make_inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "old.docx").write_bytes(compact_docx(objectives=2).to_bytes())
    (folder / "new.docx").write_bytes(compact_docx(objectives=3, actions=(2, 3, 1)).to_bytes())
    (folder / "source.txt").write_text(SOURCE, encoding="utf-8")
    (folder / "series").mkdir()
    (folder / "series" / "series.toml").write_text(
        '[[draft]]\nid = "old"\nfile = "../old.docx"\ndate = "2018-02-05"\n\n[[draft]]\nid = "new"\n'
        'file = "../new.docx"\ndate = "2018-03-05"\n\n[[source]]\nid = "src"\nfile = "../source.txt"\n',
        encoding="utf-8")


@pytest.fixture(scope="module")
def twice(tmp_path_factory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The same inputs in two different folders, run from there with the same relative paths (so the
    folder's name must not reach any output)."""
    root = tmp_path_factory.mktemp("determinism")
    first, second = root / "first", root / "second-run"
    make_inputs(first)
    make_inputs(second)
    return run_plan(first, "1"), run_plan(second, "2")


def test_every_format_is_covered(twice) -> None:
    first, _ = twice
    for subject in ("draft", "alignment", "history", "redline", "stats", "graph", "trace", "coverage"):
        for fmt in formats(subject):
            assert f"{subject}-{fmt}.out" in first, (subject, fmt)
    assert any(name.startswith("build/") for name in first)


def test_every_output_is_byte_identical(twice) -> None:
    first, second = twice
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
