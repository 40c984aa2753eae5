"""Permission groups: what the members of a product may do, overall and per environment."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import pulumi
from typing_extensions import Required, TypedDict, Unpack

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.api import environments as environments_api
from pulumi_configcat.api import permission_groups as api
from pulumi_configcat.resources._base import ConfigCatProvider, Outputs
from pulumi_configcat.resources._declare import RESOURCE_NAME, In, parent_id
from pulumi_configcat.resources._props import Boolean, Choice, MapOf, Text, Uuid, is_unknown
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.types import (
    CreateOrUpdateEnvironmentAccessModel,
    CreatePermissionGroupRequest,
    PermissionGroupModel,
    UpdatePermissionGroupRequest,
)

# What can_delete_config needs beside it (a rule of the API's).
DELETE_CONFIG_NEEDS = ("can_createorupdate_config", "can_delete_setting")
ACCESS_TYPES = ("readOnly", "full", "custom")
NEW_ENVIRONMENT_ACCESS_TYPES = ("full", "readOnly", "none")
# "none" keeps one environment out when new_environment_accesstype grants environments access.
ENVIRONMENT_ACCESS_TYPES = ("full", "readOnly", "none")


class PermissionGroupArgs(TypedDict, total=False):
    """The inputs of a permission group."""

    product_id: Required[Annotated[pulumi.Input[str], parent_id("product", "group")]]
    name: Annotated[
        pulumi.Input[str], In(Text(1, 255), "The group's name, 1 to 255 characters.", RESOURCE_NAME)
    ]
    accesstype: Annotated[
        pulumi.Input[str],
        In(
            Choice(ACCESS_TYPES),
            "Access to feature flags in every environment: ``readOnly``, ``full``, or ``custom`` (per "
            "environment, from ``environment_accesses``).",
            "custom",
            wire="access_type",
        ),
    ]
    new_environment_accesstype: Annotated[
        pulumi.Input[str],
        In(
            Choice(NEW_ENVIRONMENT_ACCESS_TYPES),
            "The access the API grants in environments created later: ``full``, ``readOnly`` or ``none``. "
            'With ``accesstype="custom"`` it is also the access of every environment '
            "``environment_accesses`` leaves out, so the access it grants a new environment is no drift.",
            "none",
            wire="new_environment_access_type",
        ),
    ]
    environment_accesses: Annotated[
        pulumi.Input[Mapping[Any, pulumi.Input[str]]] | None,
        In(
            MapOf(Uuid(), Choice(ENVIRONMENT_ACCESS_TYPES)),
            "Environment id (a string, or an Environment's ``id`` Output) to ``full``, ``readOnly`` or "
            '``none``; only with ``accesstype="custom"``. An environment left out has the access '
            "``new_environment_accesstype`` grants (no access, by default); ``none`` keeps one environment "
            "out while new environments get access.",
        ),
    ]
    can_manage_members: Annotated[pulumi.Input[bool], In(Boolean(), "Manage the product's members.", False)]
    can_createorupdate_config: Annotated[
        pulumi.Input[bool],
        In(Boolean(), "Create or update configs.", False, wire="can_create_or_update_config"),
    ]
    can_delete_config: Annotated[
        pulumi.Input[bool],
        In(
            Boolean(),
            "Delete configs; needs ``can_createorupdate_config`` and ``can_delete_setting`` too (the API's "
            "rule, checked before anything is sent).",
            False,
        ),
    ]
    can_createorupdate_environment: Annotated[
        pulumi.Input[bool],
        In(Boolean(), "Create or update environments.", False, wire="can_create_or_update_environment"),
    ]
    can_delete_environment: Annotated[pulumi.Input[bool], In(Boolean(), "Delete environments.", False)]
    can_createorupdate_setting: Annotated[
        pulumi.Input[bool],
        In(Boolean(), "Create or update feature flags.", False, wire="can_create_or_update_setting"),
    ]
    can_tag_setting: Annotated[pulumi.Input[bool], In(Boolean(), "Attach tags to feature flags.", False)]
    can_delete_setting: Annotated[pulumi.Input[bool], In(Boolean(), "Delete feature flags.", False)]
    can_createorupdate_tag: Annotated[
        pulumi.Input[bool], In(Boolean(), "Create or update tags.", False, wire="can_create_or_update_tag")
    ]
    can_delete_tag: Annotated[pulumi.Input[bool], In(Boolean(), "Delete tags.", False)]
    can_manage_webhook: Annotated[pulumi.Input[bool], In(Boolean(), "Manage webhooks.", False)]
    can_use_exportimport: Annotated[
        pulumi.Input[bool], In(Boolean(), "Use export and import.", False, wire="can_use_export_import")
    ]
    can_manage_product_preferences: Annotated[
        pulumi.Input[bool], In(Boolean(), "Change the product's preferences.", False)
    ]
    can_manage_integrations: Annotated[pulumi.Input[bool], In(Boolean(), "Manage integrations.", False)]
    can_view_sdkkey: Annotated[
        pulumi.Input[bool], In(Boolean(), "See SDK keys.", False, wire="can_view_sdk_key")
    ]
    can_rotate_sdkkey: Annotated[
        pulumi.Input[bool], In(Boolean(), "Rotate SDK keys.", False, wire="can_rotate_sdk_key")
    ]
    can_createorupdate_segment: Annotated[
        pulumi.Input[bool],
        In(Boolean(), "Create or update segments.", False, wire="can_create_or_update_segments"),
    ]
    can_delete_segment: Annotated[
        pulumi.Input[bool], In(Boolean(), "Delete segments.", False, wire="can_delete_segments")
    ]
    can_view_product_auditlog: Annotated[
        pulumi.Input[bool],
        In(Boolean(), "Read the product's audit log.", False, wire="can_view_product_audit_log"),
    ]
    can_view_product_statistics: Annotated[
        pulumi.Input[bool], In(Boolean(), "Read the product's statistics.", False)
    ]
    can_disable2fa: Annotated[
        pulumi.Input[bool],
        In(Boolean(), "Turn off two-factor authentication for members.", False, wire="can_disable_2fa"),
    ]


class PermissionGroupProvider(ConfigCatProvider):
    """Creates, reads, updates and deletes permission groups."""

    entity = "PermissionGroup"
    args = PermissionGroupArgs
    id_format = "<permission group id>"

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


# Our input name (the one pulumiverse_configcat uses) -> the API model's field name, for every permission.
PERMISSION_FLAGS: dict[str, str] = {
    prop.name: prop.wire or prop.name
    for prop in PermissionGroupProvider.props
    if prop.name.startswith("can_")
}

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
        opts: pulumi.ResourceOptions | None = None,
        **args: Unpack[PermissionGroupArgs],
    ) -> None:
        super().__init__(resource_name, self._declared(resource_name, args), opts)
