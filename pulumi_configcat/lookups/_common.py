"""What every lookup shares: the client for the stack's credentials, name filters, the Output form."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

import pulumi
from pulumi.runtime.sync_await import _sync_await

from pulumi_configcat._client import ConfigCatClient, get_client
from pulumi_configcat._exceptions import ConfigurationError
from pulumi_configcat._settings import CONFIG_KEYS, resolve_settings
from pulumi_configcat.resources.provider import account_settings, explicit_provider

__all__ = ["client", "lift", "matcher", "uuid_argument"]

_T = TypeVar("_T")

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


# ------------------------------------------------------------------------------------------------- plumbing


def client(opts: pulumi.InvokeOptions | None = None) -> ConfigCatClient:
    """The shared client for the :class:`~pulumi_configcat.Provider` ``opts`` name (``provider``, or a
    ``parent``'s), else for the stack's ``configcat:*`` configuration, then the environment."""
    account = explicit_provider(opts)
    if account is not None:
        settings = _sync_await(account_settings(account).future())
        if settings is None:
            raise ConfigurationError(
                f"configcat.Provider {account.pulumi_resource_name!r}: its credentials are not known yet "
                "(they come from a resource not made yet, during a preview); use the lookup's _output form"
            )
        return get_client(settings)
    config = pulumi.Config("configcat")
    return get_client(resolve_settings({key: config.get(key.split(":", 1)[1]) for key in CONFIG_KEYS}))


def matcher(argument: str, pattern: str | None) -> Callable[[str | None], bool]:
    if pattern is None:
        return lambda _: True
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"{argument} is not a valid regular expression: {exc} (got {pattern!r})") from None
    return lambda value: compiled.search(value or "") is not None


def uuid_argument(lookup: str, argument: str, value: object) -> str:
    """``value`` if it is a UUID, as the API defines product, config and environment ids; else a ValueError.

    The id goes into the request's URL path, so anything else (``../organizations``, ``a/b``, ``x?y``,
    ``x#y``) would send another request than the one asked for. Refused before any request is sent.
    """
    if not isinstance(value, str) or not _UUID.fullmatch(value):
        raise ValueError(
            f"{lookup}: {argument} must be a UUID such as 08d86d63-2726-47cd-8bfc-59608ecb91e2 "
            f"(hexadecimal digits in groups of 8-4-4-4-12), got {value!r}"
        )
    return value


def lift(
    lookup: Callable[..., _T],
    *,
    secret: bool = False,
    opts: pulumi.InvokeOptions | None = None,
    **inputs: Any,
) -> pulumi.Output[_T]:
    """``lookup`` run once every input (and the credentials of a Provider in ``opts``) is known, as an Output
    (a secret one when ``secret``). Nothing is invoked through the engine: the lookup runs in this process."""
    account = explicit_provider(opts)
    if account is not None:
        # The credentials resolve first; their secrecy does not spread to the result (ids, names).
        inputs = {**inputs, "opts": pulumi.Output.unsecret(account_settings(account).apply(lambda _: opts))}
    result: pulumi.Output[_T] = pulumi.Output.all(**inputs).apply(lambda known: lookup(**known))
    return pulumi.Output.secret(result) if secret else result
