"""The header of every kind of issuer, in every layout offices and crawls print it (issue 16).

Excerpts written for these tests in the forms of the real corpus: the body in capitals over
the motto, the number and date under them, the type word over the title, the signature block.
"""

from __future__ import annotations

import unicodedata

import pytest

from ingest.extract import extract, extract_text
from ingest.issuers import header_issuer, level_of_issuer

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n"


def plan(agency: str, number: str = "Số: 27/KH-UBND", place: str = "Tuyên Quang", body: str = "") -> str:
    """A plan in the plain layout: the body's lines, the motto, the number, the date, the title."""
    return (
        f"{agency}\n-------\n{MOTTO}{number}\n{place}, ngày 12 tháng 3 năm 2025\n\nKẾ HOẠCH\n"
        "Triển khai công tác chuyển đổi số năm 2025\n\n"
        "Thực hiện Kế hoạch số 4/KH-UBND ngày 10/01/2025, cơ quan ban hành Kế hoạch như sau:\n\n"
        f"I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\n{body}"
    )


def document(text: str):
    return extract_text(text, "excerpt.md").document


@pytest.mark.parametrize(
    "agency, issuer, level",
    [
        ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG", "UBND tỉnh Tuyên Quang", "province"),
        ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÀ NẴNG", "UBND thành phố Đà Nẵng", "province"),
        ("UBND THÀNH PHỐ HỒ CHÍ MINH", "UBND Thành phố Hồ Chí Minh", "province"),
        ("ỦY BAN NHÂN DÂN\nHUYỆN YÊN SƠN", "UBND huyện Yên Sơn", "district"),
        ("ỦY BAN NHÂN DÂN\nQUẬN ĐỐNG ĐA", "UBND quận Đống Đa", "district"),
        ("ỦY BAN NHÂN DÂN\nTHỊ XÃ SƠN TÂY", "UBND thị xã Sơn Tây", "district"),
        ("ỦY BAN NHÂN DÂN\nXÃ VŨ HỘI", "UBND xã Vũ Hội", "commune"),
        ("ỦY BAN NHÂN DÂN\nPHƯỜNG NGỌC HÀ", "UBND phường Ngọc Hà", "commune"),
        ("ỦY BAN NHÂN DÂN\nĐẶC KHU PHÚ QUỐC", "UBND đặc khu Phú Quốc", "commune"),
        ("HỘI ĐỒNG NHÂN DÂN\nTỈNH TUYÊN QUANG", "HĐND tỉnh Tuyên Quang", "province"),
        ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\nSỞ NỘI VỤ", "Sở Nội vụ tỉnh Tuyên Quang", "province"),
        ("UBND THÀNH PHỐ HÀ\nNỘI\nTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Trung tâm Phục vụ hành chính công thành phố Hà Nội", "province"),
        ("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\nVĂN PHÒNG", "Văn phòng UBND tỉnh Nghệ An", "province"),
        ("BỘ TƯ PHÁP", "Bộ Tư pháp", "central"),
        ("BỘ KHOA HỌC VÀ\nCÔNG NGHỆ", "Bộ Khoa học và Công nghệ", "central"),
        ("BỘ TÀI CHÍNH\nCỤC THUẾ", "Cục Thuế", "central"),
        ("BỘ TÀI\nCHÍNH\nCỤC HẢI QUAN", "Cục Hải quan", "central"),
        ("BỘ CÔNG THƯƠNG\nTỔNG CỤC QUẢN LÝ THỊ TRƯỜNG", "Tổng cục Quản lý thị trường", "central"),
        ("BỘ TƯ PHÁP\nVỤ PHÁP CHẾ", "Vụ Pháp chế Bộ Tư pháp", "central"),
        ("CỤC THUẾ\nTHUẾ TỈNH TÂY NINH", "Thuế tỉnh Tây Ninh", "province"),
        ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ", "central"),
        ("CHÍNH PHỦ", "Chính phủ", "central"),
        ("VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ", "central"),
        ("QUỐC HỘI", "Quốc hội", "central"),
        ("ỦY BAN THƯỜNG VỤ QUỐC HỘI", "Ủy ban Thường vụ Quốc hội", "central"),
        ("BAN CHẤP HÀNH TRUNG ƯƠNG", "Ban Chấp hành Trung ương", "central"),
        ("BỘ CHÍNH TRỊ", "Bộ Chính trị", "central"),
        ("BAN BÍ THƯ", "Ban Bí thư", "central"),
        ("TỈNH ỦY TUYÊN QUANG", "Tỉnh ủy Tuyên Quang", "province"),
        ("BAN THƯỜNG VỤ TỈNH ỦY TUYÊN QUANG", "Ban Thường vụ Tỉnh ủy Tuyên Quang", "province"),
        ("ĐẢNG BỘ TỈNH HÀ TĨNH\nHUYỆN ỦY CAN LỘC", "Huyện ủy Can Lộc", "district"),
        ("TỈNH ỦY QUẢNG NAM\nBAN TUYÊN GIÁO", "Ban Tuyên giáo Tỉnh ủy Quảng Nam", "province"),
        ("ỦY BAN MTTQ VIỆT NAM\nTỈNH TUYÊN QUANG\nBAN THƯỜNG TRỰC", "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Tuyên Quang", "province"),
        ("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM\nTỈNH TUYÊN QUANG", "Ủy ban MTTQ Việt Nam tỉnh Tuyên Quang", "province"),
        ("BAN CHỈ ĐẠO NHÀ NƯỚC\nVỀ DU LỊCH", "Ban Chỉ đạo Nhà nước về du lịch", "central"),
        ("KIỂM TOÁN NHÀ NƯỚC", "Kiểm toán nhà nước", "central"),
    ],
)
def test_issuer_of_every_kind(agency, issuer, level):
    d = document(plan(agency))
    assert (d.issuer, d.issuer_level) == (issuer, level)


