"""The in-place Word redline: the base document's body kept, changed paragraphs rewritten where they stand.

A draft whose layout is not a list of paragraphs (tables, text boxes) cannot be rebuilt from its
provisions without flattening it. For such a document the Word writer keeps a copy of the NEW
package's body (tables, rows, cells, text boxes, drawings, section properties) and, part by part of
the change list:

- a paragraph present in NEW (``Provision.ref`` = ``p:i``, the i-th ``w:p`` of the body) has its text
  runs replaced by the diffed runs (``w:ins``/``w:del``); an inserted paragraph's mark is marked
  inserted (except the last paragraph of a cell, text box or body, whose mark Word never removes);
- a paragraph only in OLD is written as a deleted paragraph (deleted runs, deleted mark). A paragraph
  from an OLD table cell goes into the corresponding NEW cell (same column of the NEW row paired with
  its OLD row, see :class:`RowMap`) when that cell lies between the last paragraph written and the
  next one, so that reading order stays OLD's; when every paragraph of an OLD table row is deleted
  and the row has no counterpart, the OLD row is put back whole after the row written for the OLD
  row before it (its cells emptied, then filled with the deleted paragraphs), and is marked
  ``w:trPr/w:del`` as Word does. Any other deleted paragraph goes right after the last paragraph
  written, or before the next one when that stands in the same kind of container (cell, text box).
  With the base OLD, the same holds for inserted NEW paragraphs and rows (``w:ins``).

Moves are written as a deletion and an insertion here: a move range cannot span table cells.
"""
from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from lxml import etree

from .content import OBJECT_TAGS, is_object
from .elements import (
    DEL,
    EQUAL,
    INS,
    MOVE_FROM,
    MOVE_TO,
    Revisions,
    W,
    element,
    paragraph,
)

_KEPT_IN_NEW = (EQUAL, INS, MOVE_TO)
_KEPT_IN_OLD = (EQUAL, DEL, MOVE_FROM)
# Elements of a paragraph's own text that the diffed runs replace.
_TEXT_TAGS = {W + t for t in ("t", "delText", "tab", "br", "cr", "sym", "noBreakHyphen", "softHyphen",
                              "ptab", "footnoteReference", "endnoteReference", "instrText", "fldChar")}
# Layouts the flat writer cannot rebuild: their presence selects the in-place writer.
_LAYOUT_TAGS = (W + "tbl", W + "txbxContent")
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_CONTAINERS = (W + "tc", W + "txbxContent")
_BLOCK_TAGS = {W + "p", W + "tbl", W + "sdt", W + "customXml"}
_PLACED, _BEFORE_FOLLOWING = "placed", "before following"
_REVISION_TAGS = {W + t for t in ("ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange")}


class Segment(NamedTuple):
    """One paragraph of a part's diff: the kind of its mark and its (kind, text, fragment) pieces
    (the fragment: the text with its source formatting, compactdraft/word/writer.py)."""

    mark: str
    pieces: tuple[tuple[str, str, object], ...]


def needs_in_place(root: etree._Element) -> bool:
    """True for a body with tables or text boxes and no tracked changes of its own."""
    body = root.find(W + "body")
    if body is None or next(body.iter(*_LAYOUT_TAGS), None) is None:
        return False
    return next(body.iter(*_REVISION_TAGS), None) is None


def segments(pieces: Sequence[Any], trailing: str) -> list[Segment]:
    """A part's pieces (text or paragraph mark) cut into paragraphs; the last ends with ``trailing``."""
    result: list[Segment] = []
    current: list[tuple[str, str, object]] = []
    for piece in pieces:
        text = piece.text
        if piece.marker is not None:
            continue  # move ranges: moves are deletion + insertion here
        if text is None:
            result.append(Segment(piece.kind, tuple(current)))
            current = []
        elif text:
            current.append((piece.kind, text, piece.fragment))
    result.append(Segment(trailing, tuple(current)))
    return result


# (fragments of one revision kind, the kind) -> the paragraph content written for them, revisions included
RunMaker = Callable[[list, str], list[etree._Element]]


