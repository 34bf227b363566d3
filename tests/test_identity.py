"""Identity of acts without a number: never two documents in one node, one act however it is named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cancu.cli import app
from graph import iris

runner = CliRunner()
CC = "PREFIX cc: <https://w3id.org/cancu/ont#> PREFIX eli: <http://data.europa.eu/eli/ontology#> "
DOCUMENTS = CC + "SELECT ?d ?file ?date WHERE { ?d cc:sourceFile ?file OPTIONAL { ?d eli:date_document ?date } }"

# An official letter ("Công văn") as offices send it before the number is filled in: "Số: /…".
LETTER = """{parent}
{office}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: /{code}
V/v {subject}

{place}, ngày {day} tháng {month} năm 2024

Kính gửi: {to}.

{body}

Nơi nhận:
- Như trên;
- Lưu: VT.

{signer_title}
{signer}
"""

PLAN = """ỦY BAN NHÂN DÂN
{unit}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: {number}/KH-UBND

{place}, ngày {date}

KẾ HOẠCH
{title}

{preamble}

I. MỤC ĐÍCH, YÊU CẦU
{purpose}

II. TỔ CHỨC THỰC HIỆN
1. {task}

Nơi nhận:
- Lưu: VT.

CHỦ TỊCH
{signer}
"""


def _commune_letter(commune: str, subject: str, day: int, month: int, body: str) -> str:
    return LETTER.format(parent="ỦY BAN NHÂN DÂN", office=f"XÃ {commune.upper()}", code="UBND-VP",
                         subject=subject, place=commune, day=day, month=month, to="Các thôn trên địa bàn xã",
                         body=body, signer_title="CHỦ TỊCH", signer="Nguyễn Văn An")


def _office_letter(office: str, code: str) -> str:
    """A letter of one office of a district (the header names both the district and the office)."""
    return LETTER.format(parent="UBND HUYỆN ĐÔNG ANH", office=office, code=code,
                         subject="báo cáo kết quả công tác quý I năm 2024", place="Đông Anh", day="02", month=4,
                         to="UBND các xã, thị trấn",
                         body="Đề nghị UBND các xã, thị trấn báo cáo kết quả công tác quý I năm 2024 trước ngày 10/4/2024.",
                         signer_title="TRƯỞNG PHÒNG", signer="Trần Văn Bình")


def _ward_plan(purpose: str = "Nâng cao nhận thức của người dân về cải cách hành chính.") -> str:
    """A ward's plan with its number left blank, as a draft is sent round."""
    return PLAN.format(unit="PHƯỜNG BƯỞI", number="", place="Bưởi", date="tháng năm 2024",
                       title="Tuyên truyền cải cách hành chính năm 2024", preamble="", purpose=purpose,
                       task="Công chức Văn phòng - Thống kê chủ trì tuyên truyền trên loa truyền thanh hằng tháng.",
                       signer="Lê Văn Cường")


