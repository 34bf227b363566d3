"""Find anything in a moment: a full-text index of acts, tasks, units and territories.

Staff type "mo lao", "tuyen truyen CCHC", "Phòng Nội vụ Tây Hồ", "6830/QD-UBND":
without diacritics, sometimes misread by OCR. A SPARQL CONTAINS over every task's
text takes most of a second on a national store, so lookups go to their own
index: SQLite's FTS5, in a file beside the store (`search.sqlite`), with one row
per node and the source graph it came from, so that `ingest` replaces a file's
rows together with its graph and no stale text stays findable.

Text is indexed folded (`ingest.fold`: no diacritics, "đ" as "d"), so "Mỗ Lao"
and "mo lao" are the same words. Document numbers are indexed as whole tokens
in their canonical compact form ("6830qdubnd"), whatever way they were written
("6830/QĐ-UBND", "6830/QD-UBND", "6830 QĐ UBND"), and match first. A query no
word of which is found (a typo, an OCR misreading) falls back to the closest
labels by edit distance.
"""

from __future__ import annotations

import errno
import json
import logging
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz, process
from rdflib import URIRef

import queries
from graph import codes, iris
from graph.store import GraphStore, MemoryStore
from ingest.fold import Folded, fold
from ingest.numbers import parse_or_none
from ingest.references import ABBREVIATIONS

KINDS = ("act", "task", "unit", "territory")
INDEX_FILE = "search.sqlite"
# How many matching rows a search ranks (see `SearchIndex._ranked_rows`).
_CANDIDATES = 200
# A typo is forgiven when a label is at least this close (0–100) to what was typed.
_FUZZY_CUTOFF = 75
_WORD = re.compile(r"[a-z0-9]+")
log = logging.getLogger(__name__)

# SQLite's result codes (the low byte of an extended one) for a file that is no sound database:
# the index is rebuilt from the store, which holds everything it holds.
_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
# ... and for a place the index cannot be written to, as the system error that says so.
_UNWRITABLE = {sqlite3.SQLITE_FULL: errno.ENOSPC, sqlite3.SQLITE_READONLY: errno.EACCES,
               sqlite3.SQLITE_CANTOPEN: errno.EACCES, sqlite3.SQLITE_PERM: errno.EACCES}


@dataclass
class Entry:
    """One thing that can be found: a document, a task, a body or a territory."""

    iri: str
    kind: str
    label: str
    text: str = ""
    number: str | None = None
    level: str | None = None
    graph: str = ""
    details: dict[str, str] = field(default_factory=dict)  # a task's plan, unit and deadline; an act's issuer


@dataclass
class Hit:
    entry: Entry
    score: float
    how: str  # number | words | close

    def to_json(self) -> dict:
        return {**asdict(self.entry), "score": round(self.score, 3), "match": self.how}


def number_token(text: str | None) -> str | None:
    """The one token a document number is indexed and searched as: "6830/QD-UBND" → "6830qdubnd"."""
    if not text:
        return None
    parsed = parse_or_none(text)
    if parsed is None or parsed.serial is None or parsed.partial:
        return None
    return "".join(_WORD.findall(fold(str(parsed))))


