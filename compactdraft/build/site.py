"""The build as a small offline site: which page links to which, both ways.

index.html -> each round's redline, the annotated draft, trace.html (every provision of the final draft,
its versions and sources) and coverage.html; a redline's provision links to its trace, a trace's versions
to their paragraphs in the redlines, the annotated draft's notes to both. All links are relative, so the
folder can be copied or opened from disk (file://) with no server and no network.
"""
from __future__ import annotations

import posixpath
from typing import Any

from ..render.html_pages import printed_label, provision_anchor
from .plan import COVERAGE, TRACES, Plan, redline_name, redline_pairs


def relative_to(href: str, page: str) -> str:
    """``href`` (relative to the build folder) as written on ``page`` (also relative to it)."""
    base = posixpath.dirname(page)
    path, _, fragment = href.partition("#")
    shown = posixpath.relpath(path, base or ".") if base else path
    return shown + (f"#{fragment}" if fragment else "")


def crumbs(the_plan: Plan, page: str) -> tuple[tuple[str, str], ...]:
    pages = [("index.html", "Index"), ("annotated.html", "Annotated final draft"), (TRACES, "Traces")]
    if the_plan.series.sources:
        pages.append((COVERAGE, "Coverage"))
    return tuple((relative_to(href, page), text) for href, text in pages if href != page)


def trace_href(provision_id: str) -> str:
    return f"{TRACES}#{provision_anchor(provision_id)}"


def version_hrefs(the_plan: Plan, graph: Any, page: str) -> dict[str, str]:
    """Graph node (``rev1:para.3``) -> its paragraph in the redline of the round that made that draft
    (the first draft's nodes: in the first redline, on the older side)."""
    ids = [e.id for e in the_plan.series.drafts]
    hrefs: dict[str, str] = {}
    for node in graph.nodes:
        document, _, provision = str(node).partition(":")
        if document not in ids or not provision:
            continue
        at = ids.index(document)
        if at == 0:
            href = f"{redline_name(ids[0], ids[1], 'html')}#{provision_anchor(provision, 'old')}"
        else:
            href = f"{redline_name(ids[at - 1], document, 'html')}#{provision_anchor(provision)}"
        hrefs[str(node)] = relative_to(href, page)
    return hrefs


def redline_pages(the_plan: Plan) -> dict[tuple[str, str], str]:
    return {pair: redline_name(pair[0], pair[1], "html") for pair in redline_pairs(the_plan.series)}


def printed_names(drafts: list[Any]) -> dict[str, str]:
    """Graph node -> how a reader names it (``Revision 1, 17 (a)``)."""
    return {f"{d.id}:{p.id}": printed_label(d, p.id) for d in drafts for p in d}
