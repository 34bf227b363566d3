"""Table-driven tests of the DocumentNumber value object (ingest/numbers.py)."""

import pytest

from ingest.numbers import DocumentNumber

# (as printed, canonical form, serial, year, type code, issuer code, style)
ROUND_TRIPS = [
    ("76/NQ-CP", "76/NQ-CP", "76", None, "NQ", "CP", "state"),
    ("45/2020/NĐ-CP", "45/2020/NĐ-CP", "45", 2020, "NĐ", "CP", "state"),
    ("01-CTr/TU", "01-CTr/TU", "01", None, "CTr", "TU", "party"),
    ("24-CT/TU", "24-CT/TU", "24", None, "CT", "TU", "party"),
    ("05-CT/TU", "05-CT/TU", "05", None, "CT", "TU", "party"),
    ("41-KH/QU", "41-KH/QU", "41", None, "KH", "QU", "party"),
    ("35/2023/UBTVQH15", "35/2023/UBTVQH15", "35", 2023, None, "UBTVQH15", "state"),
    ("141/KH-BCĐTKNQ18", "141/KH-BCĐTKNQ18", "141", None, "KH", "BCĐTKNQ18", "state"),
    ("09-KL/BCĐ", "09-KL/BCĐ", "09", None, "KL", "BCĐ", "party"),
    ("16/KH-MTTQ-BTT", "16/KH-MTTQ-BTT", "16", None, "KH", "MTTQ-BTT", "state"),
    ("6830/QĐ-UBND", "6830/QĐ-UBND", "6830", None, "QĐ", "UBND", "state"),
    ("01/2024/TT-BNV", "01/2024/TT-BNV", "01", 2024, "TT", "BNV", "state"),
    ("80/2015/QH13", "80/2015/QH13", "80", 2015, None, "QH13", "state"),
    ("1234/UBND-NC", "1234/UBND-NC", "1234", None, None, "UBND-NC", "state"),
    ("01/2015/TTLT-BNV-BTC", "01/2015/TTLT-BNV-BTC", "01", 2015, "TTLT", "BNV-BTC", "state"),
    ("08-QĐi/TW", "08-QĐi/TW", "08", None, "QĐi", "TW", "party"),
    ("25/2023/QĐ-UBND", "25/2023/QĐ-UBND", "25", 2023, "QĐ", "UBND", "state"),
    # OCR and typing errors (gold README: evident errors are corrected)
    ("6830/QD-UBND", "6830/QĐ-UBND", "6830", None, "QĐ", "UBND", "state"),
    ("17/NQCP", "17/NQ-CP", "17", None, "NQ", "CP", "state"),
    ("118 /KH-UBND", "118/KH-UBND", "118", None, "KH", "UBND", "state"),
    ("18- NQ/TW", "18-NQ/TW", "18", None, "NQ", "TW", "party"),
    ("114/2024/ND-CP", "114/2024/NĐ-CP", "114", 2024, "NĐ", "CP", "state"),
    ("140/KH-\nBCPTKNQI8", "140/KH-BCĐTKNQ18", "140", None, "KH", "BCĐTKNQ18", "state"),
    ("24/CV-BCDTKNQ 18", "24/CV-BCĐTKNQ18", "24", None, "CV", "BCĐTKNQ18", "state"),
    ("09-KL/BCP", "09-KL/BCĐ", "09", None, "KL", "BCĐ", "party"),
    ("15/NQ-HDND", "15/NQ-HĐND", "15", None, "NQ", "HĐND", "state"),
    ("123/QĐ-VPUBND", "123/QĐ-VPUBND", "123", None, "QĐ", "VPUBND", "state"),
]


@pytest.mark.parametrize("printed, canonical, serial, year, type_code, issuer_code, style", ROUND_TRIPS)
def test_parse_and_print(printed, canonical, serial, year, type_code, issuer_code, style):
    n = DocumentNumber.parse(printed)
    assert (n.serial, n.year, n.type_code, n.issuer_code, n.style) == (serial, year, type_code, issuer_code, style)
    assert str(n) == canonical
    assert DocumentNumber.parse(str(n)) == n  # printing is the inverse of parsing