class SearchIndex:
    """The index file; `SearchIndex(None)` keeps it in memory. A reader given the `store`
    rebuilds the index from it should the file be found damaged."""

    def __init__(self, path: Path | None, *, read_only: bool = False, store=None):
        self.path = path
        self._store = store
        if path is None:
            self._db = sqlite3.connect(":memory:")
        elif read_only:
            self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        else:
            self._db = sqlite3.connect(str(path))
        if not read_only:
            try:
                self._db.execute(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS entries USING fts5("
                    "words, number, iri UNINDEXED, kind UNINDEXED, level UNINDEXED, graph UNINDEXED, "
                    "label UNINDEXED, data UNINDEXED, tokenize = 'unicode61')")
            except sqlite3.Error:
                self._db.close()
                raise

    def close(self) -> None:
        self._db.close()

    # --- keeping it in step with the store ------------------------------------------

    def replace_graph(self, graph: str, entries: Iterable[Entry]) -> None:
        """The rows of one source graph, in place of those it had (one transaction)."""
        self.replace_all({graph: [replace(e, graph=graph) for e in entries]})

    def replace_all(self, by_graph: dict[str, list[Entry]]) -> None:
        """The rows of several graphs, each in place of those it had, in one transaction."""
        with self._db:
            self._db.executemany("DELETE FROM entries WHERE graph = ?", [(g,) for g in by_graph])
            entries = [e for graph_entries in by_graph.values() for e in graph_entries]
            self._db.executemany(
                "INSERT INTO entries (words, number, iri, kind, level, graph, label, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(searchable(f"{e.label} {e.text}"), number_token(e.number) or "", e.iri, e.kind, e.level or "", e.graph,
                  e.label, json.dumps({"text": e.text, "number": e.number, "details": e.details}, ensure_ascii=False))
                 for e in entries],
            )

    def graphs(self) -> set[str]:
        return {row[0] for row in self._rows("SELECT DISTINCT graph FROM entries")}

    def remove_graphs(self, graphs: Iterable[str]) -> None:
        with self._db:
            self._db.executemany("DELETE FROM entries WHERE graph = ?", [(g,) for g in graphs])

    def size(self) -> int:
        return self._rows("SELECT COUNT(*) FROM entries")[0][0]

    def _rows(self, sql: str, args: Iterable = ()) -> list[tuple]:
        """The rows a read gives; read again from an index rebuilt from the store if this one is damaged."""
        try:
            return self._db.execute(sql, list(args)).fetchall()
        except sqlite3.DatabaseError as exc:
            if self._store is None or not _is_damaged(exc):
                raise
            store, self._store = self._store, None  # rebuilt once, at most
            self._db.close()
            fresh = _rebuilt(store, self.path, exc)
            self._db, self.path = fresh._db, fresh.path
            return self._db.execute(sql, list(args)).fetchall()

    # --- finding ----------------------------------------------------------------------

    def search(self, text: str, *, kind: str | None = None, level: str | None = None, limit: int = 10) -> list[Hit]:
        """Ranked hits: the document numbered so first, then every word found, then close labels."""
        hits: dict[str, Hit] = {}
        token = number_token(text)
        if token:
            for row, _rank in self._ranked_rows(f"number : {_quoted(token)}", kind, level, limit):
                hits.setdefault(row.iri, Hit(row, 1000.0, "number"))
        words = _WORD.findall(searchable(text))
        typed = _WORD.findall(fold(text))
        # The words as typed, in order, first: far fewer rows hold the phrase than hold each
        # common word, and ranking every row that holds "tuyên truyền" is what costs.
        queries_by_cost = [f'words : "{" ".join(typed)}"*'] if len(typed) > 1 else []
        queries_by_cost.append("words : (" + " AND ".join(
            _quoted(w) + ("*" if i == len(words) - 1 else "") for i, w in enumerate(words)) + ")")
        for match in queries_by_cost if words else []:
            if len(hits) >= limit:
                break
            for row, rank in self._ranked_rows(match, kind, level, limit):
                score = _rank_of(row) * 100.0 + _phrase_bonus(row, words) - rank
                hits.setdefault(row.iri, Hit(row, score, "words"))
        if not hits and words:
            for hit in self._close(" ".join(words), kind, level, limit):
                hits.setdefault(hit.entry.iri, hit)
        return sorted(hits.values(), key=lambda h: -h.score)[:limit]

    def _ranked_rows(self, match: str, kind: str | None, level: str | None, limit: int) -> list[tuple[Entry, float]]:
        """Up to `_CANDIDATES` matching rows, best (by bm25) first.

        Asking the engine to ORDER BY bm25 scores every matching row, and common words
        ("tuyên truyền") match tens of thousands: the first candidates are scored here
        instead, so a search costs the same on a ward's store and on the country's.
        """
        where, args = _filters(kind, level)
        sql = f"SELECT iri, kind, level, graph, label, data, bm25(entries) FROM entries WHERE entries MATCH ?{where} LIMIT ?"
        rows = self._rows(sql, [match, *args, max(_CANDIDATES, limit * 5)])
        return [(_entry(row), row[6]) for row in sorted(rows, key=lambda row: row[6])]

    def _close(self, words: str, kind: str | None, level: str | None, limit: int) -> list[Hit]:
        """Labels closest to what was typed: a typo or an OCR misreading still finds."""
        where, args = _filters(kind, level)
        rows = self._rows(f"SELECT iri, kind, level, graph, label, data FROM entries WHERE 1{where}", args)
        choices = [fold(row[4]) for row in rows]
        found = process.extract(words, choices, scorer=fuzz.partial_ratio, limit=limit, score_cutoff=_FUZZY_CUTOFF)
        return [Hit(_entry(rows[i]), float(score) - 100, "close") for _choice, score, i in found]


class NoClearMatch(LookupError):
    """Nothing, or more than one thing, matches what the user typed; `hits` are the candidates."""

    def __init__(self, message: str, hits: list[Hit]):
        super().__init__(message)
        self.hits = hits


# A single close (misspelt) hit is taken only when this close (partial ratio, 0–100), and this far ahead.
_SURE_CLOSE = 88
_CLEAR_LEAD = 5


