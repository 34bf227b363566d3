"""Canonical names of the bodies that issue documents, read in context.

A reference names its issuer briefly, relative to the document that cites it:
"của UBND Thành phố" in a Hà Nội district's plan is the Hà Nội People's
Committee, "của Quận ủy" is that district's Party committee, "của Ủy ban nhân
dân tỉnh" the province's committee. `canonical_issuer` turns such a phrase
into one canonical name ("UBND thành phố Hà Nội", "Quận ủy Tây Hồ"), with
diacritics restored through the gazetteer when OCR lost them ("UBND quan Ha
Pong" → "UBND quận Hà Đông").

>>> from ingest import gazetteer
>>> tay_ho = IssuerContext("UBND quận Tây Hồ", gazetteer.lookup("Tây Hồ", kind="quận")[0])
>>> canonical_issuer("UBND Thành phố", tay_ho), canonical_issuer("Quận ủy", tay_ho)
('UBND thành phố Hà Nội', 'Quận ủy Tây Hồ')
>>> canonical_issuer("UBND quan\\nHa Pong", tay_ho), canonical_issuer("Thủ tướng Chính phủ", tay_ho)
('UBND quận Hà Đông', 'Thủ tướng Chính phủ')
>>> level_of_issuer("UBND quận Tây Hồ"), level_of_issuer("Chính phủ")
('district', 'central')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ingest.cues import ORGANS_OF_PARENT
from ingest.fold import Folded, fold, tolerant
from ingest.numbers import CENTRAL, ISSUER_CODES, parse_or_none
from rapidfuzz.distance import Levenshtein

Place = Any  # ingest.gazetteer.Place, imported lazily

COMMUNE, DISTRICT, PROVINCE = "commune", "district", "province"


def _gazetteer():
    """The gazetteer module, or None while it is not there (imported lazily)."""
    try:
        from ingest import gazetteer
    except ImportError:  # pragma: no cover - the module is written concurrently
        return None
    return gazetteer


# ------------------------------------------------------------------ the text view

# Characters OCR scatters inside words ("Ban chi d¢ao Chinh phu", "M¢ Lao" in
# seed 004). They are dropped from the folded view, so cues match across them.
_KEPT_PUNCTUATION = set("/-.,;:()[]\"'“”‘’«»!?%&*_+=…§¹²³⁴⁵⁶⁷⁸⁹⁰")


# Any character `scan` would drop (most texts have none: then nothing is copied).
_JUNK = re.compile("[^A-Za-z0-9 \t\n\r\f\v" + "".join(sorted(map(re.escape, _KEPT_PUNCTUATION))) + "]")


def scan(text: str) -> Folded:
    """The folded view of `text` every matcher here reads: `Folded.of`, less OCR junk.

    >>> s = scan("Ban chi d¢ao Chinh phu")
    >>> s.text, s.span(8, 12)
    ('ban chi dao chinh phu', (8, 13))
    """
    f = Folded.of(text)
    if not _JUNK.search(f.text):
        return f
    keep = [i for i, c in enumerate(f.text) if c.isascii() and (c.isalnum() or c.isspace()) or c in _KEPT_PUNCTUATION]
    return Folded(f.source, "".join(f.text[i] for i in keep), tuple(f.index[i] for i in keep))


def source_of(view: Folded, start: int, end: int) -> str:
    """The source text under the folded span [start, end)."""
    a, b = view.span(start, end)
    return view.source[a:b]


# ------------------------------------------------------------------ context


@dataclass(frozen=True)
class IssuerContext:
    """Who issued the document being read, which short issuer phrases refer to.

    `issuer` is the canonical name of that body ("UBND quận Tây Hồ"), `place`
    its gazetteer place. `number` is the document's own number, if known (a
    reference to it is a self-reference), and `names` are names of places as
    the document writes them ("tỉnh Thừa Thiên Huế"), used when the
    gazetteer's current name of a unit differs from the document's (the
    province became "thành phố Huế" in 2025). `title` is the document's own
    subject line, if known: an unnumbered mention that repeats it is the
    document itself.
    """

    issuer: str | None = None
    place: Place | None = None
    number: str | None = None
    names: tuple[str, ...] = field(default=())
    title: str | None = None
    # Also the units the 2025 reform created ("đặc khu Phú Quốc", the new wards): a header names
    # its own body by them; looking them up in every reference would double the lookups that fail.
    reform_units: bool = False

    @classmethod
    def of(cls, issuer: str | None, **kw: Any) -> "IssuerContext":
        """A context whose place is looked up from the issuer's name.

        >>> IssuerContext.of("UBND Quận 3").place.full_name
        'Quận 3'
        """
        place = None
        gaz = _gazetteer()
        if issuer and gaz:
            view = scan(issuer)
            found = gaz.find_in_text(view.text)
            if found:
                place = found[-1][2]
            for cue, _, kinds in PARTY_COMMITTEES:  # "Tỉnh ủy Quảng Ninh": a province named without its kind
                m = re.search(rf"{_cue(cue)}\s+(?P<name>\S.*)$", view.text)
                if place is None and m:
                    hits = [h for k in kinds for h in gaz.lookup(source_of(view, m.start("name"), len(view.text)), kind=k)]
                    place = hits[0] if hits else None
        return cls(issuer, place, **kw)

    def chain(self) -> list[Place]:
        """The context's place and the units around it, innermost first."""
        gaz = _gazetteer()
        out, p = [], self.place
        while p is not None and gaz:
            out.append(p)
            p = gaz.parent(p)
        return out

    @property
    def province(self) -> Place | None:
        chain = self.chain()
        return chain[-1] if chain else None


