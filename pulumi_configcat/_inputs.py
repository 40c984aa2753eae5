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

from collections.abc import Sequence
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
]


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
    """The default value of a Config V2 flag in an environment (or a plain ``True`` / ``"text"`` / ``42``).

    Set exactly one of ``bool_value``, ``string_value``, ``int_value``, ``double_value`` (the flag's type), or
    ``predefined_variation_id`` for a flag with predefined variations.

    Example::

        configcat.SettingValueV2(
            "page-size-prod",
            environment_id=production.id,
            setting_id=page_size.id,
            value=configcat.SettingValueV2ValueArgs(int_value=20),  # or simply value=20
        )
    """


class SettingValueV2TargetingRuleValueArgs(_ServedValueArgs):
    """The value a targeting rule serves (or a plain ``True`` / ``"text"`` / ``42``).

    Example::

        configcat.SettingValueV2TargetingRuleArgs(
            conditions=[{"segment_condition": {"segment_id": staff.id, "comparator": "isIn"}}],
            value=configcat.SettingValueV2TargetingRuleValueArgs(bool_value=True),
        )
    """


class SettingValueV2TargetingRulePercentageOptionValueArgs(_ServedValueArgs):
    """The value a percentage option serves (or a plain ``True`` / ``"text"`` / ``42``).

    Example::

        configcat.SettingValueV2TargetingRulePercentageOptionArgs(
            percentage=20,
            value=configcat.SettingValueV2TargetingRulePercentageOptionValueArgs(bool_value=True),
        )
    """


class SettingValueV2TargetingRuleConditionPrerequisiteFlagConditionComparisonValueArgs(_ServedValueArgs):
    """The value the prerequisite flag is compared with (of the prerequisite flag's type).

    The typed form tells the flag's type, which a plain number cannot (int or double?).

    Example::

        configcat.SettingValueV2TargetingRuleConditionPrerequisiteFlagConditionArgs(
            prerequisite_setting_id=level.id,
            comparator="equals",
            comparison_value=(
                configcat.SettingValueV2TargetingRuleConditionPrerequisiteFlagConditionComparisonValueArgs(
                    int_value=3
                )
            ),
        )
    """


class SettingPredefinedVariationValueArgs(_TypedValueArgs):
    """The value of a predefined variation (or a plain ``"free"`` / ``3`` / ``True``).

    Example::

        configcat.SettingPredefinedVariationArgs(
            value=configcat.SettingPredefinedVariationValueArgs(string_value="free"), name="Free"
        )
    """


@dataclass(frozen=True, kw_only=True)
class SettingPredefinedVariationArgs:
    """One of the values a flag may serve, with an optional name and hint for the dashboard.

    Example::

        plan = configcat.Setting(
            "plan",
            config_id=main.id,
            key="plan",
            setting_type="string",
            predefined_variations=[
                configcat.SettingPredefinedVariationArgs(value="free", name="Free"),
                configcat.SettingPredefinedVariationArgs(value="pro", name="Pro", hint="paid plans"),
            ],
        )
    """

    value: pulumi.Input[Any]
    name: pulumi.Input[str] | None = None
    hint: pulumi.Input[str] | None = None


@dataclass(frozen=True, kw_only=True)
class SettingValueV2TargetingRuleConditionUserConditionComparisonValueListValueArgs:
    """One item of a list comparison value, with an optional hint.

    Example::

        configcat.SettingValueV2TargetingRuleConditionUserConditionComparisonValueArgs(
            list_values=[
                configcat.SettingValueV2TargetingRuleConditionUserConditionComparisonValueListValueArgs(
                    value="HU", hint="Hungary"
                ),
            ]
        )
    """

    value: pulumi.Input[str]
    hint: pulumi.Input[str] | None = None


