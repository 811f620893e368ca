"""Property tests at scale (hypothesis) over random texts and random structured documents.

Profiles (env COMPACTDRAFT_PROPERTIES): ``ci`` (default, the counts below, >= 10,000 examples in all),
``quick`` (a tenth, for editing) and ``thorough`` (ten times). Generators are cheap: words drawn
from a small multilingual vocabulary, drafts built directly as model objects, so examples cost
milliseconds and the file stays within a few minutes on 2 cores.
"""
from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redline_cases import WORDS, alignments

from compactdraft.align import align
from compactdraft.diff import accept, changed, diff_chars, diff_words, reject
from compactdraft.model import Draft, Footnote, Kind, Provision, draft_to_dict
from compactdraft.parse import parse_bytes
from compactdraft.provenance.graph import build_graph, from_bytes, to_bytes
from compactdraft.redline import Redline, compare, redline_from_alignment
from compactdraft.render import render
from compactdraft.word.tracked import read_tracked
from compactdraft.word.writer import title_provision

SCALE = {"quick": 0.1, "ci": 1.0, "thorough": 10.0}[os.environ.get("COMPACTDRAFT_PROPERTIES", "ci")]

# examples per property under the ci profile; docs/robustness.md quotes this table
COUNTS = {
    "diff_words_accept_reject": 2500,
    "diff_chars_accept_reject": 1500,
    "diff_with_itself": 2500,
    "change_list_accept_reject": 1200,
    "change_list_self": 400,
    "docx_accept_reject": 300,
    "docx_self": 150,
    "align_identity": 500,
    "json_round_trip": 800,
    "text_parse_json_round_trip": 500,
    "graph_round_trip": 150,
}


