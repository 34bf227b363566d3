"""Tables for people: a query's rows as a terminal table, CSV, JSON or a spreadsheet.

Column headers are readable by staff, in Vietnamese by default (queries/headers.csv
maps each variable name to its heading); English with `lang="en"`.

Every CSV and spreadsheet cell passes through `spreadsheet_safe`: document text that
opens like a formula ("=HYPERLINK(…)", "+cmd|…", "@SUM(1)") is written as text with a
leading apostrophe, the way OWASP's "CSV Injection" page says. The spreadsheet gets the
same apostrophe as the CSV, in a cell typed as text: the cell then stays text when it is
edited, copied or saved again as CSV, which an invisible "quote prefix" style would not.
"""

from __future__ import annotations

import csv
import io
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.table import Table

from graph.cells import spreadsheet_safe

FORMATS = ("table", "csv", "json", "xlsx")


@lru_cache(maxsize=1)
def _headers() -> dict[str, dict[str, str]]:
    text = (resources.files("queries") / "headers.csv").read_text(encoding="utf-8")
    return {row["variable"]: {"vi": row["vi"], "en": row["en"]} for row in csv.DictReader(io.StringIO(text))}


def heading(variable: str, lang: str | None = "vi") -> str:
    """The column heading of a variable ("deadline" → "Thời hạn"); the name itself when lang is None."""
    return _headers().get(variable, {}).get(lang, variable)


def _cell(value) -> str:
    return "" if value is None else str(value)


# Control characters the spreadsheet format cannot hold (tab, line feed and carriage return it can).
_NOT_IN_SHEETS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _csv_cell(value) -> str:
    return _cell(spreadsheet_safe(value))


def _sheet_cell(value):
    """A number stays a number; anything else becomes safe text the spreadsheet format can hold."""
    if isinstance(value, (int, float)):
        return value
    return spreadsheet_safe(_NOT_IN_SHEETS.sub("", _cell(value)))


def csv_text(rows: list[dict], columns: list[str], headings: list[str]) -> str:
    """The rows as CSV under their headings, every cell safe for a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_csv_cell(h) for h in headings])
    writer.writerows([[_csv_cell(r.get(c)) for c in columns] for r in rows])
    return buffer.getvalue()


def render(rows: list[dict], columns: list[str], fmt: str, *, lang: str | None = "vi", path: Path | None = None,
           console: Console | None = None) -> None:
    """Write rows in the chosen format to `path`, or to the console when no path is given (xlsx needs a path)."""
    headings = [heading(c, lang) for c in columns]
    if fmt == "xlsx":
        if path is None:
            raise ValueError("a spreadsheet needs a file: add -o FILE.xlsx")
        write_sheet(rows, columns, headings, path)
        return
    if fmt == "json":
        text = json.dumps([{c: r.get(c) for c in columns} for r in rows], ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        text = csv_text(rows, columns, headings)
    else:
        table = Table(*headings, show_lines=False)
        for r in rows:
            table.add_row(*[_cell(r.get(c)) for c in columns])
        if path is None:
            (console or Console()).print(table)
            return
        text = _plain(table)
    if path is None:
        import sys

        sys.stdout.buffer.write(text.encode("utf-8"))
    else:
        path.write_text(text, encoding="utf-8")


def _plain(table: Table) -> str:
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(table)
    return console.file.getvalue()


def write_sheet(rows: list[dict], columns: list[str], headings: list[str], path: Path, title: str = "cancu") -> None:
    """A spreadsheet: bold headings, wrapped cells, widths to fit, the heading row frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]  # the spreadsheet format allows no longer sheet names
    _append_row(sheet, headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r in rows:
        _append_row(sheet, [r.get(c) for c in columns])
    for i, column in enumerate(columns, start=1):
        longest = max([len(headings[i - 1])] + [len(_cell(r.get(column))) for r in rows[:200]])
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = min(60, max(10, longest + 2))
        for cell in sheet[sheet.cell(1, i).column_letter][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    book.save(path)


def _append_row(sheet, values: list) -> None:
    sheet.append([_sheet_cell(v) for v in values])
    # Typed as text outright, not left to openpyxl's guess (which writes a string opening with "=" as a formula).
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
