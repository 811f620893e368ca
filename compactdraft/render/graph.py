"""Graph renderers: GraphML, GEXF and node-link JSON (lossless), and a self-contained picture.

The picture (``svg`` or ``html``) shows the neighbourhood of one provision or one objective (``focus``):
its versions in columns by draft, left to right in negotiation order, and the sources they draw on in a
column on the left; the layout is computed here (columns by document, rows by document order), so the
file needs no script or network to view.
"""
from __future__ import annotations

from html import escape
from typing import Any

import networkx as nx

from ..provenance.graph import graph_drafts, graph_sources, to_bytes
from . import register

COLOURS = {"becomes": "#555555", "cites": "#1f6fb4", "reuses": "#c0392b", "paraphrases": "#d68910",
           "elaborates": "#7d3c98"}
BOX_W, BOX_H, COL_GAP, ROW_GAP, MARGIN = 190, 44, 90, 14, 24


@register("graph", "graphml", (".graphml",), binary=True)
def render_graphml(graph: nx.MultiDiGraph, **_: Any) -> bytes:
    return to_bytes(graph, "graphml")


@register("graph", "gexf", (".gexf",), binary=True)
def render_gexf(graph: nx.MultiDiGraph, **_: Any) -> bytes:
    return to_bytes(graph, "gexf")


@register("graph", "json", (".json",), binary=True)
def render_json(graph: nx.MultiDiGraph, **_: Any) -> bytes:
    return to_bytes(graph, "json")


# --- the picture ------------------------------------------------------------------------------------

def focus_nodes(graph: nx.MultiDiGraph, focus: str | None) -> set[str]:
    """The provision (or objective: every provision in it), all its versions, and what they draw on."""
    if not focus:
        return {n for n, d in graph.nodes(data=True) if d["role"] != "citation"}
    from ..provenance.trace import find_node

    wanted = find_node(graph, focus)  # DRAFT:ID read as every command reads it
    document, provision = graph.nodes[wanted]["document"], graph.nodes[wanted]["provision"]
    seeds = {n for n, d in graph.nodes(data=True) if d["document"] == document and
             (d["provision"] == provision or d["section"] == provision or d["parent"] == provision)}
    versions = set(seeds)
    frontier = list(seeds)
    while frontier:  # all earlier and later versions through lineage
        node = frontier.pop()
        for u, v, d in list(graph.in_edges(node, data=True)) + list(graph.out_edges(node, data=True)):
            other = u if v == node else v
            if d["type"] == "becomes" and other not in versions:
                versions.add(other)
                frontier.append(other)
    sources = {v for n in versions for _, v, d in graph.out_edges(n, data=True) if d["type"] != "becomes"}
    return versions | sources


def layout(graph: nx.MultiDiGraph, nodes: set[str]) -> dict[str, tuple[int, int]]:
    """Top-left corner of each node's box: a column per document (sources first), rows in text order."""
    columns = graph_sources(graph) + ["(citations)"] + graph_drafts(graph)
    positions: dict[str, tuple[int, int]] = {}
    x = MARGIN
    for column in columns:
        members = sorted((n for n in nodes
                          if (graph.nodes[n]["document"] == column and graph.nodes[n]["role"] != "citation")
                          or (column == "(citations)" and graph.nodes[n]["role"] == "citation")),
                         key=lambda n: (graph.nodes[n]["order"], n))
        if not members:
            continue
        for row, node in enumerate(members):
            positions[node] = (x, MARGIN + 20 + row * (BOX_H + ROW_GAP))
        x += BOX_W + COL_GAP
    return positions


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _svg(graph: nx.MultiDiGraph, focus: str | None) -> str:
    nodes = focus_nodes(graph, focus)
    where = layout(graph, nodes)
    width = max((x for x, _ in where.values()), default=0) + BOX_W + MARGIN
    height = max((y for _, y in where.values()), default=0) + BOX_H + MARGIN
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
             f'<title>{escape("provenance of " + (focus or "the series"))}</title>']
    columns_seen: set[int] = set()
    for node in sorted(where):
        x, _ = where[node]
        if x not in columns_seen:
            columns_seen.add(x)
            data = graph.nodes[node]
            name = data["document"] if data["role"] != "citation" else "not loaded"
            parts.append(f'<text x="{x}" y="{MARGIN}" font-weight="bold">{escape(name)}</text>')
    for u, v, _key, data in sorted(graph.edges(keys=True, data=True)):  # the key orders parallel edges
        if u not in where or v not in where:
            continue
        (x1, y1), (x2, y2) = where[u], where[v]
        start = (x1, y1 + BOX_H // 2) if x2 < x1 else (x1 + BOX_W, y1 + BOX_H // 2)
        end = (x2 + BOX_W, y2 + BOX_H // 2) if x2 < x1 else (x2, y2 + BOX_H // 2)
        colour = COLOURS.get(data["type"], "#888888")
        parts.append(f'<line x1="{start[0]}" y1="{start[1]}" x2="{end[0]}" y2="{end[1]}" stroke="{colour}" '
                     f'stroke-width="{1 + 2 * float(data["score"]):.1f}"><title>{escape(u)} {data["type"]} '
                     f'{escape(v)} ({data["kind"]}, score {float(data["score"]):.2f})</title></line>')
    for node in sorted(where):
        x, y = where[node]
        data = graph.nodes[node]
        fill = "#fdf2e9" if data["role"] == "source" else "#eaf2f8" if data["role"] == "draft" else "#eeeeee"
        stroke = "#000000" if focus and node.endswith(":" + focus.split(":")[-1]) else "#999999"
        parts.append(f'<g><title>{escape(node)}: {escape(data["text"])}</title>'
                     f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="4" fill="{fill}" stroke="{stroke}"/>'
                     f'<text x="{x + 5}" y="{y + 15}" font-weight="bold">{escape(data["provision"] or node)}</text>'
                     f'<text x="{x + 5}" y="{y + 32}">{escape(_short(data["text"], 34))}</text></g>')
    legend_y = height - 6
    for offset, (name, colour) in enumerate(COLOURS.items()):
        parts.append(f'<text x="{MARGIN + offset * 95}" y="{legend_y}" fill="{colour}">— {name}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def neighbourhood(graph: nx.MultiDiGraph, node: str) -> str:
    """The picture of one provision's neighbourhood (its versions by draft and what they draw on), as an
    inline SVG for a page (the build's trace.html shows one per provision)."""
    return _svg(graph, node)


@register("graph", "svg", (".svg",))
def render_svg(graph: nx.MultiDiGraph, focus: str | None = None, **_: Any) -> str:
    return _svg(graph, focus)


@register("graph", "html", (".html", ".htm"))
def render_html(graph: nx.MultiDiGraph, focus: str | None = None, **_: Any) -> str:
    title = escape(f"Provenance of {focus}" if focus else "Provenance graph")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            '<style>body{font-family:sans-serif;margin:1em}</style></head><body>\n'
            f"<h1>{title}</h1>\n<p>Columns: sources, then each draft in negotiation order. Hover a box for "
            "its text, a line for the link and its score.</p>\n" + _svg(graph, focus) + "</body></html>\n")
