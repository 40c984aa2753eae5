"""Config V1's dialect: a value (a string read as the flag's type), rollout rules and percentage items."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.api import setting_values as api
from pulumi_configcat.resources.flags._checks import Failures
from pulumi_configcat.resources.flags._dialect import RESOURCES, Dialect, Flags, typed
from pulumi_configcat.resources.flags._rollout import FlagValueV1, comparable_v1, value_body, value_outputs
from pulumi_configcat.resources.flags._values import new_flag_default
from pulumi_configcat.types import (
    ConfigSettingValuesModel,
    SettingValueModel,
    UpdateSettingValuesWithIdModel,
    UpdateSettingValueWithSettingIdModel,
)

if TYPE_CHECKING:
    from pulumi_configcat.resources.flags._dialect import Item

__all__ = ["V1"]


class _V1(Dialect):
    """Config V1: a value (a string read as the flag's type), rollout rules and percentage items."""

    version = "v1"
    single, batch = RESOURCES[version]
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
        with typed():
            value_body(inputs, value.setting.setting_type)

    def put(
        self, client: ConfigCatClient, inputs: Mapping[str, Any], setting_type: str, olds: Mapping[str, Any]
    ) -> Any:
        with typed():
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
            with typed(f'values["{ref}"].'):
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


V1: Dialect = _V1()
