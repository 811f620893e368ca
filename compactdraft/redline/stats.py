"""Change statistics for two drafts: per section and in total (``compactdraft stats OLD NEW``).

Counted from the change list (:mod:`compactdraft.redline`), so every figure agrees with what a
redline shows:

- words inserted / deleted: words in inserted / deleted operations (a CJK character counts as one
  word); a moved provision counts only its real wording changes, not the move itself;
- provisions added, deleted, moved, split, merged, renumbered, modified, unchanged;
- bracketed passages (``[...]``, the negotiators' mark for text not yet agreed) opened (present in
  NEW, not in OLD's version of the same provisions) and closed (present in OLD, gone from NEW); those
  remaining in NEW, and the options (``[Option 1: ...]``, ``[alt ...]``) NEW still holds open
  (:mod:`compactdraft.parse.markup`).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields

from ..diff import DELETE, INSERT
from ..diff.tokens import count_words
from ..model import Draft
from ..parse.markup import analyse
from .compare import Entry, EntryKind, Redline, compare

BRACKETED = re.compile(r"\[[^\[\]]*\]")


@dataclass(frozen=True)
class Counts:
    """Figures for one section or the whole text (see the module docstring)."""

    words_inserted: int = 0
    words_deleted: int = 0
    added: int = 0
    deleted: int = 0
    moved: int = 0
    split: int = 0
    merged: int = 0
    renumbered: int = 0
    modified: int = 0
    unchanged: int = 0
    brackets_opened: int = 0
    brackets_closed: int = 0
    brackets_remaining: int = 0
    options_open: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class SectionStats:
    id: str | None  # the section heading's id; None for text before any heading
    title: str  # the heading as printed ("Objective 1: Collect ..."), "(before the first heading)" if None
    counts: Counts


@dataclass(frozen=True)
class Stats:
    old: str  # draft ids
    new: str
    total: Counts
    sections: tuple[SectionStats, ...]  # in reading order


def _brackets(text: str) -> Counter[str]:
    return Counter(match.group(0) for match in BRACKETED.finditer(text))


def entry_counts(entry: Entry) -> Counts:
    """The figures one entry contributes."""
    if entry.kind is EntryKind.MOVED_FROM:
        return Counts()  # the move is counted once, at its destination (moved_to)
    old_brackets, new_brackets = _brackets(entry.old_text), _brackets(entry.new_text)
    events = set(entry.events)
    kind = entry.kind
    return Counts(
        words_inserted=sum(count_words(o.text) for o in entry.ops if o.op == INSERT),
        words_deleted=sum(count_words(o.text) for o in entry.ops if o.op == DELETE),
        added=len(entry.new) if kind is EntryKind.INSERTED else 0,
        deleted=len(entry.old) if kind is EntryKind.DELETED else 0,
        moved=int(kind is EntryKind.MOVED_TO and bool(entry.old)),
        split=int("split" in events and bool(entry.old)),
        merged=int("merged" in events and bool(entry.old)),
        renumbered=int(kind is EntryKind.RENUMBERED or "renumbered" in events),
        modified=int(kind is EntryKind.MODIFIED or (kind is EntryKind.MOVED_TO and "modified" in events)),
        unchanged=int(kind is EntryKind.UNCHANGED),
        brackets_opened=sum((new_brackets - old_brackets).values()),
        brackets_closed=sum((old_brackets - new_brackets).values()),
        brackets_remaining=sum(new_brackets.values()) if entry.in_new else 0,
        options_open=len(analyse(entry.new_text).options) if entry.in_new else 0,
    )


def _section_title(redline: Redline, section: str | None) -> str:
    if section is None:
        return "(before the first heading)"
    for draft in (redline.new, redline.old):
        if section in draft:
            return draft.get(section).display
    return section


def redline_stats(redline: Redline) -> Stats:
    """Statistics of a change list, per section (in reading order) and in total."""
    per_section: dict[str | None, Counts] = {}
    for entry in redline.entries:
        per_section[entry.section] = per_section.get(entry.section, Counts()) + entry_counts(entry)
    sections = tuple(SectionStats(sid, _section_title(redline, sid), counts) for sid, counts in per_section.items())
    return Stats(redline.old.id, redline.new.id, _total(s.counts for s in sections), sections)


def _total(counts: Iterable[Counts]) -> Counts:
    total = Counts()
    for c in counts:
        total = total + c
    return total


def draft_stats(old: Draft, new: Draft, engine: str | None = None) -> Stats:
    """Align two drafts and count their changes."""
    return redline_stats(compare(old, new, engine))
