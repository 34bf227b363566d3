"""Calendar dates as Vietnamese documents print them, read into ISO strings.

Numeric dates ("15/7/2021", "15-7-2021", "15.7.2021") and dates in words
("ngày 15 tháng 7 năm 2021") are read from folded text, so OCR forms
("ngay 28 thang 02 ndm 2025") read the same. A date that is not a calendar
date (31/02) is no date; a printed date that is valid is kept even when it
looks wrong (gold README: dates are taken as printed).

>>> parse_date("ngày 15 tháng 7 năm 2021"), parse_date("15.7.2021"), parse_date("29/02/2024")
('2021-07-15', '2021-07-15', '2024-02-29')
>>> parse_date("31/02/2024") is None
True
>>> find_dates("ký ngày 28 thang 02 ndm 2025, hạn 20/10/2022.")
[(8, 28, '2025-02-28'), (34, 44, '2022-10-20')]
"""

from __future__ import annotations

import re
from datetime import date

from ingest.fold import Folded

# Years a document of this genre can carry.
YEAR_RANGE = (1945, 2100)

# The patterns run on folded text (lower-case ASCII). Read with re.X.
DATE_PATTERNS: tuple[str, ...] = (
    # "15/7/2021", "15-7-2021", "15.7.2021", "15 / 7 / 2021"; not inside "151/2017/ND-CP".
    r"""(?<![\d/.-])(?P<d>\d{1,2})\s?(?P<s>[/.-])\s?(?P<m>\d{1,2})\s?(?P=s)\s?(?P<y>\d{4})(?![\d/])""",
    # "15 tháng 7 năm 2021"; OCR reads "tháng" as "thang"/"thdng" and "năm" as "ndm"/"nim".
    r"""(?<![\d/.-])(?P<d>\d{1,2})\s+th[a-z]{1,2}ng\s+(?P<m>\d{1,2})\s*,?\s+n[a-z]m\s+(?P<y>\d{4})(?!\d)""",
)
_COMPILED = tuple(re.compile(p, re.X) for p in DATE_PATTERNS)


def _iso(day: str, month: str, year: str) -> str | None:
    y = int(year)
    if not YEAR_RANGE[0] <= y <= YEAR_RANGE[1]:
        return None
    try:
        return date(y, int(month), int(day)).isoformat()
    except ValueError:
        return None


def _scan(folded: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for pattern in _COMPILED:
        for m in pattern.finditer(folded):
            iso = _iso(m["d"], m["m"], m["y"])
            if iso and not any(a < m.end() and m.start() < b for a, b, _ in found):
                found.append((m.start(), m.end(), iso))
    return sorted(found)


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Every calendar date in `text`: (start, end, ISO date) with source offsets.

    The span runs from the day to the year; a leading "ngày" is not part of it.

    >>> find_dates("Nghị định số 151/2017/NĐ-CP ngày 26/12/2017")
    [(33, 43, '2017-12-26')]
    """
    f = Folded.of(text)
    return [(*f.span(a, b), iso) for a, b, iso in _scan(f.text)]


# Schedules that are not one calendar date: the gold keeps them out of `deadline`
# but a user wants to see them. Each pattern runs on folded text, with the example that motivated it.
SCHEDULE_PATTERNS: tuple[str, ...] = (
    # "trước ngày 25 các tháng 2, 5 và 8"
    r"(?:truoc|cham nhat|han chot)\s+(?:ngay\s+)?\d{1,2}\s+(?:cua\s+)?(?:cac\s+)?thang\s+\d{1,2}(?:\s*,\s*\d{1,2})*(?:\s+va\s+\d{1,2})?",
    # "chậm nhất ngày 10 của tháng cuối kỳ báo cáo", "trước ngày 15 tháng cuối quý"
    r"(?:truoc|cham nhat|han chot)\s+(?:ngay\s+)?\d{1,2}\s+(?:cua\s+)?thang\s+(?:cuoi|dau)\s+(?:ky(?:\s+bao\s+cao)?|quy|nam)",
    # "trước ngày 15/6" (day and month, no year: every year)
    r"(?:truoc|cham nhat|han chot)\s+(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}(?![\d/])",
    # "hoàn thành trong năm 2025", "trong quý II/2025", "trong tháng 3/2025"
    r"(?:hoan thanh\s+)?trong\s+(?:nam\s+\d{4}|quy\s+[ivx1-4]+(?:\s*(?:/|nam)\s*\d{4})?|thang\s+\d{1,2}(?:\s*/\s*\d{4})?)",
    # "Quý II/2025", "Tháng 3/2025" as a table's deadline column
    r"(?:quy\s+[ivx1-4]+|thang\s+\d{1,2})\s*/\s*\d{4}",
)
_SCHEDULES = tuple(re.compile(r"(?<![a-z])" + p) for p in SCHEDULE_PATTERNS)


def find_schedules(text: str) -> list[tuple[int, int, str]]:
    """Deadlines that are a schedule rather than one date: (start, end, the phrase as printed).

    >>> [s[2] for s in find_schedules("Báo cáo quý gửi trước ngày 25 các tháng 2, 5 và 8; báo cáo năm hoàn thành trong năm 2025")]
    ['trước ngày 25 các tháng 2, 5 và 8', 'hoàn thành trong năm 2025']
    """
    f = Folded.of(text)
    found: list[tuple[int, int]] = []
    for pattern in _SCHEDULES:
        for m in pattern.finditer(f.text):
            if not any(a < m.end() and m.start() < b for a, b in found):
                found.append((m.start(), m.end()))
    out = []
    for a, b in sorted(found):
        start, end = f.span(a, b)
        out.append((start, end, text[start:end]))
    return out


def parse_date(text: str | None) -> str | None:
    """The ISO date that `text` prints (the first one), or None.

    >>> parse_date("ngay 28 thang 02 ndm 2025"), parse_date("15-7-2021"), parse_date("năm 2024")
    ('2025-02-28', '2021-07-15', None)
    """
    if not text:
        return None
    found = _scan(Folded.of(text).text)
    return found[0][2] if found else None
