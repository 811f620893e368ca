"""The annotated final draft as Word (comments or footnotes) and as HTML (notes in a side panel).

Word: the final draft's own .docx is copied part by part (styles, numbering, headers, its own
footnotes all kept) and only three things change: word/document.xml gains a comment range (or a
footnote reference) on each annotated paragraph, a comments (footnotes) part holds the notes, and the
relationships and content types name that part. The paragraph of a provision is found from
``Provision.ref`` (``p:i``, the i-th ``w:p`` of the body in document order, as the docx reader sets it).
A final draft that is not a .docx is first written as a plain one, one paragraph per provision.

The zip is rewritten with members in their original order and a fixed timestamp, and every note's
date is the final draft's date, so the same inputs give the same bytes.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from html import escape
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import InputError
from ..model import Draft, Kind
from ..provenance.annotate import AnnotatedDraft, Annotation
from ..safeio import SafeZip, read_input_bytes
from . import register

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PARTS = {
    "comments": ("word/comments.xml", "comments",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"),
    "footnotes": ("word/footnotes.xml", "footnotes",
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"),
}
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _w(tag: str, attrs: Mapping[str, str] | None = None, text: str | None = None) -> etree._Element:
    node = etree.Element(W + tag, nsmap={"w": W_NS})
    for name, value in (attrs or {}).items():
        node.set(W + name, value)
    if text is not None:
        node.text = text
        node.set(XML_SPACE, "preserve")
    return node


def _run(text: str) -> etree._Element:
    run = _w("r")
    run.append(_w("t", text=text))
    return run


def _note_paragraphs(annotation: Annotation, mark: etree._Element) -> list[etree._Element]:
    """The note's text: history, then sources, each its own paragraph; the mark opens the first."""
    lines = [line for line in (annotation.history, annotation.source_text) if line] or [annotation.text]
    paragraphs = []
    for index, line in enumerate(lines):
        text = line if line.endswith(".") else line + "."
        paragraph = _w("p")
        if index == 0:
            paragraph.append(mark)
            text = " " + text
        paragraph.append(_run(text))
        paragraphs.append(paragraph)
    return paragraphs


def _superscript_run(child: etree._Element) -> etree._Element:
    run = _w("r")
    rpr = _w("rPr")
    rpr.append(_w("vertAlign", {"val": "superscript"}))
    run.append(rpr)
    run.append(child)
    return run


# --- the package --------------------------------------------------------------------------------

class Package:
    """A .docx held as ordered members; parts are replaced as bytes and written back deterministically."""

    def __init__(self, data: bytes, source: str | None) -> None:
        self.source = source
        safe = SafeZip(data, source)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.names = [info.filename for info in archive.infolist()]
        self.parts = {name: safe.read(name) for name in self.names}
        if "word/document.xml" not in self.parts:
            raise InputError("has no word/document.xml; not a Word document", source)

    def xml(self, name: str) -> etree._Element:
        from ..safeio import parse_xml

        return parse_xml(self.parts[name], self.source, name)

    def put(self, name: str, root: etree._Element) -> None:
        if name not in self.parts:
            self.names.append(name)
        self.parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def add_part(self, kind: str) -> None:
        """Name a new part (comments or footnotes) in the document's relationships and content types."""
        part, rel, content_type = PARTS[kind]
        rels = self.xml("word/_rels/document.xml.rels")
        if not any(r.get("Type") == REL_TYPE + rel for r in rels):
            used = {r.get("Id") for r in rels}
            number = 1
            while f"rId{number}" in used:
                number += 1
            relation = etree.SubElement(rels, f"{{{REL_NS}}}Relationship")
            relation.set("Id", f"rId{number}")
            relation.set("Type", REL_TYPE + rel)
            relation.set("Target", part.split("/", 1)[1])
            self.put("word/_rels/document.xml.rels", rels)
        types = self.xml("[Content_Types].xml")
        if not any(o.get("PartName") == "/" + part for o in types):
            override = etree.SubElement(types, f"{{{CT_NS}}}Override")
            override.set("PartName", "/" + part)
            override.set("ContentType", content_type)
            self.put("[Content_Types].xml", types)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in self.names:
                info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, self.parts[name])
        return buffer.getvalue()


def _plain_docx(draft: Draft) -> tuple[bytes, dict[str, int]]:
    """A plain .docx of a draft that came from another format: one paragraph per provision."""
    import docx

    document = docx.Document()
    index: dict[str, int] = {}
    offset = 0
    if draft.title:
        document.add_paragraph(draft.title, style="Title")
        offset = 1
    for number, provision in enumerate(draft.provisions):
        style = "Heading 1" if provision.kind is Kind.HEADING and provision.level == 0 else (
            "Heading 2" if provision.kind is Kind.HEADING else None)
        paragraph = document.add_paragraph(provision.display, style=style)
        if provision.level and provision.kind is not Kind.HEADING:
            paragraph.paragraph_format.left_indent = docx.shared.Cm(0.75 * provision.level)
        index[provision.id] = number + offset
    document.core_properties.title = draft.title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), index


