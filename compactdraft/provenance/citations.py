"""Explicit references in a provision's text, and what they point to.

UN texts cite their sources in a handful of fixed forms:

- document symbols: ``A/RES/71/1``, ``A/71/728``, ``A/CONF.231/3``, ``A/71/L.1/Rev.1``;
- resolutions by number: ``resolution 71/1``, ``resolutions 70/302 and 71/1``;
- provisions of a document: ``paragraph 41 of the New York Declaration``, ``paras. 8(b)-(d) of annex II``,
  ``paragraphs 6 and 7 of resolution 72/244``;
- recommendations of a report: ``recommendation 5``, ``recommendations 3 to 5``.

:func:`extract` finds them (lists and ranges expanded to one target per provision) and
:func:`resolve` maps each to ``(source id, provision id)`` pairs when the named source is loaded,
or to a stable unresolved node id (``cite:A/RES/71/1#para.41``) when it is not.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..model import Draft

# --- patterns ---------------------------------------------------------------------------------------

# A UN document symbol: series letter(s), then slash-separated parts one of which holds a digit.
SYMBOL = r"\b(?:A|E|S|ST|TD|UNEP|HRC|CRC|CEDAW|CERD|CCPR)/(?:[A-Z0-9][A-Za-z0-9.\-]*/)*[A-Z0-9][A-Za-z0-9.\-]*"
_SYMBOL_RE = re.compile(SYMBOL)
_RESOLUTION_NUMBER = r"\d{1,3}/\d{1,4}"
_RESOLUTIONS_RE = re.compile(
    rf"\b(?P<head>[Rr]esolutions?)\s+(?P<list>{_RESOLUTION_NUMBER}(?:\s*(?:,|and|or|,\s*and)\s*{_RESOLUTION_NUMBER})*)")

_ROMAN = r"(?:[IVXLC]+)"
_SUB = r"\(\s*(?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,2})\s*\)"  # (b), (iii), (2)
_ITEM = rf"\d{{1,4}}(?:\s*{_SUB})*"  # 8, 8(b), 8 (b)(ii)
_ITEM_OR_RANGE = (rf"{_ITEM}(?:\s*(?:-|–|—|to)\s*(?:{_ITEM}|{_SUB}))?"
                  rf"(?:\s*(?:,|and|or)\s*{_SUB}(?:\s*(?:-|–|to)\s*{_SUB})?)*")
_LIST = rf"{_ITEM_OR_RANGE}(?:\s*(?:,\s*and|,|and|or)\s*{_ITEM_OR_RANGE})*"
_PARA_HEAD = r"(?:[Pp]aragraphs?|[Pp]aras?\.|[Pp]ara\.?|¶)"
_REC_HEAD = r"(?:[Rr]ecommendations?)"
# what may follow a provision list: "of annex II", then "of (the) <document>"
_ANNEX = rf"(?:of|in)\s+(?:its\s+|the\s+)?(?P<annex_kw>annex|appendix)\s+(?P<annex>{_ROMAN}|\d+|[A-Z])\b"
_DOC_NAME = r"(?:the\s+)?(?P<name>(?:[A-Z][\w’'\-]*)(?:\s+(?:(?:for|and|of|on|the|in|to)\s+)*[A-Z][\w’'\-]*)*)"
_DOC = (rf"(?:of|in|to)\s+(?:(?:General\s+Assembly\s+)?resolution\s+(?P<res>{_RESOLUTION_NUMBER})"
        rf"|(?P<sym>{SYMBOL})|{_DOC_NAME})")
_PROVISIONS_RE = re.compile(
    rf"(?P<head>{_PARA_HEAD}|{_REC_HEAD})\s*(?P<list>{_LIST})(?:,?\s+{_ANNEX})?(?:,?\s+{_DOC})?")

# annex first: "annex I to the Declaration", "annex I, paragraph 4 (b), of the Declaration"
_ANNEX_FIRST_RE = re.compile(
    rf"\b(?P<annex_kw>[Aa]nnex|[Aa]ppendix)\s+(?P<annex>{_ROMAN}|\d+)\b(?:,?\s*(?P<head>{_PARA_HEAD})\s*"
    rf"(?P<list>{_LIST}),?)?\s+{_DOC}")
# resolution first: "(resolution 71/1, annex II, para. 9)" names a paragraph of that resolution's annex,
# not a paragraph of the citing document
_RESOLUTION_FIRST_RE = re.compile(
    rf"\b[Rr]esolution\s+(?P<res>{_RESOLUTION_NUMBER}),?\s+(?:(?P<annex_kw>annex|appendix)\s+(?P<annex>{_ROMAN}|\d+)"
    rf"\b,?\s*)?(?P<head>{_PARA_HEAD})\s*(?P<list>{_LIST})")
# instruments of other bodies, cited by their own numbering ("ILO Recommendation 202", "ILO Convention No. 189"):
# external documents, never a recommendation of a loaded report
_INSTRUMENT_RE = re.compile(
    r"\b(?P<body>ILO|International Labour Organi[sz]ation)(?:\s*\(ILO\))?\s+"
    r"(?P<type>Recommendation|Convention|Protocol)"
    r"\s+(?:(?:No\.|no\.|number)\s*)?(?P<number>\d{1,4})(?:\s*\(\d{4}\))?")
_SUB_RE = re.compile(_SUB)
_RANGE_SPLIT = re.compile(r"\s*(?:-|–|—|\bto\b)\s*")
_LIST_SPLIT = re.compile(r"\s*(?:,\s*and|,|\band\b|\bor\b)\s*")
# words a capitalised phrase may start with that are not document names ("of The" at a sentence start)
_NOT_NAMES = {"This", "That", "These", "Those", "It", "We", "Our", "Its", "Their"}


@dataclass(frozen=True)
class Citation:
    """One explicit reference found in a text.

    text:     the reference as printed (``paras. 8(b)-(d) of annex II``)
    start/end: character span in the text it was found in
    kind:     ``symbol`` (a document), ``resolution`` (a document by number), ``provision``, ``recommendation``
              or ``instrument`` (another body's numbered instrument, "ILO Recommendation 202": an external node)
    document: the document named, normalised (``A/RES/71/1``, ``New York Declaration``), or None for
              "this document" / unnamed
    targets:  provision ids inside that document (``annex.II.para.8.b``, ``rec.5``); () for a whole document
    """

    text: str
    start: int
    end: int
    kind: str
    document: str | None
    targets: tuple[str, ...] = ()


# --- extraction -------------------------------------------------------------------------------------

def _sub_parts(text: str) -> list[str]:
    return [m.group(0).strip("() ").strip() for m in _SUB_RE.finditer(text)]


def _letter_range(first: str, last: str) -> list[str]:
    """(b)-(d) -> b, c, d; roman ranges (ii)-(iv) -> ii, iii, iv; anything odd -> the two ends."""
    from ..parse.structure import is_roman, letter_value, roman_value

    if first.isdigit() and last.isdigit() and int(first) <= int(last) <= int(first) + 50:
        return [str(n) for n in range(int(first), int(last) + 1)]
    if is_roman(first) and is_roman(last) and len(first + last) > 2 and roman_value(first) < roman_value(last):
        numerals = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]
        lo, hi = roman_value(first), roman_value(last)
        if hi <= len(numerals):
            return numerals[lo - 1:hi]
    if len(first) == 1 and len(last) == 1 and first.isalpha() and last.isalpha() and first < last:
        return [chr(c) for c in range(ord(first), ord(last) + 1)]
    if first.isalpha() and last.isalpha() and letter_value(first) < letter_value(last) <= 52:
        values = range(letter_value(first), letter_value(last) + 1)
        return [chr(96 + v) if v <= 26 else chr(96 + v // 26) + chr(96 + v % 26) for v in values]
    return [first, last]


def _expand_item(item: str) -> list[tuple[str, ...]]:
    """One list item -> paths: ``8(b)-(d)`` -> (8,b) (8,c) (8,d); ``8-10`` -> (8,) (9,) (10,)."""
    number = re.match(r"\d+", item)
    if number is None:
        return []
    head = number.group(0)
    rest = item[number.end():]
    parts = _RANGE_SPLIT.split(rest.strip(), maxsplit=1) if rest.strip() else [""]
    if len(parts) == 2 and not rest.strip().startswith("("):
        # "8-10" / "8 to 10": a range of paragraph numbers
        last = re.match(r"\d+", parts[1])
        if last:
            return [(n,) for n in _letter_range(head, last.group(0))]
    paths: list[tuple[str, ...]] = []
    for group_text in _LIST_SPLIT.split(rest.strip()) if rest.strip() else [""]:
        ends = _RANGE_SPLIT.split(group_text, maxsplit=1)
        if len(ends) == 2 and _sub_parts(ends[0]) and _sub_parts(ends[1]):
            before, after = _sub_parts(ends[0]), _sub_parts(ends[1])
            for value in _letter_range(before[-1], after[-1]):
                paths.append((head, *before[:-1], value))
        else:
            paths.append((head, *_sub_parts(group_text)))
    return paths


def _split_items(list_text: str) -> list[str]:
    """Split "8(b)-(d), 9 and 11" into items, keeping a sub-part list "(b) and (c)" with its number."""
    items: list[str] = []
    for piece in _LIST_SPLIT.split(list_text):
        piece = piece.strip()
        if not piece:
            continue
        if piece.startswith("(") and items:
            items[-1] = f"{items[-1]}, {piece}"  # "8 (b) and (c)": (c) belongs to 8
        else:
            items.append(piece)
    return items


def provision_ids(head: str, list_text: str, annex: str | None = None, annex_kw: str = "annex") -> tuple[str, ...]:
    """The provision ids a reference list names, in the structurer's id scheme."""
    is_rec = head.lower().startswith("recommendation")
    ids: list[str] = []
    for item in _split_items(list_text):
        for path in _expand_item(item):
            base = ("rec." if is_rec else "para.") + ".".join(path)
            if annex:
                base = f"{annex_kw.lower()}.{annex.upper() if not annex.isdigit() else annex}.{base}"
            if base not in ids:
                ids.append(base)
    return tuple(ids)


def normalise_document(name: str) -> str:
    """Document names compared without case, articles or spacing differences."""
    words = re.findall(r"[\w/.\-]+", name.lower())
    return " ".join(w for w in words if w not in ("the",))


def _resolution_symbol(number: str) -> str:
    return f"A/RES/{number}"


def _clean_symbol(symbol: str) -> str:
    return symbol.rstrip(".-")


def extract(text: str) -> list[Citation]:
    """Every citation in ``text``, in order; provision references absorb the document they name."""
    return list(_extract(text))


# Successive drafts repeat most provisions word for word: each distinct text is searched once per run.
@lru_cache(maxsize=1 << 14)
def _extract(text: str) -> tuple[Citation, ...]:
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for match in _INSTRUMENT_RE.finditer(text):
        name = f"ILO {match.group('type')} {match.group('number')}"
        found.append(Citation(match.group(0), match.start(), match.end(), "instrument", name))
        taken.append(match.span())
    for match in _RESOLUTION_FIRST_RE.finditer(text):
        if _inside(match.start(), taken):
            continue
        targets = provision_ids(match.group("head"), match.group("list"), match.group("annex"),
                                match.group("annex_kw") or "annex")
        if targets:
            found.append(Citation(match.group(0), match.start(), match.end(), "provision",
                                  _resolution_symbol(match.group("res")), targets))
            taken.append(match.span())
    for match in _ANNEX_FIRST_RE.finditer(text):
        if _inside(match.start(), taken):
            continue
        document, end = _document_of(match)
        if document is None:
            continue
        annex = f"{match.group('annex_kw').lower()}.{match.group('annex')}"
        targets = (provision_ids(match.group("head"), match.group("list"), match.group("annex"),
                                 match.group("annex_kw")) if match.group("head") else (annex,))
        found.append(Citation(text[match.start():end], match.start(), end, "provision", document, targets))
        taken.append((match.start(), end))
    for match in _PROVISIONS_RE.finditer(text):
        if _inside(match.start(), taken):
            continue
        head = match.group("head")
        targets = provision_ids(head, match.group("list"), match.group("annex"), match.group("annex_kw") or "annex")
        if not targets:
            continue
        document, end = _document_of(match)
        kind = "recommendation" if head.lower().startswith("recommendation") else "provision"
        found.append(Citation(text[match.start():end], match.start(), end, kind, document, targets))
        taken.append((match.start(), end))
    for match in _RESOLUTIONS_RE.finditer(text):
        if _inside(match.start(), taken):
            continue
        for number in re.finditer(_RESOLUTION_NUMBER, match.group("list")):
            start = match.start("list") + number.start()
            found.append(Citation(text[match.start():match.end()], start, match.start("list") + number.end(),
                                  "resolution", _resolution_symbol(number.group(0))))
        taken.append((match.start(), match.end()))
    for match in _SYMBOL_RE.finditer(text):
        symbol = _clean_symbol(match.group(0))
        if _inside(match.start(), taken) or not re.search(r"\d", symbol):
            continue
        found.append(Citation(symbol, match.start(), match.start() + len(symbol), "symbol", symbol))
    return tuple(sorted(found, key=lambda c: (c.start, c.end)))


def _inside(position: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _document_of(match: re.Match[str]) -> tuple[str | None, int]:
    """The document a provision reference names and where the reference ends."""
    if match.group("res"):
        return _resolution_symbol(match.group("res")), match.end()
    if match.group("sym"):
        symbol = _clean_symbol(match.group("sym"))
        return symbol, match.start("sym") + len(symbol)
    name = match.group("name")
    if name:
        words = name.split()
        if words[0] in _NOT_NAMES:
            end = match.end("annex") if match.group("annex") else match.end("list")
            if end < 0:
                end = match.end("annex")
            return None, end
        return name, match.end("name")
    return None, match.end()


# --- resolution -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    """Where a citation points: a loaded provision (``resolved``) or an unresolved citation node id."""

    node: str  # "nyd:para.41" or "cite:A/RES/71/1#para.41"
    resolved: bool
    source: str | None  # the loaded document's id when resolved
    provision: str | None


def document_aliases(document: Draft, label: str = "") -> set[str]:
    """Names a loaded document answers to: its id, series label, title and the symbols it prints early on."""
    names = {normalise_document(n) for n in (document.id, label, document.title) if n}
    head = " ".join([document.title] + [p.text for p in document.provisions[:4]])
    for symbol in _SYMBOL_RE.findall(head):
        names.add(normalise_document(_clean_symbol(symbol)))
    for number in re.findall(rf"(?:^|\s)({_RESOLUTION_NUMBER})\.\s", " " + head):
        names.add(normalise_document(_resolution_symbol(number)))
    for title in re.findall(r"\d{1,3}/\d{1,4}\.\s+([A-Z][^.;:]{5,120})", head):
        names.add(normalise_document(title))  # "71/1. New York Declaration for Refugees and Migrants"
    return {n for n in names if n}


def _names_match(cited: str, alias: str) -> bool:
    """Exact, or one name's words all inside the other's (``New York Declaration`` vs the full title)."""
    if cited == alias:
        return True
    if "/" in cited or "/" in alias:
        return False
    a, b = set(cited.split()), set(alias.split())
    shorter = min(a, b, key=len)
    # a one-word name ("the Declaration") is accepted too; find_document insists the match is unique
    return bool(shorter - {"of", "on", "for", "and", "in"}) and (a <= b or b <= a)


def find_document(name: str, documents: Sequence[Draft], labels: dict[str, str]) -> Draft | None:
    wanted = normalise_document(name)
    matches = [d for d in documents if any(_names_match(wanted, a) for a in document_aliases(d, labels.get(d.id, "")))]
    return matches[0] if len(matches) == 1 else None


def _find_provision(document: Draft, provision_id: str) -> str | None:
    if provision_id in document:
        return provision_id
    # the structurer may have scoped a number under a heading (obj.7.para.3); accept one unique match
    suffix = "." + provision_id
    found = [p.id for p in document.provisions if p.id.endswith(suffix)
             and not p.id.startswith(("annex.", "appendix."))]
    return found[0] if len(found) == 1 else None


def resolve(citation: Citation, citing: Draft, documents: Sequence[Draft],
            labels: dict[str, str] | None = None) -> list[Target]:
    """Targets of a citation made in ``citing``: loaded provisions where possible, else unresolved nodes.

    A provision reference with no document means the citing document itself; a recommendation with no
    document means the one loaded document that has that recommendation.
    """
    labels = labels or {}
    if citation.document is not None:
        document = find_document(citation.document, documents, labels)
    elif citation.kind == "recommendation":
        holders = [d for d in documents if all(_find_provision(d, t) for t in citation.targets)]
        document = holders[0] if len(holders) == 1 else None
    else:
        document = citing
    if not citation.targets:
        if document is not None:
            return [Target(f"cite:{citation.document}", True, document.id, None)]
        return [Target(f"cite:{citation.document}", False, None, None)]
    targets = []
    for target in citation.targets:
        found = _find_provision(document, target) if document is not None else None
        if document is not None and found is not None:
            targets.append(Target(f"{document.id}:{found}", True, document.id, found))
        else:
            where = citation.document or (document.id if document is not None else "unnamed")
            targets.append(Target(f"cite:{where}#{target}", False, None, None))
    return targets
