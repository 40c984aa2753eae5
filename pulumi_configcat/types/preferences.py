"""Models of Product preferences (mandatory notes, approvals, key generation)."""

from typing import Literal

from pulumi_configcat.types._base import ApiModel

KeyGenerationMode = Literal["camelCase", "lowerCase", "upperCase", "pascalCase", "kebabCase"]
"""Determines the Feature Flag key generation mode."""


class ReasonRequiredEnvironmentModel(ApiModel):
    """Whether a mandatory note is required in one Environment."""

    environment_id: str
    reason_required: bool
    environment_name: str | None = None


class ApproveRequiredEnvironmentModel(ApiModel):
    """Whether changes need approval in one Environment."""

    environment_id: str
    approve_required: bool
    environment_name: str | None = None


class PreferencesModel(ApiModel):
    """The preferences of a Product (`GET /v1/products/{productId}/preferences`)."""

    reason_required: bool
    key_generation_mode: KeyGenerationMode | str
    show_variation_id: bool
    reason_required_environments: list[ReasonRequiredEnvironmentModel] | None = None
    mandatory_setting_hint: bool
    approve_required: bool
    approve_required_environments: list[ApproveRequiredEnvironmentModel] | None = None


class UpdateReasonRequiredEnvironmentModel(ApiModel):
    """Sets whether a mandatory note is required in one Environment."""

    environment_id: str | None = None
    reason_required: bool | None = None


class UpdateApproveRequiredEnvironmentModel(ApiModel):
    """Sets whether changes need approval in one Environment."""

    environment_id: str | None = None
    approve_required: bool | None = None


class UpdatePreferencesRequest(ApiModel):
    """Body of `POST /v1/products/{productId}/preferences`; a field left out keeps its value."""

    reason_required: bool | None = None
    key_generation_mode: KeyGenerationMode | None = None
    show_variation_id: bool | None = None
    mandatory_setting_hint: bool | None = None
    reason_required_environments: list[UpdateReasonRequiredEnvironmentModel] | None = None
    approve_required: bool | None = None
    approve_required_environments: list[UpdateApproveRequiredEnvironmentModel] | None = None
