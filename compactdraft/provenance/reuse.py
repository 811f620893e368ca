"""How a provision draws on a source provision: shared passages and paraphrase.

Shared passages come from seeded n-gram extension: every word trigram the two texts share is a seed,
each seed is extended word by word while the texts agree, and passages separated by at most
``gap`` differing words on both sides are joined (a drafter changes "strengthen" to "strengthening"
inside a copied sentence and the sentence is still copied). Each passage carries its character spans
in both texts so that a trace can highlight it.

Paraphrase is judged on the stems of ordinary content words (names and numbers left out), weighted by
their IDF over the source provisions: the mean of the TF-IDF cosine (the two texts say the same
things) and the target's IDF-weighted containment in the source (the target's rare words are the
source's: a drafter who takes one clause of a long source paragraph keeps its rare words, while the
cosine is diluted by the rest of the paragraph).

:func:`compare` combines both into one :class:`Evidence` with a single ``score`` in 0..1 (the larger of
the shared-passage coverage and the paraphrase similarity), and a kind: ``reuses`` when a passage of at
least ``MIN_PASSAGE_WORDS`` words is shared, else ``paraphrases``. The default threshold on that score
was calibrated on the union of the sample series and generated stress sets (docs/provenance.md).
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .text import Token, content_stems, ordinary_tokens, tokens

SEED = 3  # words in a seed n-gram
MIN_PASSAGE_WORDS = 6  # a shorter common run is usually boilerplate ("countries of origin, transit and")
GAP = 2  # differing words tolerated inside one passage
DEFAULT_THRESHOLD = 0.38


@dataclass(frozen=True)
class Passage:
    """A run of words shared by a source and a target text, with character spans in both."""

    source_start: int
    source_end: int
    target_start: int
    target_end: int
    words: int  # words matched (target side)


@dataclass(frozen=True)
class Evidence:
    """Why a target provision is linked to a source provision."""

    kind: str  # "reuses" | "paraphrases"
    score: float  # 0..1, compared with the threshold
    cosine: float  # TF-IDF cosine of content stems
    coverage: float  # share of the target's words inside shared passages
    passages: tuple[Passage, ...] = field(default=())
    containment: float = 0.0  # IDF-weighted share of the target's content stems found in the source

    @property
    def longest(self) -> int:
        return max((p.words for p in self.passages), default=0)

    def to_dict(self) -> dict[str, object]:
        return {
            "score": round(self.score, 4),
            "cosine": round(self.cosine, 4),
            "coverage": round(self.coverage, 4),
            "containment": round(self.containment, 4),
            "passages": [[p.source_start, p.source_end, p.target_start, p.target_end, p.words]
                         for p in self.passages],
        }


# --- shared passages --------------------------------------------------------------------------------

def _seed_positions(words: Sequence[str]) -> dict[tuple[str, ...], list[int]]:
    """Where each seed n-gram of ``words`` starts, in text order."""
    seeds: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j, gram in enumerate(zip(*(words[k:] for k in range(SEED)))):  # the n-gram starting at each j
        seeds[gram].append(j)
    return dict(seeds)


# A source provision is compared with every draft provision that lists it as a candidate: its words and
# seed table are built once per text rather than once per comparison (callers only read them).
@lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    return tuple(t.word for t in tokens(text))


@lru_cache(maxsize=1 << 16)
def _seeds(text: str) -> dict[tuple[str, ...], list[int]]:
    return _seed_positions(_words(text))


def _runs(source: Sequence[str], target: Sequence[str],
          seeds: Mapping[tuple[str, ...], Sequence[int]]) -> list[tuple[int, int, int]]:
    """Maximal exact runs (target index, source index, length) grown from shared seed n-grams
    (``seeds``: the source's :func:`_seed_positions`)."""
    runs = []
    i = 0
    while i <= len(target) - SEED:
        best: tuple[int, int] | None = None  # (length, source index)
        for j in seeds.get(tuple(target[i:i + SEED]), ()):
            length = SEED
            while i + length < len(target) and j + length < len(source) and target[i + length] == source[j + length]:
                length += 1
            if best is None or length > best[0]:
                best = (length, j)
        if best is None:
            i += 1
            continue
        runs.append((i, best[1], best[0]))
        i += best[0]
    return runs


def _join(runs: list[tuple[int, int, int]]) -> list[list[int]]:
    """Join runs that follow each other in both texts with at most GAP words between them."""
    joined: list[list[int]] = []  # [target start, source start, target end, source end, matched words]
    for i, j, length in runs:
        if joined:
            last = joined[-1]
            gap_target, gap_source = i - last[2], j - last[3]
            if 0 <= gap_target <= GAP and 0 <= gap_source <= GAP:
                last[2], last[3], last[4] = i + length, j + length, last[4] + length
                continue
        joined.append([i, j, i + length, j + length, length])
    return joined


def shared_passages(source_text: str, target_text: str, min_words: int = MIN_PASSAGE_WORDS) -> tuple[Passage, ...]:
    """Passages of at least ``min_words`` words the target shares with the source, in target order."""
    src, tgt = tokens(source_text), tokens(target_text)
    runs = _runs(_words(source_text), _words(target_text), _seeds(source_text))
    joined = _join(runs)
    return tuple(Passage(src[j].start, src[j_end - 1].end, tgt[i].start, tgt[i_end - 1].end, words)
                 for i, j, i_end, j_end, words in joined if words >= min_words)


# --- paraphrase -------------------------------------------------------------------------------------

class Weights:
    """IDF weights of content stems over a collection of provision texts."""

    def __init__(self, texts: Iterable[str]) -> None:
        df: Counter[str] = Counter()
        count = 0
        for text in texts:
            df.update(set(content_stems(text)))
            count += 1
        self.count = max(count, 1)
        self.df = df
        self._idf: dict[str, float] = {}  # every comparison weighs the same few hundred terms again

    def idf(self, term: str) -> float:
        value = self._idf.get(term)
        if value is None:
            value = self._idf[term] = math.log((1 + self.count) / (1 + self.df.get(term, 0))) + 1.0
        return value

    def vector(self, text: str) -> dict[str, float]:
        counts = Counter(content_stems(text))
        vector = {term: (1 + math.log(n)) * self.idf(term) for term, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {term: v / norm for term, v in vector.items()}


def containment(source: Mapping[str, float], target: Mapping[str, float], weights: Weights) -> float:
    """IDF-weighted share of the target's terms that the source also has (vectors' keys are the terms)."""
    total = sum(weights.idf(term) for term in target)
    return sum(weights.idf(term) for term in target if term in source) / total if total else 0.0


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(term, 0.0) for term, v in a.items())


def _ordinary_words(passage: Passage, ordinary: Sequence[Token]) -> int:
    return sum(1 for t in ordinary if passage.target_start <= t.start < passage.target_end)


# --- the combined judgement -------------------------------------------------------------------------

def compare(source_text: str, target_text: str, weights: Weights,
            source_vector: Mapping[str, float] | None = None,
            target_vector: Mapping[str, float] | None = None) -> Evidence:
    """How strongly ``target_text`` draws on ``source_text``, with the evidence."""
    # names and numbers ("the Sendai Framework for Disaster Risk Reduction 2015-2030") are shared by texts
    # that merely mention the same instrument, so only the ordinary words of a passage count as reuse
    ordinary = ordinary_tokens(target_text)
    passages = tuple(p for p in shared_passages(source_text, target_text)
                     if _ordinary_words(p, ordinary) >= MIN_PASSAGE_WORDS)
    covered = sum(_ordinary_words(p, ordinary) for p in passages)
    coverage = covered / len(ordinary) if ordinary else 0.0
    source_vector = source_vector if source_vector is not None else weights.vector(source_text)
    target_vector = target_vector if target_vector is not None else weights.vector(target_text)
    sim = cosine(source_vector, target_vector)
    contained = containment(source_vector, target_vector, weights)
    score = max(coverage, (sim + contained) / 2)
    kind = "reuses" if passages else "paraphrases"
    return Evidence(kind, min(score, 1.0), sim, coverage, passages, contained)
