"""The graph view: offline, escaped, complete, bilingual, laid out by level."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from tests.conftest import require_program

import pytest

from viz import ViewEdge, ViewNode, render, style

HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = "</script><script>alert(2)</script>"
HOSTILE_QUOTE = "Căn cứ <svg onload=alert(3)> & </script>"
APP_JS = Path(__file__).resolve().parents[1] / "viz" / "app.js"


def sample() -> tuple[list[ViewNode], list[ViewEdge]]:
    nodes = [
        ViewNode("urn:nq76", "76/NQ-CP", "document", "central", {"Số": "76/NQ-CP"}),
        ViewNode("urn:qd6830", "6830/QĐ-UBND", "document", "province",
                 {"Cơ quan ban hành": "UBND thành phố Hà Nội", "Ngày": "2024-12-31"}),
        ViewNode("urn:kh62", "62/KH-UBND", "document", "district", {"Số": "62/KH-UBND"}),
        ViewNode("urn:kh41", "41/KH-UBND", "document", "commune",
                 {"Số": "41/KH-UBND", "Cơ quan ban hành": "UBND phường Mỗ Lao",
                  "Tệp nguồn": "004_685590da405b82b8.txt"}),
        ViewNode("urn:kh41/t1", "Tuyên truyền CCHC", "task", None, {"Hạn": "2025-12-31"}),
        ViewNode("urn:vp", "Văn phòng UBND phường", "agency", None, {}),
        ViewNode("urn:ml", "Phường Mỗ Lao", "territory", "commune", {"Mã": "09552"}),
        ViewNode("urn:nd61", "61/2018/NĐ-CP", "stub", "central", {}),
    ]
    edges = [
        ViewEdge("urn:qd6830", "urn:nq76", "implements", "curated", None),
        ViewEdge("urn:qd6830", "urn:nd61", "basedOn", "stated", "Căn cứ Nghị định số 61/2018/NĐ-CP"),
        ViewEdge("urn:kh62", "urn:qd6830", "implements", "stated", "Thực hiện Quyết định số 6830/QĐ-UBND"),
        ViewEdge("urn:kh41", "urn:kh62", "implements", "stated", "Kế hoạch số 62/KH-UBND"),
        ViewEdge("urn:kh41", "urn:kh41/t1", "hasTask", "stated", "1. Tuyên truyền"),
        ViewEdge("urn:kh41/t1", "urn:vp", "leadUnit", "stated", "Văn phòng UBND phường chủ trì"),
        ViewEdge("urn:kh41/t1", "urn:kh41", "derivedFrom", "inferred", "rule"),
    ]
    return nodes, edges


class _Scripts(HTMLParser):
    """Every <script> (attributes, text) and every src/href attribute of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.urls: list[str] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        self.urls += [v or "" for k, v in attrs if k in ("src", "href", "action", "data")]
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_data(self, data):
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = None


def parse(html: str) -> _Scripts:
    parser = _Scripts()
    parser.feed(html)
    parser.close()
    return parser


def embedded(html: str) -> dict:
    (text,) = [t for a, t in parse(html).scripts if a.get("type") == "application/json"]
    return json.loads(text)


@pytest.fixture
def page(tmp_path: Path) -> str:
    nodes, edges = sample()
    return render(nodes, edges, tmp_path / "view.html", title="Kế hoạch 41").read_text("utf-8")


def test_no_remote_resources(page: str) -> None:
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link[^>]*\bhref\s*=\s*[\"']?(https?:)?//", page, re.I)
    assert not re.search(r"@import|url\(\s*[\"']?(https?:)?//", page, re.I)
    remote = [u for u in parse(page).urls if re.match(r"\s*(https?:)?//", u, re.I)]
    assert remote == []
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page


def test_vis_network_is_inlined(page: str) -> None:
    vis_js = (
        resources.files("pyvis").joinpath("templates/lib/vis-9.1.2/vis-network.min.js")
        .read_text("utf-8")
    )
    executable = [t for a, t in parse(page).scripts if "type" not in a]
    assert vis_js in executable
    assert "new vis.Network(" in executable[-1]


