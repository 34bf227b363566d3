"""The whole stream on the sample plans: ingest → store → trace."""

from __future__ import annotations

import pytest
from rdflib import RDFS, Graph, URIRef

from graph import iris
from graph.pipeline import ingest_files, load_reference
from graph.store import GraphStore
from graph.trace import find_task, trace
from ontology import CC

MO_LAO_TASK = "tham mưu UBND phường trong công tác triển khai kế hoạch"


def test_one_named_graph_per_file_plus_reference_and_curated(demo_store, sample_files):
    names = set(demo_store.graph_names())
    assert {str(iris.source_graph(p)) for p in sample_files} <= names
    assert {str(iris.REFERENCE_GRAPH), str(iris.CURATED_GRAPH)} <= names


def test_an_act_cited_by_several_plans_is_one_node(demo_store):
    rows = demo_store.select(
        "PREFIX cc: <https://w3id.org/cancu/ont#> SELECT DISTINCT ?act WHERE { ?act cc:number ?n . FILTER(?n = '76/NQ-CP') }"
    )
    assert [r["act"] for r in rows] == [str(iris.act("76/NQ-CP", "Chính phủ"))]
    citing = demo_store.select(
        "PREFIX cc: <https://w3id.org/cancu/ont#> SELECT DISTINCT ?act ?doc WHERE { ?doc cc:cites ?act }",
        {"act": iris.act("76/NQ-CP", "Chính phủ")},
    )
    assert len(citing) >= 3


def test_reingesting_the_same_files_changes_nothing(tmp_path, sample_files):
    store = GraphStore(tmp_path / "store")
    first = ingest_files(store, sample_files)
    count = store.quad_count()
    second = ingest_files(store, sample_files)
    assert [r.status for r in first] == ["new"] * len(sample_files)
    assert [r.status for r in second] == ["unchanged"] * len(sample_files)
    assert store.quad_count() == count


def test_a_changed_file_replaces_its_graph(tmp_path, sample_files):
    store = GraphStore(tmp_path / "store")
    source = sample_files[0]
    copy = tmp_path / source.name
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    ingest_files(store, [copy])
    copy.write_text(copy.read_text(encoding="utf-8").replace("29/02/2024", "15/03/2024"), encoding="utf-8")
    [result] = ingest_files(store, [copy])
    assert result.status == "changed"
    deadlines = {r["d"] for r in store.select("PREFIX cc: <https://w3id.org/cancu/ont#> SELECT ?d WHERE { ?t cc:deadline ?d }")}
    assert deadlines == {"2024-03-15"}


def test_every_stated_link_has_its_evidence(demo_store):
    missing = demo_store.select(
        """PREFIX cc: <https://w3id.org/cancu/ont#>
        SELECT ?s ?p ?o WHERE {
          VALUES ?p { cc:implements cc:basedOn cc:cites cc:assignedTo cc:leadUnit cc:cooperatingUnit cc:derivedFrom }
          ?s ?p ?o .
          FILTER NOT EXISTS {
            ?s cc:qualifiedLink ?e . ?e cc:property ?ep ; cc:target ?o ; cc:method ?m .
            # the evidence of a lead or cooperating unit also stands for its cc:assignedTo twin
            FILTER(?ep = ?p || (?p = cc:assignedTo && ?ep IN (cc:leadUnit, cc:cooperatingUnit)))
          }
        }"""
    )
    assert missing == []


def test_super_properties_are_materialised(demo_store):
    rows = demo_store.select(
        """PREFIX cc: <https://w3id.org/cancu/ont#>
        PREFIX eli: <http://data.europa.eu/eli/ontology#>
        SELECT (COUNT(*) AS ?n) WHERE { ?t cc:leadUnit ?u FILTER NOT EXISTS { ?t cc:assignedTo ?u } }"""
    )
    assert rows[0]["n"] == 0
    assert demo_store.select(
        "PREFIX eli: <http://data.europa.eu/eli/ontology#> SELECT ?a WHERE { ?a eli:ensures_implementation_of ?b } LIMIT 1"
    )


