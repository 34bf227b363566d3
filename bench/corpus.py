"""A synthetic national corpus of administrative-reform plans, written as documents.

The benchmark must measure the real pipeline on text, not on hand-built
triples: reading, segmenting, resolving issuers in the gazetteer and linking
levels are most of the cost, so each generated plan is a plain-text document
in the seeds' style (tests/data/impact, tests/data/linking): a header with
the issuing People's Committee, "Số: N/KH-UBND", a place and date line,
a "Thực hiện …" / "Căn cứ …" preamble, a short "Mục đích, yêu cầu" and a
"Tổ chức thực hiện" part whose numbered units carry a), b), c) duties with
deadlines, recurrences, cooperating units and citations.

Places are real: provinces, districts and communes (pre-2025) come from
`ingest.gazetteer`, so the issuer of each plan resolves to its territory and
a commune plan's "Thực hiện Kế hoạch số … của UBND huyện X" links to the
district plan the corpus also holds. Every province plan carries out
76/NQ-CP and 23/CT-TTg; every lower plan carries out its parent's, so every
commune task traces up to both.

The corpus is deterministic: a seed and a scale pick the same units, numbers,
dates and sentences on every run. At scale 1.0 it is the whole country
(63 provinces, ~11 districts each, ~15 communes per district); a smaller
scale keeps the same fraction `scale ** (1/3)` of the children at each level,
so that every level stays represented and the number of documents shrinks
with the scale.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ingest import gazetteer
from ingest.gazetteer import Place

CENTRAL_BASIS = (
    "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách "
    "hành chính nhà nước giai đoạn 2021-2030",
    "Chỉ thị số 23/CT-TTg ngày 02/9/2021 của Thủ tướng Chính phủ về đẩy mạnh thực hiện Chương trình "
    "tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030",
)
CENTRAL_NUMBERS = ("76/NQ-CP", "23/CT-TTg")
YEAR = 2025


@dataclass(frozen=True)
class Shape:
    """How many units of each level the corpus takes: at most this many children per parent."""

    provinces: int
    districts: int | None  # None: every district of each chosen province
    communes: int | None  # None: every commune of each chosen district
    fraction: float = 1.0  # share of the children kept when no count is given


def shape_for_scale(scale: float) -> Shape:
    """The same fraction of children at each level, so that docs ≈ scale × the country."""
    fraction = min(1.0, max(scale, 0.0) ** (1 / 3))
    return Shape(provinces=max(1, round(63 * fraction)), districts=None, communes=None, fraction=fraction)


@dataclass
class Plan:
    """One generated document and what its text says, to check what the pipeline reads."""

    level: str  # province | district | commune
    place: Place
    issuer: str  # "UBND tỉnh Bắc Ninh"
    number: str  # "105/KH-UBND"
    issued: date
    text: str
    tasks: int  # duties written in the text
    parent: "Plan | None" = None
    file: Path | None = None

    @property
    def filename(self) -> str:
        return f"{self.level}_{self.place.code}_{self.number.split('/')[0]}.txt"


@dataclass
class Corpus:
    plans: list[Plan] = field(default_factory=list)

    def of_level(self, level: str) -> list[Plan]:
        return [p for p in self.plans if p.level == level]

    @property
    def tasks(self) -> int:
        return sum(p.tasks for p in self.plans)

    def write(self, folder: Path) -> list[Path]:
        """Each plan as a UTF-8 text file in `folder`; returns the files in ingest order (top level first)."""
        folder.mkdir(parents=True, exist_ok=True)
        for plan in self.plans:
            plan.file = folder / plan.filename
            plan.file.write_text(plan.text, encoding="utf-8")
        return [p.file for p in self.plans]


# --- choosing the places ----------------------------------------------------------


def chosen_places(shape: Shape, rng: random.Random) -> Iterator[tuple[Place, Place | None, Place | None]]:
    """(province, district, commune) triples in tree order; district/commune None for the plan above them."""
    for province in _sample(_provinces(), shape.provinces, shape.fraction, rng):
        yield province, None, None
        districts = gazetteer.children(province)
        for district in _sample(districts, shape.districts, shape.fraction, rng):
            yield province, district, None
            for commune in _sample(gazetteer.children(district), shape.communes, shape.fraction, rng):
                yield province, district, commune


def _provinces() -> list[Place]:
    # Province codes run from 01 to 96 with gaps; by_code raises on a gap.
    out = []
    for code in range(1, 100):
        try:
            out.append(gazetteer.by_code(f"{code:02d}"))
        except KeyError:
            continue
    return out


def _sample(places: list[Place], count: int | None, fraction: float, rng: random.Random) -> list[Place]:
    """A seeded sample, in code order: `count` of them, else the `fraction` (at least one)."""
    if not places:
        return []
    wanted = count if count is not None else max(1, round(len(places) * fraction))
    picked = rng.sample(places, min(wanted, len(places)))
    return sorted(picked, key=lambda p: p.code)


# --- names as the plans write them -----------------------------------------------


def people_committee(place: Place) -> str:
    """ "UBND tỉnh Bắc Ninh", "UBND Quận 3": the issuer as the plans cite it."""
    return f"UBND {place.full_name}"


def header_name(place: Place) -> str:
    """The second header line: "TỈNH BẮC NINH", "QUẬN 3"."""
    return place.full_name.upper()


def children_group(place: Place) -> str:
    """ "UBND các huyện, thị xã, thành phố": the lower People's Committees, by the kinds they are."""
    kinds = []
    for child in gazetteer.children(place):
        if child.kind not in kinds:
            kinds.append(child.kind)
    order = ("quận", "huyện", "thị xã", "thành phố", "phường", "xã", "thị trấn")
    named = sorted(kinds, key=lambda k: order.index(k) if k in order else len(order)) or ["xã"]
    return "UBND các " + ", ".join(named)


