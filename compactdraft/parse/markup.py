"""Negotiation markup in a provision's text: square brackets (nested), alternatives and status marks.

UN drafts under negotiation mark text not yet agreed with square brackets, nest them (``[a [b] c]``),
offer alternatives as bracketed options (``[Option 1: ...] [Option 2: ...]``, ``[alt ...]``), bracket a
whole provision with its number, and note status in the text: ``agreed ad ref``, ``agreed ad ref
(green)``, ``pending``, ``deleted``. :func:`analyse` reads all of this from the text as written; it
changes nothing (text is kept as the source has it) and is the one place later stages ask.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# "Option 1:", "Option A.", "Alt 2", "alt": the name is a number, a capital letter or a roman numeral
_OPTION = re.compile(r"^\s*(?i:option|alt(?:ernative)?)\b(?:\s*(\d+[a-z]?|[A-Z]|[IVX]+)(?=[\s:.)]|$))?")
_STATUS = (  # most specific first
    ("agreed ad ref (green)", re.compile(r"\bagreed\s+ad\s+ref(?:erendum)?\.?\s*\(\s*green\s*\)", re.IGNORECASE)),
    ("agreed ad ref", re.compile(r"\bagreed\s+ad\s+ref(?:erendum)?\b", re.IGNORECASE)),
    ("pending", re.compile(r"\bpending\b", re.IGNORECASE)),
    ("deleted", re.compile(r"^\s*\[?\s*deleted\s*\]?\s*[.;]?\s*$", re.IGNORECASE)),
)


@dataclass(frozen=True)
class Bracket:
    """One bracketed passage: offsets in the text (``[`` to ``]`` inclusive), nesting depth (1 = outermost),
    and the option name when it is an alternative (``1`` for ``[Option 1: ...]``, ``""`` for ``[alt ...]``)."""

    start: int
    end: int
    depth: int
    option: str | None = None


@dataclass(frozen=True)
class Markup:
    brackets: tuple[Bracket, ...]
    unbalanced: int  # brackets opened and never closed plus closed and never opened
    whole: bool  # the whole provision is bracketed
    status: str | None  # agreed ad ref (green), agreed ad ref, pending, deleted, or None

    @property
    def options(self) -> tuple[Bracket, ...]:
        return tuple(b for b in self.brackets if b.option is not None)

    @property
    def max_depth(self) -> int:
        return max((b.depth for b in self.brackets), default=0)


def analyse(text: str) -> Markup:
    """The negotiation markup of one provision's text (see the module docstring)."""
    brackets: list[Bracket] = []
    stack: list[int] = []
    stray_closings = 0
    for index, char in enumerate(text):
        if char == "[":
            stack.append(index)
        elif char == "]":
            if not stack:
                stray_closings += 1
                continue
            start = stack.pop()
            option = _option_name(text[start + 1:index])
            brackets.append(Bracket(start, index + 1, len(stack) + 1, option))
    brackets.sort(key=lambda b: b.start)
    stripped = text.strip()
    whole = any(b.depth == 1 and text[:b.start].strip() == "" and text[b.end:].strip(" .;,") == ""
                for b in brackets) and bool(stripped)
    return Markup(tuple(brackets), len(stack) + stray_closings, whole, _status(text))


def _option_name(inside: str) -> str | None:
    match = _OPTION.match(inside)
    if match is None:
        return None
    return match.group(1) or ""


def _status(text: str) -> str | None:
    for name, pattern in _STATUS:
        if pattern.search(text):
            return name
    return None
