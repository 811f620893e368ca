"""Unicode-aware tokenisation for word diffs.

A text is cut into tokens that together give the text back exactly (``"".join(tokenise(t)) == t``),
so character offsets computed from tokens are exact:

- ``"\\n"`` (a paragraph break) is always a token of its own;
- runs of other whitespace are one token each (kept, never dropped);
- Chinese and Japanese (Han, Hiragana, Katakana) are one token per character: these scripts do not
  separate words with spaces, and drafters change them character by character; with the optional
  extra ``cjk`` (PyICU, the ICU library's maintained dictionary segmenter) consecutive characters are
  grouped into ICU's words instead, so a change marks whole words ("也门" not "门"): hunks snap to word
  boundaries. Without ICU, characters (still exact, only finer);
- words of every other script (Latin, Cyrillic, Greek, Arabic, Hebrew, ...) are one token each,
  combining marks (Arabic harakat, Latin accents in decomposed form) and zero-width joiners included,
  so an Arabic word changes as a word;
- a UN document symbol, ``S/RES/2689 (2023)`` or ``A/78/L.1``, is one token: it changes as a whole
  (a renewal cites last year's resolution), and cut at its slashes it would align digit by digit;
- any other character (punctuation, symbols, underscore) is a token of its own.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache, lru_cache
from typing import Any

# Scripts written without spaces between words: one token per character.
CJK_RANGES = (
    "\u2e80-\u2fdf"  # CJK radicals, Kangxi radicals
    "\u3005-\u3007"  # ideographic iteration mark, closing mark, number zero
    "\u3021-\u3029\u3038-\u303b"  # Hangzhou numerals
    "\u3040-\u309f"  # Hiragana
    "\u30a0-\u30ff"  # Katakana
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff66-\uff9f"  # half-width Katakana
    "\U0001b000-\U0001b16f"  # Kana supplement and extension A
    "\U00020000-\U0003134f"  # CJK extensions B-G and compatibility supplement
)

# A UN document symbol: organ letters, then slash-separated parts, then an optional year in brackets.
SYMBOL = r"[A-Z]{1,6}(?:/[A-Z0-9][A-Za-z0-9.\-]*[A-Za-z0-9])+(?:[ \u00a0]\(\d{4}\))?"

# Joiners that sit inside words (Persian, Arabic, Indic shaping).
JOINERS = "\u200c\u200d"


@lru_cache(maxsize=1)
def _mark_class() -> str:
    """Combining marks (Mn, Mc, Me) of the Basic Multilingual Plane as a regex class body."""
    category = unicodedata.category
    marks = [code for code in range(0x300, 0x10000) if category(chr(code))[0] == "M"]  # Mn, Mc, Me
    ranges: list[tuple[int, int]] = []
    for code in marks:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


@lru_cache(maxsize=1)
def token_pattern() -> re.Pattern[str]:
    """The tokeniser's regular expression (built once, on first need: the mark table comes from
    unicodedata and costs ~20 ms to build and compile)."""
    word_char = f"[^\\W_{CJK_RANGES}]"
    joiner = f"[{_mark_class()}{JOINERS}]"
    return re.compile(
        f"{SYMBOL}"  # a document symbol
        "|\n"  # paragraph break
        "|[^\\S\n]+"  # other whitespace
        f"|[{CJK_RANGES}]{joiner}*"  # one CJK character (with any mark on it)
        # a word: a word character, then word characters and joiners in any mix (written as runs
        # of each rather than one alternation per character, which is twice as slow in re)
        f"|{word_char}+(?:{joiner}+{word_char}*)*"
        f"|.{joiner}*",  # anything else: punctuation, symbol, stray mark
        re.DOTALL,
    )


# The same tokens for a text with no CJK character, combining mark or joiner (most drafts in
# alphabetic scripts): then a word is a run of word characters and anything else stands alone.
_PLAIN_PATTERN = re.compile(f"{SYMBOL}|\n|[^\\S\n]+|[^\\W_]+|.", re.DOTALL)
# CJK_RANGES as (first, last) code points: CJK_RANGES is a run of "first-last" triples. (A regex
# class of these ranges would cost ~8 ms to compile at every start-up.)
assert CJK_RANGES[1::3] == "-" * (len(CJK_RANGES) // 3) and len(CJK_RANGES) % 3 == 0
_CJK_BOUNDS = tuple((ord(CJK_RANGES[i]), ord(CJK_RANGES[i + 2])) for i in range(0, len(CJK_RANGES), 3))


@cache
def _is_special(char: str) -> bool:
    """True for a character the full pattern treats apart: CJK, a joiner or a BMP combining mark
    (exactly the classes of :func:`token_pattern`)."""
    code = ord(char)
    if char in JOINERS or any(first <= code <= last for first, last in _CJK_BOUNDS):
        return True
    return 0x300 <= code <= 0xFFFF and unicodedata.category(char)[0] == "M"


def _is_plain(text: str) -> bool:
    return text.isascii() or not any(map(_is_special, set(text)))


@cache
def _word_breaker() -> Any | None:
    """ICU's word break iterator (dictionary-based for Chinese and Japanese), if PyICU is installed."""
    try:
        import icu  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    return icu.BreakIterator.createWordInstance(icu.Locale.getRoot())


def _is_cjk_character(token: str) -> bool:
    code = ord(token[0])
    return any(first <= code <= last for first, last in _CJK_BOUNDS)


def _icu_words(run: str) -> list[str]:
    """A run of CJK characters cut at ICU's word boundaries (characters where ICU cannot say)."""
    breaker = _word_breaker()
    if breaker is None or len(run) < 2 or any(ord(char) > 0xFFFF for char in run):
        return list(run)  # ICU counts UTF-16 units: outside the BMP its offsets are not ours
    breaker.setText(run)
    bounds = [0, *breaker]
    return [run[start:end] for start, end in zip(bounds, bounds[1:], strict=False) if end > start]


def _grouped_cjk(tokens: list[str]) -> list[str]:
    result: list[str] = []
    run: list[str] = []
    for token in tokens:
        if len(token) == 1 and _is_cjk_character(token):
            run.append(token)
            continue
        if run:
            result.extend(_icu_words("".join(run)))
            run = []
        result.append(token)
    if run:
        result.extend(_icu_words("".join(run)))
    return result


def _character_tokens(text: str) -> list[str]:
    """The tokens with every CJK character on its own (ICU or not)."""
    return (_PLAIN_PATTERN if _is_plain(text) else token_pattern()).findall(text)


def tokenise(text: str) -> list[str]:
    """The tokens of ``text``; joined they give ``text`` back exactly."""
    if _is_plain(text):
        return _PLAIN_PATTERN.findall(text)
    tokens = token_pattern().findall(text)
    return _grouped_cjk(tokens) if _word_breaker() is not None else tokens


def is_word(token: str) -> bool:
    """True for a word or CJK character token (not whitespace, not punctuation)."""
    return bool(token) and (token[0].isalnum() or unicodedata.category(token[0]).startswith("L"))


def count_words(text: str) -> int:
    """Words in a text, counting each CJK character as one word (the usual convention for CJK)."""
    return sum(1 for token in _character_tokens(text) if is_word(token))


assert sys.maxunicode == 0x10FFFF  # supplementary planes are needed for token codes (engine.py)
