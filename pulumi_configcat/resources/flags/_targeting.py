"""Config V2 targeting, one class per shape, each the one home of what it is.

A shape (a user condition, a percentage option, a targeting rule, a flag's whole value) is a pydantic model of
pulumiverse_configcat's shape, and it

* **parses** itself: its validators refuse what cannot be one (error locations are the property paths
  ``check`` names, ``targeting_rules[1].conditions[0].user_condition.comparator``);
* **checks** what spans its fields (:meth:`check`, ``(path, reason)`` pairs, e.g. a comparator against its
  comparison value);
* **compares** itself for ``diff`` (:meth:`comparable`: plain tuples where ``3 == 3.0 == {int_value: 3}``);
* **converts** itself to the API's request (:meth:`to_api`) and from the API's answer (:meth:`from_api`, the
  outputs, in the same shape inputs take, so that a refresh compares directly with the program).

Adding a field to a shape is a field here, in ``_inputs.py`` (the typed Args) and in the wire models.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, get_args

from pydantic import BeforeValidator, Field, StrictStr, model_validator
from pydantic.fields import FieldInfo

from pulumi_configcat.resources.flags._checks import LIMITS, Failures, one_kind, text_limits
from pulumi_configcat.resources.flags._scalars import (
    FIELD_TYPES,
    VALUE_FIELDS,
    Attribute,
    IntegerIdStr,
    Number,
    Percentage,
    UuidStr,
    is_number,
)
from pulumi_configcat.resources.flags._served import (
    SERVED,
    ServedValue,
    Shape,
    TypedValue,
    comparable_value,
    plain,
    prerequisite_value,
    update_value,
    value_out,
)
from pulumi_configcat.types import (
    ApiModel,
    ComparisonValueModel,
    ConditionModel,
    ConfigSettingFormulaModel,
    PercentageOptionModel,
    PrerequisiteComparator,
    PrerequisiteFlagConditionModel,
    SegmentComparator,
    SegmentConditionModel,
    SettingFormulaModel,
    TargetingRuleModel,
    UpdateComparisonValueListModel,
    UpdateComparisonValueModel,
    UpdateConditionModel,
    UpdateEvaluationFormulaModel,
    UpdatePercentageOptionModel,
    UpdatePrerequisiteFlagConditionModel,
    UpdateSegmentConditionModel,
    UpdateTargetingRuleModel,
    UpdateUserConditionModel,
    UserComparator,
    UserConditionModel,
)

__all__ = [
    "LIST_COMPARATORS",
    "NUMBER_COMPARATORS",
    "Condition",
    "FlagValueV2",
    "TargetingRule",
    "Writing",
    "drop_nones",
    "formula_body",
    "formula_outputs",
    "known_prerequisite_types",
    "needs_prerequisite_types",
]

# User comparators by the kind of comparison value they take (the API's rule: "ListValue field must be set").
LIST_COMPARATORS = frozenset(
    c for c in get_args(UserComparator) if c.endswith(("OneOf", "AnyOf")) or c.startswith("sensitiveArray")
)
NUMBER_COMPARATORS = frozenset(c for c in get_args(UserComparator) if c.startswith(("number", "dateTime")))


@dataclass(frozen=True)
class Writing:
    """What a write needs to know beyond the shapes: the flag's type and its prerequisites' types."""

    setting_type: str
    prerequisite_types: Mapping[str, str]


def drop_nones(value: Any) -> Any:
    """A mapping without its unset (None) fields, as a shape parses it."""
    return {k: v for k, v in value.items() if v is not None} if isinstance(value, Mapping) else value


class Targeting(Shape):
    """A Config V2 shape. By default it compares field by field and is sent as its :attr:`request` with the
    same fields (renamed by :attr:`api_names`), served values read as the flag's type: a new plain field
    needs no more than its declaration here."""

    request: ClassVar[type[ApiModel]]
    api_names: ClassVar[Mapping[str, str]] = {}

    def comparable(self) -> Any:
        return tuple(_compared(getattr(self, name)) for name in type(self).model_fields)

    def to_api(self, writing: Writing, where: str) -> Any:
        fields = type(self).model_fields.items()
        return self.request(
            **{
                self.api_names.get(name, name): _to_api(
                    getattr(self, name), _served(info), writing, f"{where}.{name}"
                )
                for name, info in fields
            }
        )


def _served(info: FieldInfo) -> bool:
    """Whether a field holds a served value (``ServedValue``, or ``ServedValue | None``)."""
    return SERVED in info.metadata or any(
        SERVED in getattr(arg, "__metadata__", ()) for arg in get_args(info.annotation)
    )


def _compared(value: Any) -> Any:
    """A field as ``diff`` compares it: an empty text is no text, a number is a float, a value is what it
    serves (``3 == 3.0 == {int_value: 3}``)."""
    if isinstance(value, Targeting | TypedValue):
        return value.comparable()
    if isinstance(value, list):
        return tuple(_compared(item) for item in value)
    return None if value == "" else comparable_value(value)


def _to_api(value: Any, served: bool, writing: Writing, where: str) -> Any:
    if isinstance(value, Targeting):
        return value.to_api(writing, where)
    if isinstance(value, list):
        return [_to_api(item, served, writing, f"{where}[{i}]") for i, item in enumerate(value)]
    if value is not None and served:
        return update_value(value, writing.setting_type, where)
    return value


class ListItem(Targeting):
    """One item of a list comparison value."""

    request = UpdateComparisonValueListModel

    value: StrictStr
    hint: Annotated[StrictStr, Field(max_length=1500)] | None = None


def _list_item(value: Any) -> Any:
    return {"value": value} if isinstance(value, str) else value


class ComparisonValue(Targeting):
    """What a user attribute is compared with: exactly one of a string, a number or a list."""

    request = UpdateComparisonValueModel
    api_names: ClassVar[Mapping[str, str]] = {"list_values": "list_value"}

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

    @staticmethod
    def from_api(value: ComparisonValueModel) -> dict[str, Any]:
        if value.list_value is not None:
            return {
                "list_values": [
                    {"value": item.value, **({"hint": item.hint} if item.hint else {})}
                    for item in value.list_value
                ]
            }
        if value.double_value is not None:
            return {"double_value": value.double_value}
        return {"string_value": value.string_value}


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


class UserCondition(Targeting):
    """Compares a user attribute with a value."""

    request = UpdateUserConditionModel

    comparison_attribute: Attribute
    comparator: UserComparator
    comparison_value: Annotated[ComparisonValue, BeforeValidator(_plain_comparison)]

    def check(self, where: str) -> Failures:
        comparator, value = self.comparator, self.comparison_value
        if comparator in LIST_COMPARATORS:
            needed, wanted = "list_values", "a list of strings"
        elif comparator in NUMBER_COMPARATORS:
            needed, wanted = (
                "double_value",
                "a number" + (" (Unix seconds)" if comparator.startswith("dateTime") else ""),
            )
        else:
            needed, wanted = "string_value", "a single string"
        if getattr(value, needed) is None:
            given = next(
                name
                for name in ("string_value", "double_value", "list_values")
                if getattr(value, name) is not None
            )
            return [
                (
                    f"{where}.comparator",
                    f"{comparator!r} compares with {wanted} ({needed}), but comparison_value is a {given}; "
                    f"use a comparator for a {given} or give {wanted}",
                )
            ]
        failures: Failures = []
        if value.list_values is not None:
            items = value.list_values
            if len(items) > LIMITS["max_comparison_value_list_length"]:
                failures.append(
                    (
                        f"{where}.comparison_value.list_values",
                        f"has {len(items)} items; at most {LIMITS['max_comparison_value_list_length']}",
                    )
                )
            if not items:
                failures.append((f"{where}.comparison_value.list_values", "must have at least one item"))
            longest = LIMITS["max_comparison_value_list_item_length"]
            for k, item in enumerate(items):
                if len(item.value) > longest:
                    failures.append(
                        (
                            f"{where}.comparison_value.list_values[{k}].value",
                            f"is {len(item.value)} characters long; a list item may have at most {longest}",
                        )
                    )
        elif (
            value.string_value is not None and len(value.string_value) > LIMITS["max_comparison_value_length"]
        ):
            failures.append(
                (
                    f"{where}.comparison_value.string_value",
                    f"is longer than {LIMITS['max_comparison_value_length']} characters",
                )
            )
        return failures

    @staticmethod
    def from_api(user: UserConditionModel) -> dict[str, Any]:
        return {
            "comparison_attribute": user.comparison_attribute,
            "comparator": user.comparator,
            "comparison_value": ComparisonValue.from_api(user.comparison_value),
        }


class SegmentCondition(Targeting):
    """Whether the user is in a segment."""

    request = UpdateSegmentConditionModel

    segment_id: UuidStr
    comparator: SegmentComparator

    @staticmethod
    def from_api(segment: SegmentConditionModel) -> dict[str, Any]:
        return {"segment_id": segment.segment_id.lower(), "comparator": segment.comparator}


class PrerequisiteFlagCondition(Targeting):
    """Compares another flag's value (in the same config) with a value."""

    prerequisite_setting_id: IntegerIdStr
    comparator: PrerequisiteComparator
    comparison_value: ServedValue

    def to_api(self, writing: Writing, where: str) -> UpdatePrerequisiteFlagConditionModel:
        return UpdatePrerequisiteFlagConditionModel(
            prerequisite_setting_id=int(self.prerequisite_setting_id),
            comparator=self.comparator,
            prerequisite_comparison_value=prerequisite_value(
                self.comparison_value,
                writing.prerequisite_types.get(self.prerequisite_setting_id),
                f"{where}.comparison_value",
            ),
        )

    @staticmethod
    def from_api(prerequisite: PrerequisiteFlagConditionModel) -> dict[str, Any]:
        return {
            "prerequisite_setting_id": str(prerequisite.prerequisite_setting_id),
            "comparator": prerequisite.comparator,
            "comparison_value": value_out(prerequisite.prerequisite_comparison_value),
        }


