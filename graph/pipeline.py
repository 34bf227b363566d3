"""Ingest: files → extraction → RDF → store, one named graph per source file.

A file whose content has not changed since it was last ingested is skipped; a
changed file replaces exactly its own graph. A file that cannot be read is
refused with its reason, and nothing already stored is touched. Reference
data (central acts) and curated links are (re)loaded on every ingest.
"""

from __future__ import annotations

import csv
import ctypes
import hashlib
import multiprocessing
import os
import signal
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from rdflib import Graph, URIRef

import queries
from graph import iris, search
from graph.build import CURATED_PROPERTIES, Citation, CuratedLink, build, curated, inferred, materialise, stubs
from graph.impact import ImpactGraph, impact
from graph.infer import as_links, derivations, stored_derivations
from graph.store import GraphStore, ntriples
from graph.versions import Change, differences, keep_version, snapshot
from ontology import CC
from ingest.errors import IngestError
from ingest.extract import extract
from ingest.readers import refuse_unsupported
from ingest.readers.limits import file_bytes


@dataclass
class FileResult:
    """What happened to one file, as `cancu ingest --format json` reports it."""

    file: str
    status: str  # new | changed | unchanged | refused
    document: str | None = None
    error: str | None = None
    changes: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # how the file was read, as `cancu extract` gives them
    tasks: int = 0
    found_changes: list[Change] = field(default_factory=list, repr=False)
    entries: list[search.Entry] = field(default_factory=list, repr=False)  # for the search index

    def to_json(self) -> dict:
        return {"file": self.file, "document": self.document, "status": self.status,
                "changes": self.changes, "error": self.error, "warnings": self.warnings}


def files_under(paths: Iterable[str | Path]) -> list[Path]:
    """The files named, and every file found in the folders named, sorted.

    A file of a folder is listed whatever it is, so that one cancu cannot read is refused
    with its reason, not skipped: an old .doc, a scan, a spreadsheet, a named pipe. Left
    out are only what no one keeps as a document (`_is_document`), curation files (read as
    curation, see `curation_files`) and a graph store's own folder.
    """
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(_files_in(path))
        elif not path.name.endswith(".curation.csv"):
            out.append(path)
    return out


