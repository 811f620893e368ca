from __future__ import annotations

import click

from ..align import history as series_history
from ..parse.series import load_drafts, series_from_paths
from ..render import formats, render
from ..safeio import write_output
from .options import format_option, output_option


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(allow_dash=False))
@click.option("--id", "reference", default=None, metavar="DRAFT:ID",
              help="Trace one provision, e.g. final:para.19 (final/first name the ends of the series; "
              "a bare id means the last draft).")
@format_option(formats("history"), default="text")
@click.option("--all", "show_all", is_flag=True, help="List lineages that never changed too (text and html).")
@output_option
def history(inputs: tuple[str, ...], reference: str | None, fmt: str | None, show_all: bool,
            output: str | None) -> None:
    """The lineage of every provision across a series: SERIES_DIR (with series.toml) or drafts in order.

    \b
    Example:
      compactdraft history drafts/                       # every lineage that changed
      compactdraft history drafts/ --id final:para.19    # one paragraph back through every round
      compactdraft history drafts/zero-draft.docx drafts/rev1.docx drafts/rev2.docx --format json -o history.json
    """
    result = series_history(load_drafts(series_from_paths(list(inputs))))
    if reference is not None:
        result.resolve(reference)  # a wrong id is a usage error before anything is rendered
    text = render("history", result, fmt, output, default="text", trace=reference, all=show_all)
    write_output(output, text, inputs)
