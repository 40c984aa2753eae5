"""Explicit pulumiverse providers, moved to this package's :class:`~pulumi_configcat.Provider`.

pulumiverse's ``configcat.Provider("b", ...)`` is a Pulumi provider resource (``pulumi:providers:configcat``)
whose inputs hold the credentials (``basicAuthUsername``, ``basicAuthPassword`` as a secret, ``basePath``).
This package's ``Provider`` of the same name is a component (``configcat:index:Provider``) that records
nothing of its own; each resource given it carries the account in two hidden properties, in its inputs and
its outputs (see :mod:`pulumi_configcat.resources._account`):

* ``__configcat``: ``{"provider": <name>, "basePath": ..., "basicAuthUsername": ...}`` (``user``, the
  e-mail of the credentials' ConfigCat user, is left out: it needs ``GET /v1/me``, and the next ``check``
  asks it);
* ``__basicAuthPassword``: the password, a secret. A ciphertext in the export is carried over as it is (the
  value keeps its shape, and ``pulumi stack import`` decrypts it with the same stack's secrets provider).

A provider whose credentials came from ``CONFIGCAT_*`` environment variables (not in its inputs), or whose
user name is only a ciphertext (the account is a plain object), is refused, naming its URN.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_configcat._constants import DEFAULT_BASE_URL
from pulumi_configcat.migrate._convert import RefusedError
from pulumi_configcat.migrate._secrets import Secret, decode, encode
from pulumi_configcat.resources._account import ACCOUNT_KEY, PASSWORD_KEY
from pulumi_configcat.resources.provider import PROVIDER_TYPE as COMPONENT_TYPE

__all__ = ["COMPONENT_TYPE", "Account", "account_of", "component_of"]


@dataclass(frozen=True)
class Account:
    """What resources on one explicit provider carry (see the module's description).

    Attributes:
        hidden: ``__configcat`` and ``__basicAuthPassword``, as the export writes them (secrets encoded).
        notes: What the user should know about this provider, one line each.
    """

    hidden: dict[str, Any]
    notes: list[str]


def _name(urn: str) -> str:
    return urn.rsplit("::", 1)[-1]


def component_urn(urn: str) -> str:
    """The URN of the ``Provider`` component standing for the pulumiverse provider ``urn`` (same name)."""
    parts = urn.split("::")
    chain = parts[2].split("$")
    chain[-1] = COMPONENT_TYPE
    return "::".join([*parts[:2], "$".join(chain), *parts[3:]])


def component_of(provider: Mapping[str, Any]) -> dict[str, Any]:
    """The state entry of the ``Provider`` component for an explicit pulumiverse provider: its URN with the
    component's type, its parent and options kept, no id and no properties (the component records none)."""
    entry: dict[str, Any] = {
        "urn": component_urn(str(provider["urn"])),
        "custom": False,
        "type": COMPONENT_TYPE,
    }
    for key in ("parent", "dependencies", "protect", "retainOnDelete", "aliases", "created", "modified"):
        if key in provider:
            entry[key] = provider[key]
    return entry


def account_of(provider: Mapping[str, Any]) -> Account:
    """The hidden properties the resources on the explicit pulumiverse provider ``provider`` carry.

    Args:
        provider: The provider's state entry in the export.

    Returns:
        The account, secrets as the export had them (a plaintext secret stays plaintext for
        ``pulumi stack import`` to encrypt, a ciphertext stays that ciphertext).

    Raises:
        RefusedError: The credentials are not in the provider's inputs, or the user name is encrypted.
    """
    urn = str(provider["urn"])
    inputs = decode(provider.get("inputs") or {})
    username, password, base_path = (
        inputs.get("basicAuthUsername"),
        inputs.get("basicAuthPassword"),
        inputs.get("basePath"),
    )
    missing = [
        key
        for key, value in (("basicAuthUsername", username), ("basicAuthPassword", password))
        if value is None or value == "" or (isinstance(value, Secret) and value.value == "")
    ]
    if missing:
        raise RefusedError(
            f"{urn}: an explicit pulumiverse provider without {' and '.join(missing)} in its state "
            "(taken from CONFIGCAT_* environment variables, which the export does not hold); give them to "
            "the provider in the program and run `pulumi up` first"
        )
    notes: list[str] = []
    secret_account = False
    opaque = [
        key
        for key, value in (("basicAuthUsername", username), ("basePath", base_path))
        if isinstance(value, Secret) and value.ciphertext is not None
    ]
    if opaque:
        raise RefusedError(
            f"{urn}: the explicit pulumiverse provider's {' and '.join(opaque)} is only a ciphertext in the "
            f"export, and goes into the plain {ACCOUNT_KEY} object of each resource on it; export with "
            "`pulumi stack export --show-secrets`"
        )
    if isinstance(username, Secret):
        username, secret_account = username.value, True
    if isinstance(base_path, Secret):
        base_path, secret_account = base_path.value, True
    if base_path is None or base_path == "":
        base_path = DEFAULT_BASE_URL
        notes.append(
            f"{urn}: no basePath in its state; {DEFAULT_BASE_URL} assumed (if CONFIGCAT_BASE_PATH gave "
            "another, the next check refuses the move: give base_path to the Provider)"
        )
    if not isinstance(username, str) or not isinstance(base_path, str):
        raise RefusedError(
            f"{urn}: the explicit pulumiverse provider's basicAuthUsername and basePath must be strings"
        )
    account: Any = {"provider": _name(urn), "basePath": base_path.rstrip("/"), "basicAuthUsername": username}
    if secret_account:
        account = Secret(value=account)
    sealed = password if isinstance(password, Secret) else Secret(value=password)
    return Account(encode({ACCOUNT_KEY: account, PASSWORD_KEY: sealed}), notes)
