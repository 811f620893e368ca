"""`compactdraft redline` and `compactdraft stats` on real UN text and on small written drafts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from compactdraft.cli import cli

OLD = """OBJECTIVE 1: Collect data

17. We commit to strengthen the global evidence base on [international] migration.

18. We will report annually. We will review progress.

19. We will save lives at sea.
"""
NEW = """OBJECTIVE 1: Collect data

17. We commit to improve the global evidence base on international migration.

18. We will report annually.

19. We will review progress.

20. We will save lives at sea and on land.
"""


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[str, str]:
    old, new = tmp_path / "rev1.txt", tmp_path / "rev2.txt"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return str(old), str(new)


def invoke(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("ext", ["html", "md", "json", "txt"])
def test_output_format_from_extension_is_deterministic(pair: tuple[str, str], tmp_path: Path, ext: str) -> None:
    out1, out2 = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
    assert invoke("redline", *pair, "-o", str(out1)).exit_code == 0
    assert invoke("redline", *pair, "-o", str(out2)).exit_code == 0
    assert out1.read_bytes() == out2.read_bytes() and out1.stat().st_size > 200


def test_json_change_list_round_trips_through_the_cli(pair: tuple[str, str], tmp_path: Path) -> None:
    from compactdraft.parse import parse_file

    out = tmp_path / "c.json"
    invoke("redline", *pair, "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    new_texts = [t for e in data["entries"] if e["in_new"] and e["new"]
                 for t in "".join(o["text"] for o in e["ops"] if o["op"] != "delete").split("\n")]
    assert new_texts == [p.text for p in parse_file(pair[1])]
    assert data["summary"]["words_inserted"] > 0 and data["summary"]["brackets_closed"] == 1


def test_exit_code_like_diff(pair: tuple[str, str]) -> None:
    assert invoke("redline", *pair, "--exit-code").exit_code == 1
    assert invoke("redline", pair[0], pair[0], "--exit-code").exit_code == 0
    assert invoke("redline", *pair).exit_code == 0


def test_terminal_by_default_without_colour_when_piped(pair: tuple[str, str]) -> None:
    result = invoke("redline", *pair)
    assert "[-strengthen-]{+improve+}" in result.output  # type: ignore[attr-defined]
    assert "\x1b[" not in result.output  # type: ignore[attr-defined]


def test_output_never_overwrites_an_input(pair: tuple[str, str]) -> None:
    result = CliRunner().invoke(cli, ["redline", *pair, "-o", pair[1], "--format", "text"])
    assert result.exit_code != 0


def test_stats_text_and_json(pair: tuple[str, str]) -> None:
    text = invoke("stats", *pair).output  # type: ignore[attr-defined]
    assert "TOTAL" in text and "OBJECTIVE 1" in text
    data = json.loads(invoke("stats", *pair, "--format", "json").output)  # type: ignore[attr-defined]
    assert data["total"]["words_deleted"] >= 1 and data["total"]["brackets_closed"] == 1
    assert sum(s["words_inserted"] for s in data["sections"]) == data["total"]["words_inserted"]


def test_real_gcm_redline_round_trips(corpus: Path, tmp_path: Path) -> None:
    from compactdraft.parse import parse_file
    from compactdraft.redline import compare

    old = parse_file(corpus / "gcm_zero_draft_plus_partial.txt")
    new = parse_file(corpus / "gcm_final_objectives.txt")
    redline = compare(old, new)
    assert redline.new_texts() == [p.text for p in new]
    assert redline.old_texts() == [p.text for p in old]
    out = tmp_path / "gcm.html"
    assert invoke("redline", str(corpus / "gcm_zero_draft_plus_partial.txt"),
                  str(corpus / "gcm_final_objectives.txt"), "-o", str(out)).exit_code == 0
    assert "<ins>" in out.read_text(encoding="utf-8")
