"""align(old, new): every provision of both drafts in exactly one typed link."""
from __future__ import annotations

from ..model import Alignment, Draft
from .index import Side
from .links import build_links
from .pairing import Pairer


def align(old: Draft, new: Draft) -> Alignment:
    """Align two drafts: pairs in order, then moves, splits and merges; see docs/alignment.md."""
    pairer = Pairer(Side(old), Side(new))
    matching = pairer.run()
    return Alignment(old, new, build_links(old, new, matching, pairer.score))