def test_csp_forbids_network_and_allows_only_our_scripts(page: str) -> None:
    (csp,) = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    csp = csp.replace("&#39;", "'")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    executable = [t for a, t in parse(page).scripts if "type" not in a]
    allowed = set(re.findall(r"'sha256-([^']+)'", csp))
    assert len(executable) == 2
    for text in executable:
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
        assert digest in allowed


def test_hostile_text_is_never_markup(tmp_path: Path) -> None:
    nodes, edges = sample()
    nodes.append(ViewNode(HOSTILE_IMG, HOSTILE_IMG, "stub", "commune", {HOSTILE_IMG: HOSTILE_SCRIPT}))
    edges.append(ViewEdge("urn:kh41", HOSTILE_IMG, HOSTILE_SCRIPT, "stated", HOSTILE_QUOTE))
    html = render(nodes, edges, tmp_path / "v.html", title=HOSTILE_IMG + HOSTILE_SCRIPT).read_text()
    for raw in ("<img src=x onerror", "<script>alert", "<svg onload", "</script><"):
        assert raw not in html
    assert html.count("</script>") == 3  # the data block, vis-network, the page script
    assert "<title>&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;" in html
    data = embedded(html)
    hostile = next(n for n in data["nodes"] if n["id"] == HOSTILE_IMG)
    assert hostile["label"] == HOSTILE_IMG
    assert hostile["details"] == [[HOSTILE_IMG, HOSTILE_SCRIPT]]
    assert any(e["quote"] == HOSTILE_QUOTE and e["relation"] == HOSTILE_SCRIPT for e in data["edges"])


def test_page_script_puts_text_on_screen_as_text(page: str) -> None:
    app = APP_JS.read_text("utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in app
    data = embedded(page)
    assert all("title" not in item["vis"] for item in data["nodes"] + data["edges"])


def test_every_node_and_edge_is_embedded(page: str) -> None:
    nodes, edges = sample()
    data = embedded(page)
    assert [n["id"] for n in data["nodes"]] == [n.id for n in nodes]
    assert [n["label"] for n in data["nodes"]] == [n.label for n in nodes]
    got = [(e["from"], e["to"], e["relation"], e["method"], e["quote"]) for e in data["edges"]]
    assert got == [(e.source, e.target, e.relation, e.method, e.quote) for e in edges]
    kh41 = next(n for n in data["nodes"] if n["id"] == "urn:kh41")
    assert ["Tệp nguồn", "004_685590da405b82b8.txt"] in kh41["details"]


def test_links_to_unknown_nodes_are_left_out(tmp_path: Path) -> None:
    nodes, edges = sample()
    edges.append(ViewEdge("urn:kh41", "urn:nowhere", "cites", "stated", "?"))
    data = embedded(render(nodes, edges, tmp_path / "v.html", title="t").read_text())
    assert len(data["edges"]) == len(edges) - 1


def test_vietnamese_by_default(page: str) -> None:
    assert '<html lang="vi">' in page
    visible = page.split('type="application/json"')[0]
    for text in ("Chú giải", "Văn bản", "Nhiệm vụ", "Cơ quan, đơn vị", "Trung ương", "Cấp xã",
                 "nêu trong văn bản", "suy luận theo quy tắc", 'placeholder="Tìm văn bản, đơn vị, nhiệm vụ…"',
                 "Bộ lọc", ">English</button>"):
        assert text in visible
    data = embedded(page)
    assert data["lang"] == "vi"
    relations = data["text"]["vi"]["relation"]
    assert {e["relation"]: relations[e["relation"]] for e in data["edges"]} == {
        "implements": "thực hiện", "basedOn": "căn cứ", "hasTask": "có nhiệm vụ",
        "leadUnit": "chủ trì", "derivedFrom": "triển khai từ"}


def test_english_on_request(tmp_path: Path) -> None:
    nodes, edges = sample()
    html = render(nodes, edges, tmp_path / "en.html", title="Plan 41", lang="en").read_text()
    assert '<html lang="en">' in html
    visible = html.split('type="application/json"')[0]
    for text in ("Legend", "Document", "Task", "Central", "Commune", "stated in the text",
                 'placeholder="Find documents, agencies, tasks…"', "Filters", ">Tiếng Việt</button>"):
        assert text in visible
    assert "Chú giải" not in visible
    data = embedded(html)
    assert data["lang"] == "en"
    assert {data["text"]["en"]["relation"][e["relation"]] for e in data["edges"]} >= {"implements", "based on"}


def test_both_languages_travel_with_the_page_for_its_switch(page: str) -> None:
    text = embedded(page)["text"]
    assert set(text) == set(style.LANGS)
    for table in ("ui", "kind", "level", "relation", "method"):
        assert set(text["vi"][table]) == set(text["en"][table]), table
    assert (text["vi"]["ui"]["switch_lang"], text["en"]["ui"]["switch_lang"]) == ("English", "Tiếng Việt")
    # detail keys come from graph/view.py in Vietnamese; unknown ones stay as given
    assert text["en"]["detail"]["Cơ quan ban hành"] == "Issued by" and "Ghi chú" not in text["en"]["detail"]
    assert text["en"]["doc_type"]["Quyết định"] == "Decision" and text["vi"]["doc_type"]["none"] == "(không rõ)"
    # every label of a document key in the sample has an English word
    assert {k for n in sample()[0] for k in n.details} <= set(text["en"]["detail"])


def test_a_title_per_language_is_switched_too(tmp_path: Path) -> None:
    html = render(*sample(), tmp_path / "t.html", title={"vi": "Bản đồ", "en": "Map"}).read_text()
    assert "<title>Bản đồ</title>" in html
    assert {lang: t["title"] for lang, t in embedded(html)["text"].items()} == {"vi": "Bản đồ", "en": "Map"}
    with pytest.raises(ValueError, match="en"):
        render(*sample(), tmp_path / "u.html", title={"vi": "Bản đồ"})


def test_unknown_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="lang"):
        render([], [], tmp_path / "x.html", title="t", lang="fr")