def test_the_mo_lao_task_traces_to_76_nq_cp(demo_store):
    result = trace(demo_store, find_task(demo_store, MO_LAO_TASK)).to_json()
    assert "76/NQ-CP" in [m["number"] for m in result["mandates"]]
    methods = [step["method"] for step in result["chain"]]
    assert set(methods) <= {"stated", "curated", "inferred"}
    assert "curated" in methods
    for step in result["chain"]:
        assert step["quote"] or step.get("note"), step


def test_reference_data_uses_the_minted_iris():
    g = Graph().parse("graph/reference/acts.ttl")
    for act, number in g.subject_objects(CC.number):
        issuer = g.value(act, CC.issuedBy)
        issuer_label = g.value(issuer, RDFS.label)
        assert act == iris.act(str(number), str(issuer_label)), number


def test_reference_data_loads_idempotently(tmp_path):
    store = GraphStore(tmp_path / "store")
    load_reference(store)
    count = store.quad_count()
    load_reference(store)
    assert store.quad_count() == count > 0


def test_the_ingested_samples_conform_to_the_shapes(demo_store):
    from graph.validate import validate

    report = validate(demo_store)
    assert report.conforms, report.text[:3000]


def test_reading_on_several_cores_stores_the_same_graph(tmp_path, sample_files):
    import shutil

    folder = tmp_path / "plans"
    folder.mkdir()
    for copy in range(2):  # ten files: enough for the files to be read by workers
        for path in sample_files:
            shutil.copy(path, folder / f"{copy}-{path.name}")
    paths = sorted(folder.glob("*.txt"))

    def quads(workers: int) -> set:
        store = GraphStore(tmp_path / f"store-{workers}")
        results = ingest_files(store, paths, workers=workers)
        assert [r.status for r in results] == ["new"] * len(paths)
        return {(q.subject, q.predicate, q.object, q.graph_name) for q in store.quads()}

    assert quads(2) == quads(1)


def _copies(tmp_path, sample_files, copies: int = 2) -> list:
    import shutil

    folder = tmp_path / "plans"
    folder.mkdir()
    for copy in range(copies):
        for path in sample_files:
            shutil.copy(path, folder / f"{copy}-{path.name}")
    return sorted(folder.glob("*.txt"))


def _all_quads(store: GraphStore) -> set:
    return {(q.subject, q.predicate, q.object, q.graph_name) for q in store.quads()}


def test_many_new_files_written_in_bulk_store_what_one_by_one_does(tmp_path, sample_files, monkeypatch):
    import graph.pipeline as pipeline

    paths = _copies(tmp_path, sample_files)
    assert len(paths) >= pipeline._BULK_FROM
    bulk = GraphStore(tmp_path / "bulk")
    assert [r.status for r in ingest_files(bulk, paths, workers=1)] == ["new"] * len(paths)
    monkeypatch.setattr(pipeline, "_BULK_FROM", 10**9)
    one_by_one = GraphStore(tmp_path / "one-by-one")
    ingest_files(one_by_one, paths, workers=1)
    assert _all_quads(bulk) == _all_quads(one_by_one)
    assert [r.status for r in ingest_files(bulk, paths, workers=1)] == ["unchanged"] * len(paths)


def test_a_bulk_load_cut_short_is_undone_by_the_next_open(tmp_path):
    from graph.store import JOURNAL

    store = GraphStore(tmp_path / "store")
    kept, cut = URIRef("https://example.org/g/kept"), URIRef("https://example.org/g/cut")
    store.add_ntriples(kept, b"<https://example.org/a> <https://example.org/p> \"kept\" .\n")
    # What a process killed inside add_graphs_in_bulk leaves: the journal, part of the graph.
    (store.path / JOURNAL).write_text(f"{cut}\n", encoding="utf-8")
    store.add_ntriples(cut, b"<https://example.org/b> <https://example.org/p> \"half\" .\n")
    del store
    reader = GraphStore(tmp_path / "store", read_only=True)
    assert reader.graph_names() == [str(kept)]
    assert not (reader.path / JOURNAL).exists()


def test_a_bulk_load_going_on_is_left_to_its_writer(tmp_path):
    from graph.store import JOURNAL

    writer = GraphStore(tmp_path / "store")
    graph = URIRef("https://example.org/g/loading")
    writer.add_ntriples(graph, b"<https://example.org/b> <https://example.org/p> \"loading\" .\n")
    writer.flush()
    (writer.path / JOURNAL).write_text(f"{graph}\n", encoding="utf-8")
    reader = GraphStore(tmp_path / "store", read_only=True)
    assert reader.graph_names() == [str(graph)]
    assert (writer.path / JOURNAL).exists()


