"""The one HTTP core every provider and lookup goes through.

It owns the ``requests.Session`` (Basic auth, base URL, ``User-Agent``, connection pool), the timeouts, the
retry loop and the mapping of error answers to exceptions. Entity modules under ``api/`` only build paths
and bodies.

Retry policy:

======================================  ============================  =====================================
What happened                           Retried for                   Delay
======================================  ============================  =====================================
429 Too Many Requests                   every method (no work done)   ``Retry-After`` (seconds or HTTP
                                                                      date), else backoff
5xx, 408, timeout, connection error     GET, PUT, DELETE only         backoff
anything else                           never
======================================  ============================  =====================================

POST and PATCH are never repeated after the request may have reached the server: ConfigCat has no
idempotency key, so a repeated create could make a second entity. Their error then says the entity may or
may not have been created (the change made). A connection dropped in the middle of an
answer counts as a connection error.

Under the rate limit, requests are paced (``_pacing.py``): once the ``X-Rate-Limit-Remaining`` budget runs
low, the next requests are spread over the time left until ``X-Rate-Limit-Reset``; 429 stays the backstop.

Redirects are never followed: requests would turn a POST into a GET and drop the credentials on the way,
so a base path that redirects is reported as such. A success answer the call cannot use (not JSON, or JSON
of another shape) is an :class:`APIResponseValidationError` naming method, path, status and what came back.
Credentials are blanked out of every message the client builds.
"""

from __future__ import annotations

import base64
import email.utils
import functools
import json
import logging
import math
import os
import platform
import random
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone
from typing import Any, TypeVar, get_args, get_origin, overload

import jsonpatch
import pydantic
import requests
import urllib3
from pydantic import TypeAdapter
from requests.adapters import HTTPAdapter

from pulumi_configcat._constants import (
    CONFIG_BASE_PATH,
    CONNECT_TIMEOUT,
    CONNECTION_POOL_SIZE,
    ENV_BASE_PATH,
    INITIAL_RETRY_DELAY,
    MAX_RETRIES,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
    MAX_UNUSABLE_BODY_CHARS,
    MIN_REDACTED_SECRET_CHARS,
    READ_TIMEOUT,
    RETRY_JITTER,
)
from pulumi_configcat._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    ConfigurationError,
    NotFoundError,
    make_status_error,
)
from pulumi_configcat._pacing import RatePacer
from pulumi_configcat._settings import ClientSettings
from pulumi_configcat._version import __version__
from pulumi_configcat.types import MeModel

__all__ = [
    "ConfigCatClient",
    "get_client",
    "json_patch",
    "reason_params",
]

logger = logging.getLogger("pulumi_configcat")
_T = TypeVar("_T")

USER_AGENT = f"pulumi-configcat/{__version__}"
# Methods whose repetition cannot duplicate work, so they are retried after 5xx, 408 and transport errors.
IDEMPOTENT_METHODS = frozenset({"GET", "PUT", "DELETE"})

JsonPatch = list[dict[str, Any]]

# Added to the error of a POST or PATCH that may have reached the server but had no usable answer.
_NOT_REPEATED = {
    "POST": "; it was not repeated, since ConfigCat has no idempotency key and a repeat could make a "
    "duplicate: the entity may or may not have been created, so check the account before running again",
    "PATCH": "; it was not repeated, since ConfigCat has no idempotency key: the change may or may not "
    "have been made, so check the account before running again",
}
# The connection broke in the middle of the answer (IncompleteRead): no usable answer came.
_CUT_SHORT = (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError)
# An Authorization header echoed back in an answer or an exception: whatever value follows the name.
_AUTHORIZATION_RE = re.compile(
    # The scheme is kept, taken whole when there is one (an atomic group, written as a lookahead and its
    # backreference for Python 3.10): a value already blanked is not taken for a token.
    r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?(?=((?:basic|bearer)\s+|))\2)[A-Za-z0-9+/=._~-]+"
)
# A Basic/Bearer token anywhere else; long enough not to be an ordinary word after "basic".
_TOKEN_RE = re.compile(r"(?i)\b(basic|bearer)(\s+)[A-Za-z0-9+/=._~-]{16,}")
REDACTED = "[redacted]"


