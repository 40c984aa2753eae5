"""Predefined variations in the SDK config file: served by id, rendered with their value and their own id."""

from __future__ import annotations

from typing import Any

import pytest
from configcatclient.user import User

from pulumi_configcat.testing import ConfigCatEmulator
from pulumi_configcat.testing._configfile import predefined_variation_id

from ._sdkdata import sdk_client
from .conftest import Client

COLORS = [
    {"value": {"stringValue": "red"}, "name": "Red", "hint": None},
    {"value": {"stringValue": "blue"}, "name": "Blue", "hint": "calm"},
]


@pytest.fixture
def world(client: Client, product: dict[str, Any]) -> dict[str, Any]:
    """A product with an environment, a v2 config and a ``color`` setting with two variations."""
    pid = product["productId"]
    env = client.ok("POST", f"/v1/products/{pid}/environments", json={"name": "Prod"})["environmentId"]
    config = client.ok("POST", f"/v1/products/{pid}/configs", json={"name": "C", "evaluationVersion": "v2"})
    color = client.ok(
        "POST",
        f"/v1/configs/{config['configId']}/settings",
        json={"key": "color", "name": "Color", "settingType": "string", "predefinedVariations": COLORS},
    )
    ids = {v["value"]["stringValue"]: v["predefinedVariationId"] for v in color["predefinedVariations"]}
    return {"pid": pid, "env": env, "config": config["configId"], "color": color["settingId"], "ids": ids}


def _value_path(world: dict[str, Any], setting_id: int) -> str:
    return f"/v2/environments/{world['env']}/settings/{setting_id}/value"


def _pick(world: dict[str, Any], color: str) -> dict[str, Any]:
    return {"predefinedVariationId": world["ids"][color]}


def test_created_with_the_setting(client: Client, world: dict[str, Any]) -> None:
    setting = client.ok("GET", f"/v1/settings/{world['color']}")
    assert [(v["name"], v["hint"], v["value"]) for v in setting["predefinedVariations"]] == [
        ("Red", None, {"boolValue": None, "stringValue": "red", "intValue": None, "doubleValue": None}),
        ("Blue", "calm", {"boolValue": None, "stringValue": "blue", "intValue": None, "doubleValue": None}),
    ]
    formula = client.ok("GET", _value_path(world, world["color"]))
    assert formula["setting"]["predefinedVariations"] == setting["predefinedVariations"]


def test_rendered_and_evaluated(emu: ConfigCatEmulator, client: Client, world: dict[str, Any]) -> None:
    gate = client.ok(
        "POST",
        f"/v1/configs/{world['config']}/settings",
        json={"key": "gate", "name": "gate", "settingType": "boolean"},
    )
    beta = {
        "userCondition": {
            "comparisonAttribute": "Email",
            "comparator": "textEquals",
            "comparisonValue": {"stringValue": "b@x.io"},
        }
    }
    client.ok(
        "PUT",
        _value_path(world, world["color"]),
        json={
            "defaultValue": _pick(world, "red"),
            "targetingRules": [{"conditions": [beta], "value": _pick(world, "blue")}],
        },
    )
    on_blue = {
        "prerequisiteFlagCondition": {
            "prerequisiteSettingId": world["color"],
            "comparator": "equals",
            "prerequisiteComparisonValue": _pick(world, "blue"),
        }
    }
    client.ok(
        "PUT",
        _value_path(world, gate["settingId"]),
        json={
            "defaultValue": {"boolValue": False},
            "targetingRules": [{"conditions": [on_blue], "value": {"boolValue": True}}],
        },
    )
    key = client.ok("GET", f"/v1/configs/{world['config']}/environments/{world['env']}")["primary"]
    served = emu.config_file(key)
    assert served is not None
    color = served["f"]["color"]
    red, blue = (predefined_variation_id(world["ids"][c]) for c in ("red", "blue"))
    assert (color["v"], color["i"]) == ({"s": "red"}, red)
    assert color["r"][0]["s"] == {"v": {"s": "blue"}, "i": blue}
    assert served["f"]["gate"]["r"][0]["c"] == [{"p": {"f": "color", "c": 0, "v": {"s": "blue"}}}]
    with sdk_client(emu.base_url, key) as (sdk, errors):
        details = sdk.get_value_details("color", None, User("1", email="b@x.io"))
        assert (details.value, details.variation_id) == ("blue", blue)
        assert sdk.get_value("gate", None, User("1", email="b@x.io")) is True
        assert sdk.get_value("gate", None, User("2", email="a@x.io")) is False
        assert errors == []
