"""Errors a user sees when a file cannot be read: they name the file and the reason."""

from __future__ import annotations

from pathlib import Path


class IngestError(ValueError):
    """A file that cannot be processed at all (unreadable, unsupported, empty).

    >>> print(IngestError("plan.xyz", "unsupported file type"))
    plan.xyz: unsupported file type
    """

    def __init__(self, path: str | Path, reason: str, *, line: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")
