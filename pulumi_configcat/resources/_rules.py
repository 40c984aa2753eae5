"""Flag values and their targeting: the nested inputs of ``SettingValue`` (Config V1) and ``SettingValueV2``.

Three jobs, the same for every resource that writes values:

* **Parse** (``check``): pydantic models of pulumiverse_configcat's shapes validate what the program sent.
  Their error locations are the property paths a failure names
  (``targeting_rules[1].conditions[0].user_condition.comparator``). Numbers arrive as floats, ids as ints or
  strings, values as plain scalars or ``{bool_value: ...}`` mappings; parsing keeps what the user wrote, in
  snake_case, with unset fields dropped. :func:`check_v2` and :func:`check_v1` then check what spans fields
  (comparators against comparison values, exactly-one-of, percentages, one value kind per flag).
* **Compare** (``diff``): :func:`comparable_v2` and :func:`comparable_v1` turn inputs and outputs alike into
  plain tuples, position by position, where ``3 == 3.0 == {int_value: 3}`` and a list item's hint counts.
* **Convert**: :func:`formula_body` / :func:`value_body` build the API's request from inputs, typed by the
  flag's type, and :func:`formula_outputs` / :func:`value_outputs` turn its answer into outputs of the same
  shape as the inputs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictStr,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from pulumi_configcat.resources._props import InvalidValueError, Kind, is_unknown
from pulumi_configcat.types import (
    PrerequisiteComparator,
    RolloutRuleComparator,
    SegmentComparator,
    SettingFormulaModel,
    SettingValueModel,
    UpdateComparisonValueListModel,
    UpdateComparisonValueModel,
    UpdateConditionModel,
    UpdateEvaluationFormulaModel,
    UpdatePercentageOptionModel,
    UpdatePrerequisiteFlagConditionModel,
    UpdateRolloutPercentageItemModel,
    UpdateRolloutRuleModel,
    UpdateSegmentConditionModel,
    UpdateSettingValueModel,
    UpdateTargetingRuleModel,
    UpdateUserConditionModel,
    UpdateValueModel,
    UserComparator,
    ValueModel,
)

__all__ = [
    "LIMITS",
    "PercentageItems",
    "PredefinedVariations",
    "RolloutRules",
    "Structured",
    "TargetingRules",
    "V1Value",
    "V2Value",
    "check_v1",
    "check_v2",
    "comparable_v1",
    "formula_body",
    "formula_outputs",
    "typed_value",
    "value_body",
    "value_outputs",
]

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_INT32 = (-(2**31), 2**31 - 1)
VALUE_FIELDS = ("bool_value", "string_value", "int_value", "double_value")
# The flag type each typed value field belongs to.
FIELD_TYPES = {
    "bool_value": "boolean",
    "string_value": "string",
    "int_value": "int",
    "double_value": "double",
}
TYPE_FIELDS = {flag_type: field for field, flag_type in FIELD_TYPES.items()}
TYPE_WORDS = {"boolean": "true or false", "string": "a string", "int": "a whole number", "double": "a number"}

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
STRING_COMPARATORS = frozenset(get_args(UserComparator)) - LIST_COMPARATORS - NUMBER_COMPARATORS


# --------------------------------------------------------------------------------------------------------
# Scalars, as the engine sends them.


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number(value: Any) -> float:
    if not _is_number(value) or not math.isfinite(value):
        raise ValueError(f"must be a finite number, got {value!r}")
    return value  # type: ignore[no-any-return]


def _int32(value: Any) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not _INT32[0] <= value <= _INT32[1]:
        raise ValueError(f"must be a whole number from {_INT32[0]} to {_INT32[1]}, got {_shown(value)}")
    return value


def _percentage(value: Any) -> int:
    if isinstance(value, str) and re.fullmatch(r"[0-9]+", value.strip()):
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ValueError(f"must be a whole number from 0 to 100, got {_shown(value)}")
    return value


def _uuid(value: Any) -> str:
    if not isinstance(value, str) or not _UUID.fullmatch(value):
        raise ValueError(f"must be a UUID such as 08d86d63-2726-47cd-8bfc-59608ecb91e2, got {value!r}")
    return value.lower()


def _integer_id(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and re.fullmatch(r"[0-9]+", value):
        return str(int(value))
    raise ValueError(f"must be an integer id (an int or a string of digits), got {value!r}")


def _shown(value: Any) -> str:
    """A number as the user wrote it: ``12345``, not the ``12345.0`` the wire made of it."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(value)


