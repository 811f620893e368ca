"""Order-aware alignment: the heaviest chain of candidate pairs increasing in both drafts.

This is Needleman-Wunsch restricted to the candidate pairs the index proposed (a sparse
"heaviest common subsequence"): among pairs (old position, new position, weight), pick a set
strictly increasing in both positions with the largest total weight. Sorting plus a Fenwick tree
of prefix maxima makes it O(P log P) for P pairs instead of O(n * m) for the full matrix.
A chosen set is one-to-one by construction.
"""
from __future__ import annotations

from collections.abc import Sequence

Pair = tuple[int, int, float]


class _PrefixMax:
    """Fenwick tree over new positions holding (best chain weight, pair index) ending at or before j."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.tree: list[tuple[float, int]] = [(0.0, -1)] * (size + 1)

    def update(self, j: int, value: tuple[float, int]) -> None:
        k = j + 1
        while k <= self.size:
            if value > self.tree[k]:
                self.tree[k] = value
            k += k & -k

    def best_before(self, j: int) -> tuple[float, int]:
        """Best chain ending at a new position < j."""
        best = (0.0, -1)
        k = j
        while k > 0:
            if self.tree[k] > best:
                best = self.tree[k]
            k -= k & -k
        return best


def heaviest_chain(pairs: Sequence[Pair]) -> list[tuple[int, int]]:
    """The (old, new) pairs of the heaviest chain increasing in both positions, in order."""
    if not pairs:
        return []
    # Same old position: larger new position first, so two pairs of one old provision never chain.
    order = sorted(range(len(pairs)), key=lambda k: (pairs[k][0], -pairs[k][1], -pairs[k][2]))
    size = max(p[1] for p in pairs) + 1
    tree = _PrefixMax(size)
    total: list[float] = [0.0] * len(pairs)
    back: list[int] = [-1] * len(pairs)
    for k in order:
        i, j, weight = pairs[k]
        before, previous = tree.best_before(j)
        total[k] = before + weight
        back[k] = previous
        tree.update(j, (total[k], k))
    end = max(range(len(pairs)), key=lambda k: (total[k], -pairs[k][0], -pairs[k][1]))
    chain = []
    while end != -1:
        chain.append((pairs[end][0], pairs[end][1]))
        end = back[end]
    return chain[::-1]