class Condition(Targeting):
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

    def check(self, where: str) -> Failures:
        return [] if self.user_condition is None else self.user_condition.check(f"{where}.user_condition")

    def to_api(self, writing: Writing, where: str) -> UpdateConditionModel:
        # Only the kind that is set: the API refuses a condition that names two.
        return UpdateConditionModel(
            **{
                name: value.to_api(writing, f"{where}.{name}")
                for name in type(self).model_fields
                if (value := getattr(self, name)) is not None
            }
        )

    @staticmethod
    def from_api(condition: ConditionModel) -> dict[str, Any] | None:
        if condition.user_condition is not None:
            return {"user_condition": UserCondition.from_api(condition.user_condition)}
        if condition.segment_condition is not None:
            return {"segment_condition": SegmentCondition.from_api(condition.segment_condition)}
        if condition.prerequisite_flag_condition is not None:
            return {
                "prerequisite_flag_condition": PrerequisiteFlagCondition.from_api(
                    condition.prerequisite_flag_condition
                )
            }
        return None  # a kind of condition this version of the package does not know


class PercentageOption(Targeting):
    """A share of users, by a hash of the percentage evaluation attribute, and the value they get."""

    request = UpdatePercentageOptionModel

    percentage: Percentage
    value: ServedValue

    @staticmethod
    def from_api(option: PercentageOptionModel) -> dict[str, Any]:
        return {"percentage": option.percentage, "value": value_out(option.value)}


