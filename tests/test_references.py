"""Tests of reference extraction (ingest/references.py) and issuer names (ingest/issuers.py).

Golden tests: `basis_and_citations` on each sample plan (cancu/samples) against
tests/data/expected/references/<seed>.json (derived from the gold annotations,
basis and citations only), field by field. Then table-driven tests on invented
texts of other provinces and kinds.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ingest.fold import Folded
from ingest.issuers import IssuerContext, canonical_issuer, level_of_issuer
from ingest.references import basis_and_citations, find_references

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "cancu" / "samples"
EXPECTED = ROOT / "tests" / "data" / "expected" / "references"
FIELDS = ("number", "doc_type", "issuer", "date", "relation", "quote", "span")

# The issuing body of each sample (the gold files' document.issuer) and its number.
SEEDS = {
    "000_9d7cb655ad983fef": ("UBND quận Tây Hồ", None),
    "001_b0f119634bb5a7ce": ("UBND huyện Nam Đông", "12/KH-UBND"),
    "002_cff90e727f3af707": ("UBND Quận 3", "118/KH-UBND"),
    "003_a24b536b09fe5a87": ("UBND thành phố Hà Nội", "25/KH-UBND"),
    "004_685590da405b82b8": ("UBND phường Mỗ Lao", "41/KH-UBND"),
}


def split(text: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """A simple outline rule: the preamble runs from the first "Thực hiện"/"Căn cứ" to the
    first line opening with the Roman heading "I."; the body from there to "Nơi nhận"."""
    folded = Folded.of(text)
    cue = re.search(r"(?m)^[ \t#*]*(thuc hien|can cu)", folded.text)
    start = folded.span(cue.start(1), cue.end(1))[0]
    heading = re.compile(r"(?m)^[ \t#*]*I\.\s").search(text, start)
    closing = re.search(r"(?m)^[ \t#*-]*noi nhan", folded.text)
    end = folded.span(closing.start(), closing.end())[0] if closing else len(text)
    return (start, heading.start()), (heading.start(), end)


def _differences(expected: list[dict], got: list[dict], kind: str) -> list[str]:
    out = []
    got_by_span = {tuple(r["span"]): r for r in got}
    for e in expected:
        g = got_by_span.pop(tuple(e["span"]), None)
        if g is None:
            out.append(f"{kind}: missing {e['number']!r} {e['quote']!r} at {e['span']}")
            continue
        for f in FIELDS:
            if e.get(f) != g.get(f):
                out.append(f"{kind} {e['quote'][:50]!r}: {f} expected {e.get(f)!r}, got {g.get(f)!r}")
    for g in got_by_span.values():
        out.append(f"{kind}: unexpected {g['number']!r} {g['quote']!r} at {g['span']}")
    return out


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_golden_basis_and_citations(seed):
    text = (SAMPLES / f"{seed}.txt").read_text(encoding="utf-8")
    expected = json.loads((EXPECTED / f"{seed}.json").read_text(encoding="utf-8"))
    issuer, number = SEEDS[seed]
    preamble, body = split(text)
    basis, citations = basis_and_citations(text, preamble, body, IssuerContext.of(issuer, number=number))
    for ref in basis + citations:
        assert text[ref.span[0]:ref.span[1]] == ref.quote
    got_basis = [r.to_json() for r in basis]
    got_citations = [r.to_json() for r in citations]
    diffs = _differences(expected["basis"], got_basis, "basis") + _differences(
        expected["citations"], got_citations, "citations"
    )
    print("\n".join(diffs))
    assert not diffs, f"{len(diffs)} differences in {seed}:\n" + "\n".join(diffs)
    assert [r["span"] for r in got_citations] == sorted(r["span"] for r in got_citations)


# ------------------------------------------------------------------ invented texts

QUANG_NINH_DECISION = """QUYẾT ĐỊNH
Ban hành Kế hoạch cải cách hành chính năm 2024 của tỉnh Quảng Ninh

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;
Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;
Căn cứ Chỉ thị số 05-CT/TU ngày 10/01/2024 của Ban Thường vụ Tỉnh ủy về tăng cường kỷ luật, kỷ cương;
Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 20/12/2023.

QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2024 của tỉnh Quảng Ninh.
Điều 2. Quyết định này thay thế Quyết định số 4512/QĐ-UBND ngày 30/12/2022 của UBND tỉnh. Các sở thực hiện
Thông tư số 01/2024/TT-BNV ngày 05/02/2024 của Bộ Nội vụ và Kế hoạch số 16/KH-MTTQ-BTT ngày 12/3/2024 của
Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh; triển khai Chương trình tổng thể cải cách hành chính nhà nước.
Điều 3. Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành Quyết định này.
"""

PARTY_DIRECTIVE = """Thực hiện Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy chỉ thị:
1. Các cấp ủy quán triệt Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XV, nhiệm kỳ 2020 - 2025 và Hướng dẫn số 12-HD/BTGTU ngày 3/6/2024 của Ban Tuyên giáo Tỉnh ủy; thực hiện Chỉ thị số 24-CT/TU ngày 07/8/2023 của Ban Thường vụ Tỉnh ủy và Chỉ thị này.
"""

FOOTNOTED = """Căn cứ Kế hoạch số 200/KH-UBND ngày 12/01/2024 của UBND thành phố;
I. NỘI DUNG
Tuyên truyền Chương trình chuyển đổi số của tỉnh¹ và Nghị định số 61/2018/NĐ-CP
ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa; Nghị định số 107/2021/NĐ-CP và 45/2020/NĐ-CP;
Quyết định số 12/2023/QĐ-UBND ngày 01/02/2023 của
Ủy ban nhân dân tỉnh Quảng Ninh; Kế hoạch này; kế hoạch năm 2024 của phòng; các Kế hoạch CCHC hàng năm của tỉnh.

