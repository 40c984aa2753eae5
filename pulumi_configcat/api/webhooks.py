"""Webhooks: ``/v1/webhooks/{webhookId}/keys``."""

from __future__ import annotations

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.types import WebhookSigningKeysModel


def get_webhook_signing_keys(client: ConfigCatClient, webhook_id: str) -> WebhookSigningKeysModel:
    """Reads the keys the server signs a webhook's calls with."""
    return WebhookSigningKeysModel.model_validate(client.get(f"/v1/webhooks/{webhook_id}/keys"))