@dataclass(frozen=True, kw_only=True)
class SettingValueV2TargetingRuleConditionUserConditionComparisonValueArgs:
    """What a user attribute is compared with: exactly one of a string, a number or a list.

    The comparator decides which: list comparators (``isOneOf``, ``containsAnyOf``, ``...AnyOf``) take
    ``list_values``, number and date comparators (``numberLess``, ``dateTimeBefore``: Unix seconds) take
    ``double_value``, the rest (``textEquals``, ``semVerLess``, ...) take ``string_value``.

    Example::

        configcat.SettingValueV2TargetingRuleConditionUserConditionComparisonValueArgs(
            string_value="2.0.0"  # with comparator="semVerGreaterOrEquals"
        )
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

    ``comparator`` is one of the API's user comparators: ``isOneOf``, ``isNotOneOf``, ``containsAnyOf``,
    ``doesNotContainAnyOf``, ``textEquals``, ``textDoesNotEqual``, ``textStartsWithAnyOf``,
    ``textNotStartsWithAnyOf``, ``textEndsWithAnyOf``, ``textNotEndsWithAnyOf``, their ``sensitive...``
    (hashed) twins, ``semVerIsOneOf``, ``semVerIsNotOneOf``, ``semVerLess``, ``semVerLessOrEquals``,
    ``semVerGreater``, ``semVerGreaterOrEquals``, ``numberEquals``, ``numberDoesNotEqual``, ``numberLess``,
    ``numberLessOrEquals``, ``numberGreater``, ``numberGreaterOrEquals``, ``dateTimeBefore``,
    ``dateTimeAfter`` (Unix seconds), ``arrayContainsAnyOf``, ``arrayDoesNotContainAnyOf``.
    ``comparison_value`` may also be a plain string, number or list of strings.

    Example::

        configcat.SettingValueV2TargetingRuleConditionArgs(
            user_condition=configcat.SettingValueV2TargetingRuleConditionUserConditionArgs(
                comparison_attribute="Email",
                comparator="textEndsWithAnyOf",
                comparison_value=["@acme.com", "@acme.org"],
            )
        )
    """

    comparison_attribute: pulumi.Input[str]
    comparator: pulumi.Input[str]
    comparison_value: pulumi.Input[Any]


@dataclass(frozen=True, kw_only=True)
class SettingValueV2TargetingRuleConditionSegmentConditionArgs:
    """A condition on segment membership: ``comparator`` is ``isIn`` or ``isNotIn``.

    Example::

        configcat.SettingValueV2TargetingRuleConditionArgs(
            segment_condition=configcat.SettingValueV2TargetingRuleConditionSegmentConditionArgs(
                segment_id=beta_testers.id, comparator="isIn"
            )
        )
    """

    segment_id: pulumi.Input[str]
    comparator: pulumi.Input[str]


@dataclass(frozen=True, kw_only=True)
class SettingValueV2TargetingRuleConditionPrerequisiteFlagConditionArgs:
    """A condition on another flag of the same config: ``comparator`` is ``equals`` or ``doesNotEqual``.

    Example::

        configcat.SettingValueV2TargetingRuleConditionArgs(
            prerequisite_flag_condition=(
                configcat.SettingValueV2TargetingRuleConditionPrerequisiteFlagConditionArgs(
                    prerequisite_setting_id=new_api.id, comparator="equals", comparison_value=True
                )
            )
        )
    """

    prerequisite_setting_id: pulumi.Input[str | int]
    comparator: pulumi.Input[str]
    comparison_value: pulumi.Input[Any]


@dataclass(frozen=True, kw_only=True)
class SettingValueV2TargetingRuleConditionArgs:
    """One condition of a targeting rule: set exactly one of the three.

    Example::

        configcat.SettingValueV2TargetingRuleArgs(
            conditions=[
                configcat.SettingValueV2TargetingRuleConditionArgs(
                    user_condition={"comparison_attribute": "Country", "comparator": "isOneOf",
                                    "comparison_value": ["HU", "NL"]}
                ),
                configcat.SettingValueV2TargetingRuleConditionArgs(
                    segment_condition={"segment_id": staff.id, "comparator": "isNotIn"}
                ),
            ],
            value=True,
        )
    """

    user_condition: pulumi.Input[SettingValueV2TargetingRuleConditionUserConditionArgs] | None = None
    segment_condition: pulumi.Input[SettingValueV2TargetingRuleConditionSegmentConditionArgs] | None = None
    prerequisite_flag_condition: (
        pulumi.Input[SettingValueV2TargetingRuleConditionPrerequisiteFlagConditionArgs] | None
    ) = None


