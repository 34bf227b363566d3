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
    """The entries of the last "Nơi nhận" list of the document."""
    heading = cue_regex(cues.RECIPIENTS_CUES, at_start=True)
    archive = cue_regex(cues.ARCHIVE_CUES, at_start=True)
    start = None
    for i, p in enumerate(paragraphs):
        if heading.match(p.folded):
            start = i
    if start is None:
        return []
    out: list[str] = []
    first = paragraphs[start]
    inline = re.sub(r"^[^:]*:\s*", "", first.text) if ":" in first.text else ""
    items = [inline] if inline.strip(" -") else []
    for p in paragraphs[start + 1:]:
        if archive.match(p.folded.lstrip(" -")) or p.kind not in ("dash", "text"):
            break
        if p.kind == "text" and not p.text.lstrip().startswith("-"):
            break
        items.extend(p.text.splitlines())
    for item in items:
        entry = clean_entry(item)
        if entry and not archive.match(fold(entry)):
            out.append(entry)
    return out


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
