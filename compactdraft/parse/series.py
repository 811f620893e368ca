"""A series: the drafts of one negotiation in order, plus the source texts they draw on.

Described by a manifest, ``series.toml`` in the series folder::

    [series]
    title = "Global Compact on ..."

    [[draft]]                 # in negotiation order
    id = "zero"
    file = "zero-draft.docx"  # relative to the manifest
    date = "2026-02-05"
    label = "Zero draft"      # how reports name it

    [[source]]
    id = "decl"
    file = "sources/declaration.docx"
    label = "Declaration"

Without a manifest, drafts given on the command line are taken in the order given.
"""
from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, NotFoundError, UsageError
from ..model import Draft

MANIFEST = "series.toml"


@dataclass(frozen=True)
class SeriesEntry:
    """One file of a series manifest (a draft or a source): its id, path, date, label and profile."""

    id: str
    path: Path
    date: str | None = None
    label: str = ""
    profile: str | None = None


@dataclass(frozen=True)
class Series:
    title: str
    drafts: tuple[SeriesEntry, ...]
    sources: tuple[SeriesEntry, ...] = ()
    manifest: Path | None = None

    def entry(self, entry_id: str) -> SeriesEntry:
        for entry in self.drafts + self.sources:
            if entry.id == entry_id:
                return entry
        raise NotFoundError(f"no draft or source {entry_id!r} in the series "
                            f"(drafts: {', '.join(e.id for e in self.drafts)})", self.manifest)


def _entries(items: object, base: Path, manifest: Path, what: str) -> tuple[SeriesEntry, ...]:
    if not isinstance(items, list):
        raise InputError(f"[[{what}]] must be a list of tables", manifest)
    entries = []
    seen: set[str] = set()
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict) or "file" not in item or "id" not in item:
            raise InputError(f"{what} #{number} needs an id and a file", manifest)
        entry_id = str(item["id"])
        if entry_id in seen:
            raise InputError(f"{what} id {entry_id!r} appears twice", manifest)
        seen.add(entry_id)
        date = item.get("date")
        entries.append(SeriesEntry(entry_id, base / str(item["file"]), str(date) if date is not None else None,
                             str(item.get("label", entry_id)), item.get("profile")))
    return tuple(entries)


def load_manifest(path: str | Path) -> Series:
    """Read a series manifest (a series.toml, or a folder holding one)."""
    manifest = Path(path)
    if manifest.is_dir():
        manifest = manifest / MANIFEST
    if not manifest.exists():
        raise InputError(f"no series manifest ({MANIFEST}) found", manifest)
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"invalid series manifest ({exc})", manifest) from None
    base = manifest.parent
    drafts = _entries(data.get("draft", []), base, manifest, "draft")
    if len(drafts) < 1:
        raise InputError("the manifest lists no [[draft]]", manifest)
    sources = _entries(data.get("source", []), base, manifest, "source")
    clash = {e.id for e in drafts} & {e.id for e in sources}
    if clash:
        raise InputError(f"ids used for both a draft and a source: {', '.join(sorted(clash))}", manifest)
    title = str(data.get("series", {}).get("title", ""))
    return Series(title, drafts, sources, manifest)


def series_from_paths(paths: Sequence[str | Path], sources: Iterable[tuple[str, str]] = ()) -> Series:
    """A series from drafts given in order (ids from file names) and ``ID=FILE`` sources."""
    from . import default_draft_id

    if len(paths) == 1 and Path(paths[0]).is_dir():
        series = load_manifest(paths[0])
        extra = tuple(SeriesEntry(i, Path(f), None, i) for i, f in sources)
        return Series(series.title, series.drafts, series.sources + extra, series.manifest)
    if len(paths) == 1 and Path(paths[0]).name == MANIFEST:
        return load_manifest(paths[0])
    drafts = []
    used: set[str] = set()
    for path in paths:
        draft_id = default_draft_id(path)
        n = 2
        while draft_id in used:
            draft_id = f"{default_draft_id(path)}-{n}"
            n += 1
        used.add(draft_id)
        drafts.append(SeriesEntry(draft_id, Path(path), None, draft_id))
    if not drafts:
        raise UsageError("give a series folder (with series.toml) or the drafts in order")
    return Series("", tuple(drafts), tuple(SeriesEntry(i, Path(f), None, i) for i, f in sources))


def parse_source_option(values: Iterable[str]) -> list[tuple[str, str]]:
    """``--source nyd=decl.docx`` values as (id, file) pairs."""
    pairs = []
    for value in values:
        if "=" not in value:
            raise UsageError(f"--source takes ID=FILE, got {value!r}")
        source_id, file = value.split("=", 1)
        if not source_id or not file:
            raise UsageError(f"--source takes ID=FILE, got {value!r}")
        pairs.append((source_id, file))
    return pairs


def load_entry(entry: SeriesEntry) -> Draft:
    from . import parse_file

    return parse_file(entry.path, draft_id=entry.id, profile=entry.profile, date=entry.date)


def load_drafts(series: Series) -> list[Draft]:
    return [load_entry(e) for e in series.drafts]


def load_sources(series: Series) -> list[Draft]:
    return [load_entry(e) for e in series.sources]
