"""The document's identity: number, type, issuer, place, date, title, signer.

Read from the header ("Số: 41/KH-UBND", "Mỗ Lao, ngày 28 tháng 02 năm 2025",
"KẾ HOẠCH" and the subject line), the preamble ("UBND quận Tây Hồ ban hành Kế
hoạch …"), a website's metadata block ("Số hiệu", "Cơ quan ban hành", "Người
ký") and the signature block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest import cues, doctypes
from ingest.dates import parse_date
from ingest.fold import Folded, cue_regex, fold, tolerant
from ingest.issuers import IssuerContext, canonical_issuer, level_of_issuer
from ingest.model import DocumentInfo
from ingest.numbers import FOLDED_NUMBER, DocumentNumber
from ingest.segment import Paragraph

_TITLE_MAX_WORDS = 60

# "Số: 41 /KH-UBND", "S6: 41 /KH-UBND" (OCR), "Số 45-KH/HU" (Party documents print no colon).
_NUMBER_LINE = re.compile(r"^[ \t]*" + tolerant("so") + r"[ \t]*[:;.]?[ \t]*(?P<number>" + FOLDED_NUMBER + ")", re.X | re.M)
_PLACE_DATE = re.compile(
    r"(?P<place>[^\n,]{2,40}?)\s*,\s*" + tolerant("ngay") + r"\s*(?P<d>\d{0,2})\s*"
    + tolerant("thang") + r"\s*(?P<m>\d{0,2})\s*n\S{1,2}m\s*(?P<y>\d{4})"
)
_ISSUES_PLAN = re.compile(
    r"(?P<issuer>(?:" + tolerant("uy ban nhan dan") + "|ubnd)" + r"[^,;.:]{2,60}?)\s+"
    + r"(?:" + tolerant("ban hanh") + "|" + tolerant("xay dung") + r")\s+"
)


@dataclass(frozen=True)
class Header:
    """What the header tells, and where the preamble sits."""

    info: DocumentInfo
    context: IssuerContext
    preamble: tuple[int, int]  # source span of the "Thực hiện …"/"Căn cứ …" sentences
    body_start: int


def read_header(text: str, paragraphs: list[Paragraph], metadata: dict[str, str] | None = None) -> Header:
    """Identity of the document and the span of its preamble; `metadata` is what a site's
    metadata block said (the fallback when the header does not)."""
    meta = {**_metadata(paragraphs), **(metadata or {})}
    head = _head_paragraphs(paragraphs)
    number = _number(text, head, meta)
    place, date = _place_and_date(head, meta)
    doc_type_name = _doc_type(head, number, meta)
    preamble = _preamble(paragraphs)
    issuer_phrase = _issuer_phrase(text, head, preamble, meta)
    issuer = canonical_issuer(issuer_phrase, IssuerContext(None, None)) if issuer_phrase else None
    issuer = issuer or (canonical_issuer(meta["issuer"]) if meta.get("issuer") else None)
    if issuer is None and place:
        issuer = canonical_issuer(f"UBND {place}", IssuerContext(None, None))
    context = IssuerContext.of(issuer, number=number.text if number else None)
    title = _title(head)
    info = DocumentInfo(
        number=number.text if number else None,
        doc_type=doc_type_name,
        issuer=issuer,
        issuer_level=level_of_issuer(issuer) if issuer else None,
        place=_place_name(place, context),
        date=date,
        year_in_scope=_year_in_scope(title, date, text, preamble),
        title=title,
        signer=_signer(paragraphs, meta),
        signer_title=_signer_title(paragraphs),
    )
    # Without a preamble (a directive opens with its reasons), the body starts under the title.
    title_block = _title_block(head)
    body_start = preamble[1] or (title_block[-1].end if title_block else head[-1].end if head else 0)
    return Header(info, context, preamble, body_start)


def _metadata(paragraphs: list[Paragraph]) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in paragraphs[:25]:
        for line in p.text.splitlines():
            folded = fold(line).strip()
            for key, name in cues.METADATA_FIELDS.items():
                if name and folded.startswith(key + " ") and name not in out:
                    out[name] = line.strip()[len(key):].strip(" :")
    return out


def _head_paragraphs(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs before the preamble or the first section."""
    preamble = cue_regex(cues.PREAMBLE_CUES, at_start=True)
    out = []
    for i, p in enumerate(paragraphs):
        if p.kind != "text" or (preamble.match(p.folded) and not _is_title(paragraphs, i)):
            break
        out.append(p)
    return out


