"""Accuracy of the source links against a truth file, and the precision/recall curve over thresholds.

The truth file (``drafts/truth.json``) lists, for provisions of the drafts, their true source provisions::

    {"sources": [{"provision": "rev1:para.19", "sources": ["decl:para.41", "report:rec.5"], "how": [...]}]}

Predicted links are the graph's cites/reuses/paraphrases/elaborates edges from those provisions to
loaded source provisions. The competitive cuts (per provision and per source, mutual best below the
threshold) make a graph at one threshold no subset of a graph at a lower one, so the curve builds one
graph per threshold.

Run ``python -m compactdraft.provenance.evaluate drafts/`` to print the curve as a Markdown table.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from ..errors import InputError
from .graph import PROVENANCE, edges_of_type

THRESHOLDS = (0.2, 0.25, 0.3, 0.34, 0.36, 0.38, 0.4, 0.42, 0.45, 0.5, 0.55, 0.6, 0.7)


@dataclass(frozen=True)
class Score:
    threshold: float
    precision: float
    recall: float
    true_positives: int
    predicted: int
    expected: int


def load_truth(path: str | Path) -> dict[str, set[str]]:
    """provision node -> its true source nodes."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return {str(item["provision"]): {str(s) for s in item["sources"]} for item in data["sources"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"not a truth file with a 'sources' list ({exc})", path) from None


def predicted_links(graph: nx.MultiDiGraph, provisions: Iterable[str], threshold: float,
                    relative: float = 0.0) -> dict[str, set[str]]:
    """Source links kept at ``threshold`` (and, for a graph built with no relative cut, at ``relative``)."""
    found: dict[str, set[str]] = {}
    for node in provisions:
        targets = set()
        found_edges = edges_of_type(graph, node, PROVENANCE) if node in graph else []
        to_sources = [(v, d) for _, v, d in found_edges if graph.nodes[v]["role"] == "source"]
        best = max((d["score"] for _, d in to_sources if d["type"] != "cites"), default=0.0)
        floor = max(threshold, relative * best)
        for target, data in to_sources:
            if data["type"] == "cites" or data["score"] >= floor:
                targets.add(target)
        found[node] = targets
    return found


def score(graph: nx.MultiDiGraph, truth: Mapping[str, set[str]], threshold: float, relative: float = 0.0) -> Score:
    predicted = predicted_links(graph, truth, threshold, relative)
    hits = sum(len(predicted[node] & expected) for node, expected in truth.items())
    n_predicted = sum(len(p) for p in predicted.values())
    n_expected = sum(len(e) for e in truth.values())
    return Score(threshold, hits / n_predicted if n_predicted else 1.0, hits / n_expected if n_expected else 1.0,
                 hits, n_predicted, n_expected)


def curve(graph: nx.MultiDiGraph, truth: Mapping[str, set[str]], thresholds: Sequence[float] = THRESHOLDS,
          relative: float = 0.0) -> list[Score]:
    return [score(graph, truth, t, relative) for t in thresholds]


def markdown(scores: Sequence[Score]) -> str:
    lines = ["| threshold | precision | recall | correct / predicted / true links |", "|---|---|---|---|"]
    lines += [f"| {s.threshold:.2f} | {s.precision:.3f} | {s.recall:.3f} | {s.true_positives} / {s.predicted} / "
              f"{s.expected} |" for s in scores]
    return "\n".join(lines) + "\n"


def main(series: str) -> str:
    from . import series_graph

    truth = load_truth(Path(series) / "truth.json")
    from dataclasses import replace

    return markdown([replace(score(series_graph([series], threshold=t), truth, 0.0), threshold=t) for t in THRESHOLDS])


if __name__ == "__main__":
    import sys

    print(main(sys.argv[1] if len(sys.argv) > 1 else "drafts"), end="")
