"""Tables of tasks: "STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm".

Readers flatten a table into one line per row with cells joined by " | ".
A table is a table of tasks when its header names a content column and a lead
column; each later row with a lead agency is one task (role lead), and a row
with a number but no agency ("I | CẢI CÁCH THỂ CHẾ | | …") opens a group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest import cues
from ingest.fold import cue_regex, fold
from ingest.model import Task
from ingest.segment import Paragraph, roman_value


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int


def cells(p: Paragraph) -> list[Cell]:
    """The cells of a row with their source spans (surrounding spaces trimmed)."""
    out: list[Cell] = []
    text = p.text
    inner_start = 1 if text.startswith("|") else 0
    inner_end = len(text) - 1 if text.rstrip().endswith("|") and len(text) > 1 else len(text)
    pos = inner_start
    for part in text[inner_start:inner_end].split("|"):
        lead = len(part) - len(part.lstrip())
        body = part.strip()
        out.append(Cell(body, p.start + pos + lead, p.start + pos + lead + len(body)))
        pos += len(part) + 1
    return out


def header_columns(row: list[Cell]) -> dict[str, int] | None:
    """Column index by role ("content", "lead", …) if this row is the header of a table of tasks."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(row):
        folded = fold(cell.text).strip()
        for role, words in cues.TABLE_COLUMN_CUES:
            if role not in columns and cue_regex(words, at_start=True).match(folded):
                columns[role] = index
                break
    return columns if {"content", "lead"} <= set(columns) else None


@dataclass
class TableTask:
    """A task read from a row, and where it stands in the outline."""

    task: Task
    row: Paragraph


def row_task(row: list[Cell], columns: dict[str, int], section: str, build) -> Task | None:
    """The task of one data row, or None when the row names no lead agency."""
    def cell(role: str) -> Cell | None:
        i = columns.get(role)
        return row[i] if i is not None and i < len(row) and row[i].text else None

    content, lead = cell("content"), cell("lead")
    if content is None or lead is None:
        return None
    partners = cell("cooperate")
    time = cell("time")
    # The gold gives a row its heading's section ("III.1"), not its own number.
    return build(content, lead.text, partners.text if partners else "", time.text if time else "", section)


def is_group_row(row: list[Cell], columns: dict[str, int]) -> str | None:
    """The label of a group row ("I | CẢI CÁCH THỂ CHẾ | | |"), else None."""
    lead = columns.get("lead")
    has_lead = lead is not None and lead < len(row) and row[lead].text
    first = row[0].text.strip(" .") if row else ""
    if not has_lead and first and roman_value(first) is not None and not first.isdigit():
        return first.upper()
    return None


def is_separator(row: list[Cell]) -> bool:
    """A Markdown rule row: "|---|:---:|"."""
    return all(re.fullmatch(r":?-{2,}:?", c.text) or not c.text for c in row)
