"""Document text that opens like a formula stays text in every CSV and spreadsheet cancu writes.

A plan whose units and duties begin with "=HYPERLINK(…)", "+cmd|…" or "@SUM(1)" is ingested;
every table export of it must hold no formula cell (openpyxl's `data_type` never "f") and no
CSV cell that opens with a character a spreadsheet evaluates (OWASP, "CSV Injection").
"""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cancu.cli import app
from cancu.output import render, spreadsheet_safe, write_sheet

runner = CliRunner()

# What a spreadsheet evaluates at the start of a cell, also after white space (the test's own list).
OPENS_A_FORMULA = "=+-@＝＋－＠"

# Each duty opens with its payload; so does the unit heading above it (the "-" of "-2+3" is
# dropped from the unit's name by the extractor, so only its duty opens with it).
PAYLOADS = ['=HYPERLINK("http://x","y")', "=1+1", "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3", "＝1+1"]
UNIT_PAYLOADS = [p for p in PAYLOADS if p != "-2+3"]

PLAN = """ỦY BAN NHÂN DÂN
PHƯỜNG MỖ LAO

Số: 77/KH-UBND

Mỗ Lao, ngày 10 tháng 3 năm 2025

KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025

Thực hiện Kế hoạch số 62/KH-UBND ngày 24/01/2025 của UBND quận Hà Đông về tuyên truyền cải cách \
hành chính năm 2025, UBND phường Mỗ Lao ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

Nâng cao nhận thức của cán bộ, công chức về cải cách hành chính.

II. TỔ CHỨC THỰC HIỆN

1. =HYPERLINK("http://x","y") Phòng Nội vụ

=HYPERLINK("http://x","y") chủ trì tổng hợp báo cáo kết quả tuyên truyền cải cách hành chính. \
Thời gian hoàn thành: trước ngày 30/06/2025.

2. =1+1 Phòng Tư pháp

=1+1 phối hợp tổ chức hội nghị tập huấn cải cách hành chính.

3. +cmd|' /C calc'!A0 Phòng Văn hóa và Thông tin

+cmd|' /C calc'!A0 đăng tải tin bài về cải cách hành chính trên trang thông tin điện tử.

4. @SUM(1) Phòng Tài chính - Kế hoạch

@SUM(1) kiểm tra việc niêm yết thủ tục hành chính.

5. -2+3 Phòng Kinh tế

-2+3 rà soát văn bản quy phạm pháp luật.

6. ＝1+1 Phòng Y tế

＝1+1 theo dõi\x0b việc thực hiện kế hoạch.

Nơi nhận:
- UBND quận Hà Đông;
- Lưu: VT.
"""

