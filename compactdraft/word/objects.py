"""Pictures and equations: the object characters of a paragraph's text, and the parts a copied picture
needs in the base package of the Word redline.

Each picture, chart or equation is one OBJECT TOKEN in a paragraph's text: U+FFFC (the Unicode object
replacement character) followed by a content key of KEY_LENGTH variation selectors (U+FE00..U+FE0F,
one per hex digit of a hash of the object's content). Variation selectors are combining marks, so the
word tokeniser (compactdraft.diff.tokens) keeps the whole token as one token; the diff's own token
codes are private-use code points assigned by a per-diff table, so an object token can never be
mistaken for a code. The same object in two drafts gives the same token (an unchanged picture is
equal), a changed equation or a replaced picture a different one (a revision). The key is:

- an equation (``m:oMath``, ``m:oMathPara``): its structure (math element names and their ``m:``
  attributes) and its ``m:t`` texts, tracked changes inside it read as accepted, formatting ignored;
- a picture, chart or embedded object: the SHA-256 of every part it refers to (an image's bytes; an
  XML part's texts, as a chart's or a diagram's data survive re-saving while their bytes do not), its
  extent (``wp:extent``, or the VML shape's width and height) and preset geometry, not the ids or
  names Word gives it.

The docx reader (:class:`ObjectKeys` per part) and our tracked-changes reader compute the same tokens,
so accept/reject comparisons compare objects by content. The Word writer turns each object token of
the diff back into a copy of its source object (compactdraft.word.content.object_elements gives them in
order): an equal one from the base draft, a deleted one from OLD, an inserted one from NEW. A picture
copied from the draft that is not the base refers to parts (the image) through relationship ids of the
other package: they are copied under fresh names and ids, bytes unchanged, so its key is kept.
"""
from __future__ import annotations

import hashlib
import posixpath
import re
from collections import deque
from collections.abc import Sequence
from typing import Any

from lxml import etree

from ..safeio import SafeZip, parse_xml
from .elements import R_NS, W, serialize
from .namespaces import CT_NS, M_NS, REL_NS

_R = f"{{{R_NS}}}"
Source = tuple[Any, Any]  # (object element or None, its package or None)

OBJECT = "\ufffc"
KEY_BASE = 0xFE00  # VARIATION SELECTOR-1: sixteen selectors, one per hex digit
KEY_LENGTH = 8  # 32 bits of SHA-256: distinct objects of one document pair collide with odds ~n^2/2^33
OBJECT_TOKEN = re.compile("\ufffc[\ufe00-\ufe0f]*")
_M = f"{{{M_NS}}}"
_WP_EXTENT = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"
_A_PRESET = "{http://schemas.openxmlformats.org/drawingml/2006/main}prstGeom"
_VML_SIZE = re.compile(r"(?:^|;)\s*(width|height)\s*:\s*([^;]+)")
# Inside an equation: what accepting its own tracked changes drops, and formatting (not content).
_MATH_SKIPPED = {W + "del", W + "moveFrom", W + "rPr", _M + "ctrlPr", W + "delText"}


def key_token(content: str) -> str:
    """The object token for a content description: U+FFFC and KEY_LENGTH variation selectors."""
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:KEY_LENGTH]
    return OBJECT + "".join(chr(KEY_BASE + int(digit, 16)) for digit in digest)


def strip_objects(text: str) -> str:
    """The text without its object tokens."""
    return OBJECT_TOKEN.sub("", text)


def math_content(node: etree._Element) -> str:
    """An equation's structure and text: math element names, their m: attributes, m:t texts."""
    out: list[str] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _MATH_SKIPPED:
                continue
            if not tag.startswith(_M):
                walk(child)  # w:ins, w:moveTo, bookmarks: transparent
                continue
            attrs = ",".join(f"{k[len(_M):]}={v}" for k, v in sorted(child.attrib.items()) if k.startswith(_M))
            out.append(f"<{tag[len(_M):]} {attrs}>")
            if tag == _M + "t":
                out.append(child.text or "")
            walk(child)
            out.append(">")
    out.append(node.tag[len(_M):] if node.tag.startswith(_M) else node.tag)
    walk(node)
    return "".join(out)


class ObjectKeys:
    """Object tokens for the objects of one part of a package (its relationships resolve pictures)."""

    def __init__(self, package: SafeZip | None = None, part: str = "word/document.xml") -> None:
        self.package, self.part = package, part
        self._rels: dict[str, etree._Element] | None = None
        self._hashes: dict[str, str] = {}

    def token(self, node: etree._Element) -> str:
        """The object token of a picture, chart or equation element."""
        if node.tag.startswith(_M):
            return key_token("math:" + math_content(node))
        return key_token("object:" + self._object_content(node))

    def _object_content(self, node: etree._Element) -> str:
        found: list[str] = []
        for element in node.iter():
            for attr, value in sorted(element.attrib.items()):
                if attr.startswith(f"{{{R_NS}}}"):
                    found.append(self._target(value))
            if element.tag == _WP_EXTENT:
                found.append(f"extent={element.get('cx')}x{element.get('cy')}")
            elif element.tag == _A_PRESET:
                found.append(f"preset={element.get('prst')}")
            elif "style" in element.attrib and element.tag.startswith("{urn:schemas-microsoft-com:vml}"):
                size = dict(_VML_SIZE.findall(element.get("style", "")))
                found.append(f"vml={size.get('width', '').strip()}x{size.get('height', '').strip()}")
        return "|".join(found)

    def _target(self, rel_id: str) -> str:
        """What a relationship id points at: the part's bytes hash, or the external address."""
        if self.package is None:
            return "unresolved"
        if self._rels is None:
            self._rels = _relationships(self.package, self.part)
        rel = self._rels.get(rel_id)
        if rel is None:
            return "missing"
        if rel.get("TargetMode") == "External":
            return "external=" + rel.get("Target", "")
        name = _target_part(self.part, rel.get("Target", ""))
        if name not in self._hashes:
            self._hashes[name] = _part_content_hash(self.package, name)
        return "part=" + self._hashes[name]


