"""compactdraft: parse successive drafts of UN texts, align them, redline them, trace their provenance."""
from __future__ import annotations

__version__ = "0.1.0"
