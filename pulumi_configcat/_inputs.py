"""Typed arguments for the nested inputs, under the names ``pulumiverse_configcat`` uses.

Each class is a plain keyword-only dataclass; a plain dict with the same keys works everywhere one is
accepted, so ``{"bool_value": True}`` and ``SettingValueV2ValueArgs(bool_value=True)`` mean the same. Fields
may be Outputs of other resources (``segment_id=staff.id``). Nothing is validated here: the provider's
``check`` validates the whole structure and names the exact path of anything wrong.

Example::

    configcat.SettingValueV2(
        "checkout-prod",
        environment_id=production.id,
        setting_id=checkout.id,
        value=False,
        targeting_rules=[
            configcat.SettingValueV2TargetingRuleArgs(
                conditions=[
                    configcat.SettingValueV2TargetingRuleConditionArgs(
                        user_condition=configcat.SettingValueV2TargetingRuleConditionUserConditionArgs(
                            comparison_attribute="Email",
                            comparator="textEndsWithAnyOf",
                            comparison_value=["@acme.com"],
                        )
                    )
                ],
                value=True,
            )
        ],
    )
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi

__all__ = [
    "SettingPredefinedVariationArgs",
    "SettingPredefinedVariationValueArgs",
    "SettingValuePercentageItemArgs",
    "SettingValueRolloutRuleArgs",
    "SettingValueV2TargetingRuleArgs",
    "SettingValueV2TargetingRuleConditionArgs",
    "SettingValueV2TargetingRuleConditionPrerequisiteFlagConditionArgs",
    "SettingValueV2TargetingRuleConditionPrerequisiteFlagConditionComparisonValueArgs",
    "SettingValueV2TargetingRuleConditionSegmentConditionArgs",
    "SettingValueV2TargetingRuleConditionUserConditionArgs",
    "SettingValueV2TargetingRuleConditionUserConditionComparisonValueArgs",
    "SettingValueV2TargetingRuleConditionUserConditionComparisonValueListValueArgs",
    "SettingValueV2TargetingRulePercentageOptionArgs",
    "SettingValueV2TargetingRulePercentageOptionValueArgs",
    "SettingValueV2TargetingRuleValueArgs",
    "SettingValueV2ValueArgs",
    "WebhookSecureWebhookHeaderArgs",
    "WebhookWebhookHeaderArgs",
    "plain_data",
]


def plain_data(value: Any) -> Any:
    """``value`` with every Args dataclass turned into a dict of its set fields, recursively.

    Pulumi can send dicts, lists and Outputs, not arbitrary objects; this runs in the resource constructor.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: plain_data(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if getattr(value, field.name) is not None
        }
    if isinstance(value, Mapping):
        return {key: plain_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain_data(item) for item in value]
    return value


@dataclass(frozen=True, kw_only=True)
class _TypedValueArgs:
    """A value of a flag: set exactly one field, the one of the flag's type."""

    bool_value: pulumi.Input[bool] | None = None
    string_value: pulumi.Input[str] | None = None
    int_value: pulumi.Input[int] | None = None
    double_value: pulumi.Input[float] | None = None


@dataclass(frozen=True, kw_only=True)
class _ServedValueArgs(_TypedValueArgs):
    """A value of a flag: exactly one typed field, or a predefined variation of the flag."""

    predefined_variation_id: pulumi.Input[str] | None = None


class SettingValueV2ValueArgs(_ServedValueArgs):
    """The default value of a Config V2 flag in an environment (or a plain ``True`` / ``"text"`` / ``42``)."""


class SettingValueV2TargetingRuleValueArgs(_ServedValueArgs):
    """The value a targeting rule serves."""


class SettingValueV2TargetingRulePercentageOptionValueArgs(_ServedValueArgs):
    """The value a percentage option serves."""


class SettingValueV2TargetingRuleConditionPrerequisiteFlagConditionComparisonValueArgs(_ServedValueArgs):
    """The value the prerequisite flag is compared with (of the prerequisite flag's type)."""


class SettingPredefinedVariationValueArgs(_TypedValueArgs):
    """The value of a predefined variation."""


@dataclass(frozen=True, kw_only=True)
class SettingPredefinedVariationArgs:
    """One of the values a flag may serve, with an optional name and hint for the dashboard."""

    value: pulumi.Input[Any]
    name: pulumi.Input[str] | None = None
    hint: pulumi.Input[str] | None = None


@dataclass(frozen=True, kw_only=True)
class SettingValueV2TargetingRuleConditionUserConditionComparisonValueListValueArgs:
    """One item of a list comparison value, with an optional hint."""

    value: pulumi.Input[str]
    hint: pulumi.Input[str] | None = None


