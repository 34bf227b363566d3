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
                 "nêu trong văn bản", "suy luận theo quy tắc", 'placeholder="Tìm văn bản, đơn vị, nhiệm vụ…"'):
        assert text in visible
    labels = {e["relation"]: e["relation_label"] for e in embedded(page)["edges"]}
    assert labels == {"implements": "thực hiện", "basedOn": "căn cứ", "hasTask": "có nhiệm vụ",
                      "leadUnit": "chủ trì", "derivedFrom": "triển khai từ"}


def test_english_on_request(tmp_path: Path) -> None:
    nodes, edges = sample()
    html = render(nodes, edges, tmp_path / "en.html", title="Plan 41", lang="en").read_text()
    assert '<html lang="en">' in html
    visible = html.split('type="application/json"')[0]
    for text in ("Legend", "Document", "Task", "Central", "Commune", "stated in the text",
                 'placeholder="Find documents, agencies, tasks…"'):
        assert text in visible
    assert "Chú giải" not in html
    assert {e["relation_label"] for e in embedded(html)["edges"]} >= {"implements", "based on"}


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
