"""The tokeniser's two paths (plain texts, and texts with CJK, marks or joiners) give exactly the tokens
of its definition: one regular expression written the straightforward way, kept here as the reference."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from compactdraft.diff import diff_words
from compactdraft.diff.tokens import CJK_RANGES, JOINERS, _character_tokens, _is_plain, _mark_class


def _reference_pattern() -> re.Pattern[str]:
    word_char = f"[^\\W_{CJK_RANGES}]"
    joiner = f"[{_mark_class()}{JOINERS}]"
    return re.compile(f"\n|[^\\S\n]+|[{CJK_RANGES}]{joiner}*|{word_char}(?:{word_char}|{joiner})*|.{joiner}*",
                      re.DOTALL)


REFERENCE = _reference_pattern()

# Characters that exercise every class: ASCII, Latin-1 letters, curly quotes, Cyrillic, Arabic with
# harakat, Devanagari with vowel signs (Mc), combining accents, joiners, CJK, kana, digits, spaces,
# underscores, a supplementary-plane mark (not a joiner for the tokeniser) and variation selectors.
ALPHABET = ("aZ09_ \t\n.,;-'\u00e9\u00df\u2019\u2013\u00a0\u0416\u044f\u0627\u0644\u064e\u0650"
            "\u0915\u093e\u093f\u0301\u0308\u200c\u200d\u4e2d\u56fd\u3042\u30a2\u3005\U0001d165\ufe0f\U00020000")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_tokens_match_the_reference_pattern(text: str) -> None:
    assert _character_tokens(text) == REFERENCE.findall(text)  # the fast path is the full pattern


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_tokens_match_the_reference_pattern_on_any_text(text: str) -> None:
    assert _character_tokens(text) == REFERENCE.findall(text)  # the fast path is the full pattern


def test_plain_and_special_texts_are_told_apart() -> None:
    assert _is_plain("States\u2019 fulfilment, 2030 \u2013 \u00e9t\u00e9")
    assert not _is_plain("e\u0301t\u00e9")  # a combining accent
    assert not _is_plain("\u5168\u7403\u5951\u7ea6")  # Chinese
    assert not _is_plain("\u0645\u064f\u0647\u0627\u062c\u0631")  # Arabic with a damma
    assert not _is_plain("a\u200db")  # a joiner


def test_word_diff_offsets_cut_at_token_boundaries() -> None:
    old, new = "Les \u00c9tats\u2019 engagements \u4e2d\u56fd", "Les \u00c9tats engagements fermes \u4e2d\u56fd"
    for o in diff_words(old, new):
        assert old[o.old_start:o.old_end] == (o.text if o.op != "insert" else "")
        assert new[o.new_start:o.new_end] == (o.text if o.op != "delete" else "")
