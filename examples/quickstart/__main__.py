"""A ConfigCat product managed as code: run it with `pulumi up` from the repository root.

Set the credentials first (see README.md):

    pulumi config set configcat:basicAuthUsername <user>
    pulumi config set --secret configcat:basicAuthPassword <password>
    pulumi config set organizationId <organization uuid>
"""

import pulumi

import pulumi_configcat as configcat

organization_id = pulumi.Config().require("organizationId")

product = configcat.Product("web-shop", organization_id=organization_id, description="Managed by Pulumi")

development = configcat.Environment("development", product_id=product.id, color="#43a047", order=0)
production = configcat.Environment("production", product_id=product.id, color="#e53935", order=1)

main_config = configcat.Config("main", product_id=product.id, description="Flags of the web shop")

configcat.Tag("beta", product_id=product.id, color="salmon")

staff = configcat.Segment(
    "staff",
    product_id=product.id,
    description="Everyone with a company address",
    comparison_attribute="Email",
    comparator="contains",
    comparison_value="@example.com",
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
    key_generation_mode="kebabCase",
    reason_required_environments={production.id: True},
)

pulumi.export("product_id", product.id)
pulumi.export("config_id", main_config.id)
pulumi.export("production_environment_id", production.id)
