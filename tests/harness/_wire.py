"""Wire-level helpers: the values the Pulumi engine puts into and reads out of protobuf Structs.

Everything here works on plain dicts as produced by ``json_format.MessageToDict``: numbers are floats,
unknown values are the ``UNKNOWN`` sentinel string, secrets are signature dicts.
"""

from __future__ import annotations

import base64
from typing import Any, TypeGuard

from google.protobuf import json_format, struct_pb2
from pulumi.runtime import rpc

UNKNOWN: str = rpc.UNKNOWN
"""The engine's wire sentinel for a value not known yet (sent during preview)."""

PROVIDER_KEY = "__provider"

_SIG_KEY: str = rpc._special_sig_key
_SECRET_SIG: str = rpc._special_secret_sig
_RESOURCE_SIG: str = rpc._special_resource_sig


def secret(value: Any) -> dict[str, Any]:
    """Wraps a value the way the engine marks a secret on the wire.

    Only ``Configure`` arguments carry secrets: the dynamic provider answers ``acceptSecrets=False``, so the
    engine strips secrets from every other request.

    Args:
        value: The plain value.

    Returns:
        The secret signature dict holding ``value``.
    """
    return {_SIG_KEY: _SECRET_SIG, "value": value}


def is_secret(value: Any) -> TypeGuard[dict[str, Any]]:
    """Tells whether a wire value is a secret signature dict.

    Args:
        value: Any wire value.

    Returns:
        True for a secret wrapper.
    """
    return isinstance(value, dict) and value.get(_SIG_KEY) == _SECRET_SIG


def to_struct(props: dict[str, Any]) -> struct_pb2.Struct:
    """Encodes a plain dict as a protobuf Struct, as the engine does (ints become floats).

    Args:
        props: The property map.

    Returns:
        The Struct.
    """
    message = struct_pb2.Struct()
    message.update(props)
    return message


def from_struct(message: struct_pb2.Struct) -> dict[str, Any]:
    """Decodes a protobuf Struct into a plain dict, keeping sentinels and signature dicts verbatim.

    Args:
        message: The Struct.

    Returns:
        The plain dict.
    """
    result: dict[str, Any] = json_format.MessageToDict(message)
    return result


def strip_for_provider(value: Any) -> Any:
    """Turns program-side wire values into what the engine sends a dynamic provider.

    The Python dynamic provider accepts neither secrets nor resource references, so the engine unwraps
    secrets to their plain value and replaces a resource reference with the resource's id (or its URN for a
    resource without one).

    Args:
        value: A wire value as registered by the program.

    Returns:
        The value with secrets and resource references removed, at any depth.
    """
    if isinstance(value, dict):
        sig = value.get(_SIG_KEY)
        if sig == _SECRET_SIG:
            return strip_for_provider(value.get("value"))
        if sig == _RESOURCE_SIG:
            return value.get("id") or value.get("urn")
        return {key: strip_for_provider(item) for key, item in value.items()}
    if isinstance(value, list):
        return [strip_for_provider(item) for item in value]
    return value


def decode_provider_blob(blob: str) -> bytes:
    """Decodes a ``__provider`` value into the raw pickle bytes the provider process unpickles.

    Tests use it to assert that no credential was captured in a blob.

    Args:
        blob: The base64 text stored under ``__provider`` (already unwrapped from any secret).

    Returns:
        The dill pickle.
    """
    return base64.b64decode(blob)
