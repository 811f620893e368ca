"""The package's stages and the imports between them, read from the source with ast.

Run ``python tests/support/layers.py`` to print the stage graph that docs/architecture.md shows
(tests/test_layers.py checks the page against it and every import against the order below).
"""
from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "compactdraft"
TOP = ("errors", "safeio", "model")  # the only modules at the top, below every stage
# Each stage may import from the top and from the stages before it, never from a later one. diff and
# word are libraries the others use: diff is text only; word is all WordprocessingML, read by the .docx
# reader (parse) and written by the renderers.
STAGES = ("diff", "word", "parse", "align", "redline", "provenance", "render", "build", "cli")
ENTRY_POINTS = {"__init__", "__main__"}  # the package itself and `python -m compactdraft` (calls cli)


def stage_of(module: str) -> str:
    """``compactdraft.word.writer`` -> ``word``; ``compactdraft.model`` -> ``model``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def rank(stage: str) -> int:
    if stage in TOP:
        return TOP.index(stage)
    return len(TOP) + STAGES.index(stage)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, imported compactdraft module) for every import in the file, function-level ones too."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            targets = [target] if node.module else [_submodule_or_package(target, a.name) for a in node.names]
            found += [(node.lineno, t) for t in targets if t.startswith("compactdraft")]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("compactdraft")]
    return found


def _submodule_or_package(package: str, name: str) -> str:
    """``from . import charts`` imports a module; ``from .. import __version__`` a name of the package."""
    folder = PACKAGE.parent.joinpath(*package.split("."))
    is_module = (folder / f"{name}.py").exists() or (folder / name / "__init__.py").exists()
    return f"{package}.{name}" if is_module else package


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def stage_graph() -> dict[str, set[str]]:
    """stage -> the stages it imports from."""
    graph: dict[str, set[str]] = defaultdict(set)
    for path in modules():
        source = stage_of(module_name(path))
        for _, target in imports_of(path):
            target_stage = stage_of(target)
            if target_stage not in (source, "compactdraft") and source not in ENTRY_POINTS:
                graph[source].add(target_stage)
    return graph


def diagram() -> str:
    """One line per stage, in order: what it imports from."""
    graph = stage_graph()
    width = max(map(len, STAGES + TOP))
    lines = []
    for stage in STAGES + TOP[::-1]:
        uses = sorted(graph.get(stage, ()), key=rank)
        lines.append(f"{stage:<{width}} <- {', '.join(uses) if uses else '(nothing of ours)'}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(diagram() + "\n")