def clear_match(hits: list[Hit], query: str, what: str = "item") -> Hit:
    """The one hit `query` names: the document of that number, the only hit, the only one
    holding the words as typed, or a misspelling clearly closest to one label."""
    if not hits:
        raise NoClearMatch(f"no {what} matches '{query}'", [])
    numbers = [h for h in hits if h.how == "number"]
    if len(numbers) == 1:
        return numbers[0]
    if len(hits) == 1 and (hits[0].how != "close" or hits[0].score + 100 >= _SURE_CLOSE):
        return hits[0]
    phrase = " ".join(_WORD.findall(fold(query)))
    holding = [h for h in hits if phrase in " ".join(_WORD.findall(fold(f"{h.entry.label} {h.entry.text}")))]
    if len(holding) == 1:
        return holding[0]
    close = [h for h in hits if h.how == "close"]
    if close and close == hits:
        if close[0].score + 100 >= _SURE_CLOSE and (len(close) == 1 or close[0].score - close[1].score >= _CLEAR_LEAD):
            return close[0]
        raise NoClearMatch(f"no {what} matches '{query}'", close)  # the closest, as suggestions
    raise NoClearMatch(f"{len(hits)} {what}s match '{query}'; add words to pick one, or give an IRI", hits)


def searchable(text: str) -> str:
    """Folded text with its abbreviations spelt out, and long forms abbreviated, too: a plan
    that writes "CCHC" is found by "cải cách hành chính", one that writes it out by "CCHC"."""
    folded = " ".join(fold(text).split())
    extra = [long for short, long in ABBREVIATIONS.items() if re.search(rf"\b{re.escape(short)}\b", folded)]
    extra += [short for short, long in ABBREVIATIONS.items() if long in folded]
    return " ".join([folded, *extra])


def _filters(kind: str | None, level: str | None) -> tuple[str, list[str]]:
    """SQL conditions (and their values) for a kind and a level; the values are bound, never pasted."""
    where, args = "", []
    for column, value in (("kind", kind), ("level", level)):
        if value:
            where += f" AND {column} = ?"
            args.append(value)
    return where, args


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _rank_of(entry: Entry) -> int:
    """Which kind of hit comes first when all words match: a document whose text cancu holds
    (staff look for plans), then bodies and territories, then acts known only from
    citations, then tasks (`--kind task` asks for those)."""
    if entry.kind == "act":
        return 2 if entry.details.get("stub") else 4
    return {"unit": 3, "territory": 3}.get(entry.kind, 1)


def _phrase_bonus(entry: Entry, words: list[str]) -> float:
    """A label holding the words as typed, in order, ranks above one that only holds them."""
    phrase = " ".join(words)
    label = " ".join(_WORD.findall(fold(entry.label)))
    return 20.0 if label.startswith(phrase) else 10.0 if phrase in label else 0.0


def _entry(row) -> Entry:
    iri, kind, level, graph, label, data = row[:6]
    extra = json.loads(data)
    return Entry(iri, kind, label, extra.get("text") or "", extra.get("number"), level or None, graph,
                 extra.get("details") or {})


