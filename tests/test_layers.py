"""The house rules, checked on the source: no module imports from a later stage, and
docs/architecture.md draws the stage graph the imports really make."""
from __future__ import annotations

from pathlib import Path

import layers

DOC = Path(__file__).resolve().parent.parent / "docs" / "architecture.md"


def test_no_module_imports_from_a_later_stage() -> None:
    upward = []
    for path in layers.modules():
        source = layers.stage_of(layers.module_name(path))
        if source in layers.ENTRY_POINTS:
            continue
        for line, target in layers.imports_of(path):
            target_stage = layers.stage_of(target)
            if target_stage == "compactdraft":
                continue  # the package's own __init__ (its version)
            if layers.rank(target_stage) > layers.rank(source):
                upward.append(f"{path.relative_to(layers.PACKAGE.parent)}:{line} imports {target}")
    assert not upward, "imports from a later stage:\n" + "\n".join(upward)


def test_every_module_belongs_to_a_stage_or_the_top() -> None:
    loose = [path.name for path in layers.PACKAGE.glob("*.py")
             if path.stem not in layers.TOP and path.stem not in layers.ENTRY_POINTS]
    folders = {path.name for path in layers.PACKAGE.iterdir() if (path / "__init__.py").exists()}
    assert not loose and folders == set(layers.STAGES)


def test_the_architecture_page_shows_the_real_stage_graph() -> None:
    assert layers.diagram() in DOC.read_text(encoding="utf-8"), (
        "docs/architecture.md is out of date: paste the output of `python tests/support/layers.py`")
