"""Renderers: one registry feeding both the library and the CLI's ``--format`` choices.

A renderer turns a library object (a Draft, an Alignment, a Redline, a graph ...) into ``str`` or
``bytes``. Objects have no output methods; everything that writes lives here, one module per format.
Modules are imported lazily: registering happens when :func:`renderer` first asks for a subject.
"""
from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError

Render = Callable[..., "str | bytes"]


@dataclass(frozen=True)
class Renderer:
    subject: str  # what it renders: draft, alignment, history, redline, stats, graph, trace, coverage
    name: str  # format name used by --format: tree, json, text, html, docx, md, terminal ...
    extensions: tuple[str, ...]  # output file extensions that select it
    func: Render
    binary: bool = False


_REGISTRY: dict[tuple[str, str], Renderer] = {}

# subject -> modules that register its renderers (imported on first use)
_MODULES: dict[str, tuple[str, ...]] = {
    "draft": ("draft", "akn"),
    "alignment": ("alignment",),
    "history": ("alignment",),
    "redline": ("redline_text", "redline_html", "redline_json", "redline_docx"),
    "stats": ("stats",),
    "graph": ("graph",),
    "trace": ("trace",),
    "traces": ("trace",),
    "coverage": ("coverage",),
    "annotated": ("annotated",),
    "report": ("report",),
    "verify": ("verify",),
}


def register(subject: str, name: str, extensions: tuple[str, ...] = (), binary: bool = False
             ) -> Callable[[Render], Render]:
    """Decorator: ``@register("draft", "json", (".json",))``."""
    def decorate(func: Render) -> Render:
        _REGISTRY[(subject, name)] = Renderer(subject, name, extensions, func, binary)
        return func
    return decorate


def add_modules(subject: str, *modules: str) -> None:
    """Declare the modules (under compactdraft.render) that hold renderers for ``subject``."""
    _MODULES[subject] = tuple(dict.fromkeys(_MODULES.get(subject, ()) + modules))


def _load(subject: str) -> None:
    for module in _MODULES.get(subject, ()):
        name = f"{__name__}.{module}"
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name)


def formats(subject: str) -> list[str]:
    _load(subject)
    return sorted(name for (subj, name) in _REGISTRY if subj == subject)


def renderer(subject: str, name: str | None = None, output: str | None = None, default: str = "text"
             ) -> Renderer:
    """The renderer for a subject, chosen by explicit name, else by the output's extension, else default."""
    _load(subject)
    if name is None and output and output != "-":
        suffix = "." + output.rsplit(".", 1)[-1].lower() if "." in output else ""
        for (subj, _), candidate in sorted(_REGISTRY.items()):
            if subj == subject and suffix in candidate.extensions:
                return candidate
        if suffix:
            raise UsageError(f"no {subject} output for extension {suffix!r}; use --format "
                             f"({', '.join(formats(subject))})", output)
    chosen = name or default
    try:
        return _REGISTRY[(subject, chosen)]
    except KeyError:
        raise UsageError(f"unknown format {chosen!r} for {subject} (one of {', '.join(formats(subject))})") from None


def render(subject: str, obj: Any, name: str | None = None, output: str | None = None, default: str = "text",
           **options: Any) -> str | bytes:
    return renderer(subject, name, output, default).func(obj, **options)
