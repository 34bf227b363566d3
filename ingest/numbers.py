"""Document numbers ("số ký hiệu") as a value object that parses and prints back.

State bodies number "serial/[year/]TYPE-ISSUER" (76/NQ-CP, 45/2020/NĐ-CP,
6830/QĐ-UBND, 16/KH-MTTQ-BTT); some numbers carry no type code
(35/2023/UBTVQH15, a Công văn's 1234/UBND-NC). The Party numbers
"serial-TYPE/ISSUER" (24-CT/TU, 01-CTr/TU, 09-KL/BCĐ). Texts also cite
numbers partially ("Chương trình 06", "Nghị quyết số 98/2023"), and OCR and
typists garble them ("6830/QD-UBND", "17/NQCP", "151/20217/ND-CP",
"140/KH-BCPTKNQI8"). `DocumentNumber.parse` reads all of them and `str()`
prints the canonical form:

>>> str(DocumentNumber.parse("6830/QD-UBND"))
'6830/QĐ-UBND'
>>> str(DocumentNumber.parse("18- NQ/TW")), str(DocumentNumber.parse("17/NQCP"))
('18-NQ/TW', '17/NQ-CP')
>>> str(DocumentNumber.parse("27/NQ- TW"))            # a Party number with "/" and "-" swapped
'27-NQ/TW'
>>> str(DocumentNumber.parse("151/20217/ND-CP", year_hint=2017))
'151/2017/NĐ-CP'
>>> str(DocumentNumber.parse("140/KH-BCPTKNQI8"))
'140/KH-BCĐTKNQ18'
>>> n = DocumentNumber.parse("/KH-UBND")        # "Số: /KH-UBND", left blank
>>> n.serial is None, n.text
(True, None)
>>> DocumentNumber.parse("45/2020/NĐ-CP").default_issuer
'Chính phủ'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ingest.doctypes import SHARED_CODES, DocType, by_code, code_key
from ingest.fold import fold

CENTRAL, PROVINCE, DISTRICT = "central", "province", "district"

# Issuer codes: canonical spelling → (the one body the code stands for, its level).
# A body of None means the code does not name one body by itself: "TW" may be the
# Central Committee, the Politburo or the Secretariat (gold: 18-NQ/TW has no issuer),
# "TU" is the Tỉnh ủy or Thành ủy of whichever province.
ISSUER_CODES: dict[str, tuple[str | None, str | None]] = {
    "CP": ("Chính phủ", CENTRAL),
    "TTg": ("Thủ tướng Chính phủ", CENTRAL),
    "QH": ("Quốc hội", CENTRAL),
    "UBTVQH": ("Ủy ban Thường vụ Quốc hội", CENTRAL),
    "VPCP": ("Văn phòng Chính phủ", CENTRAL),
    "TW": (None, CENTRAL),
    "BCT": ("Bộ Công Thương", CENTRAL),
    "BNV": ("Bộ Nội vụ", CENTRAL),
    "BTC": ("Bộ Tài chính", CENTRAL),
    "BTP": ("Bộ Tư pháp", CENTRAL),
    "BCA": ("Bộ Công an", CENTRAL),
    "BQP": ("Bộ Quốc phòng", CENTRAL),
    "BYT": ("Bộ Y tế", CENTRAL),
    "BXD": ("Bộ Xây dựng", CENTRAL),
    "BNG": ("Bộ Ngoại giao", CENTRAL),
    "BGDĐT": ("Bộ Giáo dục và Đào tạo", CENTRAL),
    "BTTTT": ("Bộ Thông tin và Truyền thông", CENTRAL),
    "BKHĐT": ("Bộ Kế hoạch và Đầu tư", CENTRAL),
    "BKHCN": ("Bộ Khoa học và Công nghệ", CENTRAL),
    "BLĐTBXH": ("Bộ Lao động - Thương binh và Xã hội", CENTRAL),
    "BTNMT": ("Bộ Tài nguyên và Môi trường", CENTRAL),
    "BGTVT": ("Bộ Giao thông vận tải", CENTRAL),
    "BNNPTNT": ("Bộ Nông nghiệp và Phát triển nông thôn", CENTRAL),
    "BNNMT": ("Bộ Nông nghiệp và Môi trường", CENTRAL),
    "BVHTTDL": ("Bộ Văn hóa, Thể thao và Du lịch", CENTRAL),
    "BDTTG": ("Bộ Dân tộc và Tôn giáo", CENTRAL),
    "NHNN": ("Ngân hàng Nhà nước Việt Nam", CENTRAL),
    "TTCP": ("Thanh tra Chính phủ", CENTRAL),
    "KTNN": ("Kiểm toán nhà nước", CENTRAL),
    "TANDTC": ("Tòa án nhân dân tối cao", CENTRAL),
    "VKSNDTC": ("Viện kiểm sát nhân dân tối cao", CENTRAL),
    "BTGTW": ("Ban Tuyên giáo Trung ương", CENTRAL),
    "BTCTW": ("Ban Tổ chức Trung ương", CENTRAL),
    "BDVTW": ("Ban Dân vận Trung ương", CENTRAL),
    "UBKTTW": ("Ủy ban Kiểm tra Trung ương", CENTRAL),
    "TWĐTN": ("Ban Chấp hành Trung ương Đoàn", CENTRAL),
    "TU": (None, PROVINCE),
    "BTGTU": (None, PROVINCE),
    "BDVTU": (None, PROVINCE),
    "BTCTU": (None, PROVINCE),
    "UBKTTU": (None, PROVINCE),
    "QU": (None, DISTRICT),
    "HU": (None, DISTRICT),
    "ThU": (None, DISTRICT),
    "UBND": (None, None),
    "HĐND": (None, None),
    "MTTQ": (None, None),
    "UBMTTQ": (None, None),
    "BCĐ": (None, None),
    "ĐU": (None, None),
}

# The Party's own bodies: their numbers are Party style, "27-NQ/TW", "31-CT/TU", "41-KH/QU". A
# state-style "27/NQ- TW" under one of them is the slash and the hyphen swapped (dev notes).
PARTY_ISSUER_CODES = frozenset(("TW", "TU", "QU", "HU", "ThU", "ĐU", "BTGTW", "BTCTW", "BDVTW", "UBKTTW",
                                "BTGTU", "BDVTU", "BTCTU", "UBKTTU"))

# Other parts met inside issuer codes. They let OCR'd codes be repaired part by
# part: "BCPTKNQI8" is BCĐ (steering committee) + TK (tổng kết) + NQ + 18 (seed 004).
OTHER_PARTS = (
    "TK", "NQ", "BTT", "BTV", "BCH", "BCS", "BCSĐ", "BTG", "BDV", "BTGDV", "ĐTN", "SNV", "STC",
    "STP", "SKHĐT", "STTTT", "SVHTTDL", "SYT", "SGDĐT", "VP", "VPUB", "NV", "VX", "NC", "KT", "TH",
    "CCHC", "KSTT", "HC", "TCCB",
)
TYPE_CODES = ("KH", "QĐ", "NQ", "NQLT", "CT", "NĐ", "TT", "TTLT", "CTr", "KL", "TB", "CV", "HD", "BC",
              "QC", "QCPH", "QĐi", "QyĐ", "TTr", "CĐ", "ĐA", "PL", "VBHN", "PA")

# Issuer codes that end with a term number, which a scan may detach: "BCDTKNQ 18",
# "UBTVQH 15". Only after these is a space before the digits read as part of the code.
TERM_SUFFIXED = ("NQ", "QH")


def _key(code: str) -> str:
    """Upper case with "Đ" read as "D": how codes are compared."""
    return code.upper().replace("Đ", "D")


_CANONICAL: dict[str, str] = {_key(c): c for c in (*OTHER_PARTS, *ISSUER_CODES, *TYPE_CODES)}
_TYPE_KEYS = frozenset(_key(c) for c in TYPE_CODES)
# Restoring "Đ" from "D" costs less than repairing an OCR "P" or "B" ("BCP" for
# "BCĐ" in seed 004), so "VPUBND" reads VP + UBND, not VPUB + NĐ.
_REPAIR_COST = {"D": 1, "P": 2, "B": 2}

# One number, compacted (white space removed, NFC). Read with re.X.
NUMBER_RE = re.compile(
    r"""
    ^(?P<serial>\d{1,6}[a-z]?)?              # 6830 | 01 | 12a; absent when left blank ("Số: /KH-UBND")
    (?:
        (?P<sep>[/-])                         # "/" state style (76/NQ-CP), "-" Party style (24-CT/TU)
        (?:(?P<year>\d{4,5})/)?               # 45/2020/NĐ-CP; OCR may add a digit (151/20217/ND-CP)
        (?P<codes>[^\W\d_][^\W_]*             # the first code: NQ | CT | UBTVQH15 | NQCP (hyphen lost)
                  (?:[/-][^\W_]+)*)           # the others: -CP | /TU | -MTTQ-BTT | -BCĐTKNQ18
      |
        /(?P<partial_year>\d{4})              # a partial number with its year only: 98/2023
    )?$
    """,
    re.X | re.I,
)

# A number inside folded text (lower-case ASCII, see fold.py), for finders. Line
# breaks and stray spaces occur around the separators ("118 /KH-UBND", "18- NQ/TW",
# "140/KH-\nBCPTKNQI8"). Read with re.X.
FOLDED_NUMBER = r"""
    (?<![\w/.-])
    (?P<serial>\d{1,6}[a-z]?)
    (?:
        \s?[/-][ \t]*(?:\d{4,5}\s?/\s?)?          # separator, then the year if any
        [a-z][a-z0-9]*                            # first code
        (?:[ \t]?[/-]\s*[a-z][a-z0-9]*)*          # more codes, maybe after a line break
        (?:(?<=nq|qh)[ ]\d{1,2}(?![\d/]))?        # a detached term number: "BCDTKNQ 18"
      |
        /\d{4}(?![\d/])                           # partial: 98/2023
    )?
    (?![\w/])
