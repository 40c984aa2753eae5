"""Feature flags and their targeting, through the engine harness, the real provider process and the emulator.

Each test declares a small world (a product with a config, two environments, a segment and three tags)
and the flag resources under test, then runs the program the way ``pulumi up`` / ``refresh`` / ``destroy``
would, looking at what the emulator holds and which requests reached it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import MiniEngine, ProviderError, RunResult, Step, capture_registrations, is_secret

V2_VALUE = "/v2/environments/{env}/settings/{setting}/value"
V1_VALUE = "/v1/environments/{env}/settings/{setting}/value"


@dataclass(frozen=True)
class World:
    """What a test's flags hang under."""

    product: configcat.Product
    config: configcat.Config
    production: configcat.Environment
    staging: configcat.Environment
    staff: configcat.Segment
    tags: tuple[configcat.Tag, configcat.Tag, configcat.Tag]


Flags = Callable[[World], None]


def _program(
    emulator: ConfigCatEmulator, unique: str, flags: Flags, *, version: str = "v2"
) -> Callable[[], None]:
    def program() -> None:
        product = configcat.Product(f"shop-{unique}", organization_id=emulator.organization_id)
        config = configcat.Config(f"main-{unique}", product_id=product.id, evaluation_version=version)
        production = configcat.Environment(f"production-{unique}", product_id=product.id)
        staging = configcat.Environment(f"staging-{unique}", product_id=product.id)
        staff = configcat.Segment(
            f"staff-{unique}",
            product_id=product.id,
            comparison_attribute="Email",
            comparator="contains",
            comparison_value="@acme.com",
        )
        tags = tuple(configcat.Tag(f"{n}-{unique}", product_id=product.id) for n in ("beta", "ops", "ui"))
        world = World(product, config, production, staging, staff, tags)  # type: ignore[arg-type]
        pulumi.export(
            "ids",
            {
                "config": config.id,
                "production": production.id,
                "staging": staging.id,
                "staff": staff.id,
                "tags": [t.id for t in tags],
            },
        )
        flags(world)

    return program


def _ok(result: RunResult) -> RunResult:
    assert result.errors == [], result.errors
    return result


def _step(result: RunResult | list[Step], name: str) -> Step:
    steps = result.steps if isinstance(result, RunResult) else result
    (step,) = [s for s in steps if s.name == name]
    return step


def _changed(result: RunResult | list[Step]) -> list[tuple[str, str]]:
    steps = result.steps if isinstance(result, RunResult) else result
    return [(s.op, s.name) for s in steps if s.op not in ("same", "refresh")]


def _calls(emulator: ConfigCatEmulator) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in emulator.requests]


def _writes(emulator: ConfigCatEmulator) -> list[tuple[str, str]]:
    return [call for call in _calls(emulator) if call[0] != "GET"]


def _refused_value_writes_only(emulator: ConfigCatEmulator) -> bool:
    """Whether every value write the emulator received was refused (nothing written), and there was one."""
    value_writes = [r for r in emulator.requests if r.method != "GET" and r.path.endswith("/value")]
    return bool(value_writes) and all(r.status == 400 for r in value_writes)


def _formula(emulator: ConfigCatEmulator, env: str, setting: str) -> dict[str, Any]:
    status, body = emulator.call("GET", V2_VALUE.format(env=env, setting=setting))
    assert status == 200, body
    return body  # type: ignore[no-any-return]


def _setting(emulator: ConfigCatEmulator, setting: str) -> dict[str, Any]:
    status, body = emulator.call("GET", f"/v1/settings/{setting}")
    assert status == 200, body
    return body  # type: ignore[no-any-return]


def _rerun_is_quiet(engine: MiniEngine, emulator: ConfigCatEmulator, program: Callable[[], None]) -> None:
    """Nothing changes, nothing is sent, and a refresh finds no drift."""
    emulator.requests.clear()
    assert _changed(_ok(engine.run(program))) == []
    assert emulator.requests == []
    assert {s.diff.changes for s in engine.refresh() if s.diff} == {"DIFF_NONE"}
    emulator.requests.clear()
    assert _changed(_ok(engine.run(program))) == []
    assert emulator.requests == []


# ------------------------------------------------------------------------------------------------ types


@pytest.mark.parametrize(
    ("setting_type", "value", "wire"),
    [
        ("boolean", True, {"boolValue": True}),
        ("string", "blue", {"stringValue": "blue"}),
        ("int", 42, {"intValue": 42}),
        ("double", 4.5, {"doubleValue": 4.5}),
        ("double", 5, {"doubleValue": 5.0}),  # 5 vs 5.0 must not flap
        ("int", {"int_value": 7}, {"intValue": 7}),
        ("boolean", {"bool_value": False}, {"boolValue": False}),
    ],
    ids=["boolean", "string", "int", "double", "whole-double", "typed-int", "typed-false"],
)
def test_every_flag_type_with_a_default_value(  # noqa: PLR0917 - parametrized
    setting_type: str,
    value: Any,
    wire: dict[str, Any],
    engine: MiniEngine,
    emulator: ConfigCatEmulator,
    unique: str,
) -> None:
    def flags(w: World) -> None:
        flag = configcat.Setting("flag", config_id=w.config.id, key=f"f{unique}", setting_type=setting_type)
        configcat.SettingValueV2(
            "value", environment_id=w.production.id, setting_id=flag.id, value=value, init_only=False
        )
        pulumi.export("flag", flag.id)

    program = _program(emulator, unique, flags)
    emulator.requests.clear()
    result = _ok(engine.run(program))
    setting_id, env = result.exports["flag"], result.exports["ids"]["production"]
    path = V2_VALUE.format(env=env, setting=setting_id)
    value_calls = [call for call in _calls(emulator) if call[1] == path]
    if wire in ({"boolValue": False}, {"intValue": 0}):
        assert value_calls == [("GET", path)]  # the flag already serves it: nothing to write
    else:
        # The flag was made in this run, so its type is known and its value is the default: write at once.
        assert value_calls == [("PUT", path)]
    stored = _formula(emulator, env, setting_id)["defaultValue"]
    assert {k: v for k, v in stored.items() if v is not None} == wire
    assert _step(result, "value").id_ == f"{env}:{setting_id}"
    _rerun_is_quiet(engine, emulator, program)


