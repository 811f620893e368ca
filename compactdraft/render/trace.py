"""Trace renderers: the story of one provision as text, JSON or HTML (redlines and highlighted passages)."""
from __future__ import annotations

from html import escape
from typing import Any

from ..diff import Op
from ..provenance.trace import SourceLink, Trace
from . import register
from .draft import dumps


def _redline_text(ops: tuple[Op, ...]) -> str:
    marks = {"equal": "{}", "insert": "{{+{}+}}", "delete": "[-{}-]"}
    return "".join(marks[op.op].format(op.text) for op in ops)


def _mark_spans(text: str, spans: list[tuple[int, int]], start_tag: str, end_tag: str, html: bool) -> str:
    out, position = [], 0
    for start, end in sorted(spans):
        if start < position:
            continue
        out.append(escape(text[position:start]) if html else text[position:start])
        piece = text[start:end]
        out.append(start_tag + (escape(piece) if html else piece) + end_tag)
        position = end
    out.append(escape(text[position:]) if html else text[position:])
    return "".join(out)


def _highlight(link: SourceLink, html: bool = False) -> tuple[str, str]:
    """Source and version texts with the shared passages marked (<<...>> or <mark>)."""
    start, end = ("<mark>", "</mark>") if html else ("<<", ">>")
    source = _mark_spans(link.source_text, [(p[0], p[1]) for p in link.passages], start, end, html)
    version = _mark_spans(link.version_text, [(p[2], p[3]) for p in link.passages], start, end, html)
    return source, version


@register("trace", "text", (".txt",))
def render_text(result: Trace, **_: Any) -> str:
    lines = [f"Trace of {result.node}", "", "Lineage (oldest first):"]
    for step in result.lineage:
        how = f" <- {step.kind} ({step.score:.2f})" if step.kind else " (first version)"
        lines.append(f"  {step.node}{how}")
        # a version of several provisions (before a merge) prints one per line, all indented
        lines.append("    " + (_redline_text(step.ops) if step.ops else step.text).replace("\n", "\n    "))
    lines += ["", "Sources (strongest first; <<...>> = shared passage):" if result.sources else "Sources: none found"]
    for link in result.sources:
        lines.append(f"  {link.type} {link.target}  score {link.score:.2f}  (from {link.version})")
        if link.type == "cites":
            lines.append(f"    cited as: {link.citation}" + ("" if link.resolved else "  [source not loaded]"))
        else:
            source, version = _highlight(link)
            lines += [f"    source: {source}", f"    draft:  {version}"]
    return "\n".join(lines) + "\n"


@register("trace", "json", (".json",))
def render_json(result: Trace, **_: Any) -> str:
    return dumps({
        "schema": "compactdraft/trace/1",
        "node": result.node,
        "lineage": [{"node": s.node, "nodes": list(s.nodes), "document": s.document, "provision": s.provision,
                     "provisions": list(s.provisions), "text": s.text,
                     "kind": s.kind, "score": s.score,
                     "redline": [{"op": o.op, "text": o.text} for o in s.ops]} for s in result.lineage],
        "sources": [{"version": link.version, "target": link.target, "type": link.type, "kind": link.kind,
                     "score": link.score, "resolved": link.resolved, "citation": link.citation,
                     "passages": [list(p) for p in link.passages]} for link in result.sources],
    })


def _html_redline(ops: tuple[Op, ...]) -> str:
    tags = {"equal": ("", ""), "insert": ("<ins>", "</ins>"), "delete": ("<del>", "</del>")}
    return "".join(tags[o.op][0] + escape(o.text) + tags[o.op][1] for o in ops)


@register("trace", "html", (".html", ".htm"))
def render_html(result: Trace, **_: Any) -> str:
    body = [f"<h1>Trace of {escape(result.node)}</h1>", "<h2>Lineage</h2>", "<ol>"]
    for step in result.lineage:
        how = f" &larr; {escape(step.kind)} ({step.score:.2f})" if step.kind else " (first version)"
        text = (_html_redline(step.ops) if step.ops else escape(step.text)).replace("\n", "<br>")
        body.append(f"<li><b>{escape(step.node)}</b>{how}<p>{text}</p></li>")
    body += ["</ol>", "<h2>Sources</h2>", "<table><tr><th>link</th><th>source</th><th>draft text</th></tr>"]
    for link in result.sources:
        if link.type == "cites":
            source, version = escape(link.source_text), escape(link.citation)
        else:
            source, version = _highlight(link, html=True)
        body.append(f"<tr><td>{escape(link.type)} <b>{escape(link.target)}</b><br>score {link.score:.2f}<br>"
                    f"from {escape(link.version)}</td><td>{source}</td><td>{version}</td></tr>")
    body.append("</table>")
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>Trace of {escape(result.node)}</title><style>body{{font-family:sans-serif;margin:1em}}"
            "ins{background:#d4efdf}del{background:#f5b7b1}mark{background:#fcf3cf}"
            "td{vertical-align:top;border-top:1px solid #ccc;padding:4px}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")
