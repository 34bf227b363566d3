"""cancu query and cancu export, as staff use them."""

from __future__ import annotations

import json

import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from cancu.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory, sample_files):
    path = tmp_path_factory.mktemp("q") / "store"
    assert runner.invoke(app, ["ingest", *map(str, sample_files), "--store", str(path)]).exit_code == 0
    return path


def test_the_list_describes_each_query_with_its_parameters(store):
    result = runner.invoke(app, ["query", "--list", "--format", "json", "--store", str(store)])
    assert result.exit_code == 0, result.output
    listing = json.loads(result.stdout)
    assert {"name", "description", "parameters"} <= set(listing[0])
    trace = next(q for q in listing if q["name"] == "task_trace")
    assert trace["parameters"][0]["name"] == "task" and trace["parameters"][0]["example"].startswith("https://")
    assert len(listing) >= 15


def test_a_spreadsheet_has_readable_vietnamese_headers(store, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "tasks.xlsx"
    result = runner.invoke(app, ["query", "tasks", "--format", "xlsx", "-o", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]][:3] == ["Nhiệm vụ (IRI)", "Nội dung", "Đơn vị"]
    assert sheet.max_row == 77  # 76 tasks and the header


def test_csv_in_english_and_a_bound_parameter(store):
    iri = "https://w3id.org/cancu/id/act/ubnd-phuong-mo-lao/41-kh-ubnd/task/1"
    result = runner.invoke(app, ["query", "task", "--param", f"task={iri}", "--format", "csv", "--lang", "en", "--store", str(store)])
    assert result.exit_code == 0, result.output
    header, first = result.stdout.splitlines()[:2]
    assert header.startswith("Task (IRI),Text") and iri in first


@pytest.mark.parametrize(
    "args, message",
    [
        (["query", "no_such_query"], "no query named"),
        (["query", "task", "--param", "nope=1"], "has no parameter 'nope'"),
        (["query", "task", "--param", "novalue"], "KEY=VALUE"),
        (["query", "tasks", "--format", "xlsx"], "needs a file"),
    ],
)
def test_query_mistakes_get_one_line(store, args, message):
    result = runner.invoke(app, args + ["--store", str(store)])
    assert result.exit_code == 2 and message in result.stderr, result.stderr


@pytest.mark.parametrize("fmt, parse_as", [("turtle", "turtle"), ("jsonld", "json-ld")])
def test_export_gives_the_triples(store, fmt, parse_as):
    result = runner.invoke(app, ["export", "--format", fmt, "--store", str(store)])
    assert result.exit_code == 0
    g = Graph().parse(data=result.stdout_bytes.decode("utf-8"), format=parse_as)
    assert len(g) > 1000


def test_export_nquads_keeps_the_named_graphs_and_one_document_alone(store):
    everything = runner.invoke(app, ["export", "--format", "nquads", "--store", str(store)])
    one = runner.invoke(app, ["export", "--format", "nquads", "--document", "004_685590da405b82b8.txt", "--store", str(store)])
    assert everything.exit_code == one.exit_code == 0
    all_graphs = Dataset()
    all_graphs.parse(data=everything.stdout_bytes.decode("utf-8"), format="nquads")
    assert len(list(all_graphs.graphs())) >= 7
    assert 0 < len(one.stdout_bytes.splitlines()) < len(everything.stdout_bytes.splitlines())
    missing = runner.invoke(app, ["export", "--document", "nothing.txt", "--store", str(store)])
    assert missing.exit_code == 2 and "no ingested file" in missing.stderr
