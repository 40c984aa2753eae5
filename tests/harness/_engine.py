"""A small stand-in for the Pulumi engine: runs real programs under mocks, steps through the provider.

``MiniEngine.run`` installs ``pulumi.runtime.set_mocks`` with a monitor that sends every
``pulumi-python:dynamic/...`` registration through a :class:`DynamicProviderProcess`, replaying the
engine's step logic (Check, then Create, or Diff and same/update/replace), then deletes what the program no
longer declares. The program sees the ids and outputs the provider really returned.

By default steps run one at a time, in the order the SDK registers resources. ``MiniEngine(parallel=N)``
runs them as the engine does with ``--parallel N``: each registration's steps go to the provider as soon as
the SDK sends it (the SDK sends a resource once the outputs it depends on have resolved, from its executor's
threads), refresh reads up to N resources at once, and destroy deletes up to N at once, each only after
everything that depends on it is gone.

Left out on purpose: replacing dependents of a delete-before-replace resource, ``protect``,
``retain_on_delete``, aliases, and explicit provider resources.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import warnings
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from typing import Any

from pulumi import Output
from pulumi.runtime import settings as pulumi_settings
from pulumi.runtime.mocks import MockCallArgs, MockMonitor, MockResourceArgs, Mocks, set_mocks
from pulumi.runtime.proto import resource_pb2
from pulumi.runtime.stack import run_pulumi_func
from pulumi.runtime.sync_await import _sync_await

from tests.harness._process import DiffResponse, DynamicProviderProcess, ProviderError
from tests.harness._wire import (
    PROVIDER_KEY,
    UNKNOWN,
    from_struct,
    is_secret,
    secret,
    strip_for_provider,
    to_struct,
)

DYNAMIC_TYPE_PREFIX = "pulumi-python:dynamic"
_STACK_TYPE = "pulumi:pulumi:Stack"


class EngineError(Exception):
    """The engine refused or failed a step (other than a provider RPC error)."""


class CheckFailedError(EngineError):
    """``Check`` returned failures; the engine reports them and does not go on with the resource.

    Attributes:
        urn: The resource's URN.
        failures: ``(property, reason)`` pairs as the provider returned them.
    """

    def __init__(self, urn: str, failures: list[tuple[str, str]]) -> None:
        listed = "; ".join(f"{prop}: {reason}" for prop, reason in failures)
        super().__init__(f"{urn} failed validation: {listed}")
        self.urn = urn
        self.failures = failures


@dataclass(frozen=True)
class ResourceState:
    """What the engine keeps for a managed resource.

    Attributes:
        type_: The type token.
        name: The resource name.
        id_: The provider's id.
        inputs: The checked inputs (with ``__provider``).
        outputs: The outputs (with ``__provider``).
        dependencies: URNs of the resources it depends on, as the SDK registered them.
    """

    type_: str
    name: str
    id_: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    dependencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Step:
    """One step the engine took (or, in preview, would take).

    Attributes:
        op: ``"create"``, ``"same"``, ``"update"``, ``"replace"``, ``"delete"``, ``"read"`` or ``"refresh"``.
        urn: The resource's URN.
        type_: The type token.
        name: The resource name.
        id_: The id after the step (``""`` when unknown in preview or gone).
        diff: The provider's Diff answer that led to the step, if one was asked.
    """

    op: str
    urn: str
    type_: str
    name: str
    id_: str
    diff: DiffResponse | None = None


@dataclass
class RunResult:
    """The outcome of one ``MiniEngine.run``.

    Attributes:
        steps: Steps in the order they ran.
        outputs: Outputs the engine handed back to the program, by URN (preview: checked inputs).
        exports: Stack outputs; values not known yet are ``UNKNOWN``, secret ones wrapped with ``secret()``.
        errors: Errors the engine reported (``CheckFailedError``, ``ProviderError``, ``EngineError``).
    """

    steps: list[Step] = field(default_factory=list)
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)
    exports: dict[str, Any] = field(default_factory=dict)
    errors: list[Exception] = field(default_factory=list)


@dataclass(frozen=True)
class Registration:
    """A resource the program registered, as :func:`capture_registrations` saw it.

    Attributes:
        type_: The type token.
        name: The resource name.
        inputs: The registered inputs as wire dicts (numbers as floats, secrets still wrapped) except
            ``__provider``, which is unwrapped to its base64 text.
        opts_id: The id given with ``ResourceOptions(id=...)`` (a read of an existing resource), else None.
        custom: Whether it is a custom resource (False for components).
    """

    type_: str
    name: str
    inputs: dict[str, Any]
    opts_id: str | None
    custom: bool


class _PlainMocks(Mocks):
    """Required by ``set_mocks``; the monitors below answer registrations themselves."""

    def new_resource(self, args: MockResourceArgs) -> tuple[str | None, dict[Any, Any]]:
        raise EngineError(f"unexpected mock registration of {args.typ}")

    def call(self, args: MockCallArgs) -> tuple[dict[Any, Any], list[tuple[str, str]] | None]:
        raise EngineError(f"invoke {args.token} is not supported by the harness")


class _Monitor(MockMonitor):
    """Answers for everything that is not a dynamic resource, without touching the wire values.

    MockMonitor's own answers deserialize properties on the SDK's worker threads, which leaves an unclosed
    event loop per thread behind; echoing the Structs avoids that and keeps the wire form verbatim.
    """

    def __init__(self) -> None:
        super().__init__(_PlainMocks())

    def make_urn(self, parent: str, type_: str, name: str) -> str:
        # The engine leaves the root stack out of a child's type chain; MockMonitor puts it in.
        if parent and parent.split("::")[2].rsplit("$", maxsplit=1)[-1] == _STACK_TYPE:
            parent = ""
        urn: str = super().make_urn(parent, type_, name)
        return urn

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
        urn = self.make_urn(request.parent, request.type, request.name)
        if not request.custom:
            return resource_pb2.RegisterResourceResponse(urn=urn)
        return resource_pb2.RegisterResourceResponse(
            urn=urn, id=request.importId or f"{request.name}-id", object=request.object
        )

    def ReadResource(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
        urn = self.make_urn(request.parent, request.type, request.name)
        return resource_pb2.ReadResourceResponse(urn=urn, properties=request.properties)


def _reset_runtime() -> None:
    """Forgets the previous program's root stack and pending work, like ``pulumi.runtime.test`` does."""
    pulumi_settings.ROOT.set(None)
    pulumi_settings.SETTINGS.rpc_manager.clear()
    with pulumi_settings.SETTINGS.lock:
        pulumi_settings.SETTINGS.outputs.clear()


