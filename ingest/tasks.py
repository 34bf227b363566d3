"""Duties: the "Tổ chức thực hiện" part of a document → `Task` records.

The judgement rules are those of the gold annotations (shared/gold/README.md):
one task per lettered item, per dash item, or per paragraph under a unit
heading; a paragraph naming another unit inside a lettered item is a task of
its own; a paragraph that only sets the timing is merged into the duty before.
The unit of a duty is its heading's, or the narrower addressee the item names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from ingest import cues, tables
from ingest.dates import find_dates, find_schedules
from ingest.fold import cue_regex, exact_letters, fold, tolerant
from ingest.model import Task
from ingest.outline import Node
from ingest.segment import Paragraph

_QUOTE_WORDS = 14
_QUOTE_CHARS = 75
_SUBJECT_MAX_WORDS = 25


_DASHES = ("-", "+", "•", "*", "–", "—")
_ENDS_SENTENCE = re.compile(r"[.;!?…]\s*$")


@dataclass(frozen=True)
class _Context:
    """What the outline above a node says about its duties."""

    section: tuple[str, ...] = ()  # the heading path: ("IV", "1", "a")
    unit: str | None = None  # the unit a heading names ("2. Phòng Nội vụ")
    requested: bool = False  # under "Đề nghị …": asked, not assigned
    role: str | None = None  # a lead-in that governs its items ("Sở … chủ trì, phối hợp với …:")
    partners: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        return ".".join(self.section)

    def under(self, node: Node) -> "_Context":
        """The context of a node's children: its marker joins the heading path."""
        marker = node.marker
        if node.kind == "section" and marker.startswith("Điều"):
            return replace(self, section=(marker,))
        if node.kind == "section" or (node.kind == "item" and marker and marker not in _DASHES):
            kept = self.section
            if "." in marker:  # "1.2" under "1" replaces it
                head = marker.split(".")[0]
                kept = tuple(m for m in kept if m != head and not m.startswith(head + "."))
            return replace(self, section=(*kept, marker))
        return self


def extract_tasks(tree: Node) -> list[Task]:
    """Every duty of the document, in reading order, wherever the outline assigns it."""
    tasks: list[Task] = []
    for part, context in _document_parts(tree):
        for section in duty_sections(part):
            _collect(section, context if section.kind == "document" else context.under(section), tasks, top=True)
    tasks.extend(_appendix_rows(tree))
    tasks.extend(_closing_reports(tree, tasks))
    unique = {t.span: t for t in tasks}
    return sorted(unique.values(), key=lambda t: t.span[0])


def _document_parts(tree: Node) -> list[tuple[Node, _Context]]:
    """The document's body and each appendix (a decision's attached plan), with their contexts."""
    body = Node("document", children=tuple(c for c in tree.children if c.kind != "appendix"))
    parts = [(body, _Context())]
    parts.extend((c, _Context()) for c in tree.children if c.kind == "appendix")
    return parts


def duty_sections(part: Node) -> list[Node]:
    """The sections of a part that assign duties: the implementation section and a reporting
    section after it; a section organised by unit, or holding label blocks, whatever its name;
    a decision's articles that assign; and in a part without sections (a directive), the part."""
    sections = list(_sections_of(part))
    if not sections:
        items = [c for c in part.children if c.kind == "item"]
        if _organised_by_unit(part) or (items and _follows_request(part)):
            return [part]
        return _request_blocks(part)
    task_heading = cue_regex(cues.TASK_SECTION_CUES)
    report_heading = cue_regex(cues.REPORT_SECTION_CUES, at_start=True)
    out: list[Node] = []
    for i, s in enumerate(sections):
        heading = fold(s.text)
        if s.marker.startswith("Điều"):
            # "Điều 2. Giao Sở …", or a regulation's "Điều 8. Trách nhiệm của các sở, ngành"
            if _article_assigns(s) or task_heading.search(heading) or _organised_by_unit(s):
                out.append(s)
            continue
        if task_heading.search(heading) or _organised_by_unit(s) or _has_label_blocks(s):
            out.append(s)
        elif out and out[-1] is sections[i - 1] and report_heading.match(heading):
            out.append(s)
    return out