def _is_title(paragraphs: list[Paragraph], i: int) -> bool:
    """The short line under the type heading is the title, even when it reads
    "Thực hiện Nghị quyết số …" (a plan titled after what it carries out),
    provided the real preamble follows it."""
    if i == 0 or len(paragraphs[i].text.split()) > _TITLE_MAX_WORDS:
        return False
    above = paragraphs[i - 1].text.strip()
    if not (doctypes.by_word(above) and len(above.split()) <= 4):
        return False
    preamble = cue_regex(cues.PREAMBLE_CUES, at_start=True)
    for p in paragraphs[i + 1:]:
        if p.kind != "text":
            return False
        if preamble.match(p.folded):
            return True
    return False


def _number(text: str, head: list[Paragraph], meta: dict[str, str]) -> DocumentNumber | None:
    """The document's own number; None when it was left blank ("Số: /KH-UBND")."""
    for p in head:
        folded = Folded.of(p.text)
        m = _NUMBER_LINE.search(folded.text)
        if m:
            start, end = folded.span(m.start("number"), m.end("number"))
            try:
                return DocumentNumber.parse(p.text[start:end])
            except ValueError:
                continue
    if "number" in meta:
        try:
            return DocumentNumber.parse(meta["number"])
        except ValueError:
            return None
    return None


def _place_and_date(head: list[Paragraph], meta: dict[str, str]) -> tuple[str | None, str | None]:
    for p in head:
        folded = fold(p.text)
        m = _PLACE_DATE.search(folded)
        if not m:
            continue
        place = p.text[m.start("place"):m.end("place")].strip()
        # "Số: 41 /KH-UBND Mỗ Lao, ngày …" in a scan: the place follows the number.
        place = re.sub(r"^.*?/\S+\s+", "", place)
        date = None
        if m.group("d") and m.group("m"):
            date = parse_date(f"{m.group('d')}/{m.group('m')}/{m.group('y')}")
        return place, date
    if "date" in meta:
        return None, parse_date(meta["date"])
    return None, None


def _doc_type(head: list[Paragraph], number: DocumentNumber | None, meta: dict[str, str]) -> str | None:
    for p in head:
        t = doctypes.by_word(p.text.strip())
        if t and len(p.text.split()) <= 4:
            return t.name
    if number and number.doc_type:
        return number.doc_type.name
    if "doc_type" in meta:
        t = doctypes.by_word(meta["doc_type"])
        return t.name if t else None
    return None


def _preamble(paragraphs: list[Paragraph]) -> tuple[int, int]:
    """From the first "Thực hiện"/"Căn cứ" to the sentence that closes it ("… như sau:"),
    a line in capitals ("QUYẾT ĐỊNH:"), an article ("Điều 1.") or the first section heading."""
    cue = cue_regex(cues.PREAMBLE_CUES, at_start=True)
    start = end = None
    for i, p in enumerate(paragraphs):
        if start is None:
            if p.kind in ("text", "dash") and cue.match(p.folded) and not _is_title(paragraphs, i):
                start, end = p.start, p.end
            elif p.kind in ("roman", "number"):
                break
            continue
        if p.kind not in ("text", "dash") or p.text.isupper() or re.match(r"\s*(?:dieu|chuong)\s+\d", p.folded):
            break
        end = p.end
        if p.text.rstrip().endswith(":"):
            break
    return (start, end) if start is not None else (0, 0)


def _issuer_phrase(text: str, head: list[Paragraph], preamble: tuple[int, int], meta: dict[str, str]) -> str | None:
    caps = _header_caps_issuer(head)
    if caps:
        return caps
    if preamble[1]:
        after = text[preamble[0]:preamble[1]]
        folded = fold(after)
        matches = list(_ISSUES_PLAN.finditer(folded))
        if matches:
            m = matches[-1]
            return after[m.start("issuer"):m.end("issuer")]
    return meta.get("issuer")


