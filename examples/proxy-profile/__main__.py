"""A ConfigCat Proxy profile serving the production SDK keys of two configs, and what the Proxy needs.

The profile selects the (config, environment) pairs explicitly: the web and mobile configs in production. The
Proxy signs in with the profile's key and secret (``CONFIGCAT_PROFILE_KEY``, ``CONFIGCAT_PROFILE_SECRET``);
the secret is generated when the profile is created and is a secret stack output, ready to hand to whatever
deploys the Proxy (a Kubernetes secret, a container app setting, ...).

    pulumi up
    pulumi stack output --show-secrets proxy_profile_secret
    pulumi config set secretRotation 2   # any new value generates a new secret on the next `up`
"""

import pulumi

import pulumi_configcat as configcat

config = pulumi.Config()
organization_id = (
    config.get("organizationId") or configcat.get_organizations().organizations[0].organization_id
)

product = configcat.Product("storefront", organization_id=organization_id, name="Storefront")
environments = {
    name: configcat.Environment(name, product_id=product.id, name=name.capitalize(), order=order)
    for order, name in enumerate(("staging", "production"))
}
configs = {
    name: configcat.Config(name, product_id=product.id, name=name.capitalize(), order=order)
    for order, name in enumerate(("web", "mobile"))
}

profile = configcat.ProxyProfile(
    "edge-proxy",
    organization_id=organization_id,
    name="Edge proxy",
    description="The Proxy in front of the storefront's production apps",
    sdk_poll_interval=30,
    # A set of pairs: adding or removing one is one select or deselect call, the rest is untouched.
    selected_sdk_keys=[
        {"config_id": configs[name].id, "environment_id": environments["production"].id}
        for name in ("web", "mobile")
    ],
    # Change it (`pulumi config set secretRotation <anything new>`) to generate a new secret on purpose.
    secret_rotation=config.get("secretRotation") or "1",
)

# What a ConfigCat Proxy deployment takes: CONFIGCAT_PROFILE_KEY and CONFIGCAT_PROFILE_SECRET.
pulumi.export("proxy_profile_key", profile.id)
pulumi.export("proxy_profile_secret", profile.secret_token)  # a secret output: encrypted in the state
