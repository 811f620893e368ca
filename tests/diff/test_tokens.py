"""Tokenisation: exact round trip and the right granularity per script."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import compactdraft.diff.tokens as tokens_module
from compactdraft.diff.tokens import count_words, tokenise


@given(st.text())
def test_tokens_join_back_to_the_text(text: str) -> None:
    assert "".join(tokenise(text)) == text


@given(st.text(alphabet=st.sampled_from("ab \n\t.")))
def test_paragraph_break_is_always_its_own_token(text: str) -> None:
    tokens = tokenise(text)
    assert all(t == "\n" or "\n" not in t for t in tokens)


def test_latin_words_punctuation_and_whitespace() -> None:
    assert tokenise("Nous, chefs d'État  et") == ["Nous", ",", " ", "chefs", " ", "d", "'", "État", "  ", "et"]


def test_spanish_accents_and_inverted_marks() -> None:
    assert tokenise("¿Migración segura?") == ["¿", "Migración", " ", "segura", "?"]


def test_decomposed_accent_stays_in_its_word() -> None:
    decomposed = "Re\u0301gion"  # e + combining acute
    assert tokenise(decomposed + " x") == [decomposed, " ", "x"]


def test_cyrillic_words() -> None:
    assert tokenise("Мы, главы государств") == ["Мы", ",", " ", "главы", " ", "государств"]


def test_arabic_words_with_harakat_and_arabic_comma() -> None:
    word = "مُعْتَمَدٌ"
    assert tokenise(f"نحن، {word}") == ["نحن", "،", " ", word]


@pytest.fixture
def without_icu(monkeypatch):
    """Tokens as they are where the optional extra `cjk` (PyICU) is not installed."""
    monkeypatch.setattr(tokens_module, "_word_breaker", lambda: None)


def test_chinese_one_token_per_character(without_icu) -> None:
    assert tokenise("我们，国家") == ["我", "们", "，", "国", "家"]


def test_japanese_kana_and_kanji_one_token_per_character(without_icu) -> None:
    assert tokenise("カタカナと漢字") == ["カ", "タ", "カ", "ナ", "と", "漢", "字"]


def test_icu_groups_chinese_characters_into_words() -> None:
    pytest.importorskip("icu", reason="optional extra `cjk` (PyICU)")
    text = "回顾其关于也门的各项决议，2024年1月10日 S/RES/2689 (2023)"
    tokens = tokenise(text)
    assert "".join(tokens) == text
    assert {"回顾", "关于", "也门", "决议"} <= set(tokens)
    assert "S/RES/2689 (2023)" in tokens  # a document symbol is one token


def test_document_symbol_is_one_token() -> None:
    assert tokenise("recalling S/RES/2689 (2023) and A/78/L.1.") == [
        "recalling", " ", "S/RES/2689 (2023)", " ", "and", " ", "A/78/L.1", "."]


def test_digits_and_underscore() -> None:
    assert tokenise("a_b 2030") == ["a", "_", "b", " ", "2030"]


def test_count_words_counts_cjk_characters() -> None:
    assert count_words("We commit, to act.") == 4
    assert count_words("我们承诺") == 4
    assert count_words("نحن نلتزم") == 2
