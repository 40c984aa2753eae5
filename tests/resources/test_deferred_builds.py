"""Validators are built at their first use: a program builds none, a provider the ones it uses, on any thread.

A program imports the wire models and nested-input shapes of every resource it declares but validates with
none of them (the provider process does). So they wait for their first use (pydantic's ``defer_build``, from
pydantic 2.14; ``Structured.adapter``). These tests pin that the wait costs nothing else: every validator
still builds (a broken model fails here, not at a user's first ``up``), and a provider's first calls on many
threads at once all validate as they would one at a time.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
from pathlib import Path
from typing import Any

import pydantic
import pytest

import pulumi_configcat as configcat
import pulumi_configcat.types
from pulumi_configcat.resources._props import Kind
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.resources._structured import Shape, Structured
from pulumi_configcat.resources.flags._rules import TargetingRules
from pulumi_configcat.testing import ConfigCatEmulator
from pulumi_configcat.types import SettingFormulaModel
from pulumi_configcat.types._base import ApiModel, _builds_at_first_use
from tests.harness.stacks import SAMPLE_RULES
from tests.resources.test_provider_blob import in_a_fresh_interpreter
from tests.test_public_api import submodules


def _subclasses(cls: type[Any]) -> list[type[Any]]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def _wire_models() -> list[type[ApiModel]]:
    submodules(pulumi_configcat.types)  # every module of models imported
    return sorted(set(_subclasses(ApiModel)), key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def _structured(kind: Kind) -> list[Structured]:
    """The Structured kinds in ``kind``, itself or nested (a list's items, a secret's kind)."""
    if isinstance(kind, Structured):
        return [kind]
    if not dataclasses.is_dataclass(kind):
        return []
    inner = [getattr(kind, field.name) for field in dataclasses.fields(kind)]
    return [found for value in inner if isinstance(value, Kind) for found in _structured(value)]


def _nested_input_kinds() -> list[tuple[str, Structured]]:
    kinds = []
    for name in configcat.__all__:
        cls = getattr(configcat, name)
        if isinstance(cls, type) and issubclass(cls, ConfigCatResource) and cls is not ConfigCatResource:
            provider = cls._provider_class
            kinds += [
                (f"{cls.__name__}.{prop.name}", kind)
                for prop in provider.props
                for kind in _structured(prop.kind)
            ]
    return kinds


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("2.6.4", False),
        ("2.13.4", False),
        ("2.14.0", True),
        ("2.14.0b1", True),
        ("2.14.4", True),
        ("3.0.0", True),
    ],
)
def test_validators_wait_for_their_first_use_from_pydantic_2_14(version: str, expected: bool) -> None:
    # 2.14 rebuilds a deferred model under a lock; before it, two threads' first uses could race.
    assert _builds_at_first_use(version) is expected


# The modules that define models: the wire models, and the flag language's shapes.
_MODEL_MODULES = [
    *(module.__name__ for module in submodules(pulumi_configcat.types)),
    *(
        f"pulumi_configcat.resources.flags.{name}"
        for name in ("_served", "_conditions", "_targeting", "_rollout", "_rules")
    ),
]


def test_the_models_do_not_postpone_their_annotations() -> None:
    # Postponed, each annotation's text is compiled again when its class is made (types/_base.py).
    postponed = [
        module.__name__
        for module in map(importlib.import_module, _MODEL_MODULES)
        if "from __future__ import annotations" in Path(str(module.__file__)).read_text().splitlines()
    ]
    assert postponed == []


def test_every_wire_model_builds() -> None:
    models = _wire_models()
    assert len(models) > 100  # every module of types/ was found
    for model in models:
        model.model_rebuild(raise_errors=True)
        assert model.__pydantic_complete__, model


def test_every_nested_input_kind_and_shape_builds() -> None:
    kinds = _nested_input_kinds()
    # Webhook headers (two), proxy profile rules and pairs, V1 and V2 values, rules, variations, batches.
    assert {name for name, _ in kinds} >= {
        "Webhook.webhook_headers",
        "Webhook.secure_webhook_headers",
        "ProxyProfile.sdk_key_selection_rules",
        "SettingValueV2.targeting_rules",
        "SettingValue.rollout_rules",
        "ConfigValuesV2.values",
        "ConfigValues.values",
        "Setting.predefined_variations",
    }
    for name, kind in kinds:
        assert isinstance(kind.adapter, pydantic.TypeAdapter), name
        assert kind.adapter is kind.adapter, name  # built once
    # A shape validates on its own too (a served value typed in a rule, a V1 value read back).
    shapes = set(_subclasses(Shape))
    assert len(shapes) > 15
    for shape in shapes:
        shape.model_rebuild(raise_errors=True)
        assert shape.__pydantic_complete__, shape


_PROGRAM_BUILDS = """
import json, pulumi_configcat as c
for name in c.__all__:
    getattr(c, name)
