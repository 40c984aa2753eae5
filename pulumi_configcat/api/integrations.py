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
    answer = IntegrationsModel.model_validate(client.get(f"/v1/products/{product_id}/integrations"))
    return answer.integrations


def create_integration(
    client: ConfigCatClient, product_id: str, body: CreateIntegrationModel
) -> IntegrationModel:
    """Creates an integration in a product."""
    return IntegrationModel.model_validate(
        client.post(f"/v1/products/{product_id}/integrations", body.to_wire())
    )


def get_integration(client: ConfigCatClient, integration_id: str) -> IntegrationModel:
    """Reads one integration."""
    return IntegrationModel.model_validate(client.get(f"/v1/integrations/{integration_id}"))


def update_integration(
    client: ConfigCatClient, integration_id: str, body: ModifyIntegrationRequest
) -> IntegrationModel:
    """Replaces an integration's name, parameters and scope (its type cannot change)."""
    return IntegrationModel.model_validate(client.put(f"/v1/integrations/{integration_id}", body.to_wire()))


def delete_integration(client: ConfigCatClient, integration_id: str) -> None:
    """Deletes an integration."""
    client.delete(f"/v1/integrations/{integration_id}")
