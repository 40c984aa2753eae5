"""What differs between a Config V1 and a Config V2 flag's value: a dialect object each, V1 and V2.

The four value resources are two shapes (one flag's value, :mod:`._single`; all of a config's flags,
:mod:`._batch`) in two evaluation versions. The shapes' providers do everything the same way and ask their
dialect for what the version decides: which endpoints read and write, how a declared value is checked,
compared and sent, and what the environment refuses before a write. A dialect holds no state.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.api import setting_values as api
from pulumi_configcat.resources.flags._checks import Failures
from pulumi_configcat.resources.flags._rollout import FlagValueV1, comparable_v1, value_body, value_outputs
from pulumi_configcat.resources.flags._rules import FlagValuesV2, V2Value
from pulumi_configcat.resources.flags._scalars import ValueTypeError, served_as
from pulumi_configcat.resources.flags._targeting import FlagValueV2, formula_body, formula_outputs
from pulumi_configcat.resources.flags._values import (
    new_flag_default,
    prerequisite_types,
    refuse_gated,
    wrong_version,
)
from pulumi_configcat.types import (
    ConfigSettingFormulaModel,
    ConfigSettingFormulasModel,
    ConfigSettingValueModel,
    ConfigSettingValuesModel,
    FeatureFlagLimitations,
    SettingFormulaModel,
    SettingValueModel,
    UpdateEvaluationFormulasModel,
    UpdateEvaluationFormulaWithIdModel,
    UpdateSettingValuesWithIdModel,
    UpdateSettingValueWithSettingIdModel,
)

__all__ = ["V1", "V2", "Dialect", "Flags", "Item"]

# What a batch resource keeps about each listed flag, by the name the program gives it (a key or an id).
Flags = dict[str, dict[str, str]]
Item = ConfigSettingFormulaModel | ConfigSettingValueModel


class Dialect:
    """One evaluation version's values: how they are read, checked, compared and written.

    Attributes:
        version: ``"v1"`` or ``"v2"``, as a config's ``evaluation_version``.
        single: The single-value resource of this version, for messages.
        batch: The batch resource of this version, for messages.
        typed_props: The single value's inputs that :meth:`changed_props` compares as the flag's type;
            every other input compares by its own kind (after :meth:`served`).
    """

    version: ClassVar[str]
    single: ClassVar[str]
    batch: ClassVar[str]
    typed_props: ClassVar[tuple[str, ...]] = ()

    def other(self) -> Dialect:
        """The other evaluation version's dialect."""
        return V2 if self is V1 else V1

    def refused_read(self, entity: str, what: str, exc: Exception, batch: bool) -> ValueError:
        """The error for a read the API refused because the config has the other evaluation version."""
        instead = self.other().batch if batch else self.other().single
        return wrong_version(entity, self.version, what, exc, instead)

    # -- check and diff: one flag's declared value (``entry``: value and rules) ------------------------

    def check(self, entry: Mapping[str, Any]) -> Failures:
        """What spans fields of one flag's value (each field's own kind has checked it alone)."""
        raise NotImplementedError

    def served(self, entry: Mapping[str, Any], setting_type: str | None) -> Mapping[str, Any]:
        """A declared value as ``diff`` compares it with the flag's outputs."""
        del setting_type
        return entry

    def changed_props(
        self, olds: Mapping[str, Any], news: Mapping[str, Any], setting_type: str | None
    ) -> list[str]:
        """Which of :attr:`typed_props` differ, compared as the flag's type."""
        del olds, news, setting_type
        return []

    def differs(self, old: Any, new: Mapping[str, Any], setting_type: str | None) -> bool:
        """Whether one flag's declared value differs from its outputs (None: not read yet)."""
        raise NotImplementedError

    def differs_from_new_flag(self, inputs: Mapping[str, Any], setting_type: str) -> bool:
        """Whether the inputs declare anything but what a new flag of ``setting_type`` holds."""
        raise NotImplementedError

    # -- one flag's value ------------------------------------------------------------------------------

    def get(self, client: ConfigCatClient, environment_id: str, setting_id: str) -> Any:
        """Reads one flag's value."""
        raise NotImplementedError

    def outputs(self, value: Any) -> dict[str, Any]:
        """One flag's value (single or from a batch answer) as outputs, with its ``setting_type``."""
        raise NotImplementedError

    def refuse(self, value: Any, inputs: Mapping[str, Any]) -> None:
        """Refuses, before the first write, what the environment or the account would refuse."""
        raise NotImplementedError

    def put(
        self, client: ConfigCatClient, inputs: Mapping[str, Any], setting_type: str, olds: Mapping[str, Any]
    ) -> Any:
        """Writes one flag's whole value; returns the API's answer."""
        raise NotImplementedError

    # -- all of a config's flags -----------------------------------------------------------------------

    def fetch(self, client: ConfigCatClient, config_id: str, environment_id: str) -> Any:
        """Reads the values of every flag of a config in an environment."""
        raise NotImplementedError

    def items(self, answer: Any) -> list[Item]:
        """The flags of a batch answer."""
        raise NotImplementedError

    def refuse_batch(self, answer: Any, inputs: Mapping[str, Any]) -> None:
        """Refuses, before writing, what the environment would refuse."""
        del answer, inputs

    def post(
        self,
        client: ConfigCatClient,
        inputs: Mapping[str, Any],
        flags: Flags,
        refs: list[str],
        olds: Mapping[str, Any],
    ) -> Any:
        """Writes the values of the flags ``refs`` names; returns the API's batch answer."""
        raise NotImplementedError


