"""What `terraform apply` of the fixture state's configuration would have made, made in the emulator.

:func:`apply_state` sends, for each resource of ``terraform.tfstate``, the requests the Terraform provider
(configcat/configcat v5.5) sends on create, with the bodies it builds from the attributes, then gives back
the state with every id the fixture holds replaced by the id the emulator gave: the state Terraform
would have written against this emulator, in Terraform's exact layout.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pulumi_configcat.testing import ConfigCatEmulator

FIXTURE = Path(__file__).with_name("terraform.tfstate")
# Creation order: parents first, preferences last (from then on a write to staging needs a reason).
ORDER = (
    "configcat_product",
    "configcat_environment",
    "configcat_config",
    "configcat_tag",
    "configcat_segment",
    "configcat_setting",
    "configcat_setting_tag",
    "configcat_setting_value_v2",
    "configcat_setting_value",
    "configcat_webhook",
    "configcat_permission_group",
    "configcat_integration",
    "configcat_product_preferences",
)
_V2_FIELDS = {"bool_value": "boolValue", "string_value": "stringValue", "int_value": "intValue"}
_V2_FIELDS["double_value"] = "doubleValue"
_PERMISSION_FIELDS = {
    "can_manage_members": "canManageMembers",
    "can_createorupdate_config": "canCreateOrUpdateConfig",
    "can_delete_config": "canDeleteConfig",
    "can_createorupdate_environment": "canCreateOrUpdateEnvironment",
    "can_delete_environment": "canDeleteEnvironment",
    "can_createorupdate_setting": "canCreateOrUpdateSetting",
    "can_tag_setting": "canTagSetting",
    "can_delete_setting": "canDeleteSetting",
    "can_createorupdate_tag": "canCreateOrUpdateTag",
    "can_delete_tag": "canDeleteTag",
    "can_manage_webhook": "canManageWebhook",
    "can_use_exportimport": "canUseExportImport",
    "can_manage_product_preferences": "canManageProductPreferences",
    "can_manage_integrations": "canManageIntegrations",
    "can_view_sdkkey": "canViewSdkKey",
    "can_rotate_sdkkey": "canRotateSdkKey",
    "can_createorupdate_segment": "canCreateOrUpdateSegments",
    "can_delete_segment": "canDeleteSegments",
    "can_view_product_auditlog": "canViewProductAuditLog",
    "can_view_product_statistics": "canViewProductStatistics",
    "can_disable_2fa": "canDisable2FA",
}


def fixture() -> dict[str, Any]:
    """The fixture state, as Terraform wrote it."""
    state: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return state


def _typed(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {_V2_FIELDS[k]: v for k, v in value.items() if k in _V2_FIELDS and v is not None}


class _Apply:
    def __init__(self, emulator: ConfigCatEmulator, state: dict[str, Any]) -> None:
        self.emulator = emulator
        self.state = state
        self.ids: dict[Any, Any] = {}
        organizations = [r for r in state["resources"] if r["type"] == "configcat_organizations"]
        for resource in organizations:
            for org in resource["instances"][0]["attributes"]["organizations"]:
                self.ids[org["organization_id"]] = emulator.organization_id

    def call(self, method: str, path: str, body: Any = None) -> Any:
        status, answer = self.emulator.call(method, path, body)
        assert status < 300, (method, path, body, answer)
        return answer

    def new(self, value: Any) -> Any:
        """``value`` with the fixture's ids replaced by the emulator's (ids, and ``a:b`` composites)."""
        if isinstance(value, dict):
            return {self.new(k): self.new(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.new(item) for item in value]
        if isinstance(value, str) and value not in self.ids and value.count(":") == 1:
            first, second = value.split(":")
            if first in self.ids and second in self.ids:
                return f"{self.ids[first]}:{self.ids[second]}"
        if isinstance(value, str | int) and not isinstance(value, bool):
            return self.ids.get(value, value)
        return value

    def run(self) -> dict[str, Any]:
        makers: dict[str, Callable[[dict[str, Any]], Any]] = {
            "configcat_product": self.product,
            "configcat_environment": lambda a: self.call(
                "POST",
                f"/v1/products/{a['product_id']}/environments",
                {k: a[k] for k in ("name", "color", "description", "order")},
            )["environmentId"],
            "configcat_config": lambda a: self.call(
                "POST",
                f"/v1/products/{a['product_id']}/configs",
                {
                    "name": a["name"],
                    "description": a["description"],
                    "order": a["order"],
                    "evaluationVersion": a["evaluation_version"],
                },
            )["configId"],
            "configcat_tag": lambda a: str(
                self.call(
                    "POST", f"/v1/products/{a['product_id']}/tags", {"name": a["name"], "color": a["color"]}
                )["tagId"]
            ),
            "configcat_segment": lambda a: self.call(
                "POST",
                f"/v1/products/{a['product_id']}/segments",
                {
                    "name": a["name"],
                    "description": a["description"],
                    "comparisonAttribute": a["comparison_attribute"],
                    "comparator": a["comparator"],
                    "comparisonValue": a["comparison_value"],
                },
            )["segmentId"],
            "configcat_setting": lambda a: str(
                self.call(
                    "POST",
                    f"/v1/configs/{a['config_id']}/settings",
                    {
                        "key": a["key"],
                        "name": a["name"],
                        "hint": a["hint"],
                        "settingType": a["setting_type"],
                        "order": a["order"],
                    },
                )["settingId"]
            ),
            "configcat_setting_tag": self.setting_tag,
            "configcat_setting_value": self.value_v1,
            "configcat_setting_value_v2": self.value_v2,
            "configcat_webhook": self.webhook,
            "configcat_permission_group": self.permission_group,
            "configcat_integration": self.integration,
            "configcat_product_preferences": self.preferences,
        }
        for type_ in ORDER:
            for resource in self.state["resources"]:
                if resource["type"] != type_ or resource["mode"] != "managed":
                    continue
                for instance in resource["instances"]:
                    attributes = self.new(instance["attributes"])
                    old_id = instance["attributes"]["id"]
                    new_id = makers[type_](attributes)
                    if new_id is not None:
                        self.ids[old_id] = new_id
        rewritten = self.new(copy.deepcopy(self.state))
        assert isinstance(rewritten, dict)
        return rewritten

    def product(self, a: dict[str, Any]) -> str:
        body = {"name": a["name"], "description": a["description"], "order": a["order"]}
        return str(self.call("POST", f"/v1/organizations/{a['organization_id']}/products", body)["productId"])

    def setting_tag(self, a: dict[str, Any]) -> None:
        patch = [{"op": "add", "path": "/tags/-", "value": int(a["tag_id"])}]
        self.call("PATCH", f"/v1/settings/{a['setting_id']}", patch)

    def value_v1(self, a: dict[str, Any]) -> None:
        # The provider parses Terraform's string values as the flag's type before sending them.
        parsers: dict[str, Callable[[str], Any]] = {
            "boolean": lambda text: text.lower() in ("true", "1", "t"),
            "int": int,
            "double": float,
        }
        typed = parsers.get(a["setting_type"], str)
        rules = [
            {
                "comparisonAttribute": rule["comparison_attribute"] or None,
                "comparator": rule["comparator"] or None,
                "comparisonValue": rule["comparison_value"] or None,
                "segmentComparator": rule["segment_comparator"] or None,
                "segmentId": rule["segment_id"] or None,
                "value": typed(rule["value"]),
            }
            for rule in a["rollout_rules"] or []
        ]
        items = [
            {"percentage": int(i["percentage"]), "value": typed(i["value"])}
            for i in a["percentage_items"] or []
        ]
        path = f"/v1/environments/{a['environment_id']}/settings/{a['setting_id']}/value"
        body = {"value": typed(a["value"]), "rolloutRules": rules, "rolloutPercentageItems": items}
        self.call("PUT", path, body)

    def value_v2(self, a: dict[str, Any]) -> None:
        def condition(c: dict[str, Any]) -> dict[str, Any]:
            if c["user_condition"]:
                u = c["user_condition"]
                value = u["comparison_value"]
                return {
                    "userCondition": {
                        "comparisonAttribute": u["comparison_attribute"],
                        "comparator": u["comparator"],
                        "comparisonValue": {
                            "stringValue": value["string_value"],
                            "doubleValue": value["double_value"],
                            "listValue": value["list_values"],
                        },
                    }
                }
            if c["segment_condition"]:
                s = c["segment_condition"]
                return {"segmentCondition": {"segmentId": s["segment_id"], "comparator": s["comparator"]}}
            p = c["prerequisite_flag_condition"]
            return {
                "prerequisiteFlagCondition": {
                    "prerequisiteSettingId": int(p["prerequisite_setting_id"]),
                    "comparator": p["comparator"],
                    "prerequisiteComparisonValue": _typed(p["comparison_value"]),
                }
            }

        rules = [
            {
                "conditions": [condition(c) for c in rule["conditions"] or []],
                "percentageOptions": [
                    {"percentage": o["percentage"], "value": _typed(o["value"])}
                    for o in rule["percentage_options"] or []
                ],
                "value": _typed(rule["value"]),
            }
            for rule in a["targeting_rules"] or []
        ]
        body = {
            "defaultValue": _typed(a["value"]),
            "targetingRules": rules,
            "percentageEvaluationAttribute": a["percentage_evaluation_attribute"],
        }
        self.call("PUT", f"/v2/environments/{a['environment_id']}/settings/{a['setting_id']}/value", body)

    def webhook(self, a: dict[str, Any]) -> int:
        headers = [{**h, "isSecure": False} for h in a["webhook_headers"] or []]
        headers += [{**h, "isSecure": True} for h in a["secure_webhook_headers"] or []]
        body = {
            "url": a["url"],
            "httpMethod": a["http_method"],
            "content": a["content"],
            "webHookHeaders": headers,
        }
        path = f"/v1/configs/{a['config_id']}/environments/{a['environment_id']}/webhooks"
        return int(self.call("POST", path, body)["webhookId"])

    def permission_group(self, a: dict[str, Any]) -> str:
        body = {
            "name": a["name"],
            "accessType": a["accesstype"],
            "newEnvironmentAccessType": a["new_environment_accesstype"],
            "environmentAccesses": [
                {"environmentId": env, "environmentAccessType": access}
                for env, access in (a["environment_accesses"] or {}).items()
            ],
            **{field: a[name] for name, field in _PERMISSION_FIELDS.items()},
        }
        return str(
            self.call("POST", f"/v1/products/{a['product_id']}/permissions", body)["permissionGroupId"]
        )

    def integration(self, a: dict[str, Any]) -> str:
        body = {
            "integrationType": a["integration_type"],
            "name": a["name"],
            "parameters": a["parameters"],
            "environmentIds": a["environments"],
            "configIds": a["configs"],
        }
        return str(self.call("POST", f"/v1/products/{a['product_id']}/integrations", body)["integrationId"])

    def preferences(self, a: dict[str, Any]) -> str:
        body = {
            "keyGenerationMode": a["key_generation_mode"],
            "showVariationId": a["show_variation_id"],
            "mandatorySettingHint": a["mandatory_setting_hint"],
            "reasonRequired": a["reason_required"],
            "reasonRequiredEnvironments": [
                {"environmentId": env, "reasonRequired": required}
                for env, required in (a["reason_required_environments"] or {}).items()
            ],
        }
        self.call("POST", f"/v1/products/{a['product_id']}/preferences", body)
        return str(a["product_id"])


def apply_state(emulator: ConfigCatEmulator, state: dict[str, Any] | None = None) -> dict[str, Any]:
    """Makes the state's entities in the emulator; returns the state with the emulator's ids.

    Product names are unique per organization: the caller gives the product a unique name first.
    """
    return _Apply(emulator, copy.deepcopy(state or fixture())).run()


def secrets_of(state: dict[str, Any]) -> dict[str, str]:
    """The sensitive values the state holds, by what the program's comment calls them."""
    found: dict[str, str] = {}
    for resource in state["resources"]:
        address = f"{resource['type']}.{resource['name']}"
        for instance in resource["instances"]:
            attributes = instance["attributes"]
            for header in attributes.get("secure_webhook_headers") or []:
                found[f"secure header {header['key']!r} of {address}"] = header["value"]
            if resource["type"] == "configcat_integration":
                for name, value in (attributes.get("parameters") or {}).items():
                    found[f"parameter {name!r} of {address}"] = value
    return found