def test_a_value_of_the_wrong_type_fails_naming_the_property_and_the_flag_type(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def flags(w: World) -> None:
        flag = configcat.Setting("flag", config_id=w.config.id, key=f"f{unique}", setting_type="int")
        configcat.SettingValueV2(
            "value",
            environment_id=w.production.id,
            setting_id=flag.id,
            value=1,
            targeting_rules=[
                {"percentage_options": [{"percentage": 50, "value": 2}, {"percentage": 50, "value": 2.5}]}
            ],
        )

    emulator.requests.clear()
    result = engine.run(_program(emulator, unique, flags))
    (error,) = result.errors
    assert isinstance(error, ProviderError)
    assert "targeting_rules[0].percentage_options[1].value" in str(error)
    assert "type 'int'" in str(error)
    assert not any(path.endswith("/value") for method, path in _writes(emulator))


# ------------------------------------------------------------------------------------------------ rules


def _rules(w: World, prerequisite: configcat.Setting, list_values: list[Any] | None = None) -> list[Any]:
    return [
        {
            "conditions": [{"segment_condition": {"segment_id": w.staff.id, "comparator": "isIn"}}],
            "value": True,
        },
        {
            "conditions": [
                {
                    "user_condition": {
                        "comparison_attribute": "Email",
                        "comparator": "isOneOf",
                        "comparison_value": {
                            "list_values": list_values or [{"value": "a@x.com", "hint": "Ann"}, "b@x.com"]
                        },
                    }
                },
                {
                    "prerequisite_flag_condition": {
                        "prerequisite_setting_id": prerequisite.id,
                        "comparator": "equals",
                        "comparison_value": 3,
                    }
                },
            ],
            "value": True,
        },
        {
            "conditions": [
                {
                    "user_condition": {
                        "comparison_attribute": "AppVersion",
                        "comparator": "semVerGreater",
                        "comparison_value": "2.0.0",
                    }
                }
            ],
            "percentage_options": [{"percentage": 25, "value": True}, {"percentage": 75, "value": False}],
        },
    ]


def test_targeting_rules_with_every_condition_kind_round_trip(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def flags(w: World) -> None:
        level = configcat.Setting("level", config_id=w.config.id, key=f"level{unique}", setting_type="int")
        configcat.SettingValueV2(
            "level-prod", environment_id=w.production.id, setting_id=level.id, value=3, init_only=False
        )
        checkout = configcat.Setting("checkout", config_id=w.config.id, key=f"checkout{unique}")
        configcat.SettingValueV2(
            "checkout-prod",
            environment_id=w.production.id,
            setting_id=checkout.id,
            value=False,
            init_only=False,
            percentage_evaluation_attribute="Country",
            targeting_rules=_rules(w, level),
        )
        pulumi.export("level", level.id)
        pulumi.export("checkout", checkout.id)

    program = _program(emulator, unique, flags)
    emulator.requests.clear()
    result = _ok(engine.run(program))
    ids = result.exports
    env = ids["ids"]["production"]
    # The prerequisite is compared with a plain 3: its flag's type (int) is read once.
    assert _calls(emulator).count(("GET", f"/v1/settings/{ids['level']}")) == 1
    formula = _formula(emulator, env, ids["checkout"])
    assert formula["percentageEvaluationAttribute"] == "Country"
    rules = formula["targetingRules"]
    assert [r["value"]["boolValue"] if r["value"] else None for r in rules] == [True, True, None]
    assert rules[0]["conditions"][0]["segmentCondition"]["segmentId"] == ids["ids"]["staff"]
    user, prerequisite = (c for c in rules[1]["conditions"])
    assert user["userCondition"]["comparisonValue"]["listValue"] == [
        {"value": "a@x.com", "hint": "Ann"},
        {"value": "b@x.com", "hint": None},
    ]
    assert prerequisite["prerequisiteFlagCondition"]["prerequisiteComparisonValue"]["intValue"] == 3
    assert [(o["percentage"], o["value"]["boolValue"]) for o in rules[2]["percentageOptions"]] == [
        (25, True),
        (75, False),
    ]
    _rerun_is_quiet(engine, emulator, program)


def test_reordering_rules_and_editing_one_list_item_each_reach_the_api(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def flags_with(order: list[int], items: list[Any]) -> Flags:
        def flags(w: World) -> None:
            level = configcat.Setting(
                "level", config_id=w.config.id, key=f"level{unique}", setting_type="int"
            )
            checkout = configcat.Setting("checkout", config_id=w.config.id, key=f"checkout{unique}")
            rules = _rules(w, level, items)
            configcat.SettingValueV2(
                "checkout-prod",
                environment_id=w.production.id,
                setting_id=checkout.id,
                value=False,
                init_only=False,
                targeting_rules=[rules[i] for i in order],
            )
            pulumi.export("checkout", checkout.id)

        return flags

    first = ["a@x.com", "b@x.com"]
    result = _ok(engine.run(_program(emulator, unique, flags_with([0, 1, 2], first))))
    env, checkout = result.exports["ids"]["production"], result.exports["checkout"]
    path = V2_VALUE.format(env=env, setting=checkout)

    def stored_rules() -> list[dict[str, Any]]:
        return _formula(emulator, env, checkout)["targetingRules"]  # type: ignore[no-any-return]

    # Reorder only: the update is sent, and the API holds the new order.
    emulator.requests.clear()
    result = _ok(engine.run(_program(emulator, unique, flags_with([2, 0, 1], first))))
    assert _changed(result) == [("update", "checkout-prod")]
    assert _writes(emulator) == [("PUT", path)]
    assert [bool(r["percentageOptions"]) for r in stored_rules()] == [True, False, False]

    # One list item's value, then only one item's hint: each is a change that reaches the API.
    for items in (["a@x.com", "c@x.com"], ["a@x.com", {"value": "c@x.com", "hint": "Cy"}]):
        emulator.requests.clear()
        result = _ok(engine.run(_program(emulator, unique, flags_with([2, 0, 1], items))))
        assert _changed(result) == [("update", "checkout-prod")]
        assert _writes(emulator) == [("PUT", path)]
        listed = stored_rules()[2]["conditions"][0]["userCondition"]["comparisonValue"]["listValue"]
        expected = [{"value": "a@x.com", "hint": None}] + [
            {"value": "c@x.com", "hint": item["hint"] if isinstance(item, dict) else None}
            for item in items[1:]
        ]
        assert listed == expected
    _rerun_is_quiet(engine, emulator, _program(emulator, unique, flags_with([2, 0, 1], items)))


def test_dashboard_edits_to_rules_show_as_drift_and_the_next_up_restores_them(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def flags(w: World) -> None:
        level = configcat.Setting("level", config_id=w.config.id, key=f"level{unique}", setting_type="int")
        checkout = configcat.Setting("checkout", config_id=w.config.id, key=f"checkout{unique}")
        configcat.SettingValueV2(
            "checkout-prod",
            environment_id=w.production.id,
            setting_id=checkout.id,
            value=False,
            init_only=False,
            targeting_rules=_rules(w, level),
        )
        pulumi.export("checkout", checkout.id)

    program = _program(emulator, unique, flags)
    result = _ok(engine.run(program))
    env, checkout = result.exports["ids"]["production"], result.exports["checkout"]
    before = _formula(emulator, env, checkout)["targetingRules"]
    # Someone drops the last two rules and flips the default in the dashboard.
    status, _ = emulator.call(
        "PUT",
        V2_VALUE.format(env=env, setting=checkout),
        {
            "defaultValue": {"boolValue": True},
            "targetingRules": before[:1]
            and [
                {
                    "conditions": [
                        {
                            "segmentCondition": {
                                "segmentId": result.exports["ids"]["staff"],
                                "comparator": "isIn",
                            }
                        }
                    ],
                    "value": {"boolValue": True},
                }
            ],
        },
    )
    assert status == 200
    refreshed = _step(engine.refresh(), "checkout-prod")
    assert refreshed.diff is not None
    assert refreshed.diff.changes == "DIFF_SOME"
    emulator.requests.clear()
    assert _changed(_ok(engine.run(program))) == [("update", "checkout-prod")]
    after = _formula(emulator, env, checkout)
    assert after["targetingRules"] == before
    assert after["defaultValue"]["boolValue"] is False
    _rerun_is_quiet(engine, emulator, program)


# ------------------------------------------------------------------------------------------------ init_only


def test_init_only_seeds_the_value_then_leaves_it_to_the_dashboard(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def flags_with(value: str, **kw: Any) -> Flags:
        def flags(w: World) -> None:
            color = configcat.Setting(
                "color", config_id=w.config.id, key=f"color{unique}", setting_type="string"
            )
            configcat.SettingValueV2(
                "color-prod", environment_id=w.production.id, setting_id=color.id, value=value, **kw
            )
            pulumi.export("color", color.id)

        return flags

    result = _ok(engine.run(_program(emulator, unique, flags_with("red"))))  # init_only defaults to True
    env, color = result.exports["ids"]["production"], result.exports["color"]
    path = V2_VALUE.format(env=env, setting=color)
    assert _formula(emulator, env, color)["defaultValue"]["stringValue"] == "red"

    # A program change is not pushed, and shows as no change.
    emulator.requests.clear()
    assert _changed(_ok(engine.run(_program(emulator, unique, flags_with("green"))))) == []
    assert _writes(emulator) == []
    # A dashboard change is not drift.
    emulator.call("PUT", path, {"defaultValue": {"stringValue": "blue"}})
    assert _step(engine.refresh(), "color-prod").diff.changes == "DIFF_NONE"  # type: ignore[union-attr]
    assert _formula(emulator, env, color)["defaultValue"]["stringValue"] == "blue"

    # Turning init_only off hands the value to the program: the declared value is pushed once.
    emulator.requests.clear()
    assert _changed(_ok(engine.run(_program(emulator, unique, flags_with("green", init_only=False))))) == [
        ("update", "color-prod")
    ]
    assert _writes(emulator) == [("PUT", path)]
    assert _formula(emulator, env, color)["defaultValue"]["stringValue"] == "green"
    _rerun_is_quiet(engine, emulator, _program(emulator, unique, flags_with("green", init_only=False)))


# ------------------------------------------------------------------------------------------------ gates


def _product_id(engine: MiniEngine, unique: str) -> str:
    (state,) = [s for s in engine.state.values() if s.name == f"shop-{unique}"]
    return state.id_


def test_reason_required_environments_need_mandatory_notes(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def flags_with(**kw: Any) -> Flags:
        def flags(w: World) -> None:
            flag = configcat.Setting("flag", config_id=w.config.id, key=f"f{unique}")
            configcat.SettingValueV2(
                "flag-prod",
                environment_id=w.production.id,
                setting_id=flag.id,
                value=True,
                init_only=False,
                **kw,
            )

        return flags

    _ok(engine.run(_program(emulator, unique, lambda w: None)))
    status, _ = emulator.call(
        "POST", f"/v1/products/{_product_id(engine, unique)}/preferences", {"reasonRequired": True}
    )
    assert status == 200

    emulator.requests.clear()
    (error,) = engine.run(_program(emulator, unique, flags_with())).errors
    assert "mandatory_notes is required" in str(error)
    # The flag is new, so the value was written at once; the API refused it, and the read that followed
    # says why in the property's terms.
    assert _refused_value_writes_only(emulator)

    emulator.requests.clear()
    _ok(engine.run(_program(emulator, unique, flags_with(mandatory_notes="JIRA-42: launch"))))
    (put,) = [r for r in emulator.requests if r.method == "PUT" and r.path.endswith("/value")]
    assert put.query["reason"] == ["JIRA-42: launch"]
    # Changing only the note writes nothing.
    emulator.requests.clear()
    assert _changed(_ok(engine.run(_program(emulator, unique, flags_with(mandatory_notes="other"))))) == []
    assert _writes(emulator) == []


def test_approval_required_environments_need_bypass_approval(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def flags_with(value: bool, **kw: Any) -> Flags:
        def flags(w: World) -> None:
            flag = configcat.Setting("flag", config_id=w.config.id, key=f"f{unique}")
            configcat.SettingValueV2(
                "flag-prod",
                environment_id=w.production.id,
                setting_id=flag.id,
                value=value,
                init_only=False,
                **kw,
            )
            pulumi.export("flag", flag.id)

        return flags

    _ok(engine.run(_program(emulator, unique, lambda w: None)))
    emulator.call(
        "POST", f"/v1/products/{_product_id(engine, unique)}/preferences", {"approveRequired": True}
    )
    emulator.requests.clear()
    (error,) = engine.run(_program(emulator, unique, flags_with(True))).errors
    assert "requires approval" in str(error)
    assert "bypass_approval=True" in str(error)
    assert _refused_value_writes_only(emulator)

    result = _ok(engine.run(_program(emulator, unique, flags_with(True, bypass_approval=True))))
    env = result.exports["ids"]["production"]
    assert _formula(emulator, env, result.exports["flag"])["defaultValue"]["boolValue"] is True
    # An update without the bypass is refused by the API, whose words reach the user.
    (error,) = engine.run(_program(emulator, unique, flags_with(False))).errors
    assert "Approval required." in str(error)
    assert "PUT" in str(error)


def test_a_v2_value_on_a_v1_config_and_the_reverse_fail_clearly(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def v2_on_v1(w: World) -> None:
        flag = configcat.Setting("flag", config_id=w.config.id, key=f"f{unique}")
        configcat.SettingValueV2("flag-prod", environment_id=w.production.id, setting_id=flag.id, value=True)

    (error,) = engine.run(_program(emulator, unique, v2_on_v1, version="v1")).errors
    assert "use configcat.SettingValue" in str(error)
    engine.destroy()

    def v1_on_v2(w: World) -> None:
        flag = configcat.Setting("flag", config_id=w.config.id, key=f"f{unique}")
        configcat.SettingValue("flag-prod", environment_id=w.production.id, setting_id=flag.id, value="true")

    (error,) = engine.run(_program(emulator, f"{unique}b", v1_on_v2)).errors
    assert "use configcat.SettingValueV2" in str(error)


# ------------------------------------------------------------------------------------------------ settings


def test_setting_metadata_is_patched_field_by_field_and_order_alone_reaches_the_api(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def flags_with(**kw: Any) -> Flags:
        def flags(w: World) -> None:
            flag = configcat.Setting(
                "flag", config_id=w.config.id, key=f"f{unique}", setting_type="string", **kw
            )
            pulumi.export("flag", flag.id)

        return flags

    result = _ok(engine.run(_program(emulator, unique, flags_with(hint="first", is_json=True))))
    setting = result.exports["flag"]
    assert _setting(emulator, setting)["isJson"] is True
    _rerun_is_quiet(engine, emulator, _program(emulator, unique, flags_with(hint="first", is_json=True)))

    emulator.requests.clear()
    _ok(engine.run(_program(emulator, unique, flags_with(hint="first", is_json=True, order=4))))
    (patch,) = [r for r in emulator.requests if r.method == "PATCH"]
    assert patch.json() == [{"op": "replace", "path": "/order", "value": 4}]
    assert _setting(emulator, setting)["order"] == 4


def test_is_json_only_on_a_text_setting(engine: MiniEngine, emulator: ConfigCatEmulator, unique: str) -> None:
    def flags(w: World) -> None:
        configcat.Setting("flag", config_id=w.config.id, key=f"f{unique}", is_json=True)

    result = engine.run(_program(emulator, unique, flags))
    (error,) = result.errors
    assert "is_json" in str(error)
    assert "'boolean'" in str(error)


def test_tags_managed_by_the_setting_remove_exactly_the_one_left_out(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def flags_with(picked: list[int]) -> Flags:
        def flags(w: World) -> None:
            flag = configcat.Setting(
                "flag", config_id=w.config.id, key=f"f{unique}", tags=[w.tags[i].id for i in picked]
            )
            pulumi.export("flag", flag.id)

        return flags

    result = _ok(engine.run(_program(emulator, unique, flags_with([0, 1, 2]))))
    setting, tags = result.exports["flag"], result.exports["ids"]["tags"]
    # A setting's tags are a set: the provider sends them in one order of its own, not the program's.
    assert sorted(str(t["tagId"]) for t in _setting(emulator, setting)["tags"]) == sorted(tags)
    emulator.requests.clear()
    _ok(engine.run(_program(emulator, unique, flags_with([0, 2]))))
    (patch,) = [r for r in emulator.requests if r.method == "PATCH"]
    # The whole list: an index computed from the state could name another tag (issue 12, item 7).
    ops = [(o["op"], o["path"], sorted(o["value"])) for o in patch.json()]
    assert ops == [("replace", "/tags", sorted([int(tags[0]), int(tags[2])]))]
    assert sorted(str(t["tagId"]) for t in _setting(emulator, setting)["tags"]) == sorted([tags[0], tags[2]])
    # Listing the same tags in another order is no change.
    _rerun_is_quiet(engine, emulator, _program(emulator, unique, flags_with([2, 0])))


def test_setting_tags_detach_exactly_their_own_tag(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def flags_with(picked: list[int]) -> Flags:
        def flags(w: World) -> None:
            flag = configcat.Setting(
                "flag", config_id=w.config.id, key=f"f{unique}"
            )  # tags left to SettingTag
            for i in picked:
                configcat.SettingTag(f"tag{i}", setting_id=flag.id, tag_id=w.tags[i].id)
            pulumi.export("flag", flag.id)

        return flags

    result = _ok(engine.run(_program(emulator, unique, flags_with([0, 1, 2]))))
    setting, tags = result.exports["flag"], result.exports["ids"]["tags"]
    assert _step(result, "tag1").id_ == f"{setting}:{tags[1]}"
    assert sorted(str(t["tagId"]) for t in _setting(emulator, setting)["tags"]) == sorted(tags)
    _rerun_is_quiet(engine, emulator, _program(emulator, unique, flags_with([0, 1, 2])))

    result = _ok(engine.run(_program(emulator, unique, flags_with([0, 2]))))
    assert _changed(result) == [("delete", "tag1")]
    assert sorted(str(t["tagId"]) for t in _setting(emulator, setting)["tags"]) == sorted([tags[0], tags[2]])

    # Detached in the dashboard: refresh drops it, the next up attaches it again.
    emulator.call("PATCH", f"/v1/settings/{setting}", [{"op": "remove", "path": "/tags/0"}])
    dropped = [s for s in engine.refresh() if s.op == "delete"]
    assert len(dropped) == 1
    _ok(engine.run(_program(emulator, unique, flags_with([0, 2]))))
    assert sorted(str(t["tagId"]) for t in _setting(emulator, setting)["tags"]) == sorted([tags[0], tags[2]])


def test_predefined_variations_and_values_that_point_at_them(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def flags_with(names: tuple[str, str], pick: int) -> Flags:
        def flags(w: World) -> None:
            plan = configcat.Setting(
                "plan",
                config_id=w.config.id,
                key=f"plan{unique}",
                setting_type="string",
                predefined_variations=[
                    configcat.SettingPredefinedVariationArgs(value="free", name=names[0]),
                    {"value": {"string_value": "pro"}, "name": names[1], "hint": "paid"},
                ],
            )
            variation = plan.predefined_variations.apply(lambda v: v[pick]["predefined_variation_id"])
            configcat.SettingValueV2(
                "plan-prod",
                environment_id=w.production.id,
                setting_id=plan.id,
                init_only=False,
                value={"predefined_variation_id": variation},
            )
            pulumi.export("plan", plan.id)
            pulumi.export("variations", plan.predefined_variations)

        return flags

    result = _ok(engine.run(_program(emulator, unique, flags_with(("Free", "Pro"), 1))))
    env, plan = result.exports["ids"]["production"], result.exports["plan"]
    variations = result.exports["variations"]
    assert [(v["value"], v["name"]) for v in variations] == [
        ({"string_value": "free"}, "Free"),
        ({"string_value": "pro"}, "Pro"),
    ]
    served = _formula(emulator, env, plan)["defaultValue"]
    assert served["predefinedVariationId"] == variations[1]["predefined_variation_id"]
    _rerun_is_quiet(engine, emulator, _program(emulator, unique, flags_with(("Free", "Pro"), 1)))

    # Renaming a variation keeps its id, so the value that points at it stays valid: one PUT.
    emulator.requests.clear()
    result = _ok(engine.run(_program(emulator, unique, flags_with(("Free", "Professional"), 1))))
    assert _changed(result) == [("update", "plan")]
    assert _writes(emulator) == [("PUT", f"/v1/settings/{plan}/predefined-variations")]
    assert (
        result.exports["variations"][1]["predefined_variation_id"] == variations[1]["predefined_variation_id"]
    )
    # Pointing at the other variation changes the served value.
    emulator.requests.clear()
    _ok(engine.run(_program(emulator, unique, flags_with(("Free", "Professional"), 0))))
    assert (
        _formula(emulator, env, plan)["defaultValue"]["predefinedVariationId"]
        == variations[0]["predefined_variation_id"]
    )


# ------------------------------------------------------------------------------------------------ V1


def test_v1_values_with_rollout_rules_and_percentage_items(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def flags_with(rules_order: list[int], items: list[Any]) -> Flags:
        def flags(w: World) -> None:
            limit = configcat.Setting(
                "limit", config_id=w.config.id, key=f"limit{unique}", setting_type="int"
            )
            rules = [
                configcat.SettingValueRolloutRuleArgs(
                    comparison_attribute="Email",
                    comparator="contains",
                    comparison_value="@acme.com",
                    value="100",
                ),
                {"segment_id": w.staff.id, "segment_comparator": "isIn", "value": 50, "comparator": ""},
            ]
            configcat.SettingValue(
                "limit-prod",
                environment_id=w.production.id,
                setting_id=limit.id,
                init_only=False,
                value="5",
                rollout_rules=[rules[i] for i in rules_order],
                percentage_items=items,
            )
            pulumi.export("limit", limit.id)

        return flags

    items = [
        configcat.SettingValuePercentageItemArgs(percentage="30", value="7"),
        {"percentage": 70, "value": 5.0},
    ]
    program = _program(emulator, unique, flags_with([0, 1], items), version="v1")
    result = _ok(engine.run(program))
    env, limit = result.exports["ids"]["production"], result.exports["limit"]
    path = V1_VALUE.format(env=env, setting=limit)
    status, stored = emulator.call("GET", path)
    assert status == 200
    assert stored["value"] == 5
    assert [(r["comparator"], r["segmentComparator"], r["value"]) for r in stored["rolloutRules"]] == [
        ("contains", None, 100),
        (None, "isIn", 50),
    ]
    assert [(i["percentage"], i["value"]) for i in stored["rolloutPercentageItems"]] == [(30, 7), (70, 5)]
    (state,) = [s for s in engine.state.values() if s.name == "limit-prod"]
    assert state.outputs["value"] == "5"
    assert state.outputs["setting_type"] == "int"
    _rerun_is_quiet(engine, emulator, program)  # "5", 5 and 5.0 are one value of an int flag

    emulator.requests.clear()
    _ok(engine.run(_program(emulator, unique, flags_with([1, 0], items), version="v1")))
    assert _writes(emulator) == [("PUT", path)]
    status, stored = emulator.call("GET", path)
    assert [r["segmentComparator"] for r in stored["rolloutRules"]] == ["isIn", None]

    # Dashboard drift of the percentages is seen and undone.
    emulator.call(
        "PUT", path, {"value": 5, "rolloutRules": stored["rolloutRules"], "rolloutPercentageItems": []}
    )
    assert _step(engine.refresh(), "limit-prod").diff.changes == "DIFF_SOME"  # type: ignore[union-attr]
    _ok(engine.run(_program(emulator, unique, flags_with([1, 0], items), version="v1")))
    status, stored = emulator.call("GET", path)
    assert len(stored["rolloutPercentageItems"]) == 2


# ------------------------------------------------------------------------------------------------ webhooks


def test_webhooks_keep_secure_header_values_secret(
    engine: MiniEngine, emulator: ConfigCatEmulator, provider_process: Any, unique: str
) -> None:
    token = f"Bearer s3cr3t-{unique}"

    def flags_with(secure_value: str, plain: list[Any]) -> Flags:
        def flags(w: World) -> None:
            hook = configcat.Webhook(
                "hook",
                config_id=w.config.id,
                environment_id=w.production.id,
                url="https://ci.example.com/hooks/configcat",
                http_method="post",
                content='{"changed": true}',
                webhook_headers=plain,
                secure_webhook_headers=[
                    configcat.WebhookSecureWebhookHeaderArgs(key="Authorization", value=secure_value)
                ],
            )
            pulumi.export("hook", hook.id)
            pulumi.export("secure", hook.secure_webhook_headers)

        return flags

    plain = [
        {"key": "X-Source", "value": "configcat"},
        configcat.WebhookWebhookHeaderArgs(key="X-Team", value="web"),
    ]
    program = _program(emulator, unique, flags_with(token, plain))
    result = _ok(engine.run(program))
    hook = result.exports["hook"]
    assert is_secret(result.exports["secure"])
    stored = emulator.state()["webhooks"][int(hook)]
    assert [(h["key"], h["isSecure"]) for h in stored["webHookHeaders"]] == [
        ("X-Source", False),
        ("X-Team", False),
        ("Authorization", True),
    ]
    (registration,) = [r for r in capture_registrations(program) if r.name == "hook"]
    assert is_secret(registration.inputs["secure_webhook_headers"])
    _rerun_is_quiet(engine, emulator, program)  # the API returns no value; refresh keeps the declared one

    # Reordering the plain headers and changing the secret are changes; one PUT each.
    emulator.requests.clear()
    _ok(engine.run(_program(emulator, unique, flags_with(token + "2", plain[::-1]))))
    assert _writes(emulator) == [("PUT", f"/v1/webhooks/{hook}")]
    stored = emulator.state()["webhooks"][int(hook)]
    assert [h["key"] for h in stored["webHookHeaders"]] == ["X-Team", "X-Source", "Authorization"]
    assert all(token not in line for line in provider_process.log)

    # Bad input names the property and never quotes the secret value.
    result = engine.run(_program(emulator, unique, flags_with(token + "x" * 1000, plain)))
    (error,) = result.errors
    assert "secure_webhook_headers[0].value" in str(error)
    assert token not in str(error)


# ------------------------------------------------------------------------------------------------ import


def test_every_flag_resource_can_be_imported(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    _ok(engine.run(_program(emulator, unique, lambda w: None)))
    ids = {s.name: s.id_ for s in engine.state.values()}
    config_id, env = ids[f"main-{unique}"], ids[f"production-{unique}"]
    beta = ids[f"beta-{unique}"]
    status, flag = emulator.call(
        "POST",
        f"/v1/configs/{config_id}/settings",
        {"key": f"legacy{unique}", "name": "Legacy", "settingType": "int"},
    )
    assert status == 201
    setting = str(flag["settingId"])
    emulator.call("PATCH", f"/v1/settings/{setting}", [{"op": "add", "path": "/tags/-", "value": int(beta)}])
    emulator.call("PUT", V2_VALUE.format(env=env, setting=setting), {"defaultValue": {"intValue": 9}})
    status, hook = emulator.call(
        "POST",
        f"/v1/configs/{config_id}/environments/{env}/webhooks",
        {"url": "https://old.example.com", "webHookHeaders": [{"key": "K", "value": "v1", "isSecure": True}]},
    )
    assert status == 201

    def flags(w: World) -> None:
        opts = pulumi.ResourceOptions
        legacy = configcat.Setting(
            "legacy",
            config_id=w.config.id,
            key=f"legacy{unique}",
            name="Legacy",
            setting_type="int",
            opts=opts(import_=setting),
        )
        configcat.SettingTag(
            "legacy-beta", setting_id=legacy.id, tag_id=w.tags[0].id, opts=opts(import_=f"{setting}:{beta}")
        )
        configcat.SettingValueV2(
            "legacy-prod",
            environment_id=w.production.id,
            setting_id=legacy.id,
            value=12,
            init_only=False,
            opts=opts(import_=f"{env}:{setting}"),
        )
        configcat.Webhook(
            "legacy-hook",
            config_id=w.config.id,
            environment_id=w.production.id,
            url="https://old.example.com",
            secure_webhook_headers=[{"key": "K", "value": "v2"}],
            opts=opts(import_=str(hook["webhookId"])),
        )

    emulator.requests.clear()
    result = _ok(engine.run(_program(emulator, unique, flags)))
    assert {(s.op, s.id_) for s in result.steps if s.name.startswith("legacy")} == {
        ("create", setting),
        ("create", f"{setting}:{beta}"),
        ("create", f"{env}:{setting}"),
        ("create", str(hook["webhookId"])),
    }
    assert not any(method == "POST" for method, _ in _writes(emulator))  # nothing was created anew
    # The value was brought to the program (one PUT), the secure header written (one PUT).
    assert _formula(emulator, env, setting)["defaultValue"]["intValue"] == 12
    assert ("PUT", f"/v1/webhooks/{hook['webhookId']}") in _writes(emulator)
    _rerun_is_quiet(engine, emulator, _program(emulator, unique, flags))


# ------------------------------------------------------------------------------------------------ shapes


def test_a_program_in_pulumiverse_shapes_runs_unchanged(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    """The nested Args classes and pulumiverse's spellings, as its docs show them."""
    cv = configcat

    def flags(w: World) -> None:
        setting = cv.Setting(
            "my_setting",
            config_id=w.config.id,
            key=f"isAwesome{unique}",
            name="My awesome flag",
            hint="hint",
            setting_type="boolean",
            order=0,
        )
        cv.SettingValueV2(
            "my_setting_value",
            environment_id=w.production.id,
            setting_id=setting.id,
            mandatory_notes="mandatory notes",
            value=cv.SettingValueV2ValueArgs(bool_value=True),
            targeting_rules=[
                cv.SettingValueV2TargetingRuleArgs(
                    conditions=[
                        cv.SettingValueV2TargetingRuleConditionArgs(
                            user_condition=cv.SettingValueV2TargetingRuleConditionUserConditionArgs(
                                comparison_attribute="Email",
                                comparator="isOneOf",
                                comparison_value=cv.SettingValueV2TargetingRuleConditionUserConditionComparisonValueArgs(
                                    list_values=[
                                        cv.SettingValueV2TargetingRuleConditionUserConditionComparisonValueListValueArgs(
                                            value="a@configcat.com", hint="a"
                                        )
                                    ]
                                ),
                            )
                        ),
                        cv.SettingValueV2TargetingRuleConditionArgs(
                            segment_condition=cv.SettingValueV2TargetingRuleConditionSegmentConditionArgs(
                                segment_id=w.staff.id, comparator="isIn"
                            )
                        ),
                    ],
                    value=cv.SettingValueV2TargetingRuleValueArgs(bool_value=False),
                ),
                cv.SettingValueV2TargetingRuleArgs(
                    percentage_options=[
                        cv.SettingValueV2TargetingRulePercentageOptionArgs(
                            percentage=20,
                            value=cv.SettingValueV2TargetingRulePercentageOptionValueArgs(bool_value=True),
                        ),
                        cv.SettingValueV2TargetingRulePercentageOptionArgs(
                            percentage=80,
                            value=cv.SettingValueV2TargetingRulePercentageOptionValueArgs(bool_value=False),
                        ),
                    ]
                ),
            ],
            percentage_evaluation_attribute="Country",
        )
        pulumi.export("setting", setting.id)

    program = _program(emulator, unique, flags)
    result = _ok(engine.run(program))
    formula = _formula(emulator, result.exports["ids"]["production"], result.exports["setting"])
    assert formula["defaultValue"]["boolValue"] is True
    assert len(formula["targetingRules"]) == 2
    _rerun_is_quiet(engine, emulator, program)


# ------------------------------------------------------------------------------------------------ life cycle


def test_entities_deleted_in_the_dashboard_are_dropped_by_refresh_and_recreated(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def flags(w: World) -> None:
        flag = configcat.Setting("flag", config_id=w.config.id, key=f"f{unique}")
        configcat.SettingTag("flag-beta", setting_id=flag.id, tag_id=w.tags[0].id)
        configcat.SettingValueV2(
            "flag-prod", environment_id=w.production.id, setting_id=flag.id, value=True, init_only=False
        )
        configcat.SettingValueV2("flag-seeded", environment_id=w.staging.id, setting_id=flag.id, value=True)
        hook = configcat.Webhook(
            "hook", config_id=w.config.id, environment_id=w.production.id, url="https://h.example.com"
        )
        pulumi.export("flag", flag.id)
        pulumi.export("hook", hook.id)

    program = _program(emulator, unique, flags)
    result = _ok(engine.run(program))
    setting, hook = result.exports["flag"], result.exports["hook"]
    assert emulator.call("DELETE", f"/v1/settings/{setting}")[0] == 204
    assert emulator.call("DELETE", f"/v1/webhooks/{hook}")[0] == 204
    dropped = {s.name for s in engine.refresh() if s.op == "delete"}
    assert dropped == {"flag", "flag-beta", "flag-prod", "flag-seeded", "hook"}

    result = _ok(engine.run(program))
    assert {name for op, name in _changed(result)} == dropped
    setting = result.exports["flag"]
    assert (
        _formula(emulator, result.exports["ids"]["production"], setting)["defaultValue"]["boolValue"] is True
    )
    _rerun_is_quiet(engine, emulator, program)

    # Destroy deletes the flag and the webhook; the values go with their flag (the API has no delete).
    emulator.requests.clear()
    engine.destroy()
    assert not any("/value" in path for _, path in _writes(emulator))
    assert int(setting) not in emulator.state()["settings"]
    assert (
        emulator.state()["webhooks"] == {} or int(result.exports["hook"]) not in emulator.state()["webhooks"]
    )


def test_replacing_a_setting_with_the_same_key_deletes_it_first(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def flags_with(setting_type: str) -> Flags:
        def flags(w: World) -> None:
            flag = configcat.Setting(
                "flag", config_id=w.config.id, key=f"f{unique}", setting_type=setting_type
            )
            pulumi.export("flag", flag.id)

        return flags

    first = _ok(engine.run(_program(emulator, unique, flags_with("boolean")))).exports["flag"]
    emulator.requests.clear()
    result = _ok(engine.run(_program(emulator, unique, flags_with("string"))))
    step = _step(result, "flag")
    assert step.op == "replace"
    assert step.diff is not None
    assert step.diff.replaces == ["setting_type"]
    assert step.diff.delete_before_replace
    assert [m for m, p in _writes(emulator)] == ["DELETE", "POST"]
    assert step.id_ != first


def test_a_preview_with_ids_of_resources_not_created_yet_passes_and_sends_nothing(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def flags(w: World) -> None:
        level = configcat.Setting("level", config_id=w.config.id, key=f"level{unique}", setting_type="int")
        checkout = configcat.Setting(
            "checkout", config_id=w.config.id, key=f"checkout{unique}", tags=[w.tags[0].id]
        )
        configcat.SettingValueV2(
            "checkout-prod",
            environment_id=w.production.id,
            setting_id=checkout.id,
            value=False,
            init_only=False,
            targeting_rules=_rules(w, level),
        )

    emulator.requests.clear()
    result = _ok(engine.run(_program(emulator, unique, flags), preview=True))
    assert {op for op, _ in _changed(result)} == {"create"}
    assert emulator.requests == []
    # With the world in place, a preview of a change to a rule that refers to a new flag is an update.
    _ok(engine.run(_program(emulator, unique, flags)))

    def changed(w: World) -> None:
        level = configcat.Setting("level2", config_id=w.config.id, key=f"level2{unique}", setting_type="int")
        checkout = configcat.Setting(
            "checkout", config_id=w.config.id, key=f"checkout{unique}", tags=[w.tags[0].id]
        )
        configcat.SettingValueV2(
            "checkout-prod",
            environment_id=w.production.id,
            setting_id=checkout.id,
            value=False,
            init_only=False,
            targeting_rules=_rules(w, level),
        )

    emulator.requests.clear()
    result = _ok(engine.run(_program(emulator, unique, changed), preview=True))
    assert ("update", "checkout-prod") in _changed(result)
    assert emulator.requests == []


def test_get_reads_each_flag_resource_by_id(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def flags(w: World) -> None:
        flag = configcat.Setting(
            "flag", config_id=w.config.id, key=f"f{unique}", setting_type="int", hint="h"
        )
        configcat.SettingTag("flag-beta", setting_id=flag.id, tag_id=w.tags[0].id)
        configcat.SettingValueV2(
            "flag-prod", environment_id=w.production.id, setting_id=flag.id, value=7, init_only=False
        )
        hook = configcat.Webhook(
            "hook",
            config_id=w.config.id,
            environment_id=w.production.id,
            url="https://h.example.com",
            webhook_headers=[{"key": "X", "value": "1"}],
        )
        pulumi.export("flag", flag.id)
        pulumi.export("hook", hook.id)

    made = _ok(engine.run(_program(emulator, unique, flags)))
    setting, hook, env = made.exports["flag"], made.exports["hook"], made.exports["ids"]["production"]
    config, beta = made.exports["ids"]["config"], made.exports["ids"]["tags"][0]

    def lookups() -> None:
        pulumi.export("setting", configcat.Setting.get("s", setting).hint)
        pulumi.export("tag", configcat.SettingTag.get("t", f"{setting}:{beta}").tag_id)
        value = configcat.SettingValueV2.get("v", f"{env}:{setting}")
        pulumi.export("value", value.value)
        pulumi.export("type", value.setting_type)
        pulumi.export("hook", configcat.Webhook.get("w", hook).webhook_headers)
        pulumi.export("values", configcat.ConfigValuesV2.get("cv", f"{config}:{env}").values)

    lookup_engine = MiniEngine(engine.provider)
    emulator.requests.clear()
    result = _ok(lookup_engine.run(lookups))
    assert result.exports["setting"] == "h"
    assert result.exports["tag"] == beta
    assert result.exports["value"] == {"int_value": 7}
    assert result.exports["type"] == "int"
    assert result.exports["hook"] == [{"key": "X", "value": "1"}]
    assert result.exports["values"] == {f"f{unique}": {"value": {"int_value": 7}, "targeting_rules": []}}
    assert not [r for r in emulator.requests if r.method != "GET"]


def test_a_prerequisite_flag_is_deleted_at_once_after_the_value_that_used_it(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    """ConfigCat refuses to delete a prerequisite while a value uses it. The value resource's delete (which
    the engine sends first: the value refers to the prerequisite) leaves the value, but lets go of it: the
    prerequisite's delete then removes the rule naming it and goes through at once, without waiting for the
    dependent flag's delete (item 9; tests/resources/test_prerequisite_destroy.py has the engine's orders)."""

    def flags(w: World) -> None:
        payments = configcat.Setting("payments", config_id=w.config.id, key=f"payments{unique}")
        checkout = configcat.Setting("checkout", config_id=w.config.id, key=f"checkout{unique}")
        configcat.SettingValueV2(
            "checkout-prod",
            environment_id=w.production.id,
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

    _ok(engine.run(_program(emulator, unique, flags)))
    state = {s.name: s for s in engine.state.values()}
    payments, checkout = state["payments"], state["checkout"]
    assert emulator.call("DELETE", f"/v1/settings/{payments.id_}")[0] == 400  # what the API says alone

    value = state["checkout-prod"]
    engine.provider.delete(value.type_, value.name, value.id_, value.outputs, value.inputs)
    started = time.monotonic()
    engine.provider.delete(payments.type_, payments.name, payments.id_, payments.outputs, payments.inputs)
    assert time.monotonic() - started < 10
    settings = emulator.state()["settings"]
    assert int(payments.id_) not in settings
    assert int(checkout.id_) in settings
    refused = [
        r for r in emulator.requests if r.method == "DELETE" and r.path == f"/v1/settings/{payments.id_}"
    ]
    assert [r.status for r in refused][-2:] == [400, 204]
    engine.provider.delete(checkout.type_, checkout.name, checkout.id_, checkout.outputs, checkout.inputs)
    assert int(checkout.id_) not in emulator.state()["settings"]


def test_a_variation_deleted_in_the_dashboard_is_not_sent_back_by_its_id(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def flags_with(names: tuple[str, str]) -> Flags:
        def flags(w: World) -> None:
            plan = configcat.Setting(
                "plan",
                config_id=w.config.id,
                key=f"plan{unique}",
                setting_type="string",
                predefined_variations=[
                    {"value": "free", "name": names[0]},
                    {"value": "pro", "name": names[1]},
                ],
            )
            pulumi.export("plan", plan.id)

        return flags

    plan = _ok(engine.run(_program(emulator, unique, flags_with(("Free", "Pro"))))).exports["plan"]
    # The dashboard removes "pro" (unused), then the program renames "free": "pro" comes back as a new one.
    variations = _setting(emulator, plan)["predefinedVariations"]
    free = next(v for v in variations if v["value"]["stringValue"] == "free")
    status, body = emulator.call(
        "PUT", f"/v1/settings/{plan}/predefined-variations", {"predefinedVariations": [free]}
    )
    assert status == 200, body
    _ok(engine.run(_program(emulator, unique, flags_with(("Gratis", "Pro")))))
    after = {v["value"]["stringValue"]: v for v in _setting(emulator, plan)["predefinedVariations"]}
    assert after["free"]["name"] == "Gratis"
    assert after["free"]["predefinedVariationId"] == free["predefinedVariationId"]
    assert after["pro"]["name"] == "Pro"
