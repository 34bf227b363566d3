"""The view's focus modes on the sample plans: a trace chain, an impact set, one plan, some levels.

The page itself (search, filters, escaping, the browser) is tested in test_viz.py and
test_view_browser.py; here, which nodes the page is given and which are lit.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cancu.cli import app

runner = CliRunner()
MO_LAO_PLAN = "https://w3id.org/cancu/id/act/ubnd-phuong-mo-lao/41-kh-ubnd"


def _page_data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'id="cancu-data">(.*?)</script>', text, re.S).group(1))


def _view(demo_store, tmp_path, *options) -> dict:
    page = tmp_path / "view.html"
    result = runner.invoke(app, ["view", "-o", str(page), "--store", str(demo_store.path), *options])
    assert result.exit_code == 0, result.output
    return _page_data(page)


def _lit_labels(data: dict) -> set[str]:
    return {n["label"] for n in data["nodes"] if n["highlight"]}


def test_a_mo_lao_trace_lights_the_chain_up_to_76_nq_cp(demo_store, tmp_path):
    data = _view(demo_store, tmp_path, "--trace", "tham muu UBND phuong trong cong tac trien khai ke hoach")
    assert {"41/KH-UBND", "6830/QĐ-UBND", "76/NQ-CP"} <= _lit_labels(data)
    assert data["focus"].startswith(MO_LAO_PLAN + "/task/")


def test_the_impact_of_the_city_decision_lights_the_plans_it_touches(demo_store, tmp_path):
    data = _view(demo_store, tmp_path, "--impact", "6830/QĐ-UBND")
    lit = _lit_labels(data)
    assert {"6830/QĐ-UBND", "41/KH-UBND", "25/KH-UBND"} <= lit
    assert "76/NQ-CP" not in lit  # upstream of the change: not touched


def test_focus_on_a_plan_is_its_responsibility_map(demo_store, tmp_path):
    data = _view(demo_store, tmp_path, "--focus", "41/KH-UBND")
    tasks = [n for n in data["nodes"] if n["kind"] == "task"]
    assert len(tasks) == 10 and all(n["id"].startswith(MO_LAO_PLAN + "/task/") for n in tasks)
    assert any(n["kind"] == "agency" and "Văn phòng UBND phường" in n["label"] for n in data["nodes"])
    assert data["focus"] == MO_LAO_PLAN


def test_levels_keep_their_documents_tasks_and_units(demo_store, tmp_path):
    data = _view(demo_store, tmp_path, "--level", "commune")
    documents = [n for n in data["nodes"] if n["kind"] in ("document", "stub")]
    assert documents and all(n["level"] == "commune" for n in documents)
    assert any(n["kind"] == "task" for n in data["nodes"])


@pytest.mark.parametrize("option", ["--focus", "--impact"])
def test_an_unknown_focus_is_a_clear_error(demo_store, tmp_path, option):
    result = runner.invoke(app, ["view", option, "99999/XX-YYY", "-o", str(tmp_path / "v.html"),
                                 "--store", str(demo_store.path)])
    assert result.exit_code == 1 and "matches" in result.stderr
