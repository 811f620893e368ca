"""Pictures and equations in the Word redline: which source object each object character stands for,
and the parts a copied picture needs in the base package.

The docx reader puts one OBJECT character (U+FFFC) in a paragraph's text per picture, chart or
equation (compactdraft.parse.docx.object_elements gives them in the same order). The writer turns each
character of the diff back into a copy of its source object: an equal one from the base draft, a
deleted one from OLD, an inserted one from NEW. A picture copied from the draft that is not the base
refers to parts (the image) through relationship ids of the other package: they are copied under
fresh names and ids.
"""
from __future__ import annotations

import posixpath
from collections import deque
from collections.abc import Sequence
from typing import Any

from lxml import etree

from .safeio import SafeZip
from .wordml import R_NS, serialize

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_R = f"{{{R_NS}}}"
Source = tuple[Any, Any]  # (object element or None, its package or None)


class ObjectQueues:
    """The objects of one part on each side, taken in the order the diff shows their characters."""

    def __init__(self, old: Sequence[Source], new: Sequence[Source], base: str) -> None:
        self.old, self.new, self.base = deque(old), deque(new), base

    def take(self, op: str, count: int) -> list[Source]:
        taken: list[Source] = []
        for _ in range(count):
            old = self.old.popleft() if op in ("equal", "delete") and self.old else (None, None)
            new = self.new.popleft() if op in ("equal", "insert") and self.new else (None, None)
            if op == "equal":
                taken.append(new if self.base == "new" and new[0] is not None or old[0] is None else old)
            else:
                taken.append(old if op == "delete" else new)
        return taken


def _rels_name(part: str) -> str:
    return posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")


def _relationships(package: SafeZip, main: str) -> dict[str, etree._Element]:
    name = _rels_name(main)
    if name not in package:
        return {}
    return {rel.get("Id", ""): rel for rel in package.read_xml(name).iter(f"{{{REL_NS}}}Relationship")}


def import_relationships(members: dict[str, bytes], main: str,
                         imported: Sequence[tuple[etree._Element, SafeZip, str]]) -> None:
    """Give copied objects the parts their relationship ids name, under fresh ids in the base package."""
    if not imported:
        return
    rels_name = _rels_name(main)
    rels = etree.fromstring(members[rels_name]) if rels_name in members else etree.Element(
        f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
    types = etree.fromstring(members["[Content_Types].xml"])
    defaults = {d.get("Extension", "").lower() for d in types.iter(f"{{{CT_NS}}}Default")}
    folder = posixpath.dirname(main)
    copied: dict[tuple[int, str], str] = {}  # (package, old id) -> new id
    for node, package, source_main in imported:
        source_rels = _relationships(package, source_main)
        source_types = etree.fromstring(package.read("[Content_Types].xml")) if "[Content_Types].xml" in package else None
        for element in node.iter():
            for attr, value in list(element.attrib.items()):
                if not attr.startswith(_R) or value not in source_rels:
                    continue
                key = (id(package), value)
                if key not in copied:
                    copied[key] = _copy_relationship(members, rels, source_rels[value], package, source_main,
                                                     folder, len(copied) + 1, types, defaults, source_types)
                element.set(attr, copied[key])
    members[rels_name] = serialize(rels)
    members["[Content_Types].xml"] = serialize(types)


def _copy_relationship(members: dict[str, bytes], rels: etree._Element, rel: etree._Element, package: SafeZip,
                       source_main: str, folder: str, number: int, types: etree._Element, defaults: set[str],
                       source_types: etree._Element | None) -> str:
    new_id = f"rIdCompactdraft{number}"
    attrs = {"Id": new_id, "Type": rel.get("Type", ""), "Target": rel.get("Target", "")}
    if rel.get("TargetMode") == "External":
        attrs["TargetMode"] = "External"
    else:
        source_part = posixpath.normpath(posixpath.join(posixpath.dirname(source_main), rel.get("Target", "")))
        extension = posixpath.splitext(source_part)[1]
        target = f"media/compactdraft-{number}{extension}"
        members[posixpath.join(folder, target)] = package.read(source_part) if source_part in package else b""
        attrs["Target"] = target
        ext = extension.lstrip(".").lower()
        if ext and ext not in defaults:
            content_type = _content_type(source_types, source_part, ext)
            etree.SubElement(types, f"{{{CT_NS}}}Default", Extension=ext, ContentType=content_type)
            defaults.add(ext)
    etree.SubElement(rels, f"{{{REL_NS}}}Relationship", attrs)
    return new_id


def _content_type(source_types: etree._Element | None, part: str, ext: str) -> str:
    if source_types is not None:
        for override in source_types.iter(f"{{{CT_NS}}}Override"):
            if override.get("PartName", "").lstrip("/") == part:
                return override.get("ContentType", "application/octet-stream")
        for default in source_types.iter(f"{{{CT_NS}}}Default"):
            if default.get("Extension", "").lower() == ext:
                return default.get("ContentType", "application/octet-stream")
    return "application/octet-stream"
