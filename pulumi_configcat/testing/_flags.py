"""Settings (feature flags), their values in v1 and v2 form, SDK keys and webhooks.

This extends :class:`~._api.Api` with the flag-level operations; the split keeps each module
readable, and :class:`EmulatedApi` is the complete service the HTTP server runs.
"""

from __future__ import annotations

import copy
import re
from typing import Any
from urllib.parse import urlsplit

from . import _spec, _variations
from ._api import ME, Api, Handler, Rec, Request, apply_patch
from ._configfile import parse_v1_number
from ._errors import ApiError, bad_request, not_found
from ._ids import iso, utc_now

KEY_PATTERN = "^[a-zA-Z]+[a-zA-Z0-9_-]*$"
_KEY_RE = re.compile(KEY_PATTERN)
FIELD = {"boolean": "boolValue", "string": "stringValue", "int": "intValue", "double": "doubleValue"}
VALUE_FIELDS = ("boolValue", "stringValue", "intValue", "doubleValue")
# Defaults of a value nobody set (behaviour ref §3a): false / "" / 0 / 0.0; the "" is a guess.
TYPE_DEFAULTS: dict[str, Any] = {"boolean": False, "string": "", "int": 0, "double": 0.0}
_TYPE_WORDS = {"boolean": "boolean", "string": "text", "int": "whole number", "double": "number"}
FEATURE_FLAG_LIMITATIONS = {
    "maxPercentageOptionCount": 100,
    "maxTargetingRuleCount": 100,
    "maxComparisonValueLength": 65535,
    "maxComparisonValueListLength": 1000,
    "maxComparisonValueListItemLength": 65535,
    "maxStringFlagValueLength": 100000,
    "maxConditionPerTargetingRuleCount": 100,
}
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
_SETTING_PATCH_FIELDS = {"name", "hint", "order", "tags", "isJson"}
_WEBHOOK_PATCH_FIELDS = {"url", "content", "httpMethod", "webHookHeaders"}


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


def _valid_url(url: Any) -> bool:
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


class _Collector:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.errors: _spec.Errors = {}

    def add(self, key: str, message: str) -> None:
        full = f"{self.prefix}.{key}" if self.prefix and key else (self.prefix or key)
        self.errors.setdefault(full, []).append(message)


