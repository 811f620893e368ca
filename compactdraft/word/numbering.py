"""Word automatic numbering: from ``w:numPr`` + numbering.xml to the label Word prints.

A numbered paragraph names a ``w:num`` (numId) and a level (ilvl); the ``w:num`` points at a
``w:abstractNum`` whose ``w:lvl`` elements give the start value, the number format (``numFmt``) and
the level text (``lvlText`` such as ``%1.``, ``(%2)`` or ``%1.%2``). The rules implemented here:

- Counters belong to the abstractNum, so every ``w:num`` that points at the same abstractNum shares
  (continues) one sequence, as Word does for lists that were "continued".
- A ``w:num`` with ``w:lvlOverride/w:startOverride`` restarts the overridden level(s) at the override
  value the first time a paragraph uses that ``w:num`` (the way Word's "Restart at 1" works: it
  writes a new ``w:num`` with an override); later paragraphs of that ``w:num`` continue the shared
  sequence. A ``w:lvlOverride`` holding a whole ``w:lvl`` replaces that level's definition for
  paragraphs of that ``w:num``.
- Numbering a paragraph at level L restarts every deeper level M whose ``w:lvlRestart`` allows it:
  by default any level above M restarts it; ``lvlRestart=v`` restarts it only when a level with index
  below v (0-based) is used; ``lvlRestart=0`` never restarts it.
- A level that has not been used yet prints its start value when a deeper level's text refers to it.
- ``w:isLgl`` prints every referenced level as a decimal number.
- ``bullet`` levels and levels whose text is empty print no label; ``none`` prints the level text with
  the number left out.
- An abstractNum with ``w:numStyleLink`` takes its levels from the abstractNum carrying the matching
  ``w:styleLink`` (numbering styles).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from .namespaces import W

MAX_LEVELS = 9


def wval(element: etree._Element | None, name: str = "val") -> str | None:
    """The ``w:val`` (or another w: attribute) of an element, None when the element is absent."""
    if element is None:
        return None
    return element.get(W + name)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass(frozen=True)
class Level:
    """One ``w:lvl``: how level ``ilvl`` of a list counts and prints."""

    ilvl: int
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart; None = default (restart after any higher level)
    legal: bool = False  # w:isLgl
    style: str | None = None  # w:pStyle: a paragraph style bound to this level


def parse_level(lvl: etree._Element) -> Level:
    """``<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/>``."""
    legal = lvl.find(W + "isLgl")
    return Level(
        ilvl=_int(lvl.get(W + "ilvl"), 0),
        start=_int(wval(lvl.find(W + "start")), 1),
        fmt=wval(lvl.find(W + "numFmt")) or "decimal",
        text=wval(lvl.find(W + "lvlText")) or "",
        restart=_int(wval(lvl.find(W + "lvlRestart")), 0) if lvl.find(W + "lvlRestart") is not None else None,
        legal=legal is not None and wval(legal) not in ("0", "false", "off"),
        style=wval(lvl.find(W + "pStyle")),
    )


@dataclass(frozen=True)
class NumInstance:
    """One ``w:num``: which abstractNum it uses and its per-level overrides."""

    num_id: str
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


@dataclass(frozen=True)
class Numbering:
    """The numbering definitions of one document (an empty one when it has no numbering.xml)."""

    abstracts: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, NumInstance] = field(default_factory=dict)

    def level(self, num_id: str, ilvl: int) -> Level | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        if ilvl in num.level_overrides:
            return num.level_overrides[ilvl]
        return self.abstracts.get(num.abstract_id, {}).get(ilvl)

    def levels(self, num_id: str) -> dict[int, Level]:
        num = self.nums[num_id]
        merged = dict(self.abstracts.get(num.abstract_id, {}))
        merged.update(num.level_overrides)
        return merged

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level bound to a paragraph style through ``w:lvl/w:pStyle``, if any."""
        if num_id not in self.nums:
            return None
        for ilvl, level in sorted(self.levels(num_id).items()):
            if level.style == style_id:
                return ilvl
        return None


def parse_numbering(root: etree._Element | None, style_num_ids: dict[str, str] | None = None) -> Numbering:
    """Read numbering.xml; ``style_num_ids`` maps numbering-style ids to their numId (for numStyleLink)."""
    if root is None:
        return Numbering()
    abstracts: dict[str, dict[int, Level]] = {}
    links: dict[str, str] = {}  # abstractNum id -> numbering style it takes its levels from
    style_owner: dict[str, str] = {}  # numbering style id -> abstractNum id that defines it
    for abstract in root.iter(W + "abstractNum"):
        abstract_id = abstract.get(W + "abstractNumId") or ""
        abstracts[abstract_id] = {lvl.ilvl: lvl for lvl in map(parse_level, abstract.findall(W + "lvl"))}
        if (link := wval(abstract.find(W + "numStyleLink"))) is not None:
            links[abstract_id] = link
        if (owner := wval(abstract.find(W + "styleLink"))) is not None:
            style_owner[owner] = abstract_id
    nums: dict[str, NumInstance] = {}
    for num in root.iter(W + "num"):
        starts: dict[int, int] = {}
        replaced: dict[int, Level] = {}
        for override in num.findall(W + "lvlOverride"):
            ilvl = _int(override.get(W + "ilvl"), 0)
            if (start := override.find(W + "startOverride")) is not None:
                starts[ilvl] = _int(wval(start), 1)
            if (lvl := override.find(W + "lvl")) is not None:
                level = parse_level(lvl)
                replaced[ilvl] = Level(ilvl, level.start, level.fmt, level.text, level.restart, level.legal,
                                       level.style)
        num_id = num.get(W + "numId") or ""
        nums[num_id] = NumInstance(num_id, wval(num.find(W + "abstractNumId")) or "", starts, replaced)
    _resolve_style_links(abstracts, nums, links, style_owner, style_num_ids or {})
    return Numbering(abstracts, nums)