@dataclass
class InPlaceBody:
    """The copy of NEW's document root being rewritten, and where the next deleted paragraph goes."""

    root: etree._Element
    notes: Revisions
    make_runs: RunMaker
    paragraphs: list[etree._Element] = field(default_factory=list)
    cursor: etree._Element | None = None
    pending: list[tuple[etree._Element, tuple[str, ...], etree._Element | None]] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    last_target: etree._Element | None = None
    open_mark: str | None = None  # the revision of the last target's mark, if not equal
    rows: RowMap | None = None
    index: dict[etree._Element, int] = field(default_factory=dict)  # the base's paragraphs, in order
    position: float = -1.0  # where the cursor stands among the base paragraphs (x.5: between two)

    @classmethod
    def of(cls, template: etree._Element, notes: Revisions, make_runs: RunMaker) -> InPlaceBody:
        root = copy.deepcopy(template)
        body = root.find(W + "body")
        paragraphs = list(body.iter(W + "p")) if body is not None else []
        for fallback in list(root.iter(FALLBACK)):
            # a legacy copy of a text box (VML) that the reader skips: the changes are in the choice
            fallback.getparent().remove(fallback)
        return cls(root, notes, make_runs, paragraphs, index={p: i for i, p in enumerate(paragraphs)})

    def target(self, ref: str | None) -> etree._Element | None:
        """NEW's paragraph for a provision ref ``p:i`` (each used once, in order), or None."""
        if not ref or not ref.startswith("p:") or not ref[2:].isdigit():
            return None
        index = int(ref[2:])
        if index >= len(self.paragraphs) or index in self.used or (self.used and index < max(self.used)):
            return None
        self.used.add(index)
        return self.paragraphs[index]

    def children(self, pieces: Sequence[tuple[str, str, object]]) -> list[etree._Element]:
        """Runs and revision wrappers for a paragraph's pieces (same-kind neighbours joined)."""
        result: list[etree._Element] = []
        groups: list[tuple[str, list[object]]] = []
        for kind, _, fragment in pieces:
            if groups and groups[-1][0] == kind:
                groups[-1][1].append(fragment)
            else:
                groups.append((kind, [fragment]))
        for kind, fragments in groups:
            result.extend(self.make_runs(fragments, kind))
        return result

    def rewrite(self, target: etree._Element, segment: Segment) -> None:
        """Replace the target's own text with the segment's runs; mark a mark only the base has."""
        self.place(target)
        self.join_skipped(target)
        replace_text(target, self.children(segment.pieces))
        if segment.mark != EQUAL and not _last_in_container(target):
            self.notes.mark_paragraph(_ppr(target), segment.mark)
        self.cursor = self.last_target = target
        self.position = self.index[target]
        self.open_mark = segment.mark if segment.mark != EQUAL else None

    def join_skipped(self, target: etree._Element) -> None:
        """After a mark only the base has (a split paragraph), the paragraphs between it and the next
        target (empty or object-only, no provision) get the same mark revision: the other side
        has one paragraph where the base has them all."""
        if self.open_mark is None or self.last_target is None:
            return
        start, end = self.paragraphs.index(self.last_target), self.paragraphs.index(target)
        for skipped in self.paragraphs[start + 1:end]:
            if not _last_in_container(skipped) and skipped.getparent() is not None:
                self.notes.mark_paragraph(_ppr(skipped), self.open_mark)

    def add(self, ppr: etree._Element, segment: Segment, source: etree._Element | None) -> None:
        """A paragraph the base lacks (deleted from OLD, or inserted when the base is OLD); placed
        when the next base paragraph is known (see :meth:`place`)."""
        ppr = copy.deepcopy(ppr)
        self.notes.mark_paragraph(ppr, segment.mark)
        self.pending.append((paragraph(ppr, self.children(segment.pieces)), container(source), source))

    def place(self, following: etree._Element | None) -> None:
        """Put the pending paragraphs into their table cell or row (see :meth:`place_in_table`), else
        right before ``following`` when they stood in the same kind of container (cell, text box,
        body), else right after the last paragraph written."""
        before_following = False  # once one goes before ``following``, the rest follow it (order)
        for node, where, source in self.pending:
            if not before_following and (placed := self.place_in_table(node, source, following)):
                before_following = placed == _BEFORE_FOLLOWING
                continue
            before_following = before_following or following is not None and (
                self.cursor is None or container(following) == where and container(self.cursor) != where)
            if before_following:
                assert following is not None  # before_following is only ever set with a following paragraph
                following.addprevious(node)
            elif self.cursor is not None:
                self.cursor.addnext(node)
                self.cursor = node
            else:
                return
        self.pending = []

    def place_in_table(self, node: etree._Element, source: etree._Element | None,
                       following: etree._Element | None) -> str:
        """Put ``node`` into the base cell that corresponds to its source's cell, or into its source's
        row put back whole; only where it keeps the document order (after the cursor, before
        ``following``). How it was placed (``_BEFORE_FOLLOWING`` binds the rest of the pending
        paragraphs to go there too), or "" when there is no such place."""
        if self.rows is None or source is None:
            return ""
        limit = self.index[following] if following is not None else float("inf")
        put_back = self.rows.put_back_row(source, self)
        if put_back is not None:
            row, spot, position = put_back
            if not self.position <= position < limit:
                return ""
            if row.getparent() is None:
                spot(row)
            slot = self.rows.slot(source, row)
            slot.getparent().replace(slot, node)
            self.cursor, self.position = node, position
            return _PLACED
        cell = self.rows.cell_for(source)
        if cell is None or (self.cursor is not None and cell in self.cursor.iterancestors()):
            return ""  # no counterpart, or the cursor is there already: right after it
        if following is not None and cell in following.iterancestors():
            following.addprevious(node)
            return _BEFORE_FOLLOWING
        first, last = self.rows.span(cell, self.index)
        if not self.position < first - 0.5 or not last < limit:
            return ""
        start = next(c for c in cell if c.tag in _BLOCK_TAGS)
        start.addprevious(node)
        self.cursor, self.position = node, first - 0.5
        return _PLACED


