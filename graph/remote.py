"""A graph store behind a SPARQL 1.1 endpoint (Oxigraph server, Virtuoso, Fuseki …).

`RemoteStore` has the public methods of `GraphStore`, so ingest, trace, view and
the named queries run unchanged against a server:

- reading goes through SPARQLWrapper (SPARQL 1.1 Protocol, results as SPARQL
  XML, parsed by pyoxigraph), so `raw_query` returns the same result objects
  as the embedded store (`QuerySolutions`, `QueryBoolean`, `QueryTriples`)
  and `select`/`table` the same Python values;
- parameters are bound, never pasted: `bind_values` adds a `VALUES` block made
  of escaped RDF terms at the start of every group of the query;
- writing uses the Graph Store Protocol (an HTTP PUT/POST of N-Triples to
  `?graph=IRI`) when a graph store URL is given, else SPARQL Update
  (`DROP SILENT GRAPH` + `INSERT DATA`; a graph too large for one request is
  built in chunks in a graph aside and then `MOVE`d in place);
- the default graph a query sees is the union of all named graphs, as in the
  embedded store: how a server gives that is found out once (see `union`).
"""

from __future__ import annotations

import ast
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from SPARQLWrapper import BASIC, DIGEST, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException, Unauthorized

from graph.store import SelectRows, ntriples, ox_term, parameter_term

# How the union of all graphs is asked for: the server's default graph already is
# it (Virtuoso; Fuseki with unionDefaultGraph), Oxigraph's `union-default-graph`
# parameter, or the SPARQL Protocol's dataset (every graph named as default graph).
UNION_MODES = ("native", "parameter", "dataset")

# Triples per SPARQL Update request, and bytes: small enough for any server's limits.
CHUNK_TRIPLES = 1000
CHUNK_BYTES = 512 * 1024
# Rows per page when reading all quads (Virtuoso caps a result at ResultSetMaxRows, 10,000 by default).
PAGE_ROWS = 10000


class RemoteError(RuntimeError):
    """The endpoint cannot be reached, refuses the request or answers with an error."""


