"""The provenance graph: every provision of every draft and source, linked by lineage and provenance.

One ``networkx.MultiDiGraph``:

- nodes are provisions named ``document:provision`` (``rev2:para.17.a``, ``nyd:para.41``) with the
  attributes ``document``, ``role`` (draft / source / citation), ``provision``, ``printed`` (the label as
  printed), ``kind``, ``text``, ``parent``, ``section``, ``order``; a citation of a document that is not
  loaded is a node ``cite:A/RES/71/1#para.41`` with role ``citation``;
- edges read as sentences, from the later text to the earlier one, except lineage, which runs forward in
  time: ``zero:para.3 becomes rev1:para.4`` (attribute ``kind``: the alignment kind),
  ``rev1:para.19 cites nyd:para.41``, ``rev1:para.19 reuses nyd:para.41``, ``rev1:para.19 paraphrases
  srsg:rec.5``. Every edge has ``type``, ``kind``, ``score`` (0..1) and ``evidence`` (a JSON string:
  passages with character spans, the citation as printed, the alignment's secondary kinds);
  ``gcm:para.35 version_of conf:annex.para.1`` (kind ``copy``) when the source is another print of the
  draft itself (graph attribute ``versions``): such a source gets no provenance links.

Every attribute is present on every node and edge with one type (str, int or float), so GraphML
declares them and Gephi/Cytoscape read them; :func:`save` / :func:`load` round-trip GraphML, GEXF and
node-link JSON losslessly.
"""
from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import networkx as nx
from lxml import etree

from ..errors import InputError, UsageError
from ..model import Alignment, Draft, Kind, Provision
from .index import CandidateIndex
from .reuse import DEFAULT_THRESHOLD, MIN_SUBSTANCE, Evidence, Profile, Weights, boilerplate, compare, phrase_counts
from .text import substantive_tokens, tokens

Aligner = Callable[[Draft, Draft], Alignment]

MIN_WORDS = 4  # shorter provisions (headings like "Commitments") carry no provenance signal
PROVENANCE = ("cites", "reuses", "paraphrases", "elaborates")
NODE_DEFAULTS: dict[str, Any] = {"document": "", "role": "", "provision": "", "printed": "", "kind": "",
                                 "text": "", "parent": "", "section": "", "order": 0}
EDGE_DEFAULTS: dict[str, Any] = {"type": "", "kind": "", "score": 0.0, "evidence": "{}"}


@dataclass(frozen=True)
class Settings:
    """How provenance links are found.

    threshold:  minimum score (0..1) for a reuses/paraphrases link (calibrated, docs/provenance.md)
    candidates: source provisions examined per draft provision (from the index)
    relative:   keep only links scoring at least this share of the provision's best link; drops the
                weak also-rans that share boilerplate with the real source
    source_relative: ... and at least this share of the source's best link over all draft provisions, so
                a long generic source does not match everything (competition in both directions)
    semantic:   the sentence-embedding model for the paraphrase signal ("" = off; see semantic.py)
    """

    threshold: float = DEFAULT_THRESHOLD
    candidates: int = 10
    relative: float = 0.85
    source_relative: float = 0.8
    semantic: str = ""


def node_id(document: str, provision: str) -> str:
    return f"{document}:{provision}"


# --- building ---------------------------------------------------------------------------------------

def _add_document(graph: nx.MultiDiGraph, document: Draft, role: str) -> None:
    for order, provision in enumerate(document.provisions):
        section = document.section_of(provision.id)
        graph.add_node(node_id(document.id, provision.id), document=document.id, role=role,
                       provision=provision.id, printed=provision.label, kind=provision.kind.value,
                       text=provision.text, parent=provision.parent or "",
                       section=section.id if section is not None else "", order=order)


def _add_edge(graph: nx.MultiDiGraph, source: str, target: str, edge_type: str, kind: str, score: float,
              evidence: Mapping[str, Any]) -> None:
    existing = graph.number_of_edges(source, target)
    graph.add_edge(source, target, key=f"{edge_type}.{existing}", type=edge_type, kind=kind,
                   score=round(float(score), 4), evidence=json.dumps(evidence, sort_keys=True, ensure_ascii=False))


def add_lineage(graph: nx.MultiDiGraph, alignment: Alignment) -> None:
    """``becomes`` edges for every link that has both an old and a new side."""
    for link in alignment.links:
        for old in link.old:
            for new in link.new:
                _add_edge(graph, node_id(alignment.old.id, old), node_id(alignment.new.id, new), "becomes",
                          link.kind.value, link.similarity, {"also": [k.value for k in link.also]})