def _sections_of(part: Node) -> Iterator[Node]:
    """The sections of a part, inside its chapters ("Chương II") too."""
    for child in part.children:
        if child.kind == "section" and child.marker.startswith("Chương"):
            yield from _sections_of(child)
        elif child.kind == "section":
            yield child


def _organised_by_unit(section: Node) -> bool:
    """Two or more of its items (to three levels down) only name a unit: "2. Sở Tài chính:"."""
    headings = 0
    for node in _items_below(section, depth=3):
        if node.kind == "item" and node.marker not in _DASHES and _is_unit_heading(node.text):
            headings += 1
    return headings >= 2


def _items_below(node: Node, depth: int) -> Iterator[Node]:
    if depth == 0:
        return
    for child in node.children:
        if child.kind in ("item", "section"):
            yield child
            yield from _items_below(child, depth - 1)


def _has_label_blocks(section: Node) -> bool:
    return any(n.kind == "label" and n.label in ("lead", "unit") for n in section.walk())


def _request_blocks(part: Node) -> list[Node]:
    """In a letter or a notice, the duties follow the sentence that asks for them ("… Phó Thủ
    tướng có ý kiến như sau:", "… yêu cầu các bộ, ngành thực hiện một số nhiệm vụ như sau:"):
    the items under that sentence, or the paragraphs after it, as one block each."""
    request = cue_regex(cues.DUTIES_FOLLOW_CUES)
    blocks: list[Node] = []

    def asks(node: Node) -> bool:
        text = node.text.rstrip()
        return node.kind in ("paragraph", "item", "preamble") and text.endswith(":") and bool(request.search(fold(text)[-90:]))

    def scan(node: Node) -> None:
        children = list(node.children)
        for i, child in enumerate(children):
            if asks(child):
                below = [c for c in child.children if c.kind in ("item", "paragraph")]
                if below:
                    blocks.append(replace(child, children=tuple(below)))
                    continue
                after = []
                for later in children[i + 1:]:
                    if later.kind in ("section", "closing", "signature", "recipients", "appendix") or asks(later):
                        break
                    after.append(later)
                if after:
                    blocks.append(Node("document", children=tuple(after)))
            elif child.kind in ("item", "section"):
                scan(child)

    scan(part)
    return blocks


def _follows_request(part: Node) -> bool:
    """A directive's duties follow "… Chủ tịch UBND tỉnh yêu cầu:" (or "chỉ thị:")."""
    request = cue_regex(cues.DUTIES_FOLLOW_CUES)
    for child in part.children:
        if child.kind in ("paragraph", "preamble") and child.text.rstrip().endswith(":") and request.search(fold(child.text)[-60:]):
            return True
    return False


def _article_assigns(article: Node) -> bool:
    """ "Điều 2. Giao Sở Nội vụ chủ trì …" assigns; "Điều 3. Chánh Văn phòng … chịu trách nhiệm thi hành" does not."""
    text = fold(article.text)
    if cue_regex(cues.CLOSING_FORMULA_CUES).search(text) or re.search(r"co hieu luc|ban hanh kem theo", text):
        return False
    return subject_of(article.text) is not None or bool(cue_regex(cues.UNIT_PREFIX_CUES, at_start=True).match(text))


def _collect(node: Node, ctx: _Context, out: list[Task], *, top: bool = False) -> None:
    """The duties of a node's children, in order; a block of items followed by label lines
    ("Đơn vị chủ trì: …") takes its units and time from the labels."""
    children = [c for c in node.children if c.kind not in ("closing", "signature", "recipients")]
    for group, labels in _label_groups(children):
        if labels:
            for member in group:
                _labelled_duty(member, ctx, labels, out)
            continue
        for child in group:
            _visit(child, ctx, out)


