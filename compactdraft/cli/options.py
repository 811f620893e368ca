"""Options shared by several commands, as decorators (one definition, same help everywhere)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

F = Callable[..., Any]


def output_option(func: F) -> F:
    return click.option("-o", "--output", "output", type=click.Path(dir_okay=False, allow_dash=True),
                        default=None, help="Write here (atomically) instead of stdout; the extension picks the "
                        "format unless --format is given. An existing file is replaced; never an input file.")(func)


def profile_option(func: F) -> F:
    return click.option("--profile", default=None, metavar="NAME|FILE.toml",
                        help="Structure profile (un-compact, generic or a .toml file); detected from the text "
                        "by default.")(func)


def format_option(choices: list[str], default: str | None = None) -> Callable[[F], F]:
    def decorate(func: F) -> F:
        return click.option("--format", "fmt", type=click.Choice(choices), default=None,
                            help="Output format (default: from the output's extension, else "
                            f"{default or choices[0]}).")(func)
    return decorate


def input_argument(name: str) -> Callable[[F], F]:
    return click.argument(name, type=click.Path(dir_okay=False, allow_dash=True))