def add_citations(graph: nx.MultiDiGraph, citing: Draft, documents: Sequence[Draft],
                  labels: Mapping[str, str]) -> None:
    """``cites`` edges from each provision to what it cites (a loaded provision or a citation node)."""
    # imported here: compiling the citation patterns costs ~30 ms, which commands that only load a
    # saved graph (trace, coverage, the build's annotate and report steps) need not pay
    from . import citations as cite

    for provision in citing.provisions:
        for citation in cite.extract(provision.text):
            for target in cite.resolve(citation, citing, documents, dict(labels)):
                if target.node == node_id(citing.id, provision.id):
                    continue
                if target.node not in graph:
                    graph.add_node(target.node, **{**NODE_DEFAULTS, "document": citation.document or "",
                                                   "role": "citation", "provision": target.provision or "",
                                                   "text": citation.text})
                _add_edge(graph, node_id(citing.id, provision.id), target.node, "cites", citation.kind, 1.0,
                          {"text": citation.text, "span": [citation.start, citation.end],
                           "resolved": target.resolved})


def _worth_linking(provision: Provision) -> bool:
    # an editor's note ("[cont. of annex II para 8 -- chapeau ... not found]") is not the document's text
    return provision.kind is not Kind.HEADING and len(substantive_tokens(provision.text)) >= MIN_WORDS


COPY = 0.9  # a source provision is a copy of a draft provision when both texts are this much the same
VERSION_SHARE = 0.5  # ... and a source is a version of the draft when this share of its provisions are copies


def _is_copy(evidence: Evidence, source_text: str, target_text: str) -> bool:
    lengths = len(tokens(source_text)), len(tokens(target_text))
    return evidence.coverage >= COPY and min(lengths) >= COPY * max(lengths)


def _versions(found: Mapping[str, list[tuple[str, Evidence]]], texts: Mapping[str, str],
              drafts_text: Mapping[str, str], source_sizes: Mapping[str, int]) -> set[str]:
    """Sources most of whose provisions are near-identical copies of draft provisions: another print of
    the text under negotiation (the compact as transmitted to the conference), not a source of it."""
    copied: dict[str, set[str]] = {}
    for node, links in found.items():
        for key, evidence in links:
            if _is_copy(evidence, texts[key], drafts_text[node]):
                copied.setdefault(key.split(":", 1)[0], set()).add(key)
    return {doc for doc, keys in copied.items() if len(keys) >= 2 and len(keys) >= VERSION_SHARE * source_sizes[doc]}


def add_textual_links(graph: nx.MultiDiGraph, drafts: Sequence[Draft], sources: Sequence[Draft],
                      settings: Settings) -> None:
    """``reuses`` / ``paraphrases`` edges from draft provisions to the source provisions they draw on.

    A source found to be a version of the draft itself (:func:`_versions`) gets ``version_of`` edges
    for its copied provisions and no provenance links: otherwise its perfect matches would outscore,
    and through the relative cut remove, the real sources. Such sources are listed in the graph
    attribute ``versions``.
    """
    source_items = [(node_id(s.id, p.id), p.text) for s in sources for p in s.provisions if _worth_linking(p)]
    if not source_items:
        return
    texts = dict(source_items)
    drafts_text = {node_id(d.id, p.id): p.text for d in drafts for p in d.provisions if _worth_linking(p)}
    found = _links_above_threshold(drafts_text, texts, settings)
    graph.graph["boilerplate"] = json.dumps(sorted(_only_boilerplate(drafts_text, texts)))
    sizes = Counter(_document_of(key) for key, _ in source_items)
    versions = _versions(found, texts, drafts_text, sizes)
    graph.graph["versions"] = json.dumps(sorted(versions))
    for node, links in found.items():
        for key, evidence in sorted(links, key=lambda item: item[0]):
            if _document_of(key) in versions and _is_copy(evidence, texts[key], drafts_text[node]):
                _add_edge(graph, node, key, "version_of", "copy", evidence.score, evidence.to_dict())
    others = {node: [(k, e) for k, e in links if _document_of(k) not in versions] for node, links in found.items()}
    parents = {node_id(d.id, p.id): node_id(d.id, p.parent) for d in drafts for p in d.provisions if p.parent}
    for node, links in _taken_up_by_parent(_competitive(others, drafts_text, settings), parents).items():
        for key, evidence in sorted(links, key=lambda item: item[0]):
            _add_edge(graph, node, key, evidence.kind, evidence.kind, evidence.score, evidence.to_dict())


