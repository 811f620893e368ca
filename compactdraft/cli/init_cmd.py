from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import UsageError
from ..parse.ordering import draft_files, init_series
from ..safeio import write_output


@click.command()
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--order", default=None, metavar="FILE,FILE,...",
              help="The drafts in negotiation order (file names, comma-separated), when dates and names do not say.")
def init(folder: str, order: str | None) -> None:
    """Write FOLDER/series.toml for a folder of drafts: their order from the dates in the files (or in
    their names) or from names that say their place (zero draft, rev1, final); asks when those do not
    settle it, and refuses without a terminal to ask on (give --order). Files in FOLDER/sources/ become
    the sources.

    \b
    Example:
      compactdraft init drafts/sources          # any folder of drafts without a series.toml
    """
    given = [name.strip() for name in order.split(",")] if order else None
    try:
        target, text = init_series(folder, given)
    except UsageError as error:
        if given is not None or not sys.stdin.isatty() or not str(error).startswith("cannot tell the order"):
            if str(error).startswith("cannot tell the order"):
                raise UsageError(f"{error}; give the order with --order FILE,FILE,... (or run it in a terminal "
                                 "to be asked)") from None
            raise
        target, text = init_series(folder, _ask(Path(folder), str(error)))
    write_output(target, text)
    click.echo(f"wrote {target}", err=True)


def _ask(folder: Path, problem: str) -> list[str]:
    files = draft_files(folder)
    click.echo(problem, err=True)
    for number, path in enumerate(files, 1):
        click.echo(f"  {number}. {path.name}", err=True)
    answer = click.prompt("The drafts from first to last, by number (e.g. 2 1 3)", err=True)
    try:
        picked = [files[int(n) - 1] for n in answer.replace(",", " ").split()]
    except (ValueError, IndexError):
        raise UsageError(f"not a list of the numbers 1 to {len(files)}: {answer!r}") from None
    return [p.name for p in picked]
