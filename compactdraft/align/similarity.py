"""Word-level text similarity used to decide which provisions are "the same paragraph".

Drafts differ in punctuation, spacing and case far more often than in substance, so everything
here compares lower-cased word tokens (letters and digits; one per character in Chinese and Japanese),
never raw characters:

- :func:`words` tokenises;
- :func:`shingles` gives the set of overlapping word n-grams (the keys of the candidate index);
- :func:`jaccard` and :func:`containment` compare shingle sets (containment answers "how much of
  this piece comes from that text", the question splits and merges ask);
- :func:`ratio` is the order-aware token similarity ``2 * matched / total`` (difflib's measure over
  words), the score reported on every alignment link.

Speed matters here (alignment calls these thousands of times per pair of drafts): :func:`word_tuple`
caches tokenisation per text, :func:`shingle_keys` gives the same n-grams as strings (their hash is
cached, a tuple's is not), and :func:`ratio` computes difflib's value without difflib's set-up.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache

from ..diff.tokens import CJK_RANGES

# A word is a run of word characters, except in Chinese and Japanese, written without spaces, where
# each character is one token (a clause would otherwise be one "word" and a one-date edit would make
# two versions of a paragraph share no word at all).
_WORD = re.compile(f"[{CJK_RANGES}]|[^\\W{CJK_RANGES}]+", re.UNICODE)

Shingle = tuple[str, ...]


def words(text: str) -> list[str]:
    """Lower-cased word tokens: ``"States' fulfilment, 2030"`` -> ``['states', 'fulfilment', '2030']``."""
    return list(word_tuple(text))


@lru_cache(maxsize=1 << 16)
def word_tuple(text: str) -> tuple[str, ...]:
    """:func:`words` as a tuple, cached: successive drafts repeat most of their texts verbatim."""
    if text.isascii():  # NFKC leaves ASCII as it is and casefold is lower there: skip both passes
        return tuple(_WORD.findall(text.lower()))
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def normal_form(text: str) -> str:
    """The text reduced to its words: equal for texts that differ only in case, punctuation or spacing."""
    return " ".join(words(text))


def shingles(tokens: Sequence[str], size: int = 2) -> set[Shingle]:
    """The set of ``size``-word n-grams; a text shorter than ``size`` gives itself as one shingle."""
    if len(tokens) < size:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


def shingle_keys(tokens: Sequence[str], size: int = 2) -> set[str]:
    """:func:`shingles` as space-joined strings (one to one: tokens hold no spaces), cheap to hash."""
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    if size == 2:
        return {f"{x} {y}" for x, y in zip(tokens, tokens[1:])}
    return {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


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

    The value is exactly ``difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()`` (a test
    holds them equal). autojunk is off: in a long paragraph, "the" and "of" are still words the
    reader sees change.
    """
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    if len(a) == len(b) and all(x == y for x, y in zip(a, b)):
        return 1.0
    return 2.0 * matched(a, b) / (len(a) + len(b))


def matched(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """Tokens in difflib's matching blocks of ``a`` and ``b`` (no junk, no autojunk).

    difflib's own algorithm, kept step for step so the sums agree: take the longest common run
    (ties: earliest in ``a``, then in ``b``), then recurse left and right of it. What it leaves out
    is what costs without junk: the SequenceMatcher object, the junk bookkeeping, the block list.
    One exactly equivalent shortcut: a run as long as the shorter range ends the search early.
    """
    b2j: dict[Hashable, list[int]] = {}
    for j, token in enumerate(b):
        if token in b2j:
            b2j[token].append(j)
        else:
            b2j[token] = [j]
    positions = b2j.get
    total = 0
    queue = [(0, len(a), 0, len(b))]
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        best_i, best_j, best = alo, blo, 0
        longest_possible = min(ahi - alo, bhi - blo)
        run_at: dict[int, int] = {}  # j -> length of the common run ending at (i - 1, j)
        for i in range(alo, ahi):
            runs: dict[int, int] = {}
            previous = run_at.get
            for j in positions(a[i], ()):
                if j < blo:
                    continue
                if j >= bhi:
                    break
                k = runs[j] = previous(j - 1, 0) + 1
                if k > best:
                    best_i, best_j, best = i - k + 1, j - k + 1, k
            run_at = runs
            if best == longest_possible:
                break
        if best:
            total += best
            if alo < best_i and blo < best_j:
                queue.append((alo, best_i, blo, best_j))
            if best_i + best < ahi and best_j + best < bhi:
                queue.append((best_i + best, ahi, best_j + best, bhi))
    return total


def bag_dice(a: Sequence[str], b: Sequence[str]) -> float:
    """2 * shared words / total words, ignoring order: a merged clause may land mid-sentence."""
    if not a and not b:
        return 1.0
    return 2 * sum((Counter(a) & Counter(b)).values()) / (len(a) + len(b))


def text_ratio(a: str, b: str) -> float:
    """:func:`ratio` of two texts' words."""
    return ratio(words(a), words(b))