class EmulatedApi(Api):
    """The complete emulated service."""

    def _more_routes(self) -> list[tuple[str, str, Handler, str | None]]:
        v1_value = "/v1/environments/{environmentId}/settings/{settingId}/value"
        v2_value = "/v2/environments/{environmentId}/settings/{settingId}/value"
        v1_values = "/v1/configs/{configId}/environments/{environmentId}/values"
        v2_values = "/v2/configs/{configId}/environments/{environmentId}/values"
        patch = _spec.PATCH_SCHEMA
        return [
            ("GET", "/v1/configs/{configId}/settings", self.get_settings, None),
            ("POST", "/v1/configs/{configId}/settings", self.create_setting, "CreateSettingInitialValues"),
            ("GET", "/v1/settings/{settingId}", self.get_setting, None),
            ("PUT", "/v1/settings/{settingId}", self.replace_setting, "ReplaceSettingModel"),
            ("PATCH", "/v1/settings/{settingId}", self.update_setting, patch),
            ("DELETE", "/v1/settings/{settingId}", self.delete_setting, None),
            ("GET", "/v1/tags/{tagId}/settings", self.get_settings_by_tag, None),
            ("GET", "/v1/settings/{settingId}/predefined-variations", self.get_predefined_variations, None),
            (
                "PUT",
                "/v1/settings/{settingId}/predefined-variations",
                self.update_predefined_variations,
                "UpdatePredefinedVariationsRequest",
            ),
            ("GET", v1_value, self.get_value_v1, None),
            ("PUT", v1_value, self.replace_value_v1, "UpdateSettingValueModel"),
            ("PATCH", v1_value, self.update_value_v1, patch),
            ("GET", v1_values, self.get_values_v1, None),
            ("POST", v1_values, self.post_values_v1, "UpdateSettingValuesWithIdModel"),
            ("GET", v2_value, self.get_value_v2, None),
            ("PUT", v2_value, self.replace_value_v2, "UpdateEvaluationFormulaModel"),
            ("PATCH", v2_value, self.update_value_v2, patch),
            ("GET", v2_values, self.get_values_v2, None),
            ("POST", v2_values, self.post_values_v2, "UpdateEvaluationFormulasModel"),
            ("GET", "/v1/configs/{configId}/environments/{environmentId}", self.get_sdk_keys, None),
            ("GET", "/v1/products/{productId}/webhooks", self.get_webhooks, None),
            (
                "POST",
                "/v1/configs/{configId}/environments/{environmentId}/webhooks",
                self.create_webhook,
                "WebHookRequestModel",
            ),
            ("GET", "/v1/webhooks/{webhookId}", self.get_webhook, None),
            ("PUT", "/v1/webhooks/{webhookId}", self.replace_webhook, "WebHookRequestModel"),
            ("PATCH", "/v1/webhooks/{webhookId}", self.update_webhook, patch),
            ("DELETE", "/v1/webhooks/{webhookId}", self.delete_webhook, None),
            ("GET", "/v1/webhooks/{webhookId}/keys", self.get_webhook_keys, None),
        ]

    def adjust_errors(self, schema: str, body: Any, errors: _spec.Errors) -> _spec.Errors:
        """The service words a bad webhook URL as "Url is invalid" (TF tests), even when it is too short."""
        if schema == "WebHookRequestModel" and isinstance(body, dict) and not _valid_url(body.get("url")):
            errors = dict(errors)
            if body.get("url") is not None:
                errors["Url"] = ["Url is invalid"]
        return errors

    # ------------------------------------------------------------------ rendering

    def _setting_tags(self, setting: Rec) -> list[Rec]:
        out = []
        for tag_id in setting["tags"]:
            key = (setting["settingId"], tag_id)
            if key not in self._setting_tag_ids:
                self._setting_tag_ids[key] = self.ids.integer("settingTag")
            tag = self.tags[tag_id]
            out.append(
                {
                    "settingTagId": self._setting_tag_ids[key],
                    "tagId": tag_id,
                    "name": tag["name"],
                    "color": tag["color"],
                }
            )
        return out

    def _render_setting(self, setting: Rec) -> Rec:
        return {
            "settingId": setting["settingId"],
            "key": setting["key"],
            "name": setting["name"],
            "hint": setting["hint"],
            "order": setting["order"],
            "settingType": setting["settingType"],
            "isJson": setting["isJson"],
            "configId": setting["configId"],
            "configName": self.configs[setting["configId"]]["name"],
            "createdAt": setting["createdAt"],
            "tags": [self._render_tag(self.tags[t]) for t in setting["tags"]],
            "predefinedVariations": _variations.render(setting),
        }

    @staticmethod
    def _setting_data(setting: Rec, *, v2: bool = False) -> Rec:
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

    def _value_common(self, setting: Rec, stored: Rec) -> Rec:
        return {
            "updatedAt": stored["updatedAt"],
            "lastUpdaterUserEmail": stored["lastUpdaterUserEmail"],
            "lastUpdaterUserFullName": stored["lastUpdaterUserFullName"],
            "integrationLinks": [],
            "settingTags": self._setting_tags(setting),
        }

    def _render_value_v1(self, setting: Rec, env_id: str, *, full: bool = True) -> Rec:
        stored = self.values[setting["settingId"]][env_id]
        out: Rec = {"setting": self._setting_data(setting)} | self._value_common(setting, stored)
        out |= copy.deepcopy({k: stored[k] for k in ("rolloutRules", "rolloutPercentageItems", "value")})
        if full:
            out |= {
                "config": self._render_config(self.configs[setting["configId"]]),
                "environment": self._render_environment(self.environments[env_id]),
                "featureFlagLimitations": dict(FEATURE_FLAG_LIMITATIONS),
                "readOnly": False,
            }
        return out

    def _where_prerequisite(self, setting_id: int, env_id: str) -> list[int]:
        return sorted(
            other
            for other, per_env in self.values.items()
            if other != setting_id and setting_id in prerequisites(per_env.get(env_id))
        )

    def _render_formula(self, setting: Rec, env_id: str, *, full: bool = True) -> Rec:
        stored = self.values[setting["settingId"]][env_id]
        out = copy.deepcopy(
            {
                k: stored[k]
                for k in ("lastVersionId", "defaultValue", "targetingRules", "percentageEvaluationAttribute")
            }
        )
        out |= {"setting": self._setting_data(setting, v2=True)} | self._value_common(setting, stored)
        out |= {"settingIdsWherePrerequisite": self._where_prerequisite(setting["settingId"], env_id)}
        out["changeRequestCount"] = 0
        if full:
            env = self.environments[env_id]
            out |= {
                "config": self._render_config(self.configs[setting["configId"]]),
                "environment": self._render_environment(env),
                "readOnly": False,
                "featureFlagLimitations": dict(FEATURE_FLAG_LIMITATIONS),
                "approveRequired": self._env_flag(env, "approveRequired"),
                "canBypassApproval": True,
                "reasonRequired": self._env_flag(env, "reasonRequired"),
            }
        return out

    def _config_settings(self, config_id: str) -> list[Rec]:
        return sorted(
            self._children(self.settings, "configId", config_id), key=lambda s: (s["order"], s["settingId"])
        )

    # ------------------------------------------------------------------ settings

    def _default_value(self, setting: Rec, config: Rec, raw: Any) -> Rec:
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
            "lastVersionId": self.ids.uuid(),
            "defaultValue": default,
            "targetingRules": [],
            "percentageEvaluationAttribute": None,
        } | common

    def _check_tags(self, product_id: str, tag_ids: list[int]) -> list[int]:
        out: list[int] = []
        for tag_id in tag_ids:
            tag = self.tags.get(tag_id)
            if tag is None or tag["productId"] != product_id:
                raise bad_request("Tags", f"Tag {tag_id} not found in this product.")
            if tag_id not in out:
                out.append(tag_id)
        return out

    def get_settings(self, req: Request) -> tuple[int, Any]:
        """GET /v1/configs/{configId}/settings."""
        config = self._config(req.params["configId"])
        return 200, [self._render_setting(s) for s in self._config_settings(config["configId"])]

    def create_setting(self, req: Request) -> tuple[int, Any]:
        """POST /v1/configs/{configId}/settings: a value appears in every environment of the product."""
        config = self._config(req.params["configId"])
        product_id = config["productId"]
        body = req.body
        key, setting_type = body["key"], body["settingType"]
        if not _KEY_RE.match(key):
            raise bad_request("Key", f"The field Key must match the regular expression '{KEY_PATTERN}'.")
        if any(
            s["key"].casefold() == key.casefold()
            for s in self._children(self.settings, "configId", config["configId"])
        ):
            raise bad_request("Key", "This key is already in use. Please, choose another")
        variations: list[Rec] = []
        if body.get("predefinedVariations"):
            if config["evaluationVersion"] != "v2":
                raise bad_request(
                    "PredefinedVariations", "Predefined variations can only be used with Config V2."
                )
            variations = _variations.build(
                setting_type, body["predefinedVariations"], [], self.ids, "PredefinedVariations"
            )
        tags = self._check_tags(product_id, body.get("tags") or [])
        initial, init_from = body.get("initialValues"), body.get("settingIdToInitFrom")
        if initial and init_from is not None:
            raise bad_request("", "InitialValues and SettingIdToInitFrom cannot be set at the same time.")
        envs = self._product_environments(product_id)
        per_env: dict[str | None, Any] = {}
        for index, item in enumerate(initial or []):
            ok, value = typed(setting_type, item["value"])
            if not ok:
                raise bad_request(
                    f"InitialValues[{index}].Value",
                    f"Invalid initial value: a {setting_type} setting needs a "
                    f"{_TYPE_WORDS[setting_type]} value.",
                )
            env_id = self._uuid(item.get("environmentId")) if item.get("environmentId") else None
            if env_id is not None and (
                env_id not in self.environments or self.environments[env_id]["productId"] != product_id
            ):
                raise bad_request(
                    f"InitialValues[{index}].EnvironmentId", "Environment not found in this product."
                )
            per_env[env_id] = value
        source = None
        if init_from is not None:
            source = self.settings.get(init_from)
            if (
                source is None
                or source["configId"] != config["configId"]
                or source["settingType"] != setting_type
            ):
                raise bad_request(
                    "SettingIdToInitFrom", "No setting of the same type with this id in this config."
                )
        setting_id = self.ids.integer("setting")
        settings_in_config = self._children(self.settings, "configId", config["configId"])
        order = body.get("order")
        setting = self._new(
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
        self.settings[setting_id] = setting
        values: dict[str, Rec] = {}
        for env in envs:
            env_id = env["environmentId"]
            if source is not None:
                values[env_id] = copy.deepcopy(self.values[source["settingId"]][env_id])
                if "lastVersionId" in values[env_id]:
                    values[env_id]["lastVersionId"] = self.ids.uuid()
            else:
                values[env_id] = self._default_value(setting, config, per_env.get(env_id, per_env.get(None)))
        self.values[setting_id] = values
        return 201, self._render_setting(setting)

    def _setting(self, raw: str) -> Rec:
        return self._by_int(self.settings, raw)

    def get_setting(self, req: Request) -> tuple[int, Any]:
        """GET /v1/settings/{settingId}."""
        return 200, self._render_setting(self._setting(req.params["settingId"]))

    def _replace_setting(self, setting: Rec, body: Rec) -> tuple[int, Any]:
        # A complete replace: what the body leaves out is reset (spec text).
        product_id = self.configs[setting["configId"]]["productId"]
        tags = self._check_tags(product_id, body.get("tags") or [])
        setting["name"] = body["name"]
        setting["hint"] = body.get("hint")
        setting["order"] = body.get("order") or 0
        setting["isJson"] = bool(body.get("isJson"))
        setting["tags"] = tags
        return 200, self._render_setting(setting)

    def replace_setting(self, req: Request) -> tuple[int, Any]:
        """PUT /v1/settings/{settingId}."""
        return self._replace_setting(self._setting(req.params["settingId"]), req.body)

    def update_setting(self, req: Request) -> tuple[int, Any]:
        """PATCH /v1/settings/{settingId}: JSON Patch over name, hint, order, tags (ids) and isJson."""
        setting = self._setting(req.params["settingId"])
        document = {k: copy.deepcopy(setting[k]) for k in _SETTING_PATCH_FIELDS}
        patched = apply_patch(document, req.body)
        self._check_patched(patched, _SETTING_PATCH_FIELDS, "ReplaceSettingModel")
        return self._replace_setting(setting, patched)

    def _check_patched(self, patched: Any, allowed: set[str], schema: str) -> None:
        if not isinstance(patched, dict):
            raise bad_request("", "The patched document must be an object.")
        extra = sorted(set(patched) - allowed)
        if extra:
            raise bad_request("", f"The field '{extra[0]}' cannot be modified by this endpoint.")
        errors = self.adjust_errors(schema, patched, _spec.validate(schema, patched))
        if errors:
            raise ApiError(400, errors)

    def delete_setting(self, req: Request) -> tuple[int, Any]:
        """DELETE /v1/settings/{settingId}; refused while another flag uses it as a prerequisite."""
        setting = self._setting(req.params["settingId"])
        setting_id = setting["settingId"]
        users = sorted(
            {
                self.settings[other]["key"]
                for other, per_env in self.values.items()
                if other != setting_id and any(setting_id in prerequisites(f) for f in per_env.values())
            }
        )
        if users:
            raise bad_request("", f"This setting is a prerequisite of other flags: {', '.join(users)}.")
        self._drop_setting(setting_id)
        return 204, None

    def _variation_usages(self, setting: Rec) -> dict[str, list[Rec]]:
        """Where each variation of ``setting`` is served, or compared with by a prerequisite condition."""
        usages: dict[str, list[Rec]] = {}
        for env_id, formula in self.values.get(setting["settingId"], {}).items():
            for variation_id in _variations.used_ids(formula):
                usages.setdefault(variation_id, []).append(
                    {"settingId": setting["settingId"], "environmentId": env_id}
                )
        for other, per_env in self.values.items():
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

    def get_predefined_variations(self, req: Request) -> tuple[int, Any]:
        """GET /v1/settings/{settingId}/predefined-variations, with where each one is used."""
        setting = self._setting(req.params["settingId"])
        usages = self._variation_usages(setting)
        product_id = self.configs[setting["configId"]]["productId"]
        return 200, {
            "settingKey": setting["key"],
            "settingType": setting["settingType"],
            "maxPredefinedVariations": 100,
            "environments": [
                {"environmentId": env["environmentId"], "name": env["name"], "accessType": "full"}
                for env in self._product_environments(product_id)
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

    def update_predefined_variations(self, req: Request) -> tuple[int, Any]:
        """PUT /v1/settings/{settingId}/predefined-variations: replaces the collection.

        A variation still served or compared with cannot be removed or given another value (docs).
        """
        setting = self._setting(req.params["settingId"])
        if self.configs[setting["configId"]]["evaluationVersion"] != "v2":
            raise bad_request("", "Predefined variations can only be used with Config V2.")
        old = {v["predefinedVariationId"]: v for v in setting.get("predefinedVariations", [])}
        new = _variations.build(
            setting["settingType"],
            req.body["predefinedVariations"],
            list(old.values()),
            self.ids,
            "PredefinedVariations",
        )
        kept = {v["predefinedVariationId"]: v for v in new}
        for variation_id in self._variation_usages(setting):
            if variation_id not in kept:
                raise bad_request("", f"Predefined variation {variation_id} is in use and cannot be removed.")
            if kept[variation_id]["value"] != old[variation_id]["value"]:
                raise bad_request(
                    "", f"Predefined variation {variation_id} is in use; its value cannot change."
                )
        setting["predefinedVariations"] = new
        return 200, {"predefinedVariations": _variations.render(setting), "maxPredefinedVariations": 100}

    def get_settings_by_tag(self, req: Request) -> tuple[int, Any]:
        """GET /v1/tags/{tagId}/settings."""
        tag = self._by_int(self.tags, req.params["tagId"])
        settings = sorted(
            (s for s in self.settings.values() if tag["tagId"] in s["tags"]), key=lambda s: s["settingId"]
        )
        return 200, [self._render_setting(s) for s in settings]

    # ------------------------------------------------------------------ value plumbing

    def _value_target(self, req: Request, version: str) -> tuple[Rec, Rec]:
        env = self._environment(req.params["environmentId"])
        setting = self._setting(req.params["settingId"])
        config = self.configs[setting["configId"]]
        if config["productId"] != env["productId"]:
            raise not_found()
        self._require_version(config, version)
        return setting, env

    def _config_env(self, req: Request, version: str | None) -> tuple[Rec, Rec]:
        config = self._config(req.params["configId"])
        env = self._environment(req.params["environmentId"])
        if config["productId"] != env["productId"]:
            raise not_found()
        if version is not None:
            self._require_version(config, version)
        return config, env

    @staticmethod
    def _require_version(config: Rec, version: str) -> None:
        # Wording invented (behaviour ref §3d): the real status and text are unknown.
        if config["evaluationVersion"] != version:
            raise bad_request("", f"This endpoint can only be used with Config {version.upper()}.")

    def _require_reason(self, req: Request, env: Rec) -> None:
        if self._env_flag(env, "reasonRequired") and not (req.q("reason") or "").strip():
            raise bad_request("", "Reason required")

    def _require_approval(self, req: Request, env: Rec) -> None:
        if self._env_flag(env, "approveRequired") and (req.q("bypassApproval") or "").lower() != "true":
            raise bad_request("", "Approval required.")

    def _stamp(self, stored: Rec, update: Rec) -> None:
        stored.update(update)
        stored["updatedAt"] = iso(utc_now())
        stored["lastUpdaterUserEmail"] = ME["email"]
        stored["lastUpdaterUserFullName"] = ME["fullName"]
        if "lastVersionId" in stored:
            stored["lastVersionId"] = self.ids.uuid()

    # ------------------------------------------------------------------ v1 values

    def _check_v1(self, setting: Rec, body: Rec, errors: _Collector) -> Rec:
        setting_type = setting["settingType"]
        product_id = self.configs[setting["configId"]]["productId"]
        ok, value = typed(setting_type, body["value"])
        if not ok:
            errors.add(
                "Value",
                f"Invalid setting value: a {setting_type} setting needs a {_TYPE_WORDS[setting_type]} value.",
            )
        rules = []
        for i, rule in enumerate(body.get("rolloutRules") or []):
            ok, rule_value = typed(setting_type, rule.get("value"))
            if not ok:
                errors.add(f"RolloutRules[{i}].Value", "Invalid term value.")
            segment_id = self._uuid(rule.get("segmentId")) if rule.get("segmentId") else None
            if rule.get("segmentId") or rule.get("segmentComparator"):
                segment = self.segments.get(segment_id or "")
                if not rule.get("segmentComparator"):
                    errors.add(f"RolloutRules[{i}].SegmentComparator", "SegmentComparator field must be set")
                elif segment is None or segment["productId"] != product_id:
                    errors.add(f"RolloutRules[{i}].SegmentId", "Segment not found.")
            elif not (
                rule.get("comparisonAttribute") and rule.get("comparator") and rule.get("comparisonValue")
            ):
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

    def _write_v1(self, setting: Rec, env: Rec, body: Rec) -> tuple[int, Any]:
        errors = _Collector("")
        update = self._check_v1(setting, body, errors)
        if errors.errors:
            raise ApiError(400, errors.errors)
        self._stamp(self.values[setting["settingId"]][env["environmentId"]], update)
        return 200, self._render_value_v1(setting, env["environmentId"])

    def get_value_v1(self, req: Request) -> tuple[int, Any]:
        """GET /v1/environments/{environmentId}/settings/{settingId}/value."""
        setting, env = self._value_target(req, "v1")
        return 200, self._render_value_v1(setting, env["environmentId"])

    def replace_value_v1(self, req: Request) -> tuple[int, Any]:
        """PUT .../value (v1): a complete replace."""
        setting, env = self._value_target(req, "v1")
        self._require_reason(req, env)
        return self._write_v1(setting, env, req.body)

    def update_value_v1(self, req: Request) -> tuple[int, Any]:
        """PATCH .../value (v1): JSON Patch over the UpdateSettingValueModel document."""
        setting, env = self._value_target(req, "v1")
        self._require_reason(req, env)
        stored = self.values[setting["settingId"]][env["environmentId"]]
        document = {k: stored[k] for k in ("value", "rolloutRules", "rolloutPercentageItems")}
        patched = apply_patch(document, req.body)
        self._check_patched(patched, set(document), "UpdateSettingValueModel")
        if patched == document:
            return 204, None  # the spec: "When no change applied on the resource."
        return self._write_v1(setting, env, patched)

    def _render_values_v1(self, config: Rec, env: Rec) -> Rec:
        return {
            "config": self._render_config(config),
            "environment": self._render_environment(env),
            "readOnly": False,
            "settingValues": [
                self._render_value_v1(s, env["environmentId"], full=False)
                for s in self._config_settings(config["configId"])
            ],
            "featureFlagLimitations": dict(FEATURE_FLAG_LIMITATIONS),
        }

    def get_values_v1(self, req: Request) -> tuple[int, Any]:
        """GET /v1/configs/{configId}/environments/{environmentId}/values."""
        config, env = self._config_env(req, "v1")
        return 200, self._render_values_v1(config, env)

    def _batch_settings(
        self, config: Rec, items: list[Rec], list_key: str
    ) -> list[tuple[Rec, Rec, _Collector]]:
        batch = []
        for index, item in enumerate(items):
            setting = self.settings.get(item.get("settingId"))  # type: ignore[arg-type]
            if setting is None or setting["configId"] != config["configId"]:
                raise bad_request(f"{list_key}[{index}].SettingId", "Setting not found in this config.")
            batch.append((setting, item, _Collector(f"{list_key}[{index}]")))
        return batch

    def post_values_v1(self, req: Request) -> tuple[int, Any]:
        """POST /v1/configs/{configId}/environments/{environmentId}/values: replace the listed values."""
        config, env = self._config_env(req, "v1")
        self._require_reason(req, env)
        batch = self._batch_settings(config, req.body.get("settingValues") or [], "SettingValues")
        updates = [(setting, self._check_v1(setting, item, errors)) for setting, item, errors in batch]
        all_errors = {k: v for _, _, errors in batch for k, v in errors.errors.items()}
        if all_errors:
            raise ApiError(400, all_errors)
        for setting, update in updates:
            self._stamp(self.values[setting["settingId"]][env["environmentId"]], update)
        return 200, self._render_values_v1(config, env)

    # ------------------------------------------------------------------ v2 values

    @staticmethod
    def _wrong_value(what: str, setting: Rec) -> str:
        if setting.get("predefinedVariations"):
            return (
                f"Invalid {what}: this setting serves its predefined variations; set a PredefinedVariationId."
            )
        field = FIELD[setting["settingType"]]
        return (
            f"Invalid {what}: a {setting['settingType']} setting needs exactly the "
            f"{field[:1].upper()}{field[1:]} field set."
        )

    def _check_v2(self, setting: Rec, body: Rec, errors: _Collector) -> Rec:
        config = self.configs[setting["configId"]]
        if not _variations.served_ok(setting, body.get("defaultValue")):
            errors.add("DefaultValue", self._wrong_value("default value", setting))
        rules = []
        for i, rule in enumerate(body.get("targetingRules") or []):
            where = f"TargetingRules[{i}]"
            conditions = [
                self._check_condition(setting, config, c, f"{where}.Conditions[{j}]", errors)
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
        self, setting: Rec, config: Rec, condition: Rec, where: str, errors: _Collector
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
            segment_id = self._uuid(segment["segmentId"])
            found = self.segments.get(segment_id or "")
            if found is None or found["productId"] != config["productId"]:
                errors.add(f"{where}.SegmentCondition.SegmentId", "Segment not found.")
            out["segmentCondition"] = {"segmentId": segment_id, "comparator": segment["comparator"]}
        elif prerequisite is not None:
            target = self.settings.get(prerequisite["prerequisiteSettingId"])
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

    def _check_cycles(self, env_id: str, new: dict[int, Rec]) -> None:
        def deps(setting_id: int) -> list[int]:
            formula = new.get(setting_id) or self.values.get(setting_id, {}).get(env_id)
            return prerequisites(formula)

        for setting_id in new:
            for start in deps(setting_id):
                path = self._path(start, setting_id, deps)
                if path:
                    keys = " ➔ ".join(self.settings[s]["key"] for s in path)
                    raise bad_request("", f"Circular dependency detected. {keys}")

    @staticmethod
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

    def _v2_gates(self, req: Request, env: Rec, stored: Rec | None) -> None:
        self._require_reason(req, env)
        self._require_approval(req, env)
        latest = req.q("latestVersionId")
        if latest and stored is not None and self._uuid(latest) != stored["lastVersionId"]:
            raise ApiError(
                409, {"": ["The Feature Flag or Setting has changed since the given latestVersionId."]}
            )

    def _write_v2(self, setting: Rec, env: Rec, body: Rec) -> tuple[int, Any]:
        errors = _Collector("")
        update = self._check_v2(setting, body, errors)
        if errors.errors:
            raise ApiError(400, errors.errors)
        self._check_cycles(env["environmentId"], {setting["settingId"]: update})
        self._stamp(self.values[setting["settingId"]][env["environmentId"]], update)
        return 200, self._render_formula(setting, env["environmentId"])

    def get_value_v2(self, req: Request) -> tuple[int, Any]:
        """GET /v2/environments/{environmentId}/settings/{settingId}/value."""
        setting, env = self._value_target(req, "v2")
        return 200, self._render_formula(setting, env["environmentId"])

    def replace_value_v2(self, req: Request) -> tuple[int, Any]:
        """PUT .../value (v2): a complete replace."""
        setting, env = self._value_target(req, "v2")
        self._v2_gates(req, env, self.values[setting["settingId"]][env["environmentId"]])
        return self._write_v2(setting, env, req.body)

    def update_value_v2(self, req: Request) -> tuple[int, Any]:
        """PATCH .../value (v2): JSON Patch over the UpdateEvaluationFormulaModel document."""
        setting, env = self._value_target(req, "v2")
        stored = self.values[setting["settingId"]][env["environmentId"]]
        self._v2_gates(req, env, stored)
        document = {k: stored[k] for k in ("defaultValue", "targetingRules", "percentageEvaluationAttribute")}
        patched = apply_patch(document, req.body)
        self._check_patched(patched, set(document), "UpdateEvaluationFormulaModel")
        if patched == document:
            return 204, None  # the spec: "When no change applied on the resource."
        return self._write_v2(setting, env, patched)

    def _render_values_v2(self, config: Rec, env: Rec) -> Rec:
        return {
            "config": self._render_config(config),
            "environment": self._render_environment(env),
            "readOnly": False,
            "settingFormulas": [
                self._render_formula(s, env["environmentId"], full=False)
                for s in self._config_settings(config["configId"])
            ],
            "featureFlagLimitations": dict(FEATURE_FLAG_LIMITATIONS),
            "approveRequired": self._env_flag(env, "approveRequired"),
            "canBypassApproval": True,
            "reasonRequired": self._env_flag(env, "reasonRequired"),
        }

    def get_values_v2(self, req: Request) -> tuple[int, Any]:
        """GET /v2/configs/{configId}/environments/{environmentId}/values."""
        config, env = self._config_env(req, "v2")
        return 200, self._render_values_v2(config, env)

    def post_values_v2(self, req: Request) -> tuple[int, Any]:
        """POST /v2/configs/{configId}/environments/{environmentId}/values: replace the listed formulas."""
        config, env = self._config_env(req, "v2")
        self._v2_gates(req, env, None)
        batch = self._batch_settings(config, req.body.get("updateFormulas") or [], "UpdateFormulas")
        updates = {
            setting["settingId"]: self._check_v2(setting, item, errors) for setting, item, errors in batch
        }
        all_errors = {k: v for _, _, errors in batch for k, v in errors.errors.items()}
        if all_errors:
            raise ApiError(400, all_errors)
        self._check_cycles(env["environmentId"], updates)
        for setting_id, update in updates.items():
            self._stamp(self.values[setting_id][env["environmentId"]], update)
        return 200, self._render_values_v2(config, env)

    # ------------------------------------------------------------------ SDK keys

    def get_sdk_keys(self, req: Request) -> tuple[int, Any]:
        """GET /v1/configs/{configId}/environments/{environmentId}.

        Keys have the shapes the SDKs accept: ``configcat-sdk-1/<22>/<22>`` for v2 configs and
        ``<22>/<22>`` for v1 configs; as in real keys, the first part is shared by the product.
        """
        config, env = self._config_env(req, None)
        key = f"{config['configId']}/{env['environmentId']}"
        if key not in self.sdk_keys:
            product = self.products[config["productId"]]
            if "_sdkKeyPrefix" not in product:
                product["_sdkKeyPrefix"] = self.ids.sdk_key_part()
            primary = f"{product['_sdkKeyPrefix']}/{self.ids.sdk_key_part()}"
            if config["evaluationVersion"] == "v2":
                primary = "configcat-sdk-1/" + primary
            self.sdk_keys[key] = {"primary": primary, "secondary": None}
        return 200, dict(self.sdk_keys[key])

    def sdk_key_target(self, sdk_key: str) -> tuple[str, str] | None:
        """Return ``(configId, environmentId)`` of an SDK key handed out, or None."""
        for pair, keys in self.sdk_keys.items():
            if sdk_key in (keys["primary"], keys["secondary"]):
                config_id, _, env_id = pair.partition("/")
                return config_id, env_id
        return None

    # ------------------------------------------------------------------ webhooks

    @staticmethod
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

    def _render_webhook(self, hook: Rec) -> Rec:
        config, env = self.configs[hook["configId"]], self.environments[hook["environmentId"]]
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

    def _webhook(self, raw: str) -> Rec:
        return self._by_int(self.webhooks, raw)

    def get_webhooks(self, req: Request) -> tuple[int, Any]:
        """GET /v1/products/{productId}/webhooks."""
        product = self._product(req.params["productId"])
        hooks = [
            h
            for h in self.webhooks.values()
            if self.configs[h["configId"]]["productId"] == product["productId"]
        ]
        return 200, [self._render_webhook(h) for h in sorted(hooks, key=lambda h: h["webhookId"])]

    def create_webhook(self, req: Request) -> tuple[int, Any]:
        """POST /v1/configs/{configId}/environments/{environmentId}/webhooks."""
        config, env = self._config_env(req, None)
        webhook_id = self.ids.integer("webhook")
        hook = {
            "webhookId": webhook_id,
            "configId": config["configId"],
            "environmentId": env["environmentId"],
        }
        hook |= self._webhook_fields(req.body)
        hook["signingKeys"] = {"key1": self.ids.signing_key(), "key2": None}
        self.webhooks[webhook_id] = self._new(hook)
        return 201, self._render_webhook(hook)

    def get_webhook(self, req: Request) -> tuple[int, Any]:
        """GET /v1/webhooks/{webhookId}."""
        return 200, self._render_webhook(self._webhook(req.params["webhookId"]))

    def replace_webhook(self, req: Request) -> tuple[int, Any]:
        """PUT /v1/webhooks/{webhookId}: a complete replace."""
        hook = self._webhook(req.params["webhookId"])
        hook.update(self._webhook_fields(req.body))
        return 200, self._render_webhook(hook)

    def update_webhook(self, req: Request) -> tuple[int, Any]:
        """PATCH /v1/webhooks/{webhookId}: secure header values stay in the patched document."""
        hook = self._webhook(req.params["webhookId"])
        document = {k: copy.deepcopy(hook[k]) for k in _WEBHOOK_PATCH_FIELDS}
        patched = apply_patch(document, req.body)
        self._check_patched(patched, _WEBHOOK_PATCH_FIELDS, "WebHookRequestModel")
        hook.update(self._webhook_fields(patched))
        return 200, self._render_webhook(hook)

    def delete_webhook(self, req: Request) -> tuple[int, Any]:
        """DELETE /v1/webhooks/{webhookId}."""
        hook = self._webhook(req.params["webhookId"])
        del self.webhooks[hook["webhookId"]]
        return 204, None

    def get_webhook_keys(self, req: Request) -> tuple[int, Any]:
        """GET /v1/webhooks/{webhookId}/keys."""
        return 200, dict(self._webhook(req.params["webhookId"])["signingKeys"])
