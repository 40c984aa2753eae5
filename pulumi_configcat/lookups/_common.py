"""What every lookup shares: the client for the stack's credentials, name filters, the Output form."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

import pulumi

from pulumi_configcat._client import ConfigCatClient, get_client
from pulumi_configcat._settings import CONFIG_KEYS, resolve_settings

__all__ = ["client", "lift", "matcher"]

_T = TypeVar("_T")


# ------------------------------------------------------------------------------------------------- plumbing


def client() -> ConfigCatClient:
    """The shared client for the stack's ``configcat:*`` configuration, then the environment."""
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


def lift(
    lookup: Callable[..., _T],
    *,
    secret: bool = False,
    opts: pulumi.InvokeOptions | None = None,
    **inputs: Any,
) -> pulumi.Output[_T]:
    """``lookup`` run once every input is known, as an Output (a secret one when ``secret``)."""
    del opts  # accepted for pulumiverse_configcat compatibility; nothing is invoked through the engine
    result: pulumi.Output[_T] = pulumi.Output.all(**inputs).apply(lambda known: lookup(**known))
    return pulumi.Output.secret(result) if secret else result
