"""Alignment and history renderers: text for a negotiator, JSON (the documented contract), HTML.

Text lists what changed, one link a line (``para.17 -> para.19  renumbered``); unchanged provisions
are counted, not listed, unless ``all=True``. History text is a table of lineages (ids per draft)
or, with ``trace="final:para.19"``, one provision's path through every round.
"""
from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable
from typing import Any

from ..align import History, Lineage, LineageRound
from ..model import Alignment, Draft, Link, LinkKind, alignment_to_dict
from . import register
from .draft import dumps

HISTORY_SCHEMA = "compactdraft/history/1"
TRACE_SCHEMA = "compactdraft/trace-history/1"


# --- shared wording -------------------------------------------------------------------------------

def _ids(ids: Iterable[str]) -> str:
    return " + ".join(ids)


def _section(draft: Draft, provision_id: str) -> str:
    section = draft.heading_of(provision_id)
    if section is not None:
        return section.id
    parent = draft.get(provision_id).parent
    return parent or "top level"


def describe(link: Link, old: Draft, new: Draft) -> str:
    """What happened, in words: ``moved (obj.5 -> obj.6), modified 0.87``."""
    def word(kind: LinkKind) -> str:
        if kind is LinkKind.MOVED:
            return f"moved ({_section(old, link.old[0])} -> {_section(new, link.new[0])})"
        if kind in (LinkKind.MODIFIED, LinkKind.SPLIT, LinkKind.MERGED):
            return f"{kind.value} {link.similarity:.2f}"
        return kind.value

    return ", ".join(word(kind) for kind in (link.kind, *link.also))


def link_line(link: Link, old: Draft, new: Draft) -> tuple[str, str]:
    """(``old -> new``, description) for one link."""
    if link.kind is LinkKind.INSERTED:
        return f"(inserted) -> {_ids(link.new)}", "inserted"
    if link.kind is LinkKind.DELETED:
        return f"{_ids(link.old)} -> (deleted)", "deleted"
    return f"{_ids(link.old)} -> {_ids(link.new)}", describe(link, old, new)


def summary(links: Iterable[Link]) -> str:
    """Links per kind; "modified" counts every reworded provision (:attr:`Link.reworded`), also those
    that moved, as ``stats`` does, so a moved and reworded paragraph counts as moved and as modified."""
    links = list(links)
    counts = Counter(link.kind for link in links)
    counts[LinkKind.MODIFIED] = sum(1 for link in links if link.reworded)
    return ", ".join(f"{counts[k]} {k.value}" for k in LinkKind if counts[k])


# --- alignment ------------------------------------------------------------------------------------

@register("alignment", "text", (".txt",))
def alignment_text(alignment: Alignment, all: bool = False, **_: Any) -> str:
    old, new = alignment.old, alignment.new
    lines = [f"{old.id} -> {new.id}: {len(old)} -> {len(new)} provisions; {summary(alignment.links)}"]
    rows = [link_line(link, old, new) for link in alignment.links if all or link.kind is not LinkKind.UNCHANGED]
    width = max((len(left) for left, _ in rows), default=0)
    lines += [f"{left:<{width}}  {right}" for left, right in rows]
    hidden = sum(1 for link in alignment.links if link.kind is LinkKind.UNCHANGED)
    if hidden and not all:
        lines.append(f"({hidden} unchanged provisions not listed; --all lists them)")
    return "\n".join(lines) + "\n"


@register("alignment", "json", (".json",))
def alignment_json(alignment: Alignment, **_: Any) -> str:
    return dumps(alignment_to_dict(alignment))


_CSS = """body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left;
vertical-align:top}th{background:#f4f4f4}td.ids{font-family:monospace;white-space:nowrap}
tr.inserted td{background:#e6f4ea}tr.deleted td{background:#fce8e6}
tr.moved td,tr.split td,tr.merged td{background:#e8f0fe}
tr.modified td{background:#fef7e0}.text{font-size:.9em;color:#555}"""


def _page(title: str, body: list[str]) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>\n"
            f"<h1>{html.escape(title)}</h1>\n" + "\n".join(body) + "\n</body></html>\n")


def _opening(draft: Draft, ids: Iterable[str], words: int = 18) -> str:
    text = " ".join(draft.get(i).text for i in ids).split()
    return " ".join(text[:words]) + (" ..." if len(text) > words else "")


@register("alignment", "html", (".html", ".htm"))
def alignment_html(alignment: Alignment, all: bool = False, **_: Any) -> str:
    old, new = alignment.old, alignment.new
    body = [f"<p>{len(old)} -> {len(new)} provisions; {html.escape(summary(alignment.links))}</p>",
            "<table><tr><th>old</th><th>new</th><th>what happened</th><th>text (new, else old)</th></tr>"]
    for link in alignment.links:
        if link.kind is LinkKind.UNCHANGED and not all:
            continue
        _line, what = link_line(link, old, new)  # `_` is the renderer's ignored options
        text = _opening(new, link.new) if link.new else _opening(old, link.old)
        body.append(f"<tr class=\"{link.kind.value}\"><td class=\"ids\">{html.escape(_ids(link.old))}</td>"
                    f"<td class=\"ids\">{html.escape(_ids(link.new))}</td><td>{html.escape(what)}</td>"
                    f"<td class=\"text\">{html.escape(text)}</td></tr>")
    body.append("</table>")
    return _page(f"Alignment {old.id} -> {new.id}", body)


