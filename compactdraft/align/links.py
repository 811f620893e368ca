"""From paired positions to typed links: what happened to each provision, in reading order."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Draft, Link, LinkKind
from .index import Scorer
from .pairing import Matching


@dataclass(frozen=True)
class _Counterparts:
    """old id -> the new ids it became (through a pair or a split/merge group), and all such new ids."""

    of_old: dict[str, set[str]]
    new_ids: frozenset[str]


def _counterparts(matching: Matching, old: Draft, new: Draft) -> _Counterparts:
    result: dict[str, set[str]] = {}
    for i, j in matching.old_to_new.items():
        result.setdefault(old.provisions[i].id, set()).add(new.provisions[j].id)
    for olds, news in matching.groups:
        for i in olds:
            result.setdefault(old.provisions[i].id, set()).update(new.provisions[j].id for j in news)
    return _Counterparts(result, frozenset(new_id for ids in result.values() for new_id in ids))


def _moved(old_parent: str | None, new_parent: str | None, counterparts: _Counterparts) -> bool:
    """Moved = the new parent is not what the old parent became (renumbered parents do not count).

    A provision whose old container was deleted and whose new one is new (or none) has not moved: the
    headings around it changed, it stayed where it was in the reading order.
    """
    old_gone = old_parent is None or not counterparts.of_old.get(old_parent)
    new_fresh = new_parent is None or new_parent not in counterparts.new_ids
    if old_gone and new_fresh:
        return False
    if old_parent is None or new_parent is None:
        return True
    return new_parent not in counterparts.of_old.get(old_parent, set())


def pair_link(old: Draft, new: Draft, i: int, j: int, similarity: float,
              counterparts: _Counterparts) -> Link:
    before, after = old.provisions[i], new.provisions[j]
    same_text = before.text == after.text
    renumbered = before.id != after.id
    ids = ((before.id,), (after.id,))
    if _moved(before.parent, after.parent, counterparts):
        also = () if same_text else (LinkKind.MODIFIED,)
        return Link(*ids, LinkKind.MOVED, 1.0 if same_text else similarity, also)
    if same_text:
        return Link(*ids, LinkKind.RENUMBERED if renumbered else LinkKind.UNCHANGED, 1.0)
    return Link(*ids, LinkKind.MODIFIED, similarity, (LinkKind.RENUMBERED,) if renumbered else ())


def group_link(old: Draft, new: Draft, olds: tuple[int, ...], news: tuple[int, ...], similarity: float,
               counterparts: _Counterparts) -> Link:
    kind = LinkKind.SPLIT if len(olds) == 1 else LinkKind.MERGED
    old_parents = {old.provisions[i].parent for i in olds}
    new_parents = {new.provisions[j].parent for j in news}
    moved = all(_moved(a, b, counterparts) for a in old_parents for b in new_parents)
    return Link(tuple(old.provisions[i].id for i in olds), tuple(new.provisions[j].id for j in news), kind,
                similarity, (LinkKind.MOVED,) if moved else ())


def build_links(old: Draft, new: Draft, matching: Matching, score: Scorer) -> tuple[Link, ...]:
    """Every provision in exactly one link, ordered as a reader of the new draft meets them;
    a deleted provision comes right after the link of the old provision that preceded it."""
    counterparts = _counterparts(matching, old, new)
    placed: list[tuple[tuple[float, int], Link]] = []
    new_place_of_old: dict[int, float] = {}
    for i, j in matching.old_to_new.items():
        link = pair_link(old, new, i, j, score(i, j), counterparts)
        placed.append(((j, i), link))
        new_place_of_old[i] = j
    for olds, news in matching.groups:
        link = group_link(old, new, olds, news, score.groups(olds, news), counterparts)
        placed.append(((min(news), min(olds)), link))
        for i in olds:
            new_place_of_old[i] = max(news)
    paired_new = set(matching.new_to_old) | matching.grouped_new
    for j in range(len(new)):
        if j not in paired_new:
            placed.append(((j, -1), Link((), (new.provisions[j].id,), LinkKind.INSERTED, 0.0)))
    place = -0.5
    for i in range(len(old)):
        if i in new_place_of_old:
            place = new_place_of_old[i]
        else:
            placed.append(((place + 0.5, i), Link((old.provisions[i].id,), (), LinkKind.DELETED, 0.0)))
    placed.sort(key=lambda item: item[0])
    return tuple(link for _, link in placed)
