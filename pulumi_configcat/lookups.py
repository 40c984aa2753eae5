"""Lookups (Pulumi functions): read what exists in the account, with ``pulumiverse_configcat``'s names.

Each lookup comes in two forms, as in every Pulumi SDK:

* ``get_x(...)`` takes plain values and returns a result at once, e.g. ``get_products().products[0]``;
* ``get_x_output(...)`` takes Inputs (Outputs of other resources too) and returns an ``Output`` of the same
  result, e.g. ``get_sdk_keys_output(config_id=config.id, environment_id=prod.id).primary``.

They run in the program's own process (not in a provider) over the package's shared HTTP client, with the
credentials the providers use: stack configuration (``configcat:basicAuthUsername``,
``configcat:basicAuthPassword``, ``configcat:basePath``) first, then ``CONFIGCAT_*`` environment variables.
During a preview an ``_output`` lookup whose inputs are not known yet stays unknown and sends nothing.

The ``*_filter_regex`` arguments keep the items whose name (or key, for settings) the regular expression
matches anywhere, as Terraform's Go ``regexp.MatchString`` does; an invalid expression raises ``ValueError``.
A missing parent (an unknown product id, say) raises :class:`~pulumi_configcat.NotFoundError` with the API's
method and path.

SDK keys and webhook signing keys are secrets. The ``_output`` forms return secret Outputs, so anything built
from them (a stack output, another resource's input) stays encrypted in state. The plain forms cannot mark a
``str`` secret: their results keep the keys out of ``repr`` so a print or a log line does not show them, and a
program that passes a plain key on should wrap it with ``pulumi.Output.secret`` or use the ``_output`` form.

Each result's ``id`` is built from the lookup's arguments, so it is the same from one run to the next
(pulumiverse's carried a timestamp). Arguments have pulumiverse's names, so calls by keyword port unchanged;
positionally the parent id comes first here (``get_configurations(product_id, name_filter_regex)``), where
pulumiverse's generated functions put ``name_filter_regex`` first. ``opts`` is accepted and ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pulumi

from pulumi_configcat._client import ConfigCatClient, get_client
from pulumi_configcat._settings import CONFIG_KEYS, resolve_settings
from pulumi_configcat.api import configs as configs_api
from pulumi_configcat.api import environments as environments_api
from pulumi_configcat.api import organizations as organizations_api
from pulumi_configcat.api import permission_groups as permission_groups_api
from pulumi_configcat.api import products as products_api
from pulumi_configcat.api import sdk_keys as sdk_keys_api
from pulumi_configcat.api import segments as segments_api
from pulumi_configcat.api import settings as settings_api
from pulumi_configcat.api import tags as tags_api
from pulumi_configcat.api import webhooks as webhooks_api
from pulumi_configcat.types import PermissionGroupModel

__all__ = [
    "GetConfigurationsConfigResult",
    "GetConfigurationsResult",
    "GetEnvironmentsEnvironmentResult",
    "GetEnvironmentsResult",
    "GetOrganizationsOrganizationResult",
    "GetOrganizationsResult",
    "GetPermissionGroupsPermissionGroupResult",
    "GetPermissionGroupsResult",
    "GetProductsProductResult",
    "GetProductsResult",
    "GetSdkKeysResult",
    "GetSegmentsResult",
    "GetSegmentsSegmentResult",
    "GetSettingsResult",
    "GetSettingsSettingResult",
    "GetTagsResult",
    "GetTagsTagResult",
    "GetWebhookSigningKeysResult",
    "get_configurations",
    "get_configurations_output",
    "get_environments",
    "get_environments_output",
    "get_organizations",
    "get_organizations_output",
    "get_permission_groups",
    "get_permission_groups_output",
    "get_products",
    "get_products_output",
    "get_sdk_keys",
    "get_sdk_keys_output",
    "get_segments",
    "get_segments_output",
    "get_settings",
    "get_settings_output",
    "get_tags",
    "get_tags_output",
    "get_webhook_signing_keys",
    "get_webhook_signing_keys_output",
]

_T = TypeVar("_T")


# ------------------------------------------------------------------------------------------------- plumbing


def _client() -> ConfigCatClient:
    """The shared client for the stack's ``configcat:*`` configuration, then the environment."""
    config = pulumi.Config("configcat")
    return get_client(resolve_settings({key: config.get(key.split(":", 1)[1]) for key in CONFIG_KEYS}))