# --- the text ----------------------------------------------------------------------

# Each unit of each level, with the duties a plan may give it. "{d}" is a deadline,
# "{up}" the unit above ("huyện Bảo Thắng"), "{own}" the issuer's kind word, "{group}"
# the lower People's Committees. Lower-level duties echo the higher ones, as real plans
# do, so that the pipeline's derivedFrom inference has something to find.
UNITS: dict[str, list[tuple[str, list[str]]]] = {
    "province": [
        ("Sở Nội vụ", [
            "Chủ trì, theo dõi, đôn đốc các sở, ban, ngành và {group} triển khai thực hiện Kế hoạch này; tổng hợp, báo cáo UBND {own} trước ngày {d}.",
            "Hằng quý tổng hợp, báo cáo kết quả thực hiện công tác cải cách hành chính về Bộ Nội vụ và UBND {own}.",
            "Chủ trì xác định Chỉ số cải cách hành chính năm {y} của các sở, ban, ngành và UBND cấp huyện, hoàn thành chậm nhất ngày {d}.",
            "Chủ trì, phối hợp với Sở Thông tin và Truyền thông tổ chức tuyên truyền cải cách hành chính theo Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ về Đề án văn hóa công vụ.",
            "Tổ chức kiểm tra công tác cải cách hành chính tại ít nhất 30% cơ quan, đơn vị, địa phương, hoàn thành trước ngày {d}.",
        ]),
        ("Văn phòng UBND {own}", [
            "Chủ trì rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết của {own}, trình UBND {own} chậm nhất ngày {d}.",
            "Định kỳ 6 tháng báo cáo tình hình, kết quả giải quyết thủ tục hành chính trên Hệ thống thông tin giải quyết thủ tục hành chính.",
            "Theo dõi, đôn đốc việc tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính.",
        ]),
        ("Sở Tư pháp", [
            "Chủ trì rà soát, hệ thống hóa văn bản quy phạm pháp luật của {own}, hoàn thành trước ngày {d}.",
            "Hằng năm tổ chức theo dõi tình hình thi hành pháp luật trên địa bàn {own}, báo cáo UBND {own} trước ngày {d}.",
            "Chủ trì, phối hợp với Sở Nội vụ kiểm tra công tác xây dựng, ban hành văn bản của {group}.",
        ]),
        ("Sở Thông tin và Truyền thông", [
            "Chủ trì triển khai chuyển đổi số, xây dựng chính quyền số của {own}; báo cáo kết quả trước ngày {d}.",
            "Hướng dẫn các cơ quan báo chí, Cổng thông tin điện tử của {own} mở chuyên mục tuyên truyền cải cách hành chính.",
            "Bảo đảm kết nối, chia sẻ dữ liệu giữa Cổng dịch vụ công quốc gia và Hệ thống thông tin giải quyết thủ tục hành chính của {own}.",
        ]),
        ("Sở Tài chính", [
            "Chủ trì tham mưu bố trí kinh phí thực hiện Kế hoạch cải cách hành chính năm {y}, trình UBND {own} chậm nhất ngày {d}.",
            "Hướng dẫn thực hiện cơ chế tự chủ tài chính đối với đơn vị sự nghiệp công lập theo Nghị định số 60/2021/NĐ-CP ngày 21/6/2021 của Chính phủ.",
            "Định kỳ 6 tháng báo cáo kết quả cải cách tài chính công về Sở Nội vụ.",
        ]),
        ("{group}", [
            "Xây dựng kế hoạch cải cách hành chính năm {y} của địa phương, gửi về Sở Nội vụ chậm nhất ngày {d}.",
            "Hằng quý báo cáo kết quả thực hiện cải cách hành chính về UBND {own} (qua Sở Nội vụ).",
            "Chỉ đạo UBND cấp xã triển khai thực hiện nhiệm vụ cải cách hành chính năm {y} trên địa bàn, báo cáo trước ngày {d}.",
            "Tổ chức tuyên truyền cải cách hành chính trên địa bàn, bảo đảm ít nhất 02 tin, bài mỗi tháng.",
        ]),
    ],
    "district": [
        ("Phòng Nội vụ", [
            "Chủ trì, theo dõi, đôn đốc các cơ quan, đơn vị và {group} thực hiện Kế hoạch này; tổng hợp, báo cáo UBND {own} trước ngày {d}.",
            "Hằng quý tổng hợp, báo cáo kết quả thực hiện công tác cải cách hành chính về UBND {own} và Sở Nội vụ.",
            "Tham mưu UBND {own} tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {y}, hoàn thành chậm nhất ngày {d}.",
            "Tổ chức kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị và {group}, hoàn thành trước ngày {d}.",
        ]),
        ("Văn phòng HĐND và UBND {own}", [
            "Chủ trì rà soát quy trình giải quyết thủ tục hành chính tại Bộ phận tiếp nhận và trả kết quả của {own}, hoàn thành trước ngày {d}.",
            "Định kỳ 6 tháng báo cáo kết quả giải quyết thủ tục hành chính về UBND {own}.",
            "Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính theo quy định.",
        ]),
        ("Phòng Tư pháp", [
            "Chủ trì rà soát văn bản quy phạm pháp luật do HĐND, UBND {own} ban hành, hoàn thành trước ngày {d}.",
            "Hằng năm theo dõi tình hình thi hành pháp luật trên địa bàn, báo cáo UBND {own} trước ngày {d}.",
            "Phối hợp với Phòng Nội vụ kiểm tra công tác xây dựng văn bản của {group}.",
            "Chủ trì kiểm soát thủ tục hành chính thuộc lĩnh vực tư pháp, hộ tịch; báo cáo UBND {own} trước ngày {d}.",
        ]),
        ("Phòng Văn hóa và Thông tin", [
            "Chủ trì tuyên truyền cải cách hành chính trên Trang thông tin điện tử của {own}, bảo đảm ít nhất 02 tin, bài mỗi tháng.",
            "Chủ trì triển khai chuyển đổi số trên địa bàn {own}; báo cáo kết quả trước ngày {d}.",
            "Hướng dẫn {group} tuyên truyền cải cách hành chính trên hệ thống truyền thanh cơ sở.",
        ]),
        ("Phòng Tài chính - Kế hoạch", [
            "Tham mưu bố trí kinh phí thực hiện Kế hoạch cải cách hành chính năm {y} của {own}, chậm nhất ngày {d}.",
            "Định kỳ 6 tháng báo cáo kết quả cải cách tài chính công về Phòng Nội vụ.",
            "Hướng dẫn {group} thực hiện công khai ngân sách theo quy định, hoàn thành trước ngày {d}.",
        ]),
        ("{group}", [
            "Xây dựng kế hoạch cải cách hành chính năm {y} của địa phương, gửi về UBND {own} (qua Phòng Nội vụ) chậm nhất ngày {d}.",
            "Hằng quý báo cáo kết quả thực hiện cải cách hành chính về UBND {own} (qua Phòng Nội vụ).",
            "Tổ chức tuyên truyền cải cách hành chính trên hệ thống truyền thanh cơ sở, bảo đảm ít nhất 02 tin, bài mỗi tháng.",
            "Niêm yết công khai đầy đủ thủ tục hành chính tại Bộ phận tiếp nhận và trả kết quả, hoàn thành trước ngày {d}.",
        ]),
    ],
    "commune": [
        ("Công chức Văn phòng - Thống kê", [
            "Tham mưu xây dựng kế hoạch cải cách hành chính năm {y} của {own}, trình UBND {own} ban hành chậm nhất ngày {d}.",
            "Hằng quý tổng hợp, báo cáo kết quả thực hiện cải cách hành chính về UBND {up} (qua Phòng Nội vụ).",
            "Tham mưu UBND {own} tự đánh giá, chấm điểm kết quả cải cách hành chính năm {y}, hoàn thành trước ngày {d}.",
            "Theo dõi, đôn đốc các bộ phận chuyên môn thực hiện Kế hoạch này; tổng hợp, báo cáo UBND {own} trước ngày {d}.",
        ]),
        ("Công chức Tư pháp - Hộ tịch", [
            "Rà soát văn bản do HĐND, UBND {own} ban hành, hoàn thành trước ngày {d}.",
            "Hằng năm theo dõi tình hình thi hành pháp luật trên địa bàn {own}, báo cáo UBND {own} trước ngày {d}.",
            "Phối hợp với công chức Văn phòng - Thống kê niêm yết công khai thủ tục hành chính thuộc lĩnh vực tư pháp.",
            "Thực hiện chứng thực điện tử, đăng ký hộ tịch trực tuyến; báo cáo kết quả trước ngày {d}.",
        ]),
        ("Công chức Văn hóa - Xã hội", [
            "Tổ chức tuyên truyền cải cách hành chính trên hệ thống truyền thanh cơ sở, bảo đảm ít nhất 02 tin, bài mỗi tháng.",
            "Hằng quý tổng hợp, báo cáo kết quả tuyên truyền cải cách hành chính về UBND {own}.",
            "Phối hợp với Mặt trận Tổ quốc {own} tuyên truyền, vận động Nhân dân sử dụng dịch vụ công trực tuyến.",
            "Tổ chức ít nhất 01 hội nghị đối thoại với Nhân dân về cải cách hành chính, hoàn thành trước ngày {d}.",
        ]),
        ("Bộ phận tiếp nhận và trả kết quả", [
            "Niêm yết công khai đầy đủ thủ tục hành chính tại Bộ phận tiếp nhận và trả kết quả của {own}, hoàn thành trước ngày {d}.",
            "Hằng tháng báo cáo tình hình tiếp nhận, giải quyết hồ sơ thủ tục hành chính về UBND {own}.",
            "Hướng dẫn cá nhân, tổ chức nộp hồ sơ trực tuyến trên Cổng dịch vụ công quốc gia.",
        ]),
        ("Công chức Địa chính - Xây dựng", [
            "Giải quyết đúng hạn hồ sơ thủ tục hành chính thuộc lĩnh vực đất đai, xây dựng; báo cáo UBND {own} trước ngày {d}.",
            "Định kỳ 6 tháng rà soát hồ sơ trễ hạn, báo cáo nguyên nhân và biện pháp khắc phục.",
            "Cập nhật hồ sơ địa chính trên cơ sở dữ liệu đất đai, hoàn thành trước ngày {d}.",
        ]),
        ("Đài truyền thanh {own}", [
            "Phát ít nhất 02 tin, bài về cải cách hành chính mỗi tháng trên hệ thống loa truyền thanh.",
            "Xây dựng chuyên mục cải cách hành chính trên hệ thống truyền thanh, hoàn thành trước ngày {d}.",
            "Hằng quý phát sóng chuyên đề về dịch vụ công trực tuyến và thanh toán không dùng tiền mặt.",
        ]),
    ],
}