def _root_exports() -> dict[str, Any]:
    root = pulumi_settings.get_root_resource()
    outputs: dict[str, Any] = getattr(root, "outputs", {})
    return outputs


async def _resolve(value: Any) -> Any:
    output = Output.from_input(value)
    if not await output.is_known():
        return UNKNOWN
    value = await output.future(with_unknowns=True)
    # The engine shows secret stack outputs as secrets; keep that visible to tests.
    return secret(value) if await output.is_secret() else value


def _current_event_loop() -> asyncio.AbstractEventLoop | None:
    try:
        # Outside a running loop this returns the thread's loop, creating it as pulumi's helpers would.
        # Python 3.12 and later warn that such a loop is made implicitly (the tests turn warnings into
        # errors); making it is the point here, so that warning is not one.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "There is no current event loop", DeprecationWarning)
            return asyncio.get_event_loop()
    except RuntimeError:
        return None


def _run_program(
    program: Callable[[], object],
    *,
    monitor: MockMonitor,
    project: str,
    stack: str,
    preview: bool,
    engine_errors: list[Exception] | None = None,
) -> tuple[dict[str, Any], BaseException | None]:
    # A loop of our own, closed afterwards: the SDK would otherwise leave one open per run. The caller's
    # current loop (the one pulumi's own helpers would use) is put back, so code run later still finds one.
    previous_loop = _current_event_loop()
    loop = asyncio.new_event_loop()
    expected = engine_errors if engine_errors is not None else []

    def quiet_engine_errors(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        # The SDK rejects every output of a failed resource, and nobody awaits most of them; the engine
        # error is already in RunResult.errors, so "exception was never retrieved" is noise.
        exc = context.get("exception")
        if isinstance(exc, BaseException) and _caused_by(exc, expected):
            return
        loop.default_exception_handler(context)

    loop.set_exception_handler(quiet_engine_errors)
    asyncio.set_event_loop(loop)
    _reset_runtime()
    failure: BaseException | None = None
    exports: dict[str, Any] = {}
    try:
        set_mocks(_PlainMocks(), project=project, stack=stack, preview=preview, monitor=monitor)
        _sync_await(run_pulumi_func(lambda: _discard(program())))
        exports = {key: _sync_await(_resolve(value)) for key, value in _root_exports().items()}
    except Exception as exc:  # the caller decides whether the engine caused it
        failure = exc
    finally:
        # Leave no stack behind for the next set_mocks in this process.
        pulumi_settings.ROOT.set(None)
        if failure is not None:
            _settle(loop)
        loop.run_until_complete(loop.shutdown_default_executor())
        if failure is not None:
            _settle(loop)
        loop.close()
        asyncio.set_event_loop(previous_loop)
    return exports, failure


def _settle(loop: asyncio.AbstractEventLoop) -> None:
    """Cancels what a failed program left pending and lets it wind down, as ``asyncio.run`` does.

    When a step fails, the SDK abandons the program while other registrations are still waiting (in
    parallel mode, still running); closing the loop under them would leave coroutines never awaited.
    """
    for _ in range(10):  # finishing work can schedule more; a few rounds settle it
        pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
        if not pending:
            return
        for task in pending:
            task.cancel()
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))


