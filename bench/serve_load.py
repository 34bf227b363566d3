"""`cancu serve` under load: N clients sending the named queries for S seconds.

    python3 bench/serve_load.py --store /tmp/serve-store            # starts `cancu serve` from the cwd's code
    python3 bench/serve_load.py --url http://127.0.0.1:7878 --pid PID   # a server already running

Each client is a thread that, until the time is up, sends one named query
(queries/*.rq, its parameters bound to their examples, as the /examples page
offers them), chosen at random, half as GET and half as a form POST, on a new
connection each time (as a browser form or SPARQLWrapper does), and reads the
whole answer; after a 503 with Retry-After it waits as asked (unless
--ignore-retry-after). It counts every status, whether a 503 carried Retry-After, and
every connection that failed (reset, refused, closed without an answer, timed
out); latency is measured from connect to the last byte.

With --store the script starts `python3 -m cancu.cli serve --store DIR` in the
current directory (so `cd /work/main && python3 …/serve_load.py --store …`
measures main's code) and stops it at the end. With --pid (or --store) it
reports the threads of the server process and of its engine (its `oxigraph`
child), at most during the run and at the end, read from /proc (Linux).

Only 127.0.0.1 is allowed as the target: this is a load generator.
Performance is reported, never asserted; --json prints one JSON object last.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as `python3 bench/serve_load.py`: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import queries  # noqa: E402
from graph.remote import bind_values  # noqa: E402

CLIENT_TIMEOUT_S = 90
ACCEPT = "application/sparql-results+json"


@dataclass
class Results:
    """What one run measured; `--json` prints it."""

    url: str
    clients: int
    seconds: float
    requests: int = 0
    per_second: float = 0.0  # answers of any status
    ok_per_second: float = 0.0  # 200 answers
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    max_ms: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)
    busy_with_retry_after: int = 0  # 503 answers that said when to come back
    busy_without_retry_after: int = 0
    failures: dict[str, int] = field(default_factory=dict)  # no HTTP answer at all, by kind
    server_threads_max: int | None = None
    server_threads_end: int | None = None
    engine_threads_max: int | None = None
    engine_threads_end: int | None = None


def named_requests() -> list[tuple[str, str]]:
    """(name, SPARQL) of every named query, its parameters bound to their examples."""
    pairs = []
    for name in queries.names():
        named = queries.get(name)
        text = bind_values(named.text, queries.bindings(named, {})) if named.parameters else named.text
        pairs.append((name, text))
    return pairs


def one_request(host: str, port: int, sparql: str, use_get: bool) -> tuple[int, str | None]:
    """(status, Retry-After) of one query on a new connection; raises on a failed connection."""
    connection = http.client.HTTPConnection(host, port, timeout=CLIENT_TIMEOUT_S)
    try:
        if use_get:
            connection.request("GET", "/query?" + urllib.parse.urlencode({"query": sparql}),
                               headers={"Accept": ACCEPT, "Connection": "close"})
        else:
            connection.request("POST", "/query", body=urllib.parse.urlencode({"query": sparql}).encode(),
                               headers={"Accept": ACCEPT, "Connection": "close",
                                        "Content-Type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Retry-After")
    finally:
        connection.close()


def failure_kind(exc: BaseException) -> str:
    if isinstance(exc, ConnectionResetError):
        return "reset"
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "closed without answer"
    if isinstance(exc, TimeoutError):
        return "timed out"
    return type(exc).__name__


def client(host: str, port: int, requests: list[tuple[str, str]], until: float, seed: int,
           record: list, honour_retry_after: bool) -> None:
    chooser = random.Random(seed)
    while time.monotonic() < until:
        _name, sparql = chooser.choice(requests)
        started = time.monotonic()
        try:
            status, retry_after = one_request(host, port, sparql, use_get=chooser.random() < 0.5)
            record.append((time.monotonic() - started, status, retry_after is not None, None))
        except Exception as exc:  # a failed connection is what is being counted
            record.append((time.monotonic() - started, None, False, failure_kind(exc)))
            continue
        if honour_retry_after and retry_after is not None and retry_after.isdigit():
            time.sleep(max(0.0, min(int(retry_after), until - time.monotonic())))


def threads_of(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("Threads:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def engine_pid(server_pid: int) -> int | None:
    """The `oxigraph` child of the server process, if there is one now."""
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(server_pid) and fields.get("Name", "").strip() == "oxigraph":
            return int(status.parent.name)
    return None


class ThreadWatch:
    """Samples the thread counts of the server and its engine once a second."""

    def __init__(self, server_pid: int | None):
        self.server_pid = server_pid
        self.server_max = self.engine_max = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def counts(self) -> tuple[int | None, int | None]:
        if self.server_pid is None:
            return None, None
        engine = engine_pid(self.server_pid)
        return threads_of(self.server_pid), threads_of(engine) if engine else None

    def _run(self) -> None:
        while not self._done.wait(1.0):
            server, engine = self.counts()
            self.server_max = max(self.server_max, server or 0)
            self.engine_max = max(self.engine_max, engine or 0)

    def __enter__(self) -> "ThreadWatch":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()
        self._thread.join()


def start_server(store: Path) -> tuple[subprocess.Popen, str]:
    """`cancu serve` of the code in the current directory, on a free port; (process, url)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "cancu.cli", "serve", "--store", str(store), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if one_request("127.0.0.1", port, "ASK {}", use_get=True)[0] == 200:
                return process, url
        except OSError:
            pass
        if process.poll() is not None:
            raise SystemExit(f"cancu serve stopped at start (exit {process.returncode})")
        time.sleep(0.2)
    process.terminate()
    raise SystemExit("cancu serve did not answer within 60 s")