def test_a_body_the_crawl_broke_anywhere_reads_whole():
    assert header_issuer(["BỘ", "TÀI CHÍNH", "CỤC THUẾ"]) == header_issuer(["BỘ TÀI CHÍNH", "CỤC THUẾ"]) == "Cục Thuế"


def test_levels_of_bodies_below_a_ministry():
    assert [level_of_issuer(n) for n in ("Cục Thuế", "Thuế tỉnh Tây Ninh", "Văn phòng Bộ Tài chính")] == [
        "central", "province", "central"]


LAYOUTS = {
    # Lines, as Word and most converters give them.
    "lines": plan("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG"),
    # A crawl's table cells: the body's cell, the motto's cell, the number's, the date's.
    "crawl cells": (
        "|\n**ỦY BAN NHÂN DÂN**\nTỈNH TUYÊN QUANG\n-------\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n|\n|\nSố: 27/KH-UBND\n|\n*Tuyên Quang, ngày 12\n"
        "tháng 3 năm 2025*\n|\n\n**KẾ HOẠCH**\n\nTRIỂN KHAI CÔNG TÁC CHUYỂN ĐỔI SỐ\nNĂM 2025\n\n"
        "Thực hiện Kế hoạch số 4/KH-UBND ngày 10/01/2025, UBND tỉnh ban hành Kế hoạch như sau:\n"
    ),
    # Another crawl glues the row's cells and their rules on one line.
    "glued row": (
        "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - "
        "Hạnh phúc--------------- |\nSố: 27/KH-UBND | Tuyên Quang, ngày 12 tháng 3 năm 2025 |\n\n"
        "**KẾ HOẠCH**Triển khai công tác chuyển đổi số năm 2025\n\n"
        "Thực hiện Kế hoạch số 4/KH-UBND ngày 10/01/2025, UBND tỉnh ban hành Kế hoạch như sau:\n"
    ),
    # A table read row by row: the body and the motto side by side, line by line.
    "rows": (
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH TUYÊN QUANG | Độc lập - Tự do - Hạnh phúc\n"
        "Số: 27/KH-UBND | Tuyên Quang, ngày 12 tháng 3 năm 2025\n\nKẾ HOẠCH\nTriển khai công tác chuyển đổi số năm 2025\n"
    ),
    # A site's summary of the document printed above it.
    "after a summary": (
        "Ngày 12/3/2025, UBND tỉnh Tuyên Quang ban hành Kế hoạch số 27/KH-UBND về chuyển đổi số.\n"
        "- Thực hiện các nhiệm vụ trọng tâm về chuyển đổi số.\n- Xem chi tiết tại Kế hoạch.\n\n"
        + plan("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG")
    ),
}


