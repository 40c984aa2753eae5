"""Webhooks with secure headers, and SDK keys handed on as secret stack outputs.

A webhook calls your service when a config changes in an environment. Secure header values (an
`Authorization` token, say) are secrets: encrypted in the state, masked in outputs, write-only at the API.

    pulumi config set --secret receiverToken <token the receiving service expects>
    pulumi up
    pulumi stack output --show-secrets production_sdk_key
"""

import pulumi

import pulumi_configcat as configcat

config = pulumi.Config()
organization_id = (
    config.get("organizationId") or configcat.get_organizations().organizations[0].organization_id
)
receiver_url = config.get("receiverUrl") or "https://hooks.example.com/configcat"
# A placeholder keeps the example runnable as it is; set your own token as shown above.
receiver_token = config.get_secret("receiverToken") or pulumi.Output.secret("replace-me")

product = configcat.Product("checkout-service", organization_id=organization_id, name="Checkout service")
main = configcat.Config("main", product_id=product.id, name="Main")
environments = {
    name: configcat.Environment(name, product_id=product.id, name=name.capitalize(), order=order)
    for order, name in enumerate(("staging", "production"))
}
configcat.Setting("maintenance-mode", config_id=main.id, key="maintenanceMode", name="Maintenance mode")

for name, environment in environments.items():
    webhook = configcat.Webhook(
        f"deploy-hook-{name}",
        config_id=main.id,
        environment_id=environment.id,
        url=receiver_url,
        http_method="post",
        content='{"config": "##ConfigName##", "environment": "##EnvironmentName##", "url": "##URL##"}',
        webhook_headers=[{"key": "Content-Type", "value": "application/json"}],
        secure_webhook_headers=[
            configcat.WebhookSecureWebhookHeaderArgs(
                key="Authorization", value=receiver_token.apply(lambda token: f"Bearer {token}")
            )
        ],
    )
    # The receiver checks ConfigCat's signature on each call with these keys.
    signing_keys = configcat.get_webhook_signing_keys_output(webhook_id=webhook.id)
    pulumi.export(f"{name}_webhook_signing_key", signing_keys.key1)

    # The SDK key the application in this environment needs: one line, a secret Output[str]. Hand it to
    # whatever deploys the application (a Kubernetes secret, an app setting, ...); here a stack output.
    sdk_key = configcat.get_sdk_keys_output(config_id=main.id, environment_id=environment.id).primary
    pulumi.export(f"{name}_sdk_key", sdk_key)
