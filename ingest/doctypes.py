"""The kinds of document a Vietnamese administrative text refers to, as data.

One row per kind: its Vietnamese name, the codes that stand for it inside a
document number ("KH" in 41/KH-UBND, "CT" in 24-CT/TU), the local name of its
class in the ontology, and how a bare, unnumbered mention of it is judged.

>>> by_word("KẾ HOẠCH").name
'Kế hoạch'
>>> by_word("Két hoach").onto          # OCR of "Kế hoạch" in a scanned plan
'KeHoach'
>>> by_code("QD").name, by_code("CTr").name
('Quyết định', 'Chương trình')
>>> by_word("Nghị quyết liên tịch").codes
('NQLT',)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ingest.fold import fold, tolerant
from rapidfuzz.distance import Levenshtein

# How an unnumbered mention ("Kế hoạch CCHC năm 2024 của quận Tây Hồ") is judged
# (shared/gold/README.md, "An unnumbered reference is kept only if its name
# points to a single document"):
NUMBERED = "numbered"  # identified by its number only: an unnumbered "Quyết định công bố TTHC" is generic
ISSUED = "issued"  # identified by its issuer: "Kế hoạch CCHC nhà nước năm 2024 của thành phố Hà Nội"
TITLED = "titled"  # identified by its issuer or by a title of its own: "Đề án xây dựng … đô thị thông minh"
NAMED = "named"  # always identified by its name: "Luật Thủ đô"


@dataclass(frozen=True)
class DocType:
    """One kind of document.

    `variants` are extra folded spellings met in the wild (OCR misreadings),
    `unnumbered` is one of NUMBERED, ISSUED, TITLED, NAMED (see above),
    `issuer` is the body that issues every document of the kind, if one does,
    `recurring` is True for the kinds a body issues again every year or term (its
    plans and programmes): an unnumbered one of a single body names one document only
    with its year or period ("Kế hoạch CCHC nhà nước năm 2024 của quận Tây Hồ", not
    "Chương trình chuyển đổi số của Thành phố"), and
    `heading` is False for names that are never printed as the type word of a
    header ("Thông báo kết luận" is named in references; a notice prints
    "THÔNG BÁO" over the title "Kết luận của …").
    """

    name: str
    codes: tuple[str, ...]
    onto: str
    is_plan: bool = False
    unnumbered: str = NUMBERED
    issuer: str | None = None
    variants: tuple[str, ...] = ()
    recurring: bool = False
    heading: bool = True

    @cached_property  # asked for every word that may name a type
    def folded(self) -> str:
        return fold(self.name)


# Longest names are tried first, so "Nghị quyết liên tịch" wins over "Nghị quyết".
DOC_TYPES: tuple[DocType, ...] = (
    # "Két hoach dinh huéng sé 140/KH-BCPTKNQI8" (seed 004): OCR adds a "t" to "Kế".
    DocType("Kế hoạch", ("KH",), "KeHoach", is_plan=True, unnumbered=ISSUED, variants=("ket hoach",), recurring=True),
    DocType("Quyết định", ("QĐ",), "QuyetDinh"),
    DocType("Nghị quyết liên tịch", ("NQLT",), "NghiQuyet", unnumbered=ISSUED),
    # "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh … lần thứ XVI" names its issuer (seed 001).
    DocType("Nghị quyết", ("NQ",), "NghiQuyet", unnumbered=ISSUED),
    DocType("Chỉ thị", ("CT",), "ChiThi"),
    DocType("Nghị định", ("NĐ",), "NghiDinh", issuer="Chính phủ"),
    DocType("Thông tư liên tịch", ("TTLT",), "ThongTu"),
    DocType("Thông tư", ("TT",), "ThongTu"),
    DocType("Chương trình", ("CTr",), "ChuongTrinh", unnumbered=TITLED, recurring=True),
    # "Két luan sé 09-KL/BCP" (seed 004).
    DocType("Kết luận", ("KL",), "KetLuan"),
    # "Cong vin sd 24/CV-BCDTKNQ 18" (seed 004): "ă" read as "i".
    DocType("Công văn", ("CV",), "CongVan", variants=("cong vin",)),
    DocType("Văn bản hợp nhất", ("VBHN",), "VanBan"),
    DocType("Văn bản", (), "VanBan", heading=False),
    DocType("Bộ luật", (), "Luat", unnumbered=NAMED, issuer="Quốc hội"),
    DocType("Luật", (), "Luat", unnumbered=NAMED, issuer="Quốc hội"),
    DocType("Hiến pháp", (), "VanBan", unnumbered=NAMED, issuer="Quốc hội"),
    DocType("Pháp lệnh", ("PL",), "PhapLenh", unnumbered=NAMED, issuer="Ủy ban Thường vụ Quốc hội"),
    DocType("Đề án", ("ĐA",), "DeAn", unnumbered=TITLED),
    DocType("Chiến lược", (), "VanBan", unnumbered=TITLED),
    # "Quy tic Gng xir ctia can bd …" (seed 004): "ắ" read as "i".
    DocType("Quy tắc", (), "QuyTac", unnumbered=TITLED, variants=("quy tic",)),
    # "Quy chế phối hợp số 49/QCPH-UBND-UBMT-HCTĐ": a rule agreed by the bodies its number names.
    DocType("Quy chế phối hợp", ("QCPH",), "QuyChe", unnumbered=ISSUED),
    DocType("Quy chế", ("QC",), "QuyChe", unnumbered=ISSUED),
    # The Party numbers its regulations "QĐi" (Quy định số 08-QĐi/TW).
    DocType("Quy định", ("QĐi", "QyĐ"), "QuyDinh"),
    DocType("Điều lệ", (), "VanBan", unnumbered=TITLED),
    DocType("Hướng dẫn", ("HD",), "HuongDan"),
    DocType("Thông báo", ("TB",), "ThongBao"),
    DocType("Thông báo kết luận", ("TB",), "ThongBao", heading=False),
    DocType("Báo cáo", ("BC",), "BaoCao"),
    DocType("Tờ trình", ("TTr",), "VanBan"),
    DocType("Công điện", ("CĐ",), "VanBan"),
    # "Phương án 02600/PA-UBND … về ứng phó thiên tai", "Phương án số 728/PA-UBND".
    DocType("Phương án", ("PA",), "VanBan"),
)

# Codes that a numbering style gives to more than one kind, as (style, code key): the Party
# numbers its decisions "QĐ" and, before it took "QĐi", its regulations too ("Quy định số
# 169-QĐ/TW ngày 24/6/2008", "Quy định số 178-QĐ/TW ngày 27/6/2024").
SHARED_CODES = frozenset({("party", "QD")})

# Codes are compared upper-case and without "Đ" (OCR and typists write "QD" for "QĐ").
_BY_CODE: dict[str, DocType] = {}
for _t in DOC_TYPES:
    for _c in _t.codes:
        _BY_CODE.setdefault(fold(_c).upper(), _t)


def code_key(code: str) -> str:
    """The comparison key of a type code: upper-case, 'Đ' read as 'D'.

    >>> code_key("QĐ"), code_key("qd"), code_key("CTr")
    ('QD', 'QD', 'CTR')
    """
    return fold(code).upper()


def by_code(code: str | None) -> DocType | None:
    """The kind a number's type code stands for ("KH" → Kế hoạch), or None.

    >>> by_code("NĐ").name, by_code("nd").name, by_code("TTLT").name
    ('Nghị định', 'Nghị định', 'Thông tư liên tịch')
    >>> by_code("UBND") is None
    True
    """
    if not code:
        return None
    return _BY_CODE.get(code_key(code))


def _spellings(t: DocType) -> tuple[str, ...]:
    return (t.folded, *t.variants)


@lru_cache(maxsize=1)
def word_regex() -> str:
    """An OCR-tolerant alternation over folded text of every type name, longest first.

    The names may be broken over lines ("Nghi\\ndinh"). No word boundaries are
    included: callers add their own.

    >>> bool(re.fullmatch(word_regex(), fold("Quyét dinh")))
    True
    >>> bool(re.fullmatch(word_regex(), "nghi\\ndinh"))
    True
    """
    spellings = sorted({s for t in DOC_TYPES for s in _spellings(t)}, key=len, reverse=True)
    return "(?:" + "|".join(f"(?:{tolerant(s)})" for s in spellings) + ")"


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern[str], DocType], ...]:
    pairs = [(s, t) for t in DOC_TYPES for s in _spellings(t)]
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    return tuple((re.compile(tolerant(s)), t) for s, t in pairs)


def by_word(text: str | None) -> DocType | None:
    """The kind a type word names, in any case, with or without diacritics, OCR'd or not.

    An exact folded spelling wins; then an OCR-tolerant match; then a name one
    edit away (names of six letters or more only, so "Luật" never matches "Luận").

    >>> by_word("Ke hoach").name, by_word("Quyét dinh").name, by_word("NGHỊ ĐỊNH").name
    ('Kế hoạch', 'Quyết định', 'Nghị định')
    >>> by_word("Chỉ số") is None
    True
    """
    if not text:
        return None
    key = " ".join(fold(text).split())
    for t in DOC_TYPES:
        if key in _spellings(t):
            return t
    for pattern, t in _compiled():
        if pattern.fullmatch(key):
            return t
    close = [(Levenshtein.distance(key, s), t) for t in DOC_TYPES for s in _spellings(t) if len(s) >= 6]
    best = min(close, key=lambda p: p[0], default=None)
    return best[1] if best and best[0] <= 1 else None


def heading_at(text: str) -> tuple[DocType, int] | None:
    """The type word a header line opens with and where it ends in `text`, or None.

    The word is the whole line ("KẾ HOẠCH"), or opens it in capitals before the title: a crawl
    may glue the two ("NGHỊ ĐỊNHQuy định về …") or print them on one line ("QUYẾT ĐỊNH VỀ VIỆC
    CÔNG BỐ …").

    >>> [(t.name, end) for t, end in [heading_at("KẾ HOẠCH"), heading_at("NGHỊ ĐỊNHQuy định về")]]
    [('Kế hoạch', 8), ('Nghị định', 9)]
    >>> heading_at("THÔNG BÁO KẾT LUẬN CỦA PHÓ THỦ TƯỚNG")[0].name, heading_at("Kế hoạch số 12/KH-UBND") is None
    ('Thông báo', True)
    """
    stripped = text.strip()
    whole = by_word(stripped) if len(stripped.split()) <= 4 else None
    if whole and whole.heading:
        return whole, len(text.rstrip())
    if not text[:1].isupper():
        return None
    folded = fold(text)
    for pattern, t in _compiled():
        m = pattern.match(folded)
        if not m or not t.heading:
            continue
        printed, rest = text[:m.end()], text[m.end():]
        glued = rest[:1].isupper() and rest[1:2].islower()
        if printed.isupper() and (glued or rest[:1] == " " and _upper_words(" ".join(rest.split()[:3]))):
            return t, m.end()
    return None


def _upper_words(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def by_name(name: str) -> DocType | None:
    """The row of a canonical Vietnamese name ("Kế hoạch"), or None."""
    return next((t for t in DOC_TYPES if t.name == name), None)
