"""A program written for pulumiverse_configcat, moved to pulumi_configcat by changing one import.

Everything below is pulumiverse_configcat's API: its class names (`Configuration`), its arguments (`order`,
`accesstype`, `can_disable2fa`), its typed `...Args` classes, its lookups and result fields.
"""

import pulumi

# Before: import pulumiverse_configcat as configcat
import pulumi_configcat as configcat

config = pulumi.Config()
organization_id = (
    config.get("organizationId") or configcat.get_organizations().organizations[0].organization_id
)

product = configcat.Product(
    "my-product", organization_id=organization_id, name="My product", description="Migrated", order=0
)
test_env = configcat.Environment(
    "test", product_id=product.id, name="Test", description="Test environment", color="blue", order=0
)
prod_env = configcat.Environment("production", product_id=product.id, name="Production", color="red", order=1)
v2_config = configcat.Configuration(
    "main-config", product_id=product.id, name="Main config", evaluation_version="v2", order=0
)
legacy_config = configcat.Configuration(
    "legacy-config", product_id=product.id, name="Legacy config", evaluation_version="v1", order=1
)

tag = configcat.Tag("my-tag", product_id=product.id, name="my tag", color="panther")
segment = configcat.Segment(
    "beta-users",
    product_id=product.id,
    name="Beta users",
    description="Beta users",
    comparison_attribute="Email",
    comparator="contains",
    comparison_value="@example.com",
)

flag = configcat.Setting(
    "is-awesome",
    config_id=v2_config.id,
    key="isAwesomeFeatureEnabled",
    name="My awesome feature flag",
    hint="This is the hint for my awesome feature flag",
    setting_type="boolean",
    order=0,
)
configcat.SettingTag("is-awesome-tag", setting_id=flag.id, tag_id=tag.id)

# init_only defaults to True, as in pulumiverse: set once, then the dashboard owns the value.
configcat.SettingValueV2(
    "is-awesome-test",
    environment_id=test_env.id,
    setting_id=flag.id,
    value=configcat.SettingValueV2ValueArgs(bool_value=True),
)
configcat.SettingValueV2(
    "is-awesome-production",
    environment_id=prod_env.id,
    setting_id=flag.id,
    init_only=False,
    mandatory_notes="Managed by Pulumi",
    value=configcat.SettingValueV2ValueArgs(bool_value=False),
    targeting_rules=[
        configcat.SettingValueV2TargetingRuleArgs(
            conditions=[
                configcat.SettingValueV2TargetingRuleConditionArgs(
                    segment_condition=configcat.SettingValueV2TargetingRuleConditionSegmentConditionArgs(
                        segment_id=segment.id, comparator="isIn"
                    )
                )
            ],
            value=configcat.SettingValueV2TargetingRuleValueArgs(bool_value=True),
        ),
        configcat.SettingValueV2TargetingRuleArgs(
            conditions=[
                configcat.SettingValueV2TargetingRuleConditionArgs(
                    user_condition=configcat.SettingValueV2TargetingRuleConditionUserConditionArgs(
                        comparison_attribute="Country",
                        comparator="isOneOf",
                        comparison_value=configcat.SettingValueV2TargetingRuleConditionUserConditionComparisonValueArgs(
                            list_values=[
                                configcat.SettingValueV2TargetingRuleConditionUserConditionComparisonValueListValueArgs(
                                    value="HU", hint="Hungary"
                                ),
                                configcat.SettingValueV2TargetingRuleConditionUserConditionComparisonValueListValueArgs(
                                    value="NL"
                                ),
                            ]
                        ),
                    )
                )
            ],
            percentage_options=[
                configcat.SettingValueV2TargetingRulePercentageOptionArgs(
                    percentage=30,
                    value=configcat.SettingValueV2TargetingRulePercentageOptionValueArgs(bool_value=True),
                ),
                configcat.SettingValueV2TargetingRulePercentageOptionArgs(
                    percentage=70,
                    value=configcat.SettingValueV2TargetingRulePercentageOptionValueArgs(bool_value=False),
                ),
            ],
        ),
    ],
)

# A Config V1 flag: rollout rules and percentage items, percentages as strings as pulumiverse has them.
legacy_flag = configcat.Setting(
    "legacy-text",
    config_id=legacy_config.id,
    key="legacyText",
    name="Legacy text",
    setting_type="string",
    order=0,
)
configcat.SettingValue(
    "legacy-text-production",
    environment_id=prod_env.id,
    setting_id=legacy_flag.id,
    init_only=False,
    mandatory_notes="Managed by Pulumi",
    value="default",
    rollout_rules=[
        configcat.SettingValueRolloutRuleArgs(
            comparison_attribute="Email",
            comparator="contains",
            comparison_value="@example.com",
            value="staff",
        ),
        configcat.SettingValueRolloutRuleArgs(segment_comparator="isIn", segment_id=segment.id, value="beta"),
    ],
    percentage_items=[
        configcat.SettingValuePercentageItemArgs(percentage="25", value="a"),
        configcat.SettingValuePercentageItemArgs(percentage="75", value="b"),
    ],
)

# pulumiverse's mappings are keyed by plain ids, so programs build them inside an apply; that still works.
configcat.PermissionGroup(
    "testers",
    product_id=product.id,
    name="Testers",
    accesstype="custom",
    new_environment_accesstype="none",
    environment_accesses=pulumi.Output.all(test_env.id, prod_env.id).apply(
        lambda ids: {ids[0]: "full", ids[1]: "readOnly"}
    ),
    can_createorupdate_setting=True,
    can_disable2fa=False,
)
configcat.ProductPreferences(
    "preferences",
    product_id=product.id,
    key_generation_mode="camelCase",
    mandatory_setting_hint=False,
    show_variation_id=False,
    reason_required_environments=prod_env.id.apply(lambda env_id: {env_id: True}),
)

configcat.Webhook(
    "my-webhook",
    config_id=v2_config.id,
    environment_id=prod_env.id,
    url="https://example.com/hook",
    http_method="post",
    content="test content",
    webhook_headers=[configcat.WebhookWebhookHeaderArgs(key="X-Source", value="configcat")],
)

sdk_keys = configcat.get_sdk_keys_output(config_id=v2_config.id, environment_id=prod_env.id)
pulumi.export("product_id", product.id)
pulumi.export("production_sdk_key", sdk_keys.primary)
