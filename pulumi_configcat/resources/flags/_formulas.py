"""Flag values to and from the API: request bodies typed by the flag's type, and answers as outputs.

Inputs and outputs share pulumiverse's shape (see :mod:`._rules`), so what a refresh reads compares
directly with what the program declares. Used by both value resources and by the batch resources.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pulumi_configcat.resources.flags._scalars import (
    FIELD_TYPES,
    TYPE_FIELDS,
    VALUE_FIELDS,
    ValueTypeError,
    format_v1,
    is_number,
    typed_value,
)
from pulumi_configcat.types import (
    ConfigSettingFormulaModel,
    ConfigSettingValueModel,
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
    ValueModel,
)

__all__ = [
    "formula_body",
    "formula_outputs",
    "known_prerequisite_types",
    "needs_prerequisite_types",
    "value_body",
    "value_outputs",
]


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
        # Only a plain number needs the prerequisite's type (int or double); a bool or a string says it.
        if isinstance(value, bool):
            return UpdateValueModel(bool_value=value)
        if isinstance(value, str):
            return UpdateValueModel(string_value=value)
        raise ValueTypeError(f"{where}: the prerequisite flag's type is not known")
    return _update_value(value, prerequisite_type, where)


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


def formula_outputs(formula: SettingFormulaModel | ConfigSettingFormulaModel) -> dict[str, Any]:
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


def value_outputs(value: SettingValueModel | ConfigSettingValueModel) -> dict[str, Any]:
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
