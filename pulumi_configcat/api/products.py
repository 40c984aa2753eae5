"""Products: ``/v1/organizations/{organizationId}/products`` and ``/v1/products/{productId}``."""

from __future__ import annotations

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.types import CreateProductRequest, ProductModel, UpdateProductRequest


def create_product(client: ConfigCatClient, organization_id: str, body: CreateProductRequest) -> ProductModel:
    """Creates a product in an organization."""
    return client.post(f"/v1/organizations/{organization_id}/products", body.to_wire(), cast_to=ProductModel)


def get_product(client: ConfigCatClient, product_id: str) -> ProductModel:
    """Reads one product."""
    return client.get(f"/v1/products/{product_id}", cast_to=ProductModel)


def update_product(client: ConfigCatClient, product_id: str, body: UpdateProductRequest) -> ProductModel:
    """Updates a product; fields left out of ``body`` keep their values."""
    return client.put(f"/v1/products/{product_id}", body.to_wire(), cast_to=ProductModel)


def delete_product(client: ConfigCatClient, product_id: str) -> None:
    """Deletes a product and everything in it."""
    client.delete(f"/v1/products/{product_id}")


def list_products(client: ConfigCatClient) -> list[ProductModel]:
    """Lists every product the credentials can see, across organizations."""
    return client.get("/v1/products", cast_to=list[ProductModel])
