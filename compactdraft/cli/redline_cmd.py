from __future__ import annotations

import click

from ..redline import compare_files
from ..render import formats, render
from ..safeio import write_output
from .options import input_argument, output_option, profile_option


@click.command()
@input_argument("old")
@input_argument("new")
@output_option
@click.option("--format", "fmt", type=click.Choice(formats("redline")), default=None,
              help="Output format (default: from the output's extension, else terminal).")
@click.option("--author", default="compactdraft", show_default=True, help="Author of tracked changes (.docx).")
@click.option("--date", default=None,
              help="Date of tracked changes, ISO (default: NEW's date, for reproducible files).")
@click.option("--base", type=click.Choice(["old", "new"]), default="new", show_default=True,
              help="Whose layout (styles, numbering) a .docx redline keeps.")
@click.option("--side-by-side", is_flag=True, help="HTML: OLD and NEW in two columns.")
@profile_option
@click.option("--exit-code", is_flag=True, help="Exit 1 if the drafts differ, 0 if not (as diff(1)).")
@click.pass_context
def redline(ctx: click.Context, old: str, new: str, output: str | None, fmt: str | None, author: str,
            date: str | None, base: str, side_by_side: bool, profile: str | None, exit_code: bool) -> None:
    """Compare two drafts provision by provision and show every change (OLD and NEW: any readable format;
    plain .docx that are not compact drafts are compared paragraph by paragraph).

    \b
    Example:
      compactdraft redline drafts/rev1.docx drafts/rev2.docx               # coloured, in the terminal
      compactdraft redline drafts/rev1.docx drafts/rev2.docx -o rev1-rev2.docx --author "Co-facilitators"
      compactdraft redline drafts/rev1.docx drafts/rev2.docx -o changes.html --side-by-side
      compactdraft redline drafts/rev1.docx drafts/rev2.docx --format json -o changes.json
    """
    result = compare_files(old, new, profile)
    to_file = output not in (None, "-")
    data = render("redline", result, fmt, output, default="terminal", author=author,
                  date=date or result.new.date, base=base, side_by_side=side_by_side,
                  color=None if not to_file else False)
    write_output(output, data, [old, new])
    if exit_code and result.changed:
        ctx.exit(1)