TITLES = {
    "province": "Cải cách hành chính nhà nước năm {y} trên địa bàn {place}",
    "district": "Cải cách hành chính nhà nước năm {y} trên địa bàn {place}",
    "commune": "Cải cách hành chính nhà nước năm {y} của {place}",
}
SIGNERS = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Hải", "Vũ Thị Lan")
LETTERS = "abcdefgh"


def write_plan(plan: Plan, rng: random.Random) -> tuple[str, int]:
    """The plan's text and how many duties it writes."""
    place = plan.place
    fill = {
        "y": YEAR,
        "own": place.kind,  # a plan names its own level by its kind word: "UBND huyện"
        "up": plan.parent.place.full_name if plan.parent else "",
        "group": children_group(place),
    }
    parts = [
        "ỦY BAN NHÂN DÂN",
        header_name(place),
        "",
        f"Số: {plan.number}",
        "",
        f"{place.name}, ngày {plan.issued.day:02d} tháng {plan.issued.month:02d} năm {plan.issued.year}",
        "",
        "KẾ HOẠCH",
        TITLES[plan.level].format(y=YEAR, place=place.full_name),
        "",
        preamble(plan),
        "",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "",
        f"Triển khai đồng bộ, hiệu quả các nhiệm vụ cải cách hành chính năm {YEAR} trên địa bàn {place.full_name}; "
        "nâng cao chất lượng phục vụ người dân, doanh nghiệp.",
        "",
        "II. TỔ CHỨC THỰC HIỆN",
        "",
    ]
    duties = 0
    for number, (unit, sentences) in enumerate(UNITS[plan.level], start=1):
        chosen = sorted(rng.sample(range(len(sentences)), k=max(2, len(sentences) - rng.randint(0, 1))))
        parts += [f"{number}. {unit.format(**fill)}", ""]
        for letter, index in zip(LETTERS, chosen):
            sentence = sentences[index].format(d=_deadline(plan.issued, rng), **fill)
            parts += [f"{letter}) {sentence}", ""]
            duties += 1
    parts += [
        "Nơi nhận:",
        f"- {plan.parent.issuer if plan.parent else 'Bộ Nội vụ'};",
        f"- {fill['group']};" if plan.level != "commune" else "- Các bộ phận chuyên môn;",
        "- Lưu: VT.",
        "",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "",
        rng.choice(SIGNERS),
        "",
    ]
    return "\n".join(parts), duties


