"""The named query library (queries/*.rq), as legal staff run it every week.

Every query opens with its name, its purpose in Vietnamese and English and one
line per parameter with an example; parameters are bound as variables (so they
must be projected: pyoxigraph binds only projected variables), never pasted
into the text; and every query, run with its examples on the sample plans,
the linking fixtures and the genre documents, returns rows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

import queries
from ontology import CC

# Their data is written by ingest/classify.py once graph/build.py adds cc:reformArea and
# cc:indicator to each task; until then they are only checked to parse and run.

DATA = Path(__file__).parent / "data"
ALL = queries.names()
ID = "https://w3id.org/cancu/id/"


@pytest.fixture(scope="module")
def store(tmp_path_factory, sample_files):
    """The sample plans, the linking fixtures and the genre documents, ingested the way `cancu ingest` does."""
    from graph.pipeline import ingest_files
    from graph.store import GraphStore

    paths = [*sample_files, *sorted((DATA / "linking").glob("*.txt")), *sorted((DATA / "genre").glob("*.txt"))]
    graph_store = GraphStore(tmp_path_factory.mktemp("queries"))
    results = ingest_files(graph_store, paths)
    assert [r.error for r in results if r.status == "refused"] == []
    return graph_store


def _body(text: str) -> str:
    """The query without its comment lines."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _projection(text: str) -> list[str]:
    """The projected variables, as the engine reads them (on an empty store)."""
    return [v.value for v in ox.Store().query(text).variables]


def test_there_is_a_library():
    assert len(ALL) >= 15
    assert len(set(ALL)) == len(ALL)


