"""Configs: ``/v1/products/{productId}/configs`` and ``/v1/configs/{configId}``."""

from __future__ import annotations

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.types import ConfigModel, CreateConfigRequest, UpdateConfigRequest


def create_config(client: ConfigCatClient, product_id: str, body: CreateConfigRequest) -> ConfigModel:
    """Creates a config in a product."""
    return client.post(f"/v1/products/{product_id}/configs", body.to_wire(), cast_to=ConfigModel)


def get_config(client: ConfigCatClient, config_id: str) -> ConfigModel:
    """Reads one config."""
    return client.get(f"/v1/configs/{config_id}", cast_to=ConfigModel)


def update_config(client: ConfigCatClient, config_id: str, body: UpdateConfigRequest) -> ConfigModel:
    """Updates a config's name, description or order; fields left out keep their values."""
    return client.put(f"/v1/configs/{config_id}", body.to_wire(), cast_to=ConfigModel)


def delete_config(client: ConfigCatClient, config_id: str) -> None:
    """Deletes a config and its settings."""
    client.delete(f"/v1/configs/{config_id}")


def list_configs(client: ConfigCatClient, product_id: str) -> list[ConfigModel]:
    """Lists the configs of a product."""
    return client.get(f"/v1/products/{product_id}/configs", cast_to=list[ConfigModel])
