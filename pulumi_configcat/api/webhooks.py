"""Webhooks: ``/v1/configs/{configId}/environments/{environmentId}/webhooks`` and ``/v1/webhooks/{id}``."""

from __future__ import annotations

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.types import WebHookRequestModel, WebhookResponseModel, WebhookSigningKeysModel


def create_webhook(
    client: ConfigCatClient, config_id: str, environment_id: str, body: WebHookRequestModel
) -> WebhookResponseModel:
    """Creates a webhook called on changes to a config in an environment."""
    return client.post(
        f"/v1/configs/{config_id}/environments/{environment_id}/webhooks",
        body.to_wire(),
        cast_to=WebhookResponseModel,
    )


def get_webhook(client: ConfigCatClient, webhook_id: str) -> WebhookResponseModel:
    """Reads one webhook; secure header values come back empty."""
    return client.get(f"/v1/webhooks/{webhook_id}", cast_to=WebhookResponseModel)


def replace_webhook(
    client: ConfigCatClient, webhook_id: str, body: WebHookRequestModel
) -> WebhookResponseModel:
    """Replaces a webhook: url, method, content and every header."""
    return client.put(f"/v1/webhooks/{webhook_id}", body.to_wire(), cast_to=WebhookResponseModel)


def delete_webhook(client: ConfigCatClient, webhook_id: str) -> None:
    """Deletes a webhook."""
    client.delete(f"/v1/webhooks/{webhook_id}")


def get_webhook_signing_keys(client: ConfigCatClient, webhook_id: str) -> WebhookSigningKeysModel:
    """Reads the keys the server signs a webhook's calls with."""
    return client.get(f"/v1/webhooks/{webhook_id}/keys", cast_to=WebhookSigningKeysModel)


def list_webhooks(client: ConfigCatClient, product_id: str) -> list[WebhookResponseModel]:
    """Lists a product's webhooks (of every config and environment); secure header values come back empty."""
    return client.get(f"/v1/products/{product_id}/webhooks", cast_to=list[WebhookResponseModel])
