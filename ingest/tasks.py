"""Duties: the "Tổ chức thực hiện" part of a document → `Task` records.

The judgement rules are those of the gold annotations (shared/gold/README.md):
one task per lettered item, per dash item, or per paragraph under a unit
heading; a paragraph naming another unit inside a lettered item is a task of
its own; a paragraph that only sets the timing is merged into the duty before.
The unit of a duty is its heading's, or the narrower addressee the item names.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field, replace

from ingest import cues, tables
from ingest.dates import find_dates, find_schedules
from ingest.fold import cue_regex, fold, tolerant
from ingest.model import Task
from ingest.segment import Paragraph

_QUOTE_WORDS = 14
_QUOTE_CHARS = 75
_SUBJECT_MAX_WORDS = 25


@dataclass
class _Heading:
    """The unit a numbered heading names ("2. Phòng Nội vụ")."""

    unit: str
    requested: bool


@dataclass
class _Cursor:
    """Where we are in the outline while walking the implementation part."""

    roman: str = ""
    number: str = ""
    letter: str = ""
    heading: _Heading | None = None
    tasks: list[Task] = field(default_factory=list)
    last_kind: str = ""

    @property
    def section(self) -> str:
        return ".".join(p for p in (self.roman, self.number, self.letter) if p)


def implementation_part(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs of "Tổ chức thực hiện" (and a reporting section after it).

    A directive has no such section: its duties are the numbered items after
    the sentence that asks for them ("… Chủ tịch UBND tỉnh yêu cầu:").
    """
    return _sections_of_duties(paragraphs) or _duties_after_request(paragraphs)


def _duties_after_request(paragraphs: list[Paragraph]) -> list[Paragraph]:
    request = cue_regex(cues.DUTIES_FOLLOW_CUES)
    closing = cue_regex(cues.CLOSING_CUES, at_start=True)
    for i, p in enumerate(paragraphs):
        if p.kind == "text" and p.text.rstrip().endswith(":") and request.search(p.folded[-60:]):
            out = []
            for q in paragraphs[i + 1:]:
                if q.kind == "roman" or (q.kind == "text" and (closing.match(q.folded) or _closes_directive(q))):
                    break
                out.append(q)
            return out if any(q.kind == "number" for q in out) else []
    return []


def _closes_directive(p: Paragraph) -> bool:
    """ "Thủ trưởng các sở … nghiêm túc triển khai thực hiện Chỉ thị này." closes the duties."""
    return bool(cue_regex(cues.CLOSING_FORMULA_CUES).search(p.folded))


def _sections_of_duties(paragraphs: list[Paragraph]) -> list[Paragraph]:
    out: list[Paragraph] = []
    inside = False
    task_heading = cue_regex(cues.TASK_SECTION_CUES)
    report_heading = cue_regex(cues.REPORT_SECTION_CUES, at_start=True)
    closing = cue_regex(cues.CLOSING_CUES, at_start=True)
    for p in paragraphs:
        if p.kind == "roman":
            if task_heading.search(p.folded):
                inside = True
            elif inside and not report_heading.match(p.folded):
                inside = False
        elif inside and p.kind == "text" and closing.match(p.folded):
            break
        if inside:
            out.append(p)
    return out


def extract_tasks(paragraphs: list[Paragraph]) -> list[Task]:
    """Every duty of the document, in reading order: from the outline and from tables of tasks."""
    tasks = _outline_tasks(paragraphs) + _table_tasks(paragraphs)
    return sorted(tasks, key=lambda t: t.span[0])


def _outline_tasks(paragraphs: list[Paragraph]) -> list[Task]:
    cursor = _Cursor()
    for p in implementation_part(paragraphs):
        if p.kind == "row":
            continue
        if p.kind == "roman":
            cursor = _Cursor(roman=p.marker, tasks=cursor.tasks)
            continue
        if p.kind == "number" and _is_unit_heading(p):
            cursor.number, cursor.letter = p.marker, ""
            cursor.heading = _heading_of(p)
            cursor.last_kind = "heading"
            continue
        if p.kind == "number":
            cursor.number, cursor.letter = p.marker, ""
            # "4. Sở Thông tin và Truyền thông: Chủ trì …" names its own unit, for it and its items.
            subject = subject_of(p.text)
            requested = bool(cue_regex(cues.REQUEST_CUES, at_start=True).match(p.folded))
            cursor.heading = _Heading(subject[0], requested) if subject else cursor.heading
        elif p.kind == "letter":
            cursor.letter = p.marker
        _add_duty(cursor, p)
        cursor.last_kind = p.kind
    return cursor.tasks


