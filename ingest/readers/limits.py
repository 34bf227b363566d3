"""How much work one file may ask for: bytes read, bytes unpacked, pages, pixels, characters.

A document is at most a few hundred pages and under a million characters (the longest
plan of the real corpus has 0.8 million); a file that asks for far more is hostile or
is no single document (a zip bomb, a collection, a scan of a whole archive), and is
refused before the work is done, in a second and in bounded memory, with one line
that names the limit. Sizes are in MiB (2^20 bytes) throughout, as `ls -lh` and file
managers print them.

The file itself is opened without blocking and read only if it is a regular file: a
named pipe, a device or a socket given as a document would otherwise hang the reader.

>>> mib(29 * MiB + 1), mib(30 * MiB)
('29.1 MiB', '30 MiB')
"""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path

from ingest.errors import IngestError

MiB = 1 << 20

# Any file: the longest plan, with appendices and scanned pages, is a few MiB.
MAX_FILE_BYTES = 30 * MiB
# Characters of text extraction reads. Extraction takes some 10 s and 170 MB a million
# characters (the longest real plan, 0.8 million, 8 s and 250 MB): past this a file is
# no single document, and reading it would take more than 500 MB.
MAX_TEXT_CHARS = 2_000_000
# Duties and named documents one document may hold. The real corpus's most have 147 duties and 82
# references; each costs the graph some forty triples and the store's transaction a few kilobytes,
# so a text of thousands of repeated duty sections would take a gigabyte to store.
MAX_DUTIES = 2_000
MAX_REFERENCES = 2_000

# Zip containers (.docx): what one part, and all parts together, may unpack to, and by
# how much a part larger than RATIO_FROM may outgrow its compressed size (XML packs
# 5-20 to 1, pictures barely; a bomb packs up to 1,000 to 1). A .docx has some 10-50
# parts, a few hundred with many pictures.
MAX_PART_BYTES = 32 * MiB
MAX_UNPACKED_BYTES = 128 * MiB
MAX_RATIO = 200
RATIO_FROM = 1 * MiB
MAX_PARTS = 10_000
# Elements one XML part may hold: a parsed element costs some 150 bytes, so this bounds
# the memory of the parse (a 1,400-page document has about a million).
MAX_XML_ELEMENTS = 1_000_000

# What the compressed streams of a PDF (page contents, fonts; not pictures) may inflate to,
# one and all together: a page's text is some kilobytes, a dense drawing a few MiB.
MAX_PDF_STREAM_BYTES = 16 * MiB
MAX_PDF_UNPACKED_BYTES = 128 * MiB
# PDF pages read, and pages (of a PDF or an image file) read by OCR, a few seconds each.
MAX_PDF_PAGES = 1000
MAX_OCR_PAGES = 200
# Seconds LibreOffice may take to convert one .doc to .docx (`doc`): 1.2 s for a two-page
# plan, 6 s for a million characters (some 500 pages) on one core; past this it is stuck.
MAX_CONVERT_SECONDS = 120
# Pixels of one page image given to OCR (an A4 page at 300 dpi has 8.7 million; at
# 600 dpi, 35 million): a larger picture is a decompression bomb or a poster.
MAX_PAGE_PIXELS = 40_000_000

# Read from files and parts in pieces of this size, so that no more than a piece is read
# past a limit.
CHUNK = 1 * MiB

_SPECIAL = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def mib(size: int) -> str:
    """A size in MiB as a limit's message prints it; rounded up, so a size over a limit
    never prints as the limit itself.

    >>> mib(31_000_000), mib(32 * MiB), mib(1)
    ('29.6 MiB', '32 MiB', '0.1 MiB')
    """
    tenths = math.ceil(size * 10 / MiB)
    return f"{tenths // 10} MiB" if tenths % 10 == 0 else f"{tenths / 10:.1f} MiB"


def not_regular(mode: int) -> str | None:
    """Why a file of this mode is no document to read ("a named pipe (FIFO)"), or None."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    return _SPECIAL.get(stat.S_IFMT(mode), "not a regular file")


def refuse_special(path: Path, mode: int) -> None:
    """Raise IngestError naming `path` unless it is a regular file."""
    kind = not_regular(mode)
    if kind == "a folder":
        raise IngestError(path, "is a folder, not a file")
    if kind is not None:
        raise IngestError(path, f"not a regular file: this is {kind}; cancu reads document files only")


def refuse_over(path: Path, amount: int, limit: int, reason: str) -> None:
    """Raise IngestError naming `path` with `reason` when `amount` is over `limit`."""
    if amount > limit:
        raise IngestError(path, reason)


def refuse_large(path: Path, size: int) -> None:
    """Raise IngestError naming `path` when it is larger than cancu reads."""
    refuse_over(path, size, MAX_FILE_BYTES, f"too large for one document ({mib(size)}; cancu reads files up to "
                                            f"{mib(MAX_FILE_BYTES)}): is it a whole collection? split it into its documents")


def file_bytes(path: str | Path) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES; IngestError for anything else.

    The file is opened without blocking and checked on the open descriptor, so a named
    pipe is refused, not waited on, even one put in the file's place after a check.
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise IngestError(path, "no such file") from None
    except IsADirectoryError:
        raise IngestError(path, "is a folder, not a file") from None
    with os.fdopen(fd, "rb", buffering=0) as f:
        info = os.fstat(f.fileno())
        refuse_special(path, info.st_mode)
        refuse_large(path, info.st_size)
        data = read_capped(f, MAX_FILE_BYTES)
    refuse_large(path, len(data))  # grown since it was measured
    return data


def read_capped(stream, cap: int) -> bytes:
    """What `stream` holds, up to cap + 1 bytes: more than `cap` means "over the limit".

    Reads in pieces of CHUNK, so a stream that never ends (or a part that unpacks to far
    more than it says) costs at most cap + CHUNK bytes.
    """
    pieces: list[bytes] = []
    size = 0
    while size <= cap:
        piece = stream.read(min(CHUNK, cap + 1 - size))
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
    return b"".join(pieces)
