"""Cells no spreadsheet evaluates: the one rule every CSV and spreadsheet cancu writes goes through.

Document text that opens like a formula ("=HYPERLINK(…)", "+cmd|…", "@SUM(1)") is written
as text with a leading apostrophe, the way OWASP's "CSV Injection" page says: in the
command line's CSV and XLSX exports (cancu/output.py) and in the CSV answers of the SPARQL
endpoint (graph/serve.py), which a spreadsheet's web query may open.
"""

from __future__ import annotations

import csv
import io
import re

# A spreadsheet evaluates a cell that opens with one of these, also after white space;
# Excel reads the full-width forms as the ASCII ones.
FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
# Tab and carriage return at the very start make some spreadsheets read what follows as a formula.
CONTROL_STARTS = frozenset("\t\r")
# Passed over before the first character is judged: white space, control characters, invisible marks.
_LEADING_BLANKS = re.compile(r"[\s\x00-\x1f\u200b-\u200d\u2060\ufeff]*")
# A string that is only a signed number ("-5", "+2.5") is read as that number, never as a formula.
_NUMERAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
def spreadsheet_safe(value):
    """`value` as a cell no spreadsheet evaluates: a string that opens like a formula gains a leading "'".

    Numbers, dates written as "2025-06-30" and ordinary text are returned unchanged.

    >>> spreadsheet_safe("=1+1"), spreadsheet_safe("  @SUM(1)")
    ("'=1+1", "'  @SUM(1)")
    >>> spreadsheet_safe("-2"), spreadsheet_safe(-2), spreadsheet_safe("-2+3")
    ('-2', -2, "'-2+3")
    """
    if not isinstance(value, str):
        return value
    first = value[_LEADING_BLANKS.match(value).end():][:1]
    opens_like_formula = first in FORMULA_STARTS and not _NUMERAL.fullmatch(value)
    return "'" + value if opens_like_formula or value[:1] in CONTROL_STARTS else value




def safe_csv(data: bytes) -> bytes:
    """A CSV text (UTF-8, as SPARQL 1.1 writes its CSV results) with every cell made safe."""
    rows = csv.reader(io.StringIO(data.decode("utf-8", errors="replace"), newline=""))
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return out.getvalue().encode("utf-8")
