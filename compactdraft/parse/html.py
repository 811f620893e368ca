"""HTML (.html, .htm, .xhtml): headings, paragraphs, list items and block text, in document order.

Parsed with lxml.html with network access off; the HTML parser never loads DTDs or resolves external
entities, and a document that declares entities is refused before parsing. Navigation and page
chrome (script, style, nav, header, footer, ...) are dropped. ``<ol>`` items get the label a browser
shows for the list's ``type`` and ``start`` (``type="a"`` -> ``(a)``, ``type="i"`` -> ``(i)``,
default ``1.``); ``<ul>`` items get none.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from ..errors import InputError
from ..model import Draft
from ..word.numbering import to_letters, to_roman
from . import ReadOptions
from .structure import Block, build_draft, clean_text

DROPPED = {"script", "style", "nav", "header", "footer", "noscript", "template", "head", "svg", "button",
           "form", "select", "iframe", "object", "canvas", "menu"}
BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "th", "dd", "dt",
          "section", "article", "main", "aside", "figure", "figcaption", "caption", "address", "table", "tr",
          "ul", "ol", "dl", "body", "center", "hr"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _parser() -> lxml_html.HTMLParser:
    # huge_tree: libxml2's default depth limit (256) silently drops everything after a deeper nest
    return lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=True,
                                encoding="utf-8")


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def decode_html(data: bytes) -> tuple[str, str | None]:
    """The document's text by the HTML5 order: a BOM, then a <meta> charset in the first 1024 bytes,
    else UTF-8, and windows-1252 (what browsers fall back to) when the bytes are not UTF-8. Returns the
    text and a warning when the declared charset was wrong or the fallback was taken."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, "replace"), None
    declared = _META_CHARSET.search(data[:1024])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        try:
            encoding = codecs.lookup("windows-1252" if name in ("iso-8859-1", "latin1", "us-ascii") else name).name
        except LookupError:
            encoding = ""
        if encoding.startswith("utf-16"):
            encoding = "utf-8"  # HTML5: a UTF-16 label in a byte-readable <meta> means UTF-8
        if encoding:
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError:
                pass
            text, _ = decode_html_undeclared(data)
            return text, f"declares charset {name} but is not valid {name}; read as {_guess_name(data)}"
    return decode_html_undeclared(data)


def _guess_name(data: bytes) -> str:
    try:
        data.decode("utf-8")
        return "UTF-8"
    except UnicodeDecodeError:
        return "windows-1252"


def decode_html_undeclared(data: bytes) -> tuple[str, str | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return data.decode("windows-1252", "replace"), "no charset declared and not UTF-8; read as windows-1252"


def list_label(list_type: str, value: int) -> str:
    """What a browser prints for item ``value`` of an ``<ol type=...>``, in UN style for letters/romans."""
    if list_type == "a":
        return f"({to_letters(value)})"
    if list_type == "A":
        return f"({to_letters(value).upper()})"
    if list_type == "i":
        return f"({to_roman(value)})"
    if list_type == "I":
        return f"{to_roman(value).upper()}."
    return f"{value}."


@dataclass
class _Walker:
    blocks: list[Block] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    label: str | None = None
    style: str | None = None

    def flush(self) -> None:
        text = clean_text("".join(self.parts))
        if text:
            self.blocks.append(Block(text, label=self.label, style=self.style, ref=f"h:{len(self.blocks)}"))
            self.label = self.style = None  # a label belongs to the first text of its item only
        self.parts = []

    def walk(self, element: etree._Element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in DROPPED or not tag:
            self.parts.append(element.tail or "")
            return
        if tag == "br":
            self.parts.append(" ")
        elif tag in BLOCKS:
            self.block(element, tag)
        else:
            self.parts.append(element.text or "")
            for child in element:
                self.walk(child)
        self.parts.append(element.tail or "")

    def block(self, element: etree._Element, tag: str) -> None:
        self.flush()
        if tag in HEADINGS:
            self.style = "heading"
        elif tag == "li":
            self.label = element.get("data-compactdraft-label")
        self.parts.append(element.text or "")
        for child in element:
            self.walk(child)
        self.flush()
        self.label = self.style = None


def _label_ordered_lists(root: etree._Element) -> None:
    """Give each ``<li>`` of an ``<ol>`` the label a browser shows (start, value, reversed honoured)."""
    for ol in root.iter("ol"):
        list_type = ol.get("type") or "1"
        items = [li for li in ol if isinstance(li.tag, str) and li.tag.lower() == "li"]
        step = -1 if ol.get("reversed") is not None else 1
        value = _int(ol.get("start"), len(items) if step < 0 else 1)
        for li in items:
            value = _int(li.get("value"), value)
            li.set("data-compactdraft-label", list_label(li.get("type") or list_type, value))
            value += step


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def html_blocks(data: bytes, source: str) -> tuple[list[Block], str]:
    """Blocks and the <title> of an HTML document."""
    blocks, title, _ = read_html(data, source)
    return blocks, title


def read_html(data: bytes, source: str) -> tuple[list[Block], str, list[str]]:
    """Blocks, the <title> and what the reader warns about (a wrong or missing charset)."""
    if b"<!entity" in data[:8192].lower():
        raise InputError("HTML declares entities in a DTD; refused (entity expansion / XXE risk)", source)
    text, warning = decode_html(data)
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=_parser())
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot read HTML ({exc})", source) from None
    title_element = root.find(".//title")
    title = clean_text(title_element.text_content()) if title_element is not None else ""
    _label_ordered_lists(root)
    body = root.find("body")
    walker = _Walker()
    try:
        walker.walk(body if body is not None else root)
    except RecursionError:
        raise InputError("elements nested too deeply to read every paragraph; refused rather than read in "
                         "part", source) from None
    walker.flush()
    return walker.blocks, title, [warning] if warning else []


def read(data: bytes, source: str, options: ReadOptions) -> Draft:
    blocks, title, warnings = read_html(data, source)
    draft = build_draft(blocks, draft_id=options.draft_id, source=source, fmt="html", profile=options.profile,
                        date=options.date, warnings=warnings)
    return draft if draft.title else draft.replace(title=title)