import pulumi_configcat.lookups
from pulumi_configcat.types._base import ApiModel
from pulumi_configcat.resources._structured import Shape

def subclasses(cls):
    return [s for sub in cls.__subclasses__() for s in (sub, *subclasses(sub))]

print(json.dumps({
    "models": len(set(subclasses(ApiModel))),
    "models built": sorted({m.__name__ for m in subclasses(ApiModel) if m.__pydantic_complete__}),
    "shapes": len(set(subclasses(Shape))),
    "shapes built": sorted({m.__name__ for m in subclasses(Shape) if m.__pydantic_complete__}),
}))
"""


def test_a_program_that_imports_every_name_builds_no_validator() -> None:
    seen = json.loads(in_a_fresh_interpreter(_PROGRAM_BUILDS))
    assert seen["models"] > 100
    assert seen["shapes"] > 15
    if ApiModel.model_config.get("defer_build"):
        assert seen["models built"] == []
        assert seen["shapes built"] == []
    else:
        assert len(seen["models built"]) == seen["models"]


# Many threads validate at once with validators none of them built yet, as a provider's first calls do.
_FIRST_USES_AT_ONCE = """
import json, sys, threading
from concurrent.futures import ThreadPoolExecutor
from pulumi_configcat.resources.flags._rules import TargetingRules
from pulumi_configcat.types import SettingFormulaModel

rules = json.loads(sys.argv[1])
answer = json.loads(sys.argv[2])
threads = 16
barrier = threading.Barrier(threads)

def first_use(n):
    barrier.wait()
    if n % 2:
        return ["rules", TargetingRules.parse(rules)]
    model = SettingFormulaModel.model_validate(answer)
    return ["answer", type(model).__name__, model.model_dump(mode="json", by_alias=True, exclude_unset=True)]

with ThreadPoolExecutor(threads) as pool:
    print(json.dumps(list(pool.map(first_use, range(threads)))))
"""

_RULES = list(SAMPLE_RULES)


def _answer(emulator: ConfigCatEmulator, unique: str) -> dict[str, Any]:
    """A real answer of ``GET /v2/environments/{e}/settings/{s}/value``, with a targeting rule."""

    def call(method: str, path: str, body: Any = None) -> dict[str, Any]:
        status, answer = emulator.call(method, path, body)
        assert status in (200, 201), answer
        assert isinstance(answer, dict)
        return answer

    product = call("POST", f"/v1/organizations/{emulator.organization_id}/products", {"name": unique})[
        "productId"
    ]
    config = call("POST", f"/v1/products/{product}/configs", {"name": "main", "evaluationVersion": "v2"})[
        "configId"
    ]
    env = call("POST", f"/v1/products/{product}/environments", {"name": "production"})["environmentId"]
    flag = call(
        "POST", f"/v1/configs/{config}/settings", {"key": "checkout", "name": "c", "settingType": "boolean"}
    )
    path = f"/v2/environments/{env}/settings/{flag['settingId']}/value"
    user = {
        "comparisonAttribute": "Email",
        "comparator": "isOneOf",
        "comparisonValue": {"listValue": [{"value": "a@x.com"}]},
    }
    rule = {"conditions": [{"userCondition": user}], "value": {"boolValue": True}}
    call("PUT", path, {"defaultValue": {"boolValue": False}, "targetingRules": [rule]})
    return call("GET", path)


def test_first_uses_on_many_threads_at_once_all_validate_as_one_would(
    emulator: ConfigCatEmulator, unique: str
) -> None:
    raw = _answer(emulator, unique)
    results = json.loads(in_a_fresh_interpreter(_FIRST_USES_AT_ONCE, json.dumps(_RULES), json.dumps(raw)))
    rules = TargetingRules.parse(_RULES)
    assert rules[0]["conditions"][0]["user_condition"]["comparison_value"]["list_values"][0]["hint"] == "Ann"
    answer = SettingFormulaModel.model_validate(raw).model_dump(
        mode="json", by_alias=True, exclude_unset=True
    )
    assert answer["targetingRules"][0]["conditions"][0]["userCondition"]["comparator"] == "isOneOf"
    assert results == [
        ["answer", "SettingFormulaModel", answer] if n % 2 == 0 else ["rules", rules] for n in range(16)
    ]
