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


# Two ward plans cite the same acts and print them differently: another type word for a
# law whose number has no type code, a misprinted year, two days for one dispatch. The
# district plan one of them implements is ingested too: its own text says its date.
CITING_PLAN = """ỦY BAN NHÂN DÂN
PHƯỜNG {WARD}

Số: {number}/KH-UBND

{ward}, ngày 20 tháng 02 năm 2025

KẾ HOẠCH
Thực hiện chính sách bảo hiểm xã hội năm 2025 của phường {ward}

{basis}
UBND phường {ward} ban hành Kế hoạch như sau:

I. TỔ CHỨC THỰC HIỆN

1. Văn phòng UBND phường

Chủ trì tuyên truyền chính sách bảo hiểm xã hội trên địa bàn phường.

Nơi nhận:
- UBND quận Tây Hồ;
- Lưu: VT.
"""
BUOI_BASIS = """Căn cứ Luật Bảo hiểm xã hội số 41/2024/QH15 ngày 29/6/2024 của Quốc hội;
Căn cứ Công điện số 219/CĐ-TTg ngày 17/01/2025 của Thủ tướng Chính phủ;
Thực hiện Kế hoạch số 10/KH-UBND ngày 16/01/2025 của UBND quận Tây Hồ,"""
NHAT_TAN_BASIS = """Căn cứ Nghị quyết số 41/2024/QH15 ngày 29/6/2014 của Quốc hội;
Căn cứ Công điện số 219/CĐ-TTg ngày 19/01/2025 của Thủ tướng Chính phủ;"""
DISTRICT_PLAN = """ỦY BAN NHÂN DÂN
QUẬN TÂY HỒ

Số: 10/KH-UBND

Tây Hồ, ngày 15 tháng 01 năm 2025

KẾ HOẠCH
Tuyên truyền chính sách bảo hiểm xã hội năm 2025

I. TỔ CHỨC THỰC HIỆN

1. UBND các phường

Chủ trì tuyên truyền chính sách bảo hiểm xã hội trên địa bàn phường.

Nơi nhận:
- UBND các phường;
- Lưu: VT.
"""
LAW = iris.act("41/2024/QH15", "Quốc hội")
DISPATCH = iris.act("219/CĐ-TTg", "Thủ tướng Chính phủ")
DISTRICT = iris.act("10/KH-UBND", "UBND quận Tây Hồ")
ELI_DATE = URIRef("http://data.europa.eu/eli/ontology#date_document")
# What an act has at most one of (the label follows its type and number).
ONE_VALUE = (CC.number, CC.docType, ELI_DATE, CC.level, CC.issuedBy, CC.title, RDFS.label)


def _write_citing_plans(folder, buoi_basis: str = BUOI_BASIS) -> dict:
    plans = {"buoi.txt": CITING_PLAN.format(WARD="BƯỞI", ward="Bưởi", number=12, basis=buoi_basis),
             "nhat_tan.txt": CITING_PLAN.format(WARD="NHẬT TÂN", ward="Nhật Tân", number=30, basis=NHAT_TAN_BASIS),
             "tay_ho.txt": DISTRICT_PLAN}
    for name, text in plans.items():
        (folder / name).write_text(text, encoding="utf-8")
    return {name: folder / name for name in plans}


def _facts(store: GraphStore, act: URIRef) -> dict:
    """Each property of the act's description, with its values (IRIs and literals as text)."""
    out: dict = {}
    for row in store.select("SELECT ?act ?p ?o WHERE { ?act ?p ?o }", {"act": act}):
        out.setdefault(URIRef(row["p"]), set()).add(str(row["o"]))
    return out


def _conflicts(store: GraphStore) -> list:
    """Every act and property of ONE_VALUE with more than one value, in the whole store."""
    values = " ".join(f"<{p}>" for p in ONE_VALUE)
    return store.select(f"""SELECT ?act ?p (COUNT(DISTINCT ?o) AS ?n) WHERE {{
        VALUES ?p {{ {values} }} ?act a <{CC.LegalDocument}> ; ?p ?o }} GROUP BY ?act ?p HAVING (COUNT(DISTINCT ?o) > 1)""")


def _stub_triples(store: GraphStore) -> set:
    acts = {q.subject for q in store.quads(iris.ENTITIES_GRAPH) if q.predicate.value == str(CC.stub)}
    return {(q.subject, q.predicate, q.object) for q in store.quads(iris.ENTITIES_GRAPH) if q.subject in acts}


def _assert_one_description(store: GraphStore) -> None:
    from graph.validate import validate

    report = validate(store)
    assert report.conforms, report.text[:3000]
    assert _conflicts(store) == []


