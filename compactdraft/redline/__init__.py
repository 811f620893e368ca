"""The redline stage: aligned provisions diffed into one change list (compare) and its figures (stats)."""
from __future__ import annotations

from .compare import Entry, EntryKind, Redline, compare, compare_files, redline_from_alignment

__all__ = ["Entry", "EntryKind", "Redline", "compare", "compare_files", "redline_from_alignment"]
