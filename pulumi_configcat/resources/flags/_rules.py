"""Flag values and their targeting: the nested inputs of ``SettingValue`` (Config V1) and ``SettingValueV2``.

Three jobs, the same for every resource that writes values:

* **Parse** (``check``): pydantic models of pulumiverse_configcat's shapes validate what the program sent.
  Their error locations are the property paths a failure names
  (``targeting_rules[1].conditions[0].user_condition.comparator``). Numbers arrive as floats, ids as ints or
  strings, values as plain scalars or ``{bool_value: ...}`` mappings; parsing keeps what the user wrote, in
  snake_case, with unset fields dropped. :func:`check_v2` and :func:`check_v1` then check what spans fields
  (comparators against comparison values, exactly-one-of, percentages, one value kind per flag): those live
  in :mod:`._checks`.
* **Compare** (``diff``): each :class:`Structured` kind (and :func:`comparable_v1` for Config V1 values, which
  need the flag's type) turns inputs and outputs alike into plain tuples, position by position, where
  ``3 == 3.0 == {int_value: 3}`` and a list item's hint counts.
* **Type**: :func:`typed_value` reads a value as a flag type wants it (``"5"`` for an int flag is ``5``), so
  that :mod:`._formulas` can build the API's requests and a wrong type is named with its property.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictStr,
    TypeAdapter,
    model_validator,
)

from pulumi_configcat.resources._props import contains_unknown, is_unknown
from pulumi_configcat.resources._structured import Structured
from pulumi_configcat.resources.flags._scalars import (
    VALUE_FIELDS,
    Attribute,
    Int32,
    IntegerIdStr,
    Number,
    Percentage,
    UuidStr,
    V1Scalar,
    ValueTypeError,
    finite_number,
    is_number,
    shown,
    typed_value,
    v1_number_ok,
)
from pulumi_configcat.types import (
    PrerequisiteComparator,
    RolloutRuleComparator,
    SegmentComparator,
    UserComparator,
)

__all__ = [
    "LIMITS",
    "LIST_COMPARATORS",
    "NUMBER_COMPARATORS",
    "FlagValuesV1",
    "FlagValuesV2",
    "PercentageItems",
    "PredefinedVariations",
    "RolloutRules",
    "TargetingRules",
    "V1Value",
    "V2Value",
    "comparable_v1",
]


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

# User comparators by the kind of comparison value they take (the API's rule: "ListValue field must be set").
LIST_COMPARATORS = frozenset(
    c for c in get_args(UserComparator) if c.endswith(("OneOf", "AnyOf")) or c.startswith("sensitiveArray")
)
NUMBER_COMPARATORS = frozenset(c for c in get_args(UserComparator) if c.startswith(("number", "dateTime")))


class _Strict(BaseModel):
    """A nested input: unknown fields are refused, so a typo is not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------------------------------------
# Served values: a plain scalar or exactly one typed field (pulumiverse's {bool_value | ... }).


class TypedValue(_Strict):
    """A value in pulumiverse's shape: exactly one field set."""

    bool_value: bool | None = Field(default=None, strict=True)
    string_value: StrictStr | None = None
    int_value: Int32 | None = None
    double_value: Number | None = None
    predefined_variation_id: UuidStr | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> TypedValue:
        count = sum(getattr(self, name) is not None for name in (*VALUE_FIELDS, "predefined_variation_id"))
        if count != 1:
            raise ValueError(
                "must set exactly one of bool_value, string_value, int_value, double_value or "
                f"predefined_variation_id, got {count}"
            )
        return self


def _plain_or_typed(value: Any) -> Any:
    if isinstance(value, bool | str) or is_number(value):
        return value if not is_number(value) else finite_number(value)
    if isinstance(value, Mapping):
        # The API's answers spell every field, unset ones as null; a typed value sets one of them.
        return TypedValue.model_validate({k: v for k, v in value.items() if v is not None})
    raise ValueError(
        "must be true/false, a string, a number, or a mapping with exactly one of bool_value, "
        f"string_value, int_value, double_value, predefined_variation_id; got {type(value).__name__}"
    )


ServedValue = Annotated[bool | str | float | TypedValue, BeforeValidator(_plain_or_typed)]


