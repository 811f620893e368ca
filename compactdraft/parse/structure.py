"""From paragraphs as printed to provisions with ids: the one place that gives ids their meaning.

Every reader (docx, text, html, pdf, Akoma Ntoso) turns its format into a list of :class:`Block`
(the paragraph as a reader sees it: an optional label from automatic numbering, the text, a style
hint) and calls :func:`build_draft`. The rules:

- headings come from the profile's patterns (``Objective 7: ...`` -> ``obj.7``) or, unnumbered,
  from a heading style or a short unpunctuated line (``heading.N``); a scope heading (annex) prefixes
  every id inside it (``annex.II.para.8.b``);
- ``17.`` opens ``para.17``; ``(a)`` under it is ``para.17.a``; ``(iii)`` under that ``para.17.a.iii``;
  dotted numbers ``3.2`` give ``para.3.2``;
- unnumbered text takes its parent's id and its position: ``para.17.text.1``, ``obj.2.text.1``;
  in a preamble, ``preamble.N``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..errors import InputError
from ..model import Draft, Footnote, Kind, Provision, clean_text
from .profiles import HeadingRule, Profile, detect_profile, load_profile


@dataclass(frozen=True)
class Block:
    """One paragraph as a reader found it.

    text:   the paragraph text; includes a typed label when the numbering is manual
    label:  the label produced by automatic numbering, exactly as printed (``17.``, ``(a)``), if any
    style:  ``heading`` / ``title`` when the source marks it so (Word heading styles, <h1>, AKN);
            ``preamble`` for a paragraph the source places in its preamble (AKN <preamble>)
    level:  outline level from the source's numbering (0-based), a hint only
    footnotes: footnotes referenced from this paragraph
    ref:    reader-specific locator for renderers that go back to the source (``p:41``)
    """

    text: str
    label: str | None = None
    style: str | None = None
    level: int | None = None
    footnotes: tuple[Footnote, ...] = ()
    ref: str | None = None


OBJECT = "\ufffc"  # a picture or equation in a reader's text (one character per object)
_OBJECT_TOKEN = re.compile("\ufffc[\ufe00-\ufe0f]*")  # with the content key a reader may add (wordobjects.py)


# --- labels ---------------------------------------------------------------------------------------

_ROMAN = re.compile(r"^(?=[ivxlc]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
# Negotiators insert "17 bis" between 17 and 18 rather than renumber; the suffix is part of the number.
_LATIN_SUFFIX = r"(?:\s?(?:bis|ter|quater|quinquies|sexies|septies|octies))"
# Item letters in the order each language letters its lists; an item's id is its letter's position
# written the English way ((ب) is the second item, "b"), so a text has the same ids in every language.
# Arabic letters its lists in abjad order (أ ب ج د ه و ...); alef in any form and heh with or
# without tatweel are the same letter.
_ARABIC_ABJAD = ("أ", "ب", "ج", "د", "ه", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص",
                 "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ")
_ARABIC_VARIANTS = {"ا": "أ", "إ": "أ", "آ": "أ", "ى": "ي", "ة": "ه"}
# Russian letters its lists without ё, й, ъ, ы, ь.
_CYRILLIC = "абвгдежзиклмнопрстуфхцчшщэюя"
# Cyrillic letters that look like Latin ones: Russian texts often type "а)" or "с)" in a Latin list.
_CYRILLIC_LOOKALIKES = {"а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
                        "с": "c", "т": "t", "у": "y", "х": "x"}
_CHINESE_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# An item letter of any script: one or two Latin letters, one Cyrillic letter, one Arabic letter
# (heh may carry a tatweel: "هـ").
# After the last letter, UN lists double it: (z), (aa), (bb); Arabic writes (أ أ), (ب ب).
_ITEM_LETTER = r"(?:[a-z]{1,2}|[а-яё]|[\u0621-\u064a]\u0640?(?:\s?[\u0621-\u064a]\u0640?)?)"
_DIGITS = r"\d{1,4}"  # any script's decimal digits (Arabic-Indic, full-width): the id takes their value
# "17." "17)" and the Arabic "17 -" (a space, then a hyphen or dash)
_DECIMAL_LABEL = re.compile(
    rf"^(?P<num>{_DIGITS}(?:\.{_DIGITS})*)(?P<suffix>{_LATIN_SUFFIX})?(?P<punct>\.|\)|\s?[-\u2010-\u2015])?$")
_PAREN_LABEL = re.compile(
    rf"^[(（](?P<num>{_ITEM_LETTER}|[ivxlc]{{1,7}}|\d{{1,3}})(?P<suffix>{_LATIN_SUFFIX})?[)）]$")
# "a." "a)" and the Arabic "أ -"
_ALPHA_LABEL = re.compile(
    rf"^(?P<num>{_ITEM_LETTER}|[ivxlc]{{1,7}})(?:[\.\)]|(?<=[\u0621-\u0640])\s?[-\u2010-\u2015])$")
# The third level where English prints (i), (ii): Arabic quotes a digit, ’1‘; Chinese uses the
# parenthesised ideographs ㈠ ㈡ (U+3220-3229) or a numeral in brackets, （一）.
_QUOTED_NUMBER_LABEL = re.compile(r"^[’‘'](?P<num>\d{1,3})[’‘']$")
_PARENTHESISED_IDEOGRAPH = re.compile(r"^(?P<num>[\u3220-\u3229])$")
_CHINESE_NUMERAL_LABEL = re.compile(r"^[(（](?P<num>[一二三四五六七八九十]{1,3})[)）]$")
_LEADING_LABEL = re.compile(
    rf"^(?P<label>{_DIGITS}(?:\.{_DIGITS})*{_LATIN_SUFFIX}?\.(?=\s)|{_DIGITS}\)(?=\s)|{_DIGITS}\s?[-\u2010-\u2015](?=\s)"
    rf"|[(（](?:{_ITEM_LETTER}|[ivxlc]{{1,7}}|\d{{1,3}}|[一二三四五六七八九十]{{1,3}}){_LATIN_SUFFIX}?[)）]"
    r"|[’‘']\d{1,3}[’‘'](?=\s)|[\u3220-\u3229]|[\u0621-\u064a]\u0640?\s?[-\u2010-\u2015](?=\s)"
    rf"|{_ITEM_LETTER}[\.\)](?=\s)|[ivxlc]{{1,7}}[\.\)](?=\s))\s*")


def roman_value(numeral: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    numeral = numeral.lower()
    for pos, char in enumerate(numeral):
        value = values[char]
        nxt = values[numeral[pos + 1]] if pos + 1 < len(numeral) else 0
        total += -value if value < nxt else value
    return total


def roman_numeral(value: int) -> str:
    """1 -> "i", 14 -> "xiv": the English label of the n-th item of the third level."""
    result = ""
    for amount, numeral in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                            (4, "iv"), (1, "i")):
        while value >= amount:
            result, value = result + numeral, value - amount
    return result


def is_roman(text: str) -> bool:
    return bool(text) and bool(_ROMAN.match(text.lower()))


def letter_value(letters: str) -> int:
    """a=1 ... z=26, aa=27, bb=28 (UN style doubles the letter after z: (z), (aa), (bb), (cc))."""
    if len(letters) == 1:
        return ord(letters) - 96
    if letters[0] == letters[1]:
        return 26 + ord(letters[0]) - 96
    return 26 * (ord(letters[0]) - 96) + ord(letters[1]) - 96


def letters_for(position: int) -> str:
    """The English item letters of a position: 1 -> "a", 27 -> "aa", 28 -> "bb" (inverse of letter_value)."""
    if position <= 26:
        return chr(96 + position)
    return chr(96 + position - 26) * 2


def _item_letters(letter: str) -> tuple[str, ...]:
    """The English letters an item letter of any script may stand for, likeliest first.

    A Latin letter is itself; an Arabic or Cyrillic letter is its position in its alphabet's list
    order; a Cyrillic letter that looks like a Latin one may also be that Latin letter typed in
    Cyrillic (the builder picks the one that continues the list).
    """
    letter = letter.replace("\u0640", "").replace(" ", "")
    if len(letter) == 2 and not letter.isascii():
        single = _item_letters(letter[0])
        return (single[0] * 2,) if letter[0] == letter[1] and single and len(single[0]) == 1 else ()
    if letter.isascii():
        return (letter,)
    if letter in _CYRILLIC or letter == "ё":
        own = letters_for(_CYRILLIC.index(letter) + 1) if letter in _CYRILLIC else "e"
        lookalike = _CYRILLIC_LOOKALIKES.get(letter)
        return (lookalike, own) if lookalike and lookalike != own else (own,)
    letter = _ARABIC_VARIANTS.get(letter, letter)
    if letter in _ARABIC_ABJAD:
        return (letters_for(_ARABIC_ABJAD.index(letter) + 1),)
    return ()


def _accepts_lower_case(rest: str) -> bool:
    """An unbracketed letter label before lower-case text: "a) élaborer", not "i.e. the" or "e.g. a".

    French and Russian items start lower-case; what must not be split is an abbreviation whose
    first letter would pass for a label (a letter and a stop, then another letter and a stop).
    """
    return not re.match(r"[^\W\d_]\.", rest)


def split_label(text: str) -> tuple[str | None, str]:
    """Split a typed label off a paragraph: ``'17. We commit'`` -> ``('17.', 'We commit')``.

    A paragraph bracketed whole in negotiation, ``'[17. We commit ...]'``, keeps its bracket in the text:
    ``('17.', '[We commit ...]')``.
    """
    if text.startswith("[") and not text.startswith("[["):
        label, rest = split_label(text[1:])
        return (label, "[" + rest) if label is not None else (None, text)
    match = _LEADING_LABEL.match(text)
    if not match:
        return None, text
    rest = text[match.end():]
    if not rest.strip():
        return None, text
    label = match.group("label")
    # "a. Introduction" or "i.e." are rarely labels; require the label to be followed by text that
    # starts a sentence or item (a letter of any case or script, digit, quote, bracket), and no
    # abbreviation, for the unbracketed letter forms.
    if label[0].isalpha() and label[-1] in ".)":
        start = rest.lstrip()
        if not (re.match(r"[\"“«‘(\[\d]", start) or (start[:1].isalpha() and _accepts_lower_case(start))):
            return None, text
        if label[-1] == "." and not label[0].isascii():
            return None, text  # "с. 5" (page) or an Arabic abbreviation, never a list label
    return label, rest.strip()


@dataclass(frozen=True)
class ParsedLabel:
    style: str  # decimal | letter | roman | number (parenthesised digits)
    num: str  # the number as it goes into the id: "17", "3.2", "a", "iii", "17bis"
    base: str = ""  # the number without a bis/ter suffix, for sequencing ("17" for "17bis")
    # other readings of an ambiguous letter (a Cyrillic "с" is "c" typed in Cyrillic, or the 17th letter)
    alternatives: tuple[str, ...] = ()
    definite: bool = False  # a style no context can change (Arabic ’1‘ is a roman-level item)

    def __post_init__(self) -> None:
        if not self.base:
            object.__setattr__(self, "base", self.num)


def _suffix(match: re.Match[str]) -> str:
    return (match.groupdict().get("suffix") or "").strip()


def _decimal_number(digits: str) -> str:
    """"١٧" or "１７" -> "17": an id holds the digits' values, whatever script printed them."""
    return ".".join(str(int(part)) for part in digits.split("."))


