"""One pulumiverse resource's state (inputs and outputs) in this package's shape.

Inputs are what the program declared: pulumiverse's inputs, in snake_case, with the class's own defaults
(``Configuration``: ``evaluation_version="v1"``), run through the provider's own ``check``, so they are
exactly what ``check`` makes of the same program written with this package. Outputs are what the provider
would have recorded from the API: pulumiverse's outputs (which the Terraform provider read from the API) in
the shape of each entity's ``_outputs``, with what Terraform does not keep filled in from the rest of the
stack (a flag's tags from its ``SettingTag`` s, a permission group's environments without access).
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pulumi.dynamic.dynamic
from pulumi.output import Unknown

from pulumi_configcat.migrate._secrets import OpaqueError, Secret, has_secret, opened
from pulumi_configcat.migrate._types import Kind
from pulumi_configcat.resources._base import ConfigCatProvider

__all__ = ["Context", "Converted", "RefusedError", "convert", "provider_blob", "snake"]

PROVIDER_KEY = "__provider"
_VALUE_CONTROLS = ("mandatory_notes", "init_only", "bypass_approval")


class RefusedError(ValueError):
    """A resource cannot be migrated; the message says which and why."""


@dataclass
class Context:
    """What the conversion of one resource may need to know of the others in the stack.

    Attributes:
        setting_tags: Tag ids attached to each setting id by the stack's ``SettingTag`` s.
        environments: Environment ids known to belong to each product id.
    """

    setting_tags: dict[str, list[str]] = field(default_factory=dict)
    environments: dict[str, set[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Converted:
    """A resource's new state.

    Attributes:
        inputs: The inputs, ``__provider`` included, secrets as :class:`Secret`.
        outputs: The outputs, likewise.
        notes: Things the user should know (one line each), e.g. a name pulumiverse generated.
    """

    inputs: dict[str, Any]
    outputs: dict[str, Any]
    notes: list[str]


def snake(name: str) -> str:
    """pulumiverse's camelCase property name in this package's snake_case (``canDisable2fa``:
    ``can_disable2fa``)."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _snake_value(value: Any) -> Any:
    """A nested value with object keys in snake_case and ``null`` attributes left out (as the bridge writes
    every attribute of a nested object, set or not)."""
    if isinstance(value, Mapping):
        return {
            snake(key): _snake_value(item)
            for key, item in value.items()
            if item is not None and not key.startswith("__")  # the bridge's "__defaults", nested too
        }
    if isinstance(value, list):
        return [_snake_value(item) for item in value]
    return value


_BLOBS: dict[type[ConfigCatProvider], str] = {}


def provider_blob(provider: type[ConfigCatProvider]) -> str:
    """The ``__provider`` value a resource of ``provider`` carries: what ``pulumi.dynamic.Resource`` pickles.

    The provider class pickles by reference and its instance as an empty state, and it asks for no secret
    wrapping (``serialize_as_secret_always = False``), so the blob is a plain, deterministic string.
    """
    if provider not in _BLOBS:
        batch, save = pickle._Pickler._batch_setitems, pickle._Pickler.save_dict  # type: ignore[attr-defined]
        try:
            _BLOBS[provider] = pulumi.dynamic.dynamic.serialize_provider(provider())
        finally:
            # The SDK patches these two and never restores them (see resources/_resource.py).
            pickle._Pickler._batch_setitems = batch  # type: ignore[attr-defined]
            pickle._Pickler.save_dict = save  # type: ignore[attr-defined]
    return _BLOBS[provider]


