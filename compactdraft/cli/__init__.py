"""The command line: a thin layer that reads options, calls one library function, renders, writes.

Commands live one per module in this package and are imported only when run (fast start-up).
Errors are turned into one line on stderr in exactly one place, :func:`main`.
"""
from __future__ import annotations

import ast  # already loaded by click (through inspect): free
import importlib
import importlib.util
import os
import re
import sys
import warnings
from typing import Any

import click

from .. import __version__

# command name -> module in compactdraft.cli holding a click command of the same name
COMMANDS: dict[str, str] = {
    "parse": "parse_cmd",
    "align": "align_cmd",
    "history": "history_cmd",
    "redline": "redline_cmd",
    "stats": "stats_cmd",
    "graph": "graph_cmd",
    "trace": "trace_cmd",
    "coverage": "coverage_cmd",
    "build": "build_cmd",
    "init": "init_cmd",
    "verify": "verify_cmd",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on demand.

    ``compactdraft --help`` lists every command with its one-line help; importing them all for that
    would import the whole library (python-docx, lxml, networkx: about a second). The list reads
    each command's docstring from its source instead (:func:`_short_help`).
    """

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, _short_help(self, ctx, name, limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name, module in COMMANDS.items()
                      if importlib.util.find_spec(f"{__name__}.{module}") is not None)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMANDS.get(cmd_name)
        if module_name is None or importlib.util.find_spec(f"{__name__}.{module_name}") is None:
            return None
        module = importlib.import_module(f"{__name__}.{module_name}")
        command: click.Command = getattr(module, cmd_name.replace("-", "_"))
        return command


def _short_help(group: click.Group, ctx: click.Context, name: str, limit: int) -> str:
    """A command's one-line help as click would make it, read from the module's source when the
    command is a plain ``@click.command()`` (else, e.g. with ``short_help=``, by importing it)."""
    docstring = _docstring(f"{__name__}.{COMMANDS[name]}", name.replace("-", "_"))
    command = click.Command(name, help=docstring) if docstring is not None else group.get_command(ctx, name)
    return command.get_short_help_str(limit) if command is not None else ""


def _docstring(module_name: str, function: str) -> str | None:
    spec = importlib.util.find_spec(module_name)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return None
    with open(spec.origin, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), spec.origin)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == function and _plain_command(node):
            return ast.get_docstring(node, clean=False)
    return None


def _plain_command(node: ast.FunctionDef) -> bool:
    """Decorated with ``@click.command()`` or ``@click.group()`` without arguments (which could change
    the help shown)."""
    return any(isinstance(d, ast.Call) and not d.args and not d.keywords and isinstance(d.func, ast.Attribute)
               and d.func.attr in ("command", "group") for d in node.decorator_list)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="compactdraft")
def cli() -> None:
    """compactdraft: redlines, alignment and provenance for successive drafts of UN texts.

    \b
    Example:
      compactdraft parse drafts/zero-draft.docx
      compactdraft redline drafts/rev1.docx drafts/rev2.docx -o rev1-rev2.docx
    """


class _HeldWarnings:
    """Library warnings (an unsure draft order ...) as one line each, without a source location, shown
    when the command has done its work: a command that fails says only why it failed, in one line."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def hold(self, message: Warning | str, category: type[Warning], filename: str, lineno: int,
             file: Any = None, line: str | None = None) -> None:
        self.lines.append(f"compactdraft: warning: {message}")

    def show(self) -> None:
        for text in dict.fromkeys(self.lines):  # the same warning from several drafts once
            click.echo(text, err=True)
        self.lines.clear()


def _fail(message: str, code: int) -> None:
    click.echo(f"compactdraft: error: {message}", err=True)
    sys.exit(code)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def check_arguments(argv: list[str]) -> None:
    """Refuse a command line carrying control characters or undecodable bytes (an --author or a
    --source id would reach XML, which cannot hold them): one usage line, not an internal error."""
    for value in argv:
        found = _CONTROL.search(value)
        if found:
            shown = value.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
            raise click.UsageError(f"argument {shown!r} holds a control character or bytes that are not "
                                   f"UTF-8 (U+{ord(found.group()):04X}); remove it")


def main(argv: list[str] | None = None) -> Any:
    """Entry point: run the CLI, turning every expected failure into one line and an exit status."""
    from ..errors import CompactDraftError

    debug = bool(os.environ.get("COMPACTDRAFT_DEBUG"))
    held = _HeldWarnings()
    warnings.showwarning = held.hold
    try:
        check_arguments(sys.argv[1:] if argv is None else argv)
        result = cli.main(args=argv, prog_name="compactdraft", standalone_mode=False)
    except click.exceptions.Exit as exc:
        held.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        _fail("aborted", 130)
    except click.UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        _fail(f"{exc.format_message()}{hint}", 2)
    except click.ClickException as exc:
        _fail(exc.format_message(), exc.exit_code if exc.exit_code != 1 else 2)
    except CompactDraftError as exc:
        if debug:
            raise
        _fail(exc.one_line(), exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except BrokenPipeError:
        from ..safeio import silence_stdout

        silence_stdout()
        sys.stderr.close()  # a pager or head closed the pipe: not an error for the user
        sys.exit(0)
    except OSError as exc:  # a write the library did not wrap: still one line, naming the file
        if debug:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        _fail(f"{where}cannot write or read ({exc.strerror or exc})", 1)
    except MemoryError:
        _fail("out of memory: the input is too large for this machine", 2)
    except RecursionError:
        _fail("the input is nested too deeply to process", 2)
    except Exception as exc:  # noqa: BLE001 - last resort: never a traceback for a user
        if debug:
            raise
        _fail(f"internal error: {exc.__class__.__name__}: {exc} (set COMPACTDRAFT_DEBUG=1 for details; "
              "please report it)", 70)
    held.show()
    return result
