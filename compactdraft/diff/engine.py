"""Character diff engines behind one small interface.

An engine diffs two strings of characters and returns ``[(op, text), ...]`` with op one of
``"equal"``, ``"insert"``, ``"delete"``, after semantic cleanup. Word diffs (see
:func:`compactdraft.diff.diff_words`) give engines strings of token codes, one character per token,
so the same engine serves every granularity.

Two engines run the same algorithm (Myers' diff as in diff-match-patch):

- ``python``: the pure-Python diff-match-patch, the reference;
- ``fast``: fast-diff-match-patch, the C++ port (optional ``fast`` extra), 10-30x faster.

``Diff_Timeout`` is always 0: with the library's default of one second a long text silently gets a
degraded diff, which would make a redline depend on the machine's speed.
"""
from __future__ import annotations

import os
from functools import cache
from typing import Protocol

from ..errors import UsageError

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
ENGINES = ("python", "fast")
ENV_VAR = "COMPACTDRAFT_DIFF_ENGINE"  # python | fast | auto (default)


class Engine(Protocol):
    name: str

    def diff(self, a: str, b: str) -> list[tuple[str, str]]:
        """Operations turning ``a`` into ``b``, semantically cleaned up."""


class PythonEngine:
    """The pure-Python diff-match-patch: slower, always available, the reference."""

    name = "python"

    def __init__(self) -> None:
        from diff_match_patch import diff_match_patch

        self._dmp = diff_match_patch()
        self._dmp.Diff_Timeout = 0  # never a time-limited (degraded) diff
        self._ops = {self._dmp.DIFF_EQUAL: EQUAL, self._dmp.DIFF_INSERT: INSERT, self._dmp.DIFF_DELETE: DELETE}

    def diff(self, a: str, b: str) -> list[tuple[str, str]]:
        # checklines=False: a line-level pre-pass would only add noise on token-code strings
        diffs = self._dmp.diff_main(a, b, checklines=False)
        self._dmp.diff_cleanupSemantic(diffs)
        return [(self._ops[op], text) for op, text in diffs if text]


class FastEngine:
    """fast-diff-match-patch (C++): the same algorithm and cleanup, much faster."""

    name = "fast"

    def __init__(self) -> None:
        import fast_diff_match_patch

        self._diff = fast_diff_match_patch.diff

    def diff(self, a: str, b: str) -> list[tuple[str, str]]:
        result = self._diff(a, b, timelimit=0, checklines=False, cleanup="Semantic", counts_only=False)
        names = {"=": EQUAL, "+": INSERT, "-": DELETE}
        return [(names[op], text) for op, text in result if text]


def fast_available() -> bool:
    try:
        import fast_diff_match_patch  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def get_engine(name: str | None = None) -> Engine:
    """The engine called ``name`` (python, fast, auto); None reads $COMPACTDRAFT_DIFF_ENGINE, else auto.

    ``auto`` takes the fast engine when it is installed and falls back to the reference cleanly.
    Asking for ``fast`` explicitly when it is not installed is an error, not a silent fallback.
    """
    chosen = (name or os.environ.get(ENV_VAR) or "auto").lower()
    if chosen == "auto":
        return FastEngine() if fast_available() else PythonEngine()
    if chosen == "python":
        return PythonEngine()
    if chosen == "fast":
        if not fast_available():
            raise UsageError("the fast diff engine needs fast-diff-match-patch: pip install 'compactdraft[fast]'")
        return FastEngine()
    raise UsageError(f"unknown diff engine {chosen!r} (one of python, fast, auto)")