def _add_duty(cursor: _Cursor, p: Paragraph) -> None:
    subject = subject_of(p.text)
    heading_unit = cursor.heading.unit if cursor.heading else None
    previous = cursor.tasks[-1] if cursor.tasks else None
    continues_previous = previous is not None and previous.section == cursor.section and p.kind == "text"
    if continues_previous and _is_timing(p.folded):
        cursor.tasks[-1] = _merge(previous, p)
        return
    if continues_previous and cursor.letter and not (subject and not _same_unit(subject[0], previous.unit)):
        cursor.tasks[-1] = _merge(previous, p)
        return
    unit = _choose_unit(subject[0] if subject else None, heading_unit)
    if not unit:
        return
    rest = p.text[subject[1]:] if subject else p.text
    # After "Unit:" the duty itself begins, and so does its quote.
    skip = subject[1] + len(rest) - len(rest.lstrip()) if subject and p.text[subject[1] - 1] == ":" else 0
    cursor.tasks.append(
        _task(
            p,
            unit=unit,
            section=cursor.section,
            role=role_of(rest),
            requested=bool(cursor.heading and cursor.heading.requested),
            skip=skip,
        )
    )


def _table_tasks(paragraphs: list[Paragraph]) -> list[Task]:
    """One task per row of a table of tasks, wherever the table stands."""
    out: list[Task] = []
    roman, number, columns = "", "", None
    for p in paragraphs:
        if p.kind == "roman":
            roman, number = p.marker, ""
        elif p.kind == "number":
            number = p.marker
        if p.kind != "row":
            columns = None if p.kind != "text" or not p.text.strip() else columns
            continue
        row = tables.cells(p)
        if tables.is_separator(row):
            continue
        header = tables.header_columns(row)
        if header:
            columns = header
            continue
        if columns is None:
            continue
        if tables.is_group_row(row, columns):
            continue
        section = ".".join(x for x in (roman, number) if x)
        task = tables.row_task(row, columns, section, _row_task)
        if task:
            out.append(task)
    return out


def _row_task(content: tables.Cell, lead: str, partners: str, time: str, section: str) -> Task:
    quote_end = _quote_end(content.text)
    unit = normalise_unit(lead)
    dates = find_dates(time)
    deadline = dates[-1][2] if dates else deadline_of(content.text)
    single_date = len(dates) == 1 and len(time.split()) <= 3
    return Task(
        unit=unit,
        unit_kind=unit_kind(unit),
        addressee_is_plural_group=is_plural(unit),
        role="lead",
        cooperating_units=split_units(partners),
        section=section,
        quote=content.text[:quote_end],
        span=(content.start, content.start + quote_end),
        text=content.text,
        deadline=deadline,
        schedule=None if single_date or not time else " ".join(time.split()),
        # "Quý III/2025" in the time column is a deadline; "Hằng quý" is a recurrence.
        recurrence=recurrence_of(content.text + (" " + time if cue_regex(cues.FREQUENCY_WORDS).search(fold(time)) else "")),
        quantity=quantity_of(content.text),
    )


def _task(p: Paragraph, *, unit: str, section: str, role: str, requested: bool, skip: int = 0) -> Task:
    quote_end = skip + _quote_end(p.text[skip:])
    return Task(
        unit=unit,
        unit_kind=unit_kind(unit),
        addressee_is_plural_group=is_plural(unit),
        role=role,
        cooperating_units=cooperating_units(p.text),
        section=section,
        quote=p.text[skip:quote_end],
        span=(p.start + skip, p.start + quote_end),
        text=p.text,
        deadline=deadline_of(p.text),
        schedule=schedule_of(p.text),
        recurrence=recurrence_of(p.text),
        quantity=quantity_of(p.text),
        requested_not_assigned=requested,
    )


