"""Checks of flag values that span fields: run by ``check`` on parsed, known inputs (see :mod:`._rules`).

Each returns ``(property path, reason)`` pairs: comparators against the kind of comparison value, one value
type per flag, percentages that add up to 100, and the largest plan's limits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pulumi.dynamic

from pulumi_configcat.resources.flags._rules import (
    LIMITS,
    LIST_COMPARATORS,
    NUMBER_COMPARATORS,
)
from pulumi_configcat.resources.flags._scalars import (
    FIELD_TYPES,
    TYPE_WORDS,
    VALUE_FIELDS,
    is_number,
)

__all__ = ["Failures", "as_failures", "check_v1", "check_v2"]

Failures = list[tuple[str, str]]


def _kind(value: Any) -> str:
    """The flag type a served value implies: boolean, string, int, double, number (either) or variation."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    if is_number(value):
        return "number" if float(value).is_integer() else "double"
    if value.get("predefined_variation_id") is not None:
        return "variation"
    return next(FIELD_TYPES[f] for f in VALUE_FIELDS if value.get(f) is not None)


def _served_values(value: Any, rules: Sequence[Mapping[str, Any]]) -> list[tuple[str, Any]]:
    served = [("value", value)] if value is not None else []
    for i, rule in enumerate(rules):
        if rule.get("value") is not None:
            served.append((f"targeting_rules[{i}].value", rule["value"]))
        served.extend(
            (f"targeting_rules[{i}].percentage_options[{j}].value", option["value"])
            for j, option in enumerate(rule.get("percentage_options", []))
        )
    return served


def _one_kind(served: list[tuple[str, Any]]) -> Failures:
    """Every value a flag serves is of one type; a whole number fits both int and double."""
    flag_type: str | None = None
    first = ""
    failures: Failures = []
    for path, value in served:
        kind = _kind(value)
        if kind == "variation":
            continue
        if flag_type is None or (flag_type == "number" and kind in ("int", "double")):
            flag_type, first = kind, path
            continue
        compatible = kind == flag_type or (kind == "number" and flag_type in ("int", "double"))
        if not compatible:
            failures.append(
                (
                    path,
                    f"serves {TYPE_WORDS.get(kind, 'a number')} but {first} serves "
                    f"{TYPE_WORDS.get(flag_type, 'a number')}: a flag has one type",
                )
            )
    return failures


def _text_limits(served: list[tuple[str, Any]]) -> Failures:
    """A text value may be at most ``max_string_flag_value_length`` characters long (the API refuses more)."""
    limit = LIMITS["max_string_flag_value_length"]
    failures: Failures = []
    for path, value in served:
        text, where = value, path
        if isinstance(value, Mapping) and isinstance(value.get("string_value"), str):
            text, where = value["string_value"], f"{path}.string_value"
        if isinstance(text, str) and len(text) > limit:
            failures.append((where, f"is {len(text)} characters long; a text value may have at most {limit}"))
    return failures


def check_v2(value: Any, rules: Sequence[Mapping[str, Any]]) -> Failures:
    """Checks a V2 value and its rules together; returns ``(property path, reason)`` pairs."""
    served = _served_values(value, rules)
    failures = _one_kind(served) + _text_limits(served)
    if len(rules) > LIMITS["max_targeting_rule_count"]:
        failures.append(
            ("targeting_rules", f"has {len(rules)} rules; at most {LIMITS['max_targeting_rule_count']}")
        )
    for i, rule in enumerate(rules):
        where = f"targeting_rules[{i}]"
        conditions = rule.get("conditions", [])
        if len(conditions) > LIMITS["max_condition_per_targeting_rule_count"]:
            failures.append(
                (
                    f"{where}.conditions",
                    f"has {len(conditions)} conditions; "
                    f"at most {LIMITS['max_condition_per_targeting_rule_count']}",
                )
            )
        for j, condition in enumerate(conditions):
            failures.extend(_check_condition(condition, f"{where}.conditions[{j}]"))
        if not conditions and rule.get("value") is not None:
            # The SDKs skip a rule that serves a value to everyone; that is what the flag's own value is.
            failures.append(
                (
                    f"{where}.conditions",
                    "must have at least one condition when the rule serves a value (a rule without "
                    "conditions serves percentage_options; everyone else gets the flag's value)",
                )
            )
        options = rule.get("percentage_options", [])
        if options:
            total = sum(option["percentage"] for option in options)
            if total != 100:
                failures.append(
                    (f"{where}.percentage_options", f"percentages must add up to 100, they add up to {total}")
                )
            if len(options) > LIMITS["max_percentage_option_count"]:
                failures.append(
                    (
                        f"{where}.percentage_options",
                        f"has {len(options)} options; at most {LIMITS['max_percentage_option_count']}",
                    )
                )
    return failures


