"""The command line as a user runs it: output shapes, errors and exit codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cancu.cli import app
from cancu.messages import MESSAGES
from ingest.fold import fold

runner = CliRunner()


def test_extract_prints_the_extraction_contract(sample_files):
    result = runner.invoke(app, ["extract", str(sample_files[4]), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"file", "document", "basis", "citations", "tasks", "recipients", "warnings"}
    assert data["document"]["number"] == "41/KH-UBND"


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("plan.xyz", b"hello", "unsupported file type"),
        ("empty.txt", b"   \n", "blank"),
        ("broken.docx", b"not a zip", "not a readable Word"),
        ("broken.pdf", b"%PDF-1.4 garbage", "not a readable PDF"),
        ("binary.txt", b"\x00\x01\x02\x00" * 10, "binary data"),
    ],
)
def test_bad_input_is_refused_in_one_line(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    assert reason in result.stderr and name in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_ingest_then_trace_as_json(tmp_path, sample_files):
    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", *map(str, sample_files), "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    statuses = [f["status"] for f in json.loads(result.stdout)["files"]]
    assert statuses == ["new"] * len(sample_files)
    result = runner.invoke(
        app, ["trace", "tham mưu UBND phường trong công tác triển khai kế hoạch", "--store", str(store), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"task", "chain", "mandates"}
    assert {"iri", "text", "unit", "document"} <= set(data["task"])
    assert "76/NQ-CP" in [m["number"] for m in data["mandates"]]
    for step in data["chain"]:
        assert {"from", "to", "property", "method", "quote", "confidence"} <= set(step)


def test_an_unknown_task_says_so_and_suggests(tmp_path, sample_files):
    store = tmp_path / "store"
    runner.invoke(app, ["ingest", str(sample_files[4]), "--store", str(store)])
    result = runner.invoke(app, ["trace", "xyz không có nhiệm vụ này", "--store", str(store)])
    assert result.exit_code == 1
    assert "no task matches" in result.stderr


def test_ingest_refuses_a_bad_file_and_keeps_the_rest(tmp_path, sample_files):
    store = tmp_path / "store"
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"nope")
    result = runner.invoke(app, ["ingest", str(sample_files[4]), str(bad), "--store", str(store), "--format", "json"])
    assert result.exit_code == 2
    files = json.loads(result.stdout)["files"]
    assert [f["status"] for f in files] == ["new", "refused"]
    assert "bad.docx" in files[1]["error"]


def test_sparql_json_is_the_w3c_results_format(tmp_path, sample_files):
    store = tmp_path / "store"
    runner.invoke(app, ["ingest", str(sample_files[4]), "--store", str(store)])
    result = runner.invoke(
        app, ["sparql", "SELECT ?n WHERE { ?d <https://w3id.org/cancu/ont#number> ?n }", "--store", str(store), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["head"]["vars"] == ["n"] and data["results"]["bindings"]


@pytest.fixture(scope="module")
def small_store(tmp_path_factory, sample_files):
    store = tmp_path_factory.mktemp("cli") / "store"
    result = runner.invoke(app, ["ingest", str(sample_files[4]), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def test_sparql_syntax_error_is_a_clear_message(small_store):
    result = runner.invoke(app, ["sparql", "SELEKT nothing", "--store", str(small_store)])
    assert result.exit_code == 2 and "not valid SPARQL" in result.stderr


def test_sparql_construct_prints_ntriples(small_store):
    result = runner.invoke(
        app, ["sparql", "CONSTRUCT { ?d <urn:n> ?n } WHERE { ?d <https://w3id.org/cancu/ont#number> ?n }", "--store", str(small_store)]
    )
    assert result.exit_code == 0, result.output
    assert "<urn:n>" in result.stdout and result.stdout.strip().endswith(".")


def test_sparql_writes_csv_and_a_spreadsheet_with_the_users_own_column_names(small_store, tmp_path):
    from openpyxl import load_workbook

    query = "SELECT ?n WHERE { ?d <https://w3id.org/cancu/ont#number> ?n } ORDER BY ?n"
    result = runner.invoke(app, ["sparql", query, "--store", str(small_store), "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "n" and "41/KH-UBND" in lines[1:]
    sheet = tmp_path / "numbers.xlsx"
    result = runner.invoke(app, ["sparql", query, "--store", str(small_store), "--format", "xlsx", "-o", str(sheet)])
    assert result.exit_code == 0, result.output
    cells = [row for row in load_workbook(sheet).active.iter_rows(values_only=True)]
    assert cells[0] == ("n",) and ("41/KH-UBND",) in cells[1:]


def test_sparql_refuses_federated_queries(small_store):
    result = runner.invoke(app, ["sparql", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "--store", str(small_store)])
    assert result.exit_code == 2 and "SERVICE" in result.stderr


def test_reading_commands_share_the_store_with_a_writer(small_store):
    from graph.store import GraphStore

    writer = GraphStore(small_store)  # holds the lock, as a running ingest would
    try:
        result = runner.invoke(app, ["trace", "tham muu UBND phuong trong cong tac", "--store", str(small_store), "--format", "json"])
        assert result.exit_code == 0, result.stderr
    finally:
        del writer


@pytest.mark.parametrize(
    "args, message",
    [
        (["trace", "x", "--format", "yaml"], "yaml"),
        (["trace", "x", "--store", "{missing}"], "no graph store here yet"),
        (["trace", "x", "--store", "{file}"], "is a file"),
        (["ingest", "{empty}"], "no document to ingest"),
    ],
)
def test_bad_options_and_places_are_refused(tmp_path, args, message):
    (tmp_path / "afile").write_text("x")
    (tmp_path / "empty").mkdir()
    places = {"missing": tmp_path / "nowhere", "file": tmp_path / "afile", "empty": tmp_path / "empty"}
    result = runner.invoke(app, [a.format(**places) for a in args])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_output_survives_a_console_that_cannot_show_vietnamese(small_store):
    import subprocess
    import sys

    env = {**__import__("os").environ, "PYTHONIOENCODING": "ascii"}
    run = subprocess.run(
        [sys.executable, "-m", "cancu.cli", "trace", "tham muu UBND phuong", "--store", str(small_store)],
        capture_output=True, env=env, timeout=120,
    )
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in run.stderr


def test_demo_ingests_writes_the_view_and_traces(tmp_path):
    view = tmp_path / "view.html"
    result = runner.invoke(app, ["demo", "--store", str(tmp_path / "store"), "-o", str(view)])
    assert result.exit_code == 0, result.output
    assert view.exists() and "mo lao" in fold(_view_data(view))
    assert "76/NQ-CP" in result.stdout
    assert result.stdout.count("cancu ") >= 3


def test_every_message_has_both_languages():
    for key, texts in MESSAGES.items():
        assert set(texts) == {"en", "vi"}, key


def _view_data(path) -> str:
    """The data the page shows (its JSON block), decoded."""
    html = path.read_text(encoding="utf-8")
    start = html.index('id="cancu-data">') + len('id="cancu-data">')
    return json.dumps(json.loads(html[start: html.index("</script>", start)]), ensure_ascii=False)
