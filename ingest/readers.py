"""Readers: a file → its text, exactly as the rest of the pipeline will index it.

Every reader returns the text that spans refer to. Plain text is decoded
(UTF-8, UTF-16 with a byte-order mark, else the best guess of charset-normalizer,
which knows Windows-1258); Word files give their paragraphs and table rows;
PDFs their text layer. An unreadable or unsupported file raises `IngestError`
naming the file and the reason.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ingest.errors import IngestError

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
SUPPORTED = TEXT_SUFFIXES + (".docx", ".pdf")


def read_text(path: str | Path) -> str:
    """The text of a document file, decoded but not normalised: spans index this text."""
    path = Path(path)
    if not path.exists():
        raise IngestError(path, "no such file")
    if path.is_dir():
        raise IngestError(path, "is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        text = _decode(path, path.read_bytes())
    elif suffix == ".docx":
        text = _read_docx(path)
    elif suffix == ".pdf":
        text = _read_pdf(path)
    else:
        raise IngestError(path, f"unsupported file type '{path.suffix or '(none)'}'; cancu reads {', '.join(SUPPORTED)}")
    if not text.strip():
        raise IngestError(path, "the file contains no text")
    return text


def _decode(path: Path, data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:2000]:
        raise IngestError(path, "binary data, not text (is the file extension right?)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1258", "utf_16", "cp1252", "latin_1"]).best()
    if best is None:
        raise IngestError(path, "cannot tell the text encoding")
    return str(best)


def _read_docx(path: Path) -> str:
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise IngestError(path, f"not a readable Word (.docx) file ({exc.__class__.__name__})") from None
    except Exception as exc:  # zipfile.BadZipFile and friends
        raise IngestError(path, f"not a readable Word (.docx) file ({exc})") from None
    blocks: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            blocks.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = [
                        " ".join("".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t")).split())
                        for cell in row
                        if cell.tag.endswith("}tc")
                    ]
                    blocks.append(" | ".join(cells))
    return "\n\n".join(blocks)


def _read_pdf(path: Path) -> str:
    import pdfplumber

    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except Exception as exc:
        raise IngestError(path, f"not a readable PDF ({exc.__class__.__name__})") from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise IngestError(path, "the PDF has no text layer (a scan); OCR of scans is not available yet")
    return text