def run(url: str, clients: int, seconds: float, server_pid: int | None, honour_retry_after: bool = True) -> Results:
    target = urllib.parse.urlsplit(url)
    if target.hostname != "127.0.0.1":
        raise SystemExit(f"{url}: only a server on 127.0.0.1 is a target of this load generator")
    requests = named_requests()
    records: list = []
    until = time.monotonic() + seconds
    with ThreadWatch(server_pid) as watch:
        workers = [threading.Thread(target=client, args=(target.hostname, target.port, requests, until, n, records,
                                                         honour_retry_after))
                   for n in range(clients)]
        started = time.monotonic()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        elapsed = time.monotonic() - started
    return summary(url, clients, elapsed, records, watch)


def summary(url: str, clients: int, elapsed: float, records: list, watch: ThreadWatch) -> Results:
    latencies = sorted(r[0] * 1000 for r in records if r[1] is not None)
    results = Results(url=url, clients=clients, seconds=round(elapsed, 1), requests=len(records))
    results.per_second = round(len(latencies) / elapsed, 1)
    results.ok_per_second = round(sum(1 for r in records if r[1] == 200) / elapsed, 1)
    if latencies:
        results.p50_ms = round(statistics.median(latencies), 1)
        results.p95_ms = round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))], 1)
        results.max_ms = round(latencies[-1], 1)
    results.statuses = dict(sorted(Counter(str(r[1]) for r in records if r[1] is not None).items()))
    results.busy_with_retry_after = sum(1 for r in records if r[1] == 503 and r[2])
    results.busy_without_retry_after = sum(1 for r in records if r[1] == 503 and not r[2])
    results.failures = dict(Counter(r[3] for r in records if r[3] is not None))
    results.server_threads_max = watch.server_max or None
    results.engine_threads_max = watch.engine_max or None
    results.server_threads_end, results.engine_threads_end = watch.counts()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="a running server, e.g. http://127.0.0.1:7878")
    where.add_argument("--store", type=Path, help="start `cancu serve --store DIR` (the cwd's code) and load it")
    parser.add_argument("--pid", type=int, help="the running server's process id (for its thread counts)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--ignore-retry-after", action="store_true",
                        help="send the next query at once after a 503 (by default a client waits as Retry-After asks)")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    args = parser.parse_args(argv)

    process = None
    url, pid = args.url, args.pid
    if args.store is not None:
        process, url = start_server(args.store)
        pid = process.pid
    try:
        results = run(url, args.clients, args.seconds, pid, honour_retry_after=not args.ignore_retry_after)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
    if args.json:
        print(json.dumps(asdict(results), ensure_ascii=False))
    else:
        for key, value in asdict(results).items():
            print(f"{key:26s} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
