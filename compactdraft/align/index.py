"""What align compares: each draft's provisions as word tokens and shingles, and the shingle index.

The index is what keeps alignment near-linear: a provision is only ever compared in full with the
few provisions of the other draft that share the most word pairs (bigrams) with it, never with all.

Everything here is computed lazily and at most once: two successive drafts share most of their
texts verbatim, and an exact twin needs neither shingles, nor an index, nor a ratio (the speed
figures are in docs/alignment.md).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property
from heapq import heappush, heapreplace
from itertools import chain
from operator import itemgetter

from ..model import Draft
from .similarity import ratio, shingle_keys, word_tuple

SHINGLE_SIZE = 2  # word bigrams: discriminative enough for paragraphs, robust to single-word edits
# A bigram shared by more provisions than this carries no information about which one is meant
# (e.g. "of the"); skipping it bounds the work per query. It grows slowly with the draft's size.
MIN_POSTING_CAP = 24


@dataclass
class Side:
    """One draft prepared for comparison; positions are indexes into ``draft.provisions``.

    Shingles are space-joined bigram strings (:func:`~compactdraft.align.similarity.shingle_keys`).
    """

    draft: Draft
    tokens: list[tuple[str, ...]] = field(init=False)
    normal: list[str] = field(init=False)
    by_normal: dict[str, list[int]] = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = [word_tuple(p.text) for p in self.draft.provisions]
        self.normal = [" ".join(t) for t in self.tokens]
        self.by_normal = defaultdict(list)
        for position, text in enumerate(self.normal):
            self.by_normal[text].append(position)
        self._span = max(len(self.tokens) - 1, 1)
        self._bags: dict[str, frozenset[str | tuple[str, int]]] = {}

    @cached_property
    def shingles(self) -> list[set[str]]:
        # one set per distinct text: repeated texts (chapeaus) share it
        by_text: dict[str, set[str]] = {}
        for text, tokens in zip(self.normal, self.tokens):
            if text not in by_text:
                by_text[text] = shingle_keys(tokens, SHINGLE_SIZE)
        return [by_text[text] for text in self.normal]

    def bag(self, position: int) -> frozenset[str | tuple[str, int]]:
        """The text's words as a multiset: the word itself for its first occurrence, ``(word, n)`` for
        its n-th (n >= 2). The size of the intersection of two bags is the number of words two texts
        share, counted in C; most words occur once, so most items are plain strings, quicker to
        build and to compare than pairs. Built on first use, once per distinct text: most
        provisions are never bounded."""
        text = self.normal[position]
        bag = self._bags.get(text)
        if bag is None:
            counts = Counter(self.tokens[position])
            repeats = [(word, n) for word, count in counts.items() if count > 1 for n in range(2, count + 1)]
            bag = self._bags[text] = frozenset(counts).union(repeats)
        return bag

    def __len__(self) -> int:
        return len(self.tokens)

    def relative(self, position: int) -> float:
        """Position as a fraction of the draft (0..1), to compare places in drafts of different length."""
        return position / self._span

    def joined_tokens(self, positions: Sequence[int]) -> list[str]:
        return [token for p in positions for token in self.tokens[p]]

    def joined_shingles(self, positions: Sequence[int]) -> set[str]:
        return shingle_keys(self.joined_tokens(positions), SHINGLE_SIZE)


class CandidateIndex:
    """Inverted index shingle -> positions of one side; answers "which provisions share most with this"."""

    def __init__(self, side: Side) -> None:
        self.side = side
        postings: dict[str, list[int]] = defaultdict(list)
        for position, items in enumerate(side.shingles):
            for shingle in items:
                postings[shingle].append(position)
        cap = max(MIN_POSTING_CAP, int(2 * len(side) ** 0.5))
        self.postings = {key: value for key, value in postings.items() if len(value) <= cap}
        self.sizes = [len(items) for items in side.shingles]
        self._answers: dict[tuple[str, int], list[tuple[float, int]]] = {}

    def query(self, items: AbstractSet[str], limit: int,
              allowed: AbstractSet[int] | None = None) -> list[tuple[float, int]]:
        """Up to ``limit`` (estimate, position) pairs, best first (ties: lower position); estimate = Dice
        of the shingle sets, ``2 * shared / (len(items) + size)``."""
        postings = self.postings
        # (postings lists are never empty: filter(None, ...) drops exactly the unknown shingles)
        counts = Counter(chain.from_iterable(filter(None, map(postings.get, items))))
        if allowed is not None:
            found = [(p, shared) for p, shared in counts.items() if p in allowed]
        else:
            found = list(counts.items())
        found.sort(key=itemgetter(1), reverse=True)
        size, sizes = len(items), self.sizes
        # Most shared first. A position can share at most its own size, so its estimate is at most
        # 2 * shared / (size + shared), which only falls along the list: once that bound is below the
        # worst of the best ``limit`` so far, no later position can enter (an equal one still can,
        # through a lower position).
        kept: list[tuple[float, int]] = []  # min-heap of (estimate, -position): the worst on top
        for p, shared in found:
            if len(kept) == limit and 2 * shared / (size + shared) < kept[0][0]:
                break
            entry = (2 * shared / (size + sizes[p]), -p)
            if len(kept) < limit:
                heappush(kept, entry)
            elif entry > kept[0]:
                heapreplace(kept, entry)
        return [(estimate, -negated) for estimate, negated in sorted(kept, reverse=True)]

    def candidates_for(self, other: Side, position: int, limit: int,
                       allowed: AbstractSet[int] | None = None) -> list[int]:
        """Positions here that best match ``other``'s provision; unrestricted answers are kept per text."""
        if allowed is not None:
            return [p for _, p in self.query(other.shingles[position], limit, allowed)]
        key = (other.normal[position], limit)
        if key not in self._answers:
            self._answers[key] = self.query(other.shingles[position], limit)
        return [p for _, p in self._answers[key]]


