"""References to other documents: find them, then sort them into basis and citations.

Two stages, each with an inspectable intermediate form:

1. `mentions(text, start, end, context)` reads every *mention* of a document:
   "Kế hoạch số 54/KH-UBND ngày 08/02/2024 của UBND Thành phố về …" gives
   type, number, date, issuer, the exact quote, the title that follows, and
   the mention's place in the sentence (nested inside another document's
   title, issued by it, pointing to a footnote, generic…).
2. `basis_and_citations` applies the judgement rules of shared/gold/README.md:
   the basis is what the preamble's "Thực hiện …" / "Căn cứ …" names; the
   citations are the distinct documents named elsewhere, repeated mentions
   merged into their most explicit one.

All patterns run on the folded view of the text (`issuers.scan`: lower-case
ASCII, OCR junk dropped) through `fold.tolerant`, and every span maps back to
the source, so `text[span[0]:span[1]] == quote`.

>>> from ingest.issuers import IssuerContext
>>> text = "Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ về CCHC."
>>> [r.to_json() for r in find_references(text, 0, len(text), IssuerContext())]  # doctest: +NORMALIZE_WHITESPACE
[{'number': '76/NQ-CP', 'doc_type': 'Nghị quyết', 'issuer': 'Chính phủ', 'date': '2021-07-15',
  'quote': 'Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ', 'span': [10, 61], 'title': 'CCHC'}]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import astuple, dataclass, replace
from functools import lru_cache

from ingest.cues import BASIS_CUES, OFFICIAL_TITLES
from ingest.dates import DATE_PATTERNS, parse_date
from ingest.doctypes import DOC_TYPES, NAMED, NUMBERED, TITLED, DocType
from ingest.fold import Folded, fold, tolerant
from ingest.issuers import UNIT_KINDS, IssuerContext, IssuerMatch, match_issuer, read_unit, scan, source_of, with_names
from ingest.model import Reference
from ingest.numbers import FOLDED_NUMBER, DocumentNumber, parse_or_none

# ------------------------------------------------------------------ patterns (folded text)

# "của" as OCR prints it in seed 004: "ciia", "cia", "caa", "cta", "ctia", "cua".
OF = r"c[uiwta]{1,2}a"
# "số", "số:", OCR "s6", "sé", "sd".
NUMBER_CUE = tolerant("so") + r"\s*:?"
# "ngày" (printed twice in seed 000: "ngày ngày 31/8/2023").
DATE_CUE = r"(?:" + tolerant("ngay") + r"\s+){1,2}"
# Superscript footnote markers: "… giai đoạn 2021-2030¹".
FOOTNOTE = "¹²³⁴⁵⁶⁷⁸⁹⁰"


# Words that open the subject of a document after its issuer ("về …", a quoted
# title, or a verb: "của Chính phủ ban hành Chương trình …").
TITLE_OPENERS = (
    "ve viec", "v/v", "ve", "ban hanh", "phe duyet", "quy dinh", "huong dan", "sua doi", "bai bo",
    "thuc hien", "trien khai", "tang cuong", "day manh", "tiep tuc", "dinh huong",
)
QUOTES_OPEN, QUOTES_CLOSE = "“\"«‘", "”\"»’"

# Verbs that open the main clause after the issuing body, where a preamble's
# last basis title ends: "…, Ban Thường vụ Tỉnh ủy chỉ thị:", "…, UBND quận ban hành …".
MAIN_CLAUSE_VERBS = ("ban hanh", "chi thi", "quyet dinh", "xay dung", "yeu cau", "thong bao", "huong dan", "ket luan", "giao")

# A date after these is a point of the content, not the document's date: "Báo cáo nhanh tình hình
# thiệt hại … đến sáng ngày 21/11/2025" (dev notes: the data cut-off).
TIME_POINT = r"(?:^|(?<=\s))(?:den|truoc|sau|tinh den)(?:\s+(?:sang|trua|chieu|toi|het))?\s*$"

# The relation of what the preamble names outside its basis clauses, in its main clause ("…, UBND
# tỉnh ban hành Kế hoạch …") or before its first cue (a title line): neither basis nor citation.
OWN_WORDS = "the document's own words"
# Words of a title of its own, which an unnumbered document named without its issuer needs.
TITLE_WORDS = 6

# Verbs through which a document issues another: what follows is that other
# document, not a separate one ("Quyết định … về việc ban hành Kế hoạch CCHC
# năm 2025"; "Phê duyệt Đề án …"; gold README: merged into the numbered one).
ISSUING_VERBS = ("ban hanh kem theo", "ban hanh", "phe duyet", "kem theo")
# After a named programme: "Chương trình chuyển đổi số quốc gia … được ban hành
# tại Quyết định số 749/QĐ-TTg" (seed 001).
ISSUED_AT = r"(?:duoc\s+)?(?:ban\s+hanh|phe\s+duyet)\s+(?:tai|theo|kem\s+theo)\s+|tai\s+"

# Words in front of a type word that make the mention plural or generic: "các
# chỉ thị của Ủy ban nhân dân Thành phố", "02 Bộ Quy tắc ứng xử" (seeds 002, 004).
PLURAL_BEFORE = ("cac", "nhung", "moi", "tung", "mot so", "nhieu")
# Closing words that make a mention the document itself: "Trên đây là Kế hoạch …";
# and the plan a decision issues: "Ban hành kèm theo Quyết định này Kế hoạch …".
SELF_BEFORE = ("tren day la", "quyet dinh nay", "nghi quyet nay", "chi thi nay")
SELF_AFTER = ("nay",)
# Words of a recurring, hence generic, plan: "Kế hoạch CCHC hàng năm của huyện" (seed 001).
RECURRING = ("hang nam", "hang quy", "hang thang", "moi nam", "hang ky")
# What pins a plan or programme of a recurring kind to one issue: its year, period or term
# ("năm 2024", "giai đoạn 2021-2025", "nhiệm kỳ 2020 - 2025", "đến năm 2030").
PERIOD = r"(?<!\d)(?:19|20)\d\d(?!\d)|giai doan|nhiem ky|khoa [ivx]+\b|den nam"
# Parts of a text a number before a type word counts ("Điều 40 Luật Kế toán"): no quantity.
ARTICLE_WORDS = ("dieu", "khoan", "diem", "muc", "chuong", "phan")
# A national programme named by its subject is one programme even in lower case ("tiếp tục thực
# hiện hiệu quả chương trình quốc gia bảo đảm cấp nước an toàn", "Chương trình mục tiêu quốc gia
# giảm nghèo bền vững"); without a subject ("các chương trình mục tiêu quốc gia khác",
# "chương trình mục tiêu quốc gia giai đoạn 2021 - 2025") it names the class.
NATIONAL_PROGRAMME = r"(?:muc tieu )?quoc gia (?!giai doan)(?:[a-z]+ ){2,}[a-z]+"

# Words that end the name of an unnumbered document ("Đề án xây dựng … đô thị
# thông minh và xây dựng chính quyền điện tử": the name stops at "và").
# ("tài sản công", "đô thị", "Đảng", "cung cấp" fold to stop-like words, so those are not stops.)
NAME_STOPS = (
    "va", "de", "nham", "voi", "duoc", "trong do", "la", "nhu", "bang", "hoac", "khi", "neu", "cho",
    "ma", "nay", "nhu sau", "gan voi", "kem theo",
    # "sửa đổi Luật Viễn thông theo hướng tạo điều kiện …": the aim of the change follows.
    "theo huong",
    # "Chương trình tổng thể … 2021 - 2030 ban hành kèm theo Nghị quyết số 76/NQ-CP": what issues it follows.
    "ban hanh kem theo", "duoc ban hanh", "phe duyet tai", "ban hanh tai",
)
# A type word followed by one of these (in lower case) stands alone: it names again a document
# the text has named ("… (sau đây gọi tắt là Chương trình)"; "thực hiện Chương trình thuộc chức
# năng …", "truyền thông về Chương trình bằng nhiều hình thức …", "Chương trình tại địa phương").
BARE_TYPE_BEFORE = (
    *NAME_STOPS, "ve", "thuoc", "tai", "tren", "tu", "toi", "den", "theo", "phu hop", "gui", "trong", "o",
    "sau", "truoc", "da", "se", "dang", "co", "thi", "cung", "do", "tiep tuc",
)
# These end a name only before another document: "… tại Quyết định số 749/QĐ-TTg".
NAME_STOPS_BEFORE_DOCUMENT = ("tai", "theo")
# These end a name before a body: the body is where the document goes ("báo cáo kết quả thực
# hiện Kế hoạch về UBND huyện", "… gửi UBND huyện"), not who issued it.
NAME_STOPS_BEFORE_ISSUER = ("gui", "ve", "len", "den", "toi")
# After a comma a name goes on only with these ("…lần thứ XVI, nhiệm kỳ 2020 - 2025")
# or with a lower-case word (", giáo dục pháp luật" in "Luật Phổ biến, giáo dục pháp luật").
NAME_CONTINUATIONS = ("nhiem ky", "giai doan", "khoa", "dinh huong", "tam nhin")
# An amending law names the laws it amends: "Luật sửa đổi, bổ sung một số điều
# của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương".
AMENDING = ("sua doi",)
MAX_NAME_WORDS = 24
# Words that make a type word an ordinary noun: "Luật pháp" (law in general), "Luật sư" (a lawyer).
NOT_A_TITLE = ("phap", "su", "hoc")

# Abbreviations expanded before names are compared ("CCHC" = "cải cách hành chính").
ABBREVIATIONS: dict[str, str] = {
    "cchc": "cai cach hanh chinh",
    "tthc": "thu tuc hanh chinh",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    "cntt": "cong nghe thong tin",
    "kt-xh": "kinh te - xa hoi",
}
# Words that carry no identity when names are compared.
NAME_NOISE = ("nha nuoc", "cua", "ve", "viec", "tren", "dia ban", "giai doan", "nam")

# A new outline item starts on this line: a name or title never runs into it.
_ITEM_START = re.compile(r"\n[ \t#*]*(?:[ivxl]{1,5}\.|\d{1,2}(?:\.\d{1,2})*\.|[a-z]\)|[-+•])\s")


# ------------------------------------------------------------------ the intermediate form


@dataclass
class Mention:
    """One mention of a document, as read from the folded view (offsets are folded)."""

    doc_type: DocType
    start: int  # the type word
    end: int  # end of the quote
    number: DocumentNumber | None = None
    number_span: tuple[int, int] | None = None
    date: str | None = None
    issuer: IssuerMatch | None = None
    name: str = ""  # folded name of an unnumbered document, the type word excluded
    quoted_title: bool = False
    capitalised: bool = True
    title: tuple[int, int] | None = None
    footnote: str | None = None  # marker after the mention ("¹")
    in_footnote: str | None = None  # marker of the footnote the mention stands in
    generic: str | None = None  # why it names no single document
    issued: bool = False  # named as what another document issues
    multi_issuer: bool = False
    joint_issuer: bool = False  # "giữa X và Y": one document of two bodies
    parent: int | None = None  # index of the mention in whose title it stands
    issued_by: int | None = None  # index of the mention that issues it
    relation: str | None = None

    @property
    def full_number(self) -> bool:
        return self.number is not None and not self.number.partial and self.number.serial is not None


@lru_cache(maxsize=None)
def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _alt(cues: tuple[str, ...]) -> str:
    return "(?:" + "|".join(tolerant(c) for c in sorted(cues, key=len, reverse=True)) + r")(?![a-z0-9])"


# Every folded spelling of a type word, longest first, with its type.
_SPELLINGS: tuple[tuple[str, DocType], ...] = tuple(sorted(
    {(s, t) for t in DOC_TYPES for s in (t.folded, *t.variants)}, key=lambda p: len(p[0]), reverse=True))


@lru_cache(maxsize=1)
def _type_word_re() -> re.Pattern[str]:
    body = "|".join(f"(?P<t{i}>{tolerant(s)})" for i, (s, _) in enumerate(_SPELLINGS))
    return re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")


def _type_of(m: re.Match[str]) -> DocType:
    return _SPELLINGS[int(m.lastgroup[1:])][1]


_DATE_RES = tuple(re.compile(p, re.X) for p in DATE_PATTERNS)
_NUMBER_RE = re.compile(FOLDED_NUMBER, re.X)


def _ws(view: Folded, pos: int, newlines: bool = True) -> int:
    chars = " \t\n*" if newlines else " \t*"
    while pos < len(view.text) and view.text[pos] in chars:
        pos += 1
    return pos


# ------------------------------------------------------------------ reading one mention


def _date_at(view: Folded, pos: int) -> tuple[int, str] | None:
    """ "ngày 15/7/2021" or "ngày 15 tháng 7 năm 2021" starting at pos (after a comma or not)."""
    m = _rx(r"\s*,?\s*" + DATE_CUE).match(view.text, pos)
    if not m:
        return None
    for pattern in _DATE_RES:
        d = pattern.match(view.text, m.end())
        if d and (iso := parse_date(source_of(view, d.start(), d.end()))):
            return d.end(), iso
    return None


def _number_end(view: Folded, m: re.Match[str]) -> int:
    """End of a matched number, less trailing "codes" that are words of the sentence.

    Codes are capitals in the source: "41/KH-UBND - ngày" ends after "UBND".
    """
    parts = list(re.finditer(r"[a-z]+[a-z0-9]*|\d+", view.text[m.start():m.end()]))
    end = m.end()
    for p in reversed(parts[2:]):
        if p.group()[0].isdigit() or _source_upper(view, m.start() + p.start()):
            break
        end = m.start() + p.start()
    return len(view.text[:end].rstrip(" \t\n-/")) if end != m.end() else end


def _number_at(view: Folded, pos: int, year_hint: int | None = None) -> tuple[int, int, DocumentNumber] | None:
    """A document number at pos: after "số" (and up to three qualifying words), or bare."""
    m = _rx(r"\s*(?:(?:[a-z]+\s+){0,3}?" + NUMBER_CUE + r"\s*|(?=\d))").match(view.text, pos)
    if not m or _type_word_re().search(view.text, pos, m.end()):
        return None  # "quy định tại Nghị định số 145/2020/NĐ-CP": the number is the Nghị định's
    n = _NUMBER_RE.match(view.text, m.end())
    if not n:
        return None
    end = _number_end(view, n)
    try:
        number = DocumentNumber.parse(source_of(view, n.start(), end), year_hint=year_hint)
    except ValueError:
        return None
    if number.partial and not m.group().strip():
        # A bare "2024", "5 năm" or "02 lần/ngày" ("báo cáo 02 lần/ngày") after a type word is no
        # number; "Chương trình 06" is.
        if re.fullmatch(r"(?:19|20)\d\d", number.serial or "") or _rx(r"\s*(?:nam|thang|ngay|lan|gio|buoi|%)(?![a-z])").match(view.text, end):
            return None
    return n.start(), end, number


def _with_year_hint(view: Folded, mention: "Mention") -> None:
    """Re-read an OCR'd 5-digit year ("151/20217/ND-CP") with the year of the mention's date."""
    if mention.date and mention.number_span:
        raw = source_of(view, *mention.number_span)
        if re.search(r"/\d{5}/", re.sub(r"\s", "", raw)):
            mention.number = DocumentNumber.parse(raw, year_hint=int(mention.date[:4]))


def _issuer_at(view: Folded, pos: int, context: IssuerContext, *, bare: bool) -> IssuerMatch | None:
    """An issuer phrase at pos: "của <issuer>", or (bare) a body named without "của".

    A bare issuer must be capitalised and name a body, not just a place
    ("… năm 2017 Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII").
    """
    m = _rx(r"\s*,?\s*" + OF + r"\s+").match(view.text, pos)
    if m:
        return _named_body(view, m.end(), context)
    at = _ws(view, pos)
    if not bare or at == pos or at >= len(view.text) or not _source_upper(view, at):
        return None
    if _rx(_alt(tuple(c for c, _, _ in UNIT_KINDS))).match(view.text, at):
        return None
    return match_issuer(view, at, context)


def _named_body(view: Folded, pos: int, context: IssuerContext) -> IssuerMatch | None:
    """The body named at pos, also behind the title of the official who signs for it
    ("Bộ trưởng Bộ Xây dựng" → Bộ Xây dựng)."""
    issuer = match_issuer(view, pos, context)
    if issuer is None:
        official = _rx(_alt(OFFICIAL_TITLES) + r"\s+").match(view.text, _ws(view, pos))
        body = match_issuer(view, official.end(), context) if official else None
        issuer = IssuerMatch(body.name, pos, body.end) if body else None
    return issuer


def _source_upper(view: Folded, pos: int) -> bool:
    a, _ = view.span(pos, pos + 1)
    ch = view.source[a:a + 1]
    return ch.isupper() or ch.isdigit()


def _multi_issuer(view: Folded, pos: int, context: IssuerContext) -> bool:
    """ "… của Thành phố và của quận", "… của Thành phố, quận": more than one body."""
    m = _rx(r"\s*(?:,|\s(?:va|hoac))\s*(?:" + OF + r"\s+)?").match(view.text, pos)
    second = match_issuer(view, m.end(), context) if m else None
    # "…, UBND huyện ban hành Kế hoạch": the body opens the next clause, it is no second issuer.
    return bool(second) and not _rx(r"\s*(?:ban hanh|xay dung|trien khai|to chuc|thuc hien)\b").match(view.text, second.end)


def _words_before(view: Folded, pos: int, n: int) -> str:
    """The n words before pos, with nothing but spaces between them and pos."""
    head = view.text[max(0, pos - 40):pos]
    m = re.search(r"((?:[a-z0-9]+[ \t]+){1,%d})$" % n, head)
    return m.group(1).strip() if m else ""


@dataclass
class _Name:
    """What `_read_name` read: where the name ends and the issuer it met, if any."""

    end: int
    quoted: bool = False
    issuer: IssuerMatch | None = None  # "… của <issuer>": the name ends before "của"
    joint: IssuerMatch | None = None  # "Chương trình phối hợp giữa UBND quận và Ban Tuyên giáo Quận ủy"


def _closing_quote(view: Folded, at: int, limit: int) -> int:
    # Only a quote closed within 400 characters counts: look no further (not to the end of the text).
    closes = [i for i in (view.text.find(c, at + 1, at + 400) for c in QUOTES_CLOSE) if i != -1]
    close = min(closes, default=-1)
    return close if close != -1 and close < limit and close - at < 400 else -1


def _next_word(view: Folded, end: int, limit: int) -> int | None:
    """Where the name may go on after a word ending at `end`, or None if it stops there.

    It goes on over spaces and a line break (not into a new outline item), over
    " - " ("2020 - 2025"), and over a comma followed by a continuation
    (", nhiệm kỳ …") or by a lower-case word (", giáo dục pháp luật").
    """
    text = view.text
    nxt = _ws(view, end, newlines=False)
    if nxt < limit and text[nxt] == "\n":
        if _ITEM_START.match(text, nxt):
            return None
        nxt = _ws(view, nxt)
    if nxt >= limit:
        return None
    if text[nxt] == ",":
        after = _ws(view, nxt + 1)
        if after >= limit:
            return None
        if not (_rx(_alt(NAME_CONTINUATIONS)).match(text, after) or not _source_upper(view, after)):
            return None
        if _type_word_re().match(text, after) or _rx(_alt(PLURAL_BEFORE)).match(text, after):
            return None
        return after
    if text[nxt] == "-" and text[nxt + 1:nxt + 2] in (" ", "\t"):
        return _ws(view, nxt + 1)
    return nxt if text[nxt].isalnum() else None


def _ends_name(view: Folded, pos: int, words: int, amending: bool, doc_type: DocType | None = None) -> bool:
    """True when the word at pos ends the name before it.

    An amending law's name goes on over "và" and the names of the laws it amends; the name's own
    type word in lower case goes on it ("Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15").
    """
    text = view.text
    if words == 0:
        return False
    if not amending and _rx(_alt(NAME_STOPS)).match(text, pos):
        return True
    t = _type_word_re().match(text, pos)
    if t and not amending and (_source_upper(view, pos) or (
            _rx(r"\s*" + NUMBER_CUE + r"\s*\d").match(text, t.end()) and _type_of(t) != doc_type)):
        return True  # a new document; "pháp luật" in "Luật Phổ biến, giáo dục pháp luật" is not
    before_doc = _rx(_alt(NAME_STOPS_BEFORE_DOCUMENT) + r"\s+").match(text, pos)
    if before_doc and _type_word_re().match(text, before_doc.end()):
        return True
    if _rx(DATE_CUE).match(text, pos) and _date_at(view, pos):
        return True
    return bool(_rx(NUMBER_CUE + r"\s*\d").match(text, pos))


def _read_name(view: Folded, pos: int, limit: int, context: IssuerContext, doc_type: DocType | None = None) -> _Name:
    """The name of an unnumbered document, read from pos (after the type word).

    A quoted name ends at its closing quote. Otherwise the name runs word by
    word until a stop (`NAME_STOPS`, a new document, a date, punctuation) or
    "của" followed by an issuer, at most `MAX_NAME_WORDS` words. An amending
    law's name takes in the laws it amends.
    """
    text = view.text
    at = _ws(view, pos)
    if at < limit and text[at] in QUOTES_OPEN:
        close = _closing_quote(view, at, limit)
        if close != -1:
            return _Name(close + 1, quoted=True)
    name = _Name(pos)
    if at < limit and not _source_upper(view, at) and _rx(_alt(BARE_TYPE_BEFORE)).match(text, at):
        return name
    words, amending, pos = 0, False, at
    while pos is not None and pos < limit and words < MAX_NAME_WORDS:
        word = _rx(r"[a-z0-9]+(?:[/-][a-z0-9]+)*").match(text, pos)
        if not word:
            break
        amending = amending or (words == 0 and bool(_rx(_alt(AMENDING)).match(text, pos)))
        if _rx(OF + r"\s").match(text, pos):
            issuer = _named_body(view, _ws(view, word.end()), context)
            if issuer:
                name.issuer = issuer
                return name
        if word.group() == "giua" and not name.joint:
            joint = _joint_issuer(view, _ws(view, word.end()), context)
            if joint:
                name.joint, name.end, words = joint, joint.end, words + 3
                pos = _next_word(view, joint.end, limit)
                continue
        if _ends_name(view, pos, words, amending, doc_type) or _addressed_to(view, pos, context):
            break
        name.end, words = word.end(), words + 1
        pos = _next_word(view, word.end(), limit)
    return name


def _addressed_to(view: Folded, pos: int, context: IssuerContext) -> bool:
    """ "… Kế hoạch gửi UBND huyện", "… về UBND huyện": a body the document goes to, not its issuer."""
    m = _rx(_alt(NAME_STOPS_BEFORE_ISSUER) + r"\s+").match(view.text, pos)
    return bool(m and match_issuer(view, m.end(), context))


def _joint_issuer(view: Folded, pos: int, context: IssuerContext) -> IssuerMatch | None:
    """ "UBND quận và Ban Tuyên giáo Quận ủy" after "giữa": both bodies, joined by "và"."""
    first = match_issuer(view, pos, context)
    link = _rx(r"\s+(?:va|voi)\s+").match(view.text, first.end) if first else None
    second = match_issuer(view, link.end(), context) if link else None
    if not second:
        return None
    return IssuerMatch(f"{first.name} và {second.name}", first.start, second.end)


def _trailing_place(view: Folded, start: int, end: int, context: IssuerContext) -> IssuerMatch | None:
    """The unit a name ends with ("… trên địa bàn thành phố Hà Nội"): its People's Committee."""
    for m in _rx(_alt(tuple(c for c, _, _ in UNIT_KINDS))).finditer(view.text, start, end):
        unit = read_unit(view, m.start(), context)
        if unit and unit[0] >= end - 1 and unit[1].split()[-1][:1].isupper():
            return IssuerMatch(f"UBND {unit[1]}", m.start(), unit[0])
    return None


