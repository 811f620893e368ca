"""Our own reader of tracked changes in a .docx: accept all, reject all, count revisions.

It reads the body of word/document.xml (through safeio) as a stream of items, each a piece of text
or a paragraph mark carrying the revision it sits in (none, ``ins``, ``del``, ``moveFrom``,
``moveTo``). Accepting all keeps everything except deleted and moved-away content, rejecting all keeps
everything except inserted and moved-in content; a removed paragraph mark merges its paragraph with
the next one, as in Word. Revisions are counted the way WmlComparer counts them: one per run of
adjacent items with the same revision kind (a replaced word is a deletion then an insertion: 2), in the
body and in each footnote and endnote (word/footnotes.xml, word/endnotes.xml) apart; a note reference
counts as content of its paragraph. A table row marked inserted or deleted (``w:trPr/w:ins|w:del``)
gives its revision to all its content, paragraph marks included: a whole row is one revision.

Used by the tests, the LibreOffice cross-check and the WmlComparer peer suite; it never crashes on
what it does not understand (tables, fields, text boxes are read for their text or skipped). A picture
or equation is one object token of its paragraph (U+FFFC and a content key, compactdraft/word/objects.py),
as in the docx reader, so a replaced picture or changed equation reads as a different object.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..safeio import SafeZip, read_input_bytes
from .content import in_fallback, is_object
from .elements import (
    DEL,
    INS,
    MOVE_FROM,
    MOVE_TO,
    REMOVED_ON_ACCEPT,
    REMOVED_ON_REJECT,
    W,
)
from .namespaces import MC_FALLBACK
from .objects import ObjectKeys

_REVISION_TAGS = {W + INS: INS, W + DEL: DEL, W + MOVE_FROM: MOVE_FROM, W + MOVE_TO: MOVE_TO}
_TEXT_TAGS = {W + "t", W + "delText"}
# Elements whose content is not part of the paragraph's visible text.
_SKIP = {W + "instrText", W + "delInstrText", W + "pPr", W + "rPr", W + "txbxContent", W + "commentReference",
         MC_FALLBACK}
# Content without text that still counts as a revision when inserted or deleted (as in WmlComparer).
_OBJECTS = {W + "footnoteReference", W + "endnoteReference"}
_CHARS = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "\u2011",
          W + "softHyphen": "\u00ad"}
MARK = None  # the text of an item that is a paragraph mark


@dataclass(frozen=True)
class Item:
    """A piece of text (``text`` is a str) or a paragraph mark (``text`` is None) and its revisions."""

    text: str | None
    revisions: frozenset[str]
    counted: bool = False  # an object without text (a note reference) that counts as content


@dataclass(frozen=True)
class TrackedDocument:
    """The body of a .docx as a stream of items, and each footnote's and endnote's; see the module docstring."""

    items: tuple[Item, ...]
    notes: tuple[tuple[Item, ...], ...] = ()

    def accepted(self) -> list[str]:
        """Paragraph texts after accepting every change."""
        return _paragraphs(self.items, REMOVED_ON_ACCEPT)

    def rejected(self) -> list[str]:
        """Paragraph texts after rejecting every change."""
        return _paragraphs(self.items, REMOVED_ON_REJECT)

    def revision_count(self) -> int:
        """Runs of adjacent content with the same revision kind in the body and in each note
        (WmlComparer's count)."""
        return sum(_revision_runs(stream) for stream in (self.items, *self.notes))

    def accepted_notes(self) -> list[list[str]]:
        """Each note's paragraph texts after accepting every change (notes left empty dropped)."""
        return [p for p in (_paragraphs(n, REMOVED_ON_ACCEPT) for n in self.notes) if normalized(p)]

    def rejected_notes(self) -> list[list[str]]:
        """Each note's paragraph texts after rejecting every change (notes left empty dropped)."""
        return [p for p in (_paragraphs(n, REMOVED_ON_REJECT) for n in self.notes) if normalized(p)]


def _revision_runs(items: tuple[Item, ...]) -> int:
    count = 0
    previous: frozenset[str] = frozenset()
    for item in items:
        if item.text == "" and not item.counted:
            continue
        if item.revisions and item.revisions != previous:
            count += 1
        previous = item.revisions
    return count


def _paragraphs(items: tuple[Item, ...], removed: tuple[str, ...]) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for item in items:
        if item.revisions & set(removed):
            continue
        if item.text is MARK:
            paragraphs.append("".join(current))
            current = []
        else:
            current.append(item.text)
    if current:
        paragraphs.append("".join(current))
    return paragraphs


def _own_items(node: etree._Element, revisions: frozenset[str], keys: ObjectKeys) -> Iterator[Item]:
    """Items under ``node`` (inside one paragraph), not descending into nested paragraphs."""
    for child in node:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP or tag == W + "p":
            continue
        if tag in _REVISION_TAGS:
            yield from _own_items(child, revisions | {_REVISION_TAGS[tag]}, keys)
        elif is_object(child):
            yield Item(keys.token(child), revisions, counted=True)
        elif tag in _OBJECTS:
            yield Item("", revisions, counted=True)
        elif tag in _TEXT_TAGS:
            yield Item(child.text or "", revisions)
        elif tag in _CHARS:
            yield Item(_CHARS[tag], revisions)
        elif tag == W + "sym":
            yield Item(_symbol(child), revisions)
        else:
            yield from _own_items(child, revisions, keys)


def _symbol(node: etree._Element) -> str:
    code = node.get(W + "char", "")
    try:
        return chr(int(code, 16))
    except ValueError:
        return ""


def _mark_revisions(paragraph: etree._Element) -> frozenset[str]:
    rpr = paragraph.find(f"{W}pPr/{W}rPr")
    if rpr is None:
        return frozenset()
    return frozenset(_REVISION_TAGS[c.tag] for c in rpr if c.tag in _REVISION_TAGS)


def _body_paragraphs(body: etree._Element) -> Iterator[etree._Element]:
    """Every w:p of the body in document order (text-box paragraphs after the paragraph holding them:
    the order of ``body.iter``, which the docx reader uses too), without the legacy copies of text
    boxes in ``mc:Fallback``, as the docx reader does."""
    yield from (p for p in body.iter(W + "p") if not in_fallback(p))


def read_tracked(data: bytes, path: str | Path | None = None) -> TrackedDocument:
    """Read a .docx package's body as tracked items (safeio: zip-bomb and XXE checks)."""
    package = SafeZip(data, path)
    root = package.read_xml("word/document.xml")
    body = root.find(W + "body")
    items: list[Item] = []
    keys = ObjectKeys(package, "word/document.xml")
    for paragraph in _body_paragraphs(body if body is not None else root):
        items.extend(_paragraph_items(paragraph, keys))
    notes = []
    for kind in ("footnote", "endnote"):
        name = f"word/{kind}s.xml"
        if name in package:
            note_keys = ObjectKeys(package, name)
            for note in package.read_xml(name).iter(W + kind):
                if note.get(W + "type") in (None, "normal"):
                    notes.append(tuple(i for p in note.iter(W + "p") for i in _paragraph_items(p, note_keys)))
    return TrackedDocument(tuple(items), tuple(notes))


def _paragraph_items(paragraph: etree._Element, keys: ObjectKeys) -> list[Item]:
    rows = _row_revisions(paragraph)
    return [*_own_items(paragraph, rows, keys), Item(MARK, _mark_revisions(paragraph) | rows)]


def _row_revisions(paragraph: etree._Element) -> frozenset[str]:
    """Revisions of the table rows around a paragraph (``w:trPr/w:ins|w:del``): an inserted or
    deleted row takes all its content with it, its cells' last paragraph marks included."""
    found: set[str] = set()
    for row in paragraph.iterancestors(W + "tr"):
        properties = row.find(W + "trPr")
        if properties is not None:
            found.update(_REVISION_TAGS[c.tag] for c in properties if c.tag in (W + INS, W + DEL))
    return frozenset(found)


def read_tracked_file(path: str | Path) -> TrackedDocument:
    return read_tracked(read_input_bytes(path), path)


def accept_all(path: str | Path) -> list[str]:
    """Paragraph texts of a .docx with every tracked change accepted."""
    return read_tracked_file(path).accepted()


def reject_all(path: str | Path) -> list[str]:
    """Paragraph texts of a .docx with every tracked change rejected."""
    return read_tracked_file(path).rejected()


def count_revisions(path: str | Path) -> int:
    """How many revisions the body holds, counted as WmlComparer counts them."""
    return read_tracked_file(path).revision_count()


def normalized(paragraphs: list[str]) -> list[str]:
    """Paragraph texts with whitespace runs collapsed and empty paragraphs dropped (for comparisons
    with parsed provisions, whose texts are normalised the same way)."""
    result = []
    for text in paragraphs:
        collapsed = " ".join(text.split())
        if collapsed:
            result.append(collapsed)
    return result
