"""Readers: every format → the text later stages index, with its map back to the source.

Fixtures are made here at run time with the project's own tools (python-docx,
ingest.legacy's tables, Pillow, fpdf2) from the seed plans in cancu/samples.
Tests that need a system program or font skip on a user's machine and fail
under CI=true (see conftest.require_program).
"""

from __future__ import annotations

import codecs
import os
import re
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest

from ingest import legacy, ocr
from ingest.errors import IngestError
from ingest.fold import fold
from ingest.readers import SUPPORTED, Piece, ReadResult, locate, read, read_text
from tests.conftest import SAMPLES, require_program

SEED_000 = SAMPLES / "000_9d7cb655ad983fef.txt"
SEED_001 = SAMPLES / "001_b0f119634bb5a7ce.txt"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"

# The 67 accented small letters of Vietnamese; with their capitals, 134.
SMALL = "àảãáạăằẳẵắặâầẩẫấậèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵđ"
LETTERS = SMALL + SMALL.upper()
TASK_HEADER = ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"]


def require_module(name: str):
    """A Python package the test extra installs: skip without it, but fail under CI=true."""
    try:
        return __import__(name)
    except ImportError:
        reason = f"the Python package for '{name}' is not installed (pip install -e '.[test]')"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; CI=true, so this test may not be skipped")
        pytest.skip(reason)


def require_ocr() -> None:
    require_program("tesseract")
    reason = ocr.missing_reason()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; CI=true, so this test may not be skipped")
        pytest.skip(reason)


def seed_lines(path: Path = SEED_000, limit: int | None = None) -> list[str]:
    """The non-blank lines of a seed plan, without their Markdown decoration."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^[#>\s]*", "", line).replace("**", "").strip()
        if line:
            out.append(line)
    return out[:limit]


def round_trip_text() -> str:
    """A seed paragraph, then every accented letter inside a syllable, as letters occur in text."""
    words = " ".join(f"t{c}n" if c.islower() else f"T{c}N" for c in LETTERS)
    return "\n".join(seed_lines(limit=12)) + "\n" + words + "\n"


def assert_one_line_error(excinfo, path: Path, *fragments: str) -> None:
    message = str(excinfo.value)
    assert "\n" not in message
    assert message.startswith(str(path)), message
    for fragment in fragments:
        assert fragment in message, message


# ---------------------------------------------------------------------------
# API


def test_read_text_is_read_dot_text(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("Số: 41/KH-UBND\n\nKẾ HOẠCH\n", encoding="utf-8")
    assert read_text(path) == read(path).text == "Số: 41/KH-UBND\n\nKẾ HOẠCH\n"


def test_pieces_of_a_text_file_are_lines_and_locate_finds_them(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text("Số: 41/KH-UBND\r\n\r\nKẾ HOẠCH\r\nTuyên truyền", encoding="utf-8")
    result = read(path)
    assert [p.locator for p in result.pieces] == ["line 1", "line 3", "line 4"]
    assert [result.text[p.start:p.end] for p in result.pieces] == ["Số: 41/KH-UBND", "KẾ HOẠCH", "Tuyên truyền"]
    assert locate(result, result.text.index("HOẠCH")) == "line 3"
    assert result.locate(result.text.index("truyền")) == "line 4"


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(0, "page 1"), (2, "page 1"), (3, "page 1"), (4, "page 2"), (99, "page 2")],
)
def test_locate_gives_the_piece_before_a_separator(offset, expected):
    result = ReadResult("x.pdf", "ab\n\ncd", "pdf", [Piece(0, 2, "page 1"), Piece(4, 6, "page 2")])
    assert locate(result, offset) == expected


# ---------------------------------------------------------------------------
# Plain text encodings


@pytest.mark.parametrize(
    ("codec", "bom", "encoding"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("utf-16-le", b"", "utf-16"),
    ],
)
def test_unicode_text_files(tmp_path, codec, bom, encoding):
    text = SEED_000.read_text(encoding="utf-8")
    path = tmp_path / "plan.txt"
    path.write_bytes(bom + text.encode(codec))
    result = read(path)
    assert (result.text, result.encoding, result.kind, result.warnings) == (text, encoding, "text", [])


def cp1258_bytes(text: str) -> bytes:
    """Text as Windows-1258 writes it: a base letter from the code page, then a combining tone mark."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out += base.encode("cp1258") + "".join(c for c in decomposed if c in tones).encode("cp1258")
    return bytes(out)