def _paragraph_index(draft: Draft) -> dict[str, int]:
    index = {}
    for provision in draft.provisions:
        if provision.ref and provision.ref.startswith("p:") and provision.ref[2:].isdigit():
            index[provision.id] = int(provision.ref[2:])
    return index


def _text_of(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(W + "t"))


_WORD = re.compile(r"\w+")


def _same_opening(provision_text: str, paragraph_text: str) -> bool:
    """Whether the paragraph opens with the provision's first words, compared on letters and digits
    only: a label Word's numbering prints ("Article 1", "1、") is not in the paragraph's runs, and a
    picture or equation stands in the text as a character no run holds."""
    words = _WORD.findall(provision_text)
    flat = "".join(_WORD.findall(paragraph_text))
    while words and words[0] not in flat and len(words) > 1:  # a printed label's words
        words = words[1:]
    probe = "".join(words[:4])
    return not probe or probe in flat


def _check_paragraph(provision_text: str, paragraph: etree._Element, source: str | None) -> None:
    """The JSON and the .docx must be the same version of the draft, or notes land on wrong paragraphs."""
    if not _same_opening(provision_text, _text_of(paragraph)):
        raise InputError(f"the parsed draft does not match this file (paragraph for {provision_text[:40]!r} "
                         "reads differently); parse it again", source)


def _insert_comment(paragraph: etree._Element, comment_id: int) -> None:
    ppr = paragraph.find(W + "pPr")
    start = _w("commentRangeStart", {"id": str(comment_id)})
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph.insert(0, start)
    paragraph.append(_w("commentRangeEnd", {"id": str(comment_id)}))
    reference = _w("r")
    reference.append(_w("commentReference", {"id": str(comment_id)}))
    paragraph.append(reference)


def _next_id(root: etree._Element, tag: str) -> int:
    ids = [int(n.get(W + "id", "0")) for n in root.iter(W + tag) if n.get(W + "id", "").lstrip("-").isdigit()]
    return max(ids + [0]) + 1


def _comments_root(package: Package) -> etree._Element:
    if "word/comments.xml" in package.parts:
        return package.xml("word/comments.xml")
    return _w("comments")


def _footnotes_root(package: Package) -> etree._Element:
    if "word/footnotes.xml" in package.parts:
        return package.xml("word/footnotes.xml")
    root = _w("footnotes")
    # Word requires the separator footnotes (-1 and 0) in every footnotes part
    for number, kind in ((-1, "separator"), (0, "continuationSeparator")):
        note = _w("footnote", {"type": kind, "id": str(number)})
        paragraph = _w("p")
        run = _w("r")
        run.append(_w(kind))
        paragraph.append(run)
        note.append(paragraph)
        root.append(note)
    return root


def annotate_docx(annotated: AnnotatedDraft, notes: str = "comments", author: str = "compactdraft",
                  date: str | None = None) -> bytes:
    """The final draft's .docx with a Word comment (or footnote) on each annotated provision."""
    draft = annotated.draft
    source = draft.source
    if source and Path(source).suffix.lower() in (".docx", ".docm"):
        package = Package(read_input_bytes(source), source)
        index = _paragraph_index(draft)
    else:
        data, index = _plain_docx(draft)
        package = Package(data, source)
    document = package.xml("word/document.xml")
    body = document.find(W + "body")
    if body is None:
        raise InputError("word/document.xml has no body", source)
    paragraphs = list(body.iter(W + "p"))
    stamp = f"{date or '2000-01-01'}T00:00:00Z"
    holder = _comments_root(package) if notes == "comments" else _footnotes_root(package)
    next_id = _next_id(holder, "comment" if notes == "comments" else "footnote")
    for annotation in annotated.annotations:
        position = index.get(annotation.provision)
        if position is None or position >= len(paragraphs):
            continue  # a provision with no paragraph of its own in this file (cannot carry a note)
        paragraph = paragraphs[position]
        _check_paragraph(draft.get(annotation.provision).text, paragraph, source)
        if notes == "comments":
            _insert_comment(paragraph, next_id)
            comment = _w("comment", {"id": str(next_id), "author": author, "date": stamp,
                                     "initials": "".join(w[0] for w in author.split())[:4].upper() or "CD"})
            for line in _note_paragraphs(annotation, _superscript_run(_w("annotationRef"))):
                comment.append(line)
            holder.append(comment)
        else:
            paragraph.append(_superscript_run(_w("footnoteReference", {"id": str(next_id)})))
            footnote = _w("footnote", {"id": str(next_id)})
            for line in _note_paragraphs(annotation, _superscript_run(_w("footnoteRef"))):
                footnote.append(line)
            holder.append(footnote)
        next_id += 1
    package.put("word/document.xml", document)
    package.put(PARTS[notes][0], holder)
    package.add_part(notes)
    return package.to_bytes()