def container(p: etree._Element | None) -> tuple[str, ...]:
    """The kinds of the cells and text boxes around a paragraph, outermost first."""
    if p is None:
        return ()
    return tuple(etree.QName(a).localname for a in reversed(list(p.iterancestors(*_CONTAINERS))))


def _ppr(p: etree._Element) -> etree._Element:
    ppr = p.find(W + "pPr")
    if ppr is None:
        ppr = element("pPr")
        p.insert(0, ppr)
    else:
        for rpr in ppr.findall(W + "rPr"):
            ppr.remove(rpr)  # the paragraph mark's formatting: replaced by the revision mark
    return ppr


def _last_in_container(p: etree._Element) -> bool:
    """The last paragraph of a cell, text box or the body: Word keeps its mark whatever happens."""
    return next((s for s in p.itersiblings() if s.tag in _BLOCK_TAGS), None) is None


def _own_text_nodes(child: etree._Element, p: etree._Element) -> list[etree._Element]:
    """Text-bearing elements under ``child`` whose paragraph is ``p`` (not a nested text box's)."""
    found = []
    for node in child.iter(*_TEXT_TAGS, *OBJECT_TAGS):
        if node.tag in OBJECT_TAGS and not is_object(node):
            continue  # a text box: its paragraphs are targets of their own
        owner = next(node.iterancestors(W + "p"), None)
        if owner is p:
            found.append(node)
    return found


def _holds_nested(child: etree._Element) -> bool:
    return next(child.iter(W + "p", W + "tbl"), None) is not None


def replace_text(p: etree._Element, runs: list[etree._Element]) -> None:
    """Remove the paragraph's own text (runs, hyperlinks, fields) and put ``runs`` where it began.

    Children holding nested paragraphs (a text box's anchor) stay, only their own text removed;
    children without text (bookmarks, drawings) stay as they are."""
    insert_at: int | None = None
    for child in list(p):
        if child.tag == W + "pPr":
            continue
        own = _own_text_nodes(child, p)
        if not own and child.tag != W + "r":
            continue
        if _holds_nested(child) and not all(is_object(n) for n in own if n.tag in OBJECT_TAGS):
            for node in own:
                node.getparent().remove(node)
            continue
        if own or not len(child) or all(c.tag == W + "rPr" for c in child):
            if insert_at is None:
                insert_at = p.index(child)
            p.remove(child)
    if insert_at is None:
        insert_at = len(p)
    for offset, node in enumerate(runs):
        p.insert(insert_at + offset, node)


