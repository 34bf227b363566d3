"""Faults the user meets: a killed ingest, a parameter that is no IRI, a store or search index
that is damaged, a full disk, a folder cancu may not write.

Each ends in one line naming the thing and the remedy, exit 2, through the command line's one
error path, and loses nothing already stored; a damaged search index is rebuilt from the store.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef
from typer.testing import CliRunner

import queries
from cancu.cli import app
from graph import search
from graph.remote import bind_values
from graph.store import BadParameter, GraphStore

ROOT = Path(__file__).parent.parent
IMPACT_PLANS = ROOT / "tests" / "data" / "impact"
runner = CliRunner()

NOT_AN_IRI = "http://evil> } DROP ALL { <x"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    """A store of the impact plans, made once; each test works on its own copy."""
    store = tmp_path_factory.mktemp("faults") / "store"
    result = runner.invoke(app, ["ingest", str(IMPACT_PLANS), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


@pytest.fixture()
def store(ingested, tmp_path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(ingested, copy)
    return copy


def _quads(store: Path) -> int:
    return GraphStore(store, read_only=True).quad_count()


def _one_line(result) -> str:
    """The only line of stderr (no traceback, no more)."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


# --- a killed ingest leaves no process ----------------------------------------------


def _plans(folder: Path, sample_files: list[Path], copies: int) -> None:
    """Copies of the sample plans, each with its own number, so that none is skipped as unchanged."""
    folder.mkdir()
    for i in range(copies):
        source = sample_files[i % len(sample_files)]
        text, found = re.subn(r"Số:[^\n]*", f"Số: {1000 + i}/KH-UBND", source.read_text(encoding="utf-8"), count=1)
        (folder / f"{i:03d}-{source.name}").write_text(text if found else f"{text}\nSố: {1000 + i}/KH-UBND\n",
                                                       encoding="utf-8")