def _read_environment_once(session: requests.Session, base_url: str) -> None:
    """Takes the proxy and CA bundle settings from the environment now, for the one host the client calls.

    ``requests`` otherwise reads them again on every request (a scan of the whole environment for proxy
    variables, and a look-up of the CA bundle), which on a machine with a large environment costs about as
    much as a loopback round trip. The environment of a provider process does not change while it runs.
    ``HTTP(S)_PROXY``/``ALL_PROXY`` with ``NO_PROXY``, and ``REQUESTS_CA_BUNDLE``/``CURL_CA_BUNDLE``, mean
    what they mean to ``requests``. (``.netrc`` never applied: the client always sends its own credentials.)
    """
    session.proxies.update(requests.utils.get_environ_proxies(base_url))
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
    if bundle:
        session.verify = bundle
    session.trust_env = False


class ConfigCatClient:
    """A client of the ConfigCat Public Management API.

    Thread-safe: the provider process serves up to four calls at once over one client.

    Args:
        settings: Credentials and base URL.
        timeout: ``(connect, read)`` timeout in seconds for every request.
        max_retries: Retries after the first attempt.
        sleep: Waits between attempts; tests pass a recorder so they take no wall time.
        jitter: Returns a number in ``[0, 1)`` that shortens each backoff by up to ``RETRY_JITTER`` of it.
        session: A session to use instead of a new one (tests mount mock adapters on it).
        pacer: Spreads requests under the rate limit; a new one when not given (tests pass fake clocks).
    """

    def __init__(
        self,
        settings: ClientSettings,
        *,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
        max_retries: int = MAX_RETRIES,
        sleep: Callable[[float], None] = time.sleep,
        jitter: Callable[[], float] = random.random,
        session: requests.Session | None = None,
        pacer: RatePacer | None = None,
    ) -> None:
        self._settings = settings
        self._pacer = pacer or RatePacer()
        self._timeout = timeout
        self._max_retries = max_retries
        self._sleep = sleep
        self._jitter = jitter
        self._session = session or requests.Session()
        adapter = HTTPAdapter(pool_connections=CONNECTION_POOL_SIZE, pool_maxsize=CONNECTION_POOL_SIZE)
        if session is None:
            self._session.mount("https://", adapter)
            self._session.mount("http://", adapter)
            _read_environment_once(self._session, settings.base_url)
        self._session.auth = (settings.username, settings.password)
        self._api_checked = False
        self._api_check_lock = threading.Lock()
        # What could leak into a message: the password, and the Authorization token built from it.
        token = base64.b64encode(f"{settings.username}:{settings.password}".encode()).decode()
        self._secrets = tuple(
            secret for secret in (token, settings.password) if len(secret) >= MIN_REDACTED_SECRET_CHARS
        )
        self._session.headers.update(
            {
                "User-Agent": f"{USER_AGENT} (Python {platform.python_version()})",
                "X-Caller-Id": USER_AGENT,
                "Accept": "application/json",
            }
        )

    @property
    def base_url(self) -> str:
        """The API's base URL, without a trailing slash."""
        return self._settings.base_url

    @property
    def username(self) -> str:
        """The Basic-auth user name (not a secret: error messages name it)."""
        return self._settings.username

    def __repr__(self) -> str:
        return f"ConfigCatClient(base_url={self.base_url!r}, username={self._settings.username!r})"

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("ConfigCatClient holds credentials and a live session; it must not be pickled")

    def close(self) -> None:
        """Closes the pooled connections."""
        self._session.close()

    def check_api(self) -> None:
        """Makes sure, once per client, that the base path leads to the API and the credentials work.

        Called before a 404 is taken to mean "gone": behind a wrong base path every request 404s, and a
        refresh would drop every resource from the state. ``GET /v1/me`` is what the Terraform provider
        checks too.

        Raises:
            ConfigurationError: ``/v1/me`` is not found there: the base path is wrong.
            APIError: The check itself failed (rejected credentials, an answer that is not the API's, ...).
        """
        with self._api_check_lock:
            if self._api_checked:
                return
            try:
                self.get("/v1/me", cast_to=MeModel)
            except NotFoundError as exc:
                raise ConfigurationError(
                    f"the ConfigCat API is not at {self.base_url}: GET /v1/me answered 404, so no 404 can "
                    f"be taken to mean an entity is gone; check {CONFIG_BASE_PATH} / {ENV_BASE_PATH} (the "
                    "API's address, such as https://api.configcat.com, without /v1)"
                ) from exc
            self._api_checked = True

    @overload
    def get(self, path: str, *, params: Mapping[str, str] | None = None, cast_to: type[_T]) -> _T: ...
    @overload
    def get(self, path: str, *, params: Mapping[str, str] | None = None, cast_to: None = None) -> Any: ...
    def get(self, path: str, *, params: Mapping[str, str] | None = None, cast_to: Any = None) -> Any:
        """Sends a GET and returns the answer, as ``cast_to`` when given."""
        return self.request("GET", path, params=params, cast_to=cast_to)

    @overload
    def post(
        self, path: str, body: Any, *, params: Mapping[str, str] | None = None, cast_to: type[_T]
    ) -> _T: ...
    @overload
    def post(
        self, path: str, body: Any, *, params: Mapping[str, str] | None = None, cast_to: None = None
    ) -> Any: ...
    def post(
        self, path: str, body: Any, *, params: Mapping[str, str] | None = None, cast_to: Any = None
    ) -> Any:
        """Sends a POST with a JSON body and returns the answer, as ``cast_to`` when given."""
        return self.request("POST", path, body=body, params=params, cast_to=cast_to)

    @overload
    def put(
        self, path: str, body: Any, *, params: Mapping[str, str] | None = None, cast_to: type[_T]
    ) -> _T: ...
    @overload
    def put(
        self, path: str, body: Any, *, params: Mapping[str, str] | None = None, cast_to: None = None
    ) -> Any: ...
    def put(
        self, path: str, body: Any, *, params: Mapping[str, str] | None = None, cast_to: Any = None
    ) -> Any:
        """Sends a PUT with a JSON body and returns the answer, as ``cast_to`` when given."""
        return self.request("PUT", path, body=body, params=params, cast_to=cast_to)

    @overload
    def patch(
        self, path: str, operations: JsonPatch, *, params: Mapping[str, str] | None = None, cast_to: type[_T]
    ) -> _T: ...
    @overload
    def patch(
        self,
        path: str,
        operations: JsonPatch,
        *,
        params: Mapping[str, str] | None = None,
        cast_to: None = None,
    ) -> Any: ...
    def patch(
        self,
        path: str,
        operations: JsonPatch,
        *,
        params: Mapping[str, str] | None = None,
        cast_to: Any = None,
    ) -> Any:
        """Sends a PATCH with a JSON Patch (RFC 6902) body; returns the answer, as ``cast_to`` when given."""
        return self.request("PATCH", path, body=operations, params=params, cast_to=cast_to)

    def delete(self, path: str, *, params: Mapping[str, str] | None = None) -> Any:
        """Sends a DELETE and returns the decoded answer, if any."""
        return self.request("DELETE", path, params=params)

    def request(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: Mapping[str, str] | None = None,
        cast_to: Any = None,
    ) -> Any:
        """Sends one request, retrying as the module docstring's table says.

        Args:
            method: The HTTP method.
            path: The path under the base URL, starting with ``/``.
            body: A JSON-serializable body, or None for none.
            params: Query parameters.
            cast_to: What a success answer must be (a model, or ``list[Model]``); None takes any JSON.

        Returns:
            The answer validated as ``cast_to``, or the decoded JSON (None for an empty answer).

        Raises:
            APIStatusError: The API answered with a non-2xx status (a subclass per status), or a redirect.
            APIResponseValidationError: A success answer that is not JSON, or not ``cast_to``.
            APIConnectionError: No (whole) answer came, after the retries the method allows.
        """
        url = self.base_url + _checked_path(method, path)
        # Encode once, before anything is sent: a body that is not JSON is the caller's bug, not a
        # transport failure, and must not be retried.
        data = None if body is None else json.dumps(body, allow_nan=False).encode()
        headers = {"Content-Type": "application/json"} if data is not None else None
        attempt = 0
        while True:
            attempt += 1
            response: requests.Response | None = None
            cause: Exception | None = None
            error: APIError
            wait = self._pacer.before_request()
            if wait > 0:
                logger.debug(
                    "ConfigCat API %s %s: pacing under the rate limit, waiting %.2fs", method, path, wait
                )
                self._sleep(wait)
            try:
                response = self._session.request(
                    method,
                    url,
                    params=params,
                    data=data,
                    timeout=self._timeout,
                    headers=headers,
                    allow_redirects=False,
                )
            except (
                requests.ConnectionError,
                requests.Timeout,
                *_CUT_SHORT,
            ) as exc:
                self._pacer.after_response({})
                cause = exc
                error = self._transport_error(exc, method, path)
                retryable = method in IDEMPOTENT_METHODS
            except requests.RequestException as exc:
                # Anything else requests refuses before sending; repeating it would fail the same way.
                self._pacer.after_response({})
                cause, retryable = exc, False
                error = APIConnectionError(
                    f"ConfigCat API {method} {path} could not be sent: {self._redact(_describe(exc))}",
                    method=method,
                    path=path,
                )
            else:
                status = response.status_code
                self._pacer.after_response(
                    response.headers,
                    retry_after=parse_retry_after(response.headers.get("Retry-After"))
                    if status == 429
                    else None,
                )
                if 200 <= status < 300:
                    return self._decode(response, method, path, cast_to)
                if 300 <= status < 400:
                    raise self._redirect_error(response, method, path)
                error = make_status_error(
                    method=method,
                    path=path,
                    status_code=status,
                    reason=response.reason or "",
                    body=self._redact(response.text),
                    username=self._settings.username,
                )
                retryable = status == 429 or (
                    method in IDEMPOTENT_METHODS and (status == 408 or status >= 500)
                )
            if not retryable or attempt > self._max_retries:
                error.attempts = attempt
                if method not in IDEMPOTENT_METHODS and _may_have_been_done(response, cause):
                    error.args = (f"{error.args[0]}{_NOT_REPEATED.get(method, _NOT_REPEATED['PATCH'])}",)
                raise error from cause
            delay = self._retry_delay(attempt, response)
            logger.warning(
                "ConfigCat API %s %s: %s; retrying in %.2fs (attempt %d of %d)",
                method,
                path,
                _outcome(response, error),
                delay,
                attempt + 1,
                self._max_retries + 1,
            )
            self._sleep(delay)

    def _transport_error(self, exc: requests.RequestException, method: str, path: str) -> APIError:
        """The error for a request that got no (whole) answer."""
        error_class: type[APIConnectionError] = APITimeoutError
        if isinstance(exc, requests.ConnectTimeout):
            what = f"could not connect within {self._timeout[0]:g}s"
        elif isinstance(exc, requests.Timeout):
            what = f"got no answer within {self._timeout[1]:g}s"
        elif isinstance(
            exc, requests.exceptions.ChunkedEncodingError | requests.exceptions.ContentDecodingError
        ):
            error_class = APIConnectionError
            what = f"dropped the connection in the middle of its answer: {self._redact(_describe(exc))}"
        else:
            error_class = APIConnectionError
            what = f"could not be reached: {self._redact(_describe(exc))}"
        return error_class(f"ConfigCat API {method} {path} {what}", method=method, path=path)

    def _redact(self, text: str) -> str:
        """``text`` with the password, the Authorization token and any Basic/Bearer value blanked out."""
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        text = _AUTHORIZATION_RE.sub(rf"\1{REDACTED}", text)
        return _TOKEN_RE.sub(rf"\1\2{REDACTED}", text)

    def _decode(self, response: requests.Response, method: str, path: str, cast_to: Any) -> Any:
        """A success answer as ``cast_to`` (or its JSON, None for an empty one); anything else is an API
        error naming method, path, status and what came back."""
        data: Any = None
        secret = _holds_secrets(cast_to)
        if response.content:
            try:
                data = response.json()
            except ValueError:
                raise self._unusable(
                    response, method, path, "a body that is not JSON", quote=not secret
                ) from None
        if cast_to is None:
            return data
        try:
            return _adapter(cast_to).validate_python(data)
        except pydantic.ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(part) for part in error['loc']) or 'the answer'}: {error['msg']}"
                for error in exc.errors()[:3]
            )
            body = NOT_SHOWN if secret else self._redact(response.text)
            raise APIResponseValidationError(
                f"ConfigCat API {method} {path} answered {_status_line(response)} with an answer that is "
                f"not a {_described(cast_to)} ({problems}): {_cut(body)}",
                method=method,
                path=path,
                status_code=response.status_code,
                body=body,
            ) from None

    def _unusable(
        self, response: requests.Response, method: str, path: str, what: str, *, quote: bool = True
    ) -> APIResponseValidationError:
        body = self._redact(response.text) if quote else NOT_SHOWN
        return APIResponseValidationError(
            f"ConfigCat API {method} {path} answered {_status_line(response)} with {what}: {_cut(body)}"
            f"; check {CONFIG_BASE_PATH} / {ENV_BASE_PATH}, or a proxy in between",
            method=method,
            path=path,
            status_code=response.status_code,
            body=body,
        )

    def _redirect_error(self, response: requests.Response, method: str, path: str) -> APIStatusError:
        """A 3xx: never followed, since requests would resend a POST as a GET without the credentials."""
        location = self._redact(response.headers.get("Location") or "nowhere")
        return APIStatusError(
            f"ConfigCat API {method} {path} answered {_status_line(response)}, a redirect to {location}: "
            f"the base path redirects, and redirects are not followed; set {CONFIG_BASE_PATH} (or "
            f"{ENV_BASE_PATH}) to the address the API answers at",
            method=method,
            path=path,
            status_code=response.status_code,
            body=self._redact(response.text),
        )

    def _retry_delay(self, attempt: int, response: requests.Response | None) -> float:
        """How long to wait before the retry that follows ``attempt``."""
        if response is not None and response.status_code == 429:
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            if retry_after is not None:
                return min(retry_after, MAX_RETRY_AFTER)
        backoff: float = min(INITIAL_RETRY_DELAY * 2.0 ** (attempt - 1), MAX_RETRY_DELAY)
        return backoff * (1 - RETRY_JITTER * self._jitter())


