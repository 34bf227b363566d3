"""PDF files and images: the text layer page by page, scanned pages through OCR.

A page whose text layer is (almost) empty but which holds a picture is a scan:
it is rendered at 300 dpi and read by tesseract (`ingest.ocr`), and the result
says so in a warning, because OCR can misread names and numbers. An image file
(.png, .jpg, .tif) is read by OCR, one page per frame.
"""

from __future__ import annotations

from pathlib import Path

from ingest import ocr
from ingest.errors import IngestError
from ingest.readers.base import Block, ReadResult, assemble, convert_legacy, sniff

# A page whose text layer has fewer characters than this is a scan (a page
# number or a stamp is all some scanners leave in the text layer).
SCAN_THRESHOLD = 20
OCR_WARNING = "scanned {what} read by OCR (tesseract vie); check names and numbers"


def read_pdf(path: Path) -> ReadResult:
    """A PDF's text, one piece per page ("page 2"); scanned pages are read by OCR."""
    pages = _text_layer(path)
    blocks = [Block(text, f"page {n}") for n, (text, _) in enumerate(pages, start=1)]
    scanned = [i for i, (text, images) in enumerate(pages) if images and len("".join(text.split())) < SCAN_THRESHOLD]
    warnings: list[str] = []
    encoding = convert_legacy([b for i, b in enumerate(blocks) if i not in scanned], warnings)
    if scanned:
        texts = ocr.read_images((image for _, image in ocr.pdf_page_images(path, scanned)), path)
        for index, text in zip(scanned, texts):
            blocks[index].text = text
        warnings.append(OCR_WARNING.format(what=_scanned_pages(scanned, len(pages))))
    return assemble(path, "scan" if scanned else "pdf", blocks, encoding=encoding, warnings=warnings)


def read_image(path: Path) -> ReadResult:
    """An image file read by OCR, one piece per frame ("page 1")."""
    frames = list(ocr.image_frames(path))  # a damaged image is refused before OCR is looked for
    blocks = [Block(text, f"page {n}") for n, text in enumerate(ocr.read_images(frames, path), start=1)]
    return assemble(path, "scan", blocks, warnings=[OCR_WARNING.format(what="image")])


def _text_layer(path: Path) -> list[tuple[str, bool]]:
    """(text, whether it holds images) for each page; IngestError when this is no readable PDF."""
    import pdfplumber

    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        what = sniff(head)
        raise IngestError(path, f"not a readable PDF: {'this is ' + what if what else 'it does not start with %PDF-'}")
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [(page.extract_text() or "", bool(page.images)) for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many kinds of error on damaged files
        raise _unreadable(path, exc) from None
    if not pages:
        raise IngestError(path, "the PDF has no pages")
    return pages


def _unreadable(path: Path, exc: Exception) -> IngestError:
    """The error for a PDF that pdfplumber cannot open: encrypted, or damaged."""
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    if exc.args and isinstance(exc.args[0], Exception):  # pdfplumber wraps pdfminer's errors
        exc = exc.args[0]
    if isinstance(exc, PDFPasswordIncorrect):
        return IngestError(path, "encrypted PDF: it needs a password to open; save an unprotected copy")
    if "password" in str(exc).lower() or "encrypt" in exc.__class__.__name__.lower():
        return IngestError(path, "encrypted PDF: cancu cannot decrypt it; save an unprotected copy")
    return IngestError(path, f"not a readable PDF: the file is damaged ({exc.__class__.__name__})")


def _scanned_pages(scanned: list[int], total: int) -> str:
    """How the OCR warning names the scanned pages.

    >>> _scanned_pages([0, 1], 2), _scanned_pages([1, 3], 5)
    ('PDF', 'pages 2, 4 of the PDF')
    """
    if len(scanned) == total:
        return "PDF"
    return "pages " + ", ".join(str(i + 1) for i in scanned) + " of the PDF"
