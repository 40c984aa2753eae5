"""Lookup of an organization's Proxy Profiles (neither the Terraform provider nor pulumiverse has one)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi

from pulumi_configcat.api import proxy_profiles as proxy_profiles_api
from pulumi_configcat.lookups._common import client as _client
from pulumi_configcat.lookups._common import lift as _lift
from pulumi_configcat.lookups._common import matcher as _matcher
from pulumi_configcat.lookups._common import uuid_argument as _uuid_argument

__all__ = [
    "GetProxyProfilesProxyProfileResult",
    "GetProxyProfilesResult",
    "get_proxy_profiles",
    "get_proxy_profiles_output",
]


@dataclass(frozen=True)
class GetProxyProfilesProxyProfileResult:
    """One Proxy Profile found by :func:`get_proxy_profiles`.

    Secrets are not part of it: the secret token is never readable, and the webhook signing keys stay with
    the :class:`~pulumi_configcat.ProxyProfile` resource (``ProxyProfile.get``), whose outputs are secret.

    Attributes:
        proxy_profile_id: The profile's UUID.
        name: Its name.
        description: Its description, if any.
        sdk_poll_interval: How often, in seconds, the SDKs behind the Proxy poll.
        webhook_proxy_url: The URL ConfigCat notifies of changes, if any.
        last_accessed_at: When a Proxy last used the profile (ISO 8601), if ever.

    Example::

        edge = configcat.get_proxy_profiles(org_id, name_filter_regex="^edge$").proxy_profiles[0]
    """

    proxy_profile_id: str
    name: str
    description: str | None
    sdk_poll_interval: int
    webhook_proxy_url: str | None
    last_accessed_at: str | None


@dataclass(frozen=True)
class GetProxyProfilesResult:
    """What :func:`get_proxy_profiles` returns.

    Attributes:
        id: The lookup's id (the organization id).
        organization_id: The organization searched.
        name_filter_regex: The filter it was given.
        proxy_profiles: The profiles whose name matches, in the API's order.

    Example::

        names = [p.name for p in configcat.get_proxy_profiles(org_id).proxy_profiles]
    """

    id: str
    organization_id: str
    name_filter_regex: str | None
    proxy_profiles: Sequence[GetProxyProfilesProxyProfileResult]


def get_proxy_profiles(
    organization_id: str, name_filter_regex: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> GetProxyProfilesResult:
    """Lists the Proxy Profiles of an organization.

    Args:
        organization_id: The organization's UUID.
        name_filter_regex: Keeps profiles whose name this regular expression matches.
        opts: Accepted for symmetry with the other lookups; the lookup runs in this process.

    Returns:
        The matching profiles.

    Raises:
        ValueError: ``organization_id`` is not a UUID, or ``name_filter_regex`` is not a valid regular
            expression; nothing is sent.
        APIError: The API refused (an unknown organization is a ``NotFoundError``) or could not be reached.

    Example::

        profile_id = configcat.get_proxy_profiles(org_id, "^edge$").proxy_profiles[0].proxy_profile_id
    """
    del opts
    _uuid_argument("get_proxy_profiles", "organization_id", organization_id)
    matches = _matcher("name_filter_regex", name_filter_regex)
    found = []
    for profile in proxy_profiles_api.list_proxy_profiles(_client(), organization_id):
        if not matches(profile.name):
            continue
        notification = profile.connection_preferences.webhook_notification
        found.append(
            GetProxyProfilesProxyProfileResult(
                proxy_profile_id=profile.proxy_profile_id,
                name=profile.name,
                description=profile.description,
                sdk_poll_interval=profile.connection_preferences.sdk_poll_interval,
                webhook_proxy_url=notification.webhook_proxy_url if notification else None,
                last_accessed_at=profile.last_accessed_at,
            )
        )
    return GetProxyProfilesResult(
        id=organization_id,
        organization_id=organization_id,
        name_filter_regex=name_filter_regex,
        proxy_profiles=found,
    )


def get_proxy_profiles_output(
    organization_id: pulumi.Input[str],
    name_filter_regex: pulumi.Input[str | None] = None,
    opts: pulumi.InvokeOptions | None = None,
) -> pulumi.Output[GetProxyProfilesResult]:
    """:func:`get_proxy_profiles` over Inputs, as an Output.

    Args:
        organization_id: The organization's UUID (an Output of another resource too).
        name_filter_regex: Keeps profiles whose name this regular expression matches.
        opts: Accepted for symmetry with the other lookups.

    Returns:
        An Output of the matching profiles.

    Example::

        edge = configcat.get_proxy_profiles_output(org_id, "^edge$").proxy_profiles[0]
    """
    return _lift(
        get_proxy_profiles, organization_id=organization_id, name_filter_regex=name_filter_regex, opts=opts
    )
