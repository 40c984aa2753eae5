"""``from-terraform`` as a command: refusals (exit 1, the addresses named, nothing written), standard
input, both entry points, arguments."""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pulumi_configcat.__main__ import main as cli_main
from pulumi_configcat.export.terraform import StateError, main, read_terraform_state
from tests.migration._states import resource
from tests.migration._terraform_apply import FIXTURE, fixture

Change = Callable[[dict[str, Any]], None]


def _set_version(state: dict[str, Any]) -> None:
    state["version"] = 3


def _unknown_type(state: dict[str, Any]) -> None:
    state["resources"].append(resource("configcat_sdk_key", "k", {"id": "x"}))


def _other_provider(state: dict[str, Any]) -> None:
    state["resources"][1]["provider"] = 'provider["registry.terraform.io/someone/configcat"]'


def _schema_version(state: dict[str, Any]) -> None:
    state["resources"][1]["instances"][0]["schema_version"] = 1


def _deposed(state: dict[str, Any]) -> None:
    state["resources"][1]["instances"][0]["deposed"] = "00000001"


def _flat(state: dict[str, Any]) -> None:
    instance = state["resources"][1]["instances"][0]
    instance["attributes_flat"] = {"id": instance.pop("attributes")["id"]}


def _unknown_attribute(state: dict[str, Any]) -> None:
    state["resources"][1]["instances"][0]["attributes"]["archived"] = True


def _sensitive_number(state: dict[str, Any]) -> None:
    state["resources"][1]["instances"][0]["sensitive_attributes"] = [[{"type": "get_attr", "value": "order"}]]
    state["resources"][1]["instances"][0]["attributes"]["order"] = 3


def _no_configcat(state: dict[str, Any]) -> None:
    state["resources"] = [r for r in state["resources"] if r["mode"] == "data"]


def _two_problems(state: dict[str, Any]) -> None:
    _unknown_type(state)
    _schema_version(state)


REFUSALS: list[tuple[str, Change, list[str]]] = [
    ("format version 3", _set_version, ["has state format version 3; only version 4"]),
    (
        "unknown configcat type",
        _unknown_type,
        ["configcat_sdk_key.k: unknown resource type 'configcat_sdk_key'"],
    ),
    (
        "another provider",
        _other_provider,
        ["configcat_config.legacy: belongs to provider", "someone/configcat"],
    ),
    ("schema version", _schema_version, ["configcat_config.legacy: written in schema version 1"]),
    ("deposed object", _deposed, ["configcat_config.legacy: holds a deposed object (00000001)"]),
    ("flat attributes", _flat, ["configcat_config.legacy: has no JSON attributes"]),
    (
        "unknown attribute",
        _unknown_attribute,
        ["configcat_config.legacy: attributes this does not know: archived"],
    ),
    ("sensitive number", _sensitive_number, ["configcat_config.legacy: order is sensitive but not a string"]),
    ("no configcat resource", _no_configcat, ["holds no configcat_* resources"]),
    (
        "all problems at once",
        _two_problems,
        ["configcat_sdk_key.k: unknown", "configcat_config.legacy: written"],
    ),
]


@pytest.mark.parametrize(("change", "messages"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS])
def test_what_cannot_be_mapped_is_refused_naming_it_and_nothing_is_written(
    change: Change, messages: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = copy.deepcopy(fixture())
    change(state)
    state_file = tmp_path / "terraform.tfstate"
    state_file.write_text(json.dumps(state), encoding="utf-8")
    output = tmp_path / "out" / "__main__.py"
    assert main([str(state_file), "--output", str(output)], prog="pulumi-configcat from-terraform") == 1
    assert not output.exists()
    assert not output.parent.exists()
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("pulumi-configcat from-terraform: error: ")
    for message in messages:
        assert message in captured.err
    with pytest.raises(StateError):
        read_terraform_state(json.dumps(state))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "is not JSON"),
        ("[1, 2]", "is not a Terraform state"),
        ('{"version": 4, "resources": {}}', "is not a Terraform state ('resources' is not a list)"),
    ],
)
def test_a_file_that_is_no_state_is_refused(
    content: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state_file = tmp_path / "state.json"
    state_file.write_text(content, encoding="utf-8")
    assert main([str(state_file)]) == 1
    captured = capsys.readouterr()
    assert f"{state_file} {message}" in captured.err
    assert captured.out == ""


def test_a_missing_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nope.tfstate")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_the_state_may_come_on_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(FIXTURE.read_text(encoding="utf-8")))
    assert main(["-"]) == 0
    out = capsys.readouterr().out
    assert out.count("configcat.SettingValueV2(") == 3
    assert "written by `python -m pulumi_configcat from-terraform standard input`" in out


@pytest.mark.parametrize(
    "command",
    [[sys.executable, "-m", "pulumi_configcat"], [str(Path(sys.executable).parent / "pulumi-configcat")]],
    ids=["python -m", "console script"],
)
def test_the_command_writes_the_program_to_standard_output(command: list[str]) -> None:
    done = subprocess.run(
        [*command, "from-terraform", str(FIXTURE)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    name = "pulumi-configcat" if command[0].endswith("pulumi-configcat") else "python -m pulumi_configcat"
    assert f"written by `{name} from-terraform terraform.tfstate`" in done.stdout
    assert done.stdout == read_terraform_state(
        FIXTURE.read_text(encoding="utf-8"), command=f"{name} from-terraform terraform.tfstate"
    )


def test_the_top_level_usage_names_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["--help"]) == 0
    assert "from-terraform" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        cli_main(["from-terraform", "--help"])
    assert exit_.value.code == 0
    assert "--output" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "the following arguments are required: state"),
        (["x.tfstate", "--output", ""], "must be a file path"),
        (["x.tfstate", "--output", "."], "is a folder"),
    ],
)
def test_bad_arguments_are_refused_in_one_line(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


def test_a_malformed_resource_is_refused_without_showing_its_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state_file = tmp_path / "terraform.tfstate"
    content = {
        "version": 4,
        "resources": [{"mode": "managed", "instances": [{"attributes": {"k": "hunter2"}}]}],
    }
    state_file.write_text(json.dumps(content), encoding="utf-8")
    assert main([str(state_file)]) == 1
    err = capsys.readouterr().err
    assert f"{state_file}: resource 1 has no mode, type and name" in err
    assert "hunter2" not in err
