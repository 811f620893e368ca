"""Lineage over a series: each provision followed from the zero draft to the final text.

A lineage is a connected group of provisions across drafts, joined by alignment links (a split
or a merge joins several provisions into one lineage). ``History.trace`` follows one provision
back (and forward) through every round, along every branch of a split or merge, and says what
happened at each step. This is the one lineage of the package: ``history``, ``trace`` (through
:func:`compactdraft.provenance.trace.graph_history`), the annotated draft's notes and the build report
all read it.

Provisions are named ``DRAFT:ID`` everywhere; :func:`resolve_reference` is the one reader of that form.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import NotFoundError, UsageError
from ..model import Alignment, Draft, Link
from .core import align


@dataclass(frozen=True)
class Lineage:
    """One provision's family through the series.

    id:    ``L`` + the first id it has in the earliest draft where it exists (``L:zero:para.17``)
    ids:   per draft (in series order) the ids it has there; () where it does not exist
    steps: per consecutive pair of drafts, the links that carry it from one to the next
    """

    id: str
    ids: tuple[tuple[str, ...], ...]
    steps: tuple[tuple[Link, ...], ...]


DRAFT_ALIASES = ("final", "last", "first", "zero")  # the ends of a series, for any draft ids


def draft_index(draft_ref: str, draft_ids: Sequence[str]) -> int:
    """Index of a draft by id; ``final``/``last`` and ``first``/``zero`` name the ends of the series
    (a draft whose id is one of these words keeps it)."""
    if draft_ref in draft_ids:
        return list(draft_ids).index(draft_ref)
    if draft_ids and draft_ref in DRAFT_ALIASES:
        return len(draft_ids) - 1 if draft_ref in ("final", "last") else 0
    raise NotFoundError(f"no draft {draft_ref!r} in the series (drafts: {', '.join(draft_ids)})")


def resolve_reference(reference: str, draft_ids: Sequence[str]) -> tuple[int, str]:
    """``DRAFT:ID`` (or a bare ID, meaning the last draft) -> (draft index, provision id).

    The one reader of provision references for every command (history, trace, ...); the caller checks
    that the provision exists in what it holds (drafts or a graph).
    """
    draft_ref, _, provision_id = reference.rpartition(":")
    if not draft_ids:
        raise NotFoundError("the series holds no draft")
    index = draft_index(draft_ref, draft_ids) if draft_ref else len(draft_ids) - 1
    return index, provision_id


@dataclass(frozen=True)
class LineageRound:
    """One round of a trace: the ids in the old and new draft and the links between them."""

    old_draft: str
    new_draft: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    links: tuple[Link, ...]


@dataclass(frozen=True)
class History:
    drafts: tuple[Draft, ...]
    alignments: tuple[Alignment, ...]
    lineages: tuple[Lineage, ...]

    @property
    def draft_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.drafts)

    def draft_index(self, draft_id: str) -> int:
        """Index of a draft by id or alias (:func:`draft_index`)."""
        return draft_index(draft_id, self.draft_ids)

    def resolve(self, reference: str) -> tuple[int, str]:
        """``DRAFT:ID`` (or a bare ID, meaning the last draft) -> (draft index, provision id)."""
        index, provision_id = resolve_reference(reference, self.draft_ids)
        if provision_id not in self.drafts[index]:
            raise NotFoundError(f"no provision {provision_id!r} in draft {self.drafts[index].id!r}")
        return index, provision_id

    def lineage_of(self, reference: str) -> Lineage:
        index, provision_id = self.resolve(reference)
        for lineage in self.lineages:
            if provision_id in lineage.ids[index]:
                return lineage
        raise NotFoundError(f"no lineage holds {reference!r}")  # unreachable: every provision has one

    def trace(self, reference: str) -> tuple[LineageRound, ...]:
        """The path of one provision through every round: back to the first draft, then forward."""
        index, provision_id = self.resolve(reference)
        return self.back(index, {provision_id}) + self.forward(index, {provision_id})

    def back(self, index: int, ids: Iterable[str]) -> tuple[LineageRound, ...]:
        """The rounds that led to ``ids`` of draft ``index``, oldest first, along every branch."""
        return tuple(reversed(self._walk(index, set(ids), -1)))

    def forward(self, index: int, ids: Iterable[str]) -> tuple[LineageRound, ...]:
        """The rounds that followed ``ids`` of draft ``index``, along every branch."""
        return self._walk(index, set(ids), +1)

    def versions_in(self, index: int, ids: Iterable[str], target: int) -> tuple[str, ...]:
        """What ``ids`` of draft ``index`` became in (or came from, for an earlier ``target``) draft
        ``target``, in that draft's order; () when the lineage does not reach it."""
        if target == index:
            return _in_order(self.drafts[index], set(ids))
        rounds = self.forward(index, ids) if target > index else self.back(index, ids)
        for step in rounds:
            if step.new_draft == self.drafts[target].id:
                return step.new
            if step.old_draft == self.drafts[target].id:
                return step.old
        return ()

    def _walk(self, index: int, ids: set[str], direction: int) -> tuple[LineageRound, ...]:
        """Follow ids from draft ``index`` one round at a time (direction -1: back, +1: forward)."""
        steps = []
        while ids:
            pair = index if direction > 0 else index - 1  # the alignment between the two drafts
            if not 0 <= pair < len(self.alignments):
                break
            alignment = self.alignments[pair]
            if direction > 0:
                links = tuple(link for link in alignment.links if ids.intersection(link.old))
                reached = {i for link in links for i in link.new}
                old, new = ids, reached
            else:
                links = tuple(link for link in alignment.links if ids.intersection(link.new))
                reached = {i for link in links for i in link.old}
                old, new = reached, ids
            steps.append(LineageRound(alignment.old.id, alignment.new.id, _in_order(alignment.old, old),
                                   _in_order(alignment.new, new), links))
            ids = reached
            index += direction
        return tuple(steps)


