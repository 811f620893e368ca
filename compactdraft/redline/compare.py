"""The change list: what a redline shows, built from an alignment, independent of any output format.

A :class:`Redline` is an ordered tuple of :class:`Entry` objects in one merged reading order: the NEW
draft's order, with deleted and moved-away OLD provisions placed right after the old provision they
followed. Each entry carries the word-level operations (:class:`compactdraft.diff.Op`) between
``"\\n".join(old texts)`` and ``"\\n".join(new texts)`` of the provisions it covers, so an inserted
``"\\n"`` is an inserted paragraph mark (a split) and a deleted one a removed mark (a merger).

Invariants (property-tested in tests/test_redline_model.py):

- for every entry, ``reject(entry.ops) == "\\n".join(old texts of entry.old)`` and
  ``accept(entry.ops) == "\\n".join(new texts of entry.new)``;
- the entries with ``in_new`` list NEW's provisions exactly once each and in order, the entries with
  ``in_old`` list OLD's likewise: accepting every change gives NEW, rejecting every change gives OLD.

A link whose provisions are out of order relative to the others (the aligner reports a crossing
link that is not a move) is shown as a move, so that both orders always hold. See docs/redlines.md.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from ..diff import Op, accept, changed, diff_chars, diff_words, reject
from ..diff.options import DEFAULT, CompareOptions
from ..model import Alignment, Draft, Link, LinkKind


class EntryKind(str, Enum):
    """How an entry appears in the reading order."""

    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    RENUMBERED = "renumbered"  # same provision under another number (wording may also change)
    INSERTED = "inserted"
    DELETED = "deleted"
    MOVED_FROM = "moved_from"  # where a moved provision stood in OLD (its text shown as moved away)
    MOVED_TO = "moved_to"  # where it stands in NEW (with its real wording changes)
    SPLIT = "split"  # one old provision -> several new
    MERGED = "merged"  # several old -> one new

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Entry:
    """One item of the change list.

    id:          stable id from the provision ids, ``OLD>NEW`` (``para.17>para.19``, ``-`` for a side
                 with no provision, ``+`` joins several: ``para.3>para.3+para.4``)
    kind:        see :class:`EntryKind`
    events:      every provision-level event that holds, sorted: unchanged, modified, renumbered, moved,
                 split, merged, inserted, deleted (a renumbered and reworded paragraph has both)
    old, new:    ids of the OLD / NEW provisions whose texts the ops join with "\\n"
    old_labels, new_labels: their printed labels
    ops:         word diff of "\\n".join(old texts) -> "\\n".join(new texts)
    in_old:      this entry stands for ``old`` in OLD's reading order (False for moved_to)
    in_new:      this entry stands for ``new`` in NEW's reading order (False for moved_from)
    section:     id of the outermost heading enclosing it (NEW's, or OLD's for old-only entries)
    counterpart: for moves, the ids on the other side (where it went / where it came from)
    """

    id: str
    kind: EntryKind
    events: tuple[str, ...]
    old: tuple[str, ...]
    new: tuple[str, ...]
    old_labels: tuple[str, ...]
    new_labels: tuple[str, ...]
    ops: tuple[Op, ...]
    in_old: bool
    in_new: bool
    section: str | None = None
    counterpart: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        """True unless the provision stands unchanged in wording, number and place."""
        return self.kind is not EntryKind.UNCHANGED

    @property
    def old_text(self) -> str:
        return reject(self.ops)

    @property
    def new_text(self) -> str:
        return accept(self.ops)


@dataclass(frozen=True)
class Redline:
    """An alignment and its change list in merged reading order."""

    alignment: Alignment
    entries: tuple[Entry, ...]

    @property
    def old(self) -> Draft:
        return self.alignment.old

    @property
    def new(self) -> Draft:
        return self.alignment.new

    @property
    def changed(self) -> bool:
        return any(e.changed for e in self.entries)

    def old_texts(self) -> list[str]:
        """OLD's provision texts rebuilt by rejecting every change."""
        return [t for e in self.entries if e.in_old and e.old for t in e.old_text.split("\n")]

    def new_texts(self) -> list[str]:
        """NEW's provision texts rebuilt by accepting every change."""
        return [t for e in self.entries if e.in_new and e.new for t in e.new_text.split("\n")]


def compare(old: Draft, new: Draft, engine: str | None = None, options: CompareOptions = DEFAULT) -> Redline:
    """Align two drafts and build their change list."""
    from ..align import align

    return redline_from_alignment(align(old, new), engine, options)


# --- building -------------------------------------------------------------------------------------

@dataclass
class _Piece:
    """An entry before ordering: its sort position on each side (None when absent there)."""

    entry: Entry
    old_pos: int | None
    new_pos: int | None


def _runs(ids: Sequence[str], draft: Draft) -> list[tuple[str, ...]]:
    """Ids in document order, cut into runs of consecutive provisions."""
    ordered = sorted(ids, key=draft.position)
    runs: list[list[str]] = []
    for pid in ordered:
        if runs and draft.position(pid) == draft.position(runs[-1][-1]) + 1:
            runs[-1].append(pid)
        else:
            runs.append([pid])
    return [tuple(run) for run in runs]


