"""Lookups (Pulumi functions): read what exists in the account, with ``pulumiverse_configcat``'s names.

Each lookup comes in two forms, as in every Pulumi SDK:

* ``get_x(...)`` takes plain values and returns a result at once, e.g. ``get_products().products[0]``;
* ``get_x_output(...)`` takes Inputs (Outputs of other resources too) and returns an ``Output`` of the same
  result, e.g. ``get_sdk_keys_output(config_id=config.id, environment_id=prod.id).primary``.

They run in the program's own process (not in a provider) over the package's shared HTTP client, with the
credentials of the :class:`~pulumi_configcat.Provider` given in ``opts``, or else the ones the resources use:
stack configuration (``configcat:basicAuthUsername``, ``configcat:basicAuthPassword``,
``configcat:basePath``) first, then ``CONFIGCAT_*`` environment variables.
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
pulumiverse's generated functions put ``name_filter_regex`` first. ``opts=pulumi.InvokeOptions(provider=cc)``
(or a ``parent`` given one) makes the lookup use that :class:`~pulumi_configcat.Provider`'s credentials.
"""

from __future__ import annotations

import typing

from pulumi_configcat import _lazy

if typing.TYPE_CHECKING:
    from pulumi_configcat.lookups._containers import (
        GetConfigurationsConfigResult,
        GetConfigurationsResult,
        GetEnvironmentsEnvironmentResult,
        GetEnvironmentsResult,
        GetOrganizationsOrganizationResult,
        GetOrganizationsResult,
        GetProductsProductResult,
        GetProductsResult,
        get_configurations,
        get_configurations_output,
        get_environments,
        get_environments_output,
        get_organizations,
        get_organizations_output,
        get_products,
        get_products_output,
    )
    from pulumi_configcat.lookups._keys import (
        GetSdkKeysResult,
        GetWebhookSigningKeysResult,
        get_sdk_keys,
        get_sdk_keys_output,
        get_webhook_signing_keys,
        get_webhook_signing_keys_output,
    )
    from pulumi_configcat.lookups._members import (
        GetInvitationsInvitationResult,
        GetInvitationsResult,
        GetOrganizationMembersMemberResult,
        GetOrganizationMembersResult,
        GetProductMembersMemberResult,
        GetProductMembersResult,
        get_invitations,
        get_invitations_output,
        get_organization_members,
        get_organization_members_output,
        get_product_members,
        get_product_members_output,
    )
    from pulumi_configcat.lookups._permission_groups import (
        GetPermissionGroupsPermissionGroupResult,
        GetPermissionGroupsResult,
        get_permission_groups,
        get_permission_groups_output,
    )
    from pulumi_configcat.lookups._product_items import (
        GetSegmentsResult,
        GetSegmentsSegmentResult,
        GetSettingsResult,
        GetSettingsSettingResult,
        GetTagsResult,
        GetTagsTagResult,
        get_segments,
        get_segments_output,
        get_settings,
        get_settings_output,
        get_tags,
        get_tags_output,
    )
    from pulumi_configcat.lookups._proxy_profiles import (
        GetProxyProfilesProxyProfileResult,
        GetProxyProfilesResult,
        get_proxy_profiles,
        get_proxy_profiles_output,
    )
    from pulumi_configcat.lookups._values import (
        GetConfigValuesResult,
        GetConfigValuesV2Result,
        get_config_values,
        get_config_values_output,
        get_config_values_v2,
        get_config_values_v2_output,
    )
else:
    __getattr__, __dir__ = _lazy.attach(__name__, __file__)


__all__ = [
    "GetConfigValuesResult",
    "GetConfigValuesV2Result",
    "GetConfigurationsConfigResult",
    "GetConfigurationsResult",
    "GetEnvironmentsEnvironmentResult",
    "GetEnvironmentsResult",
    "GetInvitationsInvitationResult",
    "GetInvitationsResult",
    "GetOrganizationMembersMemberResult",
    "GetOrganizationMembersResult",
    "GetOrganizationsOrganizationResult",
    "GetOrganizationsResult",
    "GetPermissionGroupsPermissionGroupResult",
    "GetPermissionGroupsResult",
    "GetProductMembersMemberResult",
    "GetProductMembersResult",
    "GetProductsProductResult",
    "GetProductsResult",
    "GetProxyProfilesProxyProfileResult",
    "GetProxyProfilesResult",
    "GetSdkKeysResult",
    "GetSegmentsResult",
    "GetSegmentsSegmentResult",
    "GetSettingsResult",
    "GetSettingsSettingResult",
    "GetTagsResult",
    "GetTagsTagResult",
    "GetWebhookSigningKeysResult",
    "get_config_values",
    "get_config_values_output",
    "get_config_values_v2",
    "get_config_values_v2_output",
    "get_configurations",
    "get_configurations_output",
    "get_environments",
    "get_environments_output",
    "get_invitations",
    "get_invitations_output",
    "get_organization_members",
    "get_organization_members_output",
    "get_organizations",
    "get_organizations_output",
    "get_permission_groups",
    "get_permission_groups_output",
    "get_product_members",
    "get_product_members_output",
    "get_products",
    "get_products_output",
    "get_proxy_profiles",
    "get_proxy_profiles_output",
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
