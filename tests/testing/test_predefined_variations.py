"""Predefined variations: created with a setting, served by id in v2 values, rendered for the SDK."""

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


@pytest.mark.parametrize(
    ("variations", "version", "error"),
    [
        (COLORS, "v1", {"PredefinedVariations": ["Predefined variations are only available in Config V2."]}),
        (
            [{"value": {"intValue": 1}}],
            "v2",
            {"PredefinedVariations[0].Value": ["Invalid predefined variation value."]},
        ),
        (
            [{"value": {"stringValue": "a"}}, {"value": {"stringValue": "a"}}],
            "v2",
            {"PredefinedVariations[1].Value": ["The values of predefined variations must be unique."]},
        ),
    ],
)
def test_refused_variations(
    client: Client, world: dict[str, Any], variations: list[Any], version: str, error: dict[str, Any]
) -> None:
    config = client.ok(
        "POST", f"/v1/products/{world['pid']}/configs", json={"name": "X", "evaluationVersion": version}
    )
    answer = client.post(
        f"/v1/configs/{config['configId']}/settings",
        json={"key": "k", "name": "k", "settingType": "string", "predefinedVariations": variations},
    )
    assert (answer.status_code, answer.json()) == (400, error)


def test_values_refer_to_variations(client: Client, world: dict[str, Any]) -> None:
    body = {"defaultValue": _pick(world, "red"), "targetingRules": []}
    written = client.ok("PUT", _value_path(world, world["color"]), json=body)
    assert written["defaultValue"]["predefinedVariationId"] == world["ids"]["red"]
    stranger = {"predefinedVariationId": "08d86d63-2721-4da6-8c06-584521d516bc"}
    both = _pick(world, "red") | {"stringValue": "red"}
    for bad in (stranger, both):
        answer = client.put(
            _value_path(world, world["color"]), json={"defaultValue": bad, "targetingRules": []}
        )
        assert answer.status_code == 400
        assert "DefaultValue" in answer.json()


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
            "targetingRules": [{"conditions": [beta], "value": {"stringValue": "blue"}}],  # plain, same value
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
    assert color["r"][0]["s"] == {"v": {"s": "blue"}, "i": blue}  # a plain value that is a variation's
    assert served["f"]["gate"]["r"][0]["c"] == [{"p": {"f": "color", "c": 0, "v": {"s": "blue"}}}]
    with sdk_client(emu.base_url, key) as (sdk, errors):
        details = sdk.get_value_details("color", None, User("1", email="b@x.io"))
        assert (details.value, details.variation_id) == ("blue", blue)
        assert sdk.get_value("gate", None, User("1", email="b@x.io")) is True
        assert sdk.get_value("gate", None, User("2", email="a@x.io")) is False
        assert errors == []


def test_usages_and_updates(client: Client, world: dict[str, Any]) -> None:
    path = f"/v1/settings/{world['color']}/predefined-variations"
    client.ok("PUT", _value_path(world, world["color"]), json={"defaultValue": _pick(world, "red")})
    listed = client.ok("GET", path)
    usages = {v["name"]: v["usages"] for v in listed["predefinedVariations"]}
    assert usages == {"Red": [{"settingId": world["color"], "environmentId": world["env"]}], "Blue": []}
    assert (listed["settingKey"], listed["settingType"]) == ("color", "string")
    red, blue = world["ids"]["red"], world["ids"]["blue"]

    def put(items: list[dict[str, Any]]) -> Any:
        return client.put(path, json={"predefinedVariations": items})

    in_use = put([{"predefinedVariationId": red, "value": {"stringValue": "crimson"}}])
    assert in_use.status_code == 400
    assert (
        put([{"predefinedVariationId": blue, "value": {"stringValue": "blue"}}]).status_code == 400
    )  # red dropped
    unknown = put(
        [{"predefinedVariationId": "08d86d63-2721-4da6-8c06-584521d516bc", "value": {"stringValue": "x"}}]
    )
    assert unknown.json() == {
        "PredefinedVariations[0].PredefinedVariationId": ["Predefined variation not found."]
    }
    updated = put(
        [
            {"predefinedVariationId": red, "value": {"stringValue": "red"}, "name": "Rouge"},  # rename in use
            {"predefinedVariationId": blue, "value": {"stringValue": "navy"}},  # unused: value may change
            {"value": {"stringValue": "green"}, "name": "Green"},
        ]
    ).json()
    assert [(v["name"], v["value"]["stringValue"]) for v in updated["predefinedVariations"]] == [
        ("Rouge", "red"),
        (None, "navy"),
        ("Green", "green"),
    ]
    assert updated["predefinedVariations"][1]["predefinedVariationId"] == blue


def test_copying_a_setting_takes_its_variations(client: Client, world: dict[str, Any]) -> None:
    client.ok("PUT", _value_path(world, world["color"]), json={"defaultValue": _pick(world, "blue")})
    copy = client.ok(
        "POST",
        f"/v1/configs/{world['config']}/settings",
        json={"key": "copy", "name": "copy", "settingType": "string", "settingIdToInitFrom": world["color"]},
    )
    new_ids = {v["value"]["stringValue"]: v["predefinedVariationId"] for v in copy["predefinedVariations"]}
    assert set(new_ids) == {"red", "blue"}
    assert set(new_ids.values()).isdisjoint(world["ids"].values())
    value = client.ok("GET", _value_path(world, copy["settingId"]))
    assert value["defaultValue"]["predefinedVariationId"] == new_ids["blue"]
    own = client.ok(
        "POST",
        f"/v1/configs/{world['config']}/settings",
        json={
            "key": "own",
            "name": "own",
            "settingType": "string",
            "settingIdToInitFrom": world["color"],
            "predefinedVariations": [{"value": {"stringValue": "black"}}],
        },
    )
    value = client.ok("GET", _value_path(world, own["settingId"]))
    assert (value["defaultValue"]["predefinedVariationId"], value["defaultValue"]["stringValue"]) == (
        None,
        "blue",
    )
