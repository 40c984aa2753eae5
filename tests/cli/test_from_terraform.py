"""``from-terraform`` under the real `pulumi` CLI: a Terraform state becomes a program that adopts it.

The emulator holds what `terraform apply` of the fixture state's configuration makes (every configcat_*
resource type); the state, with the emulator's ids, goes through the real command; the program it writes
(ruff-clean as it is) runs under `pulumi up`, which adopts everything (a dynamic resource's ``import_``
shows as a create that sends no POST) with no delete or replace, leaving the emulator as it was; then
`pulumi preview --expect-no-changes` and a second `up` change nothing and send no write.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pulumi_configcat.testing import ConfigCatEmulator
from tests.cli._stack import Stack, plain_strings
from tests.migration._terraform_apply import apply_state, fixture, secrets_of

RUFF = Path(sys.executable).parent / "ruff"
PROJECT = "from-terraform"


def _writes(emulator: ConfigCatEmulator) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in emulator.requests if r.method != "GET"]


def test_a_terraform_state_is_adopted_by_the_written_program(
    cli_dir: Path, emulator: ConfigCatEmulator, unique: str, tmp_path: Path
) -> None:
    state = fixture()
    product = next(r for r in state["resources"] if r["type"] == "configcat_product")
    product["instances"][0]["attributes"]["name"] = f"Terraform shop {unique}"
    applied = apply_state(emulator, state)
    state_file = tmp_path / "terraform.tfstate"
    state_file.write_text(json.dumps(applied, indent=2), encoding="utf-8")
    managed: dict[str, int] = {}
    for resource in applied["resources"]:
        if resource["mode"] == "managed":
            managed[resource["type"]] = managed.get(resource["type"], 0) + len(resource["instances"])
    assert len(managed) == 13  # every configcat_* resource type of the provider

    # The command as a user runs it, before the stack exists (it reads only the file).
    program = tmp_path / "program.py"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pulumi_configcat",
            "from-terraform",
            str(state_file),
            "--output",
            str(program),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    source = program.read_text(encoding="utf-8")
    formatted = subprocess.run(
        [str(RUFF), "format", "--isolated", "--check", str(program)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    secret_values = secrets_of(applied)
    for value in secret_values.values():
        assert value not in source

    # The secrets the program's comment asks for, set as it says.
    secrets: dict[str, str] = {}
    for line in source.splitlines():
        if line.startswith("#   pulumi config set --secret "):
            key, purpose = line.split()[5], line.split("  # ", 1)[1]
            secrets[f"{PROJECT}:{key}"] = secret_values[purpose]
    assert len(secrets) == len(secret_values) == 3
    config = {
        "configcat:basicAuthUsername": emulator.username,
        "configcat:basicAuthPassword": emulator.password,
        "configcat:basePath": emulator.base_url,
        **secrets,
    }
    stack = Stack(cli_dir, tmp_path / "stack", config, project=PROJECT, secret_keys=tuple(secrets))
    stack.write_program(source)

    before = emulator.state()
    emulator.requests.clear()
    up = stack.up()
    ops = up.ops()
    assert len(ops) == sum(managed.values())
    assert set(ops.values()) == {"create"}, ops
    types = {step.type_.rsplit(":", 1)[-1] for step in up.steps().values()}
    assert len(types) == 13  # one resource type per Terraform type (Configuration's token is Config's)
    # Adoption only: no POST, no DELETE; the one write is the secure header value, sent once as it was.
    webhook = next(r for r in applied["resources"] if r["type"] == "configcat_webhook")
    assert _writes(emulator) == [("PUT", f"/v1/webhooks/{webhook['instances'][0]['attributes']['id']}")]
    assert emulator.state() == before
    plain = plain_strings(json.loads(stack.export()))
    for value in secret_values.values():
        assert value not in up.output
        assert [text for text in plain if value in text] == []

    emulator.requests.clear()
    preview = stack.preview("--expect-no-changes")
    assert set(preview.ops().values()) == {"same"}
    again = stack.up()
    assert set(again.ops().values()) == {"same"}
    assert _writes(emulator) == []
    assert emulator.state() == before

    # The program can take the entities down again: flags after the flags their rules depend on.
    stack.destroy()
    product_id = product_id_of(applied)
    assert product_id not in emulator.state()["products"]


def product_id_of(state: dict[str, object]) -> str:
    resources = state["resources"]
    assert isinstance(resources, list)
    product = next(r for r in resources if r["type"] == "configcat_product")
    return str(product["instances"][0]["attributes"]["id"])
