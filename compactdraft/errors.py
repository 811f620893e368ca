"""One exception family for the library; the CLI turns it into a one-line error in one place.

Every error names the file it concerns (when there is one) so that a user who passed five drafts
knows which one is at fault. Messages follow the "what is wrong: why / what to do" form.
"""
from __future__ import annotations

from pathlib import Path


class CompactDraftError(Exception):
    """Base class: anything compactdraft raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        super().__init__(self.one_line())

    def one_line(self) -> str:
        text = " ".join(self.message.split())
        return f"{self.path}: {text}" if self.path else text


class InputError(CompactDraftError):
    """An input file is missing, unreadable, of the wrong kind, corrupt or hostile (exit 2)."""

    exit_code = 2


class UnsupportedFormatError(InputError):
    """No reader for this file (extension and content both unknown)."""


class UsageError(CompactDraftError):
    """Options that contradict each other or name things that do not exist (exit 2)."""

    exit_code = 2


class NotFoundError(UsageError):
    """An id (draft, provision, source) that the inputs do not hold."""


class OutputError(CompactDraftError):
    """An output cannot be written where asked (e.g. it would overwrite an input)."""

    exit_code = 2


class WriteError(CompactDraftError):
    """An output could not be written: read-only or full file system, unwritable folder, stdout closed
    (exit 1: the inputs were fine, the write failed)."""

    exit_code = 1
