"""Readers: a file → its text, exactly as the rest of the pipeline will index it.

`read(path)` returns a `ReadResult`: the text every later stage indexes (spans
are offsets into it), the pieces that map ranges of it back to the source
("page 2", "paragraph 14", "table 1, row 3", "line 12"), the kind of source,
the encoding of a text file, and warnings about how the text was obtained.

- plain text (.txt, .md): UTF-8, UTF-16, Windows-1258, TCVN3 or VNI (`ingest.legacy`);
- Word (.docx): body paragraphs with their list numbers, tables as " | " rows, footnotes;
- web pages (.html, .htm): block elements as lines, tables as rows;
- PDF: the text layer page by page; scanned pages through OCR (`ingest.ocr`);
- images (.png, .jpg, .tif): OCR.

An unreadable or unsupported file raises `IngestError` naming the file and the reason.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "plan.txt"
>>> _ = p.write_text("Số: 41/KH-UBND\\nKẾ HOẠCH", encoding="utf-8")
>>> r = read(p)
>>> r.kind, r.encoding, locate(r, r.text.index("KẾ"))
('text', 'utf-8', 'line 2')
"""

from __future__ import annotations

import bisect
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ingest import legacy, ocr
from ingest.errors import IngestError

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
SUPPORTED = TEXT_SUFFIXES + (".docx",) + HTML_SUFFIXES + (".pdf",) + IMAGE_SUFFIXES

# A page whose text layer has fewer characters than this is a scan (a page
# number or a stamp is all some scanners leave in the text layer).
SCAN_THRESHOLD = 20
OCR_WARNING = "scanned {what} read by OCR (tesseract vie); check names and numbers"