def _merge(task: Task, p: Paragraph) -> Task:
    text = task.text + "\n" + p.text
    return replace(
        task,
        text=text,
        deadline=task.deadline or deadline_of(p.text),
        schedule=task.schedule or schedule_of(p.text),
        recurrence=recurrence_of(text),
        quantity=quantity_of(text),
        cooperating_units=task.cooperating_units or cooperating_units(p.text),
    )


def _quote_end(text: str) -> int:
    """End of the quote: the first words of the duty, as the gold annotators cut it."""
    end = 0
    for i, m in enumerate(re.finditer(r"\S+", text)):
        if i >= _QUOTE_WORDS or (end >= _QUOTE_CHARS - 15 and m.end() > _QUOTE_CHARS):
            break
        end = m.end()
    return end


# --- units -----------------------------------------------------------------


def _is_unit_heading(p: Paragraph) -> bool:
    """A numbered item that only names a unit: "2. Phòng Nội vụ", "5. Đề nghị MTTQ …"."""
    words = p.text.split()
    if not words or len(words) > 25 or re.search(r"\.\s+\S", p.text.rstrip(".: ")):
        return False
    name = strip_unit_prefix(p.folded)
    if _unit_head_near_start(name) is None:
        return False
    subject = subject_of(p.text)
    # "2. Sở Nội vụ:" is a heading; "2. Sở Nội vụ chủ trì …" and "4. Sở TT&TT: Chủ trì …" are duties.
    return subject is None or not p.text[subject[1]:].strip(" :")


def _heading_of(p: Paragraph) -> _Heading:
    requested = bool(cue_regex(cues.REQUEST_CUES, at_start=True).match(p.folded))
    start = len(p.folded) - len(strip_unit_prefix(p.folded))
    return _Heading(normalise_unit(p.text[start:]), requested)


def strip_unit_prefix(folded: str) -> str:
    """The unit name without "Giao", "Đề nghị", "Kính đề nghị" in front.

    >>> strip_unit_prefix("de nghi ban tuyen giao quan uy")
    'ban tuyen giao quan uy'
    """
    m = cue_regex(cues.UNIT_PREFIX_CUES, at_start=True).match(folded)
    return folded[m.end():].lstrip(" :") if m else folded.lstrip()


def _unit_head(folded: str) -> tuple[str, str] | None:
    pattern, heads = _unit_heads()
    m = pattern.match(folded.lstrip(" -:,"))
    return heads[m.lastindex - 1] if m else None


@lru_cache(maxsize=1)
def _unit_heads() -> tuple[re.Pattern[str], list[tuple[str, str]]]:
    """One pattern for all unit heads, longest first, each its own group (which one matched)."""
    heads = sorted(cues.UNIT_HEADS, key=lambda hk: len(hk[0]), reverse=True)
    return re.compile("|".join(f"({tolerant(head)})(?![a-z])" for head, _kind in heads)), heads


def _unit_head_near_start(folded: str, words: int = 3) -> tuple[str, str] | None:
    """A unit head at the start, or after a few words OCR garbled ("ity ban MTTQ" for "Ủy ban MTTQ")."""
    for m in re.finditer(r"(?:^|\s)(?=\S)", folded):
        if m.end() > 0 and len(folded[: m.end()].split()) > words:
            break
        head = _unit_head(folded[m.end():])
        if head:
            return head
    return None


@lru_cache(maxsize=1)
def _subject_end() -> re.Pattern[str]:
    return re.compile(r"(?<!cac)(?<!nhung)\s(?:" + "|".join(tolerant(c) for c in cues.SUBJECT_END_CUES) + r")(?![a-z])|:")


