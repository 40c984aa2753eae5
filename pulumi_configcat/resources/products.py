"""Products: the top of a ConfigCat account's tree (configs, environments, segments, tags live in one)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.api import products as api
from pulumi_configcat.resources._base import (
    ConfigCatProvider,
    ConfigCatResource,
    Outputs,
    match_natural_key,
)
from pulumi_configcat.resources._props import Integer, Prop, Text, Uuid
from pulumi_configcat.types import CreateProductRequest, ProductModel, UpdateProductRequest


class ProductProvider(ConfigCatProvider):
    """Creates, reads, updates and deletes products."""

    entity = "Product"
    props = (
        Prop("organization_id", Uuid(), required=True, replaces=True),
        Prop("name", Text(1, 1000), required=True),
        Prop("description", Text(0, 1000, empty_is_none=True)),
        Prop("order", Integer(), default=0),
    )
    unique_together = ("organization_id", "name")

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        product = api.create_product(
            client,
            inputs["organization_id"],
            CreateProductRequest(
                name=inputs["name"], description=inputs.get("description"), order=inputs["order"]
            ),
        )
        return product.product_id, _outputs(product)

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        return _outputs(api.get_product(client, id_))

    def _find_existing(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> str | None:
        organization_id = inputs["organization_id"].lower()
        return match_natural_key(
            (
                (product.product_id, product.name)
                for product in api.list_products(client)
                if product.organization and product.organization.organization_id.lower() == organization_id
            ),
            inputs["name"],
        )

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        # The PUT keeps what a body leaves out, so an unset description is sent as "" to clear it.
        body = UpdateProductRequest(
            name=news["name"], description=news.get("description") or "", order=news["order"]
        )
        return _outputs(api.update_product(client, id_, body))

    def _delete(self, client: ConfigCatClient, id_: str) -> None:
        api.delete_product(client, id_)


def _outputs(product: ProductModel) -> Outputs:
    return {
        "organization_id": product.organization.organization_id if product.organization else None,
        "name": product.name,
        "description": product.description,
        "order": product.order,
    }


class Product(ConfigCatResource, module="configcat", name="Product"):
    """A ConfigCat product.

    The id is the product's UUID. Changing ``organization_id`` replaces the product (and so deletes every
    config, environment and flag in it); every other input is updated in place.

    Example::

        product = configcat.Product("shop", organization_id=org_id, description="The web shop")
    """

    _provider_class = ProductProvider

    organization_id: pulumi.Output[str]
    name: pulumi.Output[str]
    description: pulumi.Output[str | None]
    order: pulumi.Output[int]

    def __init__(
        self,
        resource_name: str,
        *,
        organization_id: pulumi.Input[str],
        name: pulumi.Input[str] | None = None,
        description: pulumi.Input[str] | None = None,
        order: pulumi.Input[int] = 0,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declares a product.

        Args:
            resource_name: The Pulumi name of the resource; also the product's name unless ``name`` is set.
            organization_id: The UUID of the organization the product belongs to. Replaces on change.
            name: The product's name, 1 to 1000 characters, unique in the organization.
            description: Free text, up to 1000 characters.
            order: The product's position in the dashboard's lists (zero-based).
            opts: Resource options; ``import_=<product id>`` adopts an existing product.
        """
        super().__init__(
            resource_name,
            {
                "organization_id": organization_id,
                "name": resource_name if name is None else name,
                "description": description,
                "order": order,
            },
            opts,
        )
