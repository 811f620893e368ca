"""The report's figures (index.html), each from the function that gives the same figure elsewhere:

- words changed and provisions added / deleted / moved / reworded per round: the ``stats`` counts
  (:func:`compactdraft.redline.stats.redline_stats`, per entry :func:`~compactdraft.redline.stats.entry_counts`)
  of the round's redline;
- the heat map's rows: each changed passage's objective followed through the series'
  :class:`~compactdraft.align.history.History` to the final draft, so a renumbered objective is one row
  under its final name;
- coverage of each source: :func:`compactdraft.provenance.coverage.coverage` of the final draft.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..model import Draft, Kind
from ..render.report import Output, ReportData
from .plan import Plan
from .run import Workspace

_BRACKET = re.compile(r"\[[^\[\]]*\]?")
MOVES = ("added", "deleted", "moved", "reworded")


def open_brackets(draft: Draft) -> int:
    """Bracketed passages still in a draft (each "[" opens one; an unclosed one counts too)."""
    return sum(len(_BRACKET.findall(p.text)) for p in draft)


def _heading_of(draft: Draft, provision_id: str) -> str | None:
    """The nearest heading enclosing a provision (itself for a heading): its objective, usually."""
    chain = (draft.get(provision_id),) + draft.ancestors(provision_id)
    return next((p.id for p in chain if p.kind is Kind.HEADING), None)


def section_name(draft: Draft, heading_id: str | None) -> str:
    """A heat-map row's name: ``Objective 3: Integrate ...``, ``Section I: ...``, or the heading's text."""
    from ..provenance.annotate import cite

    if heading_id is None:
        return "Outside any heading"
    heading = draft.get(heading_id)
    title = heading.text or heading.label.rstrip(":") or heading_id
    named = cite(draft, heading_id)
    if named.startswith(("objective", "section", "annex", "recommendation")):
        return f"{named[:1].upper()}{named[1:]}: {title}" if heading.text else named.capitalize()
    return title


def _row_name(ws: Workspace, draft_index: int, heading_id: str | None) -> str:
    """The heading's name in the final draft when its lineage reaches it, else its name where it stood."""
    history = ws.history()
    final = len(history.drafts) - 1
    if heading_id is not None:
        later = history.versions_in(draft_index, [heading_id], final)
        headings = [i for i in later if history.drafts[final].get(i).kind is Kind.HEADING]
        if headings:
            return section_name(history.drafts[final], headings[0])
    return section_name(history.drafts[draft_index], heading_id)


def words_per_section(ws: Workspace, old: str, new: str) -> dict[str, int]:
    """Words inserted plus deleted in one round, per heat-map row, counted as ``stats`` counts them."""
    from ..redline.stats import entry_counts

    redline = ws.redline(old, new)
    index = {d.id: k for k, d in enumerate(ws.series.drafts)}
    rows: dict[tuple[int, str | None], str] = {}  # each heading is followed to the final draft once
    totals: dict[str, int] = {}
    for entry in redline.entries:
        counts = entry_counts(entry)
        changed = counts.words_inserted + counts.words_deleted
        if not changed:
            continue
        draft_id, ids = (new, entry.new) if entry.in_new and entry.new else (old, entry.old)
        draft = ws.draft(draft_id)
        where = (index[draft_id], _heading_of(draft, ids[0]))
        if where not in rows:
            rows[where] = _row_name(ws, *where)
        name = rows[where]
        totals[name] = totals.get(name, 0) + changed
    return totals


def round_moves(ws: Workspace, old: str, new: str) -> tuple[int, int, int, int]:
    """Provisions added, deleted, moved and reworded in one round: the ``stats`` totals."""
    from ..redline.stats import redline_stats

    total = redline_stats(ws.redline(old, new)).total
    return total.added, total.deleted, total.moved, total.modified


def source_coverage(ws: Workspace) -> tuple[tuple[str, float, int, int], ...]:
    """Per source: (label, share covered, covered, total), as ``coverage`` counts for the final draft."""
    from ..provenance.coverage import coverage

    result = coverage(ws.graph(), ws.series.drafts[-1].id)
    labels = ws.labels()
    rows = []
    for source in ws.series.sources:
        items = [s for s in result.sources if s.document == source.id]
        covered = sum(1 for s in items if s.reflections)
        share = covered / len(items) if items else 0.0
        rows.append((labels.get(source.id, source.id), round(share, 4), covered, len(items)))
    return tuple(rows)


def _outputs(the_plan: Plan) -> tuple[Output, ...]:
    labels = {e.id: e.label or e.id for e in the_plan.series.drafts + the_plan.series.sources}
    outputs = []
    for step in the_plan.steps:
        if step.action == "parse":
            group = "Drafts (parsed)" if step.args[0] == "draft" else "Sources (parsed)"
            outputs.append(Output(group, f"{labels[step.args[1]]} (JSON)", step.name))
        elif step.action == "redline":
            old, new, fmt = step.args
            kind = "Word, tracked changes" if fmt == "docx" else "HTML"
            outputs.append(Output("Redlines", f"{labels[old]} \u2192 {labels[new]} ({kind})", step.name))
        elif step.action == "graph":
            outputs.append(Output("Provenance graph", f"{step.name} ({step.args[0]})", step.name))
        elif step.action == "traces":
            outputs.append(Output("Provenance", "Where each provision of the final draft comes from (HTML)", step.name))
        elif step.action == "coverage":
            outputs.append(Output("Provenance", "How the final draft covers its sources (HTML)", step.name))
        elif step.action == "annotated":
            kind = "Word, with notes" if step.args[0] == "docx" else "HTML, notes beside the text"
            outputs.append(Output("Annotated final draft", f"{labels[the_plan.series.drafts[-1].id]} ({kind})",
                                  step.name))
    return tuple(outputs)


def _row_order(drafts: list[Draft], per_round: list[dict[str, int]]) -> list[str]:
    """Every heading of the final draft in its order (one that never changed shows as a row of zeros,
    which is news too), then the changed rows only older drafts had (by name)."""
    changed = {name for counts in per_round for name in counts}
    final = drafts[-1]
    order = list(dict.fromkeys(section_name(final, p.id) for p in final if p.kind is Kind.HEADING))
    return order + sorted(changed - set(order))


def report_data(ws: Workspace) -> ReportData:
    """Every figure of the report, from the parsed drafts, their redlines, the history and the graph."""
    series = ws.series
    labels = ws.labels()
    drafts = ws.drafts()
    pairs = [(a.id, b.id) for a, b in zip(series.drafts, series.drafts[1:])]
    per_round = [words_per_section(ws, old, new) for old, new in pairs]
    order = _row_order(drafts, per_round)
    counts = [round_moves(ws, old, new) for old, new in pairs]
    return ReportData(
        title=series.title or Path(str(series.manifest or "series")).parent.name,
        drafts=tuple((d.id, labels[d.id], d.date, len(d)) for d in drafts),
        rounds=tuple(f"{labels[a]} \u2192 {labels[b]}" for a, b in pairs),
        sections=tuple(order),
        words=tuple(tuple(words.get(name, 0) for words in per_round) for name in order),
        moves={name: tuple(c[i] for c in counts) for i, name in enumerate(MOVES)},
        brackets=tuple(open_brackets(d) for d in drafts),
        coverage=source_coverage(ws),
        outputs=_outputs(ws.plan),
    )