@register("annotated", "docx", (".docx",), binary=True)
def render_docx(annotated: AnnotatedDraft, notes: str = "comments", author: str = "compactdraft",
                date: str | None = None, **_: Any) -> bytes:
    return annotate_docx(annotated, notes, author, date or annotated.draft.date)


# --- HTML -----------------------------------------------------------------------------------------

_CSS = """
body{margin:0;font:15px/1.5 Georgia,'Times New Roman',serif;color:#222;background:#fafafa}
header{padding:16px 24px;background:#1f3b57;color:#fff;font-family:system-ui,sans-serif}
header h1{margin:0;font-size:20px} header p{margin:4px 0 0;font-size:13px;opacity:.85}
header a{color:#cfe3ff}
main{max-width:1200px;margin:0 auto;padding:12px 24px}
.row{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:20px;border-bottom:1px solid #eee}
.text{padding:6px 0;background:#fff}
.note{padding:6px 10px;font:13px/1.45 system-ui,sans-serif;color:#333}
.row.noted .note{background:#fff8e1;border-left:3px solid #e69f00}
.row.noted .text{box-shadow:inset 3px 0 #e69f00}
.h{font-weight:bold;font-size:17px;margin-top:14px} .lab{font-weight:bold;margin-right:6px}
.note ul{margin:4px 0 0;padding-left:18px} .note a{color:#0072b2}
.id{font:11px monospace;color:#888;margin-left:6px}
.sources{margin-top:4px;color:#555}
@media print{header{background:none;color:#000}.row{break-inside:avoid}}
"""


def _anchor(provision_id: str) -> str:
    return "p-" + provision_id.replace("~", "-")


def _note_html(annotation: Annotation | None, labels: Mapping[str, str],
               redlines: Mapping[tuple[str, str], str]) -> str:
    if annotation is None:
        return ""
    parts = []
    if annotation.history:
        parts.append(f"<div>{escape(annotation.history)}.</div>")
    if annotation.sources:
        items = "".join(f"<li>{escape(s.label)} <span class=\"id\">{escape(s.relation)}"
                        f"{'' if s.relation == 'cites' else f' {s.score:.2f}'}</span></li>"
                        for s in annotation.sources)
        parts.append(f'<div class="sources">Draws on:<ul>{items}</ul></div>')
    links = []
    for old, new in annotation.rounds:
        href = redlines.get((old, new))
        if href:
            links.append(f'<a href="{escape(href)}">redline {escape(labels.get(old, old))} \u2192 '
                         f"{escape(labels.get(new, new))}</a>")
    if links:
        parts.append("<div>" + " \u00b7 ".join(links) + "</div>")
    return "".join(parts)


def _rows(annotated: AnnotatedDraft, redlines: Mapping[tuple[str, str], str]) -> Iterable[str]:
    notes = {a.provision: a for a in annotated.annotations}
    for provision in annotated.draft.provisions:
        annotation = notes.get(provision.id)
        heading = provision.kind is Kind.HEADING
        indent = 0 if heading else 1.4 * provision.level
        label = f'<span class="lab">{escape(provision.label)}</span>' if provision.label else ""
        css = "row noted" if annotation else "row"
        yield (f'<div class="{css}" id="{escape(_anchor(provision.id))}"><div class="text{" h" if heading else ""}" '
               f'style="padding-left:{indent:.1f}em" dir="auto">{label}{escape(provision.text)}'
               f'<span class="id">{escape(provision.id)}</span></div>'
               f'<div class="note">{_note_html(annotation, annotated.labels, redlines)}</div></div>')


@register("annotated", "html", (".html", ".htm"))
def render_html(annotated: AnnotatedDraft, redlines: Mapping[tuple[str, str], str] | None = None,
                **_: Any) -> str:
    """The final draft with each provision's note beside it, linking to the redlines of its rounds."""
    draft = annotated.draft
    name = annotated.labels.get(draft.id, draft.id)
    links = redlines or {}
    round_links = " \u00b7 ".join(
        f'<a href="{escape(href)}">{escape(annotated.labels.get(old, old))} \u2192 '
        f'{escape(annotated.labels.get(new, new))}</a>' for (old, new), href in links.items())
    title = draft.title or name
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)} \u2014 annotated</title><style>{_CSS}</style></head><body>"
            f"<header><h1>{escape(title)}</h1><p>{escape(name)}"
            f"{' of ' + escape(draft.date) if draft.date else ''}: {len(annotated.annotations)} of "
            f"{len(draft)} provisions annotated with their history and sources."
            + (f" Redlines: {round_links}" if round_links else "") + "</p></header><main>"
            + "".join(_rows(annotated, links)) + "</main></body></html>\n")
