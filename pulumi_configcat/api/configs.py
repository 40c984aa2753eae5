"""Configs: ``/v1/products/{productId}/configs`` and ``/v1/configs/{configId}``."""

from __future__ import annotations

from pydantic import TypeAdapter

from pulumi_configcat._client import ConfigCatClient, validate_answer
from pulumi_configcat.types import ConfigModel, CreateConfigRequest, UpdateConfigRequest

_CONFIGS = TypeAdapter(list[ConfigModel])


def create_config(client: ConfigCatClient, product_id: str, body: CreateConfigRequest) -> ConfigModel:
    """Creates a config in a product."""
    return ConfigModel.model_validate(client.post(f"/v1/products/{product_id}/configs", body.to_wire()))


def get_config(client: ConfigCatClient, config_id: str) -> ConfigModel:
    """Reads one config."""
    return ConfigModel.model_validate(client.get(f"/v1/configs/{config_id}"))


def update_config(client: ConfigCatClient, config_id: str, body: UpdateConfigRequest) -> ConfigModel:
    """Updates a config's name, description or order; fields left out keep their values."""
    return ConfigModel.model_validate(client.put(f"/v1/configs/{config_id}", body.to_wire()))


def delete_config(client: ConfigCatClient, config_id: str) -> None:
    """Deletes a config and its settings."""
    client.delete(f"/v1/configs/{config_id}")


def list_configs(client: ConfigCatClient, product_id: str) -> list[ConfigModel]:
    """Lists the configs of a product."""
    return validate_answer(_CONFIGS, client.get(f"/v1/products/{product_id}/configs"))
