"""Environments: ``/v1/products/{productId}/environments`` and ``/v1/environments/{environmentId}``."""

from __future__ import annotations

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.types import CreateEnvironmentModel, EnvironmentModel, UpdateEnvironmentModel


def create_environment(
    client: ConfigCatClient, product_id: str, body: CreateEnvironmentModel
) -> EnvironmentModel:
    """Creates an environment in a product."""
    return client.post(f"/v1/products/{product_id}/environments", body.to_wire(), cast_to=EnvironmentModel)


def get_environment(client: ConfigCatClient, environment_id: str) -> EnvironmentModel:
    """Reads one environment."""
    return client.get(f"/v1/environments/{environment_id}", cast_to=EnvironmentModel)


def update_environment(
    client: ConfigCatClient, environment_id: str, body: UpdateEnvironmentModel
) -> EnvironmentModel:
    """Updates an environment; fields left out keep their values."""
    return client.put(f"/v1/environments/{environment_id}", body.to_wire(), cast_to=EnvironmentModel)


def delete_environment(client: ConfigCatClient, environment_id: str) -> None:
    """Deletes an environment and the values its settings had in it."""
    client.delete(f"/v1/environments/{environment_id}")


def list_environments(client: ConfigCatClient, product_id: str) -> list[EnvironmentModel]:
    """Lists the environments of a product."""
    return client.get(f"/v1/products/{product_id}/environments", cast_to=list[EnvironmentModel])
