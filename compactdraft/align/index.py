"""What align compares: each draft's provisions as word tokens and shingles, and the shingle index.

The index is what keeps alignment near-linear: a provision is only ever compared in full with the
few provisions of the other draft that share the most word pairs (bigrams) with it, never with all.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import AbstractSet, Iterable, Sequence

from ..model import Draft
from ..similarity import Shingle, ratio, shingles, words

SHINGLE_SIZE = 2  # word bigrams: discriminative enough for paragraphs, robust to single-word edits
# A bigram shared by more provisions than this carries no information about which one is meant
# (e.g. "of the"); skipping it bounds the work per query. It grows slowly with the draft's size.
MIN_POSTING_CAP = 24


@dataclass
class Side:
    """One draft prepared for comparison; positions are indexes into ``draft.provisions``."""

    draft: Draft
    tokens: list[list[str]] = field(init=False)
    normal: list[str] = field(init=False)
    shingles: list[set[Shingle]] = field(init=False)
    by_normal: dict[str, list[int]] = field(init=False)
    bags: list[Counter[str]] = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = [words(p.text) for p in self.draft.provisions]
        self.normal = [" ".join(t) for t in self.tokens]
        self.shingles = [shingles(t, SHINGLE_SIZE) for t in self.tokens]
        self.bags = [Counter(t) for t in self.tokens]
        self.by_normal = defaultdict(list)
        for position, text in enumerate(self.normal):
            self.by_normal[text].append(position)

    def __len__(self) -> int:
        return len(self.tokens)

    def relative(self, position: int) -> float:
        """Position as a fraction of the draft (0..1), to compare places in drafts of different length."""
        return position / max(len(self.tokens) - 1, 1)

    def joined_tokens(self, positions: Sequence[int]) -> list[str]:
        return [token for p in positions for token in self.tokens[p]]

    def joined_shingles(self, positions: Sequence[int]) -> set[Shingle]:
        return shingles(self.joined_tokens(positions), SHINGLE_SIZE)


class CandidateIndex:
    """Inverted index shingle -> positions of one side; answers "which provisions share most with this"."""

    def __init__(self, side: Side) -> None:
        self.side = side
        postings: dict[Shingle, list[int]] = defaultdict(list)
        for position, items in enumerate(side.shingles):
            for shingle in items:
                postings[shingle].append(position)
        cap = max(MIN_POSTING_CAP, int(2 * len(side) ** 0.5))
        self.postings = {key: value for key, value in postings.items() if len(value) <= cap}

    def query(self, items: AbstractSet[Shingle], limit: int,
              allowed: AbstractSet[int] | None = None) -> list[tuple[float, int]]:
        """Up to ``limit`` (estimate, position) pairs, best first; estimate = Dice of shingle sets."""
        counts: Counter[int] = Counter()
        for shingle in items:
            for position in self.postings.get(shingle, ()):
                if allowed is None or position in allowed:
                    counts[position] += 1
        size = len(items)
        scored = [(2 * shared / (size + len(self.side.shingles[p])), p) for p, shared in counts.items()]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return scored[:limit]


class Scorer:
    """Exact token ratios between the two sides, computed once per pair."""

    def __init__(self, old: Side, new: Side) -> None:
        self.old = old
        self.new = new
        self._cache: dict[tuple[int, int], float] = {}

    def __call__(self, i: int, j: int) -> float:
        key = (i, j)
        if key not in self._cache:
            if self.old.normal[i] == self.new.normal[j]:
                self._cache[key] = 1.0
            else:
                self._cache[key] = ratio(self.old.tokens[i], self.new.tokens[j])
        return self._cache[key]

    def at_least(self, i: int, j: int, threshold: float) -> float:
        """The ratio if it can reach ``threshold``, else 0.0 without computing it.

        The word-bag Dice (shared words regardless of order) bounds the ratio from above and costs
        a fraction of it, so most hopeless pairs are dismissed for nothing.
        """
        if (i, j) in self._cache:
            value = self._cache[(i, j)]
            return value if value >= threshold else 0.0
        a, b = self.old.bags[i], self.new.bags[j]
        total = len(self.old.tokens[i]) + len(self.new.tokens[j])
        if total and 2 * sum((a & b).values()) / total < threshold:
            return 0.0
        value = self(i, j)
        return value if value >= threshold else 0.0

    def groups(self, old: Iterable[int], new: Iterable[int]) -> float:
        """Ratio of the concatenated texts of two groups of provisions (for splits and merges)."""
        return ratio(self.old.joined_tokens(list(old)), self.new.joined_tokens(list(new)))
