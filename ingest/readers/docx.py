"""Word documents (.docx): what a reader of the printed page sees, in order.

Body paragraphs carry the list number Word draws for them ("II.", "1.", "a)"),
counted as Word counts them; tables give one " | "-joined line per row (a
vertically merged cell once); footnote marks become superscript digits and
the notes follow the body. Page headers and footers, deleted text and field
codes are left out. Runs in the legacy .VnTime/VNI fonts are converted to
Unicode.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ingest import legacy
from ingest.errors import IngestError
from ingest.readers import limits
from ingest.readers.base import Block, ReadResult, assemble, collapse, convert_legacy, sniff

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
            cells.append(" ".join(collapse(t) for t in _cell_texts(tc, ctx) if t.strip()))
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


def _body_blocks(body, ctx: _DocxContext, counts: dict[str, int]) -> list[Block]:
    blocks = []
    for child in body:
        if child.tag == _W + "p":
            text = _paragraph(child, ctx)
            if text.strip():
                counts["p"] += 1
                blocks.append(Block(text, f"paragraph {counts['p']}"))
            for boxed in ctx.extra:
                counts["p"] += 1
                blocks.append(Block(boxed, f"paragraph {counts['p']} (text box)"))
            ctx.extra.clear()
        elif child.tag == _W + "tbl":
            counts["t"] += 1
            table = counts["t"]
            blocks.extend(Block(row, f"table {table}, row {n}", row=True) for n, row in enumerate(_table_rows(child, ctx), 1))
        elif child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent")
            blocks.extend(_body_blocks(content if content is not None else child, ctx, counts))
    return blocks


def _footnote_blocks(document, ctx: _DocxContext) -> list[Block]:
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
        blocks.append(Block(f"{str(number).translate(_SUPERSCRIPT)} {text}", f"footnote {number}"))
    return blocks


def _open_docx(path: Path):
    import docx  # python-docx

    data = limits.file_bytes(path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                _refuse_bomb(path, data, archive)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        if isinstance(exc, zipfile.BadZipFile) and not data.startswith(b"PK"):
            what = sniff(data[:8])
            raise IngestError(path, f"not a readable Word (.docx) file: {'this is ' + what if what else 'not a zip archive'}") from None
        raise IngestError(path, f"not a readable Word (.docx) file: damaged ({exc})") from None
    if "word/document.xml" not in names:
        raise IngestError(path, "not a readable Word (.docx) file: damaged, the archive has no word/document.xml")
    try:
        return docx.Document(io.BytesIO(data))  # the bytes measured, not the file again
    except Exception as exc:  # python-docx and lxml raise many kinds of error on damaged parts
        raise IngestError(path, f"not a readable Word (.docx) file: damaged ({exc.__class__.__name__})") from None


def _refuse_bomb(path: Path, data: bytes, archive: zipfile.ZipFile) -> None:
    """Refuse an archive that unpacks to more than a document can hold: first by the sizes
    it declares, then by what its parts really unpack to (declared sizes can lie), each
    part read through a stream that stops at its limit."""
    limits.refuse_over(path, data.count(b"PK\x01\x02"), limits.MAX_PARTS,  # counted before zipfile lists them all
                       f"not a Word document: the archive holds more than {limits.MAX_PARTS:,} parts")
    infos = archive.infolist()
    for info in infos:
        _refuse_part(path, info.filename, info.file_size, info.compress_size)
    _refuse_total(path, sum(info.file_size for info in infos))
    total = 0
    for info in infos:
        with archive.open(info) as member:
            size, elements = unpacked(member, min(limits.MAX_PART_BYTES, limits.MAX_UNPACKED_BYTES - total))
        _refuse_part(path, info.filename, size, info.compress_size)
        total += size
        _refuse_total(path, total)
        if info.filename.lower().endswith((".xml", ".rels")):
            limits.refuse_over(path, elements, limits.MAX_XML_ELEMENTS, f"too large to read: its part {info.filename} "
                               f"holds more than {limits.MAX_XML_ELEMENTS:,} XML elements")


def _refuse_part(path: Path, name: str, size: int, packed: int) -> None:
    limits.refuse_over(path, size, limits.MAX_PART_BYTES, f"too large to read: its part {name} unpacks to more than "
                       f"{limits.mib(limits.MAX_PART_BYTES)} (a zip bomb, or no single document)")
    if size > limits.RATIO_FROM:
        limits.refuse_over(path, size, limits.MAX_RATIO * max(packed, 1), f"too large to read: its part {name} unpacks "
                           f"to {limits.mib(size)} from {limits.mib(packed)}, more than {limits.MAX_RATIO} times "
                           "its packed size (a zip bomb)")


def _refuse_total(path: Path, total: int) -> None:
    limits.refuse_over(path, total, limits.MAX_UNPACKED_BYTES, "too large to read: its parts unpack to more than "
                       f"{limits.mib(limits.MAX_UNPACKED_BYTES)} (a zip bomb, or no single document)")


def unpacked(member, cap: int) -> tuple[int, int]:
    """(bytes, XML elements) a part unpacks to, reading at most cap + 1 bytes of it.

    Elements are counted as tags opened ("<" that does not start "</"), which is what
    the parse will build.
    """
    size = elements = 0
    while size <= cap:
        piece = member.read(min(limits.CHUNK, cap + 1 - size))
        if not piece:
            break
        size += len(piece)
        elements += piece.count(b"<") - piece.count(b"</")
    return size, elements


def read_docx(path: Path) -> ReadResult:
    """A Word document's body paragraphs (with list numbers), table rows and footnotes."""
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
    encoding = ("+".join(sorted(ctx.legacy)) if ctx.legacy else None) or convert_legacy(blocks, warnings)
    return assemble(path, "docx", blocks, encoding=encoding, warnings=warnings)