def write_parts(body: InPlaceBody, built: Sequence[tuple[object, list[Segment]]], base: str,
                other_ppr: Callable[[object], tuple[etree._Element, etree._Element | None]]) -> bool:
    """Write every part's segments into the ``base`` ("new" or "old") side's body; False if a base
    paragraph cannot be found, in order, through its provision's ref."""
    kept = _KEPT_IN_NEW if base == "new" else _KEPT_IN_OLD
    body.rows = RowMap.of(paired_paragraphs(body, built, base, other_ppr))
    for part, part_segments in built:
        base_side = list(getattr(part, base))
        other_side = list(getattr(part, "old" if base == "new" else "new"))
        in_base = in_other = 0
        for segment in part_segments:
            if segment.mark in kept:
                if in_base >= len(base_side):
                    return False
                target = body.target(base_side[in_base].ref)
                if target is None:
                    return False
                body.rewrite(target, segment)
                in_base += 1
                in_other += segment.mark == EQUAL
            else:
                if in_other >= len(other_side):
                    return False
                ppr, source = other_ppr(other_side[in_other])
                body.add(ppr, segment, source)
                in_other += 1
    body.place(None)
    if body.pending:
        return False
    put_back = set(body.rows.copies.values()) if body.rows is not None else set()
    mark_whole_rows(body.root, body.notes, INS if base == "new" else DEL, put_back)
    return True


def mark_whole_rows(root: etree._Element, notes: Revisions, native: str,
                    put_back: set[etree._Element] | frozenset[etree._Element] = frozenset()) -> None:
    """A table row whose content is all inserted (or all deleted) is an inserted (deleted) row, as
    Word and WmlComparer mark it: ``w:trPr/w:ins|w:del``, with the marks of its cells' last
    paragraphs revised too, so that rejecting (accepting) removes the row and the row is one revision.
    A row of the base can only be the base's own kind of row (``native``: inserted when the base is
    NEW); a row put back from the other draft only the other kind (the base lacks it)."""
    for row in root.iter(W + "tr"):
        paragraphs = [p for p in row.iter(W + "p") if next(p.iterancestors(W + "tr"), None) is row]
        kind = _whole_row_kind(paragraphs)
        if kind is None or (kind == native) == (row in put_back):
            continue
        for p in paragraphs:
            if _mark_kind(p) != kind:
                notes.mark_paragraph(_ppr(p), kind)
        properties = row.find(W + "trPr")
        if properties is None:
            properties = element("trPr")
            exceptions = row.find(W + "tblPrEx")
            row.insert(0 if exceptions is None else row.index(exceptions) + 1, properties)
        properties.append(notes.revision(kind))


def _whole_row_kind(paragraphs: Sequence[etree._Element]) -> str | None:
    """INS or DEL when every piece of content of the row's paragraphs is of that kind and every
    paragraph mark with content before it is too (a cell's last mark cannot be revised alone)."""
    kinds: set[str] = set()
    for p in paragraphs:
        content = {_content_kind(node, p) for node in _own_content(p)}
        mark = _mark_kind(p)
        if content and mark != EQUAL and mark not in content:
            return None
        if content and mark == EQUAL and not _last_in_container(p):
            return None
        kinds |= content
    return kinds.pop() if len(kinds) == 1 and kinds <= {INS, DEL} else None


def _own_content(p: etree._Element) -> list[etree._Element]:
    """Text and objects whose paragraph is ``p`` (not a nested text box's or table's)."""
    return [n for n in p.iter(W + "t", W + "delText", *OBJECT_TAGS)
            if next(n.iterancestors(W + "p"), None) is p and (n.tag not in OBJECT_TAGS or is_object(n))
            and (n.text or n.tag in OBJECT_TAGS)]


def _content_kind(node: etree._Element, p: etree._Element) -> str:
    for ancestor in node.iterancestors():
        if ancestor is p:
            break
        if ancestor.tag in (W + INS, W + DEL, W + MOVE_FROM, W + MOVE_TO):
            return etree.QName(ancestor).localname
    return EQUAL


def _mark_kind(p: etree._Element) -> str:
    rpr = p.find(f"{W}pPr/{W}rPr")
    found = [etree.QName(c).localname for c in rpr if c.tag in (W + INS, W + DEL)] if rpr is not None else []
    return found[0] if found else EQUAL


Pair = tuple[etree._Element, etree._Element]  # (the other draft's paragraph, the base's paragraph)


