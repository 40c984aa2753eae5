"""A Config V1 flag's value in one environment: value, rollout rules and percentage items."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import pulumi
from typing_extensions import Required, TypedDict, Unpack

from pulumi_configcat.resources._declare import In
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.resources.flags._dialect_v1 import V1
from pulumi_configcat.resources.flags._rules_v1 import (
    PercentageItems,
    RolloutRules,
    V1Value,
)
from pulumi_configcat.resources.flags._single import SingleValueProvider
from pulumi_configcat.resources.flags._values import (
    ENVIRONMENT_ID,
    INIT_ONLY,
    MANDATORY_NOTES,
    SETTING_ID,
)


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


class SettingValueProvider(SingleValueProvider):
    """Reads and writes a Config V1 flag's value in one environment (``/v1/environments/.../value``)."""

    entity = "SettingValue"
    dialect = V1
    args = SettingValueArgs
    id_format = '"<environmentId>:<settingId>"'
    noun = "a Config V1 flag's value in an environment"


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
