"""The outline tree, and duties read from it wherever a document assigns them.

Excerpts are written here in the forms real documents take (crawled Markdown with "|" cells,
label blocks, directives, decisions with their plan); the dev documents, when ../shared is
present, must each give a tree with a header, a title and sections.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.extract import extract_text
from ingest.normalise import normalise
from ingest.outline import build, render

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def tree_of(source: str):
    return build(normalise(source).text).root


def kinds(node, kind: str):
    return [n for n in node.walk() if n.kind == kind]


CRAWL_HEADER = """|
**ỦY BAN NHÂN DÂN**
TỈNH AN GIANG
-------
|
**CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 77/KH-UBND
|
*An Giang, ngày 03
tháng 3 năm 2025*
|

**KẾ HOẠCH**

Triển khai công tác phổ biến pháp luật năm 2025

Căn cứ Kế hoạch số 12/KH-UBND ngày 10/01/2025 của UBND tỉnh An Giang; UBND tỉnh ban hành Kế hoạch như sau:

**I. MỤC
ĐÍCH, YÊU CẦU**

Bảo đảm phổ biến kịp thời.

**IV. TỔ CHỨC
THỰC HIỆN**

**1.
Sở Tư pháp:**

- Chủ trì, phối hợp với Sở Nội vụ tổ chức tập huấn
cho cán bộ làm công tác pháp chế.

- Tổng hợp, báo cáo UBND tỉnh trước ngày 15/12/2025.

**2. Đề nghị Ủy ban MTTQ Việt Nam tỉnh:**

- Tuyên truyền, vận động hội viên chấp hành pháp luật.

|
*Nơi nhận:*
- Bộ Tư pháp;
- Lưu: VT.
|
**KT. CHỦ TỊCH**
**PHÓ CHỦ TỊCH**
**Lê Văn Bình**
|
"""


def test_a_crawled_plan_has_its_parts():
    tree = tree_of(CRAWL_HEADER)
    top = [n.kind for n in tree.children]
    assert top[:3] == ["header", "title", "title"]
    assert "preamble" in top and top[-1] == "closing"
    header = tree.children[0]
    assert [[c.text.split("\n")[0] for c in row.children] for row in header.children] == [
        ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["Số: 77/KH-UBND", "An Giang, ngày 03 tháng 3 năm 2025"]]


def test_a_heading_broken_over_two_lines_is_found():
    tree = tree_of(CRAWL_HEADER)
    sections = [(s.marker, s.text) for s in kinds(tree, "section")]
    assert sections == [("I", "MỤC ĐÍCH, YÊU CẦU"), ("IV", "TỔ CHỨC THỰC HIỆN")]
    units = [n.text for n in kinds(tree, "item") if n.marker in ("1", "2")]
    assert units == ["Sở Tư pháp:", "Đề nghị Ủy ban MTTQ Việt Nam tỉnh:"]


def test_the_header_read_through_the_outline():
    e = extract_text(CRAWL_HEADER, "an-giang.md")
    d = e.document
    assert (d.number, d.doc_type, d.date, d.issuer, d.signer) == ("77/KH-UBND", "Kế hoạch", "2025-03-03", "UBND tỉnh An Giang", "Lê Văn Bình")
    assert e.recipients == ["Bộ Tư pháp"]


def test_duties_under_unit_headings():
    e = extract_text(CRAWL_HEADER, "an-giang.md")
    got = [(t.section, t.unit, t.role, t.cooperating_units, t.deadline, t.requested_not_assigned) for t in e.tasks]
    assert got == [
        ("IV.1", "Sở Tư pháp", "lead", ["Sở Nội vụ"], None, False),
        ("IV.1", "Sở Tư pháp", "report", [], "2025-12-15", False),
        ("IV.2", "Ủy ban MTTQ Việt Nam tỉnh", "execute", [], None, True),
    ]
    assert e.tasks[0].quote.startswith("Chủ trì, phối hợp với Sở Nội vụ tổ chức tập huấn\ncho")


LABEL_BLOCKS = """KẾ HOẠCH
Bồi dưỡng cán bộ pháp chế năm 2026

III. NHIỆM VỤ, GIẢI PHÁP

1. Rà soát đội ngũ làm công tác pháp chế

- Thường xuyên rà soát, bổ sung cán bộ pháp chế đủ tiêu chuẩn.

*Đơn vị chủ trì thực hiện: *Các Sở, ngành, UBND cấp xã.

*Đơn vị phối hợp: *Sở Nội vụ, Sở Tư pháp.

*Thời gian thực hiện: *Thường xuyên.

2. Tập huấn nghiệp vụ

- Tổ chức tập huấn kỹ năng soạn thảo văn bản.

Đơn vị chủ trì: Sở Tư pháp.

Đơn vị phối hợp: Các cơ quan, đơn vị liên quan.

Thời gian thực hiện: Hằng năm.

- Đề nghị người đứng đầu cấp ủy các cấp quan tâm chỉ đạo công tác pháp chế.

Đơn vị thực hiện: Các Sở, ngành.

