"""``Provider``: the credentials of one ConfigCat account, for the resources and lookups given it.

This package's resources are Pulumi *dynamic* resources, all served by Pulumi's own ``pulumi-python``
provider, so a ``Provider`` cannot be a Pulumi provider resource (``pulumi:providers:configcat`` would make
the engine look for a ``configcat`` plugin). It is a component resource of type ``configcat:index:Provider``
that holds the credentials in the program; a resource finds it in ``opts.provider``, in ``opts.providers``
(a list, or a mapping under ``"configcat"``) or among a parent's providers, takes it out of the options
before Pulumi sees them, and carries its account as two hidden inputs (see :mod:`._account`, where the
provider process uses them).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pulumi

from pulumi_configcat._constants import (
    CONFIG_BASE_PATH,
    CONFIG_PASSWORD,
    CONFIG_USERNAME,
    DEFAULT_BASE_URL,
    ENV_BASE_PATH,
    ENV_PASSWORD,
    ENV_USERNAME,
)
from pulumi_configcat._exceptions import ConfigurationError
from pulumi_configcat._settings import ClientSettings, resolve_settings
from pulumi_configcat.resources._account import ACCOUNT_KEY, PASSWORD_KEY

__all__ = [
    "PACKAGE",
    "PROVIDER_TYPE",
    "Provider",
    "account_inputs",
    "account_settings",
    "explicit_provider",
    "without_provider",
]

PROVIDER_TYPE = "configcat:index:Provider"
# The package a Provider stands for in ``providers`` maps (pulumiverse_configcat's).
PACKAGE = "configcat"


if TYPE_CHECKING:
    # Typed as pulumiverse's Provider is, so that ResourceOptions(provider=cc), providers=[cc] and
    # InvokeOptions(provider=cc) type-check as they do there; at run time it is a component (see above).
    _Base = pulumi.ProviderResource
else:
    _Base = pulumi.ComponentResource


class Provider(_Base):
    """The credentials of one ConfigCat account, for the resources and lookups given it.

    As in ``pulumiverse_configcat``: pass it as ``opts=pulumi.ResourceOptions(provider=cc)``, in
    ``providers=[cc]`` or ``providers={"configcat": cc}`` (on the resource or on a parent component), or as
    ``pulumi.InvokeOptions(provider=cc)`` to a lookup. Resources and lookups given none use the stack's
    credentials (``configcat:*`` configuration, then ``CONFIGCAT_*`` environment variables) as before. An
    argument left out is taken from its ``CONFIGCAT_*`` environment variable when the program runs, as
    pulumiverse's does.

    Each resource keeps the account in its own state (the password as a secret), so ``pulumi refresh`` and
    ``pulumi destroy`` reach it without the program. It is a component (type ``configcat:index:Provider``),
    not a Pulumi provider resource: this package has no plugin. Changing a resource's credentials to another
    ConfigCat user or base path is refused; a new password is no change (see ``docs/guides/providers.md``).

    Args:
        resource_name: The Pulumi name of the provider; the account is known by it.
        opts: Resource options of the component.
        base_path: The API's base URL; ``CONFIGCAT_BASE_PATH``, else ``https://api.configcat.com``.
        basic_auth_password: The Public API credential's password (made a secret);
            ``CONFIGCAT_BASIC_AUTH_PASSWORD`` when left out.
        basic_auth_username: The Public API credential's user name; ``CONFIGCAT_BASIC_AUTH_USERNAME`` when
            left out.

    Raises:
        ConfigurationError: The user name or the password is given neither way.

    Example::

        other = configcat.Provider(
            "other-account",
            basic_auth_username=config.require("otherUser"),
            basic_auth_password=config.require_secret("otherPassword"),
        )
        configcat.Product("shop", organization_id=org_id, opts=pulumi.ResourceOptions(provider=other))
    """

    base_path: pulumi.Output[str]
    basic_auth_password: pulumi.Output[str]
    basic_auth_username: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        *,
        base_path: pulumi.Input[str] | None = None,
        basic_auth_password: pulumi.Input[str] | None = None,
        basic_auth_username: pulumi.Input[str] | None = None,
    ) -> None:
        super().__init__(PROVIDER_TYPE, resource_name, None, opts)
        username = basic_auth_username if basic_auth_username is not None else os.environ.get(ENV_USERNAME)
        password = basic_auth_password if basic_auth_password is not None else os.environ.get(ENV_PASSWORD)
        missing = [
            f"{argument} (or {variable})"
            for argument, variable, value in (
                ("basic_auth_username", ENV_USERNAME, username),
                ("basic_auth_password", ENV_PASSWORD, password),
            )
            if value is None or value == ""
        ]
        if missing:
            raise ConfigurationError(f"configcat.Provider {resource_name!r} needs " + " and ".join(missing))
        base = base_path if base_path is not None else os.environ.get(ENV_BASE_PATH) or DEFAULT_BASE_URL
        # What Pulumi's own provider machinery asks of a provider (a parent component given
        # providers=[this] makes a reference of its urn and id); nothing here is sent to a plugin.
        self.package = PACKAGE
        vars(self)["id"] = pulumi.Output.from_input(resource_name)  # a plain attribute on a component
        self.base_path = pulumi.Output.from_input(base).apply(lambda url: str(url).rstrip("/"))
        self.basic_auth_username = pulumi.Output.from_input(username)  # type: ignore[arg-type]
        self.basic_auth_password = pulumi.Output.secret(password)  # type: ignore[arg-type]
        pulumi.ComponentResource.register_outputs(self, {})  # type: ignore[arg-type]


def account_inputs(provider: Provider) -> dict[str, Any]:
    """The two inputs through which a resource given ``provider`` carries its account (see ``_account``)."""
    name = provider.pulumi_resource_name
    account = pulumi.Output.all(provider.base_path, provider.basic_auth_username).apply(
        lambda values: {"provider": name, "basePath": values[0], "basicAuthUsername": values[1]}
    )
    return {ACCOUNT_KEY: account, PASSWORD_KEY: provider.basic_auth_password}


def account_settings(provider: Provider) -> pulumi.Output[ClientSettings]:
    """``provider``'s credentials as the client takes them, checked (a secret Output), for lookups."""
    return pulumi.Output.all(
        provider.basic_auth_username, provider.basic_auth_password, provider.base_path
    ).apply(
        lambda values: resolve_settings(
            {CONFIG_USERNAME: values[0], CONFIG_PASSWORD: values[1], CONFIG_BASE_PATH: values[2]},
            environ={},
        )
    )