def _joined(draft: Draft, ids: Iterable[str]) -> str:
    return "\n".join(draft.get(i).text for i in ids)


# The order events are listed in: the link kinds' order, then "moved" (if LinkKind did not hold it).
# Built once here, not once per entry (listing an Enum is slow).
_EVENT_RANK = {name: rank for rank, name in enumerate(dict.fromkeys([k.value for k in LinkKind] + ["moved"]))}


def _events(link: Link, extra: Iterable[str] = ()) -> tuple[str, ...]:
    found = {link.kind.value, *(k.value for k in link.also), *extra}
    return tuple(sorted(found, key=_EVENT_RANK.__getitem__))


_TWO_SIDED = {
    LinkKind.UNCHANGED: EntryKind.UNCHANGED,
    LinkKind.MODIFIED: EntryKind.MODIFIED,
    LinkKind.RENUMBERED: EntryKind.RENUMBERED,
    LinkKind.SPLIT: EntryKind.SPLIT,
    LinkKind.MERGED: EntryKind.MERGED,
}


class _Builder:
    def __init__(self, alignment: Alignment, engine: str | None, options: CompareOptions = DEFAULT) -> None:
        self.al = alignment
        self.old, self.new = alignment.old, alignment.new
        self.engine = engine
        self.options = options
        self._diff = diff_chars if options.granularity == "char" else diff_words

    def entry(self, kind: EntryKind, link: Link, old: tuple[str, ...], new: tuple[str, ...],
              ops: tuple[Op, ...], in_old: bool, in_new: bool, extra: Iterable[str] = (),
              counterpart: tuple[str, ...] = ()) -> Entry:
        events = _events(link, extra)
        if old and new and not self._relabelled(old, new):
            # renumbering is about printed numbers: a positional id that shifted (preamble.6 ->
            # preamble.5) or an unchanged label is no renumbering for the reader
            events = tuple(e for e in events if e != "renumbered") or ("unchanged",)
            if kind is EntryKind.RENUMBERED:
                kind = EntryKind.UNCHANGED
        if kind is EntryKind.UNCHANGED and (changed(ops) or self._relabelled(old, new)):
            # the aligner said unchanged but the wording or number differs: show what really changed
            kind = EntryKind.MODIFIED if changed(ops) else EntryKind.RENUMBERED
            events = _events(link, [kind.value])
        if kind is EntryKind.MODIFIED and not changed(ops) and self._relabelled(old, new):
            kind = EntryKind.RENUMBERED
        entry_id = f"{'+'.join(old) or '-'}>{'+'.join(new) or '-'}"
        if kind is EntryKind.MOVED_FROM:
            entry_id = f"{'+'.join(old)}>-"
        return Entry(entry_id, kind, events, old, new,
                     tuple(self.old.get(i).label for i in old), tuple(self.new.get(i).label for i in new),
                     ops, in_old, in_new, self._section(old, new, in_new), counterpart)

    def _relabelled(self, old: tuple[str, ...], new: tuple[str, ...]) -> bool:
        return [self.old.get(i).label for i in old] != [self.new.get(i).label for i in new]

    def _section(self, old: tuple[str, ...], new: tuple[str, ...], in_new: bool) -> str | None:
        if in_new and new:
            heading = self.new.section_of(new[0])
        elif old:
            heading = self.old.section_of(old[0])
        else:
            heading = self.new.section_of(new[0]) if new else None
        return heading.id if heading is not None else None

    def diff(self, old: Sequence[str], new: Sequence[str]) -> tuple[Op, ...]:
        return self._diff(_joined(self.old, old), _joined(self.new, new), self.engine)

    def only_old(self, link: Link, run: tuple[str, ...], kind: EntryKind, extra: Iterable[str] = ()
                 ) -> _Piece:
        ops = self._diff(_joined(self.old, run), "", self.engine)
        counterpart = link.new if kind is EntryKind.MOVED_FROM else ()
        return _Piece(self.entry(kind, link, run, (), ops, True, False, extra, counterpart),
                      self.old.position(run[0]), None)

    def only_new(self, link: Link, old: tuple[str, ...], run: tuple[str, ...], kind: EntryKind,
                 extra: Iterable[str] = ()) -> _Piece:
        counterpart = link.old if kind is EntryKind.MOVED_TO else ()
        return _Piece(self.entry(kind, link, old, run, self.diff(old, run), False, True, extra, counterpart),
                      None, self.new.position(run[0]))

    def as_move(self, link: Link, extra: Iterable[str] = ()) -> list[_Piece]:
        """A link shown as moved: where it stood in OLD and where it stands in NEW (without moves:
        deleted there and inserted here)."""
        if not self.options.moves:
            return ([self.only_old(link, run, EntryKind.DELETED) for run in _runs(link.old, self.old)]
                    + [self.only_new(link, (), run, EntryKind.INSERTED) for run in _runs(link.new, self.new)])
        pieces = [self.only_old(link, run, EntryKind.MOVED_FROM, extra) for run in _runs(link.old, self.old)]
        new_runs = _runs(link.new, self.new)
        for number, run in enumerate(new_runs):
            old = tuple(sorted(link.old, key=self.old.position)) if number == 0 else ()
            pieces.append(self.only_new(link, old, run, EntryKind.MOVED_TO, extra))
        return pieces

    def pieces(self, link: Link) -> list[_Piece]:
        if link.kind is LinkKind.INSERTED:
            return [self.only_new(link, (), run, EntryKind.INSERTED) for run in _runs(link.new, self.new)]
        if link.kind is LinkKind.DELETED:
            return [self.only_old(link, run, EntryKind.DELETED) for run in _runs(link.old, self.old)]
        if link.kind is LinkKind.MOVED or not link.old or not link.new:
            return self.as_move(link)
        old_runs, new_runs = _runs(link.old, self.old), _runs(link.new, self.new)
        if len(old_runs) > 1 or len(new_runs) > 1:
            return self.as_move(link)  # scattered provisions cannot sit in one place in both orders
        kind = _TWO_SIDED[link.kind]
        old, new = old_runs[0], new_runs[0]
        entry = self.entry(kind, link, old, new, self.diff(old, new), True, True)
        return [_Piece(entry, self.old.position(old[0]), self.new.position(new[0]))]


