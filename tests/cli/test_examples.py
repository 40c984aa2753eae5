"""The top-level project and every example under the real `pulumi` CLI, against the emulator."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from pulumi_configcat.testing import ConfigCatEmulator
from tests.cli._stack import CliRun, Stack, plain_strings
from tests.cli.conftest import REPO, StackFactory
from tests.test_examples import EXAMPLE_CASES, Example

QUICKSTART = REPO / "examples" / "quickstart" / "__main__.py"
# Where the emulator keeps each resource type the quickstart declares.
COLLECTIONS = {
    "Product": "products",
    "Config": "configs",
    "Environment": "environments",
    "Tag": "tags",
    "Segment": "segments",
    "PermissionGroup": "permissionGroups",
    "ProductPreferences": "preferences",
    "Setting": "settings",
}


def _made_by(emulator: ConfigCatEmulator, product_id: str) -> dict[str, int]:
    """How many entities of each collection belong to the product (the product itself included)."""
    state = emulator.state()
    configs = {key for key, config in state["configs"].items() if config.get("productId") == product_id}
    found: dict[str, int] = {}
    for collection in COLLECTIONS.values():
        for key, record in state[collection].items():
            if (
                key == product_id
                or record.get("productId") == product_id
                or record.get("configId") in configs
            ):
                found[collection] = found.get(collection, 0) + 1
    return found


def _declared(run: CliRun) -> dict[str, int]:
    """How many resources of each collection a run created, by the type tokens of its steps."""
    found: dict[str, int] = {}
    for event in run.events:  # not run.steps(): a product and its preferences may share a name
        meta = (event.get("resOutputsEvent") or {}).get("metadata") or {}
        collection = COLLECTIONS.get(str(meta.get("type", "")).rsplit(":", 1)[-1])
        if collection is not None and meta["op"] == "create":
            found[collection] = found.get(collection, 0) + 1
    return found


def test_top_level_project_deploys_previews_clean_and_destroys(
    new_stack: StackFactory, emulator: ConfigCatEmulator
) -> None:
    stack = new_stack(project="configcat-quickstart")
    # The repository's own project as it is (Pulumi.yaml, __main__.py), with examples/ and .venv beside it.
    for name in ("Pulumi.yaml", "__main__.py"):
        shutil.copy(REPO / name, stack.project_dir / name)
    (stack.project_dir / "examples").symlink_to(REPO / "examples")
    (stack.project_dir / ".venv").symlink_to(Path(sys.prefix))

    emulator.requests.clear()
    preview = stack.preview()
    assert set(preview.ops().values()) == {"create"}
    # It may read (the quickstart looks its organization up), but writes nothing.
    assert [(r.method, r.path) for r in emulator.requests if r.method != "GET"] == []

    up = stack.up()
    assert up.ops() == preview.ops()
    outputs = stack.outputs()
    product_id = outputs["product_id"]
    assert outputs["config_id"] in emulator.state()["configs"]
    assert emulator.state()["preferences"][product_id]["reasonRequiredEnvironments"]
    assert _made_by(emulator, product_id) == _declared(up)
    assert set(_declared(up)) == set(COLLECTIONS.values())

    emulator.requests.clear()
    again = stack.preview("--expect-no-changes")
    assert set(again.ops().values()) == {"same"}
    assert [(r.method, r.path) for r in emulator.requests if r.method != "GET"] == []

    stack.destroy()
    assert _made_by(emulator, product_id) == {}
    assert stack.resources() == {}


def test_quickstart_example_updates_only_what_changed(
    new_stack: StackFactory, emulator: ConfigCatEmulator
) -> None:
    stack = new_stack(project="quickstart")
    source = QUICKSTART.read_text()
    stack.write_program(source)
    up = stack.up()
    assert set(up.ops().values()) == {"create"}
    product_id = stack.outputs()["product_id"]

    changed = source.replace('color="#e53935", order=1', 'color="#b71c1c", order=1')
    changed = changed.replace('"Welcome to the web shop"', '"Hello"')
    assert changed.count('"Hello"') == 1
    assert changed.count("#b71c1c") == 1
    stack.write_program(changed)
    expected = {"production": "update", "banner-development": "update", "banner-production": "update"}
    preview = stack.preview()
    assert {name: op for name, op in preview.ops().items() if op != "same"} == expected
    assert preview.steps()["production"].diffs == ["color"]
    assert preview.steps()["banner-production"].diffs == ["value"]

    emulator.requests.clear()
    update = stack.up()
    assert {name: op for name, op in update.ops().items() if op != "same"} == expected
    production = stack.outputs()["production_environment_id"]
    writes = [(r.method, r.path) for r in emulator.requests if r.method != "GET"]
    assert ("PUT", f"/v1/environments/{production}") in writes
    assert len(writes) == 3, writes
    assert emulator.state()["environments"][production]["color"] == "#b71c1c"
    stack.preview("--expect-no-changes")

    stack.destroy()
    assert _made_by(emulator, product_id) == {}


@pytest.mark.parametrize("example", EXAMPLE_CASES, ids=[e.name for e in EXAMPLE_CASES])
def test_example_project_as_it_is_deploys_previews_clean_and_destroys(
    example: Example, cli_dir: Path, tmp_path: Path
) -> None:
    """Each example's own project folder (Pulumi.yaml, stack files) against an emulator of its own."""
    with ConfigCatEmulator() as emulator:
        settings = {
            "configcat:basicAuthUsername": emulator.username,
            "configcat:basicAuthPassword": emulator.password,
            "configcat:basePath": emulator.base_url,
        }
        stack = Stack(
            cli_dir, tmp_path, settings, source=REPO / "examples" / example.name, stacks=example.stacks
        )
        for name in example.stacks:
            stack.select(name)
            emulator.requests.clear()
            preview = stack.preview()
            assert preview.ops()
            assert set(preview.ops().values()) == {"create"}
            assert [(r.method, r.path) for r in emulator.requests if r.method != "GET"] == []
            up = stack.up()
            assert up.ops() == preview.ops()
            stack.preview("--expect-no-changes")
        assert emulator.state()["products"]
        for name in reversed(example.stacks):
            stack.select(name)
            stack.destroy()
            assert stack.resources() == {}
        assert emulator.state()["products"] == {}