# The district names two ward plans by name: one is the ward's plan above (the CCHC it writes
# out), the other shares only the issuer and the year.
DISTRICT_PLAN = PLAN.format(
    unit="QUẬN TÂY HỒ", number="21", place="Tây Hồ", date="15 tháng 02 năm 2024",
    title="Kiểm tra công tác cải cách hành chính năm 2024",
    preamble="Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ, UBND quận Tây Hồ ban hành Kế hoạch "
             "kiểm tra công tác cải cách hành chính năm 2024 như sau:",
    purpose="Kiểm tra việc thực hiện Kế hoạch tuyên truyền CCHC năm 2024 của UBND phường Bưởi và Kế hoạch kiểm "
            "soát thủ tục hành chính năm 2024 của UBND phường Bưởi.",
    task="Phòng Nội vụ chủ trì kiểm tra UBND các phường trong quý III năm 2024.", signer="Nguyễn Văn Dũng")


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _ingest(store: Path, *paths: Path) -> list[dict]:
    result = runner.invoke(app, ["ingest", *map(str, paths), "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["files"]


def _select(store: Path, query: str) -> list[dict[str, str]]:
    result = runner.invoke(app, ["sparql", query, "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(result.stdout)["results"]["bindings"]]


def test_two_letters_of_one_issuer_with_blank_numbers_stay_two_acts(tmp_path):
    folder = _write(tmp_path / "letters", {
        "thoat-nuoc.txt": _commune_letter("Phú Thượng", "rà soát hệ thống thoát nước mùa mưa năm 2024", 12, 3,
                                          "Đề nghị các thôn rà soát hệ thống thoát nước, báo cáo trước ngày 30/3/2024."),
        "dan-so.txt": _commune_letter("Phú Thượng", "tổng hợp số liệu dân số quý II năm 2024", "05", 6,
                                      "Đề nghị các thôn tổng hợp số liệu dân số, gửi về Văn phòng trước ngày 20/6/2024."),
    })
    _ingest(tmp_path / "store", folder)
    rows = _select(tmp_path / "store", DOCUMENTS)
    assert len({r["d"] for r in rows}) == 2, rows
    assert sorted((r["file"], r["date"]) for r in rows) == [
        ("dan-so.txt", "2024-06-05"), ("thoat-nuoc.txt", "2024-03-12")]
    count = _select(tmp_path / "store", CC + "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d cc:sourceFile ?f }")
    assert count == [{"n": "2"}]


def test_blank_number_letters_of_different_issuers_stay_apart(tmp_path):
    folder = _write(tmp_path / "letters", {
        "noi-vu.txt": _office_letter("PHÒNG NỘI VỤ", "NV"),
        "tai-chinh.txt": _office_letter("PHÒNG TÀI CHÍNH - KẾ HOẠCH", "TCKH"),
        "phu-thuong.txt": _commune_letter("Phú Thượng", "báo cáo kết quả công tác quý I năm 2024", "02", 4,
                                          "Đề nghị các thôn báo cáo kết quả công tác quý I năm 2024."),
        "xuan-non.txt": _commune_letter("Xuân Nộn", "báo cáo kết quả công tác quý I năm 2024", "02", 4,
                                        "Đề nghị các thôn báo cáo kết quả công tác quý I năm 2024."),
    })
    _ingest(tmp_path / "store", folder)
    rows = _select(tmp_path / "store", DOCUMENTS)
    assert len(rows) == 4 and len({r["d"] for r in rows}) == 4, rows
    tasks = _select(tmp_path / "store",
                    CC + "SELECT ?t (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d cc:hasTask ?t } GROUP BY ?t")
    assert all(r["n"] == "1" for r in tasks), "a task IRI is its document's: one document each"


def test_the_same_file_again_is_the_same_act_and_so_is_its_changed_version(tmp_path):
    folder = _write(tmp_path / "ward", {"ke-hoach.txt": _ward_plan()})
    store = tmp_path / "store"
    first = _ingest(store, folder)
    again = _ingest(store, folder)
    assert [f["status"] for f in first] == ["new"] and [f["status"] for f in again] == ["unchanged"]
    assert again[0]["document"] == first[0]["document"]
    _write(folder, {"ke-hoach.txt": _ward_plan("Người dân nắm được các thủ tục hành chính được cắt giảm.")})
    changed = _ingest(store, folder)
    assert [f["status"] for f in changed] == ["changed"]
    assert changed[0]["document"] == first[0]["document"]
    assert [r["d"] for r in _select(store, DOCUMENTS)] == [first[0]["document"]]


@pytest.mark.parametrize("order", [("ward", "district"), ("district", "ward")])
def test_a_plan_named_by_its_issuer_type_and_title_is_the_ingested_plan(tmp_path, order):
    files = {"ward": _write(tmp_path / "ward", {"ke-hoach.txt": _ward_plan()}),
             "district": _write(tmp_path / "district", {"kh-21.txt": DISTRICT_PLAN})}
    store = tmp_path / "store"
    for name in order:
        _ingest(store, files[name])
    ward = next(r["d"] for r in _select(store, DOCUMENTS) if r["file"] == "ke-hoach.txt")
    cited = _select(store, CC + """SELECT ?t ?stub WHERE { ?d cc:number "21/KH-UBND" ; cc:cites ?t .
                                   ?t cc:issuedBy/<http://www.w3.org/2000/01/rdf-schema#label> "UBND phường Bưởi"@vi
                                   OPTIONAL { ?t cc:stub ?stub } }""")
    assert len(cited) == 2, cited
    assert {r["t"]: r.get("stub") for r in cited}.get(ward, "absent") is None, "the ward's own plan, not a stub"
    other = [r for r in cited if r["t"] != ward]
    assert [r.get("stub") for r in other] == ["true"], "sharing only the issuer and year is another plan"


def test_an_act_named_by_its_issuer_alone_is_never_another_of_its_acts():
    ward = "UBND phường Bưởi"
    ingested = iris.document(None, ward, doc_type="Kế hoạch", title="Tuyên truyền cải cách hành chính năm 2024",
                             date=None, where="file:///plans/ke-hoach.txt")
    assert iris.act(None, ward, doc_type="Kế hoạch", name="tuyen truyen CCHC nam 2024") == ingested
    assert iris.act(None, ward, doc_type="Kế hoạch", name="kiểm soát thủ tục hành chính năm 2024") != ingested
    assert iris.act(None, ward, doc_type="Kế hoạch", name="tuyen truyen CCHC nam 2025") != ingested
    # named by nothing but the issuer: each mention its own act, per file that names it
    bare = dict(doc_type="Kế hoạch", mention="Kế hoạch của UBND phường Bưởi")
    assert iris.act(None, ward, **bare, where="file:///a.txt") != iris.act(None, ward, **bare, where="file:///b.txt")
    assert iris.act(None, ward, **bare, where="file:///a.txt") != ingested
    # a number left blank names nothing: "/KH-UBND" is not one act of the issuer
    blank = dict(doc_type="Kế hoạch", mention="Kế hoạch số /KH-UBND")
    assert (iris.act("/KH-UBND", ward, **blank, where="file:///a.txt")
            != iris.act("/KH-UBND", ward, **blank, where="file:///b.txt"))


def test_an_act_known_by_its_number_alone_is_told_apart_by_its_file_when_unnumbered():
    letter = dict(doc_type="Công văn", title="V/v báo cáo kết quả công tác quý I", date="2024-04-02")
    assert (iris.document(None, "UBND huyện Đông Anh", **letter, where="file:///a/noi-vu.txt")
            != iris.document(None, "UBND huyện Đông Anh", **letter, where="file:///a/tai-chinh.txt"))
    untyped = dict(doc_type=None, title=None, date=None)
    assert (iris.document(None, "UBND xã Phú Thượng", **untyped, where="file:///a/1.txt")
            != iris.document(None, "UBND xã Phú Thượng", **untyped, where="file:///a/2.txt"))


def test_a_law_is_one_act_however_its_date_is_written_and_two_laws_of_one_name_are_two():
    def law(date):
        return iris.act(None, "Quốc hội", doc_type="Luật", name="to chuc chinh quyen dia phuong", date=date,
                        mention=f"Luật Tổ chức chính quyền địa phương ngày {date}", where=f"file:///{date}.txt")

    assert law("2025-06-16") == iris.act(None, "Quốc hội", doc_type="Luật", name="Tổ chức chính quyền địa phương",
                                         date="2025-06-16", where="file:///other.txt")
    assert law("2015-06-19") != law("2025-06-16")


def test_a_numbered_act_is_one_node_cited_or_ingested():
    number, city = "6830/QĐ-UBND", "UBND thành phố Hà Nội"
    ingested = iris.document(number, city, doc_type="Quyết định", title="Ban hành Kế hoạch CCHC năm 2025",
                             date="2024-12-30", where="file:///plans/6830.txt")
    assert ingested == iris.act("6830/QD-UBND", city, doc_type="Quyết định", mention="Quyết định số 6830/QĐ-UBND",
                                where="file:///elsewhere.txt")
    assert str(ingested) == "https://w3id.org/cancu/id/act/ubnd-thanh-pho-ha-noi/6830-qd-ubnd"


def test_a_curation_row_without_a_whole_number_is_refused_and_nothing_is_lost(tmp_path):
    folder = _write(tmp_path / "ward", {"ke-hoach.txt": _ward_plan()})
    store = tmp_path / "store"
    _ingest(store, folder)
    before = _select(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    bad = tmp_path / "links.curation.csv"
    bad.write_text("subject_number,subject_issuer,property,target_number,target_issuer,decision,asserted_by,note\n"
                   ",UBND phường Bưởi,implements,76/NQ-CP,Chính phủ,assert,Phòng Nội vụ,\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(bad), "--store", str(store)])
    assert result.exit_code == 2
    assert "links.curation.csv" in result.stderr and "row 1" in result.stderr and "IRI" in result.stderr
    assert _select(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == before
