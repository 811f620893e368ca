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

# A word is a run of letters/digits, except in scripts written without spaces: each Han, kana or Hangul
# character is a word of its own (Chinese and Japanese have no spaces, and a run of Han characters is a
# phrase, not a word; character n-grams then play the part word n-grams play elsewhere).
_CJK = ("\u3040-\u30ff\u3100-\u312f\u31a0-\u31bf\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
        "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ffff")
_WORD = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])\w)+(?:['’](?:(?![{_CJK}])\w)+)*", re.UNICODE)

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


def is_cjk(word: str) -> bool:
    """A one-character word of a script written without spaces (Han, kana, Hangul)."""
    return len(word) == 1 and _CJK_CHAR.match(word) is not None


_CJK_CHAR = re.compile(f"[{_CJK}]")

# Square-bracketed notes an editor or extractor added ("[cont. of para 42 -- start not found]", "[GAP ...]",
# "[NOTE ...]"): not the document's words. Negotiating texts bracket disputed wording too ("[and regular]"),
# so only notes of these forms are set aside, never brackets as such.
_EDITORIAL = re.compile(r"\[(?:\s*(?:cont\.|gap\b|note\b|excerpt\b|source\b|heading not\b|page\b|sic\b|"
                        r"text missing|appendix [ivxlc]+, last|\.\.\.)|[^\]]*(?:--|—)\s*(?:start|end)? ?not found)"
                        r"[^\]]*\]", re.IGNORECASE)


def editorial_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of editorial notes in ``text``."""
    return [m.span() for m in _EDITORIAL.finditer(text)]


@lru_cache(maxsize=_CACHE)
def substantive_tokens(text: str) -> tuple[Token, ...]:
    """The words of ``text`` outside editorial notes."""
    spans = editorial_spans(text)
    if not spans:
        return tokens(text)
    return tuple(t for t in tokens(text) if not any(a <= t.start < b for a, b in spans))


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
    return text[token.start].isupper() and token.word not in STOPWORDS and not _sentence_initial(text, token)


@lru_cache(maxsize=_CACHE)
def ordinary_tokens(text: str) -> tuple[Token, ...]:
    """The words of ``text`` that are neither names nor numbers."""
    return tuple(t for t in tokens(text) if not is_name_or_number(text, t))


@lru_cache(maxsize=_CACHE)
def content_stems(text: str) -> tuple[str, ...]:
    """Stems of the ordinary content words, in order (names and numbers left out: they tell what a text
    mentions, not what it draws on)."""
    return tuple(stem(t.word) for t in ordinary_tokens(text) if is_content(t.word))


def is_content(word: str) -> bool:
    """Not a function word; one-letter words only in scripts where a character is a word."""
    return word not in STOPWORDS and (len(word) > 1 or is_cjk(word))


@lru_cache(maxsize=_CACHE)
def name_stems(text: str) -> tuple[str, ...]:
    """Stems of the names in ``text`` (numbers left out), with each instrument it names under one key."""
    found = [stem(t.word) for t in substantive_tokens(text)
             if is_content(t.word) and t.word.isalpha() and is_name_or_number(text, t)]
    return tuple(found) + instruments(text)


# Instruments a text may name in several ways ("the Smuggling Protocol", "the Protocol against the Smuggling
# of Migrants by Land, Sea and Air"): each spelling gives one key, so two texts naming the same instrument
# differently still share it (and two naming it the same way do not count the words twice over).
_INSTRUMENTS = (
    ("#smuggling-protocol", r"(?:protocol against the smuggling of migrants|smuggling (?:of migrants )?protocol)"),
    ("#trafficking-protocol", r"(?:protocol to prevent, suppress and punish trafficking|"
                              r"trafficking (?:in persons )?protocol)"),
    ("#migrant-workers-convention", r"(?:convention on the protection of the rights of all migrant workers|"
                                    r"migrant workers convention|\bicrmw\b)"),
    ("#refugee-convention", r"(?:convention relating to the status of refugees|1951 (?:refugee )?convention)"),
    ("#agenda-2030", r"(?:2030 agenda|agenda 2030)"),
    ("#sendai", r"sendai framework"),
    ("#paris-agreement", r"paris agreement"),
    ("#addis-ababa", r"addis ababa action agenda"),
    ("#nansen-agenda", r"(?:agenda for the protection of cross-border displaced persons|nansen initiative)"),
    ("#gmg-principles", r"global migration group principles|"
                        r"principles and (?:practical )?guid\w* .{0,40}vulnerable situations"),
    ("#ilo-r202", r"(?:ilo|international labour organization) recommendation (?:no\.? )?202|"
                  r"social protection floors recommendation"),
)
_INSTRUMENT_RES = tuple((key, re.compile(pattern, re.IGNORECASE)) for key, pattern in _INSTRUMENTS)


@lru_cache(maxsize=_CACHE)
def instruments(text: str) -> tuple[str, ...]:
    """Keys of the instruments ``text`` names (see ``_INSTRUMENTS``), in table order."""
    return tuple(key for key, pattern in _INSTRUMENT_RES if pattern.search(text))