# --- history --------------------------------------------------------------------------------------

def _events(lineage: Lineage) -> str:
    kinds = [kind.value for step in lineage.steps for link in step for kind in (link.kind, *link.also)
             if kind is not LinkKind.UNCHANGED]
    return ", ".join(dict.fromkeys(kinds)) or "unchanged"


def _link_dict(link: Link) -> dict[str, Any]:
    return {"old": list(link.old), "new": list(link.new), "kind": link.kind.value,
            "similarity": round(link.similarity, 4), "also": [k.value for k in link.also]}


def history_to_dict(history: History) -> dict[str, Any]:
    ids = history.draft_ids
    return {
        "schema": HISTORY_SCHEMA,
        "drafts": list(ids),
        "lineages": [
            {"id": lineage.id,
             "ids": {draft: list(found) for draft, found in zip(ids, lineage.ids)},
             "steps": [{"old": a, "new": b, "links": [_link_dict(link) for link in step]}
                       for a, b, step in zip(ids, ids[1:], lineage.steps)]}
            for lineage in history.lineages],
    }


def trace_to_dict(history: History, reference: str) -> dict[str, Any]:
    return {
        "schema": TRACE_SCHEMA,
        "drafts": list(history.draft_ids),
        "provision": reference,
        "lineage": history.lineage_of(reference).id,
        "steps": [{"old_draft": s.old_draft, "new_draft": s.new_draft, "old": list(s.old), "new": list(s.new),
                   "links": [_link_dict(link) for link in s.links]} for s in history.trace(reference)],
    }


def _step_lines(history: History, step: LineageRound) -> list[str]:
    drafts = {d.id: d for d in history.drafts}
    old, new = drafts[step.old_draft], drafts[step.new_draft]
    lines = [f"{step.old_draft} -> {step.new_draft}:"]
    if not step.links:
        lines.append("  (not in either draft)")
    for link in step.links:
        left, right = link_line(link, old, new)
        lines.append(f"  {left}  {right}")
    return lines


def trace_text(history: History, reference: str) -> str:
    index, provision_id = history.resolve(reference)
    lineage = history.lineage_of(reference)
    lines = [f"{history.drafts[index].id}:{provision_id}: its path through {len(history.drafts)} drafts "
             f"({' -> '.join(history.draft_ids)})"]
    width = max(len(d) for d in history.draft_ids)
    lines += [f"  {draft:<{width}}  {_ids(found) or '(not present)'}"
              for draft, found in zip(history.draft_ids, lineage.ids)]
    lines.append("What happened at each step:")
    for step in history.trace(reference):
        lines += _step_lines(history, step)
    text = history.drafts[index].get(provision_id).text
    lines.append(f"Text in {history.drafts[index].id}: {text}")
    return "\n".join(lines) + "\n"


@register("history", "text", (".txt",))
def history_text(history: History, trace: str | None = None, all: bool = False, **_: Any) -> str:
    if trace:
        return trace_text(history, trace)
    ids = history.draft_ids
    changed = [lin for lin in history.lineages if all or _events(lin) != "unchanged"]
    cells = [[_ids(found) or "-" for found in lineage.ids] + [_events(lineage)] for lineage in changed]
    widths = [max([len(ids[k])] + [len(row[k]) for row in cells]) for k in range(len(ids))]
    lines = [f"{len(history.drafts)} drafts ({' -> '.join(ids)}), {len(history.lineages)} lineages; "
             f"{len(history.lineages) - len(changed)} never changed" + ("" if all else " (not listed; --all)"),
             "  ".join(f"{d:<{w}}" for d, w in zip(ids, widths)) + "  what happened"]
    lines += ["  ".join(f"{c:<{w}}" for c, w in zip(row, widths)) + "  " + row[-1] for row in cells]
    return "\n".join(line.rstrip() for line in lines) + "\n"


@register("history", "json", (".json",))
def history_json(history: History, trace: str | None = None, **_: Any) -> str:
    return dumps(trace_to_dict(history, trace) if trace else history_to_dict(history))


@register("history", "html", (".html", ".htm"))
def history_html(history: History, trace: str | None = None, all: bool = False, **_: Any) -> str:
    ids = history.draft_ids
    if trace:
        body = [f"<pre>{html.escape(trace_text(history, trace))}</pre>"]
        return _page(f"History of {trace}", body)
    body = [f"<p>{len(history.lineages)} lineages over {len(ids)} drafts</p>", "<table><tr>"
            + "".join(f"<th>{html.escape(d)}</th>" for d in ids) + "<th>what happened</th></tr>"]
    for lineage in history.lineages:
        events = _events(lineage)
        if events == "unchanged" and not all:
            continue
        first = events.split(",")[0]
        body.append(f"<tr class=\"{html.escape(first)}\">"
                    + "".join(f"<td class=\"ids\">{html.escape(_ids(f) or '-')}</td>" for f in lineage.ids)
                    + f"<td>{html.escape(events)}</td></tr>")
    body.append("</table>")
    return _page(f"History {' -> '.join(ids)}", body)
