"""Setting values of Config V2 (evaluation formulas): targeting rules, conditions, percentage options,
prerequisite cycles; one formula (read, replace, patch) and all of a config in an environment."""

from __future__ import annotations

import copy
from typing import Any

from . import _variations
from ._configs import render_config
from ._environments import render_environment
from ._errors import ApiError, bad_request
from ._router import Request, Routes, apply_patch, check_patched
from ._spec import PATCH_SCHEMA
from ._store import Rec, Store
from ._values import (
    FEATURE_FLAG_LIMITATIONS,
    FIELD,
    Collector,
    batch_settings,
    config_env,
    prerequisites,
    require_approval,
    require_reason,
    setting_data,
    stamp,
    value_common,
    value_target,
)

_LIST_COMPARATORS = {
    "isOneOf",
    "isNotOneOf",
    "containsAnyOf",
    "doesNotContainAnyOf",
    "semVerIsOneOf",
    "semVerIsNotOneOf",
    "sensitiveIsOneOf",
    "sensitiveIsNotOneOf",
    "sensitiveTextStartsWithAnyOf",
    "sensitiveTextNotStartsWithAnyOf",
    "sensitiveTextEndsWithAnyOf",
    "sensitiveTextNotEndsWithAnyOf",
    "sensitiveArrayContainsAnyOf",
    "sensitiveArrayDoesNotContainAnyOf",
    "textStartsWithAnyOf",
    "textNotStartsWithAnyOf",
    "textEndsWithAnyOf",
    "textNotEndsWithAnyOf",
    "arrayContainsAnyOf",
    "arrayDoesNotContainAnyOf",
}
_NUMBER_COMPARATORS = {
    "numberEquals",
    "numberDoesNotEqual",
    "numberLess",
    "numberLessOrEquals",
    "numberGreater",
    "numberGreaterOrEquals",
    "dateTimeBefore",
    "dateTimeAfter",
}

ROUTES = Routes()


def _where_prerequisite(store: Store, setting_id: int, env_id: str) -> list[int]:
    return sorted(
        other
        for other, per_env in store.values.items()
        if other != setting_id and setting_id in prerequisites(per_env.get(env_id))
    )


def _render_formula(store: Store, setting: Rec, env_id: str, *, full: bool = True) -> Rec:
    stored = store.values[setting["settingId"]][env_id]
    out = copy.deepcopy(
        {
            k: stored[k]
            for k in ("lastVersionId", "defaultValue", "targetingRules", "percentageEvaluationAttribute")
        }
    )
    out |= {"setting": setting_data(setting, v2=True)} | value_common(store, setting, stored)
    out |= {"settingIdsWherePrerequisite": _where_prerequisite(store, setting["settingId"], env_id)}
    out["changeRequestCount"] = 0
    if full:
        env = store.environments[env_id]
        out |= {
            "config": render_config(store, store.configs[setting["configId"]]),
            "environment": render_environment(store, env),
            "readOnly": False,
            "featureFlagLimitations": dict(FEATURE_FLAG_LIMITATIONS),
            "approveRequired": store.env_flag(env, "approveRequired"),
            "canBypassApproval": True,
            "reasonRequired": store.env_flag(env, "reasonRequired"),
        }
    return out


def _wrong_value(what: str, setting: Rec) -> str:
    if setting.get("predefinedVariations"):
        return f"Invalid {what}: this setting serves its predefined variations; set a PredefinedVariationId."
    field = FIELD[setting["settingType"]]
    return (
        f"Invalid {what}: a {setting['settingType']} setting needs exactly the "
        f"{field[:1].upper()}{field[1:]} field set."
    )


