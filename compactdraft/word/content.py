"""A paragraph's printed content as the reader sees it once every tracked change is accepted: text in
document order, note references, inline objects as one token each; shared by the .docx reader, the
tracked-changes reader and the writers."""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .namespaces import M_NS, MC_FALLBACK, W
from .numbering import wval
from .objects import ObjectKeys

CHANGE_TAGS = {W + t for t in ("ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange")}
# elements whose content is not part of the printed text once all changes are accepted
SKIPPED = {W + t for t in ("del", "moveFrom", "delText", "instrText", "delInstrText", "commentReference",
                           "pPr", "rPr", "fldData", "annotationRef", "footnoteRef", "endnoteRef")}
SKIPPED.add(MC_FALLBACK)  # the legacy copy of a drawing beside its mc:Choice
# Inline objects without text (pictures, charts, equations): one object token each in the text (U+FFFC
# and a content key, compactdraft/word/objects.py), so that a deleted, inserted, replaced or changed
# object is a change (text boxes are paragraphs instead).
OBJECT_TAGS = (W + "drawing", W + "pict", W + "object", f"{{{M_NS}}}oMathPara", f"{{{M_NS}}}oMath")

@dataclass
class Paragraph:
    """A w:p after accepting changes: its text, notes, and the properties that decide numbering/style."""

    index: int
    element: etree._Element
    text: str
    notes: list[tuple[str, str | None]]  # (footnote/endnote key, custom mark)
    mark_deleted: bool


def _is_on(element: etree._Element | None) -> bool:
    return element is not None and wval(element) not in ("0", "false", "off")


def _run_hidden(run: etree._Element) -> bool:
    rpr = run.find(W + "rPr")
    return rpr is not None and _is_on(rpr.find(W + "vanish"))


def _collect(element: etree._Element, parts: list[str], notes: list[tuple[str, str | None]], keys: ObjectKeys) -> None:
    """Printed text of an element after accepting all changes, in document order."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIPPED or tag == W + "p" or tag == W + "tbl":
            continue  # nested paragraphs (text boxes) are blocks of their own
        if tag == W + "r":
            if not _run_hidden(child):
                _collect_run(child, parts, notes, keys)
        elif is_object(child):
            parts.append(keys.token(child))
        elif tag == W + "t":
            parts.append(child.text or "")
        else:
            _collect(child, parts, notes, keys)


def _collect_run(run: etree._Element, parts: list[str], notes: list[tuple[str, str | None]], keys: ObjectKeys) -> None:
    custom_mark_pending: int | None = None
    for child in run:
        tag = child.tag
        if tag == W + "t":
            if custom_mark_pending is not None:
                key, _ = notes[custom_mark_pending]
                notes[custom_mark_pending] = (key, child.text or "")
                custom_mark_pending = None
                continue
            parts.append(child.text or "")
        elif tag in (W + "tab", W + "br", W + "cr", W + "ptab"):
            parts.append(" ")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag in (W + "footnoteReference", W + "endnoteReference"):
            kind = "f" if tag == W + "footnoteReference" else "e"
            notes.append((f"{kind}:{child.get(W + 'id')}", None))
            if _is_on_attr(child.get(W + "customMarkFollows")):
                custom_mark_pending = len(notes) - 1
        elif is_object(child):
            parts.append(keys.token(child))
        elif isinstance(tag, str) and tag not in SKIPPED and tag != W + "p":
            _collect(child, parts, notes, keys)  # w:drawing text boxes etc. hold no run text of this paragraph


def _is_on_attr(value: str | None) -> bool:
    return value is not None and value not in ("0", "false", "off")


def is_object(node: etree._Element) -> bool:
    """A picture, chart or equation (an inline object without text); a text box is no object, its
    paragraphs are read as paragraphs."""
    return node.tag in OBJECT_TAGS and next(node.iter(W + "txbxContent"), None) is None


def object_elements(p: etree._Element) -> list[etree._Element]:
    """The paragraph's own objects in reading order, one per OBJECT character of its text."""
    found: list[etree._Element] = []

    def walk(node: etree._Element) -> None:
        for child in node:
            if not isinstance(child.tag, str) or child.tag in SKIPPED or child.tag == W + "p":
                continue
            if is_object(child):
                found.append(child)
            else:
                walk(child)
    walk(p)
    return found


def in_fallback(p: etree._Element) -> bool:
    """A paragraph of an ``mc:Fallback`` (the legacy VML copy of a text box Word writes beside the
    drawing): the same text again, not content of its own."""
    return next(p.iterancestors(MC_FALLBACK), None) is not None


def in_deleted_row(p: etree._Element) -> bool:
    """A paragraph of a table row marked deleted (``w:trPr/w:del``): accepting removes the row."""
    return any(row.find(f"{W}trPr/{W}del") is not None for row in p.iterancestors(W + "tr"))


def _paragraph_mark_removed(p: etree._Element) -> bool:
    """A deleted (or moved-away) paragraph mark: accepting it joins this paragraph to the next."""
    ppr = p.find(W + "pPr")
    rpr = ppr.find(W + "rPr") if ppr is not None else None
    return rpr is not None and (rpr.find(W + "del") is not None or rpr.find(W + "moveFrom") is not None)


def read_paragraph(index: int, p: etree._Element, keys: ObjectKeys | None = None) -> Paragraph:
    """The paragraph's printed text; ``keys`` (the paragraph's part) resolves the pictures' images."""
    parts: list[str] = []
    notes: list[tuple[str, str | None]] = []
    _collect(p, parts, notes, keys if keys is not None else ObjectKeys())
    return Paragraph(index, p, "".join(parts), notes, _paragraph_mark_removed(p))


def accept_paragraph_joins(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Join each paragraph whose mark was deleted to the following one.

    The joined paragraph keeps the first paragraph's properties (numbering, style) and ref when the
    first one still has text; when all its text was deleted too, it simply disappears.
    """
    result: list[Paragraph] = []
    pending: Paragraph | None = None
    for para in paragraphs:
        if pending is not None:
            if pending.text.strip():
                para = Paragraph(pending.index, pending.element, pending.text + para.text,
                                 pending.notes + para.notes, para.mark_deleted)
            pending = None
        if para.mark_deleted:
            pending = para
            continue
        result.append(para)
    if pending is not None:
        result.append(pending)
    return result