@dataclass(frozen=True, kw_only=True)
class SettingValueV2TargetingRuleConditionUserConditionComparisonValueArgs:
    """What a user attribute is compared with: exactly one of a string, a number or a list.

    The comparator decides which: list comparators (``isOneOf``, ``containsAnyOf``, ``...AnyOf``) take
    ``list_values``, number and date comparators (``numberLess``, ``dateTimeBefore``: Unix seconds) take
    ``double_value``, the rest (``textEquals``, ``semVerLess``, ...) take ``string_value``.
    """

    string_value: pulumi.Input[str] | None = None
    double_value: pulumi.Input[float] | None = None
    list_values: (
        pulumi.Input[
            Sequence[
                pulumi.Input[SettingValueV2TargetingRuleConditionUserConditionComparisonValueListValueArgs]
            ]
        ]
        | None
    ) = None


@dataclass(frozen=True, kw_only=True)
class SettingValueV2TargetingRuleConditionUserConditionArgs:
    """A condition on a user attribute.

    ``comparison_value`` may also be a plain string, number or list of strings.
    """

    comparison_attribute: pulumi.Input[str]
    comparator: pulumi.Input[str]
    comparison_value: pulumi.Input[Any]


@dataclass(frozen=True, kw_only=True)
class SettingValueV2TargetingRuleConditionSegmentConditionArgs:
    """A condition on segment membership: ``comparator`` is ``isIn`` or ``isNotIn``."""

    segment_id: pulumi.Input[str]
    comparator: pulumi.Input[str]


@dataclass(frozen=True, kw_only=True)
class SettingValueV2TargetingRuleConditionPrerequisiteFlagConditionArgs:
    """A condition on another flag of the same config: ``comparator`` is ``equals`` or ``doesNotEqual``."""

    prerequisite_setting_id: pulumi.Input[str | int]
    comparator: pulumi.Input[str]
    comparison_value: pulumi.Input[Any]


@dataclass(frozen=True, kw_only=True)
class SettingValueV2TargetingRuleConditionArgs:
    """One condition of a targeting rule: set exactly one of the three."""

    user_condition: pulumi.Input[SettingValueV2TargetingRuleConditionUserConditionArgs] | None = None
    segment_condition: pulumi.Input[SettingValueV2TargetingRuleConditionSegmentConditionArgs] | None = None
    prerequisite_flag_condition: (
        pulumi.Input[SettingValueV2TargetingRuleConditionPrerequisiteFlagConditionArgs] | None
    ) = None


@dataclass(frozen=True, kw_only=True)
class SettingValueV2TargetingRulePercentageOptionArgs:
    """A whole-number share (0 to 100) of the users, and the value they get."""

    percentage: pulumi.Input[int]
    value: pulumi.Input[Any]


@dataclass(frozen=True, kw_only=True)
class SettingValueV2TargetingRuleArgs:
    """A targeting rule: its conditions (all must hold), then one of ``value`` or ``percentage_options``.

    A rule with no conditions and only percentage options splits everyone who reaches it.
    """

    conditions: pulumi.Input[Sequence[pulumi.Input[SettingValueV2TargetingRuleConditionArgs]]] | None = None
    percentage_options: (
        pulumi.Input[Sequence[pulumi.Input[SettingValueV2TargetingRulePercentageOptionArgs]]] | None
    ) = None
    value: pulumi.Input[Any] | None = None


@dataclass(frozen=True, kw_only=True)
class SettingValueRolloutRuleArgs:
    """A Config V1 rollout rule: a user attribute comparison, or a segment, and the value served.

    Set ``comparison_attribute``, ``comparator`` and ``comparison_value``, or ``segment_id`` and
    ``segment_comparator`` (``isIn`` / ``isNotIn``).
    """

    value: pulumi.Input[Any]
    comparison_attribute: pulumi.Input[str] | None = None
    comparator: pulumi.Input[str] | None = None
    comparison_value: pulumi.Input[str] | None = None
    segment_comparator: pulumi.Input[str] | None = None
    segment_id: pulumi.Input[str] | None = None


@dataclass(frozen=True, kw_only=True)
class SettingValuePercentageItemArgs:
    """A Config V1 percentage item: a share (0 to 100, a number or a string of digits) and its value."""

    percentage: pulumi.Input[str | int]
    value: pulumi.Input[Any]


@dataclass(frozen=True, kw_only=True)
class WebhookWebhookHeaderArgs:
    """A plain HTTP header a webhook sends (visible in audit logs and on the dashboard)."""

    key: pulumi.Input[str]
    value: pulumi.Input[str]


@dataclass(frozen=True, kw_only=True)
class WebhookSecureWebhookHeaderArgs:
    """A secure HTTP header a webhook sends: its value is write-only at the API and secret in the state."""

    key: pulumi.Input[str]
    value: pulumi.Input[str]