# What a file that is not what its suffix says starts with.
_MAGIC = {
    b"%PDF-": "a PDF file",
    b"PK\x03\x04": "a zip archive (a .docx or .xlsx?)",
    b"\xd0\xcf\x11\xe0": "an old-format Office file (.doc/.xls) or a password-protected Word file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"{\\rtf": "an RTF file",
}
_OLD_FORMATS = {".doc": "old Word format", ".rtf": "Rich Text Format", ".odt": "OpenDocument text"}


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
    kind: str  # text | docx | html | pdf | scan
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


def read_text(path: str | Path) -> str:
    """The text of a document file, as `read` gives it: spans index this text."""
    return read(path).text


def read(path: str | Path) -> ReadResult:
    """Read a document file; raise IngestError naming it when it cannot be read."""
    path = Path(path)
    if not path.exists():
        raise IngestError(path, "no such file")
    if path.is_dir():
        raise IngestError(path, "is a folder, not a file")
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise IngestError(path, _unsupported(suffix))
    try:
        if path.stat().st_size == 0:
            raise IngestError(path, "the file is empty")
        result = reader(path)
    except OSError as exc:
        raise IngestError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not result.text.strip():
        raise IngestError(path, _NO_TEXT[result.kind])
    return result


def _unsupported(suffix: str) -> str:
    shown = suffix or "(none)"
    hint = f" ({_OLD_FORMATS[suffix]}: save it as .docx)" if suffix in _OLD_FORMATS else ""
    return f"unsupported file type '{shown}'{hint}; cancu reads {', '.join(SUPPORTED)}"


_NO_TEXT = {
    "text": "the file contains only blank space",
    "docx": "the Word document contains no text",
    "html": "the web page contains no text",
    "pdf": "the PDF contains no text and no scanned pages",
    "scan": "OCR read no text in the scan (is it blank, or upside down?)",
}


def _sniff(data: bytes) -> str | None:
    return next((what for magic, what in _MAGIC.items() if data.startswith(magic)), None)


# ---------------------------------------------------------------------------
# Assembling text from blocks


@dataclass
class _Block:
    text: str
    locator: str
    row: bool = False  # a table row keeps its edges: " | b | " has an empty first cell


def _assemble(path: Path, kind: str, blocks: list[_Block], *, encoding=None, warnings=()) -> ReadResult:
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


def _convert_legacy(blocks: list[_Block], warnings: list[str]) -> str | None:
    """Convert blocks that hold TCVN3/VNI characters (a .VnTime document); the encoding or None."""
    found = legacy.detect("\n".join(b.text for b in blocks))
    if found is None:
        return None
    for block in blocks:
        block.text = legacy.to_unicode(block.text, found)
    warnings.append(legacy.legacy_warning(found))
    return found


# ---------------------------------------------------------------------------
# Plain text


def _read_plain(path: Path) -> ReadResult:
    data = path.read_bytes()
    what = _sniff(data)
    if what:
        raise IngestError(path, f"binary data, not text: this is {what} with a {path.suffix} name")
    try:
        decoded = legacy.decode_bytes(data)
    except legacy.NotText as exc:
        raise IngestError(path, f"{exc} (is the file extension right?)") from None
    pieces: list[Piece] = []
    offset = 0
    for number, line in enumerate(decoded.text.splitlines(keepends=True), start=1):
        body = line.rstrip("\r\n")
        if body.strip():
            pieces.append(Piece(offset, offset + len(body), f"line {number}"))
        offset += len(line)
    return ReadResult(str(path), decoded.text, "text", pieces, decoded.encoding, decoded.warnings)


# ---------------------------------------------------------------------------
# Web pages


_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
    "section", "article", "header", "footer", "main", "nav", "aside", "address", "pre", "table",
    "form", "fieldset", "center", "hr", "figure", "figcaption", "caption", "body",
}
_SKIP_TAGS = {"script", "style", "head", "title", "xml", "noscript", "template", "svg", "object"}
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "param", "source", "wbr"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.-]+)""", re.I)


class _HtmlText(HTMLParser):
    """Lines of a web page: one per block element, one per table row (cells joined by " | ")."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self._line: list[str] = []
        self._skip = 0
        self._pre = 0
        self._tables: list[dict] = []  # {"number", "row", "cells", "cell"}
        self._table_count = 0
        self._paragraphs = 0
        self._lists: list[list] = []  # ["ol" | "ul", counter]

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self._skip += tag not in _VOID_TAGS
            return
        if self._skip:
            return
        if tag == "table":
            self._flush()
            self._table_count += 1
            self._tables.append({"number": self._table_count, "row": 0, "cells": None, "cell": None})
        elif tag == "tr" and self._tables:
            self._tables[-1].update(row=self._tables[-1]["row"] + 1, cells=[], cell=None)
        elif tag in ("td", "th") and self._tables:
            self._tables[-1]["cell"] = []
        elif tag in ("ol", "ul"):
            self._flush()
            self._lists.append([tag, 0])
        elif tag == "li":
            self._flush()
            if self._lists:
                self._lists[-1][1] += 1
                kind, count = self._lists[-1]
                self._text(f"{count}. " if kind == "ol" else "- ")
        elif tag == "br":
            self._text(" " if self._in_cell() else "\n")
        elif tag in _BLOCK_TAGS:
            self._flush()
        if tag == "pre":
            self._pre += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self._skip = max(self._skip - 1, 0)
            return
        if self._skip:
            return
        if tag in ("td", "th") and self._tables and self._tables[-1]["cell"] is not None:
            table = self._tables[-1]
            if table["cells"] is None:
                table["cells"] = []
            table["cells"].append(_collapse("".join(table["cell"])))
            table["cell"] = None
        elif tag == "tr" and self._tables:
            self._end_row(self._tables[-1])
        elif tag == "table" and self._tables:
            self._end_row(self._tables[-1])
            self._tables.pop()
        elif tag in ("ol", "ul") and self._lists:
            self._flush()
            self._lists.pop()
        elif tag in _BLOCK_TAGS:
            self._flush()
        if tag == "pre":
            self._pre = max(self._pre - 1, 0)

    def handle_data(self, data):
        if self._skip:
            return
        if not self._pre:
            data = re.sub(r"\s+", " ", data)
        self._text(data.replace("\xa0", " "))

    # Comments (Word's <!--[if gte mso 9]>…<![endif]-->) and declarations are dropped;
    # the content of Word's <![if !supportLists]> … <![endif]> (list numbers) is kept.
    def handle_comment(self, data):
        pass

    def unknown_decl(self, data):
        pass

    def close(self):
        super().close()
        while self._tables:
            self._end_row(self._tables.pop())
        self._flush()

    def _in_cell(self) -> bool:
        return bool(self._tables) and self._tables[-1]["cell"] is not None

    def _text(self, text: str) -> None:
        if self._in_cell():
            self._tables[-1]["cell"].append(text)
        elif self._tables and self._tables[-1]["cells"] is not None:
            if text.strip():  # text between cells: a cell of its own
                self._tables[-1]["cells"].append(_collapse(text))
        else:
            self._line.append(text)

    def _end_row(self, table: dict) -> None:
        cells = table["cells"]
        table["cells"] = None
        if cells is None or not any(cells):
            return
        row = " | ".join(cells)
        if len(self._tables) > 1 and self._tables[-1] is table and self._tables[-2]["cell"] is not None:
            self._tables[-2]["cell"].append(" " + row + " ")  # a table inside a cell: one cell's text
            return
        self.blocks.append(_Block(row, f"table {table['number']}, row {table['row']}", row=True))

    def _flush(self) -> None:
        if self._in_cell():
            self._tables[-1]["cell"].append(" ")
            return
        text = "\n".join(_collapse(line) for line in "".join(self._line).split("\n"))
        self._line = []
        if text.strip():
            self._paragraphs += 1
            self.blocks.append(_Block(text, f"paragraph {self._paragraphs}"))


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _html_charset(data: bytes) -> str | None:
    import codecs

    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return name
    head = data[:4096]
    found = _CHARSET.search(head) or _XML_ENCODING.search(head)
    if not found:
        return None
    try:
        return codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return None