def _third_level(label: str) -> ParsedLabel | None:
    """Arabic ’1‘, Chinese ㈠ or （一）: the level English prints (i), with the English id."""
    if m := _QUOTED_NUMBER_LABEL.match(label):
        value = int(m.group("num"))
    elif m := _PARENTHESISED_IDEOGRAPH.match(label):
        value = ord(m.group("num")) - 0x3220 + 1
    elif m := _CHINESE_NUMERAL_LABEL.match(label):
        value = _chinese_numeral_value(m.group("num"))
    else:
        return None
    if value < 1:
        return None
    return ParsedLabel("roman", roman_numeral(value), definite=True)


def _chinese_numeral_value(numeral: str) -> int:
    """一 1, 十 10, 十二 12, 二十 20, 二十三 23 (list numbers never go further)."""
    if "十" not in numeral:
        return _CHINESE_NUMERALS[numeral] if len(numeral) == 1 else 0
    tens, _, units = numeral.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return 0
    return (_CHINESE_NUMERALS[tens] if tens else 1) * 10 + (_CHINESE_NUMERALS[units] if units else 0)


def parse_label(label: str) -> ParsedLabel | None:
    label = label.strip()
    if m := _DECIMAL_LABEL.match(label):
        number = _decimal_number(m.group("num"))
        return ParsedLabel("decimal", number + _suffix(m), number)
    if third := _third_level(label):
        return third
    m = _PAREN_LABEL.match(label) or _ALPHA_LABEL.match(label.lower() if label[:1].islower() else label)
    if m:
        base = m.group("num")
        if base.isdigit():
            number = str(int(base))
            return ParsedLabel("number", number + _suffix(m), number)
        readings = _item_letters(base)
        if not readings:
            return None
        if not base.isascii():  # a letter of another script: always a letter, never a roman numeral
            return ParsedLabel("letter", readings[0] + _suffix(m), readings[0], readings[1:])
        num = base + _suffix(m)
        if _suffix(m):  # "(a bis)" follows (a): a letter, whatever it looks like
            return ParsedLabel("letter", num, base)
        return ParsedLabel("roman" if is_roman(base) else "letter", num, base)
    return None