def _files_in(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, folders, names in os.walk(folder):
        here = Path(root)
        folders[:] = [name for name in folders if not name.startswith(".") and not _is_store(here / name)]
        found.extend(here / name for name in names if _is_document(name))
    return sorted(found)


# What systems and editors keep beside documents: Word's owner file of an open document
# ("~$plan.docx"), Windows' thumbnail cache and folder settings. Hidden files (".DS_Store",
# LibreOffice's ".~lock.plan.docx#", a ".git" folder) are left out by their dot.
_NOT_DOCUMENTS = ("thumbs.db", "ehthumbs.db", "desktop.ini")
_NOT_DOCUMENT_PREFIXES = (".", "~$")


def curation_files(paths: Iterable[str | Path]) -> list[Path]:
    """Curation files named or found in folders: "*.curation.csv"."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(path.rglob("*.curation.csv")))
        elif path.name.endswith(".curation.csv"):
            out.append(path)
    return out


def _is_document(name: str) -> bool:
    """Whether a file found in a folder is taken for a document (to read, or to refuse)."""
    return not (name.startswith(_NOT_DOCUMENT_PREFIXES) or name.lower() in _NOT_DOCUMENTS
                or name.endswith(".curation.csv"))


def _is_store(folder: Path) -> bool:
    """A graph store's folder (the engine's CURRENT and IDENTITY files), as `--store` may put inside the documents."""
    return (folder / "CURRENT").is_file() and (folder / "IDENTITY").is_file()


def ingest_files(
    store: GraphStore,
    paths: list[Path],
    progress: Callable[[Path], None] | None = None,
    curation: list[Path] = (),
    workers: int | None = None,
) -> list[FileResult]:
    """Ingest each file; reference data and curation files first, inferred links after.

    Files are read and extracted on every core (`workers`, default all of them),
    and written to the store one by one in the order given.
    """
    # Until inference and the search index follow what this ingest writes, a marker says
    # so: an ingest that writes nothing skips them, unless an earlier one died before them.
    marker = store.path / REFRESH_PENDING if isinstance(store, GraphStore) else None
    left_pending = marker is not None and marker.exists()
    if marker is not None:
        marker.touch()
    generation = store.generation if marker is not None else None
    load_reference(store)
    for path in curation:
        load_curation(store, path)
    results: list[FileResult | None] = [None] * len(paths)
    to_read: list[tuple[int, Path, str, str | None]] = []
    for i, path in enumerate(paths):
        probe = _probe(store, path)
        if isinstance(probe, FileResult):
            results[i] = probe
            if progress:
                progress(path)
        else:
            to_read.append((i, path, *probe))
    jobs = [(path, content_hash) for _i, path, content_hash, _previous in to_read]
    new_files = sum(previous is None for *_rest, previous in to_read)
    batch = _Batch(store) if new_files >= _BULK_FROM else None
    for (i, path, content_hash, previous), prepared in zip(to_read, _prepared(jobs, workers)):
        if isinstance(prepared, Refused):
            results[i] = FileResult(str(path), "refused", error=prepared.error)
        elif batch is not None and previous is None:
            batch.add(i, path, prepared)
            if batch.full():
                _report(batch.write(), results, progress)
            continue
        else:
            if batch is not None:
                _report(batch.write(), results, progress)  # in the order given
            results[i] = _store_file(store, path, prepared, previous)
        if progress:
            progress(path)
    if batch is not None:
        _report(batch.write(), results, progress)
    if marker is not None and not left_pending and store.generation == generation:
        marker.unlink()
        return results  # nothing written: the links and the index already follow the store
    refresh_stubs(store)  # before the index and the links, which read the acts' descriptions
    # The search index reads only what the files and reference data say, not the inferred
    # links: it is refreshed in a thread while they are, the engine and SQLite working
    # outside Python's lock for much of both.
    with ThreadPoolExecutor(max_workers=1) as background:
        searching = background.submit(_refresh_search, store, results, left_pending)
        refresh_inferred(store)
        impact_of_changes(store, results)
        searching.result()
    store.flush()
    if marker is not None:
        marker.unlink(missing_ok=True)
    return results


def _refresh_search(store: GraphStore, results: list[FileResult], catch_up: bool = False) -> None:
    """The search index follows the store: the files read now, and the shared entities (and,
    to `catch_up` after an ingest that died before it, every graph the index lacks)."""
    if search.index_path(store) is None:
        return  # a SPARQL server: commands index it in memory when they need to
    read = {iris.source_graph(r.file): r.entries for r in results if r.status in ("new", "changed")}
    search.refresh(store, [iris.ENTITIES_GRAPH, iris.REFERENCE_GRAPH], known=read, catch_up=catch_up).close()


def _probe(store: GraphStore, path: Path) -> FileResult | tuple[str, str | None]:
    """A result when the file needs no reading (unreadable, or unchanged since it was last
    ingested); else its content hash and the hash it was last ingested with."""
    try:
        refuse_unsupported(path)  # by its name: a film among the plans is not read to be refused
        data = file_bytes(path)  # a named pipe is refused here, not waited on
    except IngestError as exc:
        return FileResult(str(path), "refused", error=str(exc))
    except OSError as exc:
        return FileResult(str(path), "refused", error=f"{path}: cannot be read ({exc.strerror})")
    content_hash = hashlib.sha256(data).hexdigest()
    previous, document = _stored_hash(store, iris.source_graph(path))
    if previous == content_hash:
        return FileResult(str(path), "unchanged", document=document)
    return content_hash, previous


# In the store folder while an ingest has not yet refreshed inference and the search index.
REFRESH_PENDING = "refresh-pending"

# Fewer files than this are read in this process: starting workers costs more than it saves.
_PARALLEL_FROM = 8


@dataclass
class Prepared:
    """One file read and turned into RDF (by a worker process): what the store is given.

    The triples travel as N-Triples, which the store's engine reads back far faster than
    Python objects are pickled. The acts it cites are described once the files are
    written, from what every file citing them prints (`refresh_stubs`).
    """

    document: str
    own: bytes
    shared: bytes
    tasks: int
    entries: list[search.Entry]  # what the search index will find in the file
    warnings: list[str]


@dataclass
class Refused:
    """Why a file was refused (a plain string crosses from a worker where an exception may not)."""

    error: str


def _prepared(jobs: list[tuple[Path, str]], workers: int | None) -> Iterator["Prepared | Refused"]:
    """Each file prepared (or the error refusing it), in order, on `workers` cores."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(jobs) < _PARALLEL_FROM:
        yield from map(_prepare, jobs)
        return
    # Workers start fresh ("spawn"): the store's threads are not copied into them (as "fork"
    # would), and they are children of this process, not of a fork server that outlives it.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_end_with, initargs=(os.getpid(),)) as pool:
        yield from pool.map(_prepare, jobs, chunksize=4)


