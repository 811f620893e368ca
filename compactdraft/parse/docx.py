"""Word .docx: paragraphs with Word's automatic numbering, headings, footnotes and tracked changes.

The package is opened with :class:`~compactdraft.safeio.SafeZip` (bomb and sanity checks first) and
its parts are read directly with lxml through the safe parser; python-docx never sees untrusted bytes.

- Every ``w:p`` under ``w:body`` (table cells included, document order) is one candidate block whose
  ``ref`` is ``p:{i}``, i its index in ``list(body.iter(w:p))``; the Word redline writer relies on it.
- Automatic numbering (``w:numPr`` on the paragraph or its style chain) is rebuilt by
  :mod:`compactdraft.word.numbering` into the label Word prints.
- Tracked changes are read as if all were accepted: ``w:ins``/``w:moveTo`` kept, ``w:del``/``w:moveFrom``
  dropped, a deleted paragraph mark joins the paragraph to the next one, a deleted table row is dropped.
- Paragraphs of ``mc:Fallback`` (a text box's legacy VML copy) are skipped: the ``mc:Choice`` holds them.
- Footnotes (and endnotes) stay with their paragraph; comments, field codes and hidden text are dropped.
"""
from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from ..errors import InputError
from ..model import Draft, Footnote
from ..safeio import OLE_MAGIC, SafeZip, parse_xml
from ..word.content import CHANGE_TAGS, accept_paragraph_joins, in_deleted_row, in_fallback, read_paragraph
from ..word.namespaces import DC_TITLE, REL_NS
from ..word.numbering import Numbering, NumberingState, W, format_number, parse_numbering, wval
from ..word.objects import ObjectKeys
from ..word.package import office_document_part
from . import ReadOptions
from .structure import Block, build_draft, clean_text

_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)


# --- package-level checks -----------------------------------------------------------------------

def _refuse_ole(data: bytes, source: str) -> None:
    """An OLE file is either an encrypted OOXML package or a legacy binary .doc: say which."""
    if not data.startswith(OLE_MAGIC):
        return
    if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
        raise InputError("is password-protected (encrypted); remove the password in Word and save again", source)
    if "WordDocument".encode("utf-16-le") in data:
        raise InputError("is a legacy Word 97-2003 .doc, not a .docx; open it in Word and save as .docx", source)
    raise InputError("is an OLE compound file, not a Word .docx package", source)


def _main_part_name(package: SafeZip, source: str) -> str:
    """The main document part from _rels/.rels (usually word/document.xml)."""
    name = office_document_part(package)
    if name is not None and name.endswith(".xml"):
        return name
    if "word/document.xml" in package:
        return "word/document.xml"
    raise InputError(_not_word_reason(package), source)


def _not_word_reason(package: SafeZip) -> str:
    names = package.names()
    if "mimetype" in names:
        mimetype = package.read("mimetype")[:100].decode("ascii", "replace").strip()
        if mimetype == "application/vnd.oasis.opendocument.text":
            return "is an OpenDocument text (.odt), not a Word document; save it as .docx"
        return f"is an OpenDocument file ({mimetype}), not a Word document"
    if "xl/workbook.xml" in names:
        return "is an Excel workbook, not a Word document"
    if "ppt/presentation.xml" in names:
        return "is a PowerPoint presentation, not a Word document"
    return "is a zip package without word/document.xml; not a Word document"


def _related_parts(package: SafeZip, main: str) -> dict[str, str]:
    """Relationship type suffix (``numbering``, ``styles``, ``footnotes``) -> part name."""
    folder, base = posixpath.split(main)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    found: dict[str, str] = {}
    if rels_name in package:
        for rel in package.read_xml(rels_name).iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            name = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
            if name in package:
                found.setdefault(kind, name)
    for kind in ("numbering", "styles", "footnotes", "endnotes"):
        found.setdefault(kind, posixpath.join(folder, f"{kind}.xml"))
    return {kind: name for kind, name in found.items() if name in package}


# --- styles ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Style:
    style_id: str
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None


MAX_STYLE_CHAIN = 64


@dataclass(frozen=True)
class Styles:
    by_id: dict[str, Style] = field(default_factory=dict)
    default_paragraph: str | None = None

    def chain(self, style_id: str | None) -> Iterator[Style]:
        """The style and the styles it is based on, nearest first (cycles cut, and cut after
        MAX_STYLE_CHAIN: real templates chain under ten; 3,000 chained styles made every paragraph walk
        3,000, quadratic in all)."""
        seen: set[str] = set()
        current = style_id or self.default_paragraph
        while current and current in self.by_id and current not in seen and len(seen) < MAX_STYLE_CHAIN:
            seen.add(current)
            style = self.by_id[current]
            yield style
            current = style.based_on


