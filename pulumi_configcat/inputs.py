"""Typed arguments for nested inputs, under pulumiverse_configcat's names (also exported by the package).

A plain dict with the same keys works wherever one of these is accepted.
"""

from pulumi_configcat._inputs import (
    SettingPredefinedVariationArgs,
    SettingPredefinedVariationValueArgs,
    SettingValuePercentageItemArgs,
    SettingValueRolloutRuleArgs,
    SettingValueV2TargetingRuleArgs,
    SettingValueV2TargetingRuleConditionArgs,
    SettingValueV2TargetingRuleConditionPrerequisiteFlagConditionArgs,
    SettingValueV2TargetingRuleConditionPrerequisiteFlagConditionComparisonValueArgs,
    SettingValueV2TargetingRuleConditionSegmentConditionArgs,
    SettingValueV2TargetingRuleConditionUserConditionArgs,
    SettingValueV2TargetingRuleConditionUserConditionComparisonValueArgs,
    SettingValueV2TargetingRuleConditionUserConditionComparisonValueListValueArgs,
    SettingValueV2TargetingRulePercentageOptionArgs,
    SettingValueV2TargetingRulePercentageOptionValueArgs,
    SettingValueV2TargetingRuleValueArgs,
    SettingValueV2ValueArgs,
    WebhookSecureWebhookHeaderArgs,
    WebhookWebhookHeaderArgs,
)

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
