from __future__ import annotations

from datetime import UTC, datetime

import click

from ..diff.options import GRANULARITIES, CompareOptions
from ..errors import UsageError
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
              help="Date of tracked changes, ISO 8601: 2026-02-05 or 2026-02-05T10:30:00+02:00 (default: NEW's "
                   "date, for reproducible files).")
@click.option("--base", type=click.Choice(["old", "new"]), default="new", show_default=True,
              help="Whose layout (styles, numbering) a .docx redline keeps.")
@click.option("--side-by-side", is_flag=True, help="HTML: OLD and NEW in two columns.")
@click.option("--granularity", type=click.Choice(GRANULARITIES), default="word", show_default=True,
              help="Show changes by whole words (as Word's Compare) or by characters.")
@click.option("--no-moves", is_flag=True,
              help="Show a provision that changed place as deleted where it stood and inserted where it stands.")
@profile_option
@click.option("--exit-code", is_flag=True, help="Exit 1 if the drafts differ, 0 if not (as diff(1)).")
@click.pass_context
def redline(ctx: click.Context, old: str, new: str, output: str | None, fmt: str | None, author: str,
            date: str | None, base: str, side_by_side: bool, granularity: str, no_moves: bool, profile: str | None,
            exit_code: bool) -> None:
    """Compare two drafts provision by provision and show every change (OLD and NEW: any readable format;
    plain .docx that are not compact drafts are compared paragraph by paragraph).

    \b
    Example:
      compactdraft redline drafts/rev1.docx drafts/rev2.docx               # coloured, in the terminal
      compactdraft redline drafts/rev1.docx drafts/rev2.docx -o rev1-rev2.docx --author "Co-facilitators"
      compactdraft redline drafts/rev1.docx drafts/rev2.docx -o changes.html --side-by-side
      compactdraft redline drafts/rev1.docx drafts/rev2.docx --format json -o changes.json
    """
    stamp = iso_date(date)
    result = compare_files(old, new, profile, options=CompareOptions(granularity=granularity, moves=not no_moves))
    to_file = output not in (None, "-")
    data = render("redline", result, fmt, output, default="terminal", author=author,
                  date=stamp or result.new.date, base=base, side_by_side=side_by_side,
                  color=None if not to_file else False)
    write_output(output, data, [old, new])
    if exit_code and result.changed:
        ctx.exit(1)


def iso_date(value: str | None) -> str | None:
    """An ISO 8601 date or time as the writers take it: a date stays a date; a time becomes UTC
    (YYYY-MM-DDTHH:MM:SSZ). Anything else is a one-line usage error."""
    if value is None:
        return None
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        raise UsageError(f"--date must be an ISO 8601 date or time (2026-02-05, 2026-02-05T10:30:00Z), "
                         f"got {value!r}") from None
    if len(text) == 10:
        return moment.date().isoformat()
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
