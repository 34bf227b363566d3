"""Golden tests on real documents: the development set of ../shared (twelve plans, directives and
decisions of nine provinces, annotated by hand), scored per document by the project's official
scorer (../shared/tools/score_extraction.py), with what was missed printed.

The floors are below what the extraction reaches today, so that a change that drops a document
fails here (bench/extraction.py prints the figures themselves). Without ../shared the tests are
skipped, except under CI, which must have it.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

from ingest.extract import extract

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
GOLD = SHARED / "gold" / "dev"
DOCS = SHARED / "corpus" / "dev"
DOC_FIELDS = ("number", "doc_type", "issuer", "issuer_level", "date", "year_in_scope", "signer")
# Minimum F1 per document and list, and document fields right out of seven.
FLOORS = {"basis": 0.9, "citations": 0.85, "tasks": 0.85, "recipients": 0.9}
FIELDS_FLOOR = 6


def gold_files() -> list:
    if not GOLD.is_dir():
        if os.environ.get("CI") == "true":
            raise AssertionError(f"{GOLD} is missing: CI runs with ../shared beside the repository")
        return [pytest.param(None, marks=pytest.mark.skip(reason="../shared is absent"))]
    return sorted(GOLD.glob("*.json"))


def scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", SHARED / "tools" / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module", params=gold_files(), ids=lambda p: p.stem[:3] if p else "none")
def case(request):
    gold = json.loads(request.param.read_text(encoding="utf-8"))
    return gold, extract(DOCS / gold["file"]).to_json(), scorer()


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_lists_reach_their_floor(case, name):
    gold, predicted, sc = case
    g, p = gold.get(name) or [], predicted.get(name) or []
    if name == "tasks":
        tp, n_pred, n_gold, misses, _attrs = sc.match_tasks(g, p)
    elif name == "recipients":
        tp, n_pred, n_gold, misses = sc.match_recipients(g, p)
    else:
        tp, n_pred, n_gold, misses = sc.match_refs(g, p)
    f1 = sc.prf(tp, n_pred, n_gold)[2]
    assert f1 >= FLOORS[name], f"{gold['file']} {name}: F1 {f1:.2f} ({tp}/{n_gold} gold, {n_pred} predicted); missed {misses}"


def test_document_fields(case):
    gold, predicted, sc = case
    doc = predicted["document"]
    wrong = {}
    for name in DOC_FIELDS:
        want, got = gold["document"][name], doc.get(name)
        same = sc.number_key(want) == sc.number_key(got) if name == "number" else sc.fold(want) == sc.fold(got)
        if not same:
            wrong[name] = (want, got)
    assert len(DOC_FIELDS) - len(wrong) >= FIELDS_FLOOR, f"{gold['file']}: fields differ (gold, got): {wrong}"