def _in_order(anchors: list[_Piece]) -> set[int]:
    """Indexes (into anchors sorted by new position) of a longest run increasing in old position."""
    tails: list[int] = []  # old positions
    tail_index: list[int] = []
    previous = [-1] * len(anchors)
    for i, piece in enumerate(anchors):
        assert piece.old_pos is not None
        k = bisect.bisect_left(tails, piece.old_pos)
        if k == len(tails):
            tails.append(piece.old_pos)
            tail_index.append(i)
        else:
            tails[k] = piece.old_pos
            tail_index[k] = i
        previous[i] = tail_index[k - 1] if k else -1
    keep: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        keep.add(i)
        i = previous[i]
    return keep


def _merge(anchors: list[_Piece], old_only: list[_Piece], new_only: list[_Piece]) -> list[Entry]:
    """NEW's order, each old-only piece placed right after the old provision it followed."""
    old_only.sort(key=lambda p: p.old_pos or 0)
    new_side = sorted(anchors + new_only, key=lambda p: p.new_pos or 0)
    anchor_old = [p.old_pos for p in new_side if p.old_pos is not None]
    result: list[Entry] = []
    taken = 0

    def flush(limit: int | None) -> None:
        nonlocal taken
        while taken < len(old_only) and (limit is None or (old_only[taken].old_pos or 0) < limit):
            result.append(old_only[taken].entry)
            taken += 1

    next_anchor = 0
    flush(anchor_old[0] if anchor_old else None)
    for piece in new_side:
        result.append(piece.entry)
        if piece.old_pos is not None:
            next_anchor += 1
            flush(anchor_old[next_anchor] if next_anchor < len(anchor_old) else None)
    flush(None)
    return result


def redline_from_alignment(alignment: Alignment, engine: str | None = None,
                           options: CompareOptions = DEFAULT) -> Redline:
    """The change list of an alignment (see the module docstring for the order and invariants)."""
    builder = _Builder(alignment, engine, options)
    anchors: list[_Piece] = []
    old_only: list[_Piece] = []
    new_only: list[_Piece] = []
    links_of_anchor: list[Link] = []
    for link in alignment.links:
        for piece in builder.pieces(link):
            if piece.old_pos is not None and piece.new_pos is not None:
                anchors.append(piece)
                links_of_anchor.append(link)
            elif piece.old_pos is not None:
                old_only.append(piece)
            else:
                new_only.append(piece)
    order = sorted(range(len(anchors)), key=lambda i: anchors[i].new_pos or 0)
    anchors = [anchors[i] for i in order]
    links_of_anchor = [links_of_anchor[i] for i in order]
    keep = _in_order(anchors)
    kept: list[_Piece] = []
    for index, (piece, link) in enumerate(zip(anchors, links_of_anchor)):
        if index in keep:
            kept.append(piece)
            continue
        for moved in builder.as_move(link, extra=("moved",)):
            (old_only if moved.old_pos is not None else new_only).append(moved)
    return Redline(alignment, tuple(_merge(kept, old_only, new_only)))


__all__ = ["Entry", "EntryKind", "Redline", "compare", "compare_files", "redline_from_alignment"]


def compare_files(old_path: str, new_path: str, profile: str | None = None, engine: str | None = None,
                  options: CompareOptions = DEFAULT) -> Redline:
    """Parse two files (any supported format) and build their redline."""
    from ..parse import parse_file

    old = parse_file(old_path, profile=profile)
    new = parse_file(new_path, profile=profile)
    if old.id == new.id:  # same file name in two folders: keep the ids apart in every output
        old, new = old.with_id(f"{old.id}-old"), new.with_id(f"{new.id}-new")
    return compare(old, new, engine, options)
