"""Models of Feature Flag and Setting values (evaluation formulas) in Configs of evaluation version v2."""

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
from pulumi_configcat.types.settings import PredefinedVariationModel, SettingTagModel, SettingType

UserComparator = Literal[
    "isOneOf",
    "isNotOneOf",
    "containsAnyOf",
    "doesNotContainAnyOf",
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
    "dateTimeBefore",
    "dateTimeAfter",
    "sensitiveTextEquals",
    "sensitiveTextDoesNotEqual",
    "sensitiveTextStartsWithAnyOf",
    "sensitiveTextNotStartsWithAnyOf",
    "sensitiveTextEndsWithAnyOf",
    "sensitiveTextNotEndsWithAnyOf",
    "sensitiveArrayContainsAnyOf",
    "sensitiveArrayDoesNotContainAnyOf",
    "textEquals",
    "textDoesNotEqual",
    "textStartsWithAnyOf",
    "textNotStartsWithAnyOf",
    "textEndsWithAnyOf",
    "textNotEndsWithAnyOf",
    "arrayContainsAnyOf",
    "arrayDoesNotContainAnyOf",
]
"""The operator a v2 user condition compares the user attribute with the comparison value by."""


PrerequisiteComparator = Literal["equals", "doesNotEqual"]
"""Prerequisite flag comparison operator used during the evaluation process."""


class ValueModel(ApiModel):
    """Represents the value of a Feature Flag or Setting."""

    bool_value: bool | None = None
    string_value: str | None = None
    int_value: int | None = None
    double_value: float | None = None
    predefined_variation_id: str | None = None


class ComparisonValueListModel(ApiModel):
    """One item of a list comparison value."""

    value: str
    hint: str | None = None


class ComparisonValueModel(ApiModel):
    """The value that the user object's attribute is compared to."""

    string_value: str | None = None
    double_value: float | None = None
    list_value: list[ComparisonValueListModel] | None = None


class UserConditionModel(ApiModel):
    """Describes a condition that is based on user attributes."""

    comparison_attribute: str
    comparator: UserComparator | str
    comparison_value: ComparisonValueModel


class SegmentConditionModel(ApiModel):
    """Describes a condition that is based on a segment."""

    segment_id: str
    comparator: SegmentComparator | str


class PrerequisiteFlagConditionModel(ApiModel):
    """Describes a condition that is based on a prerequisite flag."""

    prerequisite_setting_id: int
    comparator: PrerequisiteComparator | str
    prerequisite_comparison_value: ValueModel


class ConditionModel(ApiModel):
    """One condition of a v2 targeting rule; exactly one of the three kinds is set."""

    user_condition: UserConditionModel | None = None
    segment_condition: SegmentConditionModel | None = None
    prerequisite_flag_condition: PrerequisiteFlagConditionModel | None = None


class PercentageOptionModel(ApiModel):
    """A v2 percentage option: the share of users and the value they get."""

    percentage: int
    value: ValueModel


class TargetingRuleModel(ApiModel):
    """A v2 targeting rule: conditions joined by AND, then a value or percentage options."""

    conditions: list[ConditionModel]
    percentage_options: list[PercentageOptionModel]
    value: ValueModel | None = None


class SettingDataV2Model(ApiModel):
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
    predefined_variations: list[PredefinedVariationModel]
    is_watching: bool


class ConfigSettingFormulaModel(ApiModel):
    """The v2 evaluation formula of one Feature Flag or Setting, as listed for a Config and Environment."""

    last_version_id: str
    default_value: ValueModel
    targeting_rules: list[TargetingRuleModel]
    setting: SettingDataV2Model
    updated_at: str | None = None
    percentage_evaluation_attribute: str | None = None
    last_updater_user_email: str | None = None
    last_updater_user_full_name: str | None = None
    integration_links: list[IntegrationLinkModel]
    setting_tags: list[SettingTagModel]
    setting_ids_where_prerequisite: list[int]
    change_request_count: int


