"""docs/cli.md, generated from every command's --help so the reference never drifts from the tool.

Regenerate with ``python -m compactdraft.cli.reference > docs/cli.md`` (tests/test_cli_reference.py
fails when the two differ).
"""
from __future__ import annotations

import click

from . import cli

HEADER = """# Command reference

Generated from `compactdraft COMMAND --help` by `python -m compactdraft.cli.reference > docs/cli.md`;
a test fails when this page and the tool disagree.
"""


def _commands(group: click.Group, ctx: click.Context) -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        found.append((f"{ctx.command_path} {name}", command))
        if isinstance(command, click.Group):
            sub_ctx = command.make_context(name, [], parent=ctx, resilient_parsing=True)
            found.extend(_commands(command, sub_ctx))
    return found


def _help_text(path: str) -> str:
    """Exactly what a user sees for ``PATH --help`` (same context settings, 100 columns)."""
    from click.testing import CliRunner

    result = CliRunner(env={"COLUMNS": "100"}).invoke(cli, path.split(" ")[1:] + ["--help"], prog_name="compactdraft")
    return result.output.rstrip("\n")


def reference() -> str:
    # make_context applies the group's context settings (a bare Context would cache "--help" only)
    root = cli.make_context("compactdraft", [], resilient_parsing=True)
    paths = ["compactdraft"] + [path for path, _ in _commands(cli, root)]
    parts = [HEADER]
    for path in paths:
        parts += [f"## {path}\n", "```text", _help_text(path), "```\n"]
    return "\n".join(parts)


if __name__ == "__main__":
    click.echo(reference(), nl=False)
