"""A stack as ``pulumiverse_configcat`` would have left it, built without pulumiverse: entities in the
emulator and the ``pulumi stack export`` that describes them.

A program is a list of :class:`Declared` resources: pulumiverse's type token, the resource name and the
arguments as pulumiverse's Python SDK sends them (the schema's camelCase names; ``Ref("x")`` for the id of
resource ``x``, ``Secret(...)`` for a secret). :func:`deploy` does what ``pulumi up`` of that program with
pulumiverse does, independently of this package's code: it makes each entity in the emulator with the request
the Terraform provider sends, reads it back, and writes the state the way pulumi-terraform-bridge does:

* inputs: the declared arguments, references resolved, ``name`` auto-named ``<resource name>-<7 hex digits>``
  where the program leaves it out (``SetAutonaming(255, "-")``), nested secrets kept where they were given;
* outputs: every property of the resource's schema (``pulumiverse_state_schema.json``), ``null`` where unset,
  nested objects with every attribute of their type (``null`` where unset), the Terraform provider's view of
  the API's answer (its ``UpdateFromApiModel``: a permission group keeps only environments with some access,
  secure header values are the ones sent), ``id`` as Terraform spells it, and a ``__meta`` JSON string;
* the default provider ``pulumi:providers:configcat::default_5_5_7`` that each resource names, with the
  provider configuration (the password a secret).

(The ``pf`` bridge, v3.105 as pulumiverse pins it, writes ``__meta`` only for a schema version or private
state; ConfigCat's resources have neither, so a real stack may lack it. Both forms are tested.)
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pulumi_configcat.testing import ConfigCatEmulator
from tests.migration._terraform import SCHEMA, Api, Secret, create

__all__ = ["Declared", "Deployed", "Ref", "Secret", "deploy", "export", "program_source"]

SIG = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
PROVIDER_VERSION = "5.5.7"
TIME = "2026-01-05T10:00:00.000000000Z"


@dataclass(frozen=True)
class Ref:
    """The id of another declared resource."""

    name: str


@dataclass(frozen=True)
class Declared:
    """One resource of the pulumiverse program.

    Attributes:
        name: The resource name.
        token: pulumiverse's type token.
        args: The arguments, camelCase as in pulumiverse's schema.
    """

    name: str
    token: str
    args: dict[str, Any]


@dataclass
class Deployed:
    """A declared resource after ``up``: its id, and its state as pulumiverse records it."""

    declared: Declared
    id_: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    dependencies: dict[str, list[str]] = field(default_factory=dict)


def _short(token: str) -> str:
    return token.rsplit(":", 1)[-1]


def _resolve(value: Any, ids: Mapping[str, str]) -> Any:
    if isinstance(value, Ref):
        return ids[value.name]
    if isinstance(value, Secret):
        return Secret(_resolve(value.value, ids))
    if isinstance(value, Mapping):
        return {_resolve(key, ids): _resolve(item, ids) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolve(item, ids) for item in value]
    return value


def _refs(value: Any) -> list[str]:
    if isinstance(value, Ref):
        return [value.name]
    if isinstance(value, Secret):
        return _refs(value.value)
    if isinstance(value, Mapping):
        return [name for key, item in value.items() for name in (*_refs(key), *_refs(item))]
    if isinstance(value, list):
        return [name for item in value for name in _refs(item)]
    return []


def _full(type_name: str, value: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A nested object as the bridge writes it: every attribute of its type, ``null`` where unset."""
    if value is None:
        return None
    out: dict[str, Any] = {}
    for name, prop in SCHEMA["types"][type_name]["properties"].items():
        item = value.get(name)
        out[name] = _shaped(prop, item)
    return out


def _shaped(prop: Mapping[str, Any], item: Any) -> Any:
    if item is None:
        return None
    if "ref" in prop:
        return _full(prop["ref"], item)
    if prop.get("type") == "array" and "ref" in prop.get("items", {}):
        return [_full(prop["items"]["ref"], element) for element in item]
    return item


def deploy(emulator: ConfigCatEmulator, program: list[Declared], *, meta: bool = True) -> list[Deployed]:
    """Makes every declared entity in the emulator and returns pulumiverse's state of each.

    Args:
        emulator: Where the entities are made.
        program: The resources, each after those it refers to.
        meta: Whether the outputs carry a ``__meta`` string.
    """
    api = Api(emulator)
    ids: dict[str, str] = {}
    deployed = []
    for declared in program:
        args = _resolve(declared.args, ids)
        if "name" in SCHEMA["resources"][declared.token]["inputProperties"] and "name" not in args:
            args["name"] = f"{declared.name}-{secrets.token_hex(4)[:7]}"
        id_, kept = create(api, declared.token, args)
        ids[declared.name] = id_
        outputs: dict[str, Any] = {"id": id_}
        for name, prop in SCHEMA["resources"][declared.token]["properties"].items():
            outputs[name] = _shaped(prop, kept.get(name))
        if meta:
            outputs["__meta"] = json.dumps({"schema_version": "0"})
        deployed.append(
            Deployed(
                declared,
                id_,
                args,
                outputs,
                {key: _refs(value) for key, value in declared.args.items()},
            )
        )
    return deployed


