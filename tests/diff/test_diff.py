"""diff_words: exact offsets, round trips, engines agreeing, word granularity."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compactdraft.diff import (
    DELETE,
    EQUAL,
    INSERT,
    MAX_TOKENS,
    Op,
    accept,
    changed,
    diff_chars,
    diff_words,
    reject,
    split_lines,
)
from compactdraft.diff.engine import fast_available, get_engine
from compactdraft.errors import UsageError

ENGINES = ["python"] + (["fast"] if fast_available() else [])
WORDY = st.text(alphabet=st.sampled_from(list("ab c\n.,") + ["我", "ب", "ж"]), max_size=60)


def _check_offsets(ops: tuple[Op, ...], old: str, new: str) -> None:
    for o in ops:
        if o.op != INSERT:
            assert old[o.old_start:o.old_end] == o.text
        else:
            assert o.old_start == o.old_end
        if o.op != DELETE:
            assert new[o.new_start:o.new_end] == o.text
        else:
            assert o.new_start == o.new_end


@pytest.mark.parametrize("engine", ENGINES)
@given(old=st.text(max_size=80), new=st.text(max_size=80))
@settings(max_examples=150, deadline=None)
def test_accept_gives_new_and_reject_gives_old(engine: str, old: str, new: str) -> None:
    ops = diff_words(old, new, engine)
    assert accept(ops) == new
    assert reject(ops) == old
    _check_offsets(ops, old, new)


@pytest.mark.parametrize("engine", ENGINES)
@given(old=WORDY, new=WORDY)
@settings(max_examples=150, deadline=None)
def test_round_trip_on_word_like_text(engine: str, old: str, new: str) -> None:
    ops = diff_words(old, new, engine)
    assert (accept(ops), reject(ops)) == (new, old)
    assert all(a.op != b.op for a, b in zip(ops, ops[1:]))  # neighbours of one kind are merged


@given(st.text())
def test_text_against_itself_is_all_equal(text: str) -> None:
    ops = diff_words(text, text)
    assert not changed(ops)
    assert all(o.op == EQUAL for o in ops)


def test_empty_texts() -> None:
    assert diff_words("", "") == ()
    assert diff_words("", "x") == (Op(INSERT, "x", 0, 0, 0, 1),)
    assert diff_words("x", "") == (Op(DELETE, "x", 0, 1, 0, 0),)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_changed_word_changes_whole(engine: str) -> None:
    ops = diff_words("We commit to strengthen the base.", "We commit to strongly support the base.", engine)
    assert [(o.op, o.text) for o in ops if o.op != EQUAL] == [(DELETE, "strengthen"), (INSERT, "strongly support")]


FRENCH = ("Nous nous engageons à renforcer la base de données mondiale.",
          "Nous nous engageons à améliorer la base de données mondiale.")
SPANISH = ("Nos comprometemos a fortalecer la cooperación internacional.",
           "Nos comprometemos a reforzar la cooperación regional.")
RUSSIAN = ("Мы обязуемся укреплять международное сотрудничество.",
           "Мы обязуемся развивать международное сотрудничество.")
ARABIC = ("نلتزم بتعزيز التعاون الدولي في مجال الهجرة.",
          "نلتزم بتحسين التعاون الدولي في مجال الهجرة.")
CHINESE = ("我们承诺加强国际合作。", "我们承诺促进国际合作。")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pair, deleted, inserted", [
    (FRENCH, ["renforcer"], ["améliorer"]),
    (SPANISH, ["fortalecer", "internacional"], ["reforzar", "regional"]),
    (RUSSIAN, ["укреплять"], ["развивать"]),
    (ARABIC, ["بتعزيز"], ["بتحسين"]),
    (CHINESE, ["加强"], ["促进"]),
])
def test_un_languages_change_at_word_or_character_granularity(engine: str, pair: tuple[str, str],
                                                              deleted: list[str], inserted: list[str]) -> None:
    old, new = pair
    ops = diff_words(old, new, engine)
    assert [o.text for o in ops if o.op == DELETE] == deleted
    assert [o.text for o in ops if o.op == INSERT] == inserted
    assert (accept(ops), reject(ops)) == (new, old)


def test_one_changed_chinese_character_is_one_character(monkeypatch) -> None:
    import compactdraft.diff.tokens as tokens

    monkeypatch.setattr(tokens, "_word_breaker", lambda: None)  # without the optional extra `cjk`
    ops = diff_words("我们承诺加强国际合作。", "我们承诺加深国际合作。")
    assert [(o.op, o.text) for o in ops if o.op != EQUAL] == [(DELETE, "强"), (INSERT, "深")]


def test_with_icu_a_changed_chinese_character_marks_its_word() -> None:
    pytest.importorskip("icu", reason="optional extra `cjk` (PyICU)")
    ops = diff_words("我们承诺加强国际合作。", "我们承诺加深国际合作。")
    assert [(o.op, o.text) for o in ops if o.op != EQUAL] == [(DELETE, "加强"), (INSERT, "加深")]


def test_arabic_word_with_one_changed_letter_changes_as_a_word() -> None:
    ops = diff_words("التعاون الدولي", "التعاون الدولى")
    assert [(o.op, o.text) for o in ops if o.op != EQUAL] == [(DELETE, "الدولي"), (INSERT, "الدولى")]


def test_split_paragraph_inserts_a_paragraph_mark() -> None:
    old = "We commit to act. We will also report."
    new = "We commit to act.\nWe will also report."
    ops = diff_words(old, new)
    assert (accept(ops), reject(ops)) == (new, old)
    assert any(o.op == INSERT and "\n" in o.text for o in ops)
    lines = split_lines(ops)
    assert len(lines) == 2 and lines[0][-1].text.endswith("\n")


def test_more_distinct_tokens_than_the_basic_private_use_area() -> None:
    old = " ".join(f"w{i}" for i in range(8000))
    new = " ".join(f"w{i}" for i in range(8000) if i % 1000) + " tail"
    ops = diff_words(old, new)
    assert (accept(ops), reject(ops)) == (new, old)
    assert [o.text.strip() for o in ops if o.op == DELETE][:3] == ["w0", "w1000", "w2000"]
    assert MAX_TOKENS > 130000


def test_engines_agree_on_real_text(gcm) -> None:
    if not fast_available():
        pytest.skip("fast-diff-match-patch not installed")
    texts = [p.text for p in gcm.provisions if len(p.text) > 40]
    for old, new in zip(texts, texts[1:]):
        assert diff_words(old, new, "python") == diff_words(old, new, "fast")


def test_char_diff_round_trip() -> None:
    ops = diff_chars("kitten", "sitting")
    assert (accept(ops), reject(ops)) == ("sitting", "kitten")


def test_unknown_engine_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        get_engine("quantum")


@given(st.text(max_size=40), st.text(max_size=40))
def test_split_lines_keeps_every_character(old: str, new: str) -> None:
    ops = diff_words(old, new)
    flat = [o for line in split_lines(ops) for o in line]
    assert (accept(flat), reject(flat)) == (new, old)
    _check_offsets(tuple(flat), old, new)