def _in_order(draft: Draft, ids: set[str]) -> tuple[str, ...]:
    return tuple(sorted(ids, key=draft.position))


def _lineages(drafts: Sequence[Draft], alignments: Sequence[Alignment]) -> tuple[Lineage, ...]:
    """Connected components of the link graph, in order of first appearance."""
    parent: dict[tuple[int, str], tuple[int, str]] = {}

    def find(node: tuple[int, str]) -> tuple[int, str]:
        root = node
        while parent[root] != root:
            root = parent[root]
        while parent[node] != root:
            parent[node], node = root, parent[node]
        return root

    order = [(k, p.id) for k, draft in enumerate(drafts) for p in draft.provisions]
    rank = {node: n for n, node in enumerate(order)}
    for node in order:
        parent[node] = node
    for k, alignment in enumerate(alignments):
        for link in alignment.links:
            nodes = [(k, i) for i in link.old] + [(k + 1, i) for i in link.new]
            for node in nodes[1:]:
                a, b = find(nodes[0]), find(node)
                if a != b:
                    parent[max(a, b, key=rank.__getitem__)] = min(a, b, key=rank.__getitem__)
    ids: dict[tuple[int, str], list[list[str]]] = {}
    for k, provision_id in order:
        ids.setdefault(find((k, provision_id)), [[] for _ in drafts])[k].append(provision_id)
    steps: dict[tuple[int, str], list[list[Link]]] = {root: [[] for _ in alignments] for root in ids}
    for k, alignment in enumerate(alignments):
        for link in alignment.links:
            node = (k, link.old[0]) if link.old else (k + 1, link.new[0])
            steps[find(node)][k].append(link)
    return tuple(
        Lineage(f"L:{drafts[root[0]].id}:{root[1]}", tuple(tuple(x) for x in ids[root]),
                tuple(tuple(x) for x in steps[root]))
        for root in sorted(ids, key=rank.__getitem__))


def history(drafts: Sequence[Draft], alignments: Sequence[Alignment] | None = None) -> History:
    """Group provisions into lineages over each draft's alignment with the next (aligned here unless
    ``alignments``, those of each successive pair, are given)."""
    if len(drafts) < 2:
        raise UsageError("a history needs at least two drafts")
    seen: set[str] = set()
    for draft in drafts:
        if draft.id in seen:
            raise UsageError(f"draft id {draft.id!r} appears twice in the series")
        seen.add(draft.id)
    if alignments is None:
        alignments = tuple(align(a, b) for a, b in zip(drafts, drafts[1:]))
    elif [(a.old.id, a.new.id) for a in alignments] != [(a.id, b.id) for a, b in zip(drafts, drafts[1:])]:
        raise UsageError("a history needs the alignment of each successive pair of drafts, in order")
    return History(tuple(drafts), tuple(alignments), _lineages(drafts, alignments))