class Scorer:
    """Exact token ratios between the two sides, computed once per pair of distinct texts."""

    def __init__(self, old: Side, new: Side) -> None:
        self.old = old
        self.new = new
        self._cache: dict[tuple[int, int], float] = {}
        self._by_text: dict[tuple[str, str], float] = {}

    def __call__(self, i: int, j: int) -> float:
        key = (i, j)
        value = self._cache.get(key)
        if value is None:
            value = self._cache[key] = self._text_ratio(i, j)
        return value

    def _text_ratio(self, i: int, j: int) -> float:
        texts = (self.old.normal[i], self.new.normal[j])
        if texts[0] == texts[1]:
            return 1.0
        value = self._by_text.get(texts)
        if value is None:
            value = self._by_text[texts] = ratio(self.old.tokens[i], self.new.tokens[j])
        return value

    def at_least(self, i: int, j: int, threshold: float) -> float:
        """The ratio if it can reach ``threshold``, else 0.0 without computing it.

        The word-bag Dice (shared words regardless of order) bounds the ratio from above and costs
        a fraction of it, so most hopeless pairs are dismissed for nothing.
        """
        value = self._cache.get((i, j))
        if value is None and self.old.normal[i] == self.new.normal[j]:
            value = 1.0
        if value is None:
            value = self._by_text.get((self.old.normal[i], self.new.normal[j]))
        if value is not None:
            return value if value >= threshold else 0.0
        old_length, new_length = len(self.old.tokens[i]), len(self.new.tokens[j])
        total = old_length + new_length
        if total and 2 * min(old_length, new_length) / total < threshold:
            return 0.0  # the lengths alone bound the ratio: no bag to build
        if total and 2 * len(self.old.bag(i) & self.new.bag(j)) / total < threshold:
            return 0.0
        value = self(i, j)
        return value if value >= threshold else 0.0

    def groups(self, old: Iterable[int], new: Iterable[int]) -> float:
        """Ratio of the concatenated texts of two groups of provisions (for splits and merges)."""
        return ratio(self.old.joined_tokens(list(old)), self.new.joined_tokens(list(new)))