def _header_caps_issuer(head: list[Paragraph]) -> str | None:
    """The issuing body printed in capitals above the national motto.

    "ỦY BAN NHÂN DÂN / THÀNH PHỐ HÀ NỘI", "UBND HUYỆN QUỲNH LƯU", or a Party
    body under its parent: "ĐẢNG BỘ TỈNH NGHỆ AN / HUYỆN ỦY QUỲNH LƯU".
    """
    lines: list[str] = []
    header_end = cue_regex(cues.HEADER_END_CUES, at_start=True)
    for p in head:
        if header_end.match(p.folded):
            break
        if p.text.isupper() and not doctypes.by_word(p.text.strip()):
            lines.append(" ".join(p.text.split()))
        elif lines:
            break
    if not lines:
        return None
    parent = canonical_issuer(" ".join(lines[:-1]), IssuerContext(None, None)) if len(lines) > 1 else None
    organ = dict(cues.ORGANS_OF_PARENT).get(fold(lines[-1]).strip())
    if parent and organ:
        return f"{organ} {parent}"
    if parent:  # "UBND TỈNH LÂM ĐỒNG / SỞ NỘI VỤ": the body is the last line, within its parent
        body = canonical_issuer(lines[-1], IssuerContext.of(parent))
        if body and fold(body) != fold(parent) and not fold(parent).startswith(fold(body)):
            return body
    for candidate in (" ".join(lines), lines[-1]):
        found = canonical_issuer(candidate, IssuerContext(None, None))
        if found:
            return found
    return None


def _title_block(head: list[Paragraph]) -> list[Paragraph]:
    """The subject lines under the type heading ("KẾ HOẠCH" / "Tuyên truyền … năm 2025").

    It stops at a line in capitals (the authority line above a decision's
    preamble) and at a sentence (a directive's opening paragraph has no cue).
    """
    block: list[Paragraph] = []
    seen_type = False
    for p in head:
        if doctypes.by_word(p.text.strip()) and len(p.text.split()) <= 4:
            seen_type = True
            continue
        if not seen_type or re.fullmatch(r"-+", p.text.strip()):
            continue
        if block and (p.text.isupper() or len(p.text.split()) > _TITLE_MAX_WORDS or re.search(r"[.:]\s*$", block[-1].text)):
            break
        if len(p.text.split()) > _TITLE_MAX_WORDS:
            break
        block.append(p)
    return block


def _title(head: list[Paragraph]) -> str | None:
    lines = [" ".join(x.strip(" *") for x in p.text.splitlines()) for p in _title_block(head)]
    if not lines:
        return None
    title = " ".join(lines).strip()
    if title.isupper():
        title = title[:1] + title[1:].lower()
    return title[:1].upper() + title[1:]


def _year_in_scope(title: str | None, date: str | None, text: str, preamble: tuple[int, int]) -> int | None:
    years = re.findall(r"n\S{1,2}m\s+(\d{4})", fold(title or ""))
    if years:  # "… năm 2025" in the title
        return int(years[-1])
    if date:
        return int(date[:4])
    years = re.findall(r"\b(20\d\d)\b", text[: preamble[1] or 2000])
    return int(years[-1]) if years else None


def _place_name(place: str | None, context: IssuerContext) -> str | None:
    """The place as printed; the gazetteer's spelling when the print lost its diacritics."""
    if context.place is None:
        return place
    if place is None or fold(place) == place.lower() or not place.replace(" ", "").isalpha():
        return context.place.full_name if context.place.name.isdigit() else context.place.name
    return place


def _signature_block(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The signature block: from the first signer's title ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    to the name under it; else the end of the document.

    A decision that carries its plan in an appendix signs before the appendix,
    so the block is not always the last lines.
    """
    for i, p in enumerate(paragraphs):
        if p.kind == "text" and _title_of(p) is not None:
            end = i + 1
            while end < len(paragraphs) and end < i + 4 and _title_of(paragraphs[end]) is not None:
                end += 1
            return paragraphs[max(0, i - 2): end + 2]
    return paragraphs[-8:]


def _title_of(p: Paragraph) -> str | None:
    """The signer's title a line prints ("PHÓ CHỦ TỊCH" → "Phó Chủ tịch"), or None."""
    folded = fold(p.text).strip(" *")
    for cue, title in cues.SIGNER_TITLES:
        if re.fullmatch(r"(?:(?:kt|tm|t/m|q)\.?\s*)?" + cue, folded):
            return title
    return None


def _signer(paragraphs: list[Paragraph], meta: dict[str, str]) -> str | None:
    if meta.get("signer"):
        return meta["signer"]
    for p in reversed(_signature_block(paragraphs)):
        line = p.text.strip().splitlines()[-1].strip(" *")
        # A name: two to five capitalised words at the end of the line.
        m = re.search(r"((?:[A-ZĐ][a-zà-ỹđ]+\s+){1,4}[A-ZĐ][a-zà-ỹđ]+)\s*$", line)
        if m and not line.isupper():
            return m.group(1)
    return None


def _signer_title(paragraphs: list[Paragraph]) -> str | None:
    titles = [t for p in _signature_block(paragraphs) if (t := _title_of(p))]
    return titles[-1] if titles else None
