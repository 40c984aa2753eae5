"""What a flag's checks share: the failures they report, the largest plan's limits, and the checks of the
values a flag serves (one type per flag, text length), which span a value and all its rules.

Each shape checks itself (:mod:`._targeting`, :mod:`._rollout`) on parsed, known inputs and returns
``(property path, reason)`` pairs; :func:`as_failures` makes them what ``check`` reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi.dynamic

from pulumi_configcat.resources.flags._scalars import (
    FIELD_TYPES,
    TYPE_WORDS,
    VALUE_FIELDS,
    is_number,
)

__all__ = ["LIMITS", "Failures", "as_failures", "one_kind", "text_limits"]

Failures = list[tuple[str, str]]

# The largest of featureFlagLimitations on any plan (what the API answers with on the biggest subscription);
# a write is also checked against the limits the API reports for the account, where the provider reads them.
LIMITS = {
    "max_targeting_rule_count": 100,
    "max_condition_per_targeting_rule_count": 100,
    "max_percentage_option_count": 100,
    "max_comparison_value_length": 65535,
    "max_comparison_value_list_length": 1000,
    "max_comparison_value_list_item_length": 65535,
    "max_string_flag_value_length": 100000,
}


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


def one_kind(served: list[tuple[str, Any]]) -> Failures:
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


def text_limits(served: list[tuple[str, Any]]) -> Failures:
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


def as_failures(failures: Failures, prefix: str = "") -> list[pulumi.dynamic.CheckFailure]:
    """``(path, reason)`` pairs as ``check`` reports them: the path after ``prefix`` (a batch's
    ``values["newCheckout"].``), and named again in the reason, so that the reason reads on its own."""
    return [
        pulumi.dynamic.CheckFailure(prefix + path, f"{prefix}{path} {reason}") for path, reason in failures
    ]
