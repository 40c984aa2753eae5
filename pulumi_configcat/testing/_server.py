"""The HTTP side of the emulator: Basic auth, faults, rate-limit headers and request logging."""

from __future__ import annotations

import base64
import binascii
import contextlib
import hmac
import json
import math
import secrets
import socket
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from . import _api, _config_serving, _members
from ._config_serving import CDN_PREFIX
from ._faults import Fault, FaultTable
from ._ids import iso, utc_now
from ._store import Store

_JSON_TYPES = ("application/json", "application/json-patch+json", "text/json")
#: The nominal window reported in the rate-limit headers while the limiter is off: more than any test run
#: sends in a minute, so a client that paces by the headers is never slowed by a limit nobody enforces.
NOMINAL_LIMIT = 1_000_000


@dataclass
class RecordedRequest:
    """One request the HTTP server answered (or dropped: status 0)."""

    method: str
    path: str
    query: dict[str, list[str]]
    status: int
    body: bytes = b""

    def json(self) -> Any:
        """The request body decoded as JSON (``None`` when empty)."""
        return json.loads(self.body) if self.body else None


class _RateLimiter:
    """A fixed-window counter; it only refuses requests when a limit is configured."""

    def __init__(self, limit: int | None, period: float) -> None:
        self._limit = limit
        self._period = period
        self._lock = threading.Lock()
        self._start = utc_now()
        self._count = 0

    def take(self) -> tuple[bool, int, datetime]:
        """Count one request; return (allowed, remaining, window reset time)."""
        with self._lock:
            now = utc_now()
            if now - self._start >= timedelta(seconds=self._period):
                self._start, self._count = now, 0
            limit = self._limit if self._limit is not None else NOMINAL_LIMIT
            reset = self._start + timedelta(seconds=self._period)
            allowed = self._limit is None or self._count < self._limit
            if allowed:
                self._count += 1
            return allowed, max(0, limit - self._count), reset


