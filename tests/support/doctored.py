"""A doctored redline for ``verify``: a faithful .docx redline with words removed from untracked text,
so that the deletion shows no strikethrough (the pandemic-agreement complaint). Deterministic: the
package is rewritten entry by entry with the original zip metadata."""
from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TRACKED = {W + "ins", W + "del", W + "moveFrom", W + "moveTo"}


def silently_delete(data: bytes, phrase: str) -> bytes:
    """The package with the first untracked occurrence of ``phrase`` cut out of its w:t; ValueError if none."""
    source = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(source.read("word/document.xml"))
    for text in root.iter(W + "t"):
        if text.text and phrase in text.text and not any(a.tag in _TRACKED for a in text.iterancestors()):
            text.text = text.text.replace(phrase, "", 1)
            break
    else:
        raise ValueError(f"no untracked text holds {phrase!r}")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            payload = source.read(info)
            if info.filename == "word/document.xml":
                payload = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, payload)
    return out.getvalue()
