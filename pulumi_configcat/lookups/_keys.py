"""Lookups of secrets: SDK keys and webhook signing keys."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pulumi

from pulumi_configcat.api import sdk_keys as sdk_keys_api
from pulumi_configcat.api import webhooks as webhooks_api
from pulumi_configcat.lookups._common import client as _client
from pulumi_configcat.lookups._common import lift as _lift
from pulumi_configcat.lookups._common import uuid_argument as _uuid_argument

__all__ = [
    "GetSdkKeysResult",
    "GetWebhookSigningKeysResult",
    "get_sdk_keys",
    "get_sdk_keys_output",
    "get_webhook_signing_keys",
    "get_webhook_signing_keys_output",
]


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
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        The keys.

    Raises:
        ValueError: ``config_id`` or ``environment_id`` is not a UUID (refused before any request).
        NotFoundError: No such config or environment (or the credentials cannot see them).

    Example::

        key = pulumi.Output.secret(configcat.get_sdk_keys(config_id, environment_id).primary)
    """
    _uuid_argument("get_sdk_keys", "config_id", config_id)
    _uuid_argument("get_sdk_keys", "environment_id", environment_id)
    keys = sdk_keys_api.get_sdk_keys(_client(opts), config_id, environment_id)
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
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

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
    webhook_id: int | str | float, opts: pulumi.InvokeOptions | None = None
) -> GetWebhookSigningKeysResult:
    """Reads a webhook's signing keys, as plain strings.

    Prefer :func:`get_webhook_signing_keys_output`, whose result is a secret; wrap a plain key with
    ``pulumi.Output.secret`` before it goes into a resource or a stack output.

    Args:
        webhook_id: The webhook's integer id (a string of digits, or a whole float, is fine).
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        The keys.

    Raises:
        ValueError: ``webhook_id`` is not an integer.
        NotFoundError: No such webhook (or the credentials cannot see it).

    Example::

        key1 = pulumi.Output.secret(configcat.get_webhook_signing_keys(webhook_id).key1)
    """
    if isinstance(webhook_id, float) and webhook_id.is_integer():
        webhook_id = int(webhook_id)  # config.require_float(...), as pulumiverse's own example reads it
    if isinstance(webhook_id, bool) or not re.fullmatch(r"[0-9]+", str(webhook_id)):
        raise ValueError(f"webhook_id must be an integer id, got {webhook_id!r}")
    keys = webhooks_api.get_webhook_signing_keys(_client(opts), str(webhook_id))
    return GetWebhookSigningKeysResult(
        id=str(webhook_id), webhook_id=int(webhook_id), key1=keys.key1, key2=keys.key2
    )


def get_webhook_signing_keys_output(
    webhook_id: pulumi.Input[int | str | float], opts: pulumi.InvokeOptions | None = None
) -> pulumi.Output[GetWebhookSigningKeysResult]:
    """Reads a webhook's signing keys, as a secret Output.

    Args:
        webhook_id: The webhook's id (an Output of a Webhook, say).
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        A secret Output of the keys.

    Example::

        key1 = configcat.get_webhook_signing_keys_output(webhook_id=hook.id).key1
    """
    return _lift(get_webhook_signing_keys, secret=True, webhook_id=webhook_id, opts=opts)
