"""Redline renderers: golden files, CriticMarkup parsed back, HTML/JSON structure, terminal colours.

Golden files live in tests/render/golden/; after an intended change of output, regenerate them with
``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/render/test_redline_render.py`` and review the diff.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from redline_cases import alignments, sample_alignment

from compactdraft.diff import INSERT
from compactdraft.model import Alignment
from compactdraft.redline import Redline, redline_from_alignment
from compactdraft.render import render
from compactdraft.render.redline_text import critic

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def sample() -> Redline:
    return redline_from_alignment(sample_alignment())


@pytest.mark.parametrize("fmt, name", [("html", "redline_sample.html"), ("md", "redline_sample.md"),
                                       ("json", "redline_sample.json"), ("text", "redline_sample.txt")])
def test_golden(sample: Redline, fmt: str, name: str) -> None:
    output = render("redline", sample, fmt)
    assert isinstance(output, str)
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(output, encoding="utf-8")
    assert output == path.read_text(encoding="utf-8"), f"{name} changed; UPDATE_GOLDEN=1 to accept"


def test_side_by_side_golden(sample: Redline) -> None:
    output = render("redline", sample, "html", side_by_side=True)
    path = GOLDEN / "redline_sample_side_by_side.html"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(output, encoding="utf-8")
    assert output == path.read_text(encoding="utf-8")


# --- CriticMarkup parsed back ----------------------------------------------------------------------

CRITIC = re.compile(r"\{\+\+(.*?)\+\+\}|\{--(.*?)--\}|\{~~(.*?)~>(.*?)~~\}", re.DOTALL)


def apply_critic(text: str, accept_changes: bool) -> str:
    """Accept or reject every CriticMarkup change in ``text`` (a small reader for the tests)."""
    def replace(match: re.Match[str]) -> str:
        inserted, deleted, old, new = match.groups()
        if inserted is not None:
            return inserted if accept_changes else ""
        if deleted is not None:
            return "" if accept_changes else deleted
        return new if accept_changes else old
    return CRITIC.sub(replace, text).replace("\\\n", "\n")


def md_entries(markdown: str) -> list[tuple[str, str]]:
    """(header, body) of every entry block of a CriticMarkup redline."""
    blocks = markdown.rstrip("\n").split("\n\n")
    return [(block.split("\n", 1) + [""])[:2] for block in blocks if block.startswith("**")]  # type: ignore[misc]


def check_md_round_trip(redline: Redline) -> None:
    markdown = render("redline", redline, "md")
    assert isinstance(markdown, str)
    blocks = md_entries(markdown)
    assert len(blocks) == len(redline.entries)
    new_texts, old_texts = [], []
    for (header, body), entry in zip(blocks, redline.entries):
        assert f"`{entry.id}`" in header
        if entry.in_new and entry.new:
            new_texts += apply_critic(body, True).split("\n")
        if entry.in_old and entry.old:
            old_texts += apply_critic(body, False).split("\n")
    assert new_texts == [p.text for p in redline.new]
    assert old_texts == [p.text for p in redline.old]


def test_md_round_trip_on_sample(sample: Redline) -> None:
    check_md_round_trip(sample)


@given(alignments())
@settings(max_examples=100, deadline=None)
def test_md_round_trip_on_random_alignments(alignment: Alignment) -> None:
    check_md_round_trip(redline_from_alignment(alignment))


def test_critic_substitution_and_paragraph_mark() -> None:
    from compactdraft.diff import diff_words

    assert critic(diff_words("a b c", "a x c")) == "a {~~b~>x~~} c"
    assert critic(diff_words("one. two.", "one.\ntwo.")) == "one.{~~ ~>\\\n~~}two."


# --- JSON ------------------------------------------------------------------------------------------

@given(alignments())
@settings(max_examples=60, deadline=None)
def test_json_round_trip(alignment: Alignment) -> None:
    redline = redline_from_alignment(alignment)
    data = json.loads(render("redline", redline, "json"))
    assert data["schema"] == "compactdraft/redline/1"
    new_texts, old_texts = [], []
    for entry in data["entries"]:
        new = "".join(o["text"] for o in entry["ops"] if o["op"] != "delete")
        old = "".join(o["text"] for o in entry["ops"] if o["op"] != "insert")
        for o in entry["ops"]:
            if o["op"] != "insert":
                assert old[o["old"][0]:o["old"][1]] == o["text"]
            if o["op"] != "delete":
                assert new[o["new"][0]:o["new"][1]] == o["text"]
        if entry["in_new"] and entry["new"]:
            new_texts += new.split("\n")
        if entry["in_old"] and entry["old"]:
            old_texts += old.split("\n")
    assert new_texts == [p.text for p in alignment.new]
    assert old_texts == [p.text for p in alignment.old]


def test_json_is_deterministic(sample: Redline) -> None:
    again = redline_from_alignment(sample_alignment())
    assert render("redline", sample, "json") == render("redline", again, "json")


# --- HTML ------------------------------------------------------------------------------------------

def test_html_is_self_contained_and_marks_changes(sample: Redline) -> None:
    page = render("redline", sample, "html")
    assert isinstance(page, str)
    assert not re.search(r"(src|href)=\"(https?:)?//", page) and "<script" not in page
    assert "<del>strengthen</del><ins>improve</ins>" in page
    assert '5. <span class="renum">→ 6.</span>' in page
    assert page.count('dir="auto"') >= len(sample.entries)
    assert "@media print" in page and "Contents" in page
    moved_from = re.search(r'class="entry moved_from" id="([^"]+)"', page)
    assert moved_from and f'href="#{moved_from.group(1)}"' in page  # moved_to links back to where it stood


def test_html_escapes_text() -> None:
    from redline_cases import draft, link

    old = draft("a", [("p1", "1.", "x < y & <b>bold</b>")])
    new = draft("b", [("p1", "1.", "x > y & <i>it</i>")])
    page = render("redline", redline_from_alignment(Alignment(old, new, (link(["p1"], ["p1"], "modified"),))), "html")
    assert "<b>" not in page and "<i>" not in page and "&lt;/" in page


def test_arabic_html_keeps_direction_auto() -> None:
    from redline_cases import draft, link

    old = draft("a", [("p1", "1.", "نلتزم بتعزيز التعاون الدولي")])
    new = draft("b", [("p1", "1.", "نلتزم بتحسين التعاون الدولي")])
    page = render("redline", redline_from_alignment(Alignment(old, new, (link(["p1"], ["p1"], "modified"),))), "html")
    assert '<div class="body" dir="auto">نلتزم <del>بتعزيز</del><ins>بتحسين</ins> التعاون الدولي' in page


# --- terminal ---------------------------------------------------------------------------------------

def test_terminal_colours_only_when_asked(sample: Redline, monkeypatch: pytest.MonkeyPatch) -> None:
    coloured = render("redline", sample, "terminal", color=True)
    assert "\x1b[31;9mstrengthen\x1b[0m\x1b[34;4mimprove\x1b[0m" in coloured
    assert all(line.count("\x1b[") % 2 == 0 for line in coloured.splitlines())  # every line resets itself
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in render("redline", sample, "terminal")
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[" not in render("redline", sample, "terminal")  # pytest's stdout is not a terminal


def test_text_lists_only_changes(sample: Redline) -> None:
    text = render("redline", sample, "text")
    assert "Collect data" not in text  # unchanged headings are left out
    assert "[-strengthen-]{+improve+}" in text
    ids_shown = text.count("\n    ")
    assert ids_shown >= sum(e.changed for e in sample.entries)


def test_inserted_paragraph_mark_is_visible_in_text(sample: Redline) -> None:
    split = next(e for e in sample.entries if e.kind.value == "split")
    assert any(o.op == INSERT and o.text == "\n" for o in split.ops)
    assert "{+¶+}" in render("redline", sample, "text")