def _document_of(node: str) -> str:
    return node.split(":", 1)[0]


def _links_above_threshold(drafts_text: Mapping[str, str], texts: Mapping[str, str],
                           settings: Settings) -> dict[str, list[tuple[str, Evidence]]]:
    """For each draft provision (node -> text), its candidate sources (node -> text in ``texts``) that
    score at least the threshold, before the competitive cut (:func:`_competitive`).

    Candidates come both ways: the draft text's rarest features looked up among the sources, and each
    source looked up among the draft texts (a short compact element shares only a few words with the
    long commitment that takes it up, and those are not among the commitment's rarest). Successive drafts
    repeat most provisions word for word and a provision's evidence depends on its text alone, so each
    distinct text is judged once and its links are shared by every provision that prints it.
    """
    distinct = list(dict.fromkeys(drafts_text.values()))
    weights = Weights(list(texts.values()) + distinct)
    weights.phrases = phrase_counts([_texts_by_document(drafts_text), [[t] for t in texts.values()]])
    grams = _boilerplate_by_document(drafts_text, texts)
    draft_grams = grams.get("", frozenset())
    profiles: dict[str, Profile] = {}

    def source_profile(key: str) -> Profile:
        if key not in profiles:
            profiles[key] = weights.profile(texts[key], grams.get(_document_of(key), frozenset()))
        return profiles[key]

    target_profiles = {text: weights.profile(text, draft_grams) for text in distinct}
    pairs = _candidate_pairs(distinct, texts, settings)
    embed = _semantic_scores(settings, pairs, texts)
    by_text: dict[str, list[tuple[str, Evidence]]] = {text: [] for text in distinct}
    for text, key in sorted(pairs):
        evidence = compare(texts[key], text, weights, source_profile(key), target_profiles[text],
                           embed.get((text, key), -1.0))
        if evidence.score >= min(settings.threshold, MUTUAL_FLOOR / LEAD):  # rivals of a mutual best too
            by_text[text].append((key, evidence))
    return {node: by_text[text] for node, text in drafts_text.items()}


def _only_boilerplate(drafts_text: Mapping[str, str], texts: Mapping[str, str]) -> set[str]:
    """Draft provisions whose words are all stock text of their draft (chapeaux): neither covering a
    source nor new text."""
    grams = _boilerplate_by_document(drafts_text, texts)[""]
    weights = Weights(())
    return {node for node, text in drafts_text.items()
            if weights.profile(text, grams).substance < MIN_SUBSTANCE}


def _texts_by_document(nodes_text: Mapping[str, str]) -> list[list[str]]:
    """The distinct texts of each document, documents in order of first appearance."""
    by_document: dict[str, dict[str, None]] = {}
    for node, text in nodes_text.items():
        by_document.setdefault(_document_of(node), {})[text] = None
    return [list(texts) for texts in by_document.values()]


def _boilerplate_by_document(drafts_text: Mapping[str, str], texts: Mapping[str, str]
                             ) -> dict[str, frozenset[tuple[str, ...]]]:
    """Boilerplate n-grams of each source document, and of the drafts together (key "")."""
    by_document: dict[str, list[str]] = {}
    for key, text in texts.items():
        by_document.setdefault(_document_of(key), []).append(text)
    grams = {doc: boilerplate(doc_texts) for doc, doc_texts in by_document.items()}
    drafts: dict[str, list[str]] = {}
    for node, text in drafts_text.items():
        drafts.setdefault(_document_of(node), []).append(text)
    grams[""] = frozenset().union(*(boilerplate(d) for d in drafts.values())) if drafts else frozenset()
    return grams


def _candidate_pairs(distinct: Sequence[str], texts: Mapping[str, str], settings: Settings) -> set[tuple[str, str]]:
    """(draft text, source node) pairs worth judging: looked up from each side."""
    sources = CandidateIndex.build(texts.items())
    pairs = {(text, key) for text in distinct for key, _ in sources.candidates(text, settings.candidates)}
    targets = CandidateIndex.build((str(n), text) for n, text in enumerate(distinct))
    for key, text in texts.items():
        # a short element is a lookup of few features, most of them common: look deeper
        limit = settings.candidates * (3 if len(text.split()) <= 30 else 1)
        for number, _ in targets.candidates(text, limit):
            pairs.add((distinct[int(number)], key))
    return pairs