def test_replacing_a_graph_writes_only_what_differs(tmp_path):
    store = GraphStore(tmp_path / "store")
    graph = URIRef("https://example.org/g")
    triples = [f"<https://example.org/s{i}> <https://example.org/p> \"{i}\" .\n".encode() for i in range(5)]
    confidence = b'<https://example.org/s0> <https://example.org/c> "0.9"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n'
    store.replace_graph_ntriples(graph, b"".join(triples) + confidence)
    generation = store.generation
    store.replace_graph_ntriples(graph, b"".join(triples) + confidence)
    assert store.generation == generation  # nothing differed, nothing written
    changed = triples[1:] + [b"<https://example.org/s9> <https://example.org/p> \"9\" .\n"]
    store.replace_graph_ntriples(graph, b"".join(changed))
    assert sorted(q.subject.value[-2:] for q in store.quads(graph)) == ["s1", "s2", "s3", "s4", "s9"]


@pytest.mark.parametrize("confidence", [0.0, 0.05, 0.65, 0.9, 0.999, 1.0])
def test_confidences_are_written_as_the_store_keeps_them(tmp_path, confidence):
    from graph.build import _decimal

    store = GraphStore(tmp_path / "store")
    line = f'<https://example.org/s> <https://example.org/c> "{_decimal(confidence)}"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n'
    store.add_ntriples(URIRef("https://example.org/g"), line.encode())
    assert [q.object.value for q in store.quads()] == [_decimal(confidence)]


def test_inference_after_a_re_ingest_is_what_a_fresh_store_infers(tmp_path):
    """Only the inferred links that changed are written; the graph must end as a fresh one's."""
    import shutil
    from pathlib import Path

    from graph.infer import stored_derivations

    folder = tmp_path / "plans"
    shutil.copytree(Path(__file__).parent / "data" / "impact", folder)
    paths = sorted(folder.glob("*.txt"))
    store = GraphStore(tmp_path / "store")
    ingest_files(store, paths)
    before = stored_derivations(store)
    ward = folder / "phuong_mo_lao_12.txt"
    # One duty no longer echoes the district's; the other says a little more.
    ward.write_text(ward.read_text(encoding="utf-8")
                    .replace("Chủ trì xây dựng kế hoạch tuyên truyền cải cách hành chính năm 2025 của phường",
                             "Chủ trì kiểm tra công tác văn thư, lưu trữ của phường")
                    .replace("Hằng quý tổng hợp, báo cáo", "Hằng quý tổng hợp, đánh giá, báo cáo"),
                    encoding="utf-8")
    assert [r.status for r in ingest_files(store, paths)] == ["changed", "unchanged", "unchanged"]
    after = stored_derivations(store)
    assert before and after != before
    fresh = GraphStore(tmp_path / "fresh")
    ingest_files(fresh, paths)
    inferred_triples = lambda s: {(q.subject, q.predicate, q.object) for q in s.quads(iris.INFERRED_GRAPH)}  # noqa: E731
    assert inferred_triples(store) == inferred_triples(fresh)
    assert after == stored_derivations(fresh)


def test_an_ingest_that_writes_nothing_leaves_inference_alone_unless_one_died_before_it(tmp_path, sample_files,
                                                                                     monkeypatch):
    import graph.pipeline as pipeline

    store = GraphStore(tmp_path / "store")
    ingest_files(store, sample_files)
    assert not (store.path / pipeline.REFRESH_PENDING).exists()
    refreshed = []
    monkeypatch.setattr(pipeline, "refresh_inferred", lambda s: refreshed.append(s) or 0)
    ingest_files(store, sample_files)
    assert refreshed == []  # every file unchanged: nothing to infer again
    (store.path / pipeline.REFRESH_PENDING).touch()  # what an ingest killed before inference leaves
    ingest_files(store, sample_files)
    assert refreshed == [store]
    assert not (store.path / pipeline.REFRESH_PENDING).exists()
