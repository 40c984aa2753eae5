"""Permission groups: what the members of a product may do, overall and per environment."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.api import environments as environments_api
from pulumi_configcat.api import permission_groups as api
from pulumi_configcat.resources._base import (
    ConfigCatProvider,
    ConfigCatResource,
    Outputs,
)
from pulumi_configcat.resources._props import Boolean, Choice, MapOf, Prop, Text, Uuid, is_unknown
from pulumi_configcat.types import (
    CreateOrUpdateEnvironmentAccessModel,
    CreatePermissionGroupRequest,
    PermissionGroupModel,
    UpdatePermissionGroupRequest,
)

# Our input name (the one pulumiverse_configcat uses) -> the API model's field name.
PERMISSION_FLAGS: dict[str, str] = {
    "can_manage_members": "can_manage_members",
    "can_createorupdate_config": "can_create_or_update_config",
    "can_delete_config": "can_delete_config",
    "can_createorupdate_environment": "can_create_or_update_environment",
    "can_delete_environment": "can_delete_environment",
    "can_createorupdate_setting": "can_create_or_update_setting",
    "can_tag_setting": "can_tag_setting",
    "can_delete_setting": "can_delete_setting",
    "can_createorupdate_tag": "can_create_or_update_tag",
    "can_delete_tag": "can_delete_tag",
    "can_manage_webhook": "can_manage_webhook",
    "can_use_exportimport": "can_use_export_import",
    "can_manage_product_preferences": "can_manage_product_preferences",
    "can_manage_integrations": "can_manage_integrations",
    "can_view_sdkkey": "can_view_sdk_key",
    "can_rotate_sdkkey": "can_rotate_sdk_key",
    "can_createorupdate_segment": "can_create_or_update_segments",
    "can_delete_segment": "can_delete_segments",
    "can_view_product_auditlog": "can_view_product_audit_log",
    "can_view_product_statistics": "can_view_product_statistics",
    "can_disable2fa": "can_disable_2fa",
}
# What can_delete_config needs beside it (a rule of the API's).
DELETE_CONFIG_NEEDS = ("can_createorupdate_config", "can_delete_setting")
ACCESS_TYPES = ("readOnly", "full", "custom")
NEW_ENVIRONMENT_ACCESS_TYPES = ("full", "readOnly", "none")
# "none" keeps one environment out when new_environment_accesstype grants environments access.
ENVIRONMENT_ACCESS_TYPES = ("full", "readOnly", "none")


class PermissionGroupProvider(ConfigCatProvider):
    """Creates, reads, updates and deletes permission groups."""

    entity = "PermissionGroup"
    props = (
        Prop("product_id", Uuid(), required=True, replaces=True),
        Prop("name", Text(1, 255), required=True),
        Prop("accesstype", Choice(ACCESS_TYPES), default="custom"),
        Prop("new_environment_accesstype", Choice(NEW_ENVIRONMENT_ACCESS_TYPES), default="none"),
        Prop("environment_accesses", MapOf(Uuid(), Choice(ENVIRONMENT_ACCESS_TYPES))),
        *(Prop(flag, Boolean(), default=False) for flag in PERMISSION_FLAGS),
    )

    def _check_together(self, inputs: Mapping[str, Any]) -> list[pulumi.dynamic.CheckFailure]:
        failures = []
        if inputs.get("environment_accesses") and inputs["accesstype"] != "custom":
            failures.append(
                pulumi.dynamic.CheckFailure(
                    "environment_accesses",
                    "environment_accesses can only be set when accesstype is 'custom', "
                    f"but accesstype is {inputs['accesstype']!r}",
                )
            )
        missing = [flag for flag in DELETE_CONFIG_NEEDS if not inputs[flag]]
        if inputs["can_delete_config"] and missing:
            # The API's rule (its 400 says "CanDeleteConfig is not allowed without the
            # CanCreateOrUpdateConfig and CanDeleteSetting permissions."), checked before anything is sent.
            failures.append(
                pulumi.dynamic.CheckFailure(
                    "can_delete_config",
                    "can_delete_config=True needs " + " and ".join(f"{flag}=True" for flag in missing) + ": "
                    "the API does not allow CanDeleteConfig without the CanCreateOrUpdateConfig and "
                    "CanDeleteSetting permissions",
                )
            )
        return failures

    def changed_properties(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
        """As the base compares, except that environment_accesses compares per-environment exceptions.

        An environment not listed has the access ``new_environment_accesstype`` grants, so an entry with
        that access means the same as no entry (the API grants it to environments made later).
        """
        changed = super().changed_properties(olds, news)
        if "environment_accesses" in changed and _exceptions(olds) == _exceptions(news):
            changed.remove("environment_accesses")
        return changed

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        body = CreatePermissionGroupRequest(
            name=inputs["name"], **_permissions(inputs, _unlisted(client, inputs))
        )
        group = api.create_permission_group(client, inputs["product_id"], body)
        return str(group.permission_group_id), _outputs(group)

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        return _outputs(api.get_permission_group(client, id_))

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        revoked = _revocations(news, olds.get("environment_accesses") or {})
        if revoked:
            # The state may still list environments deleted in the dashboard since; the API refuses any
            # entry for one of those, so only environments the group still lists are revoked.
            current = api.get_permission_group(client, id_)
            existing = {access.environment_id.lower() for access in current.environment_accesses}
            revoked = {env: access for env, access in revoked.items() if env in existing}
        body = UpdatePermissionGroupRequest(
            name=news["name"], **_permissions(news, {**_unlisted(client, news), **revoked})
        )
        return _outputs(api.update_permission_group(client, id_, body))

    def _delete(self, client: ConfigCatClient, id_: str) -> None:
        api.delete_permission_group(client, id_)


_UNKNOWN_EXCEPTIONS = object()


def _exceptions(values: Mapping[str, Any]) -> Any:
    """The environments whose access differs from what ``new_environment_accesstype`` grants."""
    accesses, default = values.get("environment_accesses"), values.get("new_environment_accesstype")
    if is_unknown(accesses) or is_unknown(default) or is_unknown(values.get("accesstype")):
        return _UNKNOWN_EXCEPTIONS
    if (values.get("accesstype") or "custom") != "custom":
        return {}
    default = default or "none"
    # Ids without case: state written before ids were normalized may hold upper-case ones.
    return {env.lower(): access for env, access in (accesses or {}).items() if access != default}


def _listed(inputs: Mapping[str, Any]) -> dict[str, str]:
    if inputs["accesstype"] != "custom":
        return {}
    # Ids without case: state written before ids were normalized may hold upper-case ones.
    return {env.lower(): access for env, access in (inputs.get("environment_accesses") or {}).items()}


def _unlisted(client: ConfigCatClient, inputs: Mapping[str, Any]) -> dict[str, str]:
    """The access ``new_environment_accesstype`` grants, for every environment of the product the program
    does not list (one read, only when that access is not ``none``).

    The API grants it to environments made *after* the group; the ones that exist already would otherwise
    stay without access, and read back as exceptions the program never declared (drift on every refresh).
    """
    default = inputs["new_environment_accesstype"]
    if inputs["accesstype"] != "custom" or default == "none":
        return {}
    listed = _listed(inputs)
    return {
        env.environment_id.lower(): default
        for env in environments_api.list_environments(client, inputs["product_id"])
        if env.environment_id.lower() not in listed
    }


def _revocations(inputs: Mapping[str, Any], old_accesses: Mapping[str, str]) -> dict[str, str]:
    """Environments the API listed with an access the program no longer gives them, and what they get.

    An environment the program does not list gets the access ``new_environment_accesstype`` grants
    (``none`` by default, which revokes it); one that has it already needs no entry.
    """
    listed = _listed(inputs)
    default = inputs["new_environment_accesstype"] if inputs["accesstype"] == "custom" else "none"
    return {
        env.lower(): default
        for env, access in old_accesses.items()
        if env.lower() not in listed and access != default
    }


def _permissions(inputs: Mapping[str, Any], revoked: Mapping[str, str]) -> dict[str, Any]:
    """The request fields every write sends: each flag, the access types and the environment accesses."""
    accesses = _listed(inputs)
    return {
        **{field: inputs[flag] for flag, field in PERMISSION_FLAGS.items()},
        "access_type": inputs["accesstype"],
        "new_environment_access_type": inputs["new_environment_accesstype"],
        "environment_accesses": [
            CreateOrUpdateEnvironmentAccessModel(environment_id=env, environment_access_type=access)
            for env, access in sorted({**accesses, **revoked}.items())
        ],
    }


def _outputs(group: PermissionGroupModel) -> Outputs:
    return {
        "product_id": group.product.product_id if group.product else None,
        "name": group.name,
        "accesstype": group.access_type,
        "new_environment_accesstype": group.new_environment_access_type,
        # Per-environment access only means something with accesstype "custom"; whatever the API lists
        # otherwise must not show as a difference from a program that (rightly) lists nothing. Every
        # environment is listed ("none" too): which entries are exceptions depends on
        # new_environment_accesstype, and changed_properties compares exceptions only.
        "environment_accesses": {
            access.environment_id.lower(): access.environment_access_type
            for access in group.environment_accesses
            if group.access_type == "custom"
        },
        **{flag: getattr(group, field) for flag, field in PERMISSION_FLAGS.items()},
    }


class PermissionGroup(ConfigCatResource, module="configcat", name="PermissionGroup"):
    """A ConfigCat permission group of a product.

    The id is the group's integer id, as a string. Changing ``product_id`` replaces the group; every other
    input is updated in place. Every permission is sent on each write, so one left out is set to ``False``.

    Example::

        developers = configcat.PermissionGroup(
            "developers",
            product_id=product.id,
            accesstype="custom",
            environment_accesses={production.id: "readOnly", development.id: "full"},
            can_createorupdate_setting=True,
            can_tag_setting=True,
        )
    """

    _provider_class = PermissionGroupProvider

    product_id: pulumi.Output[str]
    name: pulumi.Output[str]
    accesstype: pulumi.Output[str]
    new_environment_accesstype: pulumi.Output[str]
    environment_accesses: pulumi.Output[dict[str, str]]
    can_manage_members: pulumi.Output[bool]
    can_createorupdate_config: pulumi.Output[bool]
    can_delete_config: pulumi.Output[bool]
    can_createorupdate_environment: pulumi.Output[bool]
    can_delete_environment: pulumi.Output[bool]
    can_createorupdate_setting: pulumi.Output[bool]
    can_tag_setting: pulumi.Output[bool]
    can_delete_setting: pulumi.Output[bool]
    can_createorupdate_tag: pulumi.Output[bool]
    can_delete_tag: pulumi.Output[bool]
    can_manage_webhook: pulumi.Output[bool]
    can_use_exportimport: pulumi.Output[bool]
    can_manage_product_preferences: pulumi.Output[bool]
    can_manage_integrations: pulumi.Output[bool]
    can_view_sdkkey: pulumi.Output[bool]
    can_rotate_sdkkey: pulumi.Output[bool]
    can_createorupdate_segment: pulumi.Output[bool]
    can_delete_segment: pulumi.Output[bool]
    can_view_product_auditlog: pulumi.Output[bool]
    can_view_product_statistics: pulumi.Output[bool]
    can_disable2fa: pulumi.Output[bool]

    def __init__(
        self,
        resource_name: str,
        *,
        product_id: pulumi.Input[str],
        name: pulumi.Input[str] | None = None,
        accesstype: pulumi.Input[str] = "custom",
        new_environment_accesstype: pulumi.Input[str] = "none",
        environment_accesses: pulumi.Input[Mapping[Any, pulumi.Input[str]]] | None = None,
        can_manage_members: pulumi.Input[bool] = False,
        can_createorupdate_config: pulumi.Input[bool] = False,
        can_delete_config: pulumi.Input[bool] = False,
        can_createorupdate_environment: pulumi.Input[bool] = False,
        can_delete_environment: pulumi.Input[bool] = False,
        can_createorupdate_setting: pulumi.Input[bool] = False,
        can_tag_setting: pulumi.Input[bool] = False,
        can_delete_setting: pulumi.Input[bool] = False,
        can_createorupdate_tag: pulumi.Input[bool] = False,
        can_delete_tag: pulumi.Input[bool] = False,
        can_manage_webhook: pulumi.Input[bool] = False,
        can_use_exportimport: pulumi.Input[bool] = False,
        can_manage_product_preferences: pulumi.Input[bool] = False,
        can_manage_integrations: pulumi.Input[bool] = False,
        can_view_sdkkey: pulumi.Input[bool] = False,
        can_rotate_sdkkey: pulumi.Input[bool] = False,
        can_createorupdate_segment: pulumi.Input[bool] = False,
        can_delete_segment: pulumi.Input[bool] = False,
        can_view_product_auditlog: pulumi.Input[bool] = False,
        can_view_product_statistics: pulumi.Input[bool] = False,
        can_disable2fa: pulumi.Input[bool] = False,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declares a permission group.

        Args:
            resource_name: The Pulumi name of the resource; also the group's name unless ``name`` is set.
            product_id: The UUID of the product the group belongs to. Replaces on change.
            name: The group's name, 1 to 255 characters.
            accesstype: Access to feature flags in every environment: ``readOnly``, ``full``, or ``custom``
                (the default: per environment, from ``environment_accesses``).
            new_environment_accesstype: The access the API grants in environments created later:
                ``full``, ``readOnly`` or ``none`` (the default). With ``accesstype="custom"`` it is also the
                access of every environment ``environment_accesses`` leaves out, so the access it grants a
                new environment is no drift.
            environment_accesses: Environment id (a string, or an Environment's ``id`` Output) to ``full``,
                ``readOnly`` or ``none``; only with ``accesstype="custom"``. An environment left out has
                the access ``new_environment_accesstype`` grants (no access, by default); ``none`` keeps
                one environment out while new environments get access.
            can_manage_members: Manage the product's members.
            can_createorupdate_config: Create or update configs.
            can_delete_config: Delete configs; needs ``can_createorupdate_config`` and
                ``can_delete_setting`` too (the API's rule, checked before anything is sent).
            can_createorupdate_environment: Create or update environments.
            can_delete_environment: Delete environments.
            can_createorupdate_setting: Create or update feature flags.
            can_tag_setting: Attach tags to feature flags.
            can_delete_setting: Delete feature flags.
            can_createorupdate_tag: Create or update tags.
            can_delete_tag: Delete tags.
            can_manage_webhook: Manage webhooks.
            can_use_exportimport: Use export and import.
            can_manage_product_preferences: Change the product's preferences.
            can_manage_integrations: Manage integrations.
            can_view_sdkkey: See SDK keys.
            can_rotate_sdkkey: Rotate SDK keys.
            can_createorupdate_segment: Create or update segments.
            can_delete_segment: Delete segments.
            can_view_product_auditlog: Read the product's audit log.
            can_view_product_statistics: Read the product's statistics.
            can_disable2fa: Turn off two-factor authentication for members.
            opts: Resource options; ``import_=<permission group id>`` adopts an existing group.
        """
        flags = {
            "can_manage_members": can_manage_members,
            "can_createorupdate_config": can_createorupdate_config,
            "can_delete_config": can_delete_config,
            "can_createorupdate_environment": can_createorupdate_environment,
            "can_delete_environment": can_delete_environment,
            "can_createorupdate_setting": can_createorupdate_setting,
            "can_tag_setting": can_tag_setting,
            "can_delete_setting": can_delete_setting,
            "can_createorupdate_tag": can_createorupdate_tag,
            "can_delete_tag": can_delete_tag,
            "can_manage_webhook": can_manage_webhook,
            "can_use_exportimport": can_use_exportimport,
            "can_manage_product_preferences": can_manage_product_preferences,
            "can_manage_integrations": can_manage_integrations,
            "can_view_sdkkey": can_view_sdkkey,
            "can_rotate_sdkkey": can_rotate_sdkkey,
            "can_createorupdate_segment": can_createorupdate_segment,
            "can_delete_segment": can_delete_segment,
            "can_view_product_auditlog": can_view_product_auditlog,
            "can_view_product_statistics": can_view_product_statistics,
            "can_disable2fa": can_disable2fa,
        }
        super().__init__(
            resource_name,
            {
                "product_id": product_id,
                "name": resource_name if name is None else name,
                "accesstype": accesstype,
                "new_environment_accesstype": new_environment_accesstype,
                "environment_accesses": environment_accesses,
                **flags,
            },
            opts,
        )
