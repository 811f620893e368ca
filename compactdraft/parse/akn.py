"""Akoma Ntoso XML (.xml, .akn): preface, preamble, body and attachments as the document prints them.

Hierarchical elements (chapter, section, paragraph, subparagraph, point, list items, ...) carry a
``<num>`` and/or a ``<heading>``. A heading becomes a heading block (``<num> <heading>`` as printed,
e.g. "Objective 1: ..."); a ``<num>`` without a heading becomes the label of the element's first text
(its ``<content>``, ``<intro>`` or first sub-element), so ids are recomputed from ``<num>`` by the
structurer and never taken from the file's ``eId``s (which are kept only as ``ref``). Inline
``<authorialNote>`` elements are footnotes of their paragraph; ``<del>``, ``<remark>``, ``<noteRef>``
and the metadata block are not part of the text. The title comes from ``<docTitle>`` (else the FRBR
work name) and the date, unless given, from the FRBR expression date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..errors import InputError
from ..model import Draft, Footnote
from ..safeio import parse_xml
from . import ReadOptions
from .structure import Block, build_draft, clean_text

SKIP = {"meta", "del", "remark", "noteRef", "eol", "eop", "img", "componentRef", "documentRef"}
TEXT_BLOCKS = {"p", "block", "tblock", "longTitle", "formula"}
STRUCTURAL_CHILDREN = {"num", "heading", "subheading"}


def local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _child(element: etree._Element, name: str) -> etree._Element | None:
    for child in element:
        if local(child) == name:
            return child
    return None


def inline_text(element: etree._Element, notes: list[Footnote]) -> str:
    """Text of an inline container, footnotes collected, skipped elements left out (tails kept)."""
    parts = [element.text or ""]
    for child in element:
        name = local(child)
        if name == "authorialNote":
            note_text = clean_text(" ".join(inline_text(p, []) for p in child.iter() if local(p) == "p")
                                   or inline_text(child, []))
            notes.append(Footnote(child.get("marker") or str(len(notes) + 1), note_text))
        elif name and name not in SKIP:
            parts.append(inline_text(child, notes))
        parts.append(child.tail or "")
    return "".join(parts)


@dataclass
class _Walker:
    blocks: list[Block] = field(default_factory=list)
    pending_label: str | None = None  # a <num> waiting for the first text of its element
    pending_ref: str | None = None
    style: str | None = None  # "preamble" inside <preamble>: its paragraphs are preambular whatever they say

    def emit(self, text: str, notes: list[Footnote], style: str | None = None, ref: str | None = None) -> None:
        if not clean_text(text) and not notes:
            return
        label, self.pending_label = self.pending_label, None
        element_ref, self.pending_ref = self.pending_ref, None
        style = style or (self.style if label is None else None)
        self.blocks.append(Block(text, label=label, style=style, footnotes=tuple(notes),
                                 ref=element_ref or ref or f"akn:{len(self.blocks)}"))

    def walk(self, element: etree._Element) -> None:
        name = local(element)
        if not name or name in SKIP:
            return
        if name in TEXT_BLOCKS:
            notes: list[Footnote] = []
            self.emit(inline_text(element, notes), notes, ref=_ref(element))
            return
        if name in ("preface", "coverPage"):
            self.preface(element)
            return
        if name == "preamble":
            self.style = "preamble"
            for child in element:
                self.walk(child)
            self.style = None
            return
        # UN files title a section with <heading> in some languages and <subheading> in others
        num = _child(element, "num")
        heading = _child(element, "heading")
        if heading is None:
            heading = _child(element, "subheading")
        if heading is not None:
            self.heading(element, num, heading)
        elif num is not None:
            # a number still waiting for text (a paragraph that opens straight into a <list> of
            # numbered points, as S/RES/2709 paragraph 58) is printed before the inner number replaces it
            self.flush_pending()
            self.pending_label = clean_text(inline_text(num, []))
            self.pending_ref = _ref(element)
        for child in element:
            if local(child) not in STRUCTURAL_CHILDREN:
                self.walk(child)
        if num is not None and heading is None:
            self.flush_pending()  # a numbered element with no text of its own still shows its number

    def flush_pending(self) -> None:
        if self.pending_label is not None:
            self.blocks.append(Block("", label=self.pending_label, ref=self.pending_ref))
            self.pending_label = self.pending_ref = None

    def heading(self, element: etree._Element, num: etree._Element | None, heading: etree._Element) -> None:
        notes: list[Footnote] = []
        number = clean_text(inline_text(num, [])) if num is not None else ""
        title = clean_text(inline_text(heading, notes))
        self.emit(f"{number} {title}".strip(), notes, style="heading", ref=_ref(element))

    def preface(self, element: etree._Element) -> None:
        """A nested document's preface (an annex) prints as its heading; the main one gives the title."""
        title = _cover_title(element)
        if title:
            self.emit(title, [], style="heading", ref=_ref(element))


def _ref(element: etree._Element) -> str | None:
    eid = element.get("eId") or element.get("id")
    return f"eId:{eid}" if eid else None


def _document(root: etree._Element, source: str) -> etree._Element:
    if local(root) != "akomaNtoso":
        raise InputError("is not an Akoma Ntoso document (root element is not akomaNtoso)", source)
    for child in root:
        if local(child):
            return child
    raise InputError("the Akoma Ntoso document holds no document element", source)


def _find(element: etree._Element, name: str) -> etree._Element | None:
    for found in element.iter():
        if local(found) == name:
            return found
    return None


def _cover_title(cover: etree._Element) -> str:
    """The first non-empty <docTitle> of a preface or coverPage, else its <docNumber> (the symbol).

    UN files print the masthead (organ, symbol, distribution, date) and the title lines in a
    <coverPage>; they describe the document and are no part of its text, so they give the title
    and never become provisions. (Some languages leave the title's <docTitle> empty: then the
    symbol, "S/RES/2722 (2024)", names the draft.)
    """
    for name in ("docTitle", "docNumber"):
        for found in cover.iter():
            if local(found) == name and (text := clean_text(inline_text(found, []))):
                return text
    return ""


def _title_and_date(document: etree._Element) -> tuple[str, str | None]:
    title = ""
    for name in ("preface", "coverPage"):
        cover = _child(document, name)
        if cover is not None and not title:
            title = _cover_title(cover)
    meta = _child(document, "meta")
    work_name = _find(meta, "FRBRname") if meta is not None else None
    if not title and work_name is not None:
        title = clean_text(work_name.get("value") or "")
    expression = _find(meta, "FRBRExpression") if meta is not None else None
    date_element = _find(expression, "FRBRdate") if expression is not None else None
    date = date_element.get("date") if date_element is not None else None
    return title, date


def akn_blocks(root: etree._Element, source: str) -> tuple[list[Block], str, str | None]:
    document = _document(root, source)
    title, date = _title_and_date(document)
    walker = _Walker()
    for child in document:
        if local(child) not in ("meta", "preface", "coverPage"):
            walker.walk(child)
    return walker.blocks, title, date


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?")


def read(data: bytes, source: str, options: ReadOptions) -> Draft:
    blocks, title, date = akn_blocks(parse_xml(data, source), source)
    warnings = []
    if date is not None and not _ISO_DATE.fullmatch(date.strip()):
        # kept out of the draft: every later date use (w:date of a redline) would fail far from this file
        warnings.append(f"FRBRdate {date!r} is not an ISO date (YYYY-MM-DD); ignored")
        date = None
    return build_draft(blocks, draft_id=options.draft_id, source=source, fmt="akn", profile=options.profile,
                       date=options.date or date, title=title or None, warnings=warnings)
