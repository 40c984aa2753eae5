"""Ids are case-insensitive everywhere: normalized in check, compared without case, never sent twice.

Issue 12, item 1: an upper-case environment id as a mapping key made PermissionGroup flip on every run and
ProductPreferences never settle; an Environment adopted by an upper-case ``import_`` handed that case on.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat.resources._props import InvalidValueError, MapOf, Uuid, normalize_id
from pulumi_configcat.resources.flags._values import split_value_id
from pulumi_configcat.resources.settings import _split_id as split_setting_tag_id
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import CheckFailedError, MiniEngine, RunResult

GUID = "08d86d63-2726-47cd-8bfc-59608ecb91e2"


def _ok(result: RunResult) -> RunResult:
    assert result.errors == []
    return result


def _post(emulator: ConfigCatEmulator, path: str, body: dict[str, Any]) -> dict[str, Any]:
    status, answer = emulator.call("POST", path, body)
    assert status in (200, 201), answer
    assert isinstance(answer, dict)
    return answer


def _product_with_env(emulator: ConfigCatEmulator, unique: str) -> tuple[str, str]:
    org = emulator.organization_id
    pid = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"ids-{unique}"})["productId"]
    env = _post(emulator, f"/v1/products/{pid}/environments", {"name": "prod"})["environmentId"]
    return pid, env


def test_uuid_is_normalized_to_lower_case() -> None:
    assert Uuid().parse(GUID.upper()) == GUID


def test_a_key_repeated_under_another_case_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="twice") as caught:
        MapOf(Uuid(), Uuid()).parse({GUID: GUID, GUID.upper(): GUID})
    assert GUID in str(caught.value)


def test_check_refuses_one_environment_twice(engine: MiniEngine, emulator: ConfigCatEmulator) -> None:
    emulator.requests.clear()
    result = engine.run(
        lambda: configcat.PermissionGroup(
            "g", product_id=GUID, environment_accesses={GUID: "readOnly", GUID.upper(): "full"}
        )
    )
    (error,) = result.errors
    assert isinstance(error, CheckFailedError)
    (failure,) = error.failures
    assert failure[0] == "environment_accesses"
    assert "twice" in failure[1]
    assert emulator.requests == []


def test_permission_group_keyed_by_an_upper_case_id_settles(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    pid, env = _product_with_env(emulator, unique)

    def program(name: str) -> None:
        configcat.PermissionGroup(
            "g", product_id=pid.upper(), name=name, environment_accesses={env.upper(): "full"}
        )

    id_ = _ok(engine.run(lambda: program("first"))).steps[0].id_
    assert _ok(engine.run(lambda: program("second"))).steps[0].op == "update"
    group = emulator.state()["permissionGroups"][int(id_)]
    assert [(a["environmentId"], a["environmentAccessType"]) for a in group["environmentAccesses"]] == [
        (env, "full")
    ]
    for _ in range(2):
        emulator.requests.clear()
        assert _ok(engine.run(lambda: program("second"))).steps[0].op == "same"
        assert emulator.requests == []


def test_preferences_keyed_by_an_upper_case_id_settle(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    pid, env = _product_with_env(emulator, unique)

    def program(show_variation_id: bool = True) -> None:
        configcat.ProductPreferences(
            "prefs",
            product_id=pid,
            show_variation_id=show_variation_id,
            reason_required_environments={env.upper(): True},
        )

    _ok(engine.run(lambda: program(show_variation_id=False)))
    assert _ok(engine.run(program)).steps[0].op == "update"
    status, prefs = emulator.call("GET", f"/v1/products/{pid}/preferences")
    assert status == 200
    assert [(e["environmentId"], e["reasonRequired"]) for e in prefs["reasonRequiredEnvironments"]] == [
        (env, True)
    ]
    emulator.requests.clear()
    assert _ok(engine.run(program)).steps[0].op == "same"
    assert emulator.requests == []


def test_import_by_an_upper_case_id_hands_on_the_lower_case_id(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    pid, env = _product_with_env(emulator, unique)

    def program() -> None:
        environment = configcat.Environment(
            "prod", product_id=pid, name="prod", opts=pulumi.ResourceOptions(import_=env.upper())
        )
        pulumi.export("id", environment.id)

    result = _ok(engine.run(program))
    assert result.steps[0].id_ == env
    assert result.exports["id"] == env


def test_state_of_the_previous_version_with_upper_case_ids_is_no_change(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    pid, env = _product_with_env(emulator, unique)

    def program() -> None:
        configcat.PermissionGroup("g", product_id=pid, environment_accesses={env: "readOnly"})

    _ok(engine.run(program))
    # What the previous version stored for a program that wrote the ids in upper case.
    (urn,) = engine.state
    old = engine.state[urn]
    upper = {"product_id": pid.upper(), "environment_accesses": {env.upper(): "readOnly"}}
    engine.state[urn] = dataclasses.replace(
        old, inputs={**old.inputs, **upper}, outputs={**old.outputs, **upper}
    )
    emulator.requests.clear()
    assert _ok(engine.run(program)).steps[0].op == "same"
    assert emulator.requests == []


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (GUID.upper(), GUID),
        (f"{GUID.upper()}:42", f"{GUID}:42"),
        (f"{GUID.upper()}:{GUID.upper()}", f"{GUID}:{GUID}"),
        ("42", "42"),
        ("42:7", "42:7"),
        ("isAwesome", "isAwesome"),
    ],
)
def test_normalize_id_lowers_every_uuid_in_a_composite_id(given: str, expected: str) -> None:
    assert normalize_id(given) == expected


@pytest.mark.parametrize("id_", [f"{GUID}:²", f"{GUID}:١٢", f"{GUID}:12\n"])
def test_a_value_id_takes_ascii_digits_only(id_: str) -> None:
    with pytest.raises(ValueError, match="a value id is"):
        split_value_id(id_)


@pytest.mark.parametrize("id_", ["²:1", "1:\u0661", "1:2\n"])
def test_a_setting_tag_id_takes_ascii_digits_only(id_: str) -> None:
    with pytest.raises(ValueError, match="a SettingTag id is"):
        split_setting_tag_id(id_)
