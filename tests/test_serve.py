"""`serve`: a read-only SPARQL endpoint over a store folder, with a time limit, example queries and no federation.

Every server here is bound to 127.0.0.1 on a free port and stopped at the end,
even when a test fails; every request has a client-side timeout.
"""

from __future__ import annotations

import gc
import html
import http.server
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace

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
        "import signal, threading, time\n"
        "from graph.serve import serve\n"
        f"server = serve({str(store_folder[0])!r}, port=0, timeout_s=5, log=lambda line: None)\n"
        "def announce():  # once wait() has taken SIGTERM, else the signal could come before it\n"
        "    while signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:\n"
        "        time.sleep(0.01)\n"
        "    print(server.url, server.engine.process.pid, flush=True)\n"
        "threading.Thread(target=announce, daemon=True).start()\n"
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


# --- federation: SERVICE is refused unless its host is allowed ---------------------------------

# The engine asks for ?s ?p ?o; an ?o of ours shows in the answer that the call was made.
LISTENER_ANSWER = {"head": {"vars": ["o"]},
                   "results": {"bindings": [{"o": {"type": "literal", "value": "from the listener"}}]}}


class Listener:
    """A SPARQL endpoint of ours on a free loopback port: it records every request the engine sends it."""

    def __init__(self):
        requests = self.requests = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self._answer(b"")

            def do_POST(self):
                self._answer(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

            def _answer(self, body):
                requests.append((self.command, self.path, body))
                data = json.dumps(LISTENER_ANSWER).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def listener():
    running = Listener()
    try:
        yield running
    finally:
        running.close()


def send(server, sparql: str, encoding: str, path: str = "/query") -> tuple[int, str]:
    """(status, body) of a query sent as a GET, a form POST or an application/sparql-query POST."""
    accept = {"Accept": "application/sparql-results+json"}
    if encoding == "get":
        request = urllib.request.Request(f"{server.url}{path}?" + urllib.parse.urlencode({"query": sparql}), headers=accept)
    elif encoding == "form":
        request = urllib.request.Request(f"{server.url}{path}", data=urllib.parse.urlencode({"query": sparql}).encode(),
                                         headers=accept)
    else:
        request = urllib.request.Request(f"{server.url}{path}", data=sparql.encode("utf-8"),
                                         headers={**accept, "Content-Type": "application/sparql-query"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


# Every way of writing a SERVICE that the engine would call (each one called our listener before).
SERVICE_QUERIES = {
    "plain": "SELECT * { SERVICE <{E}> { ?s ?p ?o } }",
    "lowercase": "select * { service <{E}> { ?s ?p ?o } }",
    "silent": "SELECT * { SERVICE SILENT <{E}> { ?s ?p ?o } }",
    "prefixed": "PREFIX e: <{ROOT}> SELECT * { SERVICE e:sparql { ?s ?p ?o } }",
    "glued to a prefixed name": "PREFIX : <{ROOT}> SELECT * { SERVICE:sparql { ?s ?p ?o } }",
    "relative to BASE": "BASE <{ROOT}> SELECT * { SERVICE <sparql> { ?s ?p ?o } }",
    "escaped IRI": "SELECT * { SERVICE <http:\\u002F\\u002F127.0.0.1:{PORT}/sparql> { ?s ?p ?o } }",
    "variable": "SELECT * { VALUES ?x { <{E}> } SERVICE ?x { ?s ?p ?o } }",
    "subquery": "SELECT * { { SELECT * { SERVICE <{E}> { ?s ?p ?o } } } }",
    "optional": "SELECT * { OPTIONAL { SERVICE <{E}> { ?s ?p ?o } } }",
    "exists": "SELECT * { BIND(1 AS ?a) FILTER EXISTS { SERVICE <{E}> { ?s ?p ?o } } }",
    "union": "SELECT * { { BIND(1 AS ?a) } UNION { SERVICE <{E}> { ?s ?p ?o } } }",
    "ask": "ASK { SERVICE <{E}> { ?s ?p ?o } }",
}
# Text that holds the word SERVICE but no SERVICE clause: run as usual.
NOT_SERVICE_QUERIES = {
    "string": 'SELECT * { BIND("SERVICE <{E}> { ?s ?p ?o }" AS ?x) }',
    "long string": 'SELECT * { BIND("""a"b"" SERVICE <{E}> { ?s ?p ?o } """ AS ?x) }',
    "escaped quote": 'SELECT * { BIND("a\\" SERVICE <{E}> { ?s ?p ?o } \\"" AS ?x) }',
    "comment": "# SERVICE <{E}> { ?s ?p ?o }\nSELECT * { BIND(1 AS ?x) }",
    "IRI": "SELECT * { BIND(<http://example.org/SERVICE> AS ?x) }",
    "variable and prefixed name": "PREFIX service: <http://example.org/> SELECT ?service { ?service service:p ?o }",
}


def fill(template: str, listener: Listener) -> str:
    return (template.replace("{E}", listener.url).replace("{ROOT}", f"http://127.0.0.1:{listener.port}/")
            .replace("{PORT}", str(listener.port)))


@pytest.mark.parametrize("encoding", ["get", "form", "direct"])
@pytest.mark.parametrize("case", sorted(SERVICE_QUERIES))
def test_a_service_query_is_refused_and_calls_nothing(server, listener, case, encoding):
    status, text = send(server, fill(SERVICE_QUERIES[case], listener), encoding)
    assert status == 403, text
    assert "SERVICE is refused" in text and "--allow-service HOST" in text
    assert listener.requests == []


@pytest.mark.parametrize("encoding", ["get", "form", "direct"])
@pytest.mark.parametrize("case", sorted(NOT_SERVICE_QUERIES))
def test_the_word_service_outside_a_service_clause_is_no_service(server, listener, case, encoding):
    status, text = send(server, fill(NOT_SERVICE_QUERIES[case], listener), encoding, path="/sparql")
    assert status == 200, text
    assert listener.requests == []


def test_a_query_that_mentions_service_and_cannot_be_parsed_is_refused_with_the_reason(server, listener):
    status, text = send(server, fill("SELECT * { SERVICE <{E}> { ?s ?p ?o }", listener), "form")
    assert status == 400
    assert text.startswith("the query cannot be parsed, so what it would call cannot be checked: Expected")
    assert "(line:1, col:" in text and listener.requests == []


def test_every_named_query_passes_the_service_check():
    from graph.remote import bind_values
    from graph.service import refusal, service_endpoints

    for name in queries.names():
        named = queries.get(name)
        for text in (named.text, bind_values(named.text, queries.bindings(named, {}))):
            assert service_endpoints(text) == [], name  # the parser reads every one of them
            assert refusal(text) is None, name


@pytest.mark.parametrize("headers, body, expected", [
    ({"Content-Type": "text/plain"}, b"ASK {}", 415),
    ({"Content-Type": "application/sparql-query", "Content-Encoding": "gzip"}, b"ASK {}", 415),
    ({"Content-Type": "application/sparql-query; charset=iso-8859-1"}, b"ASK {}", 415),
    ({"Content-Type": "application/sparql-query"}, b"ASK { \xff }", 400),
    ({"Content-Type": "application/x-www-form-urlencoded"}, b"query=ASK%7B%7D&query=ASK%7B%7D", 400),
    ({"Content-Type": "application/x-www-form-urlencoded"}, b"default-graph-uri=x", 400),
], ids=["other type", "compressed", "other charset", "not utf-8", "two queries", "no query"])
def test_a_query_the_proxy_cannot_read_as_sent_is_refused(server, headers, body, expected):
    request = urllib.request.Request(f"{server.url}/query", data=body, headers=headers)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == expected


@pytest.mark.parametrize("path", ["/x/../query", "/./query", "/query/", "/%71uery"])
def test_the_engine_gets_no_path_it_would_read_otherwise(server, listener, path):
    url = f"{server.url}{path}?" + urllib.parse.urlencode({"query": fill(SERVICE_QUERIES["plain"], listener)})
    assert get(url)[0] == 404
    assert listener.requests == []


def test_allowed_hosts_may_be_called_and_no_other(store_folder, listener):
    with serve(store_folder[0], port=0, timeout_s=10, allowed_service_hosts=["127.0.0.1"], log=lambda line: None) as allowed:
        status, text = send(allowed, fill(SERVICE_QUERIES["prefixed"], listener), "form")
        assert status == 200, text
        assert "from the listener" in text and len(listener.requests) == 1
        status, text = send(allowed, fill(SERVICE_QUERIES["variable"], listener), "form")
        assert status == 403 and "SERVICE ?x: a SERVICE endpoint must be written as an IRI" in text
        status, text = send(allowed, "SELECT * { SERVICE <http://localhost:9/sparql> { ?s ?p ?o } }", "get")
        assert status == 403 and "this endpoint calls only 127.0.0.1, not localhost" in text
        status, text = send(allowed, "SELECT * { SERVICE <sparql> { ?s ?p ?o } }", "get")
        assert status == 403 and "must be an absolute http(s) IRI" in text
        assert len(listener.requests) == 1


@pytest.mark.parametrize("given", ["http://127.0.0.1/", "127.0.0.1:8080", "", "a b"])
def test_an_allowed_host_that_is_no_host_is_a_clear_error(store_folder, given):
    with pytest.raises(ServeError, match="--allow-service: give "):
        serve(store_folder[0], port=0, allowed_service_hosts=[given])


@pytest.mark.parametrize("allow", [[], ["--allow-service", "127.0.0.1"]], ids=["by default", "allowed"])
def test_cancu_serve_calls_a_service_only_when_its_host_is_allowed(store_folder, listener, allow):
    """`cancu serve`: a SERVICE to our listener is 403 and the listener sees nothing, unless 127.0.0.1 is allowed."""

    process = subprocess.Popen([sys.executable, "-m", "cancu.cli", "serve", "--port", "0", "--store", str(store_folder[0]),
                                *allow], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "300"})
    try:
        url = re.search(r"http://127\.0\.0\.1:\d+", process.stdout.readline()).group(0)
        status, text = send(SimpleNamespace(url=url), fill(SERVICE_QUERIES["plain"], listener), "form")
        if allow:
            assert status == 200 and "from the listener" in text
            assert [(method, path) for method, path, _body in listener.requests] == [("POST", "/sparql")]
        else:
            assert status == 403 and listener.requests == []
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def test_a_csv_answer_holds_no_cell_that_a_spreadsheet_evaluates(server):
    # A spreadsheet's web query may open the endpoint's CSV: text that opens like a formula stays text.
    query = 'SELECT ?x ?y WHERE { VALUES (?x ?y) { ("=HYPERLINK(\\"http://x\\",\\"y\\")" "+cmd|\' /C calc\'!A0") ("@SUM(1)" "plain") } }'
    request = urllib.request.Request(f"{server.url}/query?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert answer.headers["Content-Type"].startswith("text/csv")
        rows = list(__import__("csv").reader(answer.read().decode("utf-8").splitlines()))
    assert rows == [["x", "y"], ["'=HYPERLINK(\"http://x\",\"y\")", "'+cmd|' /C calc'!A0"], ["'@SUM(1)", "plain"]]
