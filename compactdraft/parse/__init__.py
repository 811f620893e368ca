"""Readers: one module per format, all producing the same :class:`~compactdraft.model.Draft`.

``parse_file(path)`` picks the reader from the extension, checks that the content is what the
extension says, and returns the structured draft. Reader modules are imported lazily so that the
CLI starts fast.
"""
from __future__ import annotations

import importlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, UnsupportedFormatError
from ..model import Draft, draft_from_dict
from ..safeio import OLE_MAGIC, ZIP_MAGIC, decode_text, read_input_bytes


@dataclass(frozen=True)
class ReadOptions:
    """What every reader is told: the id to give the draft, the profile to force, its date."""

    draft_id: str
    profile: str | None = None
    date: str | None = None


# extension -> reader module (compactdraft.parse.<module>) and the format name
READERS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".docx": "docx",
    ".docm": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".xml": "akn",
    ".akn": "akn",
    ".json": "json",
}
FORMATS = sorted(set(READERS.values()))


def default_draft_id(path: str | Path) -> str:
    """A draft id from a file name: ``drafts/01-zero-draft.docx`` -> ``01-zero-draft``."""
    stem = Path(str(path)).stem if str(path) != "-" else "stdin"
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-").lower()
    return slug or "draft"


def sniff(data: bytes) -> str | None:
    """The format the bytes themselves announce, if any."""
    head = data[:2048].lstrip()
    if data.startswith(ZIP_MAGIC) or data.startswith(OLE_MAGIC):
        return "docx"
    if data.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"{") and b'"schema"' in data[:4096]:
        return "json"
    low = head.lower()
    if low.startswith((b"<?xml", b"<akomantoso", b"<!doctype", b"<")):
        if b"akomantoso" in data[:8192].lower():
            return "akn"
        if b"<html" in data[:8192].lower() or low.startswith(b"<!doctype html"):
            return "html"
        return "xml"
    return None


def choose_format(path: str, data: bytes, fmt: str | None) -> str:
    if fmt:
        if fmt not in FORMATS:
            raise UnsupportedFormatError(f"unknown input format {fmt!r} (one of {', '.join(FORMATS)})", path)
        return fmt
    sniffed = sniff(data)
    ext = Path(path).suffix.lower() if path != "-" else ""
    by_ext = READERS.get(ext)
    if by_ext is None and ext:
        if sniffed in ("docx", "pdf", "akn", "html", "json"):
            return sniffed
        if ext not in ("", ".txt"):
            raise UnsupportedFormatError(
                f"unsupported file type {ext!r} (supported: {', '.join(sorted(READERS))})", path)
    if by_ext is None:
        return sniffed if sniffed in ("docx", "pdf", "akn", "html", "json") else "text"
    if by_ext == "docx" and sniffed != "docx":
        raise InputError("is not a Word document (not a zip package)"
                         + (f"; it looks like {sniffed}" if sniffed and sniffed != "xml" else ""), path)
    if by_ext == "pdf" and sniffed != "pdf":
        raise InputError("is not a PDF (no %PDF- header)", path)
    if by_ext == "text" and sniffed in ("docx", "pdf"):
        raise InputError(f"is a {sniffed} file with a text extension", path)
    if by_ext == "akn" and sniffed not in ("akn", "xml"):
        raise InputError("is not an XML document", path)
    return by_ext


def parse_bytes(data: bytes, source: str, *, draft_id: str | None = None, profile: str | None = None,
                fmt: str | None = None, date: str | None = None) -> Draft:
    """Parse already-read bytes; ``source`` names the file in errors and in the draft."""
    if not data.strip():
        raise InputError("the file is empty", source)
    chosen = choose_format(source, data, fmt)
    options = ReadOptions(draft_id or default_draft_id(source), profile, date)
    if chosen == "json":
        try:
            loaded = json.loads(decode_text(data, source))
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON ({exc.msg} at line {exc.lineno})", source) from None
        except RecursionError:
            raise InputError("JSON nested too deeply to be a draft", source) from None
        draft = draft_from_dict(_xml_safe(loaded), source)
        return draft.with_id(draft_id) if draft_id else draft
    if chosen == "xml":
        raise UnsupportedFormatError("XML that is neither Akoma Ntoso nor XHTML", source)
    reader = importlib.import_module(f"{__name__}.{chosen}")
    return reader.read(data, source, options)


_NOT_IN_XML = dict.fromkeys([*(c for c in range(32) if c not in (9, 10, 13)), 0xFFFE, 0xFFFF,
                             *range(0xD800, 0xE000)])


def _xml_safe(value: Any) -> Any:
    """A loaded JSON draft with what no XML output can carry (C0 controls, lone surrogates, U+FFFE/F)
    dropped from every string, as the structurer drops it from every other format; iterative, so a
    deep document costs no recursion."""
    root: list[Any] = [value]
    pending: list[tuple[Any, Any]] = [(root, 0)]
    while pending:
        holder, key = pending.pop()
        item = holder[key]
        if isinstance(item, str):
            if not item.isprintable():
                holder[key] = item.translate(_NOT_IN_XML)
        elif isinstance(item, list):
            pending.extend((item, i) for i in range(len(item)))
        elif isinstance(item, dict):
            cleaned = {k.translate(_NOT_IN_XML) if isinstance(k, str) else k: v for k, v in item.items()}
            item.clear()
            item.update(cleaned)
            pending.extend((item, k) for k in list(item))
    return root[0]


def parse_file(path: str | Path, *, draft_id: str | None = None, profile: str | None = None,
               fmt: str | None = None, date: str | None = None) -> Draft:
    """Read and structure one file (``-`` reads stdin)."""
    source = str(path)
    return parse_bytes(read_input_bytes(source), source, draft_id=draft_id, profile=profile, fmt=fmt, date=date)
