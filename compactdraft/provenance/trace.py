"""The whole story of one provision: its versions back to the first draft, and where it came from.

:func:`trace` reads the series' lineage (:class:`compactdraft.align.history.History`, rebuilt from the
graph's ``becomes`` edges by :func:`graph_history`) back from the provision along every branch: where
several provisions merged into it, a version is all of them (their texts joined by a line break, as the
redline joins them), so wording already in an earlier draft is never shown as new. Each version carries
the word-level redline from the one before (compactdraft.diff) and the provenance links (cites / reuses
/ paraphrases) of every provision in it, each with the source text and the shared passages' character
spans so that renderers can highlight them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import networkx as nx

from ..align.history import History, history, resolve_reference
from ..diff import Op, diff_words
from ..errors import NotFoundError
from ..model import Alignment, Draft, Kind, Link, LinkKind, Provision
from .graph import PROVENANCE, edges_of_type, evidence, graph_drafts


@dataclass(frozen=True)
class Version:
    """One version of the provision: the provisions of one draft on its lineage.

    nodes: graph nodes (``rev1:para.16.b``, ``rev1:para.16.c`` for two that later merged); node: them
    joined with " + "; text: their texts joined by "\n"; kind/score: the alignment link that led from the
    previous version (the strongest, when several did; "" and 0 for the first version); ops: the redline
    from the previous version's text.
    """

    nodes: tuple[str, ...]
    document: str
    provisions: tuple[str, ...]
    printed: str
    text: str
    kind: str = ""
    score: float = 0.0
    ops: tuple[Op, ...] = ()

    @property
    def node(self) -> str:
        return " + ".join(self.nodes)

    @property
    def provision(self) -> str:
        return " + ".join(self.provisions)


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
    lineage: tuple[Version, ...]  # oldest first; the last is the provision itself
    sources: tuple[SourceLink, ...]  # strongest first


def find_node(graph: nx.MultiDiGraph, wanted: str) -> str:
    """The graph node of ``DRAFT:ID`` (read by :func:`compactdraft.align.history.resolve_reference`,
    so ``final:``/``last:``/``first:`` work as in ``history``), a bare id of the last draft, or any
    other node (a source provision) as given."""
    drafts = graph_drafts(graph)
    if wanted in graph and graph.nodes[wanted]["role"] != "draft":
        return wanted
    try:
        index, provision_id = resolve_reference(wanted, drafts)
    except NotFoundError:
        index, provision_id = -1, ""
    node = f"{drafts[index]}:{provision_id}" if provision_id else ""
    if node in graph:
        return node
    raise NotFoundError(f"no provision {wanted!r} in the graph (give DRAFT:ID, e.g. "
                        f"{drafts[-1] if drafts else 'rev1'}:para.17, or an id of the last draft)")


def _draft_from_graph(graph: nx.MultiDiGraph, draft_id: str) -> Draft:
    nodes = sorted((data["order"], data) for _, data in graph.nodes(data=True) if data["document"] == draft_id
                   and data["role"] == "draft")
    return Draft(draft_id, "", tuple(Provision(d["provision"], d["printed"], Kind(d["kind"]), d["text"],
                                               d["parent"] or None) for _, d in nodes))


def _round_from_graph(graph: nx.MultiDiGraph, old: Draft, new: Draft) -> Alignment:
    """The alignment of one round as the graph's ``becomes`` edges hold it: the provisions joined by
    edges form one link (the edges of a split or merge all carry its kind and score); provisions with no
    edge were inserted or deleted."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    edge_of: dict[str, dict] = {}
    for provision in old:
        node = f"{old.id}:{provision.id}"
        for _, target, data in edges_of_type(graph, node, ("becomes",)):
            if graph.nodes[target]["document"] == new.id:
                parent[find(target)] = find(node)
                edge_of.setdefault(node, data)
    members: dict[str, list[str]] = {}
    for node in list(parent):
        members.setdefault(find(node), []).append(node)
    links: list[Link] = []
    for group in members.values():
        data = next(edge_of[n] for n in group if n in edge_of)
        olds = tuple(sorted((n.split(":", 1)[1] for n in group if n in edge_of), key=old.position))
        news = tuple(sorted((n.split(":", 1)[1] for n in group if n not in edge_of), key=new.position))
        also = tuple(LinkKind(k) for k in evidence(data).get("also", ()))
        links.append(Link(olds, news, LinkKind(data["kind"]), float(data["score"]), also))
    linked_old = {i for link in links for i in link.old}
    linked_new = {i for link in links for i in link.new}
    links += [Link((p.id,), (), LinkKind.DELETED) for p in old if p.id not in linked_old]
    links += [Link((), (p.id,), LinkKind.INSERTED) for p in new if p.id not in linked_new]
    return Alignment(old, new, tuple(links))