def parse_styles(root: etree._Element | None) -> Styles:
    if root is None:
        return Styles()
    by_id: dict[str, Style] = {}
    default = None
    for element in root.iter(W + "style"):
        style_id = element.get(W + "styleId") or ""
        # the first child of each kind, as find() gives, in one pass (a styles part of a UN template
        # holds hundreds of styles, each with dozens of formatting children)
        first: dict[object, etree._Element] = {}
        for child in element:
            first.setdefault(child.tag, child)
        ppr = first.get(W + "pPr")
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = wval(num_pr.find(W + "numId")) if num_pr is not None else None
        ilvl = wval(num_pr.find(W + "ilvl")) if num_pr is not None else None
        outline = wval(ppr.find(W + "outlineLvl")) if ppr is not None else None
        by_id[style_id] = Style(style_id, wval(first.get(W + "name")) or style_id,
                                wval(first.get(W + "basedOn")), num_id,
                                int(ilvl) if ilvl and ilvl.isdigit() else None,
                                int(outline) if outline and outline.isdigit() else None)
        if element.get(W + "type") == "paragraph" and element.get(W + "default") in ("1", "true", "on"):
            default = style_id
    return Styles(by_id, default)


# Successive drafts of one document usually carry the same styles part byte for byte (one template):
# a process that reads several (a redline, a build) parses it once. Styles are never modified.
_STYLES_BY_CONTENT: dict[bytes, Styles] = {}
_STYLES_KEPT = 8


def read_styles(package: SafeZip, part: str) -> Styles:
    """The styles of a package's styles part, parsed once per distinct content."""
    data = package.read(part)
    styles = _STYLES_BY_CONTENT.get(data)
    if styles is None:
        if len(_STYLES_BY_CONTENT) >= _STYLES_KEPT:
            _STYLES_BY_CONTENT.clear()
        styles = _STYLES_BY_CONTENT[data] = parse_styles(parse_xml(data, package.path, part))
    return styles


# --- paragraphs -----------------------------------------------------------------------------------

# --- properties: numbering and headings ------------------------------------------------------------

def _own_num_pr(p: etree._Element) -> tuple[str | None, int | None]:
    ppr = p.find(W + "pPr")
    num_pr = ppr.find(W + "numPr") if ppr is not None else None
    if num_pr is None:
        return None, None
    ilvl = wval(num_pr.find(W + "ilvl"))
    return wval(num_pr.find(W + "numId")), int(ilvl) if ilvl and ilvl.isdigit() else None


def _style_id(p: etree._Element) -> str | None:
    ppr = p.find(W + "pPr")
    return wval(ppr.find(W + "pStyle")) if ppr is not None else None


def resolve_num_pr(p: etree._Element, styles: Styles, numbering: Numbering) -> tuple[str, int] | None:
    """(numId, ilvl) from the paragraph, else from its style chain; numId 0 switches numbering off."""
    num_id, ilvl = _own_num_pr(p)
    style_with_num: Style | None = None
    for style in styles.chain(_style_id(p)):
        if num_id is None and style.num_id is not None:
            num_id, style_with_num = style.num_id, style
        if ilvl is None and style.ilvl is not None and num_id == style.num_id:
            ilvl = style.ilvl
    if num_id is None or num_id == "0" or num_id not in numbering.nums:
        return None
    if ilvl is None and style_with_num is not None:
        ilvl = numbering.level_for_style(num_id, style_with_num.style_id)
    return num_id, ilvl or 0


def heading_style(p: etree._Element, styles: Styles) -> tuple[str | None, int | None]:
    """("title" | "heading" | None, outline level) from the paragraph's style and outline level."""
    ppr = p.find(W + "pPr")
    outline = wval(ppr.find(W + "outlineLvl")) if ppr is not None else None
    for style in styles.chain(_style_id(p)):
        name = style.name.strip().lower()
        if name == "title" or style.style_id == "Title":
            return "title", 0
        if match := _HEADING_NAME.match(name) or _HEADING_NAME.match(style.style_id):
            return "heading", int(match.group(1)) - 1
        if outline is None and style.outline is not None:
            outline = str(style.outline)
    if outline is not None and outline.isdigit() and int(outline) < 9:
        return "heading", int(outline)
    return None, None


# --- footnotes ------------------------------------------------------------------------------------

