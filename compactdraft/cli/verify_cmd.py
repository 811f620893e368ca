from __future__ import annotations

import click

from ..redline.verify import verify_files
from ..render import render
from ..safeio import write_output
from .options import format_option, input_argument, output_option, profile_option


@click.command()
@input_argument("old")
@input_argument("new")
@input_argument("redline")
@format_option(["text", "json", "html"], default="text")
@profile_option
@output_option
@click.pass_context
def verify(ctx: click.Context, old: str, new: str, redline: str, fmt: str | None, profile: str | None,
           output: str | None) -> None:
    """Audit a Word redline someone else made: exit 0 when accepting every change gives NEW and
    rejecting every change gives OLD, else exit 1 listing every unmarked change (silent deletion or
    insertion, change of number or bracket) by provision, printed label and text.

    \b
    Example:
      compactdraft verify drafts/rev1.docx drafts/rev2.docx their-redline.docx
      compactdraft verify rev1.docx rev2.docx their-redline.docx -o audit.html
    """
    result = verify_files(old, new, redline, profile)
    write_output(output, render("verify", result, fmt, output, default="text"), [old, new, redline])
    if not result.faithful:
        ctx.exit(1)
