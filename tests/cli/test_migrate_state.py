"""A stack deployed with pulumiverse_configcat moves to this package in one command, under the real CLI.

The emulator holds every kind of entity pulumiverse manages, made as the Terraform provider makes them; the
stack holds pulumiverse's state of them (``tests/migration/_pulumiverse_stack.py``), imported with
``pulumi stack import``. Then, as a user would: ``pulumi stack export --show-secrets``, ``pulumi-configcat
migrate-state``, ``pulumi stack import``, and the same program with ``import pulumi_configcat as configcat``
(``name`` declared where pulumiverse auto-named, as the command says). The preview shows no change, ``up``
sends no write (the emulator's request log), a refresh finds nothing to record, and destroy leaves nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pulumi_configcat.testing import ConfigCatEmulator
from tests.cli._stack import CliRun, Stack
from tests.migration._program import program
from tests.migration._pulumiverse_stack import Deployed, Secret, deploy, export, program_source

PROJECT = "shop"


@dataclass
class Moved:
    """What each step did."""

    deployed: list[Deployed]
    migrate: subprocess.CompletedProcess[str]
    migrated: dict[str, dict[str, Any]]
    preview: CliRun
    up: CliRun
    up_requests: list[tuple[str, str]]
    refresh: CliRun
    refreshed: dict[str, dict[str, Any]]
    preview_after_refresh: CliRun
    destroy: CliRun
    left: dict[str, Any]


def _resources(stack: Stack) -> dict[str, dict[str, Any]]:
    """The dynamic resources by name, secrets in plaintext (ciphertexts change as they are re-encrypted)."""
    deployment = json.loads(stack.export(show_secrets=True))["deployment"]
    return {
        resource["urn"].rsplit("::", 1)[-1]: resource
        for resource in deployment["resources"]
        if resource["type"].startswith("pulumi-python:dynamic/")
    }


def _steps(run: CliRun) -> dict[str, str]:
    """Every resource's step (providers and the stack too), by URN."""
    ops: dict[str, str] = {}
    for event in run.events:
        meta = (event.get("resourcePreEvent") or {}).get("metadata")
        if meta:
            ops[meta["urn"]] = meta["op"]
    return ops


@pytest.fixture(scope="module")
def moved(cli_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Moved]:
    with ConfigCatEmulator() as emulator:
        yield _move(cli_dir, emulator, tmp_path_factory.mktemp("migrate"))


