"""Response checks against the spec, shared by the emulator tests.

Written apart from the emulator's own validation code on purpose, so a bug there cannot hide here.
"""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import requests
from openapi_schema_validator import OAS30Validator, oas30_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPEC_PATH = Path(__file__).resolve().parents[2] / "pulumi_configcat" / "testing" / "openapi.json"
_URI = "urn:test-spec"


def _fix_nullable(node: Any) -> Any:
    # openapi-schema-validator does not honour `nullable` beside a lone `allOf`; spell it as anyOf.
    if isinstance(node, dict):
        out = {k: _fix_nullable(v) for k, v in node.items()}
        if out.get("nullable") is True and isinstance(out.get("allOf"), list) and "type" not in out:
            out["anyOf"] = [*out.pop("allOf"), {"enum": [None]}]
            del out["nullable"]
        return out
    if isinstance(node, list):
        return [_fix_nullable(v) for v in node]
    return node


@cache
def spec() -> dict[str, Any]:
    """The parsed spec shipped with the emulator."""
    loaded: dict[str, Any] = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    return loaded


@cache
def _operations() -> list[tuple[str, re.Pattern[str], str]]:
    ops: list[tuple[str, re.Pattern[str], str]] = []
    for template, item in spec()["paths"].items():
        pattern = re.compile("^" + re.sub(r"\{\w+\}", "[^/]+", template) + "$")
        ops.extend(
            (m.upper(), pattern, template) for m in item if m in ("get", "post", "put", "patch", "delete")
        )
    # A literal segment beats a parameter (e.g. /v1/settings/{id}/value): most literal text first.
    ops.sort(key=lambda o: -len(re.sub(r"\{\w+\}", "", o[2])))
    return ops


@cache
def _validator(ref: str) -> OAS30Validator:
    fixed = _fix_nullable(copy.deepcopy(spec()))
    registry: Registry[Any] = Registry().with_resource(
        _URI, Resource.from_contents(fixed, default_specification=DRAFT4)
    )
    schema = {"$ref": _URI + ref}
    return OAS30Validator(schema, registry=registry, format_checker=oas30_format_checker)


def response_schema_ref(method: str, path: str, status: int) -> str | None:
    """The JSON pointer of the documented response schema, or None when the status has no body."""
    for op_method, pattern, template in _operations():
        if op_method == method and pattern.match(path):
            op = spec()["paths"][template][method.lower()]
            response = op["responses"].get(str(status))
            assert response is not None, f"{method} {path}: status {status} is not documented"
            if not response.get("content"):
                return None
            escaped = template.replace("~", "~0").replace("/", "~1")
            return f"#/paths/{escaped}/{method.lower()}/responses/{status}/content/application~1json/schema"
    raise AssertionError(f"{method} {path} is not a spec operation")


def check_response(method: str, path: str, response: requests.Response) -> None:
    """Assert a 2xx body validates against the spec, or a 400 body has the service's shape."""
    status = response.status_code
    if 200 <= status < 300:
        ref = response_schema_ref(method, path, status)
        if ref is None:
            assert response.content == b"", f"{method} {path}: {status} must have no body"
            return
        assert response.headers["Content-Type"].startswith("application/json")
        errors = [
            f"{list(e.absolute_path)}: {e.message}" for e in _validator(ref).iter_errors(response.json())
        ]
        assert not errors, f"{method} {path} response breaks the spec: {errors}"
    elif status == 400:
        body = response.json()
        assert isinstance(body, dict), body
        assert body, body
        assert all(isinstance(k, str) and isinstance(v, list) and v for k, v in body.items()), body
        assert all(isinstance(m, str) and m for v in body.values() for m in v), body


def schema_errors(schema_name: str, document: Any) -> list[str]:
    """Validation errors of ``document`` against a component schema (for in-process results)."""
    validator = _validator(f"#/components/schemas/{schema_name}")
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