def test_team_onboarding_acceptance_reads_back_clean_and_addresses_stay_secret(
    cli_dir: Path, tmp_path: Path
) -> None:
    """An invitation accepted between runs is no change; a member moved by configuration is one request;
    the e-mail addresses are in no plain string of the state, the output or the engine's events."""
    with ConfigCatEmulator() as emulator:
        settings = {
            "configcat:basicAuthUsername": emulator.username,
            "configcat:basicAuthPassword": emulator.password,
            "configcat:basePath": emulator.base_url,
        }
        stack = Stack(cli_dir, tmp_path, settings, source=REPO / "examples" / "team-onboarding")
        addresses = ["ada@example.com", "alan@example.com", "grace@example.com"]
        # A retried read makes the provider log, which the CLI shows.
        emulator.inject_fault("status", method="GET", path=r"/v1/organizations$", status=503, times=1)
        runs = [stack.up("--logtostderr", "--logflow", "-v=3")]
        emulator.clear_faults()

        user_id = emulator.accept_invitation(email="ada@example.com")
        runs.append(stack.refresh())
        emulator.requests.clear()
        runs.append(stack.preview("--expect-no-changes"))
        assert [(r.method, r.path) for r in emulator.requests if r.method != "GET"] == []

        stack.run("config", "set", "--path", f"members.{user_id}", "viewers")
        emulator.requests.clear()
        up = stack.up()
        runs.append(up)
        assert {name: op for name, op in up.ops().items() if op != "same"} == {f"member-{user_id}": "create"}
        assert [(r.method, r.path) for r in emulator.requests if r.method != "GET"] == [
            ("POST", f"/v1/organizations/{emulator.organization_id}/members/{user_id}")
        ]
        runs.append(stack.preview("--expect-no-changes"))

        for show_secrets in (False, True):
            exported = json.loads(stack.export(show_secrets=show_secrets))
            assert [s for s in plain_strings(exported) if any(a in s for a in addresses)] == []
        assert [a for a in addresses if a in stack.export()] == []
        for run in runs:
            assert [a for a in addresses if a in run.output] == []
            assert [a for a in addresses if a in json.dumps(run.events)] == []

        stack.destroy()
        assert stack.resources() == {}
        assert user_id not in emulator.state()["users"]  # OrganizationMember's destroy removed her
        assert emulator.state()["invitations"] == {}
