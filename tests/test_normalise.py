"""The normalise stage: each step alone on excerpts in the forms offices and crawls write, the
map back to the source, and the same facts from an NFD copy of every sample."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract import extract_text
from ingest.fold import fold
from ingest.normalise import STEPS, normalise
from tests.conftest import SAMPLES


def run(step: str, text: str) -> str:
    return normalise(text, steps=[step]).text


def test_every_step_is_listed_with_a_summary():
    assert [s.name for s in STEPS] == ["line_endings", "nfc", "invisible", "site_banner", "rejoin", "markdown", "ocr_junk"]
    assert all(s.summary for s in STEPS)


def test_an_unknown_step_is_named():
    with pytest.raises(ValueError, match="unknown normalise step.*spelling"):
        normalise("x", steps=["spelling"])


def test_line_endings():
    assert run("line_endings", "Số: 5/KH-UBND\r\nKẾ HOẠCH\rx") == "Số: 5/KH-UBND\nKẾ HOẠCH\nx"


def test_nfc_composes_what_nfd_decomposed():
    nfd = unicodedata.normalize("NFD", "Ủy ban nhân dân huyện Quỳnh Lưu")
    assert len(nfd) > 31
    assert run("nfc", nfd) == "Ủy ban nhân dân huyện Quỳnh Lưu"


def test_nfc_drops_a_mark_with_nothing_to_sit_on():
    assert run("nfc", "\u0301Kế hoạch") == "Kế hoạch"


def test_invisible_characters():
    assert run("invisible", "Số:\u00a041/KH-UBND\u200b\tngày\u00ad") == "Số: 41/KH-UBND ngày"


BANNER = """|
|
Bản dịch này thuộc quyền sở hữu của **
THƯ VIỆN PHÁP LUẬT**. Mọi hành vi sao chép là vi phạm pháp luật.
X
Click vào phần bôi vàng để xem chi tiết.
|
Đang tải văn bản...
#
Kế hoạch 12/KH-UBND năm 2025 về tuyên truyền cải cách hành chính
**Số hiệu:**
|
12/KH-UBND
|
|
**Loại văn bản:**
|
Kế hoạch
|
**Nơi ban hành:**
|
Tỉnh Nghệ An
|
|
**Người ký:**
|
Lê Văn A
|
**Ngày ban hành:**
|
07/01/2025
|
|
**Tình trạng:**
|
Đã biết
|
|
**ỦY BAN NHÂN DÂN
TỈNH NGHỆ AN**
|
Số: 12/KH-UBND
|
**KẾ HOẠCH**
Nội dung.
|
**KT. CHỦ TỊCH**
Lê Văn A
|
Kế hoạch 12/KH-UBND năm 2025 về tuyên truyền cải cách hành chính
Văn bản này chưa cập nhật nội dung Tiếng Anh
## Văn bản liên quan
Ban hành:
01/12/2025
"""


def test_site_banner_is_set_aside_and_its_metadata_kept():
    t = normalise(BANNER, steps=["site_banner"])
    assert t.text.startswith("|\n**ỦY BAN NHÂN DÂN")
    assert "Lê Văn A\n|\n" in t.text and "Văn bản liên quan" not in t.text and "Đang tải" not in t.text
    assert t.metadata == {"number": "12/KH-UBND", "doc_type": "Kế hoạch", "issuer": "Tỉnh Nghệ An",
                          "signer": "Lê Văn A", "date": "07/01/2025"}


def test_metadata_printed_one_field_a_line():
    text = "Kế hoạch 25/KH-UBND về tuyên truyền năm 2025\n\nSố hiệu 25/KH-UBND\nNgày ban hành 24/01/2025\n" \
           "Cơ quan ban hành Thành phố Hà Nội\nNgười ký Hà Minh Hải\n\nỦY BAN NHÂN DÂN\n"
    t = normalise(text, steps=["site_banner"])
    assert t.metadata["number"] == "25/KH-UBND" and t.metadata["signer"] == "Hà Minh Hải"
    assert t.text.lstrip().startswith("ỦY BAN NHÂN DÂN")


def test_a_document_without_banner_is_left_alone():
    text = "ỦY BAN NHÂN DÂN\nSố: 5/KH-UBND\nKẾ HOẠCH\nSố hiệu các tuyến đường được giữ nguyên.\n"
    assert run("site_banner", text) == text


@pytest.mark.parametrize("broken, joined", [
    ("**IV. TỔ CHỨC\nTHỰC HIỆN**", "**IV. TỔ CHỨC THỰC HIỆN**"),  # a bold heading broken by the crawl
    ("IV. TỔ CHỨC\nTHỰC HIỆN", "IV. TỔ CHỨC THỰC HIỆN"),  # a numbered heading whose words go on
    ("**ỦY BAN NHÂN\nDÂN **\nTHÀNH PHỐ HÀ NỘI", "**ỦY BAN NHÂN DÂN **\nTHÀNH PHỐ HÀ NỘI"),
    ("Thực hiện Kế hoạch số 14-KH/TU\nngày 29/7/2025 của Ban Thường vụ Tỉnh ủy;", "Thực hiện Kế hoạch số 14-KH/TU ngày 29/7/2025 của Ban Thường vụ Tỉnh ủy;"),
    ("*Hà Nội, ngày\n24 tháng 11 năm 2025*", "*Hà Nội, ngày 24 tháng 11 năm 2025*"),
    ("các tổ chức chính trị\n- xã hội", "các tổ chức chính trị - xã hội"),
    ("giai đoạn 2026\n- 2030 phấn đấu", "giai đoạn 2026 - 2030 phấn đấu"),
    ("**IV.\nPHÂN CÔNG NHIỆM VỤ**", "**IV. PHÂN CÔNG NHIỆM VỤ**"),  # a marker alone on its line
    ("**1.\nSở Công Thương:**", "**1. Sở Công Thương:**"),
])
def test_rejoin_joins_broken_lines(broken, joined):
    assert run("rejoin", broken) == joined


@pytest.mark.parametrize("kept", [
    "1. Mục đích\n- Triển khai kịp thời.",  # a dash item opens its own line
    "như sau:\n1. Việc hợp nhất 03 Chương trình",  # a sentence ended
    "**KẾ HOẠCH**\nNâng cao năng lực cán bộ",  # the type heading stands alone
    "**UỶ BAN NHÂN DÂN**\nTỈNH BẮC NINH",  # two bold runs of the header: two lines
    "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrương Việt Dũng",  # the signature block
    "STT | Nội dung | Cơ quan chủ trì\n1 | Rà soát TTHC | Phòng Nội vụ",  # table rows
    "|\nSố: 141/KH-UBND\n|",  # a table's cell edges
    "(1) Giao Bộ Nông nghiệp chủ trì\n(2) Giao Bộ Tài chính",
])
def test_rejoin_keeps_lines_that_stand_alone(kept):
    assert run("rejoin", kept) == kept


def test_markdown_decoration_goes_and_table_edges_stay():
    text = "#### **1. Phòng Tư pháp**\n*Đơn vị chủ trì: *Sở Nội vụ\n|\n** **\n\\- a\n* một ý\nghi chú (*)"
    assert run("markdown", text) == "1. Phòng Tư pháp\nĐơn vị chủ trì: Sở Nội vụ\n|\n \n- a\n* một ý\nghi chú (*)"


def test_ocr_junk_lines_go():
    assert run("ocr_junk", "Kế hoạch\n~ ' ,\n-------\n|\nNội dung") == "Kế hoạch\n\n-------\n|\nNội dung"


def test_quotes_are_slices_of_the_source():
    source = "**III. NHIỆM VỤ,\nGIẢI PHÁP**\n\n*Đơn vị chủ trì thực hiện: *Các\nSở, ngành."
    t = normalise(source)
    assert t.text == "III. NHIỆM VỤ, GIẢI PHÁP\n\nĐơn vị chủ trì thực hiện: Các Sở, ngành."
    start = t.text.index("Các")
    assert t.quote(start, len(t.text)) == "Các\nSở, ngành."
    assert t.quote(0, 3) == "III"
    assert len(t.folded) == len(t.text) and t.folded.startswith("iii. nhiem vu, giai phap")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("ab Ủ*|#\n\r\t\u00a0\u0301-.:1)") + ["**", "IV. ", "\u200b"]), max_size=40).map("".join),
       st.data())
def test_every_span_maps_into_the_source(source, data):
    t = normalise(source)
    start = data.draw(st.integers(0, len(t.text)))
    end = data.draw(st.integers(start, len(t.text)))
    s, e = t.source_span(start, end)
    assert 0 <= s <= e <= len(source)
    # What is left of a span's text is in its source slice, in order.
    # (compared folded: NFC makes "a" + U+0301 one "á", which folds back to "a")
    kept = [c for c in fold(t.text[start:end]) if c in "ab1"]
    assert kept == [c for c in fold(t.quote(start, end)) if c in "ab1"]


def _facts(extraction) -> dict:
    """What a person reads from an extraction, whatever the Unicode form of the source."""
    nfc = lambda s: unicodedata.normalize("NFC", s) if isinstance(s, str) else s  # noqa: E731
    data = extraction.to_json()
    return {
        "document": data["document"],
        "basis": [(r["number"], r["issuer"], r["date"], r["relation"], nfc(r["quote"])) for r in data["basis"]],
        "citations": [(r["number"], r["issuer"], r["date"]) for r in data["citations"]],
        "tasks": [(t["unit"], t["role"], t["section"], t["deadline"], t["cooperating_units"], nfc(t["quote"])) for t in data["tasks"]],
        "recipients": data["recipients"],
    }


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_an_nfd_copy_reads_the_same_facts(sample):
    text = sample.read_text(encoding="utf-8")
    nfc, nfd = extract_text(text, sample.name), extract_text(unicodedata.normalize("NFD", text), sample.name)
    assert _facts(nfd) == _facts(nfc)
    for task in nfd.tasks:  # quotes stay exact slices of the NFD text as read
        assert unicodedata.normalize("NFD", text)[task.span[0]:task.span[1]] == task.quote
