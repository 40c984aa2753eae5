"""Products (and the organization they belong to): render, list, create, read, update, delete."""

from __future__ import annotations

from typing import Any

from ._errors import not_found
from ._router import Request, Routes
from ._store import ORGANIZATION_NAME, Rec, Store, merge, next_order, sorted_records

ROUTES = Routes()


def render_organization(store: Store) -> Rec:
    """The one organization as the API answers with it."""
    return {"organizationId": store.organization_id, "name": ORGANIZATION_NAME}


def render_product(store: Store, product: Rec) -> Rec:
    """The product as the API answers with it."""
    prefs = store.preferences[product["productId"]]
    return {
        "organization": render_organization(store),
        "productId": product["productId"],
        "name": product["name"],
        "description": product["description"],
        "order": product["order"],
        "reasonRequired": prefs["reasonRequired"],
        "approveRequired": prefs["approveRequired"],
    }


@ROUTES.get("/v1/products")
def get_products(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/products."""
    return 200, [render_product(store, p) for p in sorted_records(store.products.values(), "productId")]


@ROUTES.post("/v1/organizations/{organizationId}/products", schema="CreateProductRequest")
def create_product(store: Store, req: Request) -> tuple[int, Any]:
    """POST /v1/organizations/{organizationId}/products."""
    if store.uuid(req.params["organizationId"]) != store.organization_id:
        raise not_found()
    body = req.body
    store.unique_name("Product", store.products.values(), body["name"], None, "productId")
    product_id = store.ids.uuid()
    order = body.get("order")
    store.products[product_id] = store.new(
        {
            "productId": product_id,
            "organizationId": store.organization_id,
            "name": body["name"],
            "description": body.get("description"),
            "order": order if order is not None else next_order(store.products.values()),
        }
    )
    store.preferences[product_id] = {
        "reasonRequired": False,
        "keyGenerationMode": "camelCase",
        "showVariationId": False,
        "mandatorySettingHint": False,
        "approveRequired": False,
        "reasonRequiredEnvironments": [],
        "approveRequiredEnvironments": [],
    }
    return 201, render_product(store, store.products[product_id])


@ROUTES.get("/v1/products/{productId}")
def get_product(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/products/{productId}."""
    return 200, render_product(store, store.product(req.params["productId"]))


@ROUTES.put("/v1/products/{productId}", schema="UpdateProductRequest")
def update_product(store: Store, req: Request) -> tuple[int, Any]:
    """PUT /v1/products/{productId}."""
    product = store.product(req.params["productId"])
    name = req.body.get("name")
    if name is not None:
        store.unique_name("Product", store.products.values(), name, product["productId"], "productId")
    merge(product, req.body, ("name", "description", "order"))
    return 200, render_product(store, product)


@ROUTES.delete("/v1/products/{productId}")
def delete_product(store: Store, req: Request) -> tuple[int, Any]:
    """DELETE /v1/products/{productId}: cascades to everything inside the product."""
    product = store.product(req.params["productId"])
    store.drop_product(product["productId"])
    return 204, None