def _label_groups(children: list[Node]) -> list[tuple[list[Node], dict[str, Node]]]:
    """Runs of duty nodes and the label lines that close each run (inside its last item or after it)."""
    groups: list[tuple[list[Node], dict[str, Node]]] = []
    run: list[Node] = []
    for child in children:
        if child.kind == "label":
            labels = _labels_of([child])
            if groups and not run and groups[-1][1]:
                groups[-1][1].update({k: v for k, v in labels.items() if k not in groups[-1][1]})
            else:
                groups.append((run, labels))
                run = []
            continue
        # A dash item or a paragraph closed by its label lines; a numbered item's labels are its own.
        leaf = child.kind == "paragraph" or (child.kind == "item" and child.marker in _DASHES)
        inner = _labels_of(child.children) if leaf else {}
        if inner:
            run.append(child)
            groups.append((run, inner))
            run = []
        else:
            run.append(child)
    if run:
        groups.append((run, {}))
    return groups


def _labels_of(nodes) -> dict[str, Node]:
    out: dict[str, Node] = {}
    for n in nodes:
        if n.kind == "label" and n.label not in out:
            out[n.label] = n
    return out


def _label_value(label: Node) -> str:
    return label.text.split(":", 1)[1].strip() if ":" in label.text else ""


def _labelled_duty(node: Node, ctx: _Context, labels: dict[str, Node], out: list[Task]) -> None:
    lead = labels.get("lead") or labels.get("unit")
    subject = subject_of(node.text)
    unit = normalise_unit(_label_value(lead)) if lead else _choose_unit(subject[0] if subject else None, ctx.unit)
    if not unit or node.kind not in ("item", "paragraph"):
        _visit(node, ctx, out)
        return
    p = node.paragraph
    requested = bool(cue_regex(cues.REQUEST_CUES, at_start=True).match(fold(node.text)))
    # A duty under the block's labels that asks a body of its own ("Đề nghị người đứng đầu cấp ủy …").
    own = requested_addressee(node.text) if requested else None
    partners = split_units(_label_value(labels["cooperate"])) if "cooperate" in labels else []
    time = _label_value(labels["time"]) if "time" in labels else ""
    text = node.text + ("\n" + time if time else "")
    skip = 0
    if not lead and subject and node.text[subject[1] - 1] == ":":  # "+ Sở Xây dựng: hướng dẫn …"
        skip = subject[1] + len(node.text[subject[1]:]) - len(node.text[subject[1]:].lstrip())
    rest = node.text[subject[1]:] if subject and not lead else node.text
    task = _task(p, unit=own or unit, section=ctx.path, role="lead" if "lead" in labels and not own else role_of(rest),
                 requested=requested or ctx.requested, skip=skip)
    dates = find_dates(time)
    out.append(replace(
        task,
        cooperating_units=partners or task.cooperating_units,
        deadline=dates[-1][2] if dates and len(time.split()) <= 4 and cue_regex(cues.DEADLINE_CUES).search(fold(time)) else task.deadline,
        recurrence=recurrence_of(text),
        text=text,
    ))
    # Items under the duty ("Trong đó: + Sở Xây dựng: …") are duties of their own.
    if any(c.kind == "item" for c in node.children):
        _collect(replace(node, children=tuple(c for c in node.children if c.kind in ("item", "table"))),
                 replace(ctx.under(node), unit=own or unit), out)


def requested_addressee(text: str) -> str | None:
    """Whom "Đề nghị …" asks: the words up to the first verb.

    >>> requested_addressee("Đề nghị người đứng đầu cấp ủy; thủ trưởng cơ quan, đơn vị trực tiếp chỉ đạo việc")
    'Người đứng đầu cấp ủy; thủ trưởng cơ quan, đơn vị'
    """
    folded = fold(text)
    m = cue_regex(cues.REQUEST_CUES, at_start=True).match(folded)
    if not m:
        return None
    end = _subject_end().search(folded, m.end())
    if not end or end.group(0) == ":" and end.start() == m.end():
        return None
    phrase = text[m.end():end.start()].strip(" ,:")
    return normalise_unit(phrase) if 0 < len(phrase.split()) <= _SUBJECT_MAX_WORDS else None