def paired_paragraphs(body: InPlaceBody, built: Sequence[tuple[object, list[Segment]]], base: str,
                      other_ppr: Callable[[object], tuple[etree._Element, etree._Element | None]]) -> list[Pair]:
    """The source paragraphs of the two drafts that the change list keeps as one paragraph (a
    segment whose mark is equal), as write_parts walks them; the row map is built from these."""
    pairs: list[Pair] = []
    for part, part_segments in built:
        base_side = list(getattr(part, base))
        other_side = list(getattr(part, "old" if base == "new" else "new"))
        in_base = in_other = 0
        for segment in part_segments:
            if segment.mark == EQUAL and in_base < len(base_side) and in_other < len(other_side):
                ref = base_side[in_base].ref or ""
                source = other_ppr(other_side[in_other])[1]
                if source is not None and ref.startswith("p:") and ref[2:].isdigit() \
                        and int(ref[2:]) < len(body.paragraphs):
                    pairs.append((source, body.paragraphs[int(ref[2:])]))
            if segment.mark == EQUAL:
                in_base, in_other = in_base + 1, in_other + 1
            elif segment.mark in _KEPT_IN_NEW and base == "new" or segment.mark in _KEPT_IN_OLD and base == "old":
                in_base += 1
            else:
                in_other += 1
    return pairs


def _row(p: etree._Element) -> etree._Element | None:
    return next(p.iterancestors(W + "tr"), None)


def _table(row: etree._Element) -> etree._Element | None:
    return next(row.iterancestors(W + "tbl"), None)


def _cells(row: etree._Element) -> list[etree._Element]:
    return [c for c in row.iter(W + "tc") if _row(c) is row]


def _grid_start(cell: etree._Element, row: etree._Element) -> int:
    """The grid column where a cell starts (cells spanning columns counted by their ``w:gridSpan``)."""
    start = 0
    for other in _cells(row):
        if other is cell:
            return start
        span = other.find(f"{W}tcPr/{W}gridSpan")
        start += int(span.get(W + "val", "1")) if span is not None and span.get(W + "val", "1").isdigit() else 1
    return -1


def _cell_at(row: etree._Element, start: int) -> etree._Element | None:
    return next((c for c in _cells(row) if _grid_start(c, row) == start), None)


def _majority(counts: dict[etree._Element, dict[etree._Element, int]]) -> dict[etree._Element, etree._Element]:
    """For each key, the value it is paired with most often (the first such in document order)."""
    return {key: max(found, key=lambda v: found[v]) for key, found in counts.items()}


