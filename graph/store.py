"""Where the graph lives: an embedded, on-disk Oxigraph store.

The only module that knows both rdflib (in which graphs are built) and
pyoxigraph (in which they are stored and queried). One named graph per
source file; the default graph seen by a query is the union of all graphs.
"""

from __future__ import annotations

import os
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

DEFAULT_STORE = Path.home() / ".cancu" / "store"


def default_store_path() -> Path:
    """The store folder: `$CANCU_STORE`, else ~/.cancu/store."""
    return Path(os.environ.get("CANCU_STORE") or DEFAULT_STORE)


class StoreError(RuntimeError):
    """The store cannot be opened (another cancu holds it, or the folder is unusable)."""


# A reader opening the store while a writer rotates the engine's manifest files may find
# one gone ("Corruption … No such file"); the next attempt finds the new one.
_READ_ONLY_ATTEMPTS = 5


def _open_read_only(path: Path) -> ox.Store:
    """The store opened for reading; OSError when it cannot be."""
    attempt = 1
    while True:
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            if "no such file" not in str(exc).lower() or attempt == _READ_ONLY_ATTEMPTS:
                raise OSError(str(exc)) from None
        time.sleep(0.05 * attempt)
        attempt += 1


class SelectRows(ABC):
    """SELECT results as plain rows, for any store whose `raw_query` answers like pyoxigraph's."""

    def select(self, sparql: str, bindings: dict[str, object] | None = None) -> list[dict[str, object]]:
        """Rows of a SELECT query as dicts of Python values (str, int, bool …; IRIs as str)."""
        return self.table(sparql, bindings)[1]

    def table(self, sparql: str, bindings: dict[str, object] | None = None) -> tuple[list[str], list[dict[str, object]]]:
        """(column names, rows) of a SELECT query."""
        solutions = self.raw_query(sparql, bindings)
        names = [v.value for v in solutions.variables]
        return names, [{n: _python(row[n]) for n in names} for row in solutions]

    @abstractmethod
    def raw_query(self, sparql: str, bindings: dict[str, object] | None = None):
        """pyoxigraph's result object: QuerySolutions, QueryBoolean or QueryTriples."""