def test_line_style_follows_method(page: str) -> None:
    dashes = {e["method"]: e["vis"]["dashes"] for e in embedded(page)["edges"]}
    assert dashes == {"stated": False, "curated": style.METHOD_DASHES["curated"], "inferred": [2, 4]}
    assert dashes["curated"] and dashes["curated"] != dashes["inferred"]


def test_levels_are_bands_from_central_down(page: str) -> None:
    y = {n["id"]: n["vis"]["y"] for n in embedded(page)["nodes"]}
    assert y["urn:nq76"] < y["urn:qd6830"] < y["urn:kh62"] < y["urn:kh41"]
    assert y["urn:nd61"] == y["urn:nq76"]
    # the task has no level of its own: it sits just under its commune document
    assert y["urn:kh41"] < y["urn:kh41/t1"] < y["urn:kh41"] + style.ROW_HEIGHT
    assert y["urn:kh41/t1"] < y["urn:vp"]
    assert all(n["vis"]["fixed"] == {"x": False, "y": True} for n in embedded(page)["nodes"])


def test_kinds_and_levels_look_different(page: str) -> None:
    nodes = {n["id"]: n["vis"] for n in embedded(page)["nodes"]}
    shapes = {nodes[i]["shape"] for i in ("urn:kh41", "urn:kh41/t1", "urn:vp", "urn:ml")}
    assert len(shapes) == 4
    fills = {nodes[i]["color"]["background"] for i in ("urn:nq76", "urn:qd6830", "urn:kh62", "urn:kh41")}
    assert len(fills) == 4
    assert nodes["urn:nd61"]["shapeProperties"]["borderDashes"]