Thời gian thực hiện: Thường xuyên.
"""


def test_a_label_block_gives_its_duties_their_lead_and_partners():
    e = extract_text(LABEL_BLOCKS, "labels.txt")
    got = [(t.section, t.unit, t.role, t.cooperating_units, t.recurrence, t.requested_not_assigned) for t in e.tasks]
    assert got == [
        ("III.1", "Các Sở, ngành, UBND cấp xã", "lead", ["Sở Nội vụ", "Sở Tư pháp"], "periodic", False),
        ("III.2", "Sở Tư pháp", "lead", ["Các cơ quan, đơn vị liên quan"], "annual", False),
        ("III.2", "Người đứng đầu cấp ủy các cấp", "execute", [], "periodic", True),
    ]


DIRECTIVE = """CHỈ THỊ
Về tăng cường quản lý tài nguyên nước

Thời gian qua, công tác quản lý còn hạn chế. Để khắc phục, Chủ tịch UBND tỉnh yêu cầu:

1. Sở Nông nghiệp và Môi trường

a) Tăng cường tuyên truyền các quy định về tài nguyên nước.

b) Tham mưu UBND tỉnh lập danh mục vùng hạn chế khai thác.

2. Sở Xây dựng chủ trì, phối hợp với UBND cấp xã rà soát hệ thống cấp nước.

3. Đề nghị Ủy ban MTTQ Việt Nam tỉnh tăng cường vận động nhân dân tiết kiệm nước.

Yêu cầu Giám đốc các sở, ngành nghiêm túc triển khai thực hiện Chỉ thị này.
"""


def test_a_directives_numbered_addressees():
    e = extract_text(DIRECTIVE, "chi-thi.txt")
    got = [(t.section, t.unit, t.role, t.requested_not_assigned) for t in e.tasks]
    assert got == [
        ("1.a", "Sở Nông nghiệp và Môi trường", "execute", False),
        ("1.b", "Sở Nông nghiệp và Môi trường", "propose", False),
        ("2", "Sở Xây dựng", "lead", False),
        ("3", "Ủy ban MTTQ Việt Nam tỉnh", "execute", True),
    ]


APPENDIX_TABLE = """KẾ HOẠCH
Phát triển hạ tầng số

V. TỔ CHỨC THỰC HIỆN

1. Sở Khoa học và Công nghệ

- Chủ trì theo dõi việc thực hiện Kế hoạch.

PHỤ LỤC

NHIỆM VỤ CHỦ YẾU

|
TT
|
Nội dung nhiệm vụ
|
Cơ quan chủ trì
|
Cơ quan phối hợp
|
Thời gian thực hiện
|
|
1
|
Khảo sát hiện trạng hạ tầng viễn thông
|
Sở Khoa học và Công nghệ
|
Sở Công Thương; UBND các xã
|
Hằng năm
|
|
2
|
Xây dựng cơ sở dữ liệu hạ tầng
|
Sở Xây dựng
|
Sở Khoa học và Công nghệ
|
Quý IV/2026
|
"""


def test_an_appendix_table_gives_one_duty_a_row():
    e = extract_text(APPENDIX_TABLE, "phu-luc.md")
    got = [(t.section, t.unit, t.role, t.cooperating_units, t.recurrence) for t in e.tasks]
    assert got == [
        ("V.1", "Sở Khoa học và Công nghệ", "lead", [], "none"),
        ("PL.1", "Sở Khoa học và Công nghệ", "lead", ["Sở Công Thương", "UBND các xã"], "annual"),
        ("PL.2", "Sở Xây dựng", "lead", ["Sở Khoa học và Công nghệ"], "none"),
    ]


def test_render_prints_kinds_markers_and_spans():
    text = render(tree_of(DIRECTIVE), width=80)
    assert text.splitlines()[0] == "document"
    assert "  item 1 [" in text and "    item a [" in text


def dev_documents() -> list[Path]:
    folder = SHARED / "corpus" / "dev"
    if not folder.is_dir():
        if os.environ.get("CI") == "true":
            raise AssertionError(f"{folder} is missing: CI must run with ../shared")
        return []
    return sorted(folder.glob("*.md"))


@pytest.mark.parametrize("path", dev_documents() or [pytest.param(None, marks=pytest.mark.skip("../shared is absent"))],
                         ids=lambda p: p.stem if p else "none")
def test_every_dev_document_has_a_header_a_title_and_sections(path):
    tree = tree_of(path.read_text(encoding="utf-8"))
    top = {n.kind for n in tree.children}
    assert {"header", "title"} <= top, render(tree, width=100)[:2000]
    assert kinds(tree, "section") or kinds(tree, "item"), render(tree, width=100)[:2000]


def test_a_scanned_heading_without_its_dot_is_still_a_section():
    tree = tree_of("KẾ HOẠCH\nTuyên truyền\n\nII TỔ CHỨC THỰC HIỆN\n\n1. Phòng Nội vụ\n\n- Chủ trì tổng hợp.\n\n"
                   "VI PHẠM HÀNH CHÍNH VỀ ĐẤT ĐAI\n")
    assert [(s.marker, s.text) for s in kinds(tree, "section")] == [("II", "TỔ CHỨC THỰC HIỆN")]
