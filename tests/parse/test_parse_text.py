from __future__ import annotations

from collections import Counter

import pytest

from compactdraft.model import Kind
from compactdraft.parse import parse_bytes, parse_file

ACTIONS_PER_OBJECTIVE = [11, 12, 5, 7, 10, 12, 12, 6, 6, 10, 7, 5, 8, 6, 6, 9, 7, 12, 10, 9, 9, 3, 5]


def test_gcm_final_objectives_counts(gcm):
    kinds = Counter(p.kind for p in gcm)
    assert kinds[Kind.HEADING] == 23
    assert kinds[Kind.COMMITMENT] == 23
    assert kinds[Kind.ACTION] == 187
    assert [p.id for p in gcm if p.kind is Kind.COMMITMENT] == [f"para.{n}" for n in range(17, 40)]
    assert [p.id for p in gcm if p.kind is Kind.HEADING] == [f"obj.{n}" for n in range(1, 24)]
    per_objective = [len([p for p in gcm.children(f"para.{16 + n}") if p.kind is Kind.ACTION]) for n in range(1, 24)]
    assert per_objective == ACTIONS_PER_OBJECTIVE


def test_gcm_ids_read_like_the_print(gcm):
    assert gcm.get("para.17.a").label == "(a)"
    assert gcm.get("para.17").parent == "obj.1"
    assert gcm.get("para.18.l").text.startswith("Develop coherent approaches")
    assert gcm.get("para.17.text.1").kind is Kind.CHAPEAU
    # objective 2's sub-heading between (g) and (h) is unnumbered text of paragraph 18
    subheading = [p for p in gcm.children("para.18") if p.kind is Kind.TEXT]
    assert [p.text[:17] for p in subheading] == ["Natural disasters"]


@pytest.mark.parametrize("name", ["gcm_a_conf_231_3_partial.txt", "gcm_zero_draft_plus_partial.txt",
                                  "nyd_a_res_71_1_partial.txt", "nyd_draft_a_res_70_302_partial.txt",
                                  "srsg_a_71_728_partial.txt"])
def test_partial_un_files_parse(corpus, name):
    draft = parse_file(corpus / name)
    assert len(draft) > 5


def test_nyd_annex_ids_are_scoped(corpus):
    nyd = parse_file(corpus / "nyd_a_res_71_1_partial.txt")
    assert "para.43" in nyd
    assert "annex.II.para.9" in nyd
    assert nyd.get("annex.II.v").label == "(v)"  # a letter after (u), not roman five
    assert nyd.get("annex.II.sec.IV").kind is Kind.HEADING


def test_roman_sub_items_and_letter_i():
    text = b"""OBJECTIVE 1: Test
17. We commit to this.
(a) First action:
(i) first point;
(ii) second point;
(b) Second action.
(c) c
(d) d
(e) e
(f) f
(g) g
(h) h
(i) The ninth action.
"""
    draft = parse_bytes(text, "t.txt")
    assert [p.id for p in draft][:6] == ["obj.1", "para.17", "para.17.a", "para.17.a.i", "para.17.a.ii", "para.17.b"]
    assert draft.get("para.17.i").text == "The ninth action."
    assert draft.get("para.17.a.ii").kind is Kind.SUBPARAGRAPH
    assert draft.get("para.17.b").kind is Kind.ACTION


def test_preamble_and_headings():
    text = b"""A Compact
PREAMBLE
Recalling the Declaration,
Recognizing the report,
I. Vision
1. We share a vision.
"""
    draft = parse_bytes(text, "t.txt")
    assert draft.title == "A Compact"
    assert [(p.id, p.kind.value, p.numbered) for p in draft] == [
        ("preamble", "heading", True), ("preamble.1", "preambular", False), ("preamble.2", "preambular", False),
        ("sec.I", "heading", True), ("para.1", "operative", True)]


def test_hard_wrapped_text_is_rejoined():
    text = b"""1. This paragraph is wrapped at a narrow width so that it runs
over several lines of the file without ending
a sentence at the end of each line.
2. The second paragraph is short.
(a) and has an item that is wrapped
across two lines.
"""
    draft = parse_bytes(text, "t.txt")
    assert [p.id for p in draft] == ["para.1", "para.2", "para.2.a"]
    assert draft.get("para.1").text.endswith("each line.")


def test_markdown_headings():
    draft = parse_bytes(b"# Title\n\n## Objective 3: Information\n\n19. We commit.\n\n(a) **Launch** a site.\n", "t.md")
    assert [p.id for p in draft] == ["obj.3", "para.19", "para.19.a"]
    assert draft.get("para.19.a").text == "Launch a site."


def test_bis_paragraphs_and_bracketed_paragraphs():
    text = b"""OBJECTIVE 1: Data
17. We commit to data.
17 bis. We further commit to share it.
(a) Collect it.
(a bis) Store it safely.
[18. We commit to [bracketed] text.]
"""
    draft = parse_bytes(text, "t.txt")
    assert [p.id for p in draft] == ["obj.1", "para.17", "para.17bis", "para.17bis.a", "para.17bis.abis",
                                     "para.18"]
    assert draft.get("para.17bis").label == "17 bis."
    assert draft.get("para.18").text == "[We commit to [bracketed] text.]"


def test_numbering_restarting_after_a_colon_is_a_list_in_the_paragraph():
    text = b"""16. We set out the following objectives:
1. Collect data;
2. Minimize adverse drivers;
3. Provide information.
Objective 1: Collect data
17. We commit to collect data.
"""
    draft = parse_bytes(text, "t.txt")
    assert [p.id for p in draft] == ["para.16", "para.16.1", "para.16.2", "para.16.3", "obj.1", "para.17"]
    assert draft.warnings == ()


def test_a_short_line_inside_a_list_is_a_sub_heading_not_a_heading():
    text = b"""OBJECTIVE 2: Drivers
18. We commit to act.
(a) First action.
(b) Second action.
Natural disasters and climate change
(c) Third action.
OBJECTIVE 3: Information
19. We commit to inform.
"""
    draft = parse_bytes(text, "t.txt")
    assert [p.id for p in draft] == ["obj.2", "para.18", "para.18.a", "para.18.b", "para.18.text.1", "para.18.c",
                                     "obj.3", "para.19"]
    assert draft.get("obj.3").parent is None


def test_a_lead_in_without_its_colon_stays_in_its_paragraph():
    text = b"""OBJECTIVE 10: Trafficking
26. We commit to prevent trafficking.
To realize this commitment we will draw from the following actions
(a) Promote ratification of the Protocol.
OBJECTIVE 11: Borders
27. We commit to manage borders.
"""
    draft = parse_bytes(text, "t.txt")
    assert [p.id for p in draft] == ["obj.10", "para.26", "para.26.text.1", "para.26.a", "obj.11", "para.27"]
