"""A pulumiverse stack with an explicit provider moves to this package's ``Provider``, under the real CLI.

Account A is the stack's (``configcat:*``), account B an explicit pulumiverse provider ``account-b`` that made
one product. The export is taken without ``--show-secrets``, so B's password reaches the migrated resource as
the ciphertext it was. After ``pulumi stack import`` the program with ``configcat.Provider("account-b", ...)``
and ``opts=pulumi.ResourceOptions(provider=account_b)`` previews with no change, ``up`` writes nothing, and
``destroy`` deletes the product in account B through its migrated state.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from pulumi_configcat.testing import ConfigCatEmulator
from tests.cli._stack import CliRun, Stack
from tests.migration._pulumiverse_stack import Declared, Secret, deploy, export

PROJECT = "shop"
PRODUCT = "configcat:index/product:Product"

PROGRAM = """
import pulumi
import pulumi_configcat as configcat

cfg = pulumi.Config()
account_b = configcat.Provider(
    "account-b",
    basic_auth_username=cfg.require("bUser"),
    basic_auth_password=cfg.require_secret("bPassword"),
    base_path=cfg.require("bBase"),
)
configcat.Product(
    "b-product",
    organization_id=cfg.require("bOrg"),
    name="B shop",
    order=1,
    opts=pulumi.ResourceOptions(provider=account_b),
)
"""


def _not_same(run: CliRun) -> dict[str, str]:
    ops: dict[str, str] = {}
    for event in run.events:
        meta = (event.get("resourcePreEvent") or {}).get("metadata")
        if meta and meta["op"] != "same":
            ops[meta["urn"]] = meta["op"]
    return ops


def _with_explicit_provider(pulumiverse: dict[str, Any], other: ConfigCatEmulator) -> dict[str, Any]:
    """The export, with B's product made by pulumiverse's ``configcat.Provider("account-b", ...)``."""
    resources = pulumiverse["deployment"]["resources"]
    stack_urn = resources[0]["urn"]
    urn = stack_urn.rsplit("::", 2)[0] + "::pulumi:providers:configcat::account-b"
    state = {
        "basicAuthUsername": other.username,
        "basicAuthPassword": {
            "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
            "plaintext": json.dumps(other.password),
        },
        "basePath": other.base_url,
        "version": "5.5.7",
    }
    provider = {
        "urn": urn,
        "custom": True,
        "id": "b7e0c3f4-0000-4000-8000-0000000000b1",
        "type": "pulumi:providers:configcat",
        "inputs": state,
        "outputs": state,
        "parent": stack_urn,
    }
    (product,) = [r for r in resources if r["type"] == PRODUCT]
    product["provider"] = f"{urn}::{provider['id']}"
    resources.insert(resources.index(product), provider)
    return pulumiverse


def test_an_explicit_provider_moves_with_no_change_and_no_write(cli_dir: Path, tmp_path: Path) -> None:
    with ConfigCatEmulator() as emulator, ConfigCatEmulator() as other:
        config = {
            "configcat:basicAuthUsername": emulator.username,
            "configcat:basicAuthPassword": emulator.password,
            "configcat:basePath": emulator.base_url,
            f"{PROJECT}:bUser": other.username,
            f"{PROJECT}:bPassword": other.password,
            f"{PROJECT}:bBase": other.base_url,
            f"{PROJECT}:bOrg": other.organization_id,
        }
        stack = Stack(cli_dir, tmp_path / "stack", config, project=PROJECT)
        args = {"organizationId": other.organization_id, "name": "B shop", "order": 1}
        deployed = deploy(other, [Declared("b-product", PRODUCT, args)])
        pulumiverse = export(
            deployed,
            stack="dev",
            project=PROJECT,
            provider_config={
                "basicAuthUsername": emulator.username,
                "basicAuthPassword": Secret(emulator.password),
                "basePath": emulator.base_url,
            },
            secrets_providers=json.loads(stack.export())["deployment"]["secrets_providers"],
        )
        (tmp_path / "made.json").write_text(json.dumps(_with_explicit_provider(pulumiverse, other)))
        stack.run("stack", "import", "--file", str(tmp_path / "made.json"))

        # What the user does; without --show-secrets, B's password is a ciphertext.
        (tmp_path / "pulumiverse.json").write_text(stack.export())
        (tmp_path / "config.json").write_text(stack.run("config", "--json", "--show-secrets").stdout)
        migrate = subprocess.run(
            [sys.executable, "-m", "pulumi_configcat", "migrate-state",
             "--input", str(tmp_path / "pulumiverse.json"), "--stack-config", str(tmp_path / "config.json"),
             "--output", str(tmp_path / "migrated.json")],
            capture_output=True, text=True, check=False, timeout=120,
        )  # fmt: skip
        assert migrate.returncode == 0, migrate.stderr
        written = json.loads((tmp_path / "migrated.json").read_text())["deployment"]["resources"]
        (product,) = [r for r in written if r["urn"].endswith("::b-product")]
        # B's password: the export's ciphertext, carried over (the stack configuration is plaintext secrets).
        assert "ciphertext" in product["inputs"]["__basicAuthPassword"]
        assert "ciphertext" in product["outputs"]["__basicAuthPassword"]
        assert other.password not in json.dumps(product)
        stack.run("stack", "import", "--file", str(tmp_path / "migrated.json"))
        stack.write_program(PROGRAM)

        preview = stack.preview()
        assert preview.events
        assert _not_same(preview) == {}
        before_a, before_b = len(emulator.requests), len(other.requests)
        up = stack.up()
        assert _not_same(up) == {}
        sent = [(r.method, r.path) for r in [*emulator.requests[before_a:], *other.requests[before_b:]]]
        assert [call for call in sent if call[0] != "GET"] == []

        state = json.loads(stack.export(show_secrets=True))["deployment"]["resources"]
        (component,) = [r for r in state if r["type"] == "configcat:index:Provider"]
        assert component["urn"].endswith("::account-b")
        assert other.password not in json.dumps(component)
        assert deployed[0].id_ in other.state()["products"]

        destroy = stack.destroy()
        assert "delete" in destroy.ops().values()
        assert deployed[0].id_ not in other.state()["products"]
