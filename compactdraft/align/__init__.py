"""Alignment and lineage: which provision of one draft became which of the next.

``align(old, new)`` gives an :class:`~compactdraft.model.Alignment` (the contract every later stage
uses); ``history(drafts)`` chains alignments over a whole series into lineages.
"""
from __future__ import annotations

from .core import align
from .history import History, Lineage, LineageRound, draft_index, history, resolve_reference

__all__ = ["History", "Lineage", "LineageRound", "align", "draft_index", "history", "resolve_reference"]
