"""A read-only SPARQL 1.1 Protocol endpoint over a store folder, with a query page.

    server = serve(path, port=7878, timeout_s=30)
    server.wait()            # until Ctrl-C (or server.stop() from elsewhere)

The query engine is the Oxigraph server shipped by the `oxigraph` package
(`oxigraph serve-read-only --union-default-graph`), bound to a free port on
127.0.0.1 that only this process talks to. In front of it a small proxy
(the standard library's HTTPServer, bound to `host`, 127.0.0.1 by default)
is what users reach:

- `/` the query page (YASGUI, from Oxigraph) and `/examples` the named queries
  (Vietnamese and English), each with a link that opens it in the page;
- `/query` and `/sparql` the SPARQL 1.1 Protocol, queries only: an update, a
  Graph Store write, or any PUT/DELETE is refused with 403 (and the engine is
  read-only besides); `/store` may be read, the page's two scripts are passed
  on, any other path is 404 (the engine is never sent a path it would read
  differently, such as `/x/../query`);
- no federation: a query with a `SERVICE` is refused with 403, unless every
  SERVICE names an IRI on a host the operator allowed (`allowed_service_hosts`,
  `cancu serve --allow-service HOST`); a variable endpoint is always refused.
  The engine has no option to turn SERVICE off, so the proxy reads each query
  as the engine will (graph/service.py) and sends the engine exactly the text
  it checked: the query is taken out of the GET parameters, the form or the
  `application/sparql-query` body (decoded as UTF-8; another charset or a
  Content-Encoding is 415, two `query` parameters 400) and sent on as an
  `application/sparql-query` POST with only the dataset parameters;
- every request gets `timeout_s` seconds. Oxigraph's own `--timeout-s` is not
  enough: a SELECT whose results stream is never cut (its answer is a 200 that
  runs on for gigabytes), an ORDER BY over a cross join keeps a core busy after
  the client has gone, and a cancelled one is a 200 with a truncated body. So
  the proxy reads the whole answer under a wall-clock deadline (and a size
  cap), answers 503 "the query ran longer than N seconds and was stopped" when
  it passes, closes the connection to the engine, and then restarts the engine
  as soon as the requests in flight have ended: a query that is still running
  inside it cannot be stopped any other way. New requests wait during the
  restart (a fraction of a second) instead of failing. The engine is started
  without `--timeout-s`: it starts a thread per query that sleeps the whole
  timeout, so at 20 queries a second it held 600 threads.

Under load the work is bounded, and the answer past the bound is a 503 with
Retry-After, never a reset connection:

- `max_concurrent` requests run in the engine at a time; up to `max_waiting`
  more wait for a turn (each at most `timeout_s`, then 503 + Retry-After), and
  the time a query runs is counted from its turn, not from its arrival;
- the proxy serves connections on a fixed pool of `max_concurrent +
  max_waiting` threads (graph/httpd.py). A connection that finds none free is
  handed to one more thread that reads its request and answers 503 +
  Retry-After; past that, connections wait in a listen backlog of 1024 (not
  socketserver's 5). No thread is started per request;
- every answer closes its connection (an idle kept-alive one would hold a
  thread of the pool), and without a reset: the proxy stops sending, reads
  what the client still sends (bounded), then closes;
- the engine gets one connection per request in flight, and keeps a thread per
  connection, so its threads stay near `max_concurrent`.
"""

from __future__ import annotations

import html
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from graph.cells import safe_csv
from graph.httpd import Alarms, PooledHTTPServer
from graph.service import Refusal, host_problem, refusal

TIMEOUT_MESSAGE = "the query ran longer than {n} seconds and was stopped"
TIMEOUT_MESSAGE_VI = "truy vấn chạy quá {n} giây nên đã bị dừng"
READ_ONLY_MESSAGE = "this SPARQL endpoint is read-only: updates are refused\nđiểm truy vấn này chỉ cho đọc: không nhận lệnh cập nhật"
BUSY_MESSAGE = "the server is busy; try again in a moment\nmáy chủ đang bận; hãy thử lại sau giây lát"
_START_TIMEOUT_S = 30
_MAX_REQUEST_BYTES = 1 << 20
# Seconds a 503 "busy" asks the client to wait before trying again.
RETRY_AFTER_S = 1