def test_ocr_year_uses_the_hint():
    assert str(DocumentNumber.parse("151/20217/ND-CP", year_hint=2017)) == "151/2017/NĐ-CP"
    assert DocumentNumber.parse("151/20217/ND-CP", year_hint=2021).year == 2021


def test_blank_number():
    n = DocumentNumber.parse("/KH-UBND")
    assert n.serial is None and n.text is None
    assert n.type_code == "KH" and n.doc_type.name == "Kế hoạch"


@pytest.mark.parametrize("printed, canonical", [("06", "06"), ("07", "07"), ("98/2023", "98/2023"), ("01", "01")])
def test_partial_numbers_print_as_printed(printed, canonical):
    n = DocumentNumber.parse(printed)
    assert n.partial and str(n) == canonical and n.text == canonical
    assert n.doc_type is None and n.default_issuer is None


@pytest.mark.parametrize("bad", ["", "abc", "12/", "/", "ngày 15", "KH-UBND/12"])
def test_parse_rejects_and_names_the_string(bad):
    with pytest.raises(ValueError) as err:
        DocumentNumber.parse(bad)
    assert repr(bad) in str(err.value)


DEFAULT_ISSUERS = [
    ("45/2020/NĐ-CP", "Chính phủ"),
    ("76/NQ-CP", "Chính phủ"),
    ("468/QĐ-TTg", "Thủ tướng Chính phủ"),
    ("23/CT-TTg", "Thủ tướng Chính phủ"),
    ("35/2023/UBTVQH15", "Ủy ban Thường vụ Quốc hội"),
    ("80/2015/QH13", "Quốc hội"),
    ("01/2024/TT-BNV", "Bộ Nội vụ"),
    ("18-NQ/TW", None),  # gold: the Central Committee, the Politburo or the Secretariat
    ("24-CT/TU", None),
    ("6830/QĐ-UBND", None),
    ("16/KH-MTTQ-BTT", None),
    ("01/2015/TTLT-BNV-BTC", None),  # joint: two bodies
]


@pytest.mark.parametrize("printed, issuer", DEFAULT_ISSUERS)
def test_default_issuer(printed, issuer):
    assert DocumentNumber.parse(printed).default_issuer == issuer


LEVELS = [
    ("76/NQ-CP", "central"), ("18-NQ/TW", "central"), ("35/2023/UBTVQH15", "central"),
    ("01/2024/TT-BNV", "central"), ("99-HD/BTGTW", "central"), ("12/KH-BCT", "central"),
    ("24-CT/TU", "province"), ("41-KH/QU", "district"), ("6830/QĐ-UBND", None),
    ("16/KH-MTTQ-BTT", None),
]


@pytest.mark.parametrize("printed, level", LEVELS)
def test_level_and_is_central(printed, level):
    n = DocumentNumber.parse(printed)
    assert n.level == level
    assert n.is_central == (level == "central")


def test_doc_type_from_code():
    assert DocumentNumber.parse("09-KL/BCĐ").doc_type.name == "Kết luận"
    assert DocumentNumber.parse("35/2023/UBTVQH15").doc_type is None


def test_key_matches_the_scorer_normalisation():
    a, b = DocumentNumber.parse("6830/QĐ-UBND"), DocumentNumber.parse("6830 /QD-UBND")
    assert a.key() == b.key() == "6830/qd-ubnd"


def test_same_serial():
    assert DocumentNumber.parse("01").same_serial(DocumentNumber.parse("01-CTr/TU"))
    assert DocumentNumber.parse("1").same_serial(DocumentNumber.parse("01-CTr/TU"))
    assert not DocumentNumber.parse("07").same_serial(DocumentNumber.parse("01-CTr/TU"))
