"""What the value handlers (v1 and v2), settings, webhooks and SDK keys share: typed values, the
value a new setting or environment starts with, the config/environment/setting a path names, the gates
(evaluation version, reason, approval), stamping a write, and the setting as values show it."""

from __future__ import annotations

from typing import Any

from . import _spec, _variations
from ._configfile import parse_v1_number
from ._errors import bad_request, not_found
from ._ids import iso, utc_now
from ._router import Request
from ._store import ME, Rec, Store

FIELD = {"boolean": "boolValue", "string": "stringValue", "int": "intValue", "double": "doubleValue"}
VALUE_FIELDS = ("boolValue", "stringValue", "intValue", "doubleValue")
# Defaults of a value nobody set (behaviour ref §3a): false / "" / 0 / 0.0; the "" is a guess.
TYPE_DEFAULTS: dict[str, Any] = {"boolean": False, "string": "", "int": 0, "double": 0.0}
TYPE_WORDS = {"boolean": "boolean", "string": "text", "int": "whole number", "double": "number"}
FEATURE_FLAG_LIMITATIONS = {
    "maxPercentageOptionCount": 100,
    "maxTargetingRuleCount": 100,
    "maxComparisonValueLength": 65535,
    "maxComparisonValueListLength": 1000,
    "maxComparisonValueListItemLength": 65535,
    "maxStringFlagValueLength": 100000,
    "maxConditionPerTargetingRuleCount": 100,
}


def typed(setting_type: str, value: Any) -> tuple[bool, Any]:
    """Check a raw (v1) value against a setting type; return (ok, value normalised to the type)."""
    if setting_type == "boolean":
        return isinstance(value, bool), value
    if isinstance(value, bool):
        return False, value
    if setting_type == "string":
        return isinstance(value, str), value
    if not isinstance(value, int | float):
        return False, value
    if setting_type == "int":
        integral = float(value).is_integer() and -(2**31) <= value < 2**31
        return integral, int(value) if integral else value
    return True, float(value)


def value_model(raw: dict[str, Any] | None) -> Rec | None:
    """Spell a v2 value with every field present, as the response models do."""
    if raw is None:
        return None
    return {f: raw.get(f) for f in VALUE_FIELDS} | {"predefinedVariationId": raw.get("predefinedVariationId")}


def prerequisites(formula: Rec | None) -> list[int]:
    """The prerequisite setting ids a stored v2 formula refers to."""
    if not formula:
        return []
    return [
        c["prerequisiteFlagCondition"]["prerequisiteSettingId"]
        for rule in formula.get("targetingRules", [])
        for c in rule["conditions"]
        if c.get("prerequisiteFlagCondition")
    ]


def v1_number_ok(comparator: Any, text: Any) -> bool:
    """Whether a v1 (rule or segment) comparison string suits its comparator: number comparators need one."""
    if not (isinstance(comparator, str) and comparator.startswith("number")):
        return True
    return isinstance(text, str) and parse_v1_number(text) is not None


class Collector:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.errors: _spec.Errors = {}

    def add(self, key: str, message: str) -> None:
        full = f"{self.prefix}.{key}" if self.prefix and key else (self.prefix or key)
        self.errors.setdefault(full, []).append(message)


def setting_tags(store: Store, setting: Rec) -> list[Rec]:
    """The setting's tags as values list them, each with a stable setting-tag id."""
    out = []
    for tag_id in setting["tags"]:
        key = (setting["settingId"], tag_id)
        if key not in store.setting_tag_ids:
            store.setting_tag_ids[key] = store.ids.integer("settingTag")
        tag = store.tags[tag_id]
        out.append(
            {
                "settingTagId": store.setting_tag_ids[key],
                "tagId": tag_id,
                "name": tag["name"],
                "color": tag["color"],
            }
        )
    return out


def setting_data(setting: Rec, *, v2: bool = False) -> Rec:
    """The setting as values show it (v2 adds its predefined variations)."""
    out = {k: setting[k] for k in ("settingId", "key", "name", "hint", "settingType", "isJson", "order")}
    out |= {
        "createdAt": setting["createdAt"],
        "creatorEmail": setting["creatorEmail"],
        "creatorFullName": setting["creatorFullName"],
        "isWatching": False,
    }
    if v2:
        out["predefinedVariations"] = _variations.render(setting)
    return out


