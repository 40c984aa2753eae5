"""Products: ``/v1/organizations/{organizationId}/products`` and ``/v1/products/{productId}``."""

from __future__ import annotations

from pydantic import TypeAdapter

from pulumi_configcat._client import ConfigCatClient, validate_answer
from pulumi_configcat.types import CreateProductRequest, ProductModel, UpdateProductRequest

_PRODUCTS = TypeAdapter(list[ProductModel])


def create_product(client: ConfigCatClient, organization_id: str, body: CreateProductRequest) -> ProductModel:
    """Creates a product in an organization."""
    return ProductModel.model_validate(
        client.post(f"/v1/organizations/{organization_id}/products", body.to_wire())
    )


def get_product(client: ConfigCatClient, product_id: str) -> ProductModel:
    """Reads one product."""
    return ProductModel.model_validate(client.get(f"/v1/products/{product_id}"))


def update_product(client: ConfigCatClient, product_id: str, body: UpdateProductRequest) -> ProductModel:
    """Updates a product; fields left out of ``body`` keep their values."""
    return ProductModel.model_validate(client.put(f"/v1/products/{product_id}", body.to_wire()))


def delete_product(client: ConfigCatClient, product_id: str) -> None:
    """Deletes a product and everything in it."""
    client.delete(f"/v1/products/{product_id}")


def list_products(client: ConfigCatClient) -> list[ProductModel]:
    """Lists every product the credentials can see, across organizations."""
    return validate_answer(_PRODUCTS, client.get("/v1/products"))