def preamble(plan: Plan) -> str:
    """ "Căn cứ …; Thực hiện …": the province carries out the central acts, a lower plan its parent's."""
    law = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
    issuer = people_committee(plan.place)
    if plan.parent is None:
        acts = "; ".join(CENTRAL_BASIS)
        return f"{law}\n\nThực hiện {acts}, {issuer} ban hành Kế hoạch cải cách hành chính năm {YEAR} như sau:"
    parent = plan.parent
    cited = (f"Kế hoạch số {parent.number} ngày {parent.issued.day:02d}/{parent.issued.month:02d}/{parent.issued.year} "
             f"của {parent.issuer} về cải cách hành chính nhà nước năm {YEAR}")
    return f"{law}\n\nThực hiện {cited}, {issuer} ban hành Kế hoạch như sau:"


def _deadline(issued: date, rng: random.Random) -> str:
    day = issued + timedelta(days=rng.randint(20, 320))
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


# --- the corpus ----------------------------------------------------------------------


def generate(shape: Shape, seed: int = 2025) -> Corpus:
    """The corpus for `shape`: plans in tree order, each after the plan it carries out."""
    rng = random.Random(seed)
    corpus = Corpus()
    numbers = _Numbers(rng)
    current: dict[str, Plan] = {}
    for province, district, commune in chosen_places(shape, rng):
        place, level = (commune, "commune") if commune else (district, "district") if district else (province, "province")
        parent = current.get("district") if commune else current.get("province") if district else None
        issued = _issue_date(parent, rng)
        issuer = people_committee(place)
        plan = Plan(level, place, issuer, numbers.next(issuer), issued, text="", tasks=0, parent=parent)
        plan.text, plan.tasks = write_plan(plan, rng)
        current[level] = plan
        corpus.plans.append(plan)
    return corpus


def _issue_date(parent: Plan | None, rng: random.Random) -> date:
    if parent is None:
        return date(YEAR, 1, rng.randint(3, 15))
    return parent.issued + timedelta(days=rng.randint(5, 20))


class _Numbers:
    """Plan numbers, never the same twice for one issuer name.

    Act IRIs are minted from the issuer's name and the number (graph/iris.py),
    and names repeat across the country (dozens of "xã Tân Lập"): a repeated
    (name, number) would silently merge two plans, which is not what we measure.
    """

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[tuple[str, int]] = set()

    def next(self, issuer: str) -> str:
        serial = self.rng.randint(5, 400)
        while (issuer, serial) in self.used:
            serial += 1
        self.used.add((issuer, serial))
        return f"{serial}/KH-UBND"
