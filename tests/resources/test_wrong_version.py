"""A value read through the other evaluation version's resource says which resource to use, on every path.

Create said so already; a lookup (``get``) and a refresh read through ``_read``/``read`` and used to pass on
the API's bare 400.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import MiniEngine, ProviderError


def _post(emulator: ConfigCatEmulator, path: str, body: dict[str, Any]) -> dict[str, Any]:
    status, answer = emulator.call("POST", path, body)
    assert status in (200, 201), answer
    assert isinstance(answer, dict)
    return answer


def _flag(emulator: ConfigCatEmulator, unique: str, version: str) -> tuple[str, str, str]:
    """A flag in a config of ``version``: (config id, environment id, setting id)."""
    product = _post(emulator, f"/v1/organizations/{emulator.organization_id}/products", {"name": unique})
    pid = product["productId"]
    config = _post(emulator, f"/v1/products/{pid}/configs", {"name": "c", "evaluationVersion": version})
    environment = _post(emulator, f"/v1/products/{pid}/environments", {"name": "production"})
    flag = _post(
        emulator,
        f"/v1/configs/{config['configId']}/settings",
        {"key": "f", "name": "f", "settingType": "boolean"},
    )
    return config["configId"], environment["environmentId"], str(flag["settingId"])


LOOKUPS: list[tuple[str, str, Callable[[str, str, str], pulumi.Resource]]] = [
    ("v2", "configcat.SettingValueV2", lambda c, e, s: configcat.SettingValue.get("v", f"{e}:{s}")),
    ("v1", "configcat.SettingValue", lambda c, e, s: configcat.SettingValueV2.get("v", f"{e}:{s}")),
    ("v2", "configcat.ConfigValuesV2", lambda c, e, s: configcat.ConfigValues.get("v", f"{c}:{e}")),
    ("v1", "configcat.ConfigValues", lambda c, e, s: configcat.ConfigValuesV2.get("v", f"{c}:{e}")),
]


@pytest.mark.parametrize(("version", "instead", "lookup"), LOOKUPS, ids=[i for _, i, _ in LOOKUPS])
def test_a_lookup_through_the_other_version_names_the_resource_to_use(  # noqa: PLR0917 - fixtures
    engine: MiniEngine,
    emulator: ConfigCatEmulator,
    unique: str,
    version: str,
    instead: str,
    lookup: Callable[[str, str, str], pulumi.Resource],
) -> None:
    config_id, environment_id, setting_id = _flag(emulator, f"wrong-{unique}", version)

    result = engine.run(lambda: lookup(config_id, environment_id, setting_id))

    (error,) = result.errors
    assert isinstance(error, ProviderError)
    assert f"for a config of evaluation version {version} use {instead}" in error.details
    assert "answered 400" in error.details  # the API's own refusal is quoted too