def test_highlight_dims_the_rest(tmp_path: Path) -> None:
    nodes, edges = sample()
    plain = embedded(render(nodes, edges, tmp_path / "a.html", title="t").read_text())
    assert not any("opacity" in n["vis"] for n in plain["nodes"])
    assert {e["vis"]["color"]["opacity"] for e in plain["edges"]} == {1.0}
    for n in nodes:
        n.highlight = n.id in ("urn:kh41", "urn:kh62")
    data = embedded(render(nodes, edges, tmp_path / "b.html", title="t").read_text())
    vis = {n["id"]: n["vis"] for n in data["nodes"]}
    assert "opacity" not in vis["urn:kh41"] and vis["urn:kh41"]["borderWidth"] > 2
    assert vis["urn:nq76"]["opacity"] < 0.5
    lit = [e for e in data["edges"] if e["vis"]["color"]["opacity"] == 1.0]
    assert [(e["from"], e["to"]) for e in lit] == [("urn:kh41", "urn:kh62")]
    assert lit[0]["vis"]["width"] > max(e["vis"]["width"] for e in data["edges"] if e not in lit)


def test_search_folds_diacritics_in_the_page_script() -> None:
    node = require_program("node")
    script = (
        f"const m = require({json.dumps(str(APP_JS))});"
        "const idx = m.searchIndex(%s);"
        "console.log(JSON.stringify({fold: m.fold('Ủy ban ĐÔNG  Mỗ Lao'),"
        " q: ['mo lao', 'MỖ LAO', 'van phong', 'dong da', '41/kh', 'hai long'].map("
        "   q => m.matchNodes(idx, q).map(n => n.id))}));"
    ) % json.dumps([
        {"id": "a", "label": "Văn phòng UBND phường", "details": [["Tên", "Văn phòng UBND phường Mỗ Lao"]]},
        {"id": "b", "label": "41/KH-UBND", "details": [["Trích yếu", "Khảo sát sự hài lòng"]]},
        {"id": "c", "label": "Quận Đống Đa", "details": []},
    ])
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True, timeout=60)
    result = json.loads(out.stdout)
    assert result["fold"] == "uy ban dong mo lao"
    assert result["q"] == [["a"], ["a"], ["a"], ["c"], ["b"], ["b"]]


def test_page_loads_without_console_errors(tmp_path: Path) -> None:
    chromium = require_program("chromium", "/usr/bin/chromium")
    nodes, edges = sample()
    nodes.append(ViewNode("urn:x", HOSTILE_IMG, "stub", "commune", {"x": HOSTILE_SCRIPT}))
    path = render(nodes, edges, tmp_path / "v.html", title="t", focus="urn:kh41")
    run = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr",
         "--v=0", "--virtual-time-budget=20000", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    console = [line for line in run.stderr.splitlines() if "CONSOLE" in line or "Refused" in line]
    assert not [line for line in console if re.search(r"Uncaught|Error|Refused", line)], console
    assert 'data-ready="1"' in run.stdout
    assert "<img" not in run.stdout


def city(districts: int = 30, wards: int = 15, tasks: int = 9) -> tuple[list[ViewNode], list[ViewEdge]]:
    """A synthetic city of ~5000 nodes: a city plan, district plans, ward plans with tasks and units."""
    nodes = [ViewNode("urn:c/nq", "76/NQ-CP", "document", "central", doc_type="Nghị quyết"),
             ViewNode("urn:c/city", "6830/QĐ-UBND", "document", "province", doc_type="Quyết định")]
    edges = [ViewEdge("urn:c/city", "urn:c/nq", "implements", "curated", None)]
    for d in range(districts):
        district = f"urn:c/d{d}"
        nodes.append(ViewNode(district, f"{d + 1}/KH-UBND quận {d}", "document", "district", doc_type="Kế hoạch"))
        edges.append(ViewEdge(district, "urn:c/city", "implements", "stated", "Thực hiện 6830"))
        for w in range(wards):
            plan, unit = f"{district}/w{w}", f"{district}/w{w}/vp"
            nodes.append(ViewNode(plan, f"{w + 1}/KH-UBND phường {d}-{w}", "document", "commune",
                                  doc_type="Kế hoạch"))
            nodes.append(ViewNode(unit, f"Văn phòng UBND phường {d}-{w}", "agency", None))
            edges.append(ViewEdge(plan, district, "implements", "stated", None))
            for t in range(tasks):
                task = f"{plan}/t{t}"
                nodes.append(ViewNode(task, f"Nhiệm vụ {t + 1}", "task", None, {"Nội dung": "Tuyên truyền"}))
                edges.append(ViewEdge(plan, task, "hasTask", "stated", None))
                edges.append(ViewEdge(task, unit, "leadUnit", "stated", None))
    return nodes, edges


