"""Reading direction in WordprocessingML: right-to-left paragraphs get ``w:bidi``, their runs ``w:rtl``.

A redline built from a Word file keeps that file's paragraph and run properties, direction included.
One built from plain text or Akoma Ntoso has no properties to keep, so Word and LibreOffice would set
Arabic (or Hebrew, Persian, Urdu) left-aligned and left-to-right. :func:`mark_right_to_left` gives
each paragraph whose first strong character is right-to-left the paragraph property ``w:bidi``
(right-to-left paragraph: alignment, indents and list labels on the right) and each of its runs that
holds right-to-left text the run property ``w:rtl`` (the run is complex-script text, shaped and
ordered right to left). Digits and Latin words inside keep their own direction through the Unicode
bidirectional algorithm, which both readers apply within a run.
"""
from __future__ import annotations

import unicodedata

from lxml import etree

from .namespaces import PPR_ORDER, RPR_ORDER, W

_RIGHT_TO_LEFT = {"R", "AL"}


def is_right_to_left(text: str) -> bool:
    """True when the first strongly directional character is right-to-left (Unicode rule P2)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in _RIGHT_TO_LEFT:
            return True
        if direction == "L":
            return False
    return False


def _has_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in _RIGHT_TO_LEFT for char in text)


def _insert_in_order(parent: etree._Element, name: str, order: tuple[str, ...]) -> None:
    """Add the empty property ``name`` to ``parent`` at its schema place, unless it is there."""
    if parent.find(W + name) is not None:
        return
    rank = order.index(name)
    new = etree.Element(W + name)
    for position, child in enumerate(parent):
        local = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if local in order and order.index(local) > rank:
            parent.insert(position, new)
            return
    parent.append(new)


def _properties(owner: etree._Element, name: str) -> etree._Element:
    found = owner.find(W + name)
    if found is None:
        found = etree.Element(W + name)
        owner.insert(0, found)
    return found


def _run_text(run: etree._Element) -> str:
    return "".join(node.text or "" for node in run if node.tag in (W + "t", W + "delText"))


def mark_right_to_left(document: etree._Element) -> int:
    """Mark every right-to-left paragraph of ``document`` (w:bidi) and its RTL runs (w:rtl); the count."""
    marked = 0
    for paragraph in document.iter(W + "p"):
        runs = [run for run in paragraph.iter(W + "r")]
        if not is_right_to_left("".join(_run_text(run) for run in runs)):
            continue
        _insert_in_order(_properties(paragraph, "pPr"), "bidi", PPR_ORDER)
        for run in runs:
            if _has_right_to_left(_run_text(run)):
                _insert_in_order(_properties(run, "rPr"), "rtl", RPR_ORDER)
        marked += 1
    return marked
