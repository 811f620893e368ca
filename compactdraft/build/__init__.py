"""The secretariat build: from a folder of drafts to everything a delegation needs, in one plan.

:func:`plan` says which outputs are made from which inputs (one :class:`Step` per output file);
the same plan drives both ways of building:

- :func:`build` runs every step in one process (``compactdraft build SERIES -o OUT``), keeping each
  draft, alignment and graph in memory once it is made;
- :func:`makefile_rules` prints the plan as make rules (``compactdraft build --print-makefile``), each
  recipe running one step (``--step NAME``), so that ``make`` rebuilds only what a change affects and
  ``make -j2`` runs independent steps in parallel.

Drafts are parsed once, to JSON under ``OUT/drafts/``; every later step reads that JSON, never the
original files (except the .docx layouts the Word writers copy styles and numbering from). Outputs are
deterministic: dates come from the manifest, ids and orders from the inputs, zip timestamps are fixed.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..model import Alignment, Draft
from ..parse.series import Entry, Series
from ..safeio import check_output, staged_folder, write_output

Progress = Callable[[int, int, "Step"], None]
AUTHOR = "compactdraft"
NOTES = ("comments", "footnotes")
SERIES_RULE = "series"  # the make rule of every output that reads all drafts (graph, annotated, report)
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_MAKE_UNSAFE = re.compile(r"[\s:#=$%*?\\;|'\"]")


@dataclass(frozen=True)
class Step:
    """One output file and what it is made from.

    name:    the output path relative to the build folder (``redlines/zero-rev1.docx``); also the
             name ``--step`` takes
    action:  parse | redline | graph | annotated | report
    args:    what the action needs besides the inputs (draft ids, format)
    inputs:  every file the step reads (series files as given, build files under the build folder);
             these are the make prerequisites
    rule:    the make rule that makes this output, shared by outputs that share their work (both formats
             of one round's redline share its alignment and diff; the graph, the annotated draft and the
             report share the series' alignments and the graph), so that one process makes them
    """

    name: str
    action: str
    args: tuple[str, ...]
    inputs: tuple[str, ...]
    rule: str = ""

    @property
    def rule_name(self) -> str:
        return self.rule or self.name


@dataclass(frozen=True)
class Plan:
    series: Series
    out_dir: Path
    steps: tuple[Step, ...]
    notes: str = "comments"

    def step(self, name: str) -> Step:
        for step in self.steps:
            if step.name == name:
                return step
        raise UsageError(f"no build step {name!r} (steps: {', '.join(s.name for s in self.steps)})")

    def path(self, name: str) -> Path:
        return self.out_dir / name


# --- planning -------------------------------------------------------------------------------------

def draft_json(entry_id: str) -> str:
    return f"drafts/{entry_id}.json"


def source_json(entry_id: str) -> str:
    return f"sources/{entry_id}.json"


def redline_name(old: str, new: str, fmt: str) -> str:
    return f"redlines/{old}-{new}.{fmt}"


def redline_pairs(series: Series) -> list[tuple[str, str]]:
    """Each successive pair, then first -> last when that is not already one of them."""
    ids = [entry.id for entry in series.drafts]
    pairs = list(zip(ids, ids[1:]))
    if len(ids) > 2:
        pairs.append((ids[0], ids[-1]))
    return pairs


def _check_ids(series: Series) -> None:
    for entry in series.drafts + series.sources:
        if not _SAFE_ID.match(entry.id):
            raise UsageError(f"id {entry.id!r} cannot name a build file; use letters, digits, '-', '_' or '.'",
                             series.manifest)


def plan(series: Series, out_dir: str | Path, notes: str = "comments") -> Plan:
    """Every output of the build, in an order where each step's inputs come before it."""
    if notes not in NOTES:
        raise UsageError(f"--notes must be one of {', '.join(NOTES)}, not {notes!r}")
    if len(series.drafts) < 2:
        raise UsageError("a build needs at least two drafts (a redline compares two)", series.manifest)
    _check_ids(series)
    out = Path(out_dir)
    manifest = (str(series.manifest),) if series.manifest else ()

    def built(name: str) -> str:
        return str(out / name)

    steps: list[Step] = []
    for entry in series.drafts:
        steps.append(Step(draft_json(entry.id), "parse", ("draft", entry.id), (str(entry.path),) + manifest))
    for entry in series.sources:
        steps.append(Step(source_json(entry.id), "parse", ("source", entry.id), (str(entry.path),) + manifest))
    by_id = {entry.id: entry for entry in series.drafts}
    for old, new in redline_pairs(series):
        jsons = (built(draft_json(old)), built(draft_json(new)))
        rule = f"redlines/{old}-{new}"
        steps.append(Step(redline_name(old, new, "html"), "redline", (old, new, "html"), jsons + manifest, rule))
        # the Word writer copies styles, numbering and paragraph layout from the drafts' own files
        layouts = (str(by_id[old].path), str(by_id[new].path))
        steps.append(Step(redline_name(old, new, "docx"), "redline", (old, new, "docx"),
                          jsons + layouts + manifest, rule))
    every_json = tuple(built(draft_json(e.id)) for e in series.drafts) + tuple(
        built(source_json(e.id)) for e in series.sources)
    steps.append(Step("graph.json", "graph", ("json",), every_json + manifest, SERIES_RULE))
    steps.append(Step("graph.graphml", "graph", ("graphml",), (built("graph.json"),) + manifest, SERIES_RULE))
    final = series.drafts[-1]
    for fmt in ("docx", "html"):
        layout = (str(final.path),) if fmt == "docx" else ()
        steps.append(Step(f"annotated.{fmt}", "annotated", (fmt,),
                          every_json + (built("graph.json"),) + layout + manifest, SERIES_RULE))
    steps.append(Step("index.html", "report", (), every_json + (built("graph.json"),) + manifest, SERIES_RULE))
    _refuse_colliding_names(steps, series)
    return Plan(series, out, tuple(steps), notes)


def _refuse_colliding_names(steps: Sequence[Step], series: Series) -> None:
    """Two steps writing one file (ids ``a-b``, ``c`` and ``a``, ``b-c`` both make ``a-b-c``) would
    silently leave one redline only."""
    seen: dict[str, Step] = {}
    for step in steps:
        if step.name in seen and seen[step.name].args != step.args:
            raise UsageError(f"draft ids {'/'.join(seen[step.name].args[:2])} and {'/'.join(step.args[:2])} both "
                             f"name the build file {step.name}; rename one of the drafts", series.manifest)
        seen[step.name] = step


# --- running --------------------------------------------------------------------------------------

class Workspace:
    """What steps share: drafts read from the build's JSON, alignments, the graph, each made once."""

    def __init__(self, the_plan: Plan) -> None:
        self.plan = the_plan
        self._drafts: dict[str, Draft] = {}
        self._alignments: dict[tuple[str, str], Alignment] = {}
        self._graph: Any = None
        self._redlines: dict[tuple[str, str], Any] = {}

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

    def graph(self) -> Any:
        if self._graph is None:
            from ..provenance.graph import load

            self._graph = load(self.plan.path("graph.json"))
        return self._graph

    def remember(self, entry_id: str, draft: Draft) -> None:
        self._drafts[entry_id] = draft


def _entry(series: Series, kind: str, entry_id: str) -> Entry:
    entries = series.drafts if kind == "draft" else series.sources
    return next(e for e in entries if e.id == entry_id)


def _run_parse(ws: Workspace, step: Step) -> str:
    from ..parse import parse_file
    from ..render import render

    kind, entry_id = step.args
    entry = _entry(ws.series, kind, entry_id)
    draft = parse_file(entry.path, draft_id=entry.id, profile=entry.profile, date=entry.date)
    ws.remember(entry.id, draft)
    return str(render("draft", draft, "json"))


def _run_redline(ws: Workspace, step: Step) -> str | bytes:
    from ..render import render

    old, new, fmt = step.args
    redline = ws.redline(old, new)
    return render("redline", redline, fmt, author=AUTHOR, date=ws.draft(new).date, base="new")


def _run_graph(ws: Workspace, step: Step) -> bytes:
    from ..provenance.graph import build_graph, to_bytes

    (fmt,) = step.args
    if fmt == "json":
        pairs = zip(ws.series.drafts, ws.series.drafts[1:])
        graph = build_graph(ws.drafts(), ws.sources(), labels=ws.labels(),
                            alignments=[ws.alignment(a.id, b.id) for a, b in pairs])
        data = to_bytes(graph, "json")
        return data
    return to_bytes(ws.graph(), fmt)


def _run_annotated(ws: Workspace, step: Step) -> str | bytes:
    from ..provenance.annotate import annotate
    from ..render import render

    (fmt,) = step.args
    annotated = annotate(ws.drafts(), ws.sources(), ws.graph(), labels=ws.labels(),
                         alignments=[ws.alignment(a.id, b.id) for a, b in zip(ws.series.drafts, ws.series.drafts[1:])])
    final = ws.series.drafts[-1].id
    links = {pair: redline_name(pair[0], pair[1], "html") for pair in redline_pairs(ws.series)}
    return render("annotated", annotated, fmt, notes=ws.plan.notes, author=AUTHOR, date=ws.draft(final).date,
                  redlines=links)


def _run_report(ws: Workspace, step: Step) -> str | bytes:
    from ..render import render

    return render("report", report_data(ws), "html")


_ACTIONS: dict[str, Callable[[Workspace, Step], str | bytes]] = {
    "parse": _run_parse,
    "redline": _run_redline,
    "graph": _run_graph,
    "annotated": _run_annotated,
    "report": _run_report,
}


def run_step(ws: Workspace, step: Step) -> Path:
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
    if not only:
        for step in plan(series, out_dir, notes).steps:  # a bad series is refused before staging starts
            check_output(Path(out_dir) / step.name, series_files(series))
        with staged_folder(out_dir) as staging:
            built = _build_steps(series, staging, progress, notes, ())
        return [Path(out_dir) / path.relative_to(staging) for path in built]
    return _build_steps(series, out_dir, progress, notes, only)


def _build_steps(series: Series, out_dir: str | Path, progress: Progress | None, notes: str,
                 only: Sequence[str]) -> list[Path]:
    the_plan = plan(series, out_dir, notes)
    steps = [the_plan.step(name) for name in only] if only else list(the_plan.steps)
    for step in steps:  # refuse before anything is written, not half-way through
        check_output(the_plan.path(step.name), series_files(series))
    workspace = Workspace(the_plan)
    written = []
    for number, step in enumerate(steps, 1):
        if progress is not None:
            progress(number, len(steps), step)
        written.append(run_step(workspace, step))
    return written


# --- the report's figures -------------------------------------------------------------------------

@dataclass(frozen=True)
class Output:
    """A file of the build as the report lists it."""

    group: str  # Drafts | Redlines | Provenance graph | Annotated final draft
    label: str
    href: str  # relative to the build folder


@dataclass(frozen=True)
class ReportData:
    """What index.html shows, every figure computed from the build's own files.

    drafts:    (id, label, date, number of provisions) in negotiation order
    rounds:    "Zero draft -> Rev. 1" names of the successive rounds
    sections:  names of the objectives/sections that changed in some round (rows of the heat map)
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


_BRACKET = re.compile(r"\[[^\[\]]*\]?")


def open_brackets(draft: Draft) -> int:
    """Bracketed passages still in a draft (each "[" opens one; an unclosed one counts too)."""
    return sum(len(_BRACKET.findall(p.text)) for p in draft)


def _heading_of(draft: Draft, provision_id: str) -> str | None:
    """The nearest heading enclosing a provision (itself for a heading): its objective, usually."""
    from ..model import Kind

    chain = (draft.get(provision_id),) + draft.ancestors(provision_id)
    return next((p.id for p in chain if p.kind is Kind.HEADING), None)


def _section_name(draft: Draft, heading_id: str | None) -> str:
    from ..provenance.annotate import cite

    if heading_id is None:
        return "Outside any heading"
    heading = draft.get(heading_id)
    title = heading.text or heading.label.rstrip(":") or heading_id
    named = cite(draft, heading_id)
    if named.startswith(("objective", "section", "annex", "recommendation")):
        return f"{named[:1].upper()}{named[1:]}: {title}" if heading.text else named.capitalize()
    return title


def _words_changed(redline: Any) -> dict[str, int]:
    """Words inserted plus deleted per heading (objective) name in one round."""
    from ..diff import DELETE, INSERT
    from ..diff.tokens import count_words

    totals: dict[str, int] = {}
    for entry in redline.entries:
        changed = sum(count_words(op.text) for op in entry.ops if op.op in (INSERT, DELETE))
        if not changed:
            continue
        draft, ids = (redline.new, entry.new) if entry.in_new and entry.new else (redline.old, entry.old)
        name = _section_name(draft, _heading_of(draft, ids[0]))
        totals[name] = totals.get(name, 0) + changed
    return totals


def _moves(alignment: Alignment) -> tuple[int, int, int, int]:
    from ..model import LinkKind

    added = sum(len(l.new) for l in alignment.links if l.kind is LinkKind.INSERTED)
    deleted = sum(len(l.old) for l in alignment.links if l.kind is LinkKind.DELETED)
    moved = sum(len(l.new) for l in alignment.links if l.kind is LinkKind.MOVED)
    reworded = sum(len(l.new) for l in alignment.links if l.kind is not LinkKind.MOVED and l.is_a(LinkKind.MODIFIED))
    return added, deleted, moved, reworded


def _coverage(ws: Workspace) -> tuple[tuple[str, float, int, int], ...]:
    from ..model import Kind
    from ..provenance.annotate import SOURCE_RELATIONS, _edge_kind

    graph = ws.graph()
    final = ws.series.drafts[-1].id
    labels = ws.labels()
    rows = []
    for source in ws.sources():
        items = [p for p in source if p.kind is not Kind.HEADING]
        covered = 0
        for provision in items:
            node = f"{source.id}:{provision.id}"
            if node not in graph:
                continue
            edges = list(graph.in_edges(node, keys=True, data=True)) + list(
                graph.out_edges(node, keys=True, data=True))
            if any(_edge_kind(d, k) in SOURCE_RELATIONS and (str(u).startswith(final + ":")
                                                             or str(v).startswith(final + ":"))
                   for u, v, k, d in edges):
                covered += 1
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
        elif step.action == "annotated":
            kind = "Word, with notes" if step.args[0] == "docx" else "HTML, notes beside the text"
            outputs.append(Output("Annotated final draft", f"{labels[the_plan.series.drafts[-1].id]} ({kind})",
                                  step.name))
    return tuple(outputs)


def report_data(ws: Workspace) -> ReportData:
    """Every figure of the report, from the parsed drafts, their redlines and the graph."""
    from ..model import Kind

    series = ws.series
    labels = ws.labels()
    drafts = ws.drafts()
    pairs = list(zip(series.drafts, series.drafts[1:]))
    rounds = tuple(f"{labels[a.id]} \u2192 {labels[b.id]}" for a, b in pairs)
    per_round = [_words_changed(ws.redline(a.id, b.id)) for a, b in pairs]
    order: list[str] = []
    for draft in reversed(drafts):  # headings in the final draft's order, then those only older drafts had
        for provision in draft:
            name = _section_name(draft, provision.id) if provision.kind is Kind.HEADING else None
            if name and name not in order and any(name in changed for changed in per_round):
                order.append(name)
    order += sorted({name for changed in per_round for name in changed} - set(order))
    counts = [_moves(ws.alignment(a.id, b.id)) for a, b in pairs]
    moves = {name: tuple(c[i] for c in counts) for i, name in enumerate(("added", "deleted", "moved", "reworded"))}
    return ReportData(
        title=series.title or Path(str(series.manifest or "series")).parent.name,
        drafts=tuple((d.id, labels[d.id], d.date, len(d)) for d in drafts),
        rounds=rounds,
        sections=tuple(order),
        words=tuple(tuple(counts.get(name, 0) for counts in per_round) for name in order),
        moves=moves,
        brackets=tuple(open_brackets(d) for d in drafts),
        coverage=_coverage(ws),
        outputs=_outputs(ws.plan),
    )


# --- make -----------------------------------------------------------------------------------------

def _make_path(path: str) -> str:
    if _MAKE_UNSAFE.search(path):
        raise UsageError(f"make cannot handle the path {path!r} (spaces, colons and the like); "
                         "use 'compactdraft build' instead, which has no such limit")
    return path


def make_rules(the_plan: Plan) -> list[tuple[list[Step], list[str]]]:
    """The plan's steps grouped by make rule, in plan order: each rule's steps and its prerequisites
    (every input of its steps that is not made by the rule itself)."""
    rules: dict[str, list[Step]] = {}
    for step in the_plan.steps:
        rules.setdefault(step.rule_name, []).append(step)
    result = []
    for steps in rules.values():
        made = {str(the_plan.path(s.name)) for s in steps}
        inputs = [i for s in steps for i in s.inputs if i not in made]
        result.append((steps, list(dict.fromkeys(inputs))))
    return result


def makefile_rules(series_dir: str, out_dir: str, notes: str = "comments", command: str = "$(COMPACTDRAFT)"
                   ) -> str:
    """The build plan as make rules: one rule per output, or one grouped rule (``a b &: ...``, GNU make
    4.3) for outputs that share their work, its recipe running those steps in one process.

    ``series_dir`` and ``out_dir`` are written as given, so the rules work from the folder make runs in.
    """
    from ..parse.series import series_from_paths

    the_plan = plan(series_from_paths([series_dir]), out_dir, notes)
    base = f"{command} build {_make_path(series_dir)} -o {_make_path(out_dir)} --notes {notes}"
    outputs = [str(the_plan.path(s.name)) for s in the_plan.steps]
    lines = [
        "# Generated by 'compactdraft build --print-makefile' from the series manifest; do not edit.",
        "# make regenerates it when the manifest changes (see build.mk).",
        f"BUILD_RULES_FOR := {series_dir}|{out_dir}|{notes}",
        "BUILD_OUTPUTS := " + " ".join(_make_path(o) for o in outputs),
        "",
    ]
    for steps, inputs in make_rules(the_plan):
        targets = " ".join(_make_path(str(the_plan.path(s.name))) for s in steps)
        separator = " &:" if len(steps) > 1 else ":"
        lines.append(f"{targets}{separator} {' '.join(_make_path(i) for i in inputs)}")
        lines.append(f"\t{base} " + " ".join(f"--step {s.name}" for s in steps))
        lines.append("")
    return "\n".join(lines)
