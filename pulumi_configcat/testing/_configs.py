"""Configs: render, list, create, read, update, delete (cascading to their settings)."""

from __future__ import annotations

from typing import Any

from ._products import render_product
from ._router import Request, Routes
from ._store import Rec, Store, merge, next_order, sorted_records

ROUTES = Routes()


def render_config(store: Store, config: Rec) -> Rec:
    """The config as the API answers with it."""
    return {
        "product": render_product(store, store.products[config["productId"]]),
        "configId": config["configId"],
        "name": config["name"],
        "description": config["description"],
        "order": config["order"],
        "migratedConfigId": None,
        "evaluationVersion": config["evaluationVersion"],
    }


@ROUTES.get("/v1/products/{productId}/configs")
def get_configs(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/products/{productId}/configs."""
    product = store.product(req.params["productId"])
    configs = sorted_records(store.children(store.configs, "productId", product["productId"]), "configId")
    return 200, [render_config(store, c) for c in configs]


@ROUTES.post("/v1/products/{productId}/configs", schema="CreateConfigRequest")
def create_config(store: Store, req: Request) -> tuple[int, Any]:
    """POST /v1/products/{productId}/configs."""
    product = store.product(req.params["productId"])
    body = req.body
    config_id = store.ids.uuid()
    siblings = store.children(store.configs, "productId", product["productId"])
    order = body.get("order")
    store.configs[config_id] = store.new(
        {
            "configId": config_id,
            "productId": product["productId"],
            "name": body["name"],
            "description": body.get("description"),
            "order": order if order is not None else next_order(siblings),
            "evaluationVersion": body.get("evaluationVersion") or "v1",
        }
    )
    return 201, render_config(store, store.configs[config_id])


@ROUTES.get("/v1/configs/{configId}")
def get_config(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/configs/{configId}."""
    return 200, render_config(store, store.config(req.params["configId"]))


@ROUTES.put("/v1/configs/{configId}", schema="UpdateConfigRequest")
def update_config(store: Store, req: Request) -> tuple[int, Any]:
    """PUT /v1/configs/{configId} (the evaluation version is not in the update model)."""
    config = store.config(req.params["configId"])
    merge(config, req.body, ("name", "description", "order"))
    return 200, render_config(store, config)


@ROUTES.delete("/v1/configs/{configId}")
def delete_config(store: Store, req: Request) -> tuple[int, Any]:
    """DELETE /v1/configs/{configId}: cascades to its settings, values and webhooks."""
    config = store.config(req.params["configId"])
    store.drop_config(config["configId"])
    return 204, None
