"""A real ``python -m pulumi.dynamic`` server in a subprocess, driven over gRPC like the engine drives it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import grpc
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

from tests.harness._wire import from_struct, strip_for_provider, to_struct

# tests/harness/_process.py -> the repository root, so by-reference provider blobs can be unpickled there.
REPO_ROOT = Path(__file__).resolve().parents[2]

# Every RPC gets a deadline so a hung provider fails the test instead of hanging the suite.
RPC_TIMEOUT_SECONDS = 60.0
STARTUP_TIMEOUT_SECONDS = 30.0
SHUTDOWN_TIMEOUT_SECONDS = 10.0

_T = TypeVar("_T")


def _kill(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait(SHUTDOWN_TIMEOUT_SECONDS)


class ProviderError(Exception):
    """An RPC to the provider process failed.

    Attributes:
        method: The RPC name, e.g. ``"Create"``.
        code: The gRPC status code (``grpc.StatusCode.UNKNOWN`` for any exception raised by provider code).
        details: The status details; for provider exceptions, the full Python traceback text.
    """

    def __init__(self, method: str, code: grpc.StatusCode, details: str) -> None:
        super().__init__(f"{method} failed with {code.name}: {details}")
        self.method = method
        self.code = code
        self.details = details


@dataclass(frozen=True)
class DiffResponse:
    """The provider's answer to ``Diff``, with the enum spelled as on the wire.

    Attributes:
        changes: ``"DIFF_UNKNOWN"``, ``"DIFF_NONE"`` or ``"DIFF_SOME"``.
        replaces: Properties whose change forces a replacement.
        delete_before_replace: Whether the old resource must go before its replacement is created.
        diffs: Changed properties, if the provider listed them (the Python server never does).
    """

    changes: str
    replaces: list[str] = field(default_factory=list)
    delete_before_replace: bool = False
    diffs: list[str] = field(default_factory=list)


class DynamicProviderProcess:
    """The dynamic-provider plugin, started the way the engine starts ``pulumi-resource-pulumi-python``.

    The server process is ``sys.executable -u -m pulumi.dynamic``; it prints its port as the first stdout
    line. Its stderr (provider prints, tracebacks) is drained into :attr:`log`. Use it as a context manager
    or call :meth:`close`. Call :meth:`configure` once before any other RPC, as the engine does: the server
    binds config to a provider instance on its first use and never again.

    Attributes:
        log: Lines the process wrote to stderr so far.
    """

    def __init__(
        self,
        project: str = "acme",
        *,
        env: Mapping[str, str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
    ) -> None:
        """Starts the server and connects to it.

        Args:
            project: The project name, passed as ``PULUMI_PROJECT`` (used for un-namespaced config keys).
            env: Extra environment variables for the process, on top of the current environment.
            cwd: Working directory of the process (the engine uses the program directory).

        Raises:
            RuntimeError: The server exited or did not report a port.
        """
        self.project = project
        self.log: list[str] = []
        self._configured = False
        # The repo root first, then everything this interpreter can import, so by-reference blobs resolve.
        python_path = os.pathsep.join([str(REPO_ROOT), *(entry for entry in sys.path if entry)])
        self._proc = subprocess.Popen(
            # The engine passes its own address; the server ignores it, but keep the argv shape.
            [sys.executable, "-u", "-m", "pulumi.dynamic", "127.0.0.1:0"],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": python_path, "PULUMI_PROJECT": project, **(env or {})},
        )
        # The server never exits on its own; make sure a forgotten close() cannot outlive the test run.
        weakref.finalize(self, _kill, self._proc)
        # A full stderr pipe would block the server, so drain it from the start.
        self._stderr_thread = threading.Thread(target=self._drain_stderr, daemon=True)
        self._stderr_thread.start()
        port = self._read_port()
        self._channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        try:
            grpc.channel_ready_future(self._channel).result(timeout=STARTUP_TIMEOUT_SECONDS)
        except grpc.FutureTimeoutError:
            self.close()
            raise RuntimeError(f"provider server on port {port} did not accept connections") from None
        self._stub = provider_pb2_grpc.ResourceProviderStub(self._channel)

    def _drain_stderr(self) -> None:
        assert self._proc.stderr is not None
        for raw in self._proc.stderr:
            self.log.append(raw.decode(errors="replace"))

    def _read_port(self) -> int:
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        if not line.strip():
            self._proc.wait(SHUTDOWN_TIMEOUT_SECONDS)
            self._stderr_thread.join(SHUTDOWN_TIMEOUT_SECONDS)
            self._close_pipes()
            raise RuntimeError("provider server did not start:\n" + "".join(self.log))
        return int(line)

    def _close_pipes(self) -> None:
        for pipe in (self._proc.stdout, self._proc.stderr):
            if pipe is not None:
                pipe.close()

    def close(self) -> None:
        """Stops the server process and releases the channel. Safe to call twice."""
        if self._proc.returncode is not None:
            return
        channel = getattr(self, "_channel", None)
        if channel is not None:
            channel.close()
        self._proc.terminate()
        self._proc.wait(SHUTDOWN_TIMEOUT_SECONDS)
        self._stderr_thread.join(SHUTDOWN_TIMEOUT_SECONDS)
        self._close_pipes()

    def __enter__(self) -> DynamicProviderProcess:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _call(self, method: str, rpc: Callable[..., _T], request: Any) -> _T:
        if method != "Configure" and not self._configured:
            raise RuntimeError(
                f"{method} before Configure: the engine always configures the provider first, and the "
                "server binds config to a provider on its first use"
            )
        try:
            return rpc(request, timeout=RPC_TIMEOUT_SECONDS)
        except grpc.RpcError as exc:
            raise ProviderError(method, exc.code(), exc.details() or "") from exc

    def _urn(self, type_: str, name: str) -> str:
        # The Python server ignores urn, name and type, but the engine always fills them.
        return f"urn:pulumi:dev::{self.project}::{type_}::{name}"

    def configure(self, config: Mapping[str, Any]) -> None:
        """Sends ``Configure`` with the whole stack config, as the engine does for ``pulumi-python``.

        Args:
            config: Namespaced keys to string values; wrap secure values with :func:`secret`.

        Raises:
            RuntimeError: Configure was already sent to this process (the engine sends it once).
            ProviderError: The RPC failed.
        """
        if self._configured:
            raise RuntimeError("Configure was already sent; start a new process for other config")
        request = provider_pb2.ConfigureRequest(
            args=to_struct(dict(config)),
            acceptSecrets=True,
            acceptResources=True,
            type="pulumi:providers:pulumi-python",
            name="default",
            urn=f"urn:pulumi:dev::{self.project}::pulumi:providers:pulumi-python::default",
        )
        self._call("Configure", self._stub.Configure, request)
        self._configured = True

    def check(
        self, type_: str, name: str, olds: dict[str, Any], news: dict[str, Any]
    ) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        """Sends ``Check``.

        Args:
            type_: The resource type token.
            name: The resource name.
            olds: The old inputs (``{}`` on create).
            news: The program's inputs including ``__provider``.

        Returns:
            The checked inputs and the failures as ``(property, reason)`` pairs.
        """
        request = provider_pb2.CheckRequest(
            olds=_to_provider(olds),
            news=_to_provider(news),
            urn=self._urn(type_, name),
            name=name,
            type=type_,
        )
        response = self._call("Check", self._stub.Check, request)
        failures = [(failure.property, failure.reason) for failure in response.failures]
        return from_struct(response.inputs), failures

    def diff(  # noqa: PLR0917 - positional, in the order of the engine's request fields
        self,
        type_: str,
        name: str,
        id_: str,
        olds: dict[str, Any],
        news: dict[str, Any],
        old_inputs: dict[str, Any],
    ) -> DiffResponse:
        """Sends ``Diff``.

        Args:
            type_: The resource type token.
            name: The resource name.
            id_: The resource id.
            olds: The old OUTPUTS (the state).
            news: The new checked inputs.
            old_inputs: The old inputs.

        Returns:
            The decoded diff.
        """
        request = provider_pb2.DiffRequest(
            id=id_,
            olds=_to_provider(olds),
            news=_to_provider(news),
            old_inputs=_to_provider(old_inputs),
            urn=self._urn(type_, name),
            name=name,
            type=type_,
        )
        response = self._call("Diff", self._stub.Diff, request)
        return DiffResponse(
            changes=provider_pb2.DiffResponse.DiffChanges.Name(response.changes),
            replaces=list(response.replaces),
            delete_before_replace=response.deleteBeforeReplace,
            diffs=list(response.diffs),
        )

    def create(self, type_: str, name: str, props: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """Sends ``Create`` (never with ``preview``: the dynamic provider does not support it).

        Args:
            type_: The resource type token.
            name: The resource name.
            props: The checked inputs.

        Returns:
            The new id and the outputs.
        """
        request = provider_pb2.CreateRequest(
            properties=_to_provider(props), urn=self._urn(type_, name), name=name, type=type_
        )
        response = self._call("Create", self._stub.Create, request)
        return response.id, from_struct(response.properties)

    def read_raw(
        self, type_: str, name: str, id_: str, props: dict[str, Any], inputs: dict[str, Any]
    ) -> tuple[str, dict[str, Any], dict[str, Any] | None]:
        """Sends ``Read`` and tells apart "no inputs returned" from empty inputs.

        Args:
            type_: The resource type token.
            name: The resource name.
            id_: The resource id.
            props: The stored outputs (refresh) or the program's inputs (``get``).
            inputs: The stored inputs.

        Returns:
            The id (``""`` if the resource is gone), the outputs, and the inputs or None if not returned.
        """
        request = provider_pb2.ReadRequest(
            id=id_,
            properties=_to_provider(props),
            inputs=_to_provider(inputs),
            urn=self._urn(type_, name),
            name=name,
            type=type_,
        )
        response = self._call("Read", self._stub.Read, request)
        returned_inputs = from_struct(response.inputs) if response.HasField("inputs") else None
        return response.id, from_struct(response.properties), returned_inputs

    def read(
        self, type_: str, name: str, id_: str, props: dict[str, Any], inputs: dict[str, Any]
    ) -> tuple[str, dict[str, Any], dict[str, Any]]:
        """Sends ``Read``.

        Args:
            type_: The resource type token.
            name: The resource name.
            id_: The resource id.
            props: The stored outputs (refresh) or the program's inputs (``get``).
            inputs: The stored inputs.

        Returns:
            The id (``""`` if the resource is gone), the outputs, and the returned inputs (``{}`` if the
            provider returned none).
        """
        new_id, outputs, returned_inputs = self.read_raw(type_, name, id_, props, inputs)
        return new_id, outputs, returned_inputs or {}

    def update(  # noqa: PLR0917 - positional, in the order of the engine's request fields
        self,
        type_: str,
        name: str,
        id_: str,
        olds: dict[str, Any],
        news: dict[str, Any],
        old_inputs: dict[str, Any],
    ) -> dict[str, Any]:
        """Sends ``Update``.

        Args:
            type_: The resource type token.
            name: The resource name.
            id_: The resource id.
            olds: The old OUTPUTS.
            news: The new checked inputs.
            old_inputs: The old inputs.

        Returns:
            The new outputs.
        """
        request = provider_pb2.UpdateRequest(
            id=id_,
            olds=_to_provider(olds),
            news=_to_provider(news),
            old_inputs=_to_provider(old_inputs),
            urn=self._urn(type_, name),
            name=name,
            type=type_,
        )
        response = self._call("Update", self._stub.Update, request)
        return from_struct(response.properties)

    def delete(
        self, type_: str, name: str, id_: str, props: dict[str, Any], old_inputs: dict[str, Any]
    ) -> None:
        """Sends ``Delete``.

        Args:
            type_: The resource type token.
            name: The resource name.
            id_: The resource id.
            props: The stored OUTPUTS (whose ``__provider`` the server unpickles).
            old_inputs: The stored inputs.
        """
        request = provider_pb2.DeleteRequest(
            id=id_,
            properties=_to_provider(props),
            old_inputs=_to_provider(old_inputs),
            urn=self._urn(type_, name),
            name=name,
            type=type_,
        )
        self._call("Delete", self._stub.Delete, request)


def _to_provider(values: dict[str, Any]) -> Any:
    """What the engine sends a dynamic provider (``acceptSecrets=False``): secrets unwrapped, at any depth."""
    return to_struct(strip_for_provider(values))