@pytest.mark.parametrize("layout", LAYOUTS, ids=list(LAYOUTS))
def test_header_in_every_layout(layout):
    d = document(LAYOUTS[layout])
    assert (d.number, d.issuer, d.date, d.doc_type, d.place) == (
        "27/KH-UBND", "UBND tỉnh Tuyên Quang", "2025-03-12", "Kế hoạch", "Tuyên Quang")
    assert d.title == "Triển khai công tác chuyển đổi số năm 2025"


def test_an_nfd_header_reads_as_its_nfc_text():
    text = LAYOUTS["crawl cells"]
    assert document(unicodedata.normalize("NFD", text)) == document(text)


def test_the_party_prints_its_number_before_its_motto():
    d = document(
        "ĐẢNG BỘ TỈNH HÀ TĨNH\nHUYỆN ỦY CAN LỘC\n*\nSố 12-KH/HU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
        "Can Lộc, ngày 03 tháng 5 năm 2024\n\nKẾ HOẠCH\nthực hiện Chỉ thị số 05-CT/TU của Ban Thường vụ Tỉnh ủy\n\n"
        "Thực hiện Chỉ thị số 05-CT/TU, Ban Thường vụ Huyện ủy xây dựng Kế hoạch như sau:\n\n"
        "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn Hùng\n"
    )
    assert (d.number, d.issuer, d.date) == ("12-KH/HU", "Huyện ủy Can Lộc", "2024-05-03")
    assert d.title == "Thực hiện Chỉ thị số 05-CT/TU của Ban Thường vụ Tỉnh ủy"
    assert (d.signer, d.signer_title) == ("Nguyễn Văn Hùng", "Bí thư")


def test_a_number_broken_over_two_lines_is_whole():
    assert document(plan("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG", number="Số: 3783/QĐ-\nUBND")).number == "3783/QĐ-UBND"


def test_a_blank_number_and_date_are_null_with_a_warning():
    text = plan("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG", number="Số:      /KH-UBND").replace(
        "ngày 12 tháng 3 năm 2025", "ngày     tháng     năm 2025")
    e = extract_text(text, "excerpt.md")
    assert (e.document.number, e.document.date) == (None, None)
    assert any("number" in w for w in e.warnings) and any("date" in w for w in e.warnings)


def test_the_site_metadata_is_a_fallback_only():
    """The crawl's metadata fills what the document does not print, never what it prints."""
    header = "|\nSố hiệu:\n|\n27/KH-UBND\n|\n|\nNgày ban hành:\n|\n13/03/2025\n|\n|\nNgười ký:\n|\nHà Văn Chín\n|\n\n"
    printed = document("Đang tải văn bản...\n" + header + plan("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG"))
    assert (printed.number, printed.date) == ("27/KH-UBND", "2025-03-12")
    bare = document("Đang tải văn bản...\n" + header + "KẾ HOẠCH\nTriển khai công tác chuyển đổi số năm 2025\n")
    assert (bare.number, bare.date, bare.signer) == ("27/KH-UBND", "2025-03-13", "Hà Văn Chín")