# ------------------------------------------------------------------ tables

# Folded kind words of administrative units → (kind as printed, level).
# "thành phố" is a province (Hà Nội) or a district-level city: the gazetteer decides.
UNIT_KINDS: tuple[tuple[str, str, str | None], ...] = (
    ("thanh pho", "thành phố", None),
    ("thi tran", "thị trấn", COMMUNE),
    ("thi xa", "thị xã", DISTRICT),
    ("dac khu", "đặc khu", COMMUNE),  # the island units of the 2025 reform
    ("phuong", "phường", COMMUNE),
    ("huyen", "huyện", DISTRICT),
    ("quan", "quận", DISTRICT),
    ("tinh", "tỉnh", PROVINCE),
    ("tp", "thành phố", None),
    ("xa", "xã", COMMUNE),
)
_LEVEL_OF_KIND = {printed: level for _, printed, level in UNIT_KINDS}

# Names written with their kind word capitalised, as part of the name.
CAPITALISED_UNITS = ("Hồ Chí Minh",)

# Heads of the state bodies of a unit: "UBND quận Tây Hồ", "HĐND tỉnh …".
# "Ủy ban nhân dân" is written "UBND" in canonical names (gold README).
UNIT_BODIES: tuple[tuple[str, str], ...] = (
    ("chu tich uy ban nhan dan", "Chủ tịch UBND"),
    ("chu tich ubnd", "Chủ tịch UBND"),
    ("uy ban nhan dan", "UBND"),
    ("ubnd", "UBND"),
    ("hoi dong nhan dan", "HĐND"),
    ("hdnd", "HĐND"),
    ("ban thuong truc uy ban mat tran to quoc viet nam", "Ban Thường trực Ủy ban MTTQ Việt Nam"),
    ("ban thuong truc uy ban mttq viet nam", "Ban Thường trực Ủy ban MTTQ Việt Nam"),
    ("ban thuong truc uy ban mttq", "Ban Thường trực Ủy ban MTTQ Việt Nam"),
    ("uy ban mat tran to quoc viet nam", "Ủy ban MTTQ Việt Nam"),
    ("uy ban mttq viet nam", "Ủy ban MTTQ Việt Nam"),
    ("uy ban mttq", "Ủy ban MTTQ Việt Nam"),
    ("ubmttq viet nam", "Ủy ban MTTQ Việt Nam"),
    ("ubmttq", "Ủy ban MTTQ Việt Nam"),
)

# Party committees named after their unit: "Thành ủy Hà Nội", "Quận ủy" (of the
# context's district). Folded word → (printed, kind words of the unit).
PARTY_COMMITTEES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("thanh uy", "Thành ủy", ("thành phố",)),
    ("tinh uy", "Tỉnh ủy", ("tỉnh",)),
    ("quan uy", "Quận ủy", ("quận",)),
    ("huyen uy", "Huyện ủy", ("huyện",)),
    ("thi uy", "Thị ủy", ("thị xã",)),
    ("dang uy", "Đảng ủy", ("phường", "xã", "thị trấn")),
)
# Bodies of a Party committee: "Ban Thường vụ Thành ủy Hà Nội".
PARTY_ORGANS: tuple[tuple[str, str], ...] = (
    ("ban thuong vu", "Ban Thường vụ"),
    ("ban chap hanh", "Ban Chấp hành"),
    ("thuong truc", "Thường trực"),
    ("ban tuyen giao va dan van", "Ban Tuyên giáo và Dân vận"),
    ("ban tuyen giao", "Ban Tuyên giáo"),
    ("ban dan van", "Ban Dân vận"),
    ("ban to chuc", "Ban Tổ chức"),
    ("ban noi chinh", "Ban Nội chính"),
    ("uy ban kiem tra", "Ủy ban Kiểm tra"),
    ("van phong", "Văn phòng"),
)

# Central bodies, named in full. The ministries and other bodies of the number
# codes (numbers.ISSUER_CODES) are added below.
CENTRAL_BODIES: tuple[str, ...] = (
    "Thủ tướng Chính phủ",
    "Chính phủ",
    "Ủy ban Thường vụ Quốc hội",
    "Quốc hội",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Văn phòng Trung ương Đảng",
    "Ban Chỉ đạo Trung ương",
    "Ban Chấp hành Trung ương Đảng",
    "Ban Chấp hành Trung ương",
    "Ủy ban Trung ương MTTQ Việt Nam",
)
# The Central Committee is a different body each term: its "khóa XII" is kept
# (gold: 19-NQ/TW, "Ban Chấp hành Trung ương Đảng khóa XII"); a local committee's is not.
KEEPS_TERM = ("Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương", "Quốc hội")
# Abbreviations of central bodies: folded → name.
CENTRAL_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("ubtvqh", "Ủy ban Thường vụ Quốc hội"),
    ("ttg", "Thủ tướng Chính phủ"),
    ("bch trung uong", "Ban Chấp hành Trung ương Đảng"),
    ("bchtw", "Ban Chấp hành Trung ương Đảng"),
)

# Departments of a province, "Sở Nội vụ": the ministries' names with "Sở" for "Bộ".
DEPARTMENT_PREFIX = ("so", "Sở")

# Ban Chỉ đạo (steering committees). Their level word, and the remit that may
# follow ("của Ban Chỉ đạo về Tổng kết việc thực hiện Nghị quyết số 18-NQ/TW"):
# the quote stops before the remit, the canonical name includes it (gold 002, 004).
STEERING = ("ban chi dao", "Ban Chỉ đạo")
STEERING_QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("trung uong", "Trung ương"),
    ("tw", "Trung ương"),
    ("cua chinh phu", "của Chính phủ"),
    ("chinh phu", "của Chính phủ"),
)
STEERING_REMITS = ("tong ket", "so ket")

