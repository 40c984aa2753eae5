"""Settings (feature flags) and their predefined variations: list, by tag, create, read, replace, delete."""

from __future__ import annotations

import copy
import re
from typing import Any

from . import _variations
from ._errors import bad_request
from ._ids import iso, utc_now
from ._router import Request, Routes, apply_patch, check_patched
from ._spec import PATCH_SCHEMA
from ._store import ME, Rec, Store
from ._tags import render_tag
from ._values import TYPE_WORDS, default_value, prerequisites, typed

KEY_PATTERN = "^[a-zA-Z]+[a-zA-Z0-9_-]*$"
_KEY_RE = re.compile(KEY_PATTERN)
_SETTING_PATCH_FIELDS = {"name", "hint", "order", "tags", "isJson"}

ROUTES = Routes()


def _render_setting(store: Store, setting: Rec) -> Rec:
    return {
        "settingId": setting["settingId"],
        "key": setting["key"],
        "name": setting["name"],
        "hint": setting["hint"],
        "order": setting["order"],
        "settingType": setting["settingType"],
        "isJson": setting["isJson"],
        "configId": setting["configId"],
        "configName": store.configs[setting["configId"]]["name"],
        "createdAt": setting["createdAt"],
        "tags": [render_tag(store, store.tags[t]) for t in setting["tags"]],
        "predefinedVariations": _variations.render(setting),
    }


def _check_tags(store: Store, product_id: str, tag_ids: list[int]) -> list[int]:
    out: list[int] = []
    for tag_id in tag_ids:
        tag = store.tags.get(tag_id)
        if tag is None or tag["productId"] != product_id:
            raise bad_request("Tags", f"Tag {tag_id} not found in this product.")
        if tag_id not in out:
            out.append(tag_id)
    return out


