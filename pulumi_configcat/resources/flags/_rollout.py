"""Config V1 values, one class per shape: a rollout rule, a percentage item, a flag's whole value.

As in :mod:`._targeting`, each shape parses, checks, converts itself to the API's request and from its answer.
A V1 value is a string read as the flag's type (``"5"`` on an int flag is ``5``), so V1 values compare as
the flag's type makes them (:func:`comparable_v1`), which the shapes alone cannot know.
"""

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StrictStr, model_validator
from typing_extensions import Self

from pulumi_configcat.resources._props import contains_unknown, is_unknown
from pulumi_configcat.resources._structured import Shape
from pulumi_configcat.resources.flags._checks import Failures, one_kind, text_limits
from pulumi_configcat.resources.flags._conditions import drop_nones
from pulumi_configcat.resources.flags._scalars import (
    Attribute,
    Percentage,
    UuidStr,
    V1Scalar,
    ValueTypeError,
    format_v1,
    typed_value,
    v1_number_ok,
)
from pulumi_configcat.types import (
    ConfigSettingValueModel,
    RolloutRuleComparator,
    SegmentComparator,
    SettingValueModel,
    UpdateRolloutPercentageItemModel,
    UpdateRolloutRuleModel,
    UpdateSettingValueModel,
)

__all__ = ["FlagValueV1", "PercentageItem", "RolloutRule", "comparable_v1", "value_body", "value_outputs"]


class RolloutRule(Shape):
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
    def _one_family(self) -> Self:
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

    def to_api(self, setting_type: str, where: str) -> UpdateRolloutRuleModel:
        return UpdateRolloutRuleModel(
            comparison_attribute=self.comparison_attribute,
            comparator=self.comparator,
            comparison_value=self.comparison_value,
            segment_comparator=self.segment_comparator,
            segment_id=self.segment_id,
            value=typed_value(self.value, setting_type, f"{where}.value"),
        )


class PercentageItem(Shape):
    """A Config V1 percentage item."""

    percentage: Percentage
    value: V1Scalar

    def to_api(self, setting_type: str, where: str) -> UpdateRolloutPercentageItemModel:
        return UpdateRolloutPercentageItemModel(
            percentage=int(self.percentage), value=typed_value(self.value, setting_type, f"{where}.value")
        )


class FlagValueV1(Shape):
    """A Config V1 flag's whole value in an environment: as ``SettingValue`` takes it, and one entry of
    ``ConfigValues``."""

    value: V1Scalar
    rollout_rules: list[Annotated[RolloutRule, BeforeValidator(drop_nones)]] = Field(default_factory=list)
    percentage_items: list[Annotated[PercentageItem, BeforeValidator(drop_nones)]] = Field(
        default_factory=list
    )

    @classmethod
    def of(cls, inputs: Mapping[str, Any]) -> Self:
        """The value and its rules out of parsed inputs (a resource's, or a batch entry)."""
        return cls.model_validate(
            {name: inputs[name] for name in cls.model_fields if inputs.get(name) is not None}
        )

    def check(self) -> Failures:
        failures: Failures = []
        items = self.percentage_items
        if items:
            total = sum(item.percentage for item in items)
            if total != 100:
                failures.append(
                    ("percentage_items", f"percentages must add up to 100, they add up to {total}")
                )
        typed = [("value", self.value)] + [
            (f"rollout_rules[{i}].value", r.value) for i, r in enumerate(self.rollout_rules)
        ]
        typed += [(f"percentage_items[{i}].value", item.value) for i, item in enumerate(items)]
        # Strings may stand for any type here ("true", "42"); only typed values can disagree with each other.
        failures.extend(one_kind([(path, v) for path, v in typed if not isinstance(v, str)]))
        failures.extend(text_limits(typed))
        return failures

    def to_api(self, setting_type: str) -> UpdateSettingValueModel:
        """The V1 write: value, rollout rules and percentage items, all of them."""
        return UpdateSettingValueModel(
            value=typed_value(self.value, setting_type, "value"),
            rollout_rules=[
                rule.to_api(setting_type, f"rollout_rules[{i}]") for i, rule in enumerate(self.rollout_rules)
            ],
            rollout_percentage_items=[
                item.to_api(setting_type, f"percentage_items[{i}]")
                for i, item in enumerate(self.percentage_items)
            ],
        )

    @staticmethod
    def from_api(value: SettingValueModel | ConfigSettingValueModel) -> dict[str, Any]:
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


def value_body(inputs: Mapping[str, Any], setting_type: str) -> UpdateSettingValueModel:
    """The V1 write of parsed inputs (see :meth:`FlagValueV1.to_api`)."""
    return FlagValueV1.of(inputs).to_api(setting_type)


def value_outputs(value: SettingValueModel | ConfigSettingValueModel) -> dict[str, Any]:
    """A V1 answer as outputs (see :meth:`FlagValueV1.from_api`)."""
    return FlagValueV1.from_api(value)


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