¹ Quyết định số 2001/QĐ-UBND ngày 05/7/2022 của UBND tỉnh Quảng Ninh.
"""

# (text, issuer of the text, where the body starts, expected basis, expected citations);
# references as (number, doc_type, issuer, date, relation or None, quote).
CASES = {
    "decision of UBND tỉnh Quảng Ninh": (
        QUANG_NINH_DECISION, "UBND tỉnh Quảng Ninh", "QUYẾT ĐỊNH:",
        [
            (None, "Luật", "Quốc hội", "2015-06-19", "based_on",
             "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"),
            (None, "Luật", "Quốc hội", "2019-11-22", "based_on",
             "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019"),
            ("76/NQ-CP", "Nghị quyết", "Chính phủ", "2021-07-15", "based_on", "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ"),
            ("05-CT/TU", "Chỉ thị", "Ban Thường vụ Tỉnh ủy Quảng Ninh", "2024-01-10", "based_on",
             "Chỉ thị số 05-CT/TU ngày 10/01/2024 của Ban Thường vụ Tỉnh ủy"),
        ],
        [
            # "Theo đề nghị của … tại Tờ trình số …": cited, by the body that proposes (dev gold)
            ("45/TTr-SNV", "Tờ trình", "Sở Nội vụ tỉnh Quảng Ninh", "2023-12-20", None,
             "Tờ trình số 45/TTr-SNV ngày 20/12/2023"),
            ("4512/QĐ-UBND", "Quyết định", "UBND tỉnh Quảng Ninh", "2022-12-30", None,
             "Quyết định số 4512/QĐ-UBND ngày 30/12/2022 của UBND tỉnh"),
            ("01/2024/TT-BNV", "Thông tư", "Bộ Nội vụ", "2024-02-05", None,
             "Thông tư số 01/2024/TT-BNV ngày 05/02/2024 của Bộ Nội vụ"),
            ("16/KH-MTTQ-BTT", "Kế hoạch", "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Ninh", "2024-03-12", None,
             "Kế hoạch số 16/KH-MTTQ-BTT ngày 12/3/2024 của\nBan Thường trực Ủy ban MTTQ Việt Nam tỉnh"),
            # the programme that basis 76/NQ-CP issues, named again in the body, is that basis
            # resolution: not cited again (dev gold, "holdout convention")
        ],
    ),
    "Party directive": (
        PARTY_DIRECTIVE, "Tỉnh ủy Quảng Ninh", "1. Các cấp",
        [
            ("01-KL/TW", "Kết luận", "Bộ Chính trị", "2021-05-18", "implements",
             "Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị"),
        ],
        [
            (None, "Nghị quyết", "Đại hội đại biểu Đảng bộ tỉnh Quảng Ninh lần thứ XV", None, None,
             "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XV, nhiệm kỳ 2020 - 2025"),
            ("12-HD/BTGTU", "Hướng dẫn", "Ban Tuyên giáo Tỉnh ủy Quảng Ninh", "2024-06-03", None,
             "Hướng dẫn số 12-HD/BTGTU ngày 3/6/2024 của Ban Tuyên giáo Tỉnh ủy"),
            ("24-CT/TU", "Chỉ thị", "Ban Thường vụ Tỉnh ủy Quảng Ninh", "2023-08-07", None,
             "Chỉ thị số 24-CT/TU ngày 07/8/2023 của Ban Thường vụ Tỉnh ủy"),
        ],
    ),
    "footnote and line-wrapped citations": (
        FOOTNOTED, "UBND thành phố Hạ Long", "I. NỘI DUNG",
        [
            ("200/KH-UBND", "Kế hoạch", "UBND thành phố Hạ Long", "2024-01-12", "based_on",
             "Kế hoạch số 200/KH-UBND ngày 12/01/2024 của UBND thành phố"),
        ],
        [
            ("61/2018/NĐ-CP", "Nghị định", "Chính phủ", "2018-04-23", None,
             "Nghị định số 61/2018/NĐ-CP\nngày 23/4/2018 của Chính phủ"),
            ("107/2021/NĐ-CP", "Nghị định", "Chính phủ", None, None, "Nghị định số 107/2021/NĐ-CP"),
            ("45/2020/NĐ-CP", "Nghị định", "Chính phủ", None, None, "45/2020/NĐ-CP"),
            ("12/2023/QĐ-UBND", "Quyết định", "UBND tỉnh Quảng Ninh", "2023-02-01", None,
             "Quyết định số 12/2023/QĐ-UBND ngày 01/02/2023 của\nỦy ban nhân dân tỉnh Quảng Ninh"),
            # the programme with marker ¹ is this footnote's decision: one entry, the footnote's
            ("2001/QĐ-UBND", "Quyết định", "UBND tỉnh Quảng Ninh", "2022-07-05", None,
             "Quyết định số 2001/QĐ-UBND ngày 05/7/2022 của UBND tỉnh Quảng Ninh"),
        ],
    ),
}


def _as_tuples(refs):
    return [(r.number, r.doc_type, r.issuer, r.date, r.relation, r.quote) for r in refs]


@pytest.mark.parametrize("name", sorted(CASES))
def test_invented_documents(name):
    text, issuer, body_cue, basis, citations = CASES[name]
    cut = text.index(body_cue)
    got_basis, got_citations = basis_and_citations(text, (0, cut), (cut, len(text)), IssuerContext.of(issuer))
    assert _as_tuples(got_basis) == basis
    assert _as_tuples(got_citations) == citations
    for ref in got_basis + got_citations:
        assert text[ref.span[0]:ref.span[1]] == ref.quote


def test_named_programme_merges_into_the_numbered_document_that_issues_it():
    """ "Chương trình tổng thể …" is what 76/NQ-CP issues (gold README): no separate citation."""
    text = QUANG_NINH_DECISION
    cut = text.index("QUYẾT ĐỊNH:")
    _, citations = basis_and_citations(text, (0, cut), (cut, len(text)), IssuerContext.of("UBND tỉnh Quảng Ninh"))
    assert not any(r.doc_type == "Chương trình" for r in citations)


# (text, issuer of the text, expected (number, doc_type, issuer, date, quote) of each reference)
FIND_CASES = [
    (
        "Thực hiện Quyết định số 6830/QĐ-UBND ngày 31/12/2024 của UBND Thành phố về việc ban hành "
        "Kế hoạch CCHC năm 2025 của thành phố Hà Nội;",
        "UBND quận Tây Hồ",
        [("6830/QĐ-UBND", "Quyết định", "UBND thành phố Hà Nội", "2024-12-31",
          "Quyết định số 6830/QĐ-UBND ngày 31/12/2024 của UBND Thành phố")],
    ),
    (  # OCR (seed 004 style)
        "Thuc hién Quyét dinh s6 6830/QD-UBND ngay 31/12/2024 ciia UBND thanh\nphd Ha Noi vé viéc",
        "UBND phường Mỗ Lao",
        [("6830/QĐ-UBND", "Quyết định", "UBND thành phố Hà Nội", "2024-12-31",
          "Quyét dinh s6 6830/QD-UBND ngay 31/12/2024 ciia UBND thanh\nphd Ha Noi")],
    ),
    (  # no issuer named: the number's code names it
        "theo Nghị định số 73/2023/NĐ-CP ngày 29 tháng 9 năm 2023; Thông tư 01/2024/TT-BNV.",
        "UBND Quận 3",
        [("73/2023/NĐ-CP", "Nghị định", "Chính phủ", "2023-09-29", "Nghị định số 73/2023/NĐ-CP ngày 29 tháng 9 năm 2023"),
         ("01/2024/TT-BNV", "Thông tư", "Bộ Nội vụ", None, "Thông tư 01/2024/TT-BNV")],
    ),
    (  # self-references, generic, plural and recurring mentions are not references
        "Trên đây là Kế hoạch thông tin, tuyên truyền CCHC của quận Tây Hồ năm 2024. Căn cứ Kế hoạch này, "
        "các chỉ thị của UBND Thành phố, kế hoạch kiểm tra CCHC năm 2024, Kế hoạch CCHC hàng năm của quận, "
        "Kế hoạch CCHC năm 2024 của Thành phố và của quận, Quyết định công bố TTHC của Chủ tịch UBND tỉnh. "
        "Luật pháp của Nhà nước; Luật sư tư vấn.",
        "UBND quận Tây Hồ",
        [],
    ),
    (  # a Party number with a Front number
        "Kế hoạch số 16/KH-MTTQ-BTT ngày 02/4/2024 của Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Ninh",
        "UBND tỉnh Quảng Ninh",
        [("16/KH-MTTQ-BTT", "Kế hoạch", "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Ninh", "2024-04-02",
          "Kế hoạch số 16/KH-MTTQ-BTT ngày 02/4/2024 của Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Ninh")],
    ),
    (  # partial numbers stay partial; a law gets "Quốc hội"
        "triển khai Đề án 06, Nghị quyết số 98/2023 của Quốc hội và Luật Thủ đô.",
        "UBND thành phố Hà Nội",
        [("06", "Đề án", None, None, "Đề án 06"),
         ("98/2023", "Nghị quyết", "Quốc hội", None, "Nghị quyết số 98/2023 của Quốc hội"),
         (None, "Luật", "Quốc hội", None, "Luật Thủ đô")],
    ),
]


@pytest.mark.parametrize("text, issuer, expected", FIND_CASES)
def test_find_references(text, issuer, expected):
    refs = find_references(text, 0, len(text), IssuerContext.of(issuer))
    assert [(r.number, r.doc_type, r.issuer, r.date, r.quote) for r in refs] == expected


APPENDIX = """QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2024 của tỉnh Quảng Ninh.

