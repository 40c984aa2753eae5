"""Config V2 targeting, one class per shape, each the one home of what it is (the conditions and the shapes'
base are in :mod:`._conditions`).

A shape (a user condition, a percentage option, a targeting rule, a flag's whole value) is a pydantic model of
pulumiverse_configcat's shape, and it

* **parses** itself: its validators refuse what cannot be one (error locations are the property paths
  ``check`` names, ``targeting_rules[1].conditions[0].user_condition.comparator``);
* **checks** what spans its fields (:meth:`check`, ``(path, reason)`` pairs, e.g. a comparator against its
  comparison value);
* **compares** itself for ``diff`` (:meth:`comparable`: plain tuples where ``3 == 3.0 == {int_value: 3}``);
* **converts** itself to the API's request (:meth:`to_api`) and from the API's answer (:meth:`from_api`, the
  outputs, in the same shape inputs take, so that a refresh compares directly with the program).

Adding a field to a shape is a field in its class (here, or in :mod:`._conditions`), in ``_inputs.py`` (the
typed Args) and in the wire models.
"""

from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator
from typing_extensions import Self

from pulumi_configcat.resources.flags._checks import LIMITS, Failures, one_kind, text_limits
from pulumi_configcat.resources.flags._conditions import Condition, Targeting, Writing, drop_nones
from pulumi_configcat.resources.flags._scalars import (
    FIELD_TYPES,
    VALUE_FIELDS,
    Attribute,
    Percentage,
    is_number,
)
from pulumi_configcat.resources.flags._served import (
    ServedValue,
    plain,
    update_value,
    value_out,
)
from pulumi_configcat.types import (
    ConfigSettingFormulaModel,
    PercentageOptionModel,
    SettingFormulaModel,
    TargetingRuleModel,
    UpdateEvaluationFormulaModel,
    UpdatePercentageOptionModel,
    UpdateTargetingRuleModel,
)

__all__ = [
    "FlagValueV2",
    "PercentageOption",
    "TargetingRule",
    "formula_body",
    "formula_outputs",
    "known_prerequisite_types",
    "needs_prerequisite_types",
]


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
    def _value_or_options(self) -> Self:
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
    def of(cls, inputs: Mapping[str, Any]) -> Self:
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
