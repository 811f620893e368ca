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

from .text import Token, content_stems, is_content, is_name_or_number, name_stems, stem, substantive_tokens, tokens

SEED = 3  # words in a seed n-gram
MIN_PASSAGE_WORDS = 6  # a shorter common run is usually boilerplate ("countries of origin, transit and")
GAP = 2  # differing words tolerated inside one passage
DEFAULT_THRESHOLD = 0.5


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
    passage_weight: float = 0.0  # summed rarity (IDF) of the words of the strongest shared passage
    elaboration: float = 0.0  # how fully a short source element is taken up by the target
    semantic: float = -1.0  # embedding cosine when the semantic signal is on, else -1
    competitors: tuple[tuple[str, float], ...] = ()  # the best links it beat: (node, score)

    @property
    def longest(self) -> int:
        return max((p.words for p in self.passages), default=0)

    def to_dict(self) -> dict[str, object]:
        return {
            "score": round(self.score, 4),
            "cosine": round(self.cosine, 4),
            "coverage": round(self.coverage, 4),
            "containment": round(self.containment, 4),
            "passage_weight": round(self.passage_weight, 3),
            "elaboration": round(self.elaboration, 4),
            **({"semantic": round(self.semantic, 4)} if self.semantic >= 0 else {}),
            "competitors": [[node, round(score, 4)] for node, score in self.competitors],
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


# --- boilerplate ------------------------------------------------------------------------------------

BOILER_GRAM = 4  # words in a boilerplate n-gram
BOILER_SHARE = 0.04  # an n-gram in this share of one document's provisions (and at least BOILER_MIN) is stock text
BOILER_MIN = 3


def boilerplate(texts: Iterable[str]) -> frozenset[tuple[str, ...]]:
    """Word n-grams repeated across many provisions of one document: chapeaux ("To realize this
    commitment, we will draw from the following actions:"), stock phrases. They say nothing about where a
    provision came from, however rare their words are elsewhere."""
    distinct = list(texts)  # every provision counts, repeated texts too: a chapeau is repeated
    counts: Counter[tuple[str, ...]] = Counter()
    for text in distinct:
        words = _words(text)
        counts.update(set(zip(*(words[k:] for k in range(BOILER_GRAM)))))
    floor = max(BOILER_MIN, math.ceil(BOILER_SHARE * len(distinct)))
    return frozenset(gram for gram, n in counts.items() if n >= floor)


def boiler_mask(text: str, grams: frozenset[tuple[str, ...]]) -> tuple[bool, ...]:
    """Per token of ``text``: whether it lies inside a boilerplate n-gram."""
    words = _words(text)
    mask = [False] * len(words)
    if grams:
        for i in range(len(words) - BOILER_GRAM + 1):
            if tuple(words[i:i + BOILER_GRAM]) in grams:
                mask[i:i + BOILER_GRAM] = [True] * BOILER_GRAM
    return tuple(mask)


# --- what a text is made of, for comparison -------------------------------------------------------------

NAME_WEIGHT = 0.5  # names count, at reduced weight: texts naming one instrument share them without copying
NAME_PASSAGE_WEIGHT = 0.25  # ... and less still inside a shared passage: an instrument's title is long


@dataclass(frozen=True)
class Profile:
    """One text as provenance compares it: its weighted terms and which tokens carry weight.

    weights: token index -> weight of the word in a shared passage (0 for function words, boilerplate and
    editorial notes; NAME_PASSAGE_WEIGHT x IDF for names; IDF for ordinary content words)."""

    text: str
    vector: dict[str, float]
    token_weights: tuple[float, ...]
    names: tuple[bool, ...]  # per token: a name or number
    substance: int  # content words outside boilerplate and editorial notes

    @property
    def total_weight(self) -> float:
        return sum(self.token_weights)


class Weights:
    """IDF weights of stems over the texts at hand (each distinct text once)."""

    def __init__(self, texts: Iterable[str]) -> None:
        df: Counter[str] = Counter()
        count = 0
        for text in dict.fromkeys(texts):
            df.update(set(content_stems(text)) | set(name_stems(text)))
            count += 1
        self.count = max(count, 1)
        self.df = df
        self.phrases: Mapping[tuple[str, ...], int] = {}  # seed n-gram -> texts holding it (see phrase_counts)
        self._idf: dict[str, float] = {}  # every comparison weighs the same few hundred terms again

    def idf(self, term: str) -> float:
        value = self._idf.get(term)
        if value is None:
            value = self._idf[term] = math.log((1 + self.count) / (1 + self.df.get(term, 0))) + 1.0
        return value

    def vector(self, text: str, grams: frozenset[tuple[str, ...]] = frozenset()) -> dict[str, float]:
        return self.profile(text, grams).vector

    def profile(self, text: str, grams: frozenset[tuple[str, ...]] = frozenset()) -> Profile:
        all_tokens = tokens(text)
        mask = boiler_mask(text, grams)
        kept = {t.start for t in substantive_tokens(text)}
        token_weights = []
        names = tuple(is_name_or_number(text, t) for t in all_tokens)
        counts: Counter[str] = Counter()
        scale: dict[str, float] = {}
        substance = 0
        for n, token in enumerate(all_tokens):
            if mask[n] or token.start not in kept or not is_content(token.word) or token.word.isdigit():
                token_weights.append(0.0)
                continue
            term = stem(token.word)
            factor = NAME_WEIGHT if names[n] else 1.0
            token_weights.append((NAME_PASSAGE_WEIGHT if factor < 1 else 1.0) * self.idf(term))
            counts[term] += 1
            scale[term] = max(scale.get(term, 0.0), factor)
            substance += factor == 1.0
        for key in _instrument_keys(text, mask):
            counts[key] += 1
            scale[key] = NAME_WEIGHT
        vector = {term: (1 + math.log(n)) * self.idf(term) * scale[term] for term, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return Profile(text, {term: v / norm for term, v in vector.items()}, tuple(token_weights), names, substance)


def _instrument_keys(text: str, mask: Sequence[bool]) -> tuple[str, ...]:
    if any(mask) and all(mask):
        return ()
    return tuple(name for name in name_stems(text) if name.startswith("#"))


def containment(source: Mapping[str, float], target: Mapping[str, float], weights: Weights) -> float:
    """Weighted share of the target's terms that the source also has (vectors' keys are the terms)."""
    total = sum(target.values())
    return sum(v for term, v in target.items() if term in source) / total if total else 0.0


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(term, 0.0) for term, v in a.items())


# --- the combined judgement -------------------------------------------------------------------------

PASSAGE_SCALE = 14.0  # summed IDF at which a shared passage alone gives evidence 1 - 1/e
ELEMENT_WORDS = 20  # a source of at most this many content words is an element a longer provision may take up
MIN_SUBSTANCE = 3  # a provision with fewer content words outside boilerplate gets no textual link


def phrase_counts(groups: Iterable[Iterable[Iterable[str]]]) -> dict[tuple[str, ...], int]:
    """Seed n-gram -> in how many texts it occurs: summed over the groups, except that within a group
    (the drafts of one series, whose versions repeat a provision's wording) only the largest count of any
    one draft is taken: versions of one provision are one text, a stock phrase of the draft is many."""
    total: Counter[tuple[str, ...]] = Counter()
    for group in groups:
        largest: Counter[tuple[str, ...]] = Counter()
        for texts in group:
            counted: Counter[tuple[str, ...]] = Counter()
            for text in texts:
                counted.update(_seeds(text).keys())
            largest |= counted
        total.update(largest)
    return dict(total)


def _phrase_factor(words: Sequence[str], start: int, end: int, phrases: Mapping[tuple[str, ...], int]) -> list[float]:
    """Per word of words[start:end]: 2 / number of texts holding the commonest seed n-gram of the passage
    that covers it (1 when only the two compared texts hold it): a phrase many texts share ("safe,
    orderly and regular migration") is stock wording, not evidence of drawing on one of them."""
    factors = [1.0] * (end - start)
    for i in range(start, end - SEED + 1):
        factor = min(1.0, 2.0 / max(phrases.get(tuple(words[i:i + SEED]), 2), 1))
        for k in range(i - start, i - start + SEED):
            factors[k] = min(factors[k], factor)
    return factors


def _passage_weight(passage: Passage, target: Profile, target_tokens: Sequence[Token],
                    phrases: Mapping[tuple[str, ...], int]) -> float:
    inside = [n for n, t in enumerate(target_tokens) if passage.target_start <= t.start < passage.target_end]
    if not inside:
        return 0.0
    first, last = inside[0], inside[-1] + 1
    factors = _phrase_factor(_words(target.text), first, last, phrases) if phrases else [1.0] * (last - first)
    if not any(target.token_weights[n] > 0 and not target.names[n] for n in range(first, last)):
        return 0.0  # only names (an instrument's title): naming the same thing, which the vectors weigh
    return sum(target.token_weights[n] * factors[n - first] for n in range(first, last))


def compare(source_text: str, target_text: str, weights: Weights,
            source_profile: Profile | None = None, target_profile: Profile | None = None,
            semantic: float = -1.0) -> Evidence:
    """How strongly ``target_text`` draws on ``source_text``, with the evidence.

    Three signals, each able to carry a link alone: the strongest shared passage, scored by how rare its
    words are (local alignment: a long rare run is evidence whatever surrounds it) or by the share of
    the target it covers; paraphrase, the mean of the weighted cosine and the target's containment in
    the source (with the embedding cosine when the semantic signal is on); and elaboration, how fully a
    short source element (a compact element of a few words) is contained in the target.
    """
    source = source_profile or weights.profile(source_text)
    target = target_profile or weights.profile(target_text)
    if source.substance < MIN_SUBSTANCE or target.substance < MIN_SUBSTANCE:
        return Evidence("paraphrases", 0.0, 0.0, 0.0)
    target_tokens = tokens(target_text)
    found = shared_passages(source_text, target_text, min_words=SEED)
    scored = [(p, _passage_weight(p, target, target_tokens, weights.phrases)) for p in found]
    passages = tuple(p for p, w in scored if p.words >= MIN_PASSAGE_WORDS and w > 0)
    strongest = max((w for p, w in scored if p.words >= MIN_PASSAGE_WORDS), default=0.0)
    covered = sum(w for p, w in scored if p.words >= MIN_PASSAGE_WORDS)
    coverage = covered / target.total_weight if target.total_weight else 0.0
    local = 1.0 - math.exp(-strongest / PASSAGE_SCALE)
    reuse = max(local, coverage) if passages else 0.0
    sim = cosine(source.vector, target.vector)
    contained = containment(source.vector, target.vector, weights)
    paraphrase = (sim + contained) / 2
    if semantic >= 0:
        paraphrase = (sim + contained + semantic) / 3
    element = 0.0
    if source.substance <= ELEMENT_WORDS and target.substance >= 2 * source.substance:
        element = containment(target.vector, source.vector, weights) * min(1.0, 0.5 + sim)
    score = max(reuse, paraphrase, element)
    if passages and reuse >= score / 2:  # a shared passage that carries at least half the evidence
        kind = "reuses"
    elif element >= score:
        kind = "elaborates"
    else:
        kind = "paraphrases"
    return Evidence(kind, min(score, 1.0), sim, min(coverage, 1.0), passages, contained, strongest, element,
                    semantic)
