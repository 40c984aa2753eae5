"""``flag_evaluator``: the helper users unit-test their targeting with."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from configcatclient.user import User

from pulumi_configcat.testing import ConfigCatEmulator, flag_evaluator

from .conftest import Client


@pytest.fixture
def staging(client: Client, product: dict[str, Any]) -> dict[str, Any]:
    """A v2 config with a ``newCheckout`` flag on for beta@acme.com in staging."""
    pid = product["productId"]
    env = client.ok("POST", f"/v1/products/{pid}/environments", json={"name": "Staging"})["environmentId"]
    config = client.ok("POST", f"/v1/products/{pid}/configs", json={"name": "Web", "evaluationVersion": "v2"})
    flag = client.ok(
        "POST",
        f"/v1/configs/{config['configId']}/settings",
        json={"key": "newCheckout", "name": "New checkout", "settingType": "boolean"},
    )
    beta = {
        "userCondition": {
            "comparisonAttribute": "Identifier",
            "comparator": "isOneOf",
            "comparisonValue": {"listValue": [{"value": "beta@acme.com"}]},
        }
    }
    client.ok(
        "PUT",
        f"/v2/environments/{env}/settings/{flag['settingId']}/value",
        json={
            "defaultValue": {"boolValue": False},
            "targetingRules": [{"conditions": [beta], "value": {"boolValue": True}}],
        },
    )
    return {"config": config["configId"], "env": env, "setting": flag["settingId"]}


def test_evaluates_the_targeting(emu: ConfigCatEmulator, staging: dict[str, Any]) -> None:
    with flag_evaluator(emu, staging["config"], staging["env"]) as flags:
        assert flags.get_value("newCheckout", False, User("beta@acme.com")) is True
        assert flags.get_value("newCheckout", False, User("someone@acme.com")) is False
        assert flags.get_value("newCheckout", False) is False


def test_sees_changes_after_force_refresh(
    emu: ConfigCatEmulator, client: Client, staging: dict[str, Any]
) -> None:
    with flag_evaluator(emu, staging["config"], staging["env"]) as flags:
        client.ok(
            "PUT",
            f"/v2/environments/{staging['env']}/settings/{staging['setting']}/value",
            json={"defaultValue": {"boolValue": True}, "targetingRules": []},
        )
        assert flags.get_value("newCheckout", False, User("x")) is False
        flags.force_refresh()
        assert flags.get_value("newCheckout", False, User("x")) is True


def test_default_user(emu: ConfigCatEmulator, staging: dict[str, Any]) -> None:
    with flag_evaluator(emu, staging["config"], staging["env"], default_user=User("beta@acme.com")) as flags:
        assert flags.get_value("newCheckout", False) is True


def test_closed_on_exit_and_one_per_key(emu: ConfigCatEmulator, staging: dict[str, Any]) -> None:
    with (
        flag_evaluator(emu, staging["config"], staging["env"]),
        pytest.raises(RuntimeError, match="already open"),
        flag_evaluator(emu, staging["config"], staging["env"]),
    ):
        pass  # pragma: no cover - the second one raises on entry
    # The first one closed on exit, so a new one can open.
    with flag_evaluator(emu, staging["config"], staging["env"]) as flags:
        assert flags.get_value("newCheckout", False, User("beta@acme.com")) is True


def test_closed_when_the_block_raises(emu: ConfigCatEmulator, staging: dict[str, Any]) -> None:
    with pytest.raises(KeyError), flag_evaluator(emu, staging["config"], staging["env"]):
        raise KeyError("boom")
    with flag_evaluator(emu, staging["config"], staging["env"]):
        pass


def test_unknown_config_or_environment(emu: ConfigCatEmulator, staging: dict[str, Any]) -> None:
    stranger = "08d86d63-2721-4da6-8c06-584521d516bc"
    with pytest.raises(LookupError, match=stranger), flag_evaluator(emu, stranger, staging["env"]):
        pass  # pragma: no cover
    with pytest.raises(LookupError, match="HTTP 404"), flag_evaluator(emu, staging["config"], stranger):
        pass  # pragma: no cover


def test_fetch_failure_is_an_error(emu: ConfigCatEmulator, staging: dict[str, Any]) -> None:
    emu.inject_fault("status", path="/configuration-files/", status=503, times=1)
    with (
        pytest.raises(RuntimeError, match="could not fetch the config file: Unexpected HTTP response"),
        flag_evaluator(emu, staging["config"], staging["env"]),
    ):
        pass  # pragma: no cover
    with flag_evaluator(emu, staging["config"], staging["env"]):  # and it was closed
        pass


def test_missing_sdk_is_a_clear_error(
    emu: ConfigCatEmulator, staging: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "configcatclient", None)
    with (
        pytest.raises(ImportError, match=r"pip install 'pulumi-configcat\[sdk\]'"),
        flag_evaluator(emu, staging["config"], staging["env"]),
    ):
        pass  # pragma: no cover
