from __future__ import annotations

import click

from ..parse.series import parse_source_option
from ..provenance import open_graph
from ..provenance.trace import trace as trace_provision
from ..render import render
from ..safeio import write_output
from .options import format_option, output_option


@click.command()
@click.argument("provision_id", metavar="ID")
@click.argument("inputs", nargs=-1, type=click.Path(allow_dash=False))
@click.option("--series", "series_dir", default=None, type=click.Path(file_okay=True),
              help="Series folder (series.toml) or a saved graph; instead of INPUTS.")
@click.option("--source", "sources", multiple=True, metavar="ID=FILE", help="A source text; repeatable.")
@format_option(["text", "json", "html"], default="text")
@output_option
def trace(provision_id: str, inputs: tuple[str, ...], series_dir: str | None, sources: tuple[str, ...],
          fmt: str | None, output: str | None) -> None:
    """The story of provision ID: its versions back to the zero draft with the redline at each step, and
    its sources with the shared passages highlighted.

    ID is DRAFT:PROVISION (rev1:para.19) or an id of the last draft (para.19). INPUTS: a series folder,
    a saved graph (.graphml/.gexf/.json) or the drafts in order.

    \b
    Example:
      compactdraft trace para.17.a --series drafts/
      compactdraft trace rev1:para.19 graph.graphml --format html -o para19.html
    """
    paths = ([series_dir] if series_dir else []) + list(inputs)
    if not paths:
        raise click.UsageError("give --series DIR, a saved graph or the drafts")
    pairs = parse_source_option(sources)
    result = trace_provision(open_graph(paths, pairs), provision_id)
    write_output(output, render("trace", result, fmt, output, default="text"), paths + [f for _, f in pairs])