class ListItem(_Strict):
    """One item of a list comparison value."""

    value: StrictStr
    hint: Annotated[StrictStr, Field(max_length=1500)] | None = None


def _list_item(value: Any) -> Any:
    return {"value": value} if isinstance(value, str) else value


class ComparisonValue(_Strict):
    """What a user attribute is compared with: exactly one of a string, a number or a list."""

    string_value: StrictStr | None = None
    double_value: Number | None = None
    list_values: list[Annotated[ListItem, BeforeValidator(_list_item)]] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> ComparisonValue:
        count = sum(v is not None for v in (self.string_value, self.double_value, self.list_values))
        if count != 1:
            raise ValueError(
                f"must set exactly one of string_value, double_value or list_values, got {count}"
            )
        return self


def _plain_comparison(value: Any) -> Any:
    if isinstance(value, str):
        return {"string_value": value}
    if is_number(value):
        return {"double_value": value}
    if isinstance(value, list | tuple):
        return {"list_values": list(value)}
    if isinstance(value, Mapping):
        return {k: v for k, v in value.items() if v is not None}
    return value


class UserCondition(_Strict):
    """Compares a user attribute with a value."""

    comparison_attribute: Attribute
    comparator: UserComparator
    comparison_value: Annotated[ComparisonValue, BeforeValidator(_plain_comparison)]


class SegmentCondition(_Strict):
    """Whether the user is in a segment."""

    segment_id: UuidStr
    comparator: SegmentComparator


class PrerequisiteFlagCondition(_Strict):
    """Compares another flag's value (in the same config) with a value."""

    prerequisite_setting_id: IntegerIdStr
    comparator: PrerequisiteComparator
    comparison_value: ServedValue


def _drop_nones(value: Any) -> Any:
    return {k: v for k, v in value.items() if v is not None} if isinstance(value, Mapping) else value


class Condition(_Strict):
    """One condition of a targeting rule: exactly one of the three kinds."""

    user_condition: UserCondition | None = None
    segment_condition: SegmentCondition | None = None
    prerequisite_flag_condition: PrerequisiteFlagCondition | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Condition:
        count = sum(
            c is not None
            for c in (self.user_condition, self.segment_condition, self.prerequisite_flag_condition)
        )
        if count != 1:
            raise ValueError(
                "must set exactly one of user_condition, segment_condition or prerequisite_flag_condition, "
                f"got {count}"
            )
        return self


class PercentageOption(_Strict):
    """A share of users, by a hash of the percentage evaluation attribute, and the value they get."""

    percentage: Percentage
    value: ServedValue


class TargetingRule(_Strict):
    """Conditions (ANDed), then exactly one of a value or percentage options."""

    conditions: list[Annotated[Condition, BeforeValidator(_drop_nones)]] = Field(default_factory=list)
    percentage_options: list[Annotated[PercentageOption, BeforeValidator(_drop_nones)]] = Field(
        default_factory=list
    )
    value: ServedValue | None = None

    @model_validator(mode="after")
    def _value_or_options(self) -> TargetingRule:
        if (self.value is None) == (not self.percentage_options):
            raise ValueError("must set exactly one of value or percentage_options")
        return self


