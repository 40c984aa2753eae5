"""Proxy Profiles: ``/v1/organizations/{organizationId}/proxy-profiles`` and ``/v1/proxy-profiles/{id}``.

Two answers hold secrets: the secret token (``POST .../secret``) and the SDK keys of the selected pairs
(``.../sdk-keys``, ``select``, ``deselect``). Their models say so (``holds_secrets``), so the client's error
for an answer of another shape names the wrong fields without quoting it.
"""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.types import (
    CreateOrUpdateProxyProfileRequest,
    ProxyProfileListModel,
    ProxyProfileModel,
    ProxyProfileSdkKeyItem,
    ProxyProfileSdkKeyRequestItem,
    ProxyProfileSdkKeysListModel,
    ProxyProfileSdkKeysRequest,
    ProxyProfileSecretModel,
)


def list_proxy_profiles(client: ConfigCatClient, organization_id: str) -> list[ProxyProfileModel]:
    """Lists the Proxy Profiles of an organization."""
    path = f"/v1/organizations/{organization_id}/proxy-profiles"
    return client.get(path, cast_to=ProxyProfileListModel).profiles


def create_proxy_profile(
    client: ConfigCatClient, organization_id: str, body: CreateOrUpdateProxyProfileRequest
) -> ProxyProfileModel:
    """Creates a Proxy Profile in an organization."""
    path = f"/v1/organizations/{organization_id}/proxy-profiles"
    return client.post(path, body.to_wire(), cast_to=ProxyProfileModel)


def get_proxy_profile(client: ConfigCatClient, proxy_profile_id: str) -> ProxyProfileModel:
    """Reads one Proxy Profile."""
    return client.get(f"/v1/proxy-profiles/{proxy_profile_id}", cast_to=ProxyProfileModel)


def replace_proxy_profile(
    client: ConfigCatClient, proxy_profile_id: str, body: CreateOrUpdateProxyProfileRequest
) -> ProxyProfileModel:
    """Replaces a Proxy Profile's name, description, connection preferences and selection rules."""
    path = f"/v1/proxy-profiles/{proxy_profile_id}"
    return client.put(path, body.to_wire(), cast_to=ProxyProfileModel)


def delete_proxy_profile(client: ConfigCatClient, proxy_profile_id: str) -> None:
    """Deletes a Proxy Profile."""
    client.delete(f"/v1/proxy-profiles/{proxy_profile_id}")


def get_selected_sdk_keys(client: ConfigCatClient, proxy_profile_id: str) -> list[ProxyProfileSdkKeyItem]:
    """The Config / Environment pairs selected for a Proxy Profile, with their SDK keys (secrets)."""
    path = f"/v1/proxy-profiles/{proxy_profile_id}/sdk-keys"
    return client.get(path, cast_to=ProxyProfileSdkKeysListModel).items


def _change_selection(
    client: ConfigCatClient, proxy_profile_id: str, verb: str, pairs: Iterable[tuple[str, str]]
) -> list[ProxyProfileSdkKeyItem]:
    path = f"/v1/proxy-profiles/{proxy_profile_id}/sdk-keys/{verb}"
    body = ProxyProfileSdkKeysRequest(
        items=[ProxyProfileSdkKeyRequestItem(config_id=c, environment_id=e) for c, e in pairs]
    )
    return client.post(path, body.to_wire(), cast_to=ProxyProfileSdkKeysListModel).items


def select_sdk_keys(
    client: ConfigCatClient, proxy_profile_id: str, pairs: Iterable[tuple[str, str]]
) -> list[ProxyProfileSdkKeyItem]:
    """Adds the SDK keys of ``(config id, environment id)`` pairs to a Proxy Profile; returns the selection.

    The API refuses it (403) while the profile has selection rules.
    """
    return _change_selection(client, proxy_profile_id, "select", pairs)


def deselect_sdk_keys(
    client: ConfigCatClient, proxy_profile_id: str, pairs: Iterable[tuple[str, str]]
) -> list[ProxyProfileSdkKeyItem]:
    """Removes the SDK keys of ``(config id, environment id)`` pairs from a Proxy Profile; returns the rest.

    The API refuses it (403) while the profile has selection rules.
    """
    return _change_selection(client, proxy_profile_id, "deselect", pairs)


def generate_secret(client: ConfigCatClient, proxy_profile_id: str) -> str:
    """Generates a new secret token for a Proxy Profile (the previous one stops working) and returns it."""
    path = f"/v1/proxy-profiles/{proxy_profile_id}/secret"
    return client.post(path, None, cast_to=ProxyProfileSecretModel).secret_token
