"""Secrets in a ``pulumi stack export``: opened where their plaintext is there, carried over where it is not.

The export writes a secret as ``{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
"ciphertext": ...}`` (or, with ``--show-secrets``, ``"plaintext"``: the secret value's own JSON). A
ciphertext can be moved to another property unchanged, since ``pulumi stack import`` decrypts it with the
same stack's secrets provider, but it cannot be looked into, so a value that must be reshaped needs its
plaintext. A plaintext secret written back is encrypted by ``pulumi stack import``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["SECRET_SIG", "SIG_KEY", "OpaqueError", "Secret", "decode", "encode", "has_secret", "opened"]

SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"  # noqa: S105 (Pulumi's marker of a secret, not one)


@dataclass(frozen=True)
class Secret:
    """A secret value: ``value`` when its plaintext is known, else ``ciphertext`` (exactly one is set).

    Attributes:
        value: The plain value (already decoded), when the export holds the plaintext.
        ciphertext: The encrypted value, as the export holds it, when it does not.
    """

    value: Any = None
    ciphertext: str | None = None


class OpaqueError(ValueError):
    """A value holds a ciphertext where its plaintext is needed (to reshape it, or to re-wrap it)."""


def decode(value: Any) -> Any:
    """The export's JSON value with every secret object as a :class:`Secret`.

    Args:
        value: A property value as ``json.load`` gives it.

    Returns:
        The same value, secrets decoded (plaintexts parsed, nested secrets in them too).

    Raises:
        ValueError: A secret object is malformed (neither or both of ciphertext and plaintext).
    """
    if isinstance(value, Mapping):
        if value.get(SIG_KEY) == SECRET_SIG:
            ciphertext, plaintext = value.get("ciphertext"), value.get("plaintext")
            if isinstance(ciphertext, str) == isinstance(plaintext, str):
                raise ValueError("a secret holds neither or both of 'ciphertext' and 'plaintext'")
            if isinstance(ciphertext, str):
                return Secret(ciphertext=ciphertext)
            return Secret(value=decode(json.loads(str(plaintext))))
        return {key: decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode(item) for item in value]
    return value


def encode(value: Any) -> Any:
    """A value with :class:`Secret` s as the export's secret objects (plaintexts for ``stack import`` to
    encrypt, ciphertexts as they were).

    Args:
        value: A value that may hold :class:`Secret` s.

    Returns:
        Its JSON form.
    """
    if isinstance(value, Secret):
        if value.ciphertext is not None:
            return {SIG_KEY: SECRET_SIG, "ciphertext": value.ciphertext}
        # Nested secrets inside a secret's plaintext are plain: the outer one already hides them.
        return {SIG_KEY: SECRET_SIG, "plaintext": json.dumps(opened(value.value), sort_keys=True)}
    if isinstance(value, Mapping):
        return {key: encode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [encode(item) for item in value]
    return value


def opened(value: Any) -> Any:
    """``value`` with every :class:`Secret` in it replaced by its plaintext.

    Raises:
        OpaqueError: A secret in it holds only a ciphertext.
    """
    if isinstance(value, Secret):
        if value.ciphertext is not None:
            raise OpaqueError("an encrypted value")
        return opened(value.value)
    if isinstance(value, Mapping):
        return {key: opened(item) for key, item in value.items()}
    if isinstance(value, list):
        return [opened(item) for item in value]
    return value


def has_secret(value: Any) -> bool:
    """Whether ``value`` is or holds a :class:`Secret`."""
    if isinstance(value, Secret):
        return True
    if isinstance(value, Mapping):
        return any(has_secret(item) for item in value.values())
    if isinstance(value, list):
        return any(has_secret(item) for item in value)
    return False
