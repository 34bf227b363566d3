"""The document's identity: number, type, issuer, place, date, title, signer.

Every office prints the same header, whatever its level: the issuing body in capitals on the
left ("ỦY BAN NHÂN DÂN / TỈNH BẮC NINH", "BỘ TÀI CHÍNH / CỤC THUẾ", "THỦ TƯỚNG CHÍNH PHỦ"), the
national motto on the right, the number under the body ("Số: 141/KH-UBND", and under it a
letter's subject "V/v …"), the place and date under the motto, then the type word ("KẾ HOẠCH")
over the title. Word and the crawls of legal-text sites keep the two columns as table cells, in
any order and sometimes glued ("CHÍNH PHỦ------- | CỘNG HÒA …"); a site may print its own
summary above the document. So the header is read around the motto, cell by cell, and the
site's metadata ("Số hiệu", "Cơ quan ban hành", "Ngày ban hành", "Người ký") is the fallback
when the document does not say. The signature block ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH /
PHÓ CHỦ TỊCH / name") gives the signer.

>>> h = read_header("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\nPHƯỜNG NGỌC HÀ | Độc lập - Tự do - Hạnh phúc\\n"
...                 "Số: 15/KH-UBND | Ngọc Hà, ngày 05 tháng 3 năm 2025\\nKẾ HOẠCH\\nTuyên truyền cải cách hành chính năm 2025\\n", [])
>>> h.info.number, h.info.issuer, h.info.date, h.info.doc_type, h.info.title
('15/KH-UBND', 'UBND phường Ngọc Hà', '2025-03-05', 'Kế hoạch', 'Tuyên truyền cải cách hành chính năm 2025')
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ingest import cues, doctypes
from ingest.dates import find_dates, parse_date
from ingest.fold import Folded, cue_regex, fold, fold_aligned, tolerant
from ingest.issuers import (
    CAPITALISED_UNITS,
    UNIT_KINDS,
    IssuerContext,
    canonical_issuer,
    central_bodies,
    header_issuer,
    issuer_covering,
    level_of_issuer,
    sub_body,
)
from ingest.model import DocumentInfo
from ingest.numbers import FOLDED_NUMBER, DocumentNumber
from ingest.segment import Paragraph

_TITLE_MAX_WORDS = 60
# How far past the motto the header may run (a long title and a decision's authority line fit).
_HEAD_CHARS = 3500
# A site's summary above the document is short; the motto is looked for this far.
_MOTTO_WITHIN = 30000
# Lines above the motto that may still belong to the header (the body in capitals, the number).
_LINES_ABOVE_MOTTO = 8

_PLACE_DATE = re.compile(
    r"(?P<place>[^\n,|]{2,40}?)\s*,?\s*" + tolerant("ngay") + r"\s*(?P<d>\d{0,2})\s*"
    + tolerant("thang") + r"\s*(?P<m>\d{0,2})\s*n\S{1,2}m\s*(?P<y>\d{4})"
)
_ENGLISH_DATE = re.compile(
    r"(?P<place>[^\n,|]{2,40}?)\s*,\s*(?P<month>" + "|".join(cues.ENGLISH_MONTHS) + r")\s+(?P<d>\d{1,2})\s*,\s*(?P<y>\d{4})"
)
_NUMBER_AT = re.compile(
    r"(?:" + "|".join(tolerant(c) for c in cues.NUMBER_LABELS) + r")\b\s*\.?\s*[:;.]?\s*(?P<number>" + FOLDED_NUMBER + ")",
    re.X,
)
# "Số: /KH-UBND", "Số:      /QĐ-UBND": the number was left blank.
_BLANK_NUMBER = re.compile(r"(?:" + "|".join(tolerant(c) for c in cues.NUMBER_LABELS) + r")\s*[:;.]?[\s._…]*/")
# Table edges and the rules under the body and the motto: not text, they separate cells.
_EDGE = re.compile(r"\|+|[-_=~*]{3,}|^\s*\*\s*$")
# Where one cell ends and the next begins when a crawl glued them on one line.
_CELL_START = re.compile(
    r"(?<=\S)\s*(?=(?:" + "|".join(tolerant(c) for c in cues.NUMBER_LABELS) + r")\s*[:.]\s*[\d/])"
    r"|(?<=\S)\s+(?=" + "|".join(re.escape(c) for c in cues.SUBJECT_LINE_CUES) + r"\b)"
)
_SECTION_START = re.compile(r"(?:[ivxl]{1,5}|\d{1,2})\s*[.)]\s|(?:dieu|chuong)\s+[\divxl]+\b")
_SENTENCE_END = re.compile(r"[.:;]\s*$")
# Lines of a signature block are short; longer ones (the body) are not looked at.
_SIGNATURE_LINE_MAX = 90


# A header read alone names its own body, possibly by a unit of the 2025 reform.
_ALONE = IssuerContext(reform_units=True)


@dataclass(frozen=True)
class Header:
    """What the header tells, and where the preamble sits."""

    info: DocumentInfo
    context: IssuerContext
    preamble: tuple[int, int]  # source span of the "Thực hiện …"/"Căn cứ …" sentences
    body_start: int


@dataclass(frozen=True)
class HeadLine:
    """One line or table cell of the header: its text as printed and its span in the text.

    A rule ("-------") or a table edge between cells is kept as an empty HeadLine: it ends a title.
    """

    text: str
    start: int
    end: int

    @cached_property
    def folded(self) -> str:
        return " ".join(fold(self.text).split())

    @cached_property
    def caps(self) -> bool:
        return _is_caps(self.text)

    @property
    def rule(self) -> bool:
        return not self.text


def _is_caps(text: str) -> bool:
    """Letters, all in capitals ("PHÓ CHỦ TỊCH", "2026 - 2030, TẦM NHÌN")."""
    return text == text.upper() and text != text.lower()


@dataclass(frozen=True)
class _Heading:
    """The type word over the title, and the title printed on the same line, if any."""

    doc_type: doctypes.DocType
    index: int  # of its HeadLine
    rest: str


def read_header(text: str, paragraphs: list[Paragraph], metadata: dict[str, str] | None = None) -> Header:
    """Identity of the document and the span of its preamble; `metadata` is what a site's
    metadata block said (the fallback when the header does not)."""
    meta = {**_metadata(paragraphs), **(metadata or {})}
    lines = head_lines(text, _header_start(text))
    agency = _agency_lines(lines)
    heading = _heading(lines, len(agency))
    identity = lines[: heading.index] if heading else _identity_part(lines)
    number = _number(identity, meta)
    place, date = _place_and_date(identity)
    date = date or _metadata_date(meta) or _adoption_date(text)
    place_context = _context_of_place(place)
    title_lines, authority = _title_lines(lines, heading, place_context)
    subject = _subject_line(identity)
    doc_type = _doc_type(heading, subject, number, meta)
    title = _title(title_lines) or (_subject_title(subject) if subject else None)
    title_end = title_lines[-1].end if title_lines else (lines[heading.index].end if heading else 0)
    preamble = _preamble(paragraphs, max(title_end, identity[0].start if identity else 0))
    issuer = (
        header_issuer([line.text for line in agency])
        or (_authority_issuer(authority.text, place_context) if authority else None)
        or _preamble_issuer(text, paragraphs, preamble, place_context)
        or (number.default_issuer if number else None)
        or (doctypes.by_name(doc_type).issuer if doc_type and doctypes.by_name(doc_type) else None)
        or _metadata_issuer(meta, number)
    )
    context = IssuerContext.of(issuer, number=number.text if number else None)
    signer, signer_title = _signature(text, preamble[1] or title_end)
    info = DocumentInfo(
        number=number.text if number else None,
        doc_type=doc_type,
        issuer=issuer,
        issuer_level=level_of_issuer(issuer) if issuer else None,
        place=_place_name(place, context),
        date=date,
        year_in_scope=_year_in_scope(None if doc_type in cues.SCOPE_FROM_ISSUE_TYPES else title, date,
                                     number.year if number else None, text, preamble),
        title=title,
        signer=signer or meta.get("signer") or _signer_in_last_lines(paragraphs),
        signer_title=signer_title,
    )
    # Without a preamble (a directive opens with its reasons), the body starts under the title.
    identity_end = identity[-1].end if identity else 0
    body_start = preamble[1] or title_end or identity_end
    return Header(info, context, preamble, body_start)


def _metadata(paragraphs: list[Paragraph]) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in paragraphs[:25]:
        for line in p.text.splitlines():
            folded = fold(line).strip()
            for key, name in cues.METADATA_FIELDS.items():
                if name and folded.startswith(key + " ") and name not in out:
                    out[name] = line.strip()[len(key):].strip(" :")
    return out


# ------------------------------------------------------------------ the header's lines


@lru_cache(maxsize=1)
def _motto_patterns() -> tuple[tuple[re.Pattern[str], bool], ...]:
    return tuple((re.compile(rx), caps) for rx, caps in cues.MOTTO_CUES)


def _mottos(text: str, folded: str) -> list[tuple[int, int]]:
    """Spans of the mottos in a text and its aligned folded view (those printed as a motto)."""
    out = []
    for pattern, caps in _motto_patterns():
        for m in pattern.finditer(folded):
            printed = text[m.start():m.end()]
            if not caps or not any(c.islower() for c in printed):
                out.append((m.start(), m.end()))
    return sorted(out)


def _header_start(text: str) -> int:
    """Where the header begins: the body's lines above the first motto, else the text's start.

    What a site prints above the document (its summary of it) is left out.
    """
    window, mottos = "", []
    for reach in (_MOTTO_WITHIN // 8, _MOTTO_WITHIN):  # the motto is near the top, save after a long summary
        window = text[:reach]
        mottos = _mottos(window, fold_aligned(window))
        if mottos or reach >= len(text):
            break
    if not mottos:
        return 0
    start = window.rfind("\n", 0, mottos[0][0]) + 1
    taken = 0
    while start > 0 and taken < _LINES_ABOVE_MOTTO:
        above = window.rfind("\n", 0, start - 1) + 1
        line = window[above:start - 1]
        cells = [c for c in _EDGE.split(line) if c.strip()]
        if cells and not all(_is_caps(c.strip()) or _NUMBER_AT.match(fold(c.strip())) for c in cells):
            break
        start, taken = above, taken + bool(cells)
    return start


def head_lines(text: str, start: int = 0, end: int | None = None) -> list[HeadLine]:
    """The header's lines and table cells from `start` on, rules and table edges as empty lines.

    >>> [x.text for x in head_lines("CHÍNH PHỦ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc\\nSố: 5/KH-UBND V/v họp")]
    ['CHÍNH PHỦ', '', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 5/KH-UBND', 'V/v họp']
    """
    end = min(len(text), start + _HEAD_CHARS) if end is None else end
    window = text[start:end]
    folded = fold_aligned(window)
    cuts = _glued_cells(window, folded)
    out: list[HeadLine] = []
    pos = 0
    for raw in window.split("\n"):
        at = 0
        for m in _EDGE.finditer(raw):
            out.extend(_cell_lines(window, pos + at, pos + m.start(), cuts, start))
            out.append(HeadLine("", start + pos + m.start(), start + pos + m.start()))
            at = m.end()
        out.extend(_cell_lines(window, pos + at, pos + len(raw), cuts, start))
        pos += len(raw) + 1
    return out


def _glued_cells(window: str, folded: str) -> list[int]:
    """Where one cell begins inside a line that a crawl glued it to: at a motto, a number
    ("Số:"), a subject ("V/v"), a place and date."""
    cuts = {m for a, b in _mottos(window, folded) for m in (a, b)}
    cuts.update(m.end() for m in _CELL_START.finditer(folded))
    cuts.update(_date_line_starts(window, folded))
    return sorted(cuts)


def _cell_lines(window: str, a: int, b: int, cuts: list[int], offset: int) -> list[HeadLine]:
    """The HeadLines of the cell window[a:b], cut where another cell was glued to it."""
    inner = [c for c in cuts[bisect_right(cuts, a):bisect_left(cuts, b)]]
    out = []
    for x, y in zip([a, *inner], [*inner, b]):
        chunk = window[x:y]
        stripped = chunk.strip(" *\t")
        if stripped:
            lead = len(chunk) - len(chunk.lstrip(" *\t"))
            out.append(HeadLine(stripped, offset + x + lead, offset + x + lead + len(stripped)))
    return out


# The second words of kind words ("Thành phố", "Thị xã"), lower case inside a place's name.
_KIND_TAILS = frozenset(k.split()[-1] for k, _, _ in UNIT_KINDS if " " in k)
_DATE_AFTER_PLACE = re.compile(r"\s*,\s*" + tolerant("ngay") + r"\s*\d{0,2}\s*" + tolerant("thang"))


def _date_line_starts(piece: str, folded: str) -> list[int]:
    """Where a place-and-date line begins inside a line it was joined to ("V/v tháo gỡ khó khăn
    Hà Nội, ngày 18 tháng 11 …"): before the capitalised words of the place."""
    out = []
    for m in _DATE_AFTER_PLACE.finditer(folded):
        line_start = piece.rfind("\n", 0, m.start()) + 1
        words = list(re.finditer(r"\S+", piece[line_start:m.start()]))
        place = [w for w in reversed(words[-6:]) if w.group()[:1].isdigit() or fold(w.group()) in _KIND_TAILS
                 or w.group()[:1].isupper() and not w.group().isupper()]  # "Thành phố Hồ Chí Minh", not a title in capitals
        k = 0
        while k < len(place) and place[k] is words[len(words) - 1 - k]:
            k += 1
        if 0 < k < len(words):
            out.append(line_start + words[len(words) - k].start())
    return out


def _is_motto(line: HeadLine) -> bool:
    return bool(line.text) and bool(_mottos(line.text, fold_aligned(line.text)))


def _agency_lines(lines: list[HeadLine]) -> list[HeadLine]:
    """The issuing body in capitals: the lines at the top, up to the number. The motto may be
    printed beside them line by line (a table read row by row), so it is passed over."""
    out = []
    for line in lines:
        if line.rule or _is_motto(line):
            continue
        if _NUMBER_AT.match(line.folded) or _BLANK_NUMBER.match(line.folded) or not line.caps:
            break
        if doctypes.heading_at(line.text):
            break
        out.append(line)
    return out[:5]


def _identity_part(lines: list[HeadLine]) -> list[HeadLine]:
    """A header with no type word (a letter): the lines up to its addressee, its text or preamble."""
    preamble = cue_regex(cues.PREAMBLE_CUES, at_start=True)
    addressee = cue_regex(cues.ADDRESSEE_CUES, at_start=True)
    out = []
    for line in lines:
        if line.text and (preamble.match(line.folded) or addressee.match(line.folded) or _is_prose(line)):
            break
        out.append(line)
    return out


def _is_prose(line: HeadLine) -> bool:
    """A sentence of the body, not a line of the header (a number, a subject, a date)."""
    if len(line.text.split()) <= 12 or line.caps or _NUMBER_AT.match(line.folded):
        return False
    return not _is_subject(line) and not _PLACE_DATE.search(line.folded)


def _is_subject(line: HeadLine) -> bool:
    return any(line.folded.startswith(cue) for cue in cues.SUBJECT_LINE_CUES)


# ------------------------------------------------------------------ number, place, date


def _number(lines: list[HeadLine], meta: dict[str, str]) -> DocumentNumber | None:
    """The document's own number; None when it was left blank ("Số: /KH-UBND") and the site
    does not know it either."""
    for i, line in enumerate(lines):
        m = _NUMBER_AT.match(line.folded)
        if not m:
            continue
        printed = _printed_number(line, lines[i + 1] if i + 1 < len(lines) else None)
        try:
            return DocumentNumber.parse(printed)
        except ValueError:
            continue
    if "number" in meta:
        try:
            return DocumentNumber.parse(meta["number"])
        except ValueError:
            return None
    return None


def _after_number(line: HeadLine) -> str:
    """What a number's line prints after the number, if it is one."""
    if not _NUMBER_AT.match(line.folded):
        return ""
    printed = _printed_number(line, None)
    return line.text[line.text.find(printed) + len(printed):].strip()


def _printed_number(line: HeadLine, following: HeadLine | None) -> str:
    """The number as printed on its line, with the code a crawl carried over to the next line
    ("Số: 3783/QĐ-" / "UBND")."""
    folded = Folded.of(line.text)
    m = _NUMBER_AT.match(folded.text)
    start, end = folded.span(m.start("number"), m.end("number"))
    printed = line.text[start:end]
    tail = line.text[end:].strip()
    if tail in ("-", "/") and following is not None and re.fullmatch(r"[^\W_]+", following.text):
        printed += tail + following.text
    return printed


def _place_and_date(lines: list[HeadLine]) -> tuple[str | None, str | None]:
    """ "Mỗ Lao, ngày 28 tháng 02 năm 2025": the place and the ISO date (None if left blank),
    on one line, else over two ("Hà Nội, ngày 20" / "tháng 11 năm 2025")."""
    texts = [line.text for line in lines if line.text]
    for text in (*texts, *(f"{a} {b}" for a, b in zip(texts, texts[1:]))):
        found = _place_date_in(text)
        if found:
            return found
    return None, None


def _place_date_in(text: str) -> tuple[str | None, str | None] | None:
    folded = fold_aligned(text)
    m = _PLACE_DATE.search(folded)
    if m:
        date = parse_date(f"{m['d']}/{m['m']}/{m['y']}") if m["d"] and m["m"] else None
        return _clean_place(text[m.start("place"):m.end("place")]), date
    m = _ENGLISH_DATE.search(folded)
    if m:
        month = cues.ENGLISH_MONTHS.index(m["month"]) + 1
        return _clean_place(text[m.start("place"):m.end("place")]), parse_date(f"{m['d']}/{month}/{m['y']}")
    return None


def _clean_place(place: str) -> str | None:
    # "Số: 41 /KH-UBND Mỗ Lao, ngày …" in a scan: the place follows the number.
    place = re.sub(r"^.*?/\S+\s+", "", place.strip())
    place = place.strip(" *_-–:;.()")
    return place or None


def _metadata_date(meta: dict[str, str]) -> str | None:
    return parse_date(meta["date"]) if meta.get("date") else None


def _adoption_date(text: str) -> str | None:
    """The date a resolution was adopted, from its closing formula ("… thông qua ngày 16 tháng 6 năm 2025")."""
    folded = fold_aligned(text)
    for cue in cues.ADOPTION_DATE_CUES:
        at = folded.rfind(cue)
        if at >= 0:
            dates = find_dates(text[at:at + len(cue) + 40])
            if dates:
                return dates[0][2]
    return None


def _context_of_place(place: str | None) -> IssuerContext:
    """A context at the place the date line names, so that "ỦY BAN NHÂN DÂN TỈNH" reads whole."""
    if not place:
        return _ALONE
    from ingest import gazetteer

    hits = gazetteer.lookup(place)
    return IssuerContext(None, hits[0], reform_units=True) if hits else _ALONE


# ------------------------------------------------------------------ type and title


def _heading(lines: list[HeadLine], agency: int) -> _Heading | None:
    """The type word over the title ("KẾ HOẠCH", "QUYẾT ĐỊNH VỀ VIỆC …", "NGHỊ ĐỊNHQuy định …"),
    below the `agency` lines of the issuing body."""
    seen_text = 0
    for i, line in enumerate(lines):
        if not line.text:
            continue
        seen_text += 1
        if seen_text <= agency:
            continue
        found = doctypes.heading_at(line.text)
        if found:
            doc_type, end = found
            return _Heading(doc_type, i, line.text[end:].strip())
        if _is_prose(line) or cue_regex(cues.PREAMBLE_CUES, at_start=True).match(line.folded):
            return None
    return None


def _subject_line(lines: list[HeadLine]) -> str | None:
    """A letter's subject, "V/v …", with the lines it runs on to; or what follows its number on
    the number's line ("Số: 5155/SGDĐT-GDTXNNĐH Về hướng dẫn …")."""
    for i, line in enumerate(lines):
        tail = _after_number(line)
        if tail and fold(tail).startswith("ve "):
            return f"{cues.SUBJECT_LINE_CUES[0]} {tail[3:].strip()}"
        if _is_subject(line):
            parts = [line.text]
            for following in lines[i + 1:]:
                bare = len(parts) == 1 and not fold(line.text).strip(" :").replace("v/v", "")
                if not following.text or not (following.text[:1].islower() or bare):
                    break
                parts.append(following.text)  # "V/v:" / "Chính sách thuế TNCN"
            return " ".join(parts)
    return None


def _doc_type(heading: _Heading | None, subject: str | None, number: DocumentNumber | None, meta: dict[str, str]) -> str | None:
    """The type word printed over the title; a letter's ("V/v …" and no type word) is a Công
    văn; else the number's type code; else the site's metadata. A consolidated text (VBHN)
    prints the type of the act it consolidates, so its number's code decides."""
    coded = number.doc_type if number else None
    if coded and coded.name == "Văn bản hợp nhất":
        return coded.name
    if heading:
        return heading.doc_type.name
    if subject:
        return "Công văn"
    if coded:
        return coded.name
    if meta.get("doc_type"):
        t = doctypes.by_word(meta["doc_type"])
        return t.name if t else None
    return None


def _title_lines(lines: list[HeadLine], heading: _Heading | None, context: IssuerContext) -> tuple[list[HeadLine], HeadLine | None]:
    """The title's lines under the type word, and the authority line that ends them, if any
    ("ỦY BAN NHÂN DÂN TỈNH BẮC NINH", "BỘ TRƯỞNG BỘ KHOA HỌC VÀ CÔNG NGHỆ" over a decision's
    preamble). The title ends at a rule, a preamble, a section, a sentence, the authority line."""
    if heading is None:
        return [], None
    out: list[HeadLine] = []
    first = lines[heading.index]
    if heading.rest:
        rest_start = first.text.index(heading.rest) + first.start
        rest = _caps_run(heading.rest)
        cut = _authority_inside(rest, context)
        if cut is not None:
            return [HeadLine(rest[:cut].strip(), rest_start, rest_start + cut)], \
                HeadLine(rest[cut:], rest_start + cut, rest_start + len(rest))
        out.append(HeadLine(rest, rest_start, rest_start + len(rest)))
        if len(rest) < len(heading.rest):  # the text goes on, glued, on the heading's line
            return out, None
    preamble = cue_regex(cues.PREAMBLE_CUES, at_start=True)
    addressee = cue_regex(cues.ADDRESSEE_CUES, at_start=True)
    following = lines[heading.index + 1:]
    for line in following:
        if line.rule:
            if out:
                break
            continue
        if _authority(line, out, context):
            return out, line
        if addressee.match(line.folded) or _SECTION_START.match(line.folded) or len(line.text.split()) > _TITLE_MAX_WORDS:
            break
        # Right under the type word, "Thực hiện Nghị quyết số …" / "Triển khai công tác …" is the
        # title (a plan named after what it carries out) unless it ends like a preamble ("… như sau:").
        caps_goes_on = out and out[-1].caps and line.caps  # "VỀ" / "THỰC HIỆN CHẾ ĐỘ …"
        if preamble.match(line.folded) and not caps_goes_on and (out or _SENTENCE_END.search(line.text)):
            break
        if out and not _continues_title(out[-1], line):
            break
        if line.caps and out:
            cut = _authority_inside(line.text, context)
            if cut is not None:
                out.append(HeadLine(line.text[:cut].strip(), line.start, line.start + cut))
                return out, HeadLine(line.text[cut:], line.start + cut, line.end)
        out.append(line)
    return out, None


def _caps_run(text: str) -> str:
    """A title in capitals up to where a crawl glued the text that follows it ("… ĐIỆN BIÊN
    Trong các ngày 08 và 09 …"); the whole text if it is not in capitals."""
    if not _is_caps(" ".join(text.split()[:3])):
        return text
    words = text.split(" ")
    lower = next((i for i, w in enumerate(words) if any(c.islower() for c in w)), None)
    return " ".join(words[:lower]).rstrip() if lower else text


def _continues_title(last: HeadLine, line: HeadLine) -> bool:
    if _SENTENCE_END.search(last.text) and not last.text.rstrip().endswith("”"):
        return False
    if not any(c.isalpha() for c in line.text):  # "2026 - 2030"
        return True
    if last.caps:
        return line.caps
    return line.text[:1].islower() and not line.caps


def _authority(line: HeadLine, title: list[HeadLine], context: IssuerContext) -> bool:
    """Whether a line is the authority a decision is issued in ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …")."""
    if not line.caps or (title and title[-1].folded.rsplit(" ", 1)[-1] in cues.TITLE_GOES_ON_AFTER):
        return False
    if not _authority_opening().match(line.folded) and not _central_opening().match(line.folded):
        return False
    return _authority_issuer(line.text, context) is not None


def _authority_issuer(text: str, context: IssuerContext) -> str | None:
    """The body an authority line names: "BỘ TRƯỞNG BỘ TƯ PHÁP" → "Bộ Tư pháp"; "CHỦ TỊCH ỦY
    BAN NHÂN DÂN TỈNH X" → "UBND tỉnh X" (an act under a QĐ-UBND number is the committee's)."""
    folded = " ".join(fold(text).split())
    for cue, _ in cues.SIGNER_TITLES:
        if folded.startswith(cue + " ") and not folded.startswith("thu tuong chinh phu"):
            text = " ".join(text.split())[len(cue):].strip()
            if cue.endswith(" ban") and not fold(text).startswith("ban "):
                text = f"BAN {text}"  # "TRƯỞNG BAN CHỈ ĐẠO …" heads the Ban Chỉ đạo
            break
    found = _covering(text, context, bodies_only=True)
    if found or not _is_caps(text):
        return found
    return sub_body(text)  # "CỤC TRƯỞNG CỤC THUẾ"


def _covering(text: str, context: IssuerContext, **how: bool) -> str | None:
    """`issuer_covering` read alone first, then at the place of the date line: a body that
    names its unit keeps the name it prints ("huyện Nam Đông", since merged); "UBND tỉnh"
    takes the province's."""
    return issuer_covering(text, _ALONE, **how) or (
        issuer_covering(text, context, **how) if context.place is not None else None)


def _authority_inside(text: str, context: IssuerContext) -> int | None:
    """Where an authority line glued to the end of a title line starts ("… CỦA SỞ TÀI CHÍNH
    CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"), or None."""
    folded = fold_aligned(text)
    opening = _authority_opening()
    words = [m.start() for m in re.finditer(r"(?<!\S)\S", folded)]
    for i, at in enumerate(words[1:], 1):
        before = folded[words[i - 1]:at].strip()
        if before in cues.TITLE_GOES_ON_AFTER or not opening.match(folded, at):
            continue
        if _authority_issuer(text[at:], context):
            return at
    return None


@lru_cache(maxsize=1)
def _central_opening() -> re.Pattern[str]:
    names = {fold(n).split()[0] for n in central_bodies()} | {w.split()[0] for w, _, _ in UNIT_KINDS}
    return re.compile("(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")\b")


@lru_cache(maxsize=1)
def _authority_opening() -> re.Pattern[str]:
    heads = [c for c, _ in cues.SIGNER_TITLES] + ["uy ban nhan dan", "ubnd", "hoi dong nhan dan", "chinh phu"]
    return re.compile("(?:" + "|".join(sorted(heads, key=len, reverse=True)) + r")\b")


def _title(lines: list[HeadLine]) -> str | None:
    parts = [line.text for line in lines if line.text]
    if not parts:
        return None
    title = " ".join(" ".join(parts).split())
    folded = fold(title)
    for cue in cues.SUBJECT_LINE_CUES:  # "V/V HỖ TRỢ …" → "Về việc hỗ trợ …"
        if folded.startswith(cue + " "):
            title = f"{cues.SUBJECT_LINE_PRINTED} {title[len(cue):].strip()}"
            break
    if sum(c.isupper() for c in title) > 0.8 * sum(c.isalpha() for c in title):
        title = sentence_case(title)
    return title[:1].upper() + title[1:]


def _subject_title(subject: str) -> str:
    """A letter's title: its subject line, "V/v" written out."""
    text = " ".join(subject.split())
    for cue in cues.SUBJECT_LINE_CUES:
        if fold(text).startswith(cue):
            text = text[len(cue):].strip(" :")
            break
    return f"{cues.SUBJECT_LINE_PRINTED} {text[:1].lower()}{text[1:]}".rstrip(" .")


# A syllable of Vietnamese, folded: a word in capitals that is none ("UBND", "THPT", "5G") is an
# abbreviation or a code and keeps its capitals when a title is put in sentence case.
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+(?:ch|ng|nh|[cmnpt])?")


def sentence_case(title: str) -> str:
    """A title printed in capitals, as a sentence: names of units and of documents keep their
    capitals, abbreviations too.

    >>> sentence_case("KẾ HOẠCH TRIỂN KHAI ĐỀ ÁN 06 CỦA UBND TỈNH HÀ TĨNH NĂM 2025")
    'Kế hoạch triển khai Đề án 06 của UBND tỉnh Hà Tĩnh năm 2025'
    """
    words = []
    for word in title.split(" "):
        core = re.sub(r"^\W+|\W+$", "", word)
        code = re.fullmatch(r"\d+[A-ZĐ]+", core) or not re.search(r"\d", core)  # "5G"; not "0H00"
        keep = core and code and not _SYLLABLE.fullmatch(fold(core)) and core.isupper()
        words.append(word if keep else word.lower())
    text = " ".join(words)
    text = _restore_units(text)
    text = _restore_bodies(text)
    text = _capitalise_doc_types(text)
    text = re.sub(r"([“\"(]\s*)(\w)", lambda m: m.group(1) + m.group(2).upper(), text)
    return text[:1].upper() + text[1:]


def _restore_units(text: str) -> str:
    from ingest import gazetteer

    view = Folded.of(text)
    out, pos = [], 0
    for start, end, place in gazetteer.find_in_text(view.text):
        a, b = view.span(start, end)
        if not text[a:b].startswith(place.kind) and not text[a:b].startswith(("tp", "tx")):
            continue  # "phương án đơn giản" is no "phường An Đôn"
        restored = gazetteer.restore(text[a:b], since=place.since)
        if restored and restored[len(place.kind):].strip() in CAPITALISED_UNITS:
            restored = restored[:1].upper() + restored[1:]  # "Thành phố Hồ Chí Minh"
        if restored:
            out.append(text[pos:a])
            out.append(restored)
            pos = b
    out.append(text[pos:])
    return "".join(out)


@lru_cache(maxsize=1)
def _written_bodies() -> tuple[re.Pattern[str], dict[str, str]]:
    names = {fold(n): n for n in (*central_bodies(), *(t for _, t in cues.SIGNER_TITLES))}
    alternation = "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![a-z])(?:{alternation})(?![a-z])"), names


def _restore_bodies(text: str) -> str:
    """The central bodies and titles a title names, as they are written ("thủ tướng chính phủ"
    → "Thủ tướng Chính phủ")."""
    pattern, names = _written_bodies()
    view = Folded.of(text)
    chars = list(text)
    for m in pattern.finditer(view.text):
        a, b = view.span(m.start(), m.end())
        name = names[m.group()]
        if len(text[a:b]) == len(name):
            chars[a:b] = list(name)
    return "".join(chars)


def _capitalise_doc_types(text: str) -> str:
    """ "ban hành kế hoạch", "thuộc chương trình", "đề án “…”" → "Kế hoạch", "Chương trình",
    "Đề án": the names of documents, not of things ("pháp luật")."""
    view = Folded.of(text)
    chars = list(text)
    verbs = "|".join(cues.TITLE_DOCUMENT_VERBS)
    for t in doctypes.DOC_TYPES:
        if not t.heading:
            continue
        for m in re.finditer(rf"(?<![a-z]){re.escape(t.folded)}(?![a-z])", view.text):
            named = re.search(rf"(?:^|\b(?:{verbs}))\s*$", view.text[:m.start()]) or \
                re.match(r"\s*(?:so\b|\d|[“\"])", view.text[m.end():])
            a, _ = view.span(m.start(), m.end())
            if named:
                chars[a] = chars[a].upper()
    return "".join(chars)


# ------------------------------------------------------------------ preamble and issuer


def _preamble(paragraphs: list[Paragraph], after: int = 0) -> tuple[int, int]:
    """From the first "Thực hiện"/"Căn cứ" at or after `after` (the title) to the sentence that
    closes it ("… như sau:"), a line in capitals ("QUYẾT ĐỊNH:"), an article ("Điều 1.") or the
    first section heading."""
    cue = cue_regex(cues.PREAMBLE_CUES, at_start=True)
    start = end = None
    for p in paragraphs:
        if p.end <= after:
            continue
        if start is None:
            if p.kind in ("text", "dash") and cue.match(p.folded):
                start, end = p.start, p.end
            elif p.kind in ("roman", "number"):
                break
            continue
        if p.kind not in ("text", "dash") or p.text.isupper() or re.match(r"\s*(?:dieu|chuong)\s+\d", p.folded):
            break
        end = p.end
        if p.text.rstrip().endswith(":"):
            break
    return (start, end) if start is not None else (0, 0)


_ISSUES = re.compile(r"\s(?:" + tolerant("ban hanh") + "|" + tolerant("xay dung") + r")\s")


def _preamble_issuer(text: str, paragraphs: list[Paragraph], preamble: tuple[int, int], context: IssuerContext) -> str | None:
    """The body named in the sentence that closes the preamble: "…, UBND quận Tây Hồ ban hành
    Kế hoạch …", "Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Thông tư …"."""
    if not preamble[1]:
        return None
    last = [p for p in paragraphs if preamble[0] <= p.start < preamble[1]][-1:]
    start = last[0].start if last else preamble[0]
    sentence = text[start:preamble[1]]
    folded = fold_aligned(sentence)
    found = list(_ISSUES.finditer(folded))
    if not found:
        return None
    clause_end = found[-1].start()
    clause_start = max(folded.rfind(c, 0, clause_end) for c in ",;:.") + 1
    return _covering(sentence[clause_start:clause_end], context, rightmost=True)


def _metadata_issuer(meta: dict[str, str], number: DocumentNumber | None) -> str | None:
    """The site's "Nơi ban hành" ("Tỉnh Bắc Ninh", "Cục Thuế") as a canonical name; a province
    named for a council's resolution (code HĐND) is its People's Council."""
    if not meta.get("issuer"):
        return None
    named = header_issuer([meta["issuer"]]) or canonical_issuer(meta["issuer"])
    codes = {fold(c) for c in (number.issuer_parts if number else ())}
    if named and named.startswith("UBND ") and "hdnd" in codes:
        return "HĐND " + named[len("UBND "):]
    return named


# ------------------------------------------------------------------ year, place


def _year_in_scope(title: str | None, date: str | None, number_year: int | None, text: str,
                   preamble: tuple[int, int]) -> int | None:
    """The year a plan is for: the first year of a period in its title ("giai đoạn 2026 - 2030"),
    else a year in its title that is neither a horizon ("đến năm 2030") nor the date of a
    document it names ("Nghị định số 18/2019/NĐ-CP ngày 01 tháng 02 năm 2019"), else the year
    it was issued (its date's, its number's)."""
    folded = fold(title or "")
    period = re.search(r"(?:" + "|".join(cues.SCOPE_PERIOD_CUES) + r")\s+(\d{4})", folded)
    if period:
        return int(period.group(1))
    horizon = "|".join(cues.SCOPE_HORIZON_CUES)
    cited = r"\d+/[\w/-]+\s+ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s*$"
    years = [m for m in re.finditer(r"n\S{1,2}m\s+(\d{4})", folded)
             if not re.search(rf"(?:{horizon})\s*$|{cited}", folded[:m.start()])]
    if years:
        return int(years[-1].group(1))
    if date:
        return int(date[:4])
    if number_year:
        return number_year
    years = re.findall(r"\b(20\d\d)\b", text[: preamble[1] or 2000])
    return int(years[-1]) if years else None


def _place_name(place: str | None, context: IssuerContext) -> str | None:
    """The place as printed; the gazetteer's spelling when the print lost its diacritics."""
    if context.place is None:
        return place
    if place is None or fold(place) == place.lower() or not place.replace(" ", "").isalpha():
        return context.place.full_name if context.place.name.isdigit() else context.place.name
    return place


# ------------------------------------------------------------------ the signature


def _signature(text: str, after: int) -> tuple[str | None, str | None]:
    """The signer's name and title from the first signature block after the header ("TM. ỦY BAN
    NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Phạm Văn Thịnh"), or (None, None).

    A decision that carries its plan in an appendix signs before the appendix, so the block is
    not always the last lines.
    """
    lines = [" ".join(x.strip(" |*").split()) for x in text[after:].split("\n") if len(x) < _SIGNATURE_LINE_MAX]
    lines = [x for x in lines if x]
    for i, line in enumerate(lines):
        if _signature_line(line) is None:
            continue
        titles, j, loose = [], i, 0
        while j < len(lines):
            kind = _signature_line(lines[j])
            if kind is not None:
                if kind[0] == "title":
                    titles.append(kind[1])
            elif _is_mark(lines[j]) or (_is_caps(lines[j]) and loose < 2):  # "THUẾ QUỐC TẾ", a title's rest
                loose += not _is_mark(lines[j])
            else:
                break
            j += 1
        name = _name_line(lines[j]) if j < len(lines) else None
        if name:  # the title printed over the name: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" is a Phó Chủ tịch
            return name, titles[-1] if titles else None
    return None, None


def _signature_line(line: str) -> tuple[str, str | None] | None:
    """("title", printed title) for a title alone ("PHÓ CHỦ TỊCH"), ("for", title or None) for a
    line that signs for someone ("KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"); None otherwise."""
    if not line[:1].isupper():
        return None
    folded = " ".join(fold(line).split())
    prefix = re.match(r"(?:" + "|".join(re.escape(p) for p in cues.SIGNATURE_PREFIXES) + r")\s*\.?\s*(?=\S)", folded)
    if prefix and (prefix.group().rstrip().endswith(".") or "/" in prefix.group()):
        rest = folded[prefix.end():]
        title = next((t for cue, t in cues.SIGNER_TITLES if rest == cue or rest.startswith(cue + " ") or rest.startswith(cue + ",")), None)
        return "for", title
    if not _is_caps(line):
        return None
    # "PHÓ CHỦ TỊCH"; with what it heads: "TRƯỞNG BAN BAN CHÍNH SÁCH,", "THỨ TRƯỞNG THƯỜNG TRỰC"
    title = next((t for cue, t in cues.SIGNER_TITLES if folded == cue or folded.startswith(cue + " ")), None)
    return ("title", title) if title else None


def _is_mark(line: str) -> bool:
    folded = fold(line).strip(" ()[].")
    return folded in cues.SIGNED_MARKS


def _name_line(line: str) -> str | None:
    """A person's name as signed: two to six capitalised words, after a mark ("(Đã ký)") and a
    rank ("Thượng tướng") if any."""
    mark = re.match(r"\s*[(\[]([^)\]]*)[)\]]\s*", line)
    if mark and _is_mark(mark.group(1)):
        line = line[mark.end():]
    folded = fold(line)
    for rank in cues.SIGNER_RANKS:
        if folded.startswith(rank + " "):
            line = line[len(rank):].strip()
            break
    words = line.split()
    if not 2 <= len(words) <= 6:
        return None
    if all(w[:1].isupper() and (w[1:].islower() or not w[1:]) and w.isalpha() for w in words):
        return line
    return None


def _signer_in_last_lines(paragraphs: list[Paragraph]) -> str | None:
    """A name at the end of one of the last lines, when no signature block could be read (a
    scan that garbled it: "Luu: VT. P ' (P VR Nguyen Thi Thanh")."""
    for p in reversed(paragraphs[-8:]):
        line = p.text.strip().splitlines()[-1].strip(" *|")
        m = re.search(r"((?:[A-ZĐ][a-zà-ỹđ]+\s+){1,4}[A-ZĐ][a-zà-ỹđ]+)\s*$", line)
        if m and not line.isupper():
            return m.group(1)
    return None
