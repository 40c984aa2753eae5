"""The retry loop over a real socket: a scripted server on 127.0.0.1 counts what actually arrived.

The client sleeps into a list, so only the read-timeout tests spend wall time (one 0.2 s timeout each).
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat._constants import MAX_RETRIES
from pulumi_configcat._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    InternalServerError,
)
from pulumi_configcat._settings import ClientSettings
from pulumi_configcat._version import __version__
from pulumi_configcat.types import (
    IntegrationModel,
    ProductModel,
    ProxyProfileSecretModel,
    SdkKeysModel,
    WebhookSigningKeysModel,
)
from tests._loopback import Reply, ScriptedServer

USER = "loopback-user"
SECRET = "pw-Lb7!never-print-me"
SECRET_TOKEN = base64.b64encode(f"{USER}:{SECRET}".encode()).decode()
OK = Reply(200, body=b'{"ok": true}', headers={"Content-Type": "application/json"})
# The server waits longer than the client's read timeout, but the wait ends when the server stops.
SLOW_OK = Reply(200, body=b'{"ok": true}', delay=0.5)
# For the read-timeout tests; the others wait up to 5 s for an answer, so that a busy machine (a scripted
# reply late by more than 0.2 s) does not turn a cut or dropped answer into a timeout.
SHORT_READ = (1.0, 0.2)


@dataclass
class Loopback:
    """Starts servers and clients for one test, and ends them (clients first) afterwards."""

    servers: list[ScriptedServer] = field(default_factory=list)
    clients: list[ConfigCatClient] = field(default_factory=list)

    def serve(self, script: Mapping[str, Sequence[Reply]]) -> ScriptedServer:
        server = ScriptedServer(script).start()
        self.servers.append(server)
        return server

    def client(
        self,
        server: ScriptedServer,
        *,
        timeout: tuple[float, float] = (1.0, 5.0),
        base_url: str | None = None,
    ) -> tuple[ConfigCatClient, list[float]]:
        """A client of ``server`` (or of ``base_url``, reached through ``server`` as a proxy, say)."""
        sleeps: list[float] = []
        client = ConfigCatClient(
            ClientSettings(username=USER, password=SECRET, base_url=base_url or server.base_url),
            timeout=timeout,
            sleep=sleeps.append,
            jitter=lambda: 0.0,
        )
        self.clients.append(client)
        return client, sleeps


@pytest.fixture
def loopback(monkeypatch: pytest.MonkeyPatch) -> Iterator[Loopback]:
    # A proxy set in the environment (as on some CI runners) must not swallow loopback traffic.
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1")
    harness = Loopback()
    yield harness
    for client in harness.clients:
        client.close()
    for server in harness.servers:
        server.stop()


def test_get_retries_429_then_503_then_succeeds(loopback: Loopback, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    server = loopback.serve(
        {
            "GET": [
                Reply(429, body=b"API calls quota exceeded!", headers={"Retry-After": "0"}),
                Reply(503, body=b"busy"),
                OK,
            ]
        }
    )
    client, sleeps = loopback.client(server)
    assert client.get("/v1/products", params={"q": "a b"}) == {"ok": True}
    assert server.count("GET") == 3
    assert sleeps == [0.0, 1.0]
    assert [request.path for request in server.received] == ["/v1/products?q=a+b"] * 3
    for request in server.received:
        assert request.headers["Authorization"] == f"Basic {SECRET_TOKEN}"
        assert request.headers["X-Caller-Id"] == f"pulumi-configcat/{__version__}"
    warnings = [r.getMessage() for r in caplog.records if r.name == "pulumi_configcat"]
    assert warnings == [
        "ConfigCat API GET /v1/products: 429 Too Many Requests; retrying in 0.00s (attempt 2 of 6)",
        "ConfigCat API GET /v1/products: 503 Service Unavailable; retrying in 1.00s (attempt 3 of 6)",
    ]
    # urllib3 logs at DEBUG too; neither it nor we may print the credentials.
    for record in caplog.records:
        assert SECRET not in record.getMessage()
        assert SECRET_TOKEN not in record.getMessage()


def test_post_is_sent_once_on_503(loopback: Loopback) -> None:
    server = loopback.serve({"POST": [Reply(503, body=b"Down for maintenance"), OK]})
    client, sleeps = loopback.client(server)
    with pytest.raises(InternalServerError) as caught:
        client.post("/v1/configs/c1/settings", {"key": "isAwesome"})
    assert server.count("POST") == 1
    assert sleeps == []
    assert json.loads(server.received[0].body) == {"key": "isAwesome"}
    assert server.received[0].headers["Content-Type"] == "application/json"
    error = caught.value
    assert (error.status_code, error.body, error.attempts) == (503, "Down for maintenance", 1)
    assert str(error).startswith(
        "ConfigCat API POST /v1/configs/c1/settings answered 503 Service Unavailable: Down for maintenance; "
    )
    assert "may or may not have been created" in str(error)


def test_put_is_retried_after_a_read_timeout(loopback: Loopback) -> None:
    server = loopback.serve({"PUT": [SLOW_OK, OK]})
    client, sleeps = loopback.client(server, timeout=SHORT_READ)
    assert client.put("/v1/products/p1", {"name": "n"}) == {"ok": True}
    assert server.count("PUT") == 2
    assert sleeps == [0.5]
    assert [json.loads(request.body) for request in server.received] == [{"name": "n"}] * 2


def test_post_is_not_retried_after_a_read_timeout(loopback: Loopback) -> None:
    server = loopback.serve({"POST": [SLOW_OK, OK]})
    client, sleeps = loopback.client(server, timeout=SHORT_READ)
    with pytest.raises(APITimeoutError) as caught:
        client.post("/v1/products", {"name": "n"})
    assert server.count("POST") == 1
    assert sleeps == []
    assert str(caught.value).startswith("ConfigCat API POST /v1/products got no answer within 0.2s; ")
    assert "may or may not have been created" in str(caught.value)


@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_dropped_connection_is_retried_for_idempotent_methods(loopback: Loopback, method: str) -> None:
    server = loopback.serve({method: [Reply(drop=True), Reply(204)]})
    client, sleeps = loopback.client(server)
    assert client.request(method, "/v1/tags/1") is None
    assert server.count(method) == 2
    assert sleeps == [0.5]


def test_dropped_connection_on_post_is_one_attempt(loopback: Loopback) -> None:
    server = loopback.serve({"POST": [Reply(drop=True), OK]})
    client, sleeps = loopback.client(server)
    with pytest.raises(APIConnectionError) as caught:
        client.post("/v1/products", {"name": "n"})
    error = caught.value
    assert type(error) is APIConnectionError
    assert error.attempts == 1
    assert str(error).startswith("ConfigCat API POST /v1/products could not be reached: ConnectionError: ")
    assert SECRET not in str(error)
    assert server.count("POST") == 1
    assert sleeps == []


@pytest.mark.parametrize(
    ("reply", "expected_class"),
    [(Reply(503), InternalServerError), (Reply(drop=True), APIConnectionError)],
)
def test_get_gives_up_after_max_attempts(
    loopback: Loopback, reply: Reply, expected_class: type[APIError]
) -> None:
    server = loopback.serve({"GET": [reply]})
    client, sleeps = loopback.client(server)
    with pytest.raises(expected_class) as caught:
        client.get("/v1/me")
    assert type(caught.value) is expected_class
    assert caught.value.attempts == MAX_RETRIES + 1
    assert str(caught.value).endswith("(gave up after 6 attempts)")
    assert server.count("GET") == MAX_RETRIES + 1
    assert sleeps == [0.5, 1.0, 2.0, 4.0, 8.0]


def test_nothing_listening_is_a_connection_error(loopback: Loopback) -> None:
    server = loopback.serve({})
    client, _ = loopback.client(server)
    server.stop()  # the port is now closed: connect() is refused at once
    with pytest.raises(APIConnectionError) as caught:
        client.post("/v1/products", {"name": "n"})
    assert type(caught.value) is APIConnectionError
    assert "could not be reached" in str(caught.value)


# --- Issue 12: answers cut short, unusable answers, redirects -----------------------------------------------

CUT = Reply(200, body=b'{"productId": "08d86d63-27', headers={"Content-Type": "application/json"}, cut=True)


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_an_answer_cut_short_is_retried_for_idempotent_methods(loopback: Loopback, method: str) -> None:
    server = loopback.serve({method: [CUT, OK]})
    client, sleeps = loopback.client(server)
    assert client.request(method, "/v1/products/p1", body={"name": "n"} if method == "PUT" else None) == {
        "ok": True
    }
    assert server.count(method) == 2
    assert sleeps == [0.5]


def test_an_answer_cut_short_on_post_is_a_connection_error_naming_method_and_path(loopback: Loopback) -> None:
    server = loopback.serve({"POST": [CUT, OK]})
    client, sleeps = loopback.client(server)
    with pytest.raises(APIConnectionError) as caught:
        client.post("/v1/organizations/o1/products", {"name": "n"})
    message = str(caught.value)
    assert message.startswith("ConfigCat API POST /v1/organizations/o1/products ")
    assert "dropped" in message
    assert caught.value.attempts == 1
    assert server.count("POST") == 1
    assert sleeps == []


@pytest.mark.parametrize("code", [301, 302, 307, 308])
def test_a_redirect_is_not_followed_and_says_the_base_path_redirects(loopback: Loopback, code: int) -> None:
    target = loopback.serve({"GET": [OK], "POST": [OK]})
    server = loopback.serve({"POST": [Reply(code, headers={"Location": target.base_url + "/v1/products"})]})
    client, sleeps = loopback.client(server)
    with pytest.raises(APIStatusError) as caught:
        client.post("/v1/products", {"name": "n"})
    error = caught.value
    assert error.status_code == code
    assert "configcat:basePath" in str(error)
    assert "redirect" in str(error)
    assert target.base_url in str(error)
    assert not isinstance(error, AuthenticationError)
    assert target.received == []
    assert server.count("POST") == 1
    assert sleeps == []


def test_a_post_to_a_closed_port_was_never_sent_and_says_nothing_of_maybe(loopback: Loopback) -> None:
    server = loopback.serve({})
    client, _ = loopback.client(server)
    server.stop()
    with pytest.raises(APIConnectionError) as caught:
        client.post("/v1/products", {"name": "n"})
    assert "may or may not" not in str(caught.value)


def test_a_post_dropped_without_an_answer_may_have_created_the_entity(loopback: Loopback) -> None:
    server = loopback.serve({"POST": [Reply(drop=True), OK]})
    client, _ = loopback.client(server)
    with pytest.raises(APIConnectionError) as caught:
        client.post("/v1/products", {"name": "n"})
    assert "the entity may or may not have been created" in str(caught.value)
    assert server.count("POST") == 1


def test_the_proxy_from_the_environment_carries_the_requests(
    loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The environment is read once, when the client is made; every request still goes through the proxy.
    proxy = loopback.serve({"GET": [OK]})
    monkeypatch.setenv("HTTP_PROXY", proxy.base_url)
    client, _ = loopback.client(proxy, base_url="http://configcat.invalid")
    assert client.get("/v1/me") == {"ok": True}
    assert client.get("/v1/products") == {"ok": True}
    assert [r.path for r in proxy.received] == [
        "http://configcat.invalid/v1/me",
        "http://configcat.invalid/v1/products",
    ]


def test_a_proxy_set_after_the_client_is_made_is_not_used(
    loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The environment is read once: what changes later (a test's monkeypatch, another library) is not seen.
    first = loopback.serve({"GET": [OK]})
    later = loopback.serve({"GET": [OK]})
    monkeypatch.setenv("HTTP_PROXY", first.base_url)
    client, _ = loopback.client(first, base_url="http://configcat.invalid")
    monkeypatch.setenv("HTTP_PROXY", later.base_url)
    assert client.get("/v1/me") == {"ok": True}
    assert [r.path for r in first.received] == ["http://configcat.invalid/v1/me"]
    assert later.received == []


def test_no_proxy_in_the_environment_sends_straight_to_the_api(
    loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy = loopback.serve({"GET": [OK]})
    api = loopback.serve({"GET": [OK]})
    monkeypatch.setenv("HTTP_PROXY", proxy.base_url)  # NO_PROXY=127.0.0.1, from the fixture
    client, _ = loopback.client(api)
    assert client.get("/v1/me") == {"ok": True}
    assert [r.path for r in api.received] == ["/v1/me"]
    assert proxy.received == []


@pytest.mark.parametrize("variable", ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"])
def test_the_ca_bundle_from_the_environment_is_used_for_https(
    loopback: Loopback, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, variable: str
) -> None:
    # A bundle with no certificate in it cannot be loaded, so the handshake fails on loading it; with the
    # system's bundle it would fail later, on the plain-HTTP answer ("wrong version number").
    bundle = tmp_path / "empty-bundle.pem"
    bundle.write_text("")
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    monkeypatch.setenv(variable, str(bundle))
    server = loopback.serve({"GET": [OK]})
    client, _ = loopback.client(server, base_url=server.base_url.replace("http://", "https://"))
    with pytest.raises(APIConnectionError) as caught:
        client.get("/v1/me")
    assert "NO_CERTIFICATE_OR_CRL_FOUND" in str(caught.value)


@pytest.mark.parametrize(
    ("cast_to", "body"),
    [
        (SdkKeysModel, b'{"primary": ["leaked-sdk-key"]}'),
        (SdkKeysModel, b'{"primary": "leaked-sdk-key"'),  # not JSON: cut short
        (WebhookSigningKeysModel, b'{"key1": 42, "key2": "leaked-signing-key"}'),
        (IntegrationModel, b'{"integrationType": "slack", "parameters": {"incoming_webhook.url": "leaked"}}'),
        (list[IntegrationModel], b'[{"parameters": "leaked-api-key"}]'),
        (ProxyProfileSecretModel, b'{"token": "leaked-proxy-token"}'),
    ],
)
def test_a_malformed_answer_that_holds_secrets_is_not_quoted(
    loopback: Loopback, cast_to: Any, body: bytes
) -> None:
    server = loopback.serve({"GET": [Reply(200, body=body)]})
    client, _sleeps = loopback.client(server)
    with pytest.raises(APIResponseValidationError) as caught:
        client.get("/v1/things", cast_to=cast_to)
    assert "GET /v1/things" in str(caught.value)
    assert "leaked" not in str(caught.value)
    assert "leaked" not in caught.value.body
    assert "not shown" in str(caught.value)


def test_a_malformed_answer_without_secrets_is_quoted(loopback: Loopback) -> None:
    """The other side: what the API said helps, where it holds nothing secret."""
    server = loopback.serve({"GET": [Reply(200, body=b'{"name": ["the-answer"]}')]})
    client, _sleeps = loopback.client(server)
    with pytest.raises(APIResponseValidationError) as caught:
        client.get("/v1/products/p", cast_to=ProductModel)
    assert "the-answer" in str(caught.value)