def examples(name: str) -> settings:
    return settings(max_examples=max(5, int(COUNTS[name] * SCALE)), deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def test_ci_profile_runs_at_least_ten_thousand_examples() -> None:
    assert sum(COUNTS.values()) >= 10_000


# --- generators ------------------------------------------------------------------------------------

texts = st.lists(st.sampled_from(WORDS + ["\n", "  ", "17.", "(a)", "[", "]"]), max_size=25).map(" ".join)
any_text = st.text(max_size=60)
plain = st.lists(st.sampled_from(WORDS[:-2]), min_size=1, max_size=12).map(" ".join)  # no bare punctuation


@st.composite
def drafts(draw: st.DrawFn, draft_id: str = "d") -> Draft:
    """A random structured draft: objectives holding numbered paragraphs holding lettered actions."""
    provisions: list[Provision] = []
    number = 1
    for objective in range(1, draw(st.integers(0, 4)) + 1):
        heading = f"obj.{objective}"
        provisions.append(Provision(heading, f"Objective {objective}:", Kind.HEADING, draw(plain), None, 0, True,
                                    ref=f"p:{len(provisions)}"))
        for _ in range(draw(st.integers(0, 3))):
            para = f"para.{number}"
            notes = tuple(Footnote(str(n), draw(plain)) for n in range(1, draw(st.integers(0, 1)) + 1))
            provisions.append(Provision(para, f"{number}.", Kind.COMMITMENT, draw(plain), heading, 1, True, notes))
            for letter in "abc"[:draw(st.integers(0, 3))]:
                provisions.append(Provision(f"{para}.{letter}", f"({letter})", Kind.ACTION, draw(plain), para, 2))
            number += 1
    title = draw(st.sampled_from(["", "Global Compact for Testing"]))
    return Draft(draft_id, title, tuple(provisions), date=draw(st.sampled_from([None, "2018-07-13"])),
                 format="docx", profile="un-compact", warnings=tuple(draw(st.lists(plain, max_size=2))))


# --- diff ------------------------------------------------------------------------------------------

@examples("diff_words_accept_reject")
@given(texts, texts)
def test_word_diff_accept_is_new_reject_is_old(old: str, new: str) -> None:
    ops = diff_words(old, new)
    assert accept(ops) == new and reject(ops) == old


@examples("diff_chars_accept_reject")
@given(any_text, any_text)
def test_char_diff_accept_is_new_reject_is_old_on_any_unicode(old: str, new: str) -> None:
    ops = diff_chars(old, new)
    assert accept(ops) == new and reject(ops) == old


@examples("diff_with_itself")
@given(st.one_of(texts, any_text))
def test_a_text_diffed_with_itself_has_no_changes(text: str) -> None:
    assert not changed(diff_words(text, text))
    assert not changed(diff_chars(text, text))


# --- change list and Word redline -----------------------------------------------------------------

def accepted_and_rejected(redline: Redline) -> tuple[list[str], list[str]]:
    return redline.new_texts(), redline.old_texts()


@examples("change_list_accept_reject")
@given(alignments())
def test_change_list_accept_all_is_new_reject_all_is_old(alignment) -> None:
    new_texts, old_texts = accepted_and_rejected(redline_from_alignment(alignment))
    assert new_texts == [p.text for p in alignment.new]
    assert old_texts == [p.text for p in alignment.old]


@examples("change_list_self")
@given(drafts())
def test_a_draft_compared_with_itself_has_no_changes(draft: Draft) -> None:
    assert not compare(draft, draft).changed


def displays(draft: Draft) -> list[str]:
    title = title_provision(draft)
    return ([title.text] if title else []) + [p.display for p in draft.provisions]


@examples("docx_accept_reject")
@given(drafts("old"), drafts("new"))
def test_word_redline_accept_all_is_new_reject_all_is_old(old: Draft, new: Draft) -> None:
    document = read_tracked(render("redline", compare(old, new), "docx"))
    if len(old) and len(new):  # a side with no provisions is one empty paragraph in Word
        assert document.accepted() == displays(new)
        assert document.rejected() == displays(old)


@examples("docx_self")
@given(drafts())
def test_word_redline_of_a_draft_with_itself_has_no_revisions(draft: Draft) -> None:
    assert read_tracked(render("redline", compare(draft, draft), "docx")).revision_count() == 0


# --- alignment -------------------------------------------------------------------------------------

@examples("align_identity")
@given(drafts())
def test_aligning_a_draft_with_itself_is_the_identity(draft: Draft) -> None:
    links = align(draft, draft).links
    assert sorted((link.old, link.new) for link in links) == sorted(((p.id,), (p.id,)) for p in draft)
    assert all(link.kind.value == "unchanged" for link in links)


# --- JSON ------------------------------------------------------------------------------------------

@examples("json_round_trip")
@given(drafts())
def test_draft_to_json_and_back_is_the_identity(draft: Draft) -> None:
    data = json.dumps(draft_to_dict(draft), ensure_ascii=False).encode("utf-8")
    loaded = parse_bytes(data, "draft.json")
    assert loaded == draft
    assert loaded.provisions == draft.provisions


@examples("text_parse_json_round_trip")
@given(st.lists(plain, min_size=1, max_size=8), st.booleans())
def test_parse_then_json_then_load_is_the_identity(paragraphs: list[str], numbered: bool) -> None:
    body = "\n\n".join(f"{n}. {text}" if numbered else text for n, text in enumerate(paragraphs, 1))
    parsed = parse_bytes(body.encode("utf-8"), "random.txt")
    rendered = render("draft", parsed, "json")
    loaded = parse_bytes(rendered.encode("utf-8") if isinstance(rendered, str) else rendered, "random.json")
    assert loaded == parsed


# --- provenance graph ------------------------------------------------------------------------------

@examples("graph_round_trip")
@given(drafts("zero"), drafts("final"), st.sampled_from(["graphml", "gexf", "json"]))
def test_graph_saved_and_loaded_is_equal(zero: Draft, final: Draft, fmt: str) -> None:
    graph = build_graph([zero, final])
    data = to_bytes(graph, fmt)
    loaded = from_bytes(data, fmt)
    assert dict(loaded.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(loaded.edges(keys=True, data=True)) == sorted(graph.edges(keys=True, data=True))
    assert to_bytes(loaded, fmt) == data
