"""One scan for secrets across everything a run leaves behind.

A representative program (a product, a config, an environment, a flag with its value, a webhook with plain
and secure headers, a Datadog integration with its API key, and the SDK-key and signing-key lookups) runs
through create, refresh, an update of a secure value, retries after 429s, API failures (a PUT refused with a
409, a URL check refuses), a provider configured with a wrong password, and destroy. Then
every provider blob, every state entry (but the outputs the resources mark secret, which the engine
encrypts), every stack output not marked secret, every line the provider process logged and every error
message is searched for the known secret values: the API password, the wrong password, the secure header
values, the integration's API key, the SDK keys and the webhook's signing keys.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import (
    DynamicProviderProcess,
    MiniEngine,
    RunResult,
    decode_provider_blob,
    is_secret,
    secret,
)

TOKEN_ONE = "tok-ONE-9d1c2e7a5b"
TOKEN_TWO = "tok-TWO-44f0a1b6ce"
SIGNING = "sig-SEC-7b2e11d0aa"
WRONG_PASSWORD = "not-the-password-3f9a2c"
DATADOG_KEY = "dd-KEY-0c8f3e21b9"


# Outputs the resources mark secret (additional_secret_outputs); the engine encrypts them in the state.
SECRET_OUTPUTS = {"secure_webhook_headers", "parameters"}


def _configure(process: DynamicProviderProcess, emulator: ConfigCatEmulator, password: str) -> None:
    process.configure(
        {
            "configcat:basicAuthUsername": emulator.username,
            "configcat:basicAuthPassword": secret(password),
            "configcat:basePath": emulator.base_url,
        }
    )


@pytest.fixture
def world() -> Iterator[tuple[ConfigCatEmulator, DynamicProviderProcess]]:
    with ConfigCatEmulator(seed=7) as emulator, DynamicProviderProcess(project="acme") as process:
        _configure(process, emulator, emulator.password)
        yield emulator, process


def program(org: str, token: str, url: str = "https://hooks.example/deploy") -> Callable[[], None]:
    def declare() -> None:
        product = configcat.Product("secrets-shop", organization_id=org)
        config = configcat.Config("secrets-main", product_id=product.id)
        production = configcat.Environment("secrets-production", product_id=product.id)
        flag = configcat.Setting("secrets-flag", config_id=config.id, key="checkout")
        value = configcat.SettingValueV2(
            "secrets-flag-production",
            environment_id=production.id,
            setting_id=flag.id,
            init_only=False,
            value=True,
        )
        hook = configcat.Webhook(
            "secrets-hook",
            config_id=config.id,
            environment_id=production.id,
            url=url,
            http_method="post",
            content="changed",
            webhook_headers=[{"key": "X-Plain", "value": "visible"}],
            secure_webhook_headers=[
                {"key": "X-Token", "value": token},
                {"key": "X-Signature", "value": SIGNING},
            ],
        )
        datadog = configcat.Integration(
            "secrets-datadog",
            product_id=product.id,
            integration_type="dataDog",
            parameters={"apikey": DATADOG_KEY, "site": "Eu"},
            configs=[config.id],
            environments=[production.id],
        )
        # The lookups a program uses to hand keys to its applications; their results are secret.
        keys = configcat.get_sdk_keys_output(config_id=config.id, environment_id=production.id)
        pulumi.export("sdk_key", keys.primary)
        pulumi.export("signing_key", configcat.get_webhook_signing_keys_output(webhook_id=hook.id).key1)
        # Every output of every resource, as a program would export them; the engine marks secret ones.
        for resource in (product, config, production, flag, value, hook, datadog):
            for name in type(resource)._provider_class.props:
                pulumi.export(f"{resource._name}.{name.name}", getattr(resource, name.name))

    return declare


def test_no_secret_reaches_a_blob_a_plain_output_a_log_or_an_error(
    world: tuple[ConfigCatEmulator, DynamicProviderProcess], monkeypatch: pytest.MonkeyPatch
) -> None:
    emulator, process = world
    # The lookups run in the program's process, which finds its credentials in the environment.
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_USERNAME", emulator.username)
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_PASSWORD", emulator.password)
    monkeypatch.setenv("CONFIGCAT_BASE_PATH", emulator.base_url)
    org = emulator.organization_id
    engine = MiniEngine(process)
    seen: dict[str, list[str]] = {"blobs": [], "state": [], "plain outputs": [], "errors": []}

    def record(result: RunResult) -> RunResult:
        plain = {key: value for key, value in result.exports.items() if not is_secret(value)}
        seen["plain outputs"].append(json.dumps(plain, default=str))
        seen["errors"].extend(str(error) for error in result.errors)
        for state in engine.state.values():
            seen["blobs"].append(decode_provider_blob(state.outputs["__provider"]).decode("latin-1"))
            seen["blobs"].append(decode_provider_blob(state.inputs["__provider"]).decode("latin-1"))
            kept = {
                part: {key: value for key, value in values.items() if key not in SECRET_OUTPUTS}
                for part, values in (("inputs", state.inputs), ("outputs", state.outputs))
            }
            seen["state"].append(json.dumps(kept))
        return result

    # Create, through 429s on the webhook's writes, so its requests are logged as retried.
    emulator.inject_fault("status", status=429, retry_after="0", path="/webhooks", times=2)
    created = record(engine.run(program(org, TOKEN_ONE)))
    assert created.errors == []
    assert created.exports["secrets-hook.secure_webhook_headers"] == secret(
        [{"key": "X-Token", "value": TOKEN_ONE}, {"key": "X-Signature", "value": SIGNING}]
    )
    assert created.exports["secrets-hook.webhook_headers"] == [{"key": "X-Plain", "value": "visible"}]
    assert is_secret(created.exports["secrets-datadog.parameters"])
    assert is_secret(created.exports["sdk_key"])
    assert is_secret(created.exports["signing_key"])
    state = emulator.state()
    sdk_keys = [
        key for keys in state["sdkKeys"].values() for key in (keys["primary"], keys["secondary"]) if key
    ]
    signing_keys = [key for hook in state["webhooks"].values() for key in hook["signingKeys"].values() if key]
    assert sdk_keys
    assert signing_keys
    engine.refresh()

    # An update of a secure value that fails (a 409 is not retried), then succeeds.
    emulator.inject_fault("status", status=409, method="PUT", path="/webhooks/", times=1)
    failed = record(engine.run(program(org, TOKEN_TWO)))
    assert failed.errors
    assert "answered 409" in str(failed.errors[0])
    assert record(engine.run(program(org, TOKEN_TWO))).errors == []
    (stored,) = emulator.state()["webhooks"].values()
    assert {"key": "X-Token", "value": TOKEN_TWO, "isSecure": True} in stored["webHookHeaders"]

    # Check refuses inputs that travel with the secure headers (a URL the API would not take).
    refused = record(engine.run(program(org, TOKEN_TWO, url="not a url at all")))
    assert refused.errors
    assert "url must be an http(s) URL" in str(refused.errors[0])

    # A provider with the wrong password.
    with DynamicProviderProcess(project="acme") as wrong:
        _configure(wrong, emulator, WRONG_PASSWORD)
        rejected = MiniEngine(wrong).run(program(org, TOKEN_ONE))
        seen["errors"].extend(str(error) for error in rejected.errors)
        assert rejected.errors
        assert "401" in str(rejected.errors[0])
        seen["logs of the wrong provider"] = list(wrong.log)

    engine.destroy()
    seen["provider log"] = list(process.log)
    assert any("retrying" in line for line in seen["provider log"])  # the log had something to scan

    for secret_value in (
        emulator.password,
        WRONG_PASSWORD,
        TOKEN_ONE,
        TOKEN_TWO,
        SIGNING,
        DATADOG_KEY,
        *sdk_keys,
        *signing_keys,
    ):
        leaks = [where for where, texts in seen.items() for text in texts if secret_value in text]
        assert leaks == [], f"{secret_value!r} found in {sorted(set(leaks))}"
    assert all(seen[where] for where in ("blobs", "state", "plain outputs", "errors"))
