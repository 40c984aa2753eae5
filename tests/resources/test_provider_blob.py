"""The serialized provider (``__provider``) of each resource: small, plain, by reference, credential-free.

The blob is pickled into each resource's inputs and outputs, stored in the state in plain text (the
providers set ``serialize_as_secret_always = False``), and unpickled by the provider process for every RPC.
So it must name the provider class and hold nothing else: no credentials, no client, nothing that changes
between runs. Building it must also survive thousands of resources (pulumi's serializer leaks a pickle
patch per call; the resource classes undo it).
"""

from __future__ import annotations

import base64
import functools
import json
import os
import pickle
import pickletools
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import dill
import pulumi
import pulumi.dynamic
import pytest
from pulumi.dynamic.dynamic import serialize_provider

import pulumi_configcat as configcat
from pulumi_configcat._client import get_client, reset_clients
from pulumi_configcat._settings import ClientSettings
from pulumi_configcat.resources._base import ConfigCatProvider
from pulumi_configcat.resources._resource import ConfigCatResource, _pickles_own
from pulumi_configcat.resources.tags import TagProvider
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import (
    DynamicProviderProcess,
    MiniEngine,
    ProviderError,
    capture_registrations,
    decode_provider_blob,
)
from tests.harness._engine import _Monitor, _run_program
from tests.harness._process import REPO_ROOT
from tests.harness._wire import from_struct, is_secret

GUID = "08d86d63-2726-47cd-8bfc-59608ecb91e2"
OTHER_GUID = "08d86d63-2731-4b8b-823a-56ddda9da038"
MISSING_GUID = "08d86d63-0000-4000-8000-000000000000"
# The blobs measured were 92 to 124 base64 characters; a provider pickled by value, or one that drags in
# a session or a client, is over 1,000.
MAX_BLOB_CHARS = 400

# Every resource class with the fewest inputs it can be declared with.
REQUIRED: dict[type[ConfigCatResource], dict[str, Any]] = {
    configcat.Product: {"organization_id": GUID},
    configcat.Config: {"product_id": GUID},
    configcat.Environment: {"product_id": GUID},
    configcat.Tag: {"product_id": GUID},
    configcat.Segment: {
        "product_id": GUID,
        "comparison_attribute": "Email",
        "comparator": "contains",
        "comparison_value": "@example.com",
    },
    configcat.PermissionGroup: {"product_id": GUID},
    configcat.ProductPreferences: {"product_id": GUID},
}
CLASSES = list(REQUIRED)


def ids(cls: type[Any]) -> str:
    return cls.__name__


def pickle_patch_is_original() -> bool:
    """Whether ``pickle._Pickler`` has its own methods back, not pulumi's sorting wrappers."""
    pickler: Any = pickle._Pickler
    # pulumi's wrappers are closures of serialize_provider; the originals are pickle's own functions.
    return all(
        (method.__module__, method.__qualname__) == ("pickle", f"_Pickler.{name}")
        for name, method in [("save_dict", pickler.save_dict), ("_batch_setitems", pickler._batch_setitems)]
    )


@contextmanager
def pickler_put_back() -> Iterator[None]:
    """Undoes what calling pulumi's ``serialize_provider`` directly leaves behind, for the tests after."""
    pickler: Any = pickle._Pickler
    saved = (pickler._batch_setitems, pickler.save_dict)
    try:
        yield
    finally:
        pickler._batch_setitems, pickler.save_dict = saved


def blobs_of(cls: type[ConfigCatResource], *inputs: dict[str, Any], preview: bool = False) -> list[str]:
    def program() -> None:
        for index, extra in enumerate(inputs):
            cls(f"res{index}", **{**REQUIRED[cls], **extra})

    return [reg.inputs["__provider"] for reg in capture_registrations(program, preview=preview)]


def strings_in(raw: bytes) -> list[str]:
    return [arg for _, arg, _ in pickletools.genops(raw) if isinstance(arg, str)]


@pytest.mark.parametrize("cls", CLASSES, ids=ids)
def test_blob_is_small_and_the_same_for_every_resource_of_a_class(cls: type[ConfigCatResource]) -> None:
    # Differently configured resources, too: the inputs are not part of the provider.
    blobs = blobs_of(cls, {}, {key: OTHER_GUID for key in REQUIRED[cls] if key.endswith("_id")})
    assert all(isinstance(blob, str) for blob in blobs)
    assert len(set(blobs)) == 1
    assert len(blobs[0]) < MAX_BLOB_CHARS


