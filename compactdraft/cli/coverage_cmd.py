from __future__ import annotations

import click

from ..parse.series import parse_source_option
from ..provenance import open_graph
from ..provenance.coverage import coverage as source_coverage
from ..render import render
from ..safeio import write_output
from .options import format_option, output_option


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(allow_dash=False))
@click.option("--source", "sources", multiple=True, metavar="ID=FILE", help="A source text; repeatable.")
@click.option("--draft", "draft_id", default=None, help="The draft to measure (default: the last one).")
@format_option(["text", "csv", "html"], default="text")
@output_option
def coverage(inputs: tuple[str, ...], sources: tuple[str, ...], draft_id: str | None, fmt: str | None,
             output: str | None) -> None:
    """For each source provision: whether, where and how strongly the compact reflects it; and the
    compact's provisions with no source (new text).

    INPUTS: a series folder, a saved graph (.graphml/.gexf/.json) or the drafts in order.

    \b
    Example:
      compactdraft coverage drafts/
      compactdraft coverage drafts/final.docx --source decl=drafts/sources/declaration.docx -o coverage.html
    """
    pairs = parse_source_option(sources)
    result = source_coverage(open_graph(inputs, pairs), draft_id)
    write_output(output, render("coverage", result, fmt, output, default="text"),
                 list(inputs) + [f for _, f in pairs])
