"""The options of Word's Compare dialog that compactdraft implements (CompareOptions, `redline`'s
--granularity and --no-moves) and --date's ISO 8601 check, on real pairs: the sample series and the
WmlComparer peer suite. Each option changes how changes are shown, never what accept/reject give."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DRAFTS, PEER

from compactdraft.cli import cli
from compactdraft.cli.redline_cmd import iso_date
from compactdraft.diff import DELETE, EQUAL, INSERT
from compactdraft.diff.options import CompareOptions
from compactdraft.errors import UsageError
from compactdraft.parse import parse_file
from compactdraft.redline import compare
from compactdraft.render import render
from compactdraft.word.tracked import normalized, read_tracked, read_tracked_file

MOVED = {"moved_from", "moved_to"}


def _round_trips(left: Path, right: Path, options: CompareOptions) -> None:
    redline = compare(parse_file(left, draft_id="left"), parse_file(right, draft_id="right"), options=options)
    doc = read_tracked(render("redline", redline, "docx"))
    assert normalized(doc.accepted()) == normalized(read_tracked_file(right).accepted())
    assert normalized(doc.rejected()) == normalized(read_tracked_file(left).accepted())


def _changed_pieces(left: Path, right: Path, options: CompareOptions) -> list[str]:
    redline = compare(parse_file(left, draft_id="left"), parse_file(right, draft_id="right"), options=options)
    return [op.text for entry in redline.entries if entry.old and entry.new
            for op in entry.ops if op.op in (INSERT, DELETE)]


@pytest.mark.parametrize("pair", [("zero-draft", "rev1"), ("rev1", "rev2")])
def test_no_moves_shows_deleted_and_inserted_and_round_trips(pair: tuple[str, str]) -> None:
    left, right = (DRAFTS / f"{name}.docx" for name in pair)
    default = compare(parse_file(left), parse_file(right))
    assert {e.kind.value for e in default.entries} & MOVED  # the pair has moves to show
    plain = compare(parse_file(left), parse_file(right), options=CompareOptions(moves=False))
    assert not {e.kind.value for e in plain.entries} & MOVED
    assert plain.new_texts() == default.new_texts() and plain.old_texts() == default.old_texts()
    _round_trips(left, right, CompareOptions(moves=False))


def test_char_granularity_marks_only_changed_characters_and_round_trips() -> None:
    if not (PEER / "WC").exists():
        pytest.skip(f"WmlComparer peer suite not found at {PEER}")
    left, right = PEER / "WC" / "WC001-Digits.docx", PEER / "WC" / "WC001-Digits-Mod.docx"
    words = _changed_pieces(left, right, CompareOptions())
    chars = _changed_pieces(left, right, CompareOptions(granularity="char"))
    assert sum(map(len, chars)) < sum(map(len, words))
    _round_trips(left, right, CompareOptions(granularity="char"))
    _round_trips(DRAFTS / "rev1.docx", DRAFTS / "rev2.docx", CompareOptions(granularity="char"))


def test_granularity_is_checked() -> None:
    with pytest.raises(UsageError):
        CompareOptions(granularity="sentence")


def test_cli_options_reach_the_redline(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "r.json"
    args = ["redline", str(DRAFTS / "rev1.docx"), str(DRAFTS / "rev2.docx"), "--format", "json", "-o", str(out)]
    assert runner.invoke(cli, args).exit_code == 0
    assert "moved_from" in out.read_text(encoding="utf-8")
    assert runner.invoke(cli, [*args, "--no-moves", "--granularity", "char"]).exit_code == 0
    assert "moved_from" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-02-05", "2026-02-05"),
    ("2026-02-05T10:30:00Z", "2026-02-05T10:30:00Z"),
    ("2026-02-05T10:30+02:00", "2026-02-05T08:30:00Z"),
    ("2026-02-05 10:30:15", "2026-02-05T10:30:15Z"),
])
def test_iso_dates_are_taken(value: str, expected: str) -> None:
    assert iso_date(value) == expected


@pytest.mark.parametrize("value", ["05/02/2026", "2026-13-01", "tomorrow", "2026-02-30"])
def test_a_date_that_is_not_iso_8601_is_a_one_line_error(value: str, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "compactdraft", "redline", str(DRAFTS / "rev1.docx"),
                             str(DRAFTS / "rev2.docx"), "--date", value, "-o", str(tmp_path / "r.docx")],
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0 and result.stdout == ""
    assert "--date must be an ISO 8601" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "r.docx").exists()


def test_equal_is_kept_under_char_granularity() -> None:
    ops = compare(parse_file(DRAFTS / "rev2.docx"), parse_file(DRAFTS / "rev2.docx"),
                  options=CompareOptions(granularity="char")).entries
    assert all(op.op == EQUAL for entry in ops for op in entry.ops)
