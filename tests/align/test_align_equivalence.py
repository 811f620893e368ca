"""The speed shortcuts change nothing: each fast path is held equal to the plain computation it replaces.

- similarity.ratio is difflib's SequenceMatcher ratio (autojunk off), on real provision pairs and on
  random token sequences with many repeats (where difflib's tie-breaking matters);
- the index answers what a full count over every provision answers;
- parse's clean_text equals the regex version on texts full of odd whitespace and control characters;
- ``compactdraft --help`` lists the same one-line help as the command objects give when imported.
"""
from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st

from compactdraft.align.index import CandidateIndex, Side
from compactdraft.align.similarity import ratio, shingle_keys, shingles, words
from compactdraft.model import _CONTROL, clean_text


def difflib_ratio(a: list[str], b: list[str]) -> float:
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from("abcde"), max_size=30), st.lists(st.sampled_from("abcdef"), max_size=30))
def test_ratio_is_difflibs_on_repetitive_sequences(a: list[str], b: list[str]) -> None:
    assert ratio(a, b) == difflib_ratio(a, b)


def test_ratio_is_difflibs_on_real_provisions(gcm) -> None:
    rng = random.Random(7)
    texts = [words(p.text) for p in gcm.provisions]
    for _ in range(300):
        a = rng.choice(texts)
        b = list(a)
        for _ in range(rng.randint(1, 8)):  # the edits negotiators make: replace, drop, insert a word
            k = rng.randrange(len(b) + 1)
            op = rng.random()
            if op < 0.4 and k < len(b):
                b[k] = rng.choice(rng.choice(texts))
            elif op < 0.7 and k < len(b):
                del b[k]
            else:
                b.insert(k, rng.choice(rng.choice(texts)))
        assert ratio(a, b) == difflib_ratio(a, b)
        other = rng.choice(texts)
        assert ratio(a, other) == difflib_ratio(a, other)


def test_shingle_keys_are_shingles_as_strings(gcm) -> None:
    for p in gcm.provisions[:60]:
        tokens = words(p.text)
        assert shingle_keys(tokens) == {" ".join(s) for s in shingles(tokens)}
        assert len(shingle_keys(tokens, 3)) == len(shingles(tokens, 3))
    assert shingle_keys(["one"]) == {"one"} and shingle_keys([]) == set()


def test_index_answers_as_a_full_count(gcm) -> None:
    side = Side(gcm)
    index = CandidateIndex(side)
    for position in range(0, len(side), 7):
        items = side.shingles[position]
        counts: Counter[int] = Counter()
        for shingle in items:
            for p in index.postings.get(shingle, ()):
                counts[p] += 1
        full = sorted(((2 * n / (len(items) + len(side.shingles[p])), p) for p, n in counts.items()),
                      key=lambda pair: (-pair[0], pair[1]))
        assert index.query(items, 6) == full[:6]
        allowed = set(range(0, len(side), 2))
        assert index.query(items, 6, allowed) == [pair for pair in full if pair[1] in allowed][:6]


_ODD = [chr(c) for c in [*range(0x80), 0xA0, 0x85, 0x1680, 0x2000, 0x2028, 0x3000, 0x200B, 0xFEFF, 0xFFFE,
                         0xFFFF, 0xD800, 0x301, 0xE9, 0x1C, 0xFFFC]]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_ODD), max_size=20).map("".join))
def test_clean_text_is_the_regex_version(text: str) -> None:
    regex_version = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).translate(_CONTROL)).strip()
    assert clean_text(text) == regex_version


def test_help_lists_what_the_commands_say() -> None:
    """The source-read list equals click's own, which imports every command."""
    import click

    from compactdraft.cli import cli

    def listing(format_commands) -> str:
        context = click.Context(cli, info_name="compactdraft")
        formatter = context.make_formatter()
        format_commands(cli, context, formatter)
        return formatter.getvalue()

    ours = listing(type(cli).format_commands)
    assert "align" in ours and "redline" in ours
    assert ours == listing(click.Group.format_commands)
