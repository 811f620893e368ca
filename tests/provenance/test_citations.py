"""The citation extractor: patterns, lists, ranges and resolution to loaded sources."""
from __future__ import annotations

import pytest

from compactdraft.model import Draft, Kind, Provision
from compactdraft.provenance.citations import extract, resolve


def _targets(text: str) -> list[tuple[str, str | None, tuple[str, ...]]]:
    return [(c.kind, c.document, c.targets) for c in extract(text)]


@pytest.mark.parametrize("symbol", ["A/RES/71/1", "A/71/728", "A/CONF.231/3", "A/71/L.1/Rev.1", "E/CN.3/2018/1"])
def test_un_symbols_are_found_whole_even_at_a_sentence_end(symbol: str) -> None:
    found = extract(f"As set out in {symbol}.")
    assert [(c.kind, c.document, c.text) for c in found] == [("symbol", symbol, symbol)]


def test_resolution_numbers_become_symbols_one_per_number() -> None:
    assert _targets("recalling resolutions 70/302 and 71/1") == [
        ("resolution", "A/RES/70/302", ()), ("resolution", "A/RES/71/1", ())]


def test_paragraph_of_a_named_document() -> None:
    assert _targets("paragraph 41 of the New York Declaration for Refugees and Migrants") == [
        ("provision", "New York Declaration for Refugees and Migrants", ("para.41",))]


def test_sub_paragraph_range_of_an_annex() -> None:
    assert _targets("paras. 8(b)-(d) of annex II") == [
        ("provision", None, ("annex.II.para.8.b", "annex.II.para.8.c", "annex.II.para.8.d"))]


def test_lists_and_number_ranges() -> None:
    assert _targets("paragraphs 12-14 and 17") == [("provision", None, ("para.12", "para.13", "para.14", "para.17"))]
    assert _targets("paragraph 8 (b) and (c) of its annex II") == [
        ("provision", None, ("annex.II.para.8.b", "annex.II.para.8.c"))]


def test_recommendations_single_list_and_range() -> None:
    assert _targets("recommendation 5") == [("recommendation", None, ("rec.5",))]
    assert _targets("recommendations 3, 5 and 7") == [("recommendation", None, ("rec.3", "rec.5", "rec.7"))]
    assert _targets("recommendations 7 to 9") == [("recommendation", None, ("rec.7", "rec.8", "rec.9"))]


def test_paragraph_of_a_resolution_names_the_resolution_symbol() -> None:
    found = extract("in accordance with paragraph 6 (b) of resolution 72/244")
    assert [(c.kind, c.document, c.targets) for c in found] == [("provision", "A/RES/72/244", ("para.6.b",))]
    assert found[0].text == "paragraph 6 (b) of resolution 72/244"


def test_spans_point_at_the_citation() -> None:
    text = "We act on recommendation 5 of the report."
    (citation,) = extract(text)
    assert text[citation.start:citation.end] == "recommendation 5"


def test_plain_text_has_no_citations() -> None:
    assert extract("We commit to strengthen the global evidence base on international migration.") == []


def _doc(doc_id: str, title: str, ids: list[str]) -> Draft:
    return Draft(doc_id, title, tuple(Provision(i, "", Kind.OPERATIVE, f"text of {i}") for i in ids))


def test_resolution_against_loaded_sources() -> None:
    nyd = _doc("nyd", "New York Declaration for Refugees and Migrants", ["para.41", "annex.II.para.8.b"])
    report = _doc("srsg", "Report of the Special Representative", ["rec.5"])
    draft = _doc("rev1", "", ["para.1"])
    (c1,) = extract("paragraph 41 of the New York Declaration")
    assert [t.node for t in resolve(c1, draft, [nyd, report])] == ["nyd:para.41"]
    (c2,) = extract("recommendation 5")
    assert [(t.node, t.resolved) for t in resolve(c2, draft, [nyd, report])] == [("srsg:rec.5", True)]
    (c3,) = extract("paragraph 41 of the Declaration")
    assert [t.node for t in resolve(c3, draft, [nyd], {"nyd": "Declaration"})] == ["nyd:para.41"]


def test_unloaded_or_missing_targets_stay_unresolved_nodes() -> None:
    nyd = _doc("nyd", "New York Declaration for Refugees and Migrants", ["para.41"])
    draft = _doc("rev1", "", ["para.1"])
    (c1,) = extract("paragraph 6 (b) of resolution 72/244")
    assert [(t.node, t.resolved) for t in resolve(c1, draft, [nyd])] == [("cite:A/RES/72/244#para.6.b", False)]
    (c2,) = extract("paragraph 99 of the New York Declaration")
    assert [(t.node, t.resolved) for t in resolve(c2, draft, [nyd])] == [
        ("cite:New York Declaration#para.99", False)]


def test_symbol_printed_in_a_source_identifies_it(corpus) -> None:
    from compactdraft.parse import parse_file

    nyd = parse_file(corpus / "nyd_a_res_71_1_partial.txt", draft_id="nyd")
    draft = _doc("rev1", "", ["para.1"])
    (citation,) = extract("paragraph 12 of resolution 71/1")
    assert [t.node for t in resolve(citation, draft, [nyd])] == ["nyd:para.12"]


def test_an_ilo_instrument_is_an_external_citation_not_a_report_recommendation() -> None:
    from compactdraft.provenance.citations import extract

    (found,) = extract("in line with ILO Recommendation 202 on national social protection floors")
    assert (found.kind, found.document, found.targets) == ("instrument", "ILO Recommendation 202", ())


def test_a_resolution_first_reference_names_that_resolutions_paragraph() -> None:
    from compactdraft.model import Draft, Kind, Provision
    from compactdraft.provenance.citations import extract, resolve

    (found,) = extract("as set out in the Declaration (resolution 71/1, annex II, para. 9)")
    assert (found.document, found.targets) == ("A/RES/71/1", ("annex.II.para.9",))
    citing = Draft("gcm", "", (Provision("para.9", "9.", Kind.OPERATIVE, "Our own paragraph nine."),))
    (target,) = resolve(found, citing, [citing])
    assert target.node != "gcm:para.9" and not target.resolved
