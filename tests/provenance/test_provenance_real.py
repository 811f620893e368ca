"""Provenance on real text against hand labels (tests/support/provenance_real_labels.json, rules in
docs/provenance.md): the held-out part's precision and recall, and chapeaux that must get no link."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import provenance_stress as ps
import pytest

from compactdraft.provenance.coverage import coverage


@pytest.fixture(scope="module")
def real(corpus: Path) -> nx.MultiDiGraph:
    return ps.real_graph(corpus)


@pytest.mark.xfail(strict=True, reason="targets of issue 14 not reached: held-out P 0.67 / R 0.22 measured "
                                       "(docs/provenance.md); strict, so reaching them turns this red")
def test_held_out_real_text_reaches_the_targets(real: nx.MultiDiGraph) -> None:
    score = ps.real_score(real, "held_out")
    assert score.precision >= 0.85 and score.recall >= 0.6, score


def test_real_text_does_not_fall_back_to_the_old_noise(real: nx.MultiDiGraph) -> None:
    """Before issue 14 the same set scored P 0.04 / R 0.06 (one defect, every chapeau linked)."""
    for split in ("calibration", "held_out"):
        score = ps.real_score(real, split)
        assert score.precision >= 0.3 and score.recall >= 0.2, score


def test_no_chapeau_covers_a_source_or_is_new_text(corpus: Path) -> None:
    nyd = [d for d in ps.real_documents(corpus)[1] if d.id in ("nyd", "nydd")]
    draft = ps.real_documents(corpus)[0]
    from compactdraft.provenance.graph import build_graph

    graph = build_graph([draft], nyd, alignments=[])
    found = coverage(graph)
    chapeaux = {f"gcm:{p.id}" for p in draft.provisions if p.text.startswith("To realize this commitment")}
    assert len(chapeaux) == 23
    assert not chapeaux & {r.node for s in found.sources for r in s.reflections}
    assert not chapeaux & set(found.new_text)


def test_a_compact_element_taken_up_by_a_commitment_is_an_elaboration_with_its_evidence(
        real: nx.MultiDiGraph) -> None:
    import json

    (data,) = [d for u, v, d in real.edges(data=True) if (u, v) == ("gcm:para.33", "nyd:annex.II.u")]
    evidence = json.loads(data["evidence"])
    assert data["type"] == "elaborates" and evidence["elaboration"] >= data["score"] - 1e-4
    assert evidence["competitors"] and all(score <= data["score"] for _, score in evidence["competitors"])
    # the element is not linked to the commitment's own actions as well
    assert not any(u.startswith("gcm:para.33.") and v == "nyd:annex.II.u" for u, v in real.edges())


def test_chinese_and_japanese_are_compared_per_character() -> None:
    from compactdraft.provenance.text import words_of

    assert words_of("全球移民契约 safe migration") == ["全", "球", "移", "民", "契", "约", "safe", "migration"]
    assert words_of("移民の権利") == ["移", "民", "の", "権", "利"]


def test_the_smuggling_protocol_is_one_instrument_by_any_of_its_names() -> None:
    from compactdraft.provenance.text import instruments

    long_name = "the Protocol against the Smuggling of Migrants by Land, Sea and Air"
    assert instruments(long_name) == instruments("the Smuggling Protocol") == ("#smuggling-protocol",)


def test_an_editorial_note_in_a_source_is_not_a_provision() -> None:
    from compactdraft.model import Kind, Provision
    from compactdraft.provenance.graph import _worth_linking

    note = Provision("annex.II.text.1", "", Kind.TEXT,
                     "[cont. of annex II para 8 -- chapeau and items (a)-(m) not found on A/RES/71/1 pages]")
    assert not _worth_linking(note)