class ServeError(RuntimeError):
    """The endpoint cannot start (no store, no Oxigraph server, the port is taken …)."""


def oxigraph_program() -> str:
    """The `oxigraph` command the `oxigraph` package installs beside this Python."""
    here = Path(sysconfig.get_path("scripts")) / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        raise ServeError("the Oxigraph server is not installed (pip install oxigraph)")
    return found


def serve(
    store_path: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout_s: float = 30,
    examples: Sequence[tuple[str, str]] | None = None,
    max_result_bytes: int = 64 << 20,
    max_concurrent: int = 4,
    max_waiting: int = 32,
    allowed_service_hosts: Sequence[str] = (),
    log: Callable[[str], None] | None = None,
) -> "Server":
    """Start the endpoint over the store folder; returns the running `Server`.

    `examples` are (name, SPARQL) pairs for /examples; by default the named
    queries of `queries/` (with their descriptions and example parameters).
    `port=0` takes a free port (see `Server.url`). `max_concurrent` requests
    run in the engine at a time and `max_waiting` more wait; a SERVICE may
    call only the hosts of `allowed_service_hosts` (none by default).
    """
    path = Path(store_path)
    if not (path / "CURRENT").exists():
        raise ServeError(f"{path}: no graph store here yet; run `cancu ingest FILES` or `cancu demo` first")
    for host_given in allowed_service_hosts:
        problem = host_problem(host_given)
        if problem:
            raise ServeError(f"--allow-service: {problem}")
    if max_concurrent < 1:
        raise ServeError(f"--concurrent: at least 1 query must run at a time, not {max_concurrent}")
    if max_waiting < 0:
        raise ServeError(f"--queue: give 0 or more queries that may wait, not {max_waiting}")
    server = Server(path, host=host, port=port, timeout_s=timeout_s, examples=examples,
                    max_result_bytes=max_result_bytes, max_concurrent=max_concurrent, max_waiting=max_waiting,
                    allowed_service_hosts=tuple(allowed_service_hosts), log=log)
    server.start()
    return server


class Server:
    """The proxy and its engine; `stop()` ends both (so does leaving a `with` block)."""

    def __init__(self, store_path: Path, *, host: str, port: int, timeout_s: float,
                 examples: Sequence[tuple[str, str]] | None, max_result_bytes: int, max_concurrent: int,
                 max_waiting: int, allowed_service_hosts: tuple[str, ...], log: Callable[[str], None] | None):
        self.store_path = store_path
        self.host = host
        self.timeout_s = timeout_s
        self.max_result_bytes = max_result_bytes
        self.workers = max_concurrent + max_waiting
        self.allowed_service_hosts = allowed_service_hosts
        self.examples_html = examples_page(examples, timeout_s=timeout_s)
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        self.engine = Engine(store_path, timeout_s=timeout_s, max_concurrent=max_concurrent, log=self.log)
        self._requested_port = port
        self._httpd: _Proxy | None = None
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()
        self._stop_asked = threading.Event()

    @property
    def port(self) -> int:
        return self._httpd.server_address[1] if self._httpd else self._requested_port

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self) -> None:
        self.engine.start()
        try:
            self._httpd = _Proxy((self.host, self._requested_port), self, workers=self.workers)
        except OSError as exc:
            self.engine.stop()
            raise ServeError(f"{self.host}:{self._requested_port}: cannot listen there ({exc.strerror or exc})") from None
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="cancu-serve", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop taking requests, then end the engine. Safe to call twice."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        self._stop_asked.set()
        if self._httpd is not None:
            self._httpd.shutdown()
        # The engine first: a worker still waiting on it is then woken, and the pool can end.
        self.engine.stop()
        if self._httpd is not None:
            self._httpd.server_close()

    def wait(self) -> None:
        """Block until Ctrl-C or SIGTERM (or `stop()`), then stop cleanly."""
        previous = None
        if threading.current_thread() is threading.main_thread():
            previous = signal.signal(signal.SIGTERM, lambda *_: self._stop_asked.set())
        try:
            while not self._stop_asked.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass  # Ctrl-C is how staff stop it: stop cleanly below, without a traceback
        finally:
            self.stop()
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


