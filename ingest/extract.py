"""The extraction pipeline: read → segment → header → references → tasks → recipients.

`extract(path)` is what `cancu extract` prints and what `cancu ingest` stores.

>>> e = extract_text("Số: 5/KH-UBND\\nKẾ HOẠCH\\nThực hiện Kế hoạch số 2/KH-UBND ngày 01/02/2024 của UBND quận.", "x.txt")
>>> e.document.number, [b.number for b in e.basis]
('5/KH-UBND', ['2/KH-UBND'])
"""

from __future__ import annotations

import re
from pathlib import Path

from ingest.document import read_header
from ingest.fold import fold, letters_as_printed
from ingest.model import Extraction
from ingest.normalise import Text, normalise
from ingest.readers import limits, read
from ingest.recipients import recipients
from ingest.references import basis_and_citations
from ingest.restore import restore, restore_name
from ingest.tasks import duty_sections, extract_tasks
from ingest.outline import build as build_outline

# Below this share of words with a diacritic, the text has lost them (clean text: ~0.5).
LOST_DIACRITICS = 0.25


def extract(path: str | Path) -> Extraction:
    """Everything cancu reads from one file; how it was read comes first among the warnings."""
    path = Path(path)
    result = read(path)
    extraction = extract_text(result.text, path.name)
    extraction.warnings[:0] = result.warnings
    _refuse_a_collection(path, extraction)
    return extraction


def _refuse_a_collection(path: Path, extraction: Extraction) -> None:
    """A text that reads as thousands of duties or references is no single document."""
    references = len(extraction.basis) + len(extraction.citations)
    for count, limit, what in ((len(extraction.tasks), limits.MAX_DUTIES, "duties"),
                               (references, limits.MAX_REFERENCES, "references to other documents")):
        limits.refuse_over(path, count, limit, f"reads as {count:,} {what} (cancu stores up to {limit:,} a document; "
                           "a long plan has a few hundred): is it a whole collection? split it into its documents")


def extract_text(source: str, file: str) -> Extraction:
    """Everything cancu reads from a text as read (spans and quotes index `source`)."""
    clean = normalise(source)
    with letters_as_printed(diacritics_ratio(clean.text) >= LOST_DIACRITICS):
        extraction = _extract_clean(clean, file)
    _to_source(extraction, clean)
    extraction.warnings = list(clean.warnings) + extraction.warnings
    return extraction


def _to_source(extraction: Extraction, clean: Text) -> None:
    """Spans found on the normalised text become spans of the text as read, quotes its slices."""
    for item in [*extraction.basis, *extraction.citations, *extraction.tasks]:
        item.span = clean.source_span(*item.span)
        item.quote = clean.source[item.span[0]:item.span[1]]
    extraction.source_text = clean.source


def _extract_clean(clean: Text, file: str) -> Extraction:
    text, metadata = clean.text, clean.metadata
    tree = build_outline(text, clean.folded)
    paragraphs = list(tree.paragraphs)
    header = read_header(text, paragraphs, metadata)
    # The body runs to the end: a decision's appendix (its plan) follows its "Nơi nhận".
    body = (header.body_start, len(text))
    basis, citations = basis_and_citations(text, header.preamble, body, header.context)
    tasks = extract_tasks(tree.root)
    extraction = Extraction(
        file=file,
        document=header.info,
        basis=basis,
        citations=citations,
        tasks=tasks,
        recipients=recipients(paragraphs),
        warnings=_warnings(text, tree.root, header.info.number, header.info.date, tasks),
        source_text=text,
    )
    if diacritics_ratio(text) < LOST_DIACRITICS:
        restore_names(extraction)
    return extraction


def restore_names(extraction: Extraction) -> None:
    """Names carry their diacritics even when the source lost them (quotes keep the text as read)."""
    info = extraction.document
    info.title = restore(info.title)
    info.signer = restore_name(info.signer)
    for task in extraction.tasks:
        task.unit = restore(task.unit) or task.unit
        task.cooperating_units = [restore(u) or u for u in task.cooperating_units]
    extraction.recipients = [restore(r) or r for r in extraction.recipients]


def diacritics_ratio(text: str) -> float:
    """Share of words carrying a Vietnamese diacritic: ~0.5 in clean text, ~0.1 after bad OCR."""
    words = re.findall(r"[^\W\d_]{2,}", text)
    if not words:
        return 0.0
    marked = sum(1 for w in words if fold(w) != w.lower())
    return marked / len(words)


def _warnings(text: str, tree, number, date, tasks) -> list[str]:
    out: list[str] = []
    if diacritics_ratio(text) < LOST_DIACRITICS:
        out.append(
            "The text has lost most of its diacritics (OCR or typed without accents): "
            "names are restored where cancu recognises them; quotes keep the text as read."
        )
    if number is None:
        out.append("The document number is blank or missing (\"Số: /…\"): number is null.")
    if date is None:
        out.append("The date of the document is blank or missing: date is null.")
    if "[...]" in text or "[…]" in text:
        out.append("The text is truncated ('[...]'): only the visible part is extracted.")
    if not tasks and not any(duty_sections(part) for part in [tree, *(c for c in tree.children if c.kind == "appendix")]):
        out.append("No section that assigns duties to units was found: no tasks are extracted.")
    elif not tasks:
        out.append("A section that assigns duties was found but no duty could be read in it.")
    return out
