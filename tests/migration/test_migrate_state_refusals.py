"""``migrate-state``: what cannot be mapped is refused, naming each resource, and nothing is written; the
command's input and output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pulumi_configcat.__main__ import main as cli_main
from pulumi_configcat.migrate import RefusedError, migrate
from tests.migration._export import (
    CONFIG,
    ENV,
    PREFIX,
    PRODUCT,
    PRODUCT_IN,
    PRODUCT_TOKEN,
    ciphertext,
    product,
    pv_resource,
    stack_export,
)

EXPLICIT = PREFIX + "pulumi:providers:configcat::account-b"


def _explicit_provider() -> dict[str, Any]:
    return {"urn": EXPLICIT, "custom": True, "id": "p2", "type": "pulumi:providers:configcat", "inputs": {}}


def _with_pending(export: dict[str, Any]) -> dict[str, Any]:
    export["deployment"]["pending_operations"] = [{"resource": product(), "type": "updating"}]
    return export


REFUSALS = [
    # (id, export, the URN named, words of the reason)
    (
        "explicit provider with credentials from the environment",
        stack_export(_explicit_provider()),
        EXPLICIT,
        "without basicAuthUsername and basicAuthPassword in its state (taken from CONFIGCAT_*",
    ),
    (
        "resource on an explicit provider that is refused",
        stack_export(_explicit_provider(), product(provider=f"{EXPLICIT}::p2")),
        PREFIX + PRODUCT_TOKEN + "::it",
        f"uses the explicit pulumiverse provider {EXPLICIT}, refused above",
    ),
    (
        "explicit provider whose user name is only a ciphertext",
        stack_export(
            {
                **_explicit_provider(),
                "inputs": {"basicAuthUsername": ciphertext("v1:u"), "basicAuthPassword": ciphertext("v1:p")},
            }
        ),
        EXPLICIT,
        "basicAuthUsername is only a ciphertext in the export",
    ),
    (
        "resource on a provider missing from the export",
        stack_export(product(provider=f"{EXPLICIT}::p2")),
        PREFIX + PRODUCT_TOKEN + "::it",
        f"its provider {EXPLICIT} is not in the export",
    ),
    (
        "unknown type",
        stack_export(pv_resource("configcat:index/sdkKey:SdkKey", "k", "x", {}, {})),
        PREFIX + "configcat:index/sdkKey:SdkKey::k",
        "is not one this command knows",
    ),
    (
        "input this package refuses",
        stack_export(
            pv_resource(
                "configcat:index/environment:Environment",
                "env",
                ENV,
                {"productId": PRODUCT, "name": "E", "color": "not a colour!", "order": 1},
                {"productId": PRODUCT, "name": "E", "color": "not a colour!", "order": 1},
            )
        ),
        PREFIX + "configcat:index/environment:Environment::env",
        "color",
    ),
    (
        "input unknown to this package",
        stack_export(product(inputs={**PRODUCT_IN, "fooBar": 1})),
        PREFIX + PRODUCT_TOKEN + "::it",
        "input 'fooBar' has no counterpart in Product",
    ),
    (
        "encrypted value that must be reshaped",
        stack_export(
            pv_resource(
                "configcat:index/settingValueV2:SettingValueV2",
                "v",
                f"{ENV}:1",
                {"environmentId": ENV, "settingId": "1", "value": ciphertext("v1:abc")},
                {"environmentId": ENV, "settingId": "1", "value": ciphertext("v1:abc")},
            )
        ),
        PREFIX + "configcat:index/settingValueV2:SettingValueV2::v",
        "pulumi stack export --show-secrets",
    ),
    (
        "encrypted values inside a value",
        stack_export(
            pv_resource(
                "configcat:index/webhook:Webhook",
                "w",
                "3100",
                {
                    "configId": CONFIG,
                    "environmentId": ENV,
                    "url": "https://x.example",
                    "secureWebhookHeaders": [{"key": "A", "value": ciphertext("v1:abc")}],
                },
                {"configId": CONFIG, "environmentId": ENV, "url": "https://x.example"},
            )
        ),
        PREFIX + "configcat:index/webhook:Webhook::w",
        "holds encrypted values inside",
    ),
    ("pending operation", _with_pending(stack_export(product())), PREFIX + PRODUCT_TOKEN + "::it", "pending"),
    ("no id", stack_export(product(id="")), PREFIX + PRODUCT_TOKEN + "::it", "has no id"),
    ("marked for deletion", stack_export(product(delete=True)), PREFIX + PRODUCT_TOKEN + "::it", "deletion"),
    (
        "URN taken",
        stack_export(
            product(),
            {**product(), "urn": PREFIX + "pulumi-python:dynamic/configcat:Product::it", "type": "x:y:Z"},
        ),
        PREFIX + "pulumi-python:dynamic/configcat:Product::it",
        "exists already",
    ),
    ("nothing to migrate", stack_export(), "no pulumiverse_configcat resource", "nothing to migrate"),
    ("not an export", {"resources": []}, "not the output of `pulumi stack export`", "version"),
]


@pytest.mark.parametrize(("export", "named", "why"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS])
def test_what_cannot_be_mapped_is_refused_naming_it(export: dict[str, Any], named: str, why: str) -> None:
    with pytest.raises(RefusedError) as refused:
        migrate(export)
    assert named in str(refused.value)
    assert why in str(refused.value)


def test_every_refusal_is_reported_at_once() -> None:
    export = stack_export(_explicit_provider(), product("a", id=""), product("b", delete=True))
    with pytest.raises(RefusedError) as refused:
        migrate(export)
    assert str(refused.value).count("\n") == 2
    assert "::a:" in str(refused.value)
    assert "::b:" in str(refused.value)


def _command(tmp_path: Path, export: dict[str, Any], *args: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "in.json").write_text(json.dumps(export))
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pulumi_configcat",
            "migrate-state",
            "--input",
            str(tmp_path / "in.json"),
            *args,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_the_command_refuses_with_exit_1_and_writes_nothing(tmp_path: Path) -> None:
    done = _command(tmp_path, stack_export(_explicit_provider()), "--output", str(tmp_path / "out.json"))
    assert done.returncode == 1
    assert "nothing written" in done.stderr
    assert EXPLICIT in done.stderr
    assert done.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]


def test_the_command_writes_the_deployment(tmp_path: Path) -> None:
    export = stack_export(product(inputs={**PRODUCT_IN, "name": "it-0a1b2c3"}))
    done = _command(tmp_path, export, "--output", str(tmp_path / "out.json"))
    assert done.returncode == 0, done.stderr
    written = json.loads((tmp_path / "out.json").read_text())
    assert written == migrate(export).export | {"deployment": written["deployment"]}
    assert [r["type"] for r in written["deployment"]["resources"]] == [
        "pulumi:pulumi:Stack",
        "pulumi:providers:pulumi-python",
        "pulumi-python:dynamic/configcat:Product",
    ]
    assert "declare name='it-0a1b2c3'" in done.stderr
    assert "migrated 1 pulumiverse_configcat resources to" in done.stderr


def test_the_command_reads_standard_input_and_writes_standard_output() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pulumi_configcat", "migrate-state"],
        input=json.dumps(stack_export(product())),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert (
        json.loads(done.stdout)["deployment"]["resources"][2]["type"]
        == "pulumi-python:dynamic/configcat:Product"
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [("not json", "not JSON"), ("[1, 2]", "expected a JSON object")],
    ids=["not-json", "a-list"],
)
def test_the_command_refuses_what_is_not_an_export(tmp_path: Path, text: str, said: str) -> None:
    (tmp_path / "in.json").write_text(text)
    done = subprocess.run(
        [sys.executable, "-m", "pulumi_configcat", "migrate-state", "--input", str(tmp_path / "in.json")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert said in done.stderr


def test_the_command_is_in_the_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["--help"]) == 0
    assert "migrate-state [--input EXPORT] [--output FILE] [--stack-config FILE]" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exited:
        cli_main(["migrate-state", "--bogus"])
    assert exited.value.code == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_resources_that_cannot_be_converted_are_all_named() -> None:
    bad = {**PRODUCT_IN, "fooBar": 1}
    with pytest.raises(RefusedError) as refused:
        migrate(stack_export(product("a", inputs=bad), product("b", inputs=bad)))
    assert f"{PREFIX}{PRODUCT_TOKEN}::a: input 'fooBar'" in str(refused.value)
    assert f"{PREFIX}{PRODUCT_TOKEN}::b: input 'fooBar'" in str(refused.value)
