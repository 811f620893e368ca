from __future__ import annotations

import click

from ..redline import compare_files
from ..redline.stats import redline_stats
from ..render import render
from ..safeio import write_output
from .options import format_option, input_argument, output_option, profile_option


@click.command()
@input_argument("old")
@input_argument("new")
@format_option(["text", "json"], default="text")
@profile_option
@output_option
def stats(old: str, new: str, fmt: str | None, profile: str | None, output: str | None) -> None:
    """Count the changes from OLD to NEW, per section and in total: words inserted and deleted,
    provisions added, deleted, moved, split, merged and renumbered, bracketed passages opened and closed.

    \b
    Example:
      compactdraft stats drafts/rev1.docx drafts/rev2.docx
      compactdraft stats drafts/rev1.docx drafts/rev2.docx --format json -o stats.json
    """
    figures = redline_stats(compare_files(old, new, profile))
    write_output(output, render("stats", figures, fmt, output, default="text"), [old, new])
