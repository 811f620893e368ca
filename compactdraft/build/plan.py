"""The build plan: which outputs are made from which inputs, one :class:`BuildStep` per output file.

The same plan drives both ways of building: :func:`compactdraft.build.run.build` runs it in one process,
:func:`compactdraft.build.rules.makefile_rules` prints it as make rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..parse.series import Series

NOTES = ("comments", "footnotes")
SERIES_RULE = "series"  # the make rule of every output that reads all drafts (graph, annotated, report)
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class BuildStep:
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
    steps: tuple[BuildStep, ...]
    notes: str = "comments"

    def step(self, name: str) -> BuildStep:
        for step in self.steps:
            if step.name == name:
                return step
        raise UsageError(f"no build step {name!r} (steps: {', '.join(s.name for s in self.steps)})")

    def path(self, name: str) -> Path:
        return self.out_dir / name


TRACES = "trace.html"
COVERAGE = "coverage.html"


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

    steps: list[BuildStep] = []
    for entry in series.drafts:
        steps.append(BuildStep(draft_json(entry.id), "parse", ("draft", entry.id), (str(entry.path),) + manifest))
    for entry in series.sources:
        steps.append(BuildStep(source_json(entry.id), "parse", ("source", entry.id), (str(entry.path),) + manifest))
    by_id = {entry.id: entry for entry in series.drafts}
    for old, new in redline_pairs(series):
        jsons = (built(draft_json(old)), built(draft_json(new)))
        rule = f"redlines/{old}-{new}"
        steps.append(BuildStep(redline_name(old, new, "html"), "redline", (old, new, "html"), jsons + manifest, rule))
        # the Word writer copies styles, numbering and paragraph layout from the drafts' own files
        layouts = (str(by_id[old].path), str(by_id[new].path))
        steps.append(BuildStep(redline_name(old, new, "docx"), "redline", (old, new, "docx"),
                          jsons + layouts + manifest, rule))
    every_json = tuple(built(draft_json(e.id)) for e in series.drafts) + tuple(
        built(source_json(e.id)) for e in series.sources)
    steps.append(BuildStep("graph.json", "graph", ("json",), every_json + manifest, SERIES_RULE))
    steps.append(BuildStep("graph.graphml", "graph", ("graphml",), (built("graph.json"),) + manifest, SERIES_RULE))
    final = series.drafts[-1]
    for fmt in ("docx", "html"):
        layout = (str(final.path),) if fmt == "docx" else ()
        steps.append(BuildStep(f"annotated.{fmt}", "annotated", (fmt,),
                          every_json + (built("graph.json"),) + layout + manifest, SERIES_RULE))
    graph_inputs = every_json + (built("graph.json"),) + manifest
    # the site's provenance pages: every provision of the final draft traced (one page, a section each)
    # and, when there are sources, how the final draft covers them
    steps.append(BuildStep(TRACES, "traces", (), graph_inputs, SERIES_RULE))
    if series.sources:
        steps.append(BuildStep(COVERAGE, "coverage", (), graph_inputs, SERIES_RULE))
    steps.append(BuildStep("index.html", "report", (), graph_inputs, SERIES_RULE))
    _refuse_colliding_names(steps, series)
    return Plan(series, out, tuple(steps), notes)


def _refuse_colliding_names(steps: list[BuildStep], series: Series) -> None:
    """Two steps writing one file (ids ``a-b``, ``c`` and ``a``, ``b-c`` both make ``a-b-c``) would
    silently leave one redline only."""
    seen: dict[str, BuildStep] = {}
    for step in steps:
        if step.name in seen and seen[step.name].args != step.args:
            raise UsageError(f"draft ids {'/'.join(seen[step.name].args[:2])} and {'/'.join(step.args[:2])} both "
                             f"name the build file {step.name}; rename one of the drafts", series.manifest)
        seen[step.name] = step