_SINGLE_BYTE = {"cp1258", "cp1252", "latin-1", "iso8859-1"}


def _html_blocks(markup: str) -> list[_Block]:
    parser = _HtmlText()
    parser.feed(markup.lstrip("\ufeff"))
    parser.close()
    return parser.blocks


def _html_decode(data: bytes, charset: str | None) -> tuple[str, str, list[str]]:
    """The page's characters, its encoding name, and a warning when the declared one was wrong."""
    try:
        return data.decode(charset or "utf-8"), charset or "utf-8", []
    except (UnicodeDecodeError, LookupError):
        warnings = [f"the page declares {charset} but is not: read as Windows-1258"] if charset else []
        return data.decode("cp1258", errors="replace"), "cp1258", warnings


def _read_html(path: Path) -> ReadResult:
    data = path.read_bytes()
    what = _sniff(data)
    if what and not what.startswith("an RTF"):
        raise IngestError(path, f"not a web page: this is {what} with a {path.suffix} name")
    markup, encoding, warnings = _html_decode(data, _html_charset(data))
    encoding = {"utf_8": "utf-8", "utf_16": "utf-16", "iso8859-1": "latin-1"}.get(encoding, encoding)
    blocks = _html_blocks(markup)
    if encoding in _SINGLE_BYTE:  # 8-bit bytes may be TCVN3/VNI (a page typed in .VnTime fonts)
        raw = _html_blocks(legacy.bytes_as_chars(data))
        found = legacy.detect("\n".join(b.text for b in raw), rival="\n".join(b.text for b in blocks))
        if found:
            for block in raw:
                block.text = legacy.to_unicode(block.text, found)
            return _assemble(path, "html", raw, encoding=found, warnings=[legacy.legacy_warning(found)])
    if encoding == "cp1258":
        for block in blocks:
            block.text = unicodedata.normalize("NFC", block.text)
        warnings.append("page decoded from Windows-1258 and normalised to NFC; spans index the normalised text")
    encoding = _convert_legacy(blocks, warnings) or encoding
    return _assemble(path, "html", blocks, encoding=encoding, warnings=warnings)


# ---------------------------------------------------------------------------
# PDF and images


