"""``export``: a product with every kind of entity and rule, exported, then adopted by the program it became.

The program the export writes is run through the harness engine: every resource is an import adoption (no
entity created, none deleted, nothing in the emulator changed), and a second run changes nothing and sends
no request at all.
"""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pulumi
import pytest

from pulumi_configcat.__main__ import main as cli_main
from pulumi_configcat._client import get_client
from pulumi_configcat._settings import resolve_settings
from pulumi_configcat.export import ProductExport, main, read_product
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import MiniEngine

RUFF = Path(sys.executable).parent / "ruff"
WEBHOOK_TOKEN = "Bearer seeded-token"
DATADOG_KEY = "dd-api-key-123"


@dataclass(frozen=True)
class Seeded:
    product_id: str
    secrets: dict[str, str]  # what the secrets the program reads hold, by what they are for
    counts: dict[str, int]


def _call(emulator: ConfigCatEmulator, method: str, path: str, body: Any = None, **query: str) -> Any:
    status, answer = emulator.call(method, path, body, query=query or None)
    assert status < 300, (method, path, answer)
    return answer


def seed(emulator: ConfigCatEmulator, unique: str) -> Seeded:
    """A product with every kind of entity, condition, rule and option the resources can declare."""
    org = emulator.organization_id
    product = _call(emulator, "POST", f"/v1/organizations/{org}/products", {"name": f"Export {unique}"})
    pid = product["productId"]
    dev = _call(
        emulator, "POST", f"/v1/products/{pid}/environments", {"name": "Development", "color": "#00f"}
    )
    prod = _call(
        emulator,
        "POST",
        f"/v1/products/{pid}/environments",
        {"name": "Production", "order": 1, "description": "Live"},
    )
    main_config = _call(
        emulator, "POST", f"/v1/products/{pid}/configs", {"name": "Main", "evaluationVersion": "v2"}
    )
    legacy = _call(
        emulator,
        "POST",
        f"/v1/products/{pid}/configs",
        {"name": "Legacy", "evaluationVersion": "v1", "order": 1},
    )
    beta = _call(emulator, "POST", f"/v1/products/{pid}/tags", {"name": "beta", "color": "salmon"})
    ops = _call(emulator, "POST", f"/v1/products/{pid}/tags", {"name": "ops"})
    staff = _call(
        emulator,
        "POST",
        f"/v1/products/{pid}/segments",
        {
            "name": "Staff",
            "comparisonAttribute": "Email",
            "comparator": "contains",
            "comparisonValue": "@acme.com",
        },
    )
    testers = _call(
        emulator,
        "POST",
        f"/v1/products/{pid}/segments",
        {
            "name": "Testers",
            "description": "QA",
            "comparisonAttribute": "Email",
            "comparator": "isOneOf",
            "comparisonValue": "a@x.com,b@x.com",
        },
    )

    def setting(config: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        return dict(_call(emulator, "POST", f"/v1/configs/{config['configId']}/settings", body))

    api = setting(main_config, {"key": "newApi", "name": "New API", "settingType": "boolean"})
    checkout = setting(
        main_config,
        {
            "key": "newCheckout",
            "name": "New checkout",
            "hint": "one page",
            "settingType": "boolean",
            "tags": [beta["tagId"], ops["tagId"]],
            "order": 1,
        },
    )
    size = setting(main_config, {"key": "pageSize", "name": "Page size", "settingType": "int", "order": 2})
    ratio = setting(main_config, {"key": "ratio", "name": "Ratio", "settingType": "double", "order": 3})
    plan = setting(
        main_config,
        {
            "key": "plan",
            "name": "Plan",
            "settingType": "string",
            "order": 4,
            "predefinedVariations": [
                {"value": {"stringValue": "free"}, "name": "Free"},
                {"value": {"stringValue": "pro"}, "name": "Pro", "hint": "paid"},
            ],
        },
    )
    motto = setting(legacy, {"key": "motto", "name": "Motto", "settingType": "string", "isJson": False})

    def formula(setting_: dict[str, Any], env: dict[str, Any], body: dict[str, Any]) -> None:
        path = f"/v2/environments/{env['environmentId']}/settings/{setting_['settingId']}/value"
        _call(emulator, "PUT", path, body)

    formula(api, prod, {"defaultValue": {"boolValue": True}})
    formula(
        checkout,
        prod,
        {
            "defaultValue": {"boolValue": False},
            "percentageEvaluationAttribute": "Country",
            "targetingRules": [
                {
                    "conditions": [
                        {"segmentCondition": {"segmentId": staff["segmentId"], "comparator": "isIn"}},
                        {"segmentCondition": {"segmentId": testers["segmentId"], "comparator": "isNotIn"}},
                    ],
                    "value": {"boolValue": True},
                },
                {
                    "conditions": [
                        {
                            "userCondition": {
                                "comparisonAttribute": "Email",
                                "comparator": "isOneOf",
                                "comparisonValue": {
                                    "listValue": [{"value": "a@x.com", "hint": "Ann"}, {"value": "b@x.com"}]
                                },
                            }
                        },
                        {
                            "userCondition": {
                                "comparisonAttribute": "Country",
                                "comparator": "textNotEndsWithAnyOf",
                                "comparisonValue": {"listValue": [{"value": "land"}]},
                            }
                        },
                        {
                            "userCondition": {
                                "comparisonAttribute": "AppVersion",
                                "comparator": "semVerGreater",
                                "comparisonValue": {"stringValue": "2.0.0"},
                            }
                        },
                        {
                            "userCondition": {
                                "comparisonAttribute": "Age",
                                "comparator": "numberGreaterOrEquals",
                                "comparisonValue": {"doubleValue": 18.5},
                            }
                        },
                        {
                            "userCondition": {
                                "comparisonAttribute": "SignedUp",
                                "comparator": "dateTimeBefore",
                                "comparisonValue": {"doubleValue": 1767225600},
                            }
                        },
                        {
                            "prerequisiteFlagCondition": {
                                "prerequisiteSettingId": api["settingId"],
                                "comparator": "equals",
                                "prerequisiteComparisonValue": {"boolValue": True},
                            }
                        },
                    ],
                    "percentageOptions": [
                        {"percentage": 30, "value": {"boolValue": True}},
                        {"percentage": 70, "value": {"boolValue": False}},
                    ],
                },
                {
                    "percentageOptions": [
                        {"percentage": 5, "value": {"boolValue": True}},
                        {"percentage": 95, "value": {"boolValue": False}},
                    ]
                },
            ],
        },
    )
    formula(
        size,
        dev,
        {
            "defaultValue": {"intValue": 50},
            "targetingRules": [
                {
                    "conditions": [
                        {
                            "prerequisiteFlagCondition": {
                                "prerequisiteSettingId": checkout["settingId"],
                                "comparator": "doesNotEqual",
                                "prerequisiteComparisonValue": {"boolValue": False},
                            }
                        }
                    ],
                    "value": {"intValue": 100},
                }
            ],
        },
    )
    formula(ratio, prod, {"defaultValue": {"doubleValue": 0.25}})
    variations = _call(emulator, "GET", f"/v1/settings/{plan['settingId']}/predefined-variations")
    pro = next(v for v in variations["predefinedVariations"] if v["name"] == "Pro")
    formula(
        plan,
        prod,
        {
            "defaultValue": {"predefinedVariationId": pro["predefinedVariationId"]},
            "targetingRules": [
                {
                    "conditions": [
                        {
                            "userCondition": {
                                "comparisonAttribute": "Email",
                                "comparator": "textEquals",
                                "comparisonValue": {"stringValue": "vip@acme.com"},
                            }
                        }
                    ],
                    "value": {"predefinedVariationId": pro["predefinedVariationId"]},
                }
            ],
        },
    )
    _call(
        emulator,
        "PUT",
        f"/v1/environments/{prod['environmentId']}/settings/{motto['settingId']}/value",
        {
            "value": "default",
            "rolloutRules": [
                {
                    "comparisonAttribute": "Email",
                    "comparator": "contains",
                    "comparisonValue": "@acme.com",
                    "value": "staff",
                },
                {"segmentComparator": "isIn", "segmentId": testers["segmentId"], "value": "tester"},
            ],
            "rolloutPercentageItems": [{"percentage": 40, "value": "a"}, {"percentage": 60, "value": "b"}],
        },
    )

    _call(
        emulator,
        "POST",
        f"/v1/configs/{main_config['configId']}/environments/{prod['environmentId']}/webhooks",
        {
            "url": "https://hooks.example.com/configcat",
            "httpMethod": "post",
            "content": '{"text": "##ConfigName## changed"}',
            "webHookHeaders": [
                {"key": "Content-Type", "value": "application/json", "isSecure": False},
                {"key": "Authorization", "value": WEBHOOK_TOKEN, "isSecure": True},
            ],
        },
    )
    _call(
        emulator,
        "POST",
        f"/v1/configs/{legacy['configId']}/environments/{dev['environmentId']}/webhooks",
        {"url": "https://hooks.example.com/legacy"},
    )
    _call(
        emulator,
        "POST",
        f"/v1/products/{pid}/permissions",
        {
            "name": "Developers",
            "accessType": "custom",
            "newEnvironmentAccessType": "readOnly",
            "environmentAccesses": [
                {"environmentId": dev["environmentId"], "environmentAccessType": "full"},
                {"environmentId": prod["environmentId"], "environmentAccessType": "readOnly"},
            ],
            "canCreateOrUpdateSetting": True,
            "canTagSetting": True,
            "canViewSdkKey": True,
        },
    )
    _call(
        emulator,
        "POST",
        f"/v1/products/{pid}/permissions",
        {"name": "Admins", "accessType": "full", "canManageMembers": True, "canDisable2FA": True},
    )
    _call(
        emulator,
        "POST",
        f"/v1/products/{pid}/integrations",
        {
            "integrationType": "dataDog",
            "name": "Datadog",
            "parameters": {"apikey": DATADOG_KEY, "site": "Eu"},
            "environmentIds": [prod["environmentId"]],
            "configIds": [],
        },
    )
    # Last: from here on a write to production needs a reason.
    _call(
        emulator,
        "POST",
        f"/v1/products/{pid}/preferences",
        {
            "keyGenerationMode": "kebabCase",
            "showVariationId": True,
            "reasonRequiredEnvironments": [{"environmentId": prod["environmentId"], "reasonRequired": True}],
        },
    )
    return Seeded(
        product_id=pid,
        secrets={"Authorization": WEBHOOK_TOKEN, "apikey": DATADOG_KEY, "site": "Eu"},
        counts={
            "Product": 1,
            "Environment": 2,
            "Config": 2,
            "Tag": 2,
            "Segment": 2,
            "Setting": 6,
            "SettingValueV2": 10,
            "SettingValue": 2,
            "Webhook": 2,
            "PermissionGroup": 2,
            "ProductPreferences": 1,
            "Integration": 1,
        },
    )


@pytest.fixture
def credentials(emulator: ConfigCatEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_USERNAME", emulator.username)
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_PASSWORD", emulator.password)
    monkeypatch.setenv("CONFIGCAT_BASE_PATH", emulator.base_url)


def _secret_config(export: ProductExport, seeded: Seeded, project: str) -> dict[str, str]:
    """``pulumi config set --secret`` for each secret the program lists, with the seeded values."""
    config = {}
    for secret in export.secrets():
        what = next(name for name in seeded.secrets if repr(name) in secret.purpose)
        config[f"{project}:{secret.config_key}"] = seeded.secrets[what]
    return config


@pytest.mark.usefixtures("credentials")
def test_an_exported_product_is_adopted_without_a_create_a_delete_or_a_change(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str, tmp_path: Path
) -> None:
    seeded = seed(emulator, unique)
    output = tmp_path / "exported" / "__main__.py"
    emulator.requests.clear()
    assert main(["--product-id", seeded.product_id, "--output", str(output)]) == 0
    source = output.read_text(encoding="utf-8")
    # Export only reads; values come one request per config and environment, not one per flag.
    assert {r.method for r in emulator.requests} == {"GET"}
    value_reads = [r.path for r in emulator.requests if r.path.endswith("/values")]
    assert len(value_reads) == 4
    assert not [r.path for r in emulator.requests if r.path.endswith("/value")]
    assert len(emulator.requests) < 30

    # What it declares: every entity, each adopted by id; references as variables.
    counts: dict[str, int] = {}
    for class_name in seeded.counts:
        counts[class_name] = source.count(f"configcat.{class_name}(")
    assert counts == seeded.counts
    assert source.count('import_="') == sum(seeded.counts.values())
    # Ids appear only as import ids (and the product's in the opening comment), never as inputs.
    assert source.count(seeded.product_id) == 3
    assert re.findall(r"\w+_ids?=\[?\"[0-9a-f-]{36}", source) == []
    assert re.findall(r"_id=\"\d+\"", source) == []
    assert "init_only=False" in source
    assert "config.require_secret(" in source
    assert "pulumi config set --secret" in source
    for secret in (WEBHOOK_TOKEN, DATADOG_KEY):
        assert secret not in source

    # The program is ruff-clean under ruff's own defaults, as it would be in a new project.
    formatted = subprocess.run(
        [str(RUFF), "format", "--isolated", "--diff", str(output)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    checked = subprocess.run(
        [str(RUFF), "check", "--isolated", "--select", "E,F,W,B", "--ignore", "E501", str(output)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout

    export = read_product_from_env(seeded.product_id)
    secrets = _secret_config(export, seeded, engine.project)
    assert len(secrets) == 3

    def program() -> None:
        pulumi.runtime.set_all_config(secrets, list(secrets))
        runpy.run_path(str(output), run_name="__main__")

    before = emulator.state()
    emulator.requests.clear()
    try:
        first = engine.run(program)
    finally:
        pulumi.runtime.set_all_config({}, [])
    assert first.errors == []
    assert {step.op for step in first.steps} == {"create"}
    assert len(first.steps) == sum(seeded.counts.values())
    writes = [(r.method, r.path) for r in emulator.requests if r.method != "GET"]
    # The only writes: the webhook whose secure header the API could not return gets it sent once.
    assert [method for method, _ in writes] == ["PUT"]
    assert writes[0][1].startswith("/v1/webhooks/")
    assert emulator.state() == before

    emulator.requests.clear()
    try:
        second = engine.run(program)
    finally:
        pulumi.runtime.set_all_config({}, [])
    assert second.errors == []
    assert {step.op for step in second.steps} == {"same"}
    assert emulator.requests == []

    # A flag whose values have another flag as a prerequisite depends on it, so a destroy deletes it first
    # (ConfigCat refuses to delete a prerequisite that is still in use).
    assert "depends_on=[main_new_api]" in source
    assert "depends_on=[main_new_checkout]" in source
    engine.destroy()
    assert seeded.product_id not in emulator.state()["products"]


def read_product_from_env(product_id: str) -> ProductExport:
    return read_product(get_client(resolve_settings()), product_id)


def _environ(emulator: ConfigCatEmulator, **extra: str) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CONFIGCAT_")}
    return {
        **environ,
        "CONFIGCAT_BASIC_AUTH_USERNAME": emulator.username,
        "CONFIGCAT_BASIC_AUTH_PASSWORD": emulator.password,
        "CONFIGCAT_BASE_PATH": emulator.base_url,
        **extra,
    }


@pytest.mark.parametrize(
    "command",
    [[sys.executable, "-m", "pulumi_configcat"], [str(Path(sys.executable).parent / "pulumi-configcat")]],
    ids=["python -m", "console script"],
)
def test_the_command_writes_the_program_to_standard_output(
    emulator: ConfigCatEmulator, unique: str, command: list[str]
) -> None:
    product = _call(
        emulator, "POST", f"/v1/organizations/{emulator.organization_id}/products", {"name": f"Cli {unique}"}
    )
    done = subprocess.run(
        [*command, "export", "--product-id", product["productId"]],
        capture_output=True,
        text=True,
        check=False,
        env=_environ(emulator),
    )
    assert done.returncode == 0, done.stderr
    name = (
        "pulumi-configcat export"
        if command[0].endswith("pulumi-configcat")
        else "python -m pulumi_configcat export"
    )
    assert done.stdout.startswith(
        f"# ConfigCat product 'Cli {unique}' ({product['productId']}), exported by `{name}`"
    )
    compile(done.stdout, "<export>", "exec")
    assert 'configcat.Product(\n    "cli-' in done.stdout


def test_flags_override_the_environment_and_the_password_stays_out_of_errors(
    emulator: ConfigCatEmulator, unique: str
) -> None:
    product = _call(
        emulator,
        "POST",
        f"/v1/organizations/{emulator.organization_id}/products",
        {"name": f"Flags {unique}"},
    )
    environ = _environ(
        emulator, CONFIGCAT_BASIC_AUTH_USERNAME="nobody", CONFIGCAT_BASE_PATH="http://127.0.0.1:9"
    )
    export = [sys.executable, "-m", "pulumi_configcat", "export", "--product-id", product["productId"]]
    done = subprocess.run(
        [*export, "--base-url", emulator.base_url, "--username", emulator.username],
        capture_output=True,
        text=True,
        check=False,
        env=environ,
    )
    assert done.returncode == 0, done.stderr
    # With the wrong user name the API refuses; the message names the user, never the password.
    refused = subprocess.run(
        [*export, "--base-url", emulator.base_url], capture_output=True, text=True, check=False, env=environ
    )
    assert refused.returncode == 1
    assert "401" in refused.stderr
    assert emulator.password not in refused.stderr + refused.stdout
    assert refused.stdout == ""


def test_missing_credentials_and_a_missing_product_are_clear_errors(
    emulator: ConfigCatEmulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for key in ("CONFIGCAT_BASIC_AUTH_USERNAME", "CONFIGCAT_BASIC_AUTH_PASSWORD", "CONFIGCAT_BASE_PATH"):
        monkeypatch.delenv(key, raising=False)
    missing = "00000000-0000-4000-8000-000000000000"
    assert main(["--product-id", missing]) == 1
    assert "CONFIGCAT_BASIC_AUTH_PASSWORD" in capsys.readouterr().err

    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_USERNAME", emulator.username)
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_PASSWORD", emulator.password)
    monkeypatch.setenv("CONFIGCAT_BASE_PATH", emulator.base_url)
    assert main(["--product-id", missing]) == 1
    captured = capsys.readouterr()
    assert f"GET /v1/products/{missing}" in captured.err
    assert "404" in captured.err
    assert captured.out == ""


def test_unknown_subcommands_print_the_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["import"]) == 2
    assert "pulumi-configcat export --product-id" in capsys.readouterr().err
    assert cli_main(["--help"]) == 0
    assert "export" in capsys.readouterr().out