class TargetingRule(Targeting):
    """Conditions (ANDed), then exactly one of a value or percentage options."""

    request = UpdateTargetingRuleModel

    conditions: list[Annotated[Condition, BeforeValidator(drop_nones)]] = Field(default_factory=list)
    percentage_options: list[Annotated[PercentageOption, BeforeValidator(drop_nones)]] = Field(
        default_factory=list
    )
    value: ServedValue | None = None

    @model_validator(mode="after")
    def _value_or_options(self) -> TargetingRule:
        if (self.value is None) == (not self.percentage_options):
            raise ValueError("must set exactly one of value or percentage_options")
        return self

    def served(self, where: str) -> list[tuple[str, Any]]:
        """The values this rule serves, by property path, as plain data."""
        served = [(f"{where}.value", plain(self.value))] if self.value is not None else []
        served.extend(
            (f"{where}.percentage_options[{j}].value", plain(option.value))
            for j, option in enumerate(self.percentage_options)
        )
        return served

    def check(self, where: str) -> Failures:
        failures: Failures = []
        conditions = self.conditions
        if len(conditions) > LIMITS["max_condition_per_targeting_rule_count"]:
            failures.append(
                (
                    f"{where}.conditions",
                    f"has {len(conditions)} conditions; "
                    f"at most {LIMITS['max_condition_per_targeting_rule_count']}",
                )
            )
        for j, condition in enumerate(conditions):
            failures.extend(condition.check(f"{where}.conditions[{j}]"))
        if not conditions and self.value is not None:
            # The SDKs skip a rule that serves a value to everyone; that is what the flag's own value is.
            failures.append(
                (
                    f"{where}.conditions",
                    "must have at least one condition when the rule serves a value (a rule without "
                    "conditions serves percentage_options; everyone else gets the flag's value)",
                )
            )
        options = self.percentage_options
        if options:
            total = sum(option.percentage for option in options)
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

    @staticmethod
    def from_api(rule: TargetingRuleModel) -> dict[str, Any]:
        conditions = [Condition.from_api(condition) for condition in rule.conditions]
        out: dict[str, Any] = {"conditions": [c for c in conditions if c is not None]}
        if rule.percentage_options:
            out["percentage_options"] = [
                PercentageOption.from_api(option) for option in rule.percentage_options
            ]
        if rule.value is not None:
            out["value"] = value_out(rule.value)
        return out