class RolloutRule(_Strict):
    """A Config V1 targeting rule: a user attribute comparison or a segment, and the value it serves.

    Empty strings count as unset, as in the Terraform provider (whose read fills the other family with "").
    """

    comparison_attribute: Attribute | None = None
    comparator: RolloutRuleComparator | None = None
    comparison_value: Annotated[StrictStr, Field(min_length=1, max_length=65535)] | None = None
    segment_comparator: SegmentComparator | None = None
    segment_id: UuidStr | None = None
    value: V1Scalar

    @model_validator(mode="before")
    @classmethod
    def _empty_is_unset(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            return {k: v for k, v in data.items() if (v is not None and v != "") or k == "value"}
        return data

    @model_validator(mode="after")
    def _one_family(self) -> RolloutRule:
        user = [self.comparison_attribute, self.comparator, self.comparison_value]
        segment = [self.segment_id, self.segment_comparator]
        if any(v is not None for v in user) and any(v is not None for v in segment):
            raise ValueError(
                "is either a user rule (comparison_attribute, comparator, comparison_value) or a "
                "segment rule (segment_id, segment_comparator), not both"
            )
        if any(v is not None for v in segment):
            if None in segment:
                raise ValueError("a segment rule needs both segment_id and segment_comparator")
        elif None in user:
            raise ValueError(
                "needs comparison_attribute, comparator and comparison_value (a user rule), or "
                "segment_id and segment_comparator (a segment rule)"
            )
        elif not v1_number_ok(self.comparator, self.comparison_value):
            raise ValueError(f"{self.comparator} compares with a number, got {self.comparison_value!r}")
        return self


class PercentageItem(_Strict):
    """A Config V1 percentage item."""

    percentage: Percentage
    value: V1Scalar


class PredefinedVariation(_Strict):
    """One of the values a flag may serve, with a name and hint for the dashboard."""

    value: ServedValue
    name: Annotated[StrictStr, Field(max_length=255)] | None = None
    hint: Annotated[StrictStr, Field(max_length=1000)] | None = None
    # An output; accepted as an input so that refreshed state parses.
    predefined_variation_id: UuidStr | None = None


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


class FlagValueV2(_Strict):
    """One flag's value in a batch (``ConfigValuesV2``): as ``SettingValueV2`` takes it."""

    value: ServedValue
    targeting_rules: list[Annotated[TargetingRule, BeforeValidator(_drop_nones)]] = Field(
        default_factory=list
    )
    percentage_evaluation_attribute: Attribute | None = None


class FlagValueV1(_Strict):
    """One flag's value in a batch (``ConfigValues``): as ``SettingValue`` takes it."""

    value: V1Scalar
    rollout_rules: list[Annotated[RolloutRule, BeforeValidator(_drop_nones)]] = Field(default_factory=list)
    percentage_items: list[Annotated[PercentageItem, BeforeValidator(_drop_nones)]] = Field(
        default_factory=list
    )


def _entry(keys: set[str]) -> Callable[[Any], Any]:
    """A plain value stands for ``{"value": it}``; a mapping with a value key is an entry.

    An entry as the lookups give it (``get_config_values_v2(...).values``) carries the flag's
    ``setting_type``: taken and dropped, since the flag's own type decides, and a value that does not fit it
    is refused when written.
    """

    def wrap(value: Any) -> Any:
        if isinstance(value, Mapping) and keys & set(value):
            return _drop_nones({k: v for k, v in value.items() if k != "setting_type"})
        return {"value": value}

    return wrap


def _cmp_value(value: Any) -> Any:
    """A served value as compared: ``("num", 3.0)`` for ``3``, ``3.0``, ``{int_value: 3}``."""
    if value is None or is_unknown(value):
        return value
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, str):
        return ("str", value)
    if is_number(value):
        return ("num", float(value))
    if value.get("predefined_variation_id") is not None:
        return ("pv", value["predefined_variation_id"].lower())
    for field in VALUE_FIELDS:
        if value.get(field) is not None:
            return _cmp_value(value[field])
    return value


def _cmp_comparison(value: Mapping[str, Any]) -> Any:
    if value.get("list_values") is not None:
        return ("list", tuple((item["value"], item.get("hint") or None) for item in value["list_values"]))
    if value.get("double_value") is not None:
        return ("num", float(value["double_value"]))
    return ("str", value.get("string_value"))


def _cmp_condition(condition: Mapping[str, Any]) -> Any:
    if "user_condition" in condition:
        user = condition["user_condition"]
        return (
            "user",
            user["comparison_attribute"],
            user["comparator"],
            _cmp_comparison(user["comparison_value"]),
        )
    if "segment_condition" in condition:
        segment = condition["segment_condition"]
        return ("segment", segment["segment_id"].lower(), segment["comparator"])
    prerequisite = condition["prerequisite_flag_condition"]
    return (
        "prerequisite",
        int(prerequisite["prerequisite_setting_id"]),
        prerequisite["comparator"],
        _cmp_value(prerequisite["comparison_value"]),
    )


def _cmp_rules(rules: Sequence[Mapping[str, Any]]) -> Any:
    return tuple(
        (
            tuple(_cmp_condition(c) for c in rule.get("conditions", [])),
            tuple((o["percentage"], _cmp_value(o["value"])) for o in rule.get("percentage_options", [])),
            _cmp_value(rule.get("value")),
        )
        for rule in rules
    )