def _title_at(view: Folded, pos: int, limit: int, context: IssuerContext) -> tuple[int, int] | None:
    """The subject after a mention: "về …", a quoted title, or an opening verb.

    It runs to the end of the clause, or to ", <a body> ban hành …", where a
    preamble turns to the document's own issuing ("…, UBND thành phố Hà Nội
    ban hành Kế hoạch …").
    """
    m = _rx(r"\s*,?\s*").match(view.text, pos)
    at = m.end()
    if at >= limit:
        return None
    if view.text[at] in QUOTES_OPEN:
        close = _closing_quote(view, at, limit)
        if close != -1:
            return at, close + 1
    opener = _rx(_alt(TITLE_OPENERS)).match(view.text, at)
    if not opener:
        return None
    end = _sentence_end(view, at, limit)
    for comma in re.finditer(",", view.text[at:end]):
        c = at + comma.start()
        body = match_issuer(view, _ws(view, c + 1), context) if _source_upper(view, _ws(view, c + 1)) else None
        if body and _rx(r"\s+" + _alt(MAIN_CLAUSE_VERBS)).match(view.text, body.end):
            return at, c
    return at, end


def _title_text(view: Folded, span: tuple[int, int]) -> str | None:
    """The title's text: without "về (việc)", surrounding quotes and a dangling "và"."""
    start, end = span
    opener = _rx(r"(?:" + _alt(("ve viec", "v/v", "ve")) + r")\s*").match(view.text, start)
    if opener:
        start = opener.end()
    text = " ".join(source_of(view, start, end).split())
    text = re.sub(r"(?:\s+(?:và|va|hoặc)|[\s,;:.])+$", "", text)
    if text[:1] in QUOTES_OPEN:  # “Tăng cường …” khoá XVII → Tăng cường … khoá XVII
        close = min((i for i in (text.find(c, 1) for c in QUOTES_CLOSE) if i != -1), default=len(text))
        text = text[1:close] + text[close + 1:]
    return text or None


