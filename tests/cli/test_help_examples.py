"""Every example printed by ``--help`` runs, as a new user would type it from the project folder."""
from __future__ import annotations

import os
import pty
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compactdraft.cli.reference import reference

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = re.compile(r"^\s+(compactdraft\s.*?)\s*(?:#.*)?$")


def help_examples() -> list[str]:
    """Example lines of every command's help, in the reference's order (a file an example reads, such
    as graph.graphml, is made by an earlier one)."""
    return [m.group(1) for line in reference().splitlines() if (m := EXAMPLE.match(line))]


def test_the_help_has_examples() -> None:
    examples = help_examples()
    assert len(examples) >= 20
    assert not any("drafts/zero.docx" in e for e in examples)


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "compactdraft", *argv], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "NO_COLOR": "1"})


@pytest.mark.slow
def test_every_help_example_runs(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "drafts", tmp_path / "drafts", ignore=shutil.ignore_patterns("__pycache__"))
    failures = []
    for example in help_examples():
        result = _run(shlex.split(example)[1:], tmp_path)
        if result.returncode != 0:
            failures.append(f"{example}: exit {result.returncode}: {result.stderr.strip()[-300:]}")
    assert not failures, "\n".join(failures)


def test_binary_output_to_a_terminal_is_refused() -> None:
    leader, follower = pty.openpty()
    try:
        result = subprocess.run([sys.executable, "-m", "compactdraft", "redline", "drafts/rev1.docx",
                                 "drafts/rev2.docx", "--format", "docx"], cwd=ROOT, stdout=follower,
                                stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2
    assert result.stderr.strip().startswith("compactdraft: error: binary output (a Word document) will not be")
    assert "Traceback" not in result.stderr
