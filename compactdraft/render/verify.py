"""A redline audit (``compactdraft verify``) as text, JSON and HTML: the verdict, then every unmarked
change by provision with its printed label, the words concerned and their context."""
from __future__ import annotations

import html

from ..redline.verify import Finding, Verification
from . import register
from .draft import dumps

_SIDES = {"old": "rejecting every change (must give OLD)", "new": "accepting every change (must give NEW)"}


def _verdict(result: Verification) -> str:
    if result.faithful:
        return (f"{result.redline}: faithful: {result.revisions} tracked changes; accept-all gives NEW "
                f"({result.new.source}), reject-all gives OLD ({result.old.source})")
    return (f"{result.redline}: NOT faithful: {len(result.findings)} unmarked changes "
            f"({result.revisions} tracked changes in the file)")


def _where(finding: Finding) -> str:
    return f"{finding.provision} {finding.label}".strip()


@register("verify", "text", (".txt",))
def render_text(result: Verification, **_: object) -> str:
    lines = [_verdict(result)]
    for side, heading in _SIDES.items():
        found = [f for f in result.findings if f.side == side]
        if found:
            lines.append(f"{heading}:")
            for f in found:
                mark = " [bracket]" if f.bracket else ""
                lines.append(f"  {_where(f):<22} {f.kind}{mark}: {f.context}")
    return "\n".join(lines) + "\n"


@register("verify", "json", (".json",))
def render_json(result: Verification, **_: object) -> str:
    return dumps({
        "schema": "compactdraft/verify/1",
        "redline": result.redline,
        "old": result.old.source,
        "new": result.new.source,
        "faithful": result.faithful,
        "revisions": result.revisions,
        "findings": [{"side": f.side, "kind": f.kind, "provision": f.provision, "label": f.label,
                      "text": f.text, "context": f.context, "bracket": f.bracket} for f in result.findings],
    })


@register("verify", "html", (".html", ".htm"))
def render_html(result: Verification, **_: object) -> str:
    esc = html.escape
    rows = "".join(
        f"<tr><td>{esc(f.side)}</td><td>{esc(f.provision)}</td><td>{esc(f.label)}</td><td>{esc(f.kind)}"
        f"{' (bracket)' if f.bracket else ''}</td><td>{_marked(f.context)}</td></tr>\n" for f in result.findings)
    table = ("<table><thead><tr><th>side</th><th>provision</th><th>label</th><th>unmarked change</th>"
             f"<th>text</th></tr></thead><tbody>\n{rows}</tbody></table>\n") if rows else ""
    status = "ok" if result.faithful else "bad"
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Redline audit</title>"
            "<style>body{font-family:sans-serif;margin:2em}td,th{border:1px solid #ccc;padding:.3em;"
            "vertical-align:top;text-align:left}table{border-collapse:collapse}.bad{color:#b00}.ok{color:#070}"
            "mark{background:#fdd}</style></head><body>\n"
            f"<h1>Redline audit</h1>\n<p class=\"{status}\">{esc(_verdict(result))}</p>\n{table}</body></html>\n")


def _marked(context: str) -> str:
    """The context with the change (between ⟦ ⟧) highlighted."""
    before, _, rest = context.partition("⟦")
    inside, _, after = rest.partition("⟧")
    return f"{html.escape(before)}<mark>{html.escape(inside)}</mark>{html.escape(after)}"
