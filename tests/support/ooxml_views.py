"""An independent reader of a .docx's accept-all and reject-all views, for the redline oracle.

It shares no code with compactdraft's writer or reader: it resolves the tracked changes in the XML
itself (w:ins/w:del/w:moveFrom/w:moveTo, paragraph marks, table rows, w:rPrChange/w:pPrChange) and
reads each non-empty paragraph as
  container  body, cell, textbox, footnote or endnote;
  text       its characters (tabs as "\\t", breaks as "\\n", objects as U+FFFC);
  structure  its inline items in order: tab, br, field, hyperlink, object, noteref;
  formatting (text, bold, italic, underline, vertAlign) segments, from each run's direct rPr.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_NOTE_PARTS = {"word/footnotes.xml": "footnote", "word/endnotes.xml": "endnote"}
_OBJECTS = {W + "drawing", W + "pict", W + "object", "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMath"}


@dataclass
class Paragraph:
    container: str
    text: str = ""
    structure: list[str] = field(default_factory=list)
    formatting: list[tuple[str, bool, bool, str, str]] = field(default_factory=list)

    def add_text(self, text: str, fmt: tuple[bool, bool, str, str]) -> None:
        self.text += text
        if self.formatting and self.formatting[-1][1:] == fmt:
            last = self.formatting[-1]
            self.formatting[-1] = (last[0] + text, *fmt)
        else:
            self.formatting.append((text, *fmt))


def _flag(rpr: etree._Element | None, name: str) -> bool:
    node = rpr.find(W + name) if rpr is not None else None
    return node is not None and node.get(W + "val", "true") not in ("0", "false", "off")


def _format(rpr: etree._Element | None, accept: bool) -> tuple[bool, bool, str, str]:
    if rpr is not None and not accept:
        change = rpr.find(W + "rPrChange")
        if change is not None:
            rpr = change.find(W + "rPr")
    underline = rpr.find(W + "u") if rpr is not None else None
    vert = rpr.find(W + "vertAlign") if rpr is not None else None
    return (_flag(rpr, "b"), _flag(rpr, "i"),
            (underline.get(W + "val", "single") if underline is not None else "none"),
            (vert.get(W + "val", "baseline") if vert is not None else "baseline"))


class _Reader:
    def __init__(self, accept: bool) -> None:
        self.accept = accept
        self.dropped = {W + "del", W + "moveFrom"} if accept else {W + "ins", W + "moveTo"}
        self.paragraphs: list[Paragraph] = []
        self.pending: Paragraph | None = None  # a paragraph whose mark this view removes

    def mark_removed(self, p: etree._Element) -> bool:
        rpr = p.find(f"{W}pPr/{W}rPr")
        return rpr is not None and any(rpr.find(tag) is not None for tag in self.dropped)

    def block(self, node: etree._Element, container: str) -> None:
        for child in node:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child, container)
            elif tag == W + "tbl":
                for row in child.iter(W + "tr"):
                    trpr = row.find(W + "trPr")
                    if trpr is not None and any(trpr.find(t) is not None for t in self.dropped):
                        continue
                    for cell in row.findall(W + "tc"):
                        self.block(cell, "cell")
            elif tag in self.dropped:
                continue
            elif tag in (W + "ins", W + "moveTo", W + "del", W + "moveFrom", W + "sdt", W + "sdtContent",
                         W + "customXml"):
                self.block(child, container)

    def paragraph(self, p: etree._Element, container: str) -> None:
        para = self.pending if self.pending is not None and self.pending.container == container \
            else Paragraph(container)
        self.pending = None
        self.inline(p, para, container)
        if self.mark_removed(p):
            self.pending = para
            return
        if para.text.strip() or para.structure:
            self.paragraphs.append(para)

    def inline(self, node: etree._Element, para: Paragraph, container: str) -> None:
        for child in node:
            tag = child.tag
            if tag in self.dropped or tag == W + "pPr":
                continue
            if tag == W + "r":
                self.run(child, para, container)
            elif tag == W + "hyperlink":
                para.structure.append("hyperlink")
                self.inline(child, para, container)
            elif tag == W + "fldSimple":
                para.structure.append("field")
                self.inline(child, para, container)
            elif tag == MC + "AlternateContent":
                choice = child.find(MC + "Choice")
                if choice is not None:
                    self.inline(choice, para, container)
            elif isinstance(tag, str) and tag not in _OBJECTS:
                self.inline(child, para, container)

    def run(self, r: etree._Element, para: Paragraph, container: str) -> None:
        fmt = _format(r.find(W + "rPr"), self.accept)
        for child in r:
            tag = child.tag
            if tag in (W + "t", W + "delText"):
                para.add_text(child.text or "", fmt)
            elif tag == W + "instrText" or tag == W + "delInstrText":
                continue
            elif tag == W + "tab":
                para.structure.append("tab")
                para.add_text("\t", fmt)
            elif tag in (W + "br", W + "cr"):
                para.structure.append("br")
                para.add_text("\n", fmt)
            elif tag == W + "fldChar" and child.get(W + "fldCharType") == "begin":
                para.structure.append("field")
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                para.structure.append("noteref")
            elif tag in _OBJECTS or tag == MC + "AlternateContent":
                para.structure.append("object")
                para.add_text("\ufffc", fmt)
                for box in child.iter(W + "txbxContent"):
                    self.textbox(box)
                    break  # Choice and Fallback hold the same box: read it once

    def textbox(self, box: etree._Element) -> None:
        saved, self.pending = self.pending, None
        inner = _Reader(self.accept)
        inner.block(box, "textbox")
        self.paragraphs.extend(inner.paragraphs)
        self.pending = saved


def views(data: bytes) -> dict[str, list[Paragraph]]:
    """{"accept": paragraphs, "reject": paragraphs} of a .docx, body then notes."""
    package = zipfile.ZipFile(io.BytesIO(data))
    names = set(package.namelist())
    result = {}
    for name, accept in (("accept", True), ("reject", False)):
        reader = _Reader(accept)
        body = etree.fromstring(package.read("word/document.xml")).find(W + "body")
        if body is not None:
            reader.block(body, "body")
        for part, kind in _NOTE_PARTS.items():
            if part not in names:
                continue
            for note in etree.fromstring(package.read(part)):
                if note.get(W + "type") in (None, "normal"):
                    reader.block(note, kind)
        result[name] = reader.paragraphs
    return result


ASPECTS = ("text", "structure", "formatting", "container")


def aspect(paragraphs: list[Paragraph], name: str) -> list[object]:
    if name == "text":
        return [p.text for p in paragraphs]
    if name == "structure":
        return [p.structure for p in paragraphs]
    if name == "formatting":
        return [[segment for segment in p.formatting if segment[0].strip()] for p in paragraphs]
    return [p.container for p in paragraphs]
