"""Manage a ConfigCat account as code with Pulumi, in pure Python.

Every resource class is a Pulumi dynamic resource backed by this package's own provider; no plugin binary
is needed. Credentials come from the stack configuration (``configcat:basicAuthUsername``,
``configcat:basicAuthPassword``, ``configcat:basePath``) or the environment
(``CONFIGCAT_BASIC_AUTH_USERNAME``, ``CONFIGCAT_BASIC_AUTH_PASSWORD``, ``CONFIGCAT_BASE_PATH``).

Lookups (``get_products``, ``get_sdk_keys_output``, ...) read what already exists, with the same names as
``pulumiverse_configcat``; see :mod:`pulumi_configcat.lookups`. A :class:`Provider` passed in ``opts`` gives
resources and lookups another account's credentials; :mod:`pulumi_configcat.config` reads the stack's.
"""

import typing

from pulumi_configcat import _lazy
from pulumi_configcat import config as _config  # noqa: F401 - makes configcat.config an attribute, as in pulumiverse
from pulumi_configcat._version import __version__

if typing.TYPE_CHECKING:
    from pulumi_configcat._exceptions import (
        APIConnectionError,
        APIError,
        APIResponseValidationError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ConfigCatError,
        ConfigurationError,
        ConflictError,
        InternalServerError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
    )
    from pulumi_configcat._inputs import (
        SettingPredefinedVariationArgs,
        SettingPredefinedVariationValueArgs,
        SettingValuePercentageItemArgs,
        SettingValueRolloutRuleArgs,
        SettingValueV2TargetingRuleArgs,
        SettingValueV2TargetingRuleConditionArgs,
        SettingValueV2TargetingRuleConditionPrerequisiteFlagConditionArgs,
        SettingValueV2TargetingRuleConditionPrerequisiteFlagConditionComparisonValueArgs,
        SettingValueV2TargetingRuleConditionSegmentConditionArgs,
        SettingValueV2TargetingRuleConditionUserConditionArgs,
        SettingValueV2TargetingRuleConditionUserConditionComparisonValueArgs,
        SettingValueV2TargetingRuleConditionUserConditionComparisonValueListValueArgs,
        SettingValueV2TargetingRulePercentageOptionArgs,
        SettingValueV2TargetingRulePercentageOptionValueArgs,
        SettingValueV2TargetingRuleValueArgs,
        SettingValueV2ValueArgs,
        WebhookSecureWebhookHeaderArgs,
        WebhookWebhookHeaderArgs,
    )
    from pulumi_configcat.lookups import (
        GetConfigurationsResult,
        GetConfigValuesResult,
        GetConfigValuesV2Result,
        GetEnvironmentsResult,
        GetInvitationsResult,
        GetOrganizationMembersResult,
        GetOrganizationsResult,
        GetPermissionGroupsResult,
        GetProductMembersResult,
        GetProductsResult,
        GetProxyProfilesProxyProfileResult,
        GetProxyProfilesResult,
        GetSdkKeysResult,
        GetSegmentsResult,
        GetSettingsResult,
        GetTagsResult,
        GetWebhookSigningKeysResult,
        get_config_values,
        get_config_values_output,
        get_config_values_v2,
        get_config_values_v2_output,
        get_configurations,
        get_configurations_output,
        get_environments,
        get_environments_output,
        get_invitations,
        get_invitations_output,
        get_organization_members,
        get_organization_members_output,
        get_organizations,
        get_organizations_output,
        get_permission_groups,
        get_permission_groups_output,
        get_product_members,
        get_product_members_output,
        get_products,
        get_products_output,
        get_proxy_profiles,
        get_proxy_profiles_output,
        get_sdk_keys,
        get_sdk_keys_output,
        get_segments,
        get_segments_output,
        get_settings,
        get_settings_output,
        get_tags,
        get_tags_output,
        get_webhook_signing_keys,
        get_webhook_signing_keys_output,
    )
    from pulumi_configcat.resources.configs import (
        Config,
        Configuration,
    )
    from pulumi_configcat.resources.environments import (
        Environment,
    )
    from pulumi_configcat.resources.flags.config_values import (
        ConfigValues,
    )
    from pulumi_configcat.resources.flags.config_values_v2 import (
        ConfigValuesV2,
    )
    from pulumi_configcat.resources.flags.setting_values import (
        SettingValue,
    )
    from pulumi_configcat.resources.flags.setting_values_v2 import (
        SettingValueV2,
    )
    from pulumi_configcat.resources.integrations import (
        Integration,
    )
    from pulumi_configcat.resources.invitations import (
        Invitations,
    )
    from pulumi_configcat.resources.members import (
        OrganizationMember,
    )
    from pulumi_configcat.resources.permission_groups import (
        PermissionGroup,
    )
    from pulumi_configcat.resources.preferences import (
        ProductPreferences,
    )
    from pulumi_configcat.resources.products import (
        Product,
    )
    from pulumi_configcat.resources.provider import (
        Provider,
    )
    from pulumi_configcat.resources.proxy_profiles import (
        ProxyProfile,
    )
    from pulumi_configcat.resources.segments import (
        Segment,
    )
    from pulumi_configcat.resources.settings import (
        Setting,
        SettingTag,
    )
    from pulumi_configcat.resources.tags import (
        Tag,
    )
    from pulumi_configcat.resources.webhooks import (
        Webhook,
    )
