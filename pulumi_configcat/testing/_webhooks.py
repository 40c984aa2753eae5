"""Webhooks and their signing keys; secure header values are kept but never returned."""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import urlsplit

from . import _spec
from ._router import Request, Routes, apply_patch, check_patched
from ._spec import PATCH_SCHEMA
from ._store import Rec, Store
from ._values import config_env

_WEBHOOK_PATCH_FIELDS = {"url", "content", "httpMethod", "webHookHeaders"}

ROUTES = Routes()


def _valid_url(url: Any) -> bool:
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def adjust_errors(schema: str, body: Any, errors: _spec.Errors) -> _spec.Errors:
    """The service words a bad webhook URL as "Url is invalid" (TF tests), even when it is too short."""
    if schema == "WebHookRequestModel" and isinstance(body, dict) and not _valid_url(body.get("url")):
        errors = dict(errors)
        if body.get("url") is not None:
            errors["Url"] = ["Url is invalid"]
    return errors


def _webhook_fields(body: Rec) -> Rec:
    return {
        "url": body["url"],
        "httpMethod": body.get("httpMethod") or "get",
        "content": body.get("content"),
        "webHookHeaders": [
            {"key": h["key"], "value": h["value"], "isSecure": bool(h.get("isSecure"))}
            for h in body.get("webHookHeaders") or []
        ],
    }


def _render_webhook(store: Store, hook: Rec) -> Rec:
    config, env = store.configs[hook["configId"]], store.environments[hook["environmentId"]]
    return {
        "webhookId": hook["webhookId"],
        "url": hook["url"],
        "httpMethod": hook["httpMethod"],
        "content": hook["content"],
        # Secure header values are write-only; the response schema demands a string, so "".
        "webHookHeaders": [
            {"key": h["key"], "value": "" if h["isSecure"] else h["value"], "isSecure": h["isSecure"]}
            for h in hook["webHookHeaders"]
        ],
        "config": {"name": config["name"], "configId": config["configId"]},
        "environment": {"name": env["name"], "environmentId": env["environmentId"]},
    }


def _webhook(store: Store, raw: str) -> Rec:
    return store.by_int(store.webhooks, raw)


@ROUTES.get("/v1/products/{productId}/webhooks")
def get_webhooks(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/products/{productId}/webhooks."""
    product = store.product(req.params["productId"])
    hooks = [
        h
        for h in store.webhooks.values()
        if store.configs[h["configId"]]["productId"] == product["productId"]
    ]
    return 200, [_render_webhook(store, h) for h in sorted(hooks, key=lambda h: h["webhookId"])]


@ROUTES.post(
    "/v1/configs/{configId}/environments/{environmentId}/webhooks",
    schema="WebHookRequestModel",
    adjust=adjust_errors,
)
def create_webhook(store: Store, req: Request) -> tuple[int, Any]:
    """POST /v1/configs/{configId}/environments/{environmentId}/webhooks."""
    config, env = config_env(store, req, None)
    webhook_id = store.ids.integer("webhook")
    hook = {
        "webhookId": webhook_id,
        "configId": config["configId"],
        "environmentId": env["environmentId"],
    }
    hook |= _webhook_fields(req.body)
    hook["signingKeys"] = {"key1": store.ids.signing_key(), "key2": None}
    store.webhooks[webhook_id] = store.new(hook)
    return 201, _render_webhook(store, hook)


@ROUTES.get("/v1/webhooks/{webhookId}")
def get_webhook(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/webhooks/{webhookId}."""
    return 200, _render_webhook(store, _webhook(store, req.params["webhookId"]))


@ROUTES.put("/v1/webhooks/{webhookId}", schema="WebHookRequestModel", adjust=adjust_errors)
def replace_webhook(store: Store, req: Request) -> tuple[int, Any]:
    """PUT /v1/webhooks/{webhookId}: a complete replace."""
    hook = _webhook(store, req.params["webhookId"])
    hook.update(_webhook_fields(req.body))
    return 200, _render_webhook(store, hook)


@ROUTES.patch("/v1/webhooks/{webhookId}", schema=PATCH_SCHEMA)
def update_webhook(store: Store, req: Request) -> tuple[int, Any]:
    """PATCH /v1/webhooks/{webhookId}: secure header values stay in the patched document."""
    hook = _webhook(store, req.params["webhookId"])
    document = {k: copy.deepcopy(hook[k]) for k in _WEBHOOK_PATCH_FIELDS}
    patched = apply_patch(document, req.body)
    check_patched(patched, _WEBHOOK_PATCH_FIELDS, "WebHookRequestModel", adjust_errors)
    hook.update(_webhook_fields(patched))
    return 200, _render_webhook(store, hook)


@ROUTES.delete("/v1/webhooks/{webhookId}")
def delete_webhook(store: Store, req: Request) -> tuple[int, Any]:
    """DELETE /v1/webhooks/{webhookId}."""
    hook = _webhook(store, req.params["webhookId"])
    del store.webhooks[hook["webhookId"]]
    return 204, None


@ROUTES.get("/v1/webhooks/{webhookId}/keys")
def get_webhook_keys(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/webhooks/{webhookId}/keys."""
    return 200, dict(_webhook(store, req.params["webhookId"])["signingKeys"])
