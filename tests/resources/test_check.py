"""Bad input is refused by `check`, named by property with what is allowed, before anything is sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import CheckFailedError, MiniEngine

GUID = "08d86d63-2726-47cd-8bfc-59608ecb91e2"
OTHER_GUID = "08d86d63-2731-4b8b-823a-56ddda9da038"

Build = Callable[..., pulumi.CustomResource]


def product(**kw: Any) -> pulumi.CustomResource:
    return configcat.Product("p", **{"organization_id": GUID, **kw})


def config(**kw: Any) -> pulumi.CustomResource:
    return configcat.Config("c", **{"product_id": GUID, **kw})


def environment(**kw: Any) -> pulumi.CustomResource:
    return configcat.Environment("e", **{"product_id": GUID, **kw})


def tag(**kw: Any) -> pulumi.CustomResource:
    return configcat.Tag("t", **{"product_id": GUID, **kw})


def segment(**kw: Any) -> pulumi.CustomResource:
    args = {
        "product_id": GUID,
        "comparison_attribute": "Email",
        "comparator": "contains",
        "comparison_value": "@example.com",
    }
    return configcat.Segment("s", **{**args, **kw})


def permission_group(**kw: Any) -> pulumi.CustomResource:
    return configcat.PermissionGroup("g", **{"product_id": GUID, **kw})


def preferences(**kw: Any) -> pulumi.CustomResource:
    return configcat.ProductPreferences("prefs", **{"product_id": GUID, **kw})


# (declare, bad inputs, the property that must be named, words the reason must contain)
INVALID: list[tuple[Build, dict[str, Any], str, str]] = [
    (product, {"organization_id": "my-org"}, "organization_id", "must be a UUID"),
    (product, {"organization_id": None}, "organization_id", "is required"),
    (product, {"name": ""}, "name", "a string of 1 to 1000 characters, got 0"),
    (product, {"name": "x" * 1001}, "name", "a string of 1 to 1000 characters, got 1001"),
    (product, {"description": "x" * 1001}, "description", "a string of 0 to 1000 characters"),
    (product, {"order": 1.5}, "order", "an integer"),
    (product, {"order": "first"}, "order", "an integer"),
    (config, {"product_id": "123"}, "product_id", "must be a UUID"),
    (config, {"evaluation_version": "v3"}, "evaluation_version", "one of 'v1', 'v2', got 'v3'"),
    (config, {"name": "x" * 256}, "name", "a string of 1 to 255 characters"),
    (environment, {"product_id": None}, "product_id", "is required"),
    (environment, {"color": "x" * 256}, "color", "a string of 0 to 255 characters"),
    (environment, {"order": True}, "order", "an integer"),
    (tag, {"color": 5}, "color", "a string"),
    (tag, {"name": ""}, "name", "a string of 1 to 255 characters"),
    (segment, {"comparator": "containsAnyOf"}, "comparator", "one of 'isOneOf', 'isNotOneOf'"),
    (segment, {"comparison_value": ""}, "comparison_value", "at least 1 characters"),
    (segment, {"comparison_attribute": ""}, "comparison_attribute", "a string of 1 to 1000 characters"),
    (permission_group, {"accesstype": "admin"}, "accesstype", "one of 'readOnly', 'full', 'custom'"),
    (permission_group, {"new_environment_accesstype": "custom"}, "new_environment_accesstype", "'none'"),
    (permission_group, {"environment_accesses": {GUID: "none"}}, "environment_accesses", "'readOnly'"),
    (permission_group, {"environment_accesses": {"prod": "full"}}, "environment_accesses", "a UUID"),
    (
        permission_group,
        {"accesstype": "full", "environment_accesses": {GUID: "full"}},
        "environment_accesses",
        "only be set when accesstype is 'custom'",
    ),
    (permission_group, {"can_manage_members": "yes"}, "can_manage_members", "true or false"),
    (preferences, {"key_generation_mode": "snake_case"}, "key_generation_mode", "'kebabCase'"),
    (preferences, {"reason_required_environments": {GUID: "yes"}}, "reason_required_environments", "true"),
    (
        preferences,
        {"reason_required": True, "reason_required_environments": {OTHER_GUID: True}},
        "reason_required_environments",
        "but not both",
    ),
]


@pytest.mark.parametrize(
    ("declare", "inputs", "prop", "reason"),
    INVALID,
    ids=[f"{declare.__name__}-{prop}-{i}" for i, (declare, _, prop, _) in enumerate(INVALID)],
)
def test_invalid_input_fails_check_and_sends_nothing(  # noqa: PLR0917 - parametrized
    declare: Build,
    inputs: dict[str, Any],
    prop: str,
    reason: str,
    engine: MiniEngine,
    emulator: ConfigCatEmulator,
) -> None:
    emulator.requests.clear()
    result = engine.run(lambda: declare(**inputs))
    (error,) = result.errors
    assert isinstance(error, CheckFailedError)
    reasons = dict(error.failures)
    assert prop in reasons, error.failures
    assert reason in reasons[prop]
    # The reason names the property too, so it reads whole alone; the CLI shows it after
    # "property <name> value {<value>} has a problem: ".
    assert prop in reasons[prop]
    assert emulator.requests == []
    assert engine.state == {}


def test_every_failure_is_reported_at_once(engine: MiniEngine, emulator: ConfigCatEmulator) -> None:
    emulator.requests.clear()
    result = engine.run(lambda: product(organization_id="x", name="", order=0.5))
    (error,) = result.errors
    assert isinstance(error, CheckFailedError)
    assert sorted(prop for prop, _ in error.failures) == ["name", "order", "organization_id"]
    assert emulator.requests == []


def test_values_unknown_at_preview_pass_check(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def program() -> None:
        shop = configcat.Product(f"preview-{unique}", organization_id=emulator.organization_id)
        configcat.Config(f"c-{unique}", product_id=shop.id)
        configcat.PermissionGroup(
            f"g-{unique}", product_id=shop.id, environment_accesses={GUID: "full"}, accesstype="custom"
        )

    emulator.requests.clear()
    result = engine.run(program, preview=True)
    assert result.errors == []
    assert [step.op for step in result.steps] == ["create", "create", "create"]
    assert emulator.requests == []
