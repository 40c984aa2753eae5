"""Product preferences: reason and approval required (product-wide or per environment), key generation."""

from __future__ import annotations

from typing import Any

from ._errors import bad_request
from ._router import Request, Routes
from ._store import Rec, Store, merge

ROUTES = Routes()


def _render_preferences(store: Store, product_id: str) -> Rec:
    prefs = store.preferences[product_id]
    out = {k: v for k, v in prefs.items() if not k.endswith("Environments")}
    for flag in ("reasonRequired", "approveRequired"):
        stored = {e["environmentId"]: e[flag] for e in prefs[f"{flag}Environments"]}
        out[f"{flag}Environments"] = [
            {"environmentId": env["environmentId"], flag: stored.get(env["environmentId"], False)}
            | {"environmentName": env["name"]}
            for env in store.product_environments(product_id)
        ]
    return out


@ROUTES.get("/v1/products/{productId}/preferences")
def get_preferences(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/products/{productId}/preferences."""
    product = store.product(req.params["productId"])
    return 200, _render_preferences(store, product["productId"])


@ROUTES.post("/v1/products/{productId}/preferences", schema="UpdatePreferencesRequest")
def update_preferences(store: Store, req: Request) -> tuple[int, Any]:
    """POST /v1/products/{productId}/preferences: only the fields given change."""
    product = store.product(req.params["productId"])
    product_id = product["productId"]
    prefs = store.preferences[product_id]
    body = req.body
    updates: dict[str, dict[str, bool]] = {}
    for flag in ("reasonRequired", "approveRequired"):
        entries = body.get(f"{flag}Environments")
        updates[flag] = {}
        for index, entry in enumerate(entries or []):
            env_id = store.uuid(entry.get("environmentId"))
            env = store.environments.get(env_id or "")
            if env is None or env["productId"] != product_id:
                raise bad_request(
                    f"{flag[:1].upper()}{flag[1:]}Environments[{index}].EnvironmentId",
                    f"Environment '{entry.get('environmentId')}' not found in this product.",
                )
            updates[flag][env["environmentId"]] = bool(entry.get(flag, False))
    merge(prefs, body, ("reasonRequired", "keyGenerationMode", "showVariationId", "mandatorySettingHint"))
    merge(prefs, body, ("approveRequired",))
    for flag, changes in updates.items():
        stored = prefs[f"{flag}Environments"]
        for entry in stored:
            if entry["environmentId"] in changes:
                entry[flag] = changes.pop(entry["environmentId"])
        stored.extend({"environmentId": env_id, flag: value} for env_id, value in changes.items())
    return 200, _render_preferences(store, product_id)
