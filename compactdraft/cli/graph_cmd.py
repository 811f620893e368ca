from __future__ import annotations

import click

from ..parse.series import parse_source_option
from ..provenance import DEFAULT_THRESHOLD, open_graph, series_graph
from ..render import formats, render
from ..safeio import write_output
from .options import output_option

_FORMATS = formats("graph")


@click.group()
def graph() -> None:
    """Build and draw the provenance graph of a series.

    \b
    Example:
      compactdraft graph build drafts/ -o graph.graphml
      compactdraft graph draw graph.graphml --focus final:obj.7 -o obj7.html
    """


@graph.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(allow_dash=False))
@click.option("--source", "sources", multiple=True, metavar="ID=FILE",
              help="A source text (declaration, report); repeatable; added to the manifest's sources.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=DEFAULT_THRESHOLD, show_default=True,
              help="Minimum score of a reuses/paraphrases link.")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default=None,
              help="Output format (default: from the output's extension, else graphml).")
@click.option("--focus", default=None, metavar="ID", help="For html/svg: the provision or objective to draw.")
@output_option
def build(inputs: tuple[str, ...], sources: tuple[str, ...], threshold: float, fmt: str | None, focus: str | None,
          output: str | None) -> None:
    """Build the graph from a series folder (series.toml) or drafts in order, plus --source texts.

    \b
    Example:
      compactdraft graph build drafts/ -o graph.graphml
      compactdraft graph build drafts/rev1.docx drafts/rev2.docx --source r=drafts/sources/report.docx -o graph.json
    """
    pairs = parse_source_option(sources)
    result = series_graph(inputs, pairs, threshold)
    data = render("graph", result, fmt, output, default="graphml", focus=focus)
    write_output(output, data, list(inputs) + [f for _, f in pairs])


@graph.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(allow_dash=False))
@click.option("--source", "sources", multiple=True, metavar="ID=FILE", help="A source text; repeatable.")
@click.option("--focus", default=None, metavar="ID", help="Provision or objective (DRAFT:ID or an id of the last "
              "draft); the whole graph if omitted.")
@click.option("--format", "fmt", type=click.Choice(["html", "svg"]), default=None,
              help="Output format (default: from the output's extension, else html).")
@output_option
def draw(inputs: tuple[str, ...], sources: tuple[str, ...], focus: str | None, fmt: str | None,
         output: str | None) -> None:
    """Draw a self-contained picture (HTML or SVG) of a saved graph or a series, around one provision.

    \b
    Example:
      compactdraft graph draw graph.graphml --focus rev2:obj.7 -o obj7.svg
      compactdraft graph draw drafts/ --focus para.19 -o para19.html
    """
    pairs = parse_source_option(sources)
    result = open_graph(inputs, pairs)
    write_output(output, render("graph", result, fmt, output, default="html", focus=focus),
                 list(inputs) + [f for _, f in pairs])
