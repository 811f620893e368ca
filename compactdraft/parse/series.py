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

Without a manifest, drafts given as files are put in order by their dates or names (parse/ordering.py).
"""
from __future__ import annotations

import tomllib
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, NotFoundError, UsageError
from ..model import Draft
from .ordering import SeriesOrderWarning, order_drafts

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
    """A series from a folder (its series.toml), or drafts given as files (ids from file names) and
    ``ID=FILE`` sources. Files are put in negotiation order: the series.toml beside them when it lists them
    all, else their dates, else names that say their place; failing those, the order given, with a
    :class:`SeriesOrderWarning`."""
    from . import default_draft_id

    if len(paths) == 1 and Path(paths[0]).is_dir():
        series = load_manifest(paths[0])
        extra = tuple(SeriesEntry(i, Path(f), None, i) for i, f in sources)
        return Series(series.title, series.drafts, series.sources + extra, series.manifest)
    if len(paths) == 1 and Path(paths[0]).name == MANIFEST:
        return load_manifest(paths[0])
    listed = _from_manifest_beside(paths, sources)
    if listed is not None:
        return listed
    ordered = order_drafts(paths)
    if not ordered.how and len(paths) > 1:
        warnings.warn(SeriesOrderWarning(
            f"taking the drafts in the order given ({', '.join(Path(p).name for p in paths)}): {ordered.problem}; "
            "write a series.toml ('compactdraft init FOLDER') to fix the order"), stacklevel=2)
    drafts = []
    used: set[str] = set()
    for path, date in zip(ordered.paths, ordered.dates):
        draft_id = default_draft_id(path)
        n = 2
        while draft_id in used:
            draft_id = f"{default_draft_id(path)}-{n}"
            n += 1
        used.add(draft_id)
        drafts.append(SeriesEntry(draft_id, Path(path), date if ordered.how else None, draft_id))
    if not drafts:
        raise UsageError("give a series folder (with series.toml) or the drafts in order")
    return Series("", tuple(drafts), tuple(SeriesEntry(i, Path(f), None, i) for i, f in sources))


def _from_manifest_beside(paths: Sequence[str | Path], sources: Iterable[tuple[str, str]]) -> Series | None:
    """The series.toml of the folder holding every given file, when it lists them all: its order and dates."""
    if len(paths) < 2:
        return None
    folders = {Path(p).resolve().parent for p in paths}
    if len(folders) != 1 or not (next(iter(folders)) / MANIFEST).is_file():
        return None
    series = load_manifest(next(iter(folders)) / MANIFEST)
    given = {Path(p).resolve() for p in paths}
    chosen = tuple(e for e in series.drafts if e.path.resolve() in given)
    if len(chosen) != len(given):
        return None
    extra = tuple(SeriesEntry(i, Path(f), None, i) for i, f in sources)
    return Series(series.title, chosen, series.sources + extra, series.manifest)


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