class RemoteStore(SelectRows):
    """A SPARQL endpoint holding the cancu graph, used like a `GraphStore`.

    `endpoint_url` answers queries; `update_url` takes SPARQL Update (default:
    the endpoint itself); `graph_store_url`, when given, takes whole graphs by
    the Graph Store Protocol. `user`/`password` authenticate (HTTP Basic, or
    Digest when the server asks for it, as Virtuoso's /sparql-auth does).
    `union` is one of UNION_MODES, or None to find out from the server.
    """

    def __init__(
        self,
        endpoint_url: str,
        *,
        update_url: str | None = None,
        graph_store_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        union: str | None = None,
        timeout_s: float = 60,
        read_only: bool = False,
    ):
        if union is not None and union not in UNION_MODES:
            raise ValueError(f"union must be one of {', '.join(UNION_MODES)}, not {union!r}")
        self.endpoint_url = endpoint_url
        self.update_url = update_url or endpoint_url
        self.graph_store_url = graph_store_url
        self.user = user
        self.password = password
        self.timeout_s = timeout_s
        self.read_only = read_only
        self.path = endpoint_url  # what `cancu ingest` prints as where the store is
        self._union = union
        self._auth = BASIC
        self._graphs: list[str] | None = None  # cached for the "dataset" mode

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint_url!r})"

    # --- writing ---------------------------------------------------------

    def replace_graph(self, graph_iri: URIRef, graph: Graph) -> None:
        """Put `graph` in place of whatever the named graph held."""
        self._check_writable()
        if self.graph_store_url:
            self._graph_store("PUT", graph_iri, graph)
        else:
            self._replace_by_update(_iri(graph_iri), _chunks(graph))
        self._graphs = None

    def _replace_by_update(self, name: str, chunks: list[str]) -> None:
        """Replace a graph in one request when it fits, else build it aside and MOVE it in.

        Never leaves a half-written graph in place: a failed ingest must not
        leave a graph that holds its content hash but not all of its triples.
        """
        if not chunks:  # (Virtuoso refuses an empty INSERT DATA)
            self._update(f"DROP SILENT GRAPH {name}")
            return
        if len(chunks) == 1:
            self._update(f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{chunks[0]}}} }}")
            return
        aside = _iri(f"urn:uuid:{uuid.uuid4()}")
        try:
            for chunk in chunks:
                self._update(f"INSERT DATA {{ GRAPH {aside} {{\n{chunk}}} }}")
            self._update(f"MOVE SILENT GRAPH {aside} TO GRAPH {name}")
        except BaseException:
            try:
                self._update(f"DROP SILENT GRAPH {aside}")
            except (RemoteError, SyntaxError):
                pass  # the ingest's own error is the one to report; the server drops the leftover on restart
            raise

    def replace_graph_ntriples(self, graph_iri: URIRef, data: bytes) -> None:
        """Put the N-Triples `data` in place of whatever the named graph held."""
        self.replace_graph(graph_iri, _parsed(data))

    def add_ntriples(self, graph_iri: URIRef, data: bytes) -> None:
        """Add the N-Triples `data` to a named graph."""
        self.add_to_graph(graph_iri, _parsed(data))

    def add_to_graph(self, graph_iri: URIRef, graph: Graph) -> None:
        """Add `graph`'s triples to a named graph (a triple already there is not doubled)."""
        self._check_writable()
        if self.graph_store_url:
            self._graph_store("POST", graph_iri, graph)
        else:
            name = _iri(graph_iri)
            for chunk in _chunks(graph):
                self._update(f"INSERT DATA {{ GRAPH {name} {{\n{chunk}}} }}")
        self._graphs = None

    def remove_subject(self, graph_iri: URIRef, subject: URIRef) -> None:
        """Remove every triple about `subject` from one named graph."""
        self._check_writable()
        self._update(f"DELETE WHERE {{ GRAPH {_iri(graph_iri)} {{ {_iri(subject)} ?p ?o }} }}")

    def add_graphs_in_bulk(self, graphs: dict[URIRef, bytes], last: dict[URIRef, bytes]) -> None:
        """Add new named graphs, then `last` (a server has no bulk loader over the protocol)."""
        for group in (graphs, last):
            for graph_iri, data in group.items():
                self.add_ntriples(graph_iri, data)

    def change_graph(self, graph_iri: URIRef, gone: set[bytes], added: set[bytes]) -> None:
        """Remove the N-Triples lines `gone` from a named graph and add `added`, in one update."""
        self._check_writable()
        name = _iri(graph_iri)
        # Only what is not empty (Virtuoso refuses an empty block), in requests of the usual size.
        for verb, lines in (("DELETE", gone), ("INSERT", added)):
            if lines:
                for chunk in _chunks(_parsed(b"".join(line + b"\n" for line in lines))):
                    self._update(f"{verb} DATA {{ GRAPH {name} {{\n{chunk}}} }}")
        self._graphs = None

    def is_empty(self, graph_iri: URIRef) -> bool:
        """Does the named graph hold no triple (or not exist)?"""
        return not self.raw_query(f"ASK {{ GRAPH {_iri(graph_iri)} {{ ?s ?p ?o }} }}")

    def _check_writable(self) -> None:
        if self.read_only:
            raise RemoteError(f"{self.endpoint_url}: opened read-only")

    # --- reading ---------------------------------------------------------

    def raw_query(self, sparql: str, bindings: dict[str, object] | None = None):
        """pyoxigraph's result object, as `GraphStore.raw_query` gives it.

        `QuerySolutions` for SELECT, `QueryBoolean` for ASK, `QueryTriples` for
        CONSTRUCT and DESCRIBE; SyntaxError when the server finds the query
        malformed (or it is an update), RemoteError when the server fails.
        """
        text = bind_values(sparql, bindings) if bindings else sparql
        return self._query(text, union=True)

    def graph_names(self) -> list[str]:
        """The named graphs (on Virtuoso these include its own system graphs)."""
        rows = self._query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union=False)
        return sorted(row["g"].value for row in rows if isinstance(row["g"], ox.NamedNode))

    def flush(self) -> None:
        """Nothing to do: the server made each write durable when it answered."""

    def version_store(self) -> None:
        """No versions are kept on a server: its default graph would show them beside the current ones."""
        return None

    def quad_count(self) -> int:
        rows = list(self._query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", union=False))
        return int(rows[0]["n"].value) if rows else 0

    def quads(self, graph_iri: URIRef | None = None) -> Iterator[ox.Quad]:
        """The quads of one named graph, or of all; read in pages, so no server cap cuts them."""
        query = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?s ?p ?o"
        if graph_iri is not None:
            query = bind_values(query, {"g": URIRef(str(graph_iri))})
        offset = 0
        while True:
            rows = list(self._query(f"{query}\nLIMIT {PAGE_ROWS} OFFSET {offset}", union=False))
            for row in rows:
                yield ox.Quad(row["s"], row["p"], row["o"], row["g"])
            if len(rows) < PAGE_ROWS:
                return
            offset += PAGE_ROWS

    # --- the protocol ----------------------------------------------------

    def _wrapper(self, url: str) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(url, updateEndpoint=url)
        wrapper.setMethod(POST)
        wrapper.setTimeout(self.timeout_s)
        if self.user is not None:
            wrapper.setHTTPAuth(self._auth)
            wrapper.setCredentials(self.user, self.password or "")
        return wrapper

    def _query(self, text: str, *, union: bool, params: dict[str, list[str]] | None = None):
        wrapper = self._wrapper(self.endpoint_url)
        wrapper.setQuery(text)
        if wrapper.isSparqlUpdateRequest():
            raise SyntaxError("this is a SPARQL update, not a query; a remote store is only queried here")
        construct = wrapper.queryType in ("CONSTRUCT", "DESCRIBE")
        wrapper.setReturnFormat(TURTLE if construct else XML)
        for key, values in (params if params is not None else self._union_params() if union else {}).items():
            for value in values:
                wrapper.addParameter(key, value)
        body = self._send(wrapper)
        if construct:
            return _as_query_triples(body)
        try:
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
        except SyntaxError as exc:
            raise RemoteError(f"{self.endpoint_url}: the answer is not SPARQL results ({exc})") from None

    def _update(self, text: str) -> None:
        wrapper = self._wrapper(self.update_url)
        wrapper.setQuery(text)
        self._send(wrapper)

    def _send(self, wrapper: SPARQLWrapper) -> bytes:
        """The body of the server's answer; the errors as SyntaxError or RemoteError."""
        url = wrapper.endpoint if not wrapper.isSparqlUpdateRequest() else wrapper.updateEndpoint
        try:
            try:
                return wrapper.query().response.read()
            except Unauthorized:
                if self.user is None or self._auth == DIGEST:
                    raise
                # Basic was refused: Virtuoso (and some proxies) take Digest only.
                self._auth = DIGEST
                wrapper.setHTTPAuth(DIGEST)
                return wrapper.query().response.read()
        except QueryBadFormed as exc:
            raise SyntaxError(f"{url}: {_first_line(exc)}") from None
        except Unauthorized:
            raise RemoteError(f"{url}: the user and password are refused") from None
        except SPARQLWrapperException as exc:
            raise RemoteError(f"{url}: {_first_line(exc)}") from None
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace").strip()
            raise RemoteError(f"{url}: HTTP {exc.code} {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise RemoteError(f"{url}: cannot be reached ({reason})") from None

    def _graph_store(self, method: str, graph_iri: URIRef, graph: Graph) -> None:
        """PUT (replace) or POST (add) a graph by the SPARQL 1.1 Graph Store HTTP Protocol."""
        _iri(graph_iri)  # refuse an IRI that is not one
        url = f"{self.graph_store_url}?{urllib.parse.urlencode({'graph': str(graph_iri)})}"
        body = ntriples(graph)
        request = urllib.request.Request(url, data=body, method=method,
                                         headers={"Content-Type": "application/n-triples; charset=utf-8"})
        opener = urllib.request.build_opener()
        if self.user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, self.graph_store_url, self.user, self.password or "")
            opener = urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(passwords),
                                                 urllib.request.HTTPDigestAuthHandler(passwords))
        try:
            with opener.open(request, timeout=self.timeout_s) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace").strip()
            raise RemoteError(f"{self.graph_store_url}: HTTP {exc.code} {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise RemoteError(f"{self.graph_store_url}: cannot be reached ({getattr(exc, 'reason', exc)})") from None

    # --- the union of all graphs -------------------------------------------

    @property
    def union(self) -> str | None:
        """How this server gives the union of all graphs (one of UNION_MODES), once it is known."""
        return self._union or self._detect_union()

    def _union_params(self) -> dict[str, list[str]]:
        mode = self.union
        if mode == "parameter":
            return {"union-default-graph": ["true"]}
        if mode == "dataset":
            if self._graphs is None:
                self._graphs = self.graph_names()
            return {"default-graph-uri": self._graphs, "named-graph-uri": self._graphs}
        return {}

    def _detect_union(self) -> str | None:
        """Ask whether a triple of a named graph is seen in the default graph, plainly or with Oxigraph's parameter.

        While no named graph holds a triple between two IRIs the answer is not
        known (None; queries then go plain) and the question is asked again later.
        """
        sample = list(self._query(
            "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o FILTER(isIRI(?s) && isIRI(?o)) } } LIMIT 1", union=False))
        if not sample:
            return None
        row = sample[0]
        ask = bind_values("ASK { ?s ?p ?o }", {"s": URIRef(row["s"].value), "p": URIRef(row["p"].value),
                                               "o": URIRef(row["o"].value)})
        for mode, params in (("native", {}), ("parameter", {"union-default-graph": ["true"]})):
            try:
                if bool(self._query(ask, union=False, params=params)):
                    self._union = mode
                    return mode
            except (SyntaxError, RemoteError):
                continue  # a server that refuses the unknown parameter
        self._union = "dataset"
        return self._union


# --- binding parameters -------------------------------------------------------

_TOKENS = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<word>[A-Za-z_][\w.-]*(?::[\w.\-%:]*)?|:[\w.\-%:]*)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def bind_values(sparql: str, bindings: dict[str, object] | None) -> str:
    """The query with each parameter bound by a `VALUES` block of escaped RDF terms.

    The block goes at the start of every group of the query (its WHERE, and each
    nested group, OPTIONAL, UNION branch, EXISTS and subquery), so that a FILTER
    or BIND anywhere sees the value, as pyoxigraph's substitutions do. Values
    are rdflib terms (a URIRef is an IRI) or Python values (a str is a plain
    literal), written escaped by `_n3`. The query text itself is only tokenised:
    braces inside strings, IRIs and comments are not mistaken for groups.

    >>> bind_values('SELECT ?t WHERE { ?t ?p "{x}" }', {"t": URIRef("http://e/t")})
    'SELECT ?t WHERE { VALUES (?t) { (<http://e/t>) } ?t ?p "{x}" }'
    >>> print(bind_values('SELECT * WHERE { ?s ?p ?o }', {"o": 'say "hi"\\n'}))
    SELECT * WHERE { VALUES (?o) { ("say \\"hi\\"\\n") } ?s ?p ?o }
    """
    if not bindings:
        return sparql
    names, terms = [], []
    for name, value in bindings.items():
        if not _VARIABLE.fullmatch(name):
            raise ValueError(f"{name!r} is not a SPARQL variable name")
        names.append(f"?{name}")
        terms.append(_n3(name, value))
    block = f" VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"

    tokens = [(m.lastgroup, m.group(), m.end()) for m in _TOKENS.finditer(sparql)]
    significant = [i for i, (kind, _text, _end) in enumerate(tokens) if kind not in ("space", "comment")]
    inserts: list[int] = []
    previous = ""  # the last significant token, upper-cased
    in_values_header = False
    for position, i in enumerate(significant):
        kind, text, end = tokens[i]
        word = text.upper()
        if kind == "word" and word == "VALUES":
            in_values_header = True
        if kind == "open":
            following = tokens[significant[position + 1]] if position + 1 < len(significant) else ("", "", 0)
            template = previous == "CONSTRUCT"  # CONSTRUCT { template }
            subquery = following[0] == "word" and following[1].upper() == "SELECT"  # its own WHERE gets it
            if in_values_header:  # VALUES ?x { … }: data, not a group
                in_values_header = False
            elif not (template or subquery):
                inserts.append(end)
        previous = word
    if not inserts:
        raise ValueError("this query has no WHERE pattern to bind parameters in")
    out, last = [], 0
    for at in inserts:
        out.append(sparql[last:at])
        out.append(block)
        last = at
    out.append(sparql[last:])
    return "".join(out)


