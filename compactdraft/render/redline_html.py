"""The redline as one self-contained HTML page (no external resources, no scripts).

Change summary at the top, a table of contents by section, then every provision in reading order:
insertions blue underlined, deletions red struck through (the legal convention), moves green with a
link between where a provision stood and where it went, renumbering shown ``17. → 19.``. Text
elements carry ``dir="auto"`` so Arabic reads right to left. ``side_by_side=True`` puts OLD (with its
deletions) and NEW (with its insertions) in two columns. A print style sheet keeps colours and
avoids breaking a provision across pages.
"""
from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..diff import DELETE, EQUAL, INSERT, Op
from ..redline import Entry, EntryKind, Redline
from ..redline.stats import Counts, redline_stats
from . import register
from .redline_text import PILCROW, describe, labels

CSS = """
body{font:15px/1.5 Georgia,'Times New Roman',serif;max-width:60em;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}
table.summary{border-collapse:collapse;margin:1em 0}
table.summary td,table.summary th{border:1px solid #ccc;padding:.2em .6em;text-align:right}
table.summary th{text-align:left}
nav ol{columns:2;font-size:.9em}
.entry{display:flex;gap:1em;padding:.3em .4em;margin:.2em 0;border-left:3px solid transparent}
.entry .label{flex:0 0 9em;font-weight:bold;overflow-wrap:anywhere}
.entry .body{flex:1}
.entry .note{display:block;font:italic .8em sans-serif;color:#555}
.entry.unchanged{color:#444}
ins{color:#1a4fd6;text-decoration:underline}
del{color:#c62828;text-decoration:line-through}
.moved_from,.moved_to{border-left-color:#2e7d32}
.moved_from .body .away{color:#2e7d32;text-decoration:line-through double}
.moved_to .label,.moved_to .note,.moved_from .note{color:#2e7d32}
.renum{color:#1a4fd6}
.sbs{display:grid;grid-template-columns:9em 1fr 1fr;gap:0 1em}
.sbs .side{min-width:0}
@media print{body{max-width:none;margin:0;font-size:11pt}nav{display:none}
.entry,.sbs{break-inside:avoid}ins,del,.moved_from .away{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""

SUMMARY_FIELDS = (("modified", "modified"), ("added", "added"), ("deleted", "deleted"), ("moved", "moved"),
                  ("split", "split"), ("merged", "merged"), ("renumbered", "renumbered"),
                  ("words_inserted", "words inserted"), ("words_deleted", "words deleted"),
                  ("brackets_opened", "brackets opened"), ("brackets_closed", "brackets closed"))


def _anchor(entry_id: str) -> str:
    return "e-" + "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in entry_id)


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _op_html(o: Op, sides: Sequence[str] = (EQUAL, INSERT, DELETE)) -> str:
    if o.op not in sides:
        return ""
    if o.op == EQUAL:
        return _text(o.text)
    tag = "ins" if o.op == INSERT else "del"
    shown = escape(o.text).replace("\n", f"{PILCROW}<br>")
    return f"<{tag}>{shown}</{tag}>"


def _ops_html(ops: Sequence[Op], sides: Sequence[str] = (EQUAL, INSERT, DELETE)) -> str:
    return "".join(_op_html(o, sides) for o in ops)


def _label_html(entry: Entry) -> str:
    text = labels(entry)
    if "→" in text:
        old, new = text.split(" → ", 1)
        return f'{escape(old)} <span class="renum">→ {escape(new)}</span>'
    return escape(text)


def _note(entry: Entry, redline: Redline) -> str:
    if entry.kind is EntryKind.UNCHANGED:
        return ""
    text = escape(describe(entry, redline))
    target = _move_target(entry, redline)
    if target is not None:
        text = f'<a href="#{_anchor(target)}">{text}</a>'
    return f'<span class="note">{text}</span>'


def _move_target(entry: Entry, redline: Redline) -> str | None:
    """Id of the other half of a move: where it went (moved_from) or where it stood (moved_to)."""
    if entry.kind is EntryKind.MOVED_FROM:
        wanted = EntryKind.MOVED_TO
    elif entry.kind is EntryKind.MOVED_TO:
        wanted = EntryKind.MOVED_FROM
    else:
        return None
    side = set(entry.counterpart)
    for other in redline.entries:
        if other.kind is wanted and side & set(other.new if wanted is EntryKind.MOVED_TO else other.old):
            return other.id
    return None


def _entry_html(entry: Entry, redline: Redline, side_by_side: bool) -> str:
    css = entry.kind.value
    head = f'<div class="label">{_label_html(entry)}</div>'
    if entry.kind is EntryKind.MOVED_FROM:
        body = f'<span class="away">{_text(entry.old_text)}</span>'
        old_side, new_side = body, ""
    else:
        body = _ops_html(entry.ops)
        old_side, new_side = _ops_html(entry.ops, (EQUAL, DELETE)), _ops_html(entry.ops, (EQUAL, INSERT))
    note = _note(entry, redline)
    if side_by_side:
        return (f'<div class="sbs entry {css}" id="{_anchor(entry.id)}">{head}'
                f'<div class="side" dir="auto">{old_side if entry.in_old or entry.kind is EntryKind.MOVED_TO else ""}'
                f'</div><div class="side" dir="auto">{new_side}{note}</div></div>')
    return (f'<div class="entry {css}" id="{_anchor(entry.id)}">{head}'
            f'<div class="body" dir="auto">{body}{note}</div></div>')


def _summary_table(redline: Redline) -> str:
    stats = redline_stats(redline)
    head = "".join(f"<th>{escape(name)}</th>" for _, name in SUMMARY_FIELDS)

    def row(title: str, counts: Counts, anchor: str | None) -> str:
        name = f'<a href="#{anchor}">{escape(title)}</a>' if anchor else escape(title)
        cells = "".join(f"<td>{getattr(counts, field)}</td>" for field, _ in SUMMARY_FIELDS)
        return f'<tr><th dir="auto">{name}</th>{cells}</tr>'

    rows = [row("Total", stats.total, None)]
    rows += [row(s.title, s.counts, _anchor(f"s-{s.id}") if s.id else None)
             for s in stats.sections if s.counts != Counts(unchanged=s.counts.unchanged)]
    return f'<table class="summary"><tr><th></th>{head}</tr>{"".join(rows)}</table>'


def _sections(redline: Redline) -> list[tuple[str | None, list[Entry]]]:
    groups: list[tuple[str | None, list[Entry]]] = []
    for entry in redline.entries:
        if not groups or groups[-1][0] != entry.section:
            groups.append((entry.section, []))
        groups[-1][1].append(entry)
    return groups


def _section_title(redline: Redline, section: str | None) -> str:
    if section is None:
        return "(before the first heading)"
    draft = redline.new if section in redline.new else redline.old
    return draft.get(section).display


@register("redline", "html", (".html", ".htm"))
def render_html(redline: Redline, side_by_side: bool = False, **_: object) -> str:
    old, new = redline.old, redline.new
    title = f"Redline: {old.id} → {new.id}"
    groups = _sections(redline)
    toc, body = [], []
    for number, (section, entries) in enumerate(groups):
        anchor = _anchor(f"s-{section}") if section else f"s-none-{number}"
        changes = sum(e.changed for e in entries)
        name = escape(_section_title(redline, section))
        toc.append(f'<li><a href="#{anchor}" dir="auto">{name}</a> ({changes} changed)</li>')
        body.append(f'<h2 id="{anchor}" dir="auto">{name}</h2>')
        body.extend(_entry_html(e, redline, side_by_side) for e in entries)
    dates = f"{escape(old.date or '')} → {escape(new.date or '')}" if old.date or new.date else ""
    legend = ('<p>Legend: <ins>inserted</ins> · <del>deleted</del> · '
              '<span style="color:#2e7d32">moved</span> · renumbered <span class="renum">17. → 19.</span></p>')
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head>\n'
        f'<body><h1 dir="auto">{escape(title)}</h1>'
        f'<p dir="auto">{escape(old.title)} → {escape(new.title)} {dates}</p>{legend}\n'
        f"{_summary_table(redline)}\n"
        f'<nav><h2>Contents</h2><ol>{"".join(toc)}</ol></nav>\n'
        + "\n".join(body)
        + "\n</body></html>\n"
    )
