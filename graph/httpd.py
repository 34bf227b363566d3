"""An HTTP server whose threads are counted: a fixed pool, one thread for "busy", one that closes.

    httpd = PooledHTTPServer(("127.0.0.1", 0), Handler, workers=8, busy_handler=BusyHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    …
    httpd.shutdown(); httpd.server_close()

The standard library's ThreadingHTTPServer starts a thread per connection
without limit and listens with a backlog of 5: under load, connections past
the backlog wait for SYN retransmits and the threads grow with the clients.
Here the accepting thread hands each connection to one of `workers` threads;
when none is free, to the one thread that serves `busy_handler` (which is
expected to read the request and answer 503 with Retry-After); when that one's
queue is full as well, connections wait in the listen backlog
(`LISTEN_BACKLOG`). No thread is started per connection or per request:
`Alarms` is one thread that calls functions at their deadlines.

A socket closed while bytes it was sent are unread makes the kernel send the
client a reset, which may destroy an answer the client has not read yet. So a
connection is closed by stopping to send, then reading (up to `LINGER_BYTES`)
until the client closes its side or `LINGER_S` passes; `Closer` does that for
every connection on one thread, so that a worker is free as soon as it has
answered.
"""

from __future__ import annotations

import heapq
import itertools
import queue
import selectors
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer

# Connections the kernel holds while every thread is busy (it caps this at net.core.somaxconn).
LISTEN_BACKLOG = 1024
# Connections waiting for the thread that answers "busy"; past it they wait in the backlog.
BUSY_QUEUE = 256
# Closing a connection: how long, and how much, to read of what the client still sends.
LINGER_S = 2
LINGER_BYTES = 4 << 20


class PooledHTTPServer(HTTPServer):
    """An HTTPServer that serves connections on `workers` threads, and past them with `busy_handler`."""

    allow_reuse_address = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(self, address, handler: type[BaseHTTPRequestHandler], *, workers: int,
                 busy_handler: type[BaseHTTPRequestHandler]):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, handler)
        self.busy_handler = busy_handler
        self._free = threading.Semaphore(workers)
        self._work: queue.SimpleQueue = queue.SimpleQueue()
        self._busy: queue.Queue = queue.Queue(maxsize=BUSY_QUEUE)
        self._closing = threading.Event()
        self._closer = Closer()
        self._pool = [threading.Thread(target=self._serve_work, name=f"cancu-serve-{n}", daemon=True)
                      for n in range(workers)]
        self._pool.append(threading.Thread(target=self._serve_busy, name="cancu-serve-busy", daemon=True))
        for thread in self._pool:
            thread.start()

    def process_request(self, request, client_address) -> None:
        """In the accepting thread: hand the connection over, to a free worker if there is one."""
        if self._free.acquire(blocking=False):
            self._work.put((request, client_address))
            return
        while not self._closing.is_set():
            try:
                self._busy.put((request, client_address), timeout=0.5)
                return
            except queue.Full:
                continue  # the kernel's backlog holds the next connections meanwhile
        self.shutdown_request(request)

    def shutdown_request(self, request) -> None:
        self._closer.close(request)

    def server_close(self) -> None:
        """Close the listening socket, then end the pool and the closer (call after `shutdown()`)."""
        super().server_close()
        self._closing.set()
        for _ in range(len(self._pool) - 1):
            self._work.put(None)
        try:
            self._busy.put(None, timeout=1)
        except queue.Full:
            pass  # it is daemonic: it ends with the process
        for thread in self._pool:
            thread.join(timeout=5)
        self._closer.stop()

    def _serve_work(self) -> None:
        while (item := self._work.get()) is not None:
            try:
                self._serve_one(item, self.RequestHandlerClass)
            finally:
                self._free.release()

    def _serve_busy(self) -> None:
        while (item := self._busy.get()) is not None:
            self._serve_one(item, self.busy_handler)

    def _serve_one(self, item, handler_class) -> None:
        request, client_address = item
        try:
            handler_class(request, client_address, self)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)


