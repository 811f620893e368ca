from __future__ import annotations

import click

from ..align import align as align_drafts
from ..parse import parse_file
from ..render import formats, render
from ..safeio import write_output
from .options import format_option, input_argument, output_option


@click.command()
@input_argument("old")
@input_argument("new")
@format_option(formats("alignment"), default="text")
@click.option("--profile", default=None, metavar="NAME|FILE.toml",
              help="Structure profile for both drafts (un-compact, generic or a .toml file); detected by default.")
@click.option("--all", "show_all", is_flag=True, help="List unchanged provisions too (text and html).")
@output_option
def align(old: str, new: str, fmt: str | None, profile: str | None, show_all: bool, output: str | None) -> None:
    """Pair every provision of OLD with its counterpart(s) in NEW and say what happened to it.

    Kinds: unchanged, modified (with its word similarity), renumbered, moved (to another
    objective or parent), split (1 -> n), merged (n -> 1), deleted, inserted.

    \b
    Example:
      compactdraft align drafts/zero-draft.docx drafts/rev1.docx
        para.17 -> para.19              renumbered
        para.21.c -> para.24.b          moved (obj.5 -> obj.6), modified 0.87
        para.30 -> para.31 + para.32    split 0.95
      compactdraft align drafts/zero-draft.docx drafts/rev1.docx --format json -o zero-rev1.json
    """
    alignment = align_drafts(parse_file(old, profile=profile), parse_file(new, profile=profile))
    write_output(output, render("alignment", alignment, fmt, output, default="text", all=show_all), [old, new])
