"""The build report's figures are the figures of `stats`, `coverage` and `align`: computed here by the
functions behind those commands, from the sample series' own files, and compared with the report's."""
from __future__ import annotations

from pathlib import Path

import pytest

from compactdraft.align import align
from compactdraft.build import Workspace, build, plan
from compactdraft.build.figures import report_data, section_name
from compactdraft.model import Kind
from compactdraft.parse.series import load_drafts, load_manifest
from compactdraft.provenance import open_graph
from compactdraft.provenance.coverage import coverage
from compactdraft.redline import compare_files
from compactdraft.redline.stats import redline_stats
from compactdraft.render.alignment import summary

DRAFTS = Path(__file__).resolve().parents[2] / "drafts"


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory):
    if not (DRAFTS / "series.toml").exists():
        pytest.skip("the sample series drafts/series.toml is not there")
    series = load_manifest(DRAFTS)
    out = tmp_path_factory.mktemp("figures")
    needed = [s.name for s in plan(series, out).steps if s.action == "parse"] + ["graph.json"]
    build(series, out, only=needed)
    return series, report_data(Workspace(plan(series, out)))


def _rounds(series):
    return list(zip(series.drafts, series.drafts[1:]))


def test_words_and_provision_counts_are_those_of_stats(figures):
    series, data = figures
    for column, (old, new) in enumerate(_rounds(series)):
        total = redline_stats(compare_files(str(old.path), str(new.path))).total
        assert sum(row[column] for row in data.words) == total.words_inserted + total.words_deleted
        got = {name: values[column] for name, values in data.moves.items()}
        assert got == {"added": total.added, "deleted": total.deleted, "moved": total.moved,
                       "reworded": total.modified}


def test_reworded_is_what_align_calls_modified(figures):
    series, data = figures
    drafts = load_drafts(series)
    for column, (old, new) in enumerate(zip(drafts, drafts[1:])):
        said = dict(reversed(part.split(" ", 1)) for part in summary(align(old, new).links).split(", "))
        assert int(said.get("modified", 0)) == data.moves["reworded"][column]


def test_coverage_is_that_of_the_coverage_command(figures):
    series, data = figures
    result = coverage(open_graph([str(DRAFTS)]))
    for source, (label, share, covered, total) in zip(series.sources, data.coverage):
        items = [s for s in result.sources if s.document == source.id]
        assert (label, covered, total) == (source.label, sum(1 for s in items if s.reflections), len(items))
        assert share == round(covered / total, 4)


def test_heat_map_has_each_final_heading_once(figures):
    series, data = figures
    final = load_drafts(series)[-1]
    names = [section_name(final, p.id) for p in final if p.kind is Kind.HEADING]
    assert len(data.sections) == len(set(data.sections))
    assert list(data.sections[:len(names)]) == list(dict.fromkeys(names))
    assert len(data.words) == len(data.sections)
