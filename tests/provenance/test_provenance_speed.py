"""The provenance build's shortcuts give exactly what the plain computation gives.

The graph build judges each distinct provision text once, reuses a source's seed table across
comparisons; each test below pins one shortcut to the
straightforward result it replaces.
"""
from __future__ import annotations

import json
import math

import networkx as nx

from compactdraft.model import Draft, Kind, Provision
from compactdraft.provenance.graph import build_graph, to_bytes
from compactdraft.provenance.reuse import Weights, _seeds, _words, shared_passages
from compactdraft.provenance.text import content_stems

DECL = "We commit to strengthening global governance of migration and to enhancing cooperation on return."
REPEATED = ("States will cooperate to ensure safe and dignified return, and States will cooperate to ensure "
            "safe and dignified return and readmission of migrants in all cases.")


def _draft(doc_id: str, texts: dict[str, str]) -> Draft:
    return Draft(doc_id, "", tuple(Provision(i, f"{i.rsplit('.', 1)[1]}.", Kind.OPERATIVE, t)
                                   for i, t in texts.items()))


def _links(graph: nx.MultiDiGraph, node: str) -> list[tuple[str, str, str]]:
    return sorted((v, d["type"], d["evidence"]) for _, v, d in graph.out_edges(node, data=True)
                  if d["type"] in ("reuses", "paraphrases"))


def test_a_text_repeated_across_drafts_gets_the_same_links_and_a_changed_one_its_own() -> None:
    source = _draft("decl", {"para.41": DECL, "para.42": REPEATED})
    zero = _draft("zero", {"para.1": DECL + " It will be reviewed.", "para.2": REPEATED})
    # rev1 keeps para.2's text word for word; para.1 keeps its id but is rewritten to draw on para.42
    rev1 = _draft("rev1", {"para.1": "States will cooperate to ensure safe and dignified return and "
                           "readmission of migrants.", "para.2": REPEATED})
    graph = build_graph([zero, rev1], [source], alignments=[])
    assert _links(graph, "zero:para.2") == _links(graph, "rev1:para.2") != []
    assert [v for v, _, _ in _links(graph, "zero:para.1")] == ["decl:para.41"]
    assert [v for v, _, _ in _links(graph, "rev1:para.1")] == ["decl:para.42"]


def test_passages_from_the_cached_seed_table_equal_those_built_afresh() -> None:
    targets = [REPEATED, "and States will cooperate to ensure safe and dignified return of all migrants",
               "Nothing in common with the source at all here."]
    for target in targets:
        _words.cache_clear()
        _seeds.cache_clear()
        fresh = shared_passages(REPEATED, target)
        assert shared_passages(REPEATED, target) == fresh
        assert shared_passages(REPEATED, target) == fresh  # the second call reads the cache


def test_cached_idf_is_the_formula() -> None:
    texts = [DECL, REPEATED, "Return and readmission remain a shared responsibility."]
    weights = Weights(texts)
    for term in set(content_stems(" ".join(texts))) | {"unseen"}:
        expected = math.log((1 + 3) / (1 + sum(term in content_stems(t) for t in texts))) + 1.0
        assert weights.idf(term) == expected and weights.idf(term) == expected


def test_graph_json_file_of_a_real_graph_is_what_json_dumps_writes(gcm: Draft, corpus) -> None:
    from compactdraft.parse import parse_file

    nyd = parse_file(corpus / "nyd_a_res_71_1_partial.txt", draft_id="nyd")
    graph = build_graph([gcm], [nyd])
    expected = json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1, sort_keys=True)
    assert to_bytes(graph, "json") == (expected + "\n").encode("utf-8")
    assert any(d["type"] in ("reuses", "paraphrases") for _, _, d in graph.edges(data=True))