class _Proxy(PooledHTTPServer):
    def __init__(self, address, server: Server, *, workers: int):
        self.cancu = server
        super().__init__(address, _Handler, workers=workers, busy_handler=_BusyHandler)


# --- the engine ---------------------------------------------------------------

class _TimedOut(Exception):
    """The query ran past the time limit."""


class _TooLarge(Exception):
    """The answer ran past the size limit."""


class _Busy(Exception):
    """No turn in the engine came within the time limit (or the server is stopping)."""


class _EngineDown(Exception):
    """The engine's process does not answer."""


class Engine:
    """The Oxigraph server process, restarted when a stopped query may still run in it.

    Requests pass a gate: at most `max_concurrent` at a time, and none while a
    restart is pending; a request that gave up on the engine (its deadline
    passed) marks a restart, which the supervisor thread does as soon as no
    request is in flight. `in_flight` and `waiting` count the requests in the
    engine and at the gate.
    """

    def __init__(self, store_path: Path, *, timeout_s: float, max_concurrent: int, log: Callable[[str], None]):
        self.store_path = store_path
        self.timeout_s = timeout_s
        self.max_concurrent = max_concurrent
        self.log = log
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.restarts = 0
        self._gate = threading.Condition()
        self._in_flight = 0
        self._waiting = 0
        self._alarms = Alarms()
        self._restart_pending = False
        self._closed = False

    # starting and stopping (the engine process is always started by the supervisor thread,
    # which lives as long as the server: on Linux the engine is ended when that thread dies)

    def start(self) -> None:
        """Start the supervisor and the engine; return once the engine answers (or raise ServeError)."""
        started = threading.Event()
        failure: list[ServeError] = []
        self._supervisor = threading.Thread(target=self._supervise, args=(started, failure),
                                            name="cancu-serve-engine", daemon=True)
        self._supervisor.start()
        started.wait()
        if failure:
            self.stop()
            raise failure[0]

    def stop(self) -> None:
        with self._gate:
            self._closed = True
            self._gate.notify_all()
        supervisor = getattr(self, "_supervisor", None)
        if supervisor is not None and supervisor is not threading.current_thread():
            supervisor.join(timeout=_START_TIMEOUT_S + 15)
        self._end_process()
        self._alarms.stop()

    def _supervise(self, started: threading.Event, failure: list) -> None:
        try:
            self._launch()
        except ServeError as exc:
            failure.append(exc)
            return
        finally:
            started.set()
        while True:
            with self._gate:
                while not self._closed and not (self._restart_pending and self._in_flight == 0):
                    self._gate.wait()
                if self._closed:
                    break
            self.log("cancu serve: restarting the query engine (a stopped query may still run in it)")
            try:
                self._end_process()
                self._launch()
                self.restarts += 1
            except ServeError as exc:
                self.log(f"cancu serve: {exc}")
            with self._gate:
                self._restart_pending = False
                self._gate.notify_all()
        self._end_process()

    @property
    def in_flight(self) -> int:
        return self._in_flight

    @property
    def waiting(self) -> int:
        return self._waiting

    def _launch(self) -> None:
        """Start the Oxigraph server and wait (bounded) until it answers a query."""
        program = oxigraph_program()
        port = _free_port()
        errors = tempfile.TemporaryFile()
        # No --timeout-s: the engine would hold a sleeping thread per query for the whole timeout;
        # the proxy's deadline and the restart that follows it stop a query instead.
        command = [program, "serve-read-only", "--location", str(self.store_path),
                   "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors,
                                   preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        deadline = time.monotonic() + _START_TIMEOUT_S
        while time.monotonic() < deadline and not self._closed:
            if process.poll() is not None:
                errors.seek(0)
                detail = errors.read().decode("utf-8", "replace").strip().splitlines()
                raise ServeError(f"the Oxigraph server stopped at start: {detail[0] if detail else 'no message'}")
            if _answers(port):
                self.port, self.process = port, process
                return
            time.sleep(0.1)
        stop_process(process)
        raise ServeError(f"the Oxigraph server did not answer within {_START_TIMEOUT_S} s")

    def _end_process(self) -> None:
        process, self.process = self.process, None
        if process is not None:
            stop_process(process)

    # the gate

    def enter(self, deadline: float) -> None:
        """Wait (until `deadline`) for a turn; have the engine started again if it has died."""
        with self._gate:
            for _attempt in range(2):
                self._wait_for_turn(deadline)
                if self._closed:
                    raise _Busy()
                if self.process is not None and self.process.poll() is None:
                    self._in_flight += 1
                    return
                self._restart_pending = True  # it died, or a restart failed
                self._gate.notify_all()
        raise _EngineDown()

    def _wait_for_turn(self, deadline: float) -> None:
        """Under the gate's lock: return when a request may enter, or raise _Busy at `deadline`."""
        self._waiting += 1
        try:
            while self._restart_pending or self._in_flight >= self.max_concurrent:
                remaining = deadline - time.monotonic()
                if self._closed or remaining <= 0:
                    raise _Busy()
                self._gate.wait(remaining)
        finally:
            self._waiting -= 1

    def leave(self, *, abandoned: bool) -> None:
        """A request is done with the engine; one that gave up on it asks for a restart,
        which the supervisor does once no request is in flight (new ones wait meanwhile)."""
        with self._gate:
            self._in_flight -= 1
            if abandoned:
                self._restart_pending = True
            self._gate.notify_all()

    # forwarding

    def forward(self, method: str, target: str, body: bytes | None, headers: dict[str, str],
                limit: int) -> tuple[int, list[tuple[str, str]], bytes]:
        """The engine's whole answer, within `limit` bytes: a turn comes within `timeout_s`
        (else _Busy), and the answer is read within `timeout_s` of the turn (else _TimedOut)."""
        self.enter(time.monotonic() + self.timeout_s)
        abandoned = False
        try:
            return self._exchange(method, target, body, headers, time.monotonic() + self.timeout_s, limit)
        except (_TimedOut, _TooLarge):
            abandoned = True
            raise
        finally:
            self.leave(abandoned=abandoned)

    def _exchange(self, method, target, body, headers, deadline, limit):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _TimedOut()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=remaining + 5)
        timed_out = threading.Event()

        def cut() -> None:  # wakes a read blocked on the engine
            timed_out.set()
            try:
                if connection.sock is not None:
                    connection.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # the connection closed meanwhile: nothing left to wake

        alarm = self._alarms.at(deadline, cut)
        try:
            connection.request(method, target, body=body, headers=headers)
            response = connection.getresponse()
            pieces, size = [], 0
            while True:
                piece = response.read(1 << 16)
                if not piece:
                    break
                size += len(piece)
                if size > limit:
                    raise _TooLarge()
                pieces.append(piece)
            if timed_out.is_set():
                raise _TimedOut()
            return response.status, response.getheaders(), b"".join(pieces)
        except (OSError, http.client.HTTPException):
            if timed_out.is_set():
                raise _TimedOut() from None
            raise
        finally:
            self._alarms.cancel(alarm)
            connection.close()


