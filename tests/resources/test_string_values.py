"""A text value for a typed flag (``"true"``, ``"5"``: what ``pulumi.Config().get()`` returns) compares as the
flag's type: written once, then no change on every later run (hardening II item 4)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import MiniEngine, RunResult


def _ok(result: RunResult) -> RunResult:
    assert result.errors == [], result.errors
    return result


Declare = Callable[[configcat.Config, configcat.Environment, configcat.Setting, str], object]

CASES: list[tuple[str, str, str, str, Any, Declare]] = [
    (
        "SettingValueV2",
        "v2",
        "boolean",
        "true",
        True,
        lambda c, e, f, v: configcat.SettingValueV2(
            "value", environment_id=e.id, setting_id=f.id, value=v, init_only=False
        ),
    ),
    (
        "SettingValueV2-rules",
        "v2",
        "int",
        "5",
        5,
        lambda c, e, f, v: configcat.SettingValueV2(
            "value",
            environment_id=e.id,
            setting_id=f.id,
            value="0",
            init_only=False,
            targeting_rules=[
                {"percentage_options": [{"percentage": 50, "value": v}, {"percentage": 50, "value": "0"}]}
            ],
        ),
    ),
    (
        "SettingValue",
        "v1",
        "int",
        "5",
        5,
        lambda c, e, f, v: configcat.SettingValue(
            "value", environment_id=e.id, setting_id=f.id, value=v, init_only=False
        ),
    ),
    (
        "ConfigValuesV2",
        "v2",
        "double",
        "4.5",
        4.5,
        lambda c, e, f, v: configcat.ConfigValuesV2(
            "values",
            config_id=c.id,
            environment_id=e.id,
            values={"limit": v},
            opts=pulumi.ResourceOptions(depends_on=[f]),
        ),
    ),
    (
        "ConfigValues",
        "v1",
        "boolean",
        "false",
        False,
        lambda c, e, f, v: configcat.ConfigValues(
            "values",
            config_id=c.id,
            environment_id=e.id,
            values={"limit": v},
            opts=pulumi.ResourceOptions(depends_on=[f]),
        ),
    ),
]


@pytest.mark.parametrize(
    ("name", "version", "setting_type", "text", "typed", "declare"), CASES, ids=[c[0] for c in CASES]
)
def test_a_text_value_for_a_typed_flag_is_written_once(  # noqa: PLR0917 - parametrized
    engine: MiniEngine,
    emulator: ConfigCatEmulator,
    unique: str,
    name: str,
    version: str,
    setting_type: str,
    text: str,
    typed: Any,
    declare: Declare,
) -> None:
    del name, typed

    def program() -> None:
        product = configcat.Product(f"text-{unique}", organization_id=emulator.organization_id)
        config = configcat.Config(f"main-{unique}", product_id=product.id, evaluation_version=version)
        environment = configcat.Environment(f"production-{unique}", product_id=product.id)
        flag = configcat.Setting("limit", config_id=config.id, key="limit", setting_type=setting_type)
        declare(config, environment, flag, text)

    _ok(engine.run(program))
    emulator.requests.clear()

    again = _ok(engine.run(program))

    assert [(s.op, s.name) for s in again.steps if s.op != "same"] == []
    assert [(r.method, r.path) for r in emulator.requests if r.method != "GET"] == []
    engine.destroy()