# prctl(2): the signal a process gets when the thread that started it ends (here the thread
# that hands the pool its jobs, which outlives the pool).
_PR_SET_PDEATHSIG = 1


def _end_with(parent: int) -> None:
    """Make this worker end when `parent` does, however it ends (a SIGKILL runs no clean-up).

    Linux sends the worker SIGKILL when its parent dies; the semaphore tracker the pool
    started then sees its last holder gone and ends too, so a killed ingest leaves no
    process behind. Other systems have no such signal: there a killed parent's workers stay.
    """
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)


def _prepare(job: tuple[Path, str]) -> "Prepared | Refused":
    path, content_hash = job
    try:
        extraction = extract(path)
    except IngestError as exc:
        return Refused(str(exc))
    built = build(extraction, source=path.resolve().as_uri(), content_hash=content_hash)
    own, shared = ntriples(built.own), ntriples(built.shared)
    return Prepared(str(built.document), own, shared, len(extraction.tasks),
                    search.entries_of_file(str(iris.source_graph(path)), own, shared), extraction.warnings)


# Many new files are written by the engine's bulk loader, this many at a time: a third of
# the work of one transaction per file (see GraphStore.add_graphs_in_bulk).
_BULK_FROM = 8
_BULK_FILES = 250
_BULK_TRIPLES = 20_000


class _Batch:
    """New files waiting to be written together."""

    def __init__(self, store: GraphStore):
        self.store = store
        self.files: list[tuple[int, Path, Prepared]] = []

    def add(self, i: int, path: Path, prepared: Prepared) -> None:
        self.files.append((i, path, prepared))

    def full(self) -> bool:
        return len(self.files) >= _BULK_FILES

    def write(self) -> list[tuple[int, FileResult]]:
        """Write the waiting files: shared descriptions first, each file's graph last."""
        files, self.files = self.files, []
        if not files:
            return []
        _add_shared(self.store, [prepared for _i, _path, prepared in files])
        graphs, hashes = {}, {}
        for _i, path, prepared in files:
            graph_iri = iris.source_graph(path)
            lines = prepared.own.splitlines(keepends=True)
            graphs[graph_iri] = b"".join(line for line in lines if not _is_hash(line))
            hashes[graph_iri] = b"".join(line for line in lines if _is_hash(line))
        self.store.add_graphs_in_bulk(graphs, last=hashes)
        return [(i, FileResult(str(path), "new", document=prepared.document, tasks=prepared.tasks,
                               entries=prepared.entries, warnings=prepared.warnings))
                for i, path, prepared in files]


def _add_shared(store: GraphStore, files: list[Prepared]) -> None:
    """The files' shared descriptions (agencies, territories), into the entities graph."""
    # Files of one level describe the same agencies: each line once.
    shared = b"".join(sorted({line + b"\n" for prepared in files for line in prepared.shared.splitlines()}))
    store.add_ntriples(iris.ENTITIES_GRAPH, shared)


_HASH_PREDICATE = b"<%s>" % str(CC.contentHash).encode()


def _is_hash(line: bytes) -> bool:
    """Is this N-Triples line a content hash (subject, predicate: IRIs without spaces)?"""
    return line.split(b" ", 2)[1:2] == [_HASH_PREDICATE]