def stop_process(process: subprocess.Popen) -> None:
    """Ask a child server to stop; kill it if it has not stopped within five seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/query?query=ASK%7B%7D", headers={"Accept": "application/sparql-results+json"})
        ok = connection.getresponse().status == 200
        connection.close()
        return ok
    except (OSError, http.client.HTTPException):
        return False


def _die_with_parent() -> None:
    """In the engine's process: be ended if cancu dies without stopping it (Linux)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass  # no glibc here: `Server.stop` still ends the engine, only a killed cancu leaves it running


# --- the proxy ------------------------------------------------------------------

_HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
                "proxy-authorization", "proxy-authenticate", "content-length", "server", "date"}
_QUERY_PATHS = {"/query", "/sparql"}
# What else of the engine a client may read: the query page's scripts and the Graph Store.
_ENGINE_PATHS = {"/yasgui.min.js", "/yasgui.min.css", "/store"}
_DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri")
_FORM = "application/x-www-form-urlencoded"
_DIRECT = "application/sparql-query"
_ENGINE_DOWN_MESSAGE = ("the query engine could not be started; see the server's log\n"
                        "không khởi động được bộ máy truy vấn; xem nhật ký của máy chủ")


class _Handler(BaseHTTPRequestHandler):
    server_version = "cancu-serve"
    protocol_version = "HTTP/1.1"
    timeout = 30  # for each read from and write to the client

    @property
    def cancu(self) -> Server:
        return self.server.cancu  # type: ignore[attr-defined]

    def log_message(self, format: str, *args) -> None:
        self.cancu.log(f"{self.address_string()} {format % args}")

    # methods

    def do_GET(self) -> None:
        self._handle(None)

    def do_HEAD(self) -> None:
        self._handle(None, head=True)

    def do_POST(self) -> None:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            return self._plain(411, "a POST needs a Content-Length")
        if int(length) > _MAX_REQUEST_BYTES:
            return self._plain(413, "the request is too large")
        self._handle(self.rfile.read(int(length)))

    def _refuse(self, *, body_read: bool = False) -> None:
        length = self.headers.get("Content-Length")
        if not body_read and length and length.isdigit() and int(length) <= _MAX_REQUEST_BYTES:
            self.rfile.read(int(length))
        self._plain(403, READ_ONLY_MESSAGE)

    def do_PUT(self) -> None:
        self._refuse()

    do_DELETE = do_PATCH = do_PUT

    # routing

    def _handle(self, body: bytes | None, *, head: bool = False) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/" and body is None:
            return self._send(200, [("Content-Type", "text/html; charset=utf-8")], INDEX_HTML.encode("utf-8"), head)
        if url.path == "/examples" and body is None:
            return self._send(200, [("Content-Type", "text/html; charset=utf-8")],
                              self.cancu.examples_html.encode("utf-8"), head)
        if url.path in ("/update",) or (url.path == "/store" and body is not None) or _is_update(url.query, body, self.headers):
            return self._refuse(body_read=True)
        if url.path in _QUERY_PATHS:
            return self._query(url.query, body, head)
        if body is not None:
            return self._plain(405, "POST is taken at /query and /sparql only")
        if url.path not in _ENGINE_PATHS:
            return self._plain(404, f"{url.path}: no such page; the query page is /, the endpoint /query")
        self._forward("GET", url.path + (f"?{url.query}" if url.query else ""), None, {}, head)

    def _query(self, query_string: str, body: bytes | None, head: bool) -> None:
        """Check the query the request gives, then send the engine exactly that text."""
        asked = _asked_query(query_string, body, self.headers)
        if isinstance(asked, Refusal):
            return self._plain(asked.status, asked.text)
        if asked.text is None:  # a GET without a query: the engine's service description
            return self._forward("GET", "/query", None, {}, head)
        refused = refusal(asked.text, self.cancu.allowed_service_hosts)
        if refused is not None:
            return self._plain(refused.status, refused.text)
        self._forward("POST", asked.target, asked.text.encode("utf-8"),
                      {"Content-Type": f"{_DIRECT}; charset=utf-8"}, head)

    def _forward(self, method: str, target: str, body: bytes | None, headers: dict[str, str], head: bool) -> None:
        passed = {k: v for k, v in self.headers.items() if k.lower() in ("accept", "accept-language")}
        try:
            status, answer_headers, data = self.cancu.engine.forward(
                method, target, body, {**passed, **headers}, self.cancu.max_result_bytes)
        except _TimedOut:
            n = _seconds(self.cancu.timeout_s)
            self._plain(503, TIMEOUT_MESSAGE.format(n=n) + "\n" + TIMEOUT_MESSAGE_VI.format(n=n))
            return
        except _TooLarge:
            mb = self.cancu.max_result_bytes >> 20
            self._plain(503, f"the answer is larger than {mb} MB and was stopped; add a LIMIT\n"
                             f"kết quả lớn hơn {mb} MB nên đã bị dừng; hãy thêm LIMIT")
            return
        except _Busy:
            return self._plain(503, BUSY_MESSAGE, retry_after=RETRY_AFTER_S)
        except _EngineDown:
            return self._plain(503, _ENGINE_DOWN_MESSAGE, retry_after=5 * RETRY_AFTER_S)
        except (OSError, http.client.HTTPException) as exc:
            return self._plain(502, f"the query engine did not answer ({exc})")
        kept = [(k, v) for k, v in answer_headers if k.lower() not in _HOP_HEADERS]
        if status == 200 and any(k.lower() == "content-type" and v.split(";")[0].strip() == "text/csv" for k, v in kept):
            data = safe_csv(data)  # a spreadsheet's web query opens CSV answers: no cell may be a formula
        self._send(status, kept, data, head)

    # answers

    def _plain(self, status: int, text: str, *, retry_after: int | None = None) -> None:
        headers = [("Content-Type", "text/plain; charset=utf-8")]
        if retry_after is not None:
            headers.append(("Retry-After", str(retry_after)))
        self._send(status, headers, (text + "\n").encode("utf-8"))

    def _send(self, status: int, headers: list[tuple[str, str]], data: bytes, head: bool = False) -> None:
        try:
            self.send_response(status)
            for key, value in headers:
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-Content-Type-Options", "nosniff")
            # Every answer ends its connection: an idle kept-alive one would hold a thread of the pool.
            self.send_header("Connection", "close")
            self.end_headers()
            if not head:
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client left


