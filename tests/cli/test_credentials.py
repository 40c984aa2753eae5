"""Credentials from the environment alone: a stack with no configuration at all deploys and destroys."""

from __future__ import annotations

from pathlib import Path

from pulumi_configcat.testing import ConfigCatEmulator
from tests.cli._stack import Stack


def test_a_stack_without_configuration_takes_credentials_from_the_environment(
    cli_dir: Path, emulator: ConfigCatEmulator, tmp_path: Path
) -> None:
    # No `pulumi config set` at all: the language host must still hand the program an (empty) configuration.
    stack = Stack(cli_dir, tmp_path, {}, project="env-credentials")
    stack.env.update(
        CONFIGCAT_BASIC_AUTH_USERNAME=emulator.username,
        CONFIGCAT_BASIC_AUTH_PASSWORD=emulator.password,
        CONFIGCAT_BASE_PATH=emulator.base_url,
    )
    stack.write_program(
        f"""
        import pulumi
        import pulumi_configcat as configcat

        product = configcat.Product("env-shop", organization_id="{emulator.organization_id}")
        pulumi.export("product_id", product.id)
        """
    )
    up = stack.up()
    assert up.ops() == {"env-shop": "create"}
    product_id = stack.outputs()["product_id"]
    assert emulator.state()["products"][product_id]["name"] == "env-shop"
    assert emulator.password not in stack.export(show_secrets=True)

    stack.destroy()
    assert product_id not in emulator.state()["products"]