def test_windows_1258_is_normalised_to_nfc_and_says_so(tmp_path):
    text = round_trip_text()
    path = tmp_path / "plan.txt"
    path.write_bytes(cp1258_bytes(text))
    result = read(path)
    assert result.encoding == "cp1258"
    assert result.text == text
    assert any("Windows-1258" in w and "NFC" in w for w in result.warnings)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_round_trip_of_all_134_letters(tmp_path, encoding):
    text = round_trip_text()
    assert len(set(LETTERS)) == 134
    path = tmp_path / f"plan-{encoding}.txt"
    path.write_bytes(legacy.encode(text, encoding))
    assert path.read_bytes() != text.encode("utf-8")
    result = read(path)
    assert result.encoding == encoding
    assert result.text == text
    assert any(legacy._NAMES[encoding] in w for w in result.warnings)


@pytest.mark.parametrize(
    ("mojibake", "unicode", "encoding"),
    [
        ("Qu¶n lý nhµ n\xadíc", "Quản lý nhà nước", "tcvn3"),
        ("KÕ ho¹ch c¶i c¸ch hµnh chÝnh", "Kế hoạch cải cách hành chính", "tcvn3"),
        ("Ñieàu 1. Keá hoaïch tuyeân truyeàn", "Điều 1. Kế hoạch tuyên truyền", "vni"),
        ("UÛY BAN NHAÂN DAÂN QUAÄN HAØ ÑOÂNG", "ỦY BAN NHÂN DÂN QUẬN HÀ ĐÔNG", "vni"),
    ],
)
def test_characteristic_mojibake_is_recognised(mojibake, unicode, encoding):
    assert legacy.detect(mojibake) == encoding
    assert legacy.to_unicode(mojibake, encoding) == unicode


@pytest.mark.parametrize(
    "text",
    [
        SEED_000.read_text(encoding="utf-8"),
        (SAMPLES / "004_685590da405b82b8.txt").read_text(encoding="utf-8"),  # OCR without diacritics, "M¢ Lao"
        "Café crème brûlée à la française, déjà vu",
        "Thuc hien Quyet dinh so 6830/QD-UBND",
    ],
)
def test_unicode_and_other_text_is_not_taken_for_legacy(text):
    assert legacy.detect(text) is None