def _properties(
    urn: str, kind: Kind, state: Mapping[str, Any], allowed: set[str], what: str
) -> tuple[dict[str, Any], dict[str, Secret], set[str]]:
    """pulumiverse properties as this package's: plain values, carried ciphertexts, and the secret ones."""
    plain: dict[str, Any] = {}
    carried: dict[str, Secret] = {}
    secret: set[str] = set()
    for key, value in state.items():
        if key.startswith("__") or key == "id" or value is None:
            continue
        name = snake(key)
        if name not in allowed:
            raise RefusedError(
                f"{urn}: {what} {key!r} has no counterpart in {kind.resource.__name__} of pulumi_configcat"
            )
        if isinstance(value, Secret) and value.ciphertext is not None:
            if key in kind.reshaped:
                raise RefusedError(
                    f"{urn}: {what} {key!r} is encrypted and must be reshaped; export the stack with "
                    "`pulumi stack export --show-secrets` so that its plaintext is there "
                    "(`pulumi stack import` encrypts it again)"
                )
            carried[name] = value
            secret.add(name)
            continue
        if has_secret(value):
            secret.add(name)
            try:
                plain_value = opened(value)
            except OpaqueError:
                raise RefusedError(
                    f"{urn}: {what} {key!r} holds encrypted values inside; export the stack with "
                    "`pulumi stack export --show-secrets` so that their plaintext is there "
                    "(`pulumi stack import` encrypts it again)"
                ) from None
        else:
            plain_value = value
        plain[name] = plain_value if key in kind.user_keyed else _snake_value(plain_value)
    return plain, carried, secret


def convert(
    urn: str,
    kind: Kind,
    inputs: Mapping[str, Any],
    outputs: Mapping[str, Any],
    *,
    context: Context,
    external: bool = False,
) -> Converted:
    """One pulumiverse resource's inputs and outputs in this package's shape.

    Args:
        urn: Its URN (for messages; its last part is the resource name).
        kind: What it becomes.
        inputs: pulumiverse's inputs (secrets decoded as :class:`Secret`).
        outputs: pulumiverse's outputs, likewise.
        context: What is known of the rest of the stack.
        external: It is a lookup (``Product.get(...)``), whose only input is the provider blob.

    Returns:
        The new inputs and outputs, and notes for the user.

    Raises:
        RefusedError: Something cannot be mapped; the message names the URN and what.
    """
    provider_class = kind.resource._provider_class
    provider = provider_class()
    props = {prop.name for prop in provider.props}
    declared, carried, secret_in = _properties(urn, kind, {} if external else inputs, props, "input")
    given = {**kind.resource._defaults, **declared}
    # A carried ciphertext is checked as a value not known yet: it passes, and is put back afterwards.
    unknown = {key: Unknown() for key in carried}  # type: ignore[no-untyped-call]
    news: dict[str, Any] = {**given, **unknown}
    result = provider.check({}, news) if not external else pulumi.dynamic.CheckResult({}, [])
    if result.failures:
        reasons = "; ".join(failure.reason for failure in result.failures)
        raise RefusedError(f"{urn}: its inputs are not valid inputs of {kind.resource.__name__}: {reasons}")
    checked: dict[str, Any] = {
        key: value for key, value in (result.inputs or {}).items() if value is not None
    }
    new_inputs: dict[str, Any] = {}
    for key, value in checked.items():
        if key in carried:
            new_inputs[key] = carried[key]
        elif key in secret_in or (key in provider.secret_props and key in given):
            new_inputs[key] = Secret(value=value)
        else:
            new_inputs[key] = value
    new_inputs[PROVIDER_KEY] = provider_blob(provider_class)

    reported, carried_out, secret_out = _properties(
        urn, kind, outputs, props | set(provider.output_only), "output"
    )
    shape = _OUTPUT_SHAPES.get(kind.resource.__name__, _as_is)
    shaped = shape(reported, checked, context, str(outputs.get("id") or ""))
    new_outputs: dict[str, Any] = {}
    for key, value in {**shaped, **carried_out}.items():
        if value is None:
            continue
        if key in carried_out:
            new_outputs[key] = value
        elif key in secret_out or (key in provider.secret_props and value not in ([], {})):
            new_outputs[key] = Secret(value=value)
        else:
            new_outputs[key] = value
    new_outputs[PROVIDER_KEY] = new_inputs[PROVIDER_KEY]
    return Converted(
        dict(sorted(new_inputs.items())), dict(sorted(new_outputs.items())), _name_notes(urn, declared)
    )


def _name_notes(urn: str, declared: Mapping[str, Any]) -> list[str]:
    # pulumiverse auto-names (SetAutonaming): "<resource name>-<7 hex digits>". This package's default is
    # the resource name itself, so a program that leaves name out would rename the entity.
    name = urn.rsplit("::", 1)[-1]
    given = declared.get("name")
    if isinstance(given, str) and re.fullmatch(re.escape(name) + r"-[0-9a-f]{7}", given):
        return [
            f"{urn}: pulumiverse named it {given!r} (its auto-naming); declare name={given!r} in the "
            f"program, or the next `pulumi up` renames it to {name!r}"
        ]
    return []