class SettingFormulaModel(ApiModel):
    """The v2 evaluation formula of a Feature Flag or Setting in one Environment."""

    last_version_id: str
    default_value: ValueModel
    targeting_rules: list[TargetingRuleModel]
    setting: SettingDataV2Model
    updated_at: str | None = None
    percentage_evaluation_attribute: str | None = None
    last_updater_user_email: str | None = None
    last_updater_user_full_name: str | None = None
    integration_links: list[IntegrationLinkModel]
    setting_tags: list[SettingTagModel]
    setting_ids_where_prerequisite: list[int]
    change_request_count: int
    config: ConfigModel | None = None
    environment: EnvironmentModel | None = None
    read_only: bool
    feature_flag_limitations: FeatureFlagLimitations
    approve_required: bool
    can_bypass_approval: bool
    reason_required: bool


class ConfigSettingFormulasModel(ApiModel):
    """The v2 evaluation formulas of all Feature Flags and Settings of a Config in one Environment."""

    config: ConfigModel | None = None
    environment: EnvironmentModel | None = None
    read_only: bool
    setting_formulas: list[ConfigSettingFormulaModel]
    feature_flag_limitations: FeatureFlagLimitations
    approve_required: bool
    can_bypass_approval: bool
    reason_required: bool


class UpdateValueModel(ApiModel):
    """Represents the value of a Feature Flag or Setting."""

    bool_value: bool | None = None
    string_value: str | None = None
    int_value: int | None = None
    double_value: float | None = None
    predefined_variation_id: str | None = None


class UpdateComparisonValueListModel(ApiModel):
    """One item of a list comparison value to write."""

    value: str
    hint: str | None = Field(default=None, max_length=1500)


class UpdateComparisonValueModel(ApiModel):
    """The value that the user object's attribute is compared to."""

    string_value: str | None = None
    double_value: float | None = None
    list_value: list[UpdateComparisonValueListModel] | None = None


class UpdateUserConditionModel(ApiModel):
    """Describes a condition that is based on user attributes."""

    comparison_attribute: str = Field(min_length=1, max_length=1000)
    comparator: UserComparator
    comparison_value: UpdateComparisonValueModel


class UpdateSegmentConditionModel(ApiModel):
    """Describes a condition that is based on a segment."""

    segment_id: str
    comparator: SegmentComparator


class UpdatePrerequisiteFlagConditionModel(ApiModel):
    """Describes a condition that is based on a prerequisite flag."""

    prerequisite_setting_id: int
    comparator: PrerequisiteComparator
    prerequisite_comparison_value: UpdateValueModel


class UpdateConditionModel(ApiModel):
    """One condition of a v2 targeting rule to write; set exactly one of the three kinds."""

    user_condition: UpdateUserConditionModel | None = None
    segment_condition: UpdateSegmentConditionModel | None = None
    prerequisite_flag_condition: UpdatePrerequisiteFlagConditionModel | None = None


class UpdatePercentageOptionModel(ApiModel):
    """A v2 percentage option to write."""

    percentage: int
    value: UpdateValueModel


class UpdateTargetingRuleModel(ApiModel):
    """A v2 targeting rule to write."""

    conditions: list[UpdateConditionModel] | None = None
    percentage_options: list[UpdatePercentageOptionModel] | None = None
    value: UpdateValueModel | None = None


class UpdateEvaluationFormulaModel(ApiModel):
    """Body of `PUT /v2/environments/{environmentId}/settings/{settingId}/value`."""

    default_value: UpdateValueModel
    targeting_rules: list[UpdateTargetingRuleModel] | None = None
    percentage_evaluation_attribute: str | None = Field(default=None, max_length=1000)


class UpdateEvaluationFormulaWithIdModel(ApiModel):
    """A v2 evaluation formula to write, naming its Feature Flag or Setting."""

    default_value: UpdateValueModel
    targeting_rules: list[UpdateTargetingRuleModel] | None = None
    percentage_evaluation_attribute: str | None = Field(default=None, max_length=1000)
    setting_id: int | None = None


class UpdateEvaluationFormulasModel(ApiModel):
    """Body of `POST /v2/configs/{configId}/environments/{environmentId}/values` (several v2 formulas)."""

    update_formulas: list[UpdateEvaluationFormulaWithIdModel] | None = None
