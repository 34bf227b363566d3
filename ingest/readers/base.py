"""What every reader shares: the result it returns and how it is assembled.

A reader turns a file into `Block`s (a paragraph, a page, a table row, each
with its locator); `assemble` joins them with blank lines into the text later
stages index and records each block's range as a `Piece`, so `locate` can say
where any character came from.

>>> r = assemble(Path("x.docx"), "docx", [Block("KẾ HOẠCH", "paragraph 1"), Block(" ", "paragraph 2"),
...                                       Block("Số: 41/KH-UBND", "paragraph 3")])
>>> r.text, [(p.start, p.end, p.locator) for p in r.pieces]
('KẾ HOẠCH\\n\\nSố: 41/KH-UBND', [(0, 8, 'paragraph 1'), (10, 24, 'paragraph 3')])
"""

from __future__ import annotations

import bisect
import codecs
from dataclasses import dataclass, field
from pathlib import Path

from ingest import legacy

# What a file that is not what its suffix says starts with.
_MAGIC = {
    b"%PDF-": "a PDF file",
    b"PK\x03\x04": "a zip archive (a .docx or .xlsx?)",
    b"\xd0\xcf\x11\xe0": "an old-format Office file (.doc/.xls) or a password-protected Word file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"{\\rtf": "an RTF file",
}


@dataclass(frozen=True)
class Piece:
    """A range [start, end) of the text and where it comes from in the source."""

    start: int
    end: int
    locator: str  # "page 2" | "paragraph 14" | "table 1, row 3" | "footnote 1" | "line 12"


@dataclass
class ReadResult:
    """A document's text as read, with the map back to its source."""

    path: str
    text: str
    kind: str  # text | docx | doc | html | pdf | scan
    pieces: list[Piece] = field(default_factory=list)
    encoding: str | None = None  # for text and web pages: utf-8 | utf-16 | cp1258 | tcvn3 | vni | cp1252
    warnings: list[str] = field(default_factory=list)

    def locate(self, offset: int) -> str:
        """The locator of the piece holding character `offset` (or the last one before it)."""
        return locate(self, offset)


def locate(result: ReadResult, offset: int) -> str:
    """Where character `offset` of `result.text` is in the source, e.g. "page 2".

    An offset between pieces (in a separator) belongs to the piece before it.

    >>> r = ReadResult("x.pdf", "ab\\n\\ncd", "pdf", [Piece(0, 2, "page 1"), Piece(4, 6, "page 2")])
    >>> [locate(r, i) for i in (0, 3, 5)]
    ['page 1', 'page 1', 'page 2']
    """
    if not result.pieces:
        return "the whole document"
    starts = [p.start for p in result.pieces]
    index = max(bisect.bisect_right(starts, offset) - 1, 0)
    return result.pieces[index].locator


def sniff(data: bytes) -> str | None:
    """What the first bytes of a file say it is ("a PDF file"), or None for anything else.

    >>> sniff(b"%PDF-1.7"), sniff("Số".encode())
    ('a PDF file', None)
    """
    return next((what for magic, what in _MAGIC.items() if data.startswith(magic)), None)


@dataclass
class Block:
    """A unit of the source (paragraph, page, table row) before the text is assembled."""

    text: str
    locator: str
    row: bool = False  # a table row keeps its edges: " | b | " has an empty first cell


def assemble(path: Path, kind: str, blocks: list[Block], *, encoding=None, warnings=()) -> ReadResult:
    """Blocks joined by blank lines (a paragraph break for `segment`), with their pieces."""
    parts: list[str] = []
    pieces: list[Piece] = []
    offset = 0
    for block in blocks:
        text = block.text.strip("\n") if block.row else block.text.strip()
        if not text.strip(" |"):
            continue
        if parts:
            parts.append("\n\n")
            offset += 2
        parts.append(text)
        pieces.append(Piece(offset, offset + len(text), block.locator))
        offset += len(text)
    return ReadResult(str(path), "".join(parts), kind, pieces, encoding, list(warnings))


def convert_legacy(blocks: list[Block], warnings: list[str]) -> str | None:
    """Convert blocks that hold TCVN3/VNI characters (a .VnTime document); the encoding or None."""
    found = legacy.detect("\n".join(b.text for b in blocks))
    if found is None:
        return None
    for block in blocks:
        block.text = legacy.to_unicode(block.text, found)
    warnings.append(legacy.legacy_warning(found))
    return found


def collapse(text: str) -> str:
    """Runs of white space as one space, none at the ends.

    >>> collapse("  Phòng\\n Nội   vụ ")
    'Phòng Nội vụ'
    """
    return " ".join(text.split())


# A text is UTF-8 with a few damaged bytes, not an 8-bit legacy text, when at least this
# many of its non-ASCII characters decode per bad sequence (legacy Vietnamese bytes
# almost never form valid UTF-8: there, bad sequences outnumber valid ones by far).
_UTF8_PER_BAD = 4


def utf8_repaired(data: bytes) -> tuple[str, str] | None:
    """(text, warning) for UTF-8 bytes holding a few invalid sequences, each replaced by
    U+FFFD; None for valid UTF-8 and for bytes that are mostly not UTF-8 (8-bit legacy
    encodings, UTF-16), which the encoding detection reads instead.

    >>> text, warning = utf8_repaired("Kế hoạch số 41\\nngày 3".encode() + b"\\xff" + " tháng".encode())
    >>> text.splitlines()[1], warning
    ('ngày 3\ufffd tháng', '1 invalid UTF-8 byte sequence replaced by U+FFFD (�), the first on line 2; the rest is read as UTF-8')
    >>> utf8_repaired("Kế hoạch".encode()) is None, utf8_repaired(legacy.encode("Kế hoạch", "tcvn3")) is None
    (True, True)
    """
    if b"\x00" in data or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        first = exc.start
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    decoded = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    if decoded < _UTF8_PER_BAD * bad and not data.startswith(codecs.BOM_UTF8):
        return None
    line = data.count(b"\n", 0, first) + 1
    plural = "s" if bad > 1 else ""
    return text, (f"{bad} invalid UTF-8 byte sequence{plural} replaced by U+FFFD (\ufffd), the first on line {line}; "
                  "the rest is read as UTF-8")
