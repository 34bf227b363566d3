"""Shared fixtures: a store with the sample plans ingested, made once per test session."""

from __future__ import annotations

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
