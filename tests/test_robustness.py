"""Robustness: bad input, odd documents, a killed ingest, hostile query parameters, fuzzed text.

The graph is the office's record of who must do what: nothing a file or a parameter
holds may lose it, corrupt it or run as code.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import queries
from cancu.cli import app
from graph.store import GraphStore
from ingest.dates import parse_date
from ingest.doctypes import DOC_TYPES
from ingest.errors import IngestError
from ingest.extract import extract
from ingest.fold import Folded, fold
from ingest.numbers import ISSUER_CODES, DocumentNumber

ROOT = Path(__file__).parent.parent
IMPACT_PLANS = ROOT / "tests" / "data" / "impact"
runner = CliRunner()
HOSTILE = '" } ; DROP ALL ; #'


def _quads(store: Path) -> int:
    return GraphStore(store, read_only=True).quad_count()


@pytest.fixture()
def small_store(tmp_path) -> Path:
    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(IMPACT_PLANS), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def _pdf_bytes(text: str, **encryption) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 10, text)
    if encryption:
        pdf.set_encryption(**encryption)
    return bytes(pdf.output())


def _bad_inputs(folder: Path) -> dict[str, bytes]:
    """A folder of files cancu must refuse, each for its own reason."""
    rng = random.Random(7)
    plan = (IMPACT_PLANS / "phuong_mo_lao_12.txt").read_bytes()
    files = {
        "empty.txt": b"",
        "blank.txt": b" \n\t\n",
        "random.pdf": bytes(rng.randrange(256) for _ in range(4000)),
        "random.docx": bytes(rng.randrange(256) for _ in range(4000)),
        "truncated.pdf": _pdf_bytes("Ke hoach so 12/KH-UBND " * 40)[:600],
        "encrypted.pdf": _pdf_bytes("Ke hoach so 12/KH-UBND", owner_password="o", user_password="secret"),
        "binary.txt": b"\x00\x01\x02\x03" * 500,
        "undecodable.txt": bytes(range(0x80, 0x100)) * 20,
        "huge.txt": plan * (31 * 2**20 // len(plan) + 1),  # over the 30 MiB files may have
        "collection.txt": plan * (29_000_000 // len(plan)),  # under it, but 29 million characters of text
    }
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def test_a_folder_of_bad_inputs_is_refused_file_by_file_and_the_store_is_unchanged(small_store, tmp_path):
    before = _quads(small_store)
    files = _bad_inputs(tmp_path / "bad")
    result = runner.invoke(app, ["ingest", str(tmp_path / "bad"), "--store", str(small_store), "--format", "json"])
    assert result.exit_code == 2
    reported = {Path(f["file"]).name: f for f in json.loads(result.stdout)["files"]}
    assert set(reported) == set(files)
    for name, entry in reported.items():
        assert entry["status"] == "refused", name
        assert name in entry["error"] and "\n" not in entry["error"] and "Traceback" not in entry["error"]
    assert "Traceback" not in result.stderr
    assert _quads(small_store) == before


def test_each_bad_input_is_one_plain_line_on_the_terminal(small_store, tmp_path):
    _bad_inputs(tmp_path / "bad")
    for path in sorted((tmp_path / "bad").iterdir()):
        result = runner.invoke(app, ["extract", str(path)])
        assert result.exit_code == 2, path.name
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and path.name in lines[0] and "Traceback" not in result.stderr, lines


_ODD_PLAN = """ỦY BAN NHÂN DÂN
PHƯỜNG MỖ LAO

Số: /KH-UBND

Mỗ Lao, ngày 31 tháng 02 năm 2025

KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025

Thực hiện Kế hoạch số 77/KH-UBND ngày 31/02/2025 của UBND phường Mỗ Lao, UBND phường Mỗ Lao ban hành Kế hoạch số 77/KH-UBND như sau:

I. TỔ CHỨC THỰC HIỆN

1. Văn phòng UBND phường