def _part_content_hash(package: SafeZip, name: str) -> str:
    """An image's bytes; an XML part's (a chart's, a diagram's) texts, which survive re-saving while
    its bytes (attribute order, namespace prefixes, ids) do not."""
    if name not in package:
        return "missing"
    if not name.lower().endswith(".xml"):
        return hashlib.sha256(package.read(name)).hexdigest()
    texts = [text.strip() for text in package.read_xml(name).itertext() if text.strip()]
    return "xml:" + hashlib.sha256("\x1f".join(texts).encode("utf-8")).hexdigest()


def _target_part(part: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))


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
    rels = parse_xml(members[rels_name], None, rels_name) if rels_name in members else etree.Element(
        f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
    types = parse_xml(members["[Content_Types].xml"], None, "[Content_Types].xml")
    defaults = {d.get("Extension", "").lower() for d in types.iter(f"{{{CT_NS}}}Default")}
    folder = posixpath.dirname(main)
    copied: dict[tuple[int, str], str] = {}  # (package, old id) -> new id
    for node, package, source_main in imported:
        source_rels = _relationships(package, source_main)
        source_types = package.read_xml("[Content_Types].xml") if "[Content_Types].xml" in package else None
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
        _copy_part(members, package, source_part, posixpath.join(folder, target), types, defaults, source_types)
        attrs["Target"] = target
    etree.SubElement(rels, f"{{{REL_NS}}}Relationship", attrs)
    return new_id


def _copy_part(members: dict[str, bytes], package: SafeZip, source_part: str, part: str, types: etree._Element,
               defaults: set[str], source_types: etree._Element | None, copies: dict[str, str] | None = None) -> str:
    """Copy one part under a new name with its content type, and the parts its own relationships
    name (a diagram's data names its pictures), so every id a copied part holds resolves. Returns the
    copy's name; ``copies`` (source part -> copy) makes a part named twice, or in a cycle, copied once."""
    copies = {} if copies is None else copies
    if source_part in copies:
        return copies[source_part]
    copies[source_part] = part
    members[part] = package.read(source_part) if source_part in package else b""
    extension = posixpath.splitext(source_part)[1]
    ext = extension.lstrip(".").lower()
    override = _override_type(source_types, source_part)
    if override is not None:
        # a part typed by its own Override (diagram data, charts: .xml parts whose type is not the
        # package's xml default) keeps that type, or consumers refuse the package
        etree.SubElement(types, f"{{{CT_NS}}}Override", PartName="/" + part, ContentType=override)
    elif ext and ext not in defaults:
        etree.SubElement(types, f"{{{CT_NS}}}Default", Extension=ext,
                         ContentType=_content_type(source_types, source_part, ext))
        defaults.add(ext)
    source_rels = _rels_name(source_part)
    if source_rels not in package:
        return part
    rels = package.read_xml(source_rels)
    stem = posixpath.splitext(part)[0]
    for index, rel in enumerate(rels.iter(f"{{{REL_NS}}}Relationship"), start=1):
        if rel.get("TargetMode") == "External":
            continue
        inner = posixpath.normpath(posixpath.join(posixpath.dirname(source_part), rel.get("Target", "")))
        copy_name = f"{stem}-{index}{posixpath.splitext(inner)[1]}"
        copied = _copy_part(members, package, inner, copy_name, types, defaults, source_types, copies)
        rel.set("Target", posixpath.relpath(copied, posixpath.dirname(part)))
    members[_rels_name(part)] = serialize(rels)
    return part


def _override_type(source_types: etree._Element | None, part: str) -> str | None:
    if source_types is not None:
        for override in source_types.iter(f"{{{CT_NS}}}Override"):
            if override.get("PartName", "").lstrip("/") == part:
                return override.get("ContentType")
    return None


def _content_type(source_types: etree._Element | None, part: str, ext: str) -> str:
    if source_types is not None:
        for override in source_types.iter(f"{{{CT_NS}}}Override"):
            if override.get("PartName", "").lstrip("/") == part:
                return override.get("ContentType", "application/octet-stream")
        for default in source_types.iter(f"{{{CT_NS}}}Default"):
            if default.get("Extension", "").lower() == ext:
                return default.get("ContentType", "application/octet-stream")
    return "application/octet-stream"
