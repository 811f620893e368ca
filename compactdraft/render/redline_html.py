"""The redline as one self-contained HTML page (templates/html/redline.html, the shared stylesheet).

Change summary, legend and contents at the top, then every provision in reading order, each named by
its printed label ("17 (a)", "PP 5") and reachable at ``#p-<id>`` (``#old-<id>`` for text only the older
draft has) so that other pages link straight to it. Insertions green, deletions red struck through,
moves amber with a link between where a provision stood and where it went ("moved from 12 (b)"). A
small script steps from change to change (n/j, p/k, buttons) and filters by kind and section.
``lang``/``dir`` come from the newer draft's text; ``side_by_side=True`` puts OLD (with its deletions)
and NEW (with its insertions) in two headed columns that follow the document's direction.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..diff import DELETE, EQUAL, INSERT, Op
from ..model import Draft
from ..redline import Entry, EntryKind, Redline
from ..redline.stats import Counts, redline_stats
from . import register
from .html_pages import draft_language, page, printed_label, provision_anchor

SUMMARY_FIELDS = (("modified", "modified"), ("added", "added"), ("deleted", "deleted"), ("moved", "moved"),
                  ("split", "split"), ("merged", "merged"), ("renumbered", "renumbered"),
                  ("words_inserted", "words inserted"), ("words_deleted", "words deleted"),
                  ("brackets_opened", "brackets opened"), ("brackets_closed", "brackets closed"))
KINDS = tuple((kind.value, kind.value.replace("_", " ")) for kind in EntryKind)


def entry_anchor(entry: Entry) -> str:
    return provision_anchor(entry.new[0]) if entry.new and entry.kind is not EntryKind.MOVED_FROM else \
        provision_anchor(entry.old[0], "old")


def _names(draft: Draft, ids: Sequence[str]) -> str:
    return ", ".join(printed_label(draft, i) for i in ids)


def _label(entry: Entry, redline: Redline) -> tuple[str, str]:
    """(label, what it was): ``("19", "17")`` when renumbered, ``("17", "")`` otherwise."""
    new = _names(redline.new, entry.new) if entry.new else ""
    old = _names(redline.old, entry.old) if entry.old else ""
    if entry.kind is EntryKind.MOVED_FROM or not new:
        return old, ""
    return new, (old if old and old != new else "")


def _move_target(entry: Entry, redline: Redline) -> Entry | None:
    """The other half of a move: where it went (moved_from) or where it stood (moved_to)."""
    wanted = {EntryKind.MOVED_FROM: EntryKind.MOVED_TO, EntryKind.MOVED_TO: EntryKind.MOVED_FROM}.get(entry.kind)
    if wanted is None:
        return None
    side = set(entry.counterpart)
    for other in redline.entries:
        if other.kind is wanted and side & set(other.new if wanted is EntryKind.MOVED_TO else other.old):
            return other
    return None


def _note(entry: Entry, redline: Redline) -> tuple[str, str]:
    """(note, link): the kind and its secondary events; a move says which paragraph it came from or went to."""
    if entry.kind is EntryKind.UNCHANGED:
        return "", ""
    extra = [e for e in entry.events if e not in (entry.kind.value, "moved")]
    text = entry.kind.value.replace("_", " ")
    if entry.kind is EntryKind.MOVED_FROM and entry.counterpart:
        text = f"moved to {_names(redline.new, entry.counterpart)}"
    elif entry.kind is EntryKind.MOVED_TO and entry.counterpart:
        text = f"moved from {_names(redline.old, entry.counterpart)}"
    text += f" ({', '.join(extra)})" if extra else ""
    other = _move_target(entry, redline)
    return text, ("#" + entry_anchor(other)) if other is not None else ""


def _pieces(ops: Sequence[Op], sides: Sequence[str]) -> list[tuple[str, str]]:
    return [(o.op, o.text) for o in ops if o.op in sides]


def _entry(entry: Entry, redline: Redline, traces: Mapping[str, str]) -> dict[str, Any]:
    label, was = _label(entry, redline)
    note, href = _note(entry, redline)
    anchor = entry_anchor(entry)
    others = [provision_anchor(i) for i in entry.new] + [provision_anchor(i, "old") for i in entry.old]
    if entry.kind is EntryKind.MOVED_FROM:  # its new ids are anchored where the text went
        others = [provision_anchor(i, "old") for i in entry.old]
    elif entry.kind is EntryKind.MOVED_TO:  # and its old ids where the text stood
        others = [provision_anchor(i) for i in entry.new]
    return {
        "anchor": anchor, "extra_anchors": [a for a in dict.fromkeys(others) if a != anchor],
        "kind": entry.kind.value, "changed": entry.changed, "label": label, "was": was,
        "note": note, "note_href": href, "moved_from": entry.kind is EntryKind.MOVED_FROM,
        "text": entry.old_text, "ops": _pieces(entry.ops, (EQUAL, INSERT, DELETE)),
        "old_ops": _pieces(entry.ops, (EQUAL, DELETE)) if entry.in_old or entry.kind is EntryKind.MOVED_TO else [],
        "new_ops": _pieces(entry.ops, (EQUAL, INSERT)),
        "trace": next((traces[i] for i in entry.new if i in traces), "") if entry.kind is not EntryKind.MOVED_FROM
        else "",
    }


def _unique(entry: dict[str, Any], seen: set[str]) -> dict[str, Any]:
    """Each anchor once on the page (a provision counted in two entries keeps the first)."""
    entry["extra_anchors"] = [a for a in entry["extra_anchors"] if a not in seen]
    seen.update(entry["extra_anchors"])
    seen.add(entry["anchor"])
    return entry


def _sections(redline: Redline) -> list[tuple[str | None, list[Entry]]]:
    groups: list[tuple[str | None, list[Entry]]] = []
    for entry in redline.entries:
        if not groups or groups[-1][0] != entry.section:
            groups.append((entry.section, []))
        groups[-1][1].append(entry)
    return groups


def _section_title(redline: Redline, section: str | None) -> str:
    if section is None:
        return "Before the first heading"
    draft = redline.new if section in redline.new else redline.old
    return draft.get(section).display


def _section_key(section: str | None, number: int) -> str:
    return f"s-{section}" if section else f"s-none-{number}"


def _summary(redline: Redline) -> dict[str, Any]:
    stats = redline_stats(redline)

    def row(title: str, counts: Counts, href: str) -> dict[str, Any]:
        return {"title": title, "href": href, "cells": [getattr(counts, field) for field, _ in SUMMARY_FIELDS]}

    rows = [row("Total", stats.total, "")]
    rows += [row(s.title, s.counts, "#" + provision_anchor(f"s-{s.id}", "section") if s.id else "")
             for s in stats.sections if s.counts != Counts(unchanged=s.counts.unchanged)]
    return {"fields": [name for _, name in SUMMARY_FIELDS], "rows": rows}


def _party(draft: Draft, names: dict[str, str] | None) -> dict[str, Any]:
    return {"name": (names or {}).get(draft.id) or draft.title or draft.id, "date": draft.date or ""}


def redline_context(redline: Redline, side_by_side: bool = False, names: dict[str, str] | None = None,
                    traces: Mapping[str, str] | None = None) -> dict[str, Any]:
    old, new = redline.old, redline.new
    sections = []
    seen: set[str] = set()
    for number, (section, entries) in enumerate(_sections(redline)):
        key = _section_key(section, number)
        sections.append({"key": key, "anchor": provision_anchor(key, "section"),
                         "title": _section_title(redline, section),
                         "changes": sum(e.changed for e in entries),
                         "entries": [_unique(_entry(e, redline, traces or {}), seen) for e in entries]})
    lang, direction = draft_language(new if len(new) else old)
    party_old, party_new = _party(old, names), _party(new, names)
    return {"title": f"Redline: {party_old['name']} → {party_new['name']}", "old": party_old, "new": party_new,
            "lang": lang, "dir": direction, "sections": sections, "summary": _summary(redline),
            "kinds": KINDS, "side_by_side": side_by_side,
            "subtitle": f"{old.title} → {new.title}" if old.title or new.title else ""}


@register("redline", "html", (".html", ".htm"))
def render_html(redline: Redline, side_by_side: bool = False, names: dict[str, str] | None = None,
                crumbs: Sequence[tuple[str, str]] = (), traces: Mapping[str, str] | None = None, **_: object) -> str:
    """``traces`` (newer draft's provision id -> page) links each provision's label to its trace."""
    return page("redline.html", crumbs=tuple(crumbs), **redline_context(redline, side_by_side, names, traces))
