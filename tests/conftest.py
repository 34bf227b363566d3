"""Shared fixtures: a store with the sample plans ingested, made once per test session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parent.parent / "cancu" / "samples"


@pytest.fixture(scope="session")
def sample_files() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory, sample_files):
    from graph.pipeline import ingest_files
    from graph.store import GraphStore

    store = GraphStore(tmp_path_factory.mktemp("store"))
    ingest_files(store, sample_files)
    return store


def require_program(name: str, path: str | None = None) -> str:
    """The path of a system program a test needs.

    On a user's machine a missing program skips the test with the reason; with
    CI=true the set-up script has installed it, so its absence is a failure.
    """
    found = path if path and Path(path).exists() else shutil.which(name)
    if found:
        return found
    reason = f"{name} is not installed (scripts/setup --test installs it)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason + "; CI=true, so this test may not be skipped")
    pytest.skip(reason)