class GraphStore(SelectRows):
    """A folder holding the cancu graph.

    Commands that only read open it read-only, so that any number of them can
    run beside one that writes.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False):
        self.path = Path(path) if path else default_store_path()
        self.read_only = read_only
        # Counts this object's writes, so that what is computed from the store (the
        # impact graph) can be kept until the store changes.
        self.generation = 0
        self._versions: GraphStore | None = None
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: is a file, not a store folder")
        if read_only and not (self.path / "CURRENT").exists():
            raise StoreError(f"{self.path}: no graph store here yet; run `cancu ingest FILES` or `cancu demo` first")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self._store = _open_read_only(self.path) if read_only else ox.Store(str(self.path))
        except PermissionError:
            raise StoreError(f"{self.path}: no permission to write the store here; choose another folder with --store") from None
        except OSError as exc:
            busy = "lock" in str(exc).lower()
            reason = "another cancu command is writing to it; try again when it ends" if busy else str(exc)
            raise StoreError(f"{self.path}: the store cannot be opened ({reason})") from None

    # --- writing ---------------------------------------------------------

    def replace_graph(self, graph_iri: URIRef, graph: Graph) -> None:
        """Put `graph` in place of whatever the named graph held, in one transaction."""
        self.replace_graph_ntriples(graph_iri, ntriples(graph))

    def replace_graph_ntriples(self, graph_iri: URIRef, data: bytes) -> None:
        """Put the N-Triples `data` in place of whatever the named graph held, in one transaction.

        The engine reads the text itself: no Python object is made per triple.
        """
        name = ox.NamedNode(str(graph_iri))
        if not self._has_graph(name):
            self.add_ntriples(graph_iri, data)
            return
        # Dropping and filling in one update: a reader, or a process killed half-way,
        # sees the old graph or the new one, never an empty or half-filled one.
        self._store.update(f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{data.decode('utf-8')}}} }}")
        self.generation += 1

    def add_ntriples(self, graph_iri: URIRef, data: bytes) -> None:
        """Add the N-Triples `data` to a named graph."""
        if data:
            self._store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(graph_iri)))
        self.generation += 1

    def add_to_graph(self, graph_iri: URIRef, graph: Graph) -> None:
        """Add `graph`'s triples to a named graph (a triple already there is not doubled)."""
        name = ox.NamedNode(str(graph_iri))
        self._store.extend([ox.Quad(ox_term(s), ox_term(p), ox_term(o), name) for s, p, o in graph])
        self.generation += 1

    def remove_subject(self, graph_iri: URIRef, subject: URIRef) -> None:
        """Remove every triple about `subject` from one named graph."""
        name = ox.NamedNode(str(graph_iri))
        for quad in list(self._store.quads_for_pattern(ox.NamedNode(str(subject)), None, None, name)):
            self._store.remove(quad)
        self.generation += 1

    def flush(self) -> None:
        """Write what the engine holds in memory to its files.

        Each write is a transaction, durable once it returns (the engine logs it
        first), so this is not needed for safety; an ingest calls it once at the
        end so that the next command opens a compact store quickly.
        """
        self._store.flush()

    def copy_in(self, quads: Iterator[ox.Quad], graph_iri: URIRef) -> None:
        """Add quads of another graph (or store) into the named graph `graph_iri`."""
        name = ox.NamedNode(str(graph_iri))
        self._store.extend([ox.Quad(q.subject, q.predicate, q.object, name) for q in quads])
        self.generation += 1

    def version_store(self) -> "GraphStore":
        """The store that keeps previous versions of re-ingested files (see graph/versions.py)."""
        if self._versions is None:
            self._versions = GraphStore(self.path / "versions", read_only=self.read_only)
        return self._versions

    def _has_graph(self, name: ox.NamedNode) -> bool:
        return self._store.contains_named_graph(name)

    # --- reading ---------------------------------------------------------

    def raw_query(self, sparql: str, bindings: dict[str, object] | None = None):
        """The engine's own result object (for serialising to the W3C formats)."""
        substitutions = {ox.Variable(k): ox_term(v) for k, v in (bindings or {}).items()}
        return self._store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions or None)

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def quad_count(self) -> int:
        return len(self._store)

    def quads(self, graph_iri: URIRef | None = None) -> Iterator[ox.Quad]:
        graph = ox.NamedNode(str(graph_iri)) if graph_iri else None
        return self._store.quads_for_pattern(None, None, None, graph)



@lru_cache(maxsize=65536)
def _named_node(iri: URIRef) -> ox.NamedNode:
    # The same few thousand IRIs (properties, agencies, acts) recur in every file's graph.
    return ox.NamedNode(str(iri))


def ntriples(triples) -> bytes:
    """N-Triples text of (subject, predicate, object) triples, rdflib or pyoxigraph terms."""
    return ox.serialize([ox.Triple(ox_term(s), ox_term(p), ox_term(o)) for s, p, o in triples],
                        format=ox.RdfFormat.N_TRIPLES) or b""


def ox_term(value: object):
    """rdflib term or Python value → pyoxigraph term (a str is a plain literal: pass IRIs as URIRef)."""
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, URIRef):
        return _named_node(value)
    if isinstance(value, BNode):
        return ox.BlankNode(str(value))
    if isinstance(value, Literal):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    if isinstance(value, bool):
        return ox_term(Literal(value))
    if isinstance(value, (int, float)):
        return ox_term(Literal(value))
    return ox.Literal(str(value))


def _python(term):
    """pyoxigraph term → plain Python value (None for an unbound variable)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    datatype = term.datatype.value if term.datatype else ""
    if datatype.endswith(("#integer", "#int", "#long")):
        return int(term.value)
    if datatype.endswith(("#decimal", "#double", "#float")):
        return float(term.value)
    if datatype.endswith("#boolean"):
        return term.value == "true"
    return term.value