def _encode(value: Any) -> Any:
    if isinstance(value, Secret):
        return {SIG: SECRET_SIG, "plaintext": json.dumps(_encode(value.value))}
    if isinstance(value, Mapping):
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    return value


def export(
    deployed: list[Deployed],
    *,
    stack: str,
    project: str,
    provider_config: Mapping[str, Any],
    secrets_providers: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """``pulumi stack export --show-secrets`` of the stack pulumiverse would have left (secrets in plaintext).

    Args:
        deployed: The resources, in the order they were made.
        stack: The stack name.
        project: The project name.
        provider_config: pulumiverse's provider configuration (``basicAuthUsername``, ...); a value that is a
            :class:`Secret` is a secret.
        secrets_providers: The stack's secrets provider, as its export names it (``pulumi stack import``
            encrypts plaintext secrets with it).
    """
    prefix = f"urn:pulumi:{stack}::{project}::"
    stack_urn = f"{prefix}pulumi:pulumi:Stack::{project}-{stack}"
    provider_urn = f"{prefix}pulumi:providers:configcat::default_{PROVIDER_VERSION.replace('.', '_')}"
    provider_id = "6f1c2b9e-4e0a-4d51-9a61-0c8f3f5d7a10"
    config = _encode({**provider_config, "version": PROVIDER_VERSION})
    resources: list[dict[str, Any]] = [
        {"urn": stack_urn, "custom": False, "type": "pulumi:pulumi:Stack", "created": TIME, "modified": TIME},
        {
            "urn": provider_urn,
            "custom": True,
            "id": provider_id,
            "type": "pulumi:providers:configcat",
            "inputs": config,
            "outputs": config,
            "created": TIME,
            "modified": TIME,
        },
    ]
    urns: dict[str, str] = {}
    for item in deployed:
        urn = f"{prefix}{item.declared.token}::{item.declared.name}"
        urns[item.declared.name] = urn
        dependencies = {key: [urns[name] for name in names] for key, names in item.dependencies.items()}
        resources.append(
            {
                "urn": urn,
                "custom": True,
                "id": item.id_,
                "type": item.declared.token,
                "inputs": _encode(item.inputs),
                "outputs": _encode(item.outputs),
                "parent": stack_urn,
                "dependencies": sorted({urn for urns_ in dependencies.values() for urn in urns_}),
                "provider": f"{provider_urn}::{provider_id}",
                "propertyDependencies": {key: dependencies.get(key, []) for key in item.inputs},
                "created": TIME,
                "modified": TIME,
            }
        )
    return {
        "version": 3,
        "deployment": {
            # The magic is the SHA-256 of the version, which `pulumi stack import` checks.
            "manifest": {
                "time": TIME,
                "magic": hashlib.sha256(b"v3.274.1").hexdigest(),
                "version": "v3.274.1",
            },
            **({"secrets_providers": dict(secrets_providers)} if secrets_providers else {}),
            "resources": resources,
        },
    }


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _source(value: Any, *, keyed: bool = False) -> str:
    """Python source of an argument in this package's names (snake_case keys, ``Ref`` as a variable)."""
    if isinstance(value, Ref):
        return f"{_variable(value.name)}.id"
    if isinstance(value, Secret):
        return f"pulumi.Output.secret({_source(value.value, keyed=keyed)})"
    if isinstance(value, Mapping):
        items = ", ".join(
            f"{_source(key) if isinstance(key, Ref) else repr(key if keyed else _snake(key))}: "
            f"{_source(item, keyed=keyed)}"
            for key, item in value.items()
        )
        return "{" + items + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_source(item, keyed=keyed) for item in value) + "]"
    return repr(value)


def _variable(name: str) -> str:
    return name.replace("-", "_")


# Arguments that are maps keyed by ids or names: their keys are not renamed.
USER_KEYED = {"environmentAccesses", "reasonRequiredEnvironments", "parameters"}


def program_source(deployed: list[Deployed]) -> str:
    """The same program written with this package: its import changed, and ``name`` declared where
    pulumiverse auto-named the entity (as ``migrate-state`` tells the user to)."""
    lines = ["import pulumi", "import pulumi_configcat as configcat", ""]
    for item in deployed:
        args = dict(item.declared.args)
        if "name" in item.inputs and "name" not in args:
            args["name"] = item.inputs["name"]
        rendered = ", ".join(
            f"{_snake(key)}={_source(value, keyed=key in USER_KEYED)}" for key, value in args.items()
        )
        variable, cls = _variable(item.declared.name), _short(item.declared.token)
        lines.append(f"{variable} = configcat.{cls}({item.declared.name!r}, {rendered})")
    return "\n".join(lines) + "\n"
