"""Where the graph lives: an embedded, on-disk Oxigraph store.

The only module that knows both rdflib (in which graphs are built) and
pyoxigraph (in which they are stored and queried). One named graph per
source file; the default graph seen by a query is the union of all graphs.
"""

from __future__ import annotations

import os
import re
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
    """The store cannot be opened or written: another cancu holds it, or its folder is
    unusable, read-only, damaged or on a full disk. The message names the folder and the remedy;
    `kind` is one of `_PROBLEM_TEXT`'s keys when the engine's error was recognised."""

    def __init__(self, message: str, kind: str | None = None):
        super().__init__(message)
        self.kind = kind


class BadParameter(ValueError):
    """A value given for a query parameter that no RDF term can be made of (an IRI holding
    a space or a '>'): the message names the parameter, the value and why."""

    def __init__(self, name: str, value: object, reason: str):
        super().__init__(f"parameter {name}: {str(value)!r} is not a valid IRI ({reason}); an IRI holds no space "
                         "nor any of < > \" { } | ^ ` \\ (give words without http:// in front)")
        self.name = name


# What the engine's errors say, first match wins, and what each means (see `store_problem`).
# A corrupt block's message ("block checksum mismatch") holds "lock": damage is tried first.
_ENGINE_PROBLEMS = (
    ("damaged", re.compile(r"Corruption|corrupted|checksum mismatch|Column family not found|Bad table magic", re.I)),
    ("full", re.compile(r"No space left on device|Disk quota exceeded", re.I)),
    ("read_only", re.compile(r"Read-only file system", re.I)),
    ("no_permission", re.compile(r"Permission denied|Operation not permitted", re.I)),
    ("busy", re.compile(r"\bLOCK: |lock hold")),
)
_PROBLEM_TEXT = {
    "damaged": "the store is damaged: {file} cannot be read ({reason}); restore the folder from a backup, "
               "or move it aside and ingest the documents again",
    "full": "the disk is full ({reason}); free some space, or give a folder on another disk with --store, "
            "and run the command again (what was stored before it is kept)",
    "read_only": "the store folder is read-only; commands that only read work on it, but this one writes: "
                 "give a folder it may write to with --store",
    "no_permission": "no permission to write the store here; choose another folder with --store",
    "busy": "the store cannot be opened (another cancu command is writing to it; try again when it ends)",
}
# The engine's own files (RocksDB), as its messages name them.
_ENGINE_FILE = re.compile(r"(?<![\w./-])(?:[^\s:'\"]*/)?"
                          r"(?:\d{6}\.(?:sst|log|blob)|bulk-\d+\.sst|MANIFEST-\d+|CURRENT|OPTIONS-\d+|IDENTITY|LOCK|LOG)\b")


def store_problem(exc: BaseException, path: Path | None = None) -> StoreError | None:
    """What an error of the engine means for the user, as a StoreError naming the store folder
    (`path`, else the folder of the file the message names); None for an error that is not one
    of the store's place (a bug, or a query's own error)."""
    text = " ".join(str(exc).split())
    found = next(((kind, m) for kind, pattern in _ENGINE_PROBLEMS if (m := pattern.search(text))), None)
    if found is None:
        return None
    kind, match = found
    named = _ENGINE_FILE.search(text)
    if path is None and named:
        path = Path(named.group()).parent
    # The engine's first clause ("Bad table magic number"), not its numbers and offsets.
    reason = re.split(r":| in ", text.split("Corruption: ", 1)[1], maxsplit=1)[0] if "Corruption: " in text else match.group()
    file = Path(named.group()).name if named else "a file of it"
    message = _PROBLEM_TEXT[kind].format(file=file, reason=reason)
    return StoreError(f"{path}: {message}" if path is not None else message, kind)


# The N-Triples the store is given are written by `ntriples` from terms the engine checked
# when they were made: it need not check each IRI again as it reads them.
_OUR_OWN = True

# Graphs being written in bulk (outside a transaction) are listed here until they are
# complete; a process killed in between leaves the list, and the next open removes them.
JOURNAL = "bulk-load.journal"

# A reader opening the store while a writer rotates the engine's manifest files may find
# one gone ("Corruption … No such file"); the next attempt finds the new one.
_READ_ONLY_ATTEMPTS = 5


def _open_read_only(path: Path) -> ox.Store:
    """The store opened for reading; the engine's error when it cannot be."""
    attempt = 1
    while True:
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            if "no such file" not in str(exc).lower() or attempt == _READ_ONLY_ATTEMPTS:
                raise
        time.sleep(0.05 * attempt)
        attempt += 1


