"""A batch value resource that names flags by key follows a flag replaced under the same key.

The batch resources remember, per key, the flag id and type they resolved. When the flag is replaced (its
``setting_type`` changed in the program, or it was deleted and made again in the dashboard) the remembered id
is gone and the type may differ: the next ``up`` and the next refresh resolve the key again instead of
writing to the old flag or checking the value against its old type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import MiniEngine, RunResult

VERSIONS = [("v2", configcat.ConfigValuesV2), ("v1", configcat.ConfigValues)]


def _ok(result: RunResult) -> RunResult:
    assert result.errors == [], result.errors
    return result


def _program(
    emulator: ConfigCatEmulator, unique: str, version: str, setting_type: str, value: Any
) -> Callable[[], None]:
    batch = dict(VERSIONS)[version]

    def program() -> None:
        product = configcat.Product(f"replaced-{unique}", organization_id=emulator.organization_id)
        config = configcat.Config(f"main-{unique}", product_id=product.id, evaluation_version=version)
        production = configcat.Environment(f"production-{unique}", product_id=product.id)
        flag = configcat.Setting("limit", config_id=config.id, key="limit", setting_type=setting_type)
        batch(
            "values",
            config_id=config.id,
            environment_id=production.id,
            values={"limit": {"value": value}},
            opts=pulumi.ResourceOptions(depends_on=[flag]),
        )
        pulumi.export("config", config.id)
        pulumi.export("production", production.id)
        pulumi.export("flag", flag.id)

    return program


def _live(emulator: ConfigCatEmulator, version: str, result: RunResult) -> Any:
    """The value the API serves for the one flag of the config, in production."""
    config, environment = result.exports["config"], result.exports["production"]
    status, body = emulator.call("GET", f"/{version}/configs/{config}/environments/{environment}/values")
    assert status == 200, body
    if version == "v2":
        (formula,) = body["settingFormulas"]
        return next(v for v in formula["defaultValue"].values() if v is not None)
    (item,) = body["settingValues"]
    return item["value"]


@pytest.mark.parametrize("version", [v for v, _ in VERSIONS])
def test_a_flag_whose_type_changes_in_the_program_gets_its_value(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str, version: str
) -> None:
    first = _ok(engine.run(_program(emulator, unique, version, "boolean", True)))
    assert _live(emulator, version, first) is True

    second = _ok(engine.run(_program(emulator, unique, version, "int", 5)))
    assert second.exports["flag"] != first.exports["flag"]  # replaced: a new flag under the same key
    assert _live(emulator, version, second) == 5

    emulator.requests.clear()
    third = _ok(engine.run(_program(emulator, unique, version, "int", 5)))
    assert [s.op for s in third.steps if s.op != "same"] == []
    assert [r for r in emulator.requests if r.method != "GET"] == []
    engine.destroy()


@pytest.mark.parametrize("version", [v for v, _ in VERSIONS])
def test_a_flag_made_again_in_the_dashboard_is_followed_by_refresh(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str, version: str
) -> None:
    program = _program(emulator, unique, version, "int", 5)
    first = _ok(engine.run(program))
    # In the dashboard: the flag is deleted and made again, as a number flag with value 0.
    status, _ = emulator.call("DELETE", f"/v1/settings/{first.exports['flag']}")
    assert status == 204
    status, made = emulator.call(
        "POST",
        f"/v1/configs/{first.exports['config']}/settings",
        {"key": "limit", "name": "limit", "settingType": "int"},
    )
    assert status == 201, made
    assert _live(emulator, version, first) == 0

    steps = {s.name: s for s in engine.refresh()}
    assert steps["limit"].op == "delete"  # the flag the stack made is gone
    diff = steps["values"].diff
    assert diff is not None
    assert diff.changes  # the new flag's 0 shows as drift, not the old flag's 5

    result = _ok(engine.run(program))  # the dashboard's flag matches the program: adopted, not duplicated
    assert result.exports["flag"] == str(made["settingId"])
    assert _live(emulator, version, result) == 5
    assert [s.op for s in _ok(engine.run(program)).steps if s.op != "same"] == []
    engine.destroy()
