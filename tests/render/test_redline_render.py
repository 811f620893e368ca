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

def _ids_and_fragments(page: str) -> tuple[list[str], list[str]]:
    return re.findall(r' id="([^"]+)"', page), re.findall(r' href="#([^"]*)"', page)


def test_html_is_self_contained_and_marks_changes(sample: Redline) -> None:
    page = render("redline", sample, "html")
    assert isinstance(page, str)
    assert not re.search(r"(src|href)=\"(https?:)?//", page) and " src=" not in page  # inline script only
    assert "<del>strengthen</del><ins>improve</ins>" in page
    assert '<bdi>6</bdi> <span class="renum">(was <bdi>5</bdi>)</span>' in page  # printed labels, not ids
    assert "p5&gt;" not in page and ">p5<" not in page
    assert page.count('dir="auto"') >= len(sample.entries)
    assert "@media print" in page and "Contents" in page and "Legend" in page
    assert 'ins{background:var(--ins-bg)' in page and "text-decoration:none" in page  # never link-like


def test_html_moves_name_the_paragraph_and_link_both_ways(sample: Redline) -> None:
    page = render("redline", sample, "html")
    assert '<a href="#p-p8">moved to 8 (modified, renumbered)</a>' in page
    assert '<a href="#old-p2">moved from 2 (modified, renumbered)</a>' in page


def test_html_anchors_are_unique_and_every_fragment_resolves(sample: Redline) -> None:
    for side_by_side in (False, True):
        page = render("redline", sample, "html", side_by_side=side_by_side)
        ids, fragments = _ids_and_fragments(page)
        assert len(ids) == len(set(ids))
        assert set(fragments) <= set(ids)
        # every provision of either draft has its deep link
        assert {f"p-{p.id}" for p in sample.new} | {f"old-{p.id}" for p in sample.old} <= set(ids)


def test_side_by_side_has_column_headings(sample: Redline) -> None:
    page = render("redline", sample, "html", side_by_side=True)
    assert ('<div class="columns" role="row"><span>Provision</span><span><bdi>Draft rev1</bdi> (deletions)</span>'
            in page)


def test_html_escapes_text() -> None:
    from redline_cases import draft, link

    old = draft("a", [("p1", "1.", "x < y & <b>bold</b>")])
    new = draft("b", [("p1", "1.", "x > y & <i>it</i>")])
    page = render("redline", redline_from_alignment(Alignment(old, new, (link(["p1"], ["p1"], "modified"),))), "html")
    assert "<b>" not in page and "<i>" not in page and "&lt;/" in page


def test_arabic_html_is_rtl_and_isolates_each_change() -> None:
    from redline_cases import draft, link

    old = draft("a", [("p1", "1 -", "نلتزم بتعزيز التعاون الدولي في 5 مجالات")])
    new = draft("b", [("p1", "1 -", "نلتزم بتحسين التعاون الدولي في 6 مجالات")])
    page = render("redline", redline_from_alignment(Alignment(old, new, (link(["p1"], ["p1"], "modified"),))), "html")
    assert '<html lang="ar" dir="rtl">' in page
    assert ('<div class="body" dir="auto">نلتزم <del>بتعزيز</del><ins>بتحسين</ins> التعاون الدولي في '
            '<del>5</del><ins>6</ins>') in page
    assert "del{background:var(--del-bg);color:var(--del-ink);text-decoration:line-through;unicode-bidi:isolate" in page


@pytest.mark.parametrize("text, expected", [
    ("We commit to the goals and the targets of the agenda", ("en", "ltr")),
    ("Nous nous engageons à renforcer les capacités des États et la coopération", ("fr", "ltr")),
    ("Nos comprometemos a fortalecer las capacidades de los Estados y la cooperación", ("es", "ltr")),
    ("Мы обязуемся укреплять сотрудничество", ("ru", "ltr")),
    ("我们承诺加强国际合作", ("zh", "ltr")),
    ("نلتزم بتعزيز التعاون الدولي 2024", ("ar", "rtl")),
])
def test_page_language_from_the_text(text: str, expected: tuple[str, str]) -> None:
    from compactdraft.render.html_pages import language

    assert language([text]) == expected


def test_printed_labels() -> None:
    from compactdraft.model import Draft, Kind, Provision
    from compactdraft.render.html_pages import printed_label

    draft = Draft("d", "", (
        Provision("preamble", "Preamble", Kind.HEADING, ""),
        Provision("preamble.5", "", Kind.PREAMBULAR, "Recalling", parent="preamble", numbered=False),
        Provision("obj.7", "Objective 7:", Kind.HEADING, "Address vulnerabilities"),
        Provision("para.17", "17.", Kind.COMMITMENT, "We commit", parent="obj.7"),
        Provision("para.17.text.1", "", Kind.CHAPEAU, "the following:", parent="para.17"),
        Provision("para.17.a", "(a)", Kind.ACTION, "Do", parent="para.17"),
        Provision("para.17.a.ii", "(ii)", Kind.SUBPARAGRAPH, "Do more", parent="para.17.a"),
    ))
    assert [printed_label(draft, p.id) for p in draft] == [
        "Preamble", "PP 5", "Objective 7", "17", "17 chapeau", "17 (a)", "17 (a) (ii)"]


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
