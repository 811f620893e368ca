"""The annotated final draft: for each provision, where it came from and what happened to it.

Each provision of the last draft gets a note a delegate can read in the margin, e.g.
"Introduced in Rev. 1 as para. 21 (c); reworded in Rev. 2; renumbered in Final (was para. 24).
Draws on Declaration para. 41 and Report recommendation 5." History comes from the alignment of each
successive pair of drafts (walking back from the final draft), sources from the provenance graph.
Provisions with nothing to say (present since the first draft, never changed, no source) get no note,
so that the notes that remain are worth reading.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..align.history import History
from ..model import Alignment, Draft, Kind, Link, LinkKind

# edge kinds of the provenance graph that name a source of a provision
SOURCE_RELATIONS = ("cites", "reuses", "paraphrases", "elaborates")


@dataclass(frozen=True)
class SourceLink:
    """One source a provision draws on.

    source:    the source document's id (``decl``)
    provision: the provision id in that source (``para.41``, ``rec.5``)
    label:     how a reader names it (``Declaration para. 41``)
    relation:  cites | reuses | paraphrases (the strongest edge between the two)
    score:     the strength of that edge, 0..1 (1.0 for an explicit citation)
    """

    source: str
    provision: str
    label: str
    relation: str
    score: float = 1.0


@dataclass(frozen=True)
class Event:
    """One thing that happened to a provision in one round.

    draft:  the draft (id) in which it happened
    kind:   introduced | reworded | renumbered | moved | split | merged | present (the first draft)
    text:   the phrase for the note ("reworded in Rev. 2")
    old:    the draft before the round, None for the first draft
    """

    draft: str
    kind: str
    text: str
    old: str | None = None


@dataclass(frozen=True)
class Annotation:
    """The note on one provision of the final draft."""

    provision: str
    events: tuple[Event, ...]
    sources: tuple[SourceLink, ...]

    @property
    def history(self) -> str:
        """``Introduced in Rev. 1 as para. 21 (c); reworded in Rev. 2``, or "" when nothing happened."""
        phrases = [e.text for e in self.events if e.kind != "present" or len(self.events) > 1]
        text = "; ".join(phrases)
        return text[:1].upper() + text[1:] if text else ""

    @property
    def source_text(self) -> str:
        """``Draws on Declaration para. 41 and Report recommendation 5``, or ""."""
        if not self.sources:
            return ""
        names = [s.label for s in self.sources]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"Draws on {joined}"

    @property
    def text(self) -> str:
        return ". ".join(part for part in (self.history, self.source_text) if part) + "."

    @property
    def rounds(self) -> tuple[tuple[str, str], ...]:
        """The rounds (old draft, new draft) in which the provision changed: where its redlines are."""
        return tuple((e.old, e.draft) for e in self.events if e.old is not None)


@dataclass(frozen=True)
class AnnotatedDraft:
    """The final draft with a note on each provision that has something to say."""

    draft: Draft
    annotations: tuple[Annotation, ...]
    labels: Mapping[str, str] = field(default_factory=dict)  # draft/source id -> its name in the series

    def annotation(self, provision_id: str) -> Annotation | None:
        for item in self.annotations:
            if item.provision == provision_id:
                return item
        return None


# --- naming provisions the way a delegate does --------------------------------------------------

_KEYWORDS = {"obj": "objective", "rec": "recommendation", "sec": "section", "annex": "annex",
             "appendix": "appendix", "chapter": "chapter", "part": "part"}


def cite(draft: Draft, provision_id: str) -> str:
    """How a reader names a provision: ``para. 21 (c)``, ``objective 7``, ``annex II, para. 8 (b)``."""
    parts = provision_id.split(".")
    scope = ""
    if parts[0] in ("annex", "appendix") and len(parts) > 2:
        scope = f"{parts[0]} {parts[1]}, "
        parts = parts[2:]
    if parts[0] == "para" and len(parts) >= 2:
        if "text" in parts:
            at = parts.index("text")
            base = cite_parts(parts[:at])
            kind = draft.get(provision_id).kind if provision_id in draft else Kind.TEXT
            return scope + (f"chapeau of {base}" if kind is Kind.CHAPEAU else f"text of {base}")
        return scope + cite_parts(parts)
    if parts[0] == "preamble" and len(parts) == 2:
        return f"preambular para. {parts[1]}"
    if parts[0] in _KEYWORDS and len(parts) == 2:
        return scope + f"{_KEYWORDS[parts[0]]} {parts[1]}"
    if provision_id in draft:
        provision = draft.get(provision_id)
        if provision.kind is Kind.HEADING:
            return f"heading \u201c{_short(provision.text)}\u201d"
    return scope + provision_id


def cite_parts(parts: Sequence[str]) -> str:
    """``['para', '21', 'c', 'ii']`` -> ``para. 21 (c) (ii)``."""
    number = parts[1]
    subs = "".join(f" ({p})" for p in parts[2:] if not p.startswith("~"))
    return f"para. {number}{subs}"


def _short(text: str, words: int = 6) -> str:
    split = text.split()
    return " ".join(split[:words]) + ("\u2026" if len(split) > words else "")


# --- history ---------------------------------------------------------------------------------------

def _section(draft: Draft, provision_id: str) -> str:
    section = draft.section_of(provision_id) if provision_id in draft else None
    return cite(draft, section.id) if section is not None else "the text"


def _event_kind(link: Link) -> tuple[str, bool] | None:
    """What a link tells the reader (None: nothing) and whether the wording changed too."""
    reworded = link.is_a(LinkKind.MODIFIED)
    if link.kind is LinkKind.UNCHANGED:
        return None
    if link.kind is LinkKind.INSERTED:
        return "introduced", False
    if link.kind in (LinkKind.SPLIT, LinkKind.MERGED, LinkKind.MOVED):
        return link.kind.value, reworded
    if link.kind is LinkKind.RENUMBERED or (link.is_a(LinkKind.RENUMBERED) and link.kind is LinkKind.MODIFIED):
        return "renumbered", reworded
    if link.kind is LinkKind.MODIFIED:
        return "reworded", True
    return link.kind.value, reworded


def _event(kind: tuple[str, bool], links: Sequence[Link], alignment: Alignment, labels: Mapping[str, str]
           ) -> Event:
    """One phrase for the links of one kind in one round (the branches of a merge read as one)."""
    old, new = alignment.old, alignment.new
    where = labels.get(new.id, new.id)
    before = " and ".join(cite(old, i) for link in links for i in link.old)
    after = " and ".join(cite(new, link.new[0]) for link in links if link.new)
    name, reworded = kind
    if name == "introduced":
        return Event(new.id, name, f"introduced in {where} as {after}", old.id)
    if name in ("split", "merged"):
        return Event(new.id, name, f"{name} from {before} in {where}", old.id)
    if name == "moved":
        first = links[0]
        source = _section(old, first.old[0]) if first.old else "elsewhere"
        also = " and reworded" if reworded else ""
        return Event(new.id, name, f"moved from {source} ({before}) to {after}{also} in {where}", old.id)
    if name == "renumbered":
        also = "reworded and " if reworded else ""
        return Event(new.id, name, f"{also}renumbered as {after} in {where}", old.id)
    if name == "reworded":
        return Event(new.id, name, f"reworded in {where}", old.id)
    return Event(new.id, name, f"{name} in {where}", old.id)


def provision_history(provision_id: str, history: History | None, labels: Mapping[str, str]
                      ) -> tuple[Event, ...]:
    """What happened to a provision of the last draft, oldest first, along every branch of its
    lineage (:meth:`compactdraft.align.history.History.back`)."""
    if history is None:
        return ()
    rounds = history.back(len(history.drafts) - 1, [provision_id])
    by_round = {(a.old.id, a.new.id): a for a in history.alignments}
    events: list[Event] = []
    if rounds and rounds[0].old_draft == history.drafts[0].id and rounds[0].old:
        first = history.drafts[0]
        name = labels.get(first.id, first.id)
        events.append(Event(first.id, "present", f"in {name} as {' and '.join(cite(first, i) for i in rounds[0].old)}"))
    for step in rounds:
        alignment = by_round[(step.old_draft, step.new_draft)]
        groups: dict[tuple[str, bool], list[Link]] = {}
        for link in step.links:
            kind = _event_kind(link)
            if kind is not None:
                groups.setdefault(kind, []).append(link)
        events.extend(_event(kind, links, alignment, labels) for kind, links in groups.items())
    return tuple(events)


# --- sources from the provenance graph ------------------------------------------------------------

def edge_kind(data: Mapping[str, Any], key: Any) -> str:
    """The relation an edge of a provenance graph stands for (``cites``, ``becomes``, ...), read from its
    ``type`` (or, in graphs from other tools, ``relation`` / ``kind``), else its key."""
    for name in ("type", "relation", "kind"):
        if isinstance(data.get(name), str):
            return str(data[name])
    return str(key)


def _score(data: Mapping[str, Any], relation: str) -> float:
    value = data.get("score", data.get("weight"))
    try:
        return float(value) if value is not None else 1.0
    except (TypeError, ValueError):
        return 1.0


def provision_sources(graph: Any, node: str, sources: Mapping[str, Draft], labels: Mapping[str, str]
                      ) -> tuple[SourceLink, ...]:
    """The source provisions linked to a graph node, strongest relation per source provision, in
    source order (the order of the manifest, then of the source's own provisions)."""
    if graph is None or node not in graph:
        return ()
    best: dict[tuple[str, str], tuple[str, float]] = {}
    edges = list(graph.out_edges(node, keys=True, data=True)) + [
        (v, u, k, d) for u, v, k, d in graph.in_edges(node, keys=True, data=True)]
    for _, other, key, data in edges:
        relation = edge_kind(data, key)
        source_id, _, provision_id = str(other).partition(":")
        if relation not in SOURCE_RELATIONS or source_id not in sources:
            continue
        score = 1.0 if relation == "cites" else _score(data, relation)
        previous = best.get((source_id, provision_id))
        rank = (SOURCE_RELATIONS.index(relation) * -1, score)
        if previous is None or rank > (SOURCE_RELATIONS.index(previous[0]) * -1, previous[1]):
            best[(source_id, provision_id)] = (relation, score)
    order = {source_id: n for n, source_id in enumerate(sources)}

    def position(item: tuple[str, str]) -> tuple[int, int, str]:
        document = sources[item[0]]
        return (order[item[0]], document.position(item[1]) if item[1] in document else 10**9, item[1])

    links = []
    for source_id, provision_id in sorted(best, key=position):
        relation, score = best[(source_id, provision_id)]
        document = sources[source_id]
        label = f"{labels.get(source_id, source_id)} {cite(document, provision_id)}"
        links.append(SourceLink(source_id, provision_id, label, relation, round(score, 4)))
    return tuple(links)


# --- the whole draft ------------------------------------------------------------------------------

def annotate(drafts: Sequence[Draft], sources: Sequence[Draft], graph: Any = None, *,
             labels: Mapping[str, str] | None = None, alignments: Sequence[Alignment] | None = None,
             history: History | None = None) -> AnnotatedDraft:
    """Annotate the last of ``drafts`` (in negotiation order) with history and sources.

    ``history`` is the series' lineage (:func:`compactdraft.align.history`), made from ``alignments``
    (those of each successive pair, aligned here when not given) unless given; ``graph`` is the
    provenance graph (nodes ``draft:provision``), or None for history only.
    """
    if not drafts:
        raise ValueError("annotate needs at least one draft")
    names = dict(labels or {})
    if history is None and len(drafts) > 1:
        from ..align import history as series_history

        history = series_history(drafts, alignments)
    final = drafts[-1]
    by_id = {source.id: source for source in sources}
    notes = []
    for provision in final:
        events = provision_history(provision.id, history, names)
        linked = provision_sources(graph, f"{final.id}:{provision.id}", by_id, names)
        changed = any(e.kind != "present" for e in events)
        if changed or linked:
            notes.append(Annotation(provision.id, events, linked))
    return AnnotatedDraft(final, tuple(notes), names)


