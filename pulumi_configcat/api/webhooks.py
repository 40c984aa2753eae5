"""Webhooks: ``/v1/configs/{configId}/environments/{environmentId}/webhooks`` and ``/v1/webhooks/{id}``."""

from __future__ import annotations

from pydantic import TypeAdapter

from pulumi_configcat._client import ConfigCatClient, validate_answer
from pulumi_configcat.types import WebHookRequestModel, WebhookResponseModel, WebhookSigningKeysModel

_WEBHOOKS = TypeAdapter(list[WebhookResponseModel])


def create_webhook(
    client: ConfigCatClient, config_id: str, environment_id: str, body: WebHookRequestModel
) -> WebhookResponseModel:
    """Creates a webhook called on changes to a config in an environment."""
    return WebhookResponseModel.model_validate(
        client.post(f"/v1/configs/{config_id}/environments/{environment_id}/webhooks", body.to_wire())
    )


def get_webhook(client: ConfigCatClient, webhook_id: str) -> WebhookResponseModel:
    """Reads one webhook; secure header values come back empty."""
    return WebhookResponseModel.model_validate(client.get(f"/v1/webhooks/{webhook_id}"))


def replace_webhook(
    client: ConfigCatClient, webhook_id: str, body: WebHookRequestModel
) -> WebhookResponseModel:
    """Replaces a webhook: url, method, content and every header."""
    return WebhookResponseModel.model_validate(client.put(f"/v1/webhooks/{webhook_id}", body.to_wire()))


def delete_webhook(client: ConfigCatClient, webhook_id: str) -> None:
    """Deletes a webhook."""
    client.delete(f"/v1/webhooks/{webhook_id}")


def get_webhook_signing_keys(client: ConfigCatClient, webhook_id: str) -> WebhookSigningKeysModel:
    """Reads the keys the server signs a webhook's calls with."""
    return WebhookSigningKeysModel.model_validate(client.get(f"/v1/webhooks/{webhook_id}/keys"))


def list_webhooks(client: ConfigCatClient, product_id: str) -> list[WebhookResponseModel]:
    """Lists a product's webhooks (of every config and environment); secure header values come back empty."""
    return validate_answer(_WEBHOOKS, client.get(f"/v1/products/{product_id}/webhooks"))
