"""Table-driven tests of the document-type table (ingest/doctypes.py)."""

import re

import pytest

from ingest.doctypes import DOC_TYPES, by_code, by_word, word_regex
from ingest.fold import fold

WORDS = [
    # (as written, Vietnamese name, ontology class)
    ("Kế hoạch", "Kế hoạch", "KeHoach"),
    ("KẾ HOẠCH", "Kế hoạch", "KeHoach"),
    ("Ke hoach", "Kế hoạch", "KeHoach"),
    ("Ké hoach", "Kế hoạch", "KeHoach"),  # seed 004, OCR
    ("Két hoach", "Kế hoạch", "KeHoach"),  # seed 004, OCR
    ("Quyét dinh", "Quyết định", "QuyetDinh"),  # seed 004, OCR
    ("QUYẾT ĐỊNH", "Quyết định", "QuyetDinh"),
    ("Nghị quyết", "Nghị quyết", "NghiQuyet"),
    ("Nghi quyét", "Nghị quyết", "NghiQuyet"),
    ("Nghị quyết liên tịch", "Nghị quyết liên tịch", "NghiQuyet"),
    ("Chỉ thị", "Chỉ thị", "ChiThi"),
    ("Nghi\ndinh", "Nghị định", "NghiDinh"),  # seed 004, line-wrapped
    ("Thông tư", "Thông tư", "ThongTu"),
    ("Thông tư liên tịch", "Thông tư liên tịch", "ThongTu"),
    ("Chương trình", "Chương trình", "ChuongTrinh"),
    ("Két luan", "Kết luận", "KetLuan"),  # seed 004, OCR
    ("Cong vin", "Công văn", "CongVan"),  # seed 004, OCR
    ("Luật", "Luật", "Luat"),
    ("Luat", "Luật", "Luat"),
    ("Đề án", "Đề án", "DeAn"),
    ("Quy tic", "Quy tắc", "QuyTac"),  # seed 004, OCR
    ("Hướng dẫn", "Hướng dẫn", "HuongDan"),
    ("Thông báo", "Thông báo", "ThongBao"),
    ("Báo cáo", "Báo cáo", "BaoCao"),
    ("Quy định", "Quy định", "QuyDinh"),
    ("Quy chế", "Quy chế", "QuyChe"),
    ("Pháp lệnh", "Pháp lệnh", "PhapLenh"),
    ("Tờ trình", "Tờ trình", "VanBan"),
    ("Công điện", "Công điện", "VanBan"),
]


@pytest.mark.parametrize("word, name, onto", WORDS)
def test_by_word(word, name, onto):
    t = by_word(word)
    assert t is not None, word
    assert (t.name, t.onto) == (name, onto)


@pytest.mark.parametrize("word", ["Chỉ số", "Cổng", "kế", "", None, "Thông tin", "Luận"])
def test_by_word_rejects(word):
    assert by_word(word) is None


CODES = [
    ("KH", "Kế hoạch"), ("QĐ", "Quyết định"), ("QD", "Quyết định"), ("NQ", "Nghị quyết"),
    ("CT", "Chỉ thị"), ("NĐ", "Nghị định"), ("ND", "Nghị định"), ("TT", "Thông tư"),
    ("CTr", "Chương trình"), ("KL", "Kết luận"), ("CV", "Công văn"), ("HD", "Hướng dẫn"),
    ("TB", "Thông báo"), ("BC", "Báo cáo"), ("TTLT", "Thông tư liên tịch"),
    ("NQLT", "Nghị quyết liên tịch"), ("QĐi", "Quy định"), ("TTr", "Tờ trình"), ("CĐ", "Công điện"),
]


@pytest.mark.parametrize("code, name", CODES)
def test_by_code(code, name):
    assert by_code(code).name == name


@pytest.mark.parametrize("code", ["UBND", "CP", "TW", "", None])
def test_by_code_rejects(code):
    assert by_code(code) is None


def test_only_kế_hoạch_is_a_plan():
    assert [t.name for t in DOC_TYPES if t.is_plan] == ["Kế hoạch"]


@pytest.mark.parametrize("text", [w for w, _, _ in WORDS])
def test_word_regex_matches_every_form(text):
    assert re.fullmatch(word_regex(), fold(text)), text


def test_word_regex_prefers_the_longest_name():
    m = re.match(word_regex(), fold("Nghị quyết liên tịch số 01"))
    assert m.group() == "nghi quyet lien tich"