Number = Annotated[float, BeforeValidator(_number)]
Int32 = Annotated[int, BeforeValidator(_int32)]
Percentage = Annotated[int, BeforeValidator(_percentage)]
UuidStr = Annotated[str, BeforeValidator(_uuid)]
IntegerIdStr = Annotated[str, BeforeValidator(_integer_id)]
Attribute = Annotated[StrictStr, Field(min_length=1, max_length=1000)]


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
    if isinstance(value, bool | str) or _is_number(value):
        return value if not _is_number(value) else _number(value)
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
    if _is_number(value):
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
    value: Annotated[bool | str | float, BeforeValidator(lambda v: _number(v) if _is_number(v) else v)]

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
                "segment rule "
                "(segment_id, segment_comparator), not both"
            )
        if any(v is not None for v in segment):
            if None in segment:
                raise ValueError("a segment rule needs both segment_id and segment_comparator")
        elif None in user:
            raise ValueError(
                "needs comparison_attribute, comparator and comparison_value (a user rule), or "
                "segment_id and "
                "segment_comparator (a segment rule)"
            )
        return self


class PercentageItem(_Strict):
    """A Config V1 percentage item."""

    percentage: Percentage
    value: Annotated[bool | str | float, BeforeValidator(lambda v: _number(v) if _is_number(v) else v)]


class PredefinedVariation(_Strict):
    """One of the values a flag may serve, with a name and hint for the dashboard."""

    value: ServedValue
    name: Annotated[StrictStr, Field(max_length=255)] | None = None
    hint: Annotated[StrictStr, Field(max_length=1000)] | None = None
    # An output; accepted as an input so that refreshed state parses.
    predefined_variation_id: UuidStr | None = None


# --------------------------------------------------------------------------------------------------------
# The Kind that runs a pydantic model inside check and diff.


