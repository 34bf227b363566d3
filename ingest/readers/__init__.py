"""Readers: a file → its text, exactly as the rest of the pipeline will index it.

`read(path)` returns a `ReadResult`: the text every later stage indexes (spans
are offsets into it), the pieces that map ranges of it back to the source
("page 2", "paragraph 14", "table 1, row 3", "line 12"), the kind of source,
the encoding of a text file, and warnings about how the text was obtained.

- plain text (.txt, .md): UTF-8, UTF-16, Windows-1258, TCVN3 or VNI (`ingest.legacy`);
- Word (.docx): body paragraphs with their list numbers, tables as " | " rows, footnotes;
- Word 97–2003 (.doc): converted to .docx by LibreOffice, then read as one;
- web pages (.html, .htm): block elements as lines, tables as rows;
- PDF: the text layer page by page; scanned pages through OCR (`ingest.ocr`);
- images (.png, .jpg, .tif): OCR.

An unreadable or unsupported file raises `IngestError` naming the file and the reason;
so does one that asks for more work than a document can (`limits`: a zip bomb, a
named pipe, thousands of pages, millions of characters).

One module per kind of source: `text`, `html`, `docx`, `doc`, `pdf` (PDFs and images);
`base` holds what they share (`ReadResult`, `Piece`, assembling blocks of text),
`limits` the bounds on the work one file may ask for.
This module only chooses the reader by the file's suffix.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "plan.txt"
>>> _ = p.write_text("Số: 41/KH-UBND\\nKẾ HOẠCH", encoding="utf-8")
>>> r = read(p)
>>> r.kind, r.encoding, locate(r, r.text.index("KẾ"))
('text', 'utf-8', 'line 2')
"""

from __future__ import annotations

from pathlib import Path

from ingest.errors import IngestError
from ingest.readers import limits
from ingest.readers.base import Piece, ReadResult, locate
from ingest.readers.doc import read_doc
from ingest.readers.docx import read_docx
from ingest.readers.html import read_html
from ingest.readers.pdf import OCR_WARNING, SCAN_THRESHOLD, read_image, read_pdf
from ingest.readers.text import read_plain

__all__ = [
    "read", "read_text", "locate", "refuse_unsupported", "ReadResult", "Piece", "SUPPORTED",
    "TEXT_SUFFIXES", "HTML_SUFFIXES", "IMAGE_SUFFIXES", "SCAN_THRESHOLD", "OCR_WARNING",
]

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
SUPPORTED = TEXT_SUFFIXES + (".docx", ".doc") + HTML_SUFFIXES + (".pdf",) + IMAGE_SUFFIXES

# The reader for each suffix (lower case).
_READERS = {
    **{suffix: read_plain for suffix in TEXT_SUFFIXES},
    **{suffix: read_html for suffix in HTML_SUFFIXES},
    **{suffix: read_image for suffix in IMAGE_SUFFIXES},
    ".docx": read_docx,
    ".doc": read_doc,
    ".pdf": read_pdf,
}
_OLD_FORMATS = {".rtf": "Rich Text Format", ".odt": "OpenDocument text"}


def read_text(path: str | Path) -> str:
    """The text of a document file, as `read` gives it: spans index this text."""
    return read(path).text


def read(path: str | Path) -> ReadResult:
    """Read a document file; raise IngestError naming it when it cannot be read, or when
    it asks for more work than one document can (see `ingest.readers.limits`)."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise IngestError(path, "no such file") from None
    except OSError as exc:
        raise IngestError(path, f"cannot be read ({exc.strerror or exc})") from None
    limits.refuse_special(path, info.st_mode)  # before the suffix: a pipe named plan.txt is no plan
    refuse_unsupported(path)
    reader = _READERS[path.suffix.lower()]
    if info.st_size == 0:
        raise IngestError(path, "the file is empty")
    limits.refuse_large(path, info.st_size)
    try:
        result = reader(path)
    except OSError as exc:
        raise IngestError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not result.text.strip():
        raise IngestError(path, _NO_TEXT[result.kind])
    limits.refuse_over(path, len(result.text), limits.MAX_TEXT_CHARS, f"too long for one document "
                       f"({len(result.text):,} characters of text; cancu extracts up to {limits.MAX_TEXT_CHARS:,}, "
                       "a long plan has under 1,000,000): is it a whole collection? split it into its documents")
    return result


def refuse_unsupported(path: Path) -> None:
    """Raise IngestError naming `path` when its suffix is no kind of file cancu reads
    (decided by the name alone, before a byte of it is read)."""
    suffix = path.suffix.lower()
    if suffix not in _READERS:
        raise IngestError(path, _unsupported(suffix))


def _unsupported(suffix: str) -> str:
    """Why a suffix is refused, and what cancu reads instead."""
    shown = suffix or "(none)"
    hint = f" ({_OLD_FORMATS[suffix]}: save it as .docx)" if suffix in _OLD_FORMATS else ""
    return f"unsupported file type '{shown}'{hint}; cancu reads {', '.join(SUPPORTED)}"


_NO_TEXT = {
    "text": "the file contains only blank space",
    "docx": "the Word document contains no text",
    "doc": "the Word document contains no text",
    "html": "the web page contains no text",
    "pdf": "the PDF contains no text and no scanned pages",
    "scan": "OCR read no text in the scan (is it blank, or upside down?)",
}
