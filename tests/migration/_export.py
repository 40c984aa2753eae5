"""pulumiverse state as ``pulumi stack export`` writes it, small enough to write by hand, for the
``migrate-state`` tests; and the reading of what comes out."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pulumi_configcat.migrate import migrate

SIG = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
ORG = "08df0000-0000-4000-8000-000000000001"
PRODUCT = "08df0000-0000-4000-8000-000000000002"
CONFIG = "08df0000-0000-4000-8000-000000000003"
ENV = "08df0000-0000-4000-8000-000000000004"
OTHER_ENV = "08df0000-0000-4000-8000-000000000005"
SEGMENT = "08df0000-0000-4000-8000-000000000006"
INTEGRATION = "08df0000-0000-4000-8000-000000000007"
PREFIX = "urn:pulumi:dev::shop::"
STACK_URN = PREFIX + "pulumi:pulumi:Stack::shop-dev"
PV_PROVIDER = PREFIX + "pulumi:providers:configcat::default_5_5_7"
PV_PROVIDER_ID = "0b5c1f52-54f4-4c5c-9a0e-3a59fe2b9e01"
META = '{"schema_version":"0"}'


@dataclass(frozen=True)
class Sealed:
    """A secret in an expected value: a plaintext secret holding ``value``."""

    value: Any


def opened_state(value: Any) -> Any:
    """A state value with each plaintext secret as :class:`Sealed` (ciphertexts left as they are)."""
    if isinstance(value, dict):
        if value.get(SIG) == SECRET_SIG and "plaintext" in value:
            return Sealed(json.loads(value["plaintext"]))
        return {key: opened_state(item) for key, item in value.items()}
    if isinstance(value, list):
        return [opened_state(item) for item in value]
    return value


def plaintext(value: Any) -> dict[str, str]:
    return {SIG: SECRET_SIG, "plaintext": json.dumps(value)}


def ciphertext(text: str) -> dict[str, str]:
    return {SIG: SECRET_SIG, "ciphertext": text}


def pv_resource(
    token: str, name: str, id_: str, inputs: dict[str, Any], outputs: dict[str, Any]
) -> dict[str, Any]:
    """A resource as pulumiverse's state holds it."""
    return {
        "urn": f"{PREFIX}{token}::{name}",
        "custom": True,
        "id": id_,
        "type": token,
        "inputs": inputs,
        "outputs": {"id": id_, **outputs},
        "parent": STACK_URN,
        "provider": f"{PV_PROVIDER}::{PV_PROVIDER_ID}",
        "propertyDependencies": {key: [] for key in inputs},
    }


def stack_export(*resources: dict[str, Any], provider: dict[str, Any] | None = None) -> dict[str, Any]:
    """An export holding the stack, pulumiverse's default provider and ``resources``."""
    default_provider = provider or {
        "urn": PV_PROVIDER,
        "custom": True,
        "id": PV_PROVIDER_ID,
        "type": "pulumi:providers:configcat",
        "inputs": {"basicAuthUsername": "user", "basicAuthPassword": ciphertext("v1:pw"), "version": "5.5.7"},
        "outputs": {
            "basicAuthUsername": "user",
            "basicAuthPassword": ciphertext("v1:pw"),
            "version": "5.5.7",
        },
    }
    return {
        "version": 3,
        "deployment": {
            "manifest": {"time": "2026-01-05T10:00:00Z", "magic": "", "version": "v3.274.1"},
            "secrets_providers": {"type": "passphrase", "state": {"salt": "v1:x"}},
            "resources": [
                {"urn": STACK_URN, "custom": False, "type": "pulumi:pulumi:Stack"},
                default_provider,
                *resources,
            ],
        },
    }


def migrated(export: dict[str, Any], name: str = "it") -> dict[str, Any]:
    migration = migrate(export)
    """The migrated resource named ``name``."""
    resource: dict[str, Any]
    (resource,) = [r for r in migration.export["deployment"]["resources"] if r["urn"].endswith(f"::{name}")]
    return resource


PRODUCT_TOKEN = "configcat:index/product:Product"
PRODUCT_IN = {"organizationId": ORG, "name": "Shop", "order": 1}


def product(name: str = "it", **changes: Any) -> dict[str, Any]:
    """A pulumiverse product (``changes`` replace fields of its state)."""
    resource = pv_resource(PRODUCT_TOKEN, name, PRODUCT, dict(PRODUCT_IN), dict(PRODUCT_IN))
    resource.update(changes)
    return resource
