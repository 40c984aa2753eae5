"""Config V1's flag inputs as resource properties, over the shapes of :mod:`._rollout`.

Config V1 values compare raw here: they compare as each flag's type makes them
(:func:`._rollout.comparable_v1`), which only the provider, knowing the flag's type, can do.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator

from pulumi_configcat.resources._structured import Structured
from pulumi_configcat.resources.flags._conditions import drop_nones
from pulumi_configcat.resources.flags._rollout import FlagValueV1, PercentageItem, RolloutRule
from pulumi_configcat.resources.flags._rules import V1_ENTRY, FlagRef
from pulumi_configcat.resources.flags._scalars import V1Scalar

__all__ = ["FlagValuesV1", "PercentageItems", "RolloutRules", "V1Value"]


def _raw(value: Any) -> Any:
    return value


V1Value = Structured(
    V1Scalar,
    "the value as a string (as pulumiverse: 'true', '42', '3.5', 'text'), or true/false or a number",
    _raw,
)
RolloutRules = Structured(
    list[Annotated[RolloutRule, BeforeValidator(drop_nones)]],
    "a list of rollout rules, each {comparison_attribute, comparator, comparison_value, value} or "
    "{segment_id, segment_comparator, value}",
    _raw,
)
PercentageItems = Structured(
    list[Annotated[PercentageItem, BeforeValidator(drop_nones)]],
    "a list of percentage items, each {percentage, value}",
    _raw,
)
FlagValuesV1 = Structured(
    dict[FlagRef, Annotated[FlagValueV1, V1_ENTRY]],
    "a mapping of flag (setting id or key) to its value, or to {value, rollout_rules, percentage_items}",
    _raw,
    keyed=True,
)