class ConfigCatEmulator:
    """A local, in-memory ConfigCat Public Management API.

    Args:
        host: Interface to bind.
        port: TCP port; 0 picks a free one.
        username: Basic-auth user name; random when None.
        password: Basic-auth password; random when None.
        seed: Seed for ids, keys and fault rate draws.
        rate_limit: Requests allowed per ``rate_limit_period``; None (default) never answers 429.
        rate_limit_period: Length of the rate-limit window in seconds.

    Example:
        >>> with ConfigCatEmulator() as emu:  # doctest: +SKIP
        ...     requests.get(emu.base_url + "/v1/me", auth=(emu.username, emu.password))
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        username: str | None = None,
        password: str | None = None,
        seed: int = 0,
        rate_limit: int | None = None,
        rate_limit_period: float = 60.0,
    ) -> None:
        self.host = host
        self.port = port
        self.username = username if username is not None else "emu-" + secrets.token_hex(4)
        self.password = password if password is not None else secrets.token_urlsafe(18)
        self.api = Store(seed)
        self._router = _api.router(self.api)
        self.requests: list[RecordedRequest] = []
        self._faults = FaultTable(seed)
        self._limiter = _RateLimiter(rate_limit, rate_limit_period)
        self._config_files: dict[str, bytes] = {}
        self._server: ThreadingHTTPServer | None = None
        self._connections = 0
        self._connections_lock = threading.Lock()
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle

    @property
    def organization_id(self) -> str:
        """The id of the organization the emulator starts with."""
        return self.api.organization_id

    @property
    def base_url(self) -> str:
        """``http://<host>:<port>`` of the running server."""
        if self._server is None:
            raise RuntimeError("the emulator is not running; call start() first")
        return f"http://{self.host}:{self._server.server_address[1]}"

    def start(self) -> ConfigCatEmulator:
        """Start serving on a daemon thread; returns self."""
        if self._server is not None:
            return self
        server = ThreadingHTTPServer((self.host, self.port), _handler_class(self))
        server.daemon_threads = True
        self._server = server
        # A short poll interval keeps stop() fast; serve_forever checks for shutdown between polls.
        self._thread = threading.Thread(
            target=server.serve_forever, args=(0.02,), name="configcat-emulator", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the listening socket."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def __enter__(self) -> ConfigCatEmulator:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # ------------------------------------------------------------------ test API

    def call(
        self, method: str, path: str, body: Any = None, query: dict[str, Any] | None = None
    ) -> tuple[int, Any]:
        """Call a handler in-process: no auth, no faults, not logged.

        Args:
            method: HTTP method.
            path: URL path, optionally with a query string.
            body: JSON-compatible request body.
            query: Query parameters; values may be strings or lists of strings.

        Returns:
            ``(status, body)`` with the body as parsed JSON (None when there is none).
        """
        split = urlsplit(path)
        params = parse_qs(split.query, keep_blank_values=True)
        for key, value in (query or {}).items():
            params[key] = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
        body = json.loads(json.dumps(body)) if body is not None else None
        return self._router.dispatch(method.upper(), split.path, body, params)

    def state(self) -> dict[str, Any]:
        """Return a deep-copied snapshot of the whole state."""
        return self.api.state()

    def accept_invitation(
        self, invitation_id: str | None = None, *, email: str | None = None, full_name: str | None = None
    ) -> str:
        """Accept a pending invitation as the invited person would, by its id or by its e-mail address.

        The API has no such call (a person follows the e-mail's link). The address becomes a member of the
        invitation's product in its permission group (a new user of the organization, or the one that
        already has that address) and the invitation is no longer pending.

        Args:
            invitation_id: The invitation's UUID.
            email: Or the invited address (compared without case); exactly one pending invitation must
                have it.
            full_name: The new user's name; the part of the address before ``@`` when None.

        Returns:
            The member's user id.

        Raises:
            KeyError: No (or, by e-mail, more than one) pending invitation matches.
            ValueError: The invitation has expired, or neither or both of ``invitation_id`` and ``email``.

        Example:
            >>> user_id = emu.accept_invitation(email="new.dev@example.com")  # doctest: +SKIP
        """
        if (invitation_id is None) == (email is None):
            raise ValueError("give exactly one of invitation_id and email")
        with self.api.lock:
            if email is not None:
                found = [
                    i["invitationId"]
                    for i in self.api.invitations.values()
                    if i["email"].casefold() == email.casefold()
                ]
                if len(found) != 1:
                    raise KeyError(f"{len(found)} pending invitations have that address, not 1")
                invitation_id = found[0]
            assert invitation_id is not None
            return _members.accept_invitation(self.api, invitation_id, full_name)

    def inject_fault(
        self,
        kind: str,
        *,
        method: str | None = None,
        path: str | None = None,
        times: int | None = None,
        rate: float | None = None,
        status: int = 503,
        retry_after: str | None = None,
        delay: float = 0.0,
        after: bool = False,
    ) -> Fault:
        """Make matching requests fail; see :class:`Fault` for the parameters."""
        return self._faults.add(
            Fault(
                kind,
                method=method,
                path=path,
                times=times,
                rate=rate,
                status=status,
                retry_after=retry_after,
                delay=delay,
                after=after,
            )
        )

    def clear_faults(self) -> None:
        """Remove every injected fault (and the bound set by :meth:`limit_faults_in_a_row`)."""
        self._faults.clear()
        self._faults.max_in_a_row = None

    def limit_faults_in_a_row(self, limit: int | None) -> None:
        """Let a request through after it met ``limit`` status or drop faults in a row (None: no bound).

        A request is the same when its method, path and body are, as a client's retry is.
        """
        if limit is not None and limit < 1:
            raise ValueError("limit must be at least 1")
        self._faults.max_in_a_row = limit

    @property
    def connections_accepted(self) -> int:
        """How many TCP connections the server has accepted since it started."""
        return self._connections

    def _count_connection(self) -> None:
        with self._connections_lock:
            self._connections += 1

    # ------------------------------------------------------------------ SDK config files

    def serve_config_file(self, sdk_key: str, content: str | bytes | dict[str, Any]) -> None:
        """Serve a ready config_v6 JSON for an SDK key, as the CDN would, instead of rendering one.

        Meant for testing the transport alone. The content is served byte for byte (a dict is
        serialised); a key loaded here wins over a key the Management API handed out.

        Args:
            sdk_key: A key in a shape ``configcat-client`` accepts: ``<22 chars>/<22 chars>``,
                ``configcat-sdk-1/<22 chars>/<22 chars>`` or ``configcat-proxy/<anything>``.
            content: The config JSON as text, bytes or a parsed dict.

        Raises:
            ValueError: The key is in no shape the SDK accepts, or the content is not a JSON object.
        """
        body = _config_serving.loadable(sdk_key, content)
        with self.api.lock:
            self._config_files[sdk_key] = body

    def config_file(self, sdk_key: str) -> dict[str, Any] | None:
        """Return the config_v6 JSON served for an SDK key right now (parsed), or None if unknown."""
        served = self.config_file_bytes(sdk_key)
        return None if served is None else json.loads(served[0])

    def config_file_bytes(self, sdk_key: str) -> tuple[bytes, str] | None:
        """Return the body and ETag served for an SDK key, or None when the key is unknown.

        A loaded file wins; otherwise the file is rendered from the current state of the config and
        environment the key belongs to, with this emulator's base URL as ``p.u``.
        """
        with self.api.lock:
            base_url = self.base_url if self._server is not None else "https://cdn-global.configcat.com"
            return _config_serving.served(self.api, self._config_files, sdk_key, base_url)

    # ------------------------------------------------------------------ HTTP serving

    def _authorized(self, header: str | None) -> bool:
        if not header or not header.startswith("Basic "):
            return False
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return False
        user, sep, password = decoded.partition(":")
        ok_user = hmac.compare_digest(user.encode(), self.username.encode())
        ok_password = hmac.compare_digest(password.encode(), self.password.encode())
        return bool(sep) and ok_user and ok_password

    def _serve(self, handler: _Handler) -> None:
        method = handler.command
        split = urlsplit(handler.path)
        path, query = split.path, parse_qs(split.query, keep_blank_values=True)
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length > 0 else b""
        handler.record = RecordedRequest(method, path, query, 0, raw)
        self._answer(handler, method, path, query, raw)

    def _answer(
        self, handler: _Handler, method: str, path: str, query: dict[str, list[str]], raw: bytes
    ) -> int:
        for fault in self._faults.fire(method, path, raw):
            if fault.kind == "latency":
                time.sleep(fault.delay)
            elif fault.kind == "drop":
                handler.drop()
                return 0
            else:
                headers = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
                text = b"Too many requests (injected fault)." if fault.status == 429 else b""
                handler.reply(fault.status, text, "text/plain; charset=utf-8", headers)
                return fault.status
        if path.startswith(CDN_PREFIX):
            # The SDKs' CDN: no Basic auth and not counted by the Management API's rate limiter.
            return self._answer_config_file(handler, method, path)
        allowed, remaining, reset = self._limiter.take()
        limit_headers = {"X-Rate-Limit-Remaining": str(remaining), "X-Rate-Limit-Reset": iso(reset)}
        if not allowed:
            wait = max(1, math.ceil((reset - utc_now()).total_seconds()))
            text = f"API calls quota exceeded! maximum admitted {self._limiter_text()}.".encode()
            handler.reply(429, text, "text/plain", limit_headers | {"Retry-After": str(wait)})
            return 429
        if not self._authorized(handler.headers.get("Authorization")):
            handler.reply(401, b"", None, limit_headers | {"WWW-Authenticate": 'Basic realm="ConfigCat"'})
            return 401
        status, body = self._run(handler, method, path, query, raw)
        for fault in self._faults.fire(method, path, raw, after=True):
            if fault.kind == "drop":
                handler.drop()
                return 0
            handler.reply(fault.status, b"", None, {})
            return fault.status
        payload = b"" if body is None else json.dumps(body).encode()
        handler.reply(status, payload, "application/json; charset=utf-8" if payload else None, limit_headers)
        return status

    def _answer_config_file(self, handler: _Handler, method: str, path: str) -> int:
        status, body, content_type, headers = _config_serving.answer(
            method, path, handler.headers.get("If-None-Match"), self.config_file_bytes
        )
        handler.reply(status, body, content_type, headers)
        return status

    def _limiter_text(self) -> str:
        limiter = self._limiter
        return f"{limiter._limit} per {limiter._period:g}s"

    def _run(
        self, handler: _Handler, method: str, path: str, query: dict[str, list[str]], raw: bytes
    ) -> tuple[int, Any]:
        body: Any = None
        if raw.strip():
            content_type = (handler.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            is_json = content_type in _JSON_TYPES or (
                content_type.startswith("application/") and content_type.endswith("+json")
            )
            if content_type and not is_json:
                return 415, None
            try:
                body = json.loads(raw)
            except (ValueError, UnicodeDecodeError) as exc:
                return 400, {"": [f"The request body is not valid JSON: {exc}"]}
        return self._router.dispatch(method, path, body, query)


class _Handler(BaseHTTPRequestHandler):
    emulator: ConfigCatEmulator
    protocol_version = "HTTP/1.1"
    server_version = "ConfigCatEmulator/1"

    record: RecordedRequest | None = None

    def _log(self, status: int) -> None:
        # Logged before the answer is written, so a client never sees an answer that is not logged yet.
        if self.record is not None:
            self.record.status = status
            self.emulator.requests.append(self.record)
            self.record = None

    def setup(self) -> None:
        """Count the connection; disable Nagle (headers and body go out in separate writes, and delayed ACKs
        cost 40 ms)."""
        super().setup()
        self.emulator._count_connection()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet; requests are recorded in ``emulator.requests``."""

    def _handle(self) -> None:
        self.emulator._serve(self)

    # http.server dispatches on these names.
    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle  # noqa: N815

    def reply(self, status: int, payload: bytes, content_type: str | None, headers: dict[str, str]) -> None:
        """Write a complete answer."""
        self._log(status)
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if payload and self.command != "HEAD":
            self.wfile.write(payload)

    def drop(self) -> None:
        """Close the connection without answering."""
        self._log(0)
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


def _handler_class(emulator: ConfigCatEmulator) -> type[_Handler]:
    return type("EmulatorHandler", (_Handler,), {"emulator": emulator})
