"""PDF (the ``pdf`` extra, pypdf): the text layer, page furniture removed, lines rejoined into paragraphs.

1. Each page's text layer is read as lines (pypdf); a PDF without one (a scan) is refused.
2. Page furniture is removed from the page edges (the first and last few lines of each page): lines
   repeated at the edges of most pages (running headers and footers, compared with digits masked so
   "A/RES/71/1 3/24" and "A/RES/71/1 4/24" count as one; numbered paragraphs never count), and
   lines made only of page numbers, UN
   document symbols (``A/RES/71/1``, ``A/CONF.231/3``), job numbers (``18-11234 (E)``) and barcodes.
3. Lines are rejoined into paragraphs: a line ending in a hyphen joins the next without a space (the
   hyphen is dropped unless the document spells the word with a hyphen elsewhere); a new paragraph
   starts at a label (``17.``, ``(a)``), a heading (``Objective 1``, ``I.``, ``ANNEX``), after a line
   that ends a sentence and is clearly shorter than the column width, or after a short unpunctuated
   line (a heading) followed by a capital.
"""
from __future__ import annotations

import contextlib
import io
import logging
import math
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from ..model import Draft
from . import ReadOptions
from .structure import Block, build_draft, clean_text, split_label

EDGE_LINES = 3  # how deep headers and footers reach into a page
_TOKEN_FURNITURE = re.compile(
    r"^(?:[A-Z]{1,6}(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+"  # UN document symbol
    r"|\d{2}-\d{4,6}"  # job number
    r"|\(\w\)"  # language of the job number: (E)
    r"|\*\d{5,}\*"  # barcode text
    r"|\d{1,4}(?:/\d{1,4})?"  # page number, "3/24"
    r"|[-\u2013\u2014]|(?i:page|of))$")
_ENDS_SENTENCE = re.compile(r"[.:;!?][\"”’)\]]?$")
_STARTS_HEADING = re.compile(r"^(?:[IVXLC]+\.\s|(?i:objective|annex|appendix|recommendation|chapter|part|section)"
                             r"\s+[\dIVXLCA-Z]|PREAMBLE$|Preamble$)")
_HYPHENATED_END = re.compile(r"(\w+)-$")
_WORD = re.compile(r"[\w-]+")


def _pypdf() -> Any:
    try:
        import pypdf
    except ImportError:
        raise InputError("reading PDF needs pypdf: install compactdraft[pdf]") from None
    return pypdf


MAX_PAGES = 5000  # a UN draft runs to tens of pages; extraction costs about 2 ms a page


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def page_lines(data: bytes, source: str) -> list[list[str]]:
    """The text layer, page by page, as non-empty stripped lines."""
    pypdf = _pypdf()
    try:
        with _quiet_pypdf():  # its warnings about damaged objects would print extra lines on stderr
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError("is a password-protected PDF; remove the password first", source)
            if len(reader.pages) > MAX_PAGES:
                raise InputError(f"has {len(reader.pages)} pages; over {MAX_PAGES} is not a draft (refused to bound "
                                 "time)", source)
            pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of errors on damaged files
        raise InputError(f"corrupt or unreadable PDF ({exc.__class__.__name__}: {exc})", source) from None
    lines = [[clean_text(line) for line in text.splitlines() if clean_text(line)] for text in pages]
    if not any(lines):
        raise InputError("has no text layer (scanned?); run OCR on it first", source)
    return lines


def _masked(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower())


def _is_furniture_line(line: str) -> bool:
    tokens = line.split()
    return bool(tokens) and all(_TOKEN_FURNITURE.match(token) for token in tokens)


def _edge_positions(count: int) -> list[int]:
    top = list(range(min(EDGE_LINES, count)))
    bottom = [i for i in range(max(count - EDGE_LINES, 0), count) if i not in top]
    return top + bottom


def remove_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop running headers/footers, page numbers, symbols and job numbers at page edges."""
    repeated: set[str] = set()
    if len(pages) >= 2:
        # a numbered paragraph is never furniture, however alike two of them look with digits masked
        seen = Counter(key for page in pages for key in {_masked(page[i]) for i in _edge_positions(len(page))
                                                         if split_label(page[i])[0] is None})
        threshold = max(2, math.ceil(len(pages) / 2))
        repeated = {key for key, count in seen.items() if count >= threshold}
    cleaned = []
    for page in pages:
        edges = set(_edge_positions(len(page)))
        cleaned.append([line for i, line in enumerate(page)
                        if i not in edges or not (_masked(line) in repeated or _is_furniture_line(line))])
    return cleaned


def column_width(lines: list[str]) -> int:
    """The usual length of a full line: the 90th percentile of line lengths."""
    lengths = sorted(len(line) for line in lines)
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))] if lengths else 0


def _starts_paragraph(line: str, previous: str, width: int) -> bool:
    if split_label(line)[0] is not None or _STARTS_HEADING.match(line):
        return True
    if _ENDS_SENTENCE.search(previous) and len(previous) < 0.85 * width:
        return True
    first_word = line.split()[0]
    ends_unpunctuated = not _ENDS_SENTENCE.search(previous) and not previous.endswith((",", "-"))
    return ends_unpunctuated and line[:1].isupper() and len(previous) + 1 + len(first_word) < 0.6 * width


def _join(previous: str, line: str, vocabulary: set[str]) -> str:
    match = _HYPHENATED_END.search(previous)
    if match and line[:1].isalpha():
        head, tail = match.group(1), line.split()[0].rstrip(".,;:")
        keep = not line[:1].islower() or (f"{head}-{tail}".lower() in vocabulary
                                         and f"{head}{tail}".lower() not in vocabulary)
        return (previous if keep else previous[:-1]) + line
    return f"{previous} {line}"


def paragraphs(pages: list[list[str]]) -> list[tuple[str, int]]:
    """(paragraph text, page number) after rejoining wrapped and hyphenated lines."""
    all_lines = [line for page in pages for line in page]
    width = column_width(all_lines)
    vocabulary = {word.lower() for line in all_lines for word in _WORD.findall(line)}
    result: list[tuple[str, int]] = []
    previous = ""  # the last physical line, whose length tells whether the text wrapped
    for page_number, page in enumerate(pages, 1):
        for line in page:
            if result and not _starts_paragraph(line, previous, width):
                result[-1] = (_join(result[-1][0], line, vocabulary), result[-1][1])
            else:
                result.append((line, page_number))
            previous = line
    return result


def read(data: bytes, source: str, options: ReadOptions) -> Draft:
    pages = remove_furniture(page_lines(data, source))
    blocks = [Block(text, ref=f"page:{page}") for text, page in paragraphs(pages)]
    return build_draft(blocks, draft_id=options.draft_id, source=source, fmt="pdf", profile=options.profile,
                       date=options.date)
