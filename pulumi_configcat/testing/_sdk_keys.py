"""SDK keys: handed out per config and environment, and found again by the config-file route."""

from __future__ import annotations

from typing import Any

from ._router import Request, Routes
from ._store import Rec, Store
from ._values import config_env

ROUTES = Routes()


@ROUTES.get("/v1/configs/{configId}/environments/{environmentId}")
def get_sdk_keys(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/configs/{configId}/environments/{environmentId}.

    Keys have the shapes the SDKs accept: ``configcat-sdk-1/<22>/<22>`` for v2 configs and
    ``<22>/<22>`` for v1 configs; as in real keys, the first part is shared by the product.
    """
    config, env = config_env(store, req, None)
    return 200, dict(issue_sdk_keys(store, config, env))


def issue_sdk_keys(store: Store, config: Rec, env: Rec) -> Rec:
    """The keys of a config and environment, ``{"primary", "secondary"}``, made on first use."""
    key = f"{config['configId']}/{env['environmentId']}"
    if key not in store.sdk_keys:
        product = store.products[config["productId"]]
        if "_sdkKeyPrefix" not in product:
            product["_sdkKeyPrefix"] = store.ids.sdk_key_part()
        primary = f"{product['_sdkKeyPrefix']}/{store.ids.sdk_key_part()}"
        if config["evaluationVersion"] == "v2":
            primary = "configcat-sdk-1/" + primary
        store.sdk_keys[key] = {"primary": primary, "secondary": None}
    return store.sdk_keys[key]


def sdk_key_target(store: Store, sdk_key: str) -> tuple[str, str] | None:
    """Return ``(configId, environmentId)`` of an SDK key handed out, or None."""
    for pair, keys in store.sdk_keys.items():
        if sdk_key in (keys["primary"], keys["secondary"]):
            config_id, _, env_id = pair.partition("/")
            return config_id, env_id
    return None
