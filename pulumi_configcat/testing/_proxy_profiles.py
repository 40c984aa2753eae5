"""Proxy Profiles: connection preferences, SDK-key selection (rules or explicit pairs), and the secret token.

What the spec says is served as it says: the profile model, a complete replace on PUT, JSON Patch on PATCH,
``select``/``deselect`` refused with 403 while the profile has selection rules, and the secret token
returned by ``POST .../secret`` alone. What it leaves open is inferred and listed in the README.
"""

from __future__ import annotations

import copy
import hashlib
import re
from typing import Any

from ._errors import ApiError, bad_request, not_found
from ._router import Request, Routes, apply_patch, check_patched
from ._sdk_keys import issue_sdk_keys
from ._spec import PATCH_SCHEMA
from ._store import Rec, Store

ROUTES = Routes()

_SCHEMA = "CreateOrUpdateProxyProfileRequest"
_PATCH_FIELDS = {"name", "description", "connectionPreferences", "sdkKeySelectionRules"}
_RULE_FILTERS = (
    "productIdFilter",
    "configIdFilter",
    "environmentIdFilter",
    "productNameMatchFilter",
    "configNameMatchFilter",
    "environmentNameMatchFilter",
)
_DEFAULT_POLL_INTERVAL = 60  # the spec: "If not specified, a default value (60) will be used."


def _organization(store: Store, raw: str) -> str:
    if store.uuid(raw) != store.organization_id:
        raise not_found()
    return store.organization_id


def _profile(store: Store, raw: str) -> Rec:
    return store.by_uuid(store.proxy_profiles, raw)


def _render(profile: Rec) -> Rec:
    return {
        "proxyProfileId": profile["proxyProfileId"],
        "name": profile["name"],
        "description": profile["description"],
        "lastAccessedAt": profile["lastAccessedAt"],
        "connectionPreferences": copy.deepcopy(profile["connectionPreferences"]),
        "sdkKeySelectionRules": copy.deepcopy(profile["sdkKeySelectionRules"]),
    }


def _fields(store: Store, body: Rec, old: Rec | None) -> Rec:
    """A create or replace body as stored: whatever it leaves out is reset (the PUT is a complete replace)."""
    preferences = body.get("connectionPreferences") or {}
    wanted = preferences.get("webhookNotification")
    notification = None
    if wanted is not None:
        before = old["connectionPreferences"]["webhookNotification"] if old else None
        # Signing keys are made when notifications are turned on and kept while they stay on (inferred).
        notification = {
            "webhookProxyUrl": wanted["webhookProxyUrl"],
            "signingKey1": before["signingKey1"] if before else store.ids.signing_key(),
            "signingKey2": before["signingKey2"] if before else None,
        }
    rules = []
    for rule in body.get("sdkKeySelectionRules") or []:
        # A rule without a kind includes (inferred from the spec's PATCH example, which adds one so).
        stored = {"kind": rule.get("kind") or "include"}
        for name in _RULE_FILTERS:
            value = rule.get(name)
            stored[name] = store.uuid(value) if name.endswith("IdFilter") and value else value
        rules.append(stored)
    interval = preferences.get("sdkPollInterval")
    return {
        "name": body["name"],
        "description": body.get("description"),
        "connectionPreferences": {
            "sdkPollInterval": _DEFAULT_POLL_INTERVAL if interval is None else interval,
            "webhookNotification": notification,
        },
        "sdkKeySelectionRules": rules,
    }