def _location(loc: Sequence[int | str]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part.startswith(("function-", "constrained-")) or part in ("TypedValue", "ListItem"):
            continue  # pydantic's names for validator steps and union members, not properties
        elif part in ("bool", "str", "float", "int"):
            continue
        else:
            path += f".{part}"
    return path


def _reason(error: Any) -> str:
    kind, message = error["type"], str(error["msg"])
    if kind == "extra_forbidden":
        return "is not an input here (check the spelling)"
    if kind == "missing":
        return "is required"
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    if message.startswith("Input should be"):
        message = "must be" + message[len("Input should be") :]
    return message


def _contains_unknown(value: Any) -> bool:
    if is_unknown(value):
        return True
    if isinstance(value, Mapping):
        return any(_contains_unknown(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_contains_unknown(v) for v in value)
    return False


@dataclass(frozen=True)
class Structured(Kind):
    """A nested input validated by a pydantic type; parsed to plain snake_case data, unset fields dropped.

    Attributes:
        adapter: Validates the value.
        description: What is allowed, for messages.
        to_comparable: How ``diff`` compares two parsed values.
    """

    adapter: TypeAdapter[Any]
    description: str
    to_comparable: Callable[[Any], Any]

    def parse(self, value: Any) -> Any:
        if _contains_unknown(value):
            # Part of it comes from a resource not created yet; it is checked again when it is known,
            # before anything is sent.
            return value
        try:
            parsed = self.adapter.validate_python(value)
        except ValidationError as exc:
            details = [(_location(error["loc"]), _reason(error)) for error in exc.errors()]
            raise InvalidValueError(f"must be {self.description}", details) from None
        return self.adapter.dump_python(parsed, exclude_none=True)

    def describe(self) -> str:
        return self.description

    def comparable(self, value: Any) -> Any:
        if value is None:
            return None
        try:
            return self.to_comparable(self.parse(value))
        except InvalidValueError:
            return value


def _cmp_value(value: Any) -> Any:
    """A served value as compared: ``("num", 3.0)`` for ``3``, ``3.0``, ``{int_value: 3}``."""
    if value is None or is_unknown(value):
        return value
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, str):
        return ("str", value)
    if _is_number(value):
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
    TypeAdapter(Annotated[bool | str | float, BeforeValidator(lambda v: _number(v) if _is_number(v) else v)]),
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


# --------------------------------------------------------------------------------------------------------
# Checks that span fields (run on parsed, known inputs).

Failures = list[tuple[str, str]]


def _kind(value: Any) -> str:
    """The flag type a served value implies: boolean, string, int, double, number (either) or variation."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    if _is_number(value):
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


def check_v2(value: Any, rules: Sequence[Mapping[str, Any]]) -> Failures:
    """Checks a V2 value and its rules together; returns ``(property path, reason)`` pairs."""
    failures = _one_kind(_served_values(value, rules))
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
    return failures


# --------------------------------------------------------------------------------------------------------
# To the API, typed by the flag's type.


class ValueTypeError(ValueError):
    """A value that does not fit the flag's type; the message names the property and the type."""


def typed_value(value: Any, setting_type: str, where: str) -> Any:
    """``value`` (plain, typed mapping, or V1 string) as the Python value of a ``setting_type`` flag."""
    if isinstance(value, Mapping):
        field = next((f for f in VALUE_FIELDS if value.get(f) is not None), None)
        if field is not None and FIELD_TYPES[field] != setting_type:
            raise ValueTypeError(
                f"{where} sets {field}, but the flag is of type {setting_type!r}: "
                f"use {TYPE_FIELDS[setting_type]}"
            )
        value = value[field] if field else value
    if setting_type == "boolean":
        if isinstance(value, str) and value.strip().lower() in _BOOL_WORDS:
            return _BOOL_WORDS[value.strip().lower()]
        if isinstance(value, bool):
            return value
    elif setting_type == "string":
        if isinstance(value, str):
            return value
    elif not isinstance(value, bool):
        number: Any = value
        if isinstance(value, str):
            try:
                number = float(value.strip())
            except ValueError:
                number = None
        if _is_number(number) and math.isfinite(number):
            if setting_type == "double":
                return float(number)
            if float(number).is_integer() and _INT32[0] <= number <= _INT32[1]:
                return int(number)
    raise ValueTypeError(
        f"{where} must be {TYPE_WORDS[setting_type]} for this flag of type {setting_type!r}, "
        f"got {_shown(value)}"
    )


# Go's strconv.ParseBool, which the Terraform provider uses for V1 values.
_BOOL_WORDS = {"true": True, "t": True, "1": True, "false": False, "f": False, "0": False}


def _update_value(value: Any, setting_type: str, where: str) -> UpdateValueModel:
    if isinstance(value, Mapping) and value.get("predefined_variation_id") is not None:
        return UpdateValueModel(predefined_variation_id=value["predefined_variation_id"])
    return UpdateValueModel(**{TYPE_FIELDS[setting_type]: typed_value(value, setting_type, where)})


def _prerequisite_value(value: Any, prerequisite_type: str | None, where: str) -> UpdateValueModel:
    if isinstance(value, Mapping):
        if value.get("predefined_variation_id") is not None:
            return UpdateValueModel(predefined_variation_id=value["predefined_variation_id"])
        field = next(f for f in VALUE_FIELDS if value.get(f) is not None)
        return UpdateValueModel(**{field: value[field]})
    if prerequisite_type is None:
        raise ValueTypeError(f"{where}: the prerequisite flag's type is not known")
    return _update_value(value, prerequisite_type, where)


def needs_prerequisite_types(rules: Sequence[Mapping[str, Any]]) -> set[str]:
    """Prerequisite flags compared with a plain number: their type picks int_value or double_value."""
    return {
        c["prerequisite_flag_condition"]["prerequisite_setting_id"]
        for rule in rules
        for c in rule.get("conditions", [])
        if "prerequisite_flag_condition" in c
        and _is_number(c["prerequisite_flag_condition"]["comparison_value"])
    }


def known_prerequisite_types(rules: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Prerequisite flag types that outputs reveal (the API answers with the typed field)."""
    known: dict[str, str] = {}
    for rule in rules or []:
        for condition in rule.get("conditions", []):
            prerequisite = condition.get("prerequisite_flag_condition")
            value = prerequisite and prerequisite.get("comparison_value")
            if isinstance(value, Mapping):
                field = next((f for f in VALUE_FIELDS if value.get(f) is not None), None)
                if field:
                    known[prerequisite["prerequisite_setting_id"]] = FIELD_TYPES[field]
    return known


def formula_body(
    inputs: Mapping[str, Any], setting_type: str, prerequisite_types: Mapping[str, str]
) -> UpdateEvaluationFormulaModel:
    """The V2 write: the whole formula, since the API replaces what is left out."""
    rules = []
    for i, rule in enumerate(inputs.get("targeting_rules") or []):
        where = f"targeting_rules[{i}]"
        conditions = []
        for j, condition in enumerate(rule.get("conditions", [])):
            path = f"{where}.conditions[{j}]"
            if "user_condition" in condition:
                user = condition["user_condition"]
                value = user["comparison_value"]
                conditions.append(
                    UpdateConditionModel(
                        user_condition=UpdateUserConditionModel(
                            comparison_attribute=user["comparison_attribute"],
                            comparator=user["comparator"],
                            comparison_value=UpdateComparisonValueModel(
                                string_value=value.get("string_value"),
                                double_value=value.get("double_value"),
                                list_value=None
                                if "list_values" not in value
                                else [
                                    UpdateComparisonValueListModel(value=item["value"], hint=item.get("hint"))
                                    for item in value["list_values"]
                                ],
                            ),
                        )
                    )
                )
            elif "segment_condition" in condition:
                segment = condition["segment_condition"]
                conditions.append(
                    UpdateConditionModel(
                        segment_condition=UpdateSegmentConditionModel(
                            segment_id=segment["segment_id"], comparator=segment["comparator"]
                        )
                    )
                )
            else:
                prerequisite = condition["prerequisite_flag_condition"]
                setting_id = prerequisite["prerequisite_setting_id"]
                conditions.append(
                    UpdateConditionModel(
                        prerequisite_flag_condition=UpdatePrerequisiteFlagConditionModel(
                            prerequisite_setting_id=int(setting_id),
                            comparator=prerequisite["comparator"],
                            prerequisite_comparison_value=_prerequisite_value(
                                prerequisite["comparison_value"],
                                prerequisite_types.get(setting_id),
                                f"{path}.prerequisite_flag_condition.comparison_value",
                            ),
                        )
                    )
                )
        rules.append(
            UpdateTargetingRuleModel(
                conditions=conditions,
                percentage_options=[
                    UpdatePercentageOptionModel(
                        percentage=option["percentage"],
                        value=_update_value(
                            option["value"], setting_type, f"{where}.percentage_options[{k}].value"
                        ),
                    )
                    for k, option in enumerate(rule.get("percentage_options", []))
                ],
                value=None
                if rule.get("value") is None
                else _update_value(rule["value"], setting_type, f"{where}.value"),
            )
        )
    return UpdateEvaluationFormulaModel(
        default_value=_update_value(inputs["value"], setting_type, "value"),
        targeting_rules=rules,
        percentage_evaluation_attribute=inputs.get("percentage_evaluation_attribute") or None,
    )


def _value_out(value: ValueModel) -> dict[str, Any]:
    if value.predefined_variation_id:
        return {"predefined_variation_id": value.predefined_variation_id.lower()}
    return {field: getattr(value, field) for field in VALUE_FIELDS if getattr(value, field) is not None}


def formula_outputs(formula: SettingFormulaModel) -> dict[str, Any]:
    """A V2 answer as outputs in pulumiverse's shape (the same shape inputs take)."""
    rules = []
    for rule in formula.targeting_rules:
        conditions = []
        for condition in rule.conditions:
            if condition.user_condition is not None:
                user = condition.user_condition
                value = user.comparison_value
                comparison: dict[str, Any] = {}
                if value.list_value is not None:
                    comparison["list_values"] = [
                        {"value": item.value, **({"hint": item.hint} if item.hint else {})}
                        for item in value.list_value
                    ]
                elif value.double_value is not None:
                    comparison["double_value"] = value.double_value
                else:
                    comparison["string_value"] = value.string_value
                conditions.append(
                    {
                        "user_condition": {
                            "comparison_attribute": user.comparison_attribute,
                            "comparator": user.comparator,
                            "comparison_value": comparison,
                        }
                    }
                )
            elif condition.segment_condition is not None:
                segment = condition.segment_condition
                conditions.append(
                    {
                        "segment_condition": {
                            "segment_id": segment.segment_id.lower(),
                            "comparator": segment.comparator,
                        }
                    }
                )
            elif condition.prerequisite_flag_condition is not None:
                prerequisite = condition.prerequisite_flag_condition
                conditions.append(
                    {
                        "prerequisite_flag_condition": {
                            "prerequisite_setting_id": str(prerequisite.prerequisite_setting_id),
                            "comparator": prerequisite.comparator,
                            "comparison_value": _value_out(prerequisite.prerequisite_comparison_value),
                        }
                    }
                )
        out: dict[str, Any] = {"conditions": conditions}
        if rule.percentage_options:
            out["percentage_options"] = [
                {"percentage": option.percentage, "value": _value_out(option.value)}
                for option in rule.percentage_options
            ]
        if rule.value is not None:
            out["value"] = _value_out(rule.value)
        rules.append(out)
    return {
        "value": _value_out(formula.default_value),
        "targeting_rules": rules,
        "percentage_evaluation_attribute": formula.percentage_evaluation_attribute or None,
        "setting_type": formula.setting.setting_type,
    }


# --------------------------------------------------------------------------------------------------------
# Config V1.


def format_v1(value: Any) -> str:
    """A V1 value as pulumiverse's string output: ``true``, ``42``, ``2.31`` (``5.0`` is ``5``, as in Go)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if _is_number(value):
        return _shown(float(value)) if float(value).is_integer() else repr(float(value))
    return str(value)


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
        if _contains_unknown(rules)
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
        if _contains_unknown(items)
        else [(int(item["percentage"]), typed(item.get("value"))) for item in items or []],
    }


def value_body(inputs: Mapping[str, Any], setting_type: str) -> UpdateSettingValueModel:
    """The V1 write: value, rollout rules and percentage items, all of them."""
    return UpdateSettingValueModel(
        value=typed_value(inputs["value"], setting_type, "value"),
        rollout_rules=[
            UpdateRolloutRuleModel(
                comparison_attribute=rule.get("comparison_attribute"),
                comparator=rule.get("comparator"),
                comparison_value=rule.get("comparison_value"),
                segment_comparator=rule.get("segment_comparator"),
                segment_id=rule.get("segment_id"),
                value=typed_value(rule["value"], setting_type, f"rollout_rules[{i}].value"),
            )
            for i, rule in enumerate(inputs.get("rollout_rules") or [])
        ],
        rollout_percentage_items=[
            UpdateRolloutPercentageItemModel(
                percentage=int(item["percentage"]),
                value=typed_value(item["value"], setting_type, f"percentage_items[{i}].value"),
            )
            for i, item in enumerate(inputs.get("percentage_items") or [])
        ],
    )


def value_outputs(value: SettingValueModel) -> dict[str, Any]:
    """A V1 answer as outputs in pulumiverse's shape: values and percentages as strings."""
    rules = []
    for rule in value.rollout_rules:
        if rule.segment_id:
            out = {"segment_id": rule.segment_id.lower(), "segment_comparator": rule.segment_comparator}
        else:
            out = {
                "comparison_attribute": rule.comparison_attribute,
                "comparator": rule.comparator,
                "comparison_value": rule.comparison_value,
            }
        rules.append({**out, "value": format_v1(rule.value)})
    return {
        "value": format_v1(value.value),
        "rollout_rules": rules,
        "percentage_items": [
            {"percentage": str(item.percentage), "value": format_v1(item.value)}
            for item in value.rollout_percentage_items
        ],
        "setting_type": value.setting.setting_type,
    }