def _read_pdf(path: Path) -> ReadResult:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        what = _sniff(head)
        raise IngestError(path, f"not a readable PDF: {'this is ' + what if what else 'it does not start with %PDF-'}")
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [(page.extract_text() or "", bool(page.images)) for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many kinds of error on damaged files
        if exc.args and isinstance(exc.args[0], Exception):  # pdfplumber wraps pdfminer's errors
            exc = exc.args[0]
        if isinstance(exc, PDFPasswordIncorrect):
            raise IngestError(path, "encrypted PDF: it needs a password to open; save an unprotected copy") from None
        if "password" in str(exc).lower() or "encrypt" in exc.__class__.__name__.lower():
            raise IngestError(path, "encrypted PDF: cancu cannot decrypt it; save an unprotected copy") from None
        raise IngestError(path, f"not a readable PDF: the file is damaged ({exc.__class__.__name__})") from None
    if not pages:
        raise IngestError(path, "the PDF has no pages")
    blocks = [_Block(text, f"page {n}") for n, (text, _) in enumerate(pages, start=1)]
    scanned = [i for i, (text, images) in enumerate(pages) if images and len("".join(text.split())) < SCAN_THRESHOLD]
    warnings: list[str] = []
    encoding = _convert_legacy([b for i, b in enumerate(blocks) if i not in scanned], warnings)
    if scanned:
        texts = ocr.read_images((image for _, image in ocr.pdf_page_images(path, scanned)), path)
        for index, text in zip(scanned, texts):
            blocks[index].text = text
        what = "PDF" if len(scanned) == len(pages) else "pages " + ", ".join(str(i + 1) for i in scanned) + " of the PDF"
        warnings.append(OCR_WARNING.format(what=what))
    return _assemble(path, "scan" if scanned else "pdf", blocks, encoding=encoding, warnings=warnings)


def _read_image(path: Path) -> ReadResult:
    frames = list(ocr.image_frames(path))  # a damaged image is refused before OCR is looked for
    blocks = [_Block(text, f"page {n}") for n, text in enumerate(ocr.read_images(frames, path), start=1)]
    return _assemble(path, "scan", blocks, warnings=[OCR_WARNING.format(what="image")])


# ---------------------------------------------------------------------------
# Word (.docx)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Deleted text, field codes, properties and the second (VML) copy of a drawing are not text.
_DOCX_SKIP = {_W + t for t in ("pPr", "rPr", "del", "moveFrom", "delText", "instrText", "fldData", "footnoteRef")}
_DOCX_SKIP.add(_MC_FALLBACK)
_DOCX_CHARS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-", _W + "softHyphen": ""}
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# Bullets that Word draws from symbol fonts (private-use code points) or as symbols.
_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "\uf02d": "-", "o": "o"}


def _w(el, name: str, attr: str = "val") -> str | None:
    child = el.find(_W + name) if el is not None else None
    return None if child is None else child.get(_W + attr)


def _legacy_font(font: str | None) -> tuple[str, bool] | None:
    """('tcvn3', capitals) for an ABC font (".VnTime", ".VnTimeH"), ('vni', False) for "VNI-Times"."""
    if not font:
        return None
    name = font.strip()
    if name.lower().startswith(".vn"):
        return "tcvn3", name.endswith("H")
    if name.upper().startswith(("VNI-", "VNI ")):
        return "vni", False
    return None


class _Styles:
    """Fonts and list numbering that paragraphs and runs inherit from their styles."""

    def __init__(self, element):
        self.by_id = {}
        self.default_font = None
        if element is None:
            return
        for style in element.iter(_W + "style"):
            self.by_id[style.get(_W + "styleId")] = style
        defaults = element.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        self.default_font = _run_font(defaults)

    def _chain(self, style_id):
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = _w(style, "basedOn")

    def font(self, style_id) -> str | None:
        for style in self._chain(style_id):
            font = _run_font(style.find(_W + "rPr"))
            if font:
                return font
        return None

    def numbering(self, style_id) -> tuple[str | None, str | None]:
        for style in self._chain(style_id):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                return _w(num_pr, "numId"), _w(num_pr, "ilvl")
        return None, None


def _run_font(rpr) -> str | None:
    fonts = rpr.find(_W + "rFonts") if rpr is not None else None
    if fonts is None:
        return None
    return fonts.get(_W + "hAnsi") or fonts.get(_W + "ascii")


