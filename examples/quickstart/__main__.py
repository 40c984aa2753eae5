"""A ConfigCat product managed as code: environments, a config, tags, a segment, flags and their values.

Run it with `pulumi up` from this directory (or from the repository root, whose Pulumi.yaml points here).
Set the credentials first (see README.md):

    pulumi config set configcat:basicAuthUsername <user>
    pulumi config set --secret configcat:basicAuthPassword <password>
    pulumi config set organizationId <organization uuid>   # optional: else the first organization
"""

import pulumi

import pulumi_configcat as configcat

config = pulumi.Config()
# With one organization (a fresh account, the emulator) there is nothing to choose; name one otherwise.
organization_id = (
    config.get("organizationId") or configcat.get_organizations().organizations[0].organization_id
)

product = configcat.Product(
    "web-shop", organization_id=organization_id, name="Web shop", description="Managed by Pulumi"
)

development = configcat.Environment("development", product_id=product.id, color="#43a047", order=0)
production = configcat.Environment("production", product_id=product.id, color="#e53935", order=1)

main_config = configcat.Config("main", product_id=product.id, description="Flags of the web shop")

beta = configcat.Tag("beta", product_id=product.id, color="salmon")
operations = configcat.Tag("operations", product_id=product.id, color="koala")

staff = configcat.Segment(
    "staff",
    product_id=product.id,
    description="Everyone with a company address",
    comparison_attribute="Email",
    comparator="contains",
    comparison_value="@example.com",
)

# Three flags, one of each common kind. `key` is what the application asks for.
new_checkout = configcat.Setting(
    "new-checkout",
    config_id=main_config.id,
    key="newCheckout",
    name="New checkout",
    hint="The one-page checkout",
    tags=[beta.id],
    order=0,
)
page_size = configcat.Setting(
    "page-size", config_id=main_config.id, key="pageSize", setting_type="int", tags=[operations.id], order=1
)
banner = configcat.Setting(
    "banner", config_id=main_config.id, key="bannerText", setting_type="string", order=2
)

# Values per environment. init_only=False: the program owns them, so `pulumi up` restores dashboard edits.
# Production requires a reason for every change (the preferences below), which mandatory_notes gives.
for environment, env_name, notes in (
    (development, "development", None),
    (production, "production", "Pulumi"),
):
    configcat.SettingValueV2(
        f"new-checkout-{env_name}",
        environment_id=environment.id,
        setting_id=new_checkout.id,
        init_only=False,
        mandatory_notes=notes,
        value=env_name == "development",
        # Staff see the new checkout everywhere; everyone else only where the default says so.
        targeting_rules=[
            {
                "conditions": [{"segment_condition": {"segment_id": staff.id, "comparator": "isIn"}}],
                "value": True,
            }
        ],
    )
    configcat.SettingValueV2(
        f"page-size-{env_name}",
        environment_id=environment.id,
        setting_id=page_size.id,
        init_only=False,
        mandatory_notes=notes,
        value=config.get_int("pageSize") or 20,
    )
    configcat.SettingValueV2(
        f"banner-{env_name}",
        environment_id=environment.id,
        setting_id=banner.id,
        init_only=False,
        mandatory_notes=notes,
        value=config.get("bannerText") or "Welcome to the web shop",
    )

configcat.PermissionGroup(
    "developers",
    product_id=product.id,
    accesstype="custom",
    environment_accesses={development.id: "full", production.id: "readOnly"},
    new_environment_accesstype="readOnly",
    can_createorupdate_setting=True,
    can_tag_setting=True,
    can_view_sdkkey=True,
)

configcat.ProductPreferences(
    "web-shop",
    product_id=product.id,
    key_generation_mode="camelCase",
    reason_required_environments={production.id: True},
)

pulumi.export("product_id", product.id)
pulumi.export("config_id", main_config.id)
pulumi.export("production_environment_id", production.id)
