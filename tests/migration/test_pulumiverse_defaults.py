"""Programs written for pulumiverse_configcat behave as there.

``Configuration`` without ``evaluation_version`` is a Config V1 config, so a Terraform guide's program (which
omits it and uses ``SettingValue``) runs; ``Config``, this package's own name, keeps V2.
"""

from __future__ import annotations

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import MiniEngine, RunResult


def _ok(result: RunResult) -> RunResult:
    assert result.errors == [], result.errors
    return result


def test_a_terraform_guides_program_runs_with_configuration_and_setting_value(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def program() -> None:
        # As pulumiverse's docs and the Terraform guides write it: no evaluation_version, V1 values.
        product = configcat.Product(f"guide-{unique}", organization_id=emulator.organization_id, order=0)
        config = configcat.Configuration(f"main-{unique}", product_id=product.id, order=0)
        production = configcat.Environment(f"production-{unique}", product_id=product.id, order=0)
        flag = configcat.Setting(
            "isAwesomeFeatureEnabled", config_id=config.id, key="isAwesomeFeatureEnabled", order=0
        )
        configcat.SettingValue(
            "value", environment_id=production.id, setting_id=flag.id, value="true", init_only=False
        )
        own = configcat.Config(f"own-{unique}", product_id=product.id)  # this package's own name: V2
        _ = own

    result = _ok(engine.run(program))

    versions = {c["name"]: c["evaluationVersion"] for c in emulator.state()["configs"].values()}
    assert versions[f"main-{unique}"] == "v1"
    assert versions[f"own-{unique}"] == "v2"
    assert {s.op for s in result.steps} == {"create"}
    emulator.requests.clear()
    assert {s.op for s in _ok(engine.run(program)).steps} == {"same"}
    assert [r for r in emulator.requests if r.method != "GET"] == []
    engine.destroy()
