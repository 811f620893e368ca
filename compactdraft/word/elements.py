"""Small WordprocessingML element helpers for what compactdraft writes into a redline.

Only the markup a redline needs: runs, insertions (``w:ins``), deletions (``w:del`` with
``w:delText``), moves (``w:moveFrom``/``w:moveTo`` with their named range marks), revisions of a
paragraph mark (``w:pPr/w:rPr/w:ins|w:del|w:moveFrom|w:moveTo``). Every revision and range id is
allocated by one :class:`Revisions` object per document, so ids never collide. The XML
we emit and why is described in docs/wordml.md.
"""
from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from .namespaces import R_NS, W_NS, XML_NS, W

NSMAP = {"w": W_NS, "r": R_NS}

# Revision kinds as they appear on runs and on paragraph marks.
# the revision elements by their Word names (diff.INSERT and diff.DELETE are the diff's operations)
INS, DEL, MOVE_FROM, MOVE_TO = "ins", "del", "moveFrom", "moveTo"
EQUAL = "equal"  # text the writers keep as it is (no revision)
REMOVED_ON_ACCEPT = (DEL, MOVE_FROM)
REMOVED_ON_REJECT = (INS, MOVE_TO)

# Children of w:pPr that must follow w:rPr (schema order); everything else comes before it.
_AFTER_RPR = {W + "sectPr", W + "pPrChange"}
# Revision-related children we never copy from a source paragraph's properties.
_STRIP_FROM_PPR = {W + "pPrChange", W + "sectPr", W + "rPr"}


def w(tag: str) -> str:
    """Clark name of a w: tag: ``w("ins")`` -> ``{...main}ins``."""
    return W + tag


# One empty element per tag, declaring NSMAP: copying it is several times cheaper in lxml than
# creating an element with a namespace map, and gives the same element (same declarations).
_PROTOTYPES: dict[str, etree._Element] = {}


def element(tag: str, attrs: dict[str, str] | None = None) -> etree._Element:
    """``<w:tag w:attr="..."/>`` (attribute names are w: names)."""
    prototype = _PROTOTYPES.get(tag)
    if prototype is None:
        prototype = _PROTOTYPES[tag] = etree.Element(w(tag), nsmap=NSMAP)
    node = prototype.__copy__()
    if attrs:
        for name, value in attrs.items():
            node.set(W + name, value)
    return node


def sub(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None) -> etree._Element:
    node = etree.SubElement(parent, w(tag))
    for name, value in (attrs or {}).items():
        node.set(w(name), value)
    return node


def run(text: str, deleted: bool = False) -> etree._Element:
    """``<w:r><w:t xml:space="preserve">text</w:t></w:r>`` (``w:delText`` when deleted; tabs as ``w:tab``)."""
    if not text or "\t" in text:
        return _built_run(text, deleted)
    node = _ONE_TEXT_RUN[deleted].__copy__()  # the common case: a copy is cheaper than a new run
    node[0].text = text
    return node


def _built_run(text: str, deleted: bool) -> etree._Element:
    """The run built element by element: its text pieces with a ``w:tab`` between each two."""
    node = element("r")
    for position, piece in enumerate(text.split("\t")):
        if position:
            sub(node, "tab")
        if piece:
            text_node = sub(node, "delText" if deleted else "t")
            text_node.text = piece
            text_node.set(f"{{{XML_NS}}}space", "preserve")
    return node


_ONE_TEXT_RUN = {deleted: _built_run("-", deleted) for deleted in (False, True)}


def clean_ppr(ppr: etree._Element | None) -> etree._Element:
    """A copy of a source paragraph's ``w:pPr`` without revision marks, run properties or section breaks."""
    result = copy.deepcopy(ppr) if ppr is not None else element("pPr")
    for child in list(result):
        if child.tag in _STRIP_FROM_PPR:
            result.remove(child)
    return result


@dataclass
class Revisions:
    """Allocates every revision and range id of one document, with one author and date.

    author: written as ``w:author`` on every revision
    date:   ``YYYY-MM-DDTHH:MM:SSZ``, written as ``w:date`` (fixed by the caller, never the clock)
    """

    author: str
    date: str
    next_id: int = 1
    move_names: int = 0
    # per kind, a revision element with this author and date: each new one is a copy with its own id
    _revisions: dict[str, etree._Element] = field(default_factory=dict, repr=False, compare=False)

    def allocate(self) -> int:
        value = self.next_id
        self.next_id += 1
        return value

    def revision(self, kind: str) -> etree._Element:
        """``<w:ins|w:del|w:moveFrom|w:moveTo w:id w:author w:date/>`` with a fresh id."""
        prototype = self._revisions.get(kind)
        if prototype is None:
            prototype = self._revisions[kind] = element(kind, {"id": "", "author": self.author, "date": self.date})
        node = prototype.__copy__()
        node.set(W + "id", str(self.allocate()))
        return node

    def tracked(self, kind: str, runs: list[etree._Element]) -> list[etree._Element]:
        """Runs as written for ``kind``: as they are when unchanged ("equal"), else inside one fresh revision."""
        if kind == EQUAL:
            return runs
        node = self.revision(kind)
        node.extend(runs)
        return [node]

    def wrap(self, kind: str, text: str) -> etree._Element:
        """One revision holding one run: ``<w:del ...><w:r><w:delText>text</w:delText></w:r></w:del>``."""
        node = self.revision(kind)
        node.append(run(text, deleted=kind in REMOVED_ON_ACCEPT))
        return node

    def mark_paragraph(self, ppr: etree._Element, kind: str) -> None:
        """Record a revision of the paragraph mark: ``<w:pPr>...<w:rPr><w:ins .../></w:rPr></w:pPr>``."""
        rpr = element("rPr")
        rpr.append(self.revision(kind))
        anchor = next((c for c in ppr if c.tag in _AFTER_RPR), None)
        if anchor is None:
            ppr.append(rpr)
        else:
            anchor.addprevious(rpr)

    def move_name(self) -> str:
        """A fresh name shared by the source and destination range of one move (``move1``)."""
        self.move_names += 1
        return f"move{self.move_names}"

    def range_start(self, kind: str, name: str) -> tuple[etree._Element, str]:
        """``<w:moveFromRangeStart w:id w:name w:author w:date/>`` and its id (for the matching end)."""
        range_id = str(self.allocate())
        node = element(f"{kind}RangeStart", {"id": range_id, "name": name, "author": self.author,
                                             "date": self.date})
        return node, range_id

    @staticmethod
    def range_end(kind: str, range_id: str) -> etree._Element:
        return element(f"{kind}RangeEnd", {"id": range_id})


def serialize(root: etree._Element) -> bytes:
    """UTF-8 XML with a standalone declaration, as Word writes it."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def paragraph(ppr: etree._Element, children: Iterable[etree._Element]) -> etree._Element:
    """``<w:p>`` with its properties first, then the given runs and revisions."""
    node = element("p")
    node.append(ppr)
    for child in children:
        node.append(child)
    return node