Shape = Callable[[dict[str, Any], Mapping[str, Any], Context, str], dict[str, Any]]


def _as_is(
    reported: dict[str, Any], checked: Mapping[str, Any], context: Context, id_: str
) -> dict[str, Any]:
    del checked, context, id_
    return reported


def _setting(
    reported: dict[str, Any], checked: Mapping[str, Any], context: Context, id_: str
) -> dict[str, Any]:
    del checked
    return {
        **reported,
        "hint": reported.get("hint") or None,
        "is_json": reported.get("is_json", False),
        "predefined_variations": reported.get("predefined_variations", []),
        "tags": reported.get("tags", context.setting_tags.get(id_, [])),
    }


def _permission_group(
    reported: dict[str, Any], checked: Mapping[str, Any], context: Context, id_: str
) -> dict[str, Any]:
    del checked, id_
    # The Terraform provider keeps the environments with some access; the API (and this package's
    # outputs) list every environment of the product, "none" too, and only for a "custom" group.
    accesses: dict[str, str] = {}
    if reported.get("accesstype") == "custom":
        known = context.environments.get(str(reported.get("product_id", "")).lower(), set())
        accesses = dict.fromkeys(sorted(known), "none")
        accesses.update(
            {key.lower(): value for key, value in (reported.get("environment_accesses") or {}).items()}
        )
    return {**reported, "environment_accesses": accesses}


def _preferences(
    reported: dict[str, Any], checked: Mapping[str, Any], context: Context, id_: str
) -> dict[str, Any]:
    del checked, context, id_
    environments = reported.get("reason_required_environments") or {}
    return {**reported, "reason_required_environments": dict(environments)}


def _webhook(
    reported: dict[str, Any], checked: Mapping[str, Any], context: Context, id_: str
) -> dict[str, Any]:
    del checked, context, id_
    return {
        **reported,
        "content": reported.get("content") or None,
        "webhook_headers": reported.get("webhook_headers", []),
        "secure_webhook_headers": reported.get("secure_webhook_headers", []),
    }


def _integration(
    reported: dict[str, Any], checked: Mapping[str, Any], context: Context, id_: str
) -> dict[str, Any]:
    del checked, context, id_
    return {
        **reported,
        "parameters": reported.get("parameters", {}),
        "configs": reported.get("configs", []),
        "environments": reported.get("environments", []),
    }


def _controls(checked: Mapping[str, Any]) -> dict[str, Any]:
    return {name: checked[name] for name in _VALUE_CONTROLS if checked.get(name) is not None}


def _setting_value(
    reported: dict[str, Any], checked: Mapping[str, Any], context: Context, id_: str
) -> dict[str, Any]:
    del context, id_
    return {
        **{key: value for key, value in reported.items() if key not in _VALUE_CONTROLS},
        "rollout_rules": reported.get("rollout_rules", []),
        "percentage_items": reported.get("percentage_items", []),
        **_controls(checked),
    }


def _setting_value_v2(
    reported: dict[str, Any], checked: Mapping[str, Any], context: Context, id_: str
) -> dict[str, Any]:
    del context, id_
    rules = []
    for rule in reported.get("targeting_rules") or []:
        out: dict[str, Any] = {"conditions": rule.get("conditions") or []}
        if rule.get("percentage_options"):
            out["percentage_options"] = rule["percentage_options"]
        if rule.get("value"):
            out["value"] = rule["value"]
        rules.append(out)
    return {
        **{key: value for key, value in reported.items() if key not in _VALUE_CONTROLS},
        "targeting_rules": rules,
        **_controls(checked),
    }


_OUTPUT_SHAPES: dict[str, Shape] = {
    "Setting": _setting,
    "PermissionGroup": _permission_group,
    "ProductPreferences": _preferences,
    "Webhook": _webhook,
    "Integration": _integration,
    "SettingValue": _setting_value,
    "SettingValueV2": _setting_value_v2,
}
