"""Examples for every cue table of ingest/cues.py, clean and OCR-garbled alike."""

import pytest

from ingest.tasks import (
    cooperating_units,
    deadline_of,
    is_plural,
    normalise_unit,
    quantity_of,
    recurrence_of,
    role_of,
    strip_unit_prefix,
    subject_of,
    unit_kind,
)
from ingest.fold import fold


@pytest.mark.parametrize(
    "text, role",
    [
        ("Chủ trì, phối hợp với các cơ quan, đơn vị thuộc quận", "lead"),
        ("Chu tri tham muu UBND phuong trong cong tac", "lead"),
        ("Là cơ quan Thường trực giúp UBND huyện về công tác tuyên truyền", "lead"),
        ("Phối hợp với phòng Nội vụ trong cung cấp thông tin", "cooperate"),
        ("Phéi hop v6i B phan Vian hoa- Thong tin", "cooperate"),
        ("Chủ động phối hợp Ủy ban Mặt trận Tổ quốc Việt Nam", "cooperate"),
        ("theo chức năng, nhiệm vụ, phối hợp, triển khai thực hiện Kế hoạch", "cooperate"),
        ("Báo cáo Ủy ban nhân dân quận tình hình kết quả thực hiện", "report"),
        ("Lồng ghép báo cáo kết quả thực hiện thông tin, tuyên truyền CCHC", "report"),
        ("gửi báo cáo đánh giá tình hình, kết quả triển khai", "report"),
        ("Đề xuất Ủy ban nhân dân quận khen thưởng các cơ quan", "propose"),
        ("Nghiên cứu, đề xuất thực hiện chuyển đổi số", "propose"),
        ("Tổng hợp và đề xuất UBND quận biểu dương tập thể", "propose"),
        ("Phát hiện, biểu dương và đề xuất UBND quận, UBND Thành phố khen thưởng", "propose"),
        # The real plans' gold reads "Tham mưu …" as propose (sample 004's annotator read execute).
        ("Tham mưu đề xuất, tổ chức thực hiện kế hoạch tuyên truyền", "propose"),
        ("Tham mưu Ủy ban nhân dân thành phố tổ chức thẩm định hồ sơ", "propose"),
        ("Chủ trì tham mưu UBND phường tổng hợp, báo cáo", "lead"),
        ("Tổ chức các lớp tập huấn về CCHC", "execute"),
    ],
)
def test_role_from_opening_verb(text, role):
    assert role_of(text) == role


@pytest.mark.parametrize(
    "text, recurrence",
    [
        ("định kỳ hằng tháng có ít nhất 02 tin/bài về CCHC", "monthly"),
        ("Hằng quý, các phòng chuyên môn có ít nhất 01 tin/bài", "quarterly"),
        ("Hàng quý, có ít nhất 01 tin/bài", "quarterly"),
        ("Báo cáo quý I, 6 tháng, quý III gửi trước ngày 25 các tháng 2, 5 và 8, báo cáo năm", "quarterly"),
        ("bao céo CCHC cua UBND phuong quy I, 6 thang, 9 thang va ca nam", "quarterly"),
        ("báo cáo sơ kết 6 tháng và tổng kết năm", "semiannual"),
        ("đánh giá định kỳ hàng năm về tình hình thực hiện", "annual"),
        ("Định kỳ tổng hợp, đánh giá tình hình", "periodic"),
        ("Thường xuyên lồng ghép nội dung tuyên truyền", "periodic"),
        ("có thể chia từng quý, từng tháng", "none"),
        ("Tổ chức các lớp tập huấn về CCHC", "none"),
    ],
)
def test_recurrence_from_frequency_words(text, recurrence):
    assert recurrence_of(text) == recurrence


@pytest.mark.parametrize(
    "text, subject",
    [
        ("Căn cứ Kế hoạch này, UBND các phường xây dựng và tổ chức thực hiện", "UBND các phường"),
        ("Các phòng chuyên môn, đơn vị sự nghiệp tổ chức thực hiện kế hoạch", "Các phòng chuyên môn, đơn vị sự nghiệp"),
        ("Hằng quý, các phòng chuyên môn: Văn phòng HĐND&UBND quận, phòng Nội vụ", "Các phòng chuyên môn"),
        ("Đề nghị các cơ quan, đơn vị, UBND các xã, thị trấn gửi báo cáo", "Các cơ quan, đơn vị, UBND các xã, thị trấn"),
        ("Sở Nội vụ chủ trì, phối hợp với các sở, ngành tham mưu", "Sở Nội vụ"),
        ("Thông tin, tuyên truyền đầy đủ, kịp thời", None),
        ("Chủ trì, phối hợp với các cơ quan", None),
    ],
)
def test_subject_names_the_unit(text, subject):
    found = subject_of(text)
    assert (found[0] if found else None) == subject