def _semantic_scores(settings: Settings, pairs: set[tuple[str, str]], texts: Mapping[str, str]
                     ) -> dict[tuple[str, str], float]:
    if not settings.semantic:
        return {}
    from .semantic import similarities

    return similarities(settings.semantic, [(text, texts[key]) for text, key in sorted(pairs)],
                        keys=sorted(pairs))


STRONG = 0.7  # a link this strong stands on its own evidence: one source may feed several provisions
MARGIN = 0.15  # ... as does a link this far ahead of the provision's next candidate (a clear best)
MUTUAL_FLOOR = 0.2  # below the threshold, down to this score, a link is kept when it is mutual best by LEAD
LEAD = 1.6  # ... the best source of its provision and the best provision of its source, this many times the next


def _taken_up_by_parent(found: Mapping[str, list[tuple[str, Evidence]]], parents: Mapping[str, str]
                        ) -> dict[str, list[tuple[str, Evidence]]]:
    """A source element that a provision elaborates is taken up by that provision with its parts: its
    actions repeat the element's words but the commitment is what took it up, so a part's ``elaborates``
    link to an element its parent also draws on is dropped."""
    def parent_links(node: str) -> set[str]:
        parent = parents.get(node)
        return {key for key, _ in found.get(parent, ())} if parent else set()

    return {node: [(key, e) for key, e in links if e.kind != "elaborates" or key not in parent_links(node)]
            for node, links in found.items()}


def _mutual_best(node: str, key: str, score: float, links: Sequence[tuple[str, Evidence]],
                 source_rows: Sequence[tuple[float, str]], drafts_text: Mapping[str, str]) -> bool:
    """The provision's best source and the source's best provision, each by LEAD over the next."""
    others = [e.score for k, e in links if k != key]
    if any(other * LEAD > score for other in others):
        return False
    rivals = [sc for sc, n in source_rows if drafts_text[n] != drafts_text[node]]
    return not any(rival * LEAD > score for rival in rivals)


def _rivals(node: str, key: str, score: float, links: Sequence[tuple[str, Evidence]],
            source_rows: Sequence[tuple[float, str]], drafts_text: Mapping[str, str]) -> tuple[tuple[str, float], ...]:
    """The two best links the kept one beat for its provision, and the two best for its source."""
    rivals = sorted(((k, e.score) for k, e in links if k != key and e.score <= score), key=lambda r: (-r[1], r[0]))[:2]
    rivals += [(n, sc) for sc, n in source_rows if drafts_text[n] != drafts_text[node] and sc <= score][:2]
    return tuple(rivals)


def _competitive(found: Mapping[str, list[tuple[str, Evidence]]], drafts_text: Mapping[str, str],
                 settings: Settings) -> dict[str, list[tuple[str, Evidence]]]:
    """Keep a link only when it stands out among the draft provision's links (at least ``relative`` of
    its best) and among the source's links over all distinct draft texts (at least ``source_relative``
    of the source's best, unless the link scores STRONG on its own or leads the provision's next
    candidate by MARGIN): the same source cannot explain every provision that shares its vocabulary,
    but a provision's clear best source keeps it.
    Each kept link records the best links it beat on both sides."""
    best_of_source: dict[str, list[tuple[float, str]]] = {}
    seen: set[str] = set()
    for node, links in found.items():
        text = drafts_text[node]
        if text in seen:
            continue
        seen.add(text)
        for key, evidence in links:
            best_of_source.setdefault(key, []).append((evidence.score, node))
    for rows in best_of_source.values():
        rows.sort(key=lambda row: (-row[0], row[1]))
    kept: dict[str, list[tuple[str, Evidence]]] = {}
    for node, links in found.items():
        best = max((e.score for _, e in links), default=0.0)
        chosen = []
        for key, evidence in links:
            if evidence.score < settings.threshold:
                if evidence.score >= MUTUAL_FLOOR and _mutual_best(node, key, evidence.score, links,
                                                                   best_of_source[key], drafts_text):
                    chosen.append((key, replace(evidence, competitors=_rivals(node, key, evidence.score, links,
                                                                              best_of_source[key], drafts_text))))
                continue
            source_best = best_of_source[key][0][0]
            runner_up = max((e.score for k, e in links if k != key), default=0.0)
            stands_out = (evidence.score >= STRONG or evidence.score - runner_up >= MARGIN
                          or evidence.score >= settings.source_relative * source_best)
            if evidence.score >= settings.relative * best and stands_out:
                chosen.append((key, replace(evidence, competitors=_rivals(node, key, evidence.score, links,
                                                                          best_of_source[key], drafts_text))))
        kept[node] = chosen
    return kept


