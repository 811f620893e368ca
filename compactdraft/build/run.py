"""Running the plan in one process: each step makes one output, sharing drafts, alignments, the history
and the graph through a :class:`Workspace` so each is made once."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..align.history import History
from ..model import Alignment, Draft
from ..parse.series import Series, SeriesEntry
from ..render.html_pages import provision_anchor
from ..safeio import check_output, staged_folder, write_output
from .plan import BuildStep, Plan, draft_json, plan, redline_name, redline_pairs, source_json

Progress = Callable[[int, int, BuildStep], None]
AUTHOR = "compactdraft"


class Workspace:
    """What steps share: drafts read from the build's JSON, alignments, the graph, each made once."""

    def __init__(self, the_plan: Plan) -> None:
        self.plan = the_plan
        self._drafts: dict[str, Draft] = {}
        self._alignments: dict[tuple[str, str], Alignment] = {}
        self._graph: Any = None
        self._redlines: dict[tuple[str, str], Any] = {}
        self._history: History | None = None

    @property
    def series(self) -> Series:
        return self.plan.series

    def labels(self) -> dict[str, str]:
        return {e.id: e.label or e.id for e in self.series.drafts + self.series.sources}

    def draft(self, entry_id: str) -> Draft:
        if entry_id not in self._drafts:
            from ..parse import parse_file

            is_source = any(e.id == entry_id for e in self.series.sources)
            name = source_json(entry_id) if is_source else draft_json(entry_id)
            self._drafts[entry_id] = parse_file(self.plan.path(name), draft_id=entry_id)
        return self._drafts[entry_id]

    def drafts(self) -> list[Draft]:
        return [self.draft(e.id) for e in self.series.drafts]

    def sources(self) -> list[Draft]:
        return [self.draft(e.id) for e in self.series.sources]

    def alignment(self, old: str, new: str) -> Alignment:
        if (old, new) not in self._alignments:
            from ..align import align

            self._alignments[(old, new)] = align(self.draft(old), self.draft(new))
        return self._alignments[(old, new)]

    def redline(self, old: str, new: str) -> Any:
        if (old, new) not in self._redlines:
            from ..redline import redline_from_alignment

            self._redlines[(old, new)] = redline_from_alignment(self.alignment(old, new))
        return self._redlines[(old, new)]

    def alignments(self) -> list[Alignment]:
        """The alignment of each successive pair of drafts."""
        return [self.alignment(a.id, b.id) for a, b in zip(self.series.drafts, self.series.drafts[1:])]

    def history(self) -> History:
        if self._history is None:
            from ..align import history

            self._history = history(self.drafts(), self.alignments())
        return self._history

    def graph(self) -> Any:
        if self._graph is None:
            from ..provenance.graph import load

            self._graph = load(self.plan.path("graph.json"))
        return self._graph

    def remember(self, entry_id: str, draft: Draft) -> None:
        self._drafts[entry_id] = draft


def _entry(series: Series, kind: str, entry_id: str) -> SeriesEntry:
    entries = series.drafts if kind == "draft" else series.sources
    return next(e for e in entries if e.id == entry_id)


def _run_parse(ws: Workspace, step: BuildStep) -> str:
    from ..parse import parse_file
    from ..render import render

    kind, entry_id = step.args
    entry = _entry(ws.series, kind, entry_id)
    draft = parse_file(entry.path, draft_id=entry.id, profile=entry.profile, date=entry.date)
    ws.remember(entry.id, draft)
    return str(render("draft", draft, "json"))


def _run_redline(ws: Workspace, step: BuildStep) -> str | bytes:
    from ..render import render

    old, new, fmt = step.args
    redline = ws.redline(old, new)
    if fmt == "html":
        from .site import crumbs, relative_to, trace_href

        final = ws.series.drafts[-1].id
        traces = {p.id: relative_to(trace_href(p.id), step.name) for p in ws.draft(final)} if new == final else {}
        return render("redline", redline, fmt, names=ws.labels(), crumbs=crumbs(ws.plan, step.name), traces=traces)
    return render("redline", redline, fmt, author=AUTHOR, date=ws.draft(new).date, base="new")


def _run_graph(ws: Workspace, step: BuildStep) -> bytes:
    from ..provenance.graph import build_graph, to_bytes

    (fmt,) = step.args
    if fmt == "json":
        graph = build_graph(ws.drafts(), ws.sources(), labels=ws.labels(), alignments=ws.alignments())
        data = to_bytes(graph, "json")
        return data
    return to_bytes(ws.graph(), fmt)