@ROUTES.get("/v1/configs/{configId}/settings")
def get_settings(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/configs/{configId}/settings."""
    config = store.config(req.params["configId"])
    return 200, [_render_setting(store, s) for s in store.config_settings(config["configId"])]


@ROUTES.post("/v1/configs/{configId}/settings", schema="CreateSettingInitialValues")
def create_setting(store: Store, req: Request) -> tuple[int, Any]:
    """POST /v1/configs/{configId}/settings: a value appears in every environment of the product."""
    config = store.config(req.params["configId"])
    product_id = config["productId"]
    body = req.body
    key, setting_type = body["key"], body["settingType"]
    if not _KEY_RE.match(key):
        raise bad_request("Key", f"The field Key must match the regular expression '{KEY_PATTERN}'.")
    if any(
        s["key"].casefold() == key.casefold()
        for s in store.children(store.settings, "configId", config["configId"])
    ):
        raise bad_request("Key", "This key is already in use. Please, choose another")
    variations: list[Rec] = []
    if body.get("predefinedVariations"):
        if config["evaluationVersion"] != "v2":
            raise bad_request(
                "PredefinedVariations", "Predefined variations can only be used with Config V2."
            )
        variations = _variations.build(
            setting_type, body["predefinedVariations"], [], store.ids, "PredefinedVariations"
        )
    tags = _check_tags(store, product_id, body.get("tags") or [])
    initial, init_from = body.get("initialValues"), body.get("settingIdToInitFrom")
    if initial and init_from is not None:
        raise bad_request("", "InitialValues and SettingIdToInitFrom cannot be set at the same time.")
    envs = store.product_environments(product_id)
    per_env: dict[str | None, Any] = {}
    for index, item in enumerate(initial or []):
        ok, value = typed(setting_type, item["value"])
        if not ok:
            raise bad_request(
                f"InitialValues[{index}].Value",
                f"Invalid initial value: a {setting_type} setting needs a {TYPE_WORDS[setting_type]} value.",
            )
        env_id = store.uuid(item.get("environmentId")) if item.get("environmentId") else None
        if env_id is not None and (
            env_id not in store.environments or store.environments[env_id]["productId"] != product_id
        ):
            raise bad_request(
                f"InitialValues[{index}].EnvironmentId", "Environment not found in this product."
            )
        per_env[env_id] = value
    source = None
    if init_from is not None:
        source = store.settings.get(init_from)
        if (
            source is None
            or source["configId"] != config["configId"]
            or source["settingType"] != setting_type
        ):
            raise bad_request(
                "SettingIdToInitFrom", "No setting of the same type with this id in this config."
            )
    setting_id = store.ids.integer("setting")
    settings_in_config = store.children(store.settings, "configId", config["configId"])
    order = body.get("order")
    setting = store.new(
        {
            "settingId": setting_id,
            "configId": config["configId"],
            "key": key,
            "name": body["name"],
            "hint": body.get("hint"),
            "order": order
            if order is not None
            else (max((s["order"] for s in settings_in_config), default=-1) + 1),
            "settingType": setting_type,
            "isJson": bool(body.get("isJson")),
            "createdAt": iso(utc_now()),
            "creatorEmail": ME["email"],
            "creatorFullName": ME["fullName"],
            "tags": tags,
            "predefinedVariations": variations,
        }
    )
    store.settings[setting_id] = setting
    values: dict[str, Rec] = {}
    for env in envs:
        env_id = env["environmentId"]
        if source is not None:
            values[env_id] = copy.deepcopy(store.values[source["settingId"]][env_id])
            if "lastVersionId" in values[env_id]:
                values[env_id]["lastVersionId"] = store.ids.uuid()
        else:
            values[env_id] = default_value(store, setting, config, per_env.get(env_id, per_env.get(None)))
    store.values[setting_id] = values
    return 201, _render_setting(store, setting)


@ROUTES.get("/v1/settings/{settingId}")
def get_setting(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/settings/{settingId}."""
    return 200, _render_setting(store, store.setting(req.params["settingId"]))


def _replace_setting(store: Store, setting: Rec, body: Rec) -> tuple[int, Any]:
    # A complete replace: what the body leaves out is reset (spec text).
    product_id = store.configs[setting["configId"]]["productId"]
    tags = _check_tags(store, product_id, body.get("tags") or [])
    setting["name"] = body["name"]
    setting["hint"] = body.get("hint")
    setting["order"] = body.get("order") or 0
    setting["isJson"] = bool(body.get("isJson"))
    setting["tags"] = tags
    return 200, _render_setting(store, setting)


@ROUTES.put("/v1/settings/{settingId}", schema="ReplaceSettingModel")
def replace_setting(store: Store, req: Request) -> tuple[int, Any]:
    """PUT /v1/settings/{settingId}."""
    return _replace_setting(store, store.setting(req.params["settingId"]), req.body)


@ROUTES.patch("/v1/settings/{settingId}", schema=PATCH_SCHEMA)
def update_setting(store: Store, req: Request) -> tuple[int, Any]:
    """PATCH /v1/settings/{settingId}: JSON Patch over name, hint, order, tags (ids) and isJson."""
    setting = store.setting(req.params["settingId"])
    document = {k: copy.deepcopy(setting[k]) for k in _SETTING_PATCH_FIELDS}
    patched = apply_patch(document, req.body)
    if isinstance(patched.get("tags"), list):
        # The API binds a tag id written as a string of digits (the Terraform provider sends them so).
        patched["tags"] = [
            int(t) if isinstance(t, str) and t.isascii() and t.isdigit() else t for t in patched["tags"]
        ]
    check_patched(patched, _SETTING_PATCH_FIELDS, "ReplaceSettingModel")
    return _replace_setting(store, setting, patched)


@ROUTES.delete("/v1/settings/{settingId}")
def delete_setting(store: Store, req: Request) -> tuple[int, Any]:
    """DELETE /v1/settings/{settingId}; refused while another flag uses it as a prerequisite."""
    setting = store.setting(req.params["settingId"])
    setting_id = setting["settingId"]
    users = sorted(
        {
            store.settings[other]["key"]
            for other, per_env in store.values.items()
            if other != setting_id and any(setting_id in prerequisites(f) for f in per_env.values())
        }
    )
    if users:
        raise bad_request("", f"This setting is a prerequisite of other flags: {', '.join(users)}.")
    store.drop_setting(setting_id)
    return 204, None


def _variation_usages(store: Store, setting: Rec) -> dict[str, list[Rec]]:
    """Where each variation of ``setting`` is served, or compared with by a prerequisite condition."""
    usages: dict[str, list[Rec]] = {}
    for env_id, formula in store.values.get(setting["settingId"], {}).items():
        for variation_id in _variations.used_ids(formula):
            usages.setdefault(variation_id, []).append(
                {"settingId": setting["settingId"], "environmentId": env_id}
            )
    for other, per_env in store.values.items():
        for env_id, formula in per_env.items():
            for rule in (formula or {}).get("targetingRules", []):
                for condition in rule["conditions"]:
                    prerequisite = condition.get("prerequisiteFlagCondition")
                    if prerequisite and prerequisite["prerequisiteSettingId"] == setting["settingId"]:
                        variation_id = prerequisite["prerequisiteComparisonValue"].get(
                            "predefinedVariationId"
                        )
                        if variation_id:
                            usages.setdefault(variation_id, []).append(
                                {"settingId": other, "environmentId": env_id}
                            )
    return usages


@ROUTES.get("/v1/settings/{settingId}/predefined-variations")
def get_predefined_variations(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/settings/{settingId}/predefined-variations, with where each one is used."""
    setting = store.setting(req.params["settingId"])
    usages = _variation_usages(store, setting)
    product_id = store.configs[setting["configId"]]["productId"]
    return 200, {
        "settingKey": setting["key"],
        "settingType": setting["settingType"],
        "maxPredefinedVariations": 100,
        "environments": [
            {"environmentId": env["environmentId"], "name": env["name"], "accessType": "full"}
            for env in store.product_environments(product_id)
        ],
        "predefinedVariations": [
            v
            | {
                "usages": usages.get(v["predefinedVariationId"], []),
                "usagesInOtherEnvironments": 0,
                "changeRequestUsages": [],
                "changeRequestUsagesInOtherEnvironments": 0,
            }
            for v in _variations.render(setting)
        ],
    }


@ROUTES.put("/v1/settings/{settingId}/predefined-variations", schema="UpdatePredefinedVariationsRequest")
def update_predefined_variations(store: Store, req: Request) -> tuple[int, Any]:
    """PUT /v1/settings/{settingId}/predefined-variations: replaces the collection.

    A variation still served or compared with cannot be removed or given another value (docs).
    """
    setting = store.setting(req.params["settingId"])
    if store.configs[setting["configId"]]["evaluationVersion"] != "v2":
        raise bad_request("", "Predefined variations can only be used with Config V2.")
    old = {v["predefinedVariationId"]: v for v in setting.get("predefinedVariations", [])}
    new = _variations.build(
        setting["settingType"],
        req.body["predefinedVariations"],
        list(old.values()),
        store.ids,
        "PredefinedVariations",
    )
    kept = {v["predefinedVariationId"]: v for v in new}
    for variation_id in _variation_usages(store, setting):
        if variation_id not in kept:
            raise bad_request("", f"Predefined variation {variation_id} is in use and cannot be removed.")
        if kept[variation_id]["value"] != old[variation_id]["value"]:
            raise bad_request("", f"Predefined variation {variation_id} is in use; its value cannot change.")
    setting["predefinedVariations"] = new
    return 200, {"predefinedVariations": _variations.render(setting), "maxPredefinedVariations": 100}


@ROUTES.get("/v1/tags/{tagId}/settings")
def get_settings_by_tag(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/tags/{tagId}/settings."""
    tag = store.by_int(store.tags, req.params["tagId"])
    settings = sorted(
        (s for s in store.settings.values() if tag["tagId"] in s["tags"]), key=lambda s: s["settingId"]
    )
    return 200, [_render_setting(store, s) for s in settings]
