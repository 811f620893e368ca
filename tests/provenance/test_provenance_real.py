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
