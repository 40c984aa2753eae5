"""A whole ``pulumi stack export`` rewritten: pulumiverse_configcat's resources become this package's.

Besides each resource's own state (see :mod:`._convert`), what names resources changes with them: their
URNs (the type is part of a URN, and of the URNs of their children), and every reference to those URNs in the
deployment (``parent``, ``dependencies``, ``propertyDependencies``, ``aliases``, ``deletedWith``). Their
provider becomes the stack's default ``pulumi-python`` provider, added when the stack has none; pulumiverse's
default provider entries go. An explicit pulumiverse provider becomes this package's ``Provider`` component of
the same name, and the resources on it carry its account (see :mod:`._providers`).
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_configcat.migrate._convert import Context, RefusedError, convert, snake
from pulumi_configcat.migrate._providers import Account, account_of, component_of, component_urn
from pulumi_configcat.migrate._secrets import Secret, decode, encode
from pulumi_configcat.migrate._types import PROVIDER_TYPE, TYPES, dynamic_type

__all__ = ["Migration", "migrate"]

PYTHON_PROVIDER_TYPE = "pulumi:providers:pulumi-python"
_PACKAGE_PREFIX = "configcat:"


@dataclass(frozen=True)
class Migration:
    """The result of :func:`migrate`.

    Attributes:
        export: The new export, for ``pulumi stack import``.
        migrated: The URNs of the resources migrated, old to new.
        notes: What the user should know, one line each.
    """

    export: dict[str, Any]
    migrated: dict[str, str]
    notes: list[str]


def _name(urn: str) -> str:
    return urn.rsplit("::", 1)[-1]


def _type_chain(urn: str) -> str:
    return urn.split("::")[2]


def _is_default_provider(urn: str) -> bool:
    # Default providers are named "default", or "default_<version>" when a version was asked for.
    name = _name(urn)
    return name == "default" or name.startswith("default_")


def _context(resources: list[dict[str, Any]]) -> Context:
    context = Context()
    for resource in resources:
        outputs = resource.get("outputs") or {}
        type_ = resource.get("type")
        if type_ == "configcat:index/settingTag:SettingTag":
            setting, tag = outputs.get("settingId"), outputs.get("tagId")
            if isinstance(setting, str) and isinstance(tag, str):
                context.setting_tags.setdefault(setting, []).append(tag)
        elif type_ == "configcat:index/environment:Environment":
            product, id_ = outputs.get("productId"), resource.get("id")
            if isinstance(product, str) and isinstance(id_, str):
                context.environments.setdefault(product.lower(), set()).add(id_.lower())
        elif type_ == "configcat:index/productPreferences:ProductPreferences":
            product, environments = outputs.get("productId"), outputs.get("reasonRequiredEnvironments")
            if isinstance(product, str) and isinstance(environments, Mapping):
                context.environments.setdefault(product.lower(), set()).update(
                    k.lower() for k in environments
                )
    for tags in context.setting_tags.values():
        tags.sort(key=lambda tag: (len(tag), tag))
    return context


def _new_urn(urn: str) -> str:
    parts = urn.split("::")
    if len(parts) < 4:
        return urn
    chain = [
        dynamic_type(TYPES[token].resource) if token in TYPES else token for token in parts[2].split("$")
    ]
    return "::".join([*parts[:2], "$".join(chain), *parts[3:]])


def _accounts(resources: list[dict[str, Any]], errors: list[str]) -> dict[str, Account]:
    """The account of each explicit pulumiverse provider, by its URN (refusals added to ``errors``)."""
    accounts: dict[str, Account] = {}
    for resource in resources:
        urn = str(resource.get("urn"))
        if resource.get("type") == PROVIDER_TYPE and not _is_default_provider(urn):
            try:
                accounts[urn] = account_of(resource)
            except (RefusedError, ValueError) as refused:
                errors.append(str(refused))
    return accounts


def _check_refusals(resources: list[dict[str, Any]], pending: list[Any]) -> dict[str, Account]:
    errors: list[str] = []
    accounts = _accounts(resources, errors)
    explicit = {str(r.get("urn")) for r in resources if r.get("type") == PROVIDER_TYPE} - {
        str(r.get("urn")) for r in resources if _is_default_provider(str(r.get("urn")))
    }
    for resource in resources:
        urn, type_ = str(resource.get("urn")), str(resource.get("type"))
        if type_ == PROVIDER_TYPE:
            continue
        if not type_.startswith(_PACKAGE_PREFIX):
            continue
        if type_ not in TYPES:
            errors.append(f"{urn}: pulumiverse type {type_} is not one this command knows")
            continue
        provider = str(resource.get("provider") or "")
        provider_urn = provider.rsplit("::", 1)[0]
        if provider and not _is_default_provider(provider_urn) and provider_urn not in explicit:
            errors.append(f"{urn}: its provider {provider_urn} is not in the export")
        elif provider_urn in explicit and provider_urn not in accounts:
            errors.append(f"{urn}: it uses the explicit pulumiverse provider {provider_urn}, refused above")
        if resource.get("delete"):
            errors.append(f"{urn}: marked for deletion by an unfinished replacement; run `pulumi up` first")
        if not resource.get("id"):
            errors.append(f"{urn}: it has no id (never created, or a failed create); run `pulumi up` first")
        if not resource.get("custom", True):
            errors.append(f"{urn}: not a custom resource")
    for operation in pending:
        type_ = str((operation.get("resource") or {}).get("type", ""))
        if type_.startswith(_PACKAGE_PREFIX) or type_ == PROVIDER_TYPE:
            urn = str((operation.get("resource") or {}).get("urn"))
            errors.append(
                f"{urn}: a pending {operation.get('type', '')} operation; resolve it first "
                "(`pulumi refresh` or `pulumi cancel`)"
            )
    if errors:
        raise RefusedError("\n".join(errors))
    return accounts


def migrate(export: Mapping[str, Any], stack_config: Mapping[str, Any] | None = None) -> Migration:
    """Rewrites a ``pulumi stack export`` so that pulumiverse_configcat's resources are this package's.

    Args:
        export: The export, as ``json.load`` reads it (``{"version": 3, "deployment": {...}}``).
        stack_config: ``pulumi config --json --show-secrets`` of the stack. Where the stack has no
            ``pulumi-python`` provider yet, the one made holds exactly this configuration, as the engine hands
            a dynamic provider the whole stack configuration; without it, the ``configcat:`` keys of
            pulumiverse's provider.

    Returns:
        The new export, the URNs it changed and notes for the user.

    Raises:
        RefusedError: Anything cannot be mapped; the message names each resource (by URN) and why. Nothing
            is returned then, so nothing is written.
    """
    if export.get("version") != 3 or not isinstance(export.get("deployment"), Mapping):
        raise RefusedError(
            'not the output of `pulumi stack export`: expected {"version": 3, "deployment": {...}}'
        )
    result = copy.deepcopy(dict(export))
    deployment = result["deployment"]
    resources: list[dict[str, Any]] = list(deployment.get("resources") or [])
    accounts = _check_refusals(resources, list(deployment.get("pending_operations") or []))
    migrating = [resource for resource in resources if resource["type"] in TYPES]
    if not migrating:
        raise RefusedError("no pulumiverse_configcat resource in this stack: nothing to migrate")

    renamed = _renamed(resources, accounts)
    # pulumiverse's default providers go; explicit ones become Provider components.
    dropped = [r for r in resources if r["type"] == PROVIDER_TYPE and r["urn"] not in accounts]
    python_provider = _python_provider(resources, dropped, stack_config)
    provider_ref = f"{python_provider['urn']}::{python_provider['id']}"
    context = _context(resources)
    notes: list[str] = [note for account in accounts.values() for note in account.notes]
    if stack_config is None and not any(resource is python_provider for resource in resources):
        notes.append(
            f"{python_provider['urn']}: added with pulumiverse's provider configuration (configcat:*); if "
            "the stack has other configuration, the next `pulumi up` records it there (nothing is sent to "
            "ConfigCat): give --stack-config to have it exact"
        )
    out: list[dict[str, Any]] = []
    errors: list[str] = []
    placed = False
    for resource in resources:
        if resource is python_provider or (resource["type"] in TYPES and not placed):
            # The provider stands before the first resource that uses it.
            if not placed:
                out.append(python_provider)
                placed = True
            if resource is python_provider:
                continue
        if resource["type"] == PROVIDER_TYPE:
            if resource["urn"] in accounts:
                out.append(_relinked(component_of(resource), renamed))
            continue
        state = resource
        if resource["type"] in TYPES:
            account = accounts.get(str(resource.get("provider") or "").rsplit("::", 1)[0])
            try:
                state = _migrated(resource, context, provider_ref, notes, account)
            except RefusedError as refused:
                errors.append(str(refused))
                continue
        out.append(_relinked(state, renamed))
    if errors:
        raise RefusedError("\n".join(errors))
    dropped_urns = {r["urn"] for r in dropped}
    for resource in out:
        if "dependencies" in resource:
            resource["dependencies"] = [d for d in resource["dependencies"] if d not in dropped_urns]
    deployment["resources"] = out
    return Migration(result, {r["urn"]: renamed[r["urn"]] for r in migrating}, notes)


def _renamed(resources: list[dict[str, Any]], accounts: Mapping[str, Account]) -> dict[str, str]:
    """The new URN of each resource whose URN changes, old to new; refused when one is taken already."""
    renamed = {
        resource["urn"]: _new_urn(resource["urn"])
        for resource in resources
        if _new_urn(resource["urn"]) != resource["urn"]
    }
    renamed.update({urn: component_urn(urn) for urn in accounts})
    existing = {resource["urn"] for resource in resources} - set(renamed)
    clashes = sorted(new for new in renamed.values() if new in existing)
    if clashes:
        raise RefusedError(
            "\n".join(
                f"{urn}: a resource with this URN exists already beside the one migrated" for urn in clashes
            )
        )

    return renamed


def _python_provider(
    resources: list[dict[str, Any]], dropped: list[dict[str, Any]], stack_config: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The stack's default ``pulumi-python`` provider; when it has none, one made with the stack's
    configuration (or pulumiverse's provider's, under the ``configcat:`` keys)."""
    for resource in resources:
        if (
            resource["type"] == PYTHON_PROVIDER_TYPE
            and _name(resource["urn"]) == "default"
            and not resource.get("delete")
        ):
            return resource
    stack = next((r for r in resources if r["type"] == "pulumi:pulumi:Stack"), None)
    template = dropped[0] if dropped else stack or resources[0]
    parts = template["urn"].split("::")
    config: dict[str, Any] = {}
    if stack_config is not None:
        config = _provider_config(stack_config)
    else:
        for provider in dropped:
            for key, value in (provider.get("inputs") or {}).items():
                if key != "version" and not key.startswith("__"):
                    config[f"configcat:{key}"] = value
    config = dict(sorted(config.items()))
    return {
        "urn": "::".join([*parts[:2], PYTHON_PROVIDER_TYPE, "default"]),
        "custom": True,
        "id": str(uuid.uuid4()),
        "type": PYTHON_PROVIDER_TYPE,
        "inputs": config,
        "outputs": copy.deepcopy(config),
        **{key: template[key] for key in ("created", "modified") if key in template},
    }


