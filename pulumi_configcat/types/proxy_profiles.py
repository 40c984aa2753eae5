"""Models of Proxy Profiles: what a ConfigCat Proxy serves, the SDK keys it may use, and its secret token.

The secret token (``ProxyProfileSecretModel``), the SDK keys of the selected config/environment pairs
(``ProxyProfileSdkKeyItem``) and the webhook signing keys are secrets: these models keep them out of
``repr`` and out of validation errors, so no message can quote them.
"""

from typing import Literal

from pydantic import ConfigDict, Field

from pulumi_configcat.types._base import ApiModel

SelectionRuleKind = Literal["include", "exclude"]
"""Whether a selection rule adds the SDK keys it matches to a Proxy Profile or takes them away."""


class ProxyProfileSelectionRule(ApiModel):
    """One SDK-key selection rule, as the server returns it; the name filters accept wildcards (``*``)."""

    kind: SelectionRuleKind | str
    product_id_filter: str | None = None
    config_id_filter: str | None = None
    environment_id_filter: str | None = None
    product_name_match_filter: str | None = None
    config_name_match_filter: str | None = None
    environment_name_match_filter: str | None = None


class UpdateProxyProfileSelectionRule(ApiModel):
    """One SDK-key selection rule of a create or replace body."""

    kind: SelectionRuleKind | None = None
    product_id_filter: str | None = None
    config_id_filter: str | None = None
    environment_id_filter: str | None = None
    product_name_match_filter: str | None = Field(default=None, max_length=255)
    config_name_match_filter: str | None = Field(default=None, max_length=255)
    environment_name_match_filter: str | None = Field(default=None, max_length=255)


class WebhookNotification(ApiModel):
    """Where ConfigCat notifies the Proxy of config changes, and the keys it signs the notifications with."""

    model_config = ConfigDict(hide_input_in_errors=True)

    webhook_proxy_url: str
    signing_key1: str = Field(repr=False)
    signing_key2: str | None = Field(default=None, repr=False)


class ConnectionPreferences(ApiModel):
    """How SDKs connected to the Proxy poll, and where the Proxy is notified of changes."""

    model_config = ConfigDict(hide_input_in_errors=True)

    sdk_poll_interval: int
    webhook_notification: WebhookNotification | None = None


class ProxyProfileModel(ApiModel):
    """A Proxy Profile of an Organization."""

    model_config = ConfigDict(hide_input_in_errors=True)

    proxy_profile_id: str
    name: str
    description: str | None = None
    last_accessed_at: str | None = None
    connection_preferences: ConnectionPreferences
    sdk_key_selection_rules: list[ProxyProfileSelectionRule]


class ProxyProfileListModel(ApiModel):
    """The Proxy Profiles of an Organization (`GET /v1/organizations/{organizationId}/proxy-profiles`)."""

    model_config = ConfigDict(hide_input_in_errors=True)

    profiles: list[ProxyProfileModel]


class CreateOrUpdateWebhookNotification(ApiModel):
    """The Proxy's webhook URL, in a create or replace body."""

    webhook_proxy_url: str = Field(min_length=7, max_length=1000)


class CreateOrUpdateConnectionPreferences(ApiModel):
    """Connection preferences in a create or replace body; a poll interval left out is 60 seconds."""

    sdk_poll_interval: int | None = Field(default=None, ge=30, le=2147483647)
    webhook_notification: CreateOrUpdateWebhookNotification | None = None


class CreateOrUpdateProxyProfileRequest(ApiModel):
    """Body of `POST /v1/organizations/{organizationId}/proxy-profiles` and `PUT /v1/proxy-profiles/{id}`.

    The PUT is a complete replace: a field left out is reset.
    """

    name: str = Field(max_length=255)
    description: str | None = Field(default=None, max_length=1000)
    connection_preferences: CreateOrUpdateConnectionPreferences | None = None
    sdk_key_selection_rules: list[UpdateProxyProfileSelectionRule] | None = None


class ProxyProfileSdkKeyItem(ApiModel):
    """One Config / Environment pair selected for a Proxy Profile, with its SDK keys (secrets)."""

    model_config = ConfigDict(hide_input_in_errors=True)

    primary_sdk_key: str = Field(repr=False)
    secondary_sdk_key: str | None = Field(default=None, repr=False)
    sdk_id: str = Field(repr=False)
    config_id: str
    environment_id: str


class ProxyProfileSdkKeysListModel(ApiModel):
    """The SDK keys selected for a Proxy Profile (`GET /v1/proxy-profiles/{id}/sdk-keys`)."""

    holds_secrets = True

    model_config = ConfigDict(hide_input_in_errors=True)

    items: list[ProxyProfileSdkKeyItem]


class ProxyProfileSdkKeyRequestItem(ApiModel):
    """A Config / Environment pair to select or deselect; either alone means all of the other kind."""

    config_id: str | None = None
    environment_id: str | None = None


class ProxyProfileSdkKeysRequest(ApiModel):
    """Body of `POST /v1/proxy-profiles/{id}/sdk-keys/select` and `.../deselect`."""

    items: list[ProxyProfileSdkKeyRequestItem]


class ProxyProfileSecretModel(ApiModel):
    """The secret token a ConfigCat Proxy authenticates with (`POST /v1/proxy-profiles/{id}/secret`)."""

    holds_secrets = True

    model_config = ConfigDict(hide_input_in_errors=True)

    secret_token: str = Field(repr=False)