def _cmp_variations(variations: Sequence[Mapping[str, Any]]) -> Any:
    return tuple((_cmp_value(v["value"]), v.get("name") or None, v.get("hint") or None) for v in variations)


V2Value = Structured(
    TypeAdapter(ServedValue),
    "true/false, a string, a number, or a mapping with exactly one of bool_value, string_value, int_value, "
    "double_value, predefined_variation_id",
    _cmp_value,
)
TargetingRules = Structured(
    TypeAdapter(list[Annotated[TargetingRule, BeforeValidator(_drop_nones)]]),
    "a list of targeting rules, each with conditions and a value or percentage_options",
    _cmp_rules,
)
PredefinedVariations = Structured(
    TypeAdapter(list[Annotated[PredefinedVariation, BeforeValidator(_drop_nones)]]),
    "a list of predefined variations, each {value, name, hint}",
    _cmp_variations,
)
# Config V1: values compare as the flag's type makes them (see comparable_v1), so here they compare raw.
V1Value = Structured(
    TypeAdapter(V1Scalar),
    "the value as a string (as pulumiverse: 'true', '42', '3.5', 'text'), or true/false or a number",
    lambda value: value,
)
RolloutRules = Structured(
    TypeAdapter(list[Annotated[RolloutRule, BeforeValidator(_drop_nones)]]),
    "a list of rollout rules, each {comparison_attribute, comparator, comparison_value, value} or "
    "{segment_id, segment_comparator, value}",
    lambda rules: rules,
)
PercentageItems = Structured(
    TypeAdapter(list[Annotated[PercentageItem, BeforeValidator(_drop_nones)]]),
    "a list of percentage items, each {percentage, value}",
    lambda items: items,
)


def _cmp_flag_values_v2(values: Mapping[str, Mapping[str, Any]]) -> Any:
    return {
        flag: (
            _cmp_value(entry["value"]),
            _cmp_rules(entry.get("targeting_rules", [])),
            entry.get("percentage_evaluation_attribute") or None,
        )
        for flag, entry in values.items()
    }


FlagValuesV2 = Structured(
    TypeAdapter(dict[FlagRef, Annotated[FlagValueV2, BeforeValidator(_entry(_V2_ENTRY_KEYS))]]),
    "a mapping of flag (setting id or key) to its value, or to {value, targeting_rules, "
    "percentage_evaluation_attribute}",
    _cmp_flag_values_v2,
    keyed=True,
)
# Config V1 values compare as each flag's type makes them (see comparable_v1), so here they compare raw.
FlagValuesV1 = Structured(
    TypeAdapter(dict[FlagRef, Annotated[FlagValueV1, BeforeValidator(_entry(_V1_ENTRY_KEYS))]]),
    "a mapping of flag (setting id or key) to its value, or to {value, rollout_rules, percentage_items}",
    lambda values: values,
    keyed=True,
)


# --------------------------------------------------------------------------------------------------------
# Config V1.


def comparable_v1(inputs: Mapping[str, Any], setting_type: str | None) -> dict[str, Any]:
    """The V1 value inputs as ``diff`` compares them, each value read as the flag's type."""

    def typed(value: Any) -> Any:
        if setting_type is None or value is None or is_unknown(value):
            return value
        try:
            return (setting_type, typed_value(value, setting_type, ""))
        except ValueTypeError:
            return ("invalid", value)

    rules = inputs.get("rollout_rules")
    items = inputs.get("percentage_items")
    return {
        "value": typed(inputs.get("value")),
        "rollout_rules": rules
        if contains_unknown(rules)
        else [
            (
                rule.get("comparison_attribute") or None,
                rule.get("comparator") or None,
                rule.get("comparison_value") or None,
                rule.get("segment_comparator") or None,
                (rule.get("segment_id") or "").lower() or None,
                typed(rule.get("value")),
            )
            for rule in rules or []
        ],
        "percentage_items": items
        if contains_unknown(items)
        else [(int(item["percentage"]), typed(item.get("value"))) for item in items or []],
    }
