"""Setting values of Config V1: one value (read, replace, patch) and all of a config in an environment."""

from __future__ import annotations

import copy
from typing import Any

from ._configs import render_config
from ._environments import render_environment
from ._errors import ApiError
from ._router import Request, Routes, apply_patch, check_patched
from ._spec import PATCH_SCHEMA
from ._store import Rec, Store
from ._values import (
    FEATURE_FLAG_LIMITATIONS,
    TYPE_WORDS,
    Collector,
    batch_settings,
    config_env,
    require_reason,
    setting_data,
    stamp,
    typed,
    v1_number_ok,
    value_common,
    value_target,
)

ROUTES = Routes()


def _render_value_v1(store: Store, setting: Rec, env_id: str, *, full: bool = True) -> Rec:
    stored = store.values[setting["settingId"]][env_id]
    out: Rec = {"setting": setting_data(setting)} | value_common(store, setting, stored)
    out |= copy.deepcopy({k: stored[k] for k in ("rolloutRules", "rolloutPercentageItems", "value")})
    if full:
        out |= {
            "config": render_config(store, store.configs[setting["configId"]]),
            "environment": render_environment(store, store.environments[env_id]),
            "featureFlagLimitations": dict(FEATURE_FLAG_LIMITATIONS),
            "readOnly": False,
        }
    return out


def _check_v1(store: Store, setting: Rec, body: Rec, errors: Collector) -> Rec:
    setting_type = setting["settingType"]
    product_id = store.configs[setting["configId"]]["productId"]
    ok, value = typed(setting_type, body["value"])
    if not ok:
        errors.add(
            "Value",
            f"Invalid setting value: a {setting_type} setting needs a {TYPE_WORDS[setting_type]} value.",
        )
    rules = []
    for i, rule in enumerate(body.get("rolloutRules") or []):
        ok, rule_value = typed(setting_type, rule.get("value"))
        if not ok:
            errors.add(f"RolloutRules[{i}].Value", "Invalid term value.")
        segment_id = store.uuid(rule.get("segmentId")) if rule.get("segmentId") else None
        if rule.get("segmentId") or rule.get("segmentComparator"):
            segment = store.segments.get(segment_id or "")
            if not rule.get("segmentComparator"):
                errors.add(f"RolloutRules[{i}].SegmentComparator", "SegmentComparator field must be set")
            elif segment is None or segment["productId"] != product_id:
                errors.add(f"RolloutRules[{i}].SegmentId", "Segment not found.")
        elif not (rule.get("comparisonAttribute") and rule.get("comparator") and rule.get("comparisonValue")):
            errors.add(
                f"RolloutRules[{i}]",
                "A targeting rule needs ComparisonAttribute, Comparator and ComparisonValue, "
                "or SegmentComparator and SegmentId.",
            )
        elif not v1_number_ok(rule["comparator"], rule["comparisonValue"]):
            errors.add(f"RolloutRules[{i}].ComparisonValue", "The comparison value must be a number.")
        segment_rule = segment_id is not None
        rules.append(
            {
                "comparisonAttribute": None if segment_rule else rule.get("comparisonAttribute"),
                "comparator": None if segment_rule else rule.get("comparator"),
                "comparisonValue": None if segment_rule else rule.get("comparisonValue"),
                "value": rule_value,
                "segmentComparator": rule.get("segmentComparator") if segment_rule else None,
                "segmentId": segment_id,
            }
        )
    items = []
    for i, item in enumerate(body.get("rolloutPercentageItems") or []):
        ok, item_value = typed(setting_type, item["value"])
        if not ok:
            errors.add(f"RolloutPercentageItems[{i}].Value", "Invalid percentage option value.")
        items.append({"percentage": item["percentage"], "value": item_value})
    if items and sum(i["percentage"] for i in items) != 100:
        errors.add("RolloutPercentageItems", "The sum of the percentages must be 100.")
    return {"value": value, "rolloutRules": rules, "rolloutPercentageItems": items}


def _write_v1(store: Store, setting: Rec, env: Rec, body: Rec) -> tuple[int, Any]:
    errors = Collector("")
    update = _check_v1(store, setting, body, errors)
    if errors.errors:
        raise ApiError(400, errors.errors)
    stamp(store, store.values[setting["settingId"]][env["environmentId"]], update)
    return 200, _render_value_v1(store, setting, env["environmentId"])


@ROUTES.get("/v1/environments/{environmentId}/settings/{settingId}/value")
def get_value_v1(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/environments/{environmentId}/settings/{settingId}/value."""
    setting, env = value_target(store, req, "v1")
    return 200, _render_value_v1(store, setting, env["environmentId"])


@ROUTES.put("/v1/environments/{environmentId}/settings/{settingId}/value", schema="UpdateSettingValueModel")
def replace_value_v1(store: Store, req: Request) -> tuple[int, Any]:
    """PUT .../value (v1): a complete replace."""
    setting, env = value_target(store, req, "v1")
    require_reason(store, req, env)
    return _write_v1(store, setting, env, req.body)


@ROUTES.patch("/v1/environments/{environmentId}/settings/{settingId}/value", schema=PATCH_SCHEMA)
def update_value_v1(store: Store, req: Request) -> tuple[int, Any]:
    """PATCH .../value (v1): JSON Patch over the UpdateSettingValueModel document."""
    setting, env = value_target(store, req, "v1")
    require_reason(store, req, env)
    stored = store.values[setting["settingId"]][env["environmentId"]]
    document = {k: stored[k] for k in ("value", "rolloutRules", "rolloutPercentageItems")}
    patched = apply_patch(document, req.body)
    check_patched(patched, set(document), "UpdateSettingValueModel")
    if patched == document:
        return 204, None  # the spec: "When no change applied on the resource."
    return _write_v1(store, setting, env, patched)


def _render_values_v1(store: Store, config: Rec, env: Rec) -> Rec:
    return {
        "config": render_config(store, config),
        "environment": render_environment(store, env),
        "readOnly": False,
        "settingValues": [
            _render_value_v1(store, s, env["environmentId"], full=False)
            for s in store.config_settings(config["configId"])
        ],
        "featureFlagLimitations": dict(FEATURE_FLAG_LIMITATIONS),
    }


@ROUTES.get("/v1/configs/{configId}/environments/{environmentId}/values")
def get_values_v1(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/configs/{configId}/environments/{environmentId}/values."""
    config, env = config_env(store, req, "v1")
    return 200, _render_values_v1(store, config, env)


@ROUTES.post(
    "/v1/configs/{configId}/environments/{environmentId}/values", schema="UpdateSettingValuesWithIdModel"
)
def post_values_v1(store: Store, req: Request) -> tuple[int, Any]:
    """POST /v1/configs/{configId}/environments/{environmentId}/values: replace the listed values."""
    config, env = config_env(store, req, "v1")
    require_reason(store, req, env)
    batch = batch_settings(store, config, req.body.get("settingValues") or [], "SettingValues")
    updates = [(setting, _check_v1(store, setting, item, errors)) for setting, item, errors in batch]
    all_errors = {k: v for _, _, errors in batch for k, v in errors.errors.items()}
    if all_errors:
        raise ApiError(400, all_errors)
    for setting, update in updates:
        stamp(store, store.values[setting["settingId"]][env["environmentId"]], update)
    return 200, _render_values_v1(store, config, env)
