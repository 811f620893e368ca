"""Candidate sources for a provision from an inverted index, so lookups do not scan the corpus.

Every source provision is indexed under two kinds of feature: its content-word stems (what a
paraphrase keeps) and its word 3-shingles (what verbatim reuse keeps). A lookup takes the query's
``probe`` rarest features, skips any feature held by more than ``max_postings`` provisions (a feature
that common says nothing about provenance), and ranks the provisions it meets by the summed IDF of the
features they share. The work per lookup is therefore bounded by ``probe * max_postings`` whatever the
corpus size, which :func:`benchmark` measures on a generated corpus of 10^5 provisions.
"""
from __future__ import annotations

import math
import random
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .text import STOPWORDS, stem, words_of

SHINGLE = 3


@lru_cache(maxsize=200_000)
def _stem_feature(word: str) -> int | None:
    if word in STOPWORDS or len(word) < 2:
        return None
    return hash(("w", stem(word)))


def features(text: str) -> set[int]:
    """Hashed content stems and word 3-shingles of a text (hashes: per-process, used only in memory)."""
    words = words_of(text)
    found = {_stem_feature(w) for w in words}
    found.discard(None)
    found.update(map(hash, zip(words, words[1:], words[2:])))
    return found  # type: ignore[return-value]


class CandidateIndex:
    """An inverted index from features to the provisions that hold them."""

    def __init__(self, max_postings: int = 1000, probe: int = 32) -> None:
        self.max_postings = max_postings
        self.probe = probe
        self.keys: list[str] = []
        self.postings: dict[int, list[int]] = defaultdict(list)

    @classmethod
    def build(cls, items: Iterable[tuple[str, str]], **options: int) -> CandidateIndex:
        """Index ``(key, text)`` pairs (a key is a node id such as ``nyd:para.41``)."""
        index = cls(**options)
        for key, text in items:
            index.add(key, text)
        return index

    def add(self, key: str, text: str) -> None:
        number = len(self.keys)
        self.keys.append(key)
        for feature in features(text):
            self.postings[feature].append(number)

    def __len__(self) -> int:
        return len(self.keys)

    def idf(self, df: int) -> float:
        return math.log((1 + len(self.keys)) / (1 + df)) + 1.0

    def candidates(self, text: str, limit: int = 10) -> list[tuple[str, float]]:
        """The ``limit`` best candidate keys for ``text`` with their shared-feature weight, best first."""
        usable = []
        for feature in features(text):
            posting = self.postings.get(feature)
            if posting and len(posting) <= self.max_postings:
                usable.append((len(posting), feature, posting))
        usable.sort(key=lambda item: (item[0], item[1]))
        scores: dict[int, float] = defaultdict(float)
        for df, _, posting in usable[: self.probe]:
            weight = self.idf(df)
            for number in posting:
                scores[number] += weight
        best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [(self.keys[number], round(score, 6)) for number, score in best]


# --- scale benchmark --------------------------------------------------------------------------------

def _vocabulary(size: int, rng: random.Random) -> list[str]:
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "de", "pa", "gri", "tor", "men", "sul", "var"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def generate_corpus(n: int, seed: int = 0, vocabulary: int = 30000) -> list[tuple[str, str]]:
    """``n`` synthetic provisions (30-90 words, Zipf-distributed vocabulary), deterministic for a seed."""
    rng = random.Random(seed)
    vocab = _vocabulary(vocabulary, rng)
    weights = [1.0 / (rank + 1) for rank in range(len(vocab))]
    cumulative = list(_accumulate(weights))
    corpus = []
    for number in range(n):
        length = rng.randint(30, 90)
        corpus.append((f"src:para.{number + 1}", " ".join(rng.choices(vocab, cum_weights=cumulative, k=length))))
    return corpus


def _accumulate(values: Sequence[float]) -> Iterable[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


def _perturb(text: str, rng: random.Random) -> str:
    """A reworded copy: a third of the words dropped or replaced, as a drafter might rework a source."""
    words = text.split()
    kept = [w for w in words if rng.random() > 0.2]
    return " ".join(w if rng.random() > 0.15 else w[::-1] for w in kept)


def benchmark(n: int = 100_000, queries: int = 200, seed: int = 0) -> dict[str, float]:
    """Time index build over ``n`` generated provisions and per-provision lookups of reworded copies.

    Returns build seconds, median and 95th-percentile lookup milliseconds and recall@10 (how often the
    provision a query was derived from is among its candidates).
    """
    import statistics  # only the benchmark needs it; the graph build should not pay its import

    corpus = generate_corpus(n, seed)
    started = time.perf_counter()
    index = CandidateIndex.build(corpus)
    build_seconds = time.perf_counter() - started
    rng = random.Random(seed + 1)
    picks = rng.sample(range(n), min(queries, n))
    timings, hits = [], 0
    for pick in picks:
        query = _perturb(corpus[pick][1], rng)
        started = time.perf_counter()
        found = index.candidates(query, limit=10)
        timings.append((time.perf_counter() - started) * 1000)
        hits += any(key == corpus[pick][0] for key, _ in found)
    timings.sort()
    return {
        "provisions": float(n),
        "build_seconds": round(build_seconds, 2),
        "lookup_ms_median": round(statistics.median(timings), 3),
        "lookup_ms_p95": round(timings[int(0.95 * (len(timings) - 1))], 3),
        "recall_at_10": round(hits / len(picks), 3),
    }


if __name__ == "__main__":  # python -m compactdraft.provenance.index [N]
    import sys

    print(benchmark(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