def _matcher(argument: str, pattern: str | None) -> Callable[[str | None], bool]:
    if pattern is None:
        return lambda _: True
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"{argument} is not a valid regular expression: {exc} (got {pattern!r})") from None
    return lambda value: compiled.search(value or "") is not None


def _lift(
    lookup: Callable[..., _T],
    *,
    secret: bool = False,
    opts: pulumi.InvokeOptions | None = None,
    **inputs: Any,
) -> pulumi.Output[_T]:
    """``lookup`` run once every input is known, as an Output (a secret one when ``secret``)."""
    del opts  # accepted for pulumiverse_configcat compatibility; nothing is invoked through the engine
    result: pulumi.Output[_T] = pulumi.Output.all(**inputs).apply(lambda known: lookup(**known))
    return pulumi.Output.secret(result) if secret else result


# -------------------------------------------------------------------------------------------- organizations


@dataclass(frozen=True)
class GetOrganizationsOrganizationResult:
    """One organization found by :func:`get_organizations`.

    Attributes:
        organization_id: The organization's UUID.
        name: Its name.

    Example::

        org = configcat.get_organizations().organizations[0]
        configcat.Product("shop", organization_id=org.organization_id)
    """

    organization_id: str
    name: str


@dataclass(frozen=True)
class GetOrganizationsResult:
    """What :func:`get_organizations` returns.

    Attributes:
        id: The lookup's id (always ``"organizations"``).
        name_filter_regex: The filter it was given.
        organizations: The organizations whose name matches, in the API's order.

    Example::

        ids = [org.organization_id for org in configcat.get_organizations().organizations]
    """

    id: str
    name_filter_regex: str | None
    organizations: Sequence[GetOrganizationsOrganizationResult]