"""


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


@lru_cache(maxsize=2048)
def _segment(letters: str) -> tuple[str, ...] | None:
    """Split letters into known code parts, repairing "Đ" read as D, P or B.

    Returns the canonical parts, preferring cheaper repairs, then fewer parts;
    None when the letters are not made of known parts.

    >>> _segment("BCPTKNQ"), _segment("NQCP"), _segment("XYZ")
    (('BCĐ', 'TK', 'NQ'), ('NQ', 'CP'), None)
    """
    up = letters.upper()
    n = len(up)
    best: list[tuple[int, int, tuple[str, ...]] | None] = [None] * (n + 1)
    best[0] = (0, 0, ())
    for i in range(n):
        if best[i] is None:
            continue
        cost, count, parts = best[i]
        for key, canon in _CANONICAL.items():
            j = i + len(key)
            if j > n:
                continue
            repairs = 0
            for a, c in zip(up[i:j], canon.upper()):
                if a == c:
                    continue
                if c == "Đ" and a in _REPAIR_COST:
                    repairs += _REPAIR_COST[a]
                    continue
                break
            else:
                cand = (cost + repairs, count + 1, parts + (canon,))
                if best[j] is None or cand[:2] < best[j][:2]:
                    best[j] = cand
    return best[n][2] if best[n] else None


_TRAILING_DIGITS = re.compile(r"^(?P<letters>.*?[^\W\d_])(?P<digits>[0-9IlO]*[0-9][0-9IlO]*)$")


def canonical_code(code: str) -> str:
    """One code part in its canonical spelling, OCR repaired where it is unambiguous.

    >>> canonical_code("QD"), canonical_code("ttg"), canonical_code("BCDTKNQ18"), canonical_code("SXD")
    ('QĐ', 'TTg', 'BCĐTKNQ18', 'SXD')
    """
    known = _CANONICAL.get(_key(code))
    if known:
        return known
    m = _TRAILING_DIGITS.match(code)
    letters, digits = (m["letters"], m["digits"]) if m else (code, "")
    digits = digits.replace("I", "1").replace("l", "1").replace("O", "0")
    parts = _CANONICAL.get(_key(letters))
    if parts is None:
        seg = _segment(letters)
        parts = "".join(seg) if seg else None
    if parts is None:
        return code
    return parts + digits


def _repair_year(year: str, hint: int | None) -> int:
    """A printed year; a 5-digit one is a 19xx/20xx year with one digit inserted by OCR.

    The candidate equal to `hint` (the year of the document's date) wins; then
    the latest one not after it (or not after the current year without a hint).
    """
    if len(year) == 4:
        return int(year)
    candidates = sorted({int(year[:i] + year[i + 1:]) for i in range(len(year))})
    candidates = [c for c in candidates if 1900 <= c <= 2099]
    if not candidates:
        raise ValueError(f"not a year: {year!r}")
    if hint in candidates:
        return hint
    ceiling = hint if hint else date.today().year
    below = [c for c in candidates if c <= ceiling]
    return max(below) if below else min(candidates)


@dataclass(frozen=True)
class DocumentNumber:
    """A document number ("số ký hiệu").

    `serial` is None when the number was left blank; `type_code` is None when
    the number carries none (35/2023/UBTVQH15); `issuer_code` joins the issuer
    parts with "-" ("MTTQ-BTT"); `style` is "state" (76/NQ-CP) or "party"
    (24-CT/TU). A partial number ("06", "98/2023") has `partial` True and
    prints as printed.

    >>> DocumentNumber.parse("16/KH-MTTQ-BTT")
    DocumentNumber(serial='16', year=None, type_code='KH', issuer_code='MTTQ-BTT', style='state', partial=False)
    >>> str(DocumentNumber.parse("01-CTr/TU")), DocumentNumber.parse("01-CTr/TU").level
    ('01-CTr/TU', 'province')
    """

    serial: str | None
    year: int | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    style: str = "state"
    partial: bool = False

    @classmethod
    def parse(cls, text: str, *, year_hint: int | None = None) -> "DocumentNumber":
        """Read a number as printed; raise ValueError naming the string if it is none.

        `year_hint` (the year of the date printed with it) settles an OCR'd
        5-digit year.

        >>> DocumentNumber.parse("ngày 15")
        Traceback (most recent call last):
        ...
        ValueError: not a document number: 'ngày 15'
        """
        s = _compact(text or "")
        m = NUMBER_RE.match(s)
        if not m or not s or (not m["serial"] and not m["codes"]):
            raise ValueError(f"not a document number: {text!r}")
        serial = m["serial"]
        if m["partial_year"]:  # "98/2023"
            return cls(serial, int(m["partial_year"]), partial=True)
        if not m["sep"]:  # "06"
            return cls(serial, partial=True)
        year = _repair_year(m["year"], year_hint) if m["year"] else None
        if m["sep"] == "-":
            type_part, _, issuer = m["codes"].partition("/")
            return cls(serial, year, canonical_code(type_part), _issuer(issuer), "party")
        first, _, rest = m["codes"].partition("-")
        type_code, issuer = _split_first(first, rest)
        issuer = _issuer(issuer)
        style = "party" if type_code and not year and issuer in PARTY_ISSUER_CODES else "state"
        return cls(serial, year, type_code, issuer, style)

    def __str__(self) -> str:
        serial = self.serial or ""
        if self.partial:
            return serial + (f"/{self.year}" if self.year else "")
        year = f"{self.year}/" if self.year else ""
        if self.style == "party":
            return f"{serial}-{year}{self.type_code}" + (f"/{self.issuer_code}" if self.issuer_code else "")
        codes = "-".join(c for c in (self.type_code, self.issuer_code) if c)
        return f"{serial}/{year}{codes}"

    @property
    def text(self) -> str | None:
        """The number as the JSON field prints it: None when it was left blank."""
        return None if self.serial is None else str(self)

    def key(self) -> str:
        """A comparison key: folded, without spaces and dots (as the scorer compares).

        >>> DocumentNumber.parse("6830/QĐ-UBND").key() == DocumentNumber.parse("6830 /QD-UBND").key()
        True
        """
        return re.sub(r"[\s.]", "", fold(str(self)))

    def same_serial(self, other: "DocumentNumber") -> bool:
        """True when both serials are the same number ("01" and "1")."""
        if not self.serial or not other.serial:
            return False
        return self.serial.lstrip("0") == other.serial.lstrip("0")

    @property
    def doc_type(self) -> DocType | None:
        """The kind the type code stands for (KH → Kế hoạch), or None."""
        return by_code(self.type_code)

    @property
    def kind(self) -> DocType | None:
        """The one kind of document the number says it is; None when it says none, or not one.

        That of its type code, unless the code stands for two kinds in the number's style (the
        Party's "QĐ"), or the kind has one issuer and the number names another body (the
        Government's Office issues no decree: "03/2025/NĐ-VPCP" is a misprint).

        >>> [getattr(DocumentNumber.parse(n).kind, "name", None) for n in ("61/2016/NĐ-CP", "02/2017/TT-VPCP")]
        ['Nghị định', 'Thông tư']
        >>> [DocumentNumber.parse(n).kind for n in ("178-QĐ/TW", "03/2025/NĐ-VPCP", "41/2024/QH15")]
        [None, None, None]
        """
        kind = self.doc_type
        if kind is None or self.partial or (self.style, code_key(self.type_code)) in SHARED_CODES:
            return None
        issuer = self.default_issuer
        return None if kind.issuer and issuer and issuer != kind.issuer else kind

    @property
    def issuer_parts(self) -> tuple[str, ...]:
        return tuple(self.issuer_code.split("-")) if self.issuer_code else ()

    def _issuer_entry(self) -> tuple[str | None, str | None] | None:
        if not self.issuer_parts:
            return None
        head = re.sub(r"\d+$", "", self.issuer_parts[0])  # QH13 → QH, UBTVQH15 → UBTVQH
        return ISSUER_CODES.get(head)

    @property
    def level(self) -> str | None:
        """central, province or district as the issuer code tells; None if it does not.

        >>> DocumentNumber.parse("35/2023/UBTVQH15").level, DocumentNumber.parse("41-KH/QU").level
        ('central', 'district')
        """
        entry = self._issuer_entry()
        if entry and entry[1]:
            return entry[1]
        if self.issuer_parts and _key(self.issuer_parts[0]).endswith("TW"):
            return CENTRAL
        return None

    @property
    def is_central(self) -> bool:
        """True for numbers of central bodies: CP, TTg, TW, QH, UBTVQH, the ministries…"""
        return self.level == CENTRAL

    @property
    def default_issuer(self) -> str | None:
        """The one body the issuer code stands for, or None.

        >>> DocumentNumber.parse("23/CT-TTg").default_issuer, DocumentNumber.parse("18-NQ/TW").default_issuer
        ('Thủ tướng Chính phủ', None)
        >>> DocumentNumber.parse("01/2024/TT-BNV").default_issuer
        'Bộ Nội vụ'
        """
        if self.partial or _key(self.type_code or "") in ("TTLT", "NQLT"):  # joint: several bodies
            return None
        entry = self._issuer_entry()
        return entry[0] if entry else None


def _split_first(first: str, rest: str) -> tuple[str | None, str]:
    """The type code and issuer of a state-style number's codes.

    The first code is a type code (NQ in NQ-CP), or an issuer when the number
    has no type code (UBTVQH15, UBND-NC), or both glued when OCR or a typist
    dropped the hyphen (NQCP).
    """
    if _key(first) in _TYPE_KEYS:
        return canonical_code(first), rest
    seg = _segment(first)
    if seg and len(seg) > 1 and _key(seg[0]) in _TYPE_KEYS and not rest:
        return seg[0], "".join(seg[1:])
    return None, "-".join(p for p in (first, rest) if p)


def _issuer(codes: str) -> str | None:
    if not codes:
        return None
    return "-".join(canonical_code(p) for p in re.split(r"[/-]", codes) if p)


def parse_or_none(text: str, *, year_hint: int | None = None) -> DocumentNumber | None:
    """`DocumentNumber.parse`, or None for a string that is no number."""
    try:
        return DocumentNumber.parse(text, year_hint=year_hint)
    except ValueError:
        return None
