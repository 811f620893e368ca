"""Words with their character spans, and the light normalisation provenance compares on.

Source texts reach us through PDF extraction and retyping, so words are compared lower-cased and
NFKC-normalised; paraphrase scoring further reduces them to crude stems ("strengthening",
"strengthen", "strengthened" -> "strength") and drops function words, because a paraphrase keeps
the content words and changes their forms and the glue between them.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)

STOPWORDS = frozenset("""
a about above after again all also am an and any are as at be been being between both but by can could
did do does doing during each few for from further had has have having he her here hers him his how i if
in into is it its itself just may me might more most must my no nor not now of off on once only or other
our ours ourselves out over own same shall she should so some such than that the their theirs them then
there these they this those through to too under until up upon very was we were what when where which while
who whom why will with within would you your inter alia including well ensure ensuring commit commitment
""".split())

_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ities", "ity", "ened", "ens", "en", "ies",
             "ied", "ed", "es", "s", "ly", "al")


@dataclass(frozen=True)
class Token:
    """One word: its normalised form and its span in the original text."""

    word: str
    start: int
    end: int


# Every provision is compared with several candidate sources and every source with many provisions:
# the per-text analyses below are cached so each text is tokenised once per run.
_CACHE = 1 << 16


@lru_cache(maxsize=_CACHE)
def tokens(text: str) -> tuple[Token, ...]:
    """Words of ``text`` with spans in ``text`` itself (normalisation keeps one character per character)."""
    folded = text.casefold() if len(text.casefold()) == len(text) else text.lower()
    return tuple(Token(_nfkc(m.group(0)), m.start(), m.end()) for m in _WORD.finditer(folded))


def _nfkc(word: str) -> str:
    # NFKC leaves ASCII as it is, and most words are ASCII: skip the call (a third of a large corpus' analysis)
    return word if word.isascii() else unicodedata.normalize("NFKC", word)


def words_of(text: str) -> list[str]:
    """Just the normalised words (the fast path for indexing)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


@lru_cache(maxsize=1 << 17)  # a vocabulary is small next to the words stemmed: each form is stripped once
def stem(word: str) -> str:
    """A crude suffix-stripping stem; good enough to match word forms across a paraphrase."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: len(word) - len(suffix)]
    return word


_OPENERS = ".;:!?([{\"“‘"


def _sentence_initial(text: str, token: Token) -> bool:
    """Whether a word opens a sentence, a list item or a bracket ("(b) Strengthen", "; We")."""
    before = text[:token.start].rstrip()
    return not before or before[-1] in _OPENERS or _LIST_MARK.search(before) is not None


_LIST_MARK = re.compile(r"(?:^|\s)\(?(?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3})[.)]$")


def is_name_or_number(text: str, token: Token) -> bool:
    """A proper name (capitalised inside a sentence), a number or a symbol-like word ("2030", "A/RES/71/1").

    Two texts naming the same instrument ("the Sendai Framework for Disaster Risk Reduction 2015-2030")
    share these words without drawing on each other; a sentence's first word is capitalised for grammar
    only, so it stays an ordinary word.
    """
    # no character is both a letter and a digit (checked over all of Unicode), so an all-letter word,
    # which most are, needs no per-character look
    if not token.word.isalpha() and any(c.isdigit() for c in token.word):
        return True
    return text[token.start].isupper() and not _sentence_initial(text, token)


@lru_cache(maxsize=_CACHE)
def ordinary_tokens(text: str) -> tuple[Token, ...]:
    """The words of ``text`` that are neither names nor numbers."""
    return tuple(t for t in tokens(text) if not is_name_or_number(text, t))


@lru_cache(maxsize=_CACHE)
def content_stems(text: str) -> tuple[str, ...]:
    """Stems of the ordinary content words, in order (names and numbers left out: they tell what a text
    mentions, not what it draws on)."""
    return tuple(stem(t.word) for t in ordinary_tokens(text) if t.word not in STOPWORDS and len(t.word) > 1)