def get_organizations(
    name_filter_regex: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> GetOrganizationsResult:
    """Lists the organizations the credentials belong to.

    Args:
        name_filter_regex: Keeps organizations whose name this regular expression matches.
        opts: Accepted for ``pulumiverse_configcat`` compatibility; the lookup runs in this process.

    Returns:
        The matching organizations.

    Raises:
        ValueError: ``name_filter_regex`` is not a valid regular expression.
        APIError: The API refused or could not be reached.

    Example::

        org_id = configcat.get_organizations(name_filter_regex="^Acme").organizations[0].organization_id
    """
    del opts
    matches = _matcher("name_filter_regex", name_filter_regex)
    return GetOrganizationsResult(
        id="organizations",
        name_filter_regex=name_filter_regex,
        organizations=[
            GetOrganizationsOrganizationResult(organization_id=org.organization_id, name=org.name)
            for org in organizations_api.list_organizations(_client())
            if matches(org.name)
        ],
    )


def get_organizations_output(
    name_filter_regex: pulumi.Input[str | None] = None, opts: pulumi.InvokeOptions | None = None
) -> pulumi.Output[GetOrganizationsResult]:
    """:func:`get_organizations` over Inputs, as an Output.

    Args:
        name_filter_regex: Keeps organizations whose name this regular expression matches.
        opts: Accepted for ``pulumiverse_configcat`` compatibility.

    Returns:
        An Output of the matching organizations.

    Example::

        org_id = configcat.get_organizations_output().organizations[0].organization_id
    """
    return _lift(get_organizations, name_filter_regex=name_filter_regex, opts=opts)


# ------------------------------------------------------------------------------------------------- products


@dataclass(frozen=True)
class GetProductsProductResult:
    """One product found by :func:`get_products`.

    Attributes:
        product_id: The product's UUID.
        name: Its name.
        description: Its description, if any.
        order: Its position in the dashboard.

    Example::

        shop = configcat.get_products(name_filter_regex="^Shop$").products[0]
    """

    product_id: str
    name: str
    description: str | None
    order: int


@dataclass(frozen=True)
class GetProductsResult:
    """What :func:`get_products` returns.

    Attributes:
        id: The lookup's id (always ``"products"``).
        name_filter_regex: The filter it was given.
        products: The products whose name matches, across the organizations the credentials see.

    Example::

        names = [p.name for p in configcat.get_products().products]
    """

    id: str
    name_filter_regex: str | None
    products: Sequence[GetProductsProductResult]


def get_products(
    name_filter_regex: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> GetProductsResult:
    """Lists the products the credentials can see.

    Args:
        name_filter_regex: Keeps products whose name this regular expression matches.
        opts: Accepted for ``pulumiverse_configcat`` compatibility; the lookup runs in this process.

    Returns:
        The matching products.

    Raises:
        ValueError: ``name_filter_regex`` is not a valid regular expression.
        APIError: The API refused or could not be reached.

    Example::

        product_id = configcat.get_products(name_filter_regex="^Shop$").products[0].product_id
    """
    del opts
    matches = _matcher("name_filter_regex", name_filter_regex)
    return GetProductsResult(
        id="products",
        name_filter_regex=name_filter_regex,
        products=[
            GetProductsProductResult(
                product_id=p.product_id, name=p.name, description=p.description, order=p.order
            )
            for p in products_api.list_products(_client())
            if matches(p.name)
        ],
    )


def get_products_output(
    name_filter_regex: pulumi.Input[str | None] = None, opts: pulumi.InvokeOptions | None = None
) -> pulumi.Output[GetProductsResult]:
    """:func:`get_products` over Inputs, as an Output.

    Args:
        name_filter_regex: Keeps products whose name this regular expression matches.
        opts: Accepted for ``pulumiverse_configcat`` compatibility.

    Returns:
        An Output of the matching products.

    Example::

        product_id = configcat.get_products_output(name_filter_regex="^Shop$").products[0].product_id
    """
    return _lift(get_products, name_filter_regex=name_filter_regex, opts=opts)


# -------------------------------------------------------------------------------------------------- configs


@dataclass(frozen=True)
class GetConfigurationsConfigResult:
    """One config found by :func:`get_configurations`.

    Attributes:
        config_id: The config's UUID.
        name: Its name.
        description: Its description, if any.
        order: Its position in the dashboard.
        evaluation_version: ``"v1"`` or ``"v2"``.

    Example::

        main = configcat.get_configurations(product_id, name_filter_regex="^Main$").configs[0]
    """

    config_id: str
    name: str
    description: str | None
    order: int
    evaluation_version: str


@dataclass(frozen=True)
class GetConfigurationsResult:
    """What :func:`get_configurations` returns.

    Attributes:
        id: The lookup's id (the product id).
        product_id: The product searched.
        name_filter_regex: The filter it was given.
        configs: The configs whose name matches, in dashboard order.

    Example::

        config_ids = [c.config_id for c in configcat.get_configurations(product_id).configs]
    """

    id: str
    product_id: str
    name_filter_regex: str | None
    configs: Sequence[GetConfigurationsConfigResult]


def get_configurations(
    product_id: str, name_filter_regex: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> GetConfigurationsResult:
    """Lists the configs of a product.

    Args:
        product_id: The product's UUID.
        name_filter_regex: Keeps configs whose name this regular expression matches.
        opts: Accepted for ``pulumiverse_configcat`` compatibility; the lookup runs in this process.

    Returns:
        The matching configs.

    Raises:
        ValueError: ``name_filter_regex`` is not a valid regular expression.
        NotFoundError: No such product (or the credentials cannot see it).

    Example::

        config_id = configcat.get_configurations(product_id, name_filter_regex="^Main$").configs[0].config_id
    """
    del opts
    matches = _matcher("name_filter_regex", name_filter_regex)
    return GetConfigurationsResult(
        id=product_id,
        product_id=product_id,
        name_filter_regex=name_filter_regex,
        configs=[
            GetConfigurationsConfigResult(
                config_id=c.config_id,
                name=c.name,
                description=c.description,
                order=c.order,
                evaluation_version=c.evaluation_version,
            )
            for c in configs_api.list_configs(_client(), product_id)
            if matches(c.name)
        ],
    )


def get_configurations_output(
    product_id: pulumi.Input[str],
    name_filter_regex: pulumi.Input[str | None] = None,
    opts: pulumi.InvokeOptions | None = None,
) -> pulumi.Output[GetConfigurationsResult]:
    """:func:`get_configurations` over Inputs, as an Output.

    Args:
        product_id: The product's UUID (an Output of a Product, say).
        name_filter_regex: Keeps configs whose name this regular expression matches.
        opts: Accepted for ``pulumiverse_configcat`` compatibility.

    Returns:
        An Output of the matching configs.

    Example::

        configs = configcat.get_configurations_output(product_id=product.id).configs
    """
    return _lift(get_configurations, product_id=product_id, name_filter_regex=name_filter_regex, opts=opts)


# --------------------------------------------------------------------------------------------- environments


@dataclass(frozen=True)
class GetEnvironmentsEnvironmentResult:
    """One environment found by :func:`get_environments`.

    Attributes:
        environment_id: The environment's UUID.
        name: Its name.
        description: Its description, if any.
        color: Its dashboard color, if any.
        order: Its position in the dashboard.

    Example::

        prod = configcat.get_environments(product_id, name_filter_regex="^Production$").environments[0]
    """

    environment_id: str
    name: str
    description: str | None
    color: str | None
    order: int


@dataclass(frozen=True)
class GetEnvironmentsResult:
    """What :func:`get_environments` returns.

    Attributes:
        id: The lookup's id (the product id).
        product_id: The product searched.
        name_filter_regex: The filter it was given.
        environments: The environments whose name matches, in dashboard order.

    Example::

        by_name = {e.name: e.environment_id for e in configcat.get_environments(product_id).environments}
    """

    id: str
    product_id: str
    name_filter_regex: str | None
    environments: Sequence[GetEnvironmentsEnvironmentResult]


def get_environments(
    product_id: str, name_filter_regex: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> GetEnvironmentsResult:
    """Lists the environments of a product.

    Args:
        product_id: The product's UUID.
        name_filter_regex: Keeps environments whose name this regular expression matches.
        opts: Accepted for ``pulumiverse_configcat`` compatibility; the lookup runs in this process.

    Returns:
        The matching environments.

    Raises:
        ValueError: ``name_filter_regex`` is not a valid regular expression.
        NotFoundError: No such product (or the credentials cannot see it).

    Example::

        prod_id = configcat.get_environments(product_id, "^Production$").environments[0].environment_id
    """
    del opts
    matches = _matcher("name_filter_regex", name_filter_regex)
    return GetEnvironmentsResult(
        id=product_id,
        product_id=product_id,
        name_filter_regex=name_filter_regex,
        environments=[
            GetEnvironmentsEnvironmentResult(
                environment_id=e.environment_id,
                name=e.name,
                description=e.description,
                color=e.color,
                order=e.order,
            )
            for e in environments_api.list_environments(_client(), product_id)
            if matches(e.name)
        ],
    )


def get_environments_output(
    product_id: pulumi.Input[str],
    name_filter_regex: pulumi.Input[str | None] = None,
    opts: pulumi.InvokeOptions | None = None,
) -> pulumi.Output[GetEnvironmentsResult]:
    """:func:`get_environments` over Inputs, as an Output.

    Args:
        product_id: The product's UUID (an Output of a Product, say).
        name_filter_regex: Keeps environments whose name this regular expression matches.
        opts: Accepted for ``pulumiverse_configcat`` compatibility.

    Returns:
        An Output of the matching environments.

    Example::

        envs = configcat.get_environments_output(product_id=product.id).environments
    """
    return _lift(get_environments, product_id=product_id, name_filter_regex=name_filter_regex, opts=opts)


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
        opts: Accepted for ``pulumiverse_configcat`` compatibility; the lookup runs in this process.

    Returns:
        The matching settings.

    Raises:
        ValueError: ``key_filter_regex`` is not a valid regular expression.
        NotFoundError: No such config (or the credentials cannot see it).

    Example::

        setting_id = configcat.get_settings(config_id, "^isAwesomeFeatureEnabled$").settings[0].setting_id
    """
    del opts
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
            for s in settings_api.list_settings(_client(), config_id)
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
        opts: Accepted for ``pulumiverse_configcat`` compatibility.

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
        opts: Accepted for ``pulumiverse_configcat`` compatibility; the lookup runs in this process.

    Returns:
        The matching segments.

    Raises:
        ValueError: ``name_filter_regex`` is not a valid regular expression.
        NotFoundError: No such product (or the credentials cannot see it).

    Example::

        segment_id = configcat.get_segments(product_id, "^Beta users$").segments[0].segment_id
    """
    del opts
    matches = _matcher("name_filter_regex", name_filter_regex)
    return GetSegmentsResult(
        id=product_id,
        product_id=product_id,
        name_filter_regex=name_filter_regex,
        segments=[
            GetSegmentsSegmentResult(segment_id=s.segment_id, name=s.name, description=s.description)
            for s in segments_api.list_segments(_client(), product_id)
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
        opts: Accepted for ``pulumiverse_configcat`` compatibility.

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
        opts: Accepted for ``pulumiverse_configcat`` compatibility; the lookup runs in this process.

    Returns:
        The matching tags.

    Raises:
        ValueError: ``name_filter_regex`` is not a valid regular expression.
        NotFoundError: No such product (or the credentials cannot see it).

    Example::

        tag_id = configcat.get_tags(product_id, "^beta$").tags[0].tag_id
    """
    del opts
    matches = _matcher("name_filter_regex", name_filter_regex)
    return GetTagsResult(
        id=product_id,
        product_id=product_id,
        name_filter_regex=name_filter_regex,
        tags=[
            GetTagsTagResult(tag_id=str(t.tag_id), name=t.name, color=t.color)
            for t in tags_api.list_tags(_client(), product_id)
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
        opts: Accepted for ``pulumiverse_configcat`` compatibility.

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
        opts: Accepted for ``pulumiverse_configcat`` compatibility; the lookup runs in this process.

    Returns:
        The matching permission groups.

    Raises:
        ValueError: ``name_filter_regex`` is not a valid regular expression.
        NotFoundError: No such product (or the credentials cannot see it).

    Example::

        devs = configcat.get_permission_groups(product_id, "^Devs$").permission_groups[0]
    """
    del opts
    matches = _matcher("name_filter_regex", name_filter_regex)
    return GetPermissionGroupsResult(
        id=product_id,
        product_id=product_id,
        name_filter_regex=name_filter_regex,
        permission_groups=[
            _permission_group(g)
            for g in permission_groups_api.list_permission_groups(_client(), product_id)
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
        opts: Accepted for ``pulumiverse_configcat`` compatibility.

    Returns:
        An Output of the matching permission groups.

    Example::

        groups = configcat.get_permission_groups_output(product_id=product.id).permission_groups
    """
    return _lift(get_permission_groups, product_id=product_id, name_filter_regex=name_filter_regex, opts=opts)


# ------------------------------------------------------------------------------------------------- SDK keys


@dataclass(frozen=True)
class GetSdkKeysResult:
    """The SDK keys of a config in an environment; the keys are left out of ``repr``.

    Attributes:
        id: The lookup's id (``<config_id>/<environment_id>``).
        config_id: The config.
        environment_id: The environment.
        primary: The primary SDK key, the one to give applications.
        secondary: The secondary key while a rotation is under way, else None.

    Example::

        keys = configcat.get_sdk_keys_output(config_id=config.id, environment_id=prod.id)
        pulumi.export("sdk_key", keys.primary)  # a secret stack output
    """

    id: str
    config_id: str
    environment_id: str
    primary: str = field(repr=False)
    secondary: str | None = field(repr=False)


def get_sdk_keys(
    config_id: str, environment_id: str, opts: pulumi.InvokeOptions | None = None
) -> GetSdkKeysResult:
    """Reads the SDK keys of a config in an environment, as plain strings.

    Prefer :func:`get_sdk_keys_output`, whose result is a secret: a plain ``str`` cannot be marked secret,
    so wrap ``primary`` with ``pulumi.Output.secret`` before it goes into a resource or a stack output.

    Args:
        config_id: The config's UUID.
        environment_id: The environment's UUID.
        opts: Accepted for ``pulumiverse_configcat`` compatibility; the lookup runs in this process.

    Returns:
        The keys.

    Raises:
        NotFoundError: No such config or environment (or the credentials cannot see them).

    Example::

        key = pulumi.Output.secret(configcat.get_sdk_keys(config_id, environment_id).primary)
    """
    del opts
    keys = sdk_keys_api.get_sdk_keys(_client(), config_id, environment_id)
    return GetSdkKeysResult(
        id=f"{config_id}/{environment_id}",
        config_id=config_id,
        environment_id=environment_id,
        primary=keys.primary,
        secondary=keys.secondary,
    )


def get_sdk_keys_output(
    config_id: pulumi.Input[str],
    environment_id: pulumi.Input[str],
    opts: pulumi.InvokeOptions | None = None,
) -> pulumi.Output[GetSdkKeysResult]:
    """Reads the SDK keys of a config in an environment, as a secret Output.

    The usual way to hand an SDK key to the application the same program deploys.

    Args:
        config_id: The config's UUID (an Output of a Config, say).
        environment_id: The environment's UUID (an Output of an Environment, say).
        opts: Accepted for ``pulumiverse_configcat`` compatibility.

    Returns:
        A secret Output of the keys; ``.primary`` on it is a secret Output of the key.

    Example::

        sdk_key = configcat.get_sdk_keys_output(config_id=config.id, environment_id=prod.id).primary
        k8s.core.v1.Secret("configcat", string_data={"CONFIGCAT_SDK_KEY": sdk_key})
    """
    return _lift(get_sdk_keys, secret=True, config_id=config_id, environment_id=environment_id, opts=opts)


# --------------------------------------------------------------------------------------------- webhook keys


@dataclass(frozen=True)
class GetWebhookSigningKeysResult:
    """The keys ConfigCat signs a webhook's calls with; the keys are left out of ``repr``.

    Attributes:
        id: The lookup's id (the webhook id).
        webhook_id: The webhook.
        key1: The first signing key.
        key2: The second signing key, if one was made.

    Example::

        keys = configcat.get_webhook_signing_keys_output(webhook_id=hook.id)
        pulumi.export("signing_key", keys.key1)  # a secret stack output
    """

    id: str
    webhook_id: int
    key1: str | None = field(repr=False)
    key2: str | None = field(repr=False)


def get_webhook_signing_keys(
    webhook_id: int | str, opts: pulumi.InvokeOptions | None = None
) -> GetWebhookSigningKeysResult:
    """Reads a webhook's signing keys, as plain strings.

    Prefer :func:`get_webhook_signing_keys_output`, whose result is a secret; wrap a plain key with
    ``pulumi.Output.secret`` before it goes into a resource or a stack output.

    Args:
        webhook_id: The webhook's integer id (a string of digits is fine).
        opts: Accepted for ``pulumiverse_configcat`` compatibility; the lookup runs in this process.

    Returns:
        The keys.

    Raises:
        ValueError: ``webhook_id`` is not an integer.
        NotFoundError: No such webhook (or the credentials cannot see it).

    Example::

        key1 = pulumi.Output.secret(configcat.get_webhook_signing_keys(webhook_id).key1)
    """
    del opts
    if isinstance(webhook_id, bool) or not re.fullmatch(r"[0-9]+", str(webhook_id)):
        raise ValueError(f"webhook_id must be an integer id, got {webhook_id!r}")
    keys = webhooks_api.get_webhook_signing_keys(_client(), str(webhook_id))
    return GetWebhookSigningKeysResult(
        id=str(webhook_id), webhook_id=int(webhook_id), key1=keys.key1, key2=keys.key2
    )


def get_webhook_signing_keys_output(
    webhook_id: pulumi.Input[int | str], opts: pulumi.InvokeOptions | None = None
) -> pulumi.Output[GetWebhookSigningKeysResult]:
    """Reads a webhook's signing keys, as a secret Output.

    Args:
        webhook_id: The webhook's id (an Output of a Webhook, say).
        opts: Accepted for ``pulumiverse_configcat`` compatibility.

    Returns:
        A secret Output of the keys.

    Example::

        key1 = configcat.get_webhook_signing_keys_output(webhook_id=hook.id).key1
    """
    return _lift(get_webhook_signing_keys, secret=True, webhook_id=webhook_id, opts=opts)