def _report(written: list[tuple[int, FileResult]], results: list, progress) -> None:
    for i, result in written:
        results[i] = result
        if progress:
            progress(Path(result.file))


def _store_file(store: GraphStore, path: Path, prepared: Prepared, previous: str | None) -> FileResult:
    """Put one prepared file in the store in place of its previous version (kept aside)."""
    graph_iri = iris.source_graph(path)
    document = URIRef(prepared.document)
    before = None
    if previous is not None:
        before = snapshot(store, graph_iri)
        keep_version(store, graph_iri, document, previous)
    # The file's own graph goes in last and in one transaction: it carries the content hash,
    # so a process killed before it leaves the file to be read again by the next ingest,
    # and one killed after it leaves nothing undone.
    _add_shared(store, [prepared])
    store.replace_graph_ntriples(graph_iri, prepared.own)
    result = FileResult(str(path), "new" if before is None else "changed", document=prepared.document,
                        tasks=prepared.tasks, entries=prepared.entries, warnings=prepared.warnings)
    if before is not None:
        result.found_changes = differences(before, snapshot(store, graph_iri))
    return result


def load_curation(store: GraphStore, path: Path) -> int:
    """A curation file (CSV) of links people assert or reject, into its own graph; returns its rows."""
    try:
        links = read_curated_links(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(path, f"cannot read the curation file ({exc})") from None
    unknown = sorted({c.property for c in links} - set(CURATED_PROPERTIES))
    if unknown:
        raise IngestError(path, f"unknown link kind {unknown[0]!r}; use one of {', '.join(sorted(CURATED_PROPERTIES))}")
    bad = sorted({c.decision for c in links} - {"assert", "reject"})
    if bad:
        raise IngestError(path, f"unknown decision {bad[0]!r}; use assert or reject")
    try:
        graph = curated(links, source=URIRef(path.resolve().as_uri()))
    except ValueError as exc:
        raise IngestError(path, str(exc)) from None
    store.replace_graph(iris.curation_graph(path), graph)
    return len(links)


def refresh_stubs(store: GraphStore) -> int:
    """Describe each act known only from citations once, from what every file citing it now
    prints (graph/build.py `stubs`); returns how many such acts there are.

    The descriptions follow the files: a file re-ingested changed, or no longer in the store,
    no longer counts, and an act whose own text is ingested has none (its text describes it).
    Only what changed is written. A file stored before citations kept what they print says
    nothing to choose from: the acts only such files cite keep the description they had.
    """
    known = ingested_acts(store)
    citations, unread = [], set()
    for row in store.select(queries.get("cited_as").text):
        act = URIRef(row["act"])
        if act in known:
            continue
        if row["docType"] is None:  # every citation read by this version prints a type
            unread.add(act)
            continue
        citations.append(Citation(act, row["source"], row["number"], row["docType"], row["date"], row["issuer"],
                                  row["title"]))
    described = stubs(citations)
    unread -= {c.act for c in citations}
    wanted = set(ntriples(described).splitlines())
    stored = {line for act, lines in _stub_lines(store).items() if act not in unread for line in lines}
    store.change_graph(iris.ENTITIES_GRAPH, stored - wanted, wanted - stored)
    return len({c.act for c in citations})


def _stub_lines(store: GraphStore) -> dict[URIRef, set[bytes]]:
    """The N-Triples lines of each act the entities graph describes as known only from citations."""
    quads = list(store.quads(iris.ENTITIES_GRAPH))
    stub = str(CC.stub)
    acts = {q.subject for q in quads if q.predicate.value == stub}
    described = [q for q in quads if q.subject in acts]
    lines: dict[URIRef, set[bytes]] = defaultdict(set)
    # N-Triples writes one line per triple, in order (a newline in a literal is escaped).
    for q, line in zip(described, ntriples((q.subject, q.predicate, q.object) for q in described).splitlines()):
        lines[URIRef(q.subject.value)].add(line)
    return lines


def refresh_inferred(store: GraphStore) -> int:
    """Recompute the inferred links over the whole store; returns how many there are.

    Only the links that changed are written: one re-ingested plan changes a few of
    the store's thousands (each link's triples are its own: one link a task)."""
    found = derivations(store)
    if not store.is_empty(iris.INFERRED_GRAPH):
        stored, now = stored_derivations(store), set(found)
        gone, added = _inferred_triples(stored - now), _inferred_triples(now - stored)
        store.change_graph(iris.INFERRED_GRAPH, set(gone.splitlines()), set(added.splitlines()))
        return len(found)
    data = _inferred_triples(found)
    if data.count(b"\n") >= _BULK_TRIPLES:
        # The first inference over many plans: written in bulk (a killed ingest leaves
        # no half-written links; the next ingest infers them again).
        store.add_graphs_in_bulk({iris.INFERRED_GRAPH: data}, last={})
    else:
        store.add_ntriples(iris.INFERRED_GRAPH, data)
    return len(found)


def _inferred_triples(found) -> bytes:
    return ntriples(inferred(as_links(sorted(found, key=lambda d: d.task)), source=iris.reference_source("rules")))


def impact_of_changes(store: GraphStore, results: list[FileResult]) -> None:
    """Each change a new version brings, with what it touches downstream (once the links are refreshed)."""
    graphs: dict[str, ImpactGraph] = {}  # the part of the store each changed item reaches

    def around(iri: str) -> ImpactGraph:
        if iri not in graphs:
            graphs[iri] = ImpactGraph.around(store, iri)
        return graphs[iri]

    for result in results:
        if result.found_changes:
            result.changes = [_with_impact(around, change, result.document) for change in result.found_changes]


def _with_impact(around, change: Change, document: str | None) -> dict:
    """A change, and a summary of its impact: the task's if it still exists, else the document's."""
    if change.kind == "task_removed" or document is None:
        return change.to_json()  # nothing left to follow
    subject = document
    if change.kind.startswith("task") and change.subject and change.subject in around(change.subject).nodes:
        subject = change.subject
    graph = around(subject)
    if subject in graph.nodes:
        moved = change.field == "deadline" and change.new
        kind, to = ("deadline", date.fromisoformat(change.new[:10])) if moved else ("amended", None)
        found = impact(graph, graph.nodes[subject], kind, to=to)
        change.impact = {
            "documents": [t.node.name for t in found.documents],
            "tasks": len(found.tasks),
            "units": [u.touched.node.name for u in found.units],
        }
    return change.to_json()


def ingested_acts(store: GraphStore) -> frozenset[URIRef]:
    """The acts whose own text is in the store."""
    rows = store.select(queries.get("ingested_documents").text)
    return frozenset(URIRef(r["document"]) for r in rows)


def _stored_hash(store: GraphStore, graph_iri: URIRef) -> tuple[str | None, str | None]:
    """(content hash, document IRI) of the file's graph as last ingested; (None, None) if never."""
    for quad in store.quads(graph_iri):
        if quad.predicate.value == str(CC.contentHash):
            return quad.object.value, quad.subject.value
    return None, None


def load_reference(store: GraphStore) -> None:
    """Central acts (Turtle) and curated links (CSV) shipped with cancu."""
    acts = Graph()
    folder = resources.files("graph") / "reference"
    for entry in folder.iterdir():
        if entry.name.endswith(".ttl"):
            acts.parse(data=entry.read_text(encoding="utf-8"), format="turtle")
    store.replace_graph(iris.REFERENCE_GRAPH, materialise(acts))
    links = read_curated_links((folder / "curated_links.csv").read_text(encoding="utf-8"))
    store.replace_graph(iris.CURATED_GRAPH, curated(links, source=iris.reference_source("curated_links.csv")))


def read_curated_links(csv_text: str) -> list[CuratedLink]:
    """The rows of a curation file (CSV with a header line)."""
    out = []
    for row in csv.DictReader(csv_text.splitlines()):
        value = lambda key: (row.get(key) or "").strip() or None  # noqa: E731
        out.append(
            CuratedLink(
                value("subject_number"), value("subject_issuer"), value("property") or "implements",
                value("target_number"), value("target_issuer"), (value("decision") or "assert").lower(),
                value("asserted_by") or "", value("note") or "",
            )
        )
    return out