# Bodies a header prints under their parent ("BỘ TÀI CHÍNH / CỤC THUẾ", "UBND THÀNH PHỐ HÀ NỘI /
# TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "CỤC THUẾ / THUẾ TỈNH TÂY NINH"), by the words that head
# their name: folded head → (printed head, how the name is made unique). OWN_NAME: the name is
# the country's only one ("Cục Thuế", "Tổng cục Thống kê"); OF_TERRITORY: the parent's
# territory is added ("Trung tâm Phục vụ hành chính công thành phố Hà Nội"), else the parent;
# OF_PARENT: the parent is added ("Văn phòng UBND tỉnh Nghệ An", "Vụ Pháp chế Bộ Tư pháp").
OWN_NAME, OF_TERRITORY, OF_PARENT = "own", "territory", "parent"
SUB_BODY_HEADS: tuple[tuple[str, str, str], ...] = (
    ("tong cuc", "Tổng cục", OWN_NAME),
    ("chi cuc", "Chi cục", OF_TERRITORY),
    ("cuc", "Cục", OWN_NAME),
    ("vu", "Vụ", OF_PARENT),
    ("van phong", "Văn phòng", OF_PARENT),
    ("thanh tra", "Thanh tra", OF_PARENT),
    ("trung tam", "Trung tâm", OF_TERRITORY),
    ("ban quan ly", "Ban Quản lý", OF_TERRITORY),
    ("ban chi dao", "Ban Chỉ đạo", OF_TERRITORY),
    ("thue", "Thuế", OF_TERRITORY),
    ("hai quan", "Hải quan", OF_TERRITORY),
    ("kho bac nha nuoc", "Kho bạc Nhà nước", OF_TERRITORY),
    ("bao hiem xa hoi", "Bảo hiểm xã hội", OF_TERRITORY),
)
# Words of a body's own name kept capitalised ("Ban Chỉ đạo Nhà nước về du lịch").
CAPITALISED_WORDS = {"nha nuoc": "Nhà nước", "viet nam": "Việt Nam", "trung uong": "Trung ương", "quoc gia": "quốc gia"}

# Words of remits and congress names, to restore text that OCR stripped of diacritics.
LEXICON: dict[str, str] = {
    w: v
    for v in (
        "tổng kết sơ kết việc thực hiện Nghị quyết số về lần thứ nhiệm kỳ khóa đại biểu "
        "Đại hội Đảng bộ toàn quốc của Đảng Hội nghị Trung ương"
    ).split()
    for w in [fold(v)]
}

# A congress names its resolution: "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh … lần thứ XVI".
CONGRESS = ("dai hoi", "Đại hội")
# A plenum in front of its committee: "Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng".
PLENUM = r"(?:tai\s+)?hoi\s+nghi(?:\s+lan\s+thu\s+[a-z0-9]+|\s+trung\s+uong\s+[a-z0-9]+)?\s+"

ROMAN = r"[ivxlc1]{1,6}"  # XVII; OCR may read I as 1 or l
TERM = rf",?\s+(?:khoa|nhiem\s+ky)\s+(?:{ROMAN}\b|\d{{4}}\s*-\s*\d{{4}})"


# ------------------------------------------------------------------ matching


@dataclass(frozen=True)
class IssuerMatch:
    """An issuer phrase found in a folded view: its canonical name and where it ends."""

    name: str
    start: int
    end: int


def _cue(words: str) -> str:
    return tolerant(words)


@lru_cache(maxsize=None)
def _alternation(cues: tuple[str, ...]) -> re.Pattern[str]:
    body = "|".join(f"(?P<c{i}>{_cue(c)})" for i, c in enumerate(cues))
    return re.compile(rf"(?:{body})(?![a-z0-9])")


def _match_table(view: Folded, pos: int, table: tuple[tuple[str, str], ...]) -> tuple[int, str] | None:
    """The longest entry of a (folded cue, printed) table starting at pos: (end, printed)."""
    ordered = _longest_first(table)
    m = _alternation(tuple(c for c, _ in ordered)).match(view.text, pos)
    if not m:
        return None
    return m.end(), ordered[int(m.lastgroup[1:])][1]


@lru_cache(maxsize=16)
def _longest_first(table: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(table, key=lambda e: len(e[0]), reverse=True))


def _ws(view: Folded, pos: int) -> int:
    while pos < len(view.text) and view.text[pos] in " \t\n*":
        pos += 1
    return pos


@lru_cache(maxsize=1)
def _central_table() -> tuple[tuple[str, str], ...]:
    names = set(CENTRAL_BODIES) | {n for n, _ in ISSUER_CODES.values() if n}
    table = [(fold(n), n) for n in names] + list(CENTRAL_ABBREVIATIONS)
    return tuple(table)


@lru_cache(maxsize=1)
def _department_table() -> tuple[tuple[str, str], ...]:
    prefix, printed = DEPARTMENT_PREFIX
    return tuple(
        (f"{prefix} {fold(n[3:])}", f"{printed} {n[3:]}")
        for n, _ in ISSUER_CODES.values()
        if n and n.startswith("Bộ ")
    ) + ((f"{prefix} noi vu", "Sở Nội vụ"), (f"{prefix} ngoai vu", "Sở Ngoại vụ"))


def _unit_kind(view: Folded, pos: int) -> tuple[int, str] | None:
    return _match_table(view, pos, tuple((c, p) for c, p, _ in UNIT_KINDS))