def _visit(node: Node, ctx: _Context, out: list[Task]) -> None:
    if node.kind == "table":
        out.extend(_rows_of(node, ctx))
        return
    if node.kind not in ("item", "paragraph", "section"):
        return
    inner = ctx.under(node)
    if node.kind != "paragraph" and _is_unit_heading(node.text):
        heading = _heading_of(node.text)
        _collect(node, replace(inner, unit=heading.unit, requested=heading.requested, role=None, partners=()), out)
        return
    items = [c for c in node.children if c.kind in ("item", "table") or (c.kind == "paragraph" and _names_unit(c))]
    subject = _addressee_of_lead_in(node.text) if items else None
    subject = subject or subject_of(node.text)
    # A lead-in over items ends in ":", or is a bold heading with no stop ("12. Các tổ chức … có trách nhiệm").
    if items and (node.text.rstrip().endswith(":") or not _ENDS_SENTENCE.search(node.text)):
        lead_in = _lead_in(node.text, subject)
        unit = _choose_unit(subject[0] if subject else None, ctx.unit) if subject else ctx.unit
        requested = ctx.requested or bool(cue_regex(cues.REQUEST_CUES, at_start=True).match(fold(node.text)))
        below = replace(inner, unit=unit, requested=requested,
                        role=lead_in.role or None, partners=tuple(lead_in.partners))
        if not lead_in.content_free and unit:
            out.append(_duty(node, unit, replace(inner, role=None, partners=()), requested=requested))
        _collect(node, below, out)
        return
    unit = _choose_unit(subject[0] if subject else None, ctx.unit)
    if not unit:
        _collect(node, inner, out)
        return
    requested = ctx.requested or (subject is not None and bool(cue_regex(cues.REQUEST_CUES, at_start=True).match(fold(node.text))))
    task = _duty(node, unit, inner, requested=requested, subject=subject)
    # What follows inside the duty: a timing paragraph, a continuation, or a duty of another unit.
    for child in node.children:
        if child.kind == "paragraph" and not _names_other_unit(child, task.unit):
            task = _merge(task, child.paragraph)
        elif child.kind in ("item", "paragraph", "table"):
            out.append(task)
            task = None
            _collect(Node("document", children=(child,)), replace(inner, unit=unit), out)
            break
    if task is not None:
        out.append(task)
    for child in node.children[node.children.index(child) + 1:] if task is None else ():
        _visit(child, replace(inner, unit=unit), out)


def _addressee_of_lead_in(text: str) -> tuple[str, int] | None:
    """The unit a lead-in over a list names in full: everything before "có trách nhiệm:"
    ("Các tổ chức, cá nhân … khai thác nước dưới đất có trách nhiệm:"), or the whole of a short
    "Đề nghị các tổ chức cung cấp dịch vụ chi trả:" that names no verb of its own."""
    stripped = text.rstrip()
    if _ENDS_SENTENCE.search(stripped) and not stripped.endswith(":"):
        return None
    stripped = stripped if stripped.endswith(":") else stripped + ":"
    folded = fold(stripped)
    m = re.search(r"\s(?:co|chiu) trach nhiem(?: thuc hien)?(?: (?:cac|nhung) (?:noi dung|nhiem vu)(?: sau)?)?\s*:$", folded)
    prefix = cue_regex(cues.UNIT_PREFIX_CUES, at_start=True).match(folded)
    start = prefix.end() if prefix else 0
    while start < len(text) and text[start] in " :":
        start += 1
    if m:
        phrase = text[start:m.start()].strip(" ,")
    elif len(re.sub(r"\([^)]*\)", "", folded).split()) <= 14 and not cue_regex(tuple(c for _r, cs in cues.ROLE_CUES[:2] for c in cs)).search(folded) \
            and not cue_regex(cues.LEAD_IN_CUES + cues.DELEGATION_CUES).search(folded):
        phrase = text[start:len(stripped) - 1].strip(" ,")
    else:
        return None
    phrase = _without_examples(phrase)
    if not phrase or _unit_head_near_start(fold(phrase)) is None or len(phrase.split()) > _SUBJECT_MAX_WORDS:
        return None
    return normalise_unit(phrase), len(text.rstrip())