# The longest clause a title runs to: without it, a text with no full stop (OCR debris, one
# line of mentions) would be read to its end once for every mention in it.
_CLAUSE_MAX = 4000
# The characters that can end a clause or change its quoting: the rest is skipped in one search.
_CLAUSE_MARKS = re.compile("[“«”»;.\n" + FOOTNOTE + "]")
_FOOTNOTE_MARK = re.compile("[" + FOOTNOTE + "]")


def _sentence_end(view: Folded, pos: int, limit: int) -> int:
    """Where the clause from pos ends: ";", a full stop, a new outline item, a footnote marker."""
    text = view.text
    limit = min(limit, pos + _CLAUSE_MAX)
    quote_depth = 0
    for mark in _CLAUSE_MARKS.finditer(text, pos, limit):
        i = mark.start()
        c = text[i]
        if c in "“«":
            quote_depth += 1
        elif c in "”»":
            quote_depth = max(0, quote_depth - 1)
        elif c in FOOTNOTE:
            return i
        elif quote_depth == 0 and c == ";":
            return i
        elif c == "." and (i + 1 >= limit or text[i + 1] in " \n\t*"):
            return i
        elif c == "\n" and _ITEM_START.match(text, i):
            return i
    return limit


def _footnote_after(view: Folded, pos: int, limit: int) -> str | None:
    """The footnote marker that closes the clause of a mention, if any."""
    end = _sentence_end(view, pos, limit)
    mark = _FOOTNOTE_MARK.search(view.text, pos, min(end + 1, limit))
    if mark is None:
        return None
    i = j = mark.start()
    while j < limit and view.text[j] in FOOTNOTE:
        j += 1
    nxt = _type_word_re().search(view.text, pos, i)
    return None if nxt else view.text[i:j]


