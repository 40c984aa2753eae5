"""A scripted HTTP server on 127.0.0.1, for tests that need a real socket rather than a mocked session.

Each method has a list of replies; the n-th request with that method gets the n-th reply, and the last reply
repeats. The server records what it received, so tests count attempts on the server's side.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

__all__ = ["Received", "Reply", "ScriptedServer"]


@dataclass(frozen=True)
class Reply:
    """One scripted answer.

    Attributes:
        status: The HTTP status.
        body: The response body.
        headers: Extra response headers.
        delay: Seconds to wait before answering; cut short when the server stops, so no thread outlives
            a test.
        drop: Close the connection without any answer.
        cut: Announce a longer body than ``body``, send ``body``, then close: a connection dropped in the
            middle of the answer.
    """

    status: int = 200
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False
    cut: bool = False


@dataclass(frozen=True)
class Received:
    """A request as the server saw it."""

    method: str
    path: str
    headers: Mapping[str, str]
    body: bytes


class _Server(ThreadingHTTPServer):
    owner: ScriptedServer

    def get_request(self) -> tuple[socket.socket, Any]:
        connection, address = super().get_request()
        self.owner._track(connection)
        return connection, address

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up leaves a broken pipe behind; keep it out of stderr but on record.
        self.owner.errors.append(repr(client_address))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def do_PUT(self) -> None:
        self._answer()

    def do_PATCH(self) -> None:
        self._answer()

    def do_DELETE(self) -> None:
        self._answer()

    def log_message(self, format: str, *args: Any) -> None:
        # Every request would go to stderr otherwise.
        pass

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        owner = self.server.owner
        reply = owner._next(Received(self.command, self.path, dict(self.headers.items()), body))
        if reply.delay:
            owner._stopping.wait(reply.delay)
        if reply.drop:
            self.close_connection = True
            return
        try:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body) + (1000 if reply.cut else 0)))
            self.end_headers()
            self.wfile.write(reply.body)
            if reply.cut:
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            # The client stopped waiting (a read timeout); nothing to answer to.
            self.close_connection = True


class ScriptedServer:
    """A threaded HTTP server on an ephemeral loopback port, answering from a script.

    Args:
        script: Replies per HTTP method, in order; the last one repeats.
    """

    def __init__(self, script: Mapping[str, Sequence[Reply]]) -> None:
        self._script = {method: list(replies) for method, replies in script.items()}
        self.received: list[Received] = []
        self.errors: list[str] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._connections: list[socket.socket] = []
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02})

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def count(self, method: str) -> int:
        """How many requests with ``method`` arrived."""
        with self._lock:
            return sum(1 for request in self.received if request.method == method)

    def start(self) -> ScriptedServer:
        """Starts serving in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stops serving, wakes delayed replies, ends every connection and joins every thread."""
        self._stopping.set()
        self._server.shutdown()
        self._thread.join()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            # Handler threads parked on an idle keep-alive connection wake up and exit.
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self._server.server_close()

    def __enter__(self) -> ScriptedServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _track(self, connection: socket.socket) -> None:
        with self._lock:
            self._connections.append(connection)

    def _next(self, request: Received) -> Reply:
        with self._lock:
            index = sum(1 for seen in self.received if seen.method == request.method)
            self.received.append(request)
        replies = self._script.get(request.method) or [Reply(405)]
        return replies[min(index, len(replies) - 1)]