def parse_retry_after(value: str | None, *, now: Callable[[], datetime] | None = None) -> float | None:
    """Reads a ``Retry-After`` header: delta seconds or an HTTP date.

    Args:
        value: The header value, or None when absent.
        now: The current time (tests fix it).

    Returns:
        Seconds to wait (0 for a date in the past), or None if the header is missing or garbled.
    """
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return seconds if math.isfinite(seconds) and seconds >= 0 else None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    current = now() if now else datetime.now(timezone.utc)
    return max(0.0, (when - current).total_seconds())


def _may_have_been_done(response: requests.Response | None, cause: Exception | None) -> bool:
    """Whether a request that failed may still have been carried out by the server."""
    if response is not None:
        return response.status_code >= 500 or response.status_code == 408
    if isinstance(cause, requests.ConnectTimeout):
        return False
    if isinstance(cause, requests.ConnectionError):
        # No connection was made (refused, unknown host): nothing reached the server.
        reason = getattr(cause.args[0] if cause.args else None, "reason", None)
        return not isinstance(reason, urllib3.exceptions.NewConnectionError)
    return isinstance(
        cause,
        requests.Timeout
        | requests.exceptions.ChunkedEncodingError
        | requests.exceptions.ContentDecodingError,
    )


@functools.cache
def _adapter(cast_to: Any) -> TypeAdapter[Any]:
    """One validator per answer type, built once: building one costs far more than using it."""
    return TypeAdapter(cast_to)


