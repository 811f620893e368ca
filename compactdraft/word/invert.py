"""A .docx with every tracked change inverted: insertions become deletions and deletions insertions,
moves run the other way, and each paragraph's or run's former properties (``w:pPrChange``,
``w:rPrChange``) become its current ones.

Accepting every change of the inverted package is rejecting every change of the original, so any reader
that accepts changes (the .docx reader) reads the redline's *old* side through the inverted copy with
its labels from Word's numbering, exactly as it reads the new side from the original. This is how
``compactdraft verify`` reads both sides of a third party's redline without a second reader.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from ..safeio import SafeZip
from .namespaces import PPR_ORDER, W

_SWAP = {W + "ins": "del", W + "del": "ins", W + "moveFrom": "moveTo", W + "moveTo": "moveFrom"}
_TEXT_SWAP = {W + "t": "delText", W + "delText": "t", W + "instrText": "delInstrText",
              W + "delInstrText": "instrText"}
_STORY_PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")


def invert_revisions(root: etree._Element) -> None:
    """Invert every tracked change under ``root`` in place (see the module docstring)."""
    for element in list(root.iter(*_SWAP)):
        if _is_run_container(element):
            _swap_text_tags(element, to_deleted=element.tag == W + "ins" or element.tag == W + "moveTo")
        element.tag = W + _SWAP[element.tag]
    for change in list(root.iter(W + "pPrChange", W + "rPrChange")):
        _restore_former_properties(change)


def _is_run_container(element: etree._Element) -> bool:
    """A revision wrapping runs (not a paragraph-mark or table-row marker, which are empty)."""
    return len(element) > 0


def _swap_text_tags(container: etree._Element, to_deleted: bool) -> None:
    """Inserted text becomes deleted text (``w:t`` -> ``w:delText``) and the reverse."""
    for node in container.iter(*_TEXT_SWAP):
        is_deleted_form = node.tag in (W + "delText", W + "delInstrText")
        if to_deleted != is_deleted_form:
            node.tag = W + _TEXT_SWAP[node.tag]


def _restore_former_properties(change: etree._Element) -> None:
    """Make a ``w:pPrChange``/``w:rPrChange``'s former properties current, and the current ones former."""
    properties = change.getparent()
    former = change.find(W + ("pPr" if change.tag == W + "pPrChange" else "rPr"))
    if properties is None:
        return
    kept = {W + "rPr", W + "sectPr", W + "pPrChange", W + "rPrChange"}  # not part of what pPrChange records
    current = [child for child in properties if child.tag not in kept]
    new_former = etree.SubElement(change, former.tag if former is not None else W + "pPr")
    for child in current:
        properties.remove(child)
        new_former.append(child)
    if former is not None:
        change.remove(former)
        anchor = 0
        if properties.tag == W + "pPr" and len(properties) and properties[0].tag == W + "pStyle":
            anchor = 1
        for offset, child in enumerate(list(former)):
            properties.insert(anchor + offset, child)
    _order_paragraph_properties(properties)

def _order_paragraph_properties(properties: etree._Element) -> None:
    """Word refuses pPr children out of schema order; the ones moved out of pPrChange are put back in it."""
    if properties.tag != W + "pPr":
        return
    rank = {W + name: index for index, name in enumerate(PPR_ORDER)}
    children = sorted(properties, key=lambda c: rank.get(c.tag, len(rank)))
    for child in children:
        properties.append(child)


def inverted_package(data: bytes, path: str | Path | None = None) -> bytes:
    """The package with every story part's revisions inverted (read through safeio; other parts copied)."""
    package = SafeZip(data, path)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in _STORY_PARTS:
                root = package.read_xml(info.filename)
                invert_revisions(root)
                payload = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            else:
                payload = source.read(info)
            target.writestr(info, payload)
    return out.getvalue()
