"""The redline as a Word document with tracked changes; the WordprocessingML is written by
:mod:`compactdraft.word.writer`."""
from __future__ import annotations

from typing import Any

from ..word.writer import open_packages, parts_from_redline, write_docx
from . import register


@register("redline", "docx", (".docx",), binary=True)
def render_docx(redline: Any, author: str = "compactdraft", date: str | None = None, base: str = "new",
                **_: object) -> bytes:
    """The redline as a Word document with tracked changes (see compactdraft.word.writer)."""
    packages = open_packages(redline.old, redline.new)  # read once for the titles and the writer
    return write_docx(parts_from_redline(redline, packages), redline.old, redline.new, packages, author, date,
                      base)