# Heading numbers other languages spell out, as English prints them: Arabic writes section "I." as
# the ordinal "أولا -", section "A." as the letter's name "ألف -", annex I as "المرفق الأول";
# Chinese writes "附件一", "第一部分"; Russian may type the Cyrillic "А" for annex A.
_ARABIC_ORDINALS = ("أول", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع", "عاشر")
_ARABIC_LETTER_NAMES = ("ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء", "كاف", "لام",
                        "ميم", "نون", "سين", "عين", "فاء", "صاد", "قاف", "راء", "شين", "تاء", "ثاء", "خاء",
                        "ذال", "ضاد")
_CYRILLIC_CAPITAL_LOOKALIKES = {"А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M",
                                "О": "O", "Р": "P", "Т": "T", "Х": "X"}


def heading_number(num: str) -> str:
    """A heading's number the English way: "ثانيا" -> "II", "ألف" -> "A", "三" -> "III", "А" -> "A"."""
    word = num.strip().rstrip("ً").removeprefix("ال")  # tanween; "الأول" is "the first"
    word = word.removesuffix("ى").removesuffix("ا").removesuffix("ة")  # أولا/أولى, ثانية ...
    if word in _ARABIC_ORDINALS:
        return roman_numeral(_ARABIC_ORDINALS.index(word) + 1).upper()
    if num.strip() in _ARABIC_LETTER_NAMES:
        return letters_for(_ARABIC_LETTER_NAMES.index(num.strip()) + 1).upper()
    if num and all(char in _CHINESE_NUMERALS for char in num) and (value := _chinese_numeral_value(num)):
        return roman_numeral(value).upper()
    if num.isdigit():
        return str(int(num))
    return _CYRILLIC_CAPITAL_LOOKALIKES.get(num, num)


# --- the builder ------------------------------------------------------------------------------------

@dataclass
class _Open:
    """An open container while walking the document."""

    provision_id: str
    kind: Kind
    level: int
    rank: int = 99  # heading rank; 99 for paragraphs
    role: str = ""
    text_count: int = 0  # unnumbered children so far
    last_letter: str | None = None
    last_roman: str | None = None
    commitment_seen: bool = False
    sublist_last: int | None = None  # last number of a "1., 2., ..." list nested in this paragraph


@dataclass
class _Builder:
    profile: Profile
    source: str | None
    provisions: list[Provision] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    headings: list[_Open] = field(default_factory=list)  # open headings, outermost first
    para: _Open | None = None  # open numbered paragraph (decimal)
    letter: _Open | None = None  # open lettered item
    roman: _Open | None = None  # open roman item
    heading_count: int = 0
    preamble_count: int = 0
    text_count: int = 0
    seen_heading_or_para: bool = False
    warnings: list[str] = field(default_factory=list)
    marked_preamble: bool = False  # the reader marks preamble blocks (AKN <preamble>)
    loose_last_letter: str | None = None  # last letter of a list with no enclosing paragraph or heading

    # -- context helpers

    def scope_prefix(self) -> str:
        for heading in reversed(self.headings):
            if heading.role == "scope":
                return heading.provision_id + "."
        return ""

    def innermost_heading(self) -> _Open | None:
        return self.headings[-1] if self.headings else None

    def in_preamble(self, block: Block | None = None) -> bool:
        if self.marked_preamble and block is not None:  # the reader knows: only its preamble is one
            return block.style == "preamble"
        heading = self.innermost_heading()
        if heading is not None:
            return heading.role == "preamble"
        return self.profile.preamble_until_first_heading and self.para is None and not self.seen_heading_or_para

    def in_objective(self) -> bool:
        heading = self.innermost_heading()
        return heading is not None and heading.role == "objective"

    def unique(self, provision_id: str) -> str:
        if provision_id not in self.used:
            return provision_id
        heading = self.innermost_heading()
        if heading and not provision_id.startswith(heading.provision_id + "."):
            scoped = f"{heading.provision_id}.{provision_id}"
            if scoped not in self.used:
                self.warnings.append(f"number repeated: {provision_id} under {heading.provision_id} is {scoped}")
                return scoped
        n = 2
        while f"{provision_id}~{n}" in self.used:
            n += 1
        self.warnings.append(f"number repeated: second {provision_id} is {provision_id}~{n}")
        return f"{provision_id}~{n}"

    def add(self, provision: Provision) -> Provision:
        self.used.add(provision.id)
        self.provisions.append(provision)
        return provision

    # -- headings

    def open_heading(self, rule: HeadingRule | None, match: re.Match[str] | None, label: str, title: str,
                     block: Block) -> None:
        rank = rule.rank if rule else 1
        role = rule.role if rule else ""
        # a preamble holds only its paragraphs: any heading after it (an objective too) closes it
        while self.headings and (self.headings[-1].rank >= rank or self.headings[-1].role == "preamble"):
            self.headings.pop()
        self.para = self.letter = self.roman = None
        parent = self.headings[-1] if self.headings else None
        if rule and match:
            groups = {k: (v or "") for k, v in match.groupdict().items()}
            num = heading_number(groups.get("num", ""))
            num = num.upper() if is_roman(num) or (len(num) == 1 and num.isalpha()) else num
            kw = groups.get("kw", "").lower()
            template = rule.id.replace("{parent}", parent.provision_id if parent else "sec")
            base = template.format(num=num, kw=kw)
            prefix = "" if role == "scope" or rule.id.startswith("{parent}") else self.scope_prefix()
            provision_id = self.unique(prefix + base)
            numbered = bool(num) or "{num}" not in rule.id
        else:
            self.heading_count += 1
            where = parent.provision_id + "." if parent else self.scope_prefix()
            provision_id = self.unique(f"{where}heading.{self.heading_count}")
            numbered = False
        level = parent.level + 1 if parent else 0
        self.add(Provision(provision_id, label, Kind.HEADING, title, parent.provision_id if parent else None,
                           level, numbered, block.footnotes, block.ref))
        self.headings.append(_Open(provision_id, Kind.HEADING, level, rank, role))
        self.seen_heading_or_para = True

    def open_item(self, rule: HeadingRule, match: re.Match[str], label: str, text: str, block: Block) -> None:
        """A labelled provision such as 'Recommendation 5: ...' (role item)."""
        num = match.group("num")
        parent = self.innermost_heading()
        while self.headings and self.headings[-1].rank >= rule.rank:
            self.headings.pop()
            parent = self.innermost_heading()
        provision_id = self.unique(self.scope_prefix() + rule.id.format(num=num, kw=""))
        level = parent.level + 1 if parent else 0
        self.add(Provision(provision_id, label, Kind.OPERATIVE, text, parent.provision_id if parent else None,
                           level, True, block.footnotes, block.ref))
        self.para = _Open(provision_id, Kind.OPERATIVE, level)
        self.letter = self.roman = None
        self.seen_heading_or_para = True

    # -- numbered paragraphs and items

    def nested_number(self, parsed: ParsedLabel) -> bool:
        """Is '1.' here the start (or '2.' the next item) of a list inside the open paragraph?

        Numbering that restarts at 1 right after a paragraph ending with a colon ("... the following
        objectives:") is a list within that paragraph, not a new paragraph 1.
        """
        para = self.para
        if para is None or not parsed.base.isdigit() or parsed.num != parsed.base:
            return False
        if para.sublist_last is not None:
            return int(parsed.base) == para.sublist_last + 1
        own = para.provision_id.rsplit(".", 1)[-1]
        return (parsed.base == "1" and own.isdigit() and int(own) > 1 and self.letter is None
                and bool(self.provisions) and self.provisions[-1].text.endswith(":"))

    def numbered_paragraph(self, parsed: ParsedLabel, label: str, text: str, block: Block) -> None:
        if self.nested_number(parsed):
            assert self.para is not None
            self.para.sublist_last = int(parsed.base)
            self.sub_item(ParsedLabel("number", parsed.num), label, text, block)
            return
        heading = self.innermost_heading()
        if heading is not None and heading.role == "preamble":
            kind = Kind.PREAMBULAR
        elif heading is not None and heading.role == "objective" and not heading.commitment_seen:
            kind = Kind.COMMITMENT
            heading.commitment_seen = True
        else:
            kind = Kind.OPERATIVE
        provision_id = self.unique(f"{self.scope_prefix()}para.{parsed.num}")
        level = heading.level + 1 if heading else 0
        self.add(Provision(provision_id, label, kind, text, heading.provision_id if heading else None,
                           level, True, block.footnotes, block.ref))
        self.para = _Open(provision_id, kind, level)
        self.letter = self.roman = None
        self.seen_heading_or_para = True

    def continues_list(self, block: Block | None) -> bool:
        """Does ``block`` carry the next letter of the list now open ((h) after (g), or (a) of an open paragraph)?

        A short unpunctuated line between (g) and (h) is a sub-heading inside the paragraph's list,
        not a heading that would close the paragraph (and its objective) before (h).
        """
        container = self.para or self.innermost_heading()
        if block is None or container is None:
            return False
        label = clean_text(block.label) if block.label else split_label(clean_text(block.text))[0]
        parsed = parse_label(label) if label else None
        if parsed is None or not parsed.base.isalpha() or len(parsed.base) > 2:
            return False
        if container.last_letter is None:  # the lead-in of an open paragraph's first item
            return self.para is not None and parsed.base == "a"
        return letter_value(parsed.base) == letter_value(container.last_letter) + 1

    def classify_sub(self, parsed: ParsedLabel) -> str:
        """Decide whether '(i)', '(v)', '(x)' ... is a letter or a roman numeral here."""
        num = parsed.base
        if parsed.definite:
            return parsed.style
        if parsed.style == "letter" or not is_roman(num):
            return "letter"
        if self.roman is not None and self.roman.last_roman and roman_value(num) == roman_value(
                self.roman.last_roman) + 1:
            return "roman"
        container = self.para or self.innermost_heading()
        last_letter = container.last_letter if container else self.loose_last_letter
        if last_letter and len(num) <= 2 and num.isalpha() and letter_value(num) == letter_value(last_letter) + 1:
            return "letter"
        if num == "i" and (self.letter is not None or last_letter is None and container is None):
            return "roman" if self.letter is not None else "letter"
        if self.letter is not None:
            return "roman"
        return "letter" if len(num) <= 2 else "roman"

    def resolve_letter(self, parsed: ParsedLabel) -> ParsedLabel:
        """Of an ambiguous letter's readings, the one that continues the open list (else the likeliest)."""
        container = self.para or self.innermost_heading()
        last = container.last_letter if container else None
        expected = letter_value(last) + 1 if last and last.isalpha() and len(last) <= 2 else 1
        suffix = parsed.num[len(parsed.base):]
        for reading in (parsed.base, *parsed.alternatives):
            if letter_value(reading) == expected:
                return ParsedLabel(parsed.style, reading + suffix, reading)
        return parsed

    def sub_item(self, parsed: ParsedLabel, label: str, text: str, block: Block) -> None:
        if parsed.alternatives:
            parsed = self.resolve_letter(parsed)
        style = self.classify_sub(parsed)
        if style == "roman" and self.letter is not None:
            parent = self.letter
            self.letter.last_roman = parsed.base
            provision_id = self.unique(f"{parent.provision_id}.{parsed.num}")
            kind = Kind.SUBPARAGRAPH
            self.roman = _Open(provision_id, kind, parent.level + 1)
            self.roman.last_roman = parsed.base
        else:
            parent_open = self.para or self.innermost_heading()
            if parent_open is None:
                # a list with no enclosing paragraph: items hang off the document
                provision_id = self.unique(f"{self.scope_prefix()}item.{parsed.num}")
                parent_id, level, kind = None, 0, Kind.SUBPARAGRAPH
                self.loose_last_letter = parsed.base if style == "letter" else self.loose_last_letter
            else:
                provision_id = self.unique(f"{parent_open.provision_id}.{parsed.num}")
                parent_id, level = parent_open.provision_id, parent_open.level + 1
                kind = Kind.ACTION if parent_open.kind is Kind.COMMITMENT else Kind.SUBPARAGRAPH
                parent_open.last_letter = parsed.base if style == "letter" else parent_open.last_letter
            self.add(Provision(provision_id, label, kind, text, parent_id, level, True, block.footnotes, block.ref))
            self.letter = _Open(provision_id, kind, level)
            self.roman = None
            self.seen_heading_or_para = True
            return
        self.add(Provision(provision_id, label, kind, text, parent.provision_id, parent.level + 1, True,
                           block.footnotes, block.ref))

    def unnumbered(self, text: str, block: Block) -> None:
        if self.in_preamble(block):
            heading = self.innermost_heading()
            self.preamble_count += 1
            if heading is not None:
                heading.text_count += 1
                provision_id = self.unique(f"{heading.provision_id}.{heading.text_count}")
                parent_id, level = heading.provision_id, heading.level + 1
            else:
                provision_id = self.unique(f"preamble.{self.preamble_count}")
                parent_id, level = None, 0
            self.add(Provision(provision_id, "", Kind.PREAMBULAR, text, parent_id, level, False,
                               block.footnotes, block.ref))
            return
        container = self.para or self.innermost_heading()
        if container is None:
            self.text_count += 1
            provision_id = self.unique(f"{self.scope_prefix()}text.{self.text_count}")
            parent_id, level = None, 0
        else:
            container.text_count += 1
            provision_id = self.unique(f"{container.provision_id}.text.{container.text_count}")
            parent_id, level = container.provision_id, container.level + 1
        # text after a paragraph's items belongs to the paragraph again, not to the last item
        self.letter = self.roman = None
        self.add(Provision(provision_id, "", Kind.TEXT, text, parent_id, level, False, block.footnotes, block.ref))


_CLOSING_PUNCTUATION = ".;:,!?。；：，！？،؛؟۔"  # Latin, CJK, Arabic
_OPENING_MARKS = "\"“‘«„([（【「"


def _is_caseless_letter(char: str) -> bool:
    """A letter of a script without case (Arabic, Hebrew, Chinese, Japanese, Thai, ...)."""
    return char.isalpha() and not char.isupper() and not char.islower()


def _looks_like_heading(text: str, profile: Profile) -> bool:
    """A short line with no closing punctuation, or all capitals: a heading in most documents.

    Scripts without case cannot show a heading by its capital: there a short unpunctuated line
    starting with a letter is one; Chinese and Japanese, written without spaces, count characters
    (about two per English word).
    """
    words = text.split()
    if not words or len(words) > min(profile.max_heading_words, 14):
        return False
    first = text[0]
    if text[-1] in _CLOSING_PUNCTUATION or first in _OPENING_MARKS:
        return False
    if not (first.isupper() or first.isdigit() or _is_caseless_letter(first)):
        return False
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    if _is_caseless_letter(first) and len(words) <= 2 and len(text) > 2 * min(profile.max_heading_words, 14):
        return False  # a long run of ideographs is a sentence, not a heading
    return text.isupper() or len(words) <= 10


def _match_heading(profile: Profile, full: str) -> tuple[HeadingRule, re.Match[str]] | None:
    for rule in profile.headings:
        match = rule.pattern.match(full)
        if match:
            return rule, match
    return None


def _split_heading_label(full: str, match: re.Match[str]) -> tuple[str, str]:
    title = (match.groupdict().get("title") or "").strip()
    if title and full.endswith(title):
        return full[: len(full) - len(title)].strip(), title
    return full.strip(), ""


def _mark_chapeaus(provisions: list[Provision]) -> list[Provision]:
    """An unnumbered lead-in ending with ':' followed by its parent's first item is a chapeau."""
    result = list(provisions)
    seen_item_under: set[str | None] = set()
    for pos, prov in enumerate(result):
        if prov.kind in (Kind.ACTION, Kind.SUBPARAGRAPH):
            seen_item_under.add(prov.parent)
        elif (prov.kind is Kind.TEXT and prov.text.endswith(":") and pos + 1 < len(result)
              and result[pos + 1].parent == prov.parent and result[pos + 1].kind in (Kind.ACTION, Kind.SUBPARAGRAPH)
              and prov.parent not in seen_item_under):
            result[pos] = Provision(prov.id, prov.label, Kind.CHAPEAU, prov.text, prov.parent, prov.level,
                                    prov.numbered, prov.footnotes, prov.ref)
    return result


def _title_and_body(blocks: list[Block], profile: Profile) -> tuple[str, list[Block]]:
    """The title is the first block when it is marked as a title or is a short heading-like line."""
    if not blocks:
        return "", blocks
    first = blocks[0]
    full = clean_text(f"{first.label} {first.text}" if first.label else first.text)
    if _match_heading(profile, full):
        return "", blocks
    if first.style == "title" or (first.label is None and split_label(full)[0] is None
                                  and (_looks_like_heading(full, profile) or first.style == "heading")):
        return full, blocks[1:]
    return "", blocks


def _next(blocks: Sequence[Block], position: int) -> Block | None:
    return blocks[position + 1] if position + 1 < len(blocks) else None


def build_provisions(blocks: Sequence[Block], profile: Profile, source: str | None = None
                     ) -> tuple[tuple[Provision, ...], list[str]]:
    builder = _Builder(profile, source, marked_preamble=any(b.style == "preamble" for b in blocks))
    for position, block in enumerate(blocks):
        text = clean_text(block.text)
        label = clean_text(block.label) if block.label else None
        full = f"{label} {text}".strip() if label else text
        if not full or any(p.match(full) for p in profile.ignore):
            continue
        heading = _match_heading(profile, full)
        if heading:
            rule, match = heading
            head_label, title = _split_heading_label(full, match)
            if rule.role == "item":
                builder.open_item(rule, match, head_label, title, block)
                continue
            if len(title.split()) <= profile.max_heading_words:
                builder.open_heading(rule, match, head_label, title, block)
                continue
        if label is None:
            label, text = split_label(text)
        parsed = parse_label(label) if label else None
        if parsed is None and label is not None:
            text = full  # an unknown label (bullet, "71/1.") stays part of the text
        if parsed is None:
            if block.style in ("heading", "title") or (block.style is None and _looks_like_heading(text, profile)
                                                       and not builder.continues_list(_next(blocks, position))):
                builder.open_heading(None, None, "", text, block)
            else:
                builder.unnumbered(text, block)
        elif parsed.style == "decimal":
            builder.numbered_paragraph(parsed, label or "", text, block)
        else:
            builder.sub_item(parsed, label or "", text, block)
    return tuple(_mark_chapeaus(builder.provisions)), builder.warnings


def build_draft(blocks: Iterable[Block], *, draft_id: str, source: str | None, fmt: str,
                profile: str | None = None, date: str | None = None, title: str | None = None,
                warnings: Iterable[str] = ()) -> Draft:
    """Structure a reader's blocks into a Draft; the entry point every reader ends with."""
    block_list = [b for b in blocks if clean_text(b.text) or b.label]
    if not block_list:
        raise InputError("the document is empty (no text found)", source)
    profile_name = profile or detect_profile(
        clean_text(f"{b.label} {b.text}" if b.label else b.text) for b in block_list)
    chosen = load_profile(profile_name)
    if chosen.name != "generic":
        # a compact draft's structure is its text: a logo or an equation alone on its line takes
        # no id, is no title and shifts no numbering (objects inside a paragraph stay in its text)
        block_list = [b for b in block_list if clean_text(_OBJECT_TOKEN.sub("", b.text)) or b.label]
        if not block_list:
            raise InputError("the document is empty (no text found)", source)
    found_title, body = _title_and_body(block_list, chosen)
    if title is not None and found_title and found_title != clean_text(title):
        body = block_list  # the reader knows the title from elsewhere: the first block is content
    provisions, notes = build_provisions(body, chosen, source)
    if not provisions and body is not block_list:
        # the title is the only text: it is also the document's one provision, so that a one-line
        # document can be compared with its next version like any other
        provisions, notes = build_provisions(block_list, chosen, source)
    if not provisions:
        raise InputError("the document has no paragraphs", source)
    return Draft(id=draft_id, title=title if title is not None else found_title, provisions=provisions,
                 date=date, source=source, format=fmt, profile=chosen.name,
                 warnings=tuple(warnings) + tuple(notes))
