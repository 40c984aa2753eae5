"""Flags evaluate as declared: a program provisions flags with targeting through this package's resources, and
the official SDK (``configcat-client``), pointed at the emulator, returns the declared value for each user.

This is the independent check of every rule shape the resources write: the emulator renders the SDK's
config file from what the Management API received, and ConfigCat's own evaluator judges it.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pytest
from configcatclient.user import User

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator, flag_evaluator
from tests.harness import MiniEngine, RunResult


def _ok(result: RunResult) -> RunResult:
    assert result.errors == [], result.errors
    return result


def _v2_program(emulator: ConfigCatEmulator, unique: str) -> Any:
    def program() -> None:
        product = configcat.Product(f"shop-{unique}", organization_id=emulator.organization_id)
        config = configcat.Config(f"main-{unique}", product_id=product.id)
        production = configcat.Environment(f"production-{unique}", product_id=product.id)
        staging = configcat.Environment(f"staging-{unique}", product_id=product.id)
        staff = configcat.Segment(
            f"staff-{unique}",
            product_id=product.id,
            comparison_attribute="Email",
            comparator="contains",
            comparison_value="@acme.com",
        )
        payments = configcat.Setting("payments", config_id=config.id, key="payments")
        checkout = configcat.Setting("checkout", config_id=config.id, key="newCheckout")
        limit = configcat.Setting("limit", config_id=config.id, key="cartLimit", setting_type="int")
        theme = configcat.Setting(
            "theme",
            config_id=config.id,
            key="theme",
            setting_type="string",
            predefined_variations=[{"value": "light"}, {"value": "dark"}],
        )
        for name, env, payments_on in (("production", production, False), ("staging", staging, True)):
            configcat.SettingValueV2(
                f"payments-{name}",
                environment_id=env.id,
                setting_id=payments.id,
                value=payments_on,
                init_only=False,
            )
        configcat.SettingValueV2(
            "checkout-production",
            environment_id=production.id,
            setting_id=checkout.id,
            init_only=False,
            value=False,
            targeting_rules=[
                {
                    "conditions": [{"segment_condition": {"segment_id": staff.id, "comparator": "isIn"}}],
                    "value": True,
                },
                {
                    "conditions": [
                        {
                            "user_condition": {
                                "comparison_attribute": "Email",
                                "comparator": "isOneOf",
                                "comparison_value": ["beta@example.com"],
                            }
                        }
                    ],
                    "value": True,
                },
                {
                    "conditions": [
                        {
                            "user_condition": {
                                "comparison_attribute": "Country",
                                "comparator": "isOneOf",
                                "comparison_value": ["HU"],
                            }
                        },
                        {
                            "prerequisite_flag_condition": {
                                "prerequisite_setting_id": payments.id,
                                "comparator": "equals",
                                "comparison_value": True,
                            }
                        },
                    ],
                    "value": True,
                },
                {
                    "percentage_options": [
                        {"percentage": 0, "value": True},
                        {"percentage": 100, "value": False},
                    ]
                },
            ],
        )
        configcat.SettingValueV2(
            "checkout-staging",
            environment_id=staging.id,
            setting_id=checkout.id,
            init_only=False,
            value=False,
            targeting_rules=[
                {
                    "conditions": [
                        {
                            "prerequisite_flag_condition": {
                                "prerequisite_setting_id": payments.id,
                                "comparator": "equals",
                                "comparison_value": True,
                            }
                        }
                    ],
                    "value": True,
                }
            ],
        )
        configcat.SettingValueV2(
            "limit-production",
            environment_id=production.id,
            setting_id=limit.id,
            init_only=False,
            value=10,
            targeting_rules=[
                {
                    "conditions": [
                        {
                            "user_condition": {
                                "comparison_attribute": "Age",
                                "comparator": "numberGreaterOrEquals",
                                "comparison_value": 65,
                            }
                        }
                    ],
                    "value": 50,
                },
                {
                    "conditions": [
                        {
                            "user_condition": {
                                "comparison_attribute": "Email",
                                "comparator": "sensitiveIsOneOf",
                                "comparison_value": ["vip@example.com"],
                            }
                        }
                    ],
                    "value": 100,
                },
                {
                    "conditions": [
                        {
                            "user_condition": {
                                "comparison_attribute": "AppVersion",
                                "comparator": "semVerGreaterOrEquals",
                                "comparison_value": "2.0.0",
                            }
                        }
                    ],
                    "value": 20,
                },
            ],
        )
        dark = theme.predefined_variations.apply(lambda v: v[1]["predefined_variation_id"])
        configcat.SettingValueV2(
            "theme-production",
            environment_id=production.id,
            setting_id=theme.id,
            init_only=False,
            value={"predefined_variation_id": dark},
        )
        pulumi.export("config", config.id)
        pulumi.export("production", production.id)
        pulumi.export("staging", staging.id)

    return program


# (environment, flag, default, user, expected)
V2_TABLE: list[tuple[str, str, Any, User | None, Any]] = [
    ("production", "newCheckout", None, User("1", email="ann@acme.com"), True),  # staff segment
    ("production", "newCheckout", None, User("2", email="beta@example.com"), True),  # list condition
    (
        "production",
        "newCheckout",
        None,
        User("3", email="x@example.com", country="HU"),
        False,
    ),  # payments off
    ("production", "newCheckout", None, User("4", email="x@example.com"), False),  # 0% option
    ("production", "newCheckout", None, None, False),
    ("staging", "newCheckout", None, User("5", email="x@example.com"), True),  # prerequisite: payments on
    ("staging", "payments", None, None, True),
    ("production", "payments", None, None, False),
    ("production", "cartLimit", 0, User("6", custom={"Age": "70"}), 50),
    ("production", "cartLimit", 0, User("7", email="vip@example.com"), 100),  # hashed (sensitive) list
    ("production", "cartLimit", 0, User("8", custom={"AppVersion": "2.1.0"}), 20),
    ("production", "cartLimit", 0, User("9", custom={"AppVersion": "1.9.0"}), 10),
    ("production", "theme", "", None, "dark"),  # a predefined variation
]


def test_the_sdk_evaluates_what_the_program_declared(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    result = _ok(engine.run(_v2_program(emulator, unique)))
    config = result.exports["config"]
    checked = 0
    for env_name in ("production", "staging"):
        with flag_evaluator(emulator, config, result.exports[env_name]) as flags:
            for env, key, default, user, expected in V2_TABLE:
                if env != env_name:
                    continue
                got = flags.get_value(key, default, user)
                assert got == expected, (env, key, user, got)
                checked += 1
    assert checked == len(V2_TABLE)


def test_the_sdk_evaluates_v1_rules_and_percentages(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def program() -> None:
        product = configcat.Product(f"shop-{unique}", organization_id=emulator.organization_id)
        config = configcat.Config(f"legacy-{unique}", product_id=product.id, evaluation_version="v1")
        production = configcat.Environment(f"production-{unique}", product_id=product.id)
        staff = configcat.Segment(
            f"staff-{unique}",
            product_id=product.id,
            comparison_attribute="Email",
            comparator="contains",
            comparison_value="@acme.com",
        )
        banner = configcat.Setting("banner", config_id=config.id, key="banner", setting_type="string")
        configcat.SettingValue(
            "banner-production",
            environment_id=production.id,
            setting_id=banner.id,
            init_only=False,
            value="plain",
            rollout_rules=[
                {"segment_id": staff.id, "segment_comparator": "isIn", "value": "staff"},
                {
                    "comparison_attribute": "Country",
                    "comparator": "isOneOf",
                    "comparison_value": "HU,AT",
                    "value": "regional",
                },
            ],
            percentage_items=[
                {"percentage": "100", "value": "everyone"},
                {"percentage": 0, "value": "nobody"},
            ],
        )
        pulumi.export("config", config.id)
        pulumi.export("production", production.id)

    result = _ok(engine.run(program))
    with flag_evaluator(emulator, result.exports["config"], result.exports["production"]) as flags:
        assert flags.get_value("banner", "", User("1", email="joe@acme.com")) == "staff"
        assert flags.get_value("banner", "", User("2", country="AT")) == "regional"
        assert flags.get_value("banner", "", User("3", country="DE")) == "everyone"
        assert flags.get_value("banner", "") == "plain"  # no user: no rule applies


@pytest.mark.parametrize("share", [0, 30, 100])
def test_percentage_options_split_users_as_declared(
    share: int, engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def program() -> None:
        product = configcat.Product(f"shop-{unique}", organization_id=emulator.organization_id)
        config = configcat.Config(f"main-{unique}", product_id=product.id)
        production = configcat.Environment(f"production-{unique}", product_id=product.id)
        flag = configcat.Setting("rollout", config_id=config.id, key="rollout")
        configcat.SettingValueV2(
            "rollout-production",
            environment_id=production.id,
            setting_id=flag.id,
            init_only=False,
            value=False,
            percentage_evaluation_attribute="Email",
            targeting_rules=[
                {
                    "percentage_options": [
                        {"percentage": share, "value": True},
                        {"percentage": 100 - share, "value": False},
                    ]
                }
            ],
        )
        pulumi.export("config", config.id)
        pulumi.export("production", production.id)

    result = _ok(engine.run(program))
    with flag_evaluator(emulator, result.exports["config"], result.exports["production"]) as flags:
        on = sum(flags.get_value("rollout", False, User(str(i), email=f"u{i}@x.com")) for i in range(1000))
    # Bucketing hashes the Email (the percentage evaluation attribute); 1000 users land near the share.
    assert abs(on - share * 10) <= 50, on