def _default_aligner() -> Aligner:
    try:
        from ..align import align
    except ImportError as exc:  # the align stage is part of the package; this only guards a broken install
        raise UsageError(f"the alignment stage is not available ({exc})") from None
    return align


def build_graph(drafts: Sequence[Draft], sources: Sequence[Draft] = (), *, settings: Settings | None = None,
                labels: Mapping[str, str] | None = None, aligner: Aligner | None = None,
                alignments: Iterable[Alignment] | None = None) -> nx.MultiDiGraph:
    """The provenance graph of a series: drafts in negotiation order, sources in any order.

    labels maps document ids to the names a citation may use ("Declaration"); alignments, when given,
    are used instead of aligning consecutive drafts with ``aligner`` (default: compactdraft.align.align).
    """
    settings = settings or Settings()
    labels = labels or {}
    ids = [d.id for d in list(drafts) + list(sources)]
    if len(set(ids)) != len(ids):
        raise UsageError(f"document ids must be unique, got {', '.join(ids)}")
    graph = nx.MultiDiGraph(drafts=json.dumps([d.id for d in drafts]), sources=json.dumps([s.id for s in sources]),
                            threshold=float(settings.threshold), versions="[]", boilerplate="[]")
    for draft in drafts:
        _add_document(graph, draft, "draft")
    for source in sources:
        _add_document(graph, source, "source")
    if alignments is None and len(drafts) > 1:
        align = aligner or _default_aligner()
        alignments = [align(old, new) for old, new in zip(drafts, drafts[1:])]
    for alignment in alignments or ():
        add_lineage(graph, alignment)
    for document in list(drafts) + list(sources):
        add_citations(graph, document, list(sources) + [document], labels)
    add_textual_links(graph, drafts, sources, settings)
    return graph


# --- reading the graph ------------------------------------------------------------------------------

def graph_drafts(graph: nx.MultiDiGraph) -> list[str]:
    return list(json.loads(graph.graph.get("drafts", "[]")))


def graph_sources(graph: nx.MultiDiGraph) -> list[str]:
    return list(json.loads(graph.graph.get("sources", "[]")))


def edges_of_type(graph: nx.MultiDiGraph, node: str, types: Iterable[str], outgoing: bool = True
                  ) -> list[tuple[str, str, dict[str, Any]]]:
    wanted = set(types)
    edges = graph.out_edges(node, data=True) if outgoing else graph.in_edges(node, data=True)
    return sorted(((u, v, d) for u, v, d in edges if d["type"] in wanted), key=lambda e: (e[0], e[1], e[2]["type"]))


def evidence(data: Mapping[str, Any]) -> dict[str, Any]:
    return dict(json.loads(data.get("evidence") or "{}"))


# --- saving and loading -----------------------------------------------------------------------------

FORMATS = {".graphml": "graphml", ".gexf": "gexf", ".json": "json"}


