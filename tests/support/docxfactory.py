"""Build real .docx files at test time, with Word automatic numbering (numbering.xml), footnotes and
tracked changes, using python-docx for the package and lxml for the WordprocessingML it lacks.

    doc = DocxBuilder()
    doc.abstract_num(1, [Lvl("decimal", "%1.")])
    doc.num(1, 1)
    doc.paragraph("We commit ...", num=1)          # Word prints "1."
    data = doc.to_bytes()
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = f'xmlns:w="{W_NS}"'
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


@dataclass(frozen=True)
class Lvl:
    """One numbering level: format, level text, start, lvlRestart, bound paragraph style."""

    fmt: str
    text: str
    start: int = 1
    restart: int | None = None
    style: str | None = None

    def xml(self, ilvl: int) -> str:
        restart = f'<w:lvlRestart w:val="{self.restart}"/>' if self.restart is not None else ""
        style = f'<w:pStyle w:val="{self.style}"/>' if self.style else ""
        return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{self.start}"/><w:numFmt w:val="{self.fmt}"/>'
                f'{restart}{style}<w:lvlText w:val="{escape(self.text)}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{720 * (ilvl + 1)}" w:hanging="360"/></w:pPr></w:lvl>')


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


class DocxBuilder:
    """A .docx under construction: numbering definitions, paragraphs, footnotes."""

    def __init__(self) -> None:
        self.doc = Document()
        self.body = self.doc.element.body
        self.numbering = self.doc.part.numbering_part.element
        for child in list(self.numbering):
            self.numbering.remove(child)
        self.footnotes: list[str] = []

    # -- numbering.xml

    def abstract_num(self, abstract_id: int, levels: Sequence[Lvl]) -> None:
        lvls = "".join(level.xml(i) for i, level in enumerate(levels))
        element = parse_xml(f'<w:abstractNum {NSDECL} w:abstractNumId="{abstract_id}">'
                            f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
        # abstractNums must precede every w:num in numbering.xml
        first_num = self.numbering.find(f"{{{W_NS}}}num")
        if first_num is None:
            self.numbering.append(element)
        else:
            first_num.addprevious(element)

    def num(self, num_id: int, abstract_id: int, start_overrides: dict[int, int] | None = None) -> None:
        overrides = "".join(f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                            for ilvl, start in (start_overrides or {}).items())
        self.numbering.append(parse_xml(f'<w:num {NSDECL} w:numId="{num_id}">'
                                        f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'))

    def numbered_style(self, style_id: str, num: int, ilvl: int = 0, based_on: str | None = None) -> None:
        """A paragraph style that carries numbering (optionally based on another style)."""
        base = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
        numpr = f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>' if num else ""
        styles = self.doc.styles.element
        styles.append(parse_xml(f'<w:style {NSDECL} w:type="paragraph" w:styleId="{style_id}">'
                                f'<w:name w:val="{style_id}"/>{base}<w:pPr>{numpr}</w:pPr></w:style>'))

    # -- body

    def paragraph(self, text: str, num: int | None = None, ilvl: int = 0, style: str | None = None,
                  style_id: str | None = None) -> None:
        """A paragraph; ``{fn:TEXT}`` in text becomes a footnote reference with that footnote text."""
        para = self.doc.add_paragraph(style=style)
        ppr = para._p.get_or_add_pPr()
        if style_id:
            ppr.insert(0, parse_xml(f'<w:pStyle {NSDECL} w:val="{style_id}"/>'))
        if num is not None:
            ppr.append(parse_xml(f'<w:numPr {NSDECL}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>'))
        for chunk in _split_notes(text):
            if chunk.startswith("{fn:"):
                self.footnotes.append(chunk[4:-1])
                note_id = len(self.footnotes)
                para._p.append(parse_xml(f'<w:r {NSDECL}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                                         f'<w:footnoteReference w:id="{note_id}"/></w:r>'))
            elif chunk:
                para.add_run(chunk)

    def raw(self, xml: str) -> None:
        """Append raw body XML (w:p or w:tbl) written with the w: prefix."""
        element = parse_xml(xml.replace("<w:p>", f"<w:p {NSDECL}>", 1) if xml.startswith("<w:p>")
                            else xml.replace("<w:tbl>", f"<w:tbl {NSDECL}>", 1))
        self.body.sectPr.addprevious(element) if self.body.sectPr is not None else self.body.append(element)

    def to_bytes(self, title: str | None = None) -> bytes:
        if title is not None:
            self.doc.core_properties.title = title
        out = io.BytesIO()
        self.doc.save(out)
        data = out.getvalue()
        return _add_footnotes(data, self.footnotes) if self.footnotes else data


def _split_notes(text: str) -> list[str]:
    chunks, rest = [], text
    while "{fn:" in rest:
        before, _, after = rest.partition("{fn:")
        note, _, rest = after.partition("}")
        chunks += [before, "{fn:" + note + "}"]
    return chunks + [rest]


def _add_footnotes(data: bytes, notes: list[str]) -> bytes:
    """Add word/footnotes.xml (separators + notes) with its content type and relationship."""
    body = "".join(f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> '
                   f'{escape(text)}</w:t></w:r></w:p></w:footnote>' for i, text in enumerate(notes, 1))
    part = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {NSDECL}>'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
            f'</w:footnote>{body}</w:footnotes>')
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", f'<Override PartName="/word/footnotes.xml" '
                                                       f'ContentType="{FOOTNOTES_CT}"/></Types>'.encode())
            elif info.filename == "word/_rels/document.xml.rels":
                content = content.replace(b"</Relationships>", f'<Relationship Id="rIdFn1" Type="{FOOTNOTES_REL}" '
                                                               f'Target="footnotes.xml"/></Relationships>'.encode())
            target.writestr(info.filename, content)
        target.writestr("word/footnotes.xml", part)
    return out.getvalue()


def compact_docx(objectives: int = 3, actions: Sequence[int] = (3, 2, 4), first_para: int = 17) -> DocxBuilder:
    """A small compact the way UN secretariats number it in Word.

    Commitments: one decimal list ("%1.") continuing across objectives (start ``first_para``).
    Actions: a second abstractNum ("(%1)" lowerLetter, "(%2)" lowerRoman below), one w:num per
    commitment with a startOverride, so letters restart under each paragraph.
    """
    doc = DocxBuilder()
    doc.abstract_num(1, [Lvl("decimal", "%1.", start=first_para)])
    doc.abstract_num(2, [Lvl("lowerLetter", "(%1)"), Lvl("lowerRoman", "(%2)")])
    doc.num(1, 1)
    doc.paragraph("Global Compact for Testing", style="Title")
    doc.paragraph("Preamble", style="Heading 1")
    doc.paragraph("Recalling the declaration adopted by the General Assembly,")
    doc.paragraph("Reaffirming the purposes of the Charter,")
    for n in range(1, objectives + 1):
        doc.paragraph(f"Objective {n}: Objective number {n} of the compact", style="Heading 2")
        doc.paragraph(f"We commit to the commitment of objective {n}.", num=1)
        doc.paragraph("To realize this commitment, we will draw from the following actions:")
        doc.num(100 + n, 2, {0: 1})
        for a in range(actions[(n - 1) % len(actions)]):
            doc.paragraph(f"Action {a + 1} of objective {n}.", num=100 + n)
            if n == 1 and a == 0:
                doc.paragraph("first point;", num=100 + n, ilvl=1)
                doc.paragraph("second point.", num=100 + n, ilvl=1)
    return doc
