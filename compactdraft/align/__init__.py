"""Alignment and lineage: which provision of one draft became which of the next.

``align(old, new)`` gives an :class:`~compactdraft.model.Alignment` (the contract every later stage
uses); ``history(drafts)`` chains alignments over a whole series into lineages.
"""
from __future__ import annotations

from .core import align
from .history import History, Lineage, TraceStep, history

__all__ = ["History", "Lineage", "TraceStep", "align", "history"]
