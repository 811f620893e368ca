"""The change list as JSON (schema ``compactdraft/redline/1``, documented in docs/redlines.md).

Entries keep the redline's reading order; ids are built from provision ids, so the same drafts
always give the same file. Offsets count Unicode code points in ``"\\n".join(texts)`` of the
entry's old / new provisions, as half-open ``[start, end]`` ranges.
"""
from __future__ import annotations

from typing import Any

from ..diff import Op
from ..redline import Entry, Redline
from ..redline.stats import redline_stats
from . import register
from .draft import dumps

SCHEMA = "compactdraft/redline/1"


def op_to_dict(op: Op) -> dict[str, Any]:
    return {"op": op.op, "text": op.text, "old": [op.old_start, op.old_end], "new": [op.new_start, op.new_end]}


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "kind": entry.kind.value,
        "events": list(entry.events),
        "old": list(entry.old),
        "new": list(entry.new),
        "old_labels": list(entry.old_labels),
        "new_labels": list(entry.new_labels),
        "in_old": entry.in_old,
        "in_new": entry.in_new,
        "section": entry.section,
        "counterpart": list(entry.counterpart),
        "ops": [op_to_dict(o) for o in entry.ops],
    }


def redline_to_dict(redline: Redline) -> dict[str, Any]:
    stats = redline_stats(redline)
    return {
        "schema": SCHEMA,
        "old": {"id": redline.old.id, "title": redline.old.title, "date": redline.old.date},
        "new": {"id": redline.new.id, "title": redline.new.title, "date": redline.new.date},
        "summary": stats.total.as_dict(),
        "entries": [entry_to_dict(e) for e in redline.entries],
    }


@register("redline", "json", (".json",))
def render_json(redline: Redline, **_: object) -> str:
    return dumps(redline_to_dict(redline))
