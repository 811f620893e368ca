"""Fuzzing every reader and the redline round trip on a fixed, deterministic budget (issue 18).

Hypothesis mutates real draft bytes (the .docx's document.xml, HTML, Akoma Ntoso, text, JSON, PDF): each
reader either returns a draft or raises InputError (one line naming the file), never anything else; the
redline of any two parsed drafts accepts to the new text and rejects to the old. ``derandomize=True``
makes every CI run try the same examples; the budget (``FUZZ_EXAMPLES`` per reader) keeps the whole file
to seconds.
"""
from __future__ import annotations

import io
import zipfile

import pytest
from docxfactory import compact_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdffactory import make_pdf

from compactdraft.errors import InputError
from compactdraft.parse import parse_bytes
from compactdraft.redline import redline_from_alignment

FUZZ_EXAMPLES = 200
BUDGET = settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

DOCX = compact_docx(objectives=2).to_bytes()
SEEDS = {
    "d.txt": b"Preamble\n\n1. We commit to strengthen data.\n2. We will [enhance] cooperation.\n",
    "d.html": (b"<html><head><title>T</title></head><body><h1>Objectives</h1><ol start='3'><li>We commit.</li>"
               b"<li>We <b>will</b> act.</li></ol><div><p>Text</p></div></body></html>"),
    "d.xml": (b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><meta/><body>'
              b'<paragraph eId="para_1"><num>1.</num><content><p>States shall act.</p></content></paragraph>'
              b"</body></act></akomaNtoso>"),
}


def _mutate(seed: bytes, data: st.DataObject) -> bytes:
    """Cut, duplicate, replace or insert a slice of the seed (structure-aware enough to get past the sniffing)."""
    out = bytearray(seed)
    for _ in range(data.draw(st.integers(1, 4))):
        if not out:
            break
        start = data.draw(st.integers(0, len(out) - 1))
        end = data.draw(st.integers(start, min(len(out), start + 64)))
        action = data.draw(st.sampled_from(["cut", "dup", "bytes", "markup"]))
        if action == "cut":
            del out[start:end]
        elif action == "dup":
            out[start:start] = out[start:end] * data.draw(st.integers(1, 40))
        elif action == "bytes":
            out[start:end] = data.draw(st.binary(max_size=16))
        else:
            out[start:start] = data.draw(st.sampled_from(
                [b"<div>", b"</p>", b"<ol start='99999999999'>", b"<li>", b"&amp;", b"\xef\xbb\xbf", b"\x00",
                 b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"\r", b"\x0b", "\u2028".encode(), b"{++x++}"]))
    return bytes(out)


def _read(data: bytes, name: str) -> None:
    try:
        parse_bytes(data, name)
    except InputError as exc:
        assert "\n" not in exc.one_line() and exc.one_line().startswith(name), exc.one_line()


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_a_mutated_text_html_or_akn_file_is_read_or_refused(name: str) -> None:
    @BUDGET
    @given(st.data())
    def run(data: st.DataObject) -> None:
        _read(_mutate(SEEDS[name], data), name)

    run()


@BUDGET
@given(st.data())
def test_a_docx_with_a_mutated_document_part_is_read_or_refused(data: st.DataObject) -> None:
    members = {}
    with zipfile.ZipFile(io.BytesIO(DOCX)) as package:
        for info in package.infolist():
            members[info.filename] = package.read(info)
    part = data.draw(st.sampled_from(sorted(n for n in members if n.endswith((".xml", ".rels")))))
    members[part] = _mutate(members[part], data)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in members.items():
            package.writestr(name, content)
    _read(buffer.getvalue(), "d.docx")


@BUDGET
@given(st.data())
def test_a_mutated_pdf_or_json_is_read_or_refused(data: st.DataObject) -> None:
    pdf = make_pdf([["1. States shall act.", "2. States shall report."]])
    _read(_mutate(pdf, data), "d.pdf")
    draft = parse_bytes(SEEDS["d.txt"], "d.txt")
    from compactdraft.render import render

    _read(_mutate(str(render("draft", draft, "json")).encode(), data), "d.json")


WORDS = st.sampled_from(["States", "shall", "may,", "where", "convenient", "{++", "<b>", "[enhance]", "1.", "\n",
                         "Article", "1、", "données", "\u2028", "~>", "*"])


@BUDGET
@given(st.lists(st.lists(WORDS, min_size=1, max_size=12), min_size=1, max_size=6),
       st.lists(st.lists(WORDS, min_size=1, max_size=12), min_size=1, max_size=6))
def test_the_redline_of_any_two_texts_accepts_to_the_new_and_rejects_to_the_old(old: list, new: list) -> None:
    def text(paragraphs: list) -> bytes:
        return "".join(f"{n}. {' '.join(words)}\n" for n, words in enumerate(paragraphs, 1)).encode()

    from compactdraft.align import align

    first, second = parse_bytes(text(old), "old.txt"), parse_bytes(text(new), "new.txt")
    redline = redline_from_alignment(align(first, second))
    assert sorted(redline.new_texts()) == sorted(t for p in second.provisions for t in p.text.split("\n") if p.text)
    assert sorted(redline.old_texts()) == sorted(t for p in first.provisions for t in p.text.split("\n") if p.text)
