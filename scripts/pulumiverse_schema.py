"""Write the facts of pulumiverse_configcat's schema that tests/migration compares this package with.

Usage::

    python scripts/pulumiverse_schema.py SCHEMA_JSON --commit SHA [--python-sdk DIR] [-o OUT]

``SCHEMA_JSON`` is ``provider/cmd/pulumi-resource-configcat/schema.json`` of ``pulumiverse/pulumi-configcat``
at commit ``SHA`` (for example ``git --git-dir=<clone>/.git show HEAD:provider/cmd/...``). The fixture
(default ``tests/migration/pulumiverse_schema.json``) holds, per resource and function token: the Python name
pulumiverse's SDK gives it (our class or function of the same name), and per input its Python name,
whether it is required and its default, if pulumiverse has one.

Python names are the schema's camelCase names as Pulumi's Python codegen converts them (the schema sets no
``language.python.mapCase``). ``--python-sdk DIR`` (``sdk/python/pulumiverse_configcat`` of the same
commit) checks every converted name against the parameters of pulumiverse's generated SDK.

Defaults come from, in order: a ``default`` the schema states; the ``Default: ...`` sentence of the input's
description (the Terraform provider's docs, copied by the bridge); the Terraform provider's defaults
recorded in ``/work/shared/reference/terraform-provider.md`` (``TERRAFORM_DEFAULTS`` below), which the
bridge keeps but the schema does not state. Where two sources state one, they must agree.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from pathlib import Path
from typing import Any

REPOSITORY = "https://github.com/pulumiverse/pulumi-configcat"
SCHEMA_PATH = "provider/cmd/pulumi-resource-configcat/schema.json"
LICENSE = "Apache-2.0"
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "tests" / "migration" / "pulumiverse_schema.json"

_REFERENCE = "terraform-provider.md"
_PERMISSION_GROUP = "configcat:index/permissionGroup:PermissionGroup"

# Defaults of the Terraform provider (v5.5.x, which pulumiverse bridges) that the schema leaves unstated,
# keyed by token and the schema's property name, with the section of the reference that records them.
TERRAFORM_DEFAULTS: dict[tuple[str, str], tuple[Any, str]] = {
    ("configcat:index/configuration:Configuration", "evaluationVersion"): ("v1", "§2.2"),
    ("configcat:index/setting:Setting", "settingType"): ("boolean", "§2.4"),
    ("configcat:index/settingValue:SettingValue", "initOnly"): (True, "§2.5"),
    ("configcat:index/settingValueV2:SettingValueV2", "initOnly"): (True, "§2.6"),
    ("configcat:index/tag:Tag", "color"): ("panther", "§2.8"),
    ("configcat:index/webhook:Webhook", "httpMethod"): ("get", "§2.10"),
    (_PERMISSION_GROUP, "accesstype"): ("custom", "§2.11"),
    (_PERMISSION_GROUP, "newEnvironmentAccesstype"): ("none", "§2.11"),
    ("configcat:index/productPreferences:ProductPreferences", "keyGenerationMode"): ("camelCase", "§2.12"),
    ("configcat:index/productPreferences:ProductPreferences", "mandatorySettingHint"): (False, "§2.12"),
    ("configcat:index/productPreferences:ProductPreferences", "showVariationId"): (False, "§2.12"),
    ("configcat:index/productPreferences:ProductPreferences", "reasonRequired"): (False, "§2.12"),
}
# §2.11: every permission of a permission group (a boolean ``can...`` input) defaults to false.
_PERMISSION_FLAG = re.compile(r"^can[A-Z0-9]")

# "Default value: `v1`", "Default: `camelCase`", "Default: false", "Default value. `panther`".
_DESCRIBED_DEFAULT = re.compile(r"\bDefault(?: value)?[:.]\s*(?:`([^`]*)`|(true|false)\b)")


def py_name(name: str) -> str:
    """``name`` as Pulumi's Python codegen spells it (``PyName``): ``canDisable2fa`` -> ``can_disable2fa``.

    Words start at an upper-case letter; an acronym stays one word with the digits (or an ``s``) after it,
    and its last capital begins the next word when a lower-case letter follows (``SDKKey`` -> ``sdk_key``).
    """
    words: list[str] = []
    current = ""
    state = "first"
    for given in name:
        char = given if given.isalnum() or given == "_" else "_"
        if state == "first":
            if char.isdigit():
                current += "_"
            state = "upper" if char.isupper() else "lower"
            current += char.lower()
        elif state == "upper":
            state = "acronym" if char.isupper() else "lower"
            current += char.lower()
        elif state == "acronym":
            if char.isupper():
                current += char.lower()
            elif char.isdigit() or char == "s":
                current += char
                state = "lower"
            else:
                words.append(current[:-1])
                current = current[-1] + char
                state = "lower"
        elif char.isupper():
            words.append(current)
            current = char.lower()
            state = "upper"
        else:
            current += char
    words.append(current)
    return "_".join(word for word in words if word)


def _typed(value: str, spec: dict[str, Any]) -> Any:
    kind = spec.get("type")
    if kind == "boolean":
        return {"true": True, "false": False}[value]
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    return value


def _defaults(token: str, prop: str, spec: dict[str, Any]) -> list[tuple[Any, str]]:
    """Each default a source states for one input, with where it is stated."""
    found: list[tuple[Any, str]] = []
    if "default" in spec:
        found.append((spec["default"], "schema.json: default"))
    match = _DESCRIBED_DEFAULT.search(spec.get("description", ""))
    if match:
        found.append((_typed(match.group(1) or match.group(2), spec), "schema.json: description"))
    if (token, prop) in TERRAFORM_DEFAULTS:
        value, section = TERRAFORM_DEFAULTS[token, prop]
        found.append((value, f"{_REFERENCE} {section}"))
    elif token == _PERMISSION_GROUP and _PERMISSION_FLAG.match(prop) and spec.get("type") == "boolean":
        found.append((False, f"{_REFERENCE} §2.11"))
    return found


def _inputs(token: str, properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    inputs: dict[str, Any] = {}
    for prop, spec in sorted(properties.items(), key=lambda item: py_name(item[0])):
        entry: dict[str, Any] = {"schema_name": prop, "required": prop in required}
        found = _defaults(token, prop, spec)
        if len({json.dumps(value) for value, _ in found}) > 1:
            raise SystemExit(f"{token} {prop}: the sources disagree on its default: {found}")
        if found:
            entry["default"] = found[0][0]
            entry["default_from"] = ", ".join(source for _, source in found)
        inputs[py_name(prop)] = entry
    unknown = {prop for token_, prop in TERRAFORM_DEFAULTS if token_ == token} - set(properties)
    if unknown:
        raise SystemExit(f"{token}: TERRAFORM_DEFAULTS names inputs the schema lacks: {sorted(unknown)}")
    return inputs


def extract(schema: dict[str, Any], commit: str) -> dict[str, Any]:
    """The fixture: per resource and function token, its Python name and its inputs."""
    resources = {
        token: {
            "python_name": token.rsplit(":", 1)[1],
            "inputs": _inputs(token, spec.get("inputProperties", {}), spec.get("requiredInputs", [])),
        }
        for token, spec in sorted(schema["resources"].items())
    }
    functions = {
        token: {
            "python_name": py_name(token.rsplit(":", 1)[1]),
            "inputs": _inputs(
                token,
                spec.get("inputs", {}).get("properties", {}),
                spec.get("inputs", {}).get("required", []),
            ),
        }
        for token, spec in sorted(schema["functions"].items())
    }
    return {
        "_source": {
            "repository": REPOSITORY,
            "path": SCHEMA_PATH,
            "commit": commit,
            "license": LICENSE,
            "note": (
                "Facts read from pulumiverse_configcat's schema (Apache-2.0, derived from the MPL-2.0 "
                "Terraform provider): input names as pulumiverse's Python SDK spells them, required-ness "
                "(requiredInputs / inputs.required) and defaults (stated in the schema, or the Terraform "
                f"provider's, as recorded in {_REFERENCE}). Regenerate with scripts/pulumiverse_schema.py."
            ),
        },
        "resources": resources,
        "functions": functions,
    }


def _sdk_parameters(sdk: Path, module: str, function: str | None) -> set[str]:
    """The keyword parameters of a resource's ``...Args.__init__`` or of a function, in pulumiverse's SDK."""
    tree = ast.parse((sdk / f"{module}.py").read_text())
    for node in ast.walk(tree):
        if function is None and isinstance(node, ast.ClassDef) and node.name.endswith("Args"):
            init = next(
                item for item in node.body if isinstance(item, ast.FunctionDef) and item.name == "__init__"
            )
            return {arg.arg for arg in init.args.kwonlyargs}
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return {arg.arg for arg in node.args.args} - {"opts"}
    raise SystemExit(f"{module}.py: no {function or '...Args'} found")


def check_sdk(fixture: dict[str, Any], sdk: Path) -> None:
    """Fails unless every converted input name is the parameter name of pulumiverse's Python SDK."""
    for token, entry in fixture["resources"].items():
        module = py_name(token.rsplit(":", 1)[1])
        found = _sdk_parameters(sdk, module, None)
        if found != set(entry["inputs"]):
            raise SystemExit(f"{token}: SDK has {sorted(found)}, fixture {sorted(entry['inputs'])}")
    for token, entry in fixture["functions"].items():
        found = _sdk_parameters(sdk, entry["python_name"], entry["python_name"])
        if found != set(entry["inputs"]):
            raise SystemExit(f"{token}: SDK has {sorted(found)}, fixture {sorted(entry['inputs'])}")


def main(argv: list[str]) -> int:
    """Reads the schema, checks the names against the SDK when given, and writes the fixture."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("schema", type=Path, help="pulumiverse's schema.json")
    parser.add_argument("--commit", required=True, help="the pulumiverse/pulumi-configcat commit it is from")
    parser.add_argument("--python-sdk", type=Path, help="sdk/python/pulumiverse_configcat of that commit")
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    fixture = extract(json.loads(args.schema.read_text()), args.commit)
    if args.python_sdk:
        check_sdk(fixture, args.python_sdk)
    args.out.write_text(json.dumps(fixture, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