def read_notes(package: SafeZip, part: str | None, tag: str, prefix: str) -> dict[str, str]:
    """Note key (``f:2``) -> its text, skipping separators."""
    if part is None:
        return {}
    notes: dict[str, str] = {}
    keys = ObjectKeys(package, part)
    for note in package.read_xml(part).iter(W + tag):
        if note.get(W + "type") not in (None, "normal"):
            continue
        texts = [read_paragraph(0, p, keys).text for p in note.iter(W + "p")]
        notes[f"{prefix}:{note.get(W + 'id')}"] = clean_text(" ".join(texts))
    return notes


def note_formats(body: etree._Element) -> dict[str, tuple[str, int]]:
    """Numbering format and start of footnotes/endnotes from the last section's properties."""
    formats = {"f": ("decimal", 1), "e": ("lowerRoman", 1)}
    sect = body.find(W + "sectPr")
    for kind, tag in (("f", "footnotePr"), ("e", "endnotePr")):
        pr = sect.find(W + tag) if sect is not None else None
        if pr is not None:
            fmt = wval(pr.find(W + "numFmt")) or formats[kind][0]
            start = wval(pr.find(W + "numStart"))
            formats[kind] = (fmt, int(start) if start and start.isdigit() else 1)
    return formats


# --- the reader -----------------------------------------------------------------------------------

def _count_changes(body: etree._Element) -> int:
    return sum(1 for element in body.iter() if element.tag in CHANGE_TAGS)


def _core_title(package: SafeZip) -> str:
    if "docProps/core.xml" not in package:
        return ""
    title = package.read_xml("docProps/core.xml").find(DC_TITLE)
    return clean_text(title.text or "") if title is not None else ""


def _open_package(data: bytes, source: str) -> tuple[SafeZip, str, etree._Element]:
    _refuse_ole(data, source)
    package = SafeZip(data, source)
    main = _main_part_name(package, source)
    body = package.read_xml(main).find(W + "body")
    if body is None:
        raise InputError("the document has no body (w:body missing)", source)
    return package, main, body


def docx_blocks(package: SafeZip, main: str, body: etree._Element) -> list[Block]:
    """Blocks in document order, with labels as Word prints them (empty paragraphs left out)."""
    parts = _related_parts(package, main)
    styles = read_styles(package, parts["styles"]) if "styles" in parts else Styles()
    style_nums = {s.style_id: s.num_id for s in styles.by_id.values() if s.num_id}
    numbering = parse_numbering(package.read_xml(parts["numbering"]) if "numbering" in parts else None, style_nums)
    note_texts = read_notes(package, parts.get("footnotes"), "footnote", "f")
    note_texts.update(read_notes(package, parts.get("endnotes"), "endnote", "e"))
    formats = note_formats(body)
    note_numbers: dict[str, int] = {"f": 0, "e": 0}
    state = NumberingState(numbering)
    keys = ObjectKeys(package, main)
    paragraphs = [read_paragraph(i, p, keys) for i, p in enumerate(body.iter(W + "p"))
                  if not in_fallback(p) and not in_deleted_row(p)]
    blocks: list[Block] = []
    for para in accept_paragraph_joins(paragraphs):
        num_pr = resolve_num_pr(para.element, styles, numbering)
        label = state.label(*num_pr) if num_pr else None  # empty numbered paragraphs still count
        footnotes = []
        for key, custom in para.notes:
            kind = key[0]
            if custom is None:  # a custom mark (e.g. "*") does not advance Word's note count
                note_numbers[kind] += 1
            fmt, start = formats[kind]
            shown = custom if custom is not None else format_number(start + note_numbers[kind] - 1, fmt)
            footnotes.append(Footnote(shown, note_texts.get(key, "")))
        if not clean_text(para.text):
            continue
        style, outline = heading_style(para.element, styles)
        blocks.append(Block(para.text, label=label, style=style,
                            level=num_pr[1] if num_pr else outline, footnotes=tuple(footnotes),
                            ref=f"p:{para.index}"))
    return blocks


def read_blocks(data: bytes, source: str) -> list[Block]:
    """The blocks of a .docx before structuring (labels as Word prints them); for tools and tests."""
    package, main, body = _open_package(data, source)
    return docx_blocks(package, main, body)


def read(data: bytes, source: str, options: ReadOptions) -> Draft:
    package, main, body = _open_package(data, source)
    changes = _count_changes(body)
    warnings = [f"holds {changes} tracked changes; read as if all were accepted"] if changes else []
    blocks = docx_blocks(package, main, body)
    if not blocks:
        raise InputError("the document is empty (no text found)", source)
    draft = build_draft(blocks, draft_id=options.draft_id, source=source, fmt="docx", profile=options.profile,
                        date=options.date, warnings=warnings)
    if not draft.title:
        draft = draft.replace(title=_core_title(package))
    return draft