@pytest.mark.parametrize(
    "heading, doc_type",
    [
        ("QUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC", "Quyết định"),
        ("CHỈ THỊ\nVỀ TĂNG CƯỜNG KỶ LUẬT HÀNH CHÍNH", "Chỉ thị"),
        ("THÔNG BÁO\nKẾT LUẬN CỦA CHỦ TỊCH UBND TỈNH", "Thông báo"),
        ("NGHỊ QUYẾT\nVỀ DỰ TOÁN NGÂN SÁCH NĂM 2026", "Nghị quyết"),
        ("NGHỊ ĐỊNHQuy định chi tiết một số điều", "Nghị định"),
        ("THÔNG TƯ\nHƯỚNG DẪN CHẾ ĐỘ BÁO CÁO", "Thông tư"),
        ("CÔNG ĐIỆN\nVỀ VIỆC ỨNG PHÓ MƯA LŨ", "Công điện"),
        ("TỜ TRÌNH\nVỀ VIỆC PHÊ DUYỆT ĐỀ ÁN", "Tờ trình"),
        ("BÁO CÁO\nKẾT QUẢ THỰC HIỆN NĂM 2025", "Báo cáo"),
        ("HƯỚNG DẪN\nCÔNG TÁC THI ĐUA NĂM 2025", "Hướng dẫn"),
    ],
)
def test_the_type_is_the_printed_word_not_the_number_code(heading, doc_type):
    text = (f"ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\n{MOTTO}Số: 27/KH-UBND\nTuyên Quang, ngày 12 tháng 3 năm 2025\n\n"
            f"{heading}\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n")
    assert document(text).doc_type == doc_type


def test_a_letter_is_a_cong_van_titled_by_its_subject():
    """A Công văn prints no type word; its code ("CT" = Cục Thuế here) is no Chỉ thị."""
    d = document(
        f"BỘ TÀI CHÍNH\nCỤC THUẾ\n-------\n{MOTTO}Số: 4521/CT-CS V/v chính sách thuế giá trị gia tăng\n"
        "Hà Nội, ngày 17 tháng 11 năm 2025\nKính gửi: Thuế tỉnh Tuyên Quang.\n\n"
        "Cục Thuế nhận được công văn của Thuế tỉnh Tuyên Quang. Về vấn đề này, Cục Thuế có ý kiến như sau:\n\n"
        "|\nTL. CỤC TRƯỞNG\nKT. TRƯỞNG BAN CHÍNH SÁCH,\nTHUẾ QUỐC TẾ\nPHÓ TRƯỞNG BAN\nLê Thị Minh\n|\n"
    )
    assert (d.doc_type, d.number, d.issuer) == ("Công văn", "4521/CT-CS", "Cục Thuế")
    assert d.title == "Về việc chính sách thuế giá trị gia tăng"
    assert (d.signer, d.signer_title) == ("Lê Thị Minh", "Phó Trưởng ban")


def test_a_subject_line_under_its_own_label():
    d = document(f"VĂN PHÒNG CHÍNH PHỦ\n-------\n{MOTTO}Số: 1130/VPCP-NN\nV/v:\nTháo gỡ khó khăn cho doanh nghiệp\n"
                 "Hà Nội, ngày 18 tháng 11 năm 2025\nKính gửi: Bộ Công Thương.\n")
    assert (d.doc_type, d.title, d.issuer) == ("Công văn", "Về việc tháo gỡ khó khăn cho doanh nghiệp", "Văn phòng Chính phủ")


def test_a_consolidated_text_is_typed_by_its_number():
    d = document(f"BỘ QUỐC PHÒNG\n-------\n{MOTTO}Số: 12/VBHN-BQP\nHà Nội, ngày 24 tháng 11 năm 2025\n"
                 "QUYẾT ĐỊNH\nVỀ CHẾ ĐỘ ĐỐI VỚI QUÂN NHÂN\n")
    assert d.doc_type == "Văn bản hợp nhất"