# What an error says instead of an answer that would carry secrets (see ApiModel.holds_secrets).
NOT_SHOWN = "(the answer is not shown: it holds secrets)"


def _holds_secrets(cast_to: Any) -> bool:
    """Whether answers of the type ``cast_to`` carry secrets, so that no error may quote them."""
    if get_origin(cast_to) is list:
        (cast_to,) = get_args(cast_to)
    return bool(getattr(cast_to, "holds_secrets", False))


def _described(cast_to: Any) -> str:
    """``ProductModel`` as "Product", ``list[ProductModel]`` as "list of Product"."""
    if get_origin(cast_to) is list:
        (item,) = get_args(cast_to)
        return f"list of {item.__name__.removesuffix('Model')}"
    # A model, or a generic alias such as dict[str, int], whose name is its origin's.
    name: str = cast_to.__name__
    return name.removesuffix("Model")


def _status_line(response: requests.Response) -> str:
    return f"{response.status_code} {response.reason or ''}".strip()


def _cut(text: str) -> str:
    text = text.strip()
    if not text:
        return "an empty body"
    return text if len(text) <= MAX_UNUSABLE_BODY_CHARS else text[:MAX_UNUSABLE_BODY_CHARS] + "…"


def _describe(exc: requests.RequestException) -> str:
    # requests nests the root cause; its class name says more than the wrapped repr (and holds no secrets:
    # the URL never carries credentials, they travel in the Authorization header).
    return f"{type(exc).__name__}: {exc}"


