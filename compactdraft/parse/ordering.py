"""The negotiation order of drafts given as files: from a series.toml beside them, the dates in the files,
or names that say their place (zero draft, rev. 1, rev. 2, final), never the order the shell listed them in.

:func:`order_drafts` says how sure it is; the callers warn (a series of files) or ask (``compactdraft
init``) when it is not.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_ISO = re.compile(r"(?<!\d)(19|20)(\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")
_ZERO = re.compile(r"(?i)(?:^|[^a-z])zero(?:[^a-z]|$)")
_FINAL = re.compile(r"(?i)(?:^|[^a-z])final(?:[^a-z]|$)")
_REV = re.compile(r"(?i)(?:^|[^a-z])(?:rev(?:ision)?)[ ._-]*(\d+)")
DC = "{http://purl.org/dc/terms/}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"


class SeriesOrderWarning(UserWarning):
    """The order of drafts given as files could not be established; they were taken as given."""


@dataclass(frozen=True)
class Ordered:
    paths: tuple[Path, ...]
    dates: tuple[str | None, ...]
    how: str  # "dates" | "names" | "" (unsure: kept as given)
    problem: str = ""  # why it is unsure, for the warning or the question


def file_date(path: Path) -> str | None:
    """A draft's date: a date in its name, else the AKN expression date or the .docx creation date."""
    found = _ISO.search(path.stem)
    if found:
        return f"{found.group(1)}{found.group(2)}-{found.group(3)}-{found.group(4)}"
    try:
        if path.suffix.lower() in (".docx", ".docm"):
            return _docx_date(path)
        if path.suffix.lower() in (".xml", ".akn"):
            return _akn_date(path)
    except Exception:  # noqa: BLE001 - a date is a hint; an unreadable file is reported by its reader later
        return None
    return None


def _docx_date(path: Path) -> str | None:
    from ..safeio import SafeZip, parse_xml, read_input_bytes

    archive = SafeZip(read_input_bytes(path), str(path))
    root = parse_xml(archive.read("docProps/core.xml"), str(path), "docProps/core.xml")
    for tag in (DC + "created", DC + "modified"):
        node = root.find(tag)
        if node is not None and node.text and _ISO.match(node.text.strip()):
            return node.text.strip()[:10]
    return None


def _akn_date(path: Path) -> str | None:
    from ..safeio import parse_xml, read_input_bytes

    root = parse_xml(read_input_bytes(path), str(path))
    for node in root.iter():
        if isinstance(node.tag, str) and node.tag.endswith("FRBRExpression"):
            for child in node:
                if isinstance(child.tag, str) and child.tag.endswith("FRBRdate") and child.get("date"):
                    return str(child.get("date"))[:10]
    return None


def name_rank(path: Path) -> int | None:
    """0 for a zero draft, n for rev. n, a large number for the final text, None when the name says nothing."""
    stem = path.stem
    if _ZERO.search(stem):
        return 0
    rev = _REV.search(stem)
    if rev:
        return int(rev.group(1))
    if _FINAL.search(stem):
        return 10**6
    return None


def order_drafts(paths: Sequence[str | Path]) -> Ordered:
    files = [Path(p) for p in paths]
    dates = [file_date(p) for p in files]
    if all(dates) and len(set(dates)) == len(dates):
        pairs = sorted(zip(dates, files))
        return Ordered(tuple(p for _, p in pairs), tuple(d for d, _ in pairs), "dates")
    ranks = [name_rank(p) for p in files]
    if all(r is not None for r in ranks) and len(set(ranks)) == len(ranks):
        order = sorted(range(len(files)), key=lambda i: ranks[i])  # type: ignore[arg-type, return-value]
        return Ordered(tuple(files[i] for i in order), tuple(dates[i] for i in order), "names")
    missing = [p.name for p, d in zip(files, dates) if not d]
    if missing:
        problem = f"no date in {', '.join(missing)} and the names do not say the order"
    else:
        same = sorted({d for d in dates if dates.count(d) > 1})  # type: ignore[type-var]
        problem = f"several drafts share a date ({', '.join(str(d) for d in same)}) and the names do not say the order"
    return Ordered(tuple(files), tuple(dates), "", problem)


# --- compactdraft init ------------------------------------------------------------------------------

def draft_files(folder: Path) -> list[Path]:
    """The readable drafts directly in a folder (sources go in its sources/ subfolder)."""
    from . import READERS

    # parsed JSON is our own output, and a README is no draft
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in READERS
                  and p.suffix.lower() != ".json" and not p.name.startswith((".", "~$"))
                  and not p.stem.upper().startswith("README"))


def _label(path: Path) -> str:
    rank = name_rank(path)
    if rank == 0:
        return "Zero draft"
    if rank == 10**6:
        return "Final text"
    return f"Revision {rank}" if rank is not None else path.stem


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def manifest_text(folder: Path, ordered: Sequence[Path], dates: Sequence[str | None], how: str) -> str:
    """series.toml for drafts in the order given, and every readable file of sources/ as a source."""
    from . import default_draft_id

    lines = [f"# Written by 'compactdraft init' (order from {how}); edit labels, dates and the order freely.",
             "", "[series]", f"title = {_toml_string(folder.resolve().name)}"]
    used: set[str] = set()

    def entry(kind: str, path: Path, date: str | None, label: str) -> None:
        entry_id, n = default_draft_id(path), 2
        while entry_id in used:
            entry_id, n = f"{default_draft_id(path)}-{n}", n + 1
        used.add(entry_id)
        lines.extend(["", f"[[{kind}]]", f"id = {_toml_string(entry_id)}",
                      f"file = {_toml_string(path.relative_to(folder).as_posix())}"])
        if date:
            lines.append(f"date = {_toml_string(date)}")
        lines.append(f"label = {_toml_string(label)}")

    for path, date in zip(ordered, dates):
        entry("draft", path, date, _label(path))
    sources = folder / "sources"
    for path in draft_files(sources) if sources.is_dir() else []:
        entry("source", path, file_date(path), path.stem)
    return "\n".join(lines) + "\n"


def init_series(folder: str | Path, order: Sequence[str | Path] | None = None) -> tuple[Path, str]:
    """(path of the new series.toml, its text) for a folder of drafts, in ``order`` when given, else from
    their dates or names; UsageError when neither settles it (the CLI then asks, or refuses)."""
    from ..errors import UsageError

    base = Path(folder)
    if not base.is_dir():
        raise UsageError(f"{folder} is not a folder")
    target = base / "series.toml"
    if target.exists():
        raise UsageError(f"{target} exists already; edit it, or remove it to start again")
    files = draft_files(base)
    if len(files) < 2:
        raise UsageError(f"{folder} holds {len(files)} draft file(s); a series needs at least two "
                         "(.docx, .txt, .html, .pdf or .xml)")
    if order is not None:
        chosen = [base / Path(p).name for p in order]
        if sorted(chosen) != files:
            raise UsageError("the order must name every draft of the folder once: " + ", ".join(p.name for p in files))
        return target, manifest_text(base, chosen, [file_date(p) for p in chosen], "your answer")
    ordered = order_drafts(files)
    if not ordered.how:
        raise UsageError(f"cannot tell the order of the drafts in {folder}: {ordered.problem}")
    return target, manifest_text(base, ordered.paths, ordered.dates, ordered.how)
