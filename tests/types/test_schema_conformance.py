"""Checks every exported model and enum against the OpenAPI document, one case per schema."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import typing
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import annotated_types
import pytest
from pydantic import BaseModel

import pulumi_configcat
import pulumi_configcat.types as types_pkg
from pulumi_configcat.types._base import ApiModel

# The package ships the spec as data for the emulator; it is read as a file here, not imported, so these
# tests stay independent of the emulator's code.
SPEC_PATH = Path(pulumi_configcat.__file__).parent / "testing" / "openapi.json"

# Every module of models, found rather than listed: a module added later cannot be left out of the checks.
MODULES: list[ModuleType] = [
    importlib.import_module(info.name)
    for info in pkgutil.iter_modules(types_pkg.__path__, prefix=f"{types_pkg.__name__}.")
    if not info.name.rsplit(".", 1)[-1].startswith("_")
]

# Bodies the client sends; every other model is a response and is read leniently.
REQUEST_PREFIXES = ("Create", "Update", "Replace")
REQUEST_OTHERS = {
    "InitialValue",
    "InviteMembersRequest",
    "JsonPatchOperation",
    "ModifyIntegrationRequest",
    "WebHookRequestModel",
    "WebhookHeaderModel",
}

# Where a response model is deliberately more lenient than the spec, and why.
RESPONSE_LENIENCY: dict[tuple[str, str], str] = {
    ("WebhookResponseModel", "webHookHeaders"): "the server sends null for no headers",
    ("WebhookHeaderResponseModel", "value"): "the server hides the value of a secure header",
}


@cache
def schemas() -> dict[str, Any]:
    spec = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    result: dict[str, Any] = spec["components"]["schemas"]
    return result


def exported_models() -> list[type[ApiModel]]:
    found = []
    for name in types_pkg.__all__:
        obj = getattr(types_pkg, name)
        if inspect.isclass(obj) and issubclass(obj, ApiModel) and obj is not ApiModel:
            found.append(obj)
    return found


def is_request(model: type[BaseModel]) -> bool:
    name = model.__name__
    return name.startswith(REQUEST_PREFIXES) or name in REQUEST_OTHERS


def exported_enums() -> list[str]:
    return [
        name for name in types_pkg.__all__ if typing.get_origin(getattr(types_pkg, name)) is typing.Literal
    ]


def wire_fields(model: type[BaseModel]) -> dict[str, Any]:
    """Maps each field's wire name to its FieldInfo."""
    return {info.alias or name: info for name, info in model.model_fields.items()}


MODELS = exported_models()
REQUESTS = [m for m in MODELS if is_request(m)]


def test_the_package_exports_models_of_every_kind() -> None:
    # Guards the parametrised tests below against silently running over nothing.
    assert len(MODELS) >= 85
    assert len(REQUESTS) >= 35
    assert len(exported_enums()) >= 14


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_is_named_after_a_schema(model: type[BaseModel]) -> None:
    assert model.__name__ in schemas()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_wire_names_are_the_schema_properties(model: type[BaseModel]) -> None:
    assert set(wire_fields(model)) == set(schemas()[model.__name__]["properties"])


@pytest.mark.parametrize("model", REQUESTS, ids=lambda m: m.__name__)
def test_request_fields_are_required_exactly_as_in_the_schema(model: type[BaseModel]) -> None:
    required = {wire for wire, info in wire_fields(model).items() if info.is_required()}
    assert required == set(schemas()[model.__name__].get("required", []))


@pytest.mark.parametrize("model", [m for m in MODELS if not is_request(m)], ids=lambda m: m.__name__)
def test_response_fields_are_required_only_where_the_schema_requires_them(model: type[BaseModel]) -> None:
    schema = schemas()[model.__name__]
    required = {wire for wire, info in wire_fields(model).items() if info.is_required()}
    assert required <= set(schema.get("required", []))
    # Every property the spec marks required and not nullable is required here too, apart from the
    # nested parent objects (which list endpoints may leave out) and the documented leniencies.
    strict = {
        wire
        for wire in schema.get("required", [])
        if not schema["properties"][wire].get("nullable")
        and wire not in {"product", "organization", "config", "environment"}
        and (model.__name__, wire) not in RESPONSE_LENIENCY
    }
    assert strict <= required


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_nullable_properties_default_to_none(model: type[BaseModel]) -> None:
    fields = wire_fields(model)
    for wire, prop in schemas()[model.__name__]["properties"].items():
        if prop.get("nullable"):
            assert not fields[wire].is_required(), wire
            assert fields[wire].default is None, wire


def _length_limits(info: Any) -> tuple[int | None, int | None]:
    min_len = max_len = None
    for item in info.metadata:
        if isinstance(item, annotated_types.MinLen):
            min_len = item.min_length
        if isinstance(item, annotated_types.MaxLen):
            max_len = item.max_length
    return min_len, max_len


@pytest.mark.parametrize("model", REQUESTS, ids=lambda m: m.__name__)
def test_request_string_lengths_follow_the_schema(model: type[BaseModel]) -> None:
    fields = wire_fields(model)
    for wire, prop in schemas()[model.__name__]["properties"].items():
        if prop.get("type") != "string":
            continue
        # A minimum length of 0 constrains nothing, so it is not declared.
        expected = (prop.get("minLength") or None, prop.get("maxLength"))
        assert _length_limits(fields[wire]) == expected, wire


@pytest.mark.parametrize("name", exported_enums())
def test_enum_values_are_copied_from_the_schema(name: str) -> None:
    assert list(typing.get_args(getattr(types_pkg, name))) == schemas()[name]["enum"]


def test_all_is_sorted_and_lists_every_public_name() -> None:
    assert types_pkg.__all__ == sorted(types_pkg.__all__)
    public: set[str] = set()
    for module in MODULES:
        for name, obj in vars(module).items():
            defined_here = getattr(obj, "__module__", None) == module.__name__
            is_alias = name in schemas() and typing.get_origin(obj) is not None
            if not name.startswith("_") and (defined_here or is_alias):
                public.add(name)
    public.add("ApiModel")
    public.add("SettingValueType")
    assert public == set(types_pkg.__all__)
