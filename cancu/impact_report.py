"""An impact as a report a person acts on: grouped by level, then by unit.

"UBND phường Mỗ Lao: revise 41/KH-UBND; review tasks a, b" — for the terminal,
Markdown (to paste into an official letter's draft), HTML (to send round) and
a spreadsheet (one row per unit and task). Vietnamese by default, English with
`lang="en"`. Everything from documents is escaped in HTML.
"""

from __future__ import annotations

import html
from pathlib import Path

from rich.console import Console
from rich.table import Table

from cancu.output import csv_text, write_sheet
from graph.impact import Impact, UnitReport
from graph.paths import Step

_WORDS = {
    "title": {"vi": "Phân tích tác động", "en": "Impact analysis"},
    "change": {"vi": "Thay đổi", "en": "Change"},
    "changes": {
        "vi": {"amended": "sửa đổi, bổ sung", "replaced": "thay thế", "repealed": "bãi bỏ",
               "deadline": "điều chỉnh thời hạn", "reorganised": "sắp xếp đơn vị hành chính"},
        "en": {"amended": "amended", "replaced": "replaced", "repealed": "repealed",
               "deadline": "deadline moved", "reorganised": "reorganised"},
    },
    "levels": {
        "vi": {"central": "Trung ương", "province": "Cấp tỉnh", "district": "Cấp huyện", "commune": "Cấp xã", None: "Chưa rõ cấp"},
        "en": {"central": "Central", "province": "Province", "district": "District", "commune": "Commune", None: "Level unknown"},
    },
    "summary": {
        "vi": "{d} văn bản, {t} nhiệm vụ, {u} đơn vị chịu tác động",
        "en": "{d} document(s), {t} task(s), {u} unit(s) touched",
    },
    "documents": {"vi": "Văn bản chịu tác động", "en": "Documents touched"},
    "units": {"vi": "Đơn vị phải thực hiện", "en": "Units that must act"},
    "nothing": {"vi": "Không có văn bản, nhiệm vụ hay đơn vị nào ở cấp dưới chịu tác động.",
                "en": "Nothing downstream is touched."},
    "col_level": {"vi": "Cấp", "en": "Level"},
    "col_unit": {"vi": "Đơn vị", "en": "Unit"},
    "col_action": {"vi": "Việc phải làm", "en": "Action"},
    "col_task": {"vi": "Nhiệm vụ", "en": "Task"},
    "col_document": {"vi": "Văn bản", "en": "Document"},
    "col_deadline": {"vi": "Thời hạn", "en": "Deadline"},
    "col_status": {"vi": "Tình trạng thời hạn", "en": "Deadline status"},
    "col_distance": {"vi": "Khoảng cách", "en": "Distance"},
    "col_method": {"vi": "Phương pháp", "en": "Method"},
    "col_path": {"vi": "Đường liên kết", "en": "Path"},
    "col_issuer": {"vi": "Cơ quan ban hành", "en": "Issuer"},
    "statuses": {
        "vi": {"passed": "đã qua", "open": "còn hiệu lực", "later_than_new": "muộn hơn thời hạn mới"},
        "en": {"passed": "passed", "open": "still open", "later_than_new": "later than the new deadline"},
    },
    "relations": {
        "vi": {"implements": "được thực hiện bởi", "basedOn": "là căn cứ của", "cites": "được dẫn chiếu bởi",
               "hasTask": "có nhiệm vụ", "derivedFrom": "được triển khai bởi", "leadUnit": "chủ trì",
               "cooperatingUnit": "phối hợp", "assignedTo": "giao cho", "inDocument": "thuộc văn bản",
               "issuedBy": "ban hành bởi", "issuedBy^": "ban hành", "assignedTo^": "được giao",
               "jurisdiction": "địa bàn của", "partOf": "gồm"},
        "en": {"implements": "implemented by", "basedOn": "basis of", "cites": "cited by",
               "hasTask": "has task", "derivedFrom": "carried out by", "leadUnit": "led by",
               "cooperatingUnit": "with", "assignedTo": "assigned to", "inDocument": "in document",
               "issuedBy": "issued by", "issuedBy^": "issued", "assignedTo^": "is assigned",
               "jurisdiction": "territory of", "partOf": "includes"},
    },
}


def word(key: str, lang: str) -> str:
    return _WORDS[key][lang]


def path_text(path: list[Step], lang: str = "vi") -> str:
    """ "6830/QĐ-UBND —được thực hiện bởi [stated]→ 41/KH-UBND —có nhiệm vụ [stated]→ …" """
    relations = _WORDS["relations"][lang]
    parts = []
    for step in path:
        name = step.property.rsplit("#", 1)[-1]
        # Walked backwards from a unit, these read the other way round: "UBND … issued 41/KH-UBND".
        if step.inverse and name in ("issuedBy", "assignedTo"):
            name += "^"
        relation = relations.get(name, name)
        parts.append(f"—{relation} [{step.method or '?'}]→ {step.target_label or step.target.rsplit('/', 1)[-1]}")
    return " ".join(parts)


def headline(result: Impact, lang: str = "vi") -> str:
    change = _WORDS["changes"][lang][result.change]
    extra = ""
    if result.by:
        extra = f" → {result.by}"
    if result.to:
        extra = f" → {result.to.isoformat()}"
    name = result.changed.name
    name = name if len(name) <= 100 else name[:99] + "…"
    return f"{word('title', lang)}: {name} ({change}{extra})"


