"""A pulumiverse_configcat program with every resource type pulumiverse has, for the migration tests.

Arguments are as pulumiverse's Python SDK sends them (its schema's camelCase names). Some resources leave
``name`` out, as pulumiverse's examples do (pulumiverse then auto-names them); one secret is given as a whole
(``parameters``), another nested (a secure header's value, which the bridge marks secret itself).
"""

from __future__ import annotations

from tests.migration._pulumiverse_stack import Declared, Ref, Secret

P = "configcat:index/"


def program(organization_id: str) -> list[Declared]:
    """The program, each resource after those it refers to."""
    product = Ref("product")
    return [
        Declared(
            "product",
            P + "product:Product",
            {"organizationId": organization_id, "name": "Web shop", "description": "migrated", "order": 1},
        ),
        Declared("main", P + "configuration:Configuration", {"productId": product, "order": 1}),
        Declared(
            "flags",
            P + "configuration:Configuration",
            {"productId": product, "name": "Flags V2", "order": 2, "evaluationVersion": "v2"},
        ),
        Declared(
            "production",
            P + "environment:Environment",
            {"productId": product, "name": "Production", "color": "#e53935", "order": 1},
        ),
        Declared("staging", P + "environment:Environment", {"productId": product, "order": 2}),
        Declared("beta", P + "tag:Tag", {"productId": product, "name": "beta"}),
        Declared(
            "staff",
            P + "segment:Segment",
            {
                "productId": product,
                "name": "Staff",
                "description": "employees",
                "comparisonAttribute": "Email",
                "comparator": "contains",
                "comparisonValue": "@acme.com",
            },
        ),
        Declared(
            "developers",
            P + "permissionGroup:PermissionGroup",
            {
                "productId": product,
                "name": "Developers",
                "canCreateorupdateSetting": True,
                "canTagSetting": True,
                "canDisable2fa": True,
                "environmentAccesses": {Ref("production"): "readOnly"},
            },
        ),
        Declared(
            "preferences",
            P + "productPreferences:ProductPreferences",
            {
                "productId": product,
                "keyGenerationMode": "kebabCase",
                "reasonRequiredEnvironments": {Ref("staging"): True},
            },
        ),
        Declared(
            "legacy",
            P + "setting:Setting",
            {"configId": Ref("main"), "key": "legacyFlag", "name": "Legacy flag", "hint": "old", "order": 1},
        ),
        Declared(
            "checkout",
            P + "setting:Setting",
            {"configId": Ref("flags"), "key": "newCheckout", "name": "New checkout", "order": 1},
        ),
        Declared(
            "banner",
            P + "setting:Setting",
            {
                "configId": Ref("flags"),
                "key": "banner",
                "name": "Banner",
                "settingType": "string",
                "order": 2,
            },
        ),
        Declared(
            "checkout-beta", P + "settingTag:SettingTag", {"settingId": Ref("checkout"), "tagId": Ref("beta")}
        ),
        Declared(
            "legacy-production",
            P + "settingValue:SettingValue",
            {
                "environmentId": Ref("production"),
                "settingId": Ref("legacy"),
                "value": "true",
                "mandatoryNotes": "moved to code",
                "rolloutRules": [
                    {
                        "comparisonAttribute": "Email",
                        "comparator": "contains",
                        "comparisonValue": "@acme.com",
                        "value": "false",
                    },
                    {"segmentComparator": "isIn", "segmentId": Ref("staff"), "value": "true"},
                ],
                "percentageItems": [
                    {"percentage": "30", "value": "true"},
                    {"percentage": "70", "value": "false"},
                ],
            },
        ),
        Declared(
            "banner-production",
            P + "settingValueV2:SettingValueV2",
            {"environmentId": Ref("production"), "settingId": Ref("banner"), "value": {"stringValue": "on"}},
        ),
        Declared(
            "checkout-production",
            P + "settingValueV2:SettingValueV2",
            {
                "environmentId": Ref("production"),
                "settingId": Ref("checkout"),
                "initOnly": False,
                "value": {"boolValue": False},
                "percentageEvaluationAttribute": "Email",
                "targetingRules": [
                    {
                        "conditions": [
                            {"segmentCondition": {"segmentId": Ref("staff"), "comparator": "isIn"}}
                        ],
                        "value": {"boolValue": True},
                    },
                    {
                        "conditions": [
                            {
                                "userCondition": {
                                    "comparisonAttribute": "Email",
                                    "comparator": "isOneOf",
                                    "comparisonValue": {
                                        "listValues": [
                                            {"value": "a@acme.com", "hint": "Ann"},
                                            {"value": "b@acme.com"},
                                        ]
                                    },
                                }
                            },
                            {
                                "prerequisiteFlagCondition": {
                                    "prerequisiteSettingId": Ref("banner"),
                                    "comparator": "equals",
                                    "comparisonValue": {"stringValue": "on"},
                                }
                            },
                        ],
                        "percentageOptions": [
                            {"percentage": 20, "value": {"boolValue": True}},
                            {"percentage": 80, "value": {"boolValue": False}},
                        ],
                    },
                ],
            },
        ),
        Declared(
            "deploy-hook",
            P + "webhook:Webhook",
            {
                "configId": Ref("flags"),
                "environmentId": Ref("production"),
                "url": "https://ci.acme.com/hook",
                "httpMethod": "post",
                "content": '{"changed": true}',
                "webhookHeaders": [{"key": "X-Source", "value": "configcat"}],
                "secureWebhookHeaders": [{"key": "Authorization", "value": Secret("Bearer t0ken")}],
            },
        ),
        Declared(
            "datadog",
            P + "integration:Integration",
            {
                "productId": product,
                "integrationType": "dataDog",
                "name": "Datadog",
                "parameters": Secret({"apikey": "dd-api-key", "site": "Eu"}),
                "environments": [Ref("production")],
            },
        ),
    ]