@dataclass(frozen=True, kw_only=True)
class SettingValueV2TargetingRulePercentageOptionArgs:
    """A whole-number share (0 to 100) of the users, and the value they get; a rule's shares add up to 100.

    Example::

        configcat.SettingValueV2TargetingRuleArgs(
            percentage_options=[
                configcat.SettingValueV2TargetingRulePercentageOptionArgs(percentage=10, value=True),
                configcat.SettingValueV2TargetingRulePercentageOptionArgs(percentage=90, value=False),
            ]
        )
    """

    percentage: pulumi.Input[int]
    value: pulumi.Input[Any]


@dataclass(frozen=True, kw_only=True)
class SettingValueV2TargetingRuleArgs:
    """A targeting rule: its conditions (all must hold), then one of ``value`` or ``percentage_options``.

    A rule with no conditions and only percentage options splits everyone who reaches it.

    Example::

        configcat.SettingValueV2(
            "checkout-prod",
            environment_id=production.id,
            setting_id=checkout.id,
            init_only=False,
            value=False,
            targeting_rules=[
                configcat.SettingValueV2TargetingRuleArgs(
                    conditions=[{"segment_condition": {"segment_id": staff.id, "comparator": "isIn"}}],
                    value=True,
                ),
                configcat.SettingValueV2TargetingRuleArgs(
                    percentage_options=[{"percentage": 25, "value": True}, {"percentage": 75, "value": False}]
                ),
            ],
        )
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

    Example::

        configcat.SettingValue(
            "motto-prod",
            environment_id=production.id,
            setting_id=motto.id,
            value="default",
            rollout_rules=[
                configcat.SettingValueRolloutRuleArgs(
                    comparison_attribute="Email", comparator="contains", comparison_value="@acme.com",
                    value="staff",
                ),
                configcat.SettingValueRolloutRuleArgs(
                    segment_id=testers.id, segment_comparator="isIn", value="qa"
                ),
            ],
        )
    """

    value: pulumi.Input[Any]
    comparison_attribute: pulumi.Input[str] | None = None
    comparator: pulumi.Input[str] | None = None
    comparison_value: pulumi.Input[str] | None = None
    segment_comparator: pulumi.Input[str] | None = None
    segment_id: pulumi.Input[str] | None = None


@dataclass(frozen=True, kw_only=True)
class SettingValuePercentageItemArgs:
    """A Config V1 percentage item: a share (0 to 100, a number or a string of digits) and its value.

    Example::

        configcat.SettingValue(
            "theme-prod",
            environment_id=production.id,
            setting_id=theme.id,
            value="light",
            percentage_items=[
                configcat.SettingValuePercentageItemArgs(percentage="30", value="dark"),
                configcat.SettingValuePercentageItemArgs(percentage="70", value="light"),
            ],
        )
    """

    percentage: pulumi.Input[str | int]
    value: pulumi.Input[Any]


@dataclass(frozen=True, kw_only=True)
class WebhookWebhookHeaderArgs:
    """A plain HTTP header a webhook sends (visible in audit logs and on the dashboard).

    Example::

        configcat.Webhook(
            "deploy-hook",
            config_id=main.id,
            environment_id=production.id,
            url="https://hooks.example.com/configcat",
            webhook_headers=[
                configcat.WebhookWebhookHeaderArgs(key="Content-Type", value="application/json")
            ],
        )
    """

    key: pulumi.Input[str]
    value: pulumi.Input[str]


@dataclass(frozen=True, kw_only=True)
class WebhookSecureWebhookHeaderArgs:
    """A secure HTTP header a webhook sends: its value is write-only at the API and secret in the state.

    Example::

        configcat.Webhook(
            "deploy-hook",
            config_id=main.id,
            environment_id=production.id,
            url="https://hooks.example.com/configcat",
            secure_webhook_headers=[
                configcat.WebhookSecureWebhookHeaderArgs(
                    key="Authorization", value=pulumi.Config().require_secret("hookToken")
                )
            ],
        )
    """

    key: pulumi.Input[str]
    value: pulumi.Input[str]
