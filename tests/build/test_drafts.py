"""The sample series in drafts/: it parses as a reader of the printed drafts expects, truth.json agrees
with the parsed texts, and drafts/generate.py reproduces every committed file byte for byte."""
from __future__ import annotations

import importlib.util
import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from compactdraft.model import Draft, Kind, LinkKind
from compactdraft.parse.series import Series, load_drafts, load_manifest, load_sources

DRAFTS = Path(__file__).resolve().parents[2] / "drafts"

KINDS = {kind.value for kind in LinkKind}
HOWS = {"quotes", "paraphrases", "cites"}


@pytest.fixture(scope="module")
def series() -> Series:
    return load_manifest(DRAFTS)


@pytest.fixture(scope="module")
def drafts(series: Series) -> dict[str, Draft]:
    return {draft.id: draft for draft in load_drafts(series)}


@pytest.fixture(scope="module")
def sources(series: Series) -> dict[str, Draft]:
    return {source.id: source for source in load_sources(series)}


@pytest.fixture(scope="module")
def truth() -> dict:
    return json.loads((DRAFTS / "truth.json").read_text(encoding="utf-8"))


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compactdraft_sample_generate", DRAFTS / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    return module


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text.lower())


def longest_shared_run(a: str, b: str) -> int:
    left, right = words(a), words(b)
    best, previous = 0, [0] * (len(right) + 1)
    for word in left:
        current = [0] * (len(right) + 1)
        for j, other in enumerate(right, 1):
            if word == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


# --- the manifest and the parsed drafts -------------------------------------------------------------

def test_manifest_lists_four_rounds_in_order_and_two_sources(series: Series) -> None:
    assert [e.id for e in series.drafts] == ["zero", "rev1", "rev2", "final"]
    assert [e.id for e in series.sources] == ["decl", "report"]
    dates = [e.date for e in series.drafts]
    assert dates == sorted(dates) and all(re.fullmatch(r"\d{4}-\d\d-\d\d", d or "") for d in dates)
    assert series.title and all(e.path.suffix == ".docx" and e.path.exists() for e in series.drafts + series.sources)


def test_each_draft_has_a_preamble_objectives_commitments_and_actions(drafts: dict[str, Draft]) -> None:
    for draft in drafts.values():
        assert draft.format == "docx" and draft.profile == "un-compact" and not draft.warnings
        assert len(draft) >= 80, draft.id
        assert draft.get("preamble").kind is Kind.HEADING
        assert sum(p.kind is Kind.PREAMBULAR for p in draft) >= 5
        objectives = [p for p in draft if p.id.startswith("obj.")]
        assert len(objectives) >= 8
        assert [p.id for p in objectives] == [f"obj.{n}" for n in range(1, len(objectives) + 1)]
        for heading in objectives:
            (commitment,) = [p for p in draft.children(heading.id) if p.kind is Kind.COMMITMENT]
            assert commitment.text.startswith("We commit to")
            chapeau, *actions = draft.children(commitment.id)
            assert chapeau.kind is Kind.CHAPEAU and chapeau.id == f"{commitment.id}.text.1"
            assert actions and all(a.kind is Kind.ACTION for a in actions)
            letters = [a.id.rsplit(".", 1)[1] for a in actions]
            assert letters == [chr(97 + n) for n in range(len(actions))], f"{draft.id}:{commitment.id} {letters}"


def test_paragraph_numbers_run_continuously_through_each_draft(drafts: dict[str, Draft]) -> None:
    for draft in drafts.values():
        numbers = [int(p.id.split(".")[1]) for p in draft if re.fullmatch(r"para\.\d+", p.id)]
        assert numbers == list(range(1, len(numbers) + 1)), draft.id


def test_drafts_use_word_automatic_numbering_not_typed_numbers(series: Series) -> None:
    for entry in series.drafts + series.sources:
        with zipfile.ZipFile(entry.path) as package:
            body = package.read("word/document.xml").decode("utf-8")
            numbering = package.read("word/numbering.xml").decode("utf-8")
        assert body.count("<w:numPr>") >= 5, entry.id
        assert all(f'w:val="{fmt}"' in numbering for fmt in ("decimal", "lowerLetter", "lowerRoman"))
        assert 'w:val="%1."' in numbering and 'w:val="(%2)"' in numbering
        typed = re.findall(r"<w:t(?: [^>]*)?>(?:\d+\.|\([a-z]+\)) ", body)
        assert not typed, f"{entry.id}: numbers typed into the text: {typed[:3]}"


def test_sources_have_annexes_restarting_at_one_and_numbered_recommendations(sources: dict[str, Draft]) -> None:
    declaration, report = sources["decl"], sources["report"]
    for annex in ("annex.I", "annex.II"):
        assert f"{annex}.para.1" in declaration and declaration.get(f"{annex}.para.1").parent == annex
    assert "annex.II.para.8.b" in declaration and "annex.I.para.4.e" in declaration
    assert "para.32" in declaration
    recommendations = [p.id for p in report if p.id.startswith("rec.")]
    assert recommendations == [f"rec.{n}" for n in range(1, 15)]
    assert report.get("rec.5").text.startswith("States should")


# --- truth.json against the parsed drafts --------------------------------------------------------------