class Closer:
    """One thread that finishes closing connections without a reset (see the module's docstring)."""

    def __init__(self):
        self._selector = selectors.DefaultSelector()
        self._incoming: queue.SimpleQueue = queue.SimpleQueue()
        self._wake_read, self._wake_write = socket.socketpair()
        self._wake_read.setblocking(False)
        self._wake_write.setblocking(False)
        self._selector.register(self._wake_read, selectors.EVENT_READ)
        self._lingering: dict[socket.socket, list[float]] = {}  # socket -> [deadline, bytes read]
        self._thread = threading.Thread(target=self._run, name="cancu-serve-closer", daemon=True)
        self._thread.start()

    def close(self, connection: socket.socket) -> None:
        """Stop sending on `connection` and have it closed once the client has closed its side."""
        try:
            connection.shutdown(socket.SHUT_WR)
            connection.setblocking(False)
        except OSError:
            connection.close()  # already gone
            return
        self._incoming.put(connection)
        self._wake()

    def stop(self) -> None:
        """Close every connection still lingering and end the thread."""
        self._incoming.put(None)
        self._wake()
        self._thread.join(timeout=LINGER_S + 5)
        self._wake_read.close()
        self._wake_write.close()

    def _wake(self) -> None:
        try:
            self._wake_write.send(b"\0")
        except OSError:
            pass  # its buffer is full: the thread is awake already

    def _run(self) -> None:
        running = True
        while running or self._lingering:
            soonest = min((deadline for deadline, _read in self._lingering.values()), default=None)
            timeout = None if soonest is None else max(0.0, soonest - time.monotonic())
            for key, _events in self._selector.select(timeout):
                if key.fileobj is self._wake_read:
                    running = self._take_incoming() and running
                else:
                    self._read_from(key.fileobj)
            now = time.monotonic()
            for connection in [c for c, (deadline, _read) in self._lingering.items() if deadline <= now or not running]:
                self._finish(connection)
        self._selector.close()

    def _take_incoming(self) -> bool:
        """Register the connections handed over; False once asked to stop."""
        try:
            while self._wake_read.recv(4096):
                pass
        except BlockingIOError:
            pass
        while True:
            try:
                connection = self._incoming.get_nowait()
            except queue.Empty:
                return True
            if connection is None:
                return False
            self._lingering[connection] = [time.monotonic() + LINGER_S, 0]
            self._selector.register(connection, selectors.EVENT_READ)

    def _read_from(self, connection: socket.socket) -> None:
        try:
            piece = connection.recv(1 << 16)
        except BlockingIOError:
            return
        except OSError:
            piece = b""
        self._lingering[connection][1] += len(piece)
        if not piece or self._lingering[connection][1] > LINGER_BYTES:
            self._finish(connection)

    def _finish(self, connection: socket.socket) -> None:
        del self._lingering[connection]
        self._selector.unregister(connection)
        connection.close()


class Alarms:
    """One thread that calls each function given to `at` at its time unless it was cancelled
    (rather than a timer thread started and ended for every request)."""

    def __init__(self):
        self._due: list[list] = []  # a heap of [when, order, call]; a cancelled one's call is None
        self._condition = threading.Condition()
        self._order = itertools.count()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="cancu-serve-alarms", daemon=True)
        self._thread.start()

    def at(self, when: float, call: Callable[[], None]) -> list:
        """Have `call()` called at `when` (time.monotonic()); returns what `cancel` takes."""
        with self._condition:
            alarm = [when, next(self._order), call]
            heapq.heappush(self._due, alarm)
            self._condition.notify()
            return alarm

    def cancel(self, alarm: list) -> None:
        with self._condition:
            alarm[2] = None

    def stop(self) -> None:
        with self._condition:
            self._stopped = True
            self._condition.notify()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while (call := self._next_due()) is not None:
            call()

    def _next_due(self) -> Callable[[], None] | None:
        """Wait for the next call that is due and not cancelled; None once stopped."""
        with self._condition:
            while not self._stopped:
                while self._due and self._due[0][2] is None:
                    heapq.heappop(self._due)
                if self._due and self._due[0][0] <= time.monotonic():
                    return heapq.heappop(self._due)[2]
                self._condition.wait(max(0.0, self._due[0][0] - time.monotonic()) if self._due else None)
            return None
