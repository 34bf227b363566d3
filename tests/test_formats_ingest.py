"""Issue 16, "every format offices send": .doc, garbled PDF text layers, scans in folders, refusals.

Fixtures are made at run time: a ward plan written with python-docx in the usual Word
layout (a borderless header table, sections, a task table) and saved as Word 97–2003
by LibreOffice; a scan of a plan drawn with Pillow and DejaVu Serif; a PDF written
with fpdf2 whose font's map from glyphs to characters is scrambled, as a broken font
encoding leaves it. Tests that need LibreOffice or tesseract skip on a user's machine
without them and fail under CI=true (`scripts/setup --test` installs both).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cancu.cli import app
from graph.pipeline import files_under
from graph.store import GraphStore
from ingest import ocr
from ingest.errors import IngestError
from ingest.extract import extract
from ingest.fold import fold
from ingest.readers import doc, limits, read
from ingest.readers.pdf import readable_share
from tests.conftest import SAMPLES, require_program
from tests.test_readers import FONT, SERIF, require_module, require_ocr

SERIF_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"

runner = CliRunner()

HEADER = [("ỦY BAN NHÂN DÂN\nPHƯỜNG MỖ LAO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"),
          ("Số: 15/KH-UBND", "Mỗ Lao, ngày 10 tháng 3 năm 2025")]
BODY = [
    "KẾ HOẠCH",
    "Tuyên truyền cải cách hành chính năm 2025",
    "Căn cứ Quyết định số 6830/QĐ-UBND ngày 31/12/2024 của UBND thành phố Hà Nội về việc ban hành "
    "Kế hoạch cải cách hành chính năm 2025;",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Nâng cao nhận thức của cán bộ, công chức và nhân dân về cải cách hành chính.",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Văn phòng HĐND và UBND phường chủ trì tham mưu UBND phường triển khai kế hoạch.",
    "2. Công an phường phối hợp tuyên truyền trên hệ thống loa truyền thanh.",
]
TASK_ROWS = [("TT", "Nội dung", "Đơn vị chủ trì", "Thời gian"),
             ("1", "Tổ chức hội nghị quán triệt kế hoạch", "Văn phòng UBND phường", "Quý I"),
             ("2", "Cập nhật thủ tục hành chính trên cổng thông tin", "Bộ phận Một cửa", "Thường xuyên")]

# A ward plan as a scan: a page drawn at 300 dpi, read by OCR.
SCAN_PLAN = [
    "ỦY BAN NHÂN DÂN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "PHƯỜNG MỖ LAO                      Độc lập - Tự do - Hạnh phúc",
    "Số: 27/KH-UBND                 Mỗ Lao, ngày 14 tháng 3 năm 2025",
    "",
    "KẾ HOẠCH",
    "Kiểm tra công tác cải cách hành chính năm 2025",
    "",
    "Căn cứ Quyết định số 6830/QĐ-UBND ngày 31/12/2024 của UBND thành phố Hà Nội;",
    "",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Nâng cao chất lượng giải quyết thủ tục hành chính.",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Văn phòng HĐND và UBND phường chủ trì kiểm tra việc giải quyết thủ tục.",
    "2. Công an phường phối hợp kiểm tra công tác cải cách hành chính.",
]


def plan_docx(path: Path) -> Path:
    """A ward plan as Word users write it: the header in a borderless two-cell table, a task table."""
    docx = require_module("docx")
    document = docx.Document()
    header = document.add_table(rows=len(HEADER), cols=2)
    for row, cells in zip(header.rows, HEADER):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    for text in BODY:
        document.add_paragraph(text)
    tasks = document.add_table(rows=len(TASK_ROWS), cols=len(TASK_ROWS[0]))
    for row, cells in zip(tasks.rows, TASK_ROWS):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.add_paragraph("Nơi nhận:\n- UBND quận;\n- Lưu: VT.")
    document.save(path)
    return path


def saved_as_doc(docx_path: Path, folder: Path) -> Path:
    """The Word 97–2003 file LibreOffice saves of a .docx, in `folder`."""
    program = require_program("soffice")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([program, "--headless", "--norestore", f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--convert-to", "doc", "--outdir", str(folder), str(docx_path)],
                       check=True, capture_output=True, timeout=300)
    return folder / (docx_path.stem + ".doc")


def scan_jpg(path: Path, lines=SCAN_PLAN) -> Path:
    """A page of print at 300 dpi (A4) saved as a JPEG, its headings in bold as plans print them."""
    from PIL import Image, ImageDraw, ImageFont

    regular = ImageFont.truetype(require_program("DejaVuSerif", path=SERIF), 40)
    bold = ImageFont.truetype(require_program("DejaVuSerif-Bold", path=SERIF_BOLD), 40)
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        heading = line.isupper() or re.match(r"[IVX]+\. ", line)
        draw.text((200, 250 + 75 * n), line, font=bold if heading else regular, fill=0)
    image.save(path, "JPEG", quality=90, dpi=(300, 300))
    return path


# ---------------------------------------------------------------------------
# .doc


def test_a_doc_reads_as_the_docx_it_was_saved_from(tmp_path):
    source = plan_docx(tmp_path / "plan.docx")
    old = saved_as_doc(source, tmp_path / "doc")
    as_doc, as_docx = read(old), read(source)
    assert (as_doc.kind, as_doc.path) == ("doc", str(old))
    assert as_doc.text == as_docx.text
    assert "Số: 15/KH-UBND | Mỗ Lao, ngày 10 tháng 3 năm 2025" in as_doc.text.split("\n\n")
    assert "1 | Tổ chức hội nghị quán triệt kế hoạch | Văn phòng UBND phường | Quý I" in as_doc.text.split("\n\n")
    assert as_doc.locate(as_doc.text.index("Bộ phận Một cửa")) == "table 2, row 3"


def test_a_doc_extracts_its_number_issuer_date_and_duties(tmp_path):
    old = saved_as_doc(plan_docx(tmp_path / "plan.docx"), tmp_path)
    extraction = extract(old)
    header = extraction.document
    assert (header.number, header.date, header.doc_type) == ("15/KH-UBND", "2025-03-10", "Kế hoạch")
    assert fold(header.issuer) == "ubnd phuong mo lao"
    assert [b.number for b in extraction.basis] == ["6830/QĐ-UBND"]
    units = {t.unit for t in extraction.tasks}
    assert {"Văn phòng HĐND và UBND phường", "Bộ phận Một cửa"} <= units


def test_a_doc_in_legacy_fonts_is_converted(tmp_path):
    docx = require_module("docx")
    document = docx.Document()
    document.add_paragraph().add_run("KÕ ho¹ch tuyªn truyÒn c¶i c¸ch hµnh chÝnh").font.name = ".VnTime"
    document.save(tmp_path / "old-fonts.docx")
    result = read(saved_as_doc(tmp_path / "old-fonts.docx", tmp_path))
    assert (result.text, result.encoding) == ("Kế hoạch tuyên truyền cải cách hành chính", "tcvn3")


def test_a_damaged_doc_is_refused_in_one_line(tmp_path):
    old = saved_as_doc(plan_docx(tmp_path / "plan.docx"), tmp_path)
    data = bytearray(old.read_bytes())
    data[512:len(data) // 2] = bytes(len(data) // 2 - 512)  # the text and the tables gone, the directory kept
    old.write_bytes(data)
    with pytest.raises(IngestError) as excinfo:
        read(old)
    message = str(excinfo.value)
    assert message.startswith(f"{old}: not a readable Word 97–2003 (.doc) file: LibreOffice cannot open it")
    assert "\n" not in message


# The first bytes of a Word 97–2003 file and the name of its text stream: enough for cancu
# to take it for one and look for its converter.
WORD_97 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(56) + "WordDocument".encode("utf-16-le")


def test_a_doc_without_libreoffice_is_refused_saying_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(doc, "converter", lambda: None)
    path = tmp_path / "plan.doc"
    path.write_bytes(WORD_97)
    with pytest.raises(IngestError) as excinfo:
        read(path)
    assert str(excinfo.value) == f"{path}: {doc.INSTALL_HINT}"
    assert "libreoffice-writer-nogui" in doc.INSTALL_HINT and "save it as .docx" in doc.INSTALL_HINT


def test_a_docx_or_web_page_saved_under_a_doc_name_is_read_as_what_it_is(tmp_path, monkeypatch):
    monkeypatch.setattr(doc, "converter", lambda: None)  # neither needs LibreOffice
    renamed = tmp_path / "plan.doc"
    renamed.write_bytes(plan_docx(tmp_path / "plan.docx").read_bytes())
    assert read(renamed).text == read(tmp_path / "plan.docx").text
    page = tmp_path / "page.doc"
    page.write_text("<html><body><p>Số: 15/KH-UBND</p><p>KẾ HOẠCH</p></body></html>", encoding="utf-8")
    assert read(page).text == "Số: 15/KH-UBND\n\nKẾ HOẠCH"


def test_a_conversion_past_its_time_limit_is_stopped_with_what_it_started(tmp_path, monkeypatch):
    """A converter that never ends: stopped at the limit, its child process too, its folder removed."""
    pid_file = tmp_path / "child.pid"
    stuck = tmp_path / "stuck-soffice"
    stuck.write_text(f"#!/bin/sh\nsleep 600 &\necho $! > {pid_file}\nwait\n")
    stuck.chmod(0o755)
    monkeypatch.setattr(doc, "converter", lambda: str(stuck))
    monkeypatch.setattr(limits, "MAX_CONVERT_SECONDS", 1)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    path = tmp_path / "plan.doc"
    path.write_bytes(WORD_97)
    with pytest.raises(IngestError, match=r"LibreOffice took more than 1 s to convert it and was stopped"):
        read(path)
    child = int(pid_file.read_text())
    assert not Path(f"/proc/{child}").exists() or "Z" in Path(f"/proc/{child}/stat").read_text().split()[2]
    assert list(temporary.iterdir()) == []


# ---------------------------------------------------------------------------
# PDFs whose text layer is garbled


def scrambled_pdf(tmp_path, pages: list[list[str]], scrambled: set[int], destination=None) -> Path:
    """A PDF (fpdf2) whose pages in `scrambled` are set in a font whose map from glyphs to
    characters (its ToUnicode CMap) is scrambled: the page prints right, its text layer is garbage.

    `destination(i, code)` gives the character code the i-th glyph is mapped to (4 hex digits);
    by default the codes of the font's glyphs are rotated among them.
    """
    fpdf = require_module("fpdf")
    pdf = fpdf.FPDF()
    pdf.compress = False  # the CMap is rewritten in place
    pdf.add_font("Clean", fname=require_program("DejaVuSans", path=FONT))
    pdf.add_font("Broken", fname=require_program("DejaVuSerif", path=SERIF))
    for n, lines in enumerate(pages):
        pdf.add_page()
        pdf.set_font("Broken" if n in scrambled else "Clean", size=11)
        for line in lines:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    cmap = int(re.search(rb"/BaseFont /[A-Z]{6}\+DejaVuSerif.*?/ToUnicode (\d+) 0 R", data, re.S).group(1))
    body = re.search(rb"\n%d 0 obj(.*?)endobj" % cmap, data, re.S)
    codes = re.findall(rb"<[0-9A-F]{4}> <([0-9A-F]{4})>", body.group(1))
    mapped = iter(destination(i, c) for i, c in enumerate(codes)) if destination else iter(codes[7:] + codes[:7])
    garbled = re.sub(rb"(<[0-9A-F]{4}> )<[0-9A-F]{4}>", lambda m: m.group(1) + b"<" + next(mapped) + b">", body.group(1))
    assert len(garbled) == len(body.group(1))  # the offsets of the cross-reference table still hold
    path = tmp_path / "garbled.pdf"
    path.write_bytes(data[:body.start(1)] + garbled + data[body.end(1):])
    return path


def seed_page(start: int, count: int) -> list[str]:
    lines = [re.sub(r"[#*]", "", line).strip() for line in (SAMPLES / "002_cff90e727f3af707.txt").read_text().splitlines()]
    return [line for line in lines if line][start:start + count]


def test_a_garbled_page_is_read_by_ocr_and_a_clean_one_is_kept(tmp_path):
    require_ocr()
    clean, broken = seed_page(0, 4), seed_page(4, 4)
    path = scrambled_pdf(tmp_path, [clean, broken], scrambled={1})
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        layer = [page.extract_text() for page in pdf.pages]
    assert readable_share(layer[1]) < 0.5 < readable_share(layer[0])  # the fixture is what it claims
    result = read(path)
    first, second = result.text.split("\n\n", 1)
    assert first == layer[0]
    assert "35/KH-UBND" in second and "ngày 23 tháng 01 năm 2025" in second and "Quận 3" in second
    assert result.warnings == ["the text layer of page 2 of the PDF is garbled (a broken font encoding: "
                               f"{readable_share(layer[1]):.0%} of its words read as Vietnamese) and was replaced "
                               "by OCR (tesseract vie); check names and numbers"]
    assert result.locate(second.index("35/KH") + len(first) + 2) == "page 2"


def test_a_text_layer_of_private_use_characters_is_garbled_and_needs_ocr(tmp_path, monkeypatch):
    path = scrambled_pdf(tmp_path, [seed_page(0, 10)], scrambled={0}, destination=lambda i, code: b"E%03X" % i)
    monkeypatch.setattr(ocr, "missing_reason", lambda: "the tesseract program is not installed")
    with pytest.raises(IngestError) as excinfo:
        read(path)
    assert str(excinfo.value) == (f"{path}: the text layer of the PDF is garbled (a broken font encoding): OCR needs "
                                  "tesseract with the Vietnamese model (run scripts/setup --test, or apt-get install "
                                  "tesseract-ocr tesseract-ocr-vie); the tesseract program is not installed")


@pytest.mark.parametrize(("text", "garbled"), [
    ("Căn cứ Kế hoạch số 35/KH-UBND ngày 23 tháng 01 năm 2025 của Ủy ban nhân dân quận về thực hiện công tác "
     "cải cách hành chính trên địa bàn Quận 3 năm 2025;", False),
    ("- Phòng Nội vụ: chủ trì, phối hợp với các cơ quan, đơn vị triển khai thực hiện; • tổng hợp, báo cáo "
     "UBND quận (qua Phòng Nội vụ) trước ngày 15/12/2025 – theo mẫu.", False),
    # TCVN3 left unconverted, a font whose glyphs carry no characters, one shifted by 29 codes
    ("C¨n cø KÕ ho¹ch sè 35/KH-UBND ngµy 23 th¸ng 01 n¨m 2025 cña ñy ban nh©n d©n quËn vÒ thùc hiÖn c«ng t¸c "
     "c¶i c¸ch hµnh chÝnh trªn ®Þa bµn QuËn 3 n¨m 2025;", True),
    ("(cid:38)(cid:259)(cid:81) (cid:70)(cid:1913) " * 8, True),
    ("&ăQ Fứ .Ế KRạFK Vố 35/.+-8%1' QJà\\ 23 WKáQJ 01 QăP 2025 Fủ\\ Ủ\\ EDQ QKâQ GâQ TXậQ Yề WKựF KLệQ Fông WáF "
     "Fảl FáFK Kành FKíQK", True),
])
def test_readable_share_tells_vietnamese_from_a_broken_font(text, garbled):
    assert (readable_share(text) < 0.5) is garbled


# ---------------------------------------------------------------------------
# Folders: every file listed, what cannot be read refused with its reason


def test_a_folder_lists_every_file_but_hidden_ones_system_files_curation_and_a_store(tmp_path):
    for name in ("b.txt", "a.doc", "scan.jpg", "logo.png", "data.xyz", "README", "links.curation.csv",
                 ".hidden.txt", "~$plan.docx", "Thumbs.db", "desktop.ini", "sub/c.docx", ".git/HEAD", "store/CURRENT",
                 "store/IDENTITY", "store/000009.sst"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    os.mkfifo(tmp_path / "pipe.txt")
    assert [p.relative_to(tmp_path).as_posix() for p in files_under([tmp_path])] == [
        "README", "a.doc", "b.txt", "data.xyz", "logo.png", "pipe.txt", "scan.jpg", "sub/c.docx"]


def test_a_folder_ingest_lists_each_refused_file_with_its_reason(tmp_path, monkeypatch):
    monkeypatch.setattr(doc, "converter", lambda: None)
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "plan.txt").write_bytes((SAMPLES / "004_685590da405b82b8.txt").read_bytes())
    (folder / "notes.xyz").write_text("ghi chú")
    (folder / "old.doc").write_bytes(WORD_97)
    (folder / "damaged.docx").write_bytes(b"PK\x03\x04 cut short")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "links.curation.csv").write_text("subject,property,object,decision\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(folder), "--store", str(tmp_path / "store"), "--jobs", "1"])
    assert result.exit_code == 2, result.output
    assert "Ingested 5 file(s): 1 new, 0 changed, 0 unchanged, 4 refused." in result.stdout
    refused = [line.strip() for line in result.stderr.splitlines() if "refused:" in line]
    assert refused == [
        f"refused: {folder / 'damaged.docx'}: not a readable Word (.docx) file: damaged (File is not a zip file)",
        f"refused: {folder / 'empty.txt'}: the file is empty",
        f"refused: {folder / 'notes.xyz'}: unsupported file type '.xyz'; cancu reads "
        ".txt, .md, .markdown, .text, .docx, .doc, .html, .htm, .pdf, .png, .jpg, .jpeg, .tif, .tiff",
        f"refused: {folder / 'old.doc'}: {doc.INSTALL_HINT}",
    ]
    assert "curation" not in result.stderr


def test_ingest_of_a_folder_reads_the_doc_and_the_scan_and_refuses_the_damaged_file(tmp_path):
    """Issue 16, must show 4: a folder holding a .doc, a .jpg, a damaged file and good files."""
    require_ocr()
    folder = tmp_path / "plans"
    folder.mkdir()
    old = saved_as_doc(plan_docx(tmp_path / "ward-plan.docx"), folder)
    scan = scan_jpg(folder / "scan.jpg")
    for seed in ("002_cff90e727f3af707.txt", "004_685590da405b82b8.txt"):
        (folder / seed).write_bytes((SAMPLES / seed).read_bytes())
    damaged = folder / "damaged.docx"
    damaged.write_bytes(plan_docx(tmp_path / "whole.docx").read_bytes()[:3000])
    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(folder), "--store", str(store), "--format", "json"])
    assert result.exit_code == 2, result.output
    files = {Path(f["file"]).name: f for f in json.loads(result.stdout)["files"]}
    assert {name: f["status"] for name, f in files.items()} == {
        "002_cff90e727f3af707.txt": "new", "004_685590da405b82b8.txt": "new", "ward-plan.doc": "new",
        "scan.jpg": "new", "damaged.docx": "refused"}
    assert files["damaged.docx"]["error"].startswith(f"{damaged}: not a readable Word (.docx) file")
    assert any("OCR" in w for w in files["scan.jpg"]["warnings"])
    read_back = _numbers_issuers_and_tasks(GraphStore(store, read_only=True), [old, scan])
    number, issuer, tasks = read_back[old.name]
    assert (number, fold(issuer), tasks >= 4) == ("15/KH-UBND", "ubnd phuong mo lao", True)
    number, issuer, tasks = read_back[scan.name]
    assert (number, fold(issuer), tasks >= 2) == ("27/KH-UBND", "ubnd phuong mo lao", True)


def _numbers_issuers_and_tasks(store: GraphStore, paths: list[Path]) -> dict[str, tuple[str, str, int]]:
    """file name → (number, issuer's label, tasks) of the act read from each file."""
    rows = store.select("""
        PREFIX cc: <https://w3id.org/cancu/ont#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?file ?number ?issuer (COUNT(DISTINCT ?task) AS ?tasks) WHERE {
          ?doc cc:sourceFile ?file ; cc:number ?number ; cc:issuedBy/rdfs:label ?issuer .
          OPTIONAL { ?doc cc:hasTask ?task }
        } GROUP BY ?file ?number ?issuer""")
    wanted = {p.name for p in paths}
    return {Path(r["file"]).name: (r["number"], r["issuer"], r["tasks"]) for r in rows if Path(r["file"]).name in wanted}
