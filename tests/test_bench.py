"""The national benchmark runs end to end on a tiny corpus and reports what issue 8 asks.

Only that it runs and that its numbers are sane: performance is measured by
`bench/national.py`, never asserted here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
KEYS = ("docs", "triples", "ingest_docs_per_s", "trace_p50_ms", "trace_p95_ms", "impact_p50_ms", "impact_p95_ms",
        "rss_mb", "store_mb", "rdflib_trace_p50_ms", "rdflib_impact_p50_ms")


def test_the_benchmark_ends_with_one_json_line_of_sane_numbers(tmp_path):
    store = tmp_path / "store"
    done = subprocess.run(
        [sys.executable, "bench/national.py", "--provinces", "1", "--districts", "1", "--communes", "2",
         "--trace-samples", "10", "--impact-samples", "1", "--rdflib-samples", "2", "--no-cli",
         "--compare-rdflib", "--json", "--store", str(store)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(KEYS) <= set(results)
    assert results["docs"] == 4 and results["refused"] == 0
    assert results["triples"] > 0 and results["store_mb"] > 0 and results["rss_mb"] > 0
    assert results["trace_p50_ms"] > 0 and results["impact_p50_ms"] > 0 and results["rdflib_trace_p50_ms"] > 0
    assert results["tasks_extracted"] == results["tasks_generated"] > 0
    assert results["rdflib_same_answers"] is True
    assert results["reingest_changes"] == 1  # the one deadline the benchmark moved
    assert results["search_p50_ms"] > 0 and results["search_folded_p50_ms"] > 0 and results["search_index_mb"] > 0


def test_a_generated_commune_task_traces_up_to_76_nq_cp(tmp_path):
    from bench.corpus import Shape, generate
    from graph.pipeline import ingest_files
    from graph.store import GraphStore
    from graph.trace import trace

    corpus = generate(Shape(provinces=1, districts=1, communes=1))
    store = GraphStore(tmp_path / "store")
    ingest_files(store, corpus.write(tmp_path / "docs"))
    task = store.select(
        "PREFIX cc: <https://w3id.org/cancu/ont#> SELECT ?task WHERE { ?doc cc:level cc:commune ; cc:hasTask ?task }"
    )[0]["task"]
    numbers = [m.number for m in trace(store, task).mandates]
    assert "76/NQ-CP" in numbers and "23/CT-TTg" in numbers