def _run_annotated(ws: Workspace, step: BuildStep) -> str | bytes:
    from ..provenance.annotate import annotate
    from ..render import render

    (fmt,) = step.args
    annotated = annotate(ws.drafts(), ws.sources(), ws.graph(), labels=ws.labels(), history=ws.history())
    final = ws.series.drafts[-1].id
    links = {pair: redline_name(pair[0], pair[1], "html") for pair in redline_pairs(ws.series)}
    if fmt == "html":
        from .site import crumbs, trace_href

        return render("annotated", annotated, fmt, redlines=links, alignments=ws.alignments(),
                      traces={p.id: trace_href(p.id) for p in ws.draft(final)}, crumbs=crumbs(ws.plan, step.name))
    return render("annotated", annotated, fmt, notes=ws.plan.notes, author=AUTHOR, date=ws.draft(final).date,
                  redlines=links)


def _run_report(ws: Workspace, step: BuildStep) -> str | bytes:
    from ..render import render
    from .figures import report_data

    return render("report", report_data(ws), "html")


def _run_traces(ws: Workspace, step: BuildStep) -> str:
    from ..provenance.trace import trace
    from ..render import render
    from .site import crumbs, printed_names, version_hrefs

    final = ws.series.drafts[-1].id
    graph = ws.graph()
    traces = [trace(graph, f"{final}:{p.id}") for p in ws.draft(final) if f"{final}:{p.id}" in graph]
    names = printed_names(ws.drafts())
    links = {t.node: [(f"annotated.html#{provision_anchor(t.node.split(':', 1)[1])}", "in the annotated draft")]
             for t in traces}
    from ..render.graph import neighbourhood

    pictures = {t.node: neighbourhood(graph, t.node) for t in traces}
    return str(render("traces", traces, "html", hrefs=version_hrefs(ws.plan, graph, step.name), links=links,
                      names=names, final=ws.labels().get(final, final), crumbs=crumbs(ws.plan, step.name),
                      pictures=pictures))


def _run_coverage(ws: Workspace, step: BuildStep) -> str:
    from ..provenance.coverage import coverage
    from ..render import render
    from .site import crumbs, printed_names, trace_href

    final = ws.series.drafts[-1].id
    hrefs = {f"{final}:{p.id}": trace_href(p.id) for p in ws.draft(final)}
    labels = ws.labels()
    names = {node: f"{labels.get(node.split(':', 1)[0], node.split(':', 1)[0])}, {name}"
             for node, name in printed_names(ws.drafts() + ws.sources()).items()}
    return str(render("coverage", coverage(ws.graph(), final), "html", hrefs=hrefs, names=names,
                      crumbs=crumbs(ws.plan, step.name)))


_ACTIONS: dict[str, Callable[[Workspace, BuildStep], str | bytes]] = {
    "traces": _run_traces,
    "coverage": _run_coverage,
    "parse": _run_parse,
    "redline": _run_redline,
    "graph": _run_graph,
    "annotated": _run_annotated,
    "report": _run_report,
}


def run_step(ws: Workspace, step: BuildStep) -> Path:
    """Make one output (atomically) and return its path."""
    data = _ACTIONS[step.action](ws, step)
    target = ws.plan.path(step.name)
    write_output(target, data, series_files(ws.series))
    return target


def series_files(series: Series) -> list[str]:
    """Every file of the series itself (drafts, sources, manifest): no build output may replace one,
    even when the build folder is the series folder."""
    files = [str(e.path) for e in series.drafts + series.sources]
    return files + ([str(series.manifest)] if series.manifest else [])


def build(series: Series, out_dir: str | Path, progress: Progress | None = None, notes: str = "comments",
          only: Sequence[str] = ()) -> list[Path]:
    """Build every output of the series (or only the named steps) in one process; the paths written.

    A whole build is staged and replaces the previous one as a whole (safeio.staged_folder); one step
    (make's recipes) writes its one file atomically in place."""
    for step in plan(series, out_dir, notes).steps:  # refused before anything is written, not half-way
        check_output(Path(out_dir) / step.name, series_files(series))
    if not only:
        with staged_folder(out_dir) as staging:
            built = _build_steps(series, staging, progress, notes, ())
        return [Path(out_dir) / path.relative_to(staging) for path in built]
    return _build_steps(series, out_dir, progress, notes, only)


def _build_steps(series: Series, out_dir: str | Path, progress: Progress | None, notes: str,
                 only: Sequence[str]) -> list[Path]:
    the_plan = plan(series, out_dir, notes)
    steps = [the_plan.step(name) for name in only] if only else list(the_plan.steps)
    workspace = Workspace(the_plan)
    written = []
    for number, step in enumerate(steps, 1):
        if progress is not None:
            progress(number, len(steps), step)
        written.append(run_step(workspace, step))
    return written


