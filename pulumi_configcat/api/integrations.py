"""Integrations: ``/v1/products/{productId}/integrations`` and ``/v1/integrations/{integrationId}``."""

from __future__ import annotations

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.types import (
    CreateIntegrationModel,
    IntegrationModel,
    IntegrationsModel,
    ModifyIntegrationRequest,
)


def list_integrations(client: ConfigCatClient, product_id: str) -> list[IntegrationModel]:
    """Lists the integrations of a product."""
    answer = client.get(f"/v1/products/{product_id}/integrations", cast_to=IntegrationsModel)
    return answer.integrations


def create_integration(
    client: ConfigCatClient, product_id: str, body: CreateIntegrationModel
) -> IntegrationModel:
    """Creates an integration in a product."""
    return client.post(f"/v1/products/{product_id}/integrations", body.to_wire(), cast_to=IntegrationModel)


def get_integration(client: ConfigCatClient, integration_id: str) -> IntegrationModel:
    """Reads one integration."""
    return client.get(f"/v1/integrations/{integration_id}", cast_to=IntegrationModel)


def update_integration(
    client: ConfigCatClient, integration_id: str, body: ModifyIntegrationRequest
) -> IntegrationModel:
    """Replaces an integration's name, parameters and scope (its type cannot change)."""
    return client.put(f"/v1/integrations/{integration_id}", body.to_wire(), cast_to=IntegrationModel)


def delete_integration(client: ConfigCatClient, integration_id: str) -> None:
    """Deletes an integration."""
    client.delete(f"/v1/integrations/{integration_id}")