class FlagValueV2(Targeting):
    """A Config V2 flag's whole value in an environment: as ``SettingValueV2`` takes it, and one entry of
    ``ConfigValuesV2``."""

    value: ServedValue
    targeting_rules: list[Annotated[TargetingRule, BeforeValidator(drop_nones)]] = Field(default_factory=list)
    percentage_evaluation_attribute: Attribute | None = None

    @classmethod
    def of(cls, inputs: Mapping[str, Any]) -> FlagValueV2:
        """The value and its rules out of parsed inputs (a resource's, or a batch entry)."""
        return cls.model_validate(
            {name: inputs[name] for name in cls.model_fields if inputs.get(name) is not None}
        )

    def check(self) -> Failures:
        rules = self.targeting_rules
        served = [("value", plain(self.value))] + [
            item for i, rule in enumerate(rules) for item in rule.served(f"targeting_rules[{i}]")
        ]
        failures = one_kind(served) + text_limits(served)
        if len(rules) > LIMITS["max_targeting_rule_count"]:
            failures.append(
                ("targeting_rules", f"has {len(rules)} rules; at most {LIMITS['max_targeting_rule_count']}")
            )
        for i, rule in enumerate(rules):
            failures.extend(rule.check(f"targeting_rules[{i}]"))
        return failures

    def to_api(self, writing: Writing, where: str = "") -> UpdateEvaluationFormulaModel:
        """The V2 write: the whole formula, since the API replaces what is left out."""
        # The rules first: a wrong value is named where it is, the first in the program's order.
        rules = [
            rule.to_api(writing, f"{where}targeting_rules[{i}]")
            for i, rule in enumerate(self.targeting_rules)
        ]
        return UpdateEvaluationFormulaModel(
            default_value=update_value(self.value, writing.setting_type, f"{where}value"),
            targeting_rules=rules,
            percentage_evaluation_attribute=self.percentage_evaluation_attribute or None,
        )

    @staticmethod
    def from_api(formula: SettingFormulaModel | ConfigSettingFormulaModel) -> dict[str, Any]:
        """A V2 answer as outputs in pulumiverse's shape (the same shape inputs take)."""
        return {
            "value": value_out(formula.default_value),
            "targeting_rules": [TargetingRule.from_api(rule) for rule in formula.targeting_rules],
            "percentage_evaluation_attribute": formula.percentage_evaluation_attribute or None,
            "setting_type": formula.setting.setting_type,
        }


def formula_body(
    inputs: Mapping[str, Any], setting_type: str, prerequisite_types: Mapping[str, str]
) -> UpdateEvaluationFormulaModel:
    """The V2 write of parsed inputs (see :meth:`FlagValueV2.to_api`)."""
    return FlagValueV2.of(inputs).to_api(Writing(setting_type, prerequisite_types))


def formula_outputs(formula: SettingFormulaModel | ConfigSettingFormulaModel) -> dict[str, Any]:
    """A V2 answer as outputs (see :meth:`FlagValueV2.from_api`)."""
    return FlagValueV2.from_api(formula)


def needs_prerequisite_types(rules: Sequence[Mapping[str, Any]]) -> set[str]:
    """Prerequisite flags compared with a plain number: their type picks int_value or double_value."""
    return {
        c["prerequisite_flag_condition"]["prerequisite_setting_id"]
        for rule in rules
        for c in rule.get("conditions", [])
        if "prerequisite_flag_condition" in c
        and is_number(c["prerequisite_flag_condition"]["comparison_value"])
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