def _move(cli_dir: Path, emulator: ConfigCatEmulator, root: Path) -> Moved:
    config = {
        "configcat:basicAuthUsername": emulator.username,
        "configcat:basicAuthPassword": emulator.password,
        "configcat:basePath": emulator.base_url,
    }
    # Configuration of the program's own too: the engine hands a dynamic provider all of it.
    stack = Stack(cli_dir, root / "stack", {**config, f"{PROJECT}:owner": "shop team"}, project=PROJECT)
    deployed = deploy(emulator, program(emulator.organization_id))
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
    (root / "pulumiverse-made.json").write_text(json.dumps(pulumiverse))
    stack.run("stack", "import", "--file", str(root / "pulumiverse-made.json"))

    # What the user does.
    (root / "pulumiverse.json").write_text(stack.export(show_secrets=True))
    (root / "config.json").write_text(stack.run("config", "--json", "--show-secrets").stdout)
    migrate = subprocess.run(
        [sys.executable, "-m", "pulumi_configcat", "migrate-state", "--input", str(root / "pulumiverse.json"),
         "--stack-config", str(root / "config.json"), "--output", str(root / "migrated.json")],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert migrate.returncode == 0, migrate.stderr
    stack.run("stack", "import", "--file", str(root / "migrated.json"))
    stack.write_program(program_source(deployed))
    migrated = _resources(stack)

    preview = stack.preview()
    before = len(emulator.requests)
    up = stack.up()
    up_requests = [(r.method, r.path) for r in emulator.requests[before:]]
    refresh = stack.refresh()
    refreshed = _resources(stack)
    preview_after_refresh = stack.preview()
    destroy = stack.destroy()
    return Moved(
        deployed,
        migrate,
        migrated,
        preview,
        up,
        up_requests,
        refresh,
        refreshed,
        preview_after_refresh,
        destroy,
        emulator.state(),
    )


NAMES = [declared.name for declared in program("00000000-0000-0000-0000-000000000000")]


def test_every_resource_is_this_packages(moved: Moved) -> None:
    assert sorted(moved.migrated) == sorted(NAMES)
    for name, resource in moved.migrated.items():
        assert resource["provider"].startswith(
            f"urn:pulumi:dev::{PROJECT}::pulumi:providers:pulumi-python::default::"
        )
        assert resource["id"] == next(d.id_ for d in moved.deployed if d.declared.name == name)


def test_the_command_names_the_auto_named_entities(moved: Moved) -> None:
    auto_named = [d for d in moved.deployed if "name" in d.inputs and "name" not in d.declared.args]
    assert auto_named
    for item in auto_named:
        assert f"declare name={item.inputs['name']!r}" in moved.migrate.stderr
    assert f"migrated {len(NAMES)} pulumiverse_configcat resources" in moved.migrate.stderr


def test_preview_shows_no_change(moved: Moved) -> None:
    steps = _steps(moved.preview)
    assert steps, moved.preview.output
    assert {urn: op for urn, op in steps.items() if op != "same"} == {}


def test_up_changes_nothing_and_sends_no_request(moved: Moved) -> None:
    assert {urn: op for urn, op in _steps(moved.up).items() if op != "same"} == {}
    # Not even a read: every diff is worked out from the state.
    assert moved.up_requests == []


@pytest.mark.parametrize("name", NAMES)
def test_refresh_reads_what_the_migration_wrote(moved: Moved, name: str) -> None:
    # Outputs are what the provider reads from the API: exactly what the migration wrote. (A refresh records
    # inputs in the provider's reading of the outputs, as after any refresh; the preview below holds them
    # to the program.)
    assert moved.refresh.ops()[name] == "same"
    assert moved.refreshed[name]["outputs"] == moved.migrated[name]["outputs"]


def test_preview_after_refresh_shows_no_change(moved: Moved) -> None:
    assert {urn: op for urn, op in _steps(moved.preview_after_refresh).items() if op != "same"} == {}


def test_destroy_leaves_nothing(moved: Moved) -> None:
    assert set(moved.destroy.ops().values()) == {"delete"}
    assert moved.left["products"] == {}
    assert moved.left["integrations"] == {}
    assert moved.left["webhooks"] == {}


def test_an_export_without_plaintext_secrets_moves_where_no_secret_is_reshaped(
    cli_dir: Path, tmp_path: Path
) -> None:
    # Without --show-secrets the export holds ciphertexts: an integration's parameters (a secret as a whole)
    # move as they are and `pulumi stack import` decrypts them with the stack's own key; a webhook's secure
    # header values (secret one by one, to become one secret list) cannot, and the command says so. Without
    # --stack-config, the pulumi-python provider takes pulumiverse's provider configuration, its encrypted
    # password too.
    with ConfigCatEmulator() as emulator:
        config = {
            "configcat:basicAuthUsername": emulator.username,
            "configcat:basicAuthPassword": emulator.password,
            "configcat:basePath": emulator.base_url,
        }
        stack = Stack(cli_dir, tmp_path / "stack", config, project=PROJECT)
        wanted = {"product", "flags", "production", "datadog", "deploy-hook"}
        deployed = deploy(emulator, [d for d in program(emulator.organization_id) if d.name in wanted])
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
        (tmp_path / "made.json").write_text(json.dumps(pulumiverse))
        stack.run("stack", "import", "--file", str(tmp_path / "made.json"))
        encrypted = json.loads(stack.export())
        (tmp_path / "encrypted.json").write_text(json.dumps(encrypted))

        def migrate_state(source: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [sys.executable, "-m", "pulumi_configcat", "migrate-state", "--input", source,
                 "--output", str(tmp_path / "migrated.json")],
                capture_output=True, text=True, check=False, timeout=120,
            )  # fmt: skip

        refused = migrate_state(str(tmp_path / "encrypted.json"))
        assert refused.returncode == 1
        assert "configcat:index/webhook:Webhook::deploy-hook: input 'secureWebhookHeaders'" in refused.stderr
        assert "--show-secrets" in refused.stderr
        assert not (tmp_path / "migrated.json").exists()

        resources = encrypted["deployment"]["resources"]
        encrypted["deployment"]["resources"] = [
            r for r in resources if not r["urn"].endswith("::deploy-hook")
        ]
        (tmp_path / "encrypted.json").write_text(json.dumps(encrypted))
        done = migrate_state(str(tmp_path / "encrypted.json"))
        assert done.returncode == 0, done.stderr
        migrated = json.loads((tmp_path / "migrated.json").read_text())
        (datadog,) = [r for r in migrated["deployment"]["resources"] if r["urn"].endswith("::datadog")]
        assert "ciphertext" in datadog["inputs"]["parameters"]
        stack.run("stack", "import", "--file", str(tmp_path / "migrated.json"))
        stack.write_program(program_source([d for d in deployed if d.declared.name != "deploy-hook"]))

        preview = stack.preview()
        assert {urn: op for urn, op in _steps(preview).items() if op != "same"} == {}
        plain = _resources(stack)["datadog"]
        assert json.loads(plain["inputs"]["parameters"]["plaintext"]) == {
            "apikey": "dd-api-key",
            "site": "Eu",
        }
        assert json.loads(plain["outputs"]["parameters"]["plaintext"]) == {
            "apikey": "dd-api-key",
            "site": "Eu",
        }
