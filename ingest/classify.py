"""Which reform area a task belongs to, and which performance index it targets, from its words.

The six areas of the national administrative-reform master programme (scheme
`cc:ReformAreas`) and the five indices plans aim at (scheme `cc:Indicators`)
are recognised by cue words kept as data below. Cues are written folded
(lower-case ASCII, no diacritics, "đ" as "d") and matched through
`fold.cue_regex`, so text with full diacritics, text typed without them and
OCR'd scans are read alike, and a cue only matches whole words.

The answers are the local names of the ontology's concepts, in the order of
the tables (the ontology's order), each at most once; a text may belong to
several areas or none.

>>> reform_areas("Rà soát, công khai thủ tục hành chính trên Cổng Dịch vụ công trực tuyến")
['administrativeProcedureReform', 'digitalGovernment']
>>> reform_areas("Ra soat van ban quy pham phap luat cua HDND, UBND phuong")
['institutionalReform']
>>> reform_areas("Tổ chức Hội nghị sơ kết công tác tuyên truyền")
[]
>>> indicators("Nâng cao Chỉ số CCHC (PAR INDEX) và Chỉ số hài lòng (SIPAS) năm 2025")
['PARINDEX', 'SIPAS']
>>> indicators("Cải thiện Chỉ số PCI, PAPI và chỉ số chuyển đổi số cấp tỉnh (DTI)")
['PAPI', 'PCI', 'DTI']
"""

from __future__ import annotations

from ingest.fold import cue_regex, fold

# cc:ReformAreas: concept local name → folded cues (regex syntax allowed, as in fold.tolerant).
REFORM_AREA_CUES: dict[str, tuple[str, ...]] = {
    "institutionalReform": (
        "cai cach the che",
        "hoan thien the che",
        "van ban quy pham phap luat",
        "vbqppl",
        "thi hanh phap luat",
    ),
    "administrativeProcedureReform": (
        "cai cach thu tuc hanh chinh",
        "thu tuc hanh chinh",
        "tthc",
        "mot cua",
        "dich vu cong",
    ),
    "apparatusReform": (
        "cai cach to chuc bo may",
        "to chuc bo may",
        "sap xep",
        "tinh gon",
    ),
    "civilServiceReform": (
        "cai cach che do cong vu",
        "che do cong vu",
        "cong chuc",
        "bien che",
        "ky luat,? ky cuong",
        "van hoa cong vu",
        "dao duc cong vu",
        "vi tri viec lam",
    ),
    "publicFinanceReform": (
        "cai cach tai chinh cong",
        "tai chinh cong",
        "ngan sach",
        "tu chu",
    ),
    "digitalGovernment": (
        "chinh quyen dien tu",
        "chinh quyen so",
        "chinh phu dien tu",
        "chinh phu so",
        "chuyen doi so",
        "dich vu cong truc tuyen",
        "so hoa",
        "ky so",
    ),
}

# cc:Indicators: concept local name → folded cues.
INDICATOR_CUES: dict[str, tuple[str, ...]] = {
    "PARINDEX": (
        "par(-| )?index",
        "chi so cchc",
        "chi so cai cach hanh chinh",
    ),
    "SIPAS": (
        "sipas",
        "chi so (do luong )?(su )?hai long",
        "su phuc vu cua co quan hanh chinh",
    ),
    "PAPI": (
        "papi",
        "chi so hieu qua quan tri va hanh chinh cong",
    ),
    "PCI": (
        "pci",
        "chi so nang luc canh tranh",
    ),
    "DTI": (
        "dti",
        "chuyen doi so cap tinh",
        "chi so chuyen doi so",
    ),
}


def reform_areas(text: str | None) -> list[str]:
    """The reform areas (local names in cc:ReformAreas) whose cues the text contains.

    >>> reform_areas("Sắp xếp, tinh gọn tổ chức bộ máy; thực hiện tinh giản biên chế")
    ['apparatusReform', 'civilServiceReform']
    >>> reform_areas("Bố trí ngân sách, thực hiện cơ chế tự chủ của đơn vị sự nghiệp công lập")
    ['publicFinanceReform']
    >>> reform_areas("Đẩy mạnh chuyển đổi số, xây dựng chính quyền số")
    ['digitalGovernment']
    >>> reform_areas(None)
    []
    """
    return _matching(REFORM_AREA_CUES, text)


def indicators(text: str | None) -> list[str]:
    """The performance indices (local names in cc:Indicators) the text names.

    OCR and typing without diacritics are tolerated, and an acronym matches
    only as a word of its own:

    >>> indicators("nang cao chi so hai long cua nguoi dan")
    ['SIPAS']
    >>> indicators("Khắc phục các hạn chế Chỉ số cải cách hành chính (PAR-Index) năm 2024")
    ['PARINDEX']
    >>> indicators("Triển khai Đề án 06 về dữ liệu dân cư")
    []
    """
    return _matching(INDICATOR_CUES, text)


def _matching(table: dict[str, tuple[str, ...]], text: str | None) -> list[str]:
    folded = fold(text)
    if not folded:
        return []
    return [concept for concept, cues in table.items() if cue_regex(cues).search(folded)]
