"""PDF files and images: the text layer page by page, scanned pages through OCR.

A page whose text layer is (almost) empty but which holds a picture is a scan:
it is rendered at 300 dpi and read by tesseract (`ingest.ocr`), and the result
says so in a warning, because OCR can misread names and numbers. So is a page
whose text layer is garbled: a font whose map from glyphs to characters is
broken or missing prints the page right but gives "(cid:72)", private-use
characters or letters of the wrong code as its text; the page shows the real text,
so OCR reads it. A text layer is garbled when fewer than half of its words read
as Vietnamese (a syllable of the language, a word of the lexicon, an acronym),
after text in the old .VnTime/VNI fonts has been converted. An image file
(.png, .jpg, .tif) is read by OCR, one page per frame.

Pages are counted before they are read and page images measured before they are
decoded or rendered (`limits`): a PDF of a million pages, a page a mile wide or a
picture that decompresses to gigabytes is refused, not read.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

from ingest import legacy, ocr, restore
from ingest.errors import IngestError
from ingest.readers import limits
from ingest.readers.base import Block, ReadResult, assemble, convert_legacy, sniff

# A page whose text layer has fewer characters than this is a scan (a page
# number or a stamp is all some scanners leave in the text layer).
SCAN_THRESHOLD = 20
OCR_WARNING = "scanned {what} read by OCR (tesseract vie); check names and numbers"
GARBLED_WARNING = ("the text layer of {what} is garbled (a broken font encoding: {share:.0%} of its words "
                   "read as Vietnamese) and was replaced by OCR (tesseract vie); check names and numbers")
# A text layer is garbled when less of its words than this reads as Vietnamese: every 3,000
# characters of the 350 real and dev documents read over 80 % (most 98-100 %); a scrambled
# font reads 0-20 %, TCVN3 text left unconverted 28 %.
READABLE_SHARE = 0.5
# Characters of words a page needs before its text layer is judged: a page number or a
# stamp is no sample, the few lines of a signature page are.
JUDGED_FROM = 40


@dataclass(frozen=True)
class _Page:
    """One page of the text layer: its text, whether it holds pictures, its size at the OCR resolution."""

    text: str
    images: bool
    pixels: tuple[int, int]

    @property
    def scanned(self) -> bool:
        return self.images and len("".join(self.text.split())) < SCAN_THRESHOLD


def read_pdf(path: Path) -> ReadResult:
    """A PDF's text, one piece per page ("page 2"); scanned pages and garbled text layers are read by OCR."""
    pages = _text_layer(path)
    blocks = [Block(page.text, f"page {n}") for n, page in enumerate(pages, start=1)]
    scanned = [i for i, page in enumerate(pages) if page.scanned]
    warnings: list[str] = []
    encoding = convert_legacy([b for i, b in enumerate(blocks) if i not in scanned], warnings)
    garbled = _garbled_pages(blocks, scanned)
    if garbled:
        what = _scanned_pages(list(garbled), len(pages))
        what = "the PDF" if what == "PDF" else what
        ocr.require(path, f"the text layer of {what} is garbled (a broken font encoding)")
        for i in garbled:  # scanned pages were measured as they were read
            _refuse_pixels(path, f"page {i + 1}", *pages[i].pixels)
    to_read = sorted([*scanned, *garbled])
    if to_read:
        _refuse_ocr_pages(path, len(to_read))
        texts = ocr.read_images((image for _, image in ocr.pdf_page_images(path, to_read)), path)
        for index, text in zip(to_read, texts):
            blocks[index].text = text
    if scanned:
        warnings.append(OCR_WARNING.format(what=_scanned_pages(scanned, len(pages))))
    if garbled:
        warnings.append(GARBLED_WARNING.format(what=what, share=sum(garbled.values()) / len(garbled)))
    return assemble(path, "scan" if to_read else "pdf", blocks, encoding=encoding, warnings=warnings)


def _garbled_pages(blocks: list[Block], scanned: list[int]) -> dict[int, float]:
    """Page index → share of readable words, for the pages read from a garbled text layer."""
    shares = {i: readable_share(block.text) for i, block in enumerate(blocks) if i not in scanned}
    return {i: share for i, share in shares.items() if share is not None and share < READABLE_SHARE}


# Where a token is cut into words: "KH-UBND", "31/12/2024".
_WORD_BREAK = re.compile(r"[\s\-/.,;:()\[\]\"'“”‘’…]+")
# What pdfminer writes for a glyph its font maps to no character.
_NO_CHARACTER = re.compile(r"\(cid:\d+\)")