def highlighted(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of `text` where the words of `query` are, found without regard to diacritics."""
    folded = Folded.of(text)
    spans = []
    for word in set(_WORD.findall(fold(query))):
        for m in re.finditer(rf"(?<![a-z0-9]){re.escape(word)}", folded.text):
            spans.append(folded.span(m.start(), m.end()))
    return sorted(spans)


# --- what is indexed, from the store ------------------------------------------------


def entries_of(store, graph: str) -> list[Entry]:
    """The findable nodes one named graph describes (a file's graph, or the shared entities)."""
    return _entries(store.select(queries.get("search_entries").text, {"graph": URIRef(graph)})).get(graph, [])


def entries_of_file(graph: str, own: bytes, shared: bytes) -> list[Entry]:
    """The findable nodes of one file's graph before it is stored, from its own triples and
    its shared descriptions (the same query, run by the worker that read the file)."""
    return entries_of(MemoryStore({URIRef(graph): own, iris.ENTITIES_GRAPH: shared}), graph)


def entries_by_graph(store) -> dict[str, list[Entry]]:
    """The findable nodes of every graph, in one query (to build a whole index at once)."""
    return _entries(store.select(queries.get("search_entries").text))


def _entries(rows: list[dict]) -> dict[str, list[Entry]]:
    found: dict[str, dict[str, Entry]] = {}
    for row in rows:
        iri = row["node"]
        out = found.setdefault(row["graph"], {})
        if iri in out:
            continue
        kind = row["kind"]
        details = {k: str(row[k]) for k in ("document", "plan", "unit", "deadline", "issuer", "date", "stub") if row.get(k)}
        if kind == "task":  # a task is known by what it says
            label, text = " ".join(str(row["text"]).split()), ""
        else:
            label = row["number"] or row["label"] or iri.rsplit("/", 1)[-1]
            # An act is also found by its issuer's name: "mo lao" finds the Mỗ Lao plan.
            others = (row["label"] if label != row["label"] else None, row["text"], row["issuer"])
            text = " ".join(str(x) for x in others if x)
        out[iri] = Entry(iri, kind, str(label), str(text), row["number"], codes.code(row["level"]), row["graph"], details)
    return {graph: list(entries.values()) for graph, entries in found.items()}


def index_path(store) -> Path | None:
    """Where a store's index lives: in the store folder; None for a SPARQL server (kept in memory)."""
    return store.path / INDEX_FILE if isinstance(store, GraphStore) else None


def refresh(store, graphs: Iterable[str], known: dict[str, list[Entry]] | None = None,
            catch_up: bool = False) -> SearchIndex:
    """Re-index the given graphs (every graph, for a new index; with `catch_up`, also those
    the index has no entry of) and drop those no longer in the store; `known` are entries
    already found for some graphs (by the workers that read their files). Returns the open index."""
    known = {str(g): entries for g, entries in (known or {}).items()}
    path = index_path(store)
    try:
        with _writing(path):
            return _refreshed(store, path, graphs, known, catch_up)
    except sqlite3.DatabaseError as exc:
        if not _is_damaged(exc):
            raise
        _remove(path)
        log.warning(_REBUILT, path, exc)
        with _writing(path):
            return _refreshed(store, path, graphs, known, catch_up)


def _refreshed(store, path: Path | None, graphs: Iterable[str], known: dict[str, list[Entry]],
               catch_up: bool) -> SearchIndex:
    fresh = path is None or not path.exists()
    index = SearchIndex(path)
    try:
        _fill(index, store, fresh, graphs, known, catch_up)
    except BaseException:
        index.close()  # before the file is removed, or the error shown
        raise
    return index


def _fill(index: SearchIndex, store, fresh: bool, graphs: Iterable[str], known: dict[str, list[Entry]],
          catch_up: bool) -> None:
    present = set(store.graph_names())
    if fresh and len(present - set(known)) > _FEW_GRAPHS:
        index.replace_all({**entries_by_graph(store), **known})  # every graph, read in one query
        return
    if fresh:
        graphs = present - set(known)
    else:
        index.remove_graphs(index.graphs() - present)
        if catch_up:
            graphs = {*map(str, graphs), *(present - index.graphs())}
    asked = {str(g): entries_of(store, str(g)) for g in graphs if str(g) not in known}
    index.replace_all({**asked, **known})


# A new index asks the store graph by graph for at most this many graphs, else all at once.
_FEW_GRAPHS = 8


def open_index(store) -> SearchIndex:
    """The store's index for reading, built first if the store has none yet (or is a server),
    and rebuilt should it be found damaged."""
    path = index_path(store)
    if path is not None and path.exists():
        return SearchIndex(path, read_only=True, store=store)
    if path is not None:
        try:  # a store ingested before the index existed: make it once
            return refresh(store, [])
        except (sqlite3.Error, OSError):
            pass  # a folder we may not write to: an index in memory, for this command
    return _in_memory(store)


def _in_memory(store) -> SearchIndex:
    index = SearchIndex(None)
    index.replace_all(entries_by_graph(store))
    return index


# What the user is told (see cancu.cli, which shows it as a note) when a damaged index was rebuilt.
_REBUILT = "%s: the search index was damaged (%s); rebuilt from the store"


def _rebuilt(store, path: Path, damage: sqlite3.Error) -> SearchIndex:
    """The index file rebuilt from the store in place of the damaged one; made in memory, for
    this command, where the folder cannot be written."""
    try:
        _remove(path)
        index = refresh(store, [])
    except (sqlite3.Error, OSError):
        log.warning("%s: the search index is damaged (%s) and cannot be rebuilt in this folder; this command "
                    "searches one made in memory (an ingest that may write here rebuilds the file)", path, damage)
        return _in_memory(store)
    log.warning(_REBUILT, path, damage)
    return index


def _remove(path: Path) -> None:
    """The index file and the journal SQLite may have left beside it (it belongs to the old file)."""
    for leftover in (path, *(path.with_name(path.name + end) for end in ("-journal", "-wal", "-shm"))):
        leftover.unlink(missing_ok=True)


def _is_damaged(exc: sqlite3.Error) -> bool:
    return _code(exc) in _DAMAGED


def _code(exc: sqlite3.Error) -> int:
    """SQLite's primary result code for the error (an extended code's low byte)."""
    return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF


@contextmanager
def _writing(path: Path | None) -> Iterator[None]:
    """SQLite's errors for a place it cannot write (a full disk, a read-only folder) as the
    system's, naming the index file, which the command line explains in one line."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        code = _UNWRITABLE.get(_code(exc))
        if code is None:
            raise
        raise OSError(code, str(exc), str(path)) from None
