"""The "Nơi nhận" list: who receives the document.

Entries are kept as written (abbreviations and all), without the trailing ";"
and without purpose notes such as "(b/c)", "(Để chỉ đạo)", "(p/h t/h)". The
archive line "Lưu: VT, …" is a filing note, not a recipient.

>>> from ingest.segment import segment
>>> recipients(segment("Nơi nhận:\\n- UBND TP HN;\\n- Các PCT UBND quận; (Để chỉ đạo)\\n- Lưu: VT, NV."))
['UBND TP HN', 'Các PCT UBND quận']
"""

from __future__ import annotations

import re

from ingest import cues
from ingest.fold import cue_regex, fold
from ingest.segment import Paragraph

# Purpose notes in parentheses, and the closing leftovers OCR leaves: "(t/h); )".
_NOTES = re.compile(r"\s*\([^()]*\)?\s*[;,.]?\s*\)?\s*$")


def recipients(paragraphs: list[Paragraph]) -> list[str]:
    """The entries of the document's "Nơi nhận" list (a decision's, before its appendix)."""
    start = _list_start(paragraphs)
    if start is None:
        return []
    block = [re.sub(r"^[^:]*:", "", paragraphs[start].text, count=1) if ":" in paragraphs[start].text else ""]
    for p in paragraphs[start + 1:]:
        if p.kind == "dash":
            block.append("- " + p.text)
        elif p.kind == "text" and p.text.lstrip().startswith("-"):
            block.append(p.text)
        else:
            break
    out: list[str] = []
    archive = cue_regex(cues.ARCHIVE_CUES, at_start=True)
    for item in _entries("\n".join(block)):
        if archive.match(fold(item)):
            break
        entry = clean_entry(item)
        if entry:
            out.append(entry)
    return out


def _list_start(paragraphs: list[Paragraph]) -> int | None:
    heading = cue_regex(cues.RECIPIENTS_CUES, at_start=True)
    found = [i for i, p in enumerate(paragraphs) if heading.match(p.folded)]
    with_colon = [i for i in found if re.match(r"\s*\S+\s+\S+\s*:", paragraphs[i].folded)]
    return (with_colon or found or [None])[0]


def _entries(block: str) -> list[str]:
    """Entries of a list whose lines may be wrapped ("- TT Huyện ủy, TT HĐND\nhuyện; - …")."""
    joined = re.sub(r"\n(?!\s*[-–•+])", " ", block)
    return [e for e in re.split(r"(?:^|\n|;)\s*[-–•+]\s+", joined) if e.strip(" ;")]


def clean_entry(item: str) -> str:
    """One entry without its dash, purpose note and punctuation.

    >>> clean_entry("- Céc don vi, b6 phan, CB, CC phuong (t/h); )")
    'Céc don vi, b6 phan, CB, CC phuong'
    """
    entry = item.strip().lstrip("-–•+ ").strip()
    previous = None
    while previous != entry:
        previous = entry
        entry = _NOTES.sub("", entry).strip().rstrip(";,.").strip()
    return entry[:1].upper() + entry[1:] if entry else entry
