"""Product preferences: ``/v1/products/{productId}/preferences`` (no delete: every product has them)."""

from __future__ import annotations

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.types import PreferencesModel, UpdatePreferencesRequest


def get_preferences(client: ConfigCatClient, product_id: str) -> PreferencesModel:
    """Reads a product's preferences."""
    return client.get(f"/v1/products/{product_id}/preferences", cast_to=PreferencesModel)


def update_preferences(
    client: ConfigCatClient, product_id: str, body: UpdatePreferencesRequest
) -> PreferencesModel:
    """Updates a product's preferences (a POST); fields left out keep their values."""
    return client.post(f"/v1/products/{product_id}/preferences", body.to_wire(), cast_to=PreferencesModel)
