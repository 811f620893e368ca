"""Structure profiles: what counts as a heading and how it is named.

Kept as data in compactdraft/templates/profiles/ (shipped inside the package).

A profile is a TOML file; see compactdraft/templates/profiles/un-compact.toml for the annotated format. The
default is detected from the text (:func:`detect_profile`) and can be forced with ``--profile``.
"""
from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import UsageError


def templates_dir() -> Path:
    """The templates folder: $COMPACTDRAFT_TEMPLATES, else the one inside the package."""
    override = os.environ.get("COMPACTDRAFT_TEMPLATES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class HeadingRule:
    pattern: re.Pattern[str]
    id: str
    rank: int
    role: str = ""


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    headings: tuple[HeadingRule, ...]
    ignore: tuple[re.Pattern[str], ...]
    preamble_until_first_heading: bool
    max_heading_words: int


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise UsageError(f"bad pattern {pattern!r} ({exc})", where) from None


def load_profile_file(path: Path) -> Profile:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read structure profile ({exc})", path) from None
    where = str(path)
    return Profile(
        name=str(data.get("name", path.stem)),
        description=str(data.get("description", "")),
        headings=tuple(HeadingRule(_compile(h["pattern"], where), str(h["id"]), int(h.get("rank", 1)),
                                   str(h.get("role", ""))) for h in data.get("heading", [])),
        ignore=tuple(_compile(p, where) for p in data.get("ignore", [])),
        preamble_until_first_heading=bool(data.get("preamble_until_first_heading", False)),
        max_heading_words=int(data.get("max_heading_words", 20)),
    )


def available_profiles() -> list[str]:
    folder = templates_dir() / "profiles"
    return sorted(p.stem for p in folder.glob("*.toml")) if folder.is_dir() else []


@cache
def load_profile(name_or_path: str) -> Profile:
    """A profile by name (``un-compact``) or by path to a .toml file."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" and candidate.exists():
        return load_profile_file(candidate)
    path = templates_dir() / "profiles" / f"{name_or_path}.toml"
    if not path.exists():
        choices = ", ".join(available_profiles()) or "none found"
        raise UsageError(f"unknown structure profile {name_or_path!r} (available: {choices})")
    return load_profile_file(path)


# Words and headings that only UN outcome documents use, in the six UN languages; one is enough to
# pick that profile. Preambular openers are matched without case: Russian prints them lower-case.
_UN_MARKERS = re.compile(
    r"^(?:(?i:objective|objectif|objetivo|цель)\s+\d+\b|(?i:preamble|préambule|preámbulo|преамбула)$"
    r"|(?:ANNEX|Annex|ANNEXE|Annexe|ANEXO|Anexo|ПРИЛОЖЕНИЕ|Приложение)\s+[IVX]+\b|(?i:recommendation)\s+\d+\b"
    r"|الديباجة$|序言$|المرفق\s+(?:ال)?(?:أول|ثاني|ثالث)|附件[一二三])"
    r"|^(?:\d+\.\s+)?(?:We (?:commit|recognize|reaffirm|recall|acknowledge|decide)|Recalling|Reaffirming"
    r"|Recognizing|Noting|Welcoming|Emphasizing)\b"
    r"|^(?i:Rappelant|Réaffirmant|Reconnaissant|Prenant note|Se félicitant|Soulignant"
    r"|Recordando|Reafirmando|Reconociendo|Observando|Acogiendo con beneplácito|Destacando"
    r"|ссылаясь|вновь подтверждая|признавая|отмечая|приветствуя|подчеркивая)\b"
    r"|^و?إذ (?:يشير|يؤكد|يعيد|يرحب|يلاحظ|يسلم|يشدد)|^(?:回顾|重申|确认|注意到|欢迎|强调|又回顾)")


def detect_profile(lines: Iterable[str]) -> str:
    """``un-compact`` when the text looks like a UN outcome document, else ``generic``."""
    for count, line in enumerate(lines):
        if _UN_MARKERS.search(line.strip()):
            return "un-compact"
        if count > 2000:
            break
    return "generic"