def test_plans_know_their_tasks_and_units(page: str) -> None:
    data = embedded(page)
    ids = [n["id"] for n in data["nodes"]]
    members = {plan: {k: [ids[i] for i in v] for k, v in m.items()} for plan, m in data["plans"].items()}
    assert members == {"urn:kh41": {"tasks": ["urn:kh41/t1"], "units": ["urn:vp"]}}


def test_filters_offer_the_values_present_with_their_counts(tmp_path: Path) -> None:
    nodes, edges = sample()
    for n in nodes:
        n.doc_type = {"urn:qd6830": "Quyết định", "urn:kh62": "Kế hoạch", "urn:kh41": "Kế hoạch"}.get(n.id)
    edges.append(ViewEdge("urn:kh62", "urn:nd61", "cites", None, None))
    facets = embedded(render(nodes, edges, tmp_path / "f.html", title="t").read_text())["facets"]
    assert facets["level"] == [["central", 2], ["province", 1], ["district", 1], ["commune", 4]]
    assert facets["kind"] == [["document", 4], ["stub", 1], ["task", 1], ["agency", 1], ["territory", 1]]
    assert facets["doc_type"] == [["none", 2], ["Quyết định", 1], ["Kế hoạch", 2]]
    assert [r for r, _ in facets["relation"]] == ["implements", "basedOn", "cites", "hasTask", "leadUnit",
                                                  "derivedFrom"]
    assert facets["method"] == [["stated", 5], ["curated", 1], ["inferred", 1], ["none", 1]]


def test_a_small_graph_opens_whole(page: str) -> None:
    assert embedded(page)["aggregate"] is False


def test_a_city_opens_folded_to_its_documents(tmp_path: Path) -> None:
    nodes, edges = city()
    assert 4900 <= len(nodes) <= 5100
    data = embedded(render(nodes, edges, tmp_path / "city.html", title="t").read_text())
    assert data["aggregate"] is True and len(nodes) > style.AGGREGATE_ABOVE
    by_id = {n["id"]: n for n in data["nodes"]}
    ward = data["plans"]["urn:c/d3/w4"]
    assert len(ward["tasks"]) == 9 and [data["nodes"][i]["id"] for i in ward["units"]] == ["urn:c/d3/w4/vp"]
    # with physics off the layout's x is final: ward plans sit under their district's plan, in order
    x = {i: n["vis"]["x"] for i, n in by_id.items()}
    assert x["urn:c/d0"] < x["urn:c/d1"] < x["urn:c/d2"]
    assert max(x[f"urn:c/d0/w{w}"] for w in range(15)) < min(x[f"urn:c/d1/w{w}"] for w in range(15))
    # 450 ward plans fold into rows, not one line a hundred thousand pixels long
    wards = [by_id[f"urn:c/d{d}/w{w}"]["vis"] for d in range(30) for w in range(15)]
    assert len({(v["x"], v["y"]) for v in wards}) == len(wards)
    assert max(v["x"] for v in wards) - min(v["x"] for v in wards) <= style.MAX_DOCS_PER_ROW * 260
    task = by_id["urn:c/d0/w0/t0"]["vis"]
    assert task["y"] > max(v["y"] for v in wards)  # tasks under every row of plans
    forced = embedded(render(*sample(), tmp_path / "f.html", title="t", aggregate=True).read_text())
    assert forced["aggregate"] is True


