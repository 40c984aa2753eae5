"""A Proxy Profile's secret token, webhook signing keys and the SDK keys it selects never appear in plain
state, in the provider's log or in an error."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat._exceptions import APIResponseValidationError
from pulumi_configcat._settings import ClientSettings
from pulumi_configcat.api import proxy_profiles as api
from pulumi_configcat.testing import ConfigCatEmulator
from tests._loopback import Reply, ScriptedServer
from tests.harness import DynamicProviderProcess, MiniEngine, RunResult, decode_provider_blob, is_secret


def _plain(value: Any) -> Any:
    """``value`` with every secret the engine encrypts left out."""
    if is_secret(value):
        return "<secret>"
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _ok(result: RunResult) -> RunResult:
    assert result.errors == []
    return result


def test_secrets_stay_out_of_plain_state_logs_and_errors(
    engine: MiniEngine, emulator: ConfigCatEmulator, provider_process: DynamicProviderProcess, unique: str
) -> None:
    org = emulator.organization_id
    status, product = emulator.call("POST", f"/v1/organizations/{org}/products", {"name": f"sec-{unique}"})
    assert status == 201
    pid = product["productId"]
    config = emulator.call("POST", f"/v1/products/{pid}/configs", {"name": "web"})[1]["configId"]
    env = emulator.call(
        "POST", f"/v1/products/{pid}/environments", {"name": f"Prod-{unique}", "color": "red"}
    )[1]["environmentId"]

    def program(rotation: str, pairs: list[dict[str, str]], description: str = "") -> None:
        profile = configcat.ProxyProfile(
            f"edge-{unique}",
            organization_id=org,
            description=description,
            webhook_proxy_url="https://proxy.example.com/hook",
            selected_sdk_keys=pairs,
            secret_rotation=rotation,
        )
        pulumi.export("secret_token", profile.secret_token)
        pulumi.export("webhook_signing_keys", profile.webhook_signing_keys)
        pulumi.export("name", profile.name)

    pair = {"config_id": config, "environment_id": env}
    tokens = [_ok(engine.run(lambda: program("1", [pair]))).exports["secret_token"]["value"]]
    engine.refresh()
    # A retried PUT makes the client log; a rotation makes a new token.
    emulator.inject_fault("status", method="PUT", path=r"/v1/proxy-profiles/", status=502, times=1)
    result = _ok(engine.run(lambda: program("2", [pair], "retried")))
    tokens.append(result.exports["secret_token"]["value"])
    assert tokens[0] != tokens[1]
    assert is_secret(result.exports["webhook_signing_keys"])
    assert result.exports["name"] == f"edge-{unique}"  # not secret: only the secrets are
    # A selection the API refuses (a config it does not know) is an error carrying the API's words.
    unknown = {"config_id": "08d86d63-0000-4000-8000-00000000dead", "environment_id": env}
    refused = engine.run(lambda: program("3", [pair, unknown]))
    (error,) = refused.errors
    assert "not found" in str(error)
    assert "POST /v1/proxy-profiles/" in str(error)

    (profile,) = [p for p in emulator.state()["proxyProfiles"].values() if p["name"] == f"edge-{unique}"]
    notification = profile["connectionPreferences"]["webhookNotification"]
    sdk_keys = emulator.state()["sdkKeys"][f"{config}/{env}"]
    secrets = [*tokens, notification["signingKey1"], sdk_keys["primary"]]
    assert all(secrets)

    log = "\n".join(provider_process.log)
    assert "retrying" in log
    (resource,) = engine.state.values()
    plain_state = json.dumps([_plain(resource.inputs), _plain(resource.outputs)])
    blob = str(decode_provider_blob(resource.outputs["__provider"]))
    for value in secrets:
        assert value not in log
        assert value not in str(error)
        assert value not in plain_state
        assert value not in blob
    assert is_secret(resource.outputs["secret_token"])
    assert is_secret(resource.outputs["webhook_signing_keys"])


@pytest.mark.parametrize(
    ("call", "method", "body"),
    [
        (lambda c: api.generate_secret(c, "p"), "POST", b'{"token": "leaked-TOKEN-1"}'),
        (lambda c: api.generate_secret(c, "p"), "POST", b'{"secretToken": ["leaked-TOKEN-2"]}'),
        (lambda c: api.generate_secret(c, "p"), "POST", b'{"secretToken": "leaked-TOKEN-3"'),  # cut short
        (
            lambda c: api.get_selected_sdk_keys(c, "p"),
            "GET",
            b'{"items": [{"primarySdkKey": "leaked-SDK-KEY"}]}',
        ),
        (
            lambda c: api.select_sdk_keys(c, "p", [("c", "e")]),
            "POST",
            b'{"items": [{"primarySdkKey": "leaked-SDK-KEY"}]}',
        ),
        (lambda c: api.get_selected_sdk_keys(c, "p"), "GET", b"leaked-SDK-KEY, not JSON"),
    ],
)
def test_an_answer_of_another_shape_is_reported_without_quoting_it(
    call: Any, method: str, body: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with ScriptedServer({method: [Reply(200, body=body)]}) as server:
        client = ConfigCatClient(ClientSettings(username="u", password="p", base_url=server.base_url))
        try:
            with pytest.raises(APIResponseValidationError) as caught:
                call(client)
        finally:
            client.close()
    message = str(caught.value)
    assert "/v1/proxy-profiles/p/" in message
    assert "leaked" not in message
    assert "leaked" not in caught.value.body
    assert "leaked" not in repr(caught.value)
