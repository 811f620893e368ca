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
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import InputError
from ..model import Alignment, Draft, Kind, Provision
from ..provenance.annotate import AnnotatedDraft, Annotation
from ..safeio import SafeZip, read_input_bytes
from ..word.namespaces import CT_NS, REL_NS, REL_TYPE, W_NS, XML_SPACE, W
from . import register
from .html_pages import draft_language, page, provision_anchor

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

def versions_in(alignments: Sequence[Alignment], final: Draft) -> dict[tuple[str, str], str]:
    """(draft id, final provision id) -> the provision's id in that draft, walking the alignments back
    from the final draft, so that a note's redline link lands on the paragraph of that round."""
    found: dict[tuple[str, str], str] = {(final.id, p.id): p.id for p in final}
    current = {p.id: p.id for p in final}  # id in the draft reached so far -> final id
    for alignment in reversed(alignments):
        older: dict[str, str] = {}
        for new_id, final_id in current.items():
            for link in alignment.links_of_new(new_id):
                for old_id in link.old:
                    older.setdefault(old_id, final_id)
        for old_id, final_id in older.items():
            found.setdefault((alignment.old.id, final_id), old_id)
        current = older
    return found


def _section_of(provision: Provision, draft: Draft, number: int) -> tuple[str, str]:
    section = provision if provision.kind is Kind.HEADING and provision.level == 0 else draft.section_of(provision.id)
    if section is None:
        return f"s-none-{number}", "Before the first heading"
    return f"s-{section.id}", section.display


def _row(annotated: AnnotatedDraft, provision: Provision, note: Annotation | None,
         redlines: Mapping[tuple[str, str], str], versions: Mapping[tuple[str, str], str],
         traces: Mapping[str, str]) -> dict[str, Any]:
    labels = annotated.labels
    links = []
    for old, new in note.rounds if note else ():
        href = redlines.get((old, new))
        if href:
            at = versions.get((new, provision.id))
            fragment = f"#{provision_anchor(at)}" if at else ""
            links.append((href + fragment, f"redline {labels.get(old, old)} \u2192 {labels.get(new, new)}"))
    if provision.id in traces:
        links.append((traces[provision.id], "trace"))
    sources = [{"label": s.label, "relation": s.relation, "score": "" if s.relation == "cites" else f"{s.score:.2f}"}
               for s in (note.sources if note else ())]
    heading = provision.kind is Kind.HEADING
    return {"anchor": provision_anchor(provision.id), "kind": provision.kind.value, "noted": note is not None,
            "heading": heading, "indent": f"{0 if heading else 1.4 * provision.level:.1f}",
            "label": provision.label, "text": provision.text, "history": note.history if note else "",
            "sources": sources, "links": links}


@register("annotated", "html", (".html", ".htm"))
def render_html(annotated: AnnotatedDraft, redlines: Mapping[tuple[str, str], str] | None = None,
                alignments: Sequence[Alignment] = (), traces: Mapping[str, str] | None = None,
                crumbs: Sequence[tuple[str, str]] = (), **_: Any) -> str:
    """The final draft with each provision's note beside it, linking to its paragraph in the redlines."""
    draft = annotated.draft
    name = annotated.labels.get(draft.id, draft.id)
    links = redlines or {}
    notes = {a.provision: a for a in annotated.annotations}
    versions = versions_in(alignments, draft)
    sections: list[dict[str, Any]] = []
    for provision in draft.provisions:
        key, title = _section_of(provision, draft, len(sections))
        if not sections or sections[-1]["key"] != key:
            sections.append({"key": key, "anchor": provision_anchor(key, "section"), "title": title, "rows": [],
                             "noted": 0})
        note = notes.get(provision.id)
        sections[-1]["rows"].append(_row(annotated, provision, note, links, versions, traces or {}))
        sections[-1]["noted"] += note is not None
    lang, direction = draft_language(draft)
    rounds = [(href, f"{annotated.labels.get(old, old)} \u2192 {annotated.labels.get(new, new)}")
              for (old, new), href in links.items()]
    title = draft.title or name
    summary = (f"{name}{' of ' + draft.date if draft.date else ''}: {len(annotated.annotations)} of {len(draft)} "
               "provisions annotated with their history and sources.")
    return page("annotated.html", title=f"{title} \u2014 annotated", heading=title, lang=lang, dir=direction,
                summary=summary, rounds=rounds, sections=sections, crumbs=tuple(crumbs))
