"""Mapping a Terraform state's ``configcat_*`` resources to declarations (:mod:`._model`).

Each of the Terraform provider's 13 resource types becomes the resource of the same name in
``pulumiverse_configcat`` (which this package's classes carry): its attributes become the arguments of
the same names (``can_disable_2fa`` becomes ``can_disable2fa``, as pulumiverse spells it), ids of other
entities in the state become :class:`Ref`, and the import id is the Terraform id. Sensitive values are
never written: secure webhook header values, integration parameters and whatever else the state marks
sensitive become :class:`Secret` reads. What cannot be mapped faithfully is refused with the resource's
address: a ``configcat_*`` type this does not know, another provider's resource of that name, a schema
version or an attribute this does not know (with a value), a sensitive value that is not a string.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from pulumi_configcat.export._model import Constant, Declaration, Program, Ref, Secret
from pulumi_configcat.export._reader import _config_key
from pulumi_configcat.export._terraform_types import (
    ID_ATTRIBUTES,
    ID_KEYED_MAPS,
    ID_LISTS,
    KIND_ORDER,
    PROVIDER_SOURCE,
    TERRAFORM_TYPES,
)
from pulumi_configcat.export._tfstate import Instance, Path, StateError, TerraformState

__all__ = ["map_state"]


def map_state(state: TerraformState, *, command: str) -> Program:
    """The program that declares and adopts every ``configcat_*`` resource of ``state``.

    Args:
        state: The parsed state.
        command: How the program was made, for its opening comment.

    Returns:
        The declarations in an order in which every reference points backwards.

    Raises:
        StateError: Something cannot be mapped; the message names every resource address concerned.

    Example::

        program = map_state(parse_state(text), command="pulumi-configcat from-terraform terraform.tfstate")
    """
    instances = [instance for instance in state.instances if instance.type.startswith("configcat_")]
    problems = [problem for instance in instances for problem in _refusals(instance)]
    if problems:
        raise StateError("cannot map " + "; ".join(problems))
    if not instances:
        raise StateError(
            f"{state.source} holds no configcat_* resources (data sources are not mapped), so there is "
            "nothing to declare"
        )
    mapper = _Mapper(instances)
    declarations = [mapper.declare(instance) for instance in instances]
    organizations = {
        d.inputs["organization_id"] for d in declarations if isinstance(d.inputs.get("organization_id"), str)
    }
    constants: dict[str, str] = {}
    if len(organizations) == 1:
        (organization,) = organizations
        constants["organization_id"] = organization
        declarations = [
            replace(d, inputs={**d.inputs, "organization_id": Constant("organization_id")})
            if d.inputs.get("organization_id") == organization
            else d
            for d in declarations
        ]
    others = sorted({i.type for i in state.instances if not i.type.startswith("configcat_")})
    summary = [
        f"The ConfigCat entities of a Terraform state, written by `{command}`",
        f"(state serial {state.serial}, lineage {state.lineage or '-'}, "
        f"Terraform {state.terraform_version}).",
        "",
        "The first `pulumi up` adopts every entity below (ResourceOptions(import_=...)) instead of",
        "creating it; each resource is named after its Terraform address. Afterwards remove the resources",
        "from Terraform without destroying them (`terraform state rm <address>` for each, or a `removed`",
        "block) so that the two tools do not both manage them.",
    ]
    if others:
        summary += ["", "Not ConfigCat entities, so not declared here: " + ", ".join(others) + "."]
    return Program(
        summary=summary,
        declarations=mapper.order(declarations),
        constants=constants,
        secrets_note=[
            "Sensitive values (secure webhook header values, integration parameters, anything the state",
            "marks sensitive) are never written here. Set each as a stack configuration secret, with the",
            "value the Terraform state holds (`terraform show -json` prints it), before the first",
            "`pulumi up`:",
        ],
    )


def _refusals(instance: Instance) -> list[str]:
    """Why ``instance`` cannot be mapped, each naming its address; empty if it can."""
    mapping = TERRAFORM_TYPES.get(instance.type)
    if mapping is None:
        known = ", ".join(sorted(TERRAFORM_TYPES))
        return [f"{instance.address}: unknown resource type {instance.type!r} (known: {known})"]
    source = instance.provider_source()
    if source != PROVIDER_SOURCE:
        return [
            f"{instance.address}: belongs to provider {instance.provider or '(none)'}, not to "
            "configcat/configcat"
        ]
    if instance.schema_version != mapping.schema_version:
        return [
            f"{instance.address}: written in schema version {instance.schema_version} of the provider, "
            f"which this does not know (it reads version {mapping.schema_version})"
        ]
    unknown = [
        name
        for name, value in instance.attributes.items()
        if name not in mapping.attributes and name not in mapping.computed and value not in (None, [], {})
    ]
    if unknown:
        return [f"{instance.address}: attributes this does not know: {', '.join(sorted(unknown))}"]
    return []


def _words(instance: Instance) -> str:
    """The instance's address as words for names: module names, resource name, index key."""
    modules = re.findall(r"module\.([A-Za-z0-9_-]+)", instance.module)
    key = "" if instance.index_key is None else str(instance.index_key)
    return " ".join(part for part in (*modules, instance.name, key) if part)


