"""Every pulumiverse resource type's state, and what ``migrate-state`` makes of it: the table of
tests/migration/test_migrate_state.py (and a source of realistic resources for the tests beside it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.migration._export import (
    CONFIG,
    ENV,
    INTEGRATION,
    META,
    ORG,
    OTHER_ENV,
    PRODUCT,
    SEGMENT,
    Sealed,
    plaintext,
    pv_resource,
    stack_export,
)


@dataclass(frozen=True)
class Case:
    """One pulumiverse resource and what it becomes (``__provider`` aside).

    Attributes:
        token: pulumiverse's type token.
        inputs: pulumiverse's inputs.
        outputs: pulumiverse's outputs (``id`` added).
        id_: The id.
        expected_inputs: The inputs in this package's shape.
        expected_outputs: The outputs in this package's shape.
        others: More pulumiverse resources in the same stack.
    """

    token: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    id_: str
    expected_inputs: dict[str, Any]
    expected_outputs: dict[str, Any]
    others: list[dict[str, Any]] = field(default_factory=list)


def one_resource_export(case: Case) -> dict[str, Any]:
    return stack_export(pv_resource(case.token, "it", case.id_, case.inputs, case.outputs), *case.others)


PV_PERMISSIONS = [
    "canManageMembers", "canCreateorupdateConfig", "canDeleteConfig", "canCreateorupdateEnvironment",
    "canDeleteEnvironment", "canCreateorupdateSetting", "canTagSetting", "canDeleteSetting",
    "canCreateorupdateTag", "canDeleteTag", "canManageWebhook", "canUseExportimport",
    "canManageProductPreferences", "canManageIntegrations", "canViewSdkkey", "canRotateSdkkey",
    "canCreateorupdateSegment", "canDeleteSegment", "canViewProductAuditlog", "canViewProductStatistics",
    "canDisable2fa",
]  # fmt: skip
# This package's names of the same permissions, all off.
PERMISSIONS_OFF = dict.fromkeys(
    [
        "can_manage_members",
        "can_createorupdate_config",
        "can_delete_config",
        "can_createorupdate_environment",
        "can_delete_environment",
        "can_createorupdate_setting",
        "can_tag_setting",
        "can_delete_setting",
        "can_createorupdate_tag",
        "can_delete_tag",
        "can_manage_webhook",
        "can_use_exportimport",
        "can_manage_product_preferences",
        "can_manage_integrations",
        "can_view_sdkkey",
        "can_rotate_sdkkey",
        "can_createorupdate_segment",
        "can_delete_segment",
        "can_view_product_auditlog",
        "can_view_product_statistics",
        "can_disable2fa",
    ],
    False,
)
CASES = [
    Case(
        "configcat:index/product:Product",
        {"organizationId": ORG, "name": "Shop", "order": 1},
        {"organizationId": ORG, "name": "Shop", "description": None, "order": 1, "__meta": META},
        PRODUCT,
        {"organization_id": ORG, "name": "Shop", "order": 1},
        {"organization_id": ORG, "name": "Shop", "order": 1},
    ),
    Case(
        "configcat:index/configuration:Configuration",
        {"productId": PRODUCT, "name": "it-1a2b3c4", "order": 0},
        {
            "productId": PRODUCT,
            "name": "it-1a2b3c4",
            "description": None,
            "order": 0,
            "evaluationVersion": "v1",
        },
        CONFIG,
        {"evaluation_version": "v1", "name": "it-1a2b3c4", "order": 0, "product_id": PRODUCT},
        {"evaluation_version": "v1", "name": "it-1a2b3c4", "order": 0, "product_id": PRODUCT},
    ),
    Case(
        "configcat:index/environment:Environment",
        {"productId": PRODUCT, "name": "Production", "color": "#E53935", "order": 2, "description": "live"},
        {"productId": PRODUCT, "name": "Production", "color": "#E53935", "order": 2, "description": "live"},
        ENV,
        {"color": "#E53935", "description": "live", "name": "Production", "order": 2, "product_id": PRODUCT},
        {"color": "#E53935", "description": "live", "name": "Production", "order": 2, "product_id": PRODUCT},
    ),
    Case(
        "configcat:index/tag:Tag",
        {"productId": PRODUCT, "name": "beta"},
        {"productId": PRODUCT, "name": "beta", "color": "panther"},
        "51000",
        {"color": "panther", "name": "beta", "product_id": PRODUCT},
        {"color": "panther", "name": "beta", "product_id": PRODUCT},
    ),
    Case(
        "configcat:index/segment:Segment",
        {
            "productId": PRODUCT,
            "name": "Staff",
            "comparisonAttribute": "Email",
            "comparator": "contains",
            "comparisonValue": "@acme.com",
        },
        {
            "productId": PRODUCT,
            "name": "Staff",
            "description": None,
            "comparisonAttribute": "Email",
            "comparator": "contains",
            "comparisonValue": "@acme.com",
        },
        SEGMENT,
        {
            "comparator": "contains",
            "comparison_attribute": "Email",
            "comparison_value": "@acme.com",
            "name": "Staff",
            "product_id": PRODUCT,
        },
        {
            "comparator": "contains",
            "comparison_attribute": "Email",
            "comparison_value": "@acme.com",
            "name": "Staff",
            "product_id": PRODUCT,
        },
    ),
    Case(
        "configcat:index/permissionGroup:PermissionGroup",
        {
            "productId": PRODUCT,
            "name": "Devs",
            "canManageWebhook": True,
            "environmentAccesses": {ENV: "full"},
        },
        {
            "productId": PRODUCT,
            "name": "Devs",
            "accesstype": "custom",
            "newEnvironmentAccesstype": "none",
            "environmentAccesses": {ENV: "full"},
            **{name: name == "canManageWebhook" for name in PV_PERMISSIONS},
        },
        "61000",
        {
            "accesstype": "custom",
            **PERMISSIONS_OFF,
            "can_manage_webhook": True,
            "environment_accesses": {ENV: "full"},
            "name": "Devs",
            "new_environment_accesstype": "none",
            "product_id": PRODUCT,
        },
        {
            "accesstype": "custom",
            **PERMISSIONS_OFF,
            "can_manage_webhook": True,
            "environment_accesses": {OTHER_ENV: "none", ENV: "full"},
            "name": "Devs",
            "new_environment_accesstype": "none",
            "product_id": PRODUCT,
        },
        others=[
            pv_resource(
                "configcat:index/environment:Environment",
                "other",
                OTHER_ENV,
                {"productId": PRODUCT, "name": "Other", "order": 1},
                {"productId": PRODUCT, "name": "Other", "order": 1, "color": None, "description": None},
            )
        ],
    ),
    Case(
        "configcat:index/productPreferences:ProductPreferences",
        {"productId": PRODUCT, "keyGenerationMode": "kebabCase", "reasonRequiredEnvironments": {ENV: True}},
        {
            "productId": PRODUCT,
            "keyGenerationMode": "kebabCase",
            "mandatorySettingHint": False,
            "showVariationId": False,
            "reasonRequired": False,
            "reasonRequiredEnvironments": {ENV: True, OTHER_ENV: False},
        },
        PRODUCT,
        {
            "key_generation_mode": "kebabCase",
            "mandatory_setting_hint": False,
            "product_id": PRODUCT,
            "reason_required": False,
            "reason_required_environments": {ENV: True},
            "show_variation_id": False,
        },
        {
            "key_generation_mode": "kebabCase",
            "mandatory_setting_hint": False,
            "product_id": PRODUCT,
            "reason_required": False,
            "reason_required_environments": {ENV: True, OTHER_ENV: False},
            "show_variation_id": False,
        },
    ),
    Case(
        "configcat:index/setting:Setting",
        {"configId": CONFIG, "key": "newCheckout", "name": "New checkout", "order": 1},
        {
            "configId": CONFIG,
            "key": "newCheckout",
            "name": "New checkout",
            "hint": None,
            "order": 1,
            "settingType": "boolean",
        },
        "240000",
        {
            "config_id": CONFIG,
            "is_json": False,
            "key": "newCheckout",
            "name": "New checkout",
            "order": 1,
            "setting_type": "boolean",
        },
        {
            "config_id": CONFIG,
            "is_json": False,
            "key": "newCheckout",
            "name": "New checkout",
            "order": 1,
            "predefined_variations": [],
            "setting_type": "boolean",
            "tags": ["51000"],
        },
        others=[
            pv_resource(
                "configcat:index/settingTag:SettingTag",
                "tagged",
                "240000:51000",
                {"settingId": "240000", "tagId": "51000"},
                {"settingId": "240000", "tagId": "51000"},
            )
        ],
    ),
    Case(
        "configcat:index/settingTag:SettingTag",
        {"settingId": "240000", "tagId": "51000"},
        {"settingId": "240000", "tagId": "51000", "__meta": META},
        "240000:51000",
        {"setting_id": "240000", "tag_id": "51000"},
        {"setting_id": "240000", "tag_id": "51000"},
    ),
    Case(
        "configcat:index/settingValue:SettingValue",
        {
            "environmentId": ENV,
            "settingId": "240000",
            "value": "true",
            "rolloutRules": [{"segmentComparator": "isIn", "segmentId": SEGMENT, "value": "false"}],
            "percentageItems": [
                {"percentage": "30", "value": "true"},
                {"percentage": "70", "value": "false"},
            ],
        },
        {
            "environmentId": ENV,
            "settingId": "240000",
            "value": "true",
            "settingType": "boolean",
            "initOnly": True,
            "mandatoryNotes": None,
            "rolloutRules": [
                {
                    "comparisonAttribute": None,
                    "comparator": None,
                    "comparisonValue": None,
                    "segmentComparator": "isIn",
                    "segmentId": SEGMENT,
                    "value": "false",
                }
            ],
            "percentageItems": [
                {"percentage": "30", "value": "true"},
                {"percentage": "70", "value": "false"},
            ],
        },
        f"{ENV}:240000",
        {
            "environment_id": ENV,
            "init_only": True,
            "percentage_items": [{"percentage": 30, "value": "true"}, {"percentage": 70, "value": "false"}],
            "rollout_rules": [{"segment_comparator": "isIn", "segment_id": SEGMENT, "value": "false"}],
            "setting_id": "240000",
            "value": "true",
        },
        {
            "environment_id": ENV,
            "init_only": True,
            "percentage_items": [
                {"percentage": "30", "value": "true"},
                {"percentage": "70", "value": "false"},
            ],
            "rollout_rules": [{"segment_comparator": "isIn", "segment_id": SEGMENT, "value": "false"}],
            "setting_id": "240000",
            "setting_type": "boolean",
            "value": "true",
        },
    ),
    Case(
        "configcat:index/settingValueV2:SettingValueV2",
        {
            "environmentId": ENV,
            "settingId": "240001",
            "initOnly": False,
            "value": {"intValue": 5},
            "targetingRules": [
                {
                    "conditions": [
                        {
                            "userCondition": {
                                "comparisonAttribute": "Country",
                                "comparator": "isOneOf",
                                "comparisonValue": {"listValues": [{"value": "HU", "hint": "Hungary"}]},
                            }
                        }
                    ],
                    "value": {"intValue": 7},
                },
                {
                    "percentageOptions": [
                        {"percentage": 40, "value": {"intValue": 1}},
                        {"percentage": 60, "value": {"intValue": 2}},
                    ]
                },
            ],
        },
        {
            "environmentId": ENV,
            "settingId": "240001",
            "initOnly": False,
            "mandatoryNotes": None,
            "settingType": "int",
            "percentageEvaluationAttribute": None,
            "value": {"boolValue": None, "stringValue": None, "intValue": 5, "doubleValue": None},
            "targetingRules": [
                {
                    "conditions": [
                        {
                            "userCondition": {
                                "comparisonAttribute": "Country",
                                "comparator": "isOneOf",
                                "comparisonValue": {
                                    "stringValue": None,
                                    "doubleValue": None,
                                    "listValues": [{"value": "HU", "hint": "Hungary"}],
                                },
                            },
                            "segmentCondition": None,
                            "prerequisiteFlagCondition": None,
                        }
                    ],
                    "percentageOptions": None,
                    "value": {"boolValue": None, "stringValue": None, "intValue": 7, "doubleValue": None},
                },
                {
                    "conditions": None,
                    "percentageOptions": [
                        {
                            "percentage": 40,
                            "value": {
                                "boolValue": None,
                                "stringValue": None,
                                "intValue": 1,
                                "doubleValue": None,
                            },
                        },
                        {
                            "percentage": 60,
                            "value": {
                                "boolValue": None,
                                "stringValue": None,
                                "intValue": 2,
                                "doubleValue": None,
                            },
                        },
                    ],
                    "value": None,
                },
            ],
        },
        f"{ENV}:240001",
        {
            "bypass_approval": False,
            "environment_id": ENV,
            "init_only": False,
            "setting_id": "240001",
            "targeting_rules": [
                {
                    "conditions": [
                        {
                            "user_condition": {
                                "comparison_attribute": "Country",
                                "comparator": "isOneOf",
                                "comparison_value": {"list_values": [{"value": "HU", "hint": "Hungary"}]},
                            }
                        }
                    ],
                    "percentage_options": [],
                    "value": {"int_value": 7},
                },
                {
                    "conditions": [],
                    "percentage_options": [
                        {"percentage": 40, "value": {"int_value": 1}},
                        {"percentage": 60, "value": {"int_value": 2}},
                    ],
                },
            ],
            "value": {"int_value": 5},
        },
        {
            "bypass_approval": False,
            "environment_id": ENV,
            "init_only": False,
            "setting_id": "240001",
            "setting_type": "int",
            "targeting_rules": [
                {
                    "conditions": [
                        {
                            "user_condition": {
                                "comparison_attribute": "Country",
                                "comparator": "isOneOf",
                                "comparison_value": {"list_values": [{"value": "HU", "hint": "Hungary"}]},
                            }
                        }
                    ],
                    "value": {"int_value": 7},
                },
                {
                    "conditions": [],
                    "percentage_options": [
                        {"percentage": 40, "value": {"int_value": 1}},
                        {"percentage": 60, "value": {"int_value": 2}},
                    ],
                },
            ],
            "value": {"int_value": 5},
        },
    ),
    Case(
        "configcat:index/webhook:Webhook",
        {
            "configId": CONFIG,
            "environmentId": ENV,
            "url": "https://ci.acme.com/hook",
            "webhookHeaders": [{"key": "X-Source", "value": "configcat"}],
            "secureWebhookHeaders": [{"key": "Authorization", "value": plaintext("Bearer t0ken")}],
        },
        {
            "configId": CONFIG,
            "environmentId": ENV,
            "url": "https://ci.acme.com/hook",
            "httpMethod": "get",
            "content": None,
            "webhookHeaders": [{"key": "X-Source", "value": "configcat"}],
            "secureWebhookHeaders": [{"key": "Authorization", "value": plaintext("Bearer t0ken")}],
        },
        "3100",
        {
            "config_id": CONFIG,
            "environment_id": ENV,
            "http_method": "get",
            "secure_webhook_headers": Sealed([{"key": "Authorization", "value": "Bearer t0ken"}]),
            "url": "https://ci.acme.com/hook",
            "webhook_headers": [{"key": "X-Source", "value": "configcat"}],
        },
        {
            "config_id": CONFIG,
            "environment_id": ENV,
            "http_method": "get",
            "secure_webhook_headers": Sealed([{"key": "Authorization", "value": "Bearer t0ken"}]),
            "url": "https://ci.acme.com/hook",
            "webhook_headers": [{"key": "X-Source", "value": "configcat"}],
        },
    ),
    Case(
        "configcat:index/integration:Integration",
        {
            "productId": PRODUCT,
            "integrationType": "dataDog",
            "name": "Datadog",
            "parameters": {"apikey": "dd-key", "site": "Eu"},
        },
        {
            "productId": PRODUCT,
            "integrationType": "dataDog",
            "name": "Datadog",
            "parameters": {"apikey": "dd-key", "site": "Eu"},
            "configs": [],
            "environments": [],
        },
        INTEGRATION,
        {
            "configs": [],
            "environments": [],
            "integration_type": "dataDog",
            "name": "Datadog",
            "parameters": Sealed({"apikey": "dd-key", "site": "Eu"}),
            "product_id": PRODUCT,
        },
        {
            "configs": [],
            "environments": [],
            "integration_type": "dataDog",
            "name": "Datadog",
            "parameters": Sealed({"apikey": "dd-key", "site": "Eu"}),
            "product_id": PRODUCT,
        },
    ),
]