def test_truth_covers_every_provision_exactly_once_per_step(truth: dict, drafts: dict[str, Draft]) -> None:
    assert truth["schema"] == "compactdraft/truth/1" and truth["drafts"] == list(drafts)
    assert [(s["old"], s["new"]) for s in truth["steps"]] == list(zip(truth["drafts"], truth["drafts"][1:]))
    for step in truth["steps"]:
        old, new = drafts[step["old"]], drafts[step["new"]]
        old_ids = Counter(i for link in step["links"] for i in link["old"])
        new_ids = Counter(i for link in step["links"] for i in link["new"])
        assert old_ids == Counter(p.id for p in old), step["old"]
        assert new_ids == Counter(p.id for p in new), step["new"]


def test_truth_link_kinds_agree_with_the_parsed_texts(truth: dict, drafts: dict[str, Draft]) -> None:
    for step in truth["steps"]:
        old, new = drafts[step["old"]], drafts[step["new"]]
        for link in step["links"]:
            kind, also = link["kind"], set(link["also"])
            assert kind in KINDS and also <= KINDS, link
            if kind in ("unchanged", "modified", "renumbered", "moved"):
                (a,), (b,) = link["old"], link["new"]
                same_text = old.get(a).text == new.get(b).text
                if kind == "unchanged":
                    assert a == b and same_text, link
                elif kind == "renumbered":
                    assert a != b and same_text, link
                elif kind == "modified":
                    assert not same_text and (a != b) == ("renumbered" in also), link
                else:  # moved: to another objective or section, reworded or not
                    assert old.section_of(a).text != new.section_of(b).text or old.get(a).parent != new.get(b).parent
                    assert same_text != ("modified" in also), link
            elif kind == "split":
                assert len(link["old"]) == 1 and len(link["new"]) >= 2
            elif kind == "merged":
                assert len(link["old"]) >= 2 and len(link["new"]) == 1
            elif kind == "deleted":
                assert link["old"] and not link["new"]
            else:
                assert link["new"] and not link["old"]


def test_the_series_exercises_every_kind_of_edit(truth: dict, drafts: dict[str, Draft]) -> None:
    seen = Counter((link["kind"], tuple(link["also"])) for step in truth["steps"] for link in step["links"])
    for wanted in [("unchanged", ()), ("modified", ()), ("renumbered", ()), ("modified", ("renumbered",)),
                   ("moved", ()), ("moved", ("modified",)), ("split", ()), ("merged", ()), ("deleted", ()),
                   ("inserted", ())]:
        assert seen[wanted], wanted
    # edits are realistic in density: most provisions come through a round untouched or only renumbered
    for step in truth["steps"]:
        quiet = sum(link["kind"] in ("unchanged", "renumbered") for link in step["links"])
        assert quiet / len(step["links"]) > 0.75, (step["old"], step["new"])


def test_brackets_and_alternatives_open_in_one_round_and_are_resolved_by_the_final(drafts: dict[str, Draft]) -> None:
    bracketed = {d.id: [p.id for p in d if re.search(r"\[[^\]]+\]", p.text)] for d in drafts.values()}
    alternatives = [p.id for d in drafts.values() for p in d if re.search(r"\[[^\]]+ / [^\]]+\]", p.text)]
    assert bracketed["zero"] and bracketed["rev1"] and bracketed["rev2"] and alternatives
    assert bracketed["final"] == []


def test_truth_sources_exist_and_are_borne_out_by_the_texts(truth: dict, drafts: dict[str, Draft],
                                                            sources: dict[str, Draft]) -> None:
    listed = {entry["provision"] for entry in truth["sources"]}
    for draft in drafts.values():
        wanted = {f"{draft.id}:{p.id}" for p in draft if p.kind in (Kind.COMMITMENT, Kind.ACTION)}
        assert wanted <= listed, sorted(wanted - listed)[:5]
    linked = 0
    for entry in truth["sources"]:
        draft_id, _, provision_id = entry["provision"].partition(":")
        provision = drafts[draft_id].get(provision_id)
        assert len(entry["sources"]) == len(entry["how"]) and set(entry["how"]) <= HOWS
        for source, how in zip(entry["sources"], entry["how"]):
            source_id, _, source_provision = source.partition(":")
            target = sources[source_id].get(source_provision)
            linked += 1
            if how == "quotes":
                assert longest_shared_run(provision.text, target.text) >= 7, (entry, source)
            if how == "cites":
                number = re.search(r"(\d+|[IVX]+)(?:\.[a-z])?$", source_provision).group(1)
                assert re.search(rf"\b{number}\b", provision.text), (entry, source)
    commitments = [e for e in truth["sources"] if e["provision"].startswith("final:")]
    assert linked >= 150 and sum(bool(e["sources"]) for e in commitments) >= 40


# --- reproducibility --------------------------------------------------------------------------------

def test_generate_reproduces_every_committed_file_byte_for_byte(tmp_path: Path) -> None:
    generator = load_generator()
    written = generator.generate(tmp_path)
    assert len(written) == 8
    for path in written:
        relative = path.relative_to(tmp_path)
        assert path.read_bytes() == (DRAFTS / relative).read_bytes(), f"{relative} differs: rerun drafts/generate.py"


def test_generate_refuses_a_quote_the_texts_do_not_bear_out() -> None:
    generator = load_generator()
    drafts_printed, _ = generator.build_series()
    draft_id, printed = drafts_printed[0]
    sources = {"decl": {p.id: p for p in generator.number(generator.declaration())},
               "report": {p.id: p for p in generator.number(generator.report())}}
    wrong = [generator.Printed(p.key, p.id, p.role, p.label, p.text, p.parent_key, p.level, p.list_id,
                               (("decl:para.1", "quotes"),) if p.role == "item" else p.sources) for p in printed]
    with pytest.raises(SystemExit, match="quote decl:para.1"):
        generator.check_sources(draft_id, wrong, sources)
