"""Integration parameters are secrets: never plain in what the engine stores, in errors, or in logs."""

from __future__ import annotations

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat.api import integrations as integrations_api
from pulumi_configcat.resources import integrations
from pulumi_configcat.testing import ConfigCatEmulator
from pulumi_configcat.types import IntegrationModel, ProductModel
from tests.harness import (
    DynamicProviderProcess,
    MiniEngine,
    ProviderError,
    RunResult,
    capture_registrations,
    secret,
)
from tests.harness._wire import is_secret, strip_for_provider

GUID = "08d86d63-2726-47cd-8bfc-59608ecb91e2"


def _ok(result: RunResult) -> RunResult:
    assert result.errors == []
    return result


def _product(emulator: ConfigCatEmulator, name: str) -> str:
    status, body = emulator.call(
        "POST", f"/v1/organizations/{emulator.organization_id}/products", {"name": name}
    )
    assert status == 201
    return str(body["productId"])


def test_plain_parameters_are_registered_as_a_secret() -> None:
    """What the program sends the engine is what the engine writes to state as the resource's inputs."""
    (registration,) = capture_registrations(
        lambda: configcat.Integration(
            "dd", product_id=GUID, integration_type="dataDog", parameters={"apikey": "plain-key"}
        )
    )
    parameters = registration.inputs["parameters"]
    assert is_secret(parameters)
    assert parameters["value"] == {"apikey": "plain-key"}
    assert "plain-key" not in str({k: v for k, v in registration.inputs.items() if k != "parameters"})


def test_parameters_given_as_outputs_stay_one_secret_mapping() -> None:
    def program() -> None:
        key = pulumi.Output.from_input("from-another-resource")
        configcat.Integration(
            "seg", product_id=GUID, integration_type="segment", parameters={"writeKey": key, "server": "Eu"}
        )

    (registration,) = capture_registrations(program)
    assert registration.inputs["parameters"] == secret({"writeKey": "from-another-resource", "server": "Eu"})


def test_outputs_are_secret_after_create_and_after_get(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    pid = _product(emulator, f"secret-{unique}")

    def program() -> None:
        created = configcat.Integration(
            "amp",
            product_id=pid,
            integration_type="amplitude",
            parameters={"apiKey": "a-1", "secretKey": "s-1"},
        )
        pulumi.export("parameters", created.parameters)
        pulumi.export("name", created.name)

    result = _ok(engine.run(program))
    assert result.exports["parameters"] == secret({"apiKey": "a-1", "secretKey": "s-1"})
    assert result.exports["name"] == "amp"
    id_ = result.steps[0].id_

    # A read-only lookup has no inputs to inherit secrecy from: additional_secret_outputs does it.
    reader = MiniEngine(engine.provider)
    found = _ok(
        reader.run(lambda: pulumi.export("parameters", configcat.Integration.get("seen", id_).parameters))
    )
    assert found.exports["parameters"] == secret({"apiKey": "a-1", "secretKey": "s-1"})


def test_errors_and_the_provider_log_never_quote_parameters(
    engine: MiniEngine, emulator: ConfigCatEmulator, provider_process: DynamicProviderProcess, unique: str
) -> None:
    pid = _product(emulator, f"quiet-{unique}")
    hook = "https://hooks.slack.com/services/T000/B000/sekr1tT0ken"

    def program(url: str) -> None:
        configcat.Integration(
            "slack", product_id=pid, integration_type="slack", parameters={"incoming_webhook.url": url}
        )

    _ok(engine.run(lambda: program(hook)))
    # A retried PUT makes the client log; a 400 makes an error that carries the API's answer.
    emulator.inject_fault("status", method="PUT", path=r"/v1/integrations/", status=502, times=1)
    rotated = hook.replace("sekr1tT0ken", "r0tatedT0ken")
    _ok(engine.run(lambda: program(rotated)))
    refused = "ftp://example.com/not-http-s3cretpath"  # the API refuses a URL that is not http(s)
    result = engine.run(lambda: program(refused))
    (error,) = result.errors
    assert isinstance(error, ProviderError)
    assert "'incoming_webhook.url' is not a valid URL." in error.details
    assert "PUT /v1/integrations/" in error.details
    log = "\n".join(provider_process.log)
    assert "retrying" in log
    for leaked in ("sekr1tT0ken", "r0tatedT0ken", "s3cretpath"):
        assert leaked not in error.details
        assert leaked not in log


def test_parameters_the_api_leaves_out_keep_their_values_in_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """The spec allows ``parameters: null``: refresh must not report the keys gone nor make a lasting diff."""
    product = ProductModel(product_id=GUID, name="p", order=0, reason_required=False, approve_required=False)
    answer = IntegrationModel(
        product=product,
        integration_id=GUID,
        name="dd",
        integration_type="dataDog",
        parameters=None,
        environment_ids=[],
        config_ids=[],
    )
    monkeypatch.setattr(integrations_api, "get_integration", lambda client, id_: answer)
    provider = integrations.IntegrationProvider()
    monkeypatch.setattr(provider, "client", lambda: None)
    state = {"product_id": GUID, "integration_type": "dataDog", "name": "dd", "parameters": {"apikey": "k"}}

    read = provider.read(GUID, state)
    assert read.outs is not None
    assert read.outs["parameters"] == secret({"apikey": "k"})
    assert provider.diff(GUID, strip_for_provider(read.outs), state).changes is False
    # With no state to fall back on (an import, or get()), the parameters are simply empty.
    gone = provider.read(GUID, {}).outs
    assert gone is not None
    assert gone["parameters"] == {}  # nothing to hide
