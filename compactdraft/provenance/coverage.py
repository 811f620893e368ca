"""Coverage: which source provisions the compact reflects, where and how strongly; and its new text.

A source provision is reflected by a provision of the final draft when that provision cites, reuses or
paraphrases it, or when an earlier version of that provision did (the link was made in an earlier
round and the text carried on: ``via rev1:para.19``). Final provisions with no provenance link in any of
their versions are "new text", except stock text repeated across the draft (chapeaux), which is neither.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import networkx as nx

from ..align.history import draft_index
from ..errors import NotFoundError
from .graph import MIN_WORDS, PROVENANCE, edges_of_type, graph_drafts, graph_sources
from .text import tokens


@dataclass(frozen=True)
class Reflection:
    """One place a source provision shows in the final draft."""

    node: str  # the final draft's provision
    type: str  # cites | reuses | paraphrases
    score: float
    via: str = ""  # the earlier version that holds the link, "" when the final text does


@dataclass(frozen=True)
class SourceCoverage:
    node: str
    document: str
    provision: str
    text: str
    reflections: tuple[Reflection, ...]  # strongest first

    @property
    def score(self) -> float:
        return max((r.score for r in self.reflections), default=0.0)


@dataclass(frozen=True)
class Coverage:
    draft: str
    sources: tuple[SourceCoverage, ...]  # in source and document order
    new_text: tuple[str, ...]  # final provisions without any source


def _descendants_in(graph: nx.MultiDiGraph, node: str, draft: str) -> list[str]:
    """Versions of ``node`` in ``draft`` reached by following ``becomes`` forward."""
    found, frontier, seen = [], [node], {node}
    while frontier:
        current = frontier.pop()
        if graph.nodes[current]["document"] == draft:
            found.append(current)
            continue
        for _, nxt, _ in edges_of_type(graph, current, ("becomes",)):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return sorted(found)


def _reflections(graph: nx.MultiDiGraph, source: str, draft: str) -> tuple[Reflection, ...]:
    best: dict[tuple[str, str], Reflection] = {}
    for linker, _, data in edges_of_type(graph, source, PROVENANCE, outgoing=False):
        if graph.nodes[linker]["role"] != "draft":
            continue
        via = "" if graph.nodes[linker]["document"] == draft else linker
        for final in _descendants_in(graph, linker, draft):
            candidate = Reflection(final, data["type"], float(data["score"]), via)
            key = (final, data["type"])
            if key not in best or (candidate.score, not candidate.via) > (best[key].score, not best[key].via):
                best[key] = candidate
    return tuple(sorted(best.values(), key=lambda r: (-r.score, r.node, r.type)))


def _has_source(graph: nx.MultiDiGraph, node: str) -> bool:
    frontier, seen = [node], {node}
    while frontier:
        current = frontier.pop()
        if edges_of_type(graph, current, PROVENANCE):
            return True
        for previous, _, _ in edges_of_type(graph, current, ("becomes",), outgoing=False):
            if previous not in seen:
                seen.add(previous)
                frontier.append(previous)
    return False


def _substantive(data: dict) -> bool:
    return data["kind"] != "heading" and len(tokens(data["text"])) >= MIN_WORDS


def coverage(graph: nx.MultiDiGraph, draft: str | None = None) -> Coverage:
    """Coverage of every source provision by ``draft`` (default: the last draft)."""
    drafts = graph_drafts(graph)
    if not drafts:
        raise NotFoundError("the graph holds no draft")
    draft = drafts[draft_index(draft, drafts)] if draft else drafts[-1]  # final/last/first name the ends
    rank = {doc: n for n, doc in enumerate(drafts + graph_sources(graph))}
    nodes = sorted(graph.nodes(data=True), key=lambda item: (rank.get(item[1]["document"], len(rank)),
                                                            item[1]["document"], item[1]["order"], item[0]))
    sources = tuple(SourceCoverage(node, data["document"], data["provision"], data["text"],
                                   _reflections(graph, node, draft))
                    for node, data in nodes if data["role"] == "source" and _substantive(data))
    # a chapeau ("To realize this commitment, we will draw from the following actions:") is stock text
    stock = set(json.loads(graph.graph.get("boilerplate", "[]")))
    new_text = tuple(node for node, data in nodes if data["document"] == draft and _substantive(data)
                     and node not in stock and not _has_source(graph, node))
    return Coverage(draft, sources, new_text)
