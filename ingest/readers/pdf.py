"""PDF files and images: the text layer page by page, scanned pages through OCR.

A page whose text layer is (almost) empty but which holds a picture is a scan:
it is rendered at 300 dpi and read by tesseract (`ingest.ocr`), and the result
says so in a warning, because OCR can misread names and numbers. An image file
(.png, .jpg, .tif) is read by OCR, one page per frame.

Pages are counted before they are read and page images measured before they are
decoded or rendered (`limits`): a PDF of a million pages, a page a mile wide or a
picture that decompresses to gigabytes is refused, not read.
"""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

from ingest import ocr
from ingest.errors import IngestError
from ingest.readers import limits
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
        _refuse_ocr_pages(path, len(scanned))
        texts = ocr.read_images((image for _, image in ocr.pdf_page_images(path, scanned)), path)
        for index, text in zip(scanned, texts):
            blocks[index].text = text
        warnings.append(OCR_WARNING.format(what=_scanned_pages(scanned, len(pages))))
    return assemble(path, "scan" if scanned else "pdf", blocks, encoding=encoding, warnings=warnings)


def read_image(path: Path) -> ReadResult:
    """An image file read by OCR, one piece per frame ("page 1")."""
    _refuse_image_bomb(path)  # a damaged image is refused before OCR is looked for
    frames = ocr.image_frames(path)  # decoded one at a time, as OCR takes them
    blocks = [Block(text, f"page {n}") for n, text in enumerate(ocr.read_images(frames, path), start=1)]
    return assemble(path, "scan", blocks, warnings=[OCR_WARNING.format(what="image")])


def _text_layer(path: Path) -> list[tuple[str, bool]]:
    """(text, whether it holds images) for each page; IngestError when this is no readable PDF."""
    import pdfplumber

    data = limits.file_bytes(path)
    if b"%PDF-" not in data[:1024]:
        what = sniff(data[:1024])
        raise IngestError(path, f"not a readable PDF: {'this is ' + what if what else 'it does not start with %PDF-'}")
    _refuse_pages(path, _declared_pages(data))
    _refuse_stream_bomb(path, data)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:  # the bytes measured, not the file again
            _refuse_pages(path, len(pdf.pages))
            pages = [_page_text(path, n, page) for n, page in enumerate(pdf.pages, start=1)]
    except IngestError:
        raise
    except Exception as exc:  # pdfminer raises many kinds of error on damaged files
        raise _unreadable(path, exc) from None
    if not pages:
        raise IngestError(path, "the PDF has no pages")
    return pages


def _declared_pages(data: bytes) -> int:
    """The page count the PDF declares, read without parsing its pages (0 if pdfium cannot open it)."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return 0  # damaged or encrypted: pdfplumber says which
    try:
        return len(pdf)
    finally:
        pdf.close()


def _refuse_pages(path: Path, pages: int) -> None:
    limits.refuse_over(path, pages, limits.MAX_PDF_PAGES, f"too long for one document ({pages:,} pages; cancu reads "
                       f"PDFs of up to {limits.MAX_PDF_PAGES:,} pages): is it a whole collection? split it into its documents")


_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_IMAGE = re.compile(rb"/Subtype\s*/Image")


def _refuse_stream_bomb(path: Path, data: bytes) -> None:
    """Refuse a PDF whose compressed streams inflate to more than a document holds.

    pdfminer inflates a stream whole, in memory, when it reads a page: each Flate stream
    is inflated here first, through a decompressor that stops at the limit. Pictures are
    left to the pixel limit (they are decoded only to be rendered for OCR).
    """
    total = 0
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 4096):m.start()]
        if _IMAGE.search(head[head.rfind(b"obj") + 1:]):
            continue
        size = _inflated(data, m.end(), min(limits.MAX_PDF_STREAM_BYTES, limits.MAX_PDF_UNPACKED_BYTES - total))
        limits.refuse_over(path, size, limits.MAX_PDF_STREAM_BYTES, "too large to read: a stream of the PDF "
                           f"inflates to more than {limits.mib(limits.MAX_PDF_STREAM_BYTES)} (a decompression bomb)")
        total += size
        limits.refuse_over(path, total, limits.MAX_PDF_UNPACKED_BYTES, "too large to read: the streams of the PDF "
                           f"inflate to more than {limits.mib(limits.MAX_PDF_UNPACKED_BYTES)} (a decompression bomb)")


def _inflated(data: bytes, start: int, cap: int) -> int:
    """Bytes the Flate stream at `start` inflates to, counting at most cap + 1 (0 if it is no Flate stream)."""
    inflate = zlib.decompressobj()
    size, pos = 0, start
    try:
        while size <= cap and not inflate.eof and pos < len(data):
            piece = inflate.unconsumed_tail or data[pos:pos + limits.CHUNK]
            if not inflate.unconsumed_tail:
                pos += limits.CHUNK
            size += len(inflate.decompress(piece, cap + 1 - size))
    except zlib.error:
        pass  # not Flate, or damaged: pdfminer says which when it reads it
    return size


def _refuse_ocr_pages(path: Path, pages: int) -> None:
    limits.refuse_over(path, pages, limits.MAX_OCR_PAGES, f"too many scanned pages to read by OCR ({pages:,}; cancu "
                       f"reads up to {limits.MAX_OCR_PAGES:,}): split the scan into its documents")


def _page_text(path: Path, number: int, page) -> tuple[str, bool]:
    """(text, whether it holds images) of one page; a page too large to render for OCR is refused."""
    text, images = page.extract_text() or "", bool(page.images)
    if images and len("".join(text.split())) < SCAN_THRESHOLD:  # a scan: it will be rendered
        _refuse_pixels(path, f"page {number}", round(page.width * ocr.DPI / 72), round(page.height * ocr.DPI / 72))
    page.close()  # its parsed objects are not needed again: memory stays that of one page
    return text, images


def _refuse_pixels(path: Path, what: str, width: int, height: int) -> None:
    limits.refuse_over(path, width * height, limits.MAX_PAGE_PIXELS, f"{what} is too large to read by OCR "
                       f"({width:,} × {height:,} pixels; cancu reads page images of up to {limits.MAX_PAGE_PIXELS:,} pixels)")


def _refuse_image_bomb(path: Path) -> None:
    """Refuse an image file whose frames are too many or too large, from its headers alone."""
    import warnings

    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                    limits.refuse_over(path, number, limits.MAX_OCR_PAGES, "too many pages to read by OCR "
                                       f"(more than {limits.MAX_OCR_PAGES:,}): split the scan into its documents")
                    _refuse_pixels(path, f"page {number}" if number > 1 else "the image", *frame.size)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise IngestError(path, f"the image is too large to read by OCR ({exc})") from None
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise IngestError(path, f"not a readable image ({exc.__class__.__name__}: {exc})") from None


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
