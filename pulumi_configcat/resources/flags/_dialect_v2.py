"""Config V2's dialect: a served value of the flag's type, targeting rules and the percentage attribute."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.api import setting_formulas as api
from pulumi_configcat.resources.flags._checks import Failures
from pulumi_configcat.resources.flags._dialect import RESOURCES, Dialect, Flags, typed
from pulumi_configcat.resources.flags._rules import FlagValuesV2, V2Value
from pulumi_configcat.resources.flags._scalars import served_as
from pulumi_configcat.resources.flags._targeting import FlagValueV2, formula_body, formula_outputs
from pulumi_configcat.resources.flags._values import new_flag_default, prerequisite_types, refuse_gated
from pulumi_configcat.types import (
    ConfigSettingFormulasModel,
    FeatureFlagLimitations,
    SettingFormulaModel,
    UpdateEvaluationFormulasModel,
    UpdateEvaluationFormulaWithIdModel,
)

if TYPE_CHECKING:
    from pulumi_configcat.resources.flags._dialect import Item

__all__ = ["V2"]


class _V2(Dialect):
    """Config V2: a served value of the flag's type, targeting rules and the percentage attribute."""

    version = "v2"
    single, batch = RESOURCES[version]

    def check(self, entry: Mapping[str, Any]) -> Failures:
        return FlagValueV2.of(entry).check()

    def served(self, entry: Mapping[str, Any], setting_type: str | None) -> Mapping[str, Any]:
        # "true" for a boolean flag is true: compared as the flag's type, it is not a change on every run.
        return served_as(entry, setting_type)

    def differs(self, old: Any, new: Mapping[str, Any], setting_type: str | None) -> bool:
        if isinstance(new, Mapping):  # else unknown until another resource is created: it differs
            new = served_as(new, setting_type)
        return old is None or FlagValuesV2.comparable({"f": old}) != FlagValuesV2.comparable({"f": new})

    def differs_from_new_flag(self, inputs: Mapping[str, Any], setting_type: str) -> bool:
        default = new_flag_default(setting_type)
        return (
            V2Value.comparable(inputs["value"]) != V2Value.comparable(default)
            or bool(inputs.get("targeting_rules"))
            or inputs.get("percentage_evaluation_attribute") is not None
        )

    def get(self, client: ConfigCatClient, environment_id: str, setting_id: str) -> SettingFormulaModel:
        return api.get_formula(client, environment_id, setting_id)

    def outputs(self, value: Any) -> dict[str, Any]:
        return formula_outputs(value)

    def refuse(self, value: Any, inputs: Mapping[str, Any]) -> None:
        self.refuse_batch(value, inputs)
        _check_limits(value.feature_flag_limitations, inputs.get("targeting_rules") or [])

    def put(
        self, client: ConfigCatClient, inputs: Mapping[str, Any], setting_type: str, olds: Mapping[str, Any]
    ) -> Any:
        rules = inputs.get("targeting_rules") or []
        types = prerequisite_types(client, rules, olds.get("targeting_rules") or [])
        with typed():
            body = formula_body(inputs, setting_type, types)
        return api.replace_formula(
            client,
            inputs["environment_id"],
            inputs["setting_id"],
            body,
            reason=inputs.get("mandatory_notes"),
            bypass_approval=bool(inputs.get("bypass_approval")),
        )

    def fetch(
        self, client: ConfigCatClient, config_id: str, environment_id: str
    ) -> ConfigSettingFormulasModel:
        return api.get_config_formulas(client, config_id, environment_id)

    def items(self, answer: Any) -> list[Item]:
        return list(answer.setting_formulas)

    def refuse_batch(self, answer: Any, inputs: Mapping[str, Any]) -> None:
        refuse_gated(
            answer.environment.name if answer.environment else inputs["environment_id"],
            inputs,
            reason_required=answer.reason_required,
            approve_required=answer.approve_required,
            can_bypass_approval=answer.can_bypass_approval,
        )

    def post(
        self,
        client: ConfigCatClient,
        inputs: Mapping[str, Any],
        flags: Flags,
        refs: list[str],
        olds: Mapping[str, Any],
    ) -> Any:
        known = {flag["setting_id"]: flag["setting_type"] for flag in flags.values()}
        old_rules = [
            rule for entry in (olds.get("values") or {}).values() for rule in entry.get("targeting_rules", [])
        ]
        rules = [rule for ref in refs for rule in inputs["values"][ref].get("targeting_rules", [])]
        types = prerequisite_types(client, rules, old_rules, known)
        formulas = []
        for ref in refs:
            entry = inputs["values"][ref]
            with typed(f'values["{ref}"].'):
                body = formula_body(entry, flags[ref]["setting_type"], types)
            formulas.append(
                UpdateEvaluationFormulaWithIdModel(setting_id=int(flags[ref]["setting_id"]), **dict(body))
            )
        return api.post_config_formulas(
            client,
            inputs["config_id"],
            inputs["environment_id"],
            UpdateEvaluationFormulasModel(update_formulas=formulas),
            reason=inputs.get("mandatory_notes"),
            bypass_approval=bool(inputs.get("bypass_approval")),
        )


def _check_limits(limits: FeatureFlagLimitations, rules: Sequence[Mapping[str, Any]]) -> None:
    """The account's own limits (check applied the largest plan's)."""
    if len(rules) > limits.max_targeting_rule_count:
        raise ValueError(
            f"targeting_rules has {len(rules)} rules; this account allows {limits.max_targeting_rule_count}"
        )
    for i, rule in enumerate(rules):
        if len(rule.get("conditions", [])) > limits.max_condition_per_targeting_rule_count:
            raise ValueError(
                f"targeting_rules[{i}].conditions has {len(rule['conditions'])} conditions; this account "
                f"allows {limits.max_condition_per_targeting_rule_count}"
            )
        if len(rule.get("percentage_options", [])) > limits.max_percentage_option_count:
            raise ValueError(
                f"targeting_rules[{i}].percentage_options has {len(rule['percentage_options'])} options; "
                f"this account allows {limits.max_percentage_option_count}"
            )


V2: Dialect = _V2()