class _Numbering:
    """Word's automatic list numbers ("1.", "a)", "II."), counted as Word counts them."""

    def __init__(self, element):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if element is None:
            return
        for abstract in element.iter(_W + "abstractNum"):
            levels = {}
            for lvl in abstract.iter(_W + "lvl"):
                start = int(_w(lvl, "start") or 1)
                fmt = "decimal" if lvl.find(_W + "isLgl") is not None else (_w(lvl, "numFmt") or "decimal")
                levels[int(lvl.get(_W + "ilvl", 0))] = (fmt, _w(lvl, "lvlText") or "", start)
            self.levels[abstract.get(_W + "abstractNumId")] = levels
        for num in element.iter(_W + "num"):
            overrides = {}
            for override in num.iter(_W + "lvlOverride"):
                start = _w(override, "startOverride")
                if start is not None:
                    overrides[int(override.get(_W + "ilvl", 0))] = int(start)
            self.nums[num.get(_W + "numId")] = (_w(num, "abstractNumId"), overrides)

    def label(self, num_id: str | None, ilvl: int) -> str:
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.levels.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, [None] * 10)
        if num_id not in self.started:  # a list that restarts (startOverride) begins again
            self.started.add(num_id)
            for level, start in overrides.items():
                counters[level] = start - 1
        counters[ilvl] = levels[ilvl][2] if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = None
        fmt, template, _ = levels[ilvl]
        if fmt == "bullet":
            return _BULLETS.get(template, template if template.isprintable() else "•")
        if fmt == "none":
            return ""

        def number(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            lfmt, _, start = levels.get(level, ("decimal", "", 1))
            value = counters[level] if level < len(counters) and counters[level] is not None else start
            return _format_number(value, fmt if level == ilvl else lfmt)

        return re.sub(r"%([1-9])", number, template)


def _format_number(value: int, fmt: str) -> str:
    """A list number in a Word number format.

    >>> [_format_number(n, f) for n, f in ((3, "lowerLetter"), (4, "upperRoman"), (7, "decimalZero"))]
    ['c', 'IV', '07']
    """
    if fmt in ("lowerLetter", "upperLetter"):
        letters = "abcdefghijklmnopqrstuvwxyz"
        text = letters[(value - 1) % 26] * ((value - 1) // 26 + 1) if value > 0 else str(value)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman"):
        from ingest.segment import roman_text

        text = roman_text(value) if 0 < value < 40 else str(value)
        return text.lower() if fmt == "lowerRoman" else text
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


@dataclass
class _DocxContext:
    styles: _Styles
    numbering: _Numbering
    footnotes: dict[str, int] = field(default_factory=dict)  # footnote id → its number, in order of reference
    legacy: set[str] = field(default_factory=set)
    extra: list[str] = field(default_factory=list)  # text boxes met inside a paragraph


def _paragraph(p, ctx: _DocxContext) -> str:
    """A paragraph's text with its list label, its runs in legacy fonts converted."""
    style = _w(p.find(_W + "pPr"), "pStyle")
    segments: list[list] = []  # [text, legacy font or None]
    _runs(p, ctx, ctx.styles.font(style) or ctx.styles.default_font, segments)
    text = "".join(_convert_segment(text, font, ctx) for text, font in segments)
    num_pr = p.find(f"{_W}pPr/{_W}numPr")
    num_id, ilvl = ctx.styles.numbering(style)
    if num_pr is not None:
        num_id = _w(num_pr, "numId") or num_id
        ilvl = _w(num_pr, "ilvl") or ilvl
    label = ctx.numbering.label(num_id, int(ilvl or 0)) if num_id else ""
    text = text.strip()
    return f"{label} {text}" if label and text else text


def _runs(el, ctx: _DocxContext, font: str | None, out: list[list]) -> None:
    for child in el:
        tag = child.tag
        if tag in _DOCX_SKIP or not isinstance(tag, str):
            continue
        if tag == _W + "r":
            rpr = child.find(_W + "rPr")
            run_font = _run_font(rpr) or ctx.styles.font(_w(rpr, "rStyle")) or font
            _runs(child, ctx, run_font, out)
        elif tag == _W + "t":
            _append(out, child.text or "", font)
        elif tag in _DOCX_CHARS:
            _append(out, _DOCX_CHARS[tag], None)
        elif tag == _W + "sym":
            code = int(child.get(_W + "char", "0"), 16)
            _append(out, chr(code) if 0 < code < 0xF000 else "", None)
        elif tag == _W + "footnoteReference":
            number = ctx.footnotes.setdefault(child.get(_W + "id"), len(ctx.footnotes) + 1)
            _append(out, str(number).translate(_SUPERSCRIPT), None)
        elif tag == _W + "txbxContent":
            ctx.extra.extend(_paragraph(p, ctx) for p in child.iter(_W + "p"))
        else:
            _runs(child, ctx, font, out)


def _append(out: list[list], text: str, font: str | None) -> None:
    family = _legacy_font(font)
    if out and out[-1][1] == family:
        out[-1][0] += text
    else:
        out.append([text, family])


def _convert_segment(text: str, family: tuple[str, bool] | None, ctx: _DocxContext) -> str:
    if family is None:
        return text
    encoding, capitals = family
    ctx.legacy.add(encoding)
    if encoding == "tcvn3":
        return legacy.tcvn3_to_unicode(text, capitals=capitals)
    return legacy.vni_to_unicode(text).upper() if capitals else legacy.vni_to_unicode(text)


def _table_rows(tbl, ctx: _DocxContext) -> list[str]:
    """One line per row, cells joined by " | "; a vertically merged cell is given once."""
    rows = []
    for tr in tbl.iter(_W + "tr"):
        if tr.getparent() is not tbl:
            continue
        cells = []
        for tc in tr.iter(_W + "tc"):
            if tc.getparent() is not tr:
                continue
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None and merge.get(_W + "val", "continue") == "continue":
                cells.append("")
                continue
            cells.append(" ".join(_collapse(t) for t in _cell_texts(tc, ctx) if t.strip()))
        rows.append(" | ".join(cells) if any(cells) else "")
    return rows


def _cell_texts(tc, ctx: _DocxContext) -> list[str]:
    out = []
    for child in tc:
        if child.tag == _W + "p":
            out.append(_paragraph(child, ctx))
        elif child.tag == _W + "tbl":
            out.extend(_table_rows(child, ctx))
        elif child.tag == _W + "sdt":
            out.extend(_cell_texts(child.find(_W + "sdtContent"), ctx) if child.find(_W + "sdtContent") is not None else [])
    return out


def _body_blocks(body, ctx: _DocxContext, counts: dict[str, int]) -> list[_Block]:
    blocks = []
    for child in body:
        if child.tag == _W + "p":
            text = _paragraph(child, ctx)
            if text.strip():
                counts["p"] += 1
                blocks.append(_Block(text, f"paragraph {counts['p']}"))
            for boxed in ctx.extra:
                counts["p"] += 1
                blocks.append(_Block(boxed, f"paragraph {counts['p']} (text box)"))
            ctx.extra.clear()
        elif child.tag == _W + "tbl":
            counts["t"] += 1
            table = counts["t"]
            blocks.extend(_Block(row, f"table {table}, row {n}", row=True) for n, row in enumerate(_table_rows(child, ctx), 1))
        elif child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent")
            blocks.extend(_body_blocks(content if content is not None else child, ctx, counts))
    return blocks


def _footnote_blocks(document, ctx: _DocxContext) -> list[_Block]:
    if not ctx.footnotes:
        return []
    from lxml import etree

    part = next((r.target_part for r in document.part.rels.values()
                 if r.reltype.endswith("/footnotes") and not r.is_external), None)
    if part is None:
        return []
    root = etree.fromstring(part.blob)
    notes = {n.get(_W + "id"): n for n in root.iter(_W + "footnote")}
    blocks = []
    for note_id, number in sorted(ctx.footnotes.items(), key=lambda item: item[1]):
        note = notes.get(note_id)
        if note is None:
            continue
        text = " ".join(t for t in (_paragraph(p, ctx) for p in note.iter(_W + "p")) if t.strip())
        blocks.append(_Block(f"{str(number).translate(_SUPERSCRIPT)} {text}", f"footnote {number}"))
    return blocks


def _open_docx(path: Path):
    import docx  # python-docx

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        with path.open("rb") as f:
            what = _sniff(f.read(8))
        raise IngestError(path, f"not a readable Word (.docx) file: {'this is ' + what if what else 'not a zip archive'}") from None
    if "word/document.xml" not in names:
        raise IngestError(path, "not a readable Word (.docx) file: damaged, the archive has no word/document.xml")
    try:
        return docx.Document(str(path))
    except Exception as exc:  # python-docx and lxml raise many kinds of error on damaged parts
        raise IngestError(path, f"not a readable Word (.docx) file: damaged ({exc.__class__.__name__})") from None


def _read_docx(path: Path) -> ReadResult:
    document = _open_docx(path)
    part = document.part
    try:
        numbering = part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering = None
    ctx = _DocxContext(_Styles(part.styles.element if part.styles is not None else None), _Numbering(numbering))
    blocks = _body_blocks(document.element.body, ctx, {"p": 0, "t": 0})
    blocks += _footnote_blocks(document, ctx)
    warnings = [legacy.legacy_warning(enc) + " (runs in legacy fonts)" for enc in sorted(ctx.legacy)]
    encoding = ("+".join(sorted(ctx.legacy)) if ctx.legacy else None) or _convert_legacy(blocks, warnings)
    return _assemble(path, "docx", blocks, encoding=encoding, warnings=warnings)


_READERS = {
    **{suffix: _read_plain for suffix in TEXT_SUFFIXES},
    **{suffix: _read_html for suffix in HTML_SUFFIXES},
    **{suffix: _read_image for suffix in IMAGE_SUFFIXES},
    ".docx": _read_docx,
    ".pdf": _read_pdf,
}