def _caused_by(exc: BaseException, candidates: list[Exception]) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if any(current is candidate for candidate in candidates):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


class _EngineMonitor(_Monitor):
    def __init__(self, engine: MiniEngine, preview: bool, result: RunResult) -> None:
        super().__init__()
        self._engine = engine
        self._preview = preview
        self._result = result
        self.registered: set[str] = set()

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
        if not (request.custom and request.type.startswith(DYNAMIC_TYPE_PREFIX)):
            return super().RegisterResource(request)
        urn = self.make_urn(request.parent, request.type, request.name)
        raw = from_struct(request.object)
        try:
            id_, outputs = self._engine._register(
                urn, request, strip_for_provider(raw), self._preview, self._result
            )
        except (EngineError, ProviderError) as exc:
            self._result.errors.append(exc)
            raise
        self.registered.add(urn)
        self._result.outputs[urn] = outputs
        annotated = _annotate_secrets(outputs, raw, list(request.additionalSecretOutputs))
        return resource_pb2.RegisterResourceResponse(urn=urn, id=id_, object=to_struct(annotated))

    def ReadResource(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
        if not request.type.startswith(DYNAMIC_TYPE_PREFIX):
            return super().ReadResource(request)
        urn = self.make_urn(request.parent, request.type, request.name)
        raw = from_struct(request.properties)
        props = strip_for_provider(raw)
        try:
            with self._engine._lock:
                id_, outputs, _ = self._engine.provider.read_raw(
                    request.type, request.name, request.id, props, props
                )
                if not id_:
                    raise EngineError(f"resource '{request.id}' does not exist (reading {urn})")
                self._result.steps.append(Step("read", urn, request.type, request.name, id_))
        except (EngineError, ProviderError) as exc:
            self._result.errors.append(exc)
            raise
        self._result.outputs[urn] = outputs
        annotated = _annotate_secrets(outputs, raw, list(request.additionalSecretOutputs))
        return resource_pb2.ReadResourceResponse(urn=urn, properties=to_struct(annotated))


def _annotate_secrets(
    outputs: dict[str, Any], raw_inputs: dict[str, Any], extra: list[str]
) -> dict[str, Any]:
    """Marks outputs secret as the engine does: same-named secret inputs, plus additional_secret_outputs."""
    secret_keys = {key for key, value in raw_inputs.items() if is_secret(value)} | set(extra)
    return {
        key: secret(value) if key in secret_keys and not is_secret(value) else value
        for key, value in outputs.items()
    }


class MiniEngine:
    """The engine's step logic over one provider process, with its own state.

    Attributes:
        provider: The provider process every dynamic resource goes to (configure it first).
        state: Managed resources by URN, in creation order.
    """

    def __init__(
        self,
        provider: DynamicProviderProcess,
        *,
        stack: str = "dev",
        project: str = "acme",
        parallel: int = 1,
    ) -> None:
        """Creates an engine with empty state.

        Args:
            provider: A configured provider process.
            stack: The stack name for URNs and ``pulumi.get_stack()``.
            project: The project name for URNs and ``pulumi.get_project()``.
            parallel: How many steps may run at once (the engine's ``--parallel``); 1 runs them in turn.
        """
        if parallel < 1:
            raise ValueError("parallel must be at least 1")
        self.provider = provider
        self.stack = stack
        self.project = project
        self.parallel = parallel
        self.state: dict[str, ResourceState] = {}
        # The SDK registers resources from several threads. In turn: one step at a time. In parallel, each
        # registration touches only its own URN's state (a dict item, atomic under the GIL), so no lock.
        self._lock: contextlib.AbstractContextManager[Any] = (
            threading.RLock() if parallel == 1 else contextlib.nullcontext()
        )

    def run(self, program: Callable[[], object], preview: bool = False) -> RunResult:
        """Runs a program like ``pulumi up`` (or ``pulumi preview``).

        Args:
            program: A function that declares resources and may call ``pulumi.export``.
            preview: Whether to preview: Check and Diff only, no Create/Update/Delete, state untouched.

        Returns:
            The steps, outputs, exports and errors. Engine and provider errors are collected in
            ``errors``, not raised; when there are any, no resources are deleted.

        Raises:
            Exception: Whatever the program raised that the engine did not cause.
        """
        result = RunResult()
        monitor = _EngineMonitor(self, preview, result)
        exports, failure = _run_program(
            program,
            monitor=monitor,
            project=self.project,
            stack=self.stack,
            preview=preview,
            engine_errors=result.errors,
        )
        if failure is not None and not _caused_by(failure, result.errors):
            raise failure
        result.exports = exports
        if not result.errors:
            self._delete_unregistered(monitor.registered, preview, result)
        return result

    def _delete_unregistered(self, registered: set[str], preview: bool, result: RunResult) -> None:
        for urn in reversed(list(self.state)):
            if urn in registered:
                continue
            old = self.state[urn]
            if not preview:
                try:
                    self.provider.delete(old.type_, old.name, old.id_, old.outputs, old.inputs)
                except ProviderError as exc:
                    result.errors.append(exc)
                    return
                del self.state[urn]
            result.steps.append(Step("delete", urn, old.type_, old.name, old.id_))

    def _register(
        self, urn: str, request: Any, news: dict[str, Any], preview: bool, result: RunResult
    ) -> tuple[str, dict[str, Any]]:
        type_, name = request.type, request.name
        dependencies = tuple(request.dependencies)
        with self._lock:
            old = self.state.get(urn)
            if old is not None:
                # ignore_changes: the engine keeps the old value of an ignored (top-level) input.
                for key in request.ignoreChanges:
                    if key in old.inputs:
                        news[key] = old.inputs[key]
                    else:
                        news.pop(key, None)
            inputs, failures = self.provider.check(type_, name, old.inputs if old else {}, news)
            if failures:
                raise CheckFailedError(urn, failures)

            if old is None:
                if preview:
                    result.steps.append(Step("create", urn, type_, name, ""))
                    return "", inputs
                id_, outputs = self.provider.create(type_, name, inputs)
                if not id_:
                    raise EngineError(f"provider returned an empty id for {urn}")
                self.state[urn] = ResourceState(type_, name, id_, inputs, outputs, dependencies)
                result.steps.append(Step("create", urn, type_, name, id_))
                return id_, outputs

            diff = self.provider.diff(type_, name, old.id_, old.outputs, inputs, old.inputs)
            # DIFF_UNKNOWN: the engine compares all inputs itself, __provider included.
            changed = diff.changes == "DIFF_SOME" or (diff.changes == "DIFF_UNKNOWN" and inputs != old.inputs)
            replaces = list(diff.replaces)
            replace_on_changes = list(request.replaceOnChanges)
            if changed and replace_on_changes:
                differing = {key for key in {*inputs, *old.inputs} if inputs.get(key) != old.inputs.get(key)}
                replaces += sorted(
                    differing if "*" in replace_on_changes else differing & {*replace_on_changes}
                )

            if not changed:
                # A "same" step records the new inputs but keeps the old outputs, old __provider included.
                self.state[urn] = replace(old, inputs=inputs, dependencies=dependencies)
                result.steps.append(Step("same", urn, type_, name, old.id_, diff))
                return old.id_, old.outputs

            if replaces:
                if preview:
                    result.steps.append(Step("replace", urn, type_, name, "", diff))
                    return "", inputs
                if diff.delete_before_replace or request.deleteBeforeReplace:
                    self.provider.delete(type_, name, old.id_, old.outputs, old.inputs)
                    del self.state[urn]
                    id_, outputs = self.provider.create(type_, name, inputs)
                else:
                    id_, outputs = self.provider.create(type_, name, inputs)
                    self.provider.delete(type_, name, old.id_, old.outputs, old.inputs)
                    del self.state[urn]
                # The replacement is the newest resource, so it goes last in deletion order.
                self.state[urn] = ResourceState(type_, name, id_, inputs, outputs, dependencies)
                result.steps.append(Step("replace", urn, type_, name, id_, diff))
                return id_, outputs

            if preview:
                result.steps.append(Step("update", urn, type_, name, old.id_, diff))
                return old.id_, inputs
            outputs = self.provider.update(type_, name, old.id_, old.outputs, inputs, old.inputs)
            self.state[urn] = replace(old, inputs=inputs, outputs=outputs, dependencies=dependencies)
            result.steps.append(Step("update", urn, type_, name, old.id_, diff))
            return old.id_, outputs

    def refresh(self) -> list[Step]:
        """Reads every managed resource back, like ``pulumi refresh`` (up to ``parallel`` at once).

        A resource whose read returns an empty id is dropped (op ``"delete"``). Otherwise the returned outputs
        (and inputs, if the provider returned any) are stored, and the step carries the provider's Diff of the
        refreshed outputs against the previously stored inputs, which is how drift shows.

        Returns:
            One step per resource, in state order.
        """
        with self._lock:
            urns = list(self.state)
            if self.parallel == 1:
                return [self._refresh_one(urn) for urn in urns]
            with ThreadPoolExecutor(self.parallel, thread_name_prefix="refresh") as pool:
                return list(pool.map(self._refresh_one, urns))

    def _refresh_one(self, urn: str) -> Step:
        old = self.state[urn]
        id_, outputs, inputs = self.provider.read_raw(old.type_, old.name, old.id_, old.outputs, old.inputs)
        if not id_:
            del self.state[urn]
            return Step("delete", urn, old.type_, old.name, old.id_)
        new_inputs = inputs if inputs is not None else old.inputs
        diff = self.provider.diff(old.type_, old.name, id_, outputs, old.inputs, new_inputs)
        self.state[urn] = replace(old, id_=id_, inputs=new_inputs, outputs=outputs)
        return Step("refresh", urn, old.type_, old.name, id_, diff)

    def destroy(self) -> list[Step]:
        """Deletes every managed resource, like ``pulumi destroy``.

        In turn: newest first. In parallel: up to ``parallel`` at once, each after every resource that
        depends on it is gone.

        Returns:
            One ``"delete"`` step per resource, in the order the deletes finished.

        Raises:
            ProviderError: A delete failed; that resource (and, in turn, older ones) stay in the state.
        """
        with self._lock:
            if self.parallel == 1:
                return [self._delete_one(urn) for urn in reversed(list(self.state))]
            return self._destroy_in_parallel()

    def _delete_one(self, urn: str) -> Step:
        old = self.state[urn]
        self.provider.delete(old.type_, old.name, old.id_, old.outputs, old.inputs)
        del self.state[urn]
        return Step("delete", urn, old.type_, old.name, old.id_)

    def _destroy_in_parallel(self) -> list[Step]:
        waiting = set(self.state)
        # What each resource waits for: the resources that depend on it must go first.
        blockers = {
            urn: {other for other in waiting if urn in self.state[other].dependencies} for urn in waiting
        }
        steps: list[Step] = []
        failures: list[BaseException] = []
        running: dict[Future[Step], str] = {}
        with ThreadPoolExecutor(self.parallel, thread_name_prefix="destroy") as pool:
            while (waiting and not failures) or running:
                if not failures:
                    left = waiting | set(running.values())
                    for urn in sorted(urn for urn in waiting if not blockers[urn] & left):
                        waiting.discard(urn)
                        running[pool.submit(self._delete_one, urn)] = urn
                if not running:
                    raise EngineError(f"dependency cycle among {sorted(waiting)}")
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    del running[future]
                    error = future.exception()
                    if error is None:
                        steps.append(future.result())
                    else:
                        failures.append(error)
        if failures:
            raise failures[0]
        return steps


class _RecordingMonitor(_Monitor):
    def __init__(self) -> None:
        super().__init__()
        self.registrations: list[Registration] = []

    def _record(self, request: Any, inputs: dict[str, Any], opts_id: str | None, custom: bool) -> None:
        provider_blob = inputs.get(PROVIDER_KEY)
        if is_secret(provider_blob):
            inputs[PROVIDER_KEY] = provider_blob["value"]
        self.registrations.append(Registration(request.type, request.name, inputs, opts_id, custom))

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
        if request.type != _STACK_TYPE:
            self._record(request, from_struct(request.object), None, bool(request.custom))
        return super().RegisterResource(request)

    def ReadResource(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
        self._record(request, from_struct(request.properties), request.id, True)
        return super().ReadResource(request)


def capture_registrations(
    program: Callable[[], object], *, project: str = "acme", stack: str = "dev", preview: bool = False
) -> list[Registration]:
    """Runs a program under plain mocks (no provider) and returns what it registered.

    Custom resources get the id ``"<name>-id"`` and their inputs as outputs.

    Args:
        program: A function that declares resources.
        project: The project name.
        stack: The stack name.
        preview: Whether to run as a preview.

    Returns:
        The registrations in the order the SDK sent them.

    Raises:
        Exception: Whatever the program raised.
    """
    monitor = _RecordingMonitor()
    _, failure = _run_program(program, monitor=monitor, project=project, stack=stack, preview=preview)
    if failure is not None:
        raise failure
    return monitor.registrations


def _discard(value: object) -> None:
    """Programs may return what they build (a lambda's last resource); the SDK wants None."""
    del value
