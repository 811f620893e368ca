"""Draft renderers: the structure tree, JSON (the documented schema) and plain text."""
from __future__ import annotations

import json

from ..model import Draft, draft_to_dict
from . import register


def dumps(data: object) -> str:
    """Canonical JSON for every output: stable key order, UTF-8, trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _opening(text: str, words: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


@register("draft", "tree", (".tree",))
def render_tree(draft: Draft, **_: object) -> str:
    lines = [f"{draft.id}: {draft.title or '(untitled)'}  [{draft.format}, profile {draft.profile}, "
             f"{len(draft)} provisions]"]
    for warning in draft.warnings:
        lines.append(f"  warning: {warning}")
    # the id column is indented by level; pad it as a whole so labels and kinds line up
    ids = ["  " * p.level + p.id for p in draft.provisions]
    width = max((len(i) for i in ids), default=0)
    label_width = max((len(p.label) for p in draft.provisions), default=0)
    for shown, p in zip(ids, draft.provisions):
        flag = "" if p.numbered else " *"
        lines.append(f"{shown:<{width}}  {p.label:<{label_width}}  {p.kind.value:<12} {_opening(p.text)}{flag}")
    lines.append("(* = unnumbered: id from position)")
    return "\n".join(lines) + "\n"


@register("draft", "json", (".json",))
def render_json(draft: Draft, **_: object) -> str:
    return dumps(draft_to_dict(draft))


@register("draft", "text", (".txt",))
def render_text(draft: Draft, **_: object) -> str:
    lines = [draft.title, ""] if draft.title else []
    for p in draft.provisions:
        lines.append(p.display)
        for note in p.footnotes:
            lines.append(f"    [{note.label}] {note.text}")
    return "\n".join(lines) + "\n"