class _BusyHandler(_Handler):
    """Serves a connection that found every thread of the pool busy: its request is read, then 503."""

    timeout = 5  # one thread serves all of these: a slow client may not hold it long

    def _handle(self, body: bytes | None, *, head: bool = False) -> None:
        self._plain(503, BUSY_MESSAGE, retry_after=RETRY_AFTER_S)


@dataclass(frozen=True)
class _AskedQuery:
    """The query a protocol request gives (None: none given) and its dataset parameters."""

    text: str | None
    dataset: tuple[tuple[str, str], ...]

    @property
    def target(self) -> str:
        return "/query" + (f"?{urllib.parse.urlencode(self.dataset)}" if self.dataset else "")


def _asked_query(query_string: str, body: bytes | None, headers) -> _AskedQuery | Refusal:
    """The query of a GET, a form POST or an application/sparql-query POST, or why it cannot be read."""
    try:
        parameters = urllib.parse.parse_qsl(query_string, keep_blank_values=True, errors="strict")
        texts = [value for key, value in parameters if key == "query"]
        if body is not None:
            problem = _body_problem(headers)
            if problem:
                return Refusal(415, problem)
            if _content_type(headers) == _FORM:
                form = urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True, errors="strict")
                parameters += form
                texts += [value for key, value in form if key == "query"]
            else:
                texts.append(body.decode("utf-8"))
    except UnicodeDecodeError:
        return Refusal(400, "the query is not UTF-8 text\ntruy vấn không phải văn bản UTF-8")
    if len(texts) > 1:
        return Refusal(400, "the request gives more than one query\nyêu cầu có nhiều hơn một truy vấn")
    if not texts and body is not None:
        return Refusal(400, "the request gives no query\nyêu cầu không có truy vấn")
    dataset = tuple((key, value) for key, value in parameters if key in _DATASET_PARAMETERS)
    return _AskedQuery(texts[0] if texts else None, dataset)