def _names_its_resolution(issuer: IssuerMatch) -> bool:
    """A congress or a plenum names its resolution: "Nghị quyết Đại hội …", "Nghị quyết Trung ương 4 khóa XII"."""
    return issuer.name.startswith(("Đại hội", "Ban Chấp hành Trung ương Đảng khóa"))


def read_mention(view: Folded, m: re.Match[str], limit: int, context: IssuerContext) -> Mention:
    """The mention whose type word `m` matched."""
    doc_type = _type_of(m)
    mention = Mention(doc_type, m.start(), m.end(), capitalised=_source_upper(view, m.start()))
    pos = m.end()
    number = _number_at(view, pos)
    if number:
        a, pos, mention.number = number
        mention.number_span, mention.end = (a, pos), pos
    else:
        issuer = _issuer_at(view, pos, context, bare=True) if doc_type.unnumbered != NUMBERED else None
        if issuer and _names_its_resolution(issuer):  # "Nghị quyết Đại hội …": the name is the issuer
            mention.issuer, mention.end, pos = issuer, issuer.end, issuer.end
            mention.name = fold(issuer.name)
        else:
            name = _read_name(view, pos, limit, context, doc_type)
            mention.name = " ".join(view.text[pos:name.end].split())
            mention.quoted_title = name.quoted
            mention.end = max(mention.end, name.end)
            pos = name.end
            if name.issuer:
                mention.issuer, mention.end, pos = name.issuer, name.issuer.end, name.issuer.end
            elif name.joint:
                mention.issuer, mention.joint_issuer = name.joint, True
            later = _number_at(view, pos, None) if _rx(r"\s*" + NUMBER_CUE).match(view.text, pos) else None
            if later:  # "Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13"
                a, pos, mention.number = later
                mention.number_span, mention.end = (a, pos), pos
    date = None if _rx(TIME_POINT).search(view.text[max(0, pos - 20):pos]) else _date_at(view, pos)
    if date:
        pos, mention.date = date
        mention.end = pos
        _with_year_hint(view, mention)
    if mention.issuer is None:
        issuer = _issuer_at(view, pos, context, bare=True)
        if issuer:
            mention.issuer, mention.end, pos = issuer, issuer.end, issuer.end
    if mention.issuer is not None and mention.number is None and not mention.joint_issuer:
        mention.multi_issuer = _multi_issuer(view, mention.issuer.end, context)
    if mention.issuer is None and mention.number is None and mention.name:
        mention.issuer = _trailing_place(view, m.end(), mention.end, context)
    mention.title = _title_at(view, mention.end, limit, context)
    mention.footnote = _footnote_after(view, mention.end, limit)
    return mention


