"""The build report, index.html: every output of the build linked, and charts of the negotiation.

One self-contained page (inline CSS and SVG, no scripts, no network): the drafts, four charts (words
changed per objective per round, provisions added/deleted/moved per round, coverage of each source,
open brackets per draft) and the list of files. :class:`ReportData` is what the page shows; the build
computes it (compactdraft/build/figures.py) from the same functions as ``stats``, ``coverage`` and ``history``.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from itertools import groupby
from typing import Any

from . import charts, register


@dataclass(frozen=True)
class Output:
    """A file of the build as the report lists it."""

    group: str  # Drafts | Redlines | Provenance graph | Annotated final draft
    label: str
    href: str  # relative to the build folder


@dataclass(frozen=True)
class ReportData:
    """What index.html shows.

    drafts:    (id, label, date, number of provisions) in negotiation order
    rounds:    "Zero draft -> Rev. 1" names of the successive rounds
    sections:  rows of the heat map: every heading of the final draft, then changed ones only older drafts had
    words:     words inserted + deleted, per section (row) per round (column)
    moves:     per round: provisions added, deleted, moved, reworded (counted on provisions, not links)
    brackets:  bracketed passages "[...]" still open in each draft
    coverage:  (source label, share of its provisions the final draft draws on, covered, total)
    outputs:   every file of the build, grouped
    """

    title: str
    drafts: tuple[tuple[str, str, str | None, int], ...]
    rounds: tuple[str, ...]
    sections: tuple[str, ...]
    words: tuple[tuple[int, ...], ...]
    moves: Mapping[str, tuple[int, ...]]
    brackets: tuple[int, ...]
    coverage: tuple[tuple[str, float, int, int], ...]
    outputs: tuple[Output, ...]

def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>"


def _drafts_table(data: ReportData) -> str:
    rows = "".join(f"<tr><td>{escape(label)}</td><td>{escape(date or '')}</td><td class=\"n\">{count}</td>"
                   f"<td class=\"n\">{brackets}</td></tr>"
                   for (_, label, date, count), brackets in zip(data.drafts, data.brackets))
    return ("<table><tr><th>Draft</th><th>Date</th><th>Provisions</th><th>Open brackets</th></tr>"
            f"{rows}</table>")


def _charts(data: ReportData) -> str:
    figures = []
    if data.sections:
        figures.append(_figure(
            charts.heatmap("Words changed per objective per round", data.sections, data.rounds, data.words,
                           width=max(640, 240 + 170 * len(data.rounds)), unit=" words"),
            "Words inserted plus deleted, by the section they stand in; darker cells changed more."))
    moves = [charts.Series(name.capitalize(), tuple(float(v) for v in values)) for name, values in data.moves.items()]
    figures.append(_figure(charts.bar_chart("Provisions added, deleted, moved and reworded per round",
                                            data.rounds, moves),
                           "Counted on provisions (paragraphs, actions, headings) of the newer draft, "
                           "deleted ones on the older."))
    if data.coverage:
        figures.append(_figure(
            charts.hbar_chart("Coverage of each source by the final draft",
                              [(name, share) for name, share, _, _ in data.coverage], maximum=1.0, percent=True),
            "Share of each source's provisions that the final draft cites, quotes or paraphrases: "
            + "; ".join(f"{name} {covered} of {total}" for name, _, covered, total in data.coverage) + "."))
    figures.append(_figure(
        charts.line_chart("Open brackets per draft", [label for _, label, _, _ in data.drafts],
                          [charts.Series("Bracketed passages", tuple(float(b) for b in data.brackets))]),
        "Bracketed passages \u201c[\u2026]\u201d still in the text of each draft: the open questions."))
    return '<div class="charts">' + "".join(figures) + "</div>"


def _files(data: ReportData) -> str:
    parts = []
    for group, items in groupby(data.outputs, key=lambda o: o.group):
        links = "".join(f'<li><a href="{escape(o.href)}">{escape(o.label)}</a></li>' for o in items)
        parts.append(f"<h3>{escape(group)}</h3><ul>{links}</ul>")
    return "".join(parts)


@register("report", "html", (".html", ".htm"))
def render_html(data: ReportData, **_: Any) -> str:
    from markupsafe import Markup

    from .html_pages import page

    first, last = data.drafts[0], data.drafts[-1]
    span = f"{first[1]} ({first[2] or 'undated'}) to {last[1]} ({last[2] or 'undated'})"
    blurbs = {"annotated.html": "the final text, each provision with its history and sources",
              "trace.html": "where each provision comes from, version by version",
              "coverage.html": "which sources the final text reflects, and how strongly"}
    cards = [{"href": o.href, "title": o.label, "text": blurbs[o.href]} for o in data.outputs if o.href in blurbs]
    redlines = [(o.href, o.label.removesuffix(" (HTML)")) for o in data.outputs
                if o.group == "Redlines" and o.href.endswith(".html")]
    names = [name for _, name, _, _ in data.drafts]
    per_round = [{kind: values[index] for kind, values in data.moves.items()} for index in range(len(data.rounds))]
    flow = charts.flow("The series as a flow", list(zip(names, (d[3] for d in data.drafts))), per_round)
    return page("report.html", title=f"{data.title} \u2014 drafts report", heading=data.title,
                subtitle=f"{len(data.drafts)} drafts, {span}", cards=cards, rounds=redlines, flow=Markup(flow),
                drafts_table=Markup(_drafts_table(data)), charts=Markup(_charts(data)), files=Markup(_files(data)))
