"""Permission groups: what the members of a product may do, overall and per environment."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.api import permission_groups as api
from pulumi_configcat.resources._base import (
    ConfigCatProvider,
    ConfigCatResource,
    Outputs,
    keyed_by_outputs,
)
from pulumi_configcat.resources._props import Boolean, Choice, MapOf, Prop, Text, Uuid
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
ACCESS_TYPES = ("readOnly", "full", "custom")
NEW_ENVIRONMENT_ACCESS_TYPES = ("full", "readOnly", "none")
ENVIRONMENT_ACCESS_TYPES = ("full", "readOnly")


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
        # The API's rule (behaviour reference, from the Terraform provider's tests): deleting configs needs
        # the rights to edit configs and to delete flags.
        if inputs["can_delete_config"] and not (
            inputs["can_createorupdate_config"] and inputs["can_delete_setting"]
        ):
            failures.append(
                pulumi.dynamic.CheckFailure(
                    "can_delete_config",
                    "can_delete_config needs can_createorupdate_config and can_delete_setting too "
                    "(the API's rule)",
                )
            )
        return failures

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        body = CreatePermissionGroupRequest(name=inputs["name"], **_permissions(inputs, {}))
        group = api.create_permission_group(client, inputs["product_id"], body)
        return str(group.permission_group_id), _outputs(group)

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        return _outputs(api.get_permission_group(client, id_))

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        body = UpdatePermissionGroupRequest(
            name=news["name"], **_permissions(news, olds.get("environment_accesses") or {})
        )
        return _outputs(api.update_permission_group(client, id_, body))

    def _delete(self, client: ConfigCatClient, id_: str) -> None:
        api.delete_permission_group(client, id_)


def _permissions(inputs: Mapping[str, Any], old_accesses: Mapping[str, str]) -> dict[str, Any]:
    """The request fields every write sends: each flag, the access types and the environment accesses.

    An environment that had access before and is no longer listed is sent as ``none``, which revokes it.
    """
    accesses: dict[str, str] = dict(inputs.get("environment_accesses") or {})
    if inputs["accesstype"] != "custom":
        accesses = {}
    revoked = {env: "none" for env in old_accesses if env not in accesses}
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
        # otherwise must not show as a difference from a program that (rightly) lists nothing.
        "environment_accesses": {
            access.environment_id: access.environment_access_type
            for access in group.environment_accesses
            if access.environment_access_type != "none" and group.access_type == "custom"
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
            new_environment_accesstype: The access granted in environments created later: ``full``,
                ``readOnly`` or ``none`` (the default).
            environment_accesses: Environment id (a string, or an Environment's ``id`` Output) to ``full``
                or ``readOnly``; only with ``accesstype="custom"``. An environment left out has no access.
            can_manage_members: Manage the product's members.
            can_createorupdate_config: Create or update configs.
            can_delete_config: Delete configs.
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
                "environment_accesses": keyed_by_outputs(environment_accesses),
                **flags,
            },
            opts,
        )
