"""``from-terraform`` end to end through the harness engine: the state's entities, made in the emulator as
`terraform apply` makes them, are adopted by the written program without a create, a delete or a change,
and a second run sends nothing. (The same under the real CLI: tests/cli/test_from_terraform.py.)"""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pulumi

from pulumi_configcat.export.terraform import main
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import MiniEngine
from tests.migration._terraform_apply import apply_state, fixture, secrets_of


def test_the_written_program_adopts_every_entity_of_the_state(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str, tmp_path: Path
) -> None:
    state = fixture()
    product = next(r for r in state["resources"] if r["type"] == "configcat_product")
    product["instances"][0]["attributes"]["name"] = f"Shop {unique}"
    applied = apply_state(emulator, state)
    state_file = tmp_path / "terraform.tfstate"
    state_file.write_text(json.dumps(applied, indent=2), encoding="utf-8")
    output = tmp_path / "adopted" / "__main__.py"

    emulator.requests.clear()
    assert main([str(state_file), "--output", str(output)]) == 0
    assert emulator.requests == []  # the state is all it reads
    source = output.read_text(encoding="utf-8")

    values = secrets_of(applied)
    config: dict[str, str] = {}
    for line in source.splitlines():
        if line.startswith("#   pulumi config set --secret "):
            key, purpose = line.split()[5], line.split("  # ", 1)[1]
            config[f"{engine.project}:{key}"] = values[purpose]
    assert len(config) == len(values) == 3

    def program() -> None:
        pulumi.runtime.set_all_config(config, list(config))
        runpy.run_path(str(output), run_name="__main__")

    managed = sum(len(r["instances"]) for r in applied["resources"] if r["mode"] == "managed")
    before = emulator.state()
    emulator.requests.clear()
    try:
        first = engine.run(program)
    finally:
        pulumi.runtime.set_all_config({}, [])
    assert first.errors == []
    # Every step is an adoption (a dynamic resource's import_ is a create that sends no POST).
    assert {step.op for step in first.steps} == {"create"}
    assert len(first.steps) == managed
    writes = [(r.method, r.path) for r in emulator.requests if r.method != "GET"]
    # The one write: the secure header value, which the API never returns, is sent once (the same value).
    webhook_id = next(r for r in applied["resources"] if r["type"] == "configcat_webhook")["instances"][0]
    assert writes == [("PUT", f"/v1/webhooks/{webhook_id['attributes']['id']}")]
    assert emulator.state() == before

    emulator.requests.clear()
    try:
        second = engine.run(program)
    finally:
        pulumi.runtime.set_all_config({}, [])
    assert second.errors == []
    assert {step.op for step in second.steps} == {"same"}
    assert emulator.requests == []
