"""Products: the top of a ConfigCat account's tree (configs, environments, segments, tags live in one)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import pulumi
from typing_extensions import Required, TypedDict, Unpack

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.api import products as api
from pulumi_configcat.resources._base import ConfigCatProvider, Outputs, match_natural_key
from pulumi_configcat.resources._declare import DESCRIPTION, RESOURCE_NAME, In, parent_id, position, request
from pulumi_configcat.resources._props import Text
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.types import CreateProductRequest, ProductModel, UpdateProductRequest


class ProductArgs(TypedDict, total=False):
    """The inputs of a product."""

    organization_id: Required[Annotated[pulumi.Input[str], parent_id("organization", "product")]]
    name: Annotated[
        pulumi.Input[str],
        In(
            Text(1, 1000),
            "The product's name, 1 to 1000 characters, unique in the organization.",
            RESOURCE_NAME,
        ),
    ]
    description: Annotated[pulumi.Input[str] | None, DESCRIPTION]
    order: Annotated[pulumi.Input[int], position("product")]


class ProductProvider(ConfigCatProvider):
    """Creates, reads, updates and deletes products."""

    entity = "Product"
    args = ProductArgs
    id_format = "<product id>"
    unique_together = ("organization_id", "name")

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        body = request(CreateProductRequest, self.props, inputs)
        product = api.create_product(client, inputs["organization_id"], body)
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
        body = request(UpdateProductRequest, self.props, news, update=True)
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
        self, resource_name: str, *, opts: pulumi.ResourceOptions | None = None, **args: Unpack[ProductArgs]
    ) -> None:
        super().__init__(resource_name, self._declared(resource_name, args), opts)
