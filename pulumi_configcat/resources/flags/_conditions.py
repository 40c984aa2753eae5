"""Config V2 targeting, part one: what every shape shares, and the conditions of a targeting rule.

:class:`Targeting` is the base of every Config V2 shape (see :mod:`._targeting` for the rules and a flag's
whole value): it compares itself field by field and is sent as its ``request`` model, so a plain new field
needs only its declaration. The conditions (a user condition with its comparison value, a segment condition,
a prerequisite flag condition, and :class:`Condition`, which holds exactly one of them) are each one class
that parses, checks, compares and converts itself.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, get_args

from pydantic import BeforeValidator, Field, StrictStr, model_validator
from pydantic.fields import FieldInfo
from typing_extensions import Self

from pulumi_configcat.resources._structured import Shape
from pulumi_configcat.resources.flags._checks import LIMITS, Failures
from pulumi_configcat.resources.flags._scalars import (
    Attribute,
    IntegerIdStr,
    Number,
    UuidStr,
    is_number,
)
from pulumi_configcat.resources.flags._served import (
    SERVED,
    ServedValue,
    TypedValue,
    comparable_value,
    prerequisite_value,
    update_value,
    value_out,
)
from pulumi_configcat.types import (
    ApiModel,
    ComparisonValueModel,
    ConditionModel,
    PrerequisiteComparator,
    PrerequisiteFlagConditionModel,
    SegmentComparator,
    SegmentConditionModel,
    UpdateComparisonValueListModel,
    UpdateComparisonValueModel,
    UpdateConditionModel,
    UpdatePrerequisiteFlagConditionModel,
    UpdateSegmentConditionModel,
    UpdateUserConditionModel,
    UserComparator,
    UserConditionModel,
)

__all__ = [
    "LIST_COMPARATORS",
    "NUMBER_COMPARATORS",
    "Condition",
    "Targeting",
    "Writing",
    "drop_nones",
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
    def _exactly_one(self) -> Self:
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
    def _exactly_one(self) -> Self:
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