def _capitalised(view: Folded, start: int, end: int) -> bool:
    text = source_of(view, start, end).lstrip()
    return bool(text) and (text[0].isupper() or text[0].isdigit())


def _place_after(view: Folded, pos: int, kind: str, context: IssuerContext) -> tuple[int, Place | None, str] | None:
    """A place named right after a kind word ending at pos: (end, place, display name).

    The name must be capitalised (a proper name) or a number ("Quận 3").
    """
    start = _ws(view, pos)
    if start == pos or start >= len(view.text) or not _capitalised(view, start, start + 1):
        return None
    gaz = _gazetteer()
    kind_start = _kind_start(view, pos)
    if gaz:
        found = gaz.find_in_text(view.text[kind_start:start + 60], within=context.province)
        if context.reform_units and not (found and found[0][0] == 0):  # "đặc khu Cồn Cỏ", "phường Phong Điền"
            found = gaz.find_in_text(view.text[kind_start:start + 60], since=gaz.REFORM_2025)
        if found and found[0][0] == 0:
            end = kind_start + found[0][1]
            place = found[0][2]
            return end, place, _display(view, kind_start, end, kind, place, context)
        named = _name_of_kind(view, start, kind, context)
        if named:
            return named
    # OCR beyond the gazetteer's tolerance ("Ha Nbi"): the context's own units are the likely ones.
    return _near_context_name(view, start, kind, context)


def _name_of_kind(view: Folded, start: int, kind: str, context: IssuerContext) -> tuple[int, Place, str] | None:
    """A place of `kind` named by the next words, when no kind word precedes them ("Huyện ủy Quỳnh Lưu")."""
    gaz = _gazetteer()
    words = list(_WORD.finditer(view.text, start, min(len(view.text), start + 40)))
    for n in range(min(4, len(words)), 0, -1):
        if words[0].start() != start or any(words[i + 1].start() - words[i].end() > 1 for i in range(n - 1)):
            continue
        end = words[n - 1].end()
        hits = gaz.lookup(source_of(view, start, end), kind=kind, within=context.province) if gaz else []
        exact = [h for h in hits if fold(h.name) == view.text[start:end]]
        if exact:
            return end, exact[0], exact[0].full_name
    return None


def _kind_start(view: Folded, end: int) -> int:
    """Where the kind word that ends at `end` starts."""
    for c, _, _ in sorted(UNIT_KINDS, key=lambda e: -len(e[0])):
        m = re.search(rf"{_cue(c)}\s*$", view.text[max(0, end - 20):end])
        if m:
            return end - (len(view.text[max(0, end - 20):end]) - m.start())
    return end


_WORD = re.compile(r"[a-z0-9]+")