@pytest.mark.parametrize("name", ALL)
def test_each_query_opens_with_its_header(name):
    q = queries.get(name)
    first = q.text.splitlines()[0]
    assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", name), "query names are snake_case"
    assert first == f"# name: {name}", "the first line names the query as its file does"
    assert q.description_vi and q.description_en
    # Vietnamese means Vietnamese: at least one letter with a diacritic.
    assert re.search(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", q.description_vi.lower())
    for p in q.parameters:
        assert p.description and p.example, f"parameter {p.name} needs a description and an example"
    declared = re.findall(r"^#\s*param\s+(\w+)", q.text, flags=re.M)
    assert declared == [p.name for p in q.parameters], "every '# param' line must parse as NAME: description | example"


@pytest.mark.parametrize("name", ALL)
def test_each_parameter_is_projected_and_used(name):
    q = queries.get(name)
    projected = _projection(q.text)
    body = _body(q.text)
    where = body[body.index("WHERE") :] if "WHERE" in body else body
    for p in q.parameters:
        assert p.name in projected, f"?{p.name} must be in the SELECT, or pyoxigraph will not bind it"
        assert re.search(rf"\?{p.name}\b", where), f"?{p.name} is never used in the WHERE clause"


@pytest.mark.parametrize("name", ALL)
def test_no_parameter_value_is_pasted_into_the_text(name):
    q = queries.get(name)
    body = _body(q.text)
    assert ID not in body, "an IRI of the data is written into the query: bind it as a parameter"
    for literal in re.findall(r'"((?:[^"\\]|\\.)*)"', body):
        assert not re.fullmatch(r"\d{4}(-\d{2}-\d{2})?", literal), f"a date or year is pasted: {literal!r}"
        assert not literal.startswith(("http://", "https://")), f"an IRI is pasted as a string: {literal!r}"
    for p in q.parameters:
        assert p.example not in body, f"the example of ?{p.name} is pasted into the query"
        if p.example.startswith(str(CC)):
            local = p.example[len(str(CC)) :]
            assert not re.search(rf"\bcc:{re.escape(local)}\b", body), f"cc:{local} (the example of ?{p.name}) is pasted"


@pytest.mark.parametrize("name", ALL)
def test_each_query_returns_rows_with_its_examples(store, name):
    q = queries.get(name)
    columns, rows = store.table(q.text, queries.bindings(q, {}))
    assert [p.name for p in q.parameters if p.name not in columns] == []
    assert rows, f"{name} returns no rows with its example parameters"
    for p in q.parameters:
        assert {str(r[p.name]) for r in rows} == {p.example}, f"?{p.name} is bound to its example in every row"


def test_a_unit_is_found_by_its_iri_or_by_words_without_diacritics(store):
    q = queries.get("tasks_of_unit")
    by_name = store.select(q.text, queries.bindings(q, {"unit": "PHONG noi vu quan tay ho"}))
    iri = "https://w3id.org/cancu/id/agency/003/phong-noi-vu-quan-tay-ho"
    by_iri = store.select(q.text, queries.bindings(q, {"unit": iri}))
    assert by_name and {r["agency"] for r in by_name} == {iri}
    assert {r["task"] for r in by_name} == {r["task"] for r in by_iri}
    roles = {r["role"] for r in by_iri}
    assert {str(CC.lead), str(CC.cooperate)} <= roles
    # A ward is assigned through the group "UBND các phường".
    ward = store.select(q.text, queries.bindings(q, {"unit": "https://w3id.org/cancu/id/agency/00109/ubnd-phuong-buoi"}))
    assert ward and all(r["via"] for r in ward)
    assert store.select(q.text, queries.bindings(q, {"unit": "   "})) == []


def test_a_task_is_traced_up_to_the_central_mandate_with_each_step_evidenced(store):
    q = queries.get("task_trace")
    rows = store.select(q.text, queries.bindings(q, {"task": ID + "act/ubnd-phuong-buoi/5-kh-ubnd/task/1"}))
    numbers = [r["number"] for r in rows]
    assert numbers[0] == "5/KH-UBND" and numbers[-1] == "76/NQ-CP"
    assert {"10/KH-UBND", "6830/QĐ-UBND"} <= set(numbers)
    last = rows[-1]
    assert last["method"] == str(CC.curated) and last["level"] == str(CC.central)
    district = next(r for r in rows if r["number"] == "10/KH-UBND")
    assert district["method"] == str(CC.stated) and district["quote"] and district["higher"].endswith("10-kh-ubnd/task/1")


def test_the_mandate_tree_reaches_the_ward_plans(store):
    q = queries.get("mandate_tree")
    rows = store.select(q.text, queries.bindings(q, {}))
    wards = {r["number"] for r in rows if r["level"] == str(CC.commune)}
    assert {"5/KH-UBND", "7/KH-UBND", "41/KH-UBND"} <= wards
    assert all(r["task"] for r in rows if r["number"] == "5/KH-UBND")


def test_wards_without_a_plan_and_tasks_nobody_carried_out(store):
    missing = store.select(queries.get("missing_plans").text)
    tay_ho = {r["memberName"] for r in missing if r["number"] == "10/KH-UBND"}
    assert "UBND phường Phú Thượng" in tay_ho
    assert not tay_ho & {"UBND phường Bưởi", "UBND phường Nhật Tân"}, "these wards issued their plans"
    gaps = {r["task"] for r in store.select(queries.get("coverage_gaps").text)}
    assert not any(t.endswith("/10-kh-ubnd/task/1") for t in gaps), "the wards' plans carry this task out"
    assert any(t.endswith("/ke-hoach-9c63d39782/task/1") for t in gaps)


def test_reporting_duties_say_whom_they_report_to(store):
    rows = store.select(queries.get("reporting_duties").text)
    to = {r["reportsTo"] for r in rows}
    assert {"Ban Thường vụ Huyện ủy", "UBND quận", "UBND tỉnh"} <= to
    assert all(r["recurrence"] != str(CC.noRecurrence) or r["role"] == str(CC.report) for r in rows)


def test_overdue_tasks_count_the_days(store):
    q = queries.get("overdue_tasks")
    rows = store.select(q.text, queries.bindings(q, {"asOf": "2025-03-16"}))
    tay_ho = next(r for r in rows if r["task"].endswith("/10-kh-ubnd/task/1"))
    assert tay_ho["deadline"] == "2025-03-15" and tay_ho["daysLate"] == 1
    assert all(r["deadline"] < "2025-03-16" for r in rows)


def test_uningested_acts_are_ranked_by_citations(store):
    rows = store.select(queries.get("uningested_acts").text)
    cited = [r["cited"] for r in rows]
    assert cited == sorted(cited, reverse=True) and cited[0] > 1


def test_tasks_are_classified_by_reform_area_and_indicator(store):
    """The build writes cc:reformArea and cc:indicator from ingest/classify.py's tables."""
    for name in ("tasks_by_reform_area", "tasks_by_indicator", "reform_area_summary"):
        q = queries.get(name)
        assert store.select(q.text, queries.bindings(q, {})), f"{name} finds no classified task"
