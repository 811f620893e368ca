"""How the source wrote a provision's text: run properties, tabs and breaks, hyperlinks and fields.

The model holds a provision's text as the reader printed it (whitespace folded, see
compactdraft/parse/structure.py). The Word writer rebuilds paragraphs from the diff of those texts;
so that what survives keeps its formatting and inserted text takes the new draft's, each provision's
text is laid back over its source paragraph here: a :class:`Track` of spans of the displayed text,
each with the :class:`Source` it came from (the run's ``w:rPr``, the ``w:hyperlink`` or
``w:fldSimple`` around it, the complex field whose result it is). A displayed space that stood for a
tab, a break or several spaces keeps the source's own elements (``raw``), so they are written back
as they were. Characters the alignment cannot place (a typed label the reader added, note marks)
have no source and are written plain. The alignment is linear: each source text node is matched at
the current place of the displayed text, character by character only where whitespace or
normalisation differ.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from .content import SKIPPED, is_object
from .namespaces import W
from .notes import MARKS as _SKIPPED_DISPLAY  # note marks: the display has them, the source text not

OBJECT = "\ufffc"
_SPECIAL = {W + "tab": " ", W + "br": " ", W + "cr": " ", W + "ptab": " ", W + "noBreakHyphen": "-"}
_WRAPPERS = (W + "hyperlink", W + "fldSimple")
_NOTE_REFERENCES = (W + "footnoteReference", W + "endnoteReference")
_VARIATION = range(0xFE00, 0xFE10)


@dataclass(eq=False)
class Field:
    """A complex field (``w:fldChar`` begin ... separate ... end) whose result is displayed text: the
    runs of its code (begin to separate) and its end run, written around the result again."""

    code: list[etree._Element] = field(default_factory=list)
    end: etree._Element | None = None
    start: int = -1  # the displayed span of its result, once aligned
    stop: int = -1


@dataclass(frozen=True, eq=False)
class Source:
    """Where one stretch of displayed text came from (elements are the source's, never modified)."""

    rpr: etree._Element | None
    wrapper: etree._Element | None = None  # w:hyperlink or w:fldSimple around the run
    field: Field | None = None
    raw: tuple[etree._Element | str, ...] | None = None  # what a displayed space stood for


_Item = tuple[str, Source, "etree._Element | None"]  # (text, source, special element: tab, break)


def _run_items(run: etree._Element, wrapper: etree._Element | None, current: Field | None,
               items: list[_Item]) -> None:
    rpr = run.find(W + "rPr")
    source = Source(rpr, wrapper, current)
    skip_text = False
    for child in run:
        tag = child.tag
        if tag == W + "t":
            if skip_text:  # a custom note mark's text: no text of the paragraph
                skip_text = False
                continue
            items.append((child.text or "", source, None))
        elif tag in _SPECIAL:
            items.append((_SPECIAL[tag], source, child))
        elif tag in _NOTE_REFERENCES:
            skip_text = child.get(W + "customMarkFollows") not in (None, "0", "false", "off")
        elif is_object(child):
            items.append((OBJECT, source, None))


class _Walker:
    """The paragraph's text-bearing items in reading order, as compactdraft/word/content.py reads it."""

    def __init__(self) -> None:
        self.items: list[_Item] = []
        self.fields: list[Field] = []
        self.stack: list[tuple[Field, bool]] = []  # open complex fields, and whether past separate

    def current(self) -> Field | None:
        # only an outermost field whose result is being read is kept as a field
        if len(self.stack) == 1 and self.stack[0][1]:
            return self.stack[0][0]
        return None

    def fld_char(self, run: etree._Element) -> bool:
        """Follow the field a run's ``w:fldChar`` opens, separates or closes; True if it had one."""
        char = run.find(W + "fldChar")
        if char is None:
            if self.stack and not self.stack[-1][1] and len(self.stack) == 1:
                self.stack[0][0].code.append(run)  # instruction runs
            return False
        kind = char.get(W + "fldCharType")
        if kind == "begin":
            opened = Field([run]) if not self.stack else Field()
            self.stack.append((opened, False))
        elif kind == "separate" and self.stack:
            opened, _ = self.stack.pop()
            if not self.stack:
                opened.code.append(run)
            self.stack.append((opened, True))
        elif kind == "end" and self.stack:
            opened, _ = self.stack.pop()
            if not self.stack:
                opened.end = run
                self.fields.append(opened)
        return True

    def walk(self, element: etree._Element, wrapper: etree._Element | None) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIPPED or tag == W + "p" or tag == W + "tbl":
                continue
            if tag == W + "r":
                if self.fld_char(child):
                    continue
                vanish = child.find(f"{W}rPr/{W}vanish")
                if vanish is not None and vanish.get(W + "val") not in ("0", "false", "off"):
                    continue  # hidden text: not displayed
                _run_items(child, wrapper, self.current(), self.items)
            elif is_object(child):
                self.items.append((OBJECT, Source(None, wrapper), None))
            elif tag in _WRAPPERS:
                self.walk(child, wrapper if wrapper is not None else child)
            else:
                self.walk(child, wrapper)


@dataclass
class Track:
    """Spans ``(start, stop, source)`` of one side's displayed text, in order, not overlapping."""

    starts: list[int] = field(default_factory=list)
    spans: list[tuple[int, int, Source]] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)

    def add(self, start: int, stop: int, source: Source) -> None:
        if self.spans and self.spans[-1][1] == start and self.spans[-1][2] is source and source.raw is None:
            self.spans[-1] = (self.spans[-1][0], stop, source)
            return
        self.starts.append(start)
        self.spans.append((start, stop, source))

    def extend(self, other: Track, offset: int) -> None:
        for start, stop, source in other.spans:
            self.starts.append(start + offset)
            self.spans.append((start + offset, stop + offset, source))
        for found in other.fields:
            found.start += offset
            found.stop += offset
            self.fields.append(found)

    def cut(self, start: int, stop: int) -> Iterator[tuple[int, int, Source | None]]:
        """The stretches of ``[start, stop)`` with one source each (None where the text has none)."""
        index = max(bisect.bisect_right(self.starts, start) - 1, 0)
        position = start
        while position < stop:
            if index < len(self.spans):
                span_start, span_stop, source = self.spans[index]
                if span_stop <= position:
                    index += 1
                    continue
                if span_start > position:
                    end = min(span_start, stop)
                    yield position, end, None
                    position = end
                    continue
                end = min(span_stop, stop)
                yield position, end, source
                position = end
                index += 1
            else:
                yield position, stop, None
                return