def summary(result: Impact, lang: str = "vi") -> str:
    return word("summary", lang).format(d=len(result.documents), t=len(result.tasks), u=len(result.units))


def by_level(result: Impact) -> list[tuple[str | None, list[UnitReport]]]:
    """Units grouped by level, central first (the order `impact` sorted them in)."""
    groups: dict[str | None, list[UnitReport]] = {}
    for report in result.units:
        groups.setdefault(report.touched.node.level, []).append(report)
    return list(groups.items())


def rows(result: Impact, lang: str = "vi") -> list[dict[str, object]]:
    """One row per unit and task (a unit with only a plan to revise has one row): for spreadsheets."""
    levels, statuses = _WORDS["levels"][lang], _WORDS["statuses"][lang]
    tasks = {t.node.iri: t for t in result.tasks}
    numbers = {t.node.iri: t.node.name for t in result.documents}
    out = []
    for report in result.units:
        unit = report.touched.node
        actions = "\n".join(a[lang] for a in report.actions)
        base = {"level": levels.get(unit.level, unit.level), "unit": unit.name, "action": actions}
        for task_iri in report.tasks or [None]:
            touched = tasks.get(task_iri) if task_iri else None
            node = touched.node if touched else None
            path = touched.path if touched else report.touched.path
            out.append({
                **base,
                "task": node.name if node else "",
                "document": numbers.get(node.document, "") if node else ", ".join(numbers.get(d, d) for d in report.documents),
                "deadline": (node.deadline or "") if node else "",
                "status": statuses.get(result.deadline_status.get(task_iri), "") if task_iri else "",
                "distance": len(path),
                "method": touched.method if touched else report.touched.method,
                "path": path_text(path, lang),
            })
    return out


_COLUMNS = ("level", "unit", "action", "task", "document", "deadline", "status", "distance", "method", "path")


def print_report(result: Impact, console: Console, lang: str = "vi") -> None:
    console.print(f"[bold]{headline(result, lang)}[/bold]", highlight=False)
    console.print(summary(result, lang), highlight=False)
    if not (result.documents or result.tasks or result.units):
        console.print(word("nothing", lang))
        return
    docs = Table(title=word("documents", lang), show_lines=False)
    for key in ("col_document", "col_issuer", "col_level", "col_method", "col_path"):
        docs.add_column(word(key, lang))
    levels = _WORDS["levels"][lang]
    for t in result.documents:
        docs.add_row(t.node.name, t.node.issuer or "", levels.get(t.node.level, ""), t.method, path_text(t.path, lang))
    console.print(docs)
    units = Table(title=word("units", lang), show_lines=True)
    for key in ("col_level", "col_unit", "col_action", "col_deadline"):
        units.add_column(word(key, lang))
    tasks = {t.node.iri: t.node for t in result.tasks}
    for level, reports in by_level(result):
        for report in reports:
            deadlines = sorted({tasks[t].deadline for t in report.tasks if t in tasks and tasks[t].deadline})
            units.add_row(levels.get(level, level or ""), report.touched.node.name,
                          "\n".join(a[lang] for a in report.actions), ", ".join(deadlines))
    console.print(units)


def markdown(result: Impact, lang: str = "vi") -> str:
    levels = _WORDS["levels"][lang]
    lines = [f"# {headline(result, lang)}", "", summary(result, lang), ""]
    if result.documents:
        lines += [f"## {word('documents', lang)}", ""]
        for t in result.documents:
            lines.append(f"- **{_md(t.node.name)}** ({_md(t.node.issuer or '')}; {t.method}): {_md(path_text(t.path, lang))}")
        lines.append("")
    tasks = {t.node.iri: t.node for t in result.tasks}
    for level, reports in by_level(result):
        lines += [f"## {levels.get(level, level)}", ""]
        for report in reports:
            lines.append(f"### {_md(report.touched.node.name)}")
            lines += [f"- {_md(a[lang])}" for a in report.actions]
            for task in report.tasks:
                node = tasks.get(task)
                if node:
                    deadline = f" — {word('col_deadline', lang).lower()} {node.deadline}" if node.deadline else ""
                    lines.append(f"  - {_md(node.name[:160])}{deadline}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")


def html_page(result: Impact, lang: str = "vi") -> str:
    esc = html.escape
    table_rows = rows(result, lang)
    head = "".join(f"<th>{esc(word('col_' + c, lang))}</th>" for c in _COLUMNS)
    body = "".join("<tr>" + "".join(f"<td>{esc(str(r[c]))}</td>" for c in _COLUMNS) + "</tr>" for r in table_rows)
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{esc(headline(result, lang))}</title>
<style>body{{font-family:system-ui,sans-serif;margin:1.5em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #bbb;padding:4px 6px;vertical-align:top;white-space:pre-wrap}}th{{background:#eef}}</style>
</head><body>
<h1>{esc(headline(result, lang))}</h1>
<p>{esc(summary(result, lang))}</p>
<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>
</body></html>
"""


def csv_report(result: Impact, lang: str = "vi") -> str:
    """The rows of the spreadsheet as CSV, for tools that read CSV."""
    return csv_text(rows(result, lang), list(_COLUMNS), [word("col_" + c, lang) for c in _COLUMNS])


def write_xlsx(result: Impact, path: Path, lang: str = "vi") -> int:
    """One row per unit and task, readable headings; returns the number of rows."""
    data = rows(result, lang)
    write_sheet(data, list(_COLUMNS), [word("col_" + c, lang) for c in _COLUMNS], path, title=word("title", lang))
    return len(data)
