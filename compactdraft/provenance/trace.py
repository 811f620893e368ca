"""The whole story of one provision: its versions back to the first draft, and where it came from.

:func:`trace` walks ``becomes`` edges backwards from the provision (taking the strongest predecessor
where several merged into it), attaches the word-level redline of each step (compactdraft.diff), and
collects the provenance links (cites / reuses / paraphrases) of every version, each with the source
text and the shared passages' character spans so that renderers can highlight them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ..diff import Op, diff_words
from ..errors import NotFoundError
from .graph import PROVENANCE, edges_of_type, graph_drafts


@dataclass(frozen=True)
class Step:
    """One version of the provision.

    node:  graph node (``rev1:para.19``); kind/score: the alignment link that produced it from the
    previous step ("" and 0 for the first version); ops: the redline from the previous version's text.
    """

    node: str
    document: str
    provision: str
    printed: str
    text: str
    kind: str = ""
    score: float = 0.0
    ops: tuple[Op, ...] = ()


@dataclass(frozen=True)
class SourceLink:
    """A provenance link of one of the versions.

    version: the draft node that holds the link; target: the source node (or citation node);
    passages: [source start, source end, target start, target end, words] spans for highlighting.
    """

    version: str
    target: str
    type: str
    kind: str
    score: float
    source_text: str
    version_text: str
    resolved: bool
    passages: tuple[tuple[int, int, int, int, int], ...] = ()
    citation: str = ""


@dataclass(frozen=True)
class Trace:
    node: str
    lineage: tuple[Step, ...]  # oldest first; the last step is the provision itself
    sources: tuple[SourceLink, ...]  # strongest first


def find_node(graph: nx.MultiDiGraph, wanted: str) -> str:
    """``rev2:para.17`` as given, or ``para.17`` in the last draft."""
    if wanted in graph:
        return wanted
    drafts = graph_drafts(graph)
    if ":" not in wanted and drafts and f"{drafts[-1]}:{wanted}" in graph:
        return f"{drafts[-1]}:{wanted}"
    raise NotFoundError(f"no provision {wanted!r} in the graph (give DRAFT:ID, e.g. "
                        f"{drafts[-1] if drafts else 'rev1'}:para.17, or an id of the last draft)")


def _predecessor(graph: nx.MultiDiGraph, node: str) -> tuple[str, dict[str, Any]] | None:
    incoming = edges_of_type(graph, node, ("becomes",), outgoing=False)
    if not incoming:
        return None
    u, _, data = max(incoming, key=lambda e: (e[2]["score"], e[0]))
    return u, data


def lineage(graph: nx.MultiDiGraph, node: str) -> tuple[Step, ...]:
    chain: list[tuple[str, dict[str, Any] | None]] = [(node, None)]
    seen = {node}
    while (found := _predecessor(graph, chain[-1][0])) is not None and found[0] not in seen:
        chain[-1] = (chain[-1][0], found[1])
        chain.append((found[0], None))
        seen.add(found[0])
    chain.reverse()
    steps = []
    previous_text: str | None = None
    for current, link in chain:
        data = graph.nodes[current]
        ops = diff_words(previous_text, data["text"]) if previous_text is not None else ()
        steps.append(Step(current, data["document"], data["provision"], data["printed"], data["text"],
                          link["kind"] if link else "", float(link["score"]) if link else 0.0, tuple(ops)))
        previous_text = data["text"]
    return tuple(steps)


def _source_links(graph: nx.MultiDiGraph, steps: tuple[Step, ...]) -> tuple[SourceLink, ...]:
    best: dict[tuple[str, str], SourceLink] = {}
    for step in steps:
        for _, target, data in edges_of_type(graph, step.node, PROVENANCE):
            evidence = json.loads(data["evidence"])
            link = SourceLink(step.node, target, data["type"], data["kind"], float(data["score"]),
                              graph.nodes[target]["text"], step.text, bool(evidence.get("resolved", True)),
                              tuple(tuple(p) for p in evidence.get("passages", ())),  # type: ignore[misc]
                              str(evidence.get("text", "")))
            key = (target, data["type"])
            # the latest version's evidence is what the reader sees in the text they hold
            if key not in best or link.score >= best[key].score:
                best[key] = link
    return tuple(sorted(best.values(), key=lambda s: (-s.score, s.target, s.type)))


def trace(graph: nx.MultiDiGraph, wanted: str) -> Trace:
    """The trace of one provision (``DRAFT:ID`` or an id of the last draft)."""
    node = find_node(graph, wanted)
    steps = lineage(graph, node)
    return Trace(node, steps, _source_links(graph, steps))
