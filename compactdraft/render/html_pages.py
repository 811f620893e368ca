"""What every HTML page shares: the Jinja2 templates and the one stylesheet (compactdraft/templates/html/),
the page's language and direction, and provisions named by their printed labels ("17 (a)", "PP 5").

Pages are self-contained: the stylesheet and the navigation script are inlined, so that a page written on
its own (``compactdraft redline a b -o x.html``) reads the same offline as inside a build.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from ..model import Draft, Kind

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "html"


@cache
def environment() -> Any:
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                              undefined=jinja2.StrictUndefined)


@cache
def asset(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8").strip()


def page(template: str, **context: Any) -> str:
    """A whole page from ``template`` (which extends base.html), the stylesheet inlined."""
    from markupsafe import Markup

    context.setdefault("crumbs", ())
    context.setdefault("subtitle", "")
    context.setdefault("heading", "")
    context.setdefault("lang", "en")
    context.setdefault("dir", "ltr")
    context["stylesheet"] = Markup(asset("style.css"))
    context["script"] = Markup(asset("nav.js"))
    return str(environment().get_template(template).render(**context))


# --- language and direction -----------------------------------------------------------------------

_RTL_SCRIPTS = {"ARABIC": "ar", "HEBREW": "he", "SYRIAC": "syr", "THAANA": "dv"}
_SCRIPT_LANGS = {"CJK": "zh", "CYRILLIC": "ru", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko"}
# the other UN languages written in Latin script, told apart by their commonest words
_LATIN_WORDS = {"en": {"the", "and", "of", "to", "that"}, "fr": {"les", "des", "et", "la", "du"},
                "es": {"los", "las", "y", "del", "que"}}
_WORD = re.compile(r"[^\W\d_]+")


def _script(ch: str) -> str:
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return ""


def language(texts: Iterable[str]) -> tuple[str, str]:
    """(BCP 47 language, direction) of a document's text: its majority script decides, the commonest
    words tell English, French and Spanish apart. Only letters count, so numbers and symbols do not."""
    scripts: dict[str, int] = {}
    words: dict[str, int] = {}
    sample = 0
    for text in texts:
        for ch in text:
            if ch.isalpha():
                name = _script(ch)
                scripts[name] = scripts.get(name, 0) + 1
        for word in _WORD.findall(text.lower()):
            for lang, common in _LATIN_WORDS.items():
                if word in common:
                    words[lang] = words.get(lang, 0) + 1
        sample += len(text)
        if sample > 20000:
            break
    if not scripts:
        return "en", "ltr"
    top = max(sorted(scripts), key=lambda s: scripts[s])
    if top in _RTL_SCRIPTS:
        return _RTL_SCRIPTS[top], "rtl"
    if top in _SCRIPT_LANGS:
        return _SCRIPT_LANGS[top], "ltr"
    if words:
        return max(sorted(words), key=lambda lang: words[lang]), "ltr"
    return "en", "ltr"


def draft_language(draft: Draft) -> tuple[str, str]:
    return language([draft.title] + [p.text for p in draft.provisions])


# --- printed labels -------------------------------------------------------------------------------

def _bare(label: str) -> str:
    """``17.`` -> ``17``, ``(a)`` -> ``a``, ``1 -`` -> ``1``, ``Objective 7:`` kept as ``Objective 7``."""
    return label.strip().strip(".:)-–(").strip()


def printed_label(draft: Draft, provision_id: str) -> str:
    """How a reader points at a provision: ``17 (a) (ii)``, ``PP 5``, ``Objective 7``, ``8 chapeau``."""
    if provision_id not in draft:
        return provision_id
    provision = draft.get(provision_id)
    if provision.kind is Kind.HEADING:
        return _bare(provision.label) or _short(provision.text)
    if provision.kind is Kind.PREAMBULAR:
        number = _bare(provision.label) or provision_id.rsplit(".", 1)[-1]
        return f"PP {number}"
    chain = [p for p in reversed(draft.ancestors(provision_id)) if p.kind is not Kind.HEADING] + [provision]
    labelled = [p for p in chain if p.label]
    if not labelled:
        heading = draft.heading_of(provision_id)
        where = printed_label(draft, heading.id) if heading is not None else ""
        return f"{where} text".strip() if where else "text"
    parts = [_bare(labelled[0].label)] + [f"({_bare(p.label)})" for p in labelled[1:]]
    name = " ".join(parts)
    if not provision.label:
        name += " chapeau" if provision.kind is Kind.CHAPEAU else " text"
    return name


def _short(text: str, words: int = 6) -> str:
    split = text.split()
    return " ".join(split[:words]) + ("\u2026" if len(split) > words else "")


def provision_anchor(provision_id: str, side: str = "new") -> str:
    """The fragment of a provision on every page: ``p-para.17.a`` (newer draft), ``old-para.17.a``."""
    safe = "".join(ch if ch.isalnum() or ch in "._~-" else "_" for ch in provision_id)
    return {"new": "p-", "old": "old-"}.get(side, "") + safe
