"""Lookups of a config's settings and of a product's segments, tags and permission groups."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pulumi

from pulumi_configcat.api import permission_groups as permission_groups_api
from pulumi_configcat.api import segments as segments_api
from pulumi_configcat.api import settings as settings_api
from pulumi_configcat.api import tags as tags_api
from pulumi_configcat.lookups._common import client as _client
from pulumi_configcat.lookups._common import lift as _lift
from pulumi_configcat.lookups._common import matcher as _matcher
from pulumi_configcat.lookups._common import uuid_argument as _uuid_argument
from pulumi_configcat.types import PermissionGroupModel

__all__ = [
    "GetPermissionGroupsPermissionGroupResult",
    "GetPermissionGroupsResult",
    "GetSegmentsResult",
    "GetSegmentsSegmentResult",
    "GetSettingsResult",
    "GetSettingsSettingResult",
    "GetTagsResult",
    "GetTagsTagResult",
    "get_permission_groups",
    "get_permission_groups_output",
    "get_segments",
    "get_segments_output",
    "get_settings",
    "get_settings_output",
    "get_tags",
    "get_tags_output",
]


# ------------------------------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class GetSettingsSettingResult:
    """One feature flag or setting found by :func:`get_settings`.

    Attributes:
        setting_id: The setting's id, as a string (as pulumiverse has it).
        key: The key SDKs evaluate it by.
        name: Its name.
        hint: Its hint, if any.
        order: Its position in the dashboard.
        setting_type: ``"boolean"``, ``"string"``, ``"int"`` or ``"double"``.

    Example::

        flag = configcat.get_settings(config_id, key_filter_regex="^isAwesome").settings[0]
    """

    setting_id: str
    key: str
    name: str
    hint: str | None
    order: int
    setting_type: str


@dataclass(frozen=True)
class GetSettingsResult:
    """What :func:`get_settings` returns.

    Attributes:
        id: The lookup's id (the config id).
        config_id: The config searched.
        key_filter_regex: The filter it was given.
        settings: The settings whose key matches, in the API's order.

    Example::

        keys = [s.key for s in configcat.get_settings(config_id).settings]
    """

    id: str
    config_id: str
    key_filter_regex: str | None
    settings: Sequence[GetSettingsSettingResult]


def get_settings(
    config_id: str, key_filter_regex: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> GetSettingsResult:
    """Lists the feature flags and settings of a config.

    Args:
        config_id: The config's UUID.
        key_filter_regex: Keeps settings whose key (not name) this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        The matching settings.

    Raises:
        ValueError: ``config_id`` is not a UUID (refused before any request).
        ValueError: ``key_filter_regex`` is not a valid regular expression.
        NotFoundError: No such config (or the credentials cannot see it).

    Example::

        setting_id = configcat.get_settings(config_id, "^isAwesomeFeatureEnabled$").settings[0].setting_id
    """
    _uuid_argument("get_settings", "config_id", config_id)
    matches = _matcher("key_filter_regex", key_filter_regex)
    return GetSettingsResult(
        id=config_id,
        config_id=config_id,
        key_filter_regex=key_filter_regex,
        settings=[
            GetSettingsSettingResult(
                setting_id=str(s.setting_id),
                key=s.key,
                name=s.name,
                hint=s.hint,
                order=s.order,
                setting_type=s.setting_type,
            )
            for s in settings_api.list_settings(_client(opts), config_id)
            if matches(s.key)
        ],
    )


def get_settings_output(
    config_id: pulumi.Input[str],
    key_filter_regex: pulumi.Input[str | None] = None,
    opts: pulumi.InvokeOptions | None = None,
) -> pulumi.Output[GetSettingsResult]:
    """:func:`get_settings` over Inputs, as an Output.

    Args:
        config_id: The config's UUID (an Output of a Config, say).
        key_filter_regex: Keeps settings whose key this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        An Output of the matching settings.

    Example::

        settings = configcat.get_settings_output(config_id=config.id).settings
    """
    return _lift(get_settings, config_id=config_id, key_filter_regex=key_filter_regex, opts=opts)


# ------------------------------------------------------------------------------------------------- segments


@dataclass(frozen=True)
class GetSegmentsSegmentResult:
    """One segment found by :func:`get_segments`.

    Attributes:
        segment_id: The segment's UUID.
        name: Its name.
        description: Its description, if any.

    Example::

        beta = configcat.get_segments(product_id, name_filter_regex="^Beta users$").segments[0]
    """

    segment_id: str
    name: str
    description: str | None


@dataclass(frozen=True)
class GetSegmentsResult:
    """What :func:`get_segments` returns.

    Attributes:
        id: The lookup's id (the product id).
        product_id: The product searched.
        name_filter_regex: The filter it was given.
        segments: The segments whose name matches.

    Example::

        segment_ids = [s.segment_id for s in configcat.get_segments(product_id).segments]
    """

    id: str
    product_id: str
    name_filter_regex: str | None
    segments: Sequence[GetSegmentsSegmentResult]


def get_segments(
    product_id: str, name_filter_regex: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> GetSegmentsResult:
    """Lists the segments of a product.

    Args:
        product_id: The product's UUID.
        name_filter_regex: Keeps segments whose name this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        The matching segments.

    Raises:
        ValueError: ``product_id`` is not a UUID (refused before any request).
        ValueError: ``name_filter_regex`` is not a valid regular expression.
        NotFoundError: No such product (or the credentials cannot see it).

    Example::

        segment_id = configcat.get_segments(product_id, "^Beta users$").segments[0].segment_id
    """
    _uuid_argument("get_segments", "product_id", product_id)
    matches = _matcher("name_filter_regex", name_filter_regex)
    return GetSegmentsResult(
        id=product_id,
        product_id=product_id,
        name_filter_regex=name_filter_regex,
        segments=[
            GetSegmentsSegmentResult(segment_id=s.segment_id, name=s.name, description=s.description)
            for s in segments_api.list_segments(_client(opts), product_id)
            if matches(s.name)
        ],
    )


def get_segments_output(
    product_id: pulumi.Input[str],
    name_filter_regex: pulumi.Input[str | None] = None,
    opts: pulumi.InvokeOptions | None = None,
) -> pulumi.Output[GetSegmentsResult]:
    """:func:`get_segments` over Inputs, as an Output.

    Args:
        product_id: The product's UUID (an Output of a Product, say).
        name_filter_regex: Keeps segments whose name this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        An Output of the matching segments.

    Example::

        segments = configcat.get_segments_output(product_id=product.id).segments
    """
    return _lift(get_segments, product_id=product_id, name_filter_regex=name_filter_regex, opts=opts)


# ----------------------------------------------------------------------------------------------------- tags


@dataclass(frozen=True)
class GetTagsTagResult:
    """One tag found by :func:`get_tags`.

    Attributes:
        tag_id: The tag's id, as a string (as pulumiverse has it).
        name: Its name.
        color: Its dashboard color, if any.

    Example::

        beta = configcat.get_tags(product_id, name_filter_regex="^beta$").tags[0]
    """

    tag_id: str
    name: str
    color: str | None


@dataclass(frozen=True)
class GetTagsResult:
    """What :func:`get_tags` returns.

    Attributes:
        id: The lookup's id (the product id).
        product_id: The product searched.
        name_filter_regex: The filter it was given.
        tags: The tags whose name matches.

    Example::

        tag_ids = {t.name: t.tag_id for t in configcat.get_tags(product_id).tags}
    """

    id: str
    product_id: str
    name_filter_regex: str | None
    tags: Sequence[GetTagsTagResult]


def get_tags(
    product_id: str, name_filter_regex: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> GetTagsResult:
    """Lists the tags of a product.

    Args:
        product_id: The product's UUID.
        name_filter_regex: Keeps tags whose name this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        The matching tags.

    Raises:
        ValueError: ``product_id`` is not a UUID (refused before any request).
        ValueError: ``name_filter_regex`` is not a valid regular expression.
        NotFoundError: No such product (or the credentials cannot see it).

    Example::

        tag_id = configcat.get_tags(product_id, "^beta$").tags[0].tag_id
    """
    _uuid_argument("get_tags", "product_id", product_id)
    matches = _matcher("name_filter_regex", name_filter_regex)
    return GetTagsResult(
        id=product_id,
        product_id=product_id,
        name_filter_regex=name_filter_regex,
        tags=[
            GetTagsTagResult(tag_id=str(t.tag_id), name=t.name, color=t.color)
            for t in tags_api.list_tags(_client(opts), product_id)
            if matches(t.name)
        ],
    )


def get_tags_output(
    product_id: pulumi.Input[str],
    name_filter_regex: pulumi.Input[str | None] = None,
    opts: pulumi.InvokeOptions | None = None,
) -> pulumi.Output[GetTagsResult]:
    """:func:`get_tags` over Inputs, as an Output.

    Args:
        product_id: The product's UUID (an Output of a Product, say).
        name_filter_regex: Keeps tags whose name this regular expression matches.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        An Output of the matching tags.

    Example::

        tags = configcat.get_tags_output(product_id=product.id).tags
    """
    return _lift(get_tags, product_id=product_id, name_filter_regex=name_filter_regex, opts=opts)


# ---------------------------------------------------------------------------------------- permission groups


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
