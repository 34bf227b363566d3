"""`serve` under load: a fixed number of queries run, a bounded number wait, the rest get 503 + Retry-After.

Every server here is bound to 127.0.0.1 on a free port; the load is bounded in
count (32 clients, a few requests each) and every wait has a bound. Nothing
here asserts a time: how fast the endpoint is under load is measured by
bench/serve_load.py and reported in bench/README.md.
"""

from __future__ import annotations

import http.client
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from bench.serve_load import named_requests
from graph.serve import RETRY_AFTER_S, serve
from tests.test_serve import SLOW_QUERY, store_folder  # noqa: F401  (a fixture)

CLIENTS = 32
REQUESTS_EACH = 3


def ask(port: int, sparql: str, *, use_get: bool = False, body: bytes | None = None) -> tuple[int, str | None, bytes]:
    """(status, Retry-After, body) of one query on a new connection; a reset or refusal raises."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = {"Accept": "application/sparql-results+json"}
        if use_get:
            connection.request("GET", "/query?" + urllib.parse.urlencode({"query": sparql}), headers=headers)
        else:
            data = body if body is not None else urllib.parse.urlencode({"query": sparql}).encode()
            connection.request("POST", "/query", body=data,
                               headers={**headers, "Content-Type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        return response.status, response.getheader("Retry-After"), response.read()
    finally:
        connection.close()


def wait_until(condition, what: str, bound_s: float = 30) -> None:
    deadline = time.monotonic() + bound_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not after {bound_s} s")
        time.sleep(0.02)


def threads_of(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("Threads:")))


def in_background(port: int, sparql: str, answers: list) -> threading.Thread:
    thread = threading.Thread(target=lambda: answers.append(ask(port, sparql)), daemon=True)
    thread.start()
    return thread


def test_past_the_queue_the_answer_is_503_with_retry_after(store_folder):  # noqa: F811
    """One query runs, one waits: a third is told at once to come back, and nothing is reset."""
    with serve(store_folder[0], port=0, timeout_s=2, max_concurrent=1, max_waiting=1, log=lambda line: None) as server:
        answers: list = []
        running = in_background(server.port, SLOW_QUERY, answers)
        wait_until(lambda: server.engine.in_flight == 1, "the slow query runs")
        waiting = in_background(server.port, "ASK {}", answers)
        wait_until(lambda: server.engine.waiting == 1, "the second query waits")

        status, retry_after, text = ask(server.port, "ASK {}")
        assert status == 503 and retry_after == str(RETRY_AFTER_S)
        assert "the server is busy; try again" in text.decode("utf-8")
        running.join(timeout=60)
        waiting.join(timeout=60)
        # The slow one was stopped; the one that waited ran, or was told to come back.
        statuses = sorted((status, retry_after is not None) for status, retry_after, _text in answers)
        assert statuses in ([(200, False), (503, False)], [(503, False), (503, True)]), answers
        assert ask(server.port, "ASK {}")[0] == 200


def test_32_clients_get_an_answer_each_and_the_threads_stay_bounded(store_folder):  # noqa: F811
    """32 clients at once, the named queries: every answer is a 200 or a 503 with Retry-After, none is
    reset or refused, and neither the proxy nor the engine grows a thread per request."""
    concurrent, waiting = 2, 6
    threads_before = threading.active_count()
    with serve(store_folder[0], port=0, timeout_s=30, max_concurrent=concurrent, max_waiting=waiting,
               log=lambda line: None) as server:
        engine_threads_idle = threads_of(server.engine.process.pid)
        requests = named_requests()
        outcomes: list = []
        start = threading.Barrier(CLIENTS)

        def client(n: int) -> None:
            start.wait(timeout=60)
            for k in range(REQUESTS_EACH):
                _name, sparql = requests[(n * REQUESTS_EACH + k) % len(requests)]
                try:
                    status, retry_after, _body = ask(server.port, sparql, use_get=k % 2 == 0)
                    outcomes.append((status, retry_after))
                except OSError as exc:  # reset, refused, closed without an answer
                    outcomes.append((type(exc).__name__, None))

        clients = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(CLIENTS)]
        for thread in clients:
            thread.start()
        proxy_threads_most = 0
        while any(thread.is_alive() for thread in clients):
            others = [thread for thread in threading.enumerate() if thread not in clients]
            proxy_threads_most = max(proxy_threads_most, len(others) - threads_before)
            time.sleep(0.05)
        engine_threads_after = threads_of(server.engine.process.pid)

    assert len(outcomes) == CLIENTS * REQUESTS_EACH
    failed = [outcome for outcome in outcomes if not isinstance(outcome[0], int)]
    assert failed == []
    assert all(status == 200 or (status == 503 and retry_after == str(RETRY_AFTER_S)) for status, retry_after in outcomes), \
        sorted(set(outcomes))
    # The pool; the threads that answer "busy", close connections, accept them, supervise the engine
    # and cut a query at its deadline: none is started per request.
    assert proxy_threads_most <= (concurrent + waiting) + 5
    # The engine keeps a thread per open connection, and gets one connection per query in flight.
    assert engine_threads_after <= engine_threads_idle + concurrent


def test_a_request_too_large_is_answered_not_reset(store_folder):  # noqa: F811
    with serve(store_folder[0], port=0, timeout_s=5, log=lambda line: None) as server:
        status, _retry_after, text = ask(server.port, "", body=b"query=" + b"x" * (2 << 20))
        assert status == 413 and b"the request is too large" in text