def _names_unit(node: Node) -> bool:
    return subject_of(node.text) is not None


def _names_other_unit(node: Node, unit: str) -> bool:
    subject = subject_of(node.text)
    return subject is not None and not _same_unit(subject[0], unit) and not _is_timing(fold(node.text))


def _duty(node: Node, unit: str, ctx: _Context, *, requested: bool, subject=None) -> Task:
    p = node.paragraph
    subject = subject if subject is not None else subject_of(node.text)
    rest = node.text[subject[1]:] if subject else node.text
    skip = subject[1] + len(rest) - len(rest.lstrip()) if subject and node.text[subject[1] - 1] == ":" else 0
    role = role_of(rest)
    partners: list[str] = []
    if ctx.role and (role == "execute" or subject is None):
        role, partners = ctx.role, list(ctx.partners)
    task = _task(p, unit=unit, section=ctx.path, role=role, requested=requested, skip=skip)
    if partners and not task.cooperating_units:
        task = replace(task, cooperating_units=partners)
    return task


@dataclass(frozen=True)
class _LeadIn:
    role: str | None
    partners: list[str]
    content_free: bool


def _lead_in(text: str, subject) -> _LeadIn:
    """What a line ending in ":" over a list of items says: a role that governs them ("Sở … chủ
    trì, phối hợp với …:"), nothing of its own ("… thực hiện các nội dung sau:"), or a duty."""
    rest = text[subject[1]:] if subject else text
    folded = fold(rest).strip(" :,.")
    generic = cue_regex(cues.LEAD_IN_CUES)
    stripped = generic.sub("", folded).strip(" :,;.")
    role = role_of(rest)
    if not stripped or cue_regex(cues.DELEGATION_CUES, at_start=True).fullmatch(stripped):
        return _LeadIn(None, [], True)
    if role in ("lead", "cooperate"):
        partners = cooperating_units(rest)
        verbs = re.match(r"(?:tiep tuc )?(?:chu tri|phoi hop)(?:,? phoi hop)?(?:\s+(?:cung\s+)?voi)?\s*", stripped)
        remainder = stripped[verbs.end():] if verbs else stripped
        named = sum(len(fold(p).split()) for p in partners)
        if verbs and len(remainder.split()) <= named + 2 * len(partners) + 2:
            return _LeadIn(role, partners, True)
    return _LeadIn(None, [], False)


def _rows_of(table: Node, ctx: _Context, section: str | None = None) -> list[Task]:
    """One duty per row of a task table (a header names a content column and a lead column)."""
    out: list[Task] = []
    columns = None
    for row in table.children:
        cells = [tables.Cell(c.text.strip(), c.start, c.end) for c in row.children]
        if tables.is_separator(cells):
            continue
        header = tables.header_columns(cells)
        if header:
            columns = header
            continue
        if columns is None or tables.is_group_row(cells, columns):
            continue
        where = section if section is not None else ctx.path
        if section == "PL":
            number = cells[0].text.strip(" .") if cells else ""
            where = f"PL.{number}" if number.isdigit() else "PL"
        task = tables.row_task(cells, columns, where, _row_task)
        if task:
            out.append(task)
    return out


def _appendix_rows(tree: Node) -> list[Task]:
    """Task tables of an appendix ("PHỤ LỤC"): one duty a row, section "PL.n"."""
    out: list[Task] = []
    for part in tree.children:
        if part.kind == "appendix" and part.marker == "PL":
            for node in part.walk():
                if node.kind == "table":
                    out.extend(_rows_of(node, _Context(), section="PL"))
    return out


def _closing_reports(tree: Node, found: list[Task]) -> list[Task]:
    """A closing paragraph that holds the document's only reporting duty ("… định kỳ trước ngày
    30 tháng 11 hằng năm báo cáo …") is that duty, section "closing"."""
    if any(t.role == "report" for t in found):
        return []
    out: list[Task] = []
    for node in tree.walk():
        if node.kind != "closing" or node.paragraph is None:
            continue
        task = _report_clause(node.paragraph)
        if task:
            out.append(task)
            break
    return out