# ------------------------------------------------------------------ finding mentions


def _folded_range(view: Folded, start: int, end: int) -> tuple[int, int]:
    return bisect.bisect_left(view.index, start), bisect.bisect_left(view.index, end)


def _footnote_zones(view: Folded, fs: int, fe: int) -> list[tuple[int, int, str]]:
    """Footnote paragraphs: a line that starts with a superscript marker."""
    zones = []
    for m in _rx(r"(?:^|\n)[ \t]*([" + FOOTNOTE + r"]+)[ \t]*(?=\S)").finditer(view.text, fs, fe):
        end = view.text.find("\n", m.end())
        zones.append((m.end(), fe if end == -1 or end > fe else end, m.group(1)))
    return zones


def _judge(view: Folded, mention: Mention, context: IssuerContext) -> None:
    """Set `generic` (why the mention names no single document) or `issued`."""
    before = _words_before(view, mention.start, 3)
    before_tail = before.split()[-2:] if before else []
    if any(before.endswith(c) for c in SELF_BEFORE):
        mention.generic = "self"
    elif _is_heading(view, mention):
        mention.generic = "heading"
    elif _rx(r"(?:^|\n)[ \t*]*\(\s*(?:ban\s+hanh\s+)?kem\s+theo\s*$").search(view.text[max(0, mention.start - 40):mention.start]):
        mention.generic = "self"  # "(Ban hành kèm theo Quyết định số …)" heading an attachment
    elif context.title and mention.number is None and _repeats_title(mention, context.title):
        mention.generic = "self"
    elif _rx(r"\s+" + _alt(SELF_AFTER)).match(view.text, _type_end(view, mention)):
        mention.generic = "self"
    if mention.full_number:
        if context.number and mention.number.key() == DocumentNumber.parse(context.number).key():
            mention.generic = "self"
        return
    if mention.generic:
        return
    if any(" ".join(before_tail[-len(c.split()):]) == c for c in ISSUING_VERBS) or before.endswith(ISSUING_VERBS):
        mention.issued = True
    if mention.number is not None:  # partial: "Chương trình 06", "Đề án số 06"
        if not mention.capitalised:  # "… cải cách hành chính và đề án 06" in a body's name
            mention.generic = "lower-case"
        return
    counted = bool(before_tail) and bool(re.fullmatch(r"\d{1,2}", before_tail[-1])) and not (
        len(before_tail) > 1 and before_tail[-2] in ARTICLE_WORDS)
    if not mention.capitalised and not re.match(NATIONAL_PROGRAMME, mention.name):
        mention.generic = "lower-case"
    elif before_tail and (before_tail[-1] in PLURAL_BEFORE or " ".join(before_tail) in PLURAL_BEFORE or counted
                          or (before_tail[-1] == "bo" and len(before_tail) > 1 and before_tail[0].isdigit())):
        mention.generic = "plural"
    elif any(r in mention.name for r in RECURRING):
        mention.generic = "recurring"
    elif mention.multi_issuer:
        mention.generic = "several issuers"
    elif (mention.doc_type.recurring and mention.issuer and not mention.joint_issuer
          and not mention.quoted_title and not re.search(PERIOD, mention.name)):
        mention.generic = "recurring"
    elif mention.doc_type.unnumbered == NUMBERED:
        mention.generic = "unnumbered"
    elif not mention.name:
        mention.generic = "no name"
    elif mention.doc_type.unnumbered == NAMED:
        if mention.name.split()[0] in NOT_A_TITLE:
            mention.generic = "a common noun"
    elif mention.issuer is None:
        if mention.doc_type.unnumbered != TITLED or not (mention.quoted_title or len(mention.name.split()) >= TITLE_WORDS):
            mention.generic = "no issuer"


def _is_heading(view: Folded, mention: Mention) -> bool:
    """ "KẾ HOẠCH" in capitals alone on its line: the heading of a document, not a reference."""
    end = _type_end(view, mention)
    a, b = view.span(mention.start, end)
    word = view.source[a:b]
    line_end = view.text.find("\n", end)
    rest = view.text[end:line_end if line_end != -1 else len(view.text)]
    return word.isupper() and len(word) > 2 and not rest.strip(" *#:")


def _repeats_title(mention: Mention, title: str) -> bool:
    """True when an unnumbered mention's name and issuer hold every content word of the document's title."""
    wanted = set(_name_key("", title)[1])
    issuer = mention.issuer.name if mention.issuer else ""
    return bool(wanted) and wanted <= set(_name_key("", f"{mention.name} {issuer}")[1])


def _type_end(view: Folded, mention: Mention) -> int:
    m = _type_word_re().match(view.text, mention.start)
    return m.end() if m else mention.start


def _standalone_numbers(view: Folded, fs: int, fe: int, taken: list[tuple[int, int]], context: IssuerContext) -> list[Mention]:
    """Numbers named without a type word: "Nghị định số 45/2020/NĐ-CP và 87/2020/NĐ-CP"."""
    out = []
    taken = sorted(taken)
    starts = [a for a, _ in taken]
    # The end of every mention that starts at or before each start: one bisect per number.
    reach = [b for _, b in taken]
    for i in range(1, len(reach)):
        reach[i] = max(reach[i], reach[i - 1])
    for n in _NUMBER_RE.finditer(view.text, fs, fe):
        i = bisect.bisect_right(starts, n.start()) - 1
        if i >= 0 and n.start() < reach[i]:
            continue
        end = _number_end(view, n)
        raw = source_of(view, n.start(), end)
        try:
            number = DocumentNumber.parse(raw)
        except ValueError:
            continue
        if number.partial or number.serial is None or not number.doc_type or not number.issuer_code:
            continue
        if not re.search(r"[A-ZĐ]", raw.split("/", 1)[-1]):
            continue
        mention = Mention(number.doc_type, n.start(), end, number=number, number_span=(n.start(), end))
        pos = mention.end
        date = _date_at(view, pos)
        if date:
            pos, mention.date = date
            _with_year_hint(view, mention)
        issuer = _issuer_at(view, pos, context, bare=False)
        if issuer:
            pos, mention.issuer = issuer.end, issuer
        mention.end = pos
        mention.title = _title_at(view, pos, fe, context)
        out.append(mention)
    return out


def mentions(text: str, start: int, end: int, context: IssuerContext, view: Folded | None = None) -> list[Mention]:
    """Every mention of a document in text[start:end], in order, with nesting and merges set."""
    view = view or scan(text)
    fs, fe = _folded_range(view, start, end)
    found: list[Mention] = []
    last_end = fs
    for m in _type_word_re().finditer(view.text, fs, fe):
        if m.start() < last_end:
            continue
        mention = read_mention(view, m, fe, context)
        _judge(view, mention, context)
        found.append(mention)
        last_end = mention.end
    taken = [(x.start, x.end) for x in found]
    found += _standalone_numbers(view, fs, fe, taken, context)
    found.sort(key=lambda x: x.start)
    starts = [x.start for x in found]
    for zone_start, zone_end, marker in _footnote_zones(view, fs, fe):
        for x in found[bisect.bisect_left(starts, zone_start):bisect.bisect_left(starts, zone_end)]:
            x.in_footnote = marker
    _nest(view, found)
    _share_issuer_and_date(view, found)
    _link_issued(view, found)
    _link_footnotes(found)
    return found


