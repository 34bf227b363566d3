"""The view in a real browser: headless Chromium driven over the DevTools protocol.

`--dump-dom` can only load a page, so these tests speak CDP over a websocket
(the `websocket-client` package) to type into the search box, click results,
buttons and filters, and read the page back.  Every page must open with the
network off, ask for nothing but its own file, log no error and open no dialog.
"""

from __future__ import annotations

import json
import queue
import re
import subprocess
import threading
import time
from pathlib import Path

import pytest
import websocket  # websocket-client, in the test extras

from tests.conftest import require_program
from tests.test_viz import HOSTILE_IMG, city
from viz import ViewEdge, ViewNode, render

HOSTILE_DETAIL = "<script>alert(2)</script>"
READY = "document.body && document.body.dataset.ready === '1'"


class Page:
    """One browser tab, driven over the Chrome DevTools Protocol."""

    def __init__(self, chromium: str, profile: Path) -> None:
        self.process = subprocess.Popen(
            [chromium, "--headless", "--remote-debugging-port=0", "--no-sandbox", "--disable-gpu",
             f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        self.ws = websocket.create_connection(self._devtools_url(), timeout=60, suppress_origin=True)
        self.events: list[dict] = []
        self._next_id = 0
        self.session = None
        target = next(t for t in self.call("Target.getTargets")["targetInfos"] if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", targetId=target["targetId"], flatten=True)["sessionId"]
        for domain in ("Runtime", "Log", "Page", "Network"):
            self.call(f"{domain}.enable")
        self.call("Network.emulateNetworkConditions", offline=True, latency=0,
                  downloadThroughput=-1, uploadThroughput=-1)

    def _devtools_url(self) -> str:
        """The browser's websocket, from the line Chromium prints on stderr."""
        lines: queue.Queue[str] = queue.Queue()

        def drain() -> None:  # keep reading, or a full pipe would stall Chromium
            for line in self.process.stderr:
                lines.put(line)

        threading.Thread(target=drain, daemon=True).start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                continue
            found = re.search(r"DevTools listening on (ws://\S+)", line)
            if found:
                return found.group(1)
        raise TimeoutError("Chromium did not print its DevTools address")

    def call(self, method: str, **params) -> dict:
        """Send one command and return its result; events met meanwhile are kept."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._event(reply)

    def _event(self, event: dict) -> None:
        if "method" not in event:
            return  # the reply to a dialog's dismissal, sent without waiting
        self.events.append(event)
        if event.get("method") == "Page.javascriptDialogOpening":  # would block the page
            self.ws.send(json.dumps({"id": 0, "sessionId": self.session,
                                     "method": "Page.handleJavaScriptDialog", "params": {"accept": False}}))

    def js(self, expression: str):
        """The value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, expression: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not self.js(expression):
            if time.monotonic() > deadline:
                raise TimeoutError(f"still false after {timeout} s: {expression}")
            time.sleep(0.1)

    def open(self, path: Path) -> None:
        self.call("Page.navigate", url=path.as_uri())
        self.wait(READY)

    def errors(self) -> list[dict]:
        """Console errors, uncaught exceptions and browser log errors (a CSP refusal is one)."""
        return [e for e in self.events if
                (e["method"] == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert"))
                or e["method"] == "Runtime.exceptionThrown"
                or (e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")]

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e["method"] == "Network.requestWillBeSent"]

    def dialogs(self) -> list[dict]:
        return [e for e in self.events if e["method"] == "Page.javascriptDialogOpening"]

    def close(self) -> None:
        self.ws.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def page(tmp_path):
    chromium = require_program("chromium", "/usr/bin/chromium")
    tab = Page(chromium, tmp_path / "profile")
    yield tab
    try:
        assert tab.errors() == []
        assert [u for u in tab.requests() if not u.startswith(("file:", "data:", "about:"))] == []
        assert tab.dialogs() == []
    finally:
        tab.close()


def search(page: Page, words: str) -> list[str]:
    """Type `words` into the search box; the texts of the results."""
    page.js(f"""(function () {{
      var box = document.getElementById("search-input");
      box.value = {json.dumps(words)};
      box.dispatchEvent(new Event("input"));
    }})()""")
    return page.js("Array.from(document.querySelectorAll('#search-results li'), li => li.textContent)")


def shown_nodes(page: Page) -> int:
    return int(page.js("document.getElementById('shown').dataset.nodes"))


def details(page: Page) -> dict:
    """The details panel: its title and its rows."""
    return page.js("""({
      title: (document.querySelector('#details-body h3.title') || {}).textContent,
      meta: (document.querySelector('#details-body p.meta') || {}).textContent,
      rows: Object.fromEntries(Array.from(document.querySelectorAll('#details-body dt'),
                               dt => [dt.textContent, dt.nextElementSibling.textContent]))
    })""")


def test_the_demo_page_searches_shows_details_speaks_english_and_filters(demo_store, tmp_path, page):
    from graph.trace import find_task, trace
    from graph.view import write_view

    chain = trace(demo_store, find_task(demo_store, "tham mưu UBND phường trong công tác triển khai kế hoạch"))
    page.open(write_view(demo_store, tmp_path / "demo.html", trace=chain))
    results = search(page, "Mo Lao")
    assert any("Mộ Lao" in r or "Mỗ Lao" in r for r in results), results
    first = page.js("document.querySelector('#search-results li button span').textContent")
    page.js("document.querySelector('#search-results li button').click()")
    shown = details(page)
    assert shown["title"] == first
    assert shown["rows"]["IRI"].startswith("https://w3id.org/cancu/id/")

    page.js("document.getElementById('lang-switch').click()")
    assert page.js("document.querySelector('#legend summary').textContent") == "Legend"
    assert page.js("document.querySelector('#details h2').textContent") == "Details"
    assert page.js("document.documentElement.lang") == "en"
    assert page.js("document.getElementById('lang-switch').textContent") == "Tiếng Việt"
    assert details(page)["title"] == first  # the panel is redrawn in English, same node
    assert re.match(r"(Document|Task|Agency|Administrative unit)", details(page)["meta"])

    everything = shown_nodes(page)
    page.js("document.querySelector('fieldset[data-facet=level] input[value=commune]').click()")
    assert 0 < shown_nodes(page) < everything
    page.js("document.getElementById('reset-filters').click()")
    assert shown_nodes(page) == everything
    page.js("var u = document.getElementById('unit-filter'); u.value = 'van phong';"
            "u.dispatchEvent(new Event('input'))")
    page.wait(f"+document.getElementById('shown').dataset.nodes < {everything}", timeout=10)
    page.js("document.getElementById('reset-filters').click()")
    page.js("document.getElementById('only-lit-input').click()")  # the trace and its neighbours
    assert 4 < shown_nodes(page) < everything / 2
    page.js("document.getElementById('reset-filters').click()")
    assert shown_nodes(page) == everything


def test_hostile_text_is_shown_as_text(demo_store, tmp_path, page):
    from graph.view import view_data

    nodes, edges = view_data(demo_store)
    nodes.append(ViewNode("urn:hostile", HOSTILE_IMG, "stub", "commune", {"Trích yếu": HOSTILE_DETAIL}))
    edges.append(ViewEdge(nodes[0].id, "urn:hostile", "cites", "stated", HOSTILE_DETAIL))
    page.open(render(nodes, edges, tmp_path / "hostile.html", title=HOSTILE_IMG))
    assert search(page, "onerror")
    page.js("document.querySelector('#search-results li button').click()")
    shown = details(page)
    assert shown["title"] == HOSTILE_IMG and shown["rows"]["Trích yếu"] == HOSTILE_DETAIL
    assert page.js("document.title") == HOSTILE_IMG
    assert page.js("document.querySelectorAll('img').length") == 0
    assert page.js("document.scripts.length") == 3
    assert HOSTILE_DETAIL in page.js("document.getElementById('details-body').textContent")


def test_a_folded_page_unfolds_a_plan_and_a_search_hit(demo_store, tmp_path, page):
    from graph.view import view_data

    nodes, edges = view_data(demo_store)
    page.open(render(nodes, edges, tmp_path / "folded.html", title="t", aggregate=True))
    documents = sum(n.kind in ("document", "stub") for n in nodes)
    assert shown_nodes(page) == documents
    assert not page.js("document.getElementById('aggregated').hidden")

    search(page, "41/KH-UBND")
    page.js("document.querySelector('#search-results li button').click()")
    assert details(page)["title"] == "41/KH-UBND"
    page.js("document.querySelector('#details-body .plan-toggle').click()")
    unfolded = shown_nodes(page)
    assert unfolded > documents + 10  # its ten tasks and their units
    assert page.js("document.querySelector('#details-body .plan-toggle').textContent") == "Thu gọn"
    page.js("document.querySelector('#details-body .plan-toggle').click()")
    assert shown_nodes(page) == documents

    search(page, "tham muu UBND phuong trong cong tac trien khai")  # a Mỗ Lao task, folded away
    page.js("document.querySelector('#search-results li button').click()")
    assert shown_nodes(page) == unfolded
    assert "hidden" not in page.js("document.getElementById('details-body').textContent")


def test_a_city_is_ready_within_the_virtual_time_budget(tmp_path):
    chromium = require_program("chromium", "/usr/bin/chromium")
    nodes, edges = city()
    path = render(nodes, edges, tmp_path / "city.html", title="city")
    run = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
         "--virtual-time-budget=5000", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=180,
    )
    assert 'data-ready="1"' in run.stdout
    documents = sum(n.kind == "document" for n in nodes)
    assert f'data-nodes="{documents}"' in run.stdout  # folded: documents only
    console = [line for line in run.stderr.splitlines() if "CONSOLE" in line or "Refused" in line]
    assert not [line for line in console if re.search(r"Uncaught|Error|Refused", line)], console


HOSTILE_PLAN = """ỦY BAN NHÂN DÂN
PHƯỜNG NHẬT TÂN

Số: 9/KH-UBND

Nhật Tân, ngày 12 tháng 02 năm 2025

KẾ HOẠCH
Tuyên truyền <img src=x onerror=alert(1)> cải cách hành chính <script>alert(2)</script>

Thực hiện Kế hoạch số 10/KH-UBND ngày 15/01/2025 của UBND quận Tây Hồ về tuyên truyền cải cách hành chính năm 2025, UBND phường Nhật Tân ban hành Kế hoạch như sau:

I. TỔ CHỨC THỰC HIỆN

1. Công chức Văn phòng - Thống kê

Tham mưu <script>alert(3)</script> xây dựng kế hoạch tuyên truyền cải cách hành chính năm 2025 của phường.
"""


def test_a_hostile_document_ingested_and_viewed_stays_text(tmp_path, page):
    """A plan whose title and task carry markup, from the file to the page: no element, no dialog."""
    from graph.pipeline import ingest_files
    from graph.store import GraphStore
    from graph.view import write_view

    plan = tmp_path / "hostile.txt"
    plan.write_text(HOSTILE_PLAN, encoding="utf-8")
    store = GraphStore(tmp_path / "store")
    assert ingest_files(store, [plan])[0].status == "new"
    page.open(write_view(store, tmp_path / "hostile.html"))
    assert search(page, "9/KH-UBND")
    page.js("document.querySelector('#search-results li button').click()")
    panel = page.js("document.getElementById('details-body').textContent")
    assert "<img src=x onerror=alert(1)>" in panel and "<script>alert(2)</script>" in panel
    assert search(page, "tham muu")
    page.js("document.querySelector('#search-results li button').click()")
    assert "<script>alert(3)</script>" in page.js("document.getElementById('details-body').textContent")
    assert page.js("document.querySelectorAll('img').length") == 0
    assert page.js("document.scripts.length") == 3


def test_the_search_box_folds_like_the_index(demo_store, tmp_path, page):
    """Words written out find a task that abbreviates them ("CCHC"), as `cancu search` does."""
    from graph.view import write_view

    page.open(write_view(demo_store, tmp_path / "demo.html"))
    abbreviated = search(page, "UBND cac phuong xay dung va to chuc thuc hien ke hoach tuyen truyen cai cach hanh chinh")
    # The task writes "tuyên truyền CCHC": found by the words spelt out. (A task shows its unit and section.)
    assert any(r.startswith("UBND các phường · IV.1.a") for r in abbreviated), abbreviated