# The engine's data files: a folder holding any of them but no CURRENT is a damaged store,
# and one the engine must not open for writing (it would start an empty store over them).
_DATA_FILES = ("*.sst", "*.log", "MANIFEST-*")


def _has_data_files(path: Path) -> bool:
    return any(next(path.glob(pattern), None) is not None for pattern in _DATA_FILES)


def _query(store: ox.Store, sparql: str, bindings: dict[str, object] | None):
    """The engine's answer to `sparql`, the default graph the union of all, `bindings` bound."""
    return store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions(bindings))


def substitutions(bindings: dict[str, object] | None) -> dict[ox.Variable, object] | None:
    """Query parameters as the engine's terms; BadParameter names one no term can be made of."""
    return {ox.Variable(name): parameter_term(name, value) for name, value in (bindings or {}).items()} or None


def parameter_term(name: str, value: object):
    """`value` (see `ox_term`) as the term bound to parameter `name`; BadParameter if it is none."""
    try:
        return ox_term(value)
    except ValueError as exc:
        raise BadParameter(name, value, str(exc)) from None


class SelectRows(ABC):
    """SELECT results as plain rows, for any store whose `raw_query` answers like pyoxigraph's."""

    def select(self, sparql: str, bindings: dict[str, object] | None = None) -> list[dict[str, object]]:
        """Rows of a SELECT query as dicts of Python values (str, int, bool …; IRIs as str)."""
        return self.table(sparql, bindings)[1]

    def table(self, sparql: str, bindings: dict[str, object] | None = None) -> tuple[list[str], list[dict[str, object]]]:
        """(column names, rows) of a SELECT query."""
        solutions = self.raw_query(sparql, bindings)
        names = [v.value for v in solutions.variables]
        return names, [{n: _python(term) for n, term in zip(names, row)} for row in solutions]

    @abstractmethod
    def raw_query(self, sparql: str, bindings: dict[str, object] | None = None):
        """pyoxigraph's result object: QuerySolutions, QueryBoolean or QueryTriples."""


class MemoryStore(SelectRows):
    """A small store in memory, asked the same queries as the real one: a worker process
    runs them on the one file it has just read."""

    def __init__(self, graphs: dict[URIRef, bytes]):
        self._store = ox.Store()
        for graph_iri, data in graphs.items():
            if data:
                self._store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(graph_iri)))

    def raw_query(self, sparql: str, bindings: dict[str, object] | None = None):
        return _query(self._store, sparql, bindings)


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
        if self.path.is_dir() and not (self.path / "CURRENT").exists() and _has_data_files(self.path):
            missing = _PROBLEM_TEXT["damaged"].format(file="CURRENT", reason="it is missing, though the data files are there")
            raise StoreError(f"{self.path}: {missing}", "damaged")
        if read_only and not (self.path / "CURRENT").exists():
            raise StoreError(f"{self.path}: no graph store here yet; run `cancu ingest FILES` or `cancu demo` first")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            if (self.path / JOURNAL).exists():
                _recover(self.path, read_only)
            self._store = _open_read_only(self.path) if read_only else ox.Store(str(self.path))
        except (OSError, RuntimeError) as exc:
            problem = store_problem(exc, self.path)
            raise problem or StoreError(f"{self.path}: the store cannot be opened ({exc})") from None

    # --- writing ---------------------------------------------------------

    def replace_graph(self, graph_iri: URIRef, graph: Graph) -> None:
        """Put `graph` in place of whatever the named graph held, in one transaction."""
        self.replace_graph_ntriples(graph_iri, ntriples(graph))

    def replace_graph_ntriples(self, graph_iri: URIRef, data: bytes) -> None:
        """Put the N-Triples `data` in place of whatever the named graph held, in one transaction.

        The engine reads the text itself: no Python object is made per triple. Only
        what differs is written: a re-ingested plan, or the inferred links after one
        more plan, change a few triples of thousands.
        """
        name = ox.NamedNode(str(graph_iri))
        if not self._has_graph(name):
            self.add_ntriples(graph_iri, data)
            return
        stored = set(self._graph_ntriples(name).splitlines())
        given = set(data.splitlines())
        gone, added = stored - given, given - stored
        if any(_has_blank_node(line) for line in gone):
            # DELETE DATA cannot name a blank node: drop the graph and fill it again instead.
            self._store.update(f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{data.decode('utf-8')}}} }}")
            self.generation += 1
        else:
            self.change_graph(graph_iri, gone, added)

    def change_graph(self, graph_iri: URIRef, gone: set[bytes], added: set[bytes]) -> None:
        """Remove the N-Triples lines `gone` from a named graph and add `added`, in one transaction
        (a line in both stays). Lines without blank nodes: DELETE DATA cannot name one."""
        if not gone and not added:
            return
        name = ox.NamedNode(str(graph_iri))
        # One update is one transaction: a reader, or a process killed half-way, sees the
        # old graph or the new one, never a half-changed one.
        self._store.update(f"DELETE DATA {{ GRAPH {name} {{\n{_text(gone)}}} }} ;\n"
                           f"INSERT DATA {{ GRAPH {name} {{\n{_text(added)}}} }}")
        self.generation += 1

    def _graph_ntriples(self, name: ox.NamedNode) -> bytes:
        """The named graph as N-Triples, literals in the engine's canonical form."""
        return ox.serialize((q.triple for q in self._store.quads_for_pattern(None, None, None, name)),
                            format=ox.RdfFormat.N_TRIPLES) or b""

    def add_ntriples(self, graph_iri: URIRef, data: bytes) -> None:
        """Add the N-Triples `data` (as `ntriples` writes it) to a named graph."""
        if data:
            self._store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(graph_iri)),
                             lenient=_OUR_OWN)
        self.generation += 1

    def add_graphs_in_bulk(self, graphs: dict[URIRef, bytes], last: dict[URIRef, bytes]) -> None:
        """Add new named graphs (N-Triples each) by the engine's bulk loader, then `last`.

        The bulk loader writes the engine's files directly: a third of the work of
        transactions, but not atomic. So the graphs are listed in a journal first, and
        the triples of `last` (the content hashes that tell a later ingest a file is
        done) go in afterwards in one transaction; should the process die in between,
        the next open removes the half-written graphs and the files are read again.
        """
        journal = self.path / JOURNAL
        _write_durably(journal, "".join(f"{iri}\n" for iri in graphs))
        self._store.bulk_load(_nquads(graphs), format=ox.RdfFormat.N_QUADS, lenient=_OUR_OWN)
        if last:
            self._store.load(_nquads(last), format=ox.RdfFormat.N_QUADS, lenient=_OUR_OWN)
        journal.unlink()
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

    def is_empty(self, graph_iri: URIRef) -> bool:
        """Does the named graph hold no triple (or not exist)?"""
        return next(self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph_iri))), None) is None

    def _has_graph(self, name: ox.NamedNode) -> bool:
        return self._store.contains_named_graph(name)

    # --- reading ---------------------------------------------------------

    def raw_query(self, sparql: str, bindings: dict[str, object] | None = None):
        """The engine's own result object (for serialising to the W3C formats)."""
        return _query(self._store, sparql, bindings)

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def quad_count(self) -> int:
        return len(self._store)

    def quads(self, graph_iri: URIRef | None = None) -> Iterator[ox.Quad]:
        graph = ox.NamedNode(str(graph_iri)) if graph_iri else None
        return self._store.quads_for_pattern(None, None, None, graph)



