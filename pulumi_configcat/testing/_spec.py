"""The OpenAPI contract, loaded once per process; request validators are compiled on first use.

The spec file shipped next to this module is a copy of the shared ConfigCat spec (see SOURCE.md).
Validation errors are turned into the service's 400 body: a mapping from a PascalCase field path to
a list of messages, worded like ASP.NET model-state errors where the wording is known.
"""

from __future__ import annotations

import copy
import json
import re
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from openapi_schema_validator import OAS30Validator, oas30_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

_SPEC_URI = "urn:configcat-public-api"
_REQUIRED_RE = re.compile(r"^'(.+)' is a required property$")

#: Schema name used for JSON Patch request bodies (an array of operations).
PATCH_SCHEMA = "JsonPatchOperation[]"

Errors = dict[str, list[str]]


@lru_cache(maxsize=1)
def load_spec() -> dict[str, Any]:
    """Return the parsed OpenAPI document (cached for the life of the process)."""
    text = resources.files(__package__).joinpath("openapi.json").read_text(encoding="utf-8")
    spec: dict[str, Any] = json.loads(text)
    return spec


def _nullable_all_of(node: Any) -> Any:
    # openapi-schema-validator ignores `nullable` next to `allOf` (the referenced enum or object
    # still rejects null), so rewrite that one construct into an equivalent `anyOf` with null.
    if isinstance(node, dict):
        out = {k: _nullable_all_of(v) for k, v in node.items()}
        all_of = out.get("allOf")
        if (
            out.get("nullable") is True
            and isinstance(all_of, list)
            and len(all_of) == 1
            and "type" not in out
        ):
            del out["allOf"]
            del out["nullable"]
            out["anyOf"] = [all_of[0], {"enum": [None]}]
        return out
    if isinstance(node, list):
        return [_nullable_all_of(v) for v in node]
    return node


@lru_cache(maxsize=1)
def _registry() -> Registry[Any]:
    spec = _nullable_all_of(copy.deepcopy(load_spec()))
    resource: Resource[Any] = Resource.from_contents(spec, default_specification=DRAFT4)
    registry: Registry[Any] = Registry().with_resource(_SPEC_URI, resource)
    return registry


@cache
def _validator(schema_name: str) -> OAS30Validator:
    if schema_name == PATCH_SCHEMA:
        schema: dict[str, Any] = {
            "type": "array",
            "items": {"$ref": f"{_SPEC_URI}#/components/schemas/JsonPatchOperation"},
        }
    else:
        if schema_name not in load_spec()["components"]["schemas"]:
            raise KeyError(schema_name)
        schema = {"$ref": f"{_SPEC_URI}#/components/schemas/{schema_name}"}
    return OAS30Validator(schema, registry=_registry(), format_checker=oas30_format_checker)


def field_key(path: list[str | int]) -> str:
    """Render a JSON path as the service's error key, e.g. ``TargetingRules[0].Value``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part[:1].upper() + part[1:]
    return out


def _label(path: list[str | int]) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part[:1].upper() + part[1:]
    return "value"


def _message(error: Any, path: list[str | int]) -> str:
    name = _label(path)
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    instance = error.instance
    if instance is None:
        return f"The {name} field is required."
    if kind in ("minLength", "maxLength"):
        low, high = schema.get("minLength"), schema.get("maxLength")
        if kind == "minLength" and low == 1 and instance == "":
            return f"The {name} field is required."
        if low is not None and high is not None:
            return (
                f"The field {name} must be a string with a minimum length of {low} "
                f"and a maximum length of {high}."
            )
        if high is not None:
            return f"The field {name} must be a string with a maximum length of {high}."
        return f"The field {name} must be a string with a minimum length of {low}."
    if kind == "type":
        return (
            f"The JSON value {json.dumps(instance)[:80]} could not be converted to {error.validator_value}."
        )
    if kind == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value if v is not None)
        return f"The value {json.dumps(instance)[:80]} is not valid for {name}. Allowed values: {allowed}."
    if kind in ("oneOf", "anyOf"):
        return f"The value {json.dumps(instance)[:80]} is not valid for {name}."
    if kind == "format":
        if error.validator_value == "uuid":
            return f"The value {json.dumps(instance)[:80]} is not a valid GUID."
        return f"The value {json.dumps(instance)[:80]} is out of range for {error.validator_value}."
    return str(error.message)


def validate(schema_name: str, body: Any) -> Errors:
    """Validate a request body against a spec schema.

    Args:
        schema_name: A ``components/schemas`` name, or :data:`PATCH_SCHEMA`.
        body: The parsed JSON body.

    Returns:
        The errors in the service's 400 shape; empty when the body is valid.
    """
    errors: Errors = {}
    for error in _validator(schema_name).iter_errors(body):
        path: list[str | int] = list(error.absolute_path)
        if error.validator == "required":
            match = _REQUIRED_RE.match(str(error.message))
            if match:
                path = [*path, match.group(1)]
                message = f"The {_label(path)} field is required."
            else:  # pragma: no cover - jsonschema always words it this way
                message = str(error.message)
        else:
            message = _message(error, path)
        bucket = errors.setdefault(field_key(path), [])
        if message not in bucket:
            bucket.append(message)
    return errors