def _n3(name: str, value: object) -> str:
    """The value of parameter `name` as an escaped SPARQL term.

    Converted as the embedded store converts it (`parameter_term`, so a value binds to
    the same term on both stores) and written as N-Triples by pyoxigraph, which escapes
    every quote, backslash and line break; an IRI that is not one is a BadParameter.
    """
    if isinstance(value, BNode):
        raise ValueError("a blank node cannot be bound as a parameter")
    return str(parameter_term(name, value))


def _iri(value: object) -> str:
    """`<iri>` for an IRI given as URIRef or str; ValueError if it is not an IRI."""
    return str(ox.NamedNode(str(value)))


# --- data for writes ------------------------------------------------------------

def _parsed(data: bytes) -> list[tuple]:
    return [(q.subject, q.predicate, q.object) for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]


def _ox_triples(graph: Graph) -> list[ox.Triple]:
    return [ox.Triple(ox_term(s), ox_term(p), ox_term(o)) for s, p, o in graph]


def _chunks(graph: Graph) -> list[str]:
    """The graph as N-Triples text in chunks for INSERT DATA.

    A blank node's label means the same node only within one request, so every
    triple with a blank node goes into the first chunk.
    """
    triples = _ox_triples(graph)
    with_blank = [t for t in triples if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)]
    others = [t for t in triples if not (isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode))]
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for index, triple in enumerate(with_blank + others):
        line = f"{triple} .\n"
        full = len(current) >= CHUNK_TRIPLES or size + len(line) > CHUNK_BYTES
        if current and full and index >= len(with_blank):
            chunks.append("".join(current))
            current, size = [], 0
        current.append(line)
        size += len(line)
    if current:
        chunks.append("".join(current))
    return chunks


def _as_query_triples(turtle: bytes):
    """Triples read from Turtle, as the `QueryTriples` the embedded store returns."""
    holder = ox.Store()
    try:
        holder.extend(ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(turtle, format=ox.RdfFormat.TURTLE))
    except SyntaxError as exc:
        raise RemoteError(f"the answer is not Turtle ({exc})") from None
    return holder.query("CONSTRUCT WHERE { ?s ?p ?o }")


def _first_line(exc: Exception) -> str:
    """What the server said (SPARQLWrapper puts it after "Response:"), on one line."""
    text = str(exc)
    if "Response:" in text:
        said = text.split("Response:", 1)[1].strip()
        try:
            said = ast.literal_eval(said).decode("utf-8", "replace")
        except (ValueError, SyntaxError, AttributeError):
            pass  # not a bytes literal: the text as the server sent it
        text = said
    return " ".join(text.split())[:400]
