"""Segmentation: the text as read → paragraphs with their place in the outline.

Vietnamese administrative documents share one outline: Roman sections
("I. MỤC ĐÍCH, YÊU CẦU"), numbered items ("1. Phòng Nội vụ", "4.1."), lettered
items ("a)", "đ)"), dash items ("- …") and plain paragraphs. The text may be
Markdown from a converter ("#### **1. Phòng Tư pháp**"), a crawl whose lines
break mid-sentence, or an OCR scan that reads "III." as "111." and "II." as "I1.".

A `Paragraph` keeps its exact source span, so everything found in it can be
quoted back. Later stages read the outline; none of them re-parses lines.

>>> paras = segment("I. MỤC ĐÍCH\\n1. Mục đích\\na) Cung cấp thông tin\\nvề CCHC.\\n- Một ý.")
>>> [(p.kind, p.marker, p.text) for p in paras]
[('roman', 'I', 'MỤC ĐÍCH'), ('number', '1', 'Mục đích'), ('letter', 'a', 'Cung cấp thông tin\\nvề CCHC.'), ('dash', '-', 'Một ý.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.fold import cue_regex, fold, fold_aligned

# Lines that open a block of their own, even glued to the paragraph above (as OCR leaves them).
BLOCK_OPENERS = ("noi nhan\\s*:", "kt\\.", "tm\\.", "t/m", "luu\\s*:")

# Markdown decoration that converters put around headings: "## **II. NỘI DUNG**".
_LEADING_DECORATION = re.compile(r"[#>\s]*(?:\*\*|__)?\s*")
_TRAILING_DECORATION = re.compile(r"\s*(?:\*\*|__)?\s*$")

# Outline markers, matched on folded text at the start of a line.
# Roman numerals allow OCR's "1" and "l" for "I" ("111." is "III.", "I1." is "II.").
_ROMAN = re.compile(r"(?P<marker>[ivxl1]{1,5})\s*[.)]\s+(?=\S)")
# A number opens an item with its dot or parenthesis ("1.", "2)", "1.2.", "1.2 "); a bare "01"
# is a cell's figure or a date cut by a line break ("24 tháng 11").
_NUMBER = re.compile(r"(?P<marker>\d{1,2}(?:\.\d{1,2}){1,3}|\d{1,2}(?=\s*[.)]))\s*[.)]?\s+(?=\S)")
_PAREN = re.compile(r"\(\s*(?P<marker>\d{1,2})\s*\)\s*(?=\S)")
_ARTICLE = re.compile(r"(?P<marker>dieu\s+\d{1,3}[a-z]?)\s*[.:]\s*")
_CHAPTER = re.compile(r"(?P<marker>chuong\s+[ivxl\d]{1,6})\b\s*[.:]?\s*")
_ROMAN_BARE = re.compile(r"(?P<marker>[ivx]{1,4})\s+(?=[a-z])")
_LETTER = re.compile(r"(?P<marker>[a-z])\s*\)\s*(?=\S)")
_DASH = re.compile(r"(?P<marker>[-+•*–—])\s+(?=\S)")
_FOOTNOTE = re.compile(r"(?P<marker>[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*(?=\S)")

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}


@dataclass(frozen=True)
class Paragraph:
    """One block of the outline.

    kind is one of: chapter ("Chương II"), roman, article ("Điều 2."), number, paren ("(1)"), letter, dash, footnote,
    row (of a table), text.
    `start`/`end` is the source span of `text` (the marker excluded).
    """

    kind: str
    marker: str
    text: str
    start: int
    end: int
    line_start: int  # source offset where the paragraph's first line begins
    folded: str = ""  # `text` folded, one character for one (a slice of the text's folded view)

    def __post_init__(self) -> None:
        if not self.folded and self.text:
            object.__setattr__(self, "folded", fold_aligned(self.text))


def roman_value(marker: str) -> int | None:
    """The value of a Roman numeral as OCR may print it ('111' → 3, 'IV' → 4)."""
    letters = fold(marker).replace("1", "i").replace("l", "i")
    if not letters or any(c not in _ROMAN_VALUES for c in letters):
        return None
    total = 0
    for i, c in enumerate(letters):
        value = _ROMAN_VALUES[c]
        following = _ROMAN_VALUES[letters[i + 1]] if i + 1 < len(letters) else 0
        total += -value if value < following else value
    return total if 0 < total < 40 else None


def roman_text(value: int) -> str:
    """'IV' for 4: how a section path prints a Roman section."""
    out = ""
    for n, s in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= n:
            out += s
            value -= n
    return out


@dataclass(frozen=True)
class _Line:
    text: str  # without decoration
    start: int  # source offset of `text`
    line_start: int


def _lines(text: str) -> list[_Line]:
    """Source lines with Markdown decoration ("#### **", "**") trimmed off both ends."""
    out: list[_Line] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lead = _LEADING_DECORATION.match(body).end()
        trail = _TRAILING_DECORATION.search(body, lead).start()
        out.append(_Line(body[lead:trail], offset + lead, offset))
        offset += len(raw)
    return out


def _marker_of(line: _Line) -> tuple[str, str, int]:
    """(kind, marker, length of the marker) of a line; ('text', '', 0) if none."""
    if line.text.count(" | ") >= 2 or (line.text.startswith("|") and line.text.count("|") >= 3):
        return "row", "", 0  # a table row, as readers flatten tables: "1 | Nội dung | Cơ quan chủ trì | …"
    folded = fold(line.text)
    for kind, pattern in (
        ("footnote", _FOOTNOTE),
        ("chapter", _CHAPTER),
        ("article", _ARTICLE),
        ("letter", _LETTER),
        ("dash", _DASH),
        ("paren", _PAREN),
        ("number", _NUMBER),
        ("roman", _ROMAN),
    ):
        m = pattern.match(folded) if kind != "footnote" else pattern.match(line.text)
        if not m:
            continue
        marker = m.group("marker")
        if kind == "roman" and roman_value(marker) is None:
            continue
        if kind == "letter" and not _is_letter_marker(line.text[: m.end()]):
            continue
        if kind == "roman":
            marker = roman_text(roman_value(marker) or 0)
        elif kind == "article":
            marker = "Điều " + marker.split()[-1]
        elif kind == "chapter":
            marker = "Chương " + marker.split()[-1].upper()
        elif kind in ("letter",):
            marker = line.text[m.start("marker")]
        elif kind == "number":
            marker = marker.rstrip(".")
        return kind, marker, m.end()
    # OCR loses the dot of a heading in capitals: "II TỔ CHỨC THỰC HIỆN" is section II.
    bare = _ROMAN_BARE.match(folded)
    # ("VI PHẠM", "XI MĂNG" are words: VI and XI stay words.)
    if bare and bare.group("marker") not in ("vi", "xi") and _is_caps(line.text) and roman_value(bare.group("marker")) \
            and len(line.text.split()) >= 3:
        return "roman", roman_text(roman_value(bare.group("marker")) or 0), bare.end()
    return "text", "", 0


def _is_letter_marker(prefix: str) -> bool:
    # "đ)" is a Vietnamese letter marker; "a)" too; but not a sentence like "b) …" inside text.
    return prefix[:1].lower() in "abcdđeghiklmnopqrstuvxy"


def _wrapped_dash(previous: str, line: str) -> bool:
    """A line that starts with "- " but carries on a name cut at a hyphen: "chính trị / - xã hội"."""
    after = line.lstrip("-–— ")
    return not _ends_sentence(previous) and after[:1].islower()


def _opens_block(line: str) -> bool:
    """ "Nơi nhận:", "KT. CHỦ TỊCH", "Lưu: VT" start their own block even without a blank line before."""
    return bool(cue_regex(BLOCK_OPENERS, at_start=True).match(fold(line)))


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.:;!?…)\]”\"]\s*$", text.strip())) or not text.strip()


def segment(text: str, folded: str | None = None) -> list[Paragraph]:
    """Split `text` into outline paragraphs with exact source spans.

    Consecutive non-blank lines form one paragraph unless a line opens with an
    outline marker. A paragraph that stops mid-sentence and resumes after a blank
    run (a page break in a scan) with a lower-case word is joined again.
    """
    paragraphs: list[Paragraph] = []
    # [kind, marker, start, end, line_start, start of its last line]: what is asked of the
    # paragraph so far (does it end a sentence, is its last line in capitals) is asked of its
    # last line, so that a paragraph of many lines is not copied again for each of them.
    current: list[object] | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            kind, marker, start, end, line_start, _last = current
            paragraphs.append(Paragraph(kind, marker, text[start:end], start, end, line_start,
                                        folded[start:end] if folded is not None else ""))
        current = None

    blank_run = False
    for line in _lines(text):
        # A rule under a heading ("-------", "*****") separates like a blank line.
        if not line.text.strip() or re.fullmatch(r"[-_=*~.]{3,}", line.text.strip()):
            blank_run = True
            if line.text.strip():
                close()
            continue
        kind, marker, length = _marker_of(line)
        start = line.start + length
        end = line.start + len(line.text.rstrip())
        if kind == "dash" and current is not None and not blank_run and _wrapped_dash(text[current[5]:current[3]], line.text):
            kind, marker, start = "text", "", line.start  # "… các tổ chức chính trị\n- xã hội Quận 3"
        if kind == "text" and current is not None and current[0] != "row" and not _opens_block(line.text):
            previous_line = text[current[5]:current[3]]
            # A line in capitals is a heading ("KẾ HOẠCH", "TM. ỦY BAN NHÂN DÂN"): it stands alone.
            heading = _is_caps(line.text) or _is_caps(previous_line)
            resumes_sentence = not _ends_sentence(previous_line) and line.text.strip()[:1].islower()
            # Normalise has joined the lines a crawl wrapped: a line that starts with a capital
            # after a sentence ended is a paragraph of its own, blank line or not.
            new_paragraph = bool(re.search(r"[.:;!?]\s*$", previous_line)) and line.text.strip()[:1].isupper()
            continues = not heading and not new_paragraph and (not blank_run or resumes_sentence)
            if continues:
                current[3] = end
                current[5] = line.start
                blank_run = False
                continue
        close()
        current = [kind, marker, start, end, line.line_start, start]
        blank_run = False
    close()
    return paragraphs