@pytest.mark.parametrize("cls", CLASSES, ids=ids)
def test_blob_is_the_same_in_preview(cls: type[ConfigCatResource]) -> None:
    """A blob that differed between preview and up would show as ``~__provider`` on every run."""
    assert blobs_of(cls, {}, preview=True) == blobs_of(cls, {})


@pytest.mark.parametrize("cls", CLASSES, ids=ids)
def test_blob_names_the_provider_class_by_module_path_and_nothing_else(cls: type[ConfigCatResource]) -> None:
    (blob,) = blobs_of(cls, {})
    raw = decode_provider_blob(blob)
    provider_class = cls._provider_class
    assert provider_class.__module__.startswith("pulumi_configcat.resources.")
    # By reference: the module path and the class name, then STACK_GLOBAL; no code, no instance data.
    assert strings_in(raw) == [provider_class.__module__, provider_class.__qualname__]
    assert "STACK_GLOBAL" in [op.name for op, _, _ in pickletools.genops(raw)]


@pytest.mark.parametrize("cls", CLASSES, ids=ids)
def test_blob_unpickles_to_the_provider(cls: type[ConfigCatResource]) -> None:
    (blob,) = blobs_of(cls, {})
    # Our own blob, made a moment ago in this process.
    provider = dill.loads(decode_provider_blob(blob))  # noqa: S301
    assert type(provider) is cls._provider_class
    assert isinstance(provider, ConfigCatProvider)


class _RawRecorder(_Monitor):
    """Keeps each registration's inputs exactly as sent, secret wrappers included."""

    def __init__(self) -> None:
        super().__init__()
        self.raw: dict[str, dict[str, Any]] = {}

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
        if request.custom:
            self.raw[request.name] = from_struct(request.object)
        return super().RegisterResource(request)


def run_raw(program: Callable[[], None]) -> dict[str, dict[str, Any]]:
    # capture_registrations unwraps a secret __provider, so whether it was one is only visible here.
    monitor = _RawRecorder()
    _, failure = _run_program(program, monitor=monitor, project="acme", stack="dev", preview=False)
    if failure is not None:
        raise failure
    return monitor.raw


@pytest.mark.parametrize("cls", CLASSES, ids=ids)
def test_blob_is_not_a_secret(cls: type[ConfigCatResource]) -> None:
    def program() -> None:
        cls("res", **REQUIRED[cls])

    raw = run_raw(program)
    blob = raw["res"]["__provider"]
    assert isinstance(blob, str)
    assert not is_secret(blob)


def test_recorder_sees_secrets() -> None:
    """The check above is worth something only if a secret blob would show as one."""

    class SecretTagProvider(TagProvider):
        serialize_as_secret_always = True

    class SecretTag(configcat.Tag, module="configcat", name="Tag"):
        _provider_class = SecretTagProvider

    def program() -> None:
        SecretTag("res", product_id=GUID)

    raw = run_raw(program)
    assert is_secret(raw["res"]["__provider"])


USERNAME = "ci-user-4f1c"
PASSWORD = "pw-Zk3v9q-Tr7LmYx0"
BASE_URL = "http://127.0.0.1:9"


@pytest.mark.parametrize("cls", CLASSES, ids=ids)
def test_a_configured_provider_pickles_without_credentials(cls: type[ConfigCatResource]) -> None:
    provider = cls._provider_class()
    provider.configure(
        pulumi.dynamic.ConfigureRequest(
            pulumi.dynamic.Config(
                {
                    "configcat:basicAuthUsername": USERNAME,
                    "configcat:basicAuthPassword": PASSWORD,
                    "configcat:basePath": BASE_URL,
                },
                "acme",
            )
        )
    )
    settings = ClientSettings(username=USERNAME, password=PASSWORD, base_url=BASE_URL)
    try:
        # The provider does hold the credentials now, and has built its client with them.
        assert provider.client() is get_client(settings)
        with pickler_put_back():
            blob = serialize_provider(provider)
            fresh = serialize_provider(cls._provider_class())
        raw = dill.dumps(provider)
    finally:
        reset_clients([settings])
    assert blob == fresh
    for pickled in (decode_provider_blob(blob), raw):
        assert PASSWORD.encode() not in pickled
        assert USERNAME.encode() not in pickled
    assert PASSWORD not in blob