def _content_type(headers) -> str:
    return (headers.get("Content-Type") or "").split(";")[0].strip().lower()


def _body_problem(headers) -> str | None:
    """Why a POSTed query cannot be read as it is sent, or None."""
    if (headers.get("Content-Encoding") or "identity").strip().lower() != "identity":
        return "send the query without a Content-Encoding\nhãy gửi truy vấn không nén (không có Content-Encoding)"
    if _content_type(headers) not in (_FORM, _DIRECT):
        return (f"send a query as {_DIRECT} or as a form ({_FORM})\n"
                f"hãy gửi truy vấn dưới dạng {_DIRECT} hoặc biểu mẫu ({_FORM})")
    charset = "utf-8"
    for parameter in (headers.get("Content-Type") or "").split(";")[1:]:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    if charset not in ("utf-8", "utf8", "us-ascii"):
        return f"send the query in UTF-8, not {charset}\nhãy gửi truy vấn ở dạng UTF-8, không phải {charset}"
    return None


def _is_update(query_string: str, body: bytes | None, headers) -> bool:
    """A SPARQL update asked for (in the URL, a form body, or an application/sparql-update body)."""
    if "update" in urllib.parse.parse_qs(query_string, keep_blank_values=True):
        return True
    if body is None:
        return False
    kind = _content_type(headers)
    if kind == "application/sparql-update":
        return True
    if kind == _FORM:
        return "update" in urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return False


