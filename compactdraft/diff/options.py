"""The comparison options a user chooses (those of Word's Compare dialog that are implemented here),
carried as one object from the CLI through redline.compare to the diff."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import UsageError

GRANULARITIES = ("word", "char")


@dataclass(frozen=True)
class CompareOptions:
    """granularity: "word" (a changed word is shown whole, as Word's default) or "char" (only the
    changed characters). moves: show a provision that changed place as moved (False: as deleted where
    it stood and inserted where it stands, each side's text exact)."""

    granularity: str = "word"
    moves: bool = True

    def __post_init__(self) -> None:
        if self.granularity not in GRANULARITIES:
            raise UsageError(f"--granularity must be one of {', '.join(GRANULARITIES)}, got {self.granularity!r}")


DEFAULT = CompareOptions()
