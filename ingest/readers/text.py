"""Plain-text files (.txt, .md): the characters as decoded, one piece per non-blank line.

The bytes may be UTF-8, UTF-16, Windows-1258, or Vietnamese in the 8-bit TCVN3
or VNI encodings; `ingest.legacy.decode_bytes` tells them apart. UTF-8 with a few
damaged bytes stays UTF-8, the damaged bytes replaced and reported in a warning.
The text is kept exactly as decoded (no blank-line joining): spans index it directly.
"""

from __future__ import annotations

from pathlib import Path

from ingest import legacy
from ingest.errors import IngestError
from ingest.readers import limits
from ingest.readers.base import Piece, ReadResult, sniff, utf8_repaired


def read_plain(path: Path) -> ReadResult:
    """A text file decoded, each non-blank line a piece ("line 12"); binary data is refused."""
    data = limits.file_bytes(path)
    what = sniff(data)
    if what:
        raise IngestError(path, f"binary data, not text: this is {what} with a {path.suffix} name")
    repaired = utf8_repaired(data)
    try:
        decoded = legacy.decode_bytes(repaired[0].encode("utf-8") if repaired else data)
    except legacy.NotText as exc:
        raise IngestError(path, f"{exc} (is the file extension right?)") from None
    warnings = [repaired[1], *decoded.warnings] if repaired else decoded.warnings
    pieces: list[Piece] = []
    offset = 0
    for number, line in enumerate(decoded.text.splitlines(keepends=True), start=1):
        body = line.rstrip("\r\n")
        if body.strip():
            pieces.append(Piece(offset, offset + len(body), f"line {number}"))
        offset += len(line)
    return ReadResult(str(path), decoded.text, "text", pieces, decoded.encoding, warnings)
