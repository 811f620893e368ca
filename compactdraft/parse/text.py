"""Plain text and Markdown: one paragraph per line or per blank-line-separated block.

Hard-wrapped lines are rejoined: a line continues the previous one unless it starts with a label or
a heading, or the previous line ended a sentence. In .txt files, lines starting with ``#`` are
comments; in Markdown they are headings.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..model import Draft
from ..safeio import decode_text
from . import ReadOptions
from .structure import Block, build_draft, split_label

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_BULLET = re.compile(r"^\s*[-*+•]\s+")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_ENDS_SENTENCE = re.compile(r"[.:;!?\"”’)\]]$")
_STARTS_HEADING = re.compile(r"^(?:[IVXLC]+\.\s|(?i:objective|annex|appendix|recommendation|chapter|part|section)\s)")


def _starts_new_paragraph(line: str, previous: str) -> bool:
    if split_label(line)[0] is not None or _STARTS_HEADING.match(line) or _BULLET.match(line):
        return True
    if _ENDS_SENTENCE.search(previous):
        return True
    # a short unpunctuated previous line is a heading, not the start of a wrapped sentence
    return len(previous.split()) <= 8 and previous[:1].isupper() and line[:1].isupper()


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped text has lines of similar, modest length that mostly stop mid-sentence."""
    body = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if len(body) < 3:
        return False
    unfinished = sum(1 for line in body if not _ENDS_SENTENCE.search(line))
    longest = max(len(line) for line in body)
    return longest <= 120 and unfinished / len(body) >= 0.4


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def text_blocks(text: str, markdown: bool) -> list[Block]:
    if "\x00" in text:
        raise InputError("contains NUL bytes; it is binary, not text", None)
    # only CR/LF end a line: str.splitlines() would also split at VT, FF, NEL, U+2028/9 inside a line
    lines = _LINE_BREAK.split(text.removesuffix("\n").removesuffix("\r"))
    wrapped = markdown or _is_hard_wrapped(lines)
    blocks: list[Block] = []
    current: list[str] = []
    style: str | None = None

    def flush() -> None:
        nonlocal current, style
        if current:
            blocks.append(Block(" ".join(current), style=style, ref=f"l:{len(blocks)}"))
        current, style = [], None

    for raw in lines:
        line = raw.strip()
        if not line:
            flush()
            continue
        heading = _MD_HEADING.match(line)
        if line.startswith("#"):
            flush()
            if markdown and heading:
                blocks.append(Block(heading.group(2), style="heading", ref=f"l:{len(blocks)}"))
            continue  # in .txt, '#' lines are comments
        if _BULLET.match(line):
            flush()  # a bullet always starts a paragraph; the bullet itself is not a label
            line = _BULLET.sub("", line)
        if markdown:
            line = _EMPHASIS.sub(r"\2", line)
        if current and (not wrapped or _starts_new_paragraph(line, current[-1])):
            flush()
        current.append(line)
    flush()
    return blocks


def read(data: bytes, source: str, options: ReadOptions) -> Draft:
    try:
        text = decode_text(data, source)
        markdown = Path(source).suffix.lower() in (".md", ".markdown")
        blocks = text_blocks(text, markdown)
    except InputError as exc:
        raise InputError(exc.message, source) from None
    return build_draft(blocks, draft_id=options.draft_id, source=source, fmt="markdown" if markdown else "text",
                       profile=options.profile, date=options.date)
