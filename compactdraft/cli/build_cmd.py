from __future__ import annotations

import sys

import click

from ..build import NOTES, BuildStep, makefile_rules
from ..build import build as build_all
from ..parse.series import series_from_paths


def _progress(number: int, total: int, step: BuildStep) -> None:
    """One self-overwriting status line on a terminal; nothing at all when stderr is piped."""
    click.echo(f"\r\033[K[{number:>{len(str(total))}}/{total}] {step.name}", err=True, nl=False)


@click.command()
@click.argument("series_dir", type=click.Path(exists=False))
@click.option("-o", "--output", "out", default="build", show_default=True, type=click.Path(file_okay=False),
              help="Folder to build into (created if needed); the files the build makes there are replaced, "
              "other files are left alone.")
@click.option("--notes", type=click.Choice(NOTES), default="comments", show_default=True,
              help="How the annotated .docx carries each provision's history and sources.")
@click.option("--print-makefile", is_flag=True, hidden=True, help="Print the build as make rules (build.mk).")
@click.option("--step", "steps", multiple=True, hidden=True, help="Build only this output (make recipes).")
def build(series_dir: str, out: str, notes: str, print_makefile: bool, steps: tuple[str, ...]) -> None:
    """Build everything for a series (a folder with series.toml) into OUT, in one process.

    Parses every draft and source to JSON, then the redline of each successive pair and of first ->
    last (.docx with tracked changes and .html), the provenance graph (.graphml, .json), the final
    draft annotated with each provision's history and sources (.docx with Word comments or footnotes,
    .html) and OUT/index.html linking it all with charts. `make` runs the same build with real
    dependencies (see docs/build.md).

    \b
    Example:
      compactdraft build drafts -o build              # then open build/index.html
      compactdraft build drafts -o out --notes footnotes
    """
    if print_makefile:
        click.echo(makefile_rules(series_dir, out, notes), nl=False)
        return
    terminal = sys.stderr.isatty() and not steps
    written = build_all(series_from_paths([series_dir]), out, progress=_progress if terminal else None, notes=notes,
                        only=steps)
    if terminal:
        click.echo(f"\r\033[KBuilt {len(written)} files; open {out}/index.html", err=True)