SPARQL = """PREFIX cc: <https://w3id.org/cancu/ont#>
SELECT ?text ?unit WHERE { ?task a cc:Task ; cc:text ?text . OPTIONAL { ?task cc:unitName ?unit } }"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "ke-hoach-77.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store(plan) -> Path:
    path = plan.parent / "store"
    result = runner.invoke(app, ["ingest", str(plan), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_hostile_text_reaches_the_duties_and_units(plan, payload):
    result = runner.invoke(app, ["extract", str(plan), "--format", "json"])
    assert result.exit_code == 0, result.output
    tasks = json.loads(result.stdout)["tasks"]
    assert any(t["quote"].startswith(payload) for t in tasks)
    if payload in UNIT_PAYLOADS:
        assert any(t["unit"].startswith(payload) for t in tasks)


def _opens_a_formula(text: str) -> bool:
    return text.startswith(("\t", "\r")) or text.lstrip().startswith(tuple(OPENS_A_FORMULA))


def _sheet_cells(path: Path) -> list:
    from openpyxl import load_workbook

    return [cell for row in load_workbook(path).active.iter_rows() for cell in row]


EXPORTS = {
    "query tasks": ["query", "tasks"],
    "query tasks_of_unit": ["query", "tasks_of_unit", "--param", "unit=phong"],
    "sparql": ["sparql", SPARQL],
    "impact": ["impact", "77/KH-UBND"],
}


@pytest.mark.parametrize("command", EXPORTS)
def test_a_spreadsheet_holds_no_formula_cell(store, tmp_path, command):
    sheet = tmp_path / "out.xlsx"
    result = runner.invoke(app, [*EXPORTS[command], "--format", "xlsx", "-o", str(sheet), "--store", str(store)])
    assert result.exit_code == 0, result.output
    cells = _sheet_cells(sheet)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert [t for t in texts if _opens_a_formula(t)] == []
    for payload in PAYLOADS:
        # Kept as written, behind the apostrophe, so it stays text when saved again as CSV.
        assert any(t.startswith("'" + payload) for t in texts), payload


@pytest.mark.parametrize("command", EXPORTS)
def test_a_csv_holds_no_cell_that_opens_a_formula(store, command):
    result = runner.invoke(app, [*EXPORTS[command], "--format", "csv", "--store", str(store)])
    assert result.exit_code == 0, result.output
    cells = [cell for row in csv.reader(io.StringIO(result.stdout)) for cell in row]
    assert [c for c in cells if _opens_a_formula(c)] == []
    for payload in PAYLOADS:
        # The CSV quoting survives the apostrophe: the payload's own quotes read back exactly.
        assert any(c.startswith("'" + payload) for c in cells), payload


def test_the_html_impact_report_holds_the_text_escaped(store, tmp_path):
    page = tmp_path / "impact.html"
    result = runner.invoke(app, ["impact", "77/KH-UBND", "--format", "html", "-o", str(page), "--store", str(store)])
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert html.escape(PAYLOADS[0]) in text and PAYLOADS[0] not in text


def test_the_store_json_and_rdf_keep_the_text_as_the_document_wrote_it(store):
    rows = runner.invoke(app, ["query", "tasks", "--format", "json", "--store", str(store)])
    assert rows.exit_code == 0, rows.output
    texts = [r["text"] for r in json.loads(rows.stdout)]
    assert all(any(t.startswith(p) for t in texts) for p in PAYLOADS)
    turtle = runner.invoke(app, ["export", "--format", "turtle", "--store", str(store)])
    assert turtle.exit_code == 0 and '"=1+1 phối hợp' in turtle.stdout and "'=1+1" not in turtle.stdout


def test_counts_stay_numbers_in_a_spreadsheet(store, tmp_path):
    sheet = tmp_path / "counts.xlsx"
    result = runner.invoke(app, ["query", "document_counts", "--format", "xlsx", "-o", str(sheet), "--store", str(store)])
    assert result.exit_code == 0, result.output
    counts = [c for c in _sheet_cells(sheet) if c.column == 5 and c.row > 1]
    assert counts and all(c.data_type == "n" and isinstance(c.value, int) for c in counts)


@pytest.mark.parametrize(
    "value, written",
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("=1+1", "'=1+1"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("@SUM(1)", "'@SUM(1)"),
        ("-2+3", "'-2+3"),
        ("\t=1+1", "'\t=1+1"),
        ("\tchủ trì", "'\tchủ trì"),
        ("\rchủ trì", "'\rchủ trì"),
        ("   =1+1", "'   =1+1"),
        ("\n@SUM(1)", "'\n@SUM(1)"),
        ("\u00a0+1", "'\u00a0+1"),
        ("\ufeff=1+1", "'\ufeff=1+1"),
        ("\x01=1+1", "'\x01=1+1"),
        ("＝1+1", "'＝1+1"),
        ("＋1", "'＋1"),
        ("－2+3", "'－2+3"),
        ("＠SUM(1)", "'＠SUM(1)"),
        # Text and numbers a spreadsheet reads as themselves are left alone.
        ("Phòng Nội vụ chủ trì", "Phòng Nội vụ chủ trì"),
        ("2025-06-30", "2025-06-30"),
        ("a = b + c", "a = b + c"),
        ("-2", "-2"),
        ("+3.5", "+3.5"),
        ("", ""),
        (-2, -2),
        (3.5, 3.5),
        (None, None),
    ],
)
def test_spreadsheet_safe(value, written):
    assert spreadsheet_safe(value) == written


ROWS = [{"n": -2, "x": 3.5, "d": "2025-06-30", "s": "=1+1", "c": "theo dõi\x0b việc", "z": None}]


def test_the_sheet_writer_keeps_numbers_and_dates_and_types_text_as_text(tmp_path):
    sheet = tmp_path / "s.xlsx"
    write_sheet(ROWS, list(ROWS[0]), list(ROWS[0]), sheet)
    row = [(c.data_type, c.value) for c in _sheet_cells(sheet)[len(ROWS[0]):]]
    # A control character the format cannot hold is dropped rather than failing the whole sheet.
    assert row[:5] == [("n", -2), ("n", 3.5), ("s", "2025-06-30"), ("s", "'=1+1"), ("s", "theo dõi việc")]


def test_the_csv_writer_keeps_numbers_and_dates(tmp_path):
    out = tmp_path / "s.csv"
    render(ROWS, list(ROWS[0]), "csv", lang=None, path=out)
    assert list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))[1] == [
        "-2", "3.5", "2025-06-30", "'=1+1", "theo dõi\x0b việc", ""]