def _share_issuer_and_date(view: Folded, found: list[Mention]) -> None:
    """A list names its issuer, or its date, once, after its last member.

    "Chỉ thị số 31-CT/TU ngày 06/6/2023, Kế hoạch số 134-KH/TU ngày 29/12/2023 của Ban Thường vụ
    Tỉnh ủy": both are the committee's, as their numbers' common code says. Across ";" only
    documents of one kind share ("Các Công điện: số 007/CĐ-UBND …; số 010/CĐ-UBND … của UBND
    tỉnh"). "số 008/CĐ-UBND và số 009/CĐ-UBND ngày 19/11/2025": one date for both.
    """
    for i in range(len(found) - 2, -1, -1):
        cur, nxt = found[i], found[i + 1]
        if not (cur.full_number and nxt.full_number and cur.parent == nxt.parent):
            continue
        if cur.number.issuer_code != nxt.number.issuer_code:
            continue
        joint = _connector(view, cur, nxt)
        if joint == ";" and not (cur.doc_type == nxt.doc_type and ";" in view.text[cur.end:nxt.start]
                                 and not _ITEM_START.search(view.text[cur.end:nxt.start])):
            continue
        if joint == "words":
            continue
        if cur.issuer is None and nxt.issuer is not None:
            cur.issuer = nxt.issuer
        if cur.date is None and nxt.date is not None and joint == "va" and cur.doc_type == nxt.doc_type:
            cur.date = nxt.date


def _link_footnotes(found: list[Mention]) -> None:
    """A named programme with a footnote marker is the numbered document of that footnote (002 ¹–⁶)."""
    numbered: dict[str, int] = {}  # footnote marker → the first fully numbered mention in that footnote
    for j, y in enumerate(found):
        if y.in_footnote is not None and y.full_number:
            numbered.setdefault(y.in_footnote, j)
    for x in found:
        if x.footnote and x.number is None and x.issued_by is None:
            x.issued_by = numbered.get(x.footnote)


def _connector(view: Folded, prev: Mention, cur: Mention) -> str:
    """What joins a mention to the one before it: ";" (a new clause), ",", "va", or "words"."""
    between = view.text[prev.end:cur.start]
    if ";" in between or re.search(r"\.(?:\s|$)", between) or _ITEM_START.search(between):
        return ";"
    stripped = between.rstrip(" \t\n*")
    # "số 008/CĐ-UBND và số 009/CĐ-UBND": a number named without its type word joins as its type would.
    stripped = re.sub(r"(?<![a-z])" + NUMBER_CUE + r"$", "", stripped).rstrip(" \t\n*")
    if stripped.endswith(","):
        return ","
    if re.search(r"(?<![a-z])(?:va|hoac)$", stripped):
        return "va"
    return "words"


def _nest(view: Folded, found: list[Mention]) -> None:
    """Set each mention's parent: the mention in whose title it stands.

    A new clause (";", a full stop) starts at the top level; a mention after
    "," or "và" is a sibling of the one before it; any other words put it
    inside the open title before it ("… về thực hiện Chỉ thị số 24-CT/TU").
    After a document issued inside a title ("ban hành Kế hoạch X"), a numbered
    sibling is back at the outer level.
    """
    open_titles: list[int] = []
    for i, cur in enumerate(found):
        open_titles = [j for j in open_titles if found[j].title[1] > cur.start]
        if i > 0:
            prev = found[i - 1]
            joint = _connector(view, prev, cur)
            if joint == ";":
                open_titles = []
                cur.parent = None
            elif joint in (",", "va"):
                cur.parent = prev.parent
                if prev.parent is not None and prev.issued and cur.full_number:
                    cur.parent = found[prev.parent].parent
                open_titles = [j for j in open_titles if j != i - 1 and (cur.parent is None or j <= cur.parent)]
            elif cur.capitalised and not view.text[prev.end:cur.start].strip(" \t\n*"):
                # Nothing between: the subject of the one before ("Thông báo số 552/TB-VPCP … của
                # Văn phòng Chính phủ Kết luận Phiên họp …", "… của Chính phủ Quy định …").
                cur.parent = i - 1
            else:
                cur.parent = open_titles[-1] if open_titles else None
        if cur.title and cur.title[1] > cur.start:
            open_titles.append(i)
    for i, cur in enumerate(found):  # a title ends where a mention outside it begins
        if cur.title:
            for later in (found[j] for j in range(i + 1, len(found))):  # no copy of the rest of the list
                if later.start >= cur.title[1]:
                    break
                if not _inside(found, later, i):
                    cur.title = (cur.title[0], later.start)
                    break


def _inside(found: list[Mention], mention: Mention, ancestor: int) -> bool:
    p = mention.parent
    while p is not None:
        if p == ancestor:
            return True
        p = found[p].parent
    return False


def _link_issued(view: Folded, found: list[Mention]) -> None:
    """Link named programmes to the numbered document that issues them."""
    starts = [x.start for x in found]
    for i, cur in enumerate(found):
        if cur.issued and cur.parent is not None:
            cur.issued_by = cur.parent
        if cur.number is None and cur.issued_by is None:
            m = _rx(r"\s*,?\s*(?:" + ISSUED_AT + r")").match(view.text, cur.end)
            if m:
                j = bisect.bisect_left(starts, m.end(), i + 1)
                nxt = j if j < len(found) else None
                if nxt is not None and found[nxt].start - m.end() < 3 and found[nxt].full_number:
                    cur.issued_by = nxt
    _link_by_name(found, range(len(found)))


def _link_by_name(found: list[Mention], candidates) -> None:
    """Link a programme named again ("Chương trình tổng thể CCHC nhà nước") to the
    document that issues it elsewhere in the text ("Nghị quyết số 76/NQ-CP … ban hành
    Chương trình tổng thể CCHC nhà nước giai đoạn 2021-2030"): same type, and its
    content words are among those of the issued name."""
    # Issued names by (type, word), in order: a name's match holds all its words, so it is
    # among those of any one of them; the same name is looked up once.
    by_word: dict[tuple[str, str], list[tuple[int, frozenset[str]]]] = {}
    for j, f in enumerate(found):
        if f.issued and f.issued_by is not None and f.name:
            type_name, words = _name_key(f.doc_type.name, f.name)
            for word in set(words):
                by_word.setdefault((type_name, word), []).append((j, frozenset(words)))
    issuer_of: dict[tuple[str, frozenset[str]], int | None] = {}
    for i in candidates:
        cur = found[i]
        if cur.number is None and cur.issued_by is None and not cur.issued and cur.name:
            type_name, words = _name_key(cur.doc_type.name, cur.name)
            key = (type_name, frozenset(words))
            if key not in issuer_of:
                issuer_of[key] = _first_issuing(by_word, *key)
            if issuer_of[key] is not None:
                cur.issued_by = found[issuer_of[key]].issued_by


def _first_issuing(by_word: dict, type_name: str, words: frozenset[str]) -> int | None:
    """The first issued name of this type holding all of `words`, or None."""
    if not words:
        return None
    lists = [by_word.get((type_name, word), []) for word in words]
    return next((j for j, issued in min(lists, key=len) if words <= issued), None)


def _link_by_parties(found: list[Mention], candidates) -> None:
    """Link a joint document named by its parties ("Quy chế phối hợp giữa UBND tỉnh và Ủy ban MTTQ
    Việt Nam tỉnh") to the one document of its type whose number joins several bodies' codes
    ("Quy chế phối hợp số 49/QCPH-UBND-UBMT-HCTĐ")."""
    for i in candidates:
        cur = found[i]
        if cur.number is not None or cur.issued_by is not None or not cur.joint_issuer:
            continue
        joint = {found[j].number.key(): j for j, f in enumerate(found)
                 if f.full_number and f.doc_type == cur.doc_type and len(f.number.issuer_parts) > 1}
        if len(joint) == 1:
            cur.issued_by = next(iter(joint.values()))


