"""One stack per environment: the stack name selects the ConfigCat environment, its configuration the values.

    pulumi stack init dev && pulumi up          # creates the product, the config and the flags, and "dev"
    pulumi stack init production && pulumi up   # adds the "production" environment and its values

The flags themselves (product, config, settings) belong to one stack, `flagsStack` ("dev" unless set), which
creates them; every other stack finds them by name with lookups and only adds its own environment and the
values of the flags there. The values come from each stack's configuration (`Pulumi.<stack>.yaml`):

    config:
      configcat-per-environment:flags:
        newCheckout: true
        pageSize: 50
"""

import pulumi

import pulumi_configcat as configcat

PRODUCT_NAME = "Storefront"
CONFIG_NAME = "storefront"
FLAGS = {"newCheckout": "boolean", "pageSize": "int", "theme": "string"}
DEFAULTS = {"newCheckout": False, "pageSize": 20, "theme": "light"}

config = pulumi.Config()
stack = pulumi.get_stack()
owns_flags = stack == (config.get("flagsStack") or "dev")
values = {**DEFAULTS, **(config.get_object("flags") or {})}

if owns_flags:
    organization_id = (
        config.get("organizationId") or configcat.get_organizations().organizations[0].organization_id
    )
    product = configcat.Product("storefront", organization_id=organization_id, name=PRODUCT_NAME)
    main = configcat.Config("storefront", product_id=product.id, name=CONFIG_NAME)
    product_id: pulumi.Input[str] = product.id
    setting_ids: dict[str, pulumi.Input[str]] = {
        key: configcat.Setting(key, config_id=main.id, key=key, setting_type=setting_type, order=order).id
        for order, (key, setting_type) in enumerate(FLAGS.items())
    }
else:
    # Another stack owns the flags: find them by name. It must have been deployed first.
    products = configcat.get_products(name_filter_regex=f"^{PRODUCT_NAME}$").products
    if not products:
        raise ValueError(f"product {PRODUCT_NAME!r} not found: deploy the stack that owns the flags first")
    product_id = products[0].product_id
    configs = configcat.get_configurations(product_id, name_filter_regex=f"^{CONFIG_NAME}$").configs
    settings = configcat.get_settings(configs[0].config_id).settings
    setting_ids = {s.key: str(s.setting_id) for s in settings if s.key in FLAGS}

# This stack's own environment, named after the stack.
environment = configcat.Environment(stack, product_id=product_id, name=stack, order=0 if owns_flags else 1)

for key in FLAGS:
    configcat.SettingValueV2(
        f"{key}-{stack}",
        environment_id=environment.id,
        setting_id=setting_ids[key],
        init_only=False,
        value=values[key],
    )

pulumi.export("environment_id", environment.id)
pulumi.export("values", values)
