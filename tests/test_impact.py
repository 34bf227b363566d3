"""Impact analysis: what a change of an act, a task's deadline or a territory touches downstream.

The documents under tests/data/impact were written for these tests: a city plan
(90/KH-UBND of Hà Nội, carrying out 76/NQ-CP), the plan of quận Hà Đông that
carries it out (30/KH-UBND, with a task for "UBND các phường"), and the plan of
phường Mỗ Lao (12/KH-UBND), a ward merged away in the 2025 reorganisation.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cancu.cli import app
from graph.impact import TargetNotFound, find_target, impact, impact_graph

DATA = Path(__file__).parent / "data" / "impact"
ID = "https://w3id.org/cancu/id/"
CITY_PLAN = ID + "act/ubnd-thanh-pho-ha-noi/90-kh-ubnd"
DISTRICT_PLAN = ID + "act/ubnd-quan-ha-dong/30-kh-ubnd"
WARD_PLAN = ID + "act/ubnd-phuong-mo-lao/12-kh-ubnd"
DISTRICT_TASK = DISTRICT_PLAN + "/task/1"  # UBND các phường: build the ward's plan by 15/3/2025
WARD_TASK = WARD_PLAN + "/task/1"  # Văn phòng UBND phường: build the plan by 31/3/2025
runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from graph.pipeline import ingest_files
    from graph.store import GraphStore

    graph_store = GraphStore(tmp_path_factory.mktemp("impact"))
    results = ingest_files(graph_store, sorted(DATA.glob("*.txt")))
    assert [r.status for r in results] == ["new"] * 3
    return graph_store


@pytest.fixture(scope="module")
def graph(store):
    return impact_graph(store)


def _numbers(result) -> list[str]:
    return [t.node.number for t in result.documents]


def _unit(result, name: str):
    return next(u for u in result.units if u.touched.node.name == name)


def test_an_amended_city_plan_reaches_the_district_and_ward_plans_nearest_first(store, graph):
    result = impact(graph, find_target(store, graph, "90/KH-UBND"), "amended", as_of=date(2025, 2, 1))
    assert _numbers(result) == ["30/KH-UBND", "12/KH-UBND"]
    assert [t.distance for t in result.documents] == [1, 2]
    first = result.documents[0].path[0]
    assert (first.source, first.target, first.inverse) == (CITY_PLAN, DISTRICT_PLAN, True)
    assert first.method == "stated" and "90/KH-UBND" in first.quote
    assert {DISTRICT_TASK, WARD_TASK} <= {t.node.iri for t in result.tasks}
    # Each district and ward body that issued a touched plan is told to revise it.
    district = _unit(result, "UBND quận Hà Đông")
    assert district.documents == [DISTRICT_PLAN]
    assert "30/KH-UBND" in district.actions[0]["vi"] and "90/KH-UBND" in district.actions[0]["en"]


def test_the_surest_path_comes_first_and_each_step_says_its_method(store, graph):
    result = impact(graph, find_target(store, graph, "90/KH-UBND"), "amended")
    costs = [(max(_rank(s.method) for s in t.path), t.distance) for t in result.tasks]
    assert costs == sorted(costs)
    assert all(s.method in ("stated", "curated", "inferred") for t in result.tasks for s in t.path)


def _rank(method: str) -> int:
    return {"stated": 0, "curated": 1, "inferred": 2}[method]


def test_a_replacement_tells_the_implementing_plans_to_update_their_basis(store, graph):
    result = impact(graph, find_target(store, graph, "90/KH-UBND"), "replaced", by="95/KH-UBND")
    district = _unit(result, "UBND quận Hà Đông")
    assert "thay 90/KH-UBND bằng 95/KH-UBND" in district.actions[0]["vi"]
    assert result.to_json()["by"] == "95/KH-UBND"


def test_a_repeal_asks_for_review_of_every_plan_below(store, graph):
    result = impact(graph, find_target(store, graph, "30/KH-UBND"), "repealed")
    assert _numbers(result) == ["12/KH-UBND"]
    ward = _unit(result, "UBND phường Mộ Lao")
    assert any("bãi bỏ" in a["vi"] and "12/KH-UBND" in a["vi"] for a in ward.actions)


def test_a_moved_deadline_flags_the_derived_tasks_that_now_end_later(graph):
    result = impact(graph, graph.nodes[DISTRICT_TASK], "deadline", to=date(2025, 3, 10), as_of=date(2025, 3, 1))
    assert [t.node.iri for t in result.tasks] == [WARD_TASK]
    assert result.deadline_status[WARD_TASK] == "later_than_new"  # 31/3 is after the new 10/3
    assert result.tasks[0].method == "inferred"  # the ward task carries out the district task by inference
    office = _unit(result, "Văn phòng UBND phường Mộ Lao")
    assert any("2025-03-31" in a["en"] and "2025-03-10" in a["en"] for a in office.actions)
    assert _numbers(result) == ["12/KH-UBND"]
    # The wards holding the moved task are told its new date.
    ward = _unit(result, "UBND phường Mộ Lao")
    assert DISTRICT_TASK in ward.tasks and any("2025-03-10" in a["vi"] for a in ward.actions)


def test_a_deadline_that_stays_before_the_new_date_is_not_flagged(graph):
    result = impact(graph, graph.nodes[DISTRICT_TASK], "deadline", to=date(2025, 4, 30), as_of=date(2025, 3, 1))
    assert result.deadline_status[WARD_TASK] == "open"


def test_a_reorganised_ward_hands_its_tasks_to_the_successor_wards_body(store, graph):
    result = impact(graph, find_target(store, graph, "phường Mỗ Lao", "territory"), "reorganised")
    ward = _unit(result, "UBND phường Mộ Lao")
    successors = {s["name"] for s in ward.successors}
    assert "UBND phường Hà Đông" in successors
    assert DISTRICT_TASK in ward.tasks  # assigned through "UBND các phường"
    assert any("UBND phường Hà Đông" in a["vi"] for a in ward.actions)
    assert WARD_PLAN in {t.node.iri for t in result.documents}
    # Only the ward's own bodies are touched, not the other wards sharing the district task.
    assert all("Mộ Lao" in u.touched.node.name or u.touched.node.name == "UBND quận Hà Đông" for u in result.units)


def test_the_tay_ho_ward_task_reaches_each_of_the_eight_ward_committees(demo_store):
    graph = impact_graph(demo_store)
    task = find_target(demo_store, graph, "UBND các phường xây dựng và tổ chức thực hiện kế hoạch tuyên truyền CCHC năm 2024")
    result = impact(graph, task, "amended")
    wards = {u.touched.node.name for u in result.units if u.touched.node.name.startswith("UBND phường")}
    assert len(wards) == 8, wards
    assert all(u.touched.method == "inferred" for u in result.units if u.touched.node.name in wards)


def test_the_impact_of_the_city_decision_on_the_seeds(demo_store):
    graph = impact_graph(demo_store)
    result = impact(graph, find_target(demo_store, graph, "6830/QD-UBND"), "amended")
    assert set(_numbers(result)) == {"41/KH-UBND", "25/KH-UBND"}
    mo_lao = [t for t in result.tasks if "/41-kh-ubnd/" in t.node.iri]
    assert len(mo_lao) == 10 and all(t.distance == 2 for t in mo_lao)
    assert any("Mộ Lao" in u.touched.node.name for u in result.units)


_CYCLE = """ỦY BAN NHÂN DÂN
QUẬN HÀ ĐÔNG

