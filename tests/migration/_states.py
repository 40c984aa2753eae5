"""Small Terraform states in the provider's exact layout, for the tests of single shapes."""

from __future__ import annotations

from typing import Any

ORG = "08d86d63-2721-4da6-8c06-584521d516bc"
P1 = "08dc0000-0000-4000-8000-000000000001"
P2 = "08dc0000-0000-4000-8000-000000000002"


def resource(type_: str, name: str, attributes: dict[str, Any], **instance: Any) -> dict[str, Any]:
    """A managed configcat resource with one instance (``instance``: more instance fields)."""
    return {
        "mode": "managed",
        "type": type_,
        "name": name,
        "provider": 'provider["registry.terraform.io/configcat/configcat"]',
        "instances": [
            {"schema_version": 0, "attributes": attributes, "sensitive_attributes": [], **instance}
        ],
    }


def state(*resources: dict[str, Any]) -> dict[str, Any]:
    """A format version 4 state holding ``resources``."""
    return {
        "version": 4,
        "terraform_version": "1.9.8",
        "serial": 1,
        "lineage": "l",
        "outputs": {},
        "resources": list(resources),
    }


def product(name: str, product_id: str, org: str = ORG, **extra: Any) -> dict[str, Any]:
    """A ``configcat_product`` named ``name``."""
    attributes = {"id": product_id, "organization_id": org, "name": name, "description": None, "order": 0}
    return resource("configcat_product", name, attributes, **extra)