def _seconds(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# --- pages ----------------------------------------------------------------------

INDEX_HTML = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>cancu — SPARQL</title>
<link href="./yasgui.min.css" rel="stylesheet" type="text/css">
<script src="./yasgui.min.js"></script>
<style>
  body { margin: 0; font-family: system-ui, sans-serif; }
  nav { padding: .5em 1em; background: #f3f3f3; border-bottom: 1px solid #ddd; }
</style>
</head>
<body>
<nav>cancu — SPARQL (chỉ đọc / read-only) · <a href="/examples">Truy vấn mẫu / Example queries</a></nav>
<div id="yasgui"></div>
<script>
  // The endpoint is this page's own origin: a #query=… in the address must not leak into it.
  const endpoint = window.location.origin + "/query";
  new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
  });
</script>
</body>
</html>
"""


def examples_page(examples: Sequence[tuple[str, str]] | None = None, *, timeout_s: float = 30) -> str:
    """The /examples page: each named query, escaped, with a link that opens it in the query page.

    A query's parameters are bound to their examples in the link (a VALUES
    block), so that it runs as it is; the page shows the query as written.
    """
    import queries
    from graph.remote import bind_values

    if examples is None:
        examples = [(name, queries.get(name).text) for name in queries.names()]
    items = []
    for name, text in examples:
        try:
            named = queries.get(name)
        except KeyError:
            named = None
        runnable = text
        parameters = ""
        if named is not None and named.text == text and named.parameters:
            runnable = bind_values(text, queries.bindings(named, {}))
            parameters = "<ul class=params>" + "".join(
                f"<li><code>?{html.escape(p.name)}</code> — {html.escape(p.description)}: "
                f"<code>{html.escape(p.example)}</code></li>" for p in named.parameters) + "</ul>"
        link = "/#" + urllib.parse.urlencode({"query": runnable}, quote_via=urllib.parse.quote)
        descriptions = ""
        if named is not None:
            descriptions = (f'<p lang="vi">{html.escape(named.description_vi)}</p>'
                            f'<p lang="en">{html.escape(named.description_en)}</p>')
        items.append(
            f'<section id="{html.escape(name)}"><h2>{html.escape(name)}</h2>{descriptions}{parameters}'
            f'<p><a href="{html.escape(link)}">Mở trong trang truy vấn / Open in the query page</a></p>'
            f"<pre>{html.escape(text)}</pre></section>"
        )
    n = _seconds(timeout_s)
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>cancu — truy vấn mẫu / example queries</title>
<style>
  body {{ font-family: system-ui, sans-serif; max-width: 60em; margin: 1em auto; padding: 0 1em; }}
  pre {{ background: #f6f6f6; padding: .75em; overflow-x: auto; }}
  p[lang=en] {{ color: #555; }}
</style>
</head>
<body>
<h1>Truy vấn mẫu <small>/ Example queries</small></h1>
<p lang="vi">Các truy vấn có tên của cancu. Nhấn vào liên kết để mở truy vấn trong <a href="/">trang truy vấn</a>;
tham số được gán giá trị ví dụ. Điểm truy vấn chỉ cho đọc; mỗi truy vấn được chạy tối đa {n} giây.</p>
<p lang="en">cancu's named queries. Follow a link to open the query in the <a href="/">query page</a>, its
parameters bound to their examples. The endpoint is read-only; each query may run for at most {n} seconds.</p>
{"".join(items)}
</body>
</html>
"""