def subject_of(text: str) -> tuple[str, int] | None:
    """The unit a sentence opens with, and where the rest of the sentence starts.

    >>> subject_of("Căn cứ Kế hoạch này, UBND các phường xây dựng kế hoạch")
    ('UBND các phường', 37)
    >>> subject_of("Thông tin, tuyên truyền đầy đủ") is None
    True
    """
    folded = fold(text)
    pos = 0
    adverbial = cue_regex(cues.LEADING_ADVERBIAL_CUES, at_start=True)
    while m := adverbial.match(folded, pos):
        pos = m.end()
        pos += len(folded[pos:]) - len(folded[pos:].lstrip(" ,:"))
    if _unit_head(folded[pos:]) is None:
        return None
    # "tổ chức" after "các" is a noun ("các tổ chức chính trị - xã hội"), not the verb.
    end_cue = _subject_end()
    m = end_cue.search(folded, pos)
    # A verb printed with a capital inside the name is part of it: "Ban Tổ chức", "Ủy ban Kiểm tra".
    while m and m.group(0) != ":" and text[m.start() + 1: m.start() + 2].isupper() and not text.isupper():
        m = end_cue.search(folded, m.end())
    if not m:
        return None
    phrase = text[pos:m.start()].strip(" ,")
    if not phrase or len(phrase.split()) > _SUBJECT_MAX_WORDS:
        return None
    return normalise_unit(phrase), m.start() + 1


def normalise_unit(name: str) -> str:
    """The unit as the gold writes it: "Ủy ban nhân dân" → "UBND", "HĐND&UBND" → "HĐND và UBND".

    >>> normalise_unit("các phòng chuyên môn;")
    'Các phòng chuyên môn'
    >>> normalise_unit("Văn phòng HĐND&UBND quận")
    'Văn phòng HĐND và UBND quận'
    """
    name = re.sub(r"\s+", " ", name).strip(" ,;:.-")
    name = re.sub(r"(?i)ủy ban nhân dân|uỷ ban nhân dân|uy ban nhan dan", "UBND", name)
    name = re.sub(r"\s*&\s*", " và ", name)
    name = re.sub(r"\s*[–—]\s*", " - ", name)
    # "Văn hóa- Thông tin" (a scan's spacing) is "Văn hóa - Thông tin"; "VH-TT" stays as it is.
    name = re.sub(r"(?<=\w)(?: -|- )(?=\w)", " - ", name)
    return name[:1].upper() + name[1:]


def _parts(unit: str) -> list[str]:
    """The bodies a unit phrase lists: "Bộ phận VH-TT, Đài truyền thanh phường" → two."""
    folded = fold(unit).replace("hdnd va ubnd", "hdnd-ubnd")
    pieces = re.split(r",\s*|\s+va\s+", folded)
    parts: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if parts and _unit_head(piece) is None:
            parts[-1] += ", " + piece
        else:
            parts.append(piece)
    return parts


def is_plural(unit: str) -> bool:
    """More than one body: a class ("UBND các phường") or a list.

    >>> is_plural("Phòng Văn hóa và Thông tin"), is_plural("UBND các phường")
    (False, True)
    """
    folded = fold(unit)
    if re.search(r"\b(cac|nhung)\s|\b\d+\s+(phuong|xa|don vi)|\bthu truong\b", folded):
        return True
    return len(_parts(unit)) > 1


def unit_kind(unit: str) -> str:
    """specialised_office, people_committee, … of the first-named member."""
    head = _unit_head_near_start(fold(unit))
    return head[1] if head else "other"


def _same_unit(a: str, b: str) -> bool:
    pa, pb = set(_parts(a)), set(_parts(b))
    return _covered(pa, pb) and _covered(pb, pa)


def _covered(these: set[str], by: set[str]) -> bool:
    return all(any(x in y or y in x for y in by) for x in these)


def _choose_unit(subject: str | None, heading: str | None) -> str | None:
    """The unit an item names itself ("UBND các phường" under "Các phòng …, UBND các phường"),
    unless it only repeats its heading's unit in other words."""
    if subject is None or heading is None:
        return subject or heading
    return heading if _same_unit(subject, heading) else subject


# --- role, partners, timing -----------------------------------------------