else:
    __getattr__, __dir__ = _lazy.attach(__name__, __file__)


__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "Config",
    "ConfigCatError",
    "ConfigValues",
    "ConfigValuesV2",
    "Configuration",
    "ConfigurationError",
    "ConflictError",
    "Environment",
    "GetConfigValuesResult",
    "GetConfigValuesV2Result",
    "GetConfigurationsResult",
    "GetEnvironmentsResult",
    "GetInvitationsResult",
    "GetOrganizationMembersResult",
    "GetOrganizationsResult",
    "GetPermissionGroupsResult",
    "GetProductMembersResult",
    "GetProductsResult",
    "GetProxyProfilesProxyProfileResult",
    "GetProxyProfilesResult",
    "GetSdkKeysResult",
    "GetSegmentsResult",
    "GetSettingsResult",
    "GetTagsResult",
    "GetWebhookSigningKeysResult",
    "Integration",
    "InternalServerError",
    "Invitations",
    "NotFoundError",
    "OrganizationMember",
    "PermissionDeniedError",
    "PermissionGroup",
    "Product",
    "ProductPreferences",
    "Provider",
    "ProxyProfile",
    "RateLimitError",
    "Segment",
    "Setting",
    "SettingPredefinedVariationArgs",
    "SettingPredefinedVariationValueArgs",
    "SettingTag",
    "SettingValue",
    "SettingValuePercentageItemArgs",
    "SettingValueRolloutRuleArgs",
    "SettingValueV2",
    "SettingValueV2TargetingRuleArgs",
    "SettingValueV2TargetingRuleConditionArgs",
    "SettingValueV2TargetingRuleConditionPrerequisiteFlagConditionArgs",
    "SettingValueV2TargetingRuleConditionPrerequisiteFlagConditionComparisonValueArgs",
    "SettingValueV2TargetingRuleConditionSegmentConditionArgs",
    "SettingValueV2TargetingRuleConditionUserConditionArgs",
    "SettingValueV2TargetingRuleConditionUserConditionComparisonValueArgs",
    "SettingValueV2TargetingRuleConditionUserConditionComparisonValueListValueArgs",
    "SettingValueV2TargetingRulePercentageOptionArgs",
    "SettingValueV2TargetingRulePercentageOptionValueArgs",
    "SettingValueV2TargetingRuleValueArgs",
    "SettingValueV2ValueArgs",
    "Tag",
    "Webhook",
    "WebhookSecureWebhookHeaderArgs",
    "WebhookWebhookHeaderArgs",
    "__version__",
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
