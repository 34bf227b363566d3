"""bench/validate.py runs and compares `validate` with pyshacl; its timings are reported, never asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.test_validate import BREAKAGES, _graphs, _store

ROOT = Path(__file__).parent.parent


def test_the_benchmark_finds_what_pyshacl_finds_and_ends_with_one_json_line(tmp_path):
    store = _store(tmp_path, _graphs([change for _name, changes, _expected in BREAKAGES for change in changes]))
    store.flush()
    del store  # the benchmark opens the folder itself
    done = subprocess.run(
        [sys.executable, "bench/validate.py", "--store", str(tmp_path / "store"), "--pyshacl-timeout", "240", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout.strip().splitlines()[-1])
    assert results["quads"] > 0 and results["constraints"] > 0 and len(results["slowest"]) == 5
    assert results["violations"] == results["pyshacl_violations"] > 0
    assert results["same_violations"] is True
    assert f"{results['constraints']}/{results['constraints']} constraints checked" in done.stderr
