"""A Config V1 flag's value in one environment: value, rollout rules and percentage items."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any

import pulumi
from typing_extensions import Required, TypedDict, Unpack

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat._exceptions import BadRequestError
from pulumi_configcat.api import setting_values as api
from pulumi_configcat.resources._base import Outputs
from pulumi_configcat.resources._declare import In
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.resources.flags._checks import as_failures, check_v1
from pulumi_configcat.resources.flags._formulas import value_body, value_outputs
from pulumi_configcat.resources.flags._rules import (
    PercentageItems,
    RolloutRules,
    V1Value,
    ValueTypeError,
    comparable_v1,
)
from pulumi_configcat.resources.flags._values import (
    CONTROLS,
    ENVIRONMENT_ID,
    INIT_ONLY,
    MANDATORY_NOTES,
    SETTING_ID,
    ValueProvider,
    new_flag_default,
    split_value_id,
    wrong_version,
)
from pulumi_configcat.types import SettingValueModel

_VALUE_PROPS = ("value", "rollout_rules", "percentage_items")


class SettingValueArgs(TypedDict, total=False):
    """The inputs of a Config V1 flag's value in an environment."""

    environment_id: Required[Annotated[pulumi.Input[str], ENVIRONMENT_ID]]
    setting_id: Required[Annotated[pulumi.Input[str | int], SETTING_ID]]
    value: Required[
        Annotated[
            pulumi.Input[str | bool | int | float], In(V1Value, "The value served when no rule matches.")
        ]
    ]
    rollout_rules: Annotated[
        pulumi.Input[Sequence[Any]] | None,
        In(
            RolloutRules,
            "In order, each ``{comparison_attribute, comparator, comparison_value, value}`` or "
            "``{segment_id, segment_comparator, value}`` (or :class:`SettingValueRolloutRuleArgs`).",
            [],
        ),
    ]
    percentage_items: Annotated[
        pulumi.Input[Sequence[Any]] | None,
        In(PercentageItems, "Each ``{percentage, value}``; the percentages add up to 100.", []),
    ]
    mandatory_notes: Annotated[pulumi.Input[str] | None, MANDATORY_NOTES]
    init_only: Annotated[pulumi.Input[bool], INIT_ONLY]


class SettingValueProvider(ValueProvider):
    """Reads and writes a Config V1 flag's value in one environment (``/v1/environments/.../value``)."""

    entity = "SettingValue"
    args = SettingValueArgs
    id_format = '"<environmentId>:<settingId>"'
    noun = "a Config V1 flag's value in an environment"
    output_only = ("setting_type",)

    def _check_together(self, inputs: Mapping[str, Any]) -> list[pulumi.dynamic.CheckFailure]:
        return as_failures(
            check_v1(inputs["value"], inputs.get("rollout_rules") or [], inputs.get("percentage_items") or [])
        )

    def _value_changes(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
        # V1 values are strings ("true", "5") read as the flag's type: "5" == 5 == "5.0" on an int flag.
        changed = [
            name
            for name in super()._value_changes(olds, news)
            if name not in _VALUE_PROPS and name not in CONTROLS
        ]
        setting_type = olds.get("setting_type")
        old, new = comparable_v1(olds, setting_type), comparable_v1(news, setting_type)
        return changed + [name for name in _VALUE_PROPS if old[name] != new[name]]

    def _differs_from_new_flag(self, inputs: Mapping[str, Any], setting_type: str) -> bool:
        new = {"value": new_flag_default(setting_type), "rollout_rules": [], "percentage_items": []}
        return comparable_v1(inputs, setting_type) != comparable_v1(new, setting_type)

    def _get(self, client: ConfigCatClient, environment_id: str, setting_id: str) -> SettingValueModel:
        """Reads the value; a flag of a V2 config is refused with the way out (``SettingValueV2``)."""
        try:
            return api.get_value(client, environment_id, setting_id)
        except BadRequestError as exc:
            raise wrong_version(self.entity, "v1", f"setting {setting_id}", exc, "SettingValueV2") from None

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        environment_id, setting_id = split_value_id(id_)
        return _outputs(self._get(client, environment_id, setting_id), environment_id, setting_id)

    def _fetch_for_write(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[Outputs, str]:
        environment_id, setting_id = inputs["environment_id"], inputs["setting_id"]
        value = self._get(client, environment_id, setting_id)
        setting_type = value.setting.setting_type
        _check_limits(value, inputs)
        try:
            value_body(inputs, setting_type)
        except ValueTypeError as exc:
            raise ValueError(str(exc)) from None
        return _outputs(value, environment_id, setting_id), setting_type

    def _write(
        self, client: ConfigCatClient, inputs: Mapping[str, Any], setting_type: str, olds: Mapping[str, Any]
    ) -> Outputs:
        try:
            body = value_body(inputs, setting_type)
        except ValueTypeError as exc:
            raise ValueError(str(exc)) from None
        value = api.replace_value(
            client, inputs["environment_id"], inputs["setting_id"], body, reason=inputs.get("mandatory_notes")
        )
        return _outputs(value, inputs["environment_id"], inputs["setting_id"])


def _check_limits(value: SettingValueModel, inputs: Mapping[str, Any]) -> None:
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


def _outputs(value: SettingValueModel, environment_id: str, setting_id: str) -> Outputs:
    return {"environment_id": environment_id.lower(), "setting_id": str(setting_id), **value_outputs(value)}


class SettingValue(ConfigCatResource, module="configcat", name="SettingValue"):
    """The value of a Config V1 feature flag in one environment, with rollout rules and percentage items.

    As pulumiverse_configcat's ``SettingValue``: ``value`` is a string read as the flag's type (``"true"``,
    ``"42"``, ``"3.5"``, ``"text"``); plain ``True`` and numbers work too. Rollout rules are evaluated in
    order, then percentage items. The id is ``"<environmentId>:<settingId>"``; both replace. Each write
    sends the whole value. Destroying the resource leaves the value on the server.

    ``init_only`` defaults to ``True`` as in pulumiverse_configcat (set once, then the dashboard owns it);
    ``init_only=False`` makes the program the owner. For Config V2 configs use :class:`SettingValueV2`.

    Example::

        configcat.SettingValue(
            "checkout-production",
            environment_id=production.id,
            setting_id=legacy_checkout.id,
            init_only=False,
            value="false",
            rollout_rules=[
                {"comparison_attribute": "Email", "comparator": "contains", "comparison_value": "@acme.com",
                 "value": "true"},
                {"segment_id": staff.id, "segment_comparator": "isIn", "value": "true"},
            ],
            percentage_items=[{"percentage": "10", "value": "true"}, {"percentage": "90", "value": "false"}],
        )
    """

    _provider_class = SettingValueProvider

    environment_id: pulumi.Output[str]
    setting_id: pulumi.Output[str]
    value: pulumi.Output[str]
    rollout_rules: pulumi.Output[list[dict[str, Any]]]
    percentage_items: pulumi.Output[list[dict[str, Any]]]
    setting_type: pulumi.Output[str]
    mandatory_notes: pulumi.Output[str | None]
    init_only: pulumi.Output[bool]

    def __init__(
        self,
        resource_name: str,
        *,
        opts: pulumi.ResourceOptions | None = None,
        **args: Unpack[SettingValueArgs],
    ) -> None:
        super().__init__(resource_name, self._declared(resource_name, args), opts)