class _V1(Dialect):
    """Config V1: a value (a string read as the flag's type), rollout rules and percentage items."""

    version = "v1"
    single = "SettingValue"
    batch = "ConfigValues"
    # V1 values are strings ("true", "5") read as the flag's type: "5" == 5 == "5.0" on an int flag.
    typed_props = ("value", "rollout_rules", "percentage_items")

    def check(self, entry: Mapping[str, Any]) -> Failures:
        return FlagValueV1.of(entry).check()

    def changed_props(
        self, olds: Mapping[str, Any], news: Mapping[str, Any], setting_type: str | None
    ) -> list[str]:
        old, new = comparable_v1(olds, setting_type), comparable_v1(news, setting_type)
        return [name for name in self.typed_props if old[name] != new[name]]

    def differs(self, old: Any, new: Mapping[str, Any], setting_type: str | None) -> bool:
        return old is None or comparable_v1(old, setting_type) != comparable_v1(new, setting_type)

    def differs_from_new_flag(self, inputs: Mapping[str, Any], setting_type: str) -> bool:
        new = {"value": new_flag_default(setting_type), "rollout_rules": [], "percentage_items": []}
        return comparable_v1(inputs, setting_type) != comparable_v1(new, setting_type)

    def get(self, client: ConfigCatClient, environment_id: str, setting_id: str) -> SettingValueModel:
        return api.get_value(client, environment_id, setting_id)

    def outputs(self, value: Any) -> dict[str, Any]:
        return value_outputs(value)

    def refuse(self, value: Any, inputs: Mapping[str, Any]) -> None:
        limits = value.feature_flag_limitations
        items = inputs.get("percentage_items") or []
        if len(items) > limits.max_percentage_option_count:
            raise ValueError(
                f"percentage_items has {len(items)} items; "
                f"this account allows {limits.max_percentage_option_count}"
            )
        rules = inputs.get("rollout_rules") or []
        if len(rules) > limits.max_targeting_rule_count:
            raise ValueError(
                f"rollout_rules has {len(rules)} rules; this account allows {limits.max_targeting_rule_count}"
            )
        with _typed():
            value_body(inputs, value.setting.setting_type)

    def put(
        self, client: ConfigCatClient, inputs: Mapping[str, Any], setting_type: str, olds: Mapping[str, Any]
    ) -> Any:
        with _typed():
            body = value_body(inputs, setting_type)
        return api.replace_value(
            client, inputs["environment_id"], inputs["setting_id"], body, reason=inputs.get("mandatory_notes")
        )

    def fetch(self, client: ConfigCatClient, config_id: str, environment_id: str) -> ConfigSettingValuesModel:
        return api.get_config_values(client, config_id, environment_id)

    def items(self, answer: Any) -> list[Item]:
        return list(answer.setting_values)

    def post(
        self,
        client: ConfigCatClient,
        inputs: Mapping[str, Any],
        flags: Flags,
        refs: list[str],
        olds: Mapping[str, Any],
    ) -> Any:
        values = []
        for ref in refs:
            with _typed(f'values["{ref}"].'):
                body = value_body(inputs["values"][ref], flags[ref]["setting_type"])
            # The single write's body, every field of it, with the flag's id.
            values.append(
                UpdateSettingValueWithSettingIdModel(setting_id=int(flags[ref]["setting_id"]), **dict(body))
            )
        return api.post_config_values(
            client,
            inputs["config_id"],
            inputs["environment_id"],
            UpdateSettingValuesWithIdModel(setting_values=values),
            reason=inputs.get("mandatory_notes"),
        )


class _V2(Dialect):
    """Config V2: a served value of the flag's type, targeting rules and the percentage attribute."""

    version = "v2"
    single = "SettingValueV2"
    batch = "ConfigValuesV2"

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
        with _typed():
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
            with _typed(f'values["{ref}"].'):
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


@contextmanager
def _typed(where: str = "") -> Iterator[None]:
    """Around a request built with values read as the flag's type: a value that does not fit is refused as a
    plain ``ValueError`` naming its property (under ``where``, a batch's ``values["key"].``)."""
    try:
        yield
    except ValueTypeError as exc:
        raise ValueError(f"{where}{exc}") from None


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


V1: Dialect = _V1()
V2: Dialect = _V2()