def _outcome(response: requests.Response | None, error: APIError) -> str:
    if response is not None:
        return f"{response.status_code} {response.reason or ''}".strip()
    return type(error).__name__


def json_patch(old: Mapping[str, Any], new: Mapping[str, Any]) -> JsonPatch:
    """The RFC 6902 operations that turn the document ``old`` into ``new``.

    Args:
        old: The current document, as the API's update model (camelCase keys).
        new: The desired document.

    Returns:
        The operations, empty when the documents are equal.
    """
    operations: JsonPatch = jsonpatch.make_patch(dict(old), dict(new)).patch
    return operations


def reason_params(reason: str | None) -> dict[str, str]:
    """The query parameters of a value write: ``reason`` (the mandatory note), only when there is one."""
    return {"reason": reason} if reason else {}


_clients: dict[ClientSettings, ConfigCatClient] = {}
_clients_lock = threading.Lock()


def get_client(settings: ClientSettings) -> ConfigCatClient:
    """The process-wide client for ``settings``: one pooled session per set of credentials.

    Args:
        settings: Credentials and base URL.

    Returns:
        A shared client, built on first use.
    """
    with _clients_lock:
        client = _clients.get(settings)
        if client is None:
            client = _clients[settings] = ConfigCatClient(settings)
        return client