def graph_history(graph: nx.MultiDiGraph) -> History | None:
    """The series' lineage as a saved graph holds it (its drafts and their ``becomes`` edges); None for
    a graph of fewer than two drafts."""
    drafts = [_draft_from_graph(graph, draft_id) for draft_id in graph_drafts(graph)]
    if len(drafts) < 2:
        return None
    return history(drafts, [_round_from_graph(graph, a, b) for a, b in zip(drafts, drafts[1:])])


def lineage(graph: nx.MultiDiGraph, node: str, series: History | None = None) -> tuple[Version, ...]:
    """The versions of a draft provision, oldest first, along every branch back to the first draft."""
    data = graph.nodes[node]
    if data["role"] != "draft":
        return (Version((node,), data["document"], (data["provision"],), data["printed"], data["text"]),)
    history = series or graph_history(graph)
    if history is None:
        return (Version((node,), data["document"], (data["provision"],), data["printed"], data["text"]),)
    index = history.draft_index(data["document"])
    rounds = history.back(index, [data["provision"]])
    per_draft = [(r.old_draft, r.old, r.links) for r in rounds if r.old]
    led_to = {r.new_draft: r.links for r in rounds}
    per_draft.append((data["document"], (data["provision"],), ()))
    versions: list[Version] = []
    previous: str | None = None
    for draft_id, ids, _ in per_draft:
        draft = history.drafts[history.draft_index(draft_id)]
        text = "\n".join(draft.get(i).text for i in ids)
        links = [link for link in led_to.get(draft_id, ()) if link.old] if previous is not None else []
        strongest = max(links, key=lambda link: link.similarity, default=None)
        ops = tuple(diff_words(previous, text)) if previous is not None else ()
        versions.append(Version(tuple(f"{draft_id}:{i}" for i in ids), draft_id, ids,
                                " + ".join(draft.get(i).label for i in ids), text,
                                strongest.kind.value if strongest else "",
                                float(round(strongest.similarity, 4)) if strongest else 0.0, ops))
        previous = text
    return tuple(versions)


def _source_links(graph: nx.MultiDiGraph, versions: tuple[Version, ...]) -> tuple[SourceLink, ...]:
    best: dict[tuple[str, str], SourceLink] = {}
    for version in versions:
        for node in version.nodes:
            for link in _links_of(graph, node):
                key = (link.target, link.type)
                # the latest version's evidence is what the reader sees in the text they hold
                if key not in best or link.score >= best[key].score:
                    best[key] = link
    return tuple(sorted(best.values(), key=lambda s: (-s.score, s.target, s.type)))


def _links_of(graph: nx.MultiDiGraph, node: str) -> list[SourceLink]:
    links = []
    for _, target, data in edges_of_type(graph, node, PROVENANCE):
        found = json.loads(data["evidence"])
        links.append(SourceLink(node, target, data["type"], data["kind"], float(data["score"]),
                                graph.nodes[target]["text"], graph.nodes[node]["text"],
                                bool(found.get("resolved", True)),
                                tuple(tuple(p) for p in found.get("passages", ())),
                                str(found.get("text", ""))))
    return links


def trace(graph: nx.MultiDiGraph, wanted: str) -> Trace:
    """The trace of one provision (``DRAFT:ID`` or an id of the last draft)."""
    node = find_node(graph, wanted)
    versions = lineage(graph, node)
    return Trace(node, versions, _source_links(graph, versions))
