"""The example programs run as `pulumi up` would run them, against the emulator, and converge."""

from __future__ import annotations

import runpy
from pathlib import Path

import pulumi

from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import MiniEngine

QUICKSTART = Path(__file__).resolve().parents[1] / "examples" / "quickstart" / "__main__.py"


def test_quickstart_deploys_converges_and_destroys(engine: MiniEngine, emulator: ConfigCatEmulator) -> None:
    def program() -> None:
        pulumi.runtime.set_config(f"{pulumi.get_project()}:organizationId", emulator.organization_id)
        runpy.run_path(str(QUICKSTART), run_name="__main__")

    emulator.requests.clear()
    preview = engine.run(program, preview=True)
    assert preview.errors == []
    assert sorted(step.op for step in preview.steps) == ["create"] * 8
    assert emulator.requests == []

    first = engine.run(program)
    assert first.errors == []
    assert sorted(step.op for step in first.steps) == ["create"] * 8
    product_id = first.exports["product_id"]
    product = emulator.state()["products"][product_id]
    assert product["name"] == "web-shop"
    production = first.exports["production_environment_id"]
    preferences = emulator.state()["preferences"][product_id]
    assert preferences["keyGenerationMode"] == "kebabCase"
    # Mappings keyed by other resources' ids (Outputs) arrive with the real ids.
    (group,) = [g for g in emulator.state()["permissionGroups"].values() if g["productId"] == product_id]
    accesses = {a["environmentId"]: a["environmentAccessType"] for a in group["environmentAccesses"]}
    assert accesses[production] == "readOnly"
    assert sorted(accesses.values()) == ["full", "readOnly"]

    emulator.requests.clear()
    second = engine.run(program)
    assert second.errors == []
    assert {step.op for step in second.steps} == {"same"}
    assert emulator.requests == []

    engine.destroy()
    assert product_id not in emulator.state()["products"]
