"""Every input limit and enum the providers check is the one the OpenAPI spec states, so they cannot drift.

Each input that the API constrains is paired with the request schema field it is sent as; the test compares
the kind's limits (lengths, choices) with that field's ``minLength``, ``maxLength`` and ``enum``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pulumi_configcat.resources._base import ConfigCatProvider
from pulumi_configcat.resources._props import Choice, Kind, MapOf, Text
from pulumi_configcat.resources.configs import ConfigProvider
from pulumi_configcat.resources.environments import EnvironmentProvider
from pulumi_configcat.resources.integrations import IntegrationProvider
from pulumi_configcat.resources.permission_groups import PermissionGroupProvider
from pulumi_configcat.resources.preferences import ProductPreferencesProvider
from pulumi_configcat.resources.products import ProductProvider
from pulumi_configcat.resources.proxy_profiles import ProxyProfileProvider
from pulumi_configcat.resources.segments import SegmentProvider
from pulumi_configcat.resources.tags import TagProvider

SPEC_PATH = Path(__file__).resolve().parents[2] / "pulumi_configcat" / "testing" / "openapi.json"
SCHEMAS: dict[str, Any] = json.loads(SPEC_PATH.read_text())["components"]["schemas"]

# (provider, input, request schema, field): the create schema, where the API's limits for a field live.
SENT_AS: list[tuple[type[ConfigCatProvider], str, str, str]] = [
    (ProductProvider, "name", "CreateProductRequest", "name"),
    (ProductProvider, "description", "CreateProductRequest", "description"),
    (ConfigProvider, "name", "CreateConfigRequest", "name"),
    (ConfigProvider, "description", "CreateConfigRequest", "description"),
    (ConfigProvider, "evaluation_version", "CreateConfigRequest", "evaluationVersion"),
    (EnvironmentProvider, "name", "CreateEnvironmentModel", "name"),
    (EnvironmentProvider, "description", "CreateEnvironmentModel", "description"),
    (EnvironmentProvider, "color", "CreateEnvironmentModel", "color"),
    (TagProvider, "name", "CreateTagModel", "name"),
    (TagProvider, "color", "CreateTagModel", "color"),
    (SegmentProvider, "name", "CreateSegmentModel", "name"),
    (SegmentProvider, "description", "CreateSegmentModel", "description"),
    (SegmentProvider, "comparison_attribute", "CreateSegmentModel", "comparisonAttribute"),
    (SegmentProvider, "comparator", "CreateSegmentModel", "comparator"),
    (SegmentProvider, "comparison_value", "CreateSegmentModel", "comparisonValue"),
    (PermissionGroupProvider, "name", "CreatePermissionGroupRequest", "name"),
    (PermissionGroupProvider, "accesstype", "CreatePermissionGroupRequest", "accessType"),
    (
        PermissionGroupProvider,
        "new_environment_accesstype",
        "CreatePermissionGroupRequest",
        "newEnvironmentAccessType",
    ),
    (ProductPreferencesProvider, "key_generation_mode", "UpdatePreferencesRequest", "keyGenerationMode"),
    (IntegrationProvider, "name", "CreateIntegrationModel", "name"),
    (IntegrationProvider, "integration_type", "CreateIntegrationModel", "integrationType"),
    (ProxyProfileProvider, "name", "CreateOrUpdateProxyProfileRequest", "name"),
    (ProxyProfileProvider, "description", "CreateOrUpdateProxyProfileRequest", "description"),
    (ProxyProfileProvider, "webhook_proxy_url", "CreateOrUpdateWebhookNotification", "webhookProxyUrl"),
]
# Texts that are the program's own and never sent.
NOT_SENT = {(ProxyProfileProvider, "secret_rotation")}


def _field(schema: str, field: str) -> dict[str, Any]:
    spec = dict(SCHEMAS[schema]["properties"][field])
    for ref in [spec.get("$ref"), *(item.get("$ref") for item in spec.get("allOf", []))]:
        if ref:
            spec.update(SCHEMAS[ref.rsplit("/", 1)[1]])
    return spec


def _kind(provider: type[ConfigCatProvider], name: str) -> Kind:
    (prop,) = [prop for prop in provider.props if prop.name == name]
    return prop.kind


@pytest.mark.parametrize(
    ("provider", "name", "schema", "field"), SENT_AS, ids=[f"{p.entity}.{n}" for p, n, _, _ in SENT_AS]
)
def test_limits_are_the_spec_limits(
    provider: type[ConfigCatProvider], name: str, schema: str, field: str
) -> None:
    kind, spec = _kind(provider, name), _field(schema, field)
    if "enum" in spec:
        assert isinstance(kind, Choice)
        assert set(kind.choices) == set(spec["enum"])
    else:
        assert isinstance(kind, Text)
        assert kind.min_length == spec.get("minLength", 0)
        assert kind.max_length == spec.get("maxLength")


def test_environment_access_values_are_the_spec_enum() -> None:
    kind = _kind(PermissionGroupProvider, "environment_accesses")
    assert isinstance(kind, MapOf)
    assert isinstance(kind.values, Choice)
    # "none" too: an environment left out has the access new_environment_accesstype grants, so "none" is
    # how a program keeps one environment out while new ones get access.
    assert set(kind.values.choices) == set(SCHEMAS["EnvironmentAccessType"]["enum"])


def test_every_checked_text_and_choice_is_paired_with_the_spec() -> None:
    providers = {provider for provider, _, _, _ in SENT_AS}
    paired = {(provider, name) for provider, name, _, _ in SENT_AS}
    constrained = {
        (provider, prop.name)
        for provider in providers
        for prop in provider.props
        if isinstance(prop.kind, Text | Choice)
    }
    assert constrained == paired | NOT_SENT
