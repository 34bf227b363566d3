"""RemoteStore: the same ingest and trace against real SPARQL servers as against the embedded store.

The servers are started here, on free ports of 127.0.0.1, and stopped at the
end even when a test fails: a writable Oxigraph server (the `oxigraph`
package's) and Debian's Virtuoso (scripts/virtuoso). Virtuoso skips on a
machine without it, and fails when CI=true.
"""

from __future__ import annotations

import http.client
import socket
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

import queries
from graph.remote import RemoteError, RemoteStore, bind_values
from tests.conftest import require_program

ROOT = Path(__file__).parent.parent
MO_LAO_TASK = "tham mưu UBND phường trong công tác triển khai kế hoạch"
CANCU_GRAPHS = "https://w3id.org/cancu/graph/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answers(port: int, process: subprocess.Popen | None = None, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/query?query=ASK%7B%7D")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"nothing answered on 127.0.0.1:{port} within {seconds} s")


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory):
    """A writable Oxigraph server over an empty folder: http://127.0.0.1:PORT."""
    from graph.serve import oxigraph_program, stop_process

    port = free_port()
    process = subprocess.Popen(
        [oxigraph_program(), "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
         "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_answers(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_process(process)


@pytest.fixture(scope="module")
def virtuoso_url(tmp_path_factory):
    """A fresh Virtuoso started by scripts/virtuoso: http://127.0.0.1:PORT."""
    require_program("virtuoso-t")
    folder = tmp_path_factory.mktemp("virtuoso")
    port = free_port()
    script = str(ROOT / "scripts" / "virtuoso")
    try:
        subprocess.run([script, "start", str(folder), str(port)], check=True, timeout=120,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        yield f"http://127.0.0.1:{port}"
    finally:
        subprocess.run([script, "stop", str(folder)], timeout=60, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def embedded_trace(demo_store):
    from graph.trace import find_task, trace

    return trace(demo_store, find_task(demo_store, MO_LAO_TASK))


def remote_store(oxigraph_url: str | None = None, virtuoso_url: str | None = None) -> RemoteStore:
    if oxigraph_url:
        # Whole graphs by the Graph Store Protocol; the rest by SPARQL Update.
        return RemoteStore(f"{oxigraph_url}/query", update_url=f"{oxigraph_url}/update",
                           graph_store_url=f"{oxigraph_url}/store")
    # Virtuoso: anonymous queries on /sparql, updates on the authenticated /sparql-auth.
    return RemoteStore(f"{virtuoso_url}/sparql", update_url=f"{virtuoso_url}/sparql-auth",
                       user="dba", password="dba")


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def ingested(request, sample_files):
    """(RemoteStore, seconds the ingest took) for each server, the samples ingested into it."""
    from graph.pipeline import ingest_files

    import graph.pipeline

    url = request.getfixturevalue(f"{request.param}_url")
    store = remote_store(**{f"{request.param}_url": url})
    started = time.monotonic()
    # The files go to the server as a batch, as a big folder's would (the embedded store
    # they are compared with wrote these few one by one).
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(graph.pipeline, "_BULK_FROM", 1)
        results = ingest_files(store, sample_files)
    assert [r.status for r in results] == ["new"] * len(sample_files)
    return request.param, store, time.monotonic() - started


# --- against the servers -------------------------------------------------------

def test_trace_on_a_server_is_the_embedded_trace(ingested, embedded_trace):
    from graph.trace import find_task, trace

    server, store, seconds = ingested
    started = time.monotonic()
    remote = trace(store, find_task(store, MO_LAO_TASK))
    print(f"{server}: ingest {seconds:.1f} s, trace {time.monotonic() - started:.1f} s")
    assert remote.task == embedded_trace.task
    # Not the issuer's name: the trace query returns one row per label of the issuer (vi and
    # en) and the trace keeps the last, so which one depends on the engine's row order.
    assert [(m.iri, m.number, m.level) for m in remote.mandates] == \
        [(m.iri, m.number, m.level) for m in embedded_trace.mandates]
    assert [(s.source, s.target, s.property, s.method) for s in remote.chain] == \
        [(s.source, s.target, s.property, s.method) for s in embedded_trace.chain]
    assert [bool(s.quote) for s in remote.chain] == [bool(s.quote) for s in embedded_trace.chain]
    assert any(m.number == "76/NQ-CP" for m in remote.mandates)


def test_impact_on_a_server_is_the_embedded_impact(ingested, demo_store):
    from graph.impact import find_target, impact, impact_graph

    def touched(store):
        graph = impact_graph(store)
        result = impact(graph, find_target(store, graph, "6830/QĐ-UBND"))
        return ([(t.node.iri, t.distance, t.method) for t in result.documents],
                sorted(t.node.iri for t in result.tasks), sorted(u.touched.node.iri for u in result.units))

    _server, store, _seconds = ingested
    assert touched(store) == touched(demo_store)


def test_every_cancu_graph_holds_the_same_triples(ingested, demo_store):
    _server, store, _seconds = ingested
    ours = [g for g in store.graph_names() if g.startswith(CANCU_GRAPHS)]
    assert ours == demo_store.graph_names()
    for name in ours:
        remote = {(q.subject, q.predicate, q.object) for q in store.quads(URIRef(name))}
        embedded = {(q.subject, q.predicate, q.object) for q in demo_store.quads(URIRef(name))}
        assert remote == embedded, name


def test_the_default_graph_is_the_union_of_all_graphs(ingested):
    server, store, _seconds = ingested
    assert store.union == {"oxigraph": "parameter", "virtuoso": "native"}[server]
    rows = store.select("PREFIX cc: <https://w3id.org/cancu/ont#> SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a cc:Task }")
    assert rows[0]["n"] > 10


def test_reingesting_an_unchanged_file_skips_it(ingested, sample_files):
    from graph.pipeline import ingest_files

    _server, store, _seconds = ingested
    assert ingest_files(store, [sample_files[0]])[0].status == "unchanged"


def test_raw_query_gives_pyoxigraph_results_the_cli_prints(ingested):
    _server, store, _seconds = ingested
    assert isinstance(store.raw_query("ASK { ?s a <https://w3id.org/cancu/ont#Task> }"), ox.QueryBoolean)
    triples = store.raw_query("CONSTRUCT { ?d <http://e/number> ?n } WHERE { ?d <https://w3id.org/cancu/ont#number> ?n }")
    assert isinstance(triples, ox.QueryTriples)
    assert b"76/NQ-CP" in ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    solutions = store.raw_query("SELECT ?n WHERE { ?d <https://w3id.org/cancu/ont#number> ?n }")
    assert b"76/NQ-CP" in solutions.serialize(format=ox.QueryResultsFormat.JSON)
    with pytest.raises(SyntaxError):
        store.raw_query("SELECT WHERE { oops")


def test_writes_by_sparql_update_in_chunks(ingested, monkeypatch):
    import graph.remote

    server, store, _seconds = ingested
    monkeypatch.setattr(graph.remote, "CHUNK_TRIPLES", 7)
    name = URIRef("http://example.org/cancu-test/chunks")
    updates = RemoteStore(store.endpoint_url, update_url=store.update_url, user=store.user, password=store.password)
    graph = Graph()
    for i in range(30):
        graph.add((URIRef(f"http://example.org/s{i}"), URIRef("http://example.org/p"), Literal(f"Mỗ Lao \"{i}\"\n{{}}", lang="vi")))
    updates.replace_graph(name, graph)
    updates.replace_graph(name, graph)  # replaced, not doubled
    assert len(list(updates.quads(name))) == 30
    assert not [g for g in updates.graph_names() if g.startswith("urn:uuid:")]  # built aside, then moved in
    updates.remove_subject(name, URIRef("http://example.org/s3"))
    rows = updates.select("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": name, "s": URIRef("http://example.org/s4")})
    assert rows == [{"o": 'Mỗ Lao "4"\n{}'}]
    assert len(list(updates.quads(name))) == 29
    updates.replace_graph(name, Graph())
    assert list(updates.quads(name)) == []


def test_a_read_only_remote_store_refuses_writes(oxigraph_url):
    store = RemoteStore(f"{oxigraph_url}/query", read_only=True)
    with pytest.raises(RemoteError):
        store.add_to_graph(URIRef("http://example.org/g"), Graph())


def test_an_unreachable_endpoint_is_a_clear_error():
    store = RemoteStore(f"http://127.0.0.1:{free_port()}/sparql", timeout_s=5)
    with pytest.raises(RemoteError, match="cannot be reached"):
        store.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")


# --- binding parameters (no server) ---------------------------------------------

PARAMETERISED = [n for n in queries.names() if queries.get(n).parameters]


@pytest.mark.parametrize("name", PARAMETERISED)
def test_values_binding_gives_what_substitution_gives(demo_store, name):
    """Every named query: VALUES blocks give the rows pyoxigraph's substitutions give."""
    named = queries.get(name)
    bindings = queries.bindings(named, {})
    substituted = demo_store.select(named.text, bindings)
    bound = demo_store.select(bind_values(named.text, bindings))
    key = lambda rows: sorted(sorted((k, repr(v)) for k, v in r.items()) for r in rows)  # noqa: E731
    assert key(bound) == key(substituted)


def test_values_binding_on_the_trace_queries_with_real_tasks(demo_store, embedded_trace):
    task = URIRef(embedded_trace.task["iri"])
    document = URIRef(embedded_trace.task["document"])
    for name, bindings in (("task", {"task": task}), ("trace", {"start": document}), ("evidence", {"from": document})):
        text = queries.get(name).text
        assert demo_store.select(bind_values(text, bindings)) == demo_store.select(text, bindings)
        assert demo_store.select(text, bindings)


@pytest.mark.parametrize("value", [
    'plain', 'with "quotes" and \\ backslash', "line\nbreak\r\ttab", "} ; DROP ALL ; SELECT * WHERE { #",
    "'''", '"""', "Mỗ Lao — Hà Đông", "> <http://evil/> .", "",
])
def test_a_bound_literal_comes_back_unchanged(demo_store, value):
    text = bind_values("SELECT ?x WHERE { }", {"x": value})
    assert demo_store.select(text) == [{"x": value}]


def test_braces_in_strings_iris_and_comments_are_not_groups():
    text = 'PREFIX e: <http://e/#>\nSELECT ("{" AS ?b) WHERE { # a { comment\n ?s e:p "}" . OPTIONAL { ?s e:q ?x } VALUES ?z { 1 } }'
    bound = bind_values(text, {"s": URIRef("http://e/s")})
    assert bound.count("VALUES (?s)") == 2  # the WHERE and the OPTIONAL, not the VALUES data nor any string
    assert ox.Store().query(bound, use_default_graph_as_union=True) is not None


def test_subqueries_and_construct_templates():
    sub = bind_values("SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?o } } }", {"o": 1})
    assert "{ SELECT ?a WHERE { VALUES (?o)" in sub and sub.count("VALUES") == 2  # not between "{" and "SELECT"
    assert ox.Store().query(sub) is not None
    construct = bind_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": URIRef("http://e/s")})
    assert construct.startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES")


def test_what_cannot_be_bound_is_refused():
    with pytest.raises(ValueError):
        bind_values("SELECT * WHERE { ?s ?p ?o }", {"s": URIRef("http://e/a> <http://e/b")})
    with pytest.raises(ValueError):
        bind_values("SELECT * WHERE { ?s ?p ?o }", {"s) (?x": "x"})
    with pytest.raises(ValueError):
        bind_values("DESCRIBE <http://e/s>", {"s": "x"})


def test_virtuoso_script_refuses_without_arguments():
    result = subprocess.run([str(ROOT / "scripts" / "virtuoso")], capture_output=True, text=True, timeout=30)
    assert result.returncode != 0 and "usage" in result.stderr


def test_a_graph_changes_by_removals_only_and_by_additions_only(ingested):
    """What re-inference sends a server: a DELETE with nothing to insert, then the reverse."""
    _server, store, _seconds = ingested
    graph = URIRef("https://example.org/graph/test-change")  # not one of cancu's graphs
    lines = {f"<https://example.org/s{i}> <https://example.org/p> \"{i}\" .".encode() for i in range(3)}
    store.change_graph(graph, set(), lines)
    assert len(list(store.quads(graph))) == 3
    store.change_graph(graph, {min(lines)}, set())
    assert len(list(store.quads(graph))) == 2
    store.change_graph(graph, set(lines), set())
    assert list(store.quads(graph)) == []