def readable_share(text: str) -> float | None:
    """The share of the words of `text` that read as Vietnamese, counted in characters; None
    when it has fewer than JUDGED_FROM characters of words to judge by.

    A word reads as Vietnamese when it is a syllable of the language, a word of the lexicon
    (ingest/data/lexicon.tsv) or an acronym ("UBND"). A word that does not, written in plain
    ASCII, is taken for a foreign word (English, a code, an address) and left out, so that an
    English page is not taken for a garbled one; a word with another letter, a private-use or
    control character, or a glyph mapped to no character counts against. Numbers and marks
    are no words. Counted in characters, a font that maps the space to a letter (making a
    line one long word) weighs what the line does.

    >>> readable_share("Ủy ban nhân dân phường Mỗ Lao thực hiện Kế hoạch số 41/KH-UBND ngày 3/3/2025")
    1.0
    >>> readable_share("(cid:72)(cid:75)(cid:3) " * 20), readable_share("\x03\x11\x05\x07 " * 20)
    (0.0, 0.0)
    >>> round(readable_share("4XậQ 3, QJày 29 WKáQJ 4 QăP 2025 .Ế +2Ạ&+ 7KôQJ WLQ, WX\\êQ WUX\\ềQ Fải FáFK Kành FKíQK"), 2)
    0.19
    >>> readable_share("The committee shall report to the district before the end of the year") is None
    True
    """
    readable = unreadable = 0
    for word in _WORD_BREAK.split(_NO_CHARACTER.sub("\ufffd", text)):
        if not word or _is_mark(word):
            continue
        if _reads(word):
            readable += len(word)
        elif not (word.isascii() and word.isprintable()):
            unreadable += len(word)
    if readable + unreadable < JUDGED_FROM:
        return None
    return readable / (readable + unreadable)


def _is_mark(word: str) -> bool:
    """A number or a run of punctuation and symbols ("2025", "•", "§", "–"): no word.
    A character lost (U+FFFD) is no mark."""
    return all(c.isdigit() or (unicodedata.category(c)[0] in "PSZ" and c != "\ufffd") for c in word)


def _reads(word: str) -> bool:
    """Whether `word` reads as Vietnamese: a syllable, a word of the lexicon, an acronym.

    >>> [_reads(w) for w in ("hoạch", "«Điều", "HĐND", "lập»", "®Þnh", "QJà", "\ue011\ue012")]
    [True, True, True, True, False, False, False]
    """
    word = _marks_around(word)
    if legacy.is_syllable(word) or word.lower() in restore.lexicon()[2]:
        return True
    return 0 < len(word) <= 8 and all(unicodedata.category(c) == "Lu" for c in word)


def _marks_around(word: str) -> str:
    """`word` without the punctuation and symbols around it ("«Điều»" → "Điều")."""
    start, end = 0, len(word)
    while start < end and unicodedata.category(word[start])[0] in "PS":
        start += 1
    while end > start and unicodedata.category(word[end - 1])[0] in "PS":
        end -= 1
    return word[start:end]


def read_image(path: Path) -> ReadResult:
    """An image file read by OCR, one piece per frame ("page 1")."""
    _refuse_image_bomb(path)  # a damaged image is refused before OCR is looked for
    frames = ocr.image_frames(path)  # decoded one at a time, as OCR takes them
    blocks = [Block(text, f"page {n}") for n, text in enumerate(ocr.read_images(frames, path), start=1)]
    return assemble(path, "scan", blocks, warnings=[OCR_WARNING.format(what="image")])


def _text_layer(path: Path) -> list[_Page]:
    """Each page of the text layer; IngestError when this is no readable PDF."""
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


def _page_text(path: Path, number: int, page) -> _Page:
    """One page of the text layer; a scanned page too large to render for OCR is refused now."""
    pixels = (round(page.width * ocr.DPI / 72), round(page.height * ocr.DPI / 72))
    read = _Page(page.extract_text() or "", bool(page.images), pixels)
    if read.scanned:  # it will be rendered: refused before the other pages are read
        _refuse_pixels(path, f"page {number}", *pixels)
    page.close()  # its parsed objects are not needed again: memory stays that of one page
    return read


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
    """How the OCR warnings name the pages read by OCR.

    >>> _scanned_pages([0, 1], 2), _scanned_pages([1, 3], 5), _scanned_pages([1], 3)
    ('PDF', 'pages 2, 4 of the PDF', 'page 2 of the PDF')
    """
    if len(scanned) == total:
        return "PDF"
    return ("page " if len(scanned) == 1 else "pages ") + ", ".join(str(i + 1) for i in scanned) + " of the PDF"