VISIBLE_JS = """
const m = require(%(app)s);
const data = %(data)s;
const g = m.prepare(data);
const out = %(states)s.map(function (s) {
  const state = m.openingState("vi");
  Object.keys(s.off || {}).forEach(function (f) { s.off[f].forEach(function (v) { state.off[f].add(v); }); });
  (s.expanded || []).forEach(function (p) { state.expanded.add(p); });
  state.unit = s.unit || "";
  state.onlyLit = !!s.onlyLit;
  const nodes = m.visibleNodeIds(g, state);
  return {nodes: Array.from(nodes).sort(), edges: m.visibleEdgeIds(g, state, nodes).size};
});
console.log(JSON.stringify(out));
"""


def visible(data: dict, states: list[dict]) -> list[dict]:
    """What the page script shows of `data` in each filter state (run in node)."""
    node = require_program("node")
    script = VISIBLE_JS % {"app": json.dumps(str(APP_JS)), "data": json.dumps(data), "states": json.dumps(states)}
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True, timeout=60)
    return json.loads(out.stdout)


def test_filters_narrow_what_the_page_script_shows(tmp_path: Path) -> None:
    nodes, edges = sample()
    nodes[2].doc_type = "Kế hoạch"  # 62/KH-UBND
    nodes[3].doc_type = "Kế hoạch"  # 41/KH-UBND, with the task
    nodes.append(ViewNode("urn:vp2", "Phòng Nội vụ", "agency", None))
    edges.append(ViewEdge("urn:kh41/t1", "urn:vp2", "cooperatingUnit", "stated", None))
    data = embedded(render(nodes, edges, tmp_path / "v.html", title="t").read_text())
    every, commune_off, no_tasks, plans_off, unit, no_stated, no_links = visible(data, [
        {},
        {"off": {"level": ["commune"]}},
        {"off": {"kind": ["task"]}},
        {"off": {"doc_type": ["Kế hoạch"]}},
        {"unit": "van phong"},
        {"off": {"method": ["stated"]}},
        {"off": {"relation": ["implements", "basedOn", "hasTask", "leadUnit", "derivedFrom",
                              "cooperatingUnit"]}},
    ])
    assert len(every["nodes"]) == len(nodes) and every["edges"] == len(edges)
    assert not {"urn:kh41", "urn:kh41/t1", "urn:vp", "urn:ml"} & set(commune_off["nodes"])
    assert "urn:kh41/t1" not in no_tasks["nodes"] and no_tasks["edges"] == 4  # the acts' links
    # a plan's type hides the plan and its tasks, not the units
    assert not {"urn:kh62", "urn:kh41", "urn:kh41/t1"} & set(plans_off["nodes"]) and "urn:vp" in plans_off["nodes"]
    # the unit box keeps the matching unit, its tasks and their documents: not the other unit
    assert unit["nodes"] == ["urn:kh41", "urn:kh41/t1", "urn:vp"]
    assert len(no_stated["nodes"]) == len(nodes) and no_stated["edges"] == 2
    assert no_links["edges"] == 0


def test_a_folded_page_shows_documents_the_lit_part_and_unfolded_plans(tmp_path: Path) -> None:
    nodes, edges = sample()
    nodes[7].highlight = True  # 61/2018/NĐ-CP
    data = embedded(render(nodes, edges, tmp_path / "v.html", title="t", aggregate=True).read_text())
    folded, unfolded, lit_only, lit_by_level = visible(data, [
        {}, {"expanded": ["urn:kh41"]}, {"onlyLit": True}, {"onlyLit": True, "off": {"level": ["province"]}}])
    documents = ["urn:kh41", "urn:kh62", "urn:nd61", "urn:nq76", "urn:qd6830"]
    assert folded["nodes"] == documents
    assert unfolded["nodes"] == sorted(documents + ["urn:kh41/t1", "urn:vp"])
    assert lit_only["nodes"] == ["urn:nd61", "urn:qd6830"]  # the lit node and its neighbour
    assert lit_by_level["nodes"] == ["urn:nd61"]
