"""Reform areas and indicators of a task, from its words (ingest/classify.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import SKOS

from ingest.classify import INDICATOR_CUES, REFORM_AREA_CUES, indicators, reform_areas
from ingest.fold import fold

CC = Namespace("https://w3id.org/cancu/ont#")
ONTOLOGY = Path(__file__).parent.parent / "ontology" / "cancu.ttl"

REFORM_AREA_CASES = [
    # institutional reform
    ("Đẩy mạnh cải cách thể chế, nâng cao chất lượng xây dựng pháp luật", ["institutionalReform"]),
    ("Rà soát, kiểm tra văn bản quy phạm pháp luật do HĐND, UBND ban hành", ["institutionalReform"]),
    ("Chủ trì theo dõi thi hành pháp luật; rà soát VBQPPL hết hiệu lực", ["institutionalReform"]),
    # administrative procedures
    ("Rà soát, đơn giản hóa thủ tục hành chính trong lĩnh vực đất đai", ["administrativeProcedureReform"]),
    ("Niêm yết công khai TTHC tại Bộ phận Một cửa cấp xã", ["administrativeProcedureReform"]),
    ("Thực hiện cơ chế một cửa, một cửa liên thông", ["administrativeProcedureReform"]),
    ("Công khai danh mục trên Cổng Dịch vụ công tỉnh", ["administrativeProcedureReform"]),
    # apparatus
    ("Tiếp tục sắp xếp, kiện toàn tổ chức bộ máy các cơ quan chuyên môn", ["apparatusReform"]),
    ("Tinh gọn đầu mối các đơn vị sự nghiệp", ["apparatusReform"]),
    # civil service
    ("Thực hiện cải cách chế độ công vụ, nâng cao chất lượng đội ngũ", ["civilServiceReform"]),
    ("Kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính tại các phòng", ["civilServiceReform"]),
    ("Tuyển dụng, đánh giá, xếp loại công chức, viên chức", ["civilServiceReform"]),
    ("Quản lý biên chế và thẩm định đề án vị trí việc làm", ["civilServiceReform"]),
    # public finance
    ("Đổi mới cơ chế quản lý tài chính công", ["publicFinanceReform"]),
    ("Thực hiện cơ chế tự chủ của đơn vị sự nghiệp công lập", ["publicFinanceReform"]),
    ("Bố trí ngân sách cho nhiệm vụ năm 2025", ["publicFinanceReform"]),
    # digital government
    ("Xây dựng chính quyền điện tử, hướng tới chính quyền số", ["digitalGovernment"]),
    ("Đẩy mạnh chuyển đổi số trong cơ quan nhà nước", ["digitalGovernment"]),
    ("Triển khai ký số văn bản đi của Sở", ["digitalGovernment"]),
    # several areas at once, in the ontology's order
    (
        "Tăng tỷ lệ hồ sơ nộp qua dịch vụ công trực tuyến",
        ["administrativeProcedureReform", "digitalGovernment"],
    ),
    (
        "Số hóa hồ sơ TTHC và chi hỗ trợ cho công chức làm việc tại Bộ phận Một cửa",
        ["administrativeProcedureReform", "civilServiceReform", "digitalGovernment"],
    ),
    # without diacritics, and OCR'd
    ("Ra soat thu tuc hanh chinh, day manh chuyen doi so", ["administrativeProcedureReform", "digitalGovernment"]),
    ("Tuyén truyén vé chuyén déi s6, chinh quyén s6", ["digitalGovernment"]),
    ("THỰC HIỆN KỶ LUẬT KỶ CƯƠNG HÀNH CHÍNH", ["civilServiceReform"]),
    # nothing to classify
    ("Tổ chức Hội nghị sơ kết công tác tuyên truyền", []),
    ("", []),
    (None, []),
    # a cue is a whole word, not part of one
    ("Cục Thuế hướng dẫn thủ tục", []),
]

INDICATOR_CASES = [
    ("Nâng cao Chỉ số cải cách hành chính (PAR INDEX) năm 2025", ["PARINDEX"]),
    ("Khắc phục hạn chế Chỉ số CCHC (PAR-Index) năm 2024", ["PARINDEX"]),
    ("nâng cao chỉ số Par Index", ["PARINDEX"]),
    ("Cải thiện Chỉ số hài lòng của người dân (SIPAS)", ["SIPAS"]),
    ("chỉ số đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước", ["SIPAS"]),
    ("Nâng cao Chỉ số PAPI của tỉnh", ["PAPI"]),
    ("các chỉ số hiệu quả quản trị và hành chính công cấp tỉnh", ["PAPI"]),
    ("Cải thiện Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)", ["PCI"]),
    ("Nâng hạng Chỉ số chuyển đổi số cấp tỉnh (DTI)", ["DTI"]),
    ("Duy trì thứ hạng DTI", ["DTI"]),
    (
        "Nâng cao PAR INDEX, SIPAS, PAPI, PCI và DTI",
        ["PARINDEX", "SIPAS", "PAPI", "PCI", "DTI"],
    ),
    ("nang cao chi so hai long cua nguoi dan", ["SIPAS"]),
    # acronyms only as words of their own
    ("Cổng PCIe và thiết bị DTIX", []),
    ("Triển khai Đề án 06 về dữ liệu dân cư", []),
    (None, []),
]


@pytest.mark.parametrize("text, expected", REFORM_AREA_CASES)
def test_reform_areas(text, expected):
    assert reform_areas(text) == expected


@pytest.mark.parametrize("text, expected", INDICATOR_CASES)
def test_indicators(text, expected):
    assert indicators(text) == expected


def _scheme_members(scheme) -> list[str]:
    g = Graph().parse(ONTOLOGY, format="turtle")
    return [str(s).split("#", 1)[1] for s in g.subjects(SKOS.inScheme, scheme)]


@pytest.mark.parametrize(
    "table, scheme", [(REFORM_AREA_CUES, CC.ReformAreas), (INDICATOR_CUES, CC.Indicators)], ids=["areas", "indicators"]
)
def test_every_concept_of_the_scheme_has_cues_and_nothing_else(table, scheme):
    assert sorted(table) == sorted(_scheme_members(scheme))
    assert all(table.values())


@pytest.mark.parametrize(
    "concept, cue", [(c, cue) for table in (REFORM_AREA_CUES, INDICATOR_CUES) for c, cues in table.items() for cue in cues]
)
def test_cues_are_folded(concept, cue):
    assert cue == fold(cue), f"{concept}: the cue {cue!r} must be written folded"
    assert not re.search(r"[A-Z]", cue)


@pytest.mark.parametrize("concept", list(REFORM_AREA_CUES))
def test_each_area_is_found_by_each_plain_cue(concept):
    for cue in REFORM_AREA_CUES[concept]:
        if re.search(r"[()?|\\,]", cue):
            continue  # a cue written with regex syntax is exercised by the cases above
        assert concept in reform_areas(f"Nhiệm vụ: {cue}."), cue