def to_bytes(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    """Serialise in a stable order (nodes as added, edges as added) so equal graphs give equal files."""
    if fmt == "json":
        data = nx.node_link_data(graph, edges="edges")
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    if fmt == "graphml":
        return _graphml_bytes(graph)
    if fmt == "gexf":
        return _gexf_bytes(graph)
    raise UsageError(f"unknown graph format {fmt!r} (graphml, gexf, json)")


_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
# GraphML's attr.type for each Python type an attribute may have (bool before int: bool is an int)
_GRAPHML_TYPES = ((bool, "boolean"), (int, "long"), (float, "double"), (str, "string"))
EDGE_KEY = "edgekey"  # a multigraph edge's key, kept as an attribute: GraphML and GEXF edge ids must be unique


def _graphml_type(name: str, value: object) -> str:
    for python_type, graphml_type in _GRAPHML_TYPES:
        if isinstance(value, python_type):
            return graphml_type
    raise UsageError(f"graph attribute {name!r} has a {type(value).__name__} value, which GraphML cannot hold")


def _graphml_value(value: object) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    """GraphML 1.0 as its schema asks (networkx's writer gives every edge of a multigraph its key as id, so
    ids repeat, and with named key ids one id serves nodes and edges alike): one ``<key>`` per attribute
    and domain (``g0``, ``n0``, ``e0`` ...), edges numbered in the order added, the edge key an attribute."""
    domains: dict[str, dict[str, str]] = {"graph": {}, "node": {}, "edge": {}}
    records = {"graph": [dict(graph.graph)], "node": [data for _, data in graph.nodes(data=True)],
               "edge": [{EDGE_KEY: str(key), **data} for _, _, key, data in graph.edges(keys=True, data=True)]}
    for domain, items in records.items():
        for item in items:
            for name, value in item.items():
                domains[domain].setdefault(name, _graphml_type(name, value))
    ids = {domain: {name: f"{domain[0]}{i}" for i, name in enumerate(names)} for domain, names in domains.items()}
    root = etree.Element(f"{{{_GRAPHML_NS}}}graphml", nsmap={None: _GRAPHML_NS, "xsi": _XSI_NS})
    root.set(f"{{{_XSI_NS}}}schemaLocation", f"{_GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd")
    for domain, names in domains.items():
        for name, graphml_type in names.items():
            etree.SubElement(root, f"{{{_GRAPHML_NS}}}key", id=ids[domain][name], attrib={
                "for": domain, "attr.name": name, "attr.type": graphml_type})
    body = etree.SubElement(root, f"{{{_GRAPHML_NS}}}graph", id="G", edgedefault="directed")

    def add_data(element: etree._Element, domain: str, item: Mapping[str, Any]) -> None:
        for name, value in item.items():
            etree.SubElement(element, f"{{{_GRAPHML_NS}}}data", key=ids[domain][name]).text = _graphml_value(value)

    add_data(body, "graph", records["graph"][0])
    for (node, _), data in zip(graph.nodes(data=True), records["node"]):
        add_data(etree.SubElement(body, f"{{{_GRAPHML_NS}}}node", id=str(node)), "node", data)
    for number, ((u, v), data) in enumerate(zip(graph.edges(), records["edge"])):
        edge = etree.SubElement(body, f"{{{_GRAPHML_NS}}}edge", id=f"e{number}", source=str(u), target=str(v))
        add_data(edge, "edge", data)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


_GEXF_NS = "{http://www.gexf.net/1.2draft}"


def _gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.3. GEXF reserves an edge's ``type`` (directed/undirected) and keeps no graph attributes, so
    the edge type travels as ``relation``, the edge key as ``edgekey`` (networkx drops its own) and the
    graph attributes as JSON in <meta><description>; the modification date networkx stamps is dropped
    so equal graphs give equal files."""
    from ..safeio import parse_xml

    copy = nx.MultiDiGraph()
    copy.add_nodes_from(graph.nodes(data=True))
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = {("relation" if k == "type" else k): value for k, value in data.items()}
        copy.add_edge(u, v, key=key, **{EDGE_KEY: str(key)}, **attrs)
    buffer = io.BytesIO()
    nx.write_gexf(copy, buffer, encoding="utf-8", prettyprint=True)
    draft = parse_xml(buffer.getvalue(), None, "gexf")
    meta = draft.find(f"{_GEXF_NS}meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        description = etree.SubElement(meta, f"{_GEXF_NS}description")
        description.text = json.dumps(dict(graph.graph), sort_keys=True)
    body = draft.find(f"{_GEXF_NS}graph")
    if body is not None and not body.get("name"):
        body.attrib.pop("name", None)  # networkx writes name="", which no GEXF schema allows
    return etree.tostring(_renamespaced(draft, _GEXF_NS, _GEXF13_NS, "1.3"), xml_declaration=True, encoding="utf-8",
                          pretty_print=True)


_GEXF13_NS = "{http://gexf.net/1.3}"


def _renamespaced(root: etree._Element, old: str, new: str, version: str) -> etree._Element:
    """The same GEXF under another version's namespace: networkx reads and writes only 1.2draft, whose
    elements and attributes are those 1.3 uses for plain attribute graphs (no dynamics, no viz)."""
    uri = new.strip("{}")
    result = etree.Element(new + "gexf", nsmap={None: uri, "xsi": _XSI_NS}, version=version)
    result.set(f"{{{_XSI_NS}}}schemaLocation", f"{uri} {uri}/gexf.xsd" if version == "1.3" else
               f"{uri} http://www.gexf.net/1.2draft/gexf.xsd")
    _copy_children(root, result, old, new)
    return result


def _copy_children(source: etree._Element, target: etree._Element, old: str, new: str) -> None:
    """Rebuild ``source``'s children under ``target`` with tags moved from namespace ``old`` to ``new``
    (retagging in place would leave the children declaring the old namespace under ns0-style prefixes)."""
    for child in source:
        if not isinstance(child.tag, str):
            continue  # comments and processing instructions: networkx writes none
        tag = new + child.tag[len(old):] if child.tag.startswith(old) else child.tag
        copied = etree.SubElement(target, tag, attrib=dict(child.attrib))
        copied.text, copied.tail = child.text, child.tail
        _copy_children(child, copied, old, new)


def _read_gexf(data: bytes, path: str) -> nx.MultiDiGraph:
    from ..safeio import parse_xml

    root = parse_xml(data, path)
    if root.tag == _GEXF13_NS + "gexf":
        root = _renamespaced(root, _GEXF13_NS, _GEXF_NS, "1.2")
        data = etree.tostring(root, xml_declaration=True, encoding="utf-8")
    description = root.find(f"{_GEXF_NS}meta/{_GEXF_NS}description")
    loaded = nx.read_gexf(io.BytesIO(data))
    result = nx.MultiDiGraph(**(json.loads(description.text) if description is not None and description.text else {}))
    result.add_nodes_from(loaded.nodes(data=True))
    edges = loaded.edges(keys=True, data=True) if loaded.is_multigraph() else (
        (u, v, d.get("networkx_key", d.get("id", "")), d) for u, v, d in loaded.edges(data=True))
    for u, v, key, attrs in edges:
        key = attrs.pop(EDGE_KEY, key)
        result.add_edge(u, v, key=key, **{("type" if k == "relation" else k): value for k, value in attrs.items()})
    return result


def _normalise_loaded(graph: nx.MultiDiGraph, path: str) -> nx.MultiDiGraph:
    """Give every node and edge the declared attributes with their declared types."""
    kept = ("drafts", "sources", "threshold", "versions", "boilerplate")
    result = nx.MultiDiGraph(**{k: v for k, v in graph.graph.items() if k in kept})
    if "threshold" in result.graph:
        result.graph["threshold"] = float(result.graph["threshold"])
    for node, data in graph.nodes(data=True):
        attrs = {k: type(default)(data.get(k, default)) for k, default in NODE_DEFAULTS.items()}
        result.add_node(str(node), **attrs)
    edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else (
        (u, v, data.get("id", ""), data) for u, v, data in graph.edges(data=True))
    for u, v, key, data in edges:
        attrs = {k: type(default)(data.get(k, default)) for k, default in EDGE_DEFAULTS.items()}
        result.add_edge(str(u), str(v), key=str(data.get(EDGE_KEY, key)), **attrs)
    if any(not data["document"] and data["role"] != "citation" for _, data in result.nodes(data=True)):
        raise InputError("not a compactdraft provenance graph (nodes lack the document attribute)", path)
    return result


def from_bytes(data: bytes, fmt: str, path: str = "") -> nx.MultiDiGraph:
    from ..safeio import parse_xml

    try:
        if fmt == "json":
            loaded = nx.node_link_graph(json.loads(data.decode("utf-8")), directed=True, multigraph=True,
                                        edges="edges")
        elif fmt == "graphml":
            parse_xml(data, path)  # refuse entity tricks before networkx's own parser sees the bytes
            loaded = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
        elif fmt == "gexf":
            loaded = _read_gexf(data, path)
        else:
            raise UsageError(f"unknown graph format {fmt!r} (graphml, gexf, json)")
    except (ValueError, KeyError, TypeError, nx.NetworkXError) as exc:
        raise InputError(f"not a readable {fmt} graph ({exc})", path) from None
    return _normalise_loaded(loaded, path)


def format_for(path: str | Path) -> str:
    suffix = Path(str(path)).suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"graph files end in {', '.join(FORMATS)}; got {suffix or 'no extension'!r}", path)
    return FORMATS[suffix]


def load(path: str | Path) -> nx.MultiDiGraph:
    from ..safeio import read_input_bytes

    return from_bytes(read_input_bytes(path), format_for(path), str(path))
