"""`serve`: a read-only SPARQL endpoint over a store folder, with a time limit and example queries.

Every server here is bound to 127.0.0.1 on a free port and stopped at the end,
even when a test fails; every request has a client-side timeout.
"""

from __future__ import annotations

import gc
import html
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

import queries
from graph.serve import ServeError, examples_page, serve

ROOT = Path(__file__).parent.parent
LIMIT_S = 2
# Every triple × every triple × every triple, counted: nothing to stream, hours of work.
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def store_folder(tmp_path_factory, sample_files):
    """A store folder with the samples ingested, closed again (the server opens it on its own)."""
    from graph.pipeline import ingest_files
    from graph.store import GraphStore

    folder = tmp_path_factory.mktemp("served")
    store = GraphStore(folder)
    ingest_files(store, sample_files)
    quads = store.quad_count()
    del store
    gc.collect()
    return folder, quads


@pytest.fixture(scope="module")
def server(store_folder):
    logged: list[str] = []
    started = time.monotonic()
    running = serve(store_folder[0], port=0, timeout_s=LIMIT_S, log=logged.append)
    running.started_in = time.monotonic() - started
    try:
        yield running
    finally:
        running.stop()


def query(server, sparql: str) -> dict:
    wrapper = SPARQLWrapper(f"{server.url}/query")
    wrapper.setQuery(sparql)
    wrapper.setMethod(POST)
    wrapper.setReturnFormat(JSON)
    wrapper.setTimeout(30)
    return wrapper.query().convert()


def count(server) -> int:
    return int(query(server, COUNT_QUERY)["results"]["bindings"][0]["n"]["value"])


def get(url: str, timeout: float = 30) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_listens_on_loopback_only(server):
    assert server.url.startswith("http://127.0.0.1:")
    assert server.engine.process.args[server.engine.process.args.index("--bind") + 1].startswith("127.0.0.1:")
    print(f"started in {server.started_in:.2f} s")


def test_a_select_gets_rows(server, store_folder):
    rows = query(server, "PREFIX cc: <https://w3id.org/cancu/ont#> SELECT ?number WHERE { ?d cc:number ?number }")
    numbers = {r["number"]["value"] for r in rows["results"]["bindings"]}
    assert "76/NQ-CP" in numbers  # named graphs are seen through the default graph
    assert count(server) == store_folder[1]


@pytest.mark.parametrize("path", ["/update", "/sparql", "/query"])
def test_an_update_is_refused_and_changes_nothing(server, store_folder, path):
    wrapper = SPARQLWrapper(f"{server.url}/query", updateEndpoint=f"{server.url}{path}")
    wrapper.setMethod(POST)
    wrapper.setTimeout(30)
    wrapper.setQuery("INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> 1 } }")
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as refused:
        wrapper.query()
    assert "403" in str(refused.value) or getattr(refused.value, "code", None) == 403
    assert count(server) == store_folder[1]


def test_graph_store_writes_are_refused(server, store_folder):
    for method in ("PUT", "POST", "DELETE"):
        request = urllib.request.Request(f"{server.url}/store?graph=http://example.org/g", method=method,
                                         data=b"<http://example.org/s> <http://example.org/p> 1 .",
                                         headers={"Content-Type": "application/n-triples"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 403, method
    assert count(server) == store_folder[1]


def test_a_slow_query_is_stopped_with_a_clear_message(server, store_folder):
    restarts = server.engine.restarts
    started = time.monotonic()
    data = urllib.parse.urlencode({"query": SLOW_QUERY}).encode()
    request = urllib.request.Request(f"{server.url}/query", data=data,
                                     headers={"Accept": "application/sparql-results+json"})
    with pytest.raises(urllib.error.HTTPError) as stopped:
        urllib.request.urlopen(request, timeout=LIMIT_S + 20)
    elapsed = time.monotonic() - started
    assert stopped.value.code == 503
    assert f"the query ran longer than {LIMIT_S} seconds and was stopped" in stopped.value.read().decode("utf-8")
    assert LIMIT_S - 0.2 <= elapsed < LIMIT_S + 1.5
    # The engine that still ran it is replaced; the next query is answered at once.
    started = time.monotonic()
    assert count(server) == store_folder[1]
    assert time.monotonic() - started < LIMIT_S
    assert server.engine.restarts == restarts + 1


def test_the_query_page_and_its_scripts(server):
    status, page = get(server.url + "/")
    assert status == 200 and "yasgui.min.js" in page and 'href="/examples"' in page
    assert get(server.url + "/yasgui.min.js")[0] == 200


def test_the_examples_page_lists_the_named_queries(server):
    status, page = get(server.url + "/examples")
    assert status == 200
    for name in queries.names():
        named = queries.get(name)
        assert f'<section id="{name}">' in page
        assert html.escape(named.text) in page  # the text, escaped
        assert html.escape(named.description_vi) in page and html.escape(named.description_en) in page
    assert "<https://" not in page  # every IRI of every query was escaped
    # A link opens the query page with the query (its parameters bound to the examples).
    link = html.unescape(page.split('<section id="trace">')[1].split('href="')[1].split('"')[0])
    assert link.startswith("/#query=")
    opened = urllib.parse.unquote(link[len("/#query="):])
    assert "VALUES (?start)" in opened and queries.get("trace").parameters[0].example in opened


def test_examples_are_escaped():
    page = examples_page([("evil</h2><script>", 'SELECT * WHERE { ?s ?p "</pre><script>alert(1)</script>" }')])
    assert "<script>" not in page
    assert "&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_no_store_is_a_clear_error(tmp_path):
    with pytest.raises(ServeError, match="no graph store here yet"):
        serve(tmp_path / "nothing", port=0)


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_ctrl_c_stops_the_server_and_its_engine(store_folder, tmp_path, signal_number):
    """A process running `serve(...).wait()` ends on Ctrl-C (or SIGTERM) and leaves no Oxigraph server behind."""
    script = tmp_path / "run.py"
    script.write_text(
        "import sys\n"
        "from graph.serve import serve\n"
        f"server = serve({str(store_folder[0])!r}, port=0, timeout_s=5, log=lambda line: None)\n"
        "print(server.url, server.engine.process.pid, flush=True)\n"
        "server.wait()\n"
        "print('stopped', flush=True)\n",
        encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(script)], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        url, engine_pid = process.stdout.readline().split()
        assert get(url + "/")[0] == 200
        process.send_signal(signal_number)
        assert process.wait(timeout=30) == 0
        assert process.stdout.read().strip() == "stopped"
        deadline = time.monotonic() + 10
        while _alive(int(engine_pid)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(int(engine_pid))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (ended, not yet reaped) counts as gone.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[1].split()[0] != "Z"
    except OSError:
        return True