def _report_clause(p: Paragraph) -> Task | None:
    folded = p.folded
    m = re.search(r"(?:dinh ky|hang nam|hang quy|hang thang|truoc ngay)[^.;]{0,80}?\bbao cao\b", folded)
    if not m:
        return None
    clause_start = folded.rfind(";", 0, m.start()) + 1 if ";" in folded[:m.start()] else m.start()
    clause_start = max(clause_start, folded.rfind(",", 0, m.start()) + 1) if folded[clause_start:m.start()].strip() else clause_start
    while clause_start < len(p.text) and p.text[clause_start] in " ,;":
        clause_start += 1
    addressee = re.search(r"(?:yeu cau|de nghi|giao)\s+(?P<unit>.+?)\s+(?:nghiem tuc|khan truong|tap trung|to chuc|trien khai|chu dong|can cu|thuc hien)", folded)
    unit = normalise_unit(p.text[addressee.start("unit"):addressee.end("unit")]) if addressee else None
    if not unit or _unit_head_near_start(fold(unit)) is None:
        return None
    clause = p.text[clause_start:]
    quote_end = _quote_end(clause)
    return Task(
        unit=unit, unit_kind=unit_kind(unit), addressee_is_plural_group=is_plural(unit), role="report",
        cooperating_units=[], section="closing", quote=clause[:quote_end],
        span=(p.start + clause_start, p.start + clause_start + quote_end), text=clause,
        deadline=None, schedule=schedule_of(clause), recurrence=recurrence_of(clause), quantity=quantity_of(clause),
    )


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


def _is_unit_heading(text: str) -> bool:
    """An item that only names a unit: "2. Phòng Nội vụ", "5. Đề nghị MTTQ …", "1.2 Sở Tài
    chính - Cơ quan thường trực Ban Chỉ đạo", "1.5 Trách nhiệm của đối tượng thực hiện kiểm kê:"."""
    words = text.split()
    if not words or len(words) > 25 or re.search(r"\.\s+\S", text.rstrip(".: ")):
        return False
    folded = fold(text)
    if cue_regex(cues.NOT_ADDRESSEE_CUES, at_start=True).match(folded):
        return False
    name = strip_unit_prefix(folded)
    if _unit_head_near_start(name) is None and not cue_regex(cues.DUTIES_OF_CUES, at_start=True).match(folded):
        return False
    subject = subject_of(text)
    # "2. Sở Nội vụ:" is a heading; "2. Sở Nội vụ chủ trì …" and "4. Sở TT&TT: Chủ trì …" are duties.
    return subject is None or not text[subject[1]:].strip(" :")


@dataclass(frozen=True)
class _Heading:
    unit: str
    requested: bool


def _without_examples(name: str) -> str:
    """A unit's name without the kinds it lists in brackets ("Các chủ rừng là tổ chức (các Ban quản lý
    rừng …)", "(gồm các Sở: …)"); brackets that are part of the name stay ("(VNPT, Viettel …)").

    >>> _without_examples("Các cơ quan tham mưu (gồm các Sở: Xây dựng, Tài chính):")
    'Các cơ quan tham mưu:'
    """
    return re.sub(r"\s*\((?:bao gồm|gồm|bao gom|gom|các|cac|như|nhu|trong đó)\b[^)]*\)?", "", name, flags=re.I).strip(" ,")


def _heading_of(text: str) -> _Heading:
    folded = fold(text)
    requested = bool(cue_regex(cues.REQUEST_CUES, at_start=True).match(folded))
    start = len(folded) - len(strip_unit_prefix(folded))
    name = text[start:]
    # "Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo": the unit, then its role in the plan.
    name = re.split(r"\s+[-–—]\s+(?=(?:cơ quan|co quan|thường trực|thuong truc|là|la)\b)", name, maxsplit=1, flags=re.I)[0]
    name = _without_examples(name)
    return _Heading(normalise_unit(name), requested)


