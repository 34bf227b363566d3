"""Table-driven tests of date reading (ingest/dates.py)."""

import pytest

from ingest.dates import find_dates, parse_date

DATES = [
    ("15/7/2021", "2021-07-15"),
    ("15-7-2021", "2021-07-15"),
    ("15.7.2021", "2021-07-15"),
    ("ngày 15/7/2021", "2021-07-15"),
    ("ngày 15 tháng 7 năm 2021", "2021-07-15"),
    ("15 tháng 7 năm 2021", "2021-07-15"),
    ("NGÀY 15 THÁNG 7 NĂM 2021", "2021-07-15"),
    ("ngay 28 thang 02 ndm 2025", "2025-02-28"),  # seed 004, OCR "năm"
    ("ngay 28 thang 02 nim 2025", "2025-02-28"),
    ("ngày 15 tháng 7\nnăm 2021", "2021-07-15"),  # line-wrapped
    ("ngày ngày 31/8/2023", "2023-08-31"),  # seed 000 repeats "ngày"
    ("29/02/2024", "2024-02-29"),  # leap day, valid
    ("17/3/2019", "2019-03-17"),  # printed date kept as printed (seed 001)
    ("Quảng Ninh, ngày 05 tháng 01 năm 2024", "2024-01-05"),
]


@pytest.mark.parametrize("text, iso", DATES)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2024",  # no such day
        "29/02/2023",  # not a leap year
        "15/13/2021",
        "ngày      tháng     năm 2024",  # blank date line (seed 000)
        "giai đoạn 2021-2030",
        "ngày Chuyển đổi số quốc gia 10-10",
        "151/2017/NĐ-CP",
        "năm 2025",
        "",
        None,
    ],
)
def test_parse_date_rejects(text):
    assert parse_date(text) is None


def test_find_dates_gives_source_spans():
    text = "Nghị định số 114/2024/ND-CP ngay 15/9/2024 và ngày 26 tháng 12 năm 2017"
    found = find_dates(text)
    assert [iso for _, _, iso in found] == ["2024-09-15", "2017-12-26"]
    assert [text[a:b] for a, b, _ in found] == ["15/9/2024", "26 tháng 12 năm 2017"]


def test_find_dates_skips_invalid_dates():
    assert find_dates("từ 31/02/2024 đến 01/03/2024") == [(18, 28, "2024-03-01")]