Số: {number}/KH-UBND

Hà Đông, ngày 20 tháng 01 năm 2025

KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025

Thực hiện Kế hoạch số {basis}/KH-UBND ngày 02/01/2025 của UBND quận Hà Đông, UBND quận Hà Đông ban hành Kế hoạch như sau:

I. TỔ CHỨC THỰC HIỆN

1. Phòng Nội vụ

Theo dõi, đôn đốc việc thực hiện Kế hoạch này.
"""


def test_a_cycle_of_plans_ends_the_walk(tmp_path):
    from graph.pipeline import ingest_files
    from graph.store import GraphStore

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(_CYCLE.format(number=30, basis=31), encoding="utf-8")
    b.write_text(_CYCLE.format(number=31, basis=30), encoding="utf-8")
    graph_store = GraphStore(tmp_path / "store")
    ingest_files(graph_store, [a, b])
    graph = impact_graph(graph_store)
    result = impact(graph, find_target(graph_store, graph, "30/KH-UBND"), "amended")
    assert _numbers(result) == ["31/KH-UBND"]


def test_unknown_or_ambiguous_targets_are_explained(store, graph):
    with pytest.raises(TargetNotFound, match="no item matches"):
        find_target(store, graph, "không có gì như thế này")
    with pytest.raises(TargetNotFound) as found:
        find_target(store, graph, "tuyên truyền cải cách hành chính")
    assert found.value.candidates


@pytest.mark.parametrize("options, message", [
    (["--change", "deadline"], "--to"),
    (["--change", "replaced"], "--by"),
    (["--to", "31/02/2025", "--change", "deadline"], "--to"),
])
def test_the_command_says_what_is_missing(store, options, message):
    result = runner.invoke(app, ["impact", "30/KH-UBND", *options, "--store", str(store.path)])
    assert result.exit_code == 2 and message in result.stderr


def test_the_json_report_has_the_documented_shape(store):
    result = runner.invoke(app, ["impact", "90/KH-UBND", "--format", "json", "--store", str(store.path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"changed", "documents", "tasks", "units"}
    assert data["changed"]["number"] == "90/KH-UBND"
    assert {"iri", "number", "issuer", "level", "path"} <= set(data["documents"][0])
    assert {"iri", "text", "units", "deadline", "path"} <= set(data["tasks"][0])
    assert {"iri", "name", "tasks"} <= set(data["units"][0])
    assert {"from", "to", "property", "method", "quote"} <= set(data["documents"][0]["path"][0])


def test_reports_as_markdown_html_and_a_spreadsheet(store, tmp_path):
    from openpyxl import load_workbook

    md = runner.invoke(app, ["impact", "90/KH-UBND", "--format", "md", "--store", str(store.path)])
    assert md.exit_code == 0 and "## Cấp huyện" in md.stdout and "### UBND quận Hà Đông" in md.stdout
    page = tmp_path / "impact.html"
    result = runner.invoke(app, ["impact", "90/KH-UBND", "--format", "html", "-o", str(page), "--lang", "en",
                                 "--store", str(store.path)])
    assert result.exit_code == 0 and "<th>Unit</th>" in page.read_text(encoding="utf-8")
    sheet = tmp_path / "impact.xlsx"
    result = runner.invoke(app, ["impact", "90/KH-UBND", "--format", "xlsx", "-o", str(sheet), "--store", str(store.path)])
    assert result.exit_code == 0, result.output
    rows = list(load_workbook(sheet).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Cấp", "Đơn vị", "Việc phải làm") and len(rows) > 3


def test_the_html_report_escapes_document_text(tmp_path):
    from cancu.impact_report import html_page
    from graph.impact import Impact, Node

    hostile = Node("urn:x", "document", number="<script>alert(1)</script>")
    page = html_page(Impact(hostile, "amended", as_of=date(2025, 1, 1)))
    assert "<script>alert" not in page and "&lt;script&gt;" in page


# --- versions -------------------------------------------------------------------------


@pytest.fixture()
def versioned(tmp_path):
    """The three plans ingested, then the district plan edited and ingested again."""
    from graph.pipeline import ingest_files
    from graph.store import GraphStore

    folder = tmp_path / "plans"
    shutil.copytree(DATA, folder)
    graph_store = GraphStore(tmp_path / "store")
    ingest_files(graph_store, sorted(folder.glob("*.txt")))
    plan = folder / "quan_ha_dong_30.txt"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("chậm nhất ngày 15/3/2025", "chậm nhất ngày 10/3/2025")
    text = text.replace("b) Hằng quý báo cáo", "b) Hằng tháng báo cáo")
    text = text.replace(
        "Thực hiện Kế hoạch số 90/KH-UBND",
        "Căn cứ Quyết định số 6830/QĐ-UBND ngày 31/12/2024 của UBND Thành phố;\n\nThực hiện Kế hoạch số 90/KH-UBND")
    text = text.replace("2. Phòng Nội vụ\n\nTheo dõi, đôn đốc các phường thực hiện Kế hoạch này; tổng hợp, báo cáo UBND quận trước ngày 30/11/2025.",
                        "2. Phòng Văn hóa và Thông tin\n\nTổ chức tọa đàm về chuyển đổi số trong quý III năm 2025.")
    plan.write_text(text, encoding="utf-8")
    results = ingest_files(graph_store, [plan])
    return graph_store, results[0]


def _changes(result, kind: str, field: str | None = None) -> list[dict]:
    return [c for c in result.changes if c["kind"] == kind and (field is None or c.get("field") == field)]


def test_a_new_version_reports_the_moved_deadline_with_its_impact(versioned):
    _store, result = versioned
    assert result.status == "changed"
    [moved] = _changes(result, "task_changed", "deadline")
    assert (moved["old"], moved["new"], moved["subject"]) == ("2025-03-15", "2025-03-10", DISTRICT_TASK)
    assert "UBND phường Mộ Lao" in moved["impact"]["units"]
    assert moved["impact"]["documents"] == ["12/KH-UBND"]


def test_a_new_version_reports_recurrence_tasks_and_basis(versioned):
    _store, result = versioned
    [recurrence] = _changes(result, "task_changed", "recurrence")
    assert (recurrence["old"], recurrence["new"]) == ("quarterly", "monthly")
    assert [c["label"][:9] for c in _changes(result, "task_added")] == ["Tổ chức t"]
    assert [c["label"][:9] for c in _changes(result, "task_removed")] == ["Theo dõi,"]
    [basis] = _changes(result, "basis_added")
    assert basis["label"] == "6830/QĐ-UBND" and basis["new"] == "basedOn"
    assert _changes(result, "task_changed", "partners") == []  # no task here has a partner, before or after


def test_a_snapshot_names_only_a_tasks_own_partners(versioned):
    from graph import iris
    from graph.versions import snapshot

    store, result = versioned
    facts = snapshot(store, iris.source_graph(result.file))
    assert all(t.partners == () for t in facts.tasks)


def test_the_previous_version_stays_queryable(versioned):
    graph_store, _result = versioned
    kept = graph_store.version_store()
    rows = kept.select("""
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX cc: <https://w3id.org/cancu/ont#>
        SELECT ?doc ?deadline WHERE { GRAPH ?g { ?g prov:specializationOf ?doc . ?t cc:deadline ?deadline } }""")
    assert {r["doc"] for r in rows} == {DISTRICT_PLAN}
    assert "2025-03-15" in {str(r["deadline"]) for r in rows}
    # The main store answers with the new version only.
    current = graph_store.select(f"SELECT ?d WHERE {{ <{DISTRICT_TASK}> <https://w3id.org/cancu/ont#deadline> ?d }}")
    assert [str(r["d"]) for r in current] == ["2025-03-10"]


def test_ingesting_the_same_version_again_reports_no_change(versioned):
    from graph.pipeline import ingest_files

    graph_store, result = versioned
    again = ingest_files(graph_store, [Path(result.file)])
    assert again[0].status == "unchanged" and again[0].changes == []


def test_the_view_highlights_what_an_impact_touches(store, tmp_path):
    import re

    page = tmp_path / "impact.html"
    result = runner.invoke(app, ["view", "--impact", "30/KH-UBND", "-o", str(page), "--store", str(store.path)])
    assert result.exit_code == 0, result.output
    data = json.loads(re.search(r'id="cancu-data">(.*?)</script>', page.read_text(encoding="utf-8"), re.S).group(1))
    lit = {n["id"] for n in data["nodes"] if n["highlight"]}
    assert {DISTRICT_PLAN, WARD_PLAN, WARD_TASK} <= lit and CITY_PLAN not in lit
    assert data["focus"] == DISTRICT_PLAN


def test_moving_the_tay_ho_deadline_is_reported_when_the_plan_is_ingested_again(tmp_path, sample_files):
    """Issue 6, must show 2: "29/02/2024" edited to "15/03/2024" in the Tây Hồ plan."""
    from graph.pipeline import ingest_files
    from graph.store import GraphStore

    [tay_ho] = [p for p in sample_files if "29/02/2024" in p.read_text(encoding="utf-8")]
    plan = tmp_path / tay_ho.name
    shutil.copy(tay_ho, plan)
    graph_store = GraphStore(tmp_path / "store")
    ingest_files(graph_store, [plan])
    plan.write_text(plan.read_text(encoding="utf-8").replace("29/02/2024", "15/03/2024"), encoding="utf-8")
    [result] = ingest_files(graph_store, [plan])
    assert [(c["field"], c["old"], c["new"]) for c in result.changes] == [("deadline", "2024-02-29", "2024-03-15")]
    assert len([u for u in result.changes[0]["impact"]["units"] if u.startswith("UBND phường")]) == 8


def _spread_over_kinds(nodes: dict, each: int = 25) -> list[str]:
    """Up to `each` nodes of every kind, spread over them in IRI order."""
    out = []
    for kind in ("document", "task", "agency", "territory"):
        of_kind = sorted(iri for iri, node in nodes.items() if node.kind == kind)
        step = max(1, len(of_kind) // each)
        out += of_kind[::step][:each]
    return out


def _changes_of(node) -> list[tuple[str, dict]]:
    """The changes a staff member may ask about this kind of node."""
    if node.kind == "task":
        return [("amended", {}), ("deadline", {"to": date(2025, 3, 10)})]
    if node.kind == "territory":
        return [("reorganised", {})]
    if node.kind == "agency":
        return [("reorganised", {})]
    return [("amended", {}), ("repealed", {}), ("deadline", {"to": date(2025, 3, 10)})]


@pytest.mark.parametrize("store_name", ["store", "demo_store"])
def test_the_graph_around_a_change_gives_the_whole_stores_impact(request, store_name):
    """`ImpactGraph.around` reads only what one change can reach; every report it gives is
    the one the whole store's graph gives, for every node and every kind of change."""
    from graph.impact import ImpactGraph

    graph_store = request.getfixturevalue(store_name)
    whole = impact_graph(graph_store)
    compared = 0
    for iri in _spread_over_kinds(whole.nodes):
        for change, options in _changes_of(whole.nodes[iri]):
            for cites in ((False, True) if whole.nodes[iri].kind == "document" else (False,)):
                local = ImpactGraph.around(graph_store, iri, include_cites=cites)
                expected = impact(whole, whole.nodes[iri], change, as_of=date(2025, 3, 1), include_cites=cites, **options)
                found = impact(local, local.nodes[iri], change, as_of=date(2025, 3, 1), include_cites=cites, **options)
                assert found.to_json() == expected.to_json(), (iri, change, cites)
                compared += 1
    assert compared > 80