def strip_unit_prefix(folded: str) -> str:
    """The unit name without "Giao", "Đề nghị", "Kính đề nghị" in front.

    >>> strip_unit_prefix("de nghi ban tuyen giao quan uy")
    'ban tuyen giao quan uy'
    """
    m = cue_regex(cues.UNIT_PREFIX_CUES, at_start=True).match(folded)
    return folded[m.end():].lstrip(" :") if m else folded.lstrip()


def _unit_head(folded: str) -> tuple[str, str] | None:
    pattern, heads = _unit_heads(exact_letters.get())
    m = pattern.match(folded.lstrip(" -:,"))
    return heads[m.lastindex - 1] if m else None


@lru_cache(maxsize=2)
def _unit_heads(exact: bool) -> tuple[re.Pattern[str], list[tuple[str, str]]]:
    """One pattern for all unit heads, longest first, each its own group (which one matched);
    tolerant of OCR's letters unless the text kept its diacritics."""
    heads = sorted(cues.UNIT_HEADS, key=lambda hk: len(hk[0]), reverse=True)
    return re.compile("|".join(f"({tolerant(head, exact)})(?![a-z])" for head, _kind in heads)), heads


def _unit_head_near_start(folded: str, words: int = 3) -> tuple[str, str] | None:
    """A unit head at the start, or after a few words OCR garbled ("ity ban MTTQ" for "Ủy ban MTTQ")."""
    for m in re.finditer(r"(?:^|\s)(?=\S)", folded):
        if m.end() > 0 and len(folded[: m.end()].split()) > words:
            break
        verb = _subject_end().search(" " + folded[: m.end()]) if m.end() > 0 else None
        if verb and verb.group(0) != ":":
            break  # "Tham mưu UBND tỉnh …" opens with a verb: a duty, not a garbled unit name
        head = _unit_head(folded[m.end():])
        if head:
            return head
    return None


def _subject_end() -> re.Pattern[str]:
    return _subject_end_pattern(exact_letters.get())


@lru_cache(maxsize=2)
def _subject_end_pattern(exact: bool) -> re.Pattern[str]:
    # "tổ chức" after "các" or in "tổ chức, cá nhân" is a noun, not the verb.
    verbs = "|".join(tolerant(c, exact) for c in cues.SUBJECT_END_CUES if c != "to chuc")
    # After "lĩnh vực", "công tác", "việc" a verb is a noun: "doanh nghiệp … trong lĩnh vực xây dựng".
    return re.compile(r"(?<!cac)(?<!nhung)(?<!linh vuc)(?<!cong tac)(?<!viec)\s(?:" + verbs + r")(?![a-z])"
                      + r"|(?<!cac)(?<!nhung)(?<!,)(?<! va)\s" + tolerant("to chuc", exact) + r"(?![a-z])(?!,? (?:va )?ca nhan)|:")


def subject_of(text: str) -> tuple[str, int] | None:
    """The unit a sentence opens with, and where the rest of the sentence starts.

    >>> subject_of("Căn cứ Kế hoạch này, UBND các phường xây dựng kế hoạch")
    ('UBND các phường', 37)
    >>> subject_of("Thông tin, tuyên truyền đầy đủ") is None
    True
    """
    folded = fold(text)
    if cue_regex(cues.NOT_ADDRESSEE_CUES, at_start=True).match(folded):
        return None
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
    >>> split_units("Sở Khoa học và Công nghệ, Sở Công Thương")
    ['Sở Khoa học và Công nghệ', 'Sở Công Thương']
    """
    out: list[str] = []
    parts = re.split(r"(\s*[,;]\s*|\s+và\s+|\s+va\s+)", phrase)
    separator = ""
    for i, piece in enumerate(parts):
        if i % 2:  # the separator before the next piece: kept when that piece continues a name
            separator = piece
            continue
        piece = piece.strip(" -")
        if not piece:
            continue
        if out and _unit_head(fold(piece)) is None:
            joint = " và " if separator.strip() in ("và", "va") else ", "
            out[-1] = normalise_unit(out[-1] + joint + piece)
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
