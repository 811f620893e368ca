"""Word-level text similarity used to decide which provisions are "the same paragraph".

Drafts differ in punctuation, spacing and case far more often than in substance, so everything
here compares lower-cased word tokens (letters and digits), never raw characters:

- :func:`words` tokenises;
- :func:`shingles` gives the set of overlapping word n-grams (the keys of the candidate index);
- :func:`jaccard` and :func:`containment` compare shingle sets (containment answers "how much of
  this piece comes from that text", the question splits and merges ask);
- :func:`ratio` is the order-aware token similarity ``2 * matched / total`` (difflib's measure over
  words), the score reported on every alignment link.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from typing import AbstractSet, Hashable, Sequence

_WORD = re.compile(r"\w+", re.UNICODE)

Shingle = tuple[str, ...]


def words(text: str) -> list[str]:
    """Lower-cased word tokens: ``"States' fulfilment, 2030"`` -> ``['states', 'fulfilment', '2030']``."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def normal_form(text: str) -> str:
    """The text reduced to its words: equal for texts that differ only in case, punctuation or spacing."""
    return " ".join(words(text))


def shingles(tokens: Sequence[str], size: int = 2) -> set[Shingle]:
    """The set of ``size``-word n-grams; a text shorter than ``size`` gives itself as one shingle."""
    if len(tokens) < size:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


def jaccard(a: AbstractSet[Hashable], b: AbstractSet[Hashable]) -> float:
    """|a & b| / |a | b|; 1.0 for two empty sets (two empty texts are the same text)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def containment(part: AbstractSet[Hashable], whole: AbstractSet[Hashable]) -> float:
    """|part & whole| / |part|: the share of ``part`` found in ``whole`` (0.0 for an empty part)."""
    if not part:
        return 0.0
    return len(part & whole) / len(part)


def ratio(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Order-aware similarity of two token sequences: 2 * matched tokens / total tokens, in 0..1.

    autojunk is off: in a long paragraph, "the" and "of" are still words the reader sees change.
    """
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    if list(a) == list(b):
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def bag_dice(a: Sequence[str], b: Sequence[str]) -> float:
    """2 * shared words / total words, ignoring order: a merged clause may land mid-sentence."""
    if not a and not b:
        return 1.0
    return 2 * sum((Counter(a) & Counter(b)).values()) / (len(a) + len(b))


def text_ratio(a: str, b: str) -> float:
    """:func:`ratio` of two texts' words."""
    return ratio(words(a), words(b))