def test_serialize_provider_alone_leaves_pickle_patched() -> None:
    """Why the resource classes put pickle back: pulumi's serializer does not (pulumi 3.272)."""
    assert pickle_patch_is_original()
    with pickler_put_back():
        serialize_provider(configcat.Tag._provider_class())
        assert not pickle_patch_is_original()
    assert pickle_patch_is_original()


SCALE = 1500


def test_many_resources_under_mocks() -> None:
    """Past ~1,000 resources the leaked pickle patches nest until pickling hits the recursion limit."""
    patch_left: list[int] = []

    def program() -> None:
        for index in range(SCALE):
            configcat.Tag(f"tag-{index}", product_id=GUID)
            if not pickle_patch_is_original():
                patch_left.append(index)

    registrations = capture_registrations(program)
    assert patch_left == []
    assert len(registrations) == SCALE
    assert len({reg.inputs["__provider"] for reg in registrations}) == 1


def test_pickles_own_method_is_found_under_pulumis_wrappers_and_other_patches_are_left() -> None:
    own = pickle._Pickler._batch_setitems  # type: ignore[attr-defined]
    with pickler_put_back():
        for _ in range(3):
            serialize_provider(configcat.Tag._provider_class())
        wrapped = pickle._Pickler._batch_setitems  # type: ignore[attr-defined]
        assert wrapped is not own
        assert _pickles_own(wrapped) is own

    def someone_elses(self: Any, items: Any) -> None:
        own(self, items)

    patched = functools.partial(own)
    assert _pickles_own(someone_elses) is someone_elses
    assert _pickles_own(patched) is patched


# What the provider process does with a blob, in a fresh interpreter: unpickle it, then say what it imported.
_UNPICKLE = """
import base64, sys
import dill, pulumi.dynamic
provider = dill.loads(base64.b64decode(sys.argv[1]))
print(type(provider).__module__, type(provider).__qualname__)
print(*sorted(name for name in sys.modules if name.startswith("pulumi_configcat.")))
"""
# Config V1's own modules: the language, its input kinds, its dialect, its wire models and endpoints.
_CONFIG_V1 = {
    "pulumi_configcat.api.setting_values",
    "pulumi_configcat.resources.flags._dialect_v1",
    "pulumi_configcat.resources.flags._rollout",
    "pulumi_configcat.resources.flags._rules_v1",
    "pulumi_configcat.types.setting_values",
}


