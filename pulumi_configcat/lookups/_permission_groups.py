"""Lookup of a product's permission groups."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pulumi

from pulumi_configcat.api import permission_groups as permission_groups_api
from pulumi_configcat.lookups._common import client as _client
from pulumi_configcat.lookups._common import lift as _lift
from pulumi_configcat.lookups._common import matcher as _matcher
from pulumi_configcat.lookups._common import uuid_argument as _uuid_argument
from pulumi_configcat.types import PermissionGroupModel

__all__ = [
    "GetPermissionGroupsPermissionGroupResult",
    "GetPermissionGroupsResult",
    "get_permission_groups",
    "get_permission_groups_output",
]


@dataclass(frozen=True)
class GetPermissionGroupsPermissionGroupResult:
    """One permission group found by :func:`get_permission_groups`, named as ``PermissionGroup``'s inputs.

    Attributes:
        permission_group_id: The group's integer id.
        name: Its name.
        accesstype: ``"readOnly"``, ``"full"`` or ``"custom"`` feature flag access.
        new_environment_accesstype: The access the group gets to environments created later.
        environment_accesses: Environment UUID to ``"full"`` or ``"readOnly"``, for the environments the
            group can reach (those with access ``"none"`` are left out, as in ``PermissionGroup``).
        can_manage_members: Members can manage other members.
        can_createorupdate_config: Members can create and update configs.
        can_delete_config: Members can delete configs.
        can_createorupdate_environment: Members can create and update environments.
        can_delete_environment: Members can delete environments.
        can_createorupdate_setting: Members can create and update feature flags.
        can_tag_setting: Members can tag feature flags.
        can_delete_setting: Members can delete feature flags.
        can_createorupdate_tag: Members can create and update tags.
        can_delete_tag: Members can delete tags.
        can_manage_webhook: Members can manage webhooks.
        can_use_exportimport: Members can export and import.
        can_manage_product_preferences: Members can change the product's preferences.
        can_manage_integrations: Members can manage integrations.
        can_view_sdkkey: Members can see SDK keys.
        can_rotate_sdkkey: Members can rotate SDK keys.
        can_createorupdate_segment: Members can create and update segments.
        can_delete_segment: Members can delete segments.
        can_view_product_auditlog: Members can read the audit log.
        can_view_product_statistics: Members can read statistics.
        can_disable2fa: Members can turn off two-factor authentication for other members.

    Example::

        admins = configcat.get_permission_groups(product_id, "^Administrators$").permission_groups[0]
    """

    permission_group_id: int
    name: str
    accesstype: str
    new_environment_accesstype: str
    environment_accesses: Mapping[str, str]
    can_manage_members: bool
    can_createorupdate_config: bool
    can_delete_config: bool
    can_createorupdate_environment: bool
    can_delete_environment: bool
    can_createorupdate_setting: bool
    can_tag_setting: bool
    can_delete_setting: bool
    can_createorupdate_tag: bool
    can_delete_tag: bool
    can_manage_webhook: bool
    can_use_exportimport: bool
    can_manage_product_preferences: bool
    can_manage_integrations: bool
    can_view_sdkkey: bool
    can_rotate_sdkkey: bool
    can_createorupdate_segment: bool
    can_delete_segment: bool
    can_view_product_auditlog: bool
    can_view_product_statistics: bool
    can_disable2fa: bool


@dataclass(frozen=True)
class GetPermissionGroupsResult:
    """What :func:`get_permission_groups` returns.

    Attributes:
        id: The lookup's id (the product id).
        product_id: The product searched.
        name_filter_regex: The filter it was given.
        permission_groups: The groups whose name matches.

    Example::

        names = [g.name for g in configcat.get_permission_groups(product_id).permission_groups]
    """

    id: str
    product_id: str
    name_filter_regex: str | None
    permission_groups: Sequence[GetPermissionGroupsPermissionGroupResult]


def _permission_group(group: PermissionGroupModel) -> GetPermissionGroupsPermissionGroupResult:
    return GetPermissionGroupsPermissionGroupResult(
        permission_group_id=group.permission_group_id,
        name=group.name,
        accesstype=group.access_type,
        new_environment_accesstype=group.new_environment_access_type,
        environment_accesses={
            access.environment_id: access.environment_access_type
            for access in group.environment_accesses
            if access.environment_access_type != "none"
        },
        can_manage_members=group.can_manage_members,
        can_createorupdate_config=group.can_create_or_update_config,
        can_delete_config=group.can_delete_config,
        can_createorupdate_environment=group.can_create_or_update_environment,
        can_delete_environment=group.can_delete_environment,
        can_createorupdate_setting=group.can_create_or_update_setting,
        can_tag_setting=group.can_tag_setting,
        can_delete_setting=group.can_delete_setting,
        can_createorupdate_tag=group.can_create_or_update_tag,
        can_delete_tag=group.can_delete_tag,
        can_manage_webhook=group.can_manage_webhook,
        can_use_exportimport=group.can_use_export_import,
        can_manage_product_preferences=group.can_manage_product_preferences,
        can_manage_integrations=group.can_manage_integrations,
        can_view_sdkkey=group.can_view_sdk_key,
        can_rotate_sdkkey=group.can_rotate_sdk_key,
        can_createorupdate_segment=group.can_create_or_update_segments,
        can_delete_segment=group.can_delete_segments,
        can_view_product_auditlog=group.can_view_product_audit_log,
        can_view_product_statistics=group.can_view_product_statistics,
        can_disable2fa=group.can_disable_2fa,
    )


def get_permission_groups(
    product_id: str, name_filter_regex: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> GetPermissionGroupsResult:
    """Lists the permission groups of a product.

    Args:
        product_id: The product's UUID.
        name_filter_regex: Keeps groups whose name this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        The matching permission groups.

    Raises:
        ValueError: ``product_id`` is not a UUID (refused before any request).
        ValueError: ``name_filter_regex`` is not a valid regular expression.
        NotFoundError: No such product (or the credentials cannot see it).

    Example::

        devs = configcat.get_permission_groups(product_id, "^Devs$").permission_groups[0]
    """
    _uuid_argument("get_permission_groups", "product_id", product_id)
    matches = _matcher("name_filter_regex", name_filter_regex)
    return GetPermissionGroupsResult(
        id=product_id,
        product_id=product_id,
        name_filter_regex=name_filter_regex,
        permission_groups=[
            _permission_group(g)
            for g in permission_groups_api.list_permission_groups(_client(opts), product_id)
            if matches(g.name)
        ],
    )


def get_permission_groups_output(
    product_id: pulumi.Input[str],
    name_filter_regex: pulumi.Input[str | None] = None,
    opts: pulumi.InvokeOptions | None = None,
) -> pulumi.Output[GetPermissionGroupsResult]:
    """:func:`get_permission_groups` over Inputs, as an Output.

    Args:
        product_id: The product's UUID (an Output of a Product, say).
        name_filter_regex: Keeps groups whose name this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        An Output of the matching permission groups.

    Example::

        groups = configcat.get_permission_groups_output(product_id=product.id).permission_groups
    """
    return _lift(get_permission_groups, product_id=product_id, name_filter_regex=name_filter_regex, opts=opts)