def test_tcvn3_saved_by_windows_keeps_its_smart_quotes(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("“KÕ ho¹ch” – tuyªn truyÒn c¶i c¸ch hµnh chÝnh…".encode("cp1252"))
    assert read(path).text == "“Kế hoạch” – tuyên truyền cải cách hành chính…"


def test_tcvn3_capitals_typed_in_vntimeh_are_restored(tmp_path):
    # ".VnTimeH" draws the small-letter bytes as capitals: a text file keeps only the bytes.
    path = tmp_path / "old.txt"
    path.write_bytes("UBND PH¦êNG Mç LAO\nKÕ HO¹CH\nSè: 41/KH-UBND\nTuyªn truyÒn c¶i c¸ch hµnh chÝnh".encode("latin-1"))
    result = read(path)
    assert result.text.splitlines() == ["UBND PHƯỜNG MỖ LAO", "KẾ HOẠCH", "Số: 41/KH-UBND", "Tuyên truyền cải cách hành chính"]
    assert any(".VnTimeH" in w for w in result.warnings)


def test_tcvn3_chart_agrees_with_iconv():
    iconv = require_program("iconv")
    for byte, char in legacy.TCVN3_CHART.items():
        done = subprocess.run([iconv, "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes([byte]), capture_output=True)
        if done.returncode != 0:
            pytest.skip("this iconv has no TCVN5712-1 converter")
        assert done.stdout.decode("utf-8") == char, hex(byte)


def test_utf8_file_holding_vntime_characters_is_converted(tmp_path):
    path = tmp_path / "copied.txt"
    path.write_text("KÕ ho¹ch tuyªn truyÒn c¶i c¸ch hµnh chÝnh n¨m 2025", encoding="utf-8")
    result = read(path)
    assert (result.text, result.encoding) == ("Kế hoạch tuyên truyền cải cách hành chính năm 2025", "tcvn3")


# ---------------------------------------------------------------------------
# Word


def add_numbering(document, abstract_id: int, levels: list[tuple[str, str]]) -> int:
    """Add a list definition (numFmt, lvlText per level) to the numbering part; its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{abstract_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return abstract_id


def numbered(document, text: str, num_id: int, level: int):
    paragraph = document.add_paragraph(text)
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id
    return paragraph


def add_footnote(document, paragraph, note: str) -> None:
    """A footnote: its text in word/footnotes.xml, its reference mark at the end of `paragraph`."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    xml = (
        f'<w:footnotes {nsdecls("w")}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {note}</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    part = Part(PackURI("/word/footnotes.xml"), content_type, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    paragraph.add_run()._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="1"/>'))


def test_docx_paragraphs_come_back_in_order(tmp_path):
    docx = require_module("docx")
    lines = seed_lines()
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    path = tmp_path / "plan.docx"
    document.save(path)
    result = read(path)
    assert (result.kind, result.warnings) == ("docx", [])
    assert result.text == "\n\n".join(lines)
    assert [p.locator for p in result.pieces][:2] == ["paragraph 1", "paragraph 2"]


def structured_docx(tmp_path) -> Path:
    docx = require_module("docx")
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "TIÊU ĐỀ TRANG (header)"
    document.sections[0].footer.paragraphs[0].text = "Trang 1 (footer)"
    document.add_paragraph("KẾ HOẠCH")
    outline = add_numbering(document, 70, [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")])
    numbered(document, "MỤC ĐÍCH, YÊU CẦU", outline, 0)
    numbered(document, "Mục đích", outline, 1)
    numbered(document, "Cung cấp thông tin về CCHC.", outline, 2)
    cited = numbered(document, "Bám sát Nghị quyết số 76/NQ-CP của Chính phủ.", outline, 2)
    add_footnote(document, cited, "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ.")
    numbered(document, "Yêu cầu", outline, 1)
    numbered(document, "NỘI DUNG", outline, 0)
    numbered(document, "Nội dung tuyên truyền", outline, 1)
    table = document.add_table(rows=3, cols=6)
    for cell, text in zip(table.rows[0].cells, TASK_HEADER):
        cell.text = text
    rows = [["1", "Tuyên truyền trên cổng thông tin", "Văn phòng UBND", "Các phòng", "Quý I", "Tin bài"],
            ["", "Tổ chức hội nghị", "", "Đoàn thể", "Tháng 6", "Hội nghị"]]
    for r, values in enumerate(rows, start=1):
        for cell, text in zip(table.rows[r].cells, values):
            if text:
                cell.text = text
    table.cell(1, 0).merge(table.cell(2, 0))  # "1" spans both rows: it is not repeated
    table.cell(1, 2).merge(table.cell(2, 2))
    document.add_paragraph("Nơi nhận:")
    path = tmp_path / "structured.docx"
    document.save(path)
    return path


def test_docx_numbering_table_and_footnote(tmp_path):
    result = read(structured_docx(tmp_path))
    paragraphs = result.text.split("\n\n")
    assert paragraphs == [
        "KẾ HOẠCH",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "a) Cung cấp thông tin về CCHC.",
        "b) Bám sát Nghị quyết số 76/NQ-CP của Chính phủ.¹",
        "2. Yêu cầu",
        "II. NỘI DUNG",
        "1. Nội dung tuyên truyền",
        " | ".join(TASK_HEADER),
        "1 | Tuyên truyền trên cổng thông tin | Văn phòng UBND | Các phòng | Quý I | Tin bài",
        " | Tổ chức hội nghị |  | Đoàn thể | Tháng 6 | Hội nghị",
        "Nơi nhận:",
        "¹ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ.",
    ]
    assert "header" not in result.text and "footer" not in result.text
    assert locate(result, result.text.index("Tổ chức hội nghị")) == "table 1, row 3"
    assert locate(result, result.text.index("¹ Nghị")) == "footnote 1"
    assert locate(result, result.text.index("Nơi nhận")) == "paragraph 9"


def test_docx_style_numbering_list_number(tmp_path):
    docx = require_module("docx")
    document = docx.Document()
    for text in ("Phòng Nội vụ", "Phòng Tư pháp", "Văn phòng UBND"):
        document.add_paragraph(text, style="List Number")
    path = tmp_path / "list.docx"
    document.save(path)
    assert read(path).text.split("\n\n") == ["1. Phòng Nội vụ", "2. Phòng Tư pháp", "3. Văn phòng UBND"]


def test_docx_runs_in_legacy_fonts_are_converted(tmp_path):
    docx = require_module("docx")
    document = docx.Document()
    for text, font in (("KÕ ho¹ch", ".VnTimeH"), ("Tuyªn truyÒn c¶i c¸ch", ".VnTime"),
                       ("Ñieàu 1. Keá hoaïch", "VNI-Times"), ("Kế hoạch năm 2025", "Times New Roman")):
        document.add_paragraph().add_run(text).font.name = font
    path = tmp_path / "old-fonts.docx"
    document.save(path)
    result = read(path)
    assert result.text.split("\n\n") == ["KẾ HOẠCH", "Tuyên truyền cải cách", "Điều 1. Kế hoạch", "Kế hoạch năm 2025"]
    assert result.encoding == "tcvn3+vni"


def test_docx_pipeline_reads_the_same_facts_as_the_text(tmp_path):
    docx = require_module("docx")
    from ingest.extract import extract

    document = docx.Document()
    for line in seed_lines(SEED_001):
        document.add_paragraph(line)
    path = tmp_path / "001.docx"
    document.save(path)
    from_docx, from_text = extract(path), extract(SEED_001)
    assert from_docx.document.number == from_text.document.number == "12/KH-UBND"
    assert [b.number for b in from_docx.basis] == [b.number for b in from_text.basis]
    for fact in from_docx.basis:
        assert read_text(path)[fact.span[0]:fact.span[1]] == fact.quote


# ---------------------------------------------------------------------------
# Web pages

WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1258">
<meta name=Generator content="Microsoft Word 15">
<title>Tiêu đề không phải nội dung</title>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->
<style><!-- p.MsoNormal {mso-style-parent:""; font-family:"Times New Roman";} --></style>
</head>
<body lang=VI style='tab-interval:36.0pt'>
<div class=WordSection1>
<p class=MsoNormal align=center style='text-align:center'><b>KẾ HOẠCH<o:p></o:p></b></p>
<p class=MsoNormal>Thực&nbsp;hiện Kế hoạch số 54/KH-UBND
ngày 08/02/2024 của UBND Thành phố;<o:p></o:p></p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>Phòng Nội vụ chủ trì.<o:p></o:p></p>
<table class=MsoTableGrid border=1>
 <tr><td><p class=MsoNormal>STT</p></td><td><p>Nội dung</p></td><td><p>Cơ quan chủ trì</p></td></tr>
 <tr><td><p class=MsoNormal>1</p></td><td><p>Tuyên truyền</p><p>trên cổng</p></td><td><p>Văn phòng</p></td></tr>
</table>
<!--[if !supportMisalignedColumns]--><p>Nơi nhận:</p><!--[endif]-->
<script>document.write("không phải văn bản")</script>
</div>
</body>
</html>
"""


def test_word_html_in_windows_1258(tmp_path):
    path = tmp_path / "plan.htm"
    path.write_bytes(cp1258_bytes(WORD_HTML))
    result = read(path)
    assert result.kind == "html" and result.encoding == "cp1258"
    assert result.text.split("\n\n") == [
        "KẾ HOẠCH",
        "Thực hiện Kế hoạch số 54/KH-UBND ngày 08/02/2024 của UBND Thành phố;",
        "1. Phòng Nội vụ chủ trì.",
        "STT | Nội dung | Cơ quan chủ trì",
        "1 | Tuyên truyền trên cổng | Văn phòng",
        "Nơi nhận:",
    ]
    assert any("Windows-1258" in w and "NFC" in w for w in result.warnings)
    assert locate(result, result.text.index("Tuyên truyền")) == "table 1, row 2"


def test_html_utf8_lists_and_legacy_page(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<meta charset="utf-8"><h1>Kế hoạch</h1><ol><li>Một</li><li>Hai</li></ol>'
                    "<ul><li>Ý kiến</li></ul><p>a<br>b</p>", encoding="utf-8")
    assert read(page).text.split("\n\n") == ["Kế hoạch", "1. Một", "2. Hai", "- Ý kiến", "a\nb"]
    old = tmp_path / "old.html"
    old.write_bytes(b'<p><font face=".VnTime">' + "KÕ ho¹ch tuyªn truyÒn c¶i c¸ch hµnh chÝnh".encode("latin-1") + b"</font></p>")
    result = read(old)
    assert (result.text, result.encoding) == ("Kế hoạch tuyên truyền cải cách hành chính", "tcvn3")


# ---------------------------------------------------------------------------
# PDF and scans


def text_pdf(tmp_path, pages: list[list[str]], name="plan.pdf", **encryption) -> Path:
    fpdf = require_module("fpdf")
    font = require_program("DejaVuSans", path=FONT)
    pdf = fpdf.FPDF()
    pdf.add_font("DejaVu", fname=font)
    if encryption:
        pdf.set_encryption(**encryption)
    for lines in pages:
        pdf.add_page()
        pdf.set_font("DejaVu", size=11)
        for line in lines:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / name
    pdf.output(str(path))
    return path


def test_pdf_text_layer_page_by_page(tmp_path):
    lines = seed_lines(limit=8)
    path = text_pdf(tmp_path, [lines[:5], lines[5:]])
    result = read(path)
    assert (result.kind, result.warnings) == ("pdf", [])
    assert [p.locator for p in result.pieces] == ["page 1", "page 2"]
    assert fold(" ".join(result.text.split())) == fold(" ".join(" ".join(lines).split()))
    assert locate(result, result.text.index("Thực hiện")) == "page 1"
    assert locate(result, result.text.index("MỤC ĐÍCH")) == "page 2"


def test_encrypted_pdf_is_refused(tmp_path):
    path = text_pdf(tmp_path, [["Kế hoạch số 41/KH-UBND"]], name="locked.pdf", owner_password="o", user_password="u")
    with pytest.raises(IngestError) as excinfo:
        read(path)
    assert_one_line_error(excinfo, path, "encrypted PDF")


SCAN_LINES = [
    "ỦY BAN NHÂN DÂN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "PHƯỜNG MỖ LAO                      Độc lập - Tự do - Hạnh phúc",
    "Số: 41/KH-UBND                 Mỗ Lao, ngày 28 tháng 02 năm 2025",
    "",
    "KẾ HOẠCH",
    "Tuyên truyền cải cách hành chính nhà nước năm 2025",
    "",
    "Thực hiện Quyết định số 6830/QĐ-UBND ngày 31/12/2024 của UBND thành phố",
    "Hà Nội về việc ban hành Kế hoạch cải cách hành chính nhà nước năm 2025;",
    "UBND phường Mỗ Lao xây dựng kế hoạch tuyên truyền như sau:",
]


def scan_image(lines=SCAN_LINES):
    """A page of print at 300 dpi (A4), drawn with a font that has Vietnamese glyphs."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(require_program("DejaVuSerif", path=SERIF), 40)
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((200, 250 + 75 * n), line, font=font, fill=0)
    return image


def test_scanned_pdf_is_read_by_ocr(tmp_path):
    require_ocr()
    path = tmp_path / "scan.pdf"
    scan_image().save(path, "PDF", resolution=300)
    result = read(path)
    assert result.kind == "scan"
    assert "41/KH-UBND" in result.text
    assert "mo lao" in fold(result.text)
    assert "6830/" in result.text
    assert any("OCR" in w and "tesseract" in w for w in result.warnings)
    assert locate(result, result.text.index("41/KH-UBND")) == "page 1"


def test_image_is_read_by_ocr_and_a_blank_one_is_refused(tmp_path):
    require_ocr()
    from PIL import Image

    path = tmp_path / "scan.png"
    scan_image(SCAN_LINES[:5]).save(path, dpi=(300, 300))
    result = read(path)
    assert result.kind == "scan" and "41/KH-UBND" in result.text
    blank = tmp_path / "blank.png"
    Image.new("L", (600, 800), 255).save(blank)
    with pytest.raises(IngestError) as excinfo:
        read(blank)
    assert_one_line_error(excinfo, blank, "OCR read no text in the scan")


def test_scan_without_tesseract_says_how_to_install_it(tmp_path, monkeypatch):
    from PIL import Image

    path = tmp_path / "scan.pdf"
    Image.new("L", (300, 400), 200).save(path, "PDF", resolution=100)
    monkeypatch.setattr(ocr, "missing_reason", lambda: "the tesseract program is not installed")
    with pytest.raises(IngestError) as excinfo:
        read(path)
    assert_one_line_error(excinfo, path, "scanned document: OCR needs tesseract with the Vietnamese model",
                          "apt-get install tesseract-ocr tesseract-ocr-vie")


# ---------------------------------------------------------------------------
# Files that cannot be read

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
OLE_BYTES = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of Word 97–2003, Excel and PowerPoint files


def zip_bytes(tmp_path, names: dict[str, bytes]) -> bytes:
    path = tmp_path / "z.zip"
    with zipfile.ZipFile(path, "w") as z:
        for name, data in names.items():
            z.writestr(name, data)
    return path.read_bytes()


MALFORMED = [
    ("plan.xyz", b"text", ["unsupported file type '.xyz'", ".docx", ".pdf", ".html"]),
    ("plan.odt", b"PK\x03\x04...", ["unsupported file type '.odt'", "save it as .docx"]),
    ("plan.doc", OLE_BYTES + bytes(504), ["not a readable Word 97–2003 (.doc) file", "damaged", "no Word document"]),
    ("sheet.doc", OLE_BYTES + "Workbook".encode("utf-16-le"), ["not a Word 97–2003 (.doc) file", "an Excel workbook"]),
    ("note.doc", "Kế hoạch".encode(), ["not a Word 97–2003 (.doc) file", "does not start as one"]),
    ("README", b"text", ["unsupported file type '(none)'"]),
    ("empty.txt", b"", ["the file is empty"]),
    ("blank.txt", b"  \r\n\t\n", ["only blank space"]),
    ("image.txt", PNG_BYTES, ["binary data, not text", "a PNG image"]),
    ("data.txt", bytes(range(1, 32)) * 40 + b"\x00\x00\x01", ["binary data, not text"]),
    ("nul.txt", b"\x00\x01\x02\x00" * 10, ["binary data, not text"]),
    ("plain.docx", b"just some text", ["not a readable Word (.docx) file", "not a zip archive"]),
    ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), ["not a readable Word (.docx) file", "old-format"]),
    ("nodoc.docx", "zip:[Content_Types].xml", ["not a readable Word (.docx) file", "damaged", "word/document.xml"]),
    ("badxml.docx", "zip:word/document.xml", ["not a readable Word (.docx) file", "damaged"]),
    ("plan.pdf", b"this is not a pdf at all", ["not a readable PDF", "does not start with %PDF-"]),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage without xref or trailer", ["not a readable PDF", "damaged"]),
    ("empty.html", b"<html><head><title>t</title><script>var a = 1;</script></head><body> &nbsp; </body></html>",
     ["the web page contains no text"]),
    ("bad.png", b"\x89PNG\r\n\x1a\nnot really", ["not a readable image"]),
]


@pytest.mark.parametrize(("name", "data", "fragments"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_files_raise_one_line_errors_naming_the_file(tmp_path, name, data, fragments):
    if isinstance(data, str):
        member = data.removeprefix("zip:")
        data = zip_bytes(tmp_path, {member: b"<not xml" if member.endswith("document.xml") else b"<Types/>"})
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError) as excinfo:
        read(path)
    assert_one_line_error(excinfo, path, *fragments)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        read(tmp_path / "absent.txt")
    with pytest.raises(IngestError, match="is a folder"):
        read(tmp_path)


def test_supported_suffixes_are_listed():
    assert {".txt", ".md", ".docx", ".html", ".htm", ".pdf", ".png", ".jpg", ".tif"} <= set(SUPPORTED)
