"""Errors a user sees when a file cannot be read: they name the file and the reason."""

from __future__ import annotations

from pathlib import Path


class IngestError(ValueError):
    """A file that cannot be processed at all (unreadable, unsupported, empty).

    The message is one line: the file, then a plain reason.

    >>> print(IngestError("plan.xyz", "unsupported file type"))
    plan.xyz: unsupported file type
    >>> print(IngestError("a.txt", "binary data,\\nnot text", line=3))
    a.txt:3: binary data, not text
    """

    def __init__(self, path: str | Path, reason: str, *, line: int | None = None):
        self.path = str(path)
        self.reason = " ".join(str(reason).split())
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {self.reason}")