@ROUTES.get("/v1/organizations/{organizationId}/proxy-profiles")
def get_proxy_profiles(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/organizations/{organizationId}/proxy-profiles."""
    organization_id = _organization(store, req.params["organizationId"])
    found = store.children(store.proxy_profiles, "organizationId", organization_id)
    return 200, {"profiles": [_render(p) for p in sorted(found, key=lambda p: p["_seq"])]}


@ROUTES.post("/v1/organizations/{organizationId}/proxy-profiles", schema=_SCHEMA)
def create_proxy_profile(store: Store, req: Request) -> tuple[int, Any]:
    """POST /v1/organizations/{organizationId}/proxy-profiles: no secret yet, and no pair selected."""
    organization_id = _organization(store, req.params["organizationId"])
    profile_id = store.ids.uuid()
    store.proxy_profiles[profile_id] = profile = store.new(
        {
            "proxyProfileId": profile_id,
            "organizationId": organization_id,
            "lastAccessedAt": None,
            "selectedSdkKeys": [],
            "_secret": None,
            **_fields(store, req.body, None),
        }
    )
    return 201, _render(profile)


@ROUTES.get("/v1/proxy-profiles/{proxyProfileId}")
def get_proxy_profile(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/proxy-profiles/{proxyProfileId}."""
    return 200, _render(_profile(store, req.params["proxyProfileId"]))


@ROUTES.put("/v1/proxy-profiles/{proxyProfileId}", schema=_SCHEMA)
def replace_proxy_profile(store: Store, req: Request) -> tuple[int, Any]:
    """PUT /v1/proxy-profiles/{proxyProfileId}: a complete replace ("Not listing one means it will reset")."""
    profile = _profile(store, req.params["proxyProfileId"])
    profile.update(_fields(store, req.body, profile))
    return 200, _render(profile)


@ROUTES.patch("/v1/proxy-profiles/{proxyProfileId}", schema=PATCH_SCHEMA)
def update_proxy_profile(store: Store, req: Request) -> tuple[int, Any]:
    """PATCH /v1/proxy-profiles/{proxyProfileId}: JSON Patch over the replace body's document."""
    profile = _profile(store, req.params["proxyProfileId"])
    preferences = profile["connectionPreferences"]
    notification = preferences["webhookNotification"]
    document = {
        "name": profile["name"],
        "description": profile["description"],
        "connectionPreferences": {
            "sdkPollInterval": preferences["sdkPollInterval"],
            "webhookNotification": {"webhookProxyUrl": notification["webhookProxyUrl"]}
            if notification
            else None,
        },
        "sdkKeySelectionRules": copy.deepcopy(profile["sdkKeySelectionRules"]),
    }
    patched = apply_patch(document, req.body)
    check_patched(patched, _PATCH_FIELDS, _SCHEMA)
    profile.update(_fields(store, patched, profile))
    return 200, _render(profile)


@ROUTES.delete("/v1/proxy-profiles/{proxyProfileId}")
def delete_proxy_profile(store: Store, req: Request) -> tuple[int, Any]:
    """DELETE /v1/proxy-profiles/{proxyProfileId}."""
    profile = _profile(store, req.params["proxyProfileId"])
    del store.proxy_profiles[profile["proxyProfileId"]]
    return 204, None


# ------------------------------------------------------------------------------------------ SDK keys


def _wildcard(pattern: str, name: str) -> bool:
    regex = ".*".join(re.escape(part) for part in pattern.split("*"))
    return re.fullmatch(regex, name, re.IGNORECASE) is not None


def _matches(rule: Rec, product: Rec, config: Rec, env: Rec) -> bool:
    for entity, id_key, kind in (
        (product, "productId", "product"),
        (config, "configId", "config"),
        (env, "environmentId", "environment"),
    ):
        wanted_id = rule[f"{kind}IdFilter"]
        if wanted_id and wanted_id != entity[id_key]:
            return False
        pattern = rule[f"{kind}NameMatchFilter"]
        if pattern and not _wildcard(pattern, entity["name"]):
            return False
    return True


def _selected_pairs(store: Store, profile: Rec) -> list[tuple[Rec, Rec]]:
    """The config/environment pairs whose keys the profile hands out, in the order of the organization."""
    rules = profile["sdkKeySelectionRules"]
    pairs = []
    explicit = {(p["configId"], p["environmentId"]) for p in profile["selectedSdkKeys"]}
    for product in sorted(store.products.values(), key=lambda p: (p["order"], p["_seq"])):
        envs = store.product_environments(product["productId"])
        configs = sorted(
            store.children(store.configs, "productId", product["productId"]),
            key=lambda c: (c["order"], c["_seq"]),
        )
        for config in configs:
            for env in envs:
                if rules:
                    # Included by some rule and excluded by none (inferred: the spec does not say).
                    chosen = any(r["kind"] == "include" and _matches(r, product, config, env) for r in rules)
                    chosen = chosen and not any(
                        r["kind"] == "exclude" and _matches(r, product, config, env) for r in rules
                    )
                else:
                    chosen = (config["configId"], env["environmentId"]) in explicit
                if chosen:
                    pairs.append((config, env))
    return pairs


def _render_keys(store: Store, profile: Rec) -> Rec:
    items = []
    for config, env in _selected_pairs(store, profile):
        keys = issue_sdk_keys(store, config, env)
        pair = f"{config['configId']}/{env['environmentId']}"
        items.append(
            {
                "primarySdkKey": keys["primary"],
                "secondarySdkKey": keys["secondary"],
                # What the real SDK ID looks like is unknown: a stable digest of the pair.
                "sdkId": hashlib.sha256(pair.encode()).hexdigest()[:22],
                "configId": config["configId"],
                "environmentId": env["environmentId"],
            }
        )
    return {"items": items}


def _requested_pairs(store: Store, body: Rec) -> list[Rec]:
    """The pairs a select or deselect body names; a config (or environment) alone means all of the other kind
    in its product (the spec's words). Unknown ids, or a pair across two products, are a 400 (inferred)."""
    pairs: list[Rec] = []
    for index, item in enumerate(body["items"]):
        where = f"Items[{index}]"
        config = store.configs.get(store.uuid(item.get("configId")) or "") if item.get("configId") else None
        env = (
            store.environments.get(store.uuid(item.get("environmentId")) or "")
            if item.get("environmentId")
            else None
        )
        if item.get("configId") and config is None:
            raise bad_request(where, f"Config '{item['configId']}' not found.")
        if item.get("environmentId") and env is None:
            raise bad_request(where, f"Environment '{item['environmentId']}' not found.")
        if config is None and env is None:
            raise bad_request(where, "Either a configId or an environmentId is required.")
        if config is not None and env is not None and config["productId"] != env["productId"]:
            raise bad_request(where, "The config and the environment belong to different products.")
        product_id = (config or env or {})["productId"]
        configs = [config] if config else store.children(store.configs, "productId", product_id)
        envs = [env] if env else store.product_environments(product_id)
        pairs.extend(
            {"configId": c["configId"], "environmentId": e["environmentId"]} for c in configs for e in envs
        )
    return pairs


def _selectable(store: Store, req: Request) -> Rec:
    profile = _profile(store, req.params["proxyProfileId"])
    if profile["sdkKeySelectionRules"]:
        # The spec: "403 Forbidden. When selection rules are applied to the Proxy Profile."
        raise ApiError(
            403, {"": ["SDK keys cannot be selected while selection rules are applied to the Proxy Profile."]}
        )
    return profile


@ROUTES.get("/v1/proxy-profiles/{proxyProfileId}/sdk-keys")
def get_proxy_profile_sdk_keys(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/proxy-profiles/{proxyProfileId}/sdk-keys: the explicit pairs, or those the rules select."""
    return 200, _render_keys(store, _profile(store, req.params["proxyProfileId"]))


@ROUTES.post("/v1/proxy-profiles/{proxyProfileId}/sdk-keys/select", schema="ProxyProfileSdkKeysRequest")
def select_proxy_profile_sdk_keys(store: Store, req: Request) -> tuple[int, Any]:
    """POST /v1/proxy-profiles/{proxyProfileId}/sdk-keys/select."""
    profile = _selectable(store, req)
    selected = profile["selectedSdkKeys"]
    selected.extend(pair for pair in _requested_pairs(store, req.body) if pair not in selected)
    return 200, _render_keys(store, profile)


@ROUTES.post("/v1/proxy-profiles/{proxyProfileId}/sdk-keys/deselect", schema="ProxyProfileSdkKeysRequest")
def deselect_proxy_profile_sdk_keys(store: Store, req: Request) -> tuple[int, Any]:
    """POST /v1/proxy-profiles/{proxyProfileId}/sdk-keys/deselect."""
    profile = _selectable(store, req)
    removed = _requested_pairs(store, req.body)
    profile["selectedSdkKeys"] = [pair for pair in profile["selectedSdkKeys"] if pair not in removed]
    return 200, _render_keys(store, profile)


@ROUTES.post("/v1/proxy-profiles/{proxyProfileId}/secret")
def generate_proxy_profile_secret(store: Store, req: Request) -> tuple[int, Any]:
    """POST /v1/proxy-profiles/{proxyProfileId}/secret: a new token, which replaces the previous one.

    This is the only answer that carries the token.
    """
    profile = _profile(store, req.params["proxyProfileId"])
    profile["_secret"] = "configcat-proxy-" + store.ids.secret(40)
    return 200, {"secretToken": profile["_secret"]}