def align(display: str, paragraph: etree._Element | None) -> Track:
    """The track of a provision's displayed text over its source paragraph."""
    track = Track()
    if paragraph is None:
        return track
    walker = _Walker()
    walker.walk(paragraph, None)
    position = 0
    space_source: Source | None = None  # the displayed space the current source whitespace went to
    raw: list[etree._Element | str] = []
    size = len(display)

    def close_space() -> None:
        nonlocal space_source, raw
        if space_source is not None:
            if raw != [" "]:  # a plain single space needs nothing of its own
                start = track.spans[-1][0]
                track.spans[-1] = (start, start + 1, Source(space_source.rpr, space_source.wrapper,
                                                            space_source.field, tuple(raw)))
            space_source, raw = None, []

    for text, source, special in walker.items:
        if special is None and text and text != OBJECT and not text.isspace() and display.startswith(text, position):
            close_space()
            track.add(position, position + len(text), source)
            position += len(text)
            _mark_field(source, position - len(text), position)
            continue
        for char in text:
            if char.isspace():
                if space_source is not None:
                    raw.append(special if special is not None else char)
                elif position < size and display[position] == " ":
                    track.add(position, position + 1, source)
                    _mark_field(source, position, position + 1)
                    position += 1
                    space_source, raw = source, [special if special is not None else char]
                continue
            close_space()
            while position < size and (display[position] in _SKIPPED_DISPLAY or ord(display[position]) in _VARIATION):
                position += 1  # note marks and object keys have no source text
            if position < size and display[position] == char:
                stop = position + 1
                if char == OBJECT:
                    while stop < size and ord(display[stop]) in _VARIATION:
                        stop += 1
                track.add(position, stop, source)
                if special is not None:  # a non-breaking hyphen: written as the element again
                    start = track.spans[-1][0]
                    track.spans[-1] = (start, stop, Source(source.rpr, source.wrapper, source.field, (special,)))
                _mark_field(source, position, stop)
                position = stop
                continue
            found = display.find(char, position, min(position + 8, size))
            if found >= 0:  # normalisation moved it (combining marks reordered, controls dropped)
                track.add(position, found + 1, source)
                _mark_field(source, position, found + 1)
                position = found + 1
    close_space()
    track.fields = [f for f in walker.fields if f.start >= 0]
    return track


def _mark_field(source: Source, start: int, stop: int) -> None:
    found = source.field
    if found is None:
        return
    if found.start < 0:
        found.start = start
    found.stop = stop
