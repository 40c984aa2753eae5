"""Environments: render, list, create (every setting gets a value there), read, update, delete."""

from __future__ import annotations

import re
from typing import Any

from ._errors import bad_request
from ._products import render_product
from ._router import Request, Routes
from ._store import Rec, Store, merge, next_order
from ._values import default_value

# Hex colours or HTML colour names; the service answers "Invalid color." for anything else (TF tests).
_COLOR_RE = re.compile(r"#?[0-9a-fA-F]{3}|#?[0-9a-fA-F]{6}|#?[0-9a-fA-F]{8}|[a-zA-Z]+")

ROUTES = Routes()


def render_environment_fields(store: Store, env: Rec) -> Rec:
    """The environment's own fields (no product), as listed inside other answers."""
    return {
        "environmentId": env["environmentId"],
        "name": env["name"],
        "color": env["color"],
        "description": env["description"],
        "order": env["order"],
        "reasonRequired": store.env_flag(env, "reasonRequired"),
        "approveRequired": store.env_flag(env, "approveRequired"),
    }


def render_environment(store: Store, env: Rec) -> Rec:
    """The environment as the API answers with it."""
    return {"product": render_product(store, store.products[env["productId"]])} | (
        render_environment_fields(store, env)
    )


@ROUTES.get("/v1/products/{productId}/environments")
def get_environments(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/products/{productId}/environments."""
    product = store.product(req.params["productId"])
    return 200, [render_environment(store, e) for e in store.product_environments(product["productId"])]


def _check_color(color: Any) -> None:
    if color and not _COLOR_RE.fullmatch(color):
        raise bad_request("Color", "Invalid color.")


@ROUTES.post("/v1/products/{productId}/environments", schema="CreateEnvironmentModel")
def create_environment(store: Store, req: Request) -> tuple[int, Any]:
    """POST /v1/products/{productId}/environments: every setting of the product gets a default value."""
    product = store.product(req.params["productId"])
    product_id = product["productId"]
    body = req.body
    siblings = store.children(store.environments, "productId", product_id)
    store.unique_name("Environment", siblings, body["name"], None, "environmentId")
    _check_color(body.get("color"))
    env_id = store.ids.uuid()
    order = body.get("order")
    store.environments[env_id] = env = store.new(
        {
            "environmentId": env_id,
            "productId": product_id,
            "name": body["name"],
            "color": body.get("color"),
            "description": body.get("description"),
            "order": order if order is not None else next_order(siblings),
        }
    )
    prefs = store.preferences[product_id]
    prefs["reasonRequiredEnvironments"].append({"environmentId": env_id, "reasonRequired": False})
    prefs["approveRequiredEnvironments"].append({"environmentId": env_id, "approveRequired": False})
    for group in store.children(store.permission_groups, "productId", product_id):
        group["environmentAccesses"].append(
            {"environmentId": env_id, "environmentAccessType": group["newEnvironmentAccessType"]}
        )
        group["environmentApprovalPermissions"].append(
            {
                "environmentId": env_id,
                "environmentApprovalPermissionType": group["newEnvironmentApprovalPermissionType"],
            }
        )
    for config in store.children(store.configs, "productId", product_id):
        for setting in store.children(store.settings, "configId", config["configId"]):
            store.values.setdefault(setting["settingId"], {})[env_id] = default_value(
                store, setting, config, None
            )
    return 201, render_environment(store, env)


@ROUTES.get("/v1/environments/{environmentId}")
def get_environment(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/environments/{environmentId}."""
    return 200, render_environment(store, store.environment(req.params["environmentId"]))


@ROUTES.put("/v1/environments/{environmentId}", schema="UpdateEnvironmentModel")
def update_environment(store: Store, req: Request) -> tuple[int, Any]:
    """PUT /v1/environments/{environmentId}."""
    env = store.environment(req.params["environmentId"])
    body = req.body
    if body.get("name") is not None:
        siblings = store.children(store.environments, "productId", env["productId"])
        store.unique_name("Environment", siblings, body["name"], env["environmentId"], "environmentId")
    _check_color(body.get("color"))
    merge(env, body, ("name", "color", "description", "order"))
    return 200, render_environment(store, env)


@ROUTES.delete("/v1/environments/{environmentId}")
def delete_environment(store: Store, req: Request) -> tuple[int, Any]:
    """DELETE /v1/environments/{environmentId}; ``cleanupAuditLogs`` is accepted (no audit logs here)."""
    env = store.environment(req.params["environmentId"])
    store.drop_environment(env["environmentId"])
    return 204, None