def test_a_decision_title_stops_at_its_authority_line():
    d = document(
        f"ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n-------\n{MOTTO}Số: 37/QĐ-UBND\nLạng Sơn, ngày 02 tháng 3 năm 2025\n"
        "QUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH KẾ HOẠCH CHUYỂN ĐỔI SỐ TRÊN ĐỊA BÀN\nTỈNH LẠNG SƠN GIAI ĐOẠN 2026 - 2030\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\nCăn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n|\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐoàn Thu Hà\n|\n"
    )
    assert d.title == "Về việc ban hành Kế hoạch chuyển đổi số trên địa bàn tỉnh Lạng Sơn giai đoạn 2026 - 2030"
    assert (d.issuer, d.year_in_scope) == ("UBND tỉnh Lạng Sơn", 2026)
    assert (d.signer, d.signer_title) == ("Đoàn Thu Hà", "Phó Chủ tịch")


def test_an_authority_glued_to_the_title_is_cut_off_and_read():
    """No body over the motto: the authority line ("BỘ TRƯỞNG BỘ …", glued here) names the issuer."""
    d = document(f"------- | {MOTTO}Số: 08/2025/TT-BTP\nHà Nội, ngày 20 tháng 11 năm 2025\n"
                 "THÔNG TƯ HƯỚNG DẪN CÔNG TÁC PHÁP CHẾ BỘ TRƯỞNG BỘ TƯ PHÁP\nCăn cứ Luật Ban hành văn bản;\n")
    assert (d.title, d.issuer) == ("Hướng dẫn công tác pháp chế", "Bộ Tư pháp")


def test_without_a_header_the_preamble_names_the_issuer():
    d = document("Số: 8/KH-UBND\n\nYên Sơn, ngày 04 tháng 01 năm 2024\n\nKẾ HOẠCH\nTuyên truyền năm 2024\n\n"
                 "Thực hiện Kế hoạch số 3/KH-UBND của UBND tỉnh, Ủy ban nhân dân huyện Yên Sơn ban hành Kế hoạch như sau:\n")
    assert d.issuer == "UBND huyện Yên Sơn"


@pytest.mark.parametrize(
    "title, year",
    [
        ("NÂNG CAO NĂNG LỰC CÁN BỘ GIAI ĐOẠN 2026 - 2030", 2026),
        ("QUAN TRẮC MÔI TRƯỜNG NĂM 2026", 2026),
        ("PHÁT TRIỂN HẠ TẦNG SỐ ĐẾN NĂM 2030", 2025),
        ("THỰC HIỆN CHƯƠNG TRÌNH GIAI ĐOẠN 2025 - 2035, ĐỊNH HƯỚNG ĐẾN NĂM 2045", 2025),
        ("THỰC HIỆN NGHỊ ĐỊNH SỐ 18/2019/NĐ-CP NGÀY 01 THÁNG 02 NĂM 2019", 2025),
        ("KIỂM KÊ TÀI SẢN CÔNG THỜI ĐIỂM 0H00 NGÀY 01 THÁNG 01 NĂM 2026", 2026),
        ("TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH", 2025),
    ],
)
def test_year_in_scope(title, year):
    text = (f"ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\n{MOTTO}Số: 27/KH-UBND\nTuyên Quang, ngày 12 tháng 11 năm 2025\n\n"
            f"KẾ HOẠCH\n{title}\n\nThực hiện Kế hoạch số 4/KH-UBND, UBND tỉnh ban hành Kế hoạch như sau:\n")
    assert document(text).year_in_scope == year


def test_a_rule_is_for_the_year_it_is_issued():
    text = (f"BỘ TÀI CHÍNH\n{MOTTO}Số: 112/2025/TT-BTC\nHà Nội, ngày 28 tháng 11 năm 2025\n\nTHÔNG TƯ\n"
            "SỬA ĐỔI THÔNG TƯ VỀ KINH PHÍ GIAI ĐOẠN 2021 - 2025\n\nCăn cứ Luật Ngân sách nhà nước;\n")
    assert document(text).year_in_scope == 2025


