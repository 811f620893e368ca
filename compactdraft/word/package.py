"""What a Word package is made of, read the same way by the .docx reader and the writers."""
from __future__ import annotations

import posixpath

from ..safeio import SafeZip
from .namespaces import OFFICE_DOCUMENT, REL_NS


def office_document_part(package: SafeZip) -> str | None:
    """The main document part that ``_rels/.rels`` names (usually word/document.xml), if it is there."""
    if "_rels/.rels" not in package:
        return None
    for rel in package.read_xml("_rels/.rels").iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("Type") == OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
            name = posixpath.normpath(rel.get("Target", "").lstrip("/"))
            if name in package:
                return name
    return None