def in_a_fresh_interpreter(source: str, *args: str) -> str:
    """What a Python program prints, run in a new interpreter from the checkout; it must succeed."""
    done = subprocess.run(
        [sys.executable, "-c", source, *args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def unpickled_in_a_fresh_process(raw: bytes) -> tuple[str, set[str]]:
    """The provider class a blob names (``module qualname``), and the modules of the package it imported."""
    provider, modules = in_a_fresh_interpreter(_UNPICKLE, base64.b64encode(raw).decode()).splitlines()
    return provider, set(modules.split())


@pytest.mark.parametrize(
    "declare",
    [
        lambda: configcat.SettingValueV2("v", environment_id=GUID, setting_id=5, value=True),
        lambda: configcat.ConfigValuesV2("vs", config_id=GUID, environment_id=OTHER_GUID, values={"f": True}),
    ],
    ids=["SettingValueV2", "ConfigValuesV2"],
)
def test_a_config_v2_value_provider_imports_nothing_of_config_v1(declare: Callable[[], None]) -> None:
    (registration,) = capture_registrations(declare)
    provider, imported = unpickled_in_a_fresh_process(decode_provider_blob(registration.inputs["__provider"]))
    assert provider.endswith("V2Provider")
    assert "pulumi_configcat.resources.flags._dialect_v2" in imported
    assert sorted(imported & _CONFIG_V1) == []


def test_a_blob_written_when_config_values_v2_lived_in_config_values_still_unpickles() -> None:
    """State written before ``ConfigValuesV2`` moved to its own module names its provider by the old path."""
    from pulumi_configcat.resources.flags import config_values  # noqa: PLC0415 - the old home, on purpose
    from pulumi_configcat.resources.flags.config_values_v2 import ConfigValuesV2Provider  # noqa: PLC0415

    moved: Any = ConfigValuesV2Provider
    moved.__module__ = config_values.__name__  # pickled as it was then: by the old module path
    try:
        raw = pickle.dumps(ConfigValuesV2Provider())
    finally:
        moved.__module__ = "pulumi_configcat.resources.flags.config_values_v2"
    assert strings_in(raw) == [config_values.__name__, "ConfigValuesV2Provider"]
    provider, imported = unpickled_in_a_fresh_process(raw)
    assert provider == "pulumi_configcat.resources.flags.config_values_v2 ConfigValuesV2Provider"
    assert config_values.__name__ in imported


# A program whose own dynamic resources (or another package's) came first: pulumi's wrappers are already
# nested deep enough that the next pickling through them overflows the stack. The package is imported only
# then (its re-exports are lazy), so what it sees at import is no longer pickle's own.
_FOREIGN_FIRST = f"""
import pulumi.dynamic.dynamic as dynamic

class Foreign(dynamic.ResourceProvider):
    pass

for _ in range({SCALE}):
    try:
        dynamic.serialize_provider(Foreign())
    except RecursionError:
        pass

import pulumi_configcat as configcat
from tests.harness import capture_registrations

registrations = capture_registrations(
    lambda: [configcat.Tag(f"tag-{{index}}", product_id={GUID!r}) for index in range(3)]
)
print(len(registrations))
"""


def test_many_foreign_dynamic_resources_before_the_package_is_imported() -> None:
    """The wrappers are undone from under them, wherever the program stands when the package is imported."""
    assert in_a_fresh_interpreter(_FOREIGN_FIRST).split() == ["3"]


def every_resource(emulator: ConfigCatEmulator, unique: str) -> Callable[[], None]:
    def program() -> None:
        product = configcat.Product(f"shop-{unique}", organization_id=emulator.organization_id)
        config = configcat.Config(f"web-{unique}", product_id=product.id)
        production = configcat.Environment(f"production-{unique}", product_id=product.id)
        tag = configcat.Tag(f"beta-{unique}", product_id=product.id, color="salmon")
        segment = configcat.Segment(
            f"staff-{unique}",
            product_id=product.id,
            comparison_attribute="Email",
            comparator="contains",
            comparison_value="@example.com",
        )
        group = configcat.PermissionGroup(
            f"devs-{unique}",
            product_id=product.id,
            environment_accesses=production.id.apply(lambda id_: {id_: "full"}),
            can_tag_setting=True,
        )
        prefs = configcat.ProductPreferences(
            f"prefs-{unique}", product_id=product.id, reason_required_environments={}
        )
        for name, resource in [
            ("product", product),
            ("config", config),
            ("environment", production),
            ("tag", tag),
            ("segment", segment),
            ("group", group),
            ("prefs", prefs),
        ]:
            pulumi.export(f"{name}_id", resource.id)
        pulumi.export("group", group.environment_accesses)
        pulumi.export("prefs", prefs.key_generation_mode)

    return program


def credential_leaks(engine: MiniEngine, secret_values: list[str], *texts: Any) -> list[str]:
    """Where any of ``secret_values`` shows: in the state (blobs decoded) or in ``texts``."""
    found = []
    for urn, state in engine.state.items():
        for part in ("inputs", "outputs"):
            values = getattr(state, part)
            blob = base64.b64decode(values["__provider"]).decode("latin-1")
            for text in (json.dumps(values), blob):
                found += [f"{urn} {part}" for value in secret_values if value in text]
    for text in texts:
        found += [repr(text)[:80] for value in secret_values if value in json.dumps(text, default=repr)]
    return found


def test_no_credential_reaches_state_exports_or_log(
    engine: MiniEngine, emulator: ConfigCatEmulator, provider_process: DynamicProviderProcess, unique: str
) -> None:
    program = every_resource(emulator, unique)
    first = engine.run(program)
    assert first.errors == []
    assert [step.op for step in first.steps] == ["create"] * 7
    second = engine.run(program)
    assert {step.op for step in second.steps} == {"same"}
    refreshed = engine.refresh()
    assert len(refreshed) == 7
    assert all(state.inputs["__provider"] for state in engine.state.values())
    # A failing create puts an API error in the provider's answer and its log.
    failed = MiniEngine(provider_process).run(
        lambda: configcat.Tag(f"orphan-{unique}", product_id=MISSING_GUID)
    )
    assert [type(error) for error in failed.errors] == [ProviderError]
    leaks = credential_leaks(
        engine,
        [emulator.password, emulator.username],
        first.exports,
        second.exports,
        first.outputs,
        [str(error) for error in failed.errors],
    )
    engine.destroy()
    assert leaks == []
    assert emulator.password not in "".join(provider_process.log)
