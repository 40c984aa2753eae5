"""``export``: every secret the program reads has a stack configuration key of its own.

Two integrations of the same name, or secure webhook headers whose names differ only in case and
punctuation (``X-Token``, ``x_token``), once read one key: the first ``pulumi up`` of the exported program
then wrote one secret where the other belonged.
"""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import pulumi
import pytest

from pulumi_configcat._client import get_client
from pulumi_configcat._settings import resolve_settings
from pulumi_configcat.export import Declaration, ProductExport, Secret, main, read_product, write_program
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import MiniEngine


def _call(emulator: ConfigCatEmulator, method: str, path: str, body: Any = None) -> Any:
    status, answer = emulator.call(method, path, body)
    assert status < 300, (method, path, answer)
    return answer


@pytest.fixture
def credentials(emulator: ConfigCatEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_USERNAME", emulator.username)
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_PASSWORD", emulator.password)
    monkeypatch.setenv("CONFIGCAT_BASE_PATH", emulator.base_url)


@pytest.mark.usefixtures("credentials")
def test_secrets_of_same_named_integrations_and_look_alike_headers_keep_their_own_keys(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str, tmp_path: Path
) -> None:
    org = emulator.organization_id
    pid = _call(emulator, "POST", f"/v1/organizations/{org}/products", {"name": f"Secrets {unique}"})[
        "productId"
    ]
    env = _call(emulator, "POST", f"/v1/products/{pid}/environments", {"name": "Production"})
    config = _call(emulator, "POST", f"/v1/products/{pid}/configs", {"name": "Main"})
    hook = _call(
        emulator,
        "POST",
        f"/v1/configs/{config['configId']}/environments/{env['environmentId']}/webhooks",
        {
            "url": "https://hooks.example.com/x",
            "webHookHeaders": [
                {"key": "X-Token", "value": "dash-token", "isSecure": True},
                {"key": "x_token", "value": "underscore-token", "isSecure": True},
            ],
        },
    )
    integrations = {
        key: _call(
            emulator,
            "POST",
            f"/v1/products/{pid}/integrations",
            {
                "integrationType": "dataDog",
                "name": "Datadog",
                "parameters": {"apikey": key, "site": "Eu"},
                "environmentIds": [],
                "configIds": [],
            },
        )["integrationId"]
        for key in ("first-api-key", "second-api-key")
    }

    export = read_product(get_client(resolve_settings()), pid)
    secrets = export.secrets()
    keys = [secret.config_key for secret in secrets]
    assert len({key.casefold() for key in keys}) == len(keys) == 6, keys
    # Readable, deterministic names: the first of a kind keeps the plain name, the next gets a suffix.
    assert keys == [
        f"webhook{hook['webhookId']}XToken",
        f"webhook{hook['webhookId']}XToken2",
        "datadogApikey",
        "datadogSite",
        "datadogApikey2",
        "datadogSite2",
    ]

    # What each key holds, told apart by the purpose the program's opening comment gives it.
    values: dict[str, str] = {}
    for secret in secrets:
        if "secure header 'X-Token'" in secret.purpose:
            values[secret.config_key] = "dash-token"
        elif "secure header 'x_token'" in secret.purpose:
            values[secret.config_key] = "underscore-token"
        elif "'site'" in secret.purpose:
            values[secret.config_key] = "Eu"
        else:
            values[secret.config_key] = next(
                key for key, id_ in integrations.items() if id_ in secret.purpose
            )
    output = tmp_path / "__main__.py"
    assert main(["--product-id", pid, "--output", str(output)]) == 0
    source = output.read_text(encoding="utf-8")
    for key in keys:
        assert f'config.require_secret("{key}")' in source
        assert f"pulumi config set --secret {key} <value>" in source

    config_values = {f"{engine.project}:{key}": value for key, value in values.items()}
    before = emulator.state()

    def program() -> None:
        pulumi.runtime.set_all_config(config_values, list(config_values))
        runpy.run_path(str(output), run_name="__main__")

    try:
        first = engine.run(program)
    finally:
        pulumi.runtime.set_all_config({}, [])
    assert first.errors == []
    # Adopting wrote each secret back where it came from: nothing in the account changed.
    assert emulator.state() == before
    stored = emulator.state()
    for key, id_ in integrations.items():
        assert stored["integrations"][id_]["parameters"]["apikey"] == key
    headers = {h["key"]: h["value"] for h in stored["webhooks"][hook["webhookId"]]["webHookHeaders"]}
    assert headers == {"X-Token": "dash-token", "x_token": "underscore-token"}
    engine.destroy()


def test_the_writer_refuses_two_secrets_with_one_key() -> None:
    org, product = "0f6c0d6e-0000-4000-8000-000000000000", "0f6c0d6e-0000-4000-8000-000000000001"
    declarations = [
        Declaration(
            key=f"integration:{index}",
            class_name="Integration",
            name_hint="alerts",
            import_id=str(index),
            inputs={"parameters": {"apikey": Secret(key, f"parameter 'apikey' of integration {index}")}},
        )
        for index, key in enumerate(["alertsApikey", "AlertsApikey"])
    ]
    with pytest.raises(ValueError, match=r"one stack configuration key each.*'AlertsApikey'"):
        write_program(ProductExport(product, "Shop", org, declarations))
