"""Coverage renderers: a text table, CSV, and HTML with a heat map of how strongly each source shows."""
from __future__ import annotations

import csv
import io
from html import escape
from typing import Any

from ..provenance.coverage import Coverage, SourceCoverage
from . import register


def _where(item: SourceCoverage, limit: int = 3) -> str:
    parts = [f"{r.node.split(':', 1)[1]} ({r.type}{', via ' + r.via if r.via else ''})" for r in item.reflections[:limit]]
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


@register("coverage", "html", (".html", ".htm"))
def render_html(result: Coverage, **_: Any) -> str:
    rows = []
    for item in result.sources:
        rows.append(f'<tr><td style="background:{_heat(item.score)}" title="score {item.score:.2f}">'
                    f"{item.score:.2f}</td><td><b>{escape(item.node)}</b></td>"
                    f"<td>{escape(_where(item, 6)) or '<i>not reflected</i>'}</td>"
                    f"<td class=t>{escape(item.text[:240])}</td></tr>")
    new = "".join(f"<li>{escape(node)}</li>" for node in result.new_text)
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>Coverage by {escape(result.draft)}</title><style>body{{font-family:sans-serif;margin:1em}}"
            "td{border-top:1px solid #ccc;padding:3px;vertical-align:top}.t{font-size:85%;color:#444}</style>"
            f"</head><body>\n<h1>Which sources {escape(result.draft)} reflects</h1>\n"
            "<p>Cell colour: strongest link (white = not reflected, green = verbatim).</p>\n"
            "<table><tr><th>score</th><th>source provision</th><th>reflected in (how)</th><th>text</th></tr>\n"
            + "\n".join(rows) + f"\n</table>\n<h2>New text ({len(result.new_text)} provisions with no source)</h2>"
            f"\n<ul>{new}</ul>\n</body></html>\n")