@pytest.mark.parametrize("first, second", [("ward-a", "ward-b"), ("ward-b", "ward-a")])
def test_a_reorganised_district_reaches_a_ward_body_first_met_as_a_partner(first, second):
    """The body of one ward cooperates on the other ward's task: walked from that task before
    its own ward opens it, it must still open its own plan (found in review)."""
    from rdflib import URIRef

    from graph.impact import ImpactGraph
    from graph.store import MemoryStore
    from ontology import CC

    e = "https://example.org/"
    district, ward_b, ward_c = e + "district", e + first, e + second
    body_b, body_c, plan_b, plan_c, task_b, task_c = (e + n for n in ("body-b", "body-c", "plan-b", "plan-c", "t-b", "t-c"))
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    facts = [
        (district, rdf_type, CC.AdministrativeUnit), (ward_b, rdf_type, CC.AdministrativeUnit),
        (ward_c, rdf_type, CC.AdministrativeUnit), (ward_b, CC.partOf, district), (ward_c, CC.partOf, district),
        (body_b, rdf_type, CC.Agency), (body_b, CC.jurisdiction, ward_b),
        (body_c, rdf_type, CC.Agency), (body_c, CC.jurisdiction, ward_c),
        (plan_b, rdf_type, CC.LegalDocument), (plan_b, CC.issuedBy, body_b), (plan_b, CC.hasTask, task_b),
        (task_b, rdf_type, CC.Task), (task_b, CC.inDocument, plan_b), (task_b, CC.assignedTo, body_b),
        (task_b, CC.cooperatingUnit, body_c), (task_b, CC.assignedTo, body_c),
        (plan_c, rdf_type, CC.LegalDocument), (plan_c, CC.issuedBy, body_c), (plan_c, CC.hasTask, task_c),
        (task_c, rdf_type, CC.Task), (task_c, CC.inDocument, plan_c), (task_c, CC.leadUnit, body_c),
        (task_c, CC.assignedTo, body_c),
    ]
    data = "".join(f"<{s}> <{p}> <{o}> .\n" for s, p, o in facts).encode()
    store = MemoryStore({URIRef(e + "graph"): data})
    reports = [impact(graph, graph.nodes[district], "reorganised", as_of=date(2025, 1, 1)).to_json()
               for graph in (ImpactGraph.from_store(store), ImpactGraph.around(store, district))]
    assert reports[0] == reports[1]
    assert {d["iri"] for d in reports[1]["documents"]} == {plan_b, plan_c}
    assert {t["iri"] for t in reports[1]["tasks"]} == {task_b, task_c}
