"""What the Terraform provider (which pulumiverse_configcat bridges) sends to make each entity, and the state
it keeps of the API's answer (its ``UpdateFromApiModel``), in pulumiverse's camelCase names."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pulumi_configcat.testing import ConfigCatEmulator

SCHEMA = json.loads((Path(__file__).parent / "pulumiverse_state_schema.json").read_text())


@dataclass(frozen=True)
class Secret:
    """A secret argument (``pulumi.Output.secret(...)`` in the program)."""

    value: Any


def _plain(value: Any) -> Any:
    if isinstance(value, Secret):
        return _plain(value.value)
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


class Api:
    def __init__(self, emulator: ConfigCatEmulator) -> None:
        self.emulator = emulator

    def __call__(self, method: str, path: str, body: Any = None) -> Any:
        status, answer = self.emulator.call(method, path, body)
        assert status < 300, f"{method} {path} answered {status}: {answer}"
        return answer


_PERMISSIONS = [
    "canManageMembers", "canCreateOrUpdateConfig", "canDeleteConfig", "canCreateOrUpdateEnvironment",
    "canDeleteEnvironment", "canCreateOrUpdateSetting", "canTagSetting", "canDeleteSetting",
    "canCreateOrUpdateTag", "canDeleteTag", "canManageWebhook", "canUseExportImport",
    "canManageProductPreferences", "canManageIntegrations", "canViewSdkKey", "canRotateSdkKey",
    "canCreateOrUpdateSegments", "canDeleteSegments", "canViewProductAuditLog", "canViewProductStatistics",
    "canDisable2FA",
]  # fmt: skip


def _permission_names() -> dict[str, str]:
    """pulumiverse's permission names (``canCreateorupdateSegment``) to the API's (``...Segments``)."""
    names = {}
    for tf_name in SCHEMA["resources"]["configcat:index/permissionGroup:PermissionGroup"]["properties"]:
        if tf_name.startswith("can"):
            names[tf_name] = next(
                api for api in _PERMISSIONS if api.lower() in (tf_name.lower(), tf_name.lower() + "s")
            )
    return names


def _v1_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _v2_value(value: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {k: value.get(k) for k in ("boolValue", "stringValue", "intValue", "doubleValue")}


def _typed_v1(text: str, setting_type: str) -> Any:
    if setting_type == "boolean":
        return text == "true"
    if setting_type == "int":
        return int(text)
    if setting_type == "double":
        return float(text)
    return text


def _formula_body(args: Mapping[str, Any]) -> dict[str, Any]:
    def value(v: Mapping[str, Any]) -> dict[str, Any]:
        return {key: v.get(key) for key in ("boolValue", "stringValue", "intValue", "doubleValue")}

    rules = []
    for rule in args.get("targetingRules") or []:
        conditions = []
        for condition in rule.get("conditions") or []:
            if "userCondition" in condition:
                user = condition["userCondition"]
                comparison = user["comparisonValue"]
                conditions.append(
                    {
                        "userCondition": {
                            "comparisonAttribute": user["comparisonAttribute"],
                            "comparator": user["comparator"],
                            "comparisonValue": {
                                "stringValue": comparison.get("stringValue"),
                                "doubleValue": comparison.get("doubleValue"),
                                "listValue": comparison.get("listValues"),
                            },
                        }
                    }
                )
            elif "segmentCondition" in condition:
                conditions.append({"segmentCondition": condition["segmentCondition"]})
            else:
                prerequisite = condition["prerequisiteFlagCondition"]
                conditions.append(
                    {
                        "prerequisiteFlagCondition": {
                            "prerequisiteSettingId": int(prerequisite["prerequisiteSettingId"]),
                            "comparator": prerequisite["comparator"],
                            "prerequisiteComparisonValue": value(prerequisite["comparisonValue"]),
                        }
                    }
                )
        options = [
            {"percentage": option["percentage"], "value": value(option["value"])}
            for option in rule.get("percentageOptions") or []
        ]
        rules.append(
            {
                "conditions": conditions,
                "percentageOptions": options,
                "value": value(rule["value"]) if rule.get("value") else None,
            }
        )
    return {
        "defaultValue": value(args["value"]),
        "targetingRules": rules,
        "percentageEvaluationAttribute": args.get("percentageEvaluationAttribute"),
    }


def _formula_state(answer: Mapping[str, Any]) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    def value(v: Mapping[str, Any] | None) -> dict[str, Any] | None:
        return _v2_value(v) if v else None

    rules = []
    for rule in answer.get("targetingRules") or []:
        conditions = []
        for condition in rule.get("conditions") or []:
            user, segment = condition.get("userCondition"), condition.get("segmentCondition")
            prerequisite = condition.get("prerequisiteFlagCondition")
            conditions.append(
                {
                    "userCondition": user
                    and {
                        "comparisonAttribute": user["comparisonAttribute"],
                        "comparator": user["comparator"],
                        "comparisonValue": {
                            "stringValue": user["comparisonValue"].get("stringValue"),
                            "doubleValue": user["comparisonValue"].get("doubleValue"),
                            "listValues": user["comparisonValue"].get("listValue"),
                        },
                    },
                    "segmentCondition": segment
                    and {"segmentId": segment["segmentId"], "comparator": segment["comparator"]},
                    "prerequisiteFlagCondition": prerequisite
                    and {
                        "prerequisiteSettingId": str(prerequisite["prerequisiteSettingId"]),
                        "comparator": prerequisite["comparator"],
                        "comparisonValue": value(prerequisite["prerequisiteComparisonValue"]),
                    },
                }
            )
        rules.append(
            {
                "conditions": conditions or None,
                "percentageOptions": [
                    {"percentage": option["percentage"], "value": value(option["value"])}
                    for option in rule.get("percentageOptions") or []
                ]
                or None,
                "value": value(rule.get("value")),
            }
        )
    return value(answer.get("defaultValue")), rules


def create(api: Api, token: str, args: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """Makes the entity as the Terraform provider does; returns its id and the state Terraform keeps."""
    kind = token.rsplit(":", 1)[-1]
    a = _plain(args)
    if kind == "Product":
        p = api(
            "POST",
            f"/v1/organizations/{a['organizationId']}/products",
            {"name": a["name"], "description": a.get("description"), "order": a["order"]},
        )
        return p["productId"], {
            "organizationId": p["organization"]["organizationId"],
            "name": p["name"],
            "description": p.get("description"),
            "order": p["order"],
        }
    if kind == "Configuration":
        c = api(
            "POST",
            f"/v1/products/{a['productId']}/configs",
            {
                "name": a["name"],
                "description": a.get("description"),
                "order": a["order"],
                "evaluationVersion": a.get("evaluationVersion", "v1"),
            },
        )
        return c["configId"], {
            "productId": c["product"]["productId"],
            "name": c["name"],
            "description": c.get("description"),
            "order": c["order"],
            "evaluationVersion": c["evaluationVersion"],
        }
    if kind == "Environment":
        e = api(
            "POST",
            f"/v1/products/{a['productId']}/environments",
            {
                "name": a["name"],
                "description": a.get("description"),
                "color": a.get("color"),
                "order": a["order"],
            },
        )
        return e["environmentId"], {
            "productId": e["product"]["productId"],
            "name": e["name"],
            "description": e.get("description"),
            "color": e.get("color"),
            "order": e["order"],
        }
    if kind == "Tag":
        t = api(
            "POST",
            f"/v1/products/{a['productId']}/tags",
            {"name": a["name"], "color": a.get("color", "panther")},
        )
        return str(t["tagId"]), {
            "productId": t["product"]["productId"],
            "name": t["name"],
            "color": t["color"],
        }
    if kind == "Segment":
        s = api(
            "POST",
            f"/v1/products/{a['productId']}/segments",
            {
                k: a.get(k)
                for k in ("name", "description", "comparisonAttribute", "comparator", "comparisonValue")
            },
        )
        return s["segmentId"], {
            "productId": s["product"]["productId"],
            **{
                k: s.get(k)
                for k in ("name", "description", "comparisonAttribute", "comparator", "comparisonValue")
            },
        }
    if kind == "PermissionGroup":
        names = _permission_names()
        access = a.get("accesstype", "custom")
        g = api(
            "POST",
            f"/v1/products/{a['productId']}/permissions",
            {
                "name": a["name"],
                "accessType": access,
                "newEnvironmentAccessType": a.get("newEnvironmentAccesstype", "none"),
                "environmentAccesses": [
                    {"environmentId": k, "environmentAccessType": v}
                    for k, v in (a.get("environmentAccesses") or {}).items()
                ],
                **{api_name: bool(a.get(tf_name, False)) for tf_name, api_name in names.items()},
            },
        )
        return str(g["permissionGroupId"]), {
            "productId": g["product"]["productId"],
            "name": g["name"],
            "accesstype": g["accessType"],
            "newEnvironmentAccesstype": g["newEnvironmentAccessType"],
            "environmentAccesses": {
                x["environmentId"]: x["environmentAccessType"]
                for x in g["environmentAccesses"]
                if x["environmentAccessType"] != "none"
            },
            **{tf_name: g[api_name] for tf_name, api_name in names.items()},
        }
    if kind == "ProductPreferences":
        body = {
            "keyGenerationMode": a.get("keyGenerationMode", "camelCase"),
            "mandatorySettingHint": a.get("mandatorySettingHint", False),
            "showVariationId": a.get("showVariationId", False),
            "reasonRequired": a.get("reasonRequired", False),
            "reasonRequiredEnvironments": [
                {"environmentId": k, "reasonRequired": v}
                for k, v in (a.get("reasonRequiredEnvironments") or {}).items()
            ],
        }
        api("POST", f"/v1/products/{a['productId']}/preferences", body)
        p = api("GET", f"/v1/products/{a['productId']}/preferences")
        return a["productId"], {
            "productId": a["productId"],
            **{
                k: p[k]
                for k in ("keyGenerationMode", "mandatorySettingHint", "showVariationId", "reasonRequired")
            },
            "reasonRequiredEnvironments": {
                x["environmentId"]: x["reasonRequired"] for x in p["reasonRequiredEnvironments"]
            },
        }
    if kind == "Setting":
        s = api(
            "POST",
            f"/v1/configs/{a['configId']}/settings",
            {
                "key": a["key"],
                "name": a["name"],
                "hint": a.get("hint"),
                "order": a["order"],
                "settingType": a.get("settingType", "boolean"),
            },
        )
        return str(s["settingId"]), {
            "configId": s["configId"],
            "key": s["key"],
            "name": s["name"],
            "hint": s.get("hint"),
            "order": s["order"],
            "settingType": s["settingType"],
        }
    if kind == "SettingTag":
        api(
            "PATCH",
            f"/v1/settings/{a['settingId']}",
            [{"op": "add", "path": "/tags/-", "value": int(a["tagId"])}],
        )
        return f"{a['settingId']}:{a['tagId']}", {"settingId": a["settingId"], "tagId": a["tagId"]}
    if kind == "SettingValue":
        path = f"/v1/environments/{a['environmentId']}/settings/{a['settingId']}/value"
        setting_type = api("GET", path)["setting"]["settingType"]
        v = api(
            "PUT",
            path,
            {
                "value": _typed_v1(a["value"], setting_type),
                "rolloutRules": [
                    {
                        **{
                            k: r.get(k)
                            for k in (
                                "comparisonAttribute",
                                "comparator",
                                "comparisonValue",
                                "segmentComparator",
                                "segmentId",
                            )
                        },
                        "value": _typed_v1(r["value"], setting_type),
                    }
                    for r in a.get("rolloutRules") or []
                ],
                "rolloutPercentageItems": [
                    {"percentage": int(p["percentage"]), "value": _typed_v1(p["value"], setting_type)}
                    for p in a.get("percentageItems") or []
                ],
            },
        )
        return f"{a['environmentId']}:{a['settingId']}", {
            "environmentId": a["environmentId"],
            "settingId": a["settingId"],
            "value": _v1_text(v["value"]),
            "rolloutRules": [
                {
                    **{
                        k: r.get(k)
                        for k in (
                            "comparisonAttribute",
                            "comparator",
                            "comparisonValue",
                            "segmentComparator",
                            "segmentId",
                        )
                    },
                    "value": _v1_text(r["value"]),
                }
                for r in v["rolloutRules"]
            ],
            "percentageItems": [
                {"percentage": str(p["percentage"]), "value": _v1_text(p["value"])}
                for p in v["rolloutPercentageItems"]
            ],
            "settingType": v["setting"]["settingType"],
            "initOnly": a.get("initOnly", True),
            "mandatoryNotes": a.get("mandatoryNotes"),
        }
    if kind == "SettingValueV2":
        path = f"/v2/environments/{a['environmentId']}/settings/{a['settingId']}/value"
        f = api("PUT", path, _formula_body(a))
        default, rules = _formula_state(f)
        return f"{a['environmentId']}:{a['settingId']}", {
            "environmentId": a["environmentId"],
            "settingId": a["settingId"],
            "value": default,
            "targetingRules": rules,
            "percentageEvaluationAttribute": f.get("percentageEvaluationAttribute"),
            "settingType": f["setting"]["settingType"],
            "initOnly": a.get("initOnly", True),
            "mandatoryNotes": a.get("mandatoryNotes"),
        }
    if kind == "Webhook":
        headers = [
            {"key": h["key"], "value": h["value"], "isSecure": False} for h in a.get("webhookHeaders") or []
        ]
        headers += [
            {"key": h["key"], "value": h["value"], "isSecure": True}
            for h in a.get("secureWebhookHeaders") or []
        ]
        w = api(
            "POST",
            f"/v1/configs/{a['configId']}/environments/{a['environmentId']}/webhooks",
            {
                "url": a["url"],
                "content": a.get("content"),
                "httpMethod": a.get("httpMethod", "get"),
                "webHookHeaders": headers,
            },
        )
        secure = {h["key"]: h["value"] for h in args.get("secureWebhookHeaders") or []}
        return str(w["webhookId"]), {
            "configId": w["config"]["configId"],
            "environmentId": w["environment"]["environmentId"],
            "url": w["url"],
            "httpMethod": w["httpMethod"],
            "content": w.get("content"),
            "webhookHeaders": [
                {"key": h["key"], "value": h["value"]} for h in w["webHookHeaders"] if not h["isSecure"]
            ]
            or None,
            # Terraform keeps the secure values it sent (the API does not return them), secret (sensitive).
            "secureWebhookHeaders": [
                {"key": h["key"], "value": _secret_value(secure[h["key"]])}
                for h in w["webHookHeaders"]
                if h["isSecure"]
            ]
            or None,
        }
    if kind == "Integration":
        i = api(
            "POST",
            f"/v1/products/{a['productId']}/integrations",
            {
                "integrationType": a["integrationType"],
                "name": a["name"],
                "parameters": a.get("parameters", {}),
                "environmentIds": a.get("environments", []),
                "configIds": a.get("configs", []),
            },
        )
        return i["integrationId"], {
            "productId": i["product"]["productId"],
            "integrationType": i["integrationType"],
            "name": i["name"],
            "parameters": i.get("parameters") or a.get("parameters"),
            "configs": i["configIds"],
            "environments": i["environmentIds"],
        }
    raise AssertionError(f"no way to make a {token}")


def _secret_value(value: Any) -> Secret:
    return value if isinstance(value, Secret) else Secret(value)
