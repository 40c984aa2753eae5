"""A value of a flag made in the same run is written without reading it first; any other value is read first.

A flag this provider process has just created holds its type's default with no rules in every environment,
so the read before a value's first write would only say what is already known: one request per value, not
two. A flag made elsewhere (before the run, by hand, by another stack) is read first, as before.
"""

from __future__ import annotations

from typing import Any

import pulumi

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import MiniEngine, RunResult


def _value_calls(emulator: ConfigCatEmulator) -> dict[str, list[str]]:
    """The methods of the requests to each value path, by environment id."""
    calls: dict[str, list[str]] = {}
    for request in emulator.requests:
        if request.path.endswith("/value"):
            environment = request.path.split("/")[3]
            calls.setdefault(environment, []).append(request.method)
    return calls


def _ok(result: RunResult) -> RunResult:
    assert result.errors == [], result.errors
    return result


def _world(emulator: ConfigCatEmulator, unique: str, version: str = "v2") -> dict[str, Any]:
    """A product with a config, three environments and a segment, made straight in the emulator."""
    _, product = emulator.call(
        "POST", f"/v1/organizations/{emulator.organization_id}/products", {"name": f"shop-{unique}"}
    )
    product_id = product["productId"]
    _, config = emulator.call(
        "POST", f"/v1/products/{product_id}/configs", {"name": "main", "evaluationVersion": version}
    )
    environments = [
        emulator.call("POST", f"/v1/products/{product_id}/environments", {"name": name})[1]["environmentId"]
        for name in ("development", "staging", "production")
    ]
    _, segment = emulator.call(
        "POST",
        f"/v1/products/{product_id}/segments",
        {
            "name": "staff",
            "comparisonAttribute": "Email",
            "comparator": "contains",
            "comparisonValue": "@a.com",
        },
    )
    return {"config": config["configId"], "environments": environments, "segment": segment["segmentId"]}


def _v2_values(world: dict[str, Any], setting_id: pulumi.Input[str]) -> None:
    """The flag's value in each environment: the new flag's own, a different one, and a rule."""
    development, staging, production = world["environments"]
    condition = {"segment_condition": {"segment_id": world["segment"], "comparator": "isIn"}}
    for name, environment, kwargs in (
        ("dev", development, {"value": False}),
        ("staging", staging, {"value": True}),
        (
            "prod",
            production,
            {"value": False, "targeting_rules": [{"conditions": [condition], "value": True}]},
        ),
    ):
        configcat.SettingValueV2(
            name, environment_id=environment, setting_id=setting_id, init_only=False, **kwargs
        )


def test_values_of_a_flag_made_in_the_same_run_take_one_request_each(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    world = _world(emulator, unique)

    def program() -> None:
        flag = configcat.Setting("flag", config_id=world["config"], key=f"f{unique}", name="Flag")
        _v2_values(world, flag.id)
        pulumi.export("flag", flag.id)

    emulator.requests.clear()
    result = _ok(engine.run(program))
    development, staging, production = world["environments"]
    # The default needs no write, so it is read (as any value would be) to have its outputs from the API.
    assert _value_calls(emulator) == {development: ["GET"], staging: ["PUT"], production: ["PUT"]}
    flag = result.exports["flag"]
    for environment, value, rules in ((development, False, 0), (staging, True, 0), (production, False, 1)):
        _, stored = emulator.call("GET", f"/v2/environments/{environment}/settings/{flag}/value")
        assert stored["defaultValue"]["boolValue"] is value
        assert len(stored["targetingRules"]) == rules
    emulator.requests.clear()
    rerun = _ok(engine.run(program))
    assert {step.op for step in rerun.steps} == {"same"}
    assert _value_calls(emulator) == {}


def test_values_of_a_flag_made_before_the_run_are_read_first(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    world = _world(emulator, unique)
    _, flag = emulator.call(
        "POST",
        f"/v1/configs/{world['config']}/settings",
        {"key": f"f{unique}", "name": "F", "settingType": "boolean"},
    )

    emulator.requests.clear()
    _ok(engine.run(lambda: _v2_values(world, str(flag["settingId"]))))
    development, staging, production = world["environments"]
    assert _value_calls(emulator) == {
        development: ["GET"],
        staging: ["GET", "PUT"],
        production: ["GET", "PUT"],
    }


def test_config_v1_values_of_a_new_flag_take_one_request_each(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    world = _world(emulator, unique, version="v1")
    development, staging, _ = world["environments"]

    def program() -> None:
        flag = configcat.Setting(
            "flag", config_id=world["config"], key=f"f{unique}", name="Flag", setting_type="string"
        )
        configcat.SettingValue(
            "dev", environment_id=development, setting_id=flag.id, value="", init_only=False
        )
        configcat.SettingValue(
            "staging", environment_id=staging, setting_id=flag.id, value="blue", init_only=False
        )
        pulumi.export("flag", flag.id)

    emulator.requests.clear()
    flag = _ok(engine.run(program)).exports["flag"]
    assert _value_calls(emulator) == {development: ["GET"], staging: ["PUT"]}
    _, stored = emulator.call("GET", f"/v1/environments/{staging}/settings/{flag}/value")
    assert stored["value"] == "blue"
