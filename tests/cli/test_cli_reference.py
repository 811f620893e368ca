from __future__ import annotations

from pathlib import Path

from compactdraft.cli.reference import reference

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_docs_cli_md_is_the_current_help():
    assert DOC.read_text(encoding="utf-8") == reference(), (
        "docs/cli.md is out of date: python -m compactdraft.cli.reference > docs/cli.md")


def test_every_command_is_in_the_reference():
    text = DOC.read_text(encoding="utf-8")
    for name in ("parse", "align", "history", "redline", "stats", "graph build", "trace", "coverage", "build"):
        assert f"## compactdraft {name}\n" in text