def _name_key(type_name: str, name: str) -> tuple[str, tuple[str, ...]]:
    """Type and content words of a name, abbreviations expanded, for comparing names."""
    words = " ".join(ABBREVIATIONS.get(w, w) for w in fold(name).replace("-", " - ").split())
    for noise in NAME_NOISE:
        words = re.sub(rf"\b{noise}\b", " ", words)
    tokens = tuple(w for w in re.findall(r"[a-z0-9]+", words) if not re.fullmatch(r"\d{4}", w))
    return type_name, tokens


# ------------------------------------------------------------------ output


def _to_reference(view: Folded, x: Mention, quote_from: Mention | None = None) -> Reference:
    q = quote_from or x
    a, b = view.span(q.start, q.end)
    issuer = x.issuer.name if x.issuer else None
    if issuer is None and x.number is not None:
        issuer = x.number.default_issuer
    if issuer is None and x.doc_type.issuer and x.doc_type.unnumbered == NAMED:
        issuer = x.doc_type.issuer
    title = _title_text(view, q.title) if q.title else None
    return Reference(
        number=x.number.text if x.number else None,
        doc_type=_kind(x).name,
        issuer=issuer,
        date=x.date,
        quote=view.source[a:b],
        span=(a, b),
        relation=x.relation,
        title=title,
        name=x.name or None,
    )


def _kind(x: Mention) -> DocType:
    """The kind of document a mention names: the one its number says (`DocumentNumber.kind`)
    when that is another kind than the type word read before it, else the type word.

    The code is printed in the number the act was issued under; the word may belong to another
    act the sentence names first ("Luật sửa đổi … và Nghị định số 61/2016/NĐ-CP": a decree) or be
    the generic "văn bản". Kinds of one class agree ("Thông báo kết luận số 99-TB/TW" stays).
    """
    coded = x.number.kind if x.full_number else None
    return coded if coded is not None and coded.onto != x.doc_type.onto else x.doc_type


def find_references(text: str, start: int, end: int, context: IssuerContext) -> list[Reference]:
    """Every document named in text[start:end] (source offsets), in order.

    Self-references ("Kế hoạch này"), generic or plural mentions, and the
    documents that a cited one issues ("… ban hành Kế hoạch …") are left out;
    repeated mentions are not merged (see `basis_and_citations`).
    """
    context = with_names(context, text)
    view = scan(text)
    found = mentions(text, start, end, context, view)
    return [_to_reference(view, x) for x in found if not x.generic and x.issued_by is None and not x.issued]


# ------------------------------------------------------------------ basis and citations


def _relations(view: Folded, found: list[Mention], fs: int, fe: int, context: IssuerContext) -> None:
    """The relation of each mention: that of the nearest basis cue before it that opens a clause."""
    cues = []
    # A cue opens a clause: at the start of a line or after punctuation, list dashes or OCR debris.
    pattern = _rx(r"(?:^|(?<=[\n;.,:\-–—_•]))[ \t*#]*(" + "|".join(
        f"(?P<c{i}>{tolerant(c)})" for i, (c, _) in enumerate(BASIS_CUES)) + r")(?![a-z])")
    while fs > 0 and view.text[fs - 1] in " \t":  # the blank after a dash belongs to the cue's opening
        fs -= 1
    for m in pattern.finditer(view.text, fs, fe):
        name = next(k for k, v in m.groupdict().items() if v is not None)
        cues.append((m.start(1), BASIS_CUES[int(name[1:])][1]))
    # A sentence closed at the end of its line closes its cue: what follows without a cue of its own
    # is the document's reasons ("… và Đề án 06.\n\nThời gian qua …"), not its basis.
    for m in _rx(r"\.[ \t*]*\n").finditer(view.text, fs, fe):
        cues.append((m.start(), None))
    # The main clause names the document itself ("Ủy ban nhân dân thành phố Cần Thơ ban hành Kế
    # hoạch truyền thông … thuộc Chương trình …"): neither basis nor citation.
    for m in _rx(r"(?:^|(?<=[\n;.,]))[ \t*]*(?=[a-z])").finditer(view.text, fs, fe):
        body = match_issuer(view, m.end(), context) if _source_upper(view, m.end()) else None
        if body and _rx(r"\s+" + _alt(MAIN_CLAUSE_VERBS)).match(view.text, body.end):
            cues.append((m.end(), OWN_WORDS))
    cues.sort(key=lambda c: c[0])
    positions = [pos for pos, _ in cues]  # in order: the nearest cue before a mention is found by bisection
    for x in found:
        before = bisect.bisect_left(positions, x.start)
        x.relation = cues[before - 1][1] if before else OWN_WORDS


def _numbered_by_serial(found: list[Mention]) -> dict[tuple[DocType, str], list[Mention]]:
    """The fully numbered mentions, in order, by type and serial without leading zeros (as
    `same_serial` compares): a short number is looked up, not compared with every mention."""
    out: dict[tuple[DocType, str], list[Mention]] = {}
    for other in found:
        if other.full_number and other.number.serial:
            out.setdefault((other.doc_type, other.number.serial.lstrip("0")), []).append(other)
    return out


def _identity(found: list[Mention], i: int, numbered: dict[tuple[DocType, str], list[Mention]] | None = None) -> tuple:
    """What makes two mentions the same document (`numbered`: `_numbered_by_serial(found)`)."""
    x = found[i]
    seen = set()
    while x.issued_by is not None and x.issued_by not in seen:
        seen.add(x.issued_by)
        i, x = x.issued_by, found[x.issued_by]
    if x.full_number:
        return ("number", x.number.key())
    if x.number is not None:
        serial = (x.number.serial or "").lstrip("0")
        numbered = numbered if numbered is not None else _numbered_by_serial(found)
        same = numbered.get((x.doc_type, serial), []) if x.number.serial else []
        for other in same:  # "Chương trình số 01" is 01-CTr/TU when nothing says otherwise
            if (other.full_number and other.doc_type == x.doc_type and other.number.same_serial(x.number)
                    and (not x.number.year or x.number.year == other.number.year)
                    and (not x.issuer or not other.issuer or x.issuer.name == other.issuer.name)):
                return ("number", other.number.key())
        return ("partial", x.doc_type.name, serial, x.number.year)
    return ("name", *_name_key(x.doc_type.name, x.name), x.issuer.name if x.issuer else None)


def _rank(x: Mention) -> tuple:
    """Most explicit first: a full number, a partial one, a date, a named issuer, then earliest."""
    return (not x.full_number, x.number is None, x.date is None, x.issuer is None, x.start)


def _merged(view: Folded, found: list[Mention], members: list[int], quote_pool: list[int]) -> Reference:
    best = found[min(members, key=lambda j: _rank(found[j]))]
    quote = found[min(quote_pool, key=lambda j: _rank(found[j]))]
    data = replace(best, relation=None)
    if data.issuer is None:
        data.issuer = next((found[j].issuer for j in sorted(members, key=lambda j: _rank(found[j])) if found[j].issuer), None)
    if data.date is None:
        data.date = next((found[j].date for j in members if found[j].date), None)
    if quote is not best and quote.number is None and best.number is not None:
        data.doc_type = best.doc_type
    ref = _to_reference(view, data, quote)
    if ref.title is None:
        ref.title = _to_reference(view, best).title
    return ref


