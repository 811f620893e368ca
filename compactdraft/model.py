"""The document model every stage shares: a Draft is an ordered tuple of Provisions.

Provision ids mean what the printed numbering means (``para.17.a`` is what a reader calls
"paragraph 17 (a)"), so they are built from the document's own labels, never from a running
counter. Only unnumbered text gets a positional id (``obj.2.text.1``) and is flagged
``numbered=False``.

Everything here is immutable and serialises to JSON with an exact round trip
(``draft_from_dict(draft_to_dict(d)) == d``); the schema is documented in docs/schema.md.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Any

from .errors import InputError

SCHEMA = "compactdraft/draft/1"


class Kind(str, Enum):
    """What a provision is, as a drafter would name it."""

    HEADING = "heading"  # section, objective, annex or recommendation heading
    PREAMBULAR = "preambular"  # a paragraph of the preamble
    OPERATIVE = "operative"  # a numbered paragraph outside any objective
    COMMITMENT = "commitment"  # the numbered paragraph that carries an objective's commitment
    CHAPEAU = "chapeau"  # unnumbered lead-in ending with a colon ("... the following actions:")
    ACTION = "action"  # a lettered sub-paragraph of a commitment
    SUBPARAGRAPH = "subparagraph"  # any other lettered or roman sub-paragraph
    TEXT = "text"  # unnumbered running text

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Footnote:
    """A footnote attached to the paragraph whose text carries its reference mark."""

    label: str
    text: str


@dataclass(frozen=True)
class Provision:
    """One paragraph-level unit of a draft.

    id:        stable id built from the printed numbering (``para.17.a``, ``obj.7``, ``preamble.3``)
    label:     the printed label exactly as a reader sees it (``17.``, ``(a)``, ``Objective 7:``); "" if none
    kind:      see :class:`Kind`
    text:      the provision's text without its label
    parent:    id of the enclosing provision (``para.17`` for ``para.17.a``), None at top level
    level:     depth in the outline, 0 for top-level headings
    numbered:  False when the id comes from position rather than a printed number
    footnotes: footnotes referenced from this provision, in order
    ref:       where it came from in the source file (reader-specific, e.g. ``p:41`` = 42nd w:p)
    """

    id: str
    label: str
    kind: Kind
    text: str
    parent: str | None = None
    level: int = 0
    numbered: bool = True
    footnotes: tuple[Footnote, ...] = ()
    ref: str | None = None

    @property
    def display(self) -> str:
        """Label and text as printed."""
        return f"{self.label} {self.text}".strip() if self.label else self.text

    @property
    def number(self) -> str:
        """The printed number without punctuation (``17`` for ``17.``, ``a`` for ``(a)``)."""
        return self.id.rsplit(".", 1)[-1] if self.numbered else ""


@dataclass(frozen=True)
class Draft:
    """A parsed document: a draft of the compact or a source text.

    id:         short id used in provenance node names and history (``zero``, ``rev1``, ``nyd``)
    title:      the document's title (first heading-like line), may be ""
    date:       ISO date (``2018-02-05``) or None
    source:     the path it was read from (as given), or None
    provisions: the provisions in document order
    format:     the reader that produced it (``docx``, ``text``, ``html``, ``pdf``, ``akn``)
    profile:    the structure profile used (``un-compact``, ``generic``)
    warnings:   what the reader noticed but tolerated (tracked changes accepted, ...)
    """

    id: str
    title: str
    provisions: tuple[Provision, ...]
    date: str | None = None
    source: str | None = None
    format: str = "text"
    profile: str = "generic"
    warnings: tuple[str, ...] = ()
    _index: dict[str, int] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        index: dict[str, int] = {}
        for position, provision in enumerate(self.provisions):
            if provision.id in index:
                raise InputError(f"duplicate provision id {provision.id!r}", self.source)
            index[provision.id] = position
        object.__setattr__(self, "_index", index)

    def __iter__(self) -> Iterator[Provision]:
        return iter(self.provisions)

    def __len__(self) -> int:
        return len(self.provisions)

    def __contains__(self, provision_id: object) -> bool:
        return provision_id in self._index

    def get(self, provision_id: str) -> Provision:
        """The provision with this id; KeyError if absent."""
        return self.provisions[self._index[provision_id]]

    def position(self, provision_id: str) -> int:
        """Index of the provision in document order."""
        return self._index[provision_id]

    def children(self, provision_id: str | None) -> tuple[Provision, ...]:
        """Direct children of a provision (or the top-level provisions for None)."""
        return tuple(p for p in self.provisions if p.parent == provision_id)

    def ancestors(self, provision_id: str) -> tuple[Provision, ...]:
        """Enclosing provisions from the nearest outwards."""
        chain = []
        parent = self.get(provision_id).parent
        while parent is not None and parent in self._index:
            node = self.get(parent)
            chain.append(node)
            parent = node.parent
        return tuple(chain)

    def section_of(self, provision_id: str) -> Provision | None:
        """The outermost heading enclosing a provision (an objective, a section), or None."""
        headings = [p for p in self.ancestors(provision_id) if p.kind is Kind.HEADING]
        provision = self.get(provision_id)
        if provision.kind is Kind.HEADING and not headings:
            return provision
        return headings[-1] if headings else None

    def heading_of(self, provision_id: str) -> Provision | None:
        """The nearest heading enclosing a provision (its objective rather than the part holding it)."""
        return next((p for p in self.ancestors(provision_id) if p.kind is Kind.HEADING), None)

    def with_id(self, draft_id: str) -> Draft:
        """The same draft under another id (e.g. given by a series manifest)."""
        return Draft(draft_id, self.title, self.provisions, self.date, self.source, self.format,
                     self.profile, self.warnings)

    def replace(self, **changes: Any) -> Draft:
        values = {name: getattr(self, name) for name in
                  ("id", "title", "provisions", "date", "source", "format", "profile", "warnings")}
        values.update(changes)
        return Draft(**values)


# --- JSON ---------------------------------------------------------------------------------------

def provision_to_dict(provision: Provision) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": provision.id,
        "label": provision.label,
        "kind": provision.kind.value,
        "text": provision.text,
        "parent": provision.parent,
        "level": provision.level,
        "numbered": provision.numbered,
    }
    if provision.footnotes:
        data["footnotes"] = [{"label": f.label, "text": f.text} for f in provision.footnotes]
    if provision.ref is not None:
        data["ref"] = provision.ref
    return data


def provision_from_dict(data: Mapping[str, Any]) -> Provision:
    return Provision(
        id=str(data["id"]),
        label=str(data["label"]),
        kind=Kind(data["kind"]),
        text=str(data["text"]),
        parent=data.get("parent"),
        level=int(data.get("level", 0)),
        numbered=bool(data.get("numbered", True)),
        footnotes=tuple(Footnote(str(f["label"]), str(f["text"])) for f in data.get("footnotes", ())),
        ref=data.get("ref"),
    )


def draft_to_dict(draft: Draft) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "id": draft.id,
        "title": draft.title,
        "date": draft.date,
        "source": draft.source,
        "format": draft.format,
        "profile": draft.profile,
        "warnings": list(draft.warnings),
        "provisions": [provision_to_dict(p) for p in draft.provisions],
    }


def draft_from_dict(data: Mapping[str, Any], path: str | None = None) -> Draft:
    """Load a draft from its JSON form; InputError naming ``path`` if it is not one."""
    if not isinstance(data, Mapping) or data.get("schema") != SCHEMA:
        raise InputError(f"not a compactdraft draft (expected schema {SCHEMA!r})", path)
    try:
        return Draft(
            id=str(data["id"]),
            title=str(data.get("title", "")),
            date=data.get("date"),
            source=data.get("source"),
            format=str(data.get("format", "text")),
            profile=str(data.get("profile", "generic")),
            warnings=tuple(str(w) for w in data.get("warnings", ())),
            provisions=tuple(provision_from_dict(p) for p in data["provisions"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"malformed draft JSON ({exc.__class__.__name__}: {exc})", path) from None


# --- alignment (the contract between the align stage and everything after it) ---------------------

class LinkKind(str, Enum):
    """What happened to provisions between two drafts."""

    UNCHANGED = "unchanged"  # same id, same text
    MODIFIED = "modified"  # same place, wording changed
    RENUMBERED = "renumbered"  # same text, different number/id
    MOVED = "moved"  # to another parent or section (text may also change)
    SPLIT = "split"  # one old provision -> several new
    MERGED = "merged"  # several old -> one new
    DELETED = "deleted"  # old only
    INSERTED = "inserted"  # new only

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Link:
    """One alignment link: old ids -> new ids with what happened.

    kind:       the primary kind (see LinkKind)
    similarity: 0..1 word similarity of the linked texts (1.0 for unchanged; 0.0 for inserted/deleted)
    also:       secondary kinds that hold too, e.g. a renumbered and reworded paragraph is
                kind=modified, also=("renumbered",); a moved one that was reworded has also=("modified",)
    """

    old: tuple[str, ...]
    new: tuple[str, ...]
    kind: LinkKind
    similarity: float = 0.0
    also: tuple[LinkKind, ...] = ()

    def is_a(self, kind: LinkKind) -> bool:
        return self.kind is kind or kind in self.also

    @property
    def reworded(self) -> bool:
        """The wording changed: a modified provision, also when it moved or was renumbered as well (the
        one definition of "modified"/"reworded" that ``align``, ``stats`` and the report count)."""
        return self.is_a(LinkKind.MODIFIED)


@dataclass(frozen=True)
class Alignment:
    """All links between two drafts; every provision of both appears in exactly one link."""

    old: Draft
    new: Draft
    links: tuple[Link, ...]

    def links_of_old(self, provision_id: str) -> tuple[Link, ...]:
        return tuple(link for link in self.links if provision_id in link.old)

    def links_of_new(self, provision_id: str) -> tuple[Link, ...]:
        return tuple(link for link in self.links if provision_id in link.new)


def alignment_to_dict(alignment: Alignment) -> dict[str, Any]:
    """The documented JSON contract (docs/alignment.md)."""
    return {
        "schema": "compactdraft/alignment/1",
        "old": alignment.old.id,
        "new": alignment.new.id,
        "links": [
            {"old": list(link.old), "new": list(link.new), "kind": link.kind.value,
             "similarity": round(link.similarity, 4), "also": [k.value for k in link.also]}
            for link in alignment.links
        ],
    }


# --- text ------------------------------------------------------------------------------------------

_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))
# XML 1.0 cannot carry U+FFFE/U+FFFF or lone surrogates: dropped here so every writer (.docx, GraphML) can
# write any text
_CONTROL.update(dict.fromkeys([0xFFFE, 0xFFFF, *range(0xD800, 0xE000)]))


@lru_cache(maxsize=1 << 14)  # readers and build_draft clean each block's text several times
def clean_text(text: str) -> str:
    """NFC, control characters dropped, runs of whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    if not text.isprintable():  # every character _CONTROL drops is unprintable: most texts skip this
        text = text.translate(_CONTROL)
    # str.split() and the regex \s agree on every code point (a test checks); split is 3x faster
    return " ".join(text.split())
