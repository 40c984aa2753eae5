"""Permission groups: ``/v1/products/{productId}/permissions`` and ``/v1/permissions/{permissionGroupId}``."""

from __future__ import annotations

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.types import (
    CreatePermissionGroupRequest,
    PermissionGroupModel,
    UpdatePermissionGroupRequest,
)


def create_permission_group(
    client: ConfigCatClient, product_id: str, body: CreatePermissionGroupRequest
) -> PermissionGroupModel:
    """Creates a permission group in a product."""
    return client.post(f"/v1/products/{product_id}/permissions", body.to_wire(), cast_to=PermissionGroupModel)


def get_permission_group(client: ConfigCatClient, permission_group_id: str) -> PermissionGroupModel:
    """Reads one permission group."""
    return client.get(f"/v1/permissions/{permission_group_id}", cast_to=PermissionGroupModel)


def update_permission_group(
    client: ConfigCatClient, permission_group_id: str, body: UpdatePermissionGroupRequest
) -> PermissionGroupModel:
    """Updates a permission group; fields left out keep their values."""
    return client.put(f"/v1/permissions/{permission_group_id}", body.to_wire(), cast_to=PermissionGroupModel)


def delete_permission_group(client: ConfigCatClient, permission_group_id: str) -> None:
    """Deletes a permission group."""
    client.delete(f"/v1/permissions/{permission_group_id}")


def list_permission_groups(client: ConfigCatClient, product_id: str) -> list[PermissionGroupModel]:
    """Lists the permission groups of a product."""
    return client.get(f"/v1/products/{product_id}/permissions", cast_to=list[PermissionGroupModel])
