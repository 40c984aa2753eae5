"""Flag values and targeting in the pytest process: what ``check`` refuses and normalizes, what ``diff`` takes
for equal, what is written to the API and what a refresh reads back.

The provider tests (``test_flags.py``, ``test_check.py``) drive the same code through the provider process;
these call it directly (``check`` of the providers, the rule kinds, the API bodies against the emulator's
handlers), so that mutation testing, which cannot see into another process, measures them too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from pulumi.output import UNKNOWN

from pulumi_configcat.resources._props import InvalidValueError, Kind
from pulumi_configcat.resources.flags._checks import LIMITS
from pulumi_configcat.resources.flags._conditions import LIST_COMPARATORS, NUMBER_COMPARATORS
from pulumi_configcat.resources.flags._rollout import comparable_v1, value_body, value_outputs
from pulumi_configcat.resources.flags._rules import (
    FlagValuesV2,
    PredefinedVariations,
    TargetingRules,
    V2Value,
)
from pulumi_configcat.resources.flags._rules_v1 import FlagValuesV1, PercentageItems, RolloutRules, V1Value
from pulumi_configcat.resources.flags._scalars import (
    FIELD_TYPES,
    TYPE_FIELDS,
    TYPE_WORDS,
    VALUE_FIELDS,
    ValueTypeError,
    format_v1,
    served_as,
    typed_value,
    v1_number_ok,
)
from pulumi_configcat.resources.flags._targeting import (
    formula_body,
    formula_outputs,
    known_prerequisite_types,
    needs_prerequisite_types,
)
from pulumi_configcat.resources.flags.config_values import ConfigValuesProvider
from pulumi_configcat.resources.flags.config_values_v2 import ConfigValuesV2Provider
from pulumi_configcat.resources.flags.setting_values import SettingValueProvider
from pulumi_configcat.resources.flags.setting_values_v2 import SettingValueV2Provider
from pulumi_configcat.testing import ConfigCatEmulator
from pulumi_configcat.types import SettingFormulaModel, SettingValueModel

GUID = "08d86d63-2726-47cd-8bfc-59608ecb91e2"
RULES = "must be a list of targeting rules, each with conditions and a value or percentage_options"
ROLLOUT = (
    "must be a list of rollout rules, each {comparison_attribute, comparator, comparison_value, value} or "
    "{segment_id, segment_comparator, value}"
)
FLAG_VALUES_V2 = (
    "must be a mapping of flag (setting id or key) to its value, or to {value, targeting_rules, "
    "percentage_evaluation_attribute}"
)
ONE_TYPED_FIELD = (
    "must set exactly one of bool_value, string_value, int_value, double_value or predefined_variation_id"
)


def user(comparator: str, value: Any, attribute: str = "Email") -> dict[str, Any]:
    return {
        "user_condition": {
            "comparison_attribute": attribute,
            "comparator": comparator,
            "comparison_value": value,
        }
    }


SEGMENT = {"segment_condition": {"segment_id": GUID, "comparator": "isIn"}}
PREREQUISITE = {
    "prerequisite_flag_condition": {
        "prerequisite_setting_id": "8",
        "comparator": "equals",
        "comparison_value": True,
    }
}


def rule(*conditions: Any, value: Any = None, options: list[tuple[Any, Any]] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"conditions": list(conditions)}
    if value is not None:
        out["value"] = value
    if options is not None:
        out["percentage_options"] = [{"percentage": p, "value": v} for p, v in options]
    return out


def refusal(kind: Kind, value: Any) -> tuple[str, list[tuple[str, str]]]:
    with pytest.raises(InvalidValueError) as caught:
        kind.parse(value)
    return str(caught.value), caught.value.details


# --- check: what spans fields (_checks) ---------------------------------------------------------------------


def v2_failures(value: Any, rules: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """What ``check`` of a SettingValueV2 reports, as (property, reason without the property)."""
    result = SettingValueV2Provider().check(
        {}, {"environment_id": GUID, "setting_id": 7.0, "value": value, "targeting_rules": rules}
    )
    return [(f.property, f.reason.removeprefix(f.property + " ")) for f in result.failures]


ONE_TYPE = ": a flag has one type"
CMP = "targeting_rules[0].conditions[0].user_condition"


@pytest.mark.parametrize(
    ("value", "rules", "failures"),
    [
        (True, [rule(SEGMENT, value=False)], []),
        (
            True,
            [rule(SEGMENT, value="x")],
            [("targeting_rules[0].value", "serves a string but value serves true or false" + ONE_TYPE)],
        ),
        (
            {"int_value": 3},
            [rule(SEGMENT, value={"double_value": 2.5})],
            [("targeting_rules[0].value", "serves a number but value serves a whole number" + ONE_TYPE)],
        ),
        # A whole number fits an int and a double flag alike; the first typed one decides.
        (3, [rule(SEGMENT, value=2.5)], []),
        (2.5, [rule(SEGMENT, value=3)], []),
        (3, [rule(SEGMENT, value={"int_value": 4})], []),
        ({"int_value": 3}, [rule(SEGMENT, value=4)], []),
        ({"double_value": 2.5}, [rule(SEGMENT, value=4)], []),
        (
            2,
            [rule(SEGMENT, value=2.5), rule(PREREQUISITE, value={"int_value": 1})],
            [
                (
                    "targeting_rules[1].value",
                    "serves a whole number but targeting_rules[0].value serves a number" + ONE_TYPE,
                )
            ],
        ),
        (
            2,
            [rule(SEGMENT, value="x")],
            [("targeting_rules[0].value", "serves a string but value serves a number" + ONE_TYPE)],
        ),
        (
            "x",
            [rule(SEGMENT, value=2)],
            [("targeting_rules[0].value", "serves a number but value serves a string" + ONE_TYPE)],
        ),
        # A predefined variation's type is the flag's own.
        ({"predefined_variation_id": GUID}, [rule(SEGMENT, value="x")], []),
        # The values after a predefined variation are still checked against each other.
        (
            {"predefined_variation_id": GUID},
            [rule(SEGMENT, value=True), rule(SEGMENT, value="x")],
            [
                (
                    "targeting_rules[1].value",
                    "serves a string but targeting_rules[0].value serves true or false" + ONE_TYPE,
                )
            ],
        ),
        (
            True,
            [rule(options=[(50, True), (50, "no")])],
            [
                (
                    "targeting_rules[0].percentage_options[1].value",
                    "serves a string but value serves true or false" + ONE_TYPE,
                )
            ],
        ),
        (
            True,
            [rule(user("isOneOf", {"string_value": "a"}), value=False)],
            [
                (
                    f"{CMP}.comparator",
                    "'isOneOf' compares with a list of strings (list_values), but comparison_value is a "
                    "string_value; use a comparator for a string_value or give a list of strings",
                )
            ],
        ),
        (
            True,
            [rule(user("numberEquals", "5"), value=False)],
            [
                (
                    f"{CMP}.comparator",
                    "'numberEquals' compares with a number (double_value), but comparison_value is a "
                    "string_value; use a comparator for a string_value or give a number",
                )
            ],
        ),
        (
            True,
            [rule(user("dateTimeBefore", ["a"]), value=False)],
            [
                (
                    f"{CMP}.comparator",
                    "'dateTimeBefore' compares with a number (Unix seconds) (double_value), but "
                    "comparison_value is a list_values; use a comparator for a list_values or give a number "
                    "(Unix seconds)",
                )
            ],
        ),
        (
            True,
            [rule(user("textEquals", 5), value=False)],
            [
                (
                    f"{CMP}.comparator",
                    "'textEquals' compares with a single string (string_value), but comparison_value is a "
                    "double_value; use a comparator for a double_value or give a single string",
                )
            ],
        ),
        (True, [rule(user("numberEquals", 5), user("dateTimeAfter", 1.7e9), value=False)], []),
        (True, [rule(user("arrayContainsAnyOf", ["a"]), user("semVerIsOneOf", ["1.0.0"]), value=False)], []),
        (True, [rule(user("sensitiveTextEquals", "a"), user("semVerLess", "1.0.0"), value=False)], []),
        (
            True,
            [rule(user("isOneOf", []), value=False)],
            [(f"{CMP}.comparison_value.list_values", "must have at least one item")],
        ),
        (True, [rule(user("isOneOf", ["a"] * 1000), value=False)], []),
        (
            True,
            [rule(user("isOneOf", ["a"] * 1001), value=False)],
            [(f"{CMP}.comparison_value.list_values", "has 1001 items; at most 1000")],
        ),
        (True, [rule(user("textEquals", "a" * 65535), value=False)], []),
        (
            True,
            [rule(user("textEquals", "a" * 65536), value=False)],
            [(f"{CMP}.comparison_value.string_value", "is longer than 65535 characters")],
        ),
        (
            True,
            [rule(value=False)],
            [
                (
                    "targeting_rules[0].conditions",
                    "must have at least one condition when the rule serves a value (a rule without "
                    "conditions "
                    "serves percentage_options; everyone else gets the flag's value)",
                )
            ],
        ),
        (True, [rule(options=[(30, True), (70, False)])], []),
        (
            True,
            [rule(options=[(30, True), (60, False)])],
            [("targeting_rules[0].percentage_options", "percentages must add up to 100, they add up to 90")],
        ),
        (
            True,
            [rule(SEGMENT, options=[(60, True), (60, False)])],
            [("targeting_rules[0].percentage_options", "percentages must add up to 100, they add up to 120")],
        ),
        (True, [rule(SEGMENT, value=False)] * 100, []),
        (True, [rule(SEGMENT, value=False)] * 101, [("targeting_rules", "has 101 rules; at most 100")]),
        (True, [rule(*[SEGMENT] * 100, value=False)], []),
        (
            True,
            [rule(*[SEGMENT] * 101, value=False)],
            [("targeting_rules[0].conditions", "has 101 conditions; at most 100")],
        ),
        (True, [rule(options=[(100, True)] + [(0, False)] * 99)], []),
        (
            True,
            [rule(options=[(100, True)] + [(0, False)] * 100)],
            [("targeting_rules[0].percentage_options", "has 101 options; at most 100")],
        ),
    ],
)
def test_check_of_a_v2_value_and_its_rules_together(
    value: Any, rules: list[dict[str, Any]], failures: list[tuple[str, str]]
) -> None:
    assert v2_failures(value, rules) == failures


def test_every_failure_of_a_v2_value_is_reported_at_once() -> None:
    failures = v2_failures(
        True,
        [
            rule(SEGMENT, value="x"),
            rule(user("isOneOf", []), user("textEquals", ["a"]), options=[(10, True)]),
        ],
    )
    assert [path for path, _ in failures] == [
        "targeting_rules[0].value",
        "targeting_rules[1].conditions[0].user_condition.comparison_value.list_values",
        "targeting_rules[1].conditions[1].user_condition.comparator",
        "targeting_rules[1].percentage_options",
    ]


def v1_failures(**inputs: Any) -> list[tuple[str, str]]:
    result = SettingValueProvider().check({}, {"environment_id": GUID, "setting_id": 7.0, **inputs})
    return [(f.property, f.reason.removeprefix(f.property + " ")) for f in result.failures]


@pytest.mark.parametrize(
    ("inputs", "failures"),
    [
        (
            {"value": "true", "percentage_items": [{"percentage": "30", "value": "true"}]},
            [("percentage_items", "percentages must add up to 100, they add up to 30")],
        ),
        (
            {
                "value": "true",
                "percentage_items": [{"percentage": "30", "value": "a"}, {"percentage": 70, "value": "b"}],
            },
            [],
        ),
        # Strings stand for any type ("42", "true"); only typed values can disagree.
        (
            {
                "value": "true",
                "rollout_rules": [{"segment_id": GUID, "segment_comparator": "isIn", "value": 5}],
            },
            [],
        ),
        (
            {
                "value": True,
                "rollout_rules": [{"segment_id": GUID, "segment_comparator": "isIn", "value": 5}],
            },
            [("rollout_rules[0].value", "serves a number but value serves true or false" + ONE_TYPE)],
        ),
        (
            {"value": 5, "percentage_items": [{"percentage": 100, "value": False}]},
            [("percentage_items[0].value", "serves true or false but value serves a number" + ONE_TYPE)],
        ),
    ],
)
def test_check_of_a_v1_value_with_its_rules_and_items(
    inputs: dict[str, Any], failures: list[tuple[str, str]]
) -> None:
    assert v1_failures(**inputs) == failures


def test_a_batch_names_the_flag_in_each_failure() -> None:
    v2 = ConfigValuesV2Provider().check(
        {},
        {
            "config_id": GUID,
            "environment_id": GUID,
            "values": {"newCheckout": {"value": True, "targeting_rules": [rule(SEGMENT, value="x")]}},
        },
    )
    assert [(f.property, f.reason) for f in v2.failures] == [
        (
            'values["newCheckout"].targeting_rules[0].value',
            'values["newCheckout"].targeting_rules[0].value serves a string but value serves true or false'
            + ONE_TYPE,
        )
    ]
    v1 = ConfigValuesProvider().check(
        {},
        {
            "config_id": GUID,
            "environment_id": GUID,
            "values": {"7": {"value": "a", "percentage_items": [{"percentage": 5, "value": "b"}]}},
        },
    )
    assert [(f.property, f.reason) for f in v1.failures] == [
        (
            'values["7"].percentage_items',
            'values["7"].percentage_items percentages must add up to 100, they add up to 5',
        )
    ]


# --- check: the shapes, as parsed (_rules) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rules", "path", "reason"),
    [
        ([{**rule(SEGMENT, value=True), "valu": 1}], "[0].valu", "is not an input here (check the spelling)"),
        (
            [
                rule(
                    {"user_condition": {"comparison_attribute": "Email", "comparison_value": "x"}}, value=True
                )
            ],
            "[0].conditions[0].user_condition.comparator",
            "is required",
        ),
        (
            [rule(SEGMENT, value={"bool_value": True, "string_value": "x"})],
            "[0].value",
            f"{ONE_TYPED_FIELD}, got 2",
        ),
        (
            [rule(SEGMENT, value=[1])],
            "[0].value",
            "must be true/false, a string, a number, or a mapping with exactly one of bool_value, "
            "string_value, "
            "int_value, double_value, predefined_variation_id; got list",
        ),
        ([rule(SEGMENT)], "[0]", "must set exactly one of value or percentage_options"),
        (
            [rule(SEGMENT, value=True, options=[(100, True)])],
            "[0]",
            "must set exactly one of value or percentage_options",
        ),
        (
            [rule({}, value=True)],
            "[0].conditions[0]",
            "must set exactly one of user_condition, segment_condition or prerequisite_flag_condition, got 0",
        ),
        (
            [rule({**SEGMENT, **PREREQUISITE}, value=True)],
            "[0].conditions[0]",
            "must set exactly one of user_condition, segment_condition or prerequisite_flag_condition, got 2",
        ),
        (
            [rule(user("isOneOf", {"string_value": "a", "double_value": 1}), value=True)],
            "[0].conditions[0].user_condition.comparison_value",
            "must set exactly one of string_value, double_value or list_values, got 2",
        ),
        (
            [rule(user("numberEquals", float("nan")), value=True)],
            "[0].conditions[0].user_condition.comparison_value.double_value",
            "must be a finite number, got nan",
        ),
        (
            [rule(user("isOneOf", [{"value": "a", "hint": "h" * 1501}]), value=True)],
            "[0].conditions[0].user_condition.comparison_value.list_values[0].hint",
            "String should have at most 1500 characters",
        ),
        (
            [rule(user("isOneOf", [5]), value=True)],
            "[0].conditions[0].user_condition.comparison_value.list_values[0]",
            "must be a valid dictionary or instance of ListItem",
        ),
        (
            [rule(user("isOneOf", True), value=True)],
            "[0].conditions[0].user_condition.comparison_value",
            "must be a valid dictionary or instance of ComparisonValue",
        ),
        (
            [rule(user("isOneOf", ["a"], attribute=""), value=True)],
            "[0].conditions[0].user_condition.comparison_attribute",
            "String should have at least 1 character",
        ),
        (
            [rule(options=[(101, 1)])],
            "[0].percentage_options[0].percentage",
            "must be a whole number from 0 to 100, got 101",
        ),
        (
            [rule(options=[(-1, 1)])],
            "[0].percentage_options[0].percentage",
            "must be a whole number from 0 to 100, got -1",
        ),
        (
            [rule(options=[("30.5", 1)])],
            "[0].percentage_options[0].percentage",
            "must be a whole number from 0 to 100, got '30.5'",
        ),
        (
            [rule(options=[(True, 1)])],
            "[0].percentage_options[0].percentage",
            "must be a whole number from 0 to 100, got True",
        ),
        (
            [rule(options=[(100.0, {"int_value": 2**31})])],
            "[0].percentage_options[0].value.int_value",
            "must be a whole number from -2147483648 to 2147483647, got 2147483648",
        ),
        (
            [rule(options=[(100, {"int_value": -(2**31) - 1})])],
            "[0].percentage_options[0].value.int_value",
            "must be a whole number from -2147483648 to 2147483647, got -2147483649",
        ),
        (
            [rule(options=[(100, {"int_value": 1.5})])],
            "[0].percentage_options[0].value.int_value",
            "must be a whole number from -2147483648 to 2147483647, got 1.5",
        ),
        (
            [rule(options=[(100, {"bool_value": 1})])],
            "[0].percentage_options[0].value.bool_value",
            "must be a valid boolean",
        ),
        (
            [
                rule(
                    {
                        "prerequisite_flag_condition": {
                            "prerequisite_setting_id": "x7",
                            "comparator": "equals",
                            "comparison_value": True,
                        }
                    },
                    value=True,
                )
            ],
            "[0].conditions[0].prerequisite_flag_condition.prerequisite_setting_id",
            "must be an integer id (an int or a string of digits), got 'x7'",
        ),
        (
            [rule({"segment_condition": {"segment_id": "nope", "comparator": "isIn"}}, value=True)],
            "[0].conditions[0].segment_condition.segment_id",
            "must be a UUID such as 08d86d63-2726-47cd-8bfc-59608ecb91e2, got 'nope'",
        ),
    ],
)
def test_targeting_rules_refuse_each_fault_by_its_property_path(
    rules: list[dict[str, Any]], path: str, reason: str
) -> None:
    assert refusal(TargetingRules, rules) == (RULES, [(path, reason)])


@pytest.mark.parametrize(
    ("rules", "path", "reason"),
    [
        (["x"], "[0]", "must be a valid dictionary or instance of TargetingRule"),
        ([rule("x", value=True)], "[0].conditions[0]", "must be a valid dictionary or instance of Condition"),
    ],
)
def test_a_rule_or_condition_that_is_not_a_mapping_is_refused(
    rules: list[Any], path: str, reason: str
) -> None:
    assert refusal(TargetingRules, rules) == (RULES, [(path, reason)])


def test_an_unknown_comparator_is_refused_naming_every_comparator() -> None:
    _, details = refusal(TargetingRules, [rule(user("nope", ["a"]), value=True)])
    [(path, reason)] = details
    assert path == "[0].conditions[0].user_condition.comparator"
    assert reason.startswith("must be 'isOneOf', 'isNotOneOf', ")
    assert reason.endswith(", 'arrayContainsAnyOf' or 'arrayDoesNotContainAnyOf'")


@pytest.mark.parametrize(
    ("rules", "parsed"),
    [
        # Nulls (as an API answer or pulumiverse's shapes spell unset fields) are unset.
        (
            [rule(user("isOneOf", ["a"]), value={"bool_value": True, "string_value": None})],
            [
                {
                    "conditions": [
                        {
                            "user_condition": {
                                "comparison_attribute": "Email",
                                "comparator": "isOneOf",
                                "comparison_value": {"list_values": [{"value": "a"}]},
                            }
                        }
                    ],
                    "percentage_options": [],
                    "value": {"bool_value": True},
                }
            ],
        ),
        (
            [rule({**SEGMENT, "user_condition": None, "prerequisite_flag_condition": None}, value=True)],
            [{"conditions": [SEGMENT], "percentage_options": [], "value": True}],
        ),
        (
            [rule(user("isOneOf", {"string_value": "a", "double_value": None}), value=True)],
            [
                {
                    "conditions": [user("isOneOf", {"string_value": "a"})],
                    "percentage_options": [],
                    "value": True,
                }
            ],
        ),
        (
            [rule(options=[(50, {"int_value": -(2**31)}), (50, {"int_value": 2.0**31 - 1})])],
            [
                {
                    "conditions": [],
                    "percentage_options": [
                        {"percentage": 50, "value": {"int_value": -(2**31)}},
                        {"percentage": 50, "value": {"int_value": 2**31 - 1}},
                    ],
                }
            ],
        ),
        # Percentages as strings or floats, ids as floats or padded strings, UUIDs in any case.
        (
            [rule(options=[("30", 1), (" 70 ", {"int_value": 2.0})])],
            [
                {
                    "conditions": [],
                    "percentage_options": [
                        {"percentage": 30, "value": 1.0},
                        {"percentage": 70, "value": {"int_value": 2}},
                    ],
                }
            ],
        ),
        (
            [rule(options=[(100, {"predefined_variation_id": GUID.upper()})])],
            [
                {
                    "conditions": [],
                    "percentage_options": [{"percentage": 100, "value": {"predefined_variation_id": GUID}}],
                }
            ],
        ),
        (
            [
                rule(
                    {
                        "prerequisite_flag_condition": {
                            "prerequisite_setting_id": "007",
                            "comparator": "equals",
                            "comparison_value": True,
                        }
                    },
                    {"segment_condition": {"segment_id": GUID.upper(), "comparator": "isNotIn"}},
                    value=True,
                )
            ],
            [
                {
                    "conditions": [
                        {
                            "prerequisite_flag_condition": {
                                "prerequisite_setting_id": "7",
                                "comparator": "equals",
                                "comparison_value": True,
                            }
                        },
                        {"segment_condition": {"segment_id": GUID, "comparator": "isNotIn"}},
                    ],
                    "percentage_options": [],
                    "value": True,
                }
            ],
        ),
    ],
)
def test_targeting_rules_parse_to_what_the_program_meant(rules: Any, parsed: Any) -> None:
    assert TargetingRules.parse(rules) == parsed


def test_a_rule_that_is_not_known_yet_is_checked_later() -> None:
    rules = [rule(SEGMENT, value=UNKNOWN)]
    assert TargetingRules.parse(rules) is rules
    assert TargetingRules.comparable(rules) is rules
    assert TargetingRules.comparable(None) is None


@pytest.mark.parametrize(
    ("values", "outcome"),
    [
        (
            {
                "myFlag": True,
                "7": {"value": 3, "targeting_rules": None},
                8.0: {"value": "x", "percentage_evaluation_attribute": "Email"},
            },
            {
                "myFlag": {"value": True, "targeting_rules": []},
                "7": {"value": 3.0, "targeting_rules": []},
                "8": {"value": "x", "targeting_rules": [], "percentage_evaluation_attribute": "Email"},
            },
        ),
        (
            {"007": False, 9: "x"},
            {"7": {"value": False, "targeting_rules": []}, "9": {"value": "x", "targeting_rules": []}},
        ),
        ({"my-flag_2": 1.5}, {"my-flag_2": {"value": 1.5, "targeting_rules": []}}),
        # A typed value is a value, not an entry: only value, targeting_rules, ... make an entry.
        ({"f": {"bool_value": True}}, {"f": {"value": {"bool_value": True}, "targeting_rules": []}}),
        (
            {"f": {"int_value": 2, "string_value": None}},
            {"f": {"value": {"int_value": 2}, "targeting_rules": []}},
        ),
        (
            {"myFlag": {"value": 3, "extra": 1}},
            ('["myFlag"].extra', "is not an input here (check the spelling)"),
        ),
        ({"9bad": True}, ('["9bad"]', "must be a flag's setting id or its key, got '9bad'")),
        ({"my flag": True}, ('["my flag"]', "must be a flag's setting id or its key, got 'my flag'")),
        (
            {"f": {"value": True, "targeting_rules": [rule(value=1)]}},
            None,
        ),
    ],
)
def test_a_batch_of_v2_values_by_flag_id_or_key(values: dict[Any, Any], outcome: Any) -> None:
    if isinstance(outcome, tuple):
        assert refusal(FlagValuesV2, values) == (FLAG_VALUES_V2, [outcome])
    elif outcome is None:
        # Shapes parse; what spans fields is for check (see test_a_batch_names_the_flag_in_each_failure).
        assert FlagValuesV2.parse(values)["f"]["targeting_rules"] == [
            {"conditions": [], "percentage_options": [], "value": 1.0}
        ]
    else:
        assert FlagValuesV2.parse(values) == outcome


@pytest.mark.parametrize(
    ("rules", "outcome"),
    [
        (
            [
                {
                    "comparison_attribute": "Email",
                    "comparator": "contains",
                    "comparison_value": "x",
                    "segment_id": GUID,
                    "segment_comparator": "isIn",
                    "value": "1",
                }
            ],
            "is either a user rule (comparison_attribute, comparator, comparison_value) or a segment rule "
            "(segment_id, segment_comparator), not both",
        ),
        ([{"segment_id": GUID, "value": "1"}], "a segment rule needs both segment_id and segment_comparator"),
        (
            [{"segment_comparator": "isIn", "value": "1"}],
            "a segment rule needs both segment_id and segment_comparator",
        ),
        (
            [{"comparison_attribute": "Email", "value": "1"}],
            "needs comparison_attribute, comparator and comparison_value (a user rule), or segment_id and "
            "segment_comparator (a segment rule)",
        ),
        (
            [{"value": "1"}],
            "needs comparison_attribute, comparator and comparison_value (a user rule), or segment_id and "
            "segment_comparator (a segment rule)",
        ),
        (
            [
                {
                    "comparison_attribute": "Age",
                    "comparator": "numberGreater",
                    "comparison_value": "abc",
                    "value": "1",
                }
            ],
            "numberGreater compares with a number, got 'abc'",
        ),
        (
            [
                {
                    "comparison_attribute": "Age",
                    "comparator": "numberGreater",
                    "comparison_value": "inf",
                    "value": "1",
                }
            ],
            "numberGreater compares with a number, got 'inf'",
        ),
        (
            [
                {
                    "comparison_attribute": "Age",
                    "comparator": "numberGreater",
                    "comparison_value": " 1,5 ",
                    "value": "1",
                }
            ],
            [
                {
                    "comparison_attribute": "Age",
                    "comparator": "numberGreater",
                    "comparison_value": " 1,5 ",
                    "value": "1",
                }
            ],
        ),
        # Empty strings are unset, as the Terraform provider's read fills the other family with "".
        (
            [
                {
                    "comparison_attribute": "Email",
                    "comparator": "contains",
                    "comparison_value": "abc",
                    "value": 2.0,
                    "segment_id": "",
                    "segment_comparator": None,
                }
            ],
            [
                {
                    "comparison_attribute": "Email",
                    "comparator": "contains",
                    "comparison_value": "abc",
                    "value": 2.0,
                }
            ],
        ),
        (
            [
                {
                    "segment_id": GUID.upper(),
                    "segment_comparator": "isIn",
                    "value": "",
                    "comparison_attribute": "",
                }
            ],
            [{"segment_comparator": "isIn", "segment_id": GUID, "value": ""}],
        ),
    ],
)
def test_a_rollout_rule_is_a_user_rule_or_a_segment_rule(rules: list[dict[str, Any]], outcome: Any) -> None:
    if isinstance(outcome, str):
        assert refusal(RolloutRules, rules) == (ROLLOUT, [("[0]", outcome)])
    else:
        assert RolloutRules.parse(rules) == outcome


@pytest.mark.parametrize(
    ("comparator", "text", "ok"),
    [
        ("numberEquals", "1.5", True),
        ("numberEquals", " 1,5 ", True),
        ("numberLess", "-3", True),
        ("numberEquals", "abc", False),
        ("numberEquals", "nan", False),
        ("numberEquals", "inf", False),
        ("numberEquals", "", False),
        ("numberEquals", None, False),
        ("contains", "abc", True),
        (None, "abc", True),
    ],
)
def test_v1_number_comparators_need_a_finite_number(
    comparator: str | None, text: str | None, ok: bool
) -> None:
    assert v1_number_ok(comparator, text) is ok


def test_v1_percentage_items_predefined_variations_and_values_parse() -> None:
    assert PercentageItems.parse(
        [{"percentage": "50", "value": "a"}, {"percentage": 50.0, "value": False}]
    ) == [
        {"percentage": 50, "value": "a"},
        {"percentage": 50, "value": False},
    ]
    assert PredefinedVariations.parse(
        [
            {"value": "a", "name": "A", "hint": None},
            {"value": {"string_value": "b"}, "predefined_variation_id": GUID.upper()},
        ]
    ) == [{"value": "a", "name": "A"}, {"value": {"string_value": "b"}, "predefined_variation_id": GUID}]
    assert refusal(PredefinedVariations, [{"value": "a", "name": "A" * 256}])[1] == [
        ("[0].name", "String should have at most 255 characters")
    ]
    assert V1Value.parse("true") == "true"
    assert V1Value.parse(5) == 5.0
    assert refusal(V1Value, [1])[1] == [
        ("", "must be a valid boolean"),
        ("", "must be a valid string"),
        ("", "must be a valid number"),
    ]
    assert refusal(V2Value, float("inf"))[1] == [("", "must be a finite number, got inf")]
    assert FlagValuesV1.parse(
        {
            "f": "true",
            "g": {
                "value": 5,
                "rollout_rules": [{"segment_id": GUID, "segment_comparator": "isIn", "value": "1"}],
                "percentage_items": [{"percentage": 100, "value": True}],
            },
        }
    ) == {
        "f": {"value": "true", "rollout_rules": [], "percentage_items": []},
        "g": {
            "value": 5.0,
            "rollout_rules": [{"segment_comparator": "isIn", "segment_id": GUID, "value": "1"}],
            "percentage_items": [{"percentage": 100, "value": True}],
        },
    }


# --- diff: what compares equal ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("declared", "stored", "equal"),
    [
        (3, 3.0, True),
        (3, {"int_value": 3}, True),
        (3.5, {"double_value": 3.5}, True),
        ({"double_value": 3.0}, {"int_value": 3}, True),
        (True, {"bool_value": True}, True),
        ("x", {"string_value": "x"}, True),
        ({"predefined_variation_id": GUID.upper()}, {"predefined_variation_id": GUID}, True),
        ({"bool_value": True, "string_value": None}, True, True),
        (True, "true", False),
        (1, True, False),
        ("3", 3, False),
        (3, 4, False),
        ({"predefined_variation_id": GUID}, "x", False),
    ],
)
def test_a_served_value_compares_by_what_it_serves(declared: Any, stored: Any, equal: bool) -> None:
    assert (V2Value.comparable(declared) == V2Value.comparable(stored)) is equal


def _rule_with(condition: Any, value: Any = True) -> list[dict[str, Any]]:
    return [rule(condition, value=value)]


@pytest.mark.parametrize(
    ("declared", "stored", "equal"),
    [
        (_rule_with(user("isOneOf", ["a"])), _rule_with(user("isOneOf", [{"value": "a", "hint": ""}])), True),
        (
            _rule_with(user("isOneOf", ["a"])),
            _rule_with(user("isOneOf", [{"value": "a", "hint": "h"}])),
            False,
        ),
        (_rule_with(user("isOneOf", ["a", "b"])), _rule_with(user("isOneOf", ["b", "a"])), False),
        (_rule_with(user("numberEquals", 5)), _rule_with(user("numberEquals", {"double_value": 5.0})), True),
        (_rule_with(user("numberEquals", 5)), _rule_with(user("numberEquals", 6)), False),
        (_rule_with(user("textEquals", "5")), _rule_with(user("numberEquals", 5)), False),
        (
            _rule_with(user("textEquals", "a")),
            _rule_with(user("textEquals", "a", attribute="Country")),
            False,
        ),
        (_rule_with(user("textEquals", "a")), _rule_with(user("textDoesNotEqual", "a")), False),
        (_rule_with(user("textEquals", "a")), _rule_with(user("textEquals", "b")), False),
        (
            _rule_with({"segment_condition": {"segment_id": GUID.upper(), "comparator": "isIn"}}),
            _rule_with(SEGMENT),
            True,
        ),
        (
            _rule_with(SEGMENT),
            _rule_with({"segment_condition": {"segment_id": GUID, "comparator": "isNotIn"}}),
            False,
        ),
        (
            _rule_with(
                {
                    "prerequisite_flag_condition": {
                        "prerequisite_setting_id": 8.0,
                        "comparator": "equals",
                        "comparison_value": True,
                    }
                }
            ),
            _rule_with(
                {
                    "prerequisite_flag_condition": {
                        "prerequisite_setting_id": "8",
                        "comparator": "equals",
                        "comparison_value": {"bool_value": True},
                    }
                }
            ),
            True,
        ),
        (
            _rule_with(PREREQUISITE),
            _rule_with(
                {
                    "prerequisite_flag_condition": {
                        "prerequisite_setting_id": "9",
                        "comparator": "equals",
                        "comparison_value": True,
                    }
                }
            ),
            False,
        ),
        (
            _rule_with(PREREQUISITE),
            _rule_with(
                {
                    "prerequisite_flag_condition": {
                        "prerequisite_setting_id": "8",
                        "comparator": "doesNotEqual",
                        "comparison_value": True,
                    }
                }
            ),
            False,
        ),
        (
            _rule_with(PREREQUISITE),
            _rule_with(
                {
                    "prerequisite_flag_condition": {
                        "prerequisite_setting_id": "8",
                        "comparator": "equals",
                        "comparison_value": False,
                    }
                }
            ),
            False,
        ),
        (_rule_with(SEGMENT, value=3), _rule_with(SEGMENT, value={"int_value": 3}), True),
        (_rule_with(SEGMENT, value=3), _rule_with(SEGMENT, value=4), False),
        (
            [rule(options=[(30, True), (70, False)])],
            [rule(options=[(30.0, {"bool_value": True}), ("70", False)])],
            True,
        ),
        ([rule(options=[(30, True), (70, False)])], [rule(options=[(70, False), (30, True)])], False),
        ([rule(options=[(30, True), (70, False)])], [rule(options=[(30, False), (70, True)])], False),
        (
            [rule(SEGMENT, value=True), rule(PREREQUISITE, value=False)],
            [rule(PREREQUISITE, value=False), rule(SEGMENT, value=True)],
            False,
        ),
        ([rule(SEGMENT, PREREQUISITE, value=True)], [rule(PREREQUISITE, SEGMENT, value=True)], False),
        ([rule(SEGMENT, value=True)], [], False),
        # A stored value that no longer parses compares as it is: unequal, so the next up writes the rules.
        ([rule(SEGMENT, value=True)], [{"broken": True}], False),
    ],
)
def test_targeting_rules_compare_position_by_position(declared: Any, stored: Any, equal: bool) -> None:
    assert (TargetingRules.comparable(declared) == TargetingRules.comparable(stored)) is equal


@pytest.mark.parametrize(
    ("declared", "stored", "equal"),
    [
        ({"f": 3}, {"f": {"value": {"int_value": 3}, "targeting_rules": []}}, True),
        ({"f": {"value": 3, "percentage_evaluation_attribute": None}}, {"f": 3}, True),
        ({"f": {"value": 3, "percentage_evaluation_attribute": "Email"}}, {"f": 3}, False),
        ({"f": {"value": True, "targeting_rules": [rule(SEGMENT, value=False)]}}, {"f": True}, False),
        ({"f": 3}, {"g": 3}, False),
        ({"f": 3}, {"f": 4}, False),
    ],
)
def test_a_batch_of_v2_values_compares_flag_by_flag(declared: Any, stored: Any, equal: bool) -> None:
    assert (FlagValuesV2.comparable(declared) == FlagValuesV2.comparable(stored)) is equal


@pytest.mark.parametrize(
    ("declared", "stored", "equal"),
    [
        ([{"value": "a", "name": "A"}], [{"value": {"string_value": "a"}, "name": "A", "hint": ""}], True),
        ([{"value": "a", "name": "A"}], [{"value": "a", "name": "B"}], False),
        ([{"value": "a", "hint": "h"}], [{"value": "a"}], False),
        ([{"value": "a"}], [{"value": "b"}], False),
    ],
)
def test_predefined_variations_compare_by_value_name_and_hint(
    declared: Any, stored: Any, equal: bool
) -> None:
    assert (PredefinedVariations.comparable(declared) == PredefinedVariations.comparable(stored)) is equal


@pytest.mark.parametrize(
    ("setting_type", "declared", "stored", "equal"),
    [
        ("boolean", {"value": "true"}, {"value": True}, True),
        ("boolean", {"value": "T"}, {"value": "1"}, True),
        ("boolean", {"value": "false"}, {"value": True}, False),
        ("int", {"value": "5"}, {"value": 5.0}, True),
        ("int", {"value": "5"}, {"value": "6"}, False),
        ("double", {"value": "2.50"}, {"value": 2.5}, True),
        ("string", {"value": "5"}, {"value": 5}, False),
        # Not of the flag's type: compared as written (and refused when written).
        ("int", {"value": "abc"}, {"value": "abc"}, True),
        ("int", {"value": "abc"}, {"value": 0}, False),
        (None, {"value": "5"}, {"value": 5}, False),
        (None, {"value": "5"}, {"value": "5"}, True),
        (
            "boolean",
            {
                "value": "true",
                "rollout_rules": [
                    {
                        "comparison_attribute": "Email",
                        "comparator": "contains",
                        "comparison_value": "x",
                        "value": "true",
                        "segment_id": "",
                        "segment_comparator": "",
                    }
                ],
            },
            {
                "value": True,
                "rollout_rules": [
                    {
                        "comparison_attribute": "Email",
                        "comparator": "contains",
                        "comparison_value": "x",
                        "value": True,
                    }
                ],
            },
            True,
        ),
        (
            "boolean",
            {
                "value": "true",
                "rollout_rules": [{"segment_id": GUID.upper(), "segment_comparator": "isIn", "value": "t"}],
            },
            {
                "value": True,
                "rollout_rules": [
                    {
                        "segment_id": GUID,
                        "segment_comparator": "isIn",
                        "value": True,
                        "comparison_attribute": "",
                    }
                ],
            },
            True,
        ),
        (
            "boolean",
            {
                "value": "true",
                "rollout_rules": [{"segment_id": GUID, "segment_comparator": "isIn", "value": "t"}],
            },
            {
                "value": True,
                "rollout_rules": [{"segment_id": GUID, "segment_comparator": "isNotIn", "value": True}],
            },
            False,
        ),
        (
            "boolean",
            {
                "value": "true",
                "rollout_rules": [
                    {
                        "comparison_attribute": "Email",
                        "comparator": "contains",
                        "comparison_value": "x",
                        "value": "true",
                    }
                ],
            },
            {
                "value": True,
                "rollout_rules": [
                    {
                        "comparison_attribute": "Email",
                        "comparator": "contains",
                        "comparison_value": "y",
                        "value": True,
                    }
                ],
            },
            False,
        ),
        (
            "int",
            {
                "value": 1,
                "percentage_items": [{"percentage": "30", "value": "1"}, {"percentage": 70, "value": 2}],
            },
            {
                "value": 1,
                "percentage_items": [{"percentage": 30.0, "value": 1}, {"percentage": "70", "value": "2"}],
            },
            True,
        ),
        (
            "int",
            {"value": 1, "percentage_items": [{"percentage": 30, "value": 1}]},
            {"value": 1, "percentage_items": [{"percentage": 31, "value": 1}]},
            False,
        ),
        (
            "int",
            {"value": 1, "percentage_items": None, "rollout_rules": None},
            {"value": 1, "percentage_items": [], "rollout_rules": []},
            True,
        ),
    ],
)
def test_v1_values_compare_as_the_flag_type_reads_them(
    setting_type: str | None, declared: dict[str, Any], stored: dict[str, Any], equal: bool
) -> None:
    assert (comparable_v1(declared, setting_type) == comparable_v1(stored, setting_type)) is equal


V1_USER_RULE = {
    "comparison_attribute": "Email",
    "comparator": "contains",
    "comparison_value": "x",
    "value": "1",
}
V1_SEGMENT_RULE = {"segment_id": GUID, "segment_comparator": "isIn", "value": "1"}


@pytest.mark.parametrize(
    "changed",
    [
        {"comparison_attribute": "Country"},
        {"comparator": "doesNotContain"},
        {"comparison_value": "y"},
        {"value": "2"},
    ],
)
def test_a_v1_user_rule_differs_by_any_of_its_fields(changed: dict[str, Any]) -> None:
    declared = {"value": 1, "rollout_rules": [V1_USER_RULE]}
    stored = {"value": 1, "rollout_rules": [{**V1_USER_RULE, **changed}]}
    assert comparable_v1(declared, "int") != comparable_v1(stored, "int")


@pytest.mark.parametrize(
    "changed",
    [
        {"segment_id": "08d86d63-2731-4b8b-823a-56ddda9da038"},
        {"segment_comparator": "isNotIn"},
        {"value": "2"},
    ],
)
def test_a_v1_segment_rule_differs_by_any_of_its_fields(changed: dict[str, Any]) -> None:
    declared = {"value": 1, "rollout_rules": [V1_SEGMENT_RULE]}
    stored = {"value": 1, "rollout_rules": [{**V1_SEGMENT_RULE, **changed}]}
    assert comparable_v1(declared, "int") != comparable_v1(stored, "int")
    assert comparable_v1(declared, "int") == comparable_v1(
        {"value": "1", "rollout_rules": [{**V1_SEGMENT_RULE, "segment_id": GUID.upper()}]}, "int"
    )


def test_a_v1_percentage_item_differs_by_its_value() -> None:
    declared = {"value": 1, "percentage_items": [{"percentage": 100, "value": "1"}]}
    assert comparable_v1(declared, "int") == comparable_v1(
        {"value": 1, "percentage_items": [{"percentage": "100", "value": 1.0}]}, "int"
    )
    assert comparable_v1(declared, "int") != comparable_v1(
        {"value": 1, "percentage_items": [{"percentage": 100, "value": "2"}]}, "int"
    )


def test_v1_values_not_known_yet_compare_unequal_to_state() -> None:
    declared = {"value": UNKNOWN, "rollout_rules": [UNKNOWN], "percentage_items": UNKNOWN}
    compared = comparable_v1(declared, "boolean")
    assert compared == {"value": UNKNOWN, "rollout_rules": [UNKNOWN], "percentage_items": UNKNOWN}
    assert comparable_v1({"value": "abc"}, "int")["value"] == ("invalid", "abc")
    assert comparable_v1({"value": "7"}, "int")["value"] == ("int", 7)


# --- Typed by the flag's type ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "setting_type", "expected"),
    [
        (True, "boolean", True),
        ("true", "boolean", True),
        (" TRUE ", "boolean", True),
        ("t", "boolean", True),
        ("1", "boolean", True),
        ("false", "boolean", False),
        ("F", "boolean", False),
        ("0", "boolean", False),
        ({"bool_value": False}, "boolean", False),
        ("text", "string", "text"),
        ("", "string", ""),
        ({"string_value": "x"}, "string", "x"),
        (5.0, "int", 5),
        (" 5 ", "int", 5),
        ("-2147483648", "int", -(2**31)),
        (2147483647.0, "int", 2**31 - 1),
        ({"int_value": 3}, "int", 3),
        (5, "double", 5.0),
        ("2.5", "double", 2.5),
        ({"double_value": 2.5}, "double", 2.5),
    ],
)
def test_typed_value_reads_a_value_as_the_flag_type_wants_it(
    value: Any, setting_type: str, expected: Any
) -> None:
    typed = typed_value(value, setting_type, "value")
    assert typed == expected
    assert type(typed) is type(expected)


@pytest.mark.parametrize(
    ("value", "setting_type", "message"),
    [
        ("yes", "boolean", "value must be true or false for this flag of type 'boolean', got 'yes'"),
        (1, "boolean", "value must be true or false for this flag of type 'boolean', got 1"),
        (5, "string", "value must be a string for this flag of type 'string', got 5"),
        (True, "int", "value must be a whole number for this flag of type 'int', got True"),
        (5.5, "int", "value must be a whole number for this flag of type 'int', got 5.5"),
        ("5.5", "int", "value must be a whole number for this flag of type 'int', got '5.5'"),
        (2.0**31, "int", "value must be a whole number for this flag of type 'int', got 2147483648"),
        (-(2.0**31) - 1, "int", "value must be a whole number for this flag of type 'int', got -2147483649"),
        ("abc", "double", "value must be a number for this flag of type 'double', got 'abc'"),
        ("nan", "double", "value must be a number for this flag of type 'double', got 'nan'"),
        (float("inf"), "double", "value must be a number for this flag of type 'double', got inf"),
        (True, "double", "value must be a number for this flag of type 'double', got True"),
        (
            {"int_value": 3},
            "boolean",
            "value sets int_value, but the flag is of type 'boolean': use bool_value",
        ),
        (
            {"string_value": "3"},
            "double",
            "value sets string_value, but the flag is of type 'double': use double_value",
        ),
        ({}, "boolean", "value must be true or false for this flag of type 'boolean', got {}"),
    ],
)
def test_typed_value_names_the_property_and_the_flag_type(
    value: Any, setting_type: str, message: str
) -> None:
    with pytest.raises(ValueTypeError) as caught:
        typed_value(value, setting_type, "value")
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (True, "true"),
        (False, "false"),
        (5, "5"),
        (5.0, "5"),
        (-3.0, "-3"),
        (2.31, "2.31"),
        (1e20, "1e+20"),
        (2.0**53, "9007199254740992.0"),
        ("text", "text"),
    ],
)
def test_format_v1_writes_values_as_pulumiverse_does(value: Any, text: str) -> None:
    assert format_v1(value) == text


def test_the_tables_the_rules_rely_on() -> None:
    # Constants are not mutated by mutation testing, so pinned here.
    assert VALUE_FIELDS == ("bool_value", "string_value", "int_value", "double_value")
    assert FIELD_TYPES == {
        "bool_value": "boolean",
        "string_value": "string",
        "int_value": "int",
        "double_value": "double",
    }
    assert TYPE_FIELDS == {
        "boolean": "bool_value",
        "string": "string_value",
        "int": "int_value",
        "double": "double_value",
    }
    assert TYPE_WORDS == {
        "boolean": "true or false",
        "string": "a string",
        "int": "a whole number",
        "double": "a number",
    }
    assert LIMITS == {
        "max_targeting_rule_count": 100,
        "max_condition_per_targeting_rule_count": 100,
        "max_percentage_option_count": 100,
        "max_comparison_value_length": 65535,
        "max_comparison_value_list_length": 1000,
        "max_comparison_value_list_item_length": 65535,
        "max_string_flag_value_length": 100000,
    }
    assert {
        "numberEquals",
        "numberDoesNotEqual",
        "numberLess",
        "numberLessOrEquals",
        "numberGreater",
        "numberGreaterOrEquals",
        "dateTimeBefore",
        "dateTimeAfter",
    } == NUMBER_COMPARATORS
    assert len(LIST_COMPARATORS) == 20
    assert {
        "isOneOf",
        "sensitiveArrayContainsAnyOf",
        "textStartsWithAnyOf",
        "semVerIsNotOneOf",
    } <= LIST_COMPARATORS
    assert not {"textEquals", "semVerLess", "sensitiveTextEquals", "numberEquals"} & LIST_COMPARATORS


# --- To the API and back (formula_body, formula_outputs), against the emulator's handlers ------------------


@dataclass(frozen=True)
class Flags:
    """A V2 and a V1 config with one flag of each type, a segment and a prerequisite flag of each type."""

    emulator: ConfigCatEmulator
    environment_id: str
    segment_id: str
    v2: dict[str, int]  # setting type -> setting id
    v1: dict[str, int]
    variation_flag: int
    variation_id: str

    def call(self, method: str, path: str, body: Any = None) -> Any:
        status, answer = self.emulator.call(method, path, body)
        assert status < 300, (method, path, answer)
        return answer


TYPES = ("boolean", "string", "int", "double")


@pytest.fixture(scope="module")
def flags(emulator: ConfigCatEmulator) -> Iterator[Flags]:
    def call(method: str, path: str, body: Any = None) -> Any:
        status, answer = emulator.call(method, path, body)
        assert status < 300, (method, path, answer)
        return answer

    product = call("POST", f"/v1/organizations/{emulator.organization_id}/products", {"name": "Rules"})[
        "productId"
    ]
    environment = call("POST", f"/v1/products/{product}/environments", {"name": "Dev"})["environmentId"]
    v2 = call("POST", f"/v1/products/{product}/configs", {"name": "V2", "evaluationVersion": "v2"})[
        "configId"
    ]
    v1 = call("POST", f"/v1/products/{product}/configs", {"name": "V1", "evaluationVersion": "v1"})[
        "configId"
    ]
    segment = call(
        "POST",
        f"/v1/products/{product}/segments",
        {
            "name": "Staff",
            "comparisonAttribute": "Email",
            "comparator": "contains",
            "comparisonValue": "@acme.com",
        },
    )["segmentId"]

    def settings(config: str, prefix: str) -> dict[str, int]:
        return {
            t: call(
                "POST", f"/v1/configs/{config}/settings", {"key": f"{prefix}{t}", "name": t, "settingType": t}
            )["settingId"]
            for t in TYPES
        }

    variation = call(
        "POST",
        f"/v1/configs/{v2}/settings",
        {
            "key": "variations",
            "name": "variations",
            "settingType": "string",
            "predefinedVariations": [{"value": {"stringValue": "a"}, "name": "A"}],
        },
    )
    yield Flags(
        emulator,
        environment,
        segment,
        settings(v2, "v2"),
        settings(v1, "v1"),
        variation["settingId"],
        variation["predefinedVariations"][0]["predefinedVariationId"],
    )
    call("DELETE", f"/v1/products/{product}")


def write_v2(
    flags: Flags, setting_type: str, inputs: dict[str, Any], types: dict[str, str]
) -> dict[str, Any]:
    """Writes parsed inputs as the provider does and reads them back as a refresh does."""
    setting = flags.v2[setting_type]
    path = f"/v2/environments/{flags.environment_id}/settings/{setting}/value"
    body = formula_body(inputs, setting_type, types).to_wire()
    flags.call("PUT", path, body)
    return formula_outputs(SettingFormulaModel.model_validate(flags.call("GET", path)))


def test_what_a_v2_value_writes_and_what_a_refresh_reads_back(flags: Flags) -> None:
    prerequisite = str(flags.v2["int"])
    rules = TargetingRules.parse(
        [
            rule(
                user("isOneOf", ["a@x.com", {"value": "b@x.com", "hint": "Bee"}]),
                user("numberGreater", 17.0, attribute="Age"),
                {"segment_condition": {"segment_id": flags.segment_id.upper(), "comparator": "isIn"}},
                {
                    "prerequisite_flag_condition": {
                        "prerequisite_setting_id": float(prerequisite),
                        "comparator": "equals",
                        "comparison_value": 3.0,
                    }
                },
                value="rule",
            ),
            rule(
                user("textEquals", "NL", attribute="Country"),
                options=[(30.0, "x"), ("70", {"string_value": "y"})],
            ),
        ]
    )
    inputs = {"value": "default", "targeting_rules": rules, "percentage_evaluation_attribute": "Email"}
    assert needs_prerequisite_types(rules) == {prerequisite}
    body = formula_body(inputs, "string", {prerequisite: "int"}).to_wire()
    assert body == {
        "defaultValue": {"stringValue": "default"},
        "targetingRules": [
            {
                "conditions": [
                    {
                        "userCondition": {
                            "comparisonAttribute": "Email",
                            "comparator": "isOneOf",
                            "comparisonValue": {
                                "stringValue": None,
                                "doubleValue": None,
                                "listValue": [
                                    {"value": "a@x.com", "hint": None},
                                    {"value": "b@x.com", "hint": "Bee"},
                                ],
                            },
                        }
                    },
                    {
                        "userCondition": {
                            "comparisonAttribute": "Age",
                            "comparator": "numberGreater",
                            "comparisonValue": {"stringValue": None, "doubleValue": 17.0, "listValue": None},
                        }
                    },
                    {"segmentCondition": {"segmentId": flags.segment_id, "comparator": "isIn"}},
                    {
                        "prerequisiteFlagCondition": {
                            "prerequisiteSettingId": int(prerequisite),
                            "comparator": "equals",
                            "prerequisiteComparisonValue": {"intValue": 3},
                        }
                    },
                ],
                "percentageOptions": [],
                "value": {"stringValue": "rule"},
            },
            {
                "conditions": [
                    {
                        "userCondition": {
                            "comparisonAttribute": "Country",
                            "comparator": "textEquals",
                            "comparisonValue": {"stringValue": "NL", "doubleValue": None, "listValue": None},
                        }
                    }
                ],
                "percentageOptions": [
                    {"percentage": 30, "value": {"stringValue": "x"}},
                    {"percentage": 70, "value": {"stringValue": "y"}},
                ],
                "value": None,
            },
        ],
        "percentageEvaluationAttribute": "Email",
    }
    out = write_v2(flags, "string", inputs, {prerequisite: "int"})
    assert out == {
        "value": {"string_value": "default"},
        "targeting_rules": [
            {
                "conditions": [
                    user(
                        "isOneOf",
                        {"list_values": [{"value": "a@x.com"}, {"value": "b@x.com", "hint": "Bee"}]},
                    ),
                    user("numberGreater", {"double_value": 17.0}, attribute="Age"),
                    {"segment_condition": {"segment_id": flags.segment_id, "comparator": "isIn"}},
                    {
                        "prerequisite_flag_condition": {
                            "prerequisite_setting_id": prerequisite,
                            "comparator": "equals",
                            "comparison_value": {"int_value": 3},
                        }
                    },
                ],
                "value": {"string_value": "rule"},
            },
            {
                "conditions": [user("textEquals", {"string_value": "NL"}, attribute="Country")],
                "percentage_options": [
                    {"percentage": 30, "value": {"string_value": "x"}},
                    {"percentage": 70, "value": {"string_value": "y"}},
                ],
            },
        ],
        "percentage_evaluation_attribute": "Email",
        "setting_type": "string",
    }
    # What a refresh reads compares equal to what the program declares: no perpetual diff.
    assert TargetingRules.comparable(out["targeting_rules"]) == TargetingRules.comparable(rules)
    assert V2Value.comparable(out["value"]) == V2Value.comparable("default")
    # And the outputs tell the prerequisite's type, for the next write without a lookup.
    assert known_prerequisite_types(out["targeting_rules"]) == {prerequisite: "int"}


@pytest.mark.parametrize("setting_type", TYPES)
def test_every_flag_type_round_trips_its_value_and_rules(flags: Flags, setting_type: str) -> None:
    served = {"boolean": (True, False), "string": ("on", "off"), "int": (3, 4), "double": (2.5, 3)}[
        setting_type
    ]
    rules = TargetingRules.parse(
        [
            rule(
                SEGMENT | {"segment_condition": {"segment_id": flags.segment_id, "comparator": "isNotIn"}},
                value=served[1],
            ),
            rule(options=[(50, served[0]), (50, served[1])]),
        ]
    )
    out = write_v2(flags, setting_type, {"value": served[0], "targeting_rules": rules}, {})
    field = TYPE_FIELDS[setting_type]
    assert out["value"] == {field: served[0]}
    assert out["targeting_rules"][0]["value"] == {field: served[1]}
    assert out["targeting_rules"][1]["percentage_options"] == [
        {"percentage": 50, "value": {field: served[0]}},
        {"percentage": 50, "value": {field: served[1]}},
    ]
    assert out["percentage_evaluation_attribute"] is None
    assert out["setting_type"] == setting_type
    assert TargetingRules.comparable(out["targeting_rules"]) == TargetingRules.comparable(rules)
    assert V2Value.comparable(out["value"]) == V2Value.comparable(served[0])


@pytest.mark.parametrize(
    ("prerequisite_type", "compared", "written", "read"),
    [
        ("boolean", True, {"boolValue": True}, {"bool_value": True}),
        ("string", "on", {"stringValue": "on"}, {"string_value": "on"}),
        ("int", 3.0, {"intValue": 3}, {"int_value": 3}),
        ("double", 3.0, {"doubleValue": 3.0}, {"double_value": 3.0}),
        ("double", {"double_value": 2.5}, {"doubleValue": 2.5}, {"double_value": 2.5}),
        ("int", {"int_value": 4}, {"intValue": 4}, {"int_value": 4}),
    ],
)
def test_a_prerequisite_is_compared_with_a_value_of_its_own_type(
    flags: Flags, prerequisite_type: str, compared: Any, written: dict[str, Any], read: dict[str, Any]
) -> None:
    prerequisite = str(flags.v2[prerequisite_type])
    condition = {
        "prerequisite_flag_condition": {
            "prerequisite_setting_id": prerequisite,
            "comparator": "doesNotEqual",
            "comparison_value": compared,
        }
    }
    rules = TargetingRules.parse([rule(condition, value=True)])
    # Only a plain number needs the prerequisite's type looked up: a bool, a string or a typed value says it.
    assert needs_prerequisite_types(rules) == ({prerequisite} if isinstance(compared, float) else set())
    types = {prerequisite: prerequisite_type} if isinstance(compared, float) else {}
    # Written on a flag of another type: a flag cannot be its own prerequisite.
    flag_type, served = ("string", "x") if prerequisite_type == "boolean" else ("boolean", True)
    rules = TargetingRules.parse([rule(condition, value=served)])
    body = formula_body({"value": served, "targeting_rules": rules}, flag_type, types).to_wire()
    sent = body["targetingRules"][0]["conditions"][0]["prerequisiteFlagCondition"]
    assert sent["prerequisiteComparisonValue"] == written
    setting = flags.v2[flag_type]
    path = f"/v2/environments/{flags.environment_id}/settings/{setting}/value"
    flags.call("PUT", path, body)
    out = formula_outputs(SettingFormulaModel.model_validate(flags.call("GET", path)))
    got = out["targeting_rules"][0]["conditions"][0]["prerequisite_flag_condition"]
    assert got == {
        "prerequisite_setting_id": prerequisite,
        "comparator": "doesNotEqual",
        "comparison_value": read,
    }
    assert known_prerequisite_types(out["targeting_rules"]) == {prerequisite: prerequisite_type}
    flags.call("PUT", path, formula_body({"value": served}, flag_type, {}).to_wire())  # no dependency left


def test_a_prerequisite_can_be_compared_with_one_of_its_predefined_variations(flags: Flags) -> None:
    prerequisite = str(flags.variation_flag)
    compared = V2Value.parse({"predefined_variation_id": flags.variation_id.upper()})
    condition = {
        "prerequisite_flag_condition": {
            "prerequisite_setting_id": prerequisite,
            "comparator": "equals",
            "comparison_value": compared,
        }
    }
    rules = TargetingRules.parse([rule(condition, value=True)])
    body = formula_body({"value": False, "targeting_rules": rules}, "boolean", {}).to_wire()
    sent = body["targetingRules"][0]["conditions"][0]["prerequisiteFlagCondition"]
    assert sent["prerequisiteComparisonValue"] == {"predefinedVariationId": flags.variation_id}
    path = f"/v2/environments/{flags.environment_id}/settings/{flags.v2['boolean']}/value"
    flags.call("PUT", path, body)
    out = formula_outputs(SettingFormulaModel.model_validate(flags.call("GET", path)))
    got = out["targeting_rules"][0]["conditions"][0]["prerequisite_flag_condition"]["comparison_value"]
    assert got == {"predefined_variation_id": flags.variation_id}
    assert TargetingRules.comparable(out["targeting_rules"]) == TargetingRules.comparable(rules)
    flags.call("PUT", path, formula_body({"value": False}, "boolean", {}).to_wire())


def test_a_number_that_does_not_fit_the_prerequisites_type_is_refused() -> None:
    condition = {
        "prerequisite_flag_condition": {
            "prerequisite_setting_id": "8",
            "comparator": "equals",
            "comparison_value": 3.5,
        }
    }
    rules = TargetingRules.parse([rule(condition, value=True)])
    with pytest.raises(ValueTypeError) as caught:
        formula_body({"value": True, "targeting_rules": rules}, "boolean", {"8": "int"})
    assert str(caught.value) == (
        "targeting_rules[0].conditions[0].prerequisite_flag_condition.comparison_value must be a whole "
        "number for this flag of type 'int', got 3.5"
    )


def test_a_number_compared_with_a_prerequisite_of_unknown_type_is_refused() -> None:
    rules = TargetingRules.parse(
        [
            rule(
                PREREQUISITE
                | {
                    "prerequisite_flag_condition": {
                        "prerequisite_setting_id": "8",
                        "comparator": "equals",
                        "comparison_value": 3,
                    }
                },
                value=True,
            )
        ]
    )
    with pytest.raises(ValueTypeError) as caught:
        formula_body({"value": True, "targeting_rules": rules}, "boolean", {})
    assert str(caught.value) == (
        "targeting_rules[0].conditions[0].prerequisite_flag_condition.comparison_value: the prerequisite "
        "flag's type is not known"
    )


def test_known_prerequisite_types_read_only_typed_prerequisites() -> None:
    rules = [
        rule(SEGMENT, user("isOneOf", ["a"]), value=True),
        rule(PREREQUISITE, value=True),
        rule(
            {
                "prerequisite_flag_condition": {
                    "prerequisite_setting_id": "9",
                    "comparator": "equals",
                    "comparison_value": {"double_value": 1.5},
                }
            },
            {
                "prerequisite_flag_condition": {
                    "prerequisite_setting_id": "10",
                    "comparator": "equals",
                    "comparison_value": {"predefined_variation_id": GUID},
                }
            },
            value=True,
        ),
    ]
    assert known_prerequisite_types(rules) == {"9": "double"}
    assert known_prerequisite_types([]) == {}
    assert needs_prerequisite_types(rules) == set()


def test_a_typed_value_of_the_wrong_type_names_its_property_when_written() -> None:
    rules = TargetingRules.parse([rule(SEGMENT, value=True), rule(options=[(100, {"string_value": "x"})])])
    with pytest.raises(ValueTypeError) as caught:
        formula_body({"value": True, "targeting_rules": rules}, "boolean", {})
    assert str(caught.value) == (
        "targeting_rules[1].percentage_options[0].value sets string_value, but the flag is of type "
        "'boolean': "
        "use bool_value"
    )
    with pytest.raises(ValueTypeError, match=r"^targeting_rules\[0\]\.value must be a string"):
        formula_body({"value": "x", "targeting_rules": rules}, "string", {})
    with pytest.raises(ValueTypeError, match=r"^value must be a whole number"):
        formula_body({"value": "x"}, "int", {})


def test_a_predefined_variation_is_served_by_its_id(flags: Flags) -> None:
    setting = flags.variation_flag
    path = f"/v2/environments/{flags.environment_id}/settings/{setting}/value"
    served = V2Value.parse({"predefined_variation_id": flags.variation_id.upper()})
    rules = TargetingRules.parse([rule(options=[(100, served)])])
    body = formula_body({"value": served, "targeting_rules": rules}, "string", {}).to_wire()
    assert body["defaultValue"] == {"predefinedVariationId": flags.variation_id}
    flags.call("PUT", path, body)
    out = formula_outputs(SettingFormulaModel.model_validate(flags.call("GET", path)))
    assert out["value"] == {"predefined_variation_id": flags.variation_id}
    assert out["targeting_rules"][0]["percentage_options"] == [
        {"percentage": 100, "value": {"predefined_variation_id": flags.variation_id}}
    ]


def write_v1(
    flags: Flags, setting_type: str, inputs: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    setting = flags.v1[setting_type]
    path = f"/v1/environments/{flags.environment_id}/settings/{setting}/value"
    body = value_body(inputs, setting_type).to_wire()
    flags.call("PUT", path, body)
    return body, value_outputs(SettingValueModel.model_validate(flags.call("GET", path)))


def test_what_a_v1_value_writes_and_what_a_refresh_reads_back(flags: Flags) -> None:
    inputs = {
        "value": "42",
        "rollout_rules": RolloutRules.parse(
            [
                {
                    "comparison_attribute": "Email",
                    "comparator": "contains",
                    "comparison_value": "@acme.com",
                    "value": "7",
                },
                {"segment_id": flags.segment_id.upper(), "segment_comparator": "isIn", "value": 8.0},
            ]
        ),
        "percentage_items": PercentageItems.parse(
            [{"percentage": "25", "value": "1"}, {"percentage": 75, "value": 2}]
        ),
    }
    body, out = write_v1(flags, "int", inputs)
    assert body == {
        "value": 42,
        "rolloutRules": [
            {
                "comparisonAttribute": "Email",
                "comparator": "contains",
                "comparisonValue": "@acme.com",
                "segmentComparator": None,
                "segmentId": None,
                "value": 7,
            },
            {
                "comparisonAttribute": None,
                "comparator": None,
                "comparisonValue": None,
                "segmentComparator": "isIn",
                "segmentId": flags.segment_id,
                "value": 8,
            },
        ],
        "rolloutPercentageItems": [{"percentage": 25, "value": 1}, {"percentage": 75, "value": 2}],
    }
    assert out == {
        "value": "42",
        "rollout_rules": [
            {
                "comparison_attribute": "Email",
                "comparator": "contains",
                "comparison_value": "@acme.com",
                "value": "7",
            },
            {"segment_id": flags.segment_id, "segment_comparator": "isIn", "value": "8"},
        ],
        "percentage_items": [{"percentage": "25", "value": "1"}, {"percentage": "75", "value": "2"}],
        "setting_type": "int",
    }
    assert comparable_v1(out, "int") == comparable_v1(inputs, "int")


@pytest.mark.parametrize(
    ("setting_type", "value", "written", "read"),
    [
        ("boolean", "t", True, "true"),
        ("boolean", False, False, "false"),
        ("string", "text", "text", "text"),
        ("double", "2.5", 2.5, "2.5"),
        ("double", 3, 3.0, "3"),
        ("int", -4.0, -4, "-4"),
    ],
)
def test_every_v1_flag_type_writes_its_value_typed_and_reads_it_as_text(
    flags: Flags, setting_type: str, value: Any, written: Any, read: str
) -> None:
    body, out = write_v1(flags, setting_type, {"value": value, "rollout_rules": None})
    assert body["value"] == written
    assert type(body["value"]) is type(written)
    assert (body["rolloutRules"], body["rolloutPercentageItems"]) == ([], [])
    assert out == {"value": read, "rollout_rules": [], "percentage_items": [], "setting_type": setting_type}
    segment_rule = {"segment_id": flags.segment_id, "segment_comparator": "isNotIn", "value": value}
    inputs = {
        "value": value,
        "rollout_rules": RolloutRules.parse([segment_rule]),
        "percentage_items": PercentageItems.parse([{"percentage": 100, "value": value}]),
    }
    body, out = write_v1(flags, setting_type, inputs)
    assert [r["value"] for r in body["rolloutRules"]] == [written]
    assert [item["value"] for item in body["rolloutPercentageItems"]] == [written]
    assert [type(item["value"]) for item in body["rolloutPercentageItems"]] == [type(written)]
    assert [r["value"] for r in out["rollout_rules"]] == [read]
    assert out["percentage_items"] == [{"percentage": "100", "value": read}]


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"value": "abc"}, "value must be a whole number for this flag of type 'int', got 'abc'"),
        (
            {"value": 1, "rollout_rules": [{"segment_id": GUID, "segment_comparator": "isIn", "value": "x"}]},
            "rollout_rules[0].value must be a whole number for this flag of type 'int', got 'x'",
        ),
        (
            {"value": 1, "percentage_items": [{"percentage": 100, "value": 1.5}]},
            "percentage_items[0].value must be a whole number for this flag of type 'int', got 1.5",
        ),
    ],
)
def test_a_v1_value_of_the_wrong_type_names_its_property_when_written(
    inputs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueTypeError) as caught:
        value_body(inputs, "int")
    assert str(caught.value) == message


# --------------------------------------------------------------------------------------------------------
# ConfigCat's limits on text (hardening II item 11), checked in the provider's check.

LONGEST_TEXT = LIMITS["max_string_flag_value_length"]
LONGEST_ITEM = LIMITS["max_comparison_value_list_item_length"]


@pytest.mark.parametrize(
    ("value", "rules", "failures"),
    [
        ("x" * LONGEST_TEXT, [], []),
        (
            "x" * (LONGEST_TEXT + 1),
            [],
            [
                (
                    "value",
                    f"is {LONGEST_TEXT + 1} characters long; a text value may have at most {LONGEST_TEXT}",
                )
            ],
        ),
        (
            {"string_value": "y" * (LONGEST_TEXT + 1)},
            [],
            [
                (
                    "value.string_value",
                    f"is {LONGEST_TEXT + 1} characters long; a text value may have at most {LONGEST_TEXT}",
                )
            ],
        ),
        (
            "ok",
            [rule(SEGMENT, value="z" * (LONGEST_TEXT + 1))],
            [
                (
                    "targeting_rules[0].value",
                    f"is {LONGEST_TEXT + 1} characters long; a text value may have at most {LONGEST_TEXT}",
                )
            ],
        ),
        (
            "ok",
            [rule(options=[(50, "a" * (LONGEST_TEXT + 1)), (50, "b")])],
            [
                (
                    "targeting_rules[0].percentage_options[0].value",
                    f"is {LONGEST_TEXT + 1} characters long; a text value may have at most {LONGEST_TEXT}",
                )
            ],
        ),
        (True, [rule(user("isOneOf", ["a", "b" * LONGEST_ITEM]), value=False)], []),
        (
            True,
            [rule(user("isOneOf", ["a", {"value": "b" * (LONGEST_ITEM + 1), "hint": "h"}]), value=False)],
            [
                (
                    "targeting_rules[0].conditions[0].user_condition.comparison_value.list_values[1].value",
                    f"is {LONGEST_ITEM + 1} characters long; a list item may have at most {LONGEST_ITEM}",
                )
            ],
        ),
    ],
)
def test_text_longer_than_configcat_takes_is_refused_in_check(
    value: Any, rules: list[dict[str, Any]], failures: list[tuple[str, str]]
) -> None:
    assert v2_failures(value, rules) == failures


def test_a_v1_text_value_longer_than_configcat_takes_is_refused_in_check() -> None:
    assert v1_failures(value="x" * LONGEST_TEXT) == []
    assert v1_failures(value="x" * (LONGEST_TEXT + 1)) == [
        ("value", f"is {LONGEST_TEXT + 1} characters long; a text value may have at most {LONGEST_TEXT}")
    ]


# --------------------------------------------------------------------------------------------------------
# Text that stands for a typed flag's value compares as that value (hardening II item 4).


@pytest.mark.parametrize(
    ("entry", "setting_type", "expected"),
    [
        ({"value": "true"}, "boolean", {"value": True}),
        ({"value": " False "}, "boolean", {"value": False}),
        (
            {"value": "yes"},
            "boolean",
            {"value": "yes"},
        ),  # no such value: left to differ, and the write says why
        ({"value": "5"}, "int", {"value": 5}),
        ({"value": "5.5"}, "int", {"value": "5.5"}),
        ({"value": "4.5"}, "double", {"value": 4.5}),
        ({"value": "true"}, "string", {"value": "true"}),
        ({"value": "true"}, None, {"value": "true"}),  # the flag's type not known yet
        ({"value": True}, "boolean", {"value": True}),
        ({"value": 7}, "int", {"value": 7}),
        ({"value": {"int_value": 7}}, "int", {"value": {"int_value": 7}}),
        (
            {
                "value": "0",
                "targeting_rules": [
                    {"conditions": [SEGMENT], "value": "1"},
                    {
                        "conditions": [],
                        "percentage_options": [
                            {"percentage": 50, "value": "2"},
                            {"percentage": 50, "value": 3},
                        ],
                    },
                    {"conditions": [SEGMENT]},
                ],
                "percentage_evaluation_attribute": "Email",
            },
            "int",
            {
                "value": 0,
                "targeting_rules": [
                    {"conditions": [SEGMENT], "value": 1},
                    {
                        "conditions": [],
                        "percentage_options": [
                            {"percentage": 50, "value": 2},
                            {"percentage": 50, "value": 3},
                        ],
                    },
                    {"conditions": [SEGMENT]},
                ],
                "percentage_evaluation_attribute": "Email",
            },
        ),
        ({"targeting_rules": []}, "int", {"targeting_rules": []}),
        ({}, "boolean", {}),
    ],
)
def test_text_for_a_typed_flag_compares_as_the_flags_value(
    entry: dict[str, Any], setting_type: str | None, expected: dict[str, Any]
) -> None:
    assert served_as(entry, setting_type) == expected
    assert entry is not served_as(entry, setting_type)  # a copy: the checked inputs stay as written