def _nquads(graphs: dict[URIRef, bytes]) -> bytes:
    """N-Quads of named graphs given as N-Triples: each line ends " ." and escapes its newlines."""
    return b"".join(data.replace(b" .\n", b" <%s> .\n" % str(iri).encode()) for iri, data in graphs.items())


def _write_durably(path: Path, text: str) -> None:
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
    except OSError as exc:  # a write names no file (a full disk): this one does
        raise OSError(exc.errno, exc.strerror, str(path)) from None


# A reader that cannot undo a killed load (a writer holds the store and its load goes on, or
# the folder cannot be written) reads the store as it is.
_READ_AS_IT_IS = ("busy", "read_only", "no_permission", "full")


def _recover(path: Path, read_only: bool) -> None:
    """Remove the graphs a killed bulk load left half-written (see `add_graphs_in_bulk`).

    A reader does it too, as SQLite's readers roll back a hot journal, unless a
    writer holds the store: then the load is still going on and is left alone.
    """
    try:
        _remove_half_written(path)
    except (OSError, RuntimeError) as exc:
        if not (read_only and getattr(store_problem(exc, path), "kind", None) in _READ_AS_IT_IS):
            raise


def _remove_half_written(path: Path) -> None:
    store = ox.Store(str(path))
    try:
        listed = (path / JOURNAL).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return  # the writer finished, or another process recovered, in between
    for line in listed:
        if line.strip():
            store.remove_graph(ox.NamedNode(line.strip()))
    store.flush()
    del store
    # The files the bulk loader was writing when it failed (a full disk): never part of the store.
    for unfinished in path.glob("bulk-*.sst"):
        unfinished.unlink()
    (path / JOURNAL).unlink()


def _has_blank_node(line: bytes) -> bool:
    return line.startswith(b"_:") or b" _:" in line


def _text(lines: set[bytes]) -> str:
    return "".join(line.decode("utf-8") + "\n" for line in sorted(lines))


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
