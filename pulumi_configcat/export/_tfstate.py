"""Reading a Terraform state (format version 4) into the resources it holds, each with its address.

Only what the mapping needs: every managed resource instance with its address (``module.a.type.name[key]``
as Terraform prints it), type, provider, schema version, attributes and sensitive attribute paths. Anything
the format allows but a faithful mapping cannot take (another format version, flat attributes of a state
never upgraded, a deposed object) is a :class:`StateError` naming where it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Instance", "StateError", "TerraformState", "parse_state"]

STATE_FORMAT_VERSION = 4
# provider["registry.terraform.io/configcat/configcat"] (or registry.opentofu.org), with an alias
# (...configcat/configcat"].eu) or within a module (module.a.provider[...]).
_PROVIDER = re.compile(r'(?:^|\.)provider\["(?:[^"/]+/)?([^"/]+)/([^"/]+)"\](?:\.[A-Za-z0-9_-]+)?$')

Path = tuple[str | int, ...]


class StateError(ValueError):
    """The state cannot be mapped; the message says where and why."""


@dataclass(frozen=True)
class Instance:
    """One managed resource instance of the state.

    Attributes:
        address: Its address as Terraform prints it (``module.flags.configcat_setting.flag["beta"]``).
        type: The resource type (``configcat_setting``).
        name: The resource name in the configuration (``flag``).
        module: The module path (``module.flags``), empty in the root module.
        index_key: The ``count`` index or ``for_each`` key, if any.
        provider: The provider configuration address.
        schema_version: The provider's schema version the attributes were written in.
        attributes: The attributes, in the provider's schema.
        sensitive_paths: The attribute paths Terraform marked sensitive (``("parameters", "apikey")``).
    """

    address: str
    type: str
    name: str
    module: str
    index_key: int | str | None
    provider: str
    schema_version: int
    attributes: Mapping[str, Any]
    sensitive_paths: frozenset[Path] = frozenset()

    def provider_source(self) -> tuple[str, str] | None:
        """The provider's namespace and type (``("configcat", "configcat")``), None if unreadable."""
        found = _PROVIDER.search(self.provider)
        return (found.group(1), found.group(2)) if found else None


@dataclass
class TerraformState:
    """What a state holds: its identity and its managed resource instances, in the state's order.

    Attributes:
        terraform_version: The Terraform version that wrote it.
        serial: Its serial number.
        lineage: Its lineage.
        source: How to name it in messages (its file name).
        instances: The managed resource instances.
        data_sources: The addresses of data sources (read only, never mapped).
    """

    terraform_version: str
    serial: int
    lineage: str
    source: str = "the state"
    instances: list[Instance] = field(default_factory=list)
    data_sources: list[str] = field(default_factory=list)


def parse_state(text: str, *, source: str = "the state") -> TerraformState:
    """Parses a state file's text.

    Args:
        text: The file's content (``terraform.tfstate``, or ``terraform state pull``'s output).
        source: How to name it in errors.

    Returns:
        The state's managed instances and data source addresses.

    Raises:
        StateError: Not a Terraform state, another format version, or an instance that cannot be read
            faithfully (flat attributes, a deposed object, an unreadable sensitive path).

    Example::

        state = parse_state(Path("terraform.tfstate").read_text())
        print([instance.address for instance in state.instances])
    """
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise StateError(f"{source} is not JSON ({exc}); give a terraform.tfstate file") from None
    if not isinstance(document, dict) or "version" not in document:
        raise StateError(f"{source} is not a Terraform state (no format version)")
    version = document["version"]
    if version != STATE_FORMAT_VERSION:
        raise StateError(
            f"{source} has state format version {version!r}; only version {STATE_FORMAT_VERSION} (written by "
            "Terraform 0.12 and later, and OpenTofu) can be read: let a current Terraform upgrade it first "
            "(terraform refresh, then terraform state pull)"
        )
    resources = document.get("resources")
    resources = [] if resources is None else resources
    if not isinstance(resources, list):
        raise StateError(f"{source} is not a Terraform state ('resources' is not a list)")
    state = TerraformState(
        terraform_version=str(document.get("terraform_version") or "unknown"),
        serial=int(document.get("serial") or 0),
        lineage=str(document.get("lineage") or ""),
        source=source,
    )
    for position, resource in enumerate(resources):
        _add_resource(state, resource, f"{source}: resource {position + 1}")
    return state


def _add_resource(state: TerraformState, resource: Any, source: str) -> None:
    if not isinstance(resource, dict) or not {"mode", "type", "name"} <= resource.keys():
        # Its content is not shown: it may hold sensitive values.
        raise StateError(f"{source} has no mode, type and name")
    module = str(resource.get("module") or "")
    mode, type_, name = resource["mode"], str(resource["type"]), str(resource["name"])
    base = ".".join(part for part in (module, "data" if mode == "data" else "", type_, name) if part)
    for item in resource.get("instances") or []:
        key = item.get("index_key")
        if isinstance(key, float) and key.is_integer():
            key = int(key)
        address = base + _key_suffix(key)
        if mode == "data":
            state.data_sources.append(address)
            continue
        if mode != "managed":
            raise StateError(f"{address}: unknown resource mode {mode!r}")
        if item.get("deposed"):
            raise StateError(
                f"{address}: holds a deposed object ({item['deposed']}), left by an interrupted "
                "create-before-destroy replacement; finish it with terraform apply first"
            )
        attributes = item.get("attributes")
        if not isinstance(attributes, dict):
            raise StateError(
                f"{address}: has no JSON attributes (only the flat attributes of a state written by "
                "Terraform 0.11); let a current Terraform rewrite it first (terraform refresh)"
            )
        state.instances.append(
            Instance(
                address=address,
                type=type_,
                name=name,
                module=module,
                index_key=key,
                provider=str(resource.get("provider") or ""),
                schema_version=int(item.get("schema_version") or 0),
                attributes=attributes,
                sensitive_paths=_paths(item.get("sensitive_attributes") or [], address),
            )
        )


def _key_suffix(key: Any) -> str:
    if key is None:
        return ""
    if isinstance(key, int):
        return f"[{key}]"
    return "[" + json.dumps(str(key)) + "]"


def _paths(raw: Any, address: str) -> frozenset[Path]:
    """Terraform's sensitive paths: each a list of steps, ``{"type": "get_attr", "value": "url"}`` or
    ``{"type": "index", "value": {"value": 0, "type": "number"}}``."""
    paths: set[Path] = set()
    if not isinstance(raw, list):
        raise StateError(f"{address}: sensitive_attributes is not a list of paths")
    for steps in raw:
        path: list[str | int] = []
        for step in steps if isinstance(steps, list) else [None]:
            if isinstance(step, dict) and step.get("type") == "get_attr":
                path.append(str(step["value"]))
            elif (
                isinstance(step, dict) and step.get("type") == "index" and isinstance(step.get("value"), dict)
            ):
                index = step["value"].get("value")
                path.append(int(index) if isinstance(index, int | float) else str(index))
            else:
                # A sensitive value whose place cannot be told: writing it anywhere could expose it.
                raise StateError(f"{address}: cannot read the sensitive attribute path {steps!r}")
        paths.add(tuple(path))
    return frozenset(paths)