def _check_v2(store: Store, setting: Rec, body: Rec, errors: Collector) -> Rec:
    config = store.configs[setting["configId"]]
    if not _variations.served_ok(setting, body.get("defaultValue")):
        errors.add("DefaultValue", _wrong_value("default value", setting))
    rules = []
    for i, rule in enumerate(body.get("targetingRules") or []):
        where = f"TargetingRules[{i}]"
        conditions = [
            _check_condition(store, setting, config, c, f"{where}.Conditions[{j}]", errors=errors)
            for j, c in enumerate(rule.get("conditions") or [])
        ]
        served, options = rule.get("value"), rule.get("percentageOptions") or []
        if served is not None and options:
            errors.add(where, "A targeting rule serves either a Value or PercentageOptions, not both.")
        elif served is None and not options:
            errors.add(where, "A targeting rule must serve a Value or PercentageOptions.")
        elif served is not None and not conditions:
            # The SDKs skip a served value without conditions, so the flag would not mean what
            # was written; a flag's own value for everyone else is its DefaultValue.
            errors.add(where, "A targeting rule serving a Value must have at least one condition.")
        if served is not None and not _variations.served_ok(setting, served):
            errors.add(f"{where}.Value", "Invalid term value.")
        for k, option in enumerate(options):
            if not _variations.served_ok(setting, option["value"]):
                errors.add(f"{where}.PercentageOptions[{k}].Value", "Invalid percentage option value.")
        if options and sum(o["percentage"] for o in options) != 100:
            errors.add(f"{where}.PercentageOptions", "The sum of the percentages must be 100.")
        rules.append(
            {
                "conditions": conditions,
                "percentageOptions": [
                    {"percentage": o["percentage"], "value": _variations.resolve(setting, o["value"])}
                    for o in options
                ],
                "value": _variations.resolve(setting, served),
            }
        )
    return {
        "defaultValue": _variations.resolve(setting, body.get("defaultValue")),
        "targetingRules": rules,
        "percentageEvaluationAttribute": body.get("percentageEvaluationAttribute"),
    }


def _check_condition(
    store: Store, setting: Rec, config: Rec, condition: Rec, where: str, *, errors: Collector
) -> Rec:
    user, segment, prerequisite = (
        condition.get("userCondition"),
        condition.get("segmentCondition"),
        condition.get("prerequisiteFlagCondition"),
    )
    out: Rec = {"userCondition": None, "segmentCondition": None, "prerequisiteFlagCondition": None}
    if sum(c is not None for c in (user, segment, prerequisite)) != 1:
        errors.add(
            where,
            "Exactly one of UserCondition, SegmentCondition or PrerequisiteFlagCondition must be set.",
        )
        return out
    if user is not None:
        comparator = user["comparator"]
        needed = (
            "listValue"
            if comparator in _LIST_COMPARATORS
            else "doubleValue"
            if comparator in _NUMBER_COMPARATORS
            else "stringValue"
        )
        value = user["comparisonValue"]
        if value.get(needed) is None:
            errors.add(
                f"{where}.UserCondition.ComparisonValue",
                f"{needed[:1].upper()}{needed[1:]} field must be set",
            )
        out["userCondition"] = {
            "comparisonAttribute": user["comparisonAttribute"],
            "comparator": comparator,
            "comparisonValue": {
                "stringValue": value.get("stringValue"),
                "doubleValue": value.get("doubleValue"),
                "listValue": None
                if value.get("listValue") is None
                else [{"value": item["value"], "hint": item.get("hint")} for item in value["listValue"]],
            },
        }
    elif segment is not None:
        segment_id = store.uuid(segment["segmentId"])
        found = store.segments.get(segment_id or "")
        if found is None or found["productId"] != config["productId"]:
            errors.add(f"{where}.SegmentCondition.SegmentId", "Segment not found.")
        out["segmentCondition"] = {"segmentId": segment_id, "comparator": segment["comparator"]}
    elif prerequisite is not None:
        target = store.settings.get(prerequisite["prerequisiteSettingId"])
        if target is None or target["configId"] != config["configId"]:
            errors.add(
                f"{where}.PrerequisiteFlagCondition.PrerequisiteSettingId",
                "Prerequisite setting not found.",
            )
        elif not _variations.served_ok(target, prerequisite["prerequisiteComparisonValue"]):
            errors.add(
                f"{where}.PrerequisiteFlagCondition.PrerequisiteComparisonValue",
                "Invalid prerequisite value.",
            )
        out["prerequisiteFlagCondition"] = {
            "prerequisiteSettingId": prerequisite["prerequisiteSettingId"],
            "comparator": prerequisite["comparator"],
            "prerequisiteComparisonValue": _variations.resolve(
                target or setting, prerequisite["prerequisiteComparisonValue"]
            ),
        }
    return out


def _check_cycles(store: Store, env_id: str, new: dict[int, Rec]) -> None:
    def deps(setting_id: int) -> list[int]:
        formula = new.get(setting_id) or store.values.get(setting_id, {}).get(env_id)
        return prerequisites(formula)

    for setting_id in new:
        for start in deps(setting_id):
            path = _path(start, setting_id, deps)
            if path:
                keys = " ➔ ".join(store.settings[s]["key"] for s in path)
                raise bad_request("", f"Circular dependency detected. {keys}")


