"""Targeting: segments, user conditions, percentage rollouts and a prerequisite flag, in one Config V2 config.

Rules are evaluated top to bottom; the first whose conditions all hold serves its value (or splits its users
by percentage), and the flag's `value` is served when none holds.
"""

import pulumi

import pulumi_configcat as configcat

config = pulumi.Config()
organization_id = (
    config.get("organizationId") or configcat.get_organizations().organizations[0].organization_id
)
# The share of users (0 to 100) who get the new search: raise it to roll the feature out.
rollout = config.get_int("searchRollout") or 10

product = configcat.Product("mobile-app", organization_id=organization_id, name="Mobile app")
production = configcat.Environment("production", product_id=product.id, name="Production")
flags = configcat.Config("flags", product_id=product.id, name="App flags", evaluation_version="v2")

# Segments: reusable groups of users, each defined by one comparison.
beta_testers = configcat.Segment(
    "beta-testers",
    product_id=product.id,
    name="Beta testers",
    comparison_attribute="Email",
    comparator="isOneOf",
    comparison_value="ana@example.com,ben@example.com",
)
employees = configcat.Segment(
    "employees",
    product_id=product.id,
    name="Employees",
    comparison_attribute="Email",
    comparator="contains",
    comparison_value="@example.com",
)

# The prerequisite: the new search only makes sense where the new API is on.
new_api = configcat.Setting("new-api", config_id=flags.id, key="newApi", name="New API", order=0)
# depends_on: ConfigCat refuses to delete a flag that is another's prerequisite, so `pulumi destroy` must
# delete newSearch (whose values use newApi) before newApi.
new_search = configcat.Setting(
    "new-search",
    config_id=flags.id,
    key="newSearch",
    name="New search",
    order=1,
    opts=pulumi.ResourceOptions(depends_on=[new_api]),
)
search_page_size = configcat.Setting(
    "search-page-size", config_id=flags.id, key="searchPageSize", setting_type="int", order=2
)

configcat.SettingValueV2(
    "new-api-production",
    environment_id=production.id,
    setting_id=new_api.id,
    init_only=False,
    value=False,
    targeting_rules=[
        # iOS and Android apps from version 2.0 on.
        {
            "conditions": [
                {
                    "user_condition": {
                        "comparison_attribute": "Platform",
                        "comparator": "isOneOf",
                        "comparison_value": ["ios", "android"],
                    }
                },
                {
                    "user_condition": {
                        "comparison_attribute": "AppVersion",
                        "comparator": "semVerGreaterOrEquals",
                        "comparison_value": "2.0.0",
                    }
                },
            ],
            "value": True,
        }
    ],
)

configcat.SettingValueV2(
    "new-search-production",
    environment_id=production.id,
    setting_id=new_search.id,
    init_only=False,
    value=False,
    percentage_evaluation_attribute="Identifier",
    targeting_rules=[
        # Nobody gets it without the new API.
        {
            "conditions": [
                {
                    "prerequisite_flag_condition": {
                        "prerequisite_setting_id": new_api.id,
                        "comparator": "doesNotEqual",
                        "comparison_value": True,
                    }
                }
            ],
            "value": False,
        },
        # Employees and beta testers always do, unless they opted out in the app.
        {
            "conditions": [
                {"segment_condition": {"segment_id": employees.id, "comparator": "isIn"}},
                {
                    "user_condition": {
                        "comparison_attribute": "OptOut",
                        "comparator": "textDoesNotEqual",
                        "comparison_value": "true",
                    }
                },
            ],
            "value": True,
        },
        {
            "conditions": [{"segment_condition": {"segment_id": beta_testers.id, "comparator": "isIn"}}],
            "value": True,
        },
        # Users who signed up after 1 January 2026 (Unix seconds) are not in the rollout yet.
        {
            "conditions": [
                {
                    "user_condition": {
                        "comparison_attribute": "SignedUpAt",
                        "comparator": "dateTimeAfter",
                        "comparison_value": 1767225600,
                    }
                }
            ],
            "value": False,
        },
        # Everyone else: a gradual rollout.
        {
            "percentage_options": [
                {"percentage": rollout, "value": True},
                {"percentage": 100 - rollout, "value": False},
            ]
        },
    ],
)

# The same shapes with the typed Args classes, for editors that complete them.
configcat.SettingValueV2(
    "search-page-size-production",
    environment_id=production.id,
    setting_id=search_page_size.id,
    init_only=False,
    value=configcat.SettingValueV2ValueArgs(int_value=20),
    targeting_rules=[
        configcat.SettingValueV2TargetingRuleArgs(
            conditions=[
                configcat.SettingValueV2TargetingRuleConditionArgs(
                    user_condition=configcat.SettingValueV2TargetingRuleConditionUserConditionArgs(
                        comparison_attribute="ScreenWidth",
                        comparator="numberGreaterOrEquals",
                        comparison_value=configcat.SettingValueV2TargetingRuleConditionUserConditionComparisonValueArgs(
                            double_value=1024
                        ),
                    )
                )
            ],
            value=configcat.SettingValueV2TargetingRuleValueArgs(int_value=50),
        )
    ],
)

pulumi.export("config_id", flags.id)
pulumi.export("production_environment_id", production.id)