def explicit_provider(opts: pulumi.ResourceOptions | pulumi.InvokeOptions | None) -> Provider | None:
    """The :class:`Provider` ``opts`` name: ``provider``, then ``providers``, then the parent's providers."""
    if opts is None:
        return None
    if isinstance(opts.provider, Provider):
        return opts.provider
    found = _in_providers(getattr(opts, "providers", None))
    if found is not None:
        return found
    parent = opts.parent
    inherited = getattr(parent, "_providers", None) if parent is not None else None
    return _in_providers(inherited)


def _in_providers(providers: Mapping[str, Any] | Sequence[Any] | None) -> Provider | None:
    if isinstance(providers, Mapping):
        candidates: list[Any] = [providers.get(PACKAGE), *providers.values()]
    else:
        candidates = list(providers or [])
    return next((p for p in candidates if isinstance(p, Provider)), None)


def without_provider(opts: pulumi.ResourceOptions) -> pulumi.ResourceOptions:
    """``opts`` (a copy) without any :class:`Provider`, which Pulumi would take for a provider plugin's."""
    opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions())
    if isinstance(opts.provider, Provider):
        opts.provider = None
    if isinstance(opts.providers, Mapping):
        opts.providers = {k: p for k, p in opts.providers.items() if not isinstance(p, Provider)} or None
    elif opts.providers is not None:
        opts.providers = [p for p in opts.providers if not isinstance(p, Provider)] or None
    return opts