def _path(start: int, goal: int, deps: Any) -> list[int] | None:
    stack: list[tuple[int, list[int]]] = [(start, [start])]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if node == goal:
            return path
        if node in seen:
            continue
        seen.add(node)
        stack.extend((nxt, [*path, nxt]) for nxt in deps(node))
    return None


def _v2_gates(store: Store, req: Request, env: Rec, stored: Rec | None) -> None:
    require_reason(store, req, env)
    require_approval(store, req, env)
    latest = req.q("latestVersionId")
    if latest and stored is not None and store.uuid(latest) != stored["lastVersionId"]:
        raise ApiError(
            409, {"": ["The Feature Flag or Setting has changed since the given latestVersionId."]}
        )


def _write_v2(store: Store, setting: Rec, env: Rec, body: Rec) -> tuple[int, Any]:
    errors = Collector("")
    update = _check_v2(store, setting, body, errors)
    if errors.errors:
        raise ApiError(400, errors.errors)
    _check_cycles(store, env["environmentId"], {setting["settingId"]: update})
    stamp(store, store.values[setting["settingId"]][env["environmentId"]], update)
    return 200, _render_formula(store, setting, env["environmentId"])


@ROUTES.get("/v2/environments/{environmentId}/settings/{settingId}/value")
def get_value_v2(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v2/environments/{environmentId}/settings/{settingId}/value."""
    setting, env = value_target(store, req, "v2")
    return 200, _render_formula(store, setting, env["environmentId"])


@ROUTES.put(
    "/v2/environments/{environmentId}/settings/{settingId}/value", schema="UpdateEvaluationFormulaModel"
)
def replace_value_v2(store: Store, req: Request) -> tuple[int, Any]:
    """PUT .../value (v2): a complete replace."""
    setting, env = value_target(store, req, "v2")
    _v2_gates(store, req, env, store.values[setting["settingId"]][env["environmentId"]])
    return _write_v2(store, setting, env, req.body)


@ROUTES.patch("/v2/environments/{environmentId}/settings/{settingId}/value", schema=PATCH_SCHEMA)
def update_value_v2(store: Store, req: Request) -> tuple[int, Any]:
    """PATCH .../value (v2): JSON Patch over the UpdateEvaluationFormulaModel document."""
    setting, env = value_target(store, req, "v2")
    stored = store.values[setting["settingId"]][env["environmentId"]]
    _v2_gates(store, req, env, stored)
    document = {k: stored[k] for k in ("defaultValue", "targetingRules", "percentageEvaluationAttribute")}
    patched = apply_patch(document, req.body)
    check_patched(patched, set(document), "UpdateEvaluationFormulaModel")
    if patched == document:
        return 204, None  # the spec: "When no change applied on the resource."
    return _write_v2(store, setting, env, patched)


def _render_values_v2(store: Store, config: Rec, env: Rec) -> Rec:
    return {
        "config": render_config(store, config),
        "environment": render_environment(store, env),
        "readOnly": False,
        "settingFormulas": [
            _render_formula(store, s, env["environmentId"], full=False)
            for s in store.config_settings(config["configId"])
        ],
        "featureFlagLimitations": dict(FEATURE_FLAG_LIMITATIONS),
        "approveRequired": store.env_flag(env, "approveRequired"),
        "canBypassApproval": True,
        "reasonRequired": store.env_flag(env, "reasonRequired"),
    }


@ROUTES.get("/v2/configs/{configId}/environments/{environmentId}/values")
def get_values_v2(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v2/configs/{configId}/environments/{environmentId}/values."""
    config, env = config_env(store, req, "v2")
    return 200, _render_values_v2(store, config, env)


@ROUTES.post(
    "/v2/configs/{configId}/environments/{environmentId}/values", schema="UpdateEvaluationFormulasModel"
)
def post_values_v2(store: Store, req: Request) -> tuple[int, Any]:
    """POST /v2/configs/{configId}/environments/{environmentId}/values: replace the listed formulas."""
    config, env = config_env(store, req, "v2")
    _v2_gates(store, req, env, None)
    batch = batch_settings(store, config, req.body.get("updateFormulas") or [], "UpdateFormulas")
    updates = {
        setting["settingId"]: _check_v2(store, setting, item, errors) for setting, item, errors in batch
    }
    all_errors = {k: v for _, _, errors in batch for k, v in errors.errors.items()}
    if all_errors:
        raise ApiError(400, all_errors)
    _check_cycles(store, env["environmentId"], updates)
    for setting_id, update in updates.items():
        stamp(store, store.values[setting_id][env["environmentId"]], update)
    return 200, _render_values_v2(store, config, env)
