"""Models of Permission Groups and their per-Environment permissions."""

from typing import Literal

from pydantic import Field

from pulumi_configcat.types._base import ApiModel
from pulumi_configcat.types.products import ProductModel

AccessType = Literal["readOnly", "full", "custom"]
"""Represent the Feature Management permission."""


EnvironmentAccessType = Literal["full", "readOnly", "none"]
"""Represent the environment specific Feature Management permission."""


ApprovalPermissionType = Literal["cannotApprove", "canApproveOthers", "canBypassApproval", "custom"]
"""Represents the permission group level change request approval permission."""


EnvironmentApprovalPermissionType = Literal["cannotApprove", "canApproveOthers", "canBypassApproval"]
"""Represents the environment specific change request approval permission."""


class PermissionGroupEnvironmentAccessModel(ApiModel):
    """The Feature Management permission of a Permission Group in one Environment."""

    environment_id: str
    name: str
    color: str | None = None
    description: str | None = None
    order: int
    reason_required: bool
    approve_required: bool
    environment_access_type: EnvironmentAccessType | str


class PermissionGroupEnvironmentApprovalPermissionModel(ApiModel):
    """The change request approval permission of a Permission Group in one Environment."""

    environment_id: str
    environment_approval_permission_type: EnvironmentApprovalPermissionType | str


class PermissionGroupModel(ApiModel):
    """A Permission Group of a Product."""

    permission_group_id: int
    name: str
    can_manage_members: bool
    can_create_or_update_config: bool
    can_delete_config: bool
    can_create_or_update_environment: bool
    can_delete_environment: bool
    can_create_or_update_setting: bool
    can_tag_setting: bool
    can_delete_setting: bool
    can_create_or_update_tag: bool
    can_delete_tag: bool
    can_manage_webhook: bool
    can_use_export_import: bool
    can_manage_product_preferences: bool
    can_manage_integrations: bool
    can_view_sdk_key: bool
    can_rotate_sdk_key: bool
    can_create_or_update_segments: bool
    can_delete_segments: bool
    can_view_product_audit_log: bool
    can_view_product_statistics: bool
    can_disable_2fa: bool = Field(alias="canDisable2FA")
    access_type: AccessType | str
    new_environment_access_type: EnvironmentAccessType | str
    environment_accesses: list[PermissionGroupEnvironmentAccessModel]
    product: ProductModel | None = None
    approval_permission_type: ApprovalPermissionType | str
    new_environment_approval_permission_type: EnvironmentApprovalPermissionType | str
    environment_approval_permissions: list[PermissionGroupEnvironmentApprovalPermissionModel]


class CreateOrUpdateEnvironmentAccessModel(ApiModel):
    """Sets the Feature Management permission of a Permission Group in one Environment."""

    environment_id: str | None = None
    environment_access_type: EnvironmentAccessType | None = None


class CreateOrUpdateEnvironmentApprovalPermissionModel(ApiModel):
    """Sets the change request approval permission of a Permission Group in one Environment."""

    environment_id: str | None = None
    environment_approval_permission_type: EnvironmentApprovalPermissionType | None = None


class CreatePermissionGroupRequest(ApiModel):
    """Body of `POST /v1/products/{productId}/permissions`."""

    name: str = Field(min_length=1, max_length=255)
    can_manage_members: bool | None = None
    can_create_or_update_config: bool | None = None
    can_delete_config: bool | None = None
    can_create_or_update_environment: bool | None = None
    can_delete_environment: bool | None = None
    can_create_or_update_setting: bool | None = None
    can_tag_setting: bool | None = None
    can_delete_setting: bool | None = None
    can_create_or_update_tag: bool | None = None
    can_delete_tag: bool | None = None
    can_manage_webhook: bool | None = None
    can_use_export_import: bool | None = None
    can_manage_product_preferences: bool | None = None
    can_manage_integrations: bool | None = None
    can_view_sdk_key: bool | None = None
    can_rotate_sdk_key: bool | None = None
    can_create_or_update_segments: bool | None = None
    can_delete_segments: bool | None = None
    can_view_product_audit_log: bool | None = None
    can_view_product_statistics: bool | None = None
    access_type: AccessType | None = None
    new_environment_access_type: EnvironmentAccessType | None = None
    environment_accesses: list[CreateOrUpdateEnvironmentAccessModel] | None = None
    approval_permission_type: ApprovalPermissionType | None = None
    new_environment_approval_permission_type: EnvironmentApprovalPermissionType | None = None
    environment_approval_permissions: list[CreateOrUpdateEnvironmentApprovalPermissionModel] | None = None
    can_disable_2fa: bool | None = Field(default=None, alias="canDisable2FA")


class UpdatePermissionGroupRequest(ApiModel):
    """Body of `PUT /v1/permissions/{permissionGroupId}`; a field left out keeps its value."""

    name: str | None = Field(default=None, max_length=255)
    can_manage_members: bool | None = None
    can_create_or_update_config: bool | None = None
    can_delete_config: bool | None = None
    can_create_or_update_environment: bool | None = None
    can_delete_environment: bool | None = None
    can_create_or_update_setting: bool | None = None
    can_tag_setting: bool | None = None
    can_delete_setting: bool | None = None
    can_create_or_update_tag: bool | None = None
    can_delete_tag: bool | None = None
    can_manage_webhook: bool | None = None
    can_use_export_import: bool | None = None
    can_manage_product_preferences: bool | None = None
    can_manage_integrations: bool | None = None
    can_view_sdk_key: bool | None = None
    can_rotate_sdk_key: bool | None = None
    can_create_or_update_segments: bool | None = None
    can_delete_segments: bool | None = None
    can_view_product_audit_log: bool | None = None
    can_view_product_statistics: bool | None = None
    can_disable_2fa: bool | None = Field(default=None, alias="canDisable2FA")
    access_type: AccessType | None = None
    new_environment_access_type: EnvironmentAccessType | None = None
    environment_accesses: list[CreateOrUpdateEnvironmentAccessModel] | None = None
    approval_permission_type: ApprovalPermissionType | None = None
    new_environment_approval_permission_type: EnvironmentApprovalPermissionType | None = None
    environment_approval_permissions: list[CreateOrUpdateEnvironmentApprovalPermissionModel] | None = None
