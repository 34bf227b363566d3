"""One graph across levels: agencies, territories, plural addressees and inferred task links."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cancu.cli import app
from graph.pipeline import ingest_files
from graph.store import GraphStore

LINKING = Path(__file__).parent / "data" / "linking"
CC = "PREFIX cc: <https://w3id.org/cancu/ont#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
TAY_HO_WARDS = {"Bưởi", "Nhật Tân", "Phú Thượng", "Quảng An", "Thụy Khuê", "Tứ Liên", "Xuân La", "Yên Phụ"}
runner = CliRunner()


def test_one_node_per_act_however_cited(demo_store):
    for number in ("76/NQ-CP", "6830/QĐ-UBND"):
        rows = demo_store.select(CC + "SELECT DISTINCT ?act ?n WHERE { ?act cc:number ?n }", {"n": number})
        assert len(rows) == 1, (number, rows)


def test_the_ward_plan_reaches_the_city_through_its_territory(demo_store):
    rows = demo_store.select(
        CC + "SELECT DISTINCT ?n ?name WHERE { ?d cc:number ?n ; cc:issuedBy/cc:jurisdiction/cc:partOf+ ?u . ?u rdfs:label ?name }",
        {"n": "41/KH-UBND"},
    )
    assert {r["name"] for r in rows} == {"quận Hà Đông", "thành phố Hà Nội"}


def test_a_task_for_the_wards_is_assigned_to_each_ward_committee(demo_store):
    rows = demo_store.select(
        CC + """SELECT DISTINCT ?unit ?name ?method WHERE {
          ?t cc:unitName ?unit ; cc:assignedTo ?a ; cc:qualifiedLink ?e .
          ?e cc:target ?a ; cc:method ?method .
          ?a cc:jurisdiction ?w . ?w rdfs:label ?name ; cc:level cc:commune .
        }""",
        {"unit": "UBND các phường"},
    )
    assert {r["name"].removeprefix("phường ") for r in rows} == TAY_HO_WARDS
    assert {r["method"].rsplit("#")[-1] for r in rows} == {"inferred"}


def test_offices_are_named_and_placed_in_the_issuers_context(demo_store):
    rows = demo_store.select(
        CC + """SELECT ?unit ?name ?parent ?territory WHERE {
          ?t cc:unitName ?unit ; cc:assignedTo ?a . ?a rdfs:label ?name ;
             cc:jurisdiction/rdfs:label ?territory ; <http://www.w3.org/ns/org#subOrganizationOf>/rdfs:label ?parent }""",
        {"unit": "Phòng Nội vụ"},
    )
    assert ("Phòng Nội vụ quận Tây Hồ", "UBND quận Tây Hồ", "quận Tây Hồ") in {
        (r["name"], r["parent"], r["territory"]) for r in rows
    }


@pytest.fixture()
def linking_store(tmp_path):
    store = GraphStore(tmp_path / "store")
    ingest_files(store, sorted(LINKING.glob("*.txt")))
    return store


def _derivations(store) -> dict[tuple[str, str], float]:
    rows = store.select(
        CC + """SELECT ?task ?higher ?confidence ?method WHERE {
          ?task cc:derivedFrom ?higher ; cc:qualifiedLink ?e .
          ?e cc:property cc:derivedFrom ; cc:target ?higher ; cc:method ?method ; cc:confidence ?confidence }"""
    )
    assert {r["method"].rsplit("#")[-1] for r in rows} <= {"inferred"}
    return {(r["task"].split("/act/")[1], r["higher"].split("/act/")[1]): r["confidence"] for r in rows}


def test_ward_tasks_derive_from_the_district_task_addressed_to_the_wards(linking_store):
    found = _derivations(linking_store)
    district = "ubnd-quan-tay-ho/10-kh-ubnd/task/1"
    assert found.keys() >= {("ubnd-phuong-buoi/5-kh-ubnd/task/1", district), ("ubnd-phuong-nhat-tan/7-kh-ubnd/task/1", district)}
    assert ("ubnd-phuong-buoi/5-kh-ubnd/task/2", "ubnd-quan-tay-ho/10-kh-ubnd/task/2") in found
    # the ward radio's monthly news is not the district's quarterly report
    assert not any(task.startswith("ubnd-phuong-nhat-tan/7-kh-ubnd/task/2") for task, _ in found)
    assert all(0.65 <= c <= 1.0 for c in found.values())


def test_a_curated_rejection_removes_an_inferred_link(linking_store, tmp_path):
    base = "https://w3id.org/cancu/id/act/"
    curation = tmp_path / "links.curation.csv"
    curation.write_text(
        "subject_number,subject_issuer,property,target_number,target_issuer,decision,asserted_by,note\n"
        f"{base}ubnd-phuong-nhat-tan/7-kh-ubnd/task/1,,derivedFrom,{base}ubnd-quan-tay-ho/10-kh-ubnd/task/1,,reject,"
        "Phòng Nội vụ,the ward's secretary only advises; the plan itself is task 1 of the Bưởi plan\n",
        encoding="utf-8",
    )
    ingest_files(linking_store, sorted(LINKING.glob("*.txt")), curation=[curation])
    found = _derivations(linking_store)
    assert ("ubnd-phuong-nhat-tan/7-kh-ubnd/task/1", "ubnd-quan-tay-ho/10-kh-ubnd/task/1") not in found
    assert ("ubnd-phuong-buoi/5-kh-ubnd/task/1", "ubnd-quan-tay-ho/10-kh-ubnd/task/1") in found
    rejected = linking_store.select(CC + "SELECT ?who WHERE { ?e cc:rejected true ; cc:assertedBy ?who }")
    assert [r["who"] for r in rejected] == ["Phòng Nội vụ"]


def test_a_bad_curation_file_is_refused_and_nothing_is_lost(tmp_path):
    store = tmp_path / "store"
    assert runner.invoke(app, ["ingest", str(LINKING), "--store", str(store)]).exit_code == 0
    before = runner.invoke(app, ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", str(store)]).stdout
    bad = tmp_path / "bad.curation.csv"
    bad.write_text("subject_number,property,target_number,decision\nx,supersedes,y,assert\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(bad), "--store", str(store)])
    assert result.exit_code == 2 and "supersedes" in result.stderr and "bad.curation.csv" in result.stderr
    after = runner.invoke(app, ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", str(store)]).stdout
    assert before == after


def test_validate_passes_on_the_samples(tmp_path, sample_files):
    store = tmp_path / "store"
    assert runner.invoke(app, ["ingest", *map(str, sample_files), "--store", str(store)]).exit_code == 0
    result = runner.invoke(app, ["validate", "--store", str(store)])
    assert result.exit_code == 0, result.output