def _near_context_name(view: Folded, start: int, kind: str, context: IssuerContext) -> tuple[int, Place, str] | None:
    words = []
    pos = start
    for _ in range(4):
        m = _WORD.match(view.text, pos)
        if not m or not _capitalised(view, m.start(), m.end()):
            break
        words.append(m)
        pos = _ws(view, m.end())
    for n in range(len(words), 0, -1):
        written = " ".join(w.group() for w in words[:n])
        for place in context.chain():
            target = fold(place.name)
            if abs(len(target) - len(written)) <= 1 and Levenshtein.distance(target, written) <= max(1, len(target) // 5):
                return words[n - 1].end(), place, _unit_name(kind, place, context)
    return None


def _display(view: Folded, start: int, end: int, kind: str, place: Place, context: IssuerContext) -> str:
    """"quận Hà Đông": the kind word as written, the name with diacritics.

    The name is the one the text writes, restored: a unit the gazetteer knows
    under a newer name keeps the document's ("huyện Nam Đông", since merged).
    """
    if context.place is not None and place == context.place:
        return _unit_name(kind or place.kind, place, context)
    gaz = _gazetteer()
    within = context.province if context.province is None or context.province.since == place.since else None
    restored = gaz.restore(source_of(view, start, end), within=within, since=place.since) if gaz else None
    if restored and kind and fold(restored).startswith(fold(kind) + " "):
        return _case(kind, restored[len(kind):].strip())
    return _unit_name(kind or place.kind, place, context)


def _case(kind: str, name: str) -> str:
    if name[:1].isdigit() or name in CAPITALISED_UNITS:
        return f"{kind[:1].upper()}{kind[1:]} {name}"
    return f"{kind} {name}"


def _context_name(place: Place, context: IssuerContext) -> str:
    """The place's name as the document's issuer writes it, else the gazetteer's.

    "UBND phường Mỗ Lao" keeps "Mỗ Lao" (the gazetteer spells "Mộ Lao"), and
    "UBND huyện Nam Đông" keeps "Nam Đông" (merged into Phú Lộc in 2025).
    """
    if context.place is None or place != context.place or not context.issuer:
        return place.name
    view = scan(context.issuer)
    gaz = _gazetteer()
    for i in range(len(view.text)):
        k = _unit_kind(view, i) if i == 0 or view.text[i - 1] == " " else None
        if not k or k[1] != place.kind:
            continue
        written = source_of(view, _ws(view, k[0]), len(view.text)).strip()
        if written and (Levenshtein.distance(fold(written), fold(place.name)) <= 1 or (gaz and place in gaz.lookup(written, kind=place.kind))):
            return written
    return place.name


def _unit_name(kind: str, place: Place, context: IssuerContext) -> str:
    """"phường Mỗ Lao" for a place and the kind word the text uses for it."""
    if place.kind != kind:
        for written in context.names:
            if fold(written).startswith(fold(kind) + " "):
                gaz = _gazetteer()
                hits = gaz.lookup(written) if gaz else []
                if place in hits:
                    return _case(kind, written[len(kind):].strip())
        kind = place.kind
    return _case(kind, _context_name(place, context))


def _unit_in_context(kind: str, context: IssuerContext) -> Place | None:
    """The unit a bare kind word means: the context's own or an enclosing one.

    "Thành phố" in a Hà Nội district's plan is Hà Nội; "tỉnh" in a district
    whose province the gazetteer now calls a "thành phố" is still that province.
    """
    chain = context.chain()
    for p in chain:
        if p.kind == kind:
            return p
    level = _LEVEL_OF_KIND.get(kind)
    for p in chain:
        if level and p.level == level:
            return p
    return None


def read_unit(view: Folded, pos: int, context: IssuerContext) -> tuple[int, str] | None:
    """A unit named at pos: "quận Tây Hồ", "Thành phố" (the context's), "Quận 3": (end, name)."""
    pos = _ws(view, pos)
    k = _unit_kind(view, pos)
    if not k:
        return None
    kind_end, kind = k
    named = _place_after(view, kind_end, kind, context)
    if named:
        return named[0], named[2]
    place = _unit_in_context(kind, context)
    if place is None:
        return None
    return kind_end, _unit_name(kind, place, context)


def _skip_term(view: Folded, pos: int) -> int:
    """Past a term after a body: "khóa XVII", ", nhiệm kỳ 2020 - 2025"."""
    m = re.compile(TERM).match(view.text, pos)
    return m.end() if m else pos


def _term_text(view: Folded, pos: int) -> tuple[int, str]:
    m = re.compile(rf"\s+khoa\s+(?P<r>{ROMAN})\b").match(view.text, pos)
    if not m:
        return pos, ""
    return m.end(), f" khóa {source_of(view, m.start('r'), m.end('r')).upper()}"


def _people_committee(view: Folded, pos: int, context: IssuerContext) -> IssuerMatch | None:
    head = _match_table(view, pos, UNIT_BODIES)
    if not head:
        return None
    end, printed = head
    unit = read_unit(view, end, context)
    if unit is None:
        return None  # "UBND các phường": not one body
    return IssuerMatch(f"{printed} {unit[1]}", pos, unit[0])


def _place_only(view: Folded, pos: int, context: IssuerContext) -> IssuerMatch | None:
    """ "của thành phố Hà Nội" → the unit's People's Committee (gold README)."""
    unit = read_unit(view, pos, context)
    if unit is None:
        return None
    return IssuerMatch(f"UBND {unit[1]}", pos, unit[0])


def _party(view: Folded, pos: int, context: IssuerContext) -> IssuerMatch | None:
    organ = _match_table(view, pos, PARTY_ORGANS)
    at = _ws(view, organ[0]) if organ else pos
    committee = _match_table(view, at, tuple((c, p) for c, p, _ in PARTY_COMMITTEES))
    if not committee:
        return None
    end, printed = committee
    kinds = next(k for c, p, k in PARTY_COMMITTEES if p == printed)
    name, place_end = None, end
    unit_kind = _unit_kind(view, _ws(view, end))
    if unit_kind:  # "Đảng ủy phường Mỗ Lao"
        named = read_unit(view, end, context)
        if named:
            place_end, name = named[0], named[1]
    if name is None:
        named = _place_after(view, end, kinds[0], context)
        if named:
            place_end, name = named[0], _short(named[2], kinds)
        else:
            place = next((p for k in kinds if (p := _unit_in_context(k, context))), None)
            name = _short(_unit_name(place.kind, place, context), kinds) if place else None
    prefix = f"{organ[1]} " if organ else ""
    full = f"{prefix}{printed} {name}" if name else f"{prefix}{printed}"  # no context: "Tỉnh ủy"
    return IssuerMatch(full, pos, _skip_term(view, place_end))


def _short(unit_name: str, kinds: tuple[str, ...]) -> str:
    """ "Hà Nội" from "thành phố Hà Nội" after "Thành ủy"; "Quận 3" keeps its word."""
    for k in kinds:
        if fold(unit_name).startswith(fold(k) + " ") and not unit_name[len(k) + 1:][:1].isdigit():
            return unit_name[len(k) + 1:]
    return unit_name


def _central(view: Folded, pos: int, context: IssuerContext) -> IssuerMatch | None:
    m = re.compile(PLENUM).match(view.text, pos)
    at = m.end() if m else pos
    hit = _match_table(view, at, _central_table())
    if not hit:
        return None
    end, name = hit
    if name == STEERING[1] + " Trung ương":
        return None  # read as a steering committee below, with its remit
    if name in KEEPS_TERM:
        end, term = _term_text(view, end)
        return IssuerMatch(name + term, pos, end)
    if name == "Quốc hội":
        return IssuerMatch(name, pos, _skip_term(view, end))
    return IssuerMatch(name, pos, end)


def _department(view: Folded, pos: int, context: IssuerContext) -> IssuerMatch | None:
    hit = _match_table(view, pos, _department_table())
    if not hit:
        return None
    end, name = hit
    unit = read_unit(view, end, context)
    if unit:
        return IssuerMatch(f"{name} {unit[1]}", pos, unit[0])
    province = context.province
    if province is None:
        return IssuerMatch(name, pos, end)
    return IssuerMatch(f"{name} {_unit_name(province.kind, province, context)}", pos, end)


def _lexicon_word(word: str) -> str | None:
    """The lexicon's spelling of a word, read OCR-tolerantly ("két" → "kết", "s6" → "số")."""
    key = fold(word)
    if key in LEXICON:
        return LEXICON[key]
    return next((v for k, v in LEXICON.items() if re.fullmatch(_cue(k), key)), None)


def _restored_words(view: Folded, start: int, end: int) -> str:
    """Source text of a span, with diacritics restored word by word if OCR lost them."""
    text = " ".join(source_of(view, start, end).split())
    text = re.sub(r"(?<=\d)\s*-\s*(?=[^\W\d_])", "-", text)  # "18- NQ/TW"
    words = []
    for w in text.split(" "):
        number = parse_or_none(w)
        lexical = _lexicon_word(w)
        if number and not number.partial:
            words.append(str(number))
        elif lexical:  # keep the written capital
            words.append((lexical[:1].upper() if w[:1].isupper() else lexical[:1].lower()) + lexical[1:])
        else:
            words.append(w)
    return " ".join(words)


_NUMBER_TAIL = re.compile(r"\s*\d+\s*[/-]\s*[a-z]+(?:\s*[/-]\s*[a-z0-9]+)*")


def _steering(view: Folded, pos: int, context: IssuerContext) -> IssuerMatch | None:
    m = re.compile(_cue(STEERING[0]) + r"(?![a-z])").match(view.text, pos)
    if not m:
        return None
    end = m.end()
    name = STEERING[1]
    qual = _match_table(view, _ws(view, end), STEERING_QUALIFIERS)
    if qual:
        end, printed = qual
        name += f" {printed}"
    remit = re.compile(rf"\s+(?:ve\s+)?(?P<r>(?:{'|'.join(map(_cue, STEERING_REMITS))})\b[\s\S]{{0,80}}?nghi\s+quyet\s+s[o06ed]\s*)").match(view.text, end)
    if remit:
        tail = _NUMBER_TAIL.match(view.text, remit.end())
        if tail:
            words = _restored_words(view, remit.start("r"), tail.end())
            name += " " + words[:1].lower() + words[1:]
    return IssuerMatch(name, pos, end)


def _congress(view: Folded, pos: int, context: IssuerContext) -> IssuerMatch | None:
    """ "Đại hội đại biểu Đảng bộ tỉnh Thừa Thiên Huế lần thứ XVI(, nhiệm kỳ 2020 - 2025)"."""
    m = re.compile(
        r"dai\s+hoi\s+(?:dai\s+bieu\s+)?(?:(?P<nation>toan\s+quoc)|dang\s+bo)(?![a-z])"
    ).match(view.text, pos)
    if not m:
        return None
    end = m.end()
    parts = [_restored_words(view, pos, end)]
    if not m["nation"]:
        unit = read_unit(view, end, context)
        kind = _unit_kind(view, _ws(view, end))
        if unit is None and kind is None:
            return None
        end, written = unit if unit else kind  # no context: "Đảng bộ tỉnh" as written
        parts.append(written)
    nth = re.compile(rf"\s+lan\s+thu\s+(?P<n>{ROMAN}|[a-z]+)\b").match(view.text, end)
    if nth:
        parts.append(f"lần thứ {source_of(view, nth.start('n'), nth.end('n'))}")
        end = nth.end()
    of_party = re.compile(r"\s+cua\s+dang\b").match(view.text, end)
    if of_party:
        parts.append("của Đảng")
        end = of_party.end()
    return IssuerMatch(" ".join(parts), pos, _skip_term(view, end))


def _plenum(view: Folded, pos: int, context: IssuerContext) -> IssuerMatch | None:
    """ "Nghị quyết Trung ương 4 khóa XII", "Hội nghị Trung ương 6 khóa XII": the Central Committee of that term."""
    m = re.compile(
        rf"(?:hoi\s+nghi\s+)?(?:lan\s+thu\s+[a-z0-9]+\s+)?(?:ban\s+chap\s+hanh\s+)?trung\s+uong\s+(?:dang\s+)?"
        rf"(?:lan\s+thu\s+)?[a-z0-9]+\s+\(?khoa\s+(?P<r>{ROMAN})\b\)?"
    ).match(view.text, pos)
    if not m:
        return None
    return IssuerMatch(f"Ban Chấp hành Trung ương Đảng khóa {source_of(view, m.start('r'), m.end('r')).upper()}", pos, m.end())


# Tried in this order at the start of an issuer phrase.
READERS = (_steering, _plenum, _central, _party, _people_committee, _department, _congress, _place_only)


def match_issuer(view: Folded, pos: int, context: IssuerContext) -> IssuerMatch | None:
    """The issuer phrase that starts at folded offset `pos` of `view`, if one does.

    >>> ctx = IssuerContext.of("UBND huyện Nam Đông", names=("tỉnh Thừa Thiên Huế",))
    >>> v = scan("của Ủy ban nhân dân tỉnh về tuyên truyền")
    >>> m = match_issuer(v, 4, ctx)
    >>> m.name, v.text[m.start:m.end]
    ('UBND tỉnh Thừa Thiên Huế', 'uy ban nhan dan tinh')
    """
    pos = _ws(view, pos)
    for reader in READERS:
        m = reader(view, pos, context)
        if m:
            return m
    return None


def canonical_issuer(phrase: str | None, context: IssuerContext | None = None) -> str | None:
    """The canonical name of the body a phrase names (what follows "của"), or None.

    >>> canonical_issuer("Ủy ban nhân dân quận", IssuerContext.of("UBND Quận 3"))
    'UBND Quận 3'
    >>> canonical_issuer("UBND thanh phd Ha Noi"), canonical_issuer("cơ quan, đơn vị") is None
    ('UBND thành phố Hà Nội', True)
    """
    if not phrase:
        return None
    m = match_issuer(scan(phrase), 0, context or IssuerContext())
    return m.name if m else None


def _fully(text: str, context: IssuerContext) -> str | None:
    """The canonical name of `text` when the whole of it names one body, else None."""
    return issuer_covering(text, context)


# What may follow a body on its line: "THỦ TƯỚNG CHÍNH PHỦ điện:", "… QUYẾT NGHỊ:".
_AFTER_BODY = re.compile(r"[\s,.:;*-]*(?:(?:dien|quyet nghi|quyet dinh)\s*:?)?[\s,.:;*-]*$")


def issuer_covering(text: str, context: IssuerContext | None = None, *, bodies_only: bool = False,
                    rightmost: bool = False) -> str | None:
    """The body that `text` names from its start to its end, else None.

    `bodies_only` refuses a bare place ("THÀNH PHỐ HỒ CHÍ MINH", a title's last line, is no
    authority); `rightmost` reads the shortest tail that names a body to the end ("Nhằm … trên
    địa bàn phường UBND phường Mỗ Lao" → "UBND phường Mỗ Lao").

    >>> issuer_covering("BỘ TRƯỞNG BỘ TƯ PHÁP") is None, issuer_covering("BỘ TƯ PHÁP")
    (True, 'Bộ Tư pháp')
    >>> issuer_covering("Để nâng cao hiệu quả, Bộ trưởng Bộ Tư pháp", rightmost=True)
    'Bộ Tư pháp'
    """
    view = scan(text)
    context = context or IssuerContext()
    starts = [0]
    if rightmost:
        starts = [m.start() for m in re.finditer(r"(?<![a-z0-9])[a-z0-9]", view.text)][::-1]
    for start in starts:
        if bodies_only and _unit_kind(view, start):
            continue
        m = match_issuer(view, start, context)
        if m is not None and _AFTER_BODY.match(view.text, m.end):
            return m.name
    return None


# The context of a header read alone: its units may be those of the 2025 reform.
_HEADER = IssuerContext(reform_units=True)


def _context_of_text(text: str) -> IssuerContext:
    """A context placed where the text names a unit ("ĐẢNG BỘ TỈNH HÀ TĨNH" → tỉnh Hà Tĩnh)."""
    gaz = _gazetteer()
    found = gaz.find_in_text(scan(text).text) if gaz else []
    return IssuerContext(None, found[-1][2], reform_units=True) if found else _HEADER


def header_issuer(lines: list[str]) -> str | None:
    """The body a header prints above or beside the motto, from its lines in capitals.

    The crawl may break a name anywhere ("BỘ TÀI / CHÍNH", "UBND THÀNH PHỐ HÀ / NỘI"), and a
    body is printed under its parent ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG / SỞ NỘI VỤ"): the lines
    that read as a whole body are the issuer, else the first lines that do are the parent and
    the rest is the body within it.

    >>> header_issuer(["ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH"]), header_issuer(["BỘ TÀI", "CHÍNH", "CỤC HẢI QUAN"])
    ('UBND tỉnh Bắc Ninh', 'Cục Hải quan')
    >>> header_issuer(["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"])
    'Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh'
    >>> header_issuer(["UBND THÀNH PHỐ HÀ", "NỘI", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"])
    'Trung tâm Phục vụ hành chính công thành phố Hà Nội'
    """
    lines = [" ".join(line.split()) for line in lines if line.strip()]
    if not lines:
        return None
    whole = " ".join(lines)
    found = _fully(whole, _HEADER)
    if found:
        return found
    for k in range(1, len(lines)):
        parent_text = " ".join(lines[:k])
        parent = _fully(parent_text, _HEADER) or _sub_body(parent_text, None, own_name_only=True)
        if parent:
            body = _body_under(parent, parent_text, " ".join(lines[k:]))
            if body:
                return body
    named = _sub_body(whole, None)  # "BAN CHỈ ĐẠO NHÀ NƯỚC / VỀ DU LỊCH"
    if named:
        return named
    context = _context_of_text(whole)
    for candidate in (whole, lines[-1]):  # "ĐẢNG BỘ TỈNH HÀ TĨNH / HUYỆN ỦY HƯƠNG KHÊ"
        found = canonical_issuer(candidate, context)
        if found:
            return found
    return None


def _body_under(parent: str, parent_text: str, text: str) -> str | None:
    """The name of the body printed as `text` under its parent."""
    context = replace(IssuerContext.of(parent), reform_units=True)
    own = _fully(text, context)  # "SỞ NỘI VỤ" of a province, "UBND PHƯỜNG …" under its district
    if own and fold(own) != fold(parent) and not fold(parent).startswith(fold(own)):
        return own
    organ = dict(ORGANS_OF_PARENT).get(" ".join(fold(text).split()))
    if organ:  # "ỦY BAN MTTQ VIỆT NAM TỈNH QUẢNG NAM / BAN THƯỜNG TRỰC"
        return f"{organ} {parent}"
    joined = _fully(f"{text} {parent_text}", context)  # "TỈNH ỦY QUẢNG NAM / BAN TUYÊN GIÁO"
    if joined:
        return joined
    return _sub_body(text, parent)


def sub_body(text: str) -> str | None:
    """A body named by the word that heads its name, printed in capitals, with no parent.

    >>> sub_body("CỤC THUẾ"), sub_body("THUẾ TỈNH TÂY NINH"), sub_body("SỞ NỘI VỤ") is None
    ('Cục Thuế', 'Thuế tỉnh Tây Ninh', True)
    """
    return _sub_body(text, None)


def central_bodies() -> tuple[str, ...]:
    """The names of the central bodies, longest first ("Thủ tướng Chính phủ" before "Chính phủ")."""
    return tuple(sorted({name for _, name in _central_table()}, key=len, reverse=True))


def _sub_body(text: str, parent: str | None, *, own_name_only: bool = False) -> str | None:
    """ "Cục Thuế", "Thuế tỉnh Tây Ninh", "Văn phòng UBND tỉnh Nghệ An": a body by its head word.

    `own_name_only` reads only bodies whose name is their own (a Cục, parent of "THUẾ TỈNH …")."""
    view = scan(text)
    hit = _match_table(view, 0, tuple((c, p) for c, p, _ in SUB_BODY_HEADS))
    if hit is None:
        return None
    end, printed = hit
    how = next(h for c, p, h in SUB_BODY_HEADS if p == printed)
    if own_name_only and how != OWN_NAME:
        return None
    rest = _own_words(view, _ws(view, end))
    name = f"{printed} {rest}".strip()
    names_unit = bool(_gazetteer() and _gazetteer().find_in_text(view.text[end:]))
    if parent is None or names_unit or how == OWN_NAME:
        return name
    place = IssuerContext.of(parent).place
    if how == OF_TERRITORY and place is not None and fold(parent).startswith(("ubnd ", "hdnd ")):
        return f"{name} {parent.split(' ', 1)[1]}"
    return f"{name} {parent}"


def _own_words(view: Folded, pos: int) -> str:
    """The words of a name printed in capitals, in the case names are written: the first word
    capitalised, units restored ("TỈNH TÂY NINH" → "tỉnh Tây Ninh"), the rest in lower case."""
    gaz = _gazetteer()
    words: list[str] = []
    i = pos
    while i < len(view.text):
        if view.text[i] == " ":
            i += 1
            continue
        found = gaz.find_in_text(view.text[i:]) if gaz and _unit_kind(view, i) else []
        if found and found[0][0] == 0:
            end = i + found[0][1]
            words.append(gaz.restore(source_of(view, i, end)) or source_of(view, i, end).lower())
            i = end
            continue
        known = next(((c, v) for c, v in CAPITALISED_WORDS.items() if view.text.startswith(c, i)
                      and not view.text[i + len(c):i + len(c) + 1].isalnum()), None)
        if known:
            words.append(known[1])
            i += len(known[0])
            continue
        end = view.text.find(" ", i)
        end = len(view.text) if end < 0 else end
        word = source_of(view, i, end).lower()
        words.append(word[:1].upper() + word[1:] if not words else word)
        i = end
    return " ".join(words)


# ------------------------------------------------------------------ levels

_LEVEL_CUES: tuple[tuple[str, str], ...] = (
    ("dai hoi dai bieu toan quoc", CENTRAL),
    ("ban chi dao trung uong", CENTRAL),
    ("ban chi dao cua chinh phu", CENTRAL),
    ("ban chi dao nha nuoc", CENTRAL),
    ("thanh uy", PROVINCE),
    ("tinh uy", PROVINCE),
    ("quan uy", DISTRICT),
    ("huyen uy", DISTRICT),
    ("thi uy", DISTRICT),
    ("so ", PROVINCE),
)


def level_of_issuer(name: str | None) -> str | None:
    """central, province, district or commune for a canonical issuer name, else None.

    >>> [level_of_issuer(n) for n in ("UBND thành phố Hà Nội", "UBND phường Mỗ Lao", "Thành ủy Hà Nội", "Bộ Nội vụ")]
    ['province', 'commune', 'province', 'central']
    """
    if not name:
        return None
    folded = fold(name)
    central = {fold(n) for n, _ in _central_table()}
    if folded in central or any(folded.startswith(c + " ") for c in central) or folded.startswith("bo "):
        return CENTRAL
    own = next((c for c, _, how in SUB_BODY_HEADS if how == OWN_NAME and folded.startswith(c + " ")), None)
    gaz = _gazetteer()
    if own and not (gaz and gaz.find_in_text(folded)):  # "Cục Thuế"; "Cục Thống kê tỉnh …" is local
        return CENTRAL
    for cue, level in _LEVEL_CUES:
        if cue in folded and (cue != "so " or folded.startswith(cue)):
            return level
    view = scan(name)
    for i in range(len(view.text)):
        k = _unit_kind(view, i) if (i == 0 or not view.text[i - 1].isalnum()) else None
        if not k:
            continue
        kind = k[1]
        level = _LEVEL_OF_KIND.get(kind)
        if level is None and gaz:  # "thành phố": a province, or a city inside one
            hits = gaz.lookup(source_of(view, i, len(view.text)), kind=kind)
            level = hits[0].level if hits else PROVINCE
        return level
    if any(f" {c}" in folded for c in central if c.startswith(("bo ", "chinh phu", "quoc hoi"))):
        return CENTRAL  # "Vụ Pháp chế Bộ Tư pháp", "Văn phòng Bộ Tài chính"
    return None


def with_names(context: IssuerContext, text: str) -> IssuerContext:
    """The context plus the place names `text` writes ("tỉnh Thừa Thiên Huế"), restored."""
    gaz = _gazetteer()
    if not gaz:
        return context
    view = scan(text)
    names = []
    for start, end, _ in gaz.find_in_text(view.text, within=context.province):
        restored = gaz.restore(source_of(view, start, end), within=context.province)
        if restored and restored not in names:
            names.append(restored[:1].lower() + restored[1:] if not restored.split()[-1].isdigit() else restored)
    return replace(context, names=tuple(dict.fromkeys((*context.names, *names))))