def _check_condition(condition: Mapping[str, Any], where: str) -> Failures:
    user = condition.get("user_condition")
    if user is None:
        return []
    comparator, value = user["comparator"], user["comparison_value"]
    if comparator in LIST_COMPARATORS:
        needed, wanted = "list_values", "a list of strings"
    elif comparator in NUMBER_COMPARATORS:
        needed, wanted = (
            "double_value",
            "a number" + (" (Unix seconds)" if comparator.startswith("dateTime") else ""),
        )
    else:
        needed, wanted = "string_value", "a single string"
    if needed not in value:
        given = next(iter(value))
        return [
            (
                f"{where}.user_condition.comparator",
                f"{comparator!r} compares with {wanted} ({needed}), but comparison_value is a {given}; "
                f"use a comparator for a {given} or give {wanted}",
            )
        ]
    failures: Failures = []
    if needed == "list_values":
        items = value["list_values"]
        if len(items) > LIMITS["max_comparison_value_list_length"]:
            failures.append(
                (
                    f"{where}.user_condition.comparison_value.list_values",
                    f"has {len(items)} items; at most {LIMITS['max_comparison_value_list_length']}",
                )
            )
        if not items:
            failures.append(
                (f"{where}.user_condition.comparison_value.list_values", "must have at least one item")
            )
        longest = LIMITS["max_comparison_value_list_item_length"]
        for k, item in enumerate(items):
            text = item["value"]  # parsed: every item is {value, hint}
            if len(text) > longest:
                failures.append(
                    (
                        f"{where}.user_condition.comparison_value.list_values[{k}].value",
                        f"is {len(text)} characters long; a list item may have at most {longest}",
                    )
                )
    elif needed == "string_value" and len(value["string_value"]) > LIMITS["max_comparison_value_length"]:
        failures.append(
            (
                f"{where}.user_condition.comparison_value.string_value",
                f"is longer than {LIMITS['max_comparison_value_length']} characters",
            )
        )
    return failures


def check_v1(value: Any, rules: Sequence[Mapping[str, Any]], items: Sequence[Mapping[str, Any]]) -> Failures:
    """Checks a V1 value, its rollout rules and percentage items together."""
    failures: Failures = []
    if items:
        total = sum(item["percentage"] for item in items)
        if total != 100:
            failures.append(("percentage_items", f"percentages must add up to 100, they add up to {total}"))
    typed = [("value", value)] + [(f"rollout_rules[{i}].value", r["value"]) for i, r in enumerate(rules)]
    typed += [(f"percentage_items[{i}].value", item["value"]) for i, item in enumerate(items)]
    # Strings may stand for any type here ("true", "42"); only typed values can disagree with each other.
    failures.extend(_one_kind([(path, v) for path, v in typed if not isinstance(v, str)]))
    failures.extend(_text_limits(typed))
    return failures


def as_failures(failures: Failures, prefix: str = "") -> list[pulumi.dynamic.CheckFailure]:
    """``(path, reason)`` pairs as ``check`` reports them: the path after ``prefix`` (a batch's
    ``values["newCheckout"].``), and named again in the reason, so that the reason reads on its own."""
    return [
        pulumi.dynamic.CheckFailure(prefix + path, f"{prefix}{path} {reason}") for path, reason in failures
    ]
