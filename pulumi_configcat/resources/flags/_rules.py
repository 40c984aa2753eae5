"""The flag inputs as resource properties: each a :class:`~pulumi_configcat.resources._structured.Structured`
kind over the shapes of :mod:`._targeting` (Config V2); Config V1's are :mod:`._rules_v1`, apart so that a
V2 value's provider imports nothing of V1.

A kind parses an input with its shape (``check``), and says what ``diff`` compares: the shape's own
``comparable()``.
"""

import re
from collections.abc import Callable, Mapping
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StrictStr

from pulumi_configcat.resources._structured import Shape, Structured
from pulumi_configcat.resources.flags._conditions import drop_nones
from pulumi_configcat.resources.flags._scalars import UuidStr, shown
from pulumi_configcat.resources.flags._served import ServedValue, comparable_value
from pulumi_configcat.resources.flags._targeting import FlagValueV2, TargetingRule

__all__ = [
    "V1_ENTRY",
    "FlagRef",
    "FlagValuesV2",
    "PredefinedVariations",
    "TargetingRules",
    "V2Value",
]


class PredefinedVariation(Shape):
    """One of the values a flag may serve, with a name and hint for the dashboard."""

    value: ServedValue
    name: Annotated[StrictStr, Field(max_length=255)] | None = None
    hint: Annotated[StrictStr, Field(max_length=1000)] | None = None
    # An output; accepted as an input so that refreshed state parses.
    predefined_variation_id: UuidStr | None = None

    def comparable(self) -> Any:
        return (comparable_value(self.value), self.name or None, self.hint or None)


# A flag named in a batch mapping: its setting id, or its key (the API's key rule).
_FLAG_KEY = re.compile(r"[a-zA-Z]+[a-zA-Z0-9_-]*")


def _flag_ref(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    # ASCII digits only: str.isdigit also takes superscripts and other scripts' digits.
    if isinstance(value, str) and re.fullmatch(r"[0-9]+", value):
        return str(int(value))
    if isinstance(value, str) and _FLAG_KEY.fullmatch(value):
        return value
    raise ValueError(f"must be a flag's setting id or its key, got {shown(value)}")


FlagRef = Annotated[str, BeforeValidator(_flag_ref)]
_V2_ENTRY_KEYS = {"value", "targeting_rules", "percentage_evaluation_attribute"}
_V1_ENTRY_KEYS = {"value", "rollout_rules", "percentage_items"}


def _entry(keys: set[str]) -> Callable[[Any], Any]:
    """A plain value stands for ``{"value": it}``; a mapping with a value key is an entry.

    An entry as the lookups give it (``get_config_values_v2(...).values``) carries the flag's
    ``setting_type``: taken and dropped, since the flag's own type decides, and a value that does not fit it
    is refused when written.
    """

    def wrap(value: Any) -> Any:
        if isinstance(value, Mapping) and keys & set(value):
            return drop_nones({k: v for k, v in value.items() if k != "setting_type"})
        return {"value": value}

    return wrap


# A Config V1 batch's entry (:mod:`._rules_v1`): a plain value, or {value, rollout_rules, percentage_items}.
V1_ENTRY = BeforeValidator(_entry(_V1_ENTRY_KEYS))


V2Value = Structured(
    ServedValue,
    "true/false, a string, a number, or a mapping with exactly one of bool_value, string_value, int_value, "
    "double_value, predefined_variation_id",
    comparable_value,
)
TargetingRules = Structured(
    list[Annotated[TargetingRule, BeforeValidator(drop_nones)]],
    "a list of targeting rules, each with conditions and a value or percentage_options",
    lambda rules: tuple(rule.comparable() for rule in rules),
)
PredefinedVariations = Structured(
    list[Annotated[PredefinedVariation, BeforeValidator(drop_nones)]],
    "a list of predefined variations, each {value, name, hint}",
    lambda variations: tuple(variation.comparable() for variation in variations),
)
FlagValuesV2 = Structured(
    dict[FlagRef, Annotated[FlagValueV2, BeforeValidator(_entry(_V2_ENTRY_KEYS))]],
    "a mapping of flag (setting id or key) to its value, or to {value, targeting_rules, "
    "percentage_evaluation_attribute}",
    lambda values: {flag: entry.comparable() for flag, entry in values.items()},
    keyed=True,
)