def _group(pgid: int) -> list[int]:
    """The live processes of a process group, from /proc (a zombie holds nothing and is left out)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, _parent, group = stat.read_text().rsplit(")", 1)[1].split()[:3]
        except (OSError, ValueError):
            continue  # ended while being read
        if int(group) == pgid and state != "Z":
            members.append(int(stat.parent.name))
    return members


def _wait_for(condition, bound_s: float) -> None:
    """Poll `condition` until it holds or `bound_s` seconds pass (a bound, not a measure)."""
    deadline = time.monotonic() + bound_s
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)


def test_a_killed_ingest_leaves_no_process_of_its_group(tmp_path, sample_files):
    folder = tmp_path / "plans"
    _plans(folder, sample_files, 200)
    assert len({p.read_bytes() for p in folder.iterdir()}) == 200
    command = [sys.executable, "-m", "cancu.cli", "ingest", str(folder), "--store", str(tmp_path / "store"), "--jobs", "2"]
    # As `setsid cancu ingest FOLDER &` does: the ingest leads a process group of its own.
    ingest = subprocess.Popen(command, cwd=ROOT, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(4)
        _wait_for(lambda: len(_group(ingest.pid)) >= 3, 120)  # the workers are up: the ingest, a tracker, workers
        at_kill = _group(ingest.pid)
        ingest.send_signal(signal.SIGKILL)
        ingest.wait(timeout=60)
        _wait_for(lambda: not _group(ingest.pid), 30)
        left = _group(ingest.pid)
    finally:
        for pid in _group(ingest.pid):  # what this test started, should any be left
            os.kill(pid, signal.SIGKILL)
    assert len(at_kill) >= 3, at_kill
    assert left == []


# --- a parameter that is no IRI ------------------------------------------------------


@pytest.mark.parametrize("name", [n for n in queries.names() if queries.get(n).parameters])
def test_a_parameter_that_is_no_iri_is_named_in_one_line(store, name):
    before = _quads(store)
    params = [arg for p in queries.get(name).parameters for arg in ("--param", f"{p.name}={NOT_AN_IRI}")]
    result = runner.invoke(app, ["query", name, *params, "--store", str(store)])
    assert result.exit_code == 2
    line = _one_line(result)
    assert f"parameter {queries.get(name).parameters[0].name}:" in line and "not a valid IRI" in line
    assert "'>'" in line
    assert _quads(store) == before


@pytest.mark.parametrize("args, parameter", [
    (["trace", NOT_AN_IRI], "TASK"),
    (["impact", NOT_AN_IRI], "TARGET"),
    (["view", "--focus", NOT_AN_IRI], "--focus"),
    (["view", "--trace", NOT_AN_IRI], "--trace"),
    (["view", "--impact", NOT_AN_IRI], "--impact"),
])
def test_a_command_given_no_iri_names_its_parameter(store, tmp_path, args, parameter):
    before = _quads(store)
    result = runner.invoke(app, [*args, "--store", str(store), *(["-o", str(tmp_path / "v.html")] if args[0] == "view" else [])])
    assert result.exit_code == 2
    assert _one_line(result).startswith(f"error: parameter {parameter}: ")
    assert not (tmp_path / "v.html").exists()
    assert _quads(store) == before


def test_a_sparql_server_is_sent_no_parameter_that_is_no_iri():
    with pytest.raises(BadParameter, match="parameter task: .* not a valid IRI"):
        bind_values("SELECT ?t WHERE { ?t ?p ?o }", {"task": URIRef(NOT_AN_IRI)})


def test_markup_in_what_the_user_gave_is_printed_as_it_is(store):
    result = runner.invoke(app, ["trace", "http://x/[/bold] [red]", "--store", str(store)])
    assert result.exit_code == 2
    assert "[/bold] [red]" in _one_line(result)


# --- a damaged store -----------------------------------------------------------------


def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


def _tables_garbled(store: Path) -> None:
    for table in sorted(store.glob("*.sst")):
        _garbage(table)


def _manifest_cut(store: Path) -> None:
    for manifest in store.glob("MANIFEST-*"):
        manifest.write_bytes(manifest.read_bytes()[:40])


def _current_gone(store: Path) -> None:
    (store / "CURRENT").unlink()


DAMAGE = {"tables garbled": _tables_garbled, "MANIFEST cut": _manifest_cut, "CURRENT gone": _current_gone}
COMMANDS = {
    "ingest": ["ingest", str(IMPACT_PLANS / "phuong_mo_lao_12.txt")],
    "sparql": ["sparql", COUNT],
    "search": ["search", "mo lao"],
    "validate": ["validate"],
    "query": ["query", "tasks"],
    "trace": ["trace", "tuyen truyen"],
    "export": ["export"],
}
_ENGINE_FILE = re.compile(r"\d{6}\.sst|MANIFEST-\d+|CURRENT")


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_damaged_store_is_named_in_one_line_by_every_command(store, damage, command):
    DAMAGE[damage](store)
    kept = {p.name: p.read_bytes() for p in store.iterdir() if p.is_file() and p.name != "LOG"}
    result = runner.invoke(app, [*COMMANDS[command], "--store", str(store)])
    assert result.exit_code == 2
    line = _one_line(result)
    assert line.startswith(f"error: {store}: the store is damaged: ") and _ENGINE_FILE.search(line), line
    assert "move it aside and ingest the documents again" in line
    assert {p.name: p.read_bytes() for p in store.iterdir() if p.name in kept} == kept  # nothing more lost


def test_damage_found_while_reading_is_named_in_one_line(store):
    for table in store.glob("*.sst"):  # every data block of the larger tables, found when read
        data = bytearray(table.read_bytes())
        if len(data) > 20_000:
            for at in range(1000, len(data) - 2000, 3000):
                data[at:at + 50] = bytes(50)
            table.write_bytes(bytes(data))
    for args in (["sparql", "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"], ["export"]):
        result = runner.invoke(app, [*args, "--store", str(store)])
        assert result.exit_code == 2, args
        assert "the store is damaged: " in _one_line(result) and ".sst cannot be read" in result.stderr


def test_a_folder_with_no_store_yet_is_not_called_damaged(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    result = runner.invoke(app, ["sparql", COUNT, "--store", str(folder)])
    assert result.exit_code == 2 and "no graph store here yet" in _one_line(result)


# --- a damaged search index ----------------------------------------------------------


def _index_garbled(store: Path) -> None:
    _garbage(store / search.INDEX_FILE)


def _index_cut(store: Path) -> None:
    index = store / search.INDEX_FILE
    index.write_bytes(index.read_bytes()[:5000])


INDEX_DAMAGE = {"garbled": _index_garbled, "cut": _index_cut}


def _hits(result) -> set[str]:
    """What a search found (as a set: rows of equal rank may come in another order from an index made anew)."""
    assert result.exit_code == 0, result.output
    return {hit["iri"] for hit in json.loads(result.stdout)["results"]}


def _search(store: Path, text: str = "tuyen truyen"):
    return runner.invoke(app, ["search", text, "--store", str(store), "--format", "json", "-n", "50"])


def _sound(index: Path) -> bool:
    return sqlite3.connect(index).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("damage", INDEX_DAMAGE)
def test_a_damaged_index_is_rebuilt_from_the_store_with_a_note(store, tmp_path, damage):
    clean = tmp_path / "clean"
    shutil.copytree(store, clean)
    INDEX_DAMAGE[damage](store)
    result = _search(store)
    assert _one_line(result).startswith(f"note: {store / search.INDEX_FILE}: the search index was damaged")
    assert _hits(result) == _hits(_search(clean)) and _hits(result)
    assert _sound(store / search.INDEX_FILE)
    again = _search(store)
    assert _hits(again) == _hits(result) and again.stderr == ""  # made once


@pytest.mark.parametrize("damage", INDEX_DAMAGE)
def test_an_ingest_rebuilds_a_damaged_index(store, tmp_path, damage):
    clean = tmp_path / "clean"
    shutil.copytree(store, clean)
    INDEX_DAMAGE[damage](store)
    more = [str(IMPACT_PLANS / "phuong_mo_lao_12.txt"), str(ROOT / "cancu" / "samples")]
    result = runner.invoke(app, ["ingest", *more, "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert _one_line(result).startswith(f"note: {store / search.INDEX_FILE}: the search index was damaged")
    assert runner.invoke(app, ["ingest", *more, "--store", str(clean)]).exit_code == 0
    rows = "SELECT iri, graph, words, number FROM entries ORDER BY iri, graph"
    assert (sqlite3.connect(store / search.INDEX_FILE).execute(rows).fetchall()
            == sqlite3.connect(clean / search.INDEX_FILE).execute(rows).fetchall())


def test_a_damaged_index_in_a_folder_that_cannot_be_written_is_searched_in_memory(store, tmp_path, monkeypatch):
    clean = tmp_path / "clean"
    shutil.copytree(store, clean)
    _index_garbled(store)

    def read_only_folder(path: Path) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(search, "_remove", read_only_folder)
    result = _search(store)
    assert "cannot be rebuilt in this folder" in _one_line(result)
    assert _hits(result) == _hits(_search(clean)) and _hits(result)


# --- a full disk, a folder cancu may not write --------------------------------------


def _nquads(store: Path) -> set[bytes]:
    return set(ox.serialize(GraphStore(store, read_only=True).quads(), format=ox.RdfFormat.N_QUADS).splitlines())


def test_a_full_disk_under_the_store_is_one_line_and_keeps_what_was_stored(store, tmp_path, sample_files, monkeypatch):
    before = _nquads(store)
    _plans(tmp_path / "plans", sample_files, 10)  # enough new files for the bulk loader

    def disk_full(self, graphs, last):
        # What the engine says when its write-ahead log cannot grow (seen on a full tmpfs).
        raise OSError(f"IO error: No space left on device: While appending to file: {self.path}/000008.log: "
                      "No space left on device")

    monkeypatch.setattr(GraphStore, "add_graphs_in_bulk", disk_full)
    result = runner.invoke(app, ["ingest", str(tmp_path / "plans"), "--store", str(store), "--jobs", "1"])
    assert result.exit_code == 2
    line = _one_line(result)
    assert line.startswith(f"error: {store}: the disk is full (No space left on device); free some space")
    monkeypatch.undo()
    assert before <= _nquads(store)


def test_a_full_disk_under_the_search_index_is_one_line(store, sample_files, monkeypatch):
    (store / search.INDEX_FILE).unlink()
    opened = search.SearchIndex.__init__

    def little_room(self, path, **options):
        opened(self, path, **options)
        self._db.execute("PRAGMA max_page_count = 8")  # SQLite's own "database or disk is full"

    monkeypatch.setattr(search.SearchIndex, "__init__", little_room)
    result = runner.invoke(app, ["ingest", str(sample_files[0]), "--store", str(store)])
    assert result.exit_code == 2
    line = _one_line(result)
    assert line.startswith(f"error: {store / search.INDEX_FILE}: the disk is full (database or disk is full)")


def test_a_read_only_store_folder_is_one_line_for_ingest_and_read_by_the_rest(store, monkeypatch):
    writable = ox.Store

    class ReadOnlyFolder:
        """The engine opening a folder on a read-only file system (as a bind mount with `ro` gives)."""

        read_only = staticmethod(writable.read_only)

        def __new__(cls, path=None):
            if path is None:
                return writable()
            raise OSError(f"IO error: While open a file for appending: {path}/LOG: Read-only file system")

    before = _quads(store)
    monkeypatch.setattr(ox, "Store", ReadOnlyFolder)
    result = runner.invoke(app, ["ingest", str(IMPACT_PLANS / "phuong_mo_lao_12.txt"), "--store", str(store)])
    assert result.exit_code == 2
    assert _one_line(result) == (f"error: {store}: the store folder is read-only; commands that only read work on it, "
                                 "but this one writes: give a folder it may write to with --store")
    counted = runner.invoke(app, ["sparql", COUNT, "--store", str(store), "--format", "json"])
    assert counted.exit_code == 0, counted.output
    assert int(json.loads(counted.stdout)["results"]["bindings"][0]["n"]["value"]) == before


@pytest.mark.parametrize("where, reason", [("missing/out.nq", "No such file or directory"),
                                           ("afile/out.nq", "Not a directory")])
def test_an_output_file_that_cannot_be_written_is_one_line(store, tmp_path, where, reason):
    (tmp_path / "afile").write_text("x")
    result = runner.invoke(app, ["export", "-o", str(tmp_path / where), "--store", str(store)])
    assert result.exit_code == 2
    assert _one_line(result).startswith(f"error: {tmp_path / where}: cannot be written there ({reason})")