def value_common(store: Store, setting: Rec, stored: Rec) -> Rec:
    """The fields every value answer (v1 and v2) has besides the value itself."""
    return {
        "updatedAt": stored["updatedAt"],
        "lastUpdaterUserEmail": stored["lastUpdaterUserEmail"],
        "lastUpdaterUserFullName": stored["lastUpdaterUserFullName"],
        "integrationLinks": [],
        "settingTags": setting_tags(store, setting),
    }


def default_value(store: Store, setting: Rec, config: Rec, raw: Any) -> Rec:
    """Return a new stored value (v1) or formula (v2) serving ``raw`` or the type default."""
    value = TYPE_DEFAULTS[setting["settingType"]] if raw is None else raw
    common = {
        "updatedAt": iso(utc_now()),
        "lastUpdaterUserEmail": ME["email"],
        "lastUpdaterUserFullName": ME["fullName"],
    }
    if config["evaluationVersion"] == "v1":
        return {"value": value, "rolloutRules": [], "rolloutPercentageItems": []} | common
    variations = setting.get("predefinedVariations")
    if variations and raw is None:
        default = _variations.resolve(
            setting, {"predefinedVariationId": variations[0]["predefinedVariationId"]}
        )
    else:
        default = value_model({FIELD[setting["settingType"]]: value})
    return {
        "lastVersionId": store.ids.uuid(),
        "defaultValue": default,
        "targetingRules": [],
        "percentageEvaluationAttribute": None,
    } | common


def value_target(store: Store, req: Request, version: str) -> tuple[Rec, Rec]:
    """The setting and environment a value path names (404 across products, 400 on the wrong version)."""
    env = store.environment(req.params["environmentId"])
    setting = store.setting(req.params["settingId"])
    config = store.configs[setting["configId"]]
    if config["productId"] != env["productId"]:
        raise not_found()
    require_version(config, version)
    return setting, env


def config_env(store: Store, req: Request, version: str | None) -> tuple[Rec, Rec]:
    """The config and environment a path names (404 across products; the version checked if given)."""
    config = store.config(req.params["configId"])
    env = store.environment(req.params["environmentId"])
    if config["productId"] != env["productId"]:
        raise not_found()
    if version is not None:
        require_version(config, version)
    return config, env


def require_version(config: Rec, version: str) -> None:
    # Wording invented (behaviour ref §3d): the real status and text are unknown.
    """Refuse a config of the other evaluation version."""
    if config["evaluationVersion"] != version:
        raise bad_request("", f"This endpoint can only be used with Config {version.upper()}.")


def require_reason(store: Store, req: Request, env: Rec) -> None:
    """Refuse a write without a reason where the environment requires one."""
    if store.env_flag(env, "reasonRequired") and not (req.q("reason") or "").strip():
        raise bad_request("", "Reason required")


def require_approval(store: Store, req: Request, env: Rec) -> None:
    """Refuse a write without ``bypassApproval=true`` where the environment requires approval."""
    if store.env_flag(env, "approveRequired") and (req.q("bypassApproval") or "").lower() != "true":
        raise bad_request("", "Approval required.")


def stamp(store: Store, stored: Rec, update: Rec) -> None:
    """Write an update into a stored value with who and when (and a new version id for v2)."""
    stored.update(update)
    stored["updatedAt"] = iso(utc_now())
    stored["lastUpdaterUserEmail"] = ME["email"]
    stored["lastUpdaterUserFullName"] = ME["fullName"]
    if "lastVersionId" in stored:
        stored["lastVersionId"] = store.ids.uuid()


def batch_settings(
    store: Store, config: Rec, items: list[Rec], list_key: str
) -> list[tuple[Rec, Rec, Collector]]:
    """The settings a batch write names, each with its error collector (400 for one not in the config)."""
    batch = []
    for index, item in enumerate(items):
        setting = store.settings.get(item.get("settingId"))  # type: ignore[arg-type]
        if setting is None or setting["configId"] != config["configId"]:
            raise bad_request(f"{list_key}[{index}].SettingId", "Setting not found in this config.")
        batch.append((setting, item, Collector(f"{list_key}[{index}]")))
    return batch
