"""Under the real CLI secrets (API password, secure header values, SDK keys) stay out of state and output."""

from __future__ import annotations

import json
from pathlib import Path

from pulumi_configcat.testing import ConfigCatEmulator
from tests.cli._stack import Stack, plain_strings
from tests.cli.conftest import REPO, StackFactory


def test_password_is_never_in_plain_text(new_stack: StackFactory, emulator: ConfigCatEmulator) -> None:
    stack = new_stack(project="quickstart", organizationId=emulator.organization_id)
    stack.write_program((REPO / "examples" / "quickstart" / "__main__.py").read_text())
    password = emulator.password
    # Retries make the provider write to stderr, which the CLI shows and logs.
    fault = emulator.inject_fault("status", status=429, retry_after="1", times=3)
    try:
        runs = [stack.up("--logtostderr", "--logflow", "-v=3"), stack.preview(), stack.refresh()]
    finally:
        emulator.clear_faults()
    assert fault.hits == 3

    for show_secrets in (False, True):
        exported = json.loads(stack.export(show_secrets=show_secrets))
        assert [s for s in plain_strings(exported) if password in s] == []
    # Without --show-secrets not even an envelope holds it: only ciphertext.
    assert password not in stack.export()
    config_file = (stack.project_dir / "Pulumi.dev.yaml").read_text()
    assert password not in config_file

    for run in runs:
        assert password not in run.output
        assert password not in json.dumps(run.events)
    assert any("429" in message for message in [*runs[0].diagnostics(), runs[0].output]), (
        "no retry was logged"
    )
    stack.destroy()


def test_secure_header_values_and_sdk_keys_stay_secret(cli_dir: Path, tmp_path: Path) -> None:
    """The webhooks example: a secure header from secret config, SDK keys as secret outputs."""
    token = "token-that-must-stay-secret-7f3a"
    with ConfigCatEmulator() as emulator:
        settings = {
            "configcat:basicAuthUsername": emulator.username,
            "configcat:basicAuthPassword": emulator.password,
            "configcat:basePath": emulator.base_url,
            "configcat-webhooks:receiverToken": token,
        }
        stack = Stack(
            cli_dir,
            tmp_path,
            settings,
            source=REPO / "examples" / "webhooks-and-sdk-keys",
            secret_keys=("configcat-webhooks:receiverToken",),
        )
        runs = [stack.up("--logtostderr", "--logflow", "-v=3"), stack.preview(), stack.refresh()]
        sdk_keys = [
            key
            for keys in emulator.state()["sdkKeys"].values()
            for key in (keys.values() if isinstance(keys, dict) else [keys])
            if isinstance(key, str) and key
        ]
        assert sdk_keys, "the stack read no SDK key"
        exported_keys = [value for name, value in stack.outputs().items() if name.endswith("_sdk_key")]
        assert exported_keys
        assert set(exported_keys) <= set(sdk_keys)
        secrets = [token, f"Bearer {token}", emulator.password, *sdk_keys]
        for show_secrets in (False, True):
            exported = json.loads(stack.export(show_secrets=show_secrets))
            assert [s for s in plain_strings(exported) if any(secret in s for secret in secrets)] == []
        plain_export = stack.export()
        assert [secret for secret in secrets if secret in plain_export] == []
        for run in runs:
            assert [secret for secret in secrets if secret in run.output] == []
            assert [secret for secret in secrets if secret in json.dumps(run.events)] == []
        stack.destroy()


def test_secrets_read_by_get_and_import_stay_secret_after_refresh(
    new_stack: StackFactory, emulator: ConfigCatEmulator
) -> None:
    """Integration parameters reach the state through get(), import_ and refresh too; never in plain text."""
    org = emulator.organization_id
    status, product = emulator.call("POST", f"/v1/organizations/{org}/products", {"name": "secrets-get"})
    assert status == 201
    keys = {"apikey": "dd-key-that-must-stay-secret-41c9", "imported": "amp-secret-that-must-stay-5b2e"}

    def integration(type_: str, parameters: dict[str, str]) -> str:
        status, made = emulator.call(
            "POST",
            f"/v1/products/{product['productId']}/integrations",
            {
                "integrationType": type_,
                "name": type_,
                "parameters": parameters,
                "environmentIds": [],
                "configIds": [],
            },
        )
        assert status == 201, made
        return str(made["integrationId"])

    looked_up = integration("dataDog", {"apikey": keys["apikey"]})
    imported = integration("amplitude", {"apiKey": "a", "secretKey": keys["imported"]})
    stack = new_stack(lookedUp=looked_up, imported=imported, productId=product["productId"])
    stack.write_program(
        """
        import pulumi
        import pulumi_configcat as configcat

        config = pulumi.Config()
        seen = configcat.Integration.get("seen", config.require("lookedUp"))
        configcat.Integration(
            "adopted",
            product_id=config.require("productId"),
            integration_type="amplitude",
            name="amplitude",
            parameters={"apiKey": "a", "secretKey": config.require_secret("importedKey")},
            opts=pulumi.ResourceOptions(import_=config.require("imported")),
        )
        pulumi.export("name", seen.name)
        """
    )
    stack.run("config", "set", "--secret", "importedKey", keys["imported"])
    runs = [stack.up(), stack.refresh(), stack.preview("--expect-no-changes"), stack.refresh()]

    assert stack.outputs()["name"] == "dataDog"
    plain_export = stack.export()
    assert [name for name, key in keys.items() if key in plain_export] == []
    exported = json.loads(stack.export(show_secrets=True))
    assert [s for s in plain_strings(exported) if any(key in s for key in keys.values())] == []
    for run in runs:
        assert [name for name, key in keys.items() if key in run.output] == []
    stack.destroy()
