"""Web pages (.html, .htm), including Word's "Save as Web Page" output.

Block elements become paragraphs, table rows become " | "-joined lines, list
items get their number ("1. ") or a dash; scripts, styles and the <head> are
dropped. The charset comes from a byte-order mark or a <meta> declaration; an
8-bit page may hold TCVN3/VNI text typed in .VnTime fonts, which is converted.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from ingest import legacy
from ingest.errors import IngestError
from ingest.readers import limits
from ingest.readers.base import Block, ReadResult, assemble, collapse, convert_legacy, sniff, utf8_repaired

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
        self.blocks: list[Block] = []
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
            table["cells"].append(collapse("".join(table["cell"])))
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
                self._tables[-1]["cells"].append(collapse(text))
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
        self.blocks.append(Block(row, f"table {table['number']}, row {table['row']}", row=True))

    def _flush(self) -> None:
        if self._in_cell():
            self._tables[-1]["cell"].append(" ")
            return
        text = "\n".join(collapse(line) for line in "".join(self._line).split("\n"))
        self._line = []
        if text.strip():
            self._paragraphs += 1
            self.blocks.append(Block(text, f"paragraph {self._paragraphs}"))


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


def _html_blocks(markup: str) -> list[Block]:
    parser = _HtmlText()
    parser.feed(markup.lstrip("\ufeff"))
    parser.close()
    return parser.blocks


def _html_decode(data: bytes, charset: str | None) -> tuple[str, str, list[str]]:
    """The page's characters, its encoding name, and a warning when the declared one was wrong."""
    try:
        return data.decode(charset or "utf-8"), charset or "utf-8", []
    except (UnicodeDecodeError, LookupError):
        repaired = utf8_repaired(data) if charset in (None, "utf-8") else None
        if repaired:  # a few damaged bytes in a UTF-8 page
            return repaired[0], "utf-8", [repaired[1]]
        warnings = [f"the page declares {charset} but is not: read as Windows-1258"] if charset else []
        return data.decode("cp1258", errors="replace"), "cp1258", warnings


def read_html(path: Path) -> ReadResult:
    """A web page as paragraphs and table rows, in the encoding it declares (or the one it is in)."""
    data = limits.file_bytes(path)
    what = sniff(data)
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
            return assemble(path, "html", raw, encoding=found, warnings=[legacy.legacy_warning(found)])
    if encoding == "cp1258":
        for block in blocks:
            block.text = unicodedata.normalize("NFC", block.text)
        warnings.append("page decoded from Windows-1258 and normalised to NFC; spans index the normalised text")
    encoding = convert_legacy(blocks, warnings) or encoding
    return assemble(path, "html", blocks, encoding=encoding, warnings=warnings)
