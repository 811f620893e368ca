"""Coverage renderers: a text table, CSV, and HTML with a heat map of how strongly each source shows."""
from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from ..provenance.coverage import Coverage, SourceCoverage
from . import register
from .html_pages import page, provision_anchor


def _where(item: SourceCoverage, limit: int = 3) -> str:
    parts = [f"{r.node.split(':', 1)[1]} ({r.type}{', via ' + r.via if r.via else ''})"
             for r in item.reflections[:limit]]
    more = len(item.reflections) - limit
    return "; ".join(parts) + (f"; +{more} more" if more > 0 else "")


@register("coverage", "text", (".txt",))
def render_text(result: Coverage, **_: Any) -> str:
    reflected = sum(1 for s in result.sources if s.reflections)
    lines = [f"Coverage of the sources by {result.draft}: {reflected} of {len(result.sources)} source "
             "provisions reflected", ""]
    width = max((len(s.node) for s in result.sources), default=10)
    lines.append(f"{'source provision':<{width}}  score  where (how)")
    for item in result.sources:
        lines.append(f"{item.node:<{width}}  {item.score:5.2f}  {_where(item) or '-- not reflected'}")
    lines += ["", f"New text in {result.draft} (no source found): {len(result.new_text)} provisions"]
    lines += [f"  {node}" for node in result.new_text]
    return "\n".join(lines) + "\n"


@register("coverage", "csv", (".csv",))
def render_csv(result: Coverage, **_: Any) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["source", "provision", "score", "reflected_in", "how", "via"])
    for item in result.sources:
        if not item.reflections:
            writer.writerow([item.document, item.provision, "0.0000", "", "", ""])
        for r in item.reflections:
            writer.writerow([item.document, item.provision, f"{r.score:.4f}", r.node, r.type, r.via])
    for node in result.new_text:
        writer.writerow(["", "", "", node, "new", ""])
    return out.getvalue()


def _heat(score: float) -> str:
    """White (not reflected) to deep green (verbatim)."""
    level = max(0.0, min(score, 1.0))
    red, green, blue = int(255 - 200 * level), int(255 - 90 * level), int(255 - 200 * level)
    return f"#{red:02x}{green:02x}{blue:02x}"


def _named(node: str, hrefs: Mapping[str, str], names: Mapping[str, str]) -> dict[str, str]:
    return {"name": names.get(node, node), "href": hrefs.get(node, "")}


@register("coverage", "html", (".html", ".htm"))
def render_html(result: Coverage, hrefs: Mapping[str, str] | None = None, crumbs: Sequence[tuple[str, str]] = (),
                names: Mapping[str, str] | None = None, **_: Any) -> str:
    """Each source provision with its strongest link and where the final draft reflects it; ``hrefs``
    (graph node -> page) links the final draft's provisions to their trace pages, ``names`` gives nodes
    their printed labels ("Declaration, 26")."""
    links, named = hrefs or {}, names or {}
    rows = []
    for item in result.sources:
        shown = item.reflections[:6]
        rows.append({"anchor": provision_anchor(item.node, "source"), "score": f"{item.score:.2f}",
                     "heat": _heat(item.score), "name": named.get(item.node, item.node), "text": item.text[:240],
                     "more": len(item.reflections) - len(shown),
                     "reflections": [dict(_named(r.node, links, named),
                                          how=r.type + (f", via {r.via}" if r.via else "")) for r in shown]})
    reflected = sum(1 for s in result.sources if s.reflections)
    return page("coverage.html", title=f"Coverage by {result.draft}",
                heading=f"Which sources {result.draft} reflects", crumbs=tuple(crumbs), rows=rows,
                summary=f"{reflected} of {len(result.sources)} source provisions reflected.",
                new_text=[_named(node, links, named) for node in result.new_text])
