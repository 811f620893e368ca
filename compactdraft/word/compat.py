"""Markup compatibility (ECMA-376 Part 3) for the parts the redline writes.

A part may carry markup of later Office versions (w14:paraId, wp14:anchorId, ...) only if its root
lists the namespace in mc:Ignorable: a consumer that does not know it then skips it, where without the
declaration it must refuse the file. The redline rewrites note parts from scratch and copies drawings
between packages, so what the sources declared has to be declared again where the markup now sits.
"""
from __future__ import annotations

from lxml import etree

from .namespaces import MC_NS, XML_NS

MC_IGNORABLE = f"{{{MC_NS}}}Ignorable"
MC_CHOICE = f"{{{MC_NS}}}Choice"
# the namespaces of the first edition (Office 2007): every consumer knows these
_BASELINE = ("http://schemas.openxmlformats.org/", "urn:schemas-microsoft-com:", XML_NS, MC_NS,
             "http://schemas.microsoft.com/office/word/2006/wordml")
# the prefixes Word itself uses, so a declaration added here reads as Word's would
_PREFIXES = {
    "http://schemas.microsoft.com/office/word/2010/wordml": "w14",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing": "wp14",
    "http://schemas.microsoft.com/office/word/2012/wordml": "w15",
    "http://schemas.microsoft.com/office/word/2015/wordml/symex": "w16se",
    "http://schemas.microsoft.com/office/word/2016/wordml/cid": "w16cid",
    "http://schemas.microsoft.com/office/word/2018/wordml": "w16",
    "http://schemas.microsoft.com/office/word/2018/wordml/cex": "w16cex",
    "http://schemas.microsoft.com/office/word/2023/wordml/word16du": "w16du",
    "http://schemas.microsoft.com/office/word/2020/wordml/sdtdatahash": "w16sdtdh",
}


def _namespace(name: str) -> str | None:
    return name[1:].split("}", 1)[0] if name.startswith("{") else None


def _is_extension(namespace: str | None) -> bool:
    return namespace is not None and not namespace.startswith(_BASELINE)


def _extension_namespaces(root: etree._Element) -> dict[str, str | None]:
    """Namespace -> the prefix it is written with, for every later-version namespace the part uses
    outside an mc:Choice (a Choice names what it requires; there nothing needs skipping)."""
    found: dict[str, str | None] = {}

    def walk(node: etree._Element) -> None:
        if not isinstance(node.tag, str) or node.tag == MC_CHOICE:
            return
        tag_ns = _namespace(node.tag)
        if _is_extension(tag_ns):
            found.setdefault(tag_ns, node.prefix)  # type: ignore[arg-type]
        for attr in node.attrib:
            attr_ns = _namespace(attr)
            if _is_extension(attr_ns):
                prefix = next((p for p, uri in node.nsmap.items() if uri == attr_ns), None)
                found.setdefault(attr_ns, prefix)  # type: ignore[arg-type]
        for child in node:
            walk(child)

    walk(root)
    return found


def declare_ignorable(root: etree._Element) -> etree._Element:
    """The part's root with every later-version namespace it uses declared on it and listed in
    mc:Ignorable (added to what it already lists). A part that uses none is returned unchanged."""
    used = _extension_namespaces(root)
    if not used:
        return root
    declared = {uri: prefix for prefix, uri in root.nsmap.items() if prefix}
    listed = (root.get(MC_IGNORABLE) or "").split()
    listed_uris = {root.nsmap.get(prefix) for prefix in listed}
    top: dict[str, str] = {}
    for uri, written in sorted(used.items()):
        if uri in listed_uris:
            continue
        prefix = declared.get(uri) or written or _PREFIXES.get(uri) or f"ext{len(top) + 1}"
        while prefix in root.nsmap and root.nsmap[prefix] != uri or prefix in top and top[prefix] != uri:
            prefix += "x"
        top[prefix] = uri
        listed.append(prefix)
    if not top:
        return root
    top.setdefault("mc", MC_NS)
    root = _with_namespaces(root, top)
    root.set(MC_IGNORABLE, " ".join(listed))
    return root


def _with_namespaces(root: etree._Element, extra: dict[str, str]) -> etree._Element:
    """A copy of root whose own nsmap adds ``extra`` (lxml cannot add declarations in place)."""
    nsmap = dict(root.nsmap)
    nsmap.update(extra)
    fresh = etree.Element(root.tag, attrib=dict(root.attrib), nsmap=nsmap)
    fresh.text = root.text
    for child in list(root):
        fresh.append(child)
    return fresh
