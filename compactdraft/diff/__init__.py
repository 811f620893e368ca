"""Word-level diffs of two texts: the operations a redline is made of.

``diff_words(old, new)`` cuts both texts into tokens (:mod:`.tokens`: words, punctuation,
whitespace, single CJK characters, ``"\\n"`` paragraph breaks), maps each distinct token to one
private-use character (the linesToChars idea of diff-match-patch, extended to the supplementary
private-use planes so that texts with more than 6,400 distinct tokens work), diffs the token-code
strings with an :mod:`.engine`, runs semantic cleanup on the token-code string (cleaning up the
decoded text would split words) and decodes the result into :class:`Op` objects carrying exact
character offsets in both texts.

``"\\n"`` in a text is a paragraph break and a token of its own: when one old provision is split into
several new ones, diff ``old`` against ``"\\n".join(new texts)``; an inserted ``"\\n"`` is an inserted
paragraph mark.

Invariants (property-tested): ``accept(diff_words(a, b)) == b``, ``reject(diff_words(a, b)) == a``,
``diff_words(a, a)`` holds only ``equal`` operations.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain

from .engine import DELETE, EQUAL, INSERT, Engine, get_engine
from .tokens import tokenise

__all__ = ["Op", "diff_words", "diff_chars", "accept", "reject", "EQUAL", "INSERT", "DELETE", "get_engine",
           "tokenise", "changed", "split_lines"]

# Private-use code points for token codes: the BMP area (6,400) then planes 15 and 16 (65,534 each).
_PUA_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
MAX_TOKENS = sum(end - start + 1 for start, end in _PUA_RANGES)


@dataclass(frozen=True)
class Op:
    """One operation of a diff.

    op:        "equal" | "insert" | "delete"
    text:      the text kept, inserted or deleted (may hold "\\n" paragraph breaks)
    old_start, old_end: character offsets in the old text (an empty range at the insertion point for inserts)
    new_start, new_end: character offsets in the new text (an empty range at the deletion point for deletes)
    """

    op: str
    text: str
    old_start: int
    old_end: int
    new_start: int
    new_end: int


def _codes(count: int) -> list[str]:
    """The first ``count`` token codes, in order (BMP area first, then the supplementary planes)."""
    codes: list[str] = []
    for start, end in _PUA_RANGES:
        take = min(count - len(codes), end - start + 1)
        codes.extend(map(chr, range(start, start + take)))
    if len(codes) < count:
        raise OverflowError("too many distinct tokens")
    return codes


def _merged(pieces: Iterable[tuple[str, str]]) -> list[list[str]]:
    """(op, text) pieces without empty ones, neighbours of the same kind joined."""
    merged: list[list[str]] = []
    for op, text in pieces:
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1][1] += text
        else:
            merged.append([op, text])
    return merged


def _with_offsets(pieces: Iterable[tuple[str, str]]) -> tuple[Op, ...]:
    """Turn (op, text) pieces into Ops with offsets, merging neighbours of the same kind."""
    ops = []
    old_pos = new_pos = 0
    for op, text in _merged(pieces):
        old_len = len(text) if op != INSERT else 0
        new_len = len(text) if op != DELETE else 0
        ops.append(Op(op, text, old_pos, old_pos + old_len, new_pos, new_pos + new_len))
        old_pos += old_len
        new_pos += new_len
    return tuple(ops)


def _cut_at_tokens(old: str, new: str, old_tokens: Sequence[str], new_tokens: Sequence[str],
                   pieces: Iterable[tuple[str, str]]) -> tuple[Op, ...]:
    """Ops of a diff of token codes. Each code stands for one token, so a piece of n codes covers
    the next n tokens of its side(s): its text is a slice of ``old`` (or ``new``, for an insert)
    between token boundaries, exactly the decoded tokens, at a fraction of the cost of decoding."""
    old_at = [0, *accumulate(map(len, old_tokens))]  # character offset of each token boundary
    new_at = [0, *accumulate(map(len, new_tokens))]
    ops = []
    i = j = 0  # tokens consumed on each side
    for op, codes in _merged(pieces):
        i_end = i if op == INSERT else i + len(codes)
        j_end = j if op == DELETE else j + len(codes)
        text = new[new_at[j]:new_at[j_end]] if op == INSERT else old[old_at[i]:old_at[i_end]]
        ops.append(Op(op, text, old_at[i], old_at[i_end], new_at[j], new_at[j_end]))
        i, j = i_end, j_end
    return tuple(ops)


def diff_words(old: str, new: str, engine: str | None = None) -> tuple[Op, ...]:
    """Word-level diff of two texts (see the module docstring); ``engine``: python, fast or auto."""
    if old == new:
        return _with_offsets([(EQUAL, old)])
    old_tokens, new_tokens = tokenise(old), tokenise(new)
    distinct = list(dict.fromkeys(chain(old_tokens, new_tokens)))  # in order of first appearance
    if len(distinct) > MAX_TOKENS:
        # More distinct tokens than private-use code points (a multi-megabyte paragraph): a
        # character diff is still exact, only coarser to read.
        return diff_chars(old, new, engine)
    code_of = dict(zip(distinct, _codes(len(distinct))))
    coded_old = "".join(map(code_of.__getitem__, old_tokens))
    coded_new = "".join(map(code_of.__getitem__, new_tokens))
    pieces = get_engine(engine).diff(coded_old, coded_new)
    return _cut_at_tokens(old, new, old_tokens, new_tokens, pieces)


def diff_chars(old: str, new: str, engine: str | None = None) -> tuple[Op, ...]:
    """Character-level diff (semantic cleanup included)."""
    if old == new:
        return _with_offsets([(EQUAL, old)])
    chosen: Engine = get_engine(engine)
    return _with_offsets(chosen.diff(old, new))


def accept(ops: Iterable[Op]) -> str:
    """The new text: every change accepted."""
    return "".join(o.text for o in ops if o.op != DELETE)


def reject(ops: Iterable[Op]) -> str:
    """The old text: every change rejected."""
    return "".join(o.text for o in ops if o.op != INSERT)


def changed(ops: Iterable[Op]) -> bool:
    """True if any operation inserts or deletes."""
    return any(o.op != EQUAL for o in ops)


def split_lines(ops: Sequence[Op]) -> list[list[Op]]:
    """Cut operations at paragraph breaks: one list per paragraph of the merged (old+new) reading.

    A "\\n" stays at the end of the piece it ends, with its own op (an inserted "\\n" is an inserted
    paragraph mark), so renderers can lay out one paragraph per list.
    """
    lines: list[list[Op]] = [[]]
    for o in ops:
        old_pos, new_pos = o.old_start, o.new_start
        parts = o.text.split("\n")
        for i, part in enumerate(parts):
            text = part + ("\n" if i < len(parts) - 1 else "")
            if not text:
                continue
            old_len = len(text) if o.op != INSERT else 0
            new_len = len(text) if o.op != DELETE else 0
            lines[-1].append(Op(o.op, text, old_pos, old_pos + old_len, new_pos, new_pos + new_len))
            old_pos += old_len
            new_pos += new_len
            if text.endswith("\n"):
                lines.append([])
    if not lines[-1] and len(lines) > 1:
        lines.pop()
    return lines
