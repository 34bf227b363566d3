"""Faults the user meets: a killed ingest, a parameter that is no IRI, a store or search index
that is damaged, a full disk, a folder cancu may not write.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent


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
