"""``flag_evaluator``: the official Python SDK, pointed at the emulator, for unit-testing targeting.

``configcat-client`` is an optional dependency (the ``sdk`` extra); it is imported only when an
evaluator is created, so the emulator itself never needs it.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from configcatclient.configcatclient import ConfigCatClient

    from ._server import ConfigCatEmulator


def _import(name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ImportError(
            "flag_evaluator needs the official ConfigCat SDK: pip install 'pulumi-configcat[sdk]' "
            "(or pip install configcat-client)"
        ) from exc


@contextlib.contextmanager
def flag_evaluator(
    emulator: ConfigCatEmulator,
    config_id: str,
    environment_id: str,
    *,
    default_user: Any = None,
) -> Iterator[ConfigCatClient]:
    """Open a ``configcat-client`` that evaluates one config in one environment of the emulator.

    The client fetches the config file the emulator renders from its current state, in manual-poll
    mode: it has fetched once when the block starts; call ``force_refresh()`` after changing flags.
    It is closed when the block ends.

    Args:
        emulator: A running emulator.
        config_id: The config's id.
        environment_id: The environment's id.
        default_user: A ``configcatclient.user.User`` used when an evaluation passes none.

    Yields:
        The ``ConfigCatClient``.

    Raises:
        ImportError: ``configcat-client`` is not installed.
        LookupError: The emulator has no such config or environment (or they are in different products).
        RuntimeError: The client could not fetch the config file, or a client for the same SDK key
            is already open (the SDK keeps one client per key).

    Example:
        >>> from configcatclient.user import User
        >>> with flag_evaluator(emu, config_id, prod_id) as flags:  # doctest: +SKIP
        ...     assert flags.get_value("newCheckout", False, User("beta@acme.com")) is True
    """
    configcatclient = _import("configcatclient")
    options_module = _import("configcatclient.configcatoptions")
    status, keys = emulator.call("GET", f"/v1/configs/{config_id}/environments/{environment_id}")
    if status != 200:
        raise LookupError(
            f"the emulator has no config {config_id!r} in environment {environment_id!r} (HTTP {status})"
        )
    errors: list[str] = []
    hooks = options_module.Hooks(on_error=errors.append)
    options = configcatclient.ConfigCatOptions(
        base_url=emulator.base_url,
        polling_mode=configcatclient.PollingMode.manual_poll(),
        default_user=default_user,
        hooks=hooks,
    )
    client = configcatclient.get(keys["primary"], options)
    if client.get_hooks() is not hooks:
        # The SDK returned the client already open for this key and ignored our options.
        raise RuntimeError(
            "a configcat-client for this config and environment is already open; close it first"
        )
    try:
        # force_refresh() reports success even when the fetch failed (10.0.1), so watch on_error.
        client.force_refresh()
        if errors:
            raise RuntimeError(f"configcat-client could not fetch the config file: {errors[0]}")
        yield client
    finally:
        client.close()
