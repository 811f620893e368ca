"""Pictures and equations compared by content: one object token (U+FFFC + a content key) each."""
from __future__ import annotations

import json

import pytest
from conftest import PEER
from lxml import etree

from compactdraft.diff import DELETE, EQUAL, INSERT, diff_words, tokenise
from compactdraft.model import draft_from_dict, draft_to_dict
from compactdraft.parse import parse_file
from compactdraft.parse.structure import Block, build_draft
from compactdraft.redline import compare
from compactdraft.render import render
from compactdraft.safeio import SafeZip
from compactdraft.word.content import object_elements
from compactdraft.word.namespaces import W
from compactdraft.word.objects import KEY_LENGTH, OBJECT, OBJECT_TOKEN, ObjectKeys, key_token, strip_objects
from compactdraft.word.tracked import read_tracked, read_tracked_file

M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
W_NS = W[1:-1]


def _math(body: str) -> etree._Element:
    return etree.fromstring(f'<m:oMath xmlns:m="{M}" xmlns:w="{W_NS}">{body}</m:oMath>')


def _run(text: str, font: str = "Cambria Math") -> str:
    return f'<m:r><w:rPr><w:rFonts w:ascii="{font}"/></w:rPr><m:t>{text}</m:t></m:r>'


def _tokens_of(relative: str) -> list[str]:
    """The object tokens of a peer document's body, in reading order."""
    package = SafeZip((PEER / relative).read_bytes(), relative)
    keys = ObjectKeys(package, "word/document.xml")
    body = package.read_xml("word/document.xml").find(W + "body")
    return [keys.token(o) for p in body.iter(W + "p") for o in object_elements(p)]


def _peer(relative: str) -> str:
    if not (PEER / relative).exists():
        pytest.skip(f"WmlComparer peer suite not found at {PEER}")
    return relative


def test_an_object_token_is_one_diff_token_and_cannot_be_a_token_code() -> None:
    a, b = key_token("picture a"), key_token("picture b")
    assert len(a) == 1 + KEY_LENGTH and a != b and a.startswith(OBJECT)
    assert all(0xFE00 <= ord(c) <= 0xFE0F for c in a[1:])  # variation selectors, not private use
    assert tokenise(f"See{a}{b} here") == ["See", a, b, " ", "here"]
    ops = diff_words(f"Before {a} after", f"Before {b} after")
    assert [(o.op, o.text) for o in ops if o.op != EQUAL] == [(DELETE, a), (INSERT, b)]
    assert all(o.op == EQUAL for o in diff_words(f"x {a} y", f"x {a} y"))
    assert strip_objects(f"A{a} b{b}") == "A b" and OBJECT_TOKEN.fullmatch(a)


def test_an_equation_key_is_its_text_and_structure_not_its_formatting() -> None:
    keys = ObjectKeys()
    plain = keys.token(_math(_run("A=π") + _run("r")))
    assert keys.token(_math(_run("A=π", font="Arial") + _run("r"))) == plain  # formatting only
    assert keys.token(_math(_run("A=2π") + _run("r"))) != plain  # an m:t changed
    superscript = f"<m:sSup><m:e>{_run('r')}</m:e><m:sup>{_run('2')}</m:sup></m:sSup>"
    subscript = f"<m:sSub><m:e>{_run('r')}</m:e><m:sub>{_run('2')}</m:sub></m:sSub>"
    assert keys.token(_math(superscript)) != keys.token(_math(subscript))  # same texts, other structure
    # its own tracked changes are read as accepted, like the text around it
    tracked = _math(f'<w:ins w:id="1">{_run("A=π")}</w:ins><w:del w:id="2">{_run("old")}</w:del>{_run("r")}')
    assert keys.token(tracked) == plain


def test_pictures_are_keyed_by_their_image_and_diagrams_by_their_texts() -> None:
    before, after = _tokens_of(_peer("WC/WC013-Image-Before.docx")), _tokens_of("WC/WC013-Image-After.docx")
    assert len(before) == len(after) == 1 and before != after  # the picture was replaced
    # re-saved SmartArt: other XML bytes, same diagram texts -> the same object
    assert _tokens_of("WC/WC052-SmartArt-Same.docx") == _tokens_of("WC/WC052-SmartArt-Same-Mod.docx")
    # an equation whose text changed is a different object
    assert _tokens_of("WC/WC012-Math-Before.docx") != _tokens_of("WC/WC012-Math-After.docx")


@pytest.mark.parametrize("left, right, expected", [
    ("WC/WC013-Image-Before.docx", "WC/WC013-Image-After.docx", 2),  # replaced picture: del + ins
    ("WC/WC012-Math-Before.docx", "WC/WC012-Math-After.docx", 2),  # changed equation: del + ins
])
def test_a_replaced_object_is_a_deletion_and_an_insertion_that_round_trip(left: str, right: str,
                                                                           expected: int) -> None:
    old, new = parse_file(PEER / _peer(left), draft_id="left"), parse_file(PEER / right, draft_id="right")
    data = render("redline", compare(old, new), "docx")
    assert data == render("redline", compare(old, new), "docx")
    doc = read_tracked(data)
    assert doc.revision_count() == expected
    assert doc.accepted() == read_tracked_file(PEER / right).accepted()
    assert doc.rejected() == read_tracked_file(PEER / left).accepted()
    assert read_tracked(render("redline", compare(new, new), "docx")).revision_count() == 0


def test_object_tokens_survive_the_json_round_trip_and_logos_take_no_id() -> None:
    logo = Block(key_token("logo"), ref="p:0")
    blocks = [logo, Block("Global compact for safe, orderly and regular migration"), Block("Preamble", style="heading"),
              Block(f"We have met {key_token('equation')} today.", label="1.")]
    draft = build_draft(blocks, draft_id="d", source=None, fmt="docx", profile="un-compact")
    assert not any(strip_objects(p.text) != p.text and not strip_objects(p.text).strip() for p in draft.provisions)
    assert any(key_token("equation") in p.text for p in draft.provisions)
    assert draft_from_dict(json.loads(json.dumps(draft_to_dict(draft), ensure_ascii=False))) == draft