def _provider_config(stack_config: Mapping[str, Any]) -> dict[str, Any]:
    """``pulumi config --json --show-secrets`` as a dynamic provider's inputs: each key with its value as a
    string, secrets as plaintext secrets (which ``pulumi stack import`` encrypts)."""
    config: dict[str, Any] = {}
    for key, entry in stack_config.items():
        if not isinstance(entry, Mapping) or not isinstance(entry.get("value"), str):
            raise RefusedError(
                f"stack configuration {key!r} has no value: give `pulumi config --json --show-secrets`"
            )
        value = entry["value"]
        config[key] = encode(Secret(value=value)) if entry.get("secret") else value
    return config


def _migrated(
    resource: dict[str, Any], context: Context, provider_ref: str, notes: list[str], account: Account | None
) -> dict[str, Any]:
    kind = TYPES[resource["type"]]
    urn = resource["urn"]
    converted = convert(
        urn,
        kind,
        decode(resource.get("inputs") or {}),
        {**decode(resource.get("outputs") or {}), "id": resource.get("id")},
        context=context,
        external=bool(resource.get("external")),
    )
    notes.extend(converted.notes)
    new = dict(resource)
    new["type"] = dynamic_type(kind.resource)
    new["inputs"] = encode(converted.inputs)
    new["outputs"] = encode(converted.outputs)
    if account is not None:
        # The explicit provider's account, as a resource given this package's Provider carries it.
        new["inputs"].update(account.hidden)
        new["outputs"].update(account.hidden)
    new["provider"] = provider_ref
    new.pop("importID", None)
    old_dependencies = resource.get("propertyDependencies") or {}
    by_name = {snake(key): list(value or []) for key, value in old_dependencies.items()}
    if not resource.get("external"):
        new["propertyDependencies"] = {key: by_name.get(key, []) for key in new["inputs"]}
    for option in ("ignoreChanges", "replaceOnChanges"):
        if resource.get(option):
            new[option] = [snake(path) for path in resource[option]]
    secret_props = kind.resource._provider_class.secret_props
    if secret_props:
        new["additionalSecretOutputs"] = list(secret_props)
    else:
        new.pop("additionalSecretOutputs", None)
    return new


def _relinked(resource: dict[str, Any], renamed: Mapping[str, str]) -> dict[str, Any]:
    def new(urn: Any) -> Any:
        return renamed.get(urn, urn) if isinstance(urn, str) else urn

    out = dict(resource)
    out["urn"] = new(resource["urn"])
    for key in ("parent", "deletedWith"):
        if key in out:
            out[key] = new(out[key])
    if "dependencies" in out:
        out["dependencies"] = [new(urn) for urn in out["dependencies"] or []]
    if "aliases" in out:
        # Former URNs of the resource, which name pulumiverse's types too (and need not exist any more).
        out["aliases"] = [_new_urn(urn) if isinstance(urn, str) else urn for urn in out["aliases"] or []]
    if "propertyDependencies" in out:
        out["propertyDependencies"] = {
            key: [new(urn) for urn in urns or []] for key, urns in out["propertyDependencies"].items()
        }
    return out
