"""Drives Pulumi Python dynamic providers the way the Pulumi engine does, without the Pulumi CLI.

Two levels:

* :class:`DynamicProviderProcess` starts the real provider server (``python -m pulumi.dynamic``) and sends
  it raw RPCs (Configure, Check, Diff, Create, Read, Update, Delete) with dict inputs and outputs.
* :class:`MiniEngine` runs a real Pulumi program under ``pulumi.runtime.set_mocks`` and routes each dynamic
  resource through that process with the engine's step logic; ``refresh`` and ``destroy`` follow.

:func:`capture_registrations` runs a program with no provider at all and reports what it registered.
"""

from tests.harness._engine import (
    CheckFailedError,
    EngineError,
    MiniEngine,
    Registration,
    ResourceState,
    RunResult,
    Step,
    capture_registrations,
)
from tests.harness._process import DiffResponse, DynamicProviderProcess, ProviderError
from tests.harness._wire import UNKNOWN, decode_provider_blob, is_secret, secret

__all__ = [
    "UNKNOWN",
    "CheckFailedError",
    "DiffResponse",
    "DynamicProviderProcess",
    "EngineError",
    "MiniEngine",
    "ProviderError",
    "Registration",
    "ResourceState",
    "RunResult",
    "Step",
    "capture_registrations",
    "decode_provider_blob",
    "is_secret",
    "secret",
]