def test_an_act_files_cite_differently_has_one_description_that_follows_the_files(tmp_path):
    import queries
    from graph.pipeline import files_under, refresh_stubs

    folder = tmp_path / "plans"
    folder.mkdir()
    paths = _write_citing_plans(folder)
    store = GraphStore(tmp_path / "store")
    ingest_files(store, files_under([folder]))
    _assert_one_description(store)
    law, dispatch, district = (_facts(store, act) for act in (LAW, DISPATCH, DISTRICT))
    assert law[CC.docType] == {str(CC.Luat)}  # Luật or Nghị quyết, once each: the first in order
    assert law[ELI_DATE] == {"2024-06-29"}  # the date in the number's year, over an earlier misprinted one
    assert dispatch[ELI_DATE] == {"2025-01-17"}  # two days, once each: the earliest
    # The district plan's own text is in the store: its date, not the one a ward prints, and no stub.
    assert district[ELI_DATE] == {"2025-01-15"} and CC.stub not in district
    # What each file printed stays on its citation's evidence.
    printed = {(r["act"], r["date"]) for r in store.select(queries.get("cited_as").text)}
    assert {(str(LAW), "2024-06-29"), (str(LAW), "2014-06-29"), (str(DISTRICT), "2025-01-16")} <= printed

    # Bưởi's plan, re-ingested changed, now agrees with Nhật Tân's: what it printed before no longer counts.
    _write_citing_plans(folder, BUOI_BASIS.replace("Luật Bảo hiểm xã hội số", "Nghị quyết số")
                        .replace("17/01/2025", "19/01/2025"))
    assert [r.status for r in ingest_files(store, files_under([folder]))] == ["changed", "unchanged", "unchanged"]
    _assert_one_description(store)
    assert _facts(store, LAW)[CC.docType] == {str(CC.NghiQuyet)}
    assert _facts(store, DISPATCH)[ELI_DATE] == {"2025-01-19"}
    fresh = GraphStore(tmp_path / "fresh")
    ingest_files(fresh, files_under([folder]))
    assert _stub_triples(store) == _stub_triples(fresh)

    # Nhật Tân's plan removed from the folder: an ingest of the folder keeps its graph (cancu
    # forgets no file by itself), and the store stays as it was.
    nhat_tan = paths["nhat_tan.txt"]
    kept = nhat_tan.read_text(encoding="utf-8")
    nhat_tan.unlink()
    assert [r.status for r in ingest_files(store, files_under([folder]))] == ["unchanged", "unchanged"]
    _assert_one_description(store)
    assert _stub_triples(store) == _stub_triples(fresh)
    # Its graph taken out of the store: the acts follow the files that still cite them.
    store.replace_graph_ntriples(iris.source_graph(nhat_tan), b"")
    refresh_stubs(store)
    _assert_one_description(store)
    alone = GraphStore(tmp_path / "alone")
    ingest_files(alone, files_under([folder]))
    assert _stub_triples(store) == _stub_triples(alone)
    # And put back and ingested again: as before.
    nhat_tan.write_text(kept, encoding="utf-8")
    assert [r.status for r in ingest_files(store, files_under([folder]))] == ["unchanged", "new", "unchanged"]
    _assert_one_description(store)
    assert _stub_triples(store) == _stub_triples(fresh)



def test_acts_cited_only_by_files_stored_before_citations_kept_what_they_print_keep_their_description(tmp_path):
    from graph.pipeline import refresh_stubs
    from graph.store import ntriples

    folder = tmp_path / "plans"
    folder.mkdir()
    buoi = _write_citing_plans(folder)["buoi.txt"]
    store = GraphStore(tmp_path / "store")
    ingest_files(store, [buoi])
    described = _stub_triples(store)
    assert {LAW, DISPATCH, DISTRICT} <= {URIRef(s.value) for s, _p, _o in described}
    # The file's graph as an earlier cancu wrote it: its citations without what they print.
    graph = iris.source_graph(buoi)
    printed = {CC.citedNumber, CC.citedType, CC.citedDate, CC.citedIssuer, CC.citedTitle}
    older = [(q.subject, q.predicate, q.object) for q in store.quads(graph) if URIRef(q.predicate.value) in printed]
    store.change_graph(graph, set(ntriples(older).splitlines()), set())
    refresh_stubs(store)
    assert _stub_triples(store) == described


# (number, what each citing file prints as the kind, the kind and label chosen)
KINDS_CHOSEN = [
    # the number's code says one kind: however many files print another word
    ("02/2017/TT-VPCP", ["Quy định", "Quy định", "Thông tư"], CC.ThongTu, "Thông tư 02/2017/TT-VPCP"),
    ("02/2017/TT-VPCP", ["Quy định"], CC.ThongTu, "Thông tư 02/2017/TT-VPCP"),
    # the code's kind as most files name it
    ("99-TB/TW", ["Thông báo kết luận", "Thông báo kết luận", "Thông báo"], CC.ThongBao,
     "Thông báo kết luận 99-TB/TW"),
    # a code of two kinds, or none: what most files print
    ("178-QĐ/TW", ["Quy định", "Quy định", "Quyết định"], CC.QuyDinh, "Quy định 178-QĐ/TW"),
    ("41/2024/QH15", ["Nghị quyết", "Luật", "Luật"], CC.Luat, "Luật 41/2024/QH15"),
]


@pytest.mark.parametrize("number, printed, kind, label", KINDS_CHOSEN)
def test_a_cited_act_is_the_kind_its_number_says_else_the_kind_most_files_print(number, printed, kind, label):
    from rdflib import Literal

    from graph.build import Citation, stubs

    act = iris.act(number, None)
    g = stubs([Citation(act, f"file:///plan{i}.txt", number, word, None, None, None)
               for i, word in enumerate(printed)])
    assert {o for s, p, o in g if s == act and p == CC.docType} == {kind}
    assert {o for s, p, o in g if s == act and p == RDFS.label} == {Literal(label, lang="vi")}


def test_a_cited_act_is_described_the_same_whatever_order_the_files_come_in():
    from graph.build import Citation, stubs

    act = iris.act("219/CĐ-TTg", "Thủ tướng Chính phủ")
    cited = [Citation(act, f"file:///plan{i}.txt", "219/CĐ-TTg", "Công điện", date, issuer, title)
             for i, (date, issuer, title) in enumerate([("2025-11-19", "Thủ tướng Chính phủ", "về ứng phó lũ"),
                                                        ("2025-11-17", None, "về ứng phó mưa lũ"),
                                                        ("2025-11-17", "Chính phủ", None)])]
    assert stubs(cited) == stubs(reversed(cited))
    dates = {o for s, p, o in stubs(cited) if p == ELI_DATE}
    assert [str(d) for d in dates] == ["2025-11-17"]  # printed by two files of three
