"""Small constructors for the authored texts and for the edits made in each negotiating round.

A document is a tree of :class:`Node` with stable keys that never change between rounds; numbers
(paragraph 17, action (c), objective 4, preamble.3) are computed from the position of a node when a
draft is written, exactly as Word's automatic numbering would print them. Because edits are stated on
keys, what happened to every provision between two rounds is known by construction.

Roles:
  preamble   the "Preamble" heading; its children are ``preambular`` paragraphs (unnumbered)
  section    a heading with a fixed printed number ("I. Vision ..."); children are paragraphs/objectives
  objective  "Objective N: title", N counted through the document; one child: the commitment ``para``
  annex      "Annex I" with a title; paragraph numbering restarts inside it
  para       a numbered paragraph (numbered continuously through the document or annex)
  chapeau    unnumbered lead-in of a paragraph ("To realize this commitment ...:")
  item       a lettered item "(a)" of a paragraph
  subitem    a roman item "(i)" of an item
  rec        "Recommendation N: text" (a report's recommendation)
Sources: a tuple of (source provision, how) with how one of ``quotes`` (a long verbatim passage),
``paraphrases`` (close rewording) or ``cites`` (the text names the source provision).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Sources = tuple[tuple[str, str], ...]
HOW = ("quotes", "paraphrases", "cites")
CHAPEAU = "To realize this commitment, we will draw from the following actions:"


@dataclass
class Node:
    key: str
    role: str
    text: str = ""
    sources: Sources = ()
    children: list[Node] = field(default_factory=list)
    number: str = ""  # fixed printed number for sections and annexes ("I", "II")

    def copy(self) -> Node:
        return Node(self.key, self.role, self.text, self.sources, [c.copy() for c in self.children], self.number)


def src(*pairs: str) -> Sources:
    """``src("decl:para.7 quotes", "report:rec.1 cites")`` -> ((id, how), ...)."""
    result = []
    for pair in pairs:
        ident, how = pair.split()
        assert how in HOW, pair
        result.append((ident, how))
    return tuple(result)


def preamble(*paras: Node) -> Node:
    return Node("preamble", "preamble", "Preamble", children=list(paras))


def pre(key: str, text: str, sources: Sources = ()) -> Node:
    return Node(key, "preambular", text, sources)


def section(key: str, number: str, title: str, *children: Node) -> Node:
    return Node(key, "section", title, children=list(children), number=number)


def annex(key: str, number: str, title: str, *children: Node) -> Node:
    return Node(key, "annex", title, children=list(children), number=number)


def para(key: str, text: str, sources: Sources = (), *items: Node) -> Node:
    return Node(key, "para", text, sources, list(items))


def item(key: str, text: str, sources: Sources = (), *subitems: Node) -> Node:
    return Node(key, "item", text, sources, list(subitems))


def sub(key: str, text: str, sources: Sources = ()) -> Node:
    return Node(key, "subitem", text, sources)


def rec(key: str, text: str, sources: Sources = ()) -> Node:
    return Node(key, "rec", text, sources)


def objective(key: str, title: str, commitment: str, sources: Sources, *actions: Node) -> Node:
    """An objective heading with its commitment paragraph, the standard chapeau and lettered actions."""
    chapeau = Node(f"{key}.ch", "chapeau", CHAPEAU)
    commit = Node(f"{key}.commit", "para", commitment, sources, [chapeau, *actions])
    return Node(key, "objective", title, children=[commit])


# --- edits -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Edit:
    """One edit of a round; ``op`` is reword | insert | delete | move | split | merge.

    keys:   the nodes edited (merge: all merged nodes, in order)
    nodes:  new nodes (insert: one; split: the parts; merge: the result)
    after / before / into: where an inserted or moved node goes (``into`` appends to a parent)
    text / sources: new wording (reword, move); None keeps it
    """

    op: str
    keys: tuple[str, ...] = ()
    nodes: tuple[Node, ...] = ()
    after: str | None = None
    before: str | None = None
    into: str | None = None
    text: str | None = None
    sources: Sources | None = None


def reword(key: str, text: str, sources: Sources | None = None) -> Edit:
    return Edit("reword", (key,), text=text, sources=sources)


def insert(node: Node, *, after: str | None = None, before: str | None = None, into: str | None = None) -> Edit:
    return Edit("insert", (), (node,), after, before, into)


def delete(key: str) -> Edit:
    return Edit("delete", (key,))


def move(key: str, *, after: str | None = None, before: str | None = None, into: str | None = None,
         text: str | None = None, sources: Sources | None = None) -> Edit:
    return Edit("move", (key,), (), after, before, into, text, sources)


def split(key: str, parts: Sequence[Node]) -> Edit:
    return Edit("split", (key,), tuple(parts))


def merge(keys: Iterable[str], result: Node) -> Edit:
    return Edit("merge", tuple(keys), (result,))