def reset_clients(sequence: Sequence[ClientSettings] | None = None) -> None:
    """Closes and forgets shared clients (all of them, or those for ``sequence``); for tests."""
    with _clients_lock:
        for key in list(sequence if sequence is not None else _clients):
            client = _clients.pop(key, None)
            if client is not None:
                client.close()


# What no path the API defines holds, and an id put into one could: dot segments and an empty segment
# (which a server resolves to another path), a query or fragment start, a percent escape or a backslash.
_PATH_HAZARD = re.compile(r"(^|/)\.{1,2}(/|$)|//|[?#%\\]|[^\x21-\x7e]")


def _checked_path(method: str, path: str) -> str:
    """``path`` if it names what the caller meant; else a ValueError, before anything is sent.

    Every path is built from ids (``f"/v1/products/{product_id}/configs"``); an id such as
    ``../organizations`` or ``x?y`` would otherwise send another request than the one asked for. The
    resources and lookups check their ids first, with messages naming the argument; this is the backstop.
    """
    if not path.startswith("/") or _PATH_HAZARD.search(path):
        raise ValueError(
            f"refusing to send {method} {path!r}: an id in it holds a character or segment that would change "
            "the URL path ('/', '.', '..', '?', '#', '%', '\\', a space or a control character); ids are "
            "UUIDs or integers"
        )
    return path