def role_of(rest: str) -> str:
    """The role of a duty from its opening verb (after the subject).

    >>> role_of("Chủ trì, phối hợp với các cơ quan"), role_of("theo chức năng, nhiệm vụ, phối hợp, triển khai")
    ('lead', 'cooperate')
    >>> role_of("Phát hiện, biểu dương và đề xuất UBND quận khen thưởng")
    'propose'
    """
    folded = fold(rest).lstrip(" ,:-")
    before_verb = cue_regex(cues.BEFORE_VERB_CUES, at_start=True)
    while m := before_verb.match(folded):
        folded = folded[m.end():].lstrip(" ,")
    for role, role_cues in cues.ROLE_CUES:
        if cue_regex(role_cues, at_start=True).match(folded):
            return role
    if re.match(cues.PROPOSE_SERIES, folded):
        return "propose"
    return "execute"


def cooperating_units(text: str) -> list[str]:
    """Partners named in a "phối hợp với …" phrase."""
    folded = fold(text)
    m = re.search(tolerant("phoi hop") + r"\s+(?:" + tolerant("(cung )?voi ") + "|" + tolerant("cung ") + ")?", folded)
    if not m:
        return []
    stop = re.compile(
        r"[;.(]|\s(?:"
        + "|".join(tolerant(c) for c in cues.PARTNERS_END_CUES + cues.SUBJECT_END_CUES if c != "phoi hop")
        + r")(?![a-z])"
    )
    end = stop.search(folded, m.end())
    phrase = text[m.end(): end.start() if end else len(text)]
    if _unit_head(fold(phrase)) is None:
        return []
    return split_units(phrase)


def split_units(phrase: str) -> list[str]:
    """The bodies a list names: a piece that names no body belongs to the one before.

    >>> split_units("Các phòng, ban liên quan; UBND các xã, thị trấn")
    ['Các phòng, ban liên quan', 'UBND các xã, thị trấn']
    """
    out: list[str] = []
    for piece in re.split(r"\s*[,;]\s*|\s+và\s+|\s+va\s+", phrase):
        piece = piece.strip(" -")
        if not piece:
            continue
        if out and _unit_head(fold(piece)) is None:
            out[-1] += ", " + piece
        else:
            out.append(normalise_unit(piece))
    return out


def _is_timing(folded: str) -> bool:
    return bool(cue_regex(cues.TIMING_PARAGRAPH_CUES, at_start=True).match(folded))


def deadline_of(text: str) -> str | None:
    """A full calendar date given as the duty's deadline, else None.

    >>> deadline_of("Thời gian gửi về UBND quận: Chậm nhất ngày 29/02/2024.")
    '2024-02-29'
    >>> deadline_of("thực hiện Kế hoạch số 54/KH-UBND ngày 08/02/2024") is None
    True
    """
    folded = fold(text)
    cue = cue_regex(cues.DEADLINE_CUES)
    for start, _end, iso in find_dates(text):
        window = folded[max(0, start - 30):start]
        if cue.search(window) and not re.search(r"\bso\s+\S+\s+(ngay\s+)?$", window):
            return iso
    return None


def schedule_of(text: str) -> str | None:
    """Schedules the duty gives that are not one date, as printed ("; "-joined)."""
    found = [phrase for _s, _e, phrase in find_schedules(text)]
    return "; ".join(dict.fromkeys(" ".join(p.split()) for p in found)) or None


def recurrence_of(text: str) -> str:
    """The most frequent recurrence the text names.

    >>> recurrence_of("Báo cáo quý I, 6 tháng, quý III và cả năm")
    'quarterly'
    >>> recurrence_of("định kỳ hằng tháng có ít nhất 02 tin/bài")
    'monthly'
    """
    folded = fold(text)
    found = {
        name for name, words in cues.RECURRENCE_CUES if cue_regex(words).search(folded)
    }
    for name in cues.RECURRENCE_ORDER:
        if name in found:
            return name
    return "none"


def quantity_of(text: str) -> str | None:
    """Numeric targets as printed: "tối thiểu 12 tin/bài trong năm"."""
    source = text
    folded = fold(text)
    found = [source[m.start():m.end()] for m in re.finditer(cues.QUANTITY_PATTERN, folded)]
    return "; ".join(dict.fromkeys(found)) or None