@dataclass
class RowMap:
    """Which base row stands for each row of the other draft's tables.

    Rows are anchored by their paired paragraphs (the base row most of their paragraphs went to),
    keeping only anchors in increasing order; between two anchors, unanchored rows of the two tables
    with the same number of cells are paired in order (a row whose content was all deleted and
    replaced). A row left over whose paragraphs were all deleted (none paired) and which holds no
    nested table or text box is put back whole (:meth:`put_back_row`)."""

    match: dict[etree._Element, etree._Element] = field(default_factory=dict)
    previous: dict[etree._Element, etree._Element | None] = field(default_factory=dict)  # left-over -> row before
    following: dict[etree._Element, etree._Element | None] = field(default_factory=dict)  # -> next matched base row
    copies: dict[etree._Element, etree._Element] = field(default_factory=dict)
    slots: dict[etree._Element, list[etree._Element]] = field(default_factory=dict)
    ends: dict[etree._Element, float] = field(default_factory=dict)  # a put-back row's position

    @classmethod
    def of(cls, pairs: Sequence[Pair]) -> RowMap:
        rows: dict[etree._Element, dict[etree._Element, int]] = {}
        paired = {other for other, _ in pairs}
        for other, base in pairs:
            other_row, base_row = _row(other), _row(base)
            if other_row is not None and base_row is not None:
                found = rows.setdefault(other_row, {})
                found[base_row] = found.get(base_row, 0) + 1
        anchors = _majority(rows)
        tables: dict[etree._Element, dict[etree._Element, int]] = {}
        for other_row, base_row in anchors.items():
            found = tables.setdefault(_table(other_row), {})
            found[_table(base_row)] = found.get(_table(base_row), 0) + 1
        result = cls()
        for other_table, base_table in _majority(tables).items():
            if other_table is not None and base_table is not None:
                result.align_table(other_table, base_table, anchors, paired)
        return result

    def align_table(self, other_table: etree._Element, base_table: etree._Element,
                    anchors: dict[etree._Element, etree._Element], paired: set[etree._Element]) -> None:
        other_rows = [r for r in other_table.iter(W + "tr") if _table(r) is other_table]
        base_rows = [r for r in base_table.iter(W + "tr") if _table(r) is base_table]
        where = {row: i for i, row in enumerate(base_rows)}
        kept: list[tuple[int, int]] = []
        for i, row in enumerate(other_rows):
            j = where.get(anchors.get(row), -1)
            if j >= 0 and (not kept or j > kept[-1][1]):
                kept.append((i, j))
        bounds = [(-1, -1), *kept, (len(other_rows), len(base_rows))]
        for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
            if (i1, j1) != (len(other_rows), len(base_rows)):
                self.match[other_rows[i1]] = base_rows[j1]
            gap_base = base_rows[j0 + 1:j1]
            for offset, row in enumerate(other_rows[i0 + 1:i1]):
                if offset < len(gap_base) and len(_cells(row)) == len(_cells(gap_base[offset])):
                    self.match[row] = gap_base[offset]
                elif self.whole(row, paired):
                    self.previous[row] = other_rows[i0 + offset] if i0 + offset >= 0 else None
                    self.following[row] = base_rows[j1] if j1 < len(base_rows) else None

    @staticmethod
    def whole(row: etree._Element, paired: set[etree._Element]) -> bool:
        """A row that can be put back whole: none of its paragraphs kept, no nested container."""
        inner = [p for p in row.iter(W + "p")]
        return not any(p in paired for p in inner) and next(row.iter(*_CONTAINERS[1:]), None) is None \
            and all(_row(p) is row for p in inner)

    def cell_for(self, source: etree._Element) -> etree._Element | None:
        """The base cell at the grid column of the source's cell, in the base row paired with its row."""
        row = _row(source)
        cell = next(source.iterancestors(W + "tc"), None)
        if row is None or cell is None or row not in self.match:
            return None
        return _cell_at(self.match[row], _grid_start(cell, row))

    @staticmethod
    def span(cell: etree._Element, index: dict[etree._Element, int]) -> tuple[int, int]:
        found = [index[p] for p in cell.iter(W + "p") if p in index]
        return (min(found), max(found)) if found else (-1, -1)

    def put_back_row(self, source: etree._Element, body: InPlaceBody
                     ) -> tuple[etree._Element, Callable[[etree._Element], None], float] | None:
        """The copy of the source's row to put back (emptied), how to insert it, and its position;
        None if the row is not put back or has no neighbour to stand by."""
        row = _row(source)
        if row is None or row not in self.previous:
            return None
        if row in self.copies:
            copied = self.copies[row]
            return (copied, lambda _: None, self.ends[copied]) if copied.getparent() is not None else None
        before = self.previous[row]
        anchor = self.copies.get(before) if before in self.copies else self.match.get(before)
        if anchor is not None and anchor.getparent() is not None:
            position = self.ends.get(anchor, self.span(anchor, body.index)[1] + 0.5)
            insert = anchor.addnext
        elif (following := self.following[row]) is not None:
            anchor = following
            position = self.span(anchor, body.index)[0] - 0.75  # before the row, and before its cells
            insert = anchor.addprevious
        else:
            return None
        copied = emptied_copy(row)
        self.copies[row], self.ends[copied] = copied, position
        self.slots[copied] = list(copied.iter(W + "p"))
        return copied, insert, position

    def slot(self, source: etree._Element, copied: etree._Element) -> etree._Element:
        """The paragraph of the put-back row that stands where ``source`` stood in its row."""
        row = _row(source)
        assert row is not None
        return self.slots[copied][list(row.iter(W + "p")).index(source)]


def emptied_copy(row: etree._Element) -> etree._Element:
    """A copy of a row with its paragraphs emptied (text, objects, bookmarks, revision marks removed):
    the deleted paragraphs are written into it."""
    copied = copy.deepcopy(row)
    properties = copied.find(W + "trPr")
    if properties is not None:
        for mark in [c for c in properties if c.tag in _REVISION_TAGS]:
            properties.remove(mark)
    for p in copied.iter(W + "p"):
        _ppr(p)
        replace_text(p, [])
        for extra in [c for c in p if c.tag != W + "pPr"]:
            p.remove(extra)
    return copied
