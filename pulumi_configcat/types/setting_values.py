"""Models of Feature Flag and Setting values in Configs of evaluation version v1."""

from typing import Literal

from pydantic import Field

from pulumi_configcat.types._base import ApiModel
from pulumi_configcat.types.configs import ConfigModel
from pulumi_configcat.types.environments import EnvironmentModel
from pulumi_configcat.types.setting_values_shared import (
    FeatureFlagLimitations,
    IntegrationLinkModel,
    SegmentComparator,
)
from pulumi_configcat.types.settings import SettingTagModel, SettingType, SettingValueType

RolloutRuleComparator = Literal[
    "isOneOf",
    "isNotOneOf",
    "contains",
    "doesNotContain",
    "semVerIsOneOf",
    "semVerIsNotOneOf",
    "semVerLess",
    "semVerLessOrEquals",
    "semVerGreater",
    "semVerGreaterOrEquals",
    "numberEquals",
    "numberDoesNotEqual",
    "numberLess",
    "numberLessOrEquals",
    "numberGreater",
    "numberGreaterOrEquals",
    "sensitiveIsOneOf",
    "sensitiveIsNotOneOf",
]
"""The operator a v1 targeting rule or a Segment compares the user attribute with the comparison value by."""


class SettingDataModel(ApiModel):
    """Metadata of a Feature Flag or Setting."""

    setting_id: int
    key: str
    name: str
    hint: str | None = None
    setting_type: SettingType | str
    is_json: bool
    order: int
    created_at: str | None = None
    creator_email: str | None = None
    creator_full_name: str | None = None
    is_watching: bool


class RolloutRuleModel(ApiModel):
    """A v1 targeting rule: a user attribute or Segment comparison and the value it serves."""

    comparison_attribute: str | None = None
    comparator: RolloutRuleComparator | str | None = None
    comparison_value: str | None = None
    value: SettingValueType
    segment_comparator: SegmentComparator | str | None = None
    segment_id: str | None = None


class RolloutPercentageItemModel(ApiModel):
    """A v1 percentage rule: the share of users and the value they get."""

    percentage: int
    value: SettingValueType


class SettingValueModel(ApiModel):
    """The v1 value of a Feature Flag or Setting in one Environment."""

    setting: SettingDataModel
    updated_at: str | None = None
    last_updater_user_email: str | None = None
    last_updater_user_full_name: str | None = None
    integration_links: list[IntegrationLinkModel]
    setting_tags: list[SettingTagModel]
    rollout_rules: list[RolloutRuleModel]
    rollout_percentage_items: list[RolloutPercentageItemModel]
    value: SettingValueType
    config: ConfigModel | None = None
    environment: EnvironmentModel | None = None
    feature_flag_limitations: FeatureFlagLimitations
    read_only: bool


class ConfigSettingValueModel(ApiModel):
    """The v1 value of one Feature Flag or Setting, as listed for a Config and Environment."""

    setting: SettingDataModel
    updated_at: str | None = None
    last_updater_user_email: str | None = None
    last_updater_user_full_name: str | None = None
    integration_links: list[IntegrationLinkModel]
    setting_tags: list[SettingTagModel]
    rollout_rules: list[RolloutRuleModel]
    rollout_percentage_items: list[RolloutPercentageItemModel]
    value: SettingValueType


class ConfigSettingValuesModel(ApiModel):
    """The v1 values of all Feature Flags and Settings of a Config in one Environment."""

    config: ConfigModel | None = None
    environment: EnvironmentModel | None = None
    read_only: bool
    setting_values: list[ConfigSettingValueModel]
    feature_flag_limitations: FeatureFlagLimitations


class UpdateRolloutRuleModel(ApiModel):
    """A v1 targeting rule to write."""

    comparison_attribute: str | None = Field(default=None, max_length=1000)
    comparator: RolloutRuleComparator | None = None
    comparison_value: str | None = None
    value: SettingValueType
    segment_comparator: SegmentComparator | None = None
    segment_id: str | None = None


class UpdateRolloutPercentageItemModel(ApiModel):
    """A v1 percentage rule to write."""

    percentage: int
    value: SettingValueType


class UpdateSettingValueModel(ApiModel):
    """Body of `PUT /v1/environments/{environmentId}/settings/{settingId}/value`."""

    rollout_rules: list[UpdateRolloutRuleModel] | None = None
    rollout_percentage_items: list[UpdateRolloutPercentageItemModel] | None = None
    value: SettingValueType


class UpdateSettingValueWithSettingIdModel(ApiModel):
    """A v1 value to write, naming its Feature Flag or Setting."""

    rollout_rules: list[UpdateRolloutRuleModel] | None = None
    rollout_percentage_items: list[UpdateRolloutPercentageItemModel] | None = None
    value: SettingValueType
    setting_id: int | None = None


class UpdateSettingValuesWithIdModel(ApiModel):
    """Body of `POST /v1/configs/{configId}/environments/{environmentId}/values` (several v1 values)."""

    setting_values: list[UpdateSettingValueWithSettingIdModel] | None = None