def _resolve_style_links(abstracts: dict[str, dict[int, Level]], nums: dict[str, NumInstance],
                         links: dict[str, str], style_owner: dict[str, str], style_num_ids: dict[str, str]) -> None:
    """An abstractNum that only links to a numbering style shares the levels (and counters) of its owner."""
    for abstract_id, style_id in links.items():
        owner = style_owner.get(style_id)
        if owner is None and style_id in style_num_ids and style_num_ids[style_id] in nums:
            owner = nums[style_num_ids[style_id]].abstract_id
        if owner is None or owner == abstract_id:
            continue
        for num_id, num in list(nums.items()):
            if num.abstract_id == abstract_id:
                nums[num_id] = NumInstance(num_id, owner, num.start_overrides, num.level_overrides)


# --- formatting numbers ---------------------------------------------------------------------------

_ROMAN_TABLE = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


# Word takes list starts up to 32767; beyond, a roman or letter label would cost memory linear in the
# value (10^12 is 10^9 'M's), so such values print as decimal digits, bounded by the digits given
MAX_LABEL_VALUE = 32767


def to_roman(value: int) -> str:
    if value <= 0 or value > MAX_LABEL_VALUE:
        return str(value)
    out = []
    for amount, numeral in _ROMAN_TABLE:
        while value >= amount:
            out.append(numeral)
            value -= amount
    return "".join(out)


def to_letters(value: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, then aaa... (the letter repeated)."""
    if value <= 0 or value > MAX_LABEL_VALUE:
        return str(value)
    repeat, index = divmod(value - 1, 26)
    return chr(97 + index) * (repeat + 1)


def format_number(value: int, fmt: str) -> str:
    """One counter in a numFmt; unknown formats print as decimal, as Word falls back to."""
    if fmt == "lowerLetter":
        return to_letters(value)
    if fmt == "upperLetter":
        return to_letters(value).upper()
    if fmt == "lowerRoman":
        return to_roman(value)
    if fmt == "upperRoman":
        return to_roman(value).upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(value)


_PLACEHOLDER = re.compile(r"%([1-9])")


class NumberingState:
    """Counters while walking a document in order; :meth:`label` numbers one paragraph."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.counters: dict[str, list[int | None]] = {}
        self.applied_overrides: set[str] = set()

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the list for a paragraph at (num_id, ilvl) and return its printed label, or None."""
        num = self.numbering.nums.get(num_id)
        if num is None or not 0 <= ilvl < MAX_LEVELS:
            return None
        levels = self.numbering.levels(num_id)
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self.counters.setdefault(num.abstract_id, [None] * MAX_LEVELS)
        self._apply_start_overrides(num, counters)
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        self._restart_deeper(levels, counters, ilvl)
        return self._render(levels, counters, level)

    def _apply_start_overrides(self, num: NumInstance, counters: list[int | None]) -> None:
        if num.num_id in self.applied_overrides:
            return
        self.applied_overrides.add(num.num_id)
        for ilvl, start in num.start_overrides.items():
            if 0 <= ilvl < MAX_LEVELS:
                counters[ilvl] = start - 1
                for deeper in range(ilvl + 1, MAX_LEVELS):
                    counters[deeper] = None

    @staticmethod
    def _restart_deeper(levels: dict[int, Level], counters: list[int | None], used: int) -> None:
        for deeper in range(used + 1, MAX_LEVELS):
            level = levels.get(deeper)
            restart_below = deeper if level is None or level.restart is None else level.restart
            if used < restart_below:
                counters[deeper] = None

    @staticmethod
    def _render(levels: dict[int, Level], counters: list[int | None], level: Level) -> str | None:
        if level.fmt == "bullet":
            return None

        def number(match: re.Match[str]) -> str:
            ilvl = int(match.group(1)) - 1
            ref = levels.get(ilvl)
            if ref is None:
                return ""
            value = counters[ilvl] if counters[ilvl] is not None else ref.start
            fmt = "decimal" if level.legal and ref.fmt not in ("none", "bullet") else ref.fmt
            return format_number(int(value or 0), fmt)

        text = _PLACEHOLDER.sub(number, level.text).strip()
        return text or None
