"""The HTTP core against requests-mock: headers, bodies, error mapping, the retry table, logging, JSON Patch.

Every client here sleeps into a list and has no jitter, so the exact delays can be asserted and no test waits.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import pickle
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jsonpatch
import pydantic
import pytest
import requests
import requests_mock

import pulumi_configcat.api
from pulumi_configcat._client import (
    IDEMPOTENT_METHODS,
    ConfigCatClient,
    get_client,
    json_patch,
    parse_retry_after,
    reason_params,
    reset_clients,
)
from pulumi_configcat._constants import (
    CONFIG_BASE_PATH,
    CONFIG_PASSWORD,
    CONFIG_USERNAME,
    CONNECT_TIMEOUT,
    CONNECTION_POOL_SIZE,
    ENV_PASSWORD,
    ENV_USERNAME,
    MAX_RETRIES,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
    MAX_UNUSABLE_BODY_CHARS,
    MIN_REDACTED_SECRET_CHARS,
    READ_TIMEOUT,
)
from pulumi_configcat._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)
from pulumi_configcat._pacing import RatePacer
from pulumi_configcat._settings import ClientSettings
from pulumi_configcat._version import __version__
from pulumi_configcat.api import configs as configs_api
from pulumi_configcat.api import environments as environments_api
from pulumi_configcat.api import organizations as organizations_api
from pulumi_configcat.api import permission_groups as permission_groups_api
from pulumi_configcat.api import preferences as preferences_api
from pulumi_configcat.api import products as products_api
from pulumi_configcat.api import segments as segments_api
from pulumi_configcat.api import settings as settings_api
from pulumi_configcat.api import tags as tags_api
from pulumi_configcat.api import webhooks as webhooks_api
from pulumi_configcat.types import ProductModel

BASE = "https://api.test"
USER = "ci-bot"
# Distinctive, so a leak into any log record or message is unmistakable.
SECRET = "pw-Zq8!never-print-me"
SECRET_TOKEN = base64.b64encode(f"{USER}:{SECRET}".encode()).decode()
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
IDEMPOTENT = ("GET", "PUT", "DELETE")
NOT_IDEMPOTENT = ("POST", "PATCH")
DUPLICATE_KEY_BODY = '{"Key":["This key is already in use. Please, choose another"]}'
# Backoff without jitter: 0.5, 1, 2, 4, 8 for the five retries MAX_RETRIES allows.
BACKOFF = [0.5, 1.0, 2.0, 4.0, 8.0]


@dataclass
class Harness:
    """A client on a mocked session, with what it slept."""

    client: ConfigCatClient
    adapter: requests_mock.Adapter
    sleeps: list[float] = field(default_factory=list)

    def answer(self, method: str, path: str, answers: list[dict[str, Any]]) -> None:
        """Scripts the answers to ``method path``; the last one repeats."""
        self.adapter.register_uri(method, BASE + path, answers)

    @property
    def history(self) -> list[Any]:
        """The requests the client sent, in order."""
        return list(self.adapter.request_history)


MakeHarness = Callable[..., Harness]


@pytest.fixture
def make_harness() -> Iterator[MakeHarness]:
    clients: list[ConfigCatClient] = []

    def make(
        *,
        username: str = USER,
        password: str = SECRET,
        base_url: str = BASE,
        jitter: Callable[[], float] = lambda: 0.0,
        **kwargs: Any,
    ) -> Harness:
        session = requests.Session()
        adapter = requests_mock.Adapter()
        session.mount("https://", adapter)
        sleeps: list[float] = []
        clock = [0.0]

        def sleep(seconds: float) -> None:
            # Sleeping takes no wall time, but the pacer's clock moves on as if it had.
            sleeps.append(seconds)
            clock[0] += seconds

        kwargs.setdefault("pacer", RatePacer(clock=lambda: clock[0]))
        client = ConfigCatClient(
            ClientSettings(username=username, password=password, base_url=base_url),
            session=session,
            sleep=sleep,
            jitter=jitter,
            **kwargs,
        )
        clients.append(client)
        return Harness(client=client, adapter=adapter, sleeps=sleeps)

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def harness(make_harness: MakeHarness) -> Harness:
    return make_harness()


def send(client: ConfigCatClient, method: str, path: str, body: Any = None) -> Any:
    """Sends ``method`` with a body where the method takes one."""
    if method in ("POST", "PUT", "PATCH") and body is None:
        body = [{"op": "replace", "path": "/name", "value": "n"}] if method == "PATCH" else {"name": "n"}
    return client.request(method, path, body=body)


def status(code: int, reason: str = "", text: str = "", **headers: str) -> dict[str, Any]:
    """A scripted non-2xx answer."""
    return {"status_code": code, "reason": reason or None, "text": text, "headers": headers}


OK: dict[str, Any] = {"status_code": 200, "json": {"ok": True}}


# --- What goes on the wire ----------------------------------------------------------------------------------


def test_basic_auth_header_exact_value(make_harness: MakeHarness) -> None:
    # The RFC 7617 example credentials and their encoding, written out by hand.
    h = make_harness(username="Aladdin", password="open sesame")
    h.answer("GET", "/v1/me", [OK])
    h.client.get("/v1/me")
    assert h.history[0].headers["Authorization"] == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="


def test_identifying_headers(harness: Harness) -> None:
    harness.answer("GET", "/v1/me", [OK])
    harness.client.get("/v1/me")
    headers = harness.history[0].headers
    assert re.fullmatch(r"pulumi-configcat/0\.1\.0 \(Python 3\.\d+\.\d+\S*\)", headers["User-Agent"])
    assert headers["User-Agent"].startswith(f"pulumi-configcat/{__version__} ")
    assert headers["X-Caller-Id"] == f"pulumi-configcat/{__version__}"
    assert headers["Accept"] == "application/json"


@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_json_body_and_content_type(harness: Harness, method: str) -> None:
    body = {"name": "Ünïcode product", "description": None, "order": 3}
    harness.answer(
        method, "/v1/organizations/o1/products", [{"status_code": 200, "json": {"productId": "p1"}}]
    )
    result = send(harness.client, method, "/v1/organizations/o1/products", body)
    assert result == {"productId": "p1"}
    sent = harness.history[0]
    assert sent.json() == body
    assert sent.headers["Content-Type"] == "application/json"


def test_patch_sends_the_operations_with_a_json_content_type(harness: Harness) -> None:
    operations = json_patch({"name": "a", "hint": "h"}, {"name": "b", "hint": "h"})
    harness.answer("PATCH", "/v1/settings/7", [{"status_code": 200, "json": {"settingId": 7}}])
    assert harness.client.patch("/v1/settings/7", operations) == {"settingId": 7}
    sent = harness.history[0]
    assert sent.json() == [{"op": "replace", "path": "/name", "value": "b"}]
    assert sent.headers["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "path",
    [
        "/v1/products/../organizations",
        "/v1/products/p1/../../organizations",
        "/v1/products/./p1",
        "/v1/products//configs",
        "/v1/products/p1?x=1",
        "/v1/products/p1#x",
        "/v1/products/%2e%2e/organizations",
        "/v1/products/p1\\..",
        "/v1/products/p 1",
        "/v1/products/p\n1",
        "v1/products/p1",
    ],
)
def test_a_path_an_id_would_turn_into_another_is_never_sent(harness: Harness, path: str) -> None:
    # The backstop under the resources' and lookups' own id checks: whatever built the path, an id such as
    # ../organizations cannot make the client ask for another resource than the one meant.
    harness.answer("GET", "/v1/organizations", [OK])
    with pytest.raises(ValueError, match=r"refusing to send GET .*would change the URL path"):
        harness.client.get(path)
    assert harness.history == []


@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_no_body_and_no_content_type_without_a_body(harness: Harness, method: str) -> None:
    harness.answer(method, "/v1/products/p1", [OK])
    harness.client.request(method, "/v1/products/p1")
    sent = harness.history[0]
    assert sent.body is None
    assert "Content-Type" not in sent.headers


def test_query_params_are_encoded(harness: Harness) -> None:
    harness.answer("PUT", "/v1/environments/e1/settings/7/value", [OK])
    harness.client.put(
        "/v1/environments/e1/settings/7/value", {"value": True}, params=reason_params("ship it & log: 100%")
    )
    query = parse_qs(urlsplit(harness.history[0].url).query)
    assert query == {"reason": ["ship it & log: 100%"]}


def test_no_query_string_for_an_empty_reason(harness: Harness) -> None:
    harness.answer("PUT", "/v1/environments/e1/settings/7/value", [OK])
    harness.client.put("/v1/environments/e1/settings/7/value", {"value": True}, params=reason_params(None))
    assert urlsplit(harness.history[0].url).query == ""


def test_base_url_path_prefix_is_kept(make_harness: MakeHarness) -> None:
    h = make_harness(base_url=BASE + "/proxy")
    h.answer("GET", "/proxy/v1/me", [OK])
    assert h.client.get("/v1/me") == {"ok": True}
    assert h.client.base_url == BASE + "/proxy"


def test_default_timeout_on_every_request_including_retries(harness: Harness) -> None:
    harness.answer("GET", "/v1/me", [status(503), status(429, **{"Retry-After": "1"}), OK])
    harness.client.get("/v1/me")
    assert [sent.timeout for sent in harness.history] == [(CONNECT_TIMEOUT, READ_TIMEOUT)] * 3
    assert (CONNECT_TIMEOUT, READ_TIMEOUT) == (10.0, 60.0)


@pytest.mark.parametrize("method", METHODS)
def test_custom_timeout_is_passed(make_harness: MakeHarness, method: str) -> None:
    h = make_harness(timeout=(1.5, 7.0))
    h.answer(method, "/v1/x", [OK])
    send(h.client, method, "/v1/x")
    assert h.history[0].timeout == (1.5, 7.0)


def test_retries_resend_the_same_request(harness: Harness) -> None:
    harness.answer("PUT", "/v1/x", [status(503), OK])
    harness.client.put("/v1/x", {"name": "n"}, params={"reason": "r"})
    first, second = harness.history
    assert second.json() == first.json() == {"name": "n"}
    assert second.url == first.url
    assert second.headers["Authorization"] == first.headers["Authorization"] == f"Basic {SECRET_TOKEN}"


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ({"status_code": 204}, None),
        ({"status_code": 200, "text": ""}, None),
        ({"status_code": 200, "json": []}, []),
        ({"status_code": 201, "json": {"a": [1, {"b": None}]}}, {"a": [1, {"b": None}]}),
    ],
)
def test_answer_decoding(harness: Harness, answer: dict[str, Any], expected: Any) -> None:
    harness.answer("DELETE", "/v1/x", [answer])
    assert harness.client.delete("/v1/x") == expected


# --- Error answers ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "reason", "body", "expected_class"),
    [
        (400, "Bad Request", DUPLICATE_KEY_BODY, BadRequestError),
        (401, "Unauthorized", "", AuthenticationError),
        (402, "Payment Required", "You have reached the limits of your plan.", APIStatusError),
        (403, "Forbidden", '{"": ["Insufficient permissions."]}', PermissionDeniedError),
        (404, "Not Found", '{"": ["Config not found."]}', NotFoundError),
        (409, "Conflict", '{"": ["Integration link already exists."]}', ConflictError),
        (418, "I'm a Teapot", "short and stout", APIStatusError),
        (500, "Internal Server Error", "An error occurred.", InternalServerError),
        (502, "Bad Gateway", "<html>bad gateway</html>", InternalServerError),
        (503, "Service Unavailable", "Down for maintenance", InternalServerError),
    ],
)
def test_error_answer_maps_to_class_and_message(
    harness: Harness, code: int, reason: str, body: str, expected_class: type[APIStatusError]
) -> None:
    # POST is never retried after these, so each case is one request.
    path = "/v1/configs/c1/settings"
    harness.answer("POST", path, [status(code, reason, body)])
    with pytest.raises(APIStatusError) as caught:
        harness.client.post(path, {"key": "isAwesome"})
    error = caught.value
    assert type(error) is expected_class
    assert (error.status_code, error.body, error.method, error.path, error.attempts) == (
        code,
        body,
        "POST",
        path,
        1,
    )
    message = str(error)
    assert message.startswith(f"ConfigCat API POST {path} answered {code} {reason}")
    assert body in message
    assert len(harness.history) == 1
    assert harness.sleeps == []


def test_error_path_has_no_query_string(harness: Harness) -> None:
    harness.answer(
        "PUT", "/v1/environments/e1/settings/7/value", [status(400, "Bad Request", "Reason required")]
    )
    with pytest.raises(BadRequestError) as caught:
        harness.client.put("/v1/environments/e1/settings/7/value", {"value": 1}, params={"reason": "why"})
    assert caught.value.path == "/v1/environments/e1/settings/7/value"
    assert "Reason required" in str(caught.value)


def test_429_raises_rate_limit_error_after_the_retries(harness: Harness) -> None:
    harness.answer(
        "POST",
        "/v1/x",
        [status(429, "Too Many Requests", "API calls quota exceeded!", **{"Retry-After": "2"})],
    )
    with pytest.raises(RateLimitError) as caught:
        harness.client.post("/v1/x", {})
    error = caught.value
    assert (error.status_code, error.attempts) == (429, MAX_RETRIES + 1)
    assert str(error) == (
        "ConfigCat API POST /v1/x answered 429 Too Many Requests: API calls quota exceeded! "
        "(gave up after 6 attempts)"
    )
    assert harness.sleeps == [2.0] * MAX_RETRIES


def test_401_message_blames_the_credentials_without_the_password(harness: Harness) -> None:
    harness.answer("GET", "/v1/me", [status(401, "Unauthorized")])
    with pytest.raises(AuthenticationError) as caught:
        harness.client.get("/v1/me")
    message = str(caught.value)
    assert f"credentials of user {USER!r} were rejected" in message
    for name in (CONFIG_USERNAME, CONFIG_PASSWORD, ENV_USERNAME, ENV_PASSWORD):
        assert name in message
    assert SECRET not in message
    assert SECRET_TOKEN not in message
    assert len(harness.history) == 1


# --- The retry table ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetryCase:
    """One row: what the API answers, and what the client must do about it."""

    id: str
    method: str
    answers: list[dict[str, Any]]
    attempts: int
    sleeps: list[float]
    # A decoded result, or the exact exception class raised.
    outcome: Any = field(default_factory=lambda: {"ok": True})


RA = "Retry-After"
FAR_FUTURE = "Fri, 31 Dec 9999 23:59:59 GMT"
PAST = "Wed, 21 Oct 2015 07:28:00 GMT"
READ_TIMEOUT_EXC = {"exc": requests.exceptions.ReadTimeout}
CONNECT_ERROR_EXC = {"exc": requests.exceptions.ConnectionError}


def _rows() -> list[RetryCase]:
    rows: list[RetryCase] = []
    for m in METHODS:
        rows += [
            RetryCase(f"429-seconds-{m}", m, [status(429, **{RA: "3"}), OK], 2, [3.0]),
            RetryCase(f"429-zero-{m}", m, [status(429, **{RA: "0"}), OK], 2, [0.0]),
            RetryCase(f"429-no-header-{m}", m, [status(429), status(429), status(429), OK], 4, BACKOFF[:3]),
        ]
    for m in IDEMPOTENT:
        rows += [
            RetryCase(f"{code}-{m}-retried", m, [status(code), OK], 2, [0.5])
            for code in (500, 502, 503, 504, 408)
        ]
        rows += [
            RetryCase(f"timeout-{m}-retried", m, [READ_TIMEOUT_EXC, READ_TIMEOUT_EXC, OK], 3, BACKOFF[:2]),
            RetryCase(f"connection-error-{m}-retried", m, [CONNECT_ERROR_EXC, OK], 2, [0.5]),
        ]
    for m in NOT_IDEMPOTENT:
        rows += [
            RetryCase(f"500-{m}-once", m, [status(500), OK], 1, [], InternalServerError),
            RetryCase(f"503-{m}-once", m, [status(503), OK], 1, [], InternalServerError),
            RetryCase(f"408-{m}-once", m, [status(408), OK], 1, [], APIStatusError),
            RetryCase(f"timeout-{m}-once", m, [READ_TIMEOUT_EXC, OK], 1, [], APITimeoutError),
            RetryCase(f"connection-error-{m}-once", m, [CONNECT_ERROR_EXC, OK], 1, [], APIConnectionError),
        ]
    for m, code, cls in (
        ("GET", 400, BadRequestError),
        ("PUT", 401, AuthenticationError),
        ("DELETE", 404, NotFoundError),
        ("GET", 403, PermissionDeniedError),
        ("PUT", 409, ConflictError),
    ):
        rows.append(RetryCase(f"{code}-{m}-never-retried", m, [status(code), OK], 1, [], cls))
    rows += [
        RetryCase("429-garbled-header", "GET", [status(429, **{RA: "soon"}), OK], 2, [0.5]),
        RetryCase("429-negative-header", "POST", [status(429, **{RA: "-5"}), OK], 2, [0.5]),
        RetryCase("429-empty-header", "PATCH", [status(429, **{RA: " "}), OK], 2, [0.5]),
        RetryCase(
            "429-date-far-future-capped", "POST", [status(429, **{RA: FAR_FUTURE}), OK], 2, [MAX_RETRY_AFTER]
        ),
        RetryCase("429-seconds-capped", "GET", [status(429, **{RA: "86400"}), OK], 2, [MAX_RETRY_AFTER]),
        RetryCase("429-date-in-the-past", "PUT", [status(429, **{RA: PAST}), OK], 2, [0.0]),
        # Backoff counts attempts, whatever failed before: the 503 after a 429 waits the second step.
        RetryCase("429-then-503-then-ok", "GET", [status(429), status(503), OK], 3, [0.5, 1.0]),
        RetryCase(
            "503-then-429-with-header", "DELETE", [status(503), status(429, **{RA: "7"}), OK], 3, [0.5, 7.0]
        ),
        # A 429 is retried for POST, but the 503 that follows is not.
        RetryCase(
            "429-then-503-post",
            "POST",
            [status(429, **{RA: "1"}), status(503), OK],
            2,
            [1.0],
            InternalServerError,
        ),
        RetryCase("exhausted-503-get", "GET", [status(503)], MAX_RETRIES + 1, BACKOFF, InternalServerError),
        RetryCase(
            "exhausted-429-patch",
            "PATCH",
            [status(429, **{RA: "1"})],
            MAX_RETRIES + 1,
            [1.0] * 5,
            RateLimitError,
        ),
        RetryCase(
            "exhausted-timeout-put", "PUT", [READ_TIMEOUT_EXC], MAX_RETRIES + 1, BACKOFF, APITimeoutError
        ),
        RetryCase(
            "exhausted-connection-delete",
            "DELETE",
            [CONNECT_ERROR_EXC],
            MAX_RETRIES + 1,
            BACKOFF,
            APIConnectionError,
        ),
    ]
    return rows


ROWS = _rows()


@pytest.mark.parametrize("case", ROWS, ids=[row.id for row in ROWS])
def test_retry_table(harness: Harness, case: RetryCase) -> None:
    harness.answer(case.method, "/v1/thing", case.answers)
    if isinstance(case.outcome, type):
        with pytest.raises(APIError) as caught:
            send(harness.client, case.method, "/v1/thing")
        error = caught.value
        assert type(error) is case.outcome
        assert (error.method, error.path, error.attempts) == (case.method, "/v1/thing", case.attempts)
        if case.attempts > 1:
            assert str(error).endswith(f" (gave up after {case.attempts} attempts)")
        else:
            assert "gave up" not in str(error)
    else:
        assert send(harness.client, case.method, "/v1/thing") == case.outcome
    assert len(harness.history) == case.attempts
    assert harness.sleeps == case.sleeps


def test_retry_table_covers_every_method_for_429_with_seconds() -> None:
    assert {row.method for row in ROWS if row.id.startswith("429-seconds-") and row.sleeps == [3.0]} == set(
        METHODS
    )


def test_backoff_is_capped(make_harness: MakeHarness) -> None:
    h = make_harness(max_retries=9)
    h.answer("GET", "/v1/x", [status(503)])
    with pytest.raises(InternalServerError) as caught:
        h.client.get("/v1/x")
    assert h.sleeps == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, MAX_RETRY_DELAY, MAX_RETRY_DELAY, MAX_RETRY_DELAY]
    assert MAX_RETRY_DELAY == 30.0
    assert caught.value.attempts == 10
    assert "(gave up after 10 attempts)" in str(caught.value)


def test_jitter_shortens_backoff_but_not_retry_after(make_harness: MakeHarness) -> None:
    h = make_harness(jitter=lambda: 0.5)
    h.answer("GET", "/v1/x", [status(503), status(503), status(429, **{RA: "3"}), OK])
    h.client.get("/v1/x")
    # Each backoff loses RETRY_JITTER * 0.5 = 12.5% of itself; the server's Retry-After is taken as given.
    assert h.sleeps == [0.4375, 0.875, 3.0]


@pytest.mark.parametrize(
    ("answer", "expected_class"),
    [
        (status(429, **{RA: "1"}), RateLimitError),
        (status(503), InternalServerError),
        (READ_TIMEOUT_EXC, APITimeoutError),
    ],
)
def test_max_retries_zero_means_one_attempt(
    make_harness: MakeHarness, answer: dict[str, Any], expected_class: type[APIError]
) -> None:
    h = make_harness(max_retries=0)
    h.answer("GET", "/v1/x", [answer, OK])
    with pytest.raises(expected_class) as caught:
        h.client.get("/v1/x")
    assert caught.value.attempts == 1
    assert "gave up" not in str(caught.value)
    assert len(h.history) == 1
    assert h.sleeps == []


def test_timeout_message_names_the_read_timeout(make_harness: MakeHarness) -> None:
    h = make_harness(timeout=(2.0, 7.5))
    h.answer("POST", "/v1/x", [READ_TIMEOUT_EXC])
    with pytest.raises(APITimeoutError) as caught:
        h.client.post("/v1/x", {})
    assert str(caught.value).startswith("ConfigCat API POST /v1/x got no answer within 7.5s; ")


def test_connection_error_message_names_the_cause(harness: Harness) -> None:
    harness.answer(
        "POST", "/v1/x", [{"exc": requests.exceptions.ConnectionError("Name or service not known")}]
    )
    with pytest.raises(APIConnectionError) as caught:
        harness.client.post("/v1/x", {})
    assert str(caught.value).startswith(
        "ConfigCat API POST /v1/x could not be reached: ConnectionError: Name or service not known"
    )


@pytest.mark.parametrize("exc", [requests.exceptions.ConnectionError, requests.exceptions.ReadTimeout])
def test_transport_error_is_chained(harness: Harness, exc: type[Exception]) -> None:
    harness.answer("POST", "/v1/x", [{"exc": exc}])
    with pytest.raises(APIConnectionError) as caught:
        harness.client.post("/v1/x", {})
    assert isinstance(caught.value.__cause__, exc)


def test_a_body_that_cannot_be_sent_is_not_retried(harness: Harness) -> None:
    harness.answer("PUT", "/v1/x", [OK])
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        harness.client.put("/v1/x", {"value": float("nan")})
    assert harness.history == []
    assert harness.sleeps == []


# --- Retry-After parsing ------------------------------------------------------------------------------------

NOW = datetime(2026, 1, 1, 12, 0, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("3", 3.0),
        (" 3 ", 3.0),
        ("0", 0.0),
        ("2.5", 2.5),
        ("-1", None),
        ("inf", None),
        ("nan", None),
        ("soon", None),
        ("Thu, 01 Jan 2026 12:00:42 GMT", 42.0),
        ("Thu, 01 Jan 2026 12:00:42 -0000", 42.0),
        ("Thu, 01 Jan 2026 13:00:42 +0100", 42.0),
        ("Thu, 01 Jan 2026 11:59:00 GMT", 0.0),
        ("Thu, 01 Jan 2026 12:00:00 GMT", 0.0),
        ("Fri, 02 Jan 2026 12:00:00 GMT", 86400.0),
        ("Thu, 32 Jan 2026 12:00:00 GMT", None),
        ("Thu, 01 Foo 2026 12:00:00 GMT", None),
        ("Thu, 01 Jan 99999 12:00:00 GMT", None),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, now=lambda: NOW) == expected


def test_parse_retry_after_uses_the_clock_without_now() -> None:
    soon = datetime.now(timezone.utc) + timedelta(hours=1)
    seconds = parse_retry_after(soon.strftime("%a, %d %b %Y %H:%M:%S GMT"))
    assert seconds is not None
    # Whole-second header precision plus the time this line takes: a wide band, not a timing assertion.
    assert 3500 < seconds <= 3600


# --- Logging ------------------------------------------------------------------------------------------------


def test_each_retry_logs_one_warning(harness: Harness, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="pulumi_configcat")
    harness.answer(
        "GET",
        "/v1/products/p1",
        [
            status(503, "Service Unavailable"),
            status(429, "Too Many Requests", **{RA: "2"}),
            READ_TIMEOUT_EXC,
            OK,
        ],
    )
    harness.client.get("/v1/products/p1")
    records = [r for r in caplog.records if r.name == "pulumi_configcat"]
    assert [r.levelno for r in records] == [logging.WARNING] * 3
    assert [r.getMessage() for r in records] == [
        "ConfigCat API GET /v1/products/p1: 503 Service Unavailable; retrying in 0.50s (attempt 2 of 6)",
        "ConfigCat API GET /v1/products/p1: 429 Too Many Requests; retrying in 2.00s (attempt 3 of 6)",
        "ConfigCat API GET /v1/products/p1: APITimeoutError; retrying in 2.00s (attempt 4 of 6)",
    ]


def test_no_warning_without_a_retry(harness: Harness, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="pulumi_configcat")
    harness.answer("GET", "/v1/me", [OK])
    harness.client.get("/v1/me")
    assert [r for r in caplog.records if r.name == "pulumi_configcat"] == []


def _texts_of(error: BaseException) -> list[str]:
    texts = [str(error), repr(error), *map(str, error.args)]
    if isinstance(error, APIStatusError):
        texts.append(error.body)
    return texts


def test_the_password_never_reaches_a_log_record_or_an_error(
    make_harness: MakeHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    h = make_harness()
    scenarios: list[tuple[str, list[dict[str, Any]]]] = [
        ("GET", [OK]),
        ("GET", [status(401, "Unauthorized", "Invalid credentials")]),
        ("POST", [status(400, "Bad Request", DUPLICATE_KEY_BODY)]),
        ("PATCH", [status(429, "Too Many Requests", "quota", **{RA: "1"})]),
        ("PUT", [READ_TIMEOUT_EXC]),
        ("DELETE", [{"exc": requests.exceptions.ConnectionError(f"could not reach {BASE}/v1/thing")}]),
        ("GET", [status(503, "Service Unavailable")]),
        ("POST", [{"exc": requests.exceptions.ConnectTimeout}]),
    ]
    texts: list[str] = [repr(h.client), repr(h.client._settings)]
    failures = 0
    for method, answers in scenarios:
        h.answer(method, "/v1/thing", answers)
        try:
            send(h.client, method, "/v1/thing")
        except APIError as error:
            failures += 1
            texts += _texts_of(error)
    assert failures == len(scenarios) - 1
    assert len(caplog.records) >= 15  # the retries did log
    for record in caplog.records:
        texts += [record.getMessage(), repr(record.args), str(record.exc_info)]
    assert texts
    for text in texts:
        assert SECRET not in text
        assert SECRET_TOKEN not in text


# --- JSON Patch and reasons ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ({"name": "a", "hint": "h"}, {"name": "a", "hint": "h"}, []),
        ({}, {}, []),
        (
            {"name": "a", "hint": "h"},
            {"name": "b", "hint": "h"},
            [{"op": "replace", "path": "/name", "value": "b"}],
        ),
        ({"name": "a"}, {"name": "a", "hint": "h"}, [{"op": "add", "path": "/hint", "value": "h"}]),
        ({"name": "a", "hint": "h"}, {"name": "a"}, [{"op": "remove", "path": "/hint"}]),
        ({"hint": "h"}, {"hint": None}, [{"op": "replace", "path": "/hint", "value": None}]),
        ({"a/b": 1, "c~d": 1}, {"a/b": 2, "c~d": 1}, [{"op": "replace", "path": "/a~1b", "value": 2}]),
        (
            {"value": {"boolValue": True, "stringValue": None}},
            {"value": {"boolValue": False, "stringValue": None}},
            [{"op": "replace", "path": "/value/boolValue", "value": False}],
        ),
        ({"tags": [1, 2]}, {"tags": [1, 2, 3]}, [{"op": "add", "path": "/tags/2", "value": 3}]),
        ({"tags": [1, 2, 3]}, {"tags": [1, 3]}, [{"op": "remove", "path": "/tags/1"}]),
    ],
)
def test_json_patch_operations(
    old: dict[str, Any], new: dict[str, Any], expected: list[dict[str, Any]]
) -> None:
    assert json_patch(old, new) == expected


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            {
                "rolloutRules": [
                    {"comparator": "contains", "value": "a"},
                    {"comparator": "isOneOf", "value": "b"},
                ]
            },
            {"rolloutRules": [{"comparator": "isOneOf", "value": "b"}]},
        ),
        (
            {
                "rolloutPercentageItems": [
                    {"percentage": 30, "value": True},
                    {"percentage": 70, "value": False},
                ]
            },
            {
                "rolloutPercentageItems": [
                    {"percentage": 50, "value": True},
                    {"percentage": 50, "value": False},
                ]
            },
        ),
        ({"tags": [3, 1, 2]}, {"tags": [1, 2, 3]}),
        ({"a": [[1, 2], [3]], "b": {"c": [None]}}, {"a": [[3], [1, 2], []], "b": {"c": []}}),
        ({"rules": []}, {"rules": [{"conditions": [{"x": 1}], "served": {"v": 1}}]}),
        (
            {"rules": [{"conditions": [{"x": 1}, {"x": 2}]}]},
            {"rules": [{"conditions": [{"x": 2}, {"x": 1}]}]},
        ),
    ],
)
def test_json_patch_of_nested_lists_turns_old_into_new(old: dict[str, Any], new: dict[str, Any]) -> None:
    before = repr(old), repr(new)
    operations = json_patch(old, new)
    assert operations
    assert jsonpatch.apply_patch(old, operations) == new
    assert (repr(old), repr(new)) == before  # neither document was changed


@pytest.mark.parametrize(
    ("reason", "expected"), [(None, {}), ("", {}), ("rollout to 50%", {"reason": "rollout to 50%"})]
)
def test_reason_params(reason: str | None, expected: dict[str, str]) -> None:
    assert reason_params(reason) == expected


# --- Shared clients, pickling, repr -------------------------------------------------------------------------


@pytest.fixture
def shared_settings() -> Iterator[list[ClientSettings]]:
    made: list[ClientSettings] = []
    yield made
    reset_clients(made)


def test_get_client_shares_one_client_per_settings(shared_settings: list[ClientSettings]) -> None:
    a = ClientSettings(username="shared-user", password="p1", base_url="https://shared.test")
    a_again = ClientSettings(username="shared-user", password="p1", base_url="https://shared.test")
    other_password = ClientSettings(username="shared-user", password="p2", base_url="https://shared.test")
    other_base = ClientSettings(username="shared-user", password="p1", base_url="https://other.test")
    shared_settings += [a, other_password, other_base]
    client = get_client(a)
    assert get_client(a_again) is client
    assert client.base_url == "https://shared.test"
    assert get_client(other_password) is not client
    assert get_client(other_base) is not client
    assert get_client(other_base) is not get_client(other_password)


def test_reset_clients_forgets_a_shared_client(shared_settings: list[ClientSettings]) -> None:
    a = ClientSettings(username="reset-user", password="p", base_url="https://reset.test")
    shared_settings.append(a)
    first = get_client(a)
    reset_clients([a])
    assert get_client(a) is not first


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_client_refuses_to_be_pickled(harness: Harness, protocol: int) -> None:
    with pytest.raises(TypeError, match="must not be pickled"):
        pickle.dumps(harness.client, protocol=protocol)


def test_client_repr_hides_the_password(harness: Harness) -> None:
    assert repr(harness.client) == f"ConfigCatClient(base_url={BASE!r}, username={USER!r})"
    assert SECRET not in repr(harness.client)


def test_a_connect_timeout_names_the_connect_timeout(harness: Harness) -> None:
    harness.answer("POST", "/v1/x", [{"exc": requests.exceptions.ConnectTimeout}])
    with pytest.raises(APITimeoutError) as caught:
        harness.client.post("/v1/x", {})
    assert "could not connect within" in str(caught.value)
    assert isinstance(caught.value.__cause__, requests.exceptions.ConnectTimeout)


# --- Issue 12: answers cut short, unusable answers, redaction -----------------------------------------------


@pytest.mark.parametrize(
    "exc", [requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError]
)
def test_an_answer_cut_short_is_a_retried_connection_error(harness: Harness, exc: type[Exception]) -> None:
    harness.answer("GET", "/v1/products/p1", [{"exc": exc("Connection broken: IncompleteRead")}, OK])
    assert harness.client.get("/v1/products/p1") == {"ok": True}
    assert len(harness.history) == 2
    harness.answer("POST", "/v1/products", [{"exc": exc("Connection broken: IncompleteRead")}, OK])
    with pytest.raises(APIConnectionError) as caught:
        harness.client.post("/v1/products", {})
    assert str(caught.value).startswith("ConfigCat API POST /v1/products ")
    assert isinstance(caught.value.__cause__, exc)
    assert len(harness.history) == 3


@pytest.mark.parametrize(
    ("answer", "what"),
    [
        ({"status_code": 200, "text": "<html><body>Welcome to nginx!</body></html>"}, "Welcome to nginx!"),
        ({"status_code": 200, "text": '{"productId": "08d8'}, '{"productId": "08d8'),
        ({"status_code": 201, "text": "OK"}, "OK"),
    ],
)
@pytest.mark.parametrize("method", METHODS)
def test_a_success_that_is_not_json_is_an_api_error_saying_what_came_back(
    harness: Harness, method: str, answer: dict[str, Any], what: str
) -> None:
    harness.answer(method, "/v1/products/p1", [answer])
    with pytest.raises(APIResponseValidationError) as caught:
        send(harness.client, method, "/v1/products/p1")
    error = caught.value
    assert isinstance(error, APIError)
    assert (error.method, error.path, error.status_code) == (method, "/v1/products/p1", answer["status_code"])
    message = str(error)
    assert message.startswith(f"ConfigCat API {method} /v1/products/p1 answered {answer['status_code']}")
    assert "not JSON" in message
    assert what in message
    assert len(harness.history) == 1


def _reads() -> list[tuple[Callable[[ConfigCatClient], Any], str]]:
    guid = "08d86d63-2726-47cd-8bfc-59608ecb91e2"
    return [
        (lambda c: products_api.get_product(c, guid), f"/v1/products/{guid}"),
        (lambda c: configs_api.get_config(c, guid), f"/v1/configs/{guid}"),
        (lambda c: environments_api.get_environment(c, guid), f"/v1/environments/{guid}"),
        (lambda c: segments_api.get_segment(c, guid), f"/v1/segments/{guid}"),
        (lambda c: tags_api.get_tag(c, "7"), "/v1/tags/7"),
        (lambda c: permission_groups_api.get_permission_group(c, "7"), "/v1/permissions/7"),
        (lambda c: preferences_api.get_preferences(c, guid), f"/v1/products/{guid}/preferences"),
    ]


@pytest.mark.parametrize(
    ("answer", "what"),
    [
        ({"status_code": 200, "json": {}}, "{}"),
        ({"status_code": 200, "json": []}, "[]"),
        ({"status_code": 200, "text": ""}, "an empty body"),
        ({"status_code": 200, "json": {"name": 5}}, '{"name": 5}'),
    ],
)
@pytest.mark.parametrize(("read", "path"), _reads(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_read_of_an_answer_of_the_wrong_shape_is_an_api_error(
    harness: Harness, read: Callable[[ConfigCatClient], Any], path: str, answer: dict[str, Any], what: str
) -> None:
    harness.answer("GET", path, [answer])
    with pytest.raises(APIResponseValidationError) as caught:
        read(harness.client)
    message = str(caught.value)
    assert message.startswith(f"ConfigCat API GET {path} answered 200")
    assert what in message
    assert "pydantic" not in message
    assert (caught.value.method, caught.value.path) == ("GET", path)


def test_a_long_unusable_answer_is_cut_in_the_message(harness: Harness) -> None:
    harness.answer("GET", "/v1/x", [{"status_code": 200, "text": "<html>" + "x" * 10_000}])
    with pytest.raises(APIResponseValidationError) as caught:
        harness.client.get("/v1/x")
    assert len(str(caught.value)) < 1000


def test_model_validation_of_something_else_is_left_alone() -> None:
    # Only answers the client decoded become API errors; a bug elsewhere stays a plain ValidationError.
    with pytest.raises(pydantic.ValidationError):
        ProductModel.model_validate({})


def test_an_error_body_echoing_the_authorization_header_is_redacted(harness: Harness) -> None:
    echo = f'{{"headers": {{"Authorization": "Basic {SECRET_TOKEN}"}}, "password": "{SECRET}"}}'
    harness.answer("POST", "/v1/x", [status(400, "Bad Request", echo)])
    with pytest.raises(BadRequestError) as caught:
        harness.client.post("/v1/x", {})
    for text in (str(caught.value), caught.value.body):
        assert SECRET_TOKEN not in text
        assert SECRET not in text
        assert "Basic [redacted]" in text
    harness.answer(
        "GET", "/v1/y", [{"status_code": 200, "text": f"<p>Authorization: Basic {SECRET_TOKEN}</p>"}]
    )
    with pytest.raises(APIResponseValidationError) as unusable:
        harness.client.get("/v1/y")
    assert SECRET_TOKEN not in str(unusable.value)
    harness.answer("GET", "/v1/z", [{"exc": requests.exceptions.ConnectionError(f"{SECRET} {SECRET_TOKEN}")}])
    with pytest.raises(APIConnectionError) as dropped:
        harness.client.get("/v1/z")
    assert SECRET not in str(dropped.value)
    assert SECRET_TOKEN not in str(dropped.value)


# --- Issue 12, item 5: is the API really there before a 404 means "gone" ---

ME: dict[str, Any] = {"status_code": 200, "json": {"email": "a@example.com", "fullName": "A"}}


def test_check_api_asks_v1_me_once(harness: Harness) -> None:
    harness.answer("GET", "/v1/me", [ME])
    harness.client.check_api()
    harness.client.check_api()
    assert [r.path for r in harness.history] == ["/v1/me"]


def test_check_api_says_the_base_path_is_wrong_on_404(harness: Harness) -> None:
    harness.answer("GET", "/v1/me", [status(404, "Not Found"), ME])
    with pytest.raises(ConfigurationError) as caught:
        harness.client.check_api()
    assert "GET /v1/me answered 404" in str(caught.value)
    assert CONFIG_BASE_PATH in str(caught.value)
    # A failed check is not remembered as a pass.
    harness.client.check_api()
    assert len(harness.history) == 2


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (status(401, "Unauthorized"), AuthenticationError),
        ({"status_code": 200, "text": "<html>hello</html>"}, APIResponseValidationError),
        ({"status_code": 200, "json": {}}, APIResponseValidationError),
    ],
)
def test_check_api_fails_on_anything_but_the_api(
    harness: Harness, answer: dict[str, Any], expected: type[Exception]
) -> None:
    harness.answer("GET", "/v1/me", [answer])
    with pytest.raises(expected):
        harness.client.check_api()


# --- Issue 10: a POST that may have reached the server is not repeated, and the error says so ---------------

MAYBE_CREATED = "may or may not have been created"


@pytest.mark.parametrize(
    "answer",
    [
        status(500, "Internal Server Error", "An error occurred."),
        status(503, "Service Unavailable"),
        status(408, "Request Timeout"),
        READ_TIMEOUT_EXC,
        {"exc": requests.exceptions.ConnectionError("Connection aborted: RemoteDisconnected")},
        {"exc": requests.exceptions.ChunkedEncodingError("Connection broken: IncompleteRead")},
    ],
)
def test_a_post_that_may_have_been_carried_out_says_so(harness: Harness, answer: dict[str, Any]) -> None:
    harness.answer("POST", "/v1/products/p1/configs", [answer, OK])
    with pytest.raises(APIError) as caught:
        harness.client.post("/v1/products/p1/configs", {"name": "main"})
    message = str(caught.value)
    assert message.startswith("ConfigCat API POST /v1/products/p1/configs ")
    assert MAYBE_CREATED in message
    assert "not repeated" in message
    assert len(harness.history) == 1


def test_a_patch_that_may_have_been_carried_out_says_so(harness: Harness) -> None:
    harness.answer("PATCH", "/v1/settings/7", [status(502, "Bad Gateway")])
    with pytest.raises(InternalServerError) as caught:
        harness.client.patch("/v1/settings/7", [{"op": "replace", "path": "/name", "value": "n"}])
    assert "may or may not have been made" in str(caught.value)


@pytest.mark.parametrize(
    ("method", "answer"),
    [
        ("POST", status(400, "Bad Request", DUPLICATE_KEY_BODY)),
        ("POST", {"exc": requests.exceptions.ConnectTimeout("connect timed out")}),
        ("POST", status(429, "Too Many Requests", **{"Retry-After": "0"})),
        ("GET", status(503, "Service Unavailable")),
        ("PUT", status(503, "Service Unavailable")),
    ],
)
def test_no_such_note_where_nothing_can_have_been_done_twice(
    harness: Harness, method: str, answer: dict[str, Any]
) -> None:
    harness.answer(method, "/v1/x", [answer])
    with pytest.raises(APIError) as caught:
        send(harness.client, method, "/v1/x")
    assert "may or may not" not in str(caught.value)


def _lists() -> list[tuple[Callable[[ConfigCatClient], Any], str]]:
    guid = "08d86d63-2726-47cd-8bfc-59608ecb91e2"
    return [
        (organizations_api.list_organizations, "/v1/organizations"),
        (products_api.list_products, "/v1/products"),
        (lambda c: configs_api.list_configs(c, guid), f"/v1/products/{guid}/configs"),
        (lambda c: settings_api.list_settings(c, guid), f"/v1/configs/{guid}/settings"),
        (lambda c: tags_api.list_tags(c, guid), f"/v1/products/{guid}/tags"),
        (lambda c: environments_api.list_environments(c, guid), f"/v1/products/{guid}/environments"),
        (lambda c: permission_groups_api.list_permission_groups(c, guid), f"/v1/products/{guid}/permissions"),
        (lambda c: segments_api.list_segments(c, guid), f"/v1/products/{guid}/segments"),
        (lambda c: webhooks_api.list_webhooks(c, guid), f"/v1/products/{guid}/webhooks"),
    ]


@pytest.mark.parametrize(
    ("answer", "what"),
    [
        ({"status_code": 200, "json": {}}, "{}"),
        ({"status_code": 200, "json": [{}]}, "[{}]"),
        ({"status_code": 200, "text": ""}, "an empty body"),
    ],
)
@pytest.mark.parametrize(("read", "path"), _lists(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_list_of_an_answer_of_the_wrong_shape_is_an_api_error(
    harness: Harness, read: Callable[[ConfigCatClient], Any], path: str, answer: dict[str, Any], what: str
) -> None:
    harness.answer("GET", path, [answer])
    with pytest.raises(APIResponseValidationError) as caught:
        read(harness.client)
    message = str(caught.value)
    assert message.startswith(f"ConfigCat API GET {path} answered 200")
    assert what in message


def test_every_api_module_validates_answers_through_the_client() -> None:
    """An answer validated outside the client fails as a pydantic error naming no method or path."""
    api_dir = Path(pulumi_configcat.api.__file__).parent
    bare = [
        path.name
        for path in sorted(api_dir.glob("*.py"))
        if ".validate_python(" in path.read_text() or ".model_validate(" in path.read_text()
    ]
    assert bare == [], "ask the client: client.get(path, cast_to=Model)"


@pytest.mark.parametrize(
    ("body", "kept", "gone"),
    [
        ("Authorization: Bearer abc.def-123", "Authorization: Bearer [redacted]", "abc.def-123"),
        ('{"authorization": "someone-elses-token"}', '"authorization": "[redacted]"', "someone-elses"),
        ("basic permissions are missing for this action", "basic permissions are missing", None),
    ],
)
def test_credentials_are_blanked_and_ordinary_words_kept(
    harness: Harness, body: str, kept: str, gone: str | None
) -> None:
    harness.answer("POST", "/v1/x", [status(400, "Bad Request", body)])
    with pytest.raises(BadRequestError) as caught:
        harness.client.post("/v1/x", {})
    assert kept in str(caught.value)
    if gone is not None:
        assert gone not in str(caught.value)


# --- Issue 22: behaviours mutation testing found unpinned ---------------------------------------------------


@pytest.mark.parametrize(
    ("base_url", "cause", "why"),
    [
        ("api.test", requests.exceptions.MissingSchema, "MissingSchema: Invalid URL 'api.test/v1/me'"),
        (
            "https://api .test",
            requests.exceptions.InvalidURL,
            "InvalidURL: Failed to parse: Host 'api .test'",
        ),
        (
            "https://api.test:80x",
            requests.exceptions.InvalidURL,
            "'api.test:80x' is not a valid host or port",
        ),
    ],
)
@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_a_request_that_cannot_be_sent_is_final(
    make_harness: MakeHarness, base_url: str, cause: type[Exception], why: str, method: str
) -> None:
    h = make_harness(base_url=base_url)
    with pytest.raises(APIConnectionError) as caught:
        h.client.request(method, "/v1/me")
    error = caught.value
    assert type(error) is APIConnectionError
    assert str(error).startswith(f"ConfigCat API {method} /v1/me could not be sent: ")
    assert why in str(error)
    assert (error.method, error.path, error.attempts) == (method, "/v1/me", 1)
    assert isinstance(error.__cause__, cause)
    # Not retried: the same URL would fail the same way; and the pacer holds nothing back afterwards.
    assert h.sleeps == []
    with pytest.raises(APIConnectionError):
        h.client.request(method, "/v1/me")
    assert h.sleeps == []


@pytest.mark.parametrize(
    ("first", "held"),
    [
        (status(429, "Too Many Requests", **{RA: "5"}), [5.0]),
        (status(429, "Too Many Requests", **{RA: "0.5"}), [0.5]),
        (status(429, "Too Many Requests"), []),
        # Only a 429 asks everyone to wait: a Retry-After on another answer holds nothing back.
        (status(503, "Service Unavailable", **{RA: "30"}), []),
        ({"status_code": 200, "json": {"ok": True}, "headers": {RA: "30"}}, []),
    ],
)
def test_a_429s_retry_after_holds_back_the_next_request_of_any_caller(
    make_harness: MakeHarness, caplog: pytest.LogCaptureFixture, first: dict[str, Any], held: list[float]
) -> None:
    caplog.set_level(logging.DEBUG, logger="pulumi_configcat")
    h = make_harness(max_retries=0)
    h.answer("GET", "/v1/products/p1", [first])
    h.answer("PUT", "/v1/products/p2", [OK])
    # The first caller gives up at once (no retries); a second caller, another thread in a provider, waits.
    with contextlib.suppress(APIError):
        h.client.get("/v1/products/p1")
    assert h.sleeps == []
    h.client.put("/v1/products/p2", {"name": "n"})
    assert h.sleeps == held
    pacing = [r.getMessage() for r in caplog.records if "pacing" in r.getMessage()]
    assert pacing == [
        f"ConfigCat API PUT /v1/products/p2: pacing under the rate limit, waiting {wait:.2f}s"
        for wait in held
    ]


def _calls() -> list[tuple[str, Callable[[ConfigCatClient, dict[str, str]], Any]]]:
    body = {"name": "n"}
    operations = [{"op": "replace", "path": "/name", "value": "n"}]
    return [
        ("GET", lambda c, params: c.get("/v1/x", params=params)),
        ("POST", lambda c, params: c.post("/v1/x", body, params=params)),
        ("PUT", lambda c, params: c.put("/v1/x", body, params=params)),
        ("PATCH", lambda c, params: c.patch("/v1/x", operations, params=params)),
        ("DELETE", lambda c, params: c.delete("/v1/x", params=params)),
    ]


@pytest.mark.parametrize(("method", "call"), _calls(), ids=[m for m, _ in _calls()])
def test_each_method_helper_sends_its_query_and_keeps_its_retry_rule(
    harness: Harness, method: str, call: Callable[[ConfigCatClient, dict[str, str]], Any]
) -> None:
    # The batch write's reason travels as a query parameter of a POST; a DELETE is retried like a GET.
    harness.answer(method, "/v1/x", [status(503, "Service Unavailable"), OK])
    if method in IDEMPOTENT:
        assert call(harness.client, {"reason": "ship it"}) == {"ok": True}
        assert harness.sleeps == [0.5]
    else:
        with pytest.raises(InternalServerError) as caught:
            call(harness.client, {"reason": "ship it"})
        assert caught.value.method == method
        assert "may or may not have been" in str(caught.value)
    assert [sent.method for sent in harness.history] == [method] * len(harness.history)
    assert all(parse_qs(urlsplit(sent.url).query) == {"reason": ["ship it"]} for sent in harness.history)


def test_a_method_the_client_does_not_know_is_not_repeated_and_says_so(harness: Harness) -> None:
    harness.answer("OPTIONS", "/v1/x", [status(500, "Internal Server Error"), OK])
    with pytest.raises(InternalServerError) as caught:
        harness.client.request("OPTIONS", "/v1/x")
    assert str(caught.value).endswith(
        "; it was not repeated, since ConfigCat has no idempotency key: the change may or may not "
        "have been made, so check the account before running again"
    )
    assert len(harness.history) == 1


@pytest.mark.parametrize(
    ("answer", "outcome"),
    [
        ({"status_code": 200, "json": {"ok": True}}, {"ok": True}),
        ({"status_code": 204}, None),
        ({"status_code": 299, "json": [1]}, [1]),
        (
            status(300, "Multiple Choices"),
            "ConfigCat API GET /v1/x answered 300 Multiple Choices, a redirect to",
        ),
        (
            status(301, Location=f"{BASE}/moved"),
            f"ConfigCat API GET /v1/x answered 301, a redirect to {BASE}/moved",
        ),
        (status(399), "ConfigCat API GET /v1/x answered 399, a redirect to nowhere: the base path redirects"),
    ],
)
def test_only_2xx_is_success_and_3xx_is_a_redirect_that_is_not_followed(
    harness: Harness, answer: dict[str, Any], outcome: Any
) -> None:
    harness.answer("GET", "/v1/x", [answer])
    if not isinstance(outcome, str):
        assert harness.client.get("/v1/x") == outcome
        return
    with pytest.raises(APIStatusError) as caught:
        harness.client.get("/v1/x")
    error = caught.value
    assert str(error).startswith(outcome)
    assert str(error).endswith(
        f"set {CONFIG_BASE_PATH} (or CONFIGCAT_BASE_PATH) to the address the API answers at"
    )
    assert (error.method, error.path, error.status_code, error.attempts) == (
        "GET",
        "/v1/x",
        answer["status_code"],
        1,
    )
    assert len(harness.history) == 1


def test_a_redirect_names_its_target_and_body_without_the_credentials(harness: Harness) -> None:
    harness.answer(
        "GET", "/v1/x", [status(302, "Found", f"see Basic {SECRET_TOKEN}", Location=f"{BASE}/{SECRET}")]
    )
    with pytest.raises(APIStatusError) as caught:
        harness.client.get("/v1/x")
    assert f"answered 302 Found, a redirect to {BASE}/[redacted]: " in str(caught.value)
    assert caught.value.body == "see Basic [redacted]"


@pytest.mark.parametrize(
    ("password", "redacted"),
    [("abcde", False), ("abc123", True), ("a-longer-password", True)],
)
def test_a_password_of_six_characters_or_more_is_redacted(
    make_harness: MakeHarness, password: str, redacted: bool
) -> None:
    # Shorter ones are left: blanking "admin" out of every message would blank ordinary words too.
    h = make_harness(password=password)
    h.answer("POST", "/v1/x", [status(400, "Bad Request", f"the password {password} is wrong")])
    with pytest.raises(BadRequestError) as caught:
        h.client.post("/v1/x", {})
    expected = "[redacted]" if redacted else password
    assert caught.value.body == f"the password {expected} is wrong"


def test_the_connect_timeout_message_names_the_connect_timeout(make_harness: MakeHarness) -> None:
    h = make_harness(timeout=(2.5, 7.5))
    h.answer("GET", "/v1/x", [{"exc": requests.exceptions.ConnectTimeout("connect timed out")}])
    with pytest.raises(APITimeoutError) as caught:
        h.client.get("/v1/x")
    assert (
        str(caught.value)
        == "ConfigCat API GET /v1/x could not connect within 2.5s (gave up after 6 attempts)"
    )


def test_an_answer_cut_short_names_what_broke(harness: Harness) -> None:
    broken = requests.exceptions.ChunkedEncodingError(f"Connection broken: IncompleteRead {SECRET}")
    harness.answer("POST", "/v1/x", [{"exc": broken}])
    with pytest.raises(APIConnectionError) as caught:
        harness.client.post("/v1/x", {})
    assert str(caught.value).startswith(
        "ConfigCat API POST /v1/x dropped the connection in the middle of its answer: "
        "ChunkedEncodingError: Connection broken: IncompleteRead [redacted]; "
    )


NOT_JSON = "a body that is not JSON: "


@pytest.mark.parametrize(
    ("answer", "tail"),
    [
        (
            {"status_code": 200, "reason": "OK", "text": "  \n"},
            "answered 200 OK with " + NOT_JSON + "an empty body",
        ),
        ({"status_code": 200, "reason": "", "text": "x" * 300}, "answered 200 with " + NOT_JSON + "x" * 300),
        (
            {"status_code": 200, "reason": "OK", "text": "x" * 301},
            "answered 200 OK with " + NOT_JSON + "x" * 300 + "…",
        ),
    ],
)
def test_a_success_that_is_not_json_says_exactly_what_came_back(
    harness: Harness, answer: dict[str, Any], tail: str
) -> None:
    harness.answer("GET", "/v1/x", [answer])
    with pytest.raises(APIResponseValidationError) as caught:
        harness.client.get("/v1/x")
    check = f"check {CONFIG_BASE_PATH} / CONFIGCAT_BASE_PATH, or a proxy in between"
    assert str(caught.value) == f"ConfigCat API GET /v1/x {tail}; {check}"
    assert caught.value.body == answer["text"]


GUID = "08d86d63-2726-47cd-8bfc-59608ecb91e2"


@pytest.mark.parametrize(
    ("read", "path", "answer", "message"),
    [
        (
            lambda c: products_api.get_product(c, GUID),
            f"/v1/products/{GUID}",
            {"name": 5},
            "answered 200 OK with an answer that is not a Product (productId: Field required; name: Input "
            'should be a valid string; order: Field required): {"name": 5}',
        ),
        (
            lambda c: products_api.get_product(c, GUID),
            f"/v1/products/{GUID}",
            [],
            "answered 200 OK with an answer that is not a Product (the answer: Input should be a valid "
            "dictionary or instance of ProductModel): []",
        ),
        (
            products_api.list_products,
            "/v1/products",
            [{"productId": "p", "name": 5, "order": "first", "description": 7}],
            "answered 200 OK with an answer that is not a list of Product (0.name: Input should be a valid "
            "string; 0.description: Input should be a valid string; 0.order: Input should be a valid "
            'integer, unable to parse string as an integer): [{"productId": "p", "name": 5, '
            '"order": "first", "description": 7}]',
        ),
        (
            lambda c: c.get("/v1/x", cast_to=dict[str, int]),
            "/v1/x",
            [],
            "answered 200 OK with an answer that is not a dict (the answer: Input should be a valid "
            "dictionary): []",
        ),
        (
            lambda c: c.get("/v1/x", cast_to=list[int]),
            "/v1/x",
            {},
            "answered 200 OK with an answer that is not a list of int (the answer: Input should be a valid "
            "list): {}",
        ),
    ],
)
def test_an_answer_of_the_wrong_shape_names_the_model_the_problems_and_what_came_back(
    harness: Harness, read: Callable[[ConfigCatClient], Any], path: str, answer: Any, message: str
) -> None:
    harness.answer("GET", path, [{"status_code": 200, "reason": "OK", "json": answer}])
    with pytest.raises(APIResponseValidationError) as caught:
        read(harness.client)
    assert str(caught.value) == f"ConfigCat API GET {path} {message}"
    assert (caught.value.status_code, caught.value.body) == (200, json.dumps(answer))


def test_an_empty_answer_where_a_model_was_expected_says_so(harness: Harness) -> None:
    harness.answer("GET", f"/v1/products/{GUID}", [{"status_code": 200, "reason": "OK", "text": ""}])
    with pytest.raises(APIResponseValidationError) as caught:
        products_api.get_product(harness.client, GUID)
    assert str(caught.value).endswith("): an empty body")
    assert caught.value.body == ""


def test_one_item_of_a_list_answer_that_is_not_a_model_is_an_api_error(harness: Harness) -> None:
    harness.answer("GET", "/v1/x", [{"status_code": 200, "json": [{"productId": "p"}]}])
    with pytest.raises(APIResponseValidationError) as caught:
        harness.client.get("/v1/x", cast_to=list[ProductModel])
    assert str(caught.value).startswith(
        "ConfigCat API GET /v1/x answered 200 with an answer that is not a list of Product "
        "(0.name: Field required"
    )


def test_a_valid_list_answer_is_returned_as_models(harness: Harness) -> None:
    product = {"productId": "p", "name": "n", "order": 1, "reasonRequired": False, "approveRequired": False}
    harness.answer("GET", "/v1/products", [{"status_code": 200, "json": [product]}])
    assert products_api.list_products(harness.client) == [ProductModel.model_validate(product)]


@pytest.mark.parametrize(
    "last_answer",
    [
        {"status_code": 200, "json": [{"productId": "p"}]},
        {"status_code": 200, "json": {"productId": "p"}},
        {"status_code": 204},
        {"status_code": 200, "json": 7},
    ],
)
def test_a_model_built_from_something_else_after_an_answer_is_not_blamed_on_the_api(
    harness: Harness, last_answer: dict[str, Any]
) -> None:
    harness.answer("GET", "/v1/x", [last_answer])
    harness.client.get("/v1/x")
    with pytest.raises(pydantic.ValidationError):
        ProductModel.model_validate({"productId": "not from the API"})


def test_a_model_built_on_a_thread_that_decoded_no_answer_is_a_plain_validation_error() -> None:
    caught: list[BaseException] = []

    def build() -> None:
        try:
            ProductModel.model_validate({})
        except Exception as exc:
            caught.append(exc)

    thread = threading.Thread(target=build)
    thread.start()
    thread.join()
    assert [type(exc) for exc in caught] == [pydantic.ValidationError]


def test_a_retry_log_names_a_status_without_a_reason(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="pulumi_configcat")
    harness.answer("GET", "/v1/x", [status(503), OK])
    harness.client.get("/v1/x")
    assert [r.getMessage() for r in caplog.records] == [
        "ConfigCat API GET /v1/x: 503; retrying in 0.50s (attempt 2 of 6)"
    ]


def test_an_error_without_a_reason_phrase_names_only_the_status(harness: Harness) -> None:
    harness.answer("GET", "/v1/x", [status(418, text="teapot")])
    with pytest.raises(APIStatusError) as caught:
        harness.client.get("/v1/x")
    assert str(caught.value).startswith("ConfigCat API GET /v1/x answered 418: ")


def test_check_api_asks_exactly_v1_me_and_says_what_the_base_path_should_be(harness: Harness) -> None:
    harness.answer("GET", "/v1/me", [status(404, "Not Found")])
    with pytest.raises(ConfigurationError) as caught:
        harness.client.check_api()
    assert [sent.url for sent in harness.history] == [f"{BASE}/v1/me"]
    assert str(caught.value) == (
        f"the ConfigCat API is not at {BASE}: GET /v1/me answered 404, so no 404 can be taken to mean an "
        f"entity is gone; check {CONFIG_BASE_PATH} / CONFIGCAT_BASE_PATH (the API's address, such as "
        "https://api.configcat.com, without /v1)"
    )


def test_the_pickling_refusal_says_why(harness: Harness) -> None:
    with pytest.raises(TypeError) as caught:
        pickle.dumps(harness.client)
    assert str(caught.value) == "ConfigCatClient holds credentials and a live session; it must not be pickled"


def test_reset_clients_closes_and_forgets_only_the_clients_named(
    shared_settings: list[ClientSettings], monkeypatch: pytest.MonkeyPatch
) -> None:
    a = ClientSettings(username="reset-a", password="p", base_url="https://reset.test")
    b = ClientSettings(username="reset-b", password="p", base_url="https://reset.test")
    never_made = ClientSettings(username="reset-c", password="p", base_url="https://reset.test")
    shared_settings += [a, b]
    first_a, first_b = get_client(a), get_client(b)
    closed: list[ConfigCatClient] = []
    for client in (first_a, first_b):
        monkeypatch.setattr(client, "close", lambda client=client: closed.append(client))
    reset_clients([a, never_made])
    assert closed == [first_a]
    assert get_client(a) is not first_a
    assert get_client(b) is first_b
    reset_clients()
    assert closed == [first_a, first_b]
    assert get_client(b) is not first_b


def test_the_constants_the_client_relies_on() -> None:
    # Not mutated by mutation testing, so pinned here: what is retried, and what counts as a secret.
    assert frozenset({"GET", "PUT", "DELETE"}) == IDEMPOTENT_METHODS
    assert MIN_REDACTED_SECRET_CHARS == 6
    assert MAX_UNUSABLE_BODY_CHARS == 300
    assert CONNECTION_POOL_SIZE == 16


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Authorization: Basic dXNlcjpwYXNz", "Authorization: Basic [redacted]"),
        ("authorization=Bearer eyJ.abc-_~+/=", "authorization=Bearer [redacted]"),
        ("'Authorization': 'token123'", "'Authorization': '[redacted]'"),
        ('"AUTHORIZATION" : "Basic abc"', '"AUTHORIZATION" : "Basic [redacted]"'),
        ("Authorization: Basic [redacted]", "Authorization: Basic [redacted]"),
        ("bearer ABCDEFGHIJKLMNOP in a sentence", "bearer [redacted] in a sentence"),
        ("Basic\tabcdefghijklmnop.~-_+/=", "Basic\t[redacted]"),
        ("basic ABCDEFGHIJKLMNO is fifteen", "basic ABCDEFGHIJKLMNO is fifteen"),
        ("debasic ABCDEFGHIJKLMNOPQ", "debasic ABCDEFGHIJKLMNOPQ"),
        ("the basic plan", "the basic plan"),
    ],
)
def test_redaction_patterns(harness: Harness, text: str, expected: str) -> None:
    harness.answer("POST", "/v1/x", [status(400, "Bad Request", text)])
    with pytest.raises(BadRequestError) as caught:
        harness.client.post("/v1/x", {})
    assert caught.value.body == expected


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH"])
def test_every_writing_verb_validates_its_answer_as_it_was_asked(harness: Harness, method: str) -> None:
    product = {"productId": "p", "name": "n", "order": 1, "reasonRequired": False, "approveRequired": False}
    client = harness.client

    def send() -> ProductModel:
        if method == "POST":
            return client.post("/v1/x", [], cast_to=ProductModel)
        if method == "PUT":
            return client.put("/v1/x", [], cast_to=ProductModel)
        return client.patch("/v1/x", [], cast_to=ProductModel)

    harness.answer(method, "/v1/x", [{"status_code": 200, "json": product}, {"status_code": 200, "json": {}}])
    assert send() == ProductModel.model_validate(product)
    with pytest.raises(APIResponseValidationError) as caught:
        send()
    assert str(caught.value).startswith(
        f"ConfigCat API {method} /v1/x answered 200 with an answer that is not a Product"
    )


def test_a_path_an_id_would_change_is_refused_in_words_that_say_what_ids_are(harness: Harness) -> None:
    with pytest.raises(ValueError, match="refusing to send") as caught:
        harness.client.get("/v1/products/../organizations")
    assert str(caught.value) == (
        "refusing to send GET '/v1/products/../organizations': an id in it holds a character or segment that "
        "would change the URL path ('/', '.', '..', '?', '#', '%', '\\', a space or a control character); "
        "ids are UUIDs or integers"
    )