Chủ trì xây dựng kế hoạch tuyên truyền, hoàn thành chậm nhất ngày 31/02/2025.
"""


def test_impossible_dates_a_blank_number_and_a_plan_that_implements_itself(tmp_path):
    from graph.impact import impact, impact_graph
    from graph.trace import trace

    odd = tmp_path / "odd.txt"
    odd.write_text(_ODD_PLAN, encoding="utf-8")
    extraction = extract(odd)
    assert extraction.document.date is None and all(t.deadline is None for t in extraction.tasks)
    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(odd), "--store", str(store)])
    assert result.exit_code == 0, result.output
    graph_store = GraphStore(store, read_only=True)
    task = graph_store.select("SELECT ?t WHERE { ?t a <https://w3id.org/cancu/ont#Task> }")[0]["t"]
    assert trace(graph_store, task).task["iri"] == task  # ends, though the plan carries out itself
    graph = impact_graph(graph_store)
    impact(graph, graph.nodes[task])
    assert runner.invoke(app, ["validate", "--store", str(store)]).exit_code == 0


def test_an_ingest_killed_mid_way_leaves_a_store_that_opens_validates_and_ingests_again(tmp_path, sample_files):
    folder = tmp_path / "plans"
    folder.mkdir()
    for copy in range(3):
        for path in sample_files:
            (folder / f"{copy}-{path.name}").write_bytes(path.read_bytes())
    store = tmp_path / "store"
    command = [sys.executable, "-m", "cancu.cli", "ingest", str(folder), "--store", str(store), "--jobs", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    deadline = time.monotonic() + 60
    while not (store / "CURRENT").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # well into the files
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert runner.invoke(app, ["validate", "--store", str(store)]).exit_code == 0
    again = runner.invoke(app, ["ingest", str(folder), "--store", str(store), "--format", "json"])
    assert again.exit_code == 0, again.output
    assert {f["status"] for f in json.loads(again.stdout)["files"]} <= {"new", "changed", "unchanged"}
    clean = tmp_path / "clean"
    assert runner.invoke(app, ["ingest", str(folder), "--store", str(clean)]).exit_code == 0
    assert _quads(store) == _quads(clean)


@pytest.mark.parametrize("name", [n for n in queries.names() if queries.get(n).parameters])
def test_a_hostile_parameter_matches_nothing_and_changes_nothing(small_store, name):
    before = _quads(small_store)
    params = [arg for p in queries.get(name).parameters for arg in ("--param", f"{p.name}={HOSTILE}")]
    result = runner.invoke(app, ["query", name, *params, "--format", "json", "--store", str(small_store)])
    assert "Traceback" not in result.stderr
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 0:
        assert json.loads(result.stdout) == [] or name in _ECHOING
    assert _quads(small_store) == before


# Queries that list the parameter back (a date range) or rows that do not depend on it.
_ECHOING = {"overdue_tasks", "deadlines_between"}


# --- properties ---------------------------------------------------------------------

_TYPE_CODES = sorted({code for t in DOC_TYPES for code in t.codes if code.isalpha()})
_ISSUERS = sorted(code for code in ISSUER_CODES if code.isalpha())


@st.composite
def document_numbers(draw) -> str:
    serial = str(draw(st.integers(min_value=1, max_value=99999)))
    type_code = draw(st.sampled_from(_TYPE_CODES))
    issuer = draw(st.sampled_from(_ISSUERS))
    year = draw(st.one_of(st.none(), st.integers(min_value=1990, max_value=2030)))
    if draw(st.booleans()):  # the Party's style: 24-CT/TU
        return f"{serial}-{type_code}/{issuer}"
    return f"{serial}/{year}/{type_code}-{issuer}" if year else f"{serial}/{type_code}-{issuer}"


@settings(max_examples=300, deadline=None)
@given(document_numbers())
def test_a_number_printed_back_parses_to_the_same_number(text):
    number = DocumentNumber.parse(text)
    printed = str(number)
    assert DocumentNumber.parse(printed) == number
    assert str(DocumentNumber.parse(printed)) == printed


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_folding_is_stable_and_maps_back_to_the_source(text):
    folded = Folded.of(text)
    assert folded.text == fold(text)
    assert fold(folded.text) == folded.text
    assert len(folded.index) == len(folded.text)
    assert all(0 <= i < len(text) for i in folded.index) and list(folded.index) == sorted(folded.index)


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)))
def test_a_printed_date_is_read_back(day):
    iso = day.isoformat()
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == iso
    assert parse_date(f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}") == iso
    assert parse_date(f"ngay {day.day} thang {day.month} nam {day.year}") == iso


@pytest.mark.parametrize("text", ["31/02/2025", "30/02/2024", "ngày 31 tháng 4 năm 2025", "00/01/2025", "15/13/2025"])
def test_impossible_dates_are_not_dates(text):
    assert parse_date(text) is None


def _mutations(text: str, rng: random.Random) -> str:
    """The text cut, doubled, shuffled and sprinkled with noise, as bad copies and OCR do."""
    lines = text.splitlines()
    for _ in range(rng.randint(1, 6)):
        kind = rng.choice(["drop", "dup", "swap", "noise", "cut", "join"])
        if not lines:
            break
        i = rng.randrange(len(lines))
        if kind == "drop":
            del lines[i]
        elif kind == "dup":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "noise":
            chars = list(lines[i])
            for _ in range(rng.randint(1, 10)):
                chars.insert(rng.randint(0, len(chars)), rng.choice("¢@&'`´|_-–—/\\:;.,()[]{}<>0123456789đĐ\u0300\u0301\u00a0\t"))
            lines[i] = "".join(chars)
        elif kind == "cut":
            lines[i] = lines[i][: rng.randint(0, len(lines[i]))]
        else:
            lines[i:i + 2] = [" ".join(lines[i:i + 2])]
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(40))
def test_mutated_documents_never_crash_the_extraction(tmp_path, sample_files, seed):
    rng = random.Random(seed)
    source = sample_files[seed % len(sample_files)]
    mutated = tmp_path / f"mutated-{seed}.txt"
    mutated.write_text(_mutations(source.read_text(encoding="utf-8"), rng), encoding="utf-8")
    try:
        result = extract(mutated)
    except IngestError:
        return  # refused with its reason: allowed
    json.dumps(result.to_json(), ensure_ascii=False)  # the contract still serialises


def test_a_second_ingest_while_one_writes_is_refused_with_a_clear_message(small_store):
    before = _quads(small_store)
    writer = GraphStore(small_store)  # an ingest holding the store
    try:
        command = [sys.executable, "-m", "cancu.cli", "ingest", str(IMPACT_PLANS), "--store", str(small_store)]
        second = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)
    finally:
        del writer
    assert second.returncode == 2
    assert "another cancu command is writing to it" in second.stderr and "Traceback" not in second.stderr
    assert _quads(small_store) == before
