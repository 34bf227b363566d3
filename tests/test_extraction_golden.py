"""Golden tests: each annotated document against its extraction, field by field.

Two corpora: the five sample plans (cancu/samples, gold in tests/data/gold) and
ten documents of other kinds written for these tests (tests/data/genre: a
decision with an appendix, a table of tasks, a directive, Party and Front
documents, a commune plan, a wrapped crawl, text without diacritics, footnotes,
a department's plan). The floors are what the extraction reaches today; a
change that lowers one fails here, with the differences printed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.extract import extract
from tests.scoring import match_tasks, same_field, score_recipients, score_references

SAMPLES = Path(__file__).parent.parent / "cancu" / "samples"
GOLD = Path(__file__).parent / "data" / "gold"
GENRE = Path(__file__).parent / "data" / "genre"
# (gold file, folder of the document)
DOCUMENTS = [(p, SAMPLES) for p in sorted(GOLD.glob("*.json"))] + [(p, GENRE) for p in sorted(GENRE.glob("*.json"))]
DOC_FIELDS = ("number", "doc_type", "issuer", "issuer_level", "date", "year_in_scope", "signer")

# Minimum F1 per document and list (1.0 = every item found, nothing extra).
FLOORS = {
    "basis": 0.9,
    "citations": 0.75,
    "tasks": 0.7,
    "recipients": 0.85,
}


@pytest.fixture(scope="module", params=DOCUMENTS, ids=[p.stem for p, _ in DOCUMENTS])
def case(request):
    gold_path, folder = request.param
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    predicted = extract(folder / gold["file"]).to_json()
    return gold, predicted, folder


def test_document_fields(case):
    """Number, type, issuer, level, date, year and signer equal the gold's (as the scorer folds them)."""
    gold, predicted, _ = case
    wrong = {
        name: (gold["document"][name], predicted["document"].get(name))
        for name in DOC_FIELDS
        if not same_field(name, gold["document"][name], predicted["document"].get(name))
    }
    assert not wrong, f"{gold['file']}: document fields differ (gold, got): {wrong}"


@pytest.mark.parametrize("name", ["basis", "citations"])
def test_references(case, name):
    gold, predicted, _ = case
    score = score_references(gold[name], predicted[name])
    assert score.f1 >= FLOORS[name], (
        f"{gold['file']} {name}: F1 {score.f1:.2f} < {FLOORS[name]}; missed {score.misses}; extra {score.extras}"
    )


def test_tasks(case):
    gold, predicted, _ = case
    score, pairs = match_tasks(gold["tasks"], predicted["tasks"])
    assert score.f1 >= FLOORS["tasks"], (
        f"{gold['file']} tasks: F1 {score.f1:.2f}; missed {score.misses}; extra {score.extras}"
    )


def test_task_attributes(case):
    """Role, deadline and recurrence of the matched tasks: at least 80% right per document."""
    gold, predicted, _ = case
    _score, pairs = match_tasks(gold["tasks"], predicted["tasks"])
    wrong = []
    checked = 0
    for g, p in pairs:
        for name in ("role", "deadline", "recurrence"):
            checked += 1
            if str(g.get(name) or "none") != str(p.get(name) or "none"):
                wrong.append(f"{g['section']} {name}: gold {g.get(name)!r}, got {p.get(name)!r}")
    assert len(wrong) <= 0.2 * max(checked, 1), "\n".join(wrong)


def test_recipients(case):
    gold, predicted, _ = case
    score = score_recipients(gold["recipients"], predicted["recipients"])
    assert score.f1 >= FLOORS["recipients"], (
        f"{gold['file']} recipients: F1 {score.f1:.2f}; missed {score.misses}; extra {score.extras}"
    )


def test_spans_quote_the_source(case):
    gold, predicted, folder = case
    text = (folder / gold["file"]).read_text(encoding="utf-8")
    for name in ("basis", "citations", "tasks"):
        for item in predicted[name]:
            start, end = item["span"]
            assert text[start:end] == item["quote"], f"{name}: span {item['span']} is not the quote {item['quote']!r}"