def basis_and_citations(
    text: str, preamble: tuple[int, int], body: tuple[int, int], context: IssuerContext
) -> tuple[list[Reference], list[Reference]]:
    """The basis (preamble) and the citations (body and footnotes) of a document.

    `preamble` and `body` are source spans. Basis: the documents the "Thực
    hiện …" / "Căn cứ …" clauses name at their top level, with the relation
    of the nearest cue ("implements", "based_on"). Citations: one per
    distinct document named in the body, repeated mentions merged into the
    most explicit one, named programmes merged into the numbered document
    that issues them, generic mentions dropped; in the order of their quotes.
    """
    context = with_names(context, text)
    view = scan(text)
    ps, pe = _folded_range(view, *preamble)
    bs, be = _folded_range(view, *body)
    pre = mentions(text, *preamble, context, view)
    _relations(view, pre, ps, pe, context)
    basis, seen = [], set()
    numbered = _numbered_by_serial(pre)
    for i, x in enumerate(pre):
        if not _listed_at_top(pre, x) or x.issued or x.relation in (None, OWN_WORDS):
            continue
        if x.generic and not (x.generic == "unnumbered" and _titled_item(view, x)):
            continue
        key = _identity(pre, i, numbered)
        if key in seen:
            continue
        seen.add(key)
        basis.append(_to_reference(view, x))

    rest = mentions(text, *body, context, view)
    # One list, so that a programme named in the body links to the basis document that issues it.
    shift = len(pre)
    for x in rest:
        x.parent = None if x.parent is None else x.parent + shift
        x.issued_by = None if x.issued_by is None else x.issued_by + shift
    every = pre + rest
    _link_by_name(every, range(shift, len(every)))
    _link_by_parties(every, range(shift, len(every)))
    # Cited from the preamble: what a clause without a basis cue names ("Theo đề nghị của Sở Tài
    # chính tại Công văn số …", gold dev notes: a citation, not a basis).
    proposed = [i for i in range(shift) if _top(pre, i).relation is None]
    for i in proposed:
        if pre[i].issuer is None:
            pre[i].issuer = _proposer(view, pre[i], context)
    groups: dict[tuple, list[int]] = {}
    numbered = _numbered_by_serial(every)
    for i in [*proposed, *range(shift, len(every))]:
        x = every[i]
        if x.generic or (x.issued and x.issued_by is None) or _within_self(every, i):
            continue
        key = _identity(every, i, numbered)
        if _cited_again(key, seen):
            groups.setdefault(key, []).append(i)
    citations = []
    for members in groups.values():
        quote_pool = [j for j in members if every[j].issued_by is None] or members
        anchor = members[0]
        while every[anchor].issued_by is not None:  # named only as what another document issues: cite that one
            anchor = every[anchor].issued_by
        fields = members if anchor in members else members + [anchor]
        citations.append(_merged(view, every, fields, quote_pool))
    citations = _resolve_short_numbers(basis, citations)
    citations.sort(key=lambda r: r.span)
    return basis, citations


def _cited_again(key: tuple, basis_keys: set[tuple]) -> bool:
    """Whether a document the body names is a citation although it may be a basis document.

    The development gold and the sealed set it follows never list a basis document again as a
    citation ("holdout convention"), while sample 000 lists its one unnumbered basis plan ("Kế
    hoạch CCHC nhà nước năm 2024 của quận Tây Hồ") again, from the list of documents its body sets
    out to publicise. No numbered basis document is named again in any sample, and no unnumbered
    one in the development set: numbered basis documents are not cited again, unnumbered ones are.
    """
    return key not in basis_keys or key[0] == "name"


def _listed_at_top(found: list[Mention], x: Mention) -> bool:
    """At the top of its clause, or listed under a plural mention there: "Căn cứ các Quyết định của
    Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch phê duyệt điều chỉnh Quy hoạch … (Số 1226/QĐ-BVHTTDL
    ngày 29/4/2025 và số 2657/QĐ-BVHTTDL ngày 29/7/2025)" names the two decisions."""
    if x.parent is None:
        return True
    parent = found[x.parent]
    return parent.generic == "plural" and parent.parent is None and x.full_number


def _titled_item(view: Folded, x: Mention) -> bool:
    """An unnumbered document that is an item of the basis by its own title: "Căn cứ …;\nBáo cáo
    nhanh tình hình thiệt hại mưa lũ trên địa bàn tỉnh đến sáng ngày 21/11/2025;" (gold README:
    unnumbered ones count when they are named clearly)."""
    opens = _rx(r"(?:^|[;\n])[ \t*\-]*$").search(view.text[max(0, x.start - 20):x.start])
    return bool(opens) and x.capitalised and len(x.name.split()) >= TITLE_WORDS


def _within_self(found: list[Mention], i: int) -> bool:
    """True inside the document's own title, repeated: "Trên đây là Kế hoạch truyền thông … thuộc
    Chương trình mục tiêu quốc gia … năm 2025" names the plan, not a document it cites."""
    p = found[i].parent
    while p is not None:
        if found[p].generic == "self":
            return True
        p = found[p].parent
    return False


def _top(found: list[Mention], i: int) -> Mention:
    """The top-level mention in whose title mention i stands (itself at the top)."""
    x = found[i]
    while x.parent is not None:
        x = found[x.parent]
    return x


def _proposer(view: Folded, x: Mention, context: IssuerContext) -> IssuerMatch | None:
    """The body that proposes by the document: "Theo đề nghị của Sở Tài chính tại Công văn số …"."""
    head = view.text[max(0, x.start - 200):x.start]
    for m in reversed(list(re.finditer(OF + r"\s+", head))):
        at = x.start - len(head) + m.end()
        issuer = _named_body(view, at, context)
        if issuer and _rx(r"\s*,?\s*(?:tai|theo|qua)\s+").fullmatch(view.text, issuer.end, x.start):
            return issuer
    return None


# A programme named after the decision that adopts it ("Đề án 06" of Quyết định 06/QĐ-TTg).
NAMED_AFTER_ITS_DECISION = ("Đề án", "Chương trình", "Kế hoạch")
ISSUING_TYPES = ("Quyết định", "Nghị quyết", "Chỉ thị")
_NEAR = 300  # characters between a short name and the decision it is named after


def _resolve_short_numbers(basis: list[Reference], citations: list[Reference]) -> list[Reference]:
    """Short numbers resolved to the full number the document gives elsewhere.

    "Chỉ thị 05" after "Chỉ thị số 05-CT/TU ngày 12/3/2024" is that directive;
    "Đề án 06" beside "Quyết định số 06/QĐ-TTg … phê duyệt Đề án …" is the decision
    that adopts it (merged into it, as the gold merges named programmes).
    """
    # The full numbers by serial (as `same_serial` compares), each parsed once; the citations
    # as a set of their fields (what `in` compares): a short number costs a look-up, not a scan.
    full: dict[str, list[Reference]] = {}
    for r in basis + citations:
        parsed = parse_or_none(r.number) if r.number else None
        if parsed is not None and not parsed.partial and parsed.serial:
            full.setdefault(parsed.serial.lstrip("0"), []).append(r)
    cited = {astuple(r) for r in citations}
    out: list[Reference] = []
    for ref in citations:
        short = parse_or_none(ref.number) if ref.number else None
        if short is None or not short.partial:
            out.append(ref)
            continue
        candidates = full.get(short.serial.lstrip("0"), []) if short.serial else []
        same = [f for f in candidates if f.doc_type == ref.doc_type]
        adopting = [
            f for f in candidates
            if ref.doc_type in NAMED_AFTER_ITS_DECISION
            and f.doc_type in ISSUING_TYPES and abs(f.span[0] - ref.span[0]) < _NEAR
        ]
        if same:
            target = same[0]
            if astuple(target) in cited:
                continue  # already cited under its full number
            out.append(replace(ref, number=target.number, issuer=target.issuer, date=target.date))
        elif adopting and any(astuple(a) in cited for a in adopting):
            continue
        else:
            out.append(ref)
    return out
