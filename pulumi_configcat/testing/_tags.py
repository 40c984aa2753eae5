"""Tags: render, list, create, read, update, delete (detached from their settings)."""

from __future__ import annotations

from typing import Any

from ._products import render_product
from ._router import Request, Routes
from ._store import Rec, Store, merge

ROUTES = Routes()


def render_tag(store: Store, tag: Rec) -> Rec:
    """The tag as the API answers with it."""
    return {
        "product": render_product(store, store.products[tag["productId"]]),
        "tagId": tag["tagId"],
        "name": tag["name"],
        "color": tag["color"],
    }


@ROUTES.get("/v1/products/{productId}/tags")
def get_tags(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/products/{productId}/tags."""
    product = store.product(req.params["productId"])
    tags = store.children(store.tags, "productId", product["productId"])
    return 200, [render_tag(store, t) for t in sorted(tags, key=lambda t: t["tagId"])]


@ROUTES.post("/v1/products/{productId}/tags", schema="CreateTagModel")
def create_tag(store: Store, req: Request) -> tuple[int, Any]:
    """POST /v1/products/{productId}/tags."""
    product = store.product(req.params["productId"])
    tag_id = store.ids.integer("tag")
    store.tags[tag_id] = tag = store.new(
        {
            "tagId": tag_id,
            "productId": product["productId"],
            "name": req.body["name"],
            "color": req.body.get("color"),
        }
    )
    return 201, render_tag(store, tag)


@ROUTES.get("/v1/tags/{tagId}")
def get_tag(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/tags/{tagId}."""
    return 200, render_tag(store, store.by_int(store.tags, req.params["tagId"]))


@ROUTES.put("/v1/tags/{tagId}", schema="UpdateTagModel")
def update_tag(store: Store, req: Request) -> tuple[int, Any]:
    """PUT /v1/tags/{tagId}."""
    tag = store.by_int(store.tags, req.params["tagId"])
    merge(tag, req.body, ("name", "color"))
    return 200, render_tag(store, tag)


@ROUTES.delete("/v1/tags/{tagId}")
def delete_tag(store: Store, req: Request) -> tuple[int, Any]:
    """DELETE /v1/tags/{tagId}: the tag is detached from its settings."""
    tag = store.by_int(store.tags, req.params["tagId"])
    tag_id = tag["tagId"]
    for setting in store.settings.values():
        if tag_id in setting["tags"]:
            setting["tags"] = [t for t in setting["tags"] if t != tag_id]
            store.setting_tag_ids.pop((setting["settingId"], tag_id), None)
    del store.tags[tag_id]
    return 204, None