KẾ HOẠCH
Cải cách hành chính năm 2024 của tỉnh Quảng Ninh
(Ban hành kèm theo Quyết định số 123/QĐ-UBND ngày 05/01/2024 của UBND tỉnh)

Quán triệt Nghị quyết Trung ương 4 khóa XII về xây dựng Đảng; thực hiện Kế hoạch cải cách hành chính
năm 2024 của tỉnh Quảng Ninh và Kế hoạch số 5/KH-UBND ngày 2/1/2024 của UBND tỉnh."""


def test_a_decision_with_its_plan_in_an_appendix_does_not_cite_itself():
    context = IssuerContext.of("UBND tỉnh Quảng Ninh", number="123/QĐ-UBND",
                               title="Cải cách hành chính năm 2024 của tỉnh Quảng Ninh")
    refs = find_references(APPENDIX, 0, len(APPENDIX), context)
    assert [(r.number, r.doc_type, r.issuer, r.quote) for r in refs] == [
        (None, "Nghị quyết", "Ban Chấp hành Trung ương Đảng khóa XII", "Nghị quyết Trung ương 4 khóa XII"),
        ("5/KH-UBND", "Kế hoạch", "UBND tỉnh Quảng Ninh", "Kế hoạch số 5/KH-UBND ngày 2/1/2024 của UBND tỉnh"),
    ]


def test_basis_relation_follows_the_nearest_cue_and_skips_titles():
    text = ("Căn cứ Nghị quyết số 01/NQ-HĐND ngày 10/12/2023 của HĐND tỉnh về thực hiện Nghị quyết số 02/NQ-CP; "
            "Thực hiện Quyết định số 3/QĐ-UBND ngày 01/01/2024 của UBND tỉnh, Kế hoạch số 4/KH-UBND ngày 02/01/2024 "
            "của UBND tỉnh; UBND huyện ban hành Kế hoạch như sau:\n")
    basis, citations = basis_and_citations(text, (0, len(text)), (len(text), len(text)),
                                           IssuerContext.of("UBND huyện Tiên Yên"))
    assert [(r.number, r.relation) for r in basis] == [
        ("01/NQ-HĐND", "based_on"), ("3/QĐ-UBND", "implements"), ("4/KH-UBND", "implements")]
    assert citations == []


# ------------------------------------------------------------------ issuers

def _context(issuer):
    return IssuerContext.of(issuer, names=("tỉnh Thừa Thiên Huế",))


ISSUERS = [
    # (phrase after "của", issuer of the document read, canonical name)
    ("UBND Thành phố", "UBND quận Tây Hồ", "UBND thành phố Hà Nội"),
    ("UBND quận", "UBND quận Tây Hồ", "UBND quận Tây Hồ"),
    ("Ủy ban nhân dân quận", "UBND quận Tây Hồ", "UBND quận Tây Hồ"),
    ("Ủy ban nhân dân tỉnh", "UBND huyện Nam Đông", "UBND tỉnh Thừa Thiên Huế"),
    ("Ủy ban nhân dân Thành phố", "UBND Quận 3", "UBND Thành phố Hồ Chí Minh"),
    ("Ủy ban nhân dân Quận 3", "UBND Quận 3", "UBND Quận 3"),
    ("UBND thanh\nphd Ha Noi", "UBND phường Mỗ Lao", "UBND thành phố Hà Nội"),
    ("UBND quan\nHa Pong", "UBND phường Mỗ Lao", "UBND quận Hà Đông"),
    ("UBND phudng Mo Lao", "UBND phường Mỗ Lao", "UBND phường Mỗ Lao"),
    ("Chính phủ", "UBND quận Tây Hồ", "Chính phủ"),
    ("Chinh phi", "UBND phường Mỗ Lao", "Chính phủ"),
    ("Thủ tướng Chính phủ", "UBND quận Tây Hồ", "Thủ tướng Chính phủ"),
    ("Thành ủy Hà Nội khóa XVII", "UBND quận Tây Hồ", "Thành ủy Hà Nội"),
    ("Ban Thường vụ Thành ủy", "UBND quận Tây Hồ", "Ban Thường vụ Thành ủy Hà Nội"),
    ("Quận ủy", "UBND quận Tây Hồ", "Quận ủy Tây Hồ"),
    ("Ban Tuyên giáo Quận ủy", "UBND quận Tây Hồ", "Ban Tuyên giáo Quận ủy Tây Hồ"),
    ("Tỉnh ủy", "UBND tỉnh Quảng Ninh", "Tỉnh ủy Quảng Ninh"),
    ("Quốc hội", "UBND Quận 3", "Quốc hội"),
    ("Ủy ban Thường vụ Quốc hội", "UBND Quận 3", "Ủy ban Thường vụ Quốc hội"),
    ("Bộ Nội vụ", "UBND tỉnh Quảng Ninh", "Bộ Nội vụ"),
    ("Sở Nội vụ", "UBND tỉnh Quảng Ninh", "Sở Nội vụ tỉnh Quảng Ninh"),
    ("Chủ tịch UBND tỉnh", "UBND tỉnh Quảng Ninh", "Chủ tịch UBND tỉnh Quảng Ninh"),
    ("Ban Chi dao TW vé tong két thuc hién Nghi quyét sé 18-NQ/TW;", "UBND phường Mỗ Lao",
     "Ban Chỉ đạo Trung ương tổng kết thực hiện Nghị quyết số 18-NQ/TW"),
    ("Ban chi d¢ao Chinh phu vé viéc", "UBND phường Mỗ Lao", "Ban Chỉ đạo của Chính phủ"),
    ("Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII", "UBND Quận 3",
     "Ban Chấp hành Trung ương Đảng khóa XII"),
    ("thành phố Hà Nội", "UBND quận Tây Hồ", "UBND thành phố Hà Nội"),
    ("cơ quan, đơn vị", "UBND quận Tây Hồ", None),
    ("UBND các phường", "UBND quận Tây Hồ", None),
]


@pytest.mark.parametrize("phrase, reader, canonical", ISSUERS)
def test_canonical_issuer(phrase, reader, canonical):
    assert canonical_issuer(phrase, _context(reader)) == canonical


LEVELS = [
    ("UBND thành phố Hà Nội", "province"), ("UBND quận Tây Hồ", "district"), ("UBND Quận 3", "district"),
    ("UBND huyện Nam Đông", "district"), ("UBND phường Mỗ Lao", "commune"), ("UBND tỉnh Quảng Ninh", "province"),
    ("UBND Thành phố Hồ Chí Minh", "province"), ("UBND thành phố Hạ Long", "district"),
    ("Chính phủ", "central"), ("Thủ tướng Chính phủ", "central"), ("Bộ Nội vụ", "central"),
    ("Ban Chấp hành Trung ương Đảng khóa XII", "central"), ("Thành ủy Hà Nội", "province"),
    ("Quận ủy Tây Hồ", "district"), ("Sở Nội vụ tỉnh Quảng Ninh", "province"), ("Phòng X", None),
]


@pytest.mark.parametrize("name, level", LEVELS)
def test_level_of_issuer(name, level):
    assert level_of_issuer(name) == level


# ------------------------------------------------------------------ the link upward, and what is cited

def _basis_and_citations(text, body_cue, issuer):
    cut = text.index(body_cue)
    return basis_and_citations(text, (0, cut), (cut, len(text)), IssuerContext.of(issuer))


@pytest.mark.parametrize("opening", [
    "Để tiếp tục thực hiện nghiêm", "Tiếp tục thực hiện", "Triển khai thực hiện", "Triển khai",
    "Ủy ban nhân dân tỉnh nhận được",
])
def test_every_link_upward_names_what_the_document_implements(opening):
    text = (f"{opening} Công văn số 318/BNV-CCHC ngày 02/3/2025 của Bộ Nội vụ và Chỉ thị số 07/CT-UBND "
            "ngày 05/3/2025 của UBND tỉnh, Ủy ban nhân dân tỉnh yêu cầu:\n1. Sở Nội vụ chủ trì …\n")
    basis, citations = _basis_and_citations(text, "1. Sở", "UBND tỉnh Lào Cai")
    assert [(r.number, r.issuer, r.relation) for r in basis] == [
        ("318/BNV-CCHC", "Bộ Nội vụ", "implements"), ("07/CT-UBND", "UBND tỉnh Lào Cai", "implements")]
    assert citations == []


def test_a_directive_opening_with_its_reasons_has_its_link_upward_as_preamble():
    """ "Để tiếp tục thực hiện …" after a paragraph of reasons opens the preamble (ingest/cues.PREAMBLE_CUES)."""
    from ingest.extract import extract_text
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n\nSố: 08/CT-UBND\n\nLào Cai, ngày 02 tháng 4 năm 2025\n\nCHỈ THỊ\n\n"
            "Về tăng cường quản lý bảo vệ rừng\n\n"
            "Thời gian qua, công tác quản lý bảo vệ rừng trên địa bàn tỉnh đạt được kết quả nhất định.\n\n"
            "Để tiếp tục thực hiện nghiêm Chỉ thị số 13-CT/TW ngày 12/01/2017 của Ban Bí thư; Kế hoạch số "
            "21-KH/TU ngày 03/3/2024, Chỉ thị số 02-CT/TU ngày 04/3/2024 của Ban Thường vụ Tỉnh ủy, Ủy ban "
            "nhân dân tỉnh yêu cầu:\n\n1. Sở Nông nghiệp và Môi trường:\n\n- Chủ trì kiểm tra việc thực hiện "
            "Luật Lâm nghiệp.\n")
    e = extract_text(text, "directive.txt")
    assert [(r.number, r.issuer, r.relation) for r in e.basis] == [
        ("13-CT/TW", "Ban Bí thư", "implements"),
        # one issuer named after a list: "…, … của Ban Thường vụ Tỉnh ủy" is the issuer of both
        ("21-KH/TU", "Ban Thường vụ Tỉnh ủy Lào Cai", "implements"),
        ("02-CT/TU", "Ban Thường vụ Tỉnh ủy Lào Cai", "implements"),
    ]
    assert [(r.doc_type, r.issuer) for r in e.citations] == [("Luật", "Quốc hội")]


def test_a_proposal_named_in_the_preamble_is_cited_not_a_basis():
    text = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n"
            "Căn cứ Quyết định số 1020/QĐ-BTC ngày 10 tháng 4 năm 2025 của Bộ trưởng Bộ Tài chính;\n"
            "Theo đề nghị của Sở Tài chính tại Công văn số 512/STC-QLG ngày 05 tháng 5 năm 2025.\n\nQUYẾT ĐỊNH:\n")
    basis, citations = _basis_and_citations(text, "QUYẾT ĐỊNH:", "UBND tỉnh Lào Cai")
    assert [(r.number, r.doc_type, r.issuer, r.relation) for r in basis] == [
        (None, "Luật", "Quốc hội", "based_on"),
        # an official signs for his body: "của Bộ trưởng Bộ Tài chính" is the ministry's
        ("1020/QĐ-BTC", "Quyết định", "Bộ Tài chính", "based_on")]
    assert [(r.number, r.doc_type, r.issuer, r.date) for r in citations] == [
        ("512/STC-QLG", "Công văn", "Sở Tài chính tỉnh Lào Cai", "2025-05-05")]


def test_a_basis_document_named_again_is_cited_again_only_when_unnumbered():
    """Dev gold: a numbered basis document is not cited again; sample 000: an unnumbered one is."""
    text = ("Thực hiện Kế hoạch số 40/KH-UBND ngày 02/02/2025 của UBND tỉnh, Kế hoạch CCHC nhà nước năm 2025 "
            "của huyện Bát Xát; UBND huyện Bát Xát ban hành Kế hoạch như sau:\n"
            "I. MỤC ĐÍCH\nCụ thể hóa Kế hoạch số 40/KH-UBND ngày 02/02/2025 của UBND tỉnh và Kế hoạch CCHC "
            "nhà nước năm 2025 của huyện Bát Xát.\n")
    basis, citations = _basis_and_citations(text, "I. MỤC", "UBND huyện Bát Xát")
    assert [(r.number, r.issuer) for r in basis] == [("40/KH-UBND", "UBND tỉnh Lào Cai"), (None, "UBND huyện Bát Xát")]
    assert [(r.number, r.issuer, r.quote) for r in citations] == [
        (None, "UBND huyện Bát Xát", "Kế hoạch CCHC nhà nước năm 2025 của huyện Bát Xát")]


def test_the_main_clause_and_the_closing_name_the_document_itself():
    text = ("Căn cứ Quyết định số 15/QĐ-UBND ngày 03/01/2025 của UBND tỉnh về phân bổ vốn thuộc Chương trình "
            "mục tiêu quốc gia xây dựng nông thôn mới năm 2025;\n\nỦy ban nhân dân tỉnh ban hành Kế hoạch truyền "
            "thông thuộc Chương trình mục tiêu quốc gia xây dựng nông thôn mới trên địa bàn tỉnh năm 2025, như sau:\n"
            "I. MỤC ĐÍCH\nTruyền thông về Chương trình bằng nhiều hình thức; lồng ghép Chương trình với các chương "
            "trình mục tiêu quốc gia khác.\nTrên đây là Kế hoạch truyền thông thuộc Chương trình mục tiêu quốc gia "
            "xây dựng nông thôn mới trên địa bàn tỉnh năm 2025.\n")
    basis, citations = _basis_and_citations(text, "I. MỤC", "UBND tỉnh Lào Cai")
    assert [r.number for r in basis] == ["15/QĐ-UBND"]
    assert citations == []


@pytest.mark.parametrize("text, expected", [
    # the number belongs to the document whose type word stands before "số"
    ("Thực hiện các quy định tại Nghị định số 145/2020/NĐ-CP ngày 14 tháng 12 năm 2020 của Chính phủ.",
     [("145/2020/NĐ-CP", "Nghị định", "Chính phủ", "2020-12-14")]),
    # an article's number is no count of laws; a year alone is no date
    ("theo quy định tại Điều 40 Luật Kế toán năm 2015.", [(None, "Luật", "Quốc hội", None)]),
    # the law's own type word in its name, then its number
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15;",
     [("64/2025/QH15", "Luật", "Quốc hội", None)]),
    # a Party number with its slash and hyphen swapped
    ("Nghị quyết số 27/NQ- TW ngày 09/11/2022 của Bộ Chính trị.", [("27-NQ/TW", "Nghị quyết", "Bộ Chính trị", "2022-11-09")]),
    ("Phương án số 73/PA-UBND ngày 28/02/2025 của UBND tỉnh.", [("73/PA-UBND", "Phương án", "UBND tỉnh Lào Cai", "2025-02-28")]),
    # a national programme named by its subject, even in lower case
    ("Tiếp tục thực hiện hiệu quả chương trình quốc gia bảo đảm cấp nước an toàn, thực hiện tốt …",
     [(None, "Chương trình", None, None)]),
    # generic: the class of programmes; a body's plan or programme without its year; a count; a bare type
    # word naming again what the text named; a report's timing; a body's name
    ("các chương trình mục tiêu quốc gia khác; Chương trình chuyển đổi số của tỉnh; báo cáo 02 lần/ngày; "
     "thực hiện Chương trình thuộc chức năng của địa phương; Ban Chỉ đạo cải cách hành chính và đề án 06.", []),
])
def test_references_of_the_genre(text, expected):
    refs = find_references(text, 0, len(text), IssuerContext.of("UBND tỉnh Lào Cai"))
    assert [(r.number, r.doc_type, r.issuer, r.date) for r in refs] == expected


def test_a_joint_rule_named_by_its_parties_is_the_numbered_one():
    text = ("Căn cứ Quy chế phối hợp số 12/QCPH-UBND-UBMT ngày 24/01/2025 về vận động, tiếp nhận các nguồn đóng góp;\n"
            "I. NGUỒN LỰC\nĐược tiếp nhận theo Quy chế phối hợp giữa UBND tỉnh và Ủy ban MTTQ Việt Nam tỉnh.\n")
    basis, citations = _basis_and_citations(text, "I. NGUỒN", "UBND tỉnh Lào Cai")
    assert [r.number for r in basis] == ["12/QCPH-UBND-UBMT"]
    assert citations == []


def test_an_unnumbered_report_listed_in_the_basis_by_its_title():
    text = ("Căn cứ Công điện số 15/CĐ-UBND ngày 20/11/2025 của UBND tỉnh;\nBáo cáo nhanh tình hình thiệt hại do "
            "mưa lũ trên địa bàn tỉnh đến sáng ngày 21/11/2025;\n\nUBND tỉnh ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\n")
    basis, _ = _basis_and_citations(text, "I. MỤC", "UBND tỉnh Lào Cai")
    assert [(r.number, r.doc_type, r.date) for r in basis] == [
        ("15/CĐ-UBND", "Công điện", "2025-11-20"),
        # the date is the data's cut-off, not the report's
        (None, "Báo cáo", None)]


# (text, expected (number, doc_type) of each reference): the kind a number's type code says
# wins over a type word that belongs to another act or is generic, where the code says one kind.
NUMBER_CODE_KINDS = {
    "a decree named after an amending law": (
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Thủy sản và Nghị định số 37/2019/NĐ-CP ngày 12 tháng 5 "
        "năm 2019 của Chính phủ quy định chi tiết;",
        [("37/2019/NĐ-CP", "Nghị định")]),
    "a letter named 'văn bản'": (
        "Thực hiện văn bản số 2107-CV/TU ngày 14/3/2025 của Ban Thường vụ Tỉnh ủy về việc rà soát;",
        [("2107-CV/TU", "Công văn")]),
    "a report sent as a letter": (
        "Theo Công văn số 88/BC-SKHĐT ngày 02/4/2025 của Sở Kế hoạch và Đầu tư;",
        [("88/BC-SKHĐT", "Báo cáo")]),
    "the Party's 'QĐ' is a decision or a regulation: the word stays": (
        "Thực hiện Quy định số 22-QĐ/TW ngày 28/7/2021 của Ban Chấp hành Trung ương về công tác kiểm tra;",
        [("22-QĐ/TW", "Quy định")]),
    "a decree code with the office's issuer code is a misprint: the word stays": (
        "Căn cứ Thông tư số 01/2023/NĐ-VPCP ngày 05/4/2023 của Văn phòng Chính phủ;",
        [("01/2023/NĐ-VPCP", "Thông tư")]),
    "two kinds of one class: the word stays": (
        "Thực hiện Thông báo kết luận số 45-TB/TU ngày 20/6/2025 của Ban Thường vụ Tỉnh ủy;",
        [("45-TB/TU", "Thông báo kết luận")]),
}


@pytest.mark.parametrize("name", sorted(NUMBER_CODE_KINDS))
def test_a_number_code_that_says_one_kind_names_the_kind(name):
    text, expected = NUMBER_CODE_KINDS[name]
    refs = find_references(text, 0, len(text), IssuerContext.of("UBND tỉnh Quảng Trị"))
    assert [(r.number, r.doc_type) for r in refs] == expected
