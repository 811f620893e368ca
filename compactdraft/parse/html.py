"""HTML (.html, .htm, .xhtml): headings, paragraphs, list items and block text, in document order.

Parsed with lxml.html with network access off; the HTML parser never loads DTDs or resolves external
entities, and a document that declares entities is refused before parsing. Navigation and page
chrome (script, style, nav, header, footer, ...) are dropped. ``<ol>`` items get the label a browser
shows for the list's ``type`` and ``start`` (``type="a"`` -> ``(a)``, ``type="i"`` -> ``(i)``,
default ``1.``); ``<ul>`` items get none.
"""
from __future__ import annotations

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
    return lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)


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
    if b"<!entity" in data[:8192].lower():
        raise InputError("HTML declares entities in a DTD; refused (entity expansion / XXE risk)", source)
    try:
        root = lxml_html.document_fromstring(data, parser=_parser())
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot read HTML ({exc})", source) from None
    title_element = root.find(".//title")
    title = clean_text(title_element.text_content()) if title_element is not None else ""
    _label_ordered_lists(root)
    body = root.find("body")
    walker = _Walker()
    walker.walk(body if body is not None else root)
    walker.flush()
    return walker.blocks, title


def read(data: bytes, source: str, options: ReadOptions) -> Draft:
    blocks, title = html_blocks(data, source)
    draft = build_draft(blocks, draft_id=options.draft_id, source=source, fmt="html", profile=options.profile,
                        date=options.date)
    return draft if draft.title else draft.replace(title=title)
