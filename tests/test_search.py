"""Search: find a plan, a task, a body or a territory from what staff type.

The index (graph/search.py) lives beside the store and follows every ingest.
"""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from cancu.cli import app
from graph import search
from ingest.fold import fold

runner = CliRunner()
MO_LAO_PLAN = "https://w3id.org/cancu/id/act/ubnd-phuong-mo-lao/41-kh-ubnd"
HA_NOI_DECISION = "https://w3id.org/cancu/id/act/ubnd-thanh-pho-ha-noi/6830-qd-ubnd"


def _search(store, *args) -> list[dict]:
    result = runner.invoke(app, ["search", *args, "--format", "json", "--store", str(store.path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["results"]


@pytest.mark.parametrize("query, first", [
    ("mo lao", MO_LAO_PLAN),
    ("Mỗ Lao", MO_LAO_PLAN),
    ("6830/QD-UBND", HA_NOI_DECISION),
    ("6830/QĐ-UBND", HA_NOI_DECISION),
    ("6830 QĐ UBND", HA_NOI_DECISION),
])
def test_the_plan_and_the_decision_come_first(demo_store, query, first):
    assert _search(demo_store, query)[0]["iri"] == first


def test_a_number_matches_as_a_whole_token(demo_store):
    [hit] = _search(demo_store, "6830/QD-UBND")
    assert hit["match"] == "number" and hit["number"] == "6830/QĐ-UBND"


def test_tasks_about_administrative_reform_come_from_every_plan_that_has_tasks(demo_store):
    hits = _search(demo_store, "tuyen truyen cai cach hanh chinh", "--kind", "task", "--limit", "200")
    plans = {h["details"]["document"] for h in hits}
    with_tasks = {r["document"] for r in demo_store.select(
        "SELECT DISTINCT ?document WHERE { ?document <https://w3id.org/cancu/ont#hasTask> ?t }")}
    assert plans == with_tasks and len(with_tasks) == 4  # "CCHC" in a plan counts: it is spelt out in the index
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_a_task_shows_its_plan_unit_and_deadline(demo_store):
    [hit] = _search(demo_store, "UBND các phường xây dựng và tổ chức thực hiện kế hoạch tuyên truyền CCHC năm 2024",
                    "--kind", "task", "--limit", "1")
    assert hit["details"]["deadline"] == "2024-02-29" and hit["details"]["unit"] == "UBND các phường"


def test_a_typo_still_finds(demo_store):
    hits = _search(demo_store, "phong noi vu quan tay hoo", "--kind", "unit")
    assert hits and hits[0]["label"] == "Phòng Nội vụ quận Tây Hồ"


def test_kind_and_level_narrow_the_results(demo_store):
    hits = _search(demo_store, "mo lao", "--kind", "territory")
    assert hits and {h["kind"] for h in hits} == {"territory"}
    assert {h["level"] for h in _search(demo_store, "ke hoach", "--level", "district")} == {"district"}


def test_matched_words_are_found_in_the_text_as_written():
    text = "Kế hoạch của UBND phường Mỗ Lao"
    spans = search.highlighted(text, "mo lao")
    assert [text[a:b] for a, b in spans] == ["Mỗ", "Lao"]


def test_re_ingesting_a_changed_file_leaves_no_stale_hit(tmp_path, sample_files):
    from graph.pipeline import ingest_files
    from graph.store import GraphStore

    [tay_ho] = [p for p in sample_files if "29/02/2024" in p.read_text(encoding="utf-8")]
    plan = tmp_path / tay_ho.name
    shutil.copy(tay_ho, plan)
    store = GraphStore(tmp_path / "store")
    ingest_files(store, [plan])
    assert search.open_index(store).search("tuyen truyen CCHC nam 2024", kind="task")
    text = plan.read_text(encoding="utf-8").replace("tuyên truyền CCHC năm 2024", "phổ biến pháp luật năm 2024")
    plan.write_text(text, encoding="utf-8")
    ingest_files(store, [plan])
    index = search.open_index(store)
    stale = [h for h in index.search("tuyen truyen CCHC nam 2024", kind="task", limit=100)
             if "tuyen truyen cchc nam 2024" in fold(h.entry.label)]
    assert stale == []
    assert index.search("pho bien phap luat nam 2024", kind="task")


def test_trace_impact_and_view_resolve_what_is_typed_through_the_index(demo_store, tmp_path):
    trace = runner.invoke(app, ["trace", "tham muu UBND phuong trong cong tac trien khai", "--format", "json",
                                "--store", str(demo_store.path)])
    assert trace.exit_code == 0 and json.loads(trace.stdout)["task"]["document"] == MO_LAO_PLAN
    impact = runner.invoke(app, ["impact", "6830 QĐ UBND", "--format", "json", "--store", str(demo_store.path)])
    assert impact.exit_code == 0 and json.loads(impact.stdout)["changed"]["iri"] == HA_NOI_DECISION
    view = runner.invoke(app, ["view", "--focus", "van phong UBND phuong mo lao", "-o", str(tmp_path / "v.html"),
                               "--store", str(demo_store.path)])
    assert view.exit_code == 0, view.output
    vague = runner.invoke(app, ["view", "--focus", "mo lao", "-o", str(tmp_path / "v.html"), "--store", str(demo_store.path)])
    assert vague.exit_code == 1 and "items match 'mo lao'" in vague.stderr and "territory: phường Mộ Lao" in vague.stderr


def test_several_matches_are_listed_when_no_one_can_choose(demo_store):
    result = runner.invoke(app, ["trace", "tuyen truyen", "--store", str(demo_store.path)])
    assert result.exit_code == 1
    assert "tasks match 'tuyen truyen'" in result.stderr and "<https://w3id.org/cancu/id/" in result.stderr


def test_an_index_missing_from_an_older_store_is_built_on_first_use(demo_store, tmp_path):
    from graph.store import GraphStore

    copy = tmp_path / "store"
    shutil.copytree(demo_store.path, copy, ignore=shutil.ignore_patterns("LOCK", search.INDEX_FILE))
    index = search.open_index(GraphStore(copy, read_only=True))
    assert index.search("6830/QD-UBND")[0].entry.iri == HA_NOI_DECISION
    assert (copy / search.INDEX_FILE).exists()


def test_words_typed_right_find_a_task_the_scan_misspelt(demo_store):
    """The demo suggests this trace: OCR printed "huéng", "tuyén truyén" in the Mỗ Lao plan."""
    result = runner.invoke(app, ["trace", "Chi dao, dinh huong cong tac thong tin tuyen truyen", "--format", "json",
                                 "--store", str(demo_store.path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["task"]["iri"] == MO_LAO_PLAN + "/task/9"


def test_what_the_workers_index_is_what_the_store_says(tmp_path, sample_files):
    """Files read in a batch are indexed from the rows their workers found; an index built
    afresh from the store holds the same rows."""
    from graph.pipeline import ingest_files
    from graph.store import GraphStore

    folder = tmp_path / "plans"
    folder.mkdir()
    for copy in range(2):  # ten files: read on several cores, written in a batch
        for path in sample_files:
            shutil.copy(path, folder / f"{copy}-{path.name}")
    store = GraphStore(tmp_path / "store")
    ingest_files(store, sorted(folder.glob("*.txt")), workers=2)

    def rows() -> list:
        index = search.open_index(store)
        found = sorted(index._db.execute("SELECT words, number, iri, kind, level, graph, label, data FROM entries"))
        index.close()
        return found

    read_by_workers = rows()
    search.index_path(store).unlink()
    assert rows() == read_by_workers


def test_an_ingest_that_died_before_the_index_is_caught_up_by_the_next(tmp_path, sample_files):
    import graph.pipeline as pipeline
    from graph import iris
    from graph.store import GraphStore

    store = GraphStore(tmp_path / "store")
    pipeline.ingest_files(store, sample_files)
    lost = str(iris.source_graph(sample_files[0]))
    index = search.open_index(store)
    index.close()
    # What an ingest killed after writing a file but before refreshing the index leaves.
    writable = search.SearchIndex(search.index_path(store))
    writable.remove_graphs([lost])
    writable.close()
    (store.path / pipeline.REFRESH_PENDING).touch()
    results = pipeline.ingest_files(store, sample_files)
    assert {r.status for r in results} == {"unchanged"}
    index = search.open_index(store)
    assert lost in index.graphs()
    index.close()
    assert not (store.path / pipeline.REFRESH_PENDING).exists()