@pytest.mark.parametrize(
    "block, signer, title",
    [
        ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Văn Bình", "Trần Văn Bình", "Phó Chủ tịch"),
        ("|\n**TM. ỦY BAN NHÂN DÂN**\n**CHỦ TỊCH**\n**Trần Văn Bình**\n|", "Trần Văn Bình", "Chủ tịch"),
        ("KT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\n\nTrần Văn Bình", "Trần Văn Bình", "Phó Chủ nhiệm"),
        ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n(Đã ký)\nThượng tướng Trần Văn Bình", "Trần Văn Bình", "Thứ trưởng"),
        ("TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nTrần Văn Bình", "Trần Văn Bình", "Phó Thủ tướng"),
    ],
)
def test_signer_and_title_from_the_signature_block(block, signer, title):
    text = plan("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG", body=f"Nâng cao hiệu quả công tác.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n{block}\n")
    d = document(text)
    assert (d.signer, d.signer_title) == (signer, title)


def test_no_signature_block_gives_no_title():
    d = document(plan("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG", body="Nâng cao hiệu quả công tác.\n"))
    assert d.signer_title is None


def test_an_english_page_reads_its_number_and_date_and_no_garbage():
    d = document("MINISTRY OF FINANCE | SOCIALIST REPUBLIC OF VIETNAM\n-------- | Independence - Freedom - Happiness\n"
                 "No. 110/2025/TT-BTC | Hanoi, November 19, 2025\n\nCIRCULAR\n\nOn fees for licensing karaoke services\n\n"
                 "Pursuant to the Law on Fees and Charges;\n")
    assert (d.number, d.date, d.issuer, d.doc_type, d.title) == (
        "110/2025/TT-BTC", "2025-11-19", "Bộ Tài chính", "Thông tư", None)


# --- Word: the borderless header table -----------------------------------------------------


def _header_table_docx(path, rows: list[tuple[list[str], list[str]]]):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    table = d.add_table(rows=len(rows), cols=2)
    for r, (left, right) in enumerate(rows):
        for c, lines in enumerate((left, right)):
            cell = table.cell(r, c)
            cell.paragraphs[0].add_run(lines[0]).bold = True
            for line in lines[1:]:
                cell.add_paragraph(line)
    for line in ("KẾ HOẠCH", "Tuyên truyền cải cách hành chính năm 2025",
                 "Thực hiện Kế hoạch số 2/KH-UBND ngày 01/02/2025 của UBND thành phố, UBND phường ban hành Kế hoạch như sau:",
                 "I. MỤC ĐÍCH, YÊU CẦU"):
        d.add_paragraph(line)
    d.save(str(path))
    return path


@pytest.mark.parametrize(
    "rows",
    [
        # 2 x 2: the body and the number on the left, the motto and the date on the right.
        [(["ỦY BAN NHÂN DÂN", "PHƯỜNG NGỌC HÀ", "-------"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]),
         (["Số: 15/KH-UBND"], ["Ngọc Hà, ngày 05 tháng 3 năm 2025"])],
        # 1 x 2: each column in one cell (the reader joins a cell's paragraphs on one line).
        [(["ỦY BAN NHÂN DÂN", "PHƯỜNG NGỌC HÀ", "Số: 15/KH-UBND"],
          ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Ngọc Hà, ngày 05 tháng 3 năm 2025"])],
    ],
    ids=["2x2", "1x2"],
)
def test_a_word_header_table_reads_its_number_date_and_issuer(tmp_path, rows):
    d = extract(_header_table_docx(tmp_path / "ke-hoach.docx", rows)).document
    assert (d.number, d.date, d.issuer, d.issuer_level, d.place, d.doc_type) == (
        "15/KH-UBND", "2025-03-05", "UBND phường Ngọc Hà", "commune", "Ngọc Hà", "Kế hoạch")
