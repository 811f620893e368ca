"""Trace renderers: the story of one provision as text, JSON or HTML (redlines and highlighted passages)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from ..diff import Op
from ..provenance.trace import SourceLink, Trace
from . import register
from .draft import dumps
from .html_pages import language, page, provision_anchor


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


def _how(step: Any) -> str:
    return f"\u2190 {step.kind} ({step.score:.2f})" if step.kind else "first version"


def _version_href(step: Any, places: Mapping[str, str]) -> str:
    return next((places[node] for node in step.nodes if node in places), "")


def _step_name(step: Any, names: Mapping[str, str]) -> str:
    """``rev1: 15 (a)`` when the printed labels are known, else the version as the graph names it."""
    if names and all(node in names for node in step.nodes):
        return f"{step.document}: " + " + ".join(names[node] for node in step.nodes)
    return step.printed or step.node


def _trace_context(result: Trace, places: Mapping[str, str], names: Mapping[str, str] | None = None
                   ) -> dict[str, Any]:
    from markupsafe import Markup

    lineage = [{"name": _step_name(step, names or {}), "how": _how(step), "href": _version_href(step, places),
                "text": step.text, "ops": [(o.op, o.text) for o in step.ops]} for step in result.lineage]
    sources = []
    for link in result.sources:
        if link.type == "cites":
            source, version = Markup.escape(link.source_text), Markup.escape(link.citation)
        else:
            source, version = (Markup(part) for part in _highlight(link, html=True))
        sources.append({"type": link.type, "target": link.target, "score": f"{link.score:.2f}",
                        "version": link.version, "source": source, "draft": version})
    return {"lineage": lineage, "sources": sources}


def _direction(traces: Sequence[Trace]) -> tuple[str, str]:
    texts = [step.text for result in traces for step in result.lineage]
    return language(texts) if any(texts) else ("en", "ltr")


@register("trace", "html", (".html", ".htm"))
def render_html(result: Trace, hrefs: Mapping[str, str] | None = None, links: Sequence[tuple[str, str]] = (),
                crumbs: Sequence[tuple[str, str]] = (), **_: Any) -> str:
    """The provision's versions with the redline of each round, and its sources with the shared passages
    marked. ``hrefs`` (graph node -> page#fragment) links each version to its paragraph in a redline."""
    lang, direction = _direction([result])
    return page("trace.html", title=f"Trace of {result.node}", lang=lang, dir=direction, links=tuple(links),
                crumbs=tuple(crumbs), **_trace_context(result, hrefs or {}))


@register("traces", "html", (".html", ".htm"))
def render_traces_html(traces: Sequence[Trace], hrefs: Mapping[str, str] | None = None,
                       links: Mapping[str, Sequence[tuple[str, str]]] | None = None, final: str = "",
                       names: Mapping[str, str] | None = None, crumbs: Sequence[tuple[str, str]] = (),
                       pictures: Mapping[str, str] | None = None, **_: Any) -> str:
    """Every provision's trace on one page, each at ``#p-<id>`` of its final-draft id (the build's
    trace.html): ``names`` gives each node its printed label, ``links`` its links to other pages,
    ``pictures`` its neighbourhood as inline SVG."""
    from markupsafe import Markup

    items = []
    for result in traces:
        provision = result.node.split(":", 1)[-1]
        items.append({"anchor": provision_anchor(provision), "node": result.node,
                      "name": (names or {}).get(result.node, provision),
                      "links": list((links or {}).get(result.node, ())),
                      "picture": Markup((pictures or {}).get(result.node, "")),
                      **_trace_context(result, hrefs or {}, names)})
    lang, direction = _direction(traces)
    return page("traces.html", title=f"Where each provision of {final} comes from", lang=lang, dir=direction,
                traces=items, final=final, crumbs=tuple(crumbs))