@pytest.mark.parametrize(
    "unit, kind, plural",
    [
        ("Phòng Văn hóa và Thông tin huyện", "specialised_office", False),
        ("Văn phòng HĐND và UBND huyện", "specialised_office", False),
        ("Trung tâm Văn hóa, Thông tin và Thể thao", "public_service_unit", False),
        ("UBND các phường", "people_committee", True),
        ("Bộ phận Văn hóa - Thông tin, Đài truyền thanh phường", "specialised_office", True),
        ("Ban Tuyên giáo Quận ủy", "party_body", False),
        ("Khdi tuyén gido Pang ay", "party_body", False),
        ("Ủy ban MTTQ Việt Nam và các đoàn thể phường", "front_and_mass_org", True),
        ("Các cơ quan, đơn vị, UBND các xã, thị trấn", "other", True),
        ("Thủ trưởng các cơ quan chuyên môn thuộc quận, Chủ tịch UBND 10 phường", "specialised_office", True),
    ],
)
def test_unit_kind_and_plurality(unit, kind, plural):
    assert (unit_kind(unit), is_plural(unit)) == (kind, plural)


@pytest.mark.parametrize(
    "heading, unit",
    [
        ("Giao Van phong UBND phudng", "van phong ubnd phudng"),
        ("Đề nghị Ban Tuyên giáo Quận ủy", "ban tuyen giao quan uy"),
        ("Kính đề nghị Ban Tuyên giáo và Dân vận Quận ủy", "ban tuyen giao va dan van quan uy"),
        ("Pé nghi Khdi tuyén gido Pang ay", "khdi tuyen gido pang ay"),
        ("P& nghi ity ban MTTQ Viét Nam", "ity ban mttq viet nam"),
    ],
)
def test_unit_prefixes_are_dropped(heading, unit):
    assert strip_unit_prefix(fold(heading)) == unit


def test_units_are_normalised_as_the_gold_writes_them():
    assert normalise_unit("Chủ tịch Ủy ban nhân dân 10 phường") == "Chủ tịch UBND 10 phường"
    assert normalise_unit("Phòng Tài chính – Kế hoạch") == "Phòng Tài chính - Kế hoạch"


@pytest.mark.parametrize(
    "text, deadline",
    [
        ("Thời gian hoàn thành xây dựng kế hoạch: **Chậm nhất ngày 29/02/2024.**", "2024-02-29"),
        ("báo cáo năm gửi trước ngày 20/10/2022.", "2022-10-20"),
        ("hoàn thành trước ngày 15 tháng 3 năm 2025", "2025-03-15"),
        ("theo Kế hoạch số 54/KH-UBND ngày 08/02/2024 của UBND Thành phố", None),
        ("chậm nhất ngày 10 của tháng cuối kỳ báo cáo", None),
        ("nhân ngày Chuyển đổi số quốc gia 10-10", None),
    ],
)
def test_deadline_is_a_full_date_given_as_a_deadline(text, deadline):
    assert deadline_of(text) == deadline


def test_partners_named_with_phoi_hop():
    assert cooperating_units("Phối hợp với Phòng Tư pháp, Phòng Nội vụ và các đơn vị liên quan đẩy mạnh công tác") == [
        "Phòng Tư pháp",
        "Phòng Nội vụ",
        "Các đơn vị liên quan",
    ]
    assert cooperating_units("Chủ trì, phối hợp với các cơ quan, đơn vị thuộc quận trong tổng hợp") == [
        "Các cơ quan, đơn vị thuộc quận"
    ]
    assert cooperating_units("Tổ chức các lớp tập huấn") == []


def test_quantities_are_kept_as_printed():
    assert quantity_of("đảm bảo đăng tải tối thiểu 12 tin/bài trong năm. Hệ thống") == "tối thiểu 12 tin/bài trong năm"
    assert quantity_of("Tổ chức các lớp tập huấn") is None


@pytest.mark.parametrize("opening, opens", [
    ("Thực hiện Kế hoạch số 54/KH-UBND", True),
    ("Căn cứ Luật Tổ chức chính quyền địa phương", True),
    ("Triển khai thực hiện Nghị quyết số 57-NQ/TW", True),
    ("Tiếp tục thực hiện Chỉ thị số 05/CT-TTg", True),
    ("Để tiếp tục thực hiện nghiêm Chỉ thị số 05/CT-TTg", True),
    ("Cục Thuế nhận được công văn số 324/QTR-KTr2 ngày 22/7/2025", True),
    ("Ủy ban nhân dân tỉnh nhận được Công văn số 1234/BNV-CCHC", True),
    # a time, not a link upward
    ("Sau khi nhận được văn bản thông báo tạm dừng của cơ quan", False),
    ("Trong thời hạn 05 ngày kể từ ngày nhận được văn bản đề nghị", False),
    ("Thời gian qua, công tác quản lý rừng đạt kết quả", False),
])
def test_preamble_openings(opening, opens):
    from ingest.cues import PREAMBLE_CUES
    from ingest.fold import cue_regex
    assert bool(cue_regex(PREAMBLE_CUES, at_start=True).match(fold(opening))) == opens