class _Mapper:
    def __init__(self, instances: list[Instance]) -> None:
        # (kind, id in lower case) -> address, for references.
        self.ids: dict[tuple[str, str], str] = {}
        # predefined variation id -> (flag's address, position), for values that name one.
        self.variations: dict[str, tuple[str, int]] = {}
        self.secret_keys: set[str] = set()
        # address -> position of its kind in KIND_ORDER
        self.kinds: dict[str, int] = {}
        names: dict[str, set[str]] = {}
        for instance in instances:
            mapping = TERRAFORM_TYPES[instance.type]
            self.kinds[instance.address] = KIND_ORDER.index(mapping.kind)
            self.ids[(mapping.kind, str(instance.attributes.get("id")).lower())] = instance.address
            names.setdefault(_words(instance), set()).add(mapping.kind)
            for index, variation in enumerate(instance.attributes.get("predefined_variations") or []):
                if variation.get("predefined_variation_id"):
                    self.variations[str(variation["predefined_variation_id"])] = (instance.address, index)
        # A name two kinds share (configcat_product.main, configcat_config.main) gets its kind added.
        self.ambiguous = {words for words, kinds in names.items() if len(kinds) > 1}
        self.depends_on: dict[str, set[str]] = {}

    def declare(self, instance: Instance) -> Declaration:
        mapping = TERRAFORM_TYPES[instance.type]
        defaults = mapping.defaults()
        inputs: dict[str, Any] = {}
        for attribute in mapping.attributes:
            value = instance.attributes.get(attribute)
            name = mapping.renames.get(attribute, attribute)
            if value is None or value in ([], {}) or (name != "name" and value == defaults.get(name)):
                continue
            value = self._value(instance, (attribute,), value)
            if value not in ([], {}):
                inputs[name] = value
        words = _words(instance)
        if words in self.ambiguous:
            words += " " + mapping.kind.replace("_", " ")
        if mapping.kind == "value":
            self._note_prerequisites(instance, inputs)
        return Declaration(
            key=instance.address,
            class_name=mapping.resource.__name__,
            name_hint=words,
            import_id=str(instance.attributes["id"]),
            inputs=inputs,
            comment=instance.address,
        )

    def _value(self, instance: Instance, path: Path, value: Any) -> Any:
        """A Terraform value as an argument value: nulls out, ids as references, sensitive as secrets."""
        name = next((step for step in reversed(path) if isinstance(step, str)), "")
        is_id = name in ID_ATTRIBUTES and isinstance(value, str | int) and path[-1] == name
        if is_id and isinstance(self._ref(ID_ATTRIBUTES[name], str(value)), Ref):
            # Another entity of the program: a reference writes no value, sensitive or not.
            return self._ref(ID_ATTRIBUTES[name], str(value))
        if self._sensitive(instance, path):
            return self._secret(instance, path, value)
        if isinstance(value, dict):
            if name in ID_KEYED_MAPS:
                return {
                    self._ref(ID_KEYED_MAPS[name], key): self._value(instance, (*path, key), item)
                    for key, item in value.items()
                    if not (name == "reason_required_environments" and item is False)
                }
            if name == "parameters":
                return {key: self._value(instance, (*path, key), item) for key, item in value.items()}
            mapped = {
                key: self._value(instance, (*path, key), item)
                for key, item in value.items()
                if item is not None and item not in ([], {}) and not _empty_rule_field(path, key, item)
            }
            if "predefined_variation_id" in mapped and name != "predefined_variations":
                return {"predefined_variation_id": self._variation(str(mapped["predefined_variation_id"]))}
            if name == "predefined_variations":
                mapped.pop("predefined_variation_id", None)
            return mapped
        if isinstance(value, list):
            if name in ID_LISTS:
                return [self._ref(ID_LISTS[name], str(item)) for item in value]
            return [self._value(instance, (*path, index), item) for index, item in enumerate(value)]
        return value

    def _sensitive(self, instance: Instance, path: Path) -> bool:
        # Always secret, whatever the state says: secure header values and integration parameters.
        if instance.type == "configcat_webhook" and path[0] == "secure_webhook_headers":
            return path[-1] == "value" or self._marked(instance, path)
        if instance.type == "configcat_integration" and path[0] == "parameters" and len(path) == 2:
            return True
        return self._marked(instance, path)

    @staticmethod
    def _marked(instance: Instance, path: Path) -> bool:
        return any(path[: len(marked)] == marked for marked in instance.sensitive_paths)

    def _secret(self, instance: Instance, path: Path, value: Any) -> Secret | dict[str, Any] | list[Any]:
        if isinstance(value, dict):
            return {key: self._secret(instance, (*path, key), item) for key, item in value.items()}
        if isinstance(value, list):
            return [self._secret(instance, (*path, index), item) for index, item in enumerate(value)]
        if not isinstance(value, str):
            shown = ".".join(str(step) for step in path)
            raise StateError(
                f"cannot map {instance.address}: {shown} is sensitive but not a string, so it cannot be read "
                "from a configuration secret"
            )
        if path[0] == "secure_webhook_headers":
            header = str(instance.attributes["secure_webhook_headers"][path[1]]["key"])
            words: tuple[str, ...] = ("webhook", _words(instance), header)
            purpose = f"secure header {header!r} of {instance.address}"
        elif path[0] == "parameters":
            words = (_words(instance), str(path[1]))
            purpose = f"parameter {path[1]!r} of {instance.address}"
        else:
            words = (_words(instance), *(str(step) for step in path))
            purpose = f"{'.'.join(str(step) for step in path)} of {instance.address}"
        base = _config_key(*words)
        key, counter = base, 2
        while key.casefold() in self.secret_keys:
            key, counter = f"{base}{counter}", counter + 1
        self.secret_keys.add(key.casefold())
        return Secret(key, purpose)

    def _ref(self, kind: str, id_: str) -> Ref | str:
        address = self.ids.get((kind, id_.lower()))
        return Ref(address) if address else id_

    def _variation(self, variation_id: str) -> Ref | str:
        found = self.variations.get(variation_id)
        return Ref(found[0], variation=found[1]) if found else variation_id

    def _note_prerequisites(self, instance: Instance, inputs: Mapping[str, Any]) -> None:
        """A flag comes after, and depends on, the flags its values have as prerequisites: ConfigCat refuses
        to delete a flag that is another's prerequisite, so a destroy deletes the other first."""
        flag = inputs.get("setting_id")
        if not isinstance(flag, Ref):
            return
        for ref in _prerequisites(inputs.get("targeting_rules")):
            if ref.target != flag.target:
                self.depends_on.setdefault(flag.target, set()).add(ref.target)

    def order(self, declarations: list[Declaration]) -> list[Declaration]:
        """Kinds in dependency order, the state's order within a kind; every reference backwards."""
        by_key = {
            d.key: replace(d, depends_on=tuple(sorted(self.depends_on.get(d.key, ())))) for d in declarations
        }
        pending = sorted(by_key, key=lambda key: self.kinds[key])
        ordered: list[Declaration] = []
        placed: set[str] = set()

        def place(key: str, seen: tuple[str, ...]) -> None:
            if key in placed or key not in by_key:
                return
            if key in seen:
                raise StateError(f"cannot map {key}: it refers to itself through {' -> '.join(seen)}")
            declaration = by_key[key]
            for target in sorted(_targets(declaration), key=pending.index):
                place(target, (*seen, key))
            placed.add(key)
            ordered.append(declaration)

        for key in pending:
            place(key, ())
        return ordered


def _empty_rule_field(path: Path, key: str, item: Any) -> bool:
    """A V1 rule's fields of the other family, which Terraform keeps as ``""``."""
    return path[0] == "rollout_rules" and item == "" and key != "value"


def _targets(declaration: Declaration) -> set[str]:
    found = set(declaration.depends_on)

    def walk(value: Any) -> None:
        if isinstance(value, Ref):
            found.add(value.target)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(declaration.inputs)
    found.discard(declaration.key)
    return found


def _prerequisites(value: Any) -> Iterable[Ref]:
    if isinstance(value, dict):
        prerequisite = value.get("prerequisite_setting_id")
        if isinstance(prerequisite, Ref):
            yield prerequisite
        for item in value.values():
            yield from _prerequisites(item)
    elif isinstance(value, list):
        for item in value:
            yield from _prerequisites(item)
