"""Every program under ``examples/`` runs as ``pulumi up`` would run it, against a fresh emulator.

Each example gets its own emulator (nothing in it but the organization) and provider process, and the
stack configuration its ``Pulumi.<stack>.yaml`` files give, plus the credentials. Then, for each of its
stacks in order: a preview that sends nothing but the program's own lookups, an ``up`` that creates
everything, and a re-run that changes nothing and sends no request but those lookups. Then the example's own
change (stack configuration, or an edit in the dashboard) and what it must lead to, and a destroy of every
stack, newest first, that leaves the emulator as it was.
"""

from __future__ import annotations

import json
import re
import runpy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pulumi
import pytest
import yaml

from pulumi_configcat._client import reset_clients
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import DynamicProviderProcess, MiniEngine, ResourceState, RunResult, secret

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


# ------------------------------------------------------------------------------------------------ machinery


@dataclass
class Deployment:
    """One example's project: its emulator, provider process, stack configuration and one engine a stack."""

    directory: Path
    project: str
    emulator: ConfigCatEmulator
    provider: DynamicProviderProcess
    config: dict[str, dict[str, Any]] = field(default_factory=dict)
    engines: dict[str, MiniEngine] = field(default_factory=dict)

    def set_config(self, stack: str, key: str, value: Any) -> None:
        """``pulumi config set <key> <value>`` on a stack (objects as ``--path`` would build them)."""
        self.config.setdefault(stack, {})[f"{self.project}:{key}"] = value

    def _program(self, stack: str) -> Callable[[], None]:
        def program() -> None:
            # What the CLI hands a program: the stack's configuration (objects as JSON), credentials included.
            pulumi.runtime.set_all_config(
                {
                    "configcat:basicAuthUsername": self.emulator.username,
                    "configcat:basicAuthPassword": self.emulator.password,
                    "configcat:basePath": self.emulator.base_url,
                    **{
                        key: value if isinstance(value, str) else json.dumps(value)
                        for key, value in self.config.get(stack, {}).items()
                    },
                },
                ["configcat:basicAuthPassword"],
            )
            runpy.run_path(str(self.directory / "__main__.py"), run_name="__main__")

        return program

    def engine(self, stack: str) -> MiniEngine:
        if stack not in self.engines:
            self.engines[stack] = MiniEngine(self.provider, stack=stack, project=self.project)
        return self.engines[stack]

    def run(self, stack: str, *, preview: bool = False) -> RunResult:
        """``pulumi up`` (or ``preview``) of one stack; fails the test on any engine error."""
        try:
            result = self.engine(stack).run(self._program(stack), preview=preview)
        finally:
            pulumi.runtime.set_all_config({}, [])
        assert result.errors == [], result.errors
        return result

    def resource(self, stack: str, name: str) -> ResourceState:
        """The state of the resource ``name`` (its Pulumi name) in a stack."""
        (state,) = [s for s in self.engine(stack).state.values() if s.name == name]
        return state

    def value(self, stack: str, name: str) -> dict[str, Any]:
        """The emulator's stored value of the value resource ``name``."""
        outputs = self.resource(stack, name).outputs
        return dict(self.emulator.state()["values"][int(outputs["setting_id"])][outputs["environment_id"]])


def _stack_config(directory: Path, project: str, stack: str) -> dict[str, Any]:
    path = directory / f"Pulumi.{stack}.yaml"
    if not path.exists():
        return {}
    config: dict[str, Any] = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("config", {})
    # Keys without a namespace belong to the project, as the CLI reads them.
    return {key if ":" in key else f"{project}:{key}": value for key, value in config.items()}


@dataclass(frozen=True)
class Example:
    """How one example is exercised.

    Attributes:
        name: Its directory under ``examples/``.
        change: Makes a change (stack configuration, a dashboard edit), runs what it needs and checks the
            outcome.
        stacks: The stacks deployed, in order.
        lookups: Patterns of the GET paths the program's own lookups send on every run; a re-run sends
            nothing else.
    """

    name: str
    change: Callable[[Deployment], None]
    stacks: tuple[str, ...] = ("dev",)
    lookups: tuple[str, ...] = (r"/v1/organizations",)


def _ops(result: RunResult) -> dict[str, str]:
    return {step.name: step.op for step in result.steps if step.op != "same"}


def _writes(emulator: ConfigCatEmulator) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in emulator.requests if r.method != "GET"]


# --------------------------------------------------------------------------------------- the changes, each


def _quickstart_change(deployment: Deployment) -> None:
    deployment.set_config("dev", "bannerText", "Spring sale")
    deployment.emulator.requests.clear()
    result = deployment.run("dev")
    assert _ops(result) == {"banner-development": "update", "banner-production": "update"}
    # One PUT per value, and production's carries the reason its preferences require.
    puts = [r for r in deployment.emulator.requests if r.method != "GET"]
    assert [r.method for r in puts] == ["PUT", "PUT"]
    assert deployment.value("dev", "banner-production")["defaultValue"]["stringValue"] == "Spring sale"
    assert deployment.value("dev", "banner-development")["defaultValue"]["stringValue"] == "Spring sale"
    assert deployment.value("dev", "page-size-production")["defaultValue"]["intValue"] == 20


def _per_environment_change(deployment: Deployment) -> None:
    assert deployment.value("dev", "pageSize-dev")["defaultValue"]["intValue"] == 50
    assert deployment.value("production", "pageSize-production")["defaultValue"]["intValue"] == 20
    assert deployment.value("production", "theme-production")["defaultValue"]["stringValue"] == "light"
    deployment.set_config("production", "flags", {"newCheckout": True, "pageSize": 30})
    result = deployment.run("production")
    assert _ops(result) == {"newCheckout-production": "update", "pageSize-production": "update"}
    assert deployment.value("production", "pageSize-production")["defaultValue"]["intValue"] == 30
    assert deployment.value("production", "newCheckout-production")["defaultValue"]["boolValue"] is True
    # The other stack's environment is untouched.
    assert deployment.value("dev", "pageSize-dev")["defaultValue"]["intValue"] == 50
    assert _ops(deployment.run("dev")) == {}


def _targeting_change(deployment: Deployment) -> None:
    rules = deployment.value("dev", "new-search-production")["targetingRules"]
    assert [len(rule["conditions"]) for rule in rules] == [1, 2, 1, 1, 0]
    assert rules[0]["conditions"][0]["prerequisiteFlagCondition"]["comparator"] == "doesNotEqual"
    assert [o["percentage"] for o in rules[4]["percentageOptions"]] == [10, 90]
    deployment.set_config("dev", "searchRollout", "50")
    result = deployment.run("dev")
    assert _ops(result) == {"new-search-production": "update"}
    rules = deployment.value("dev", "new-search-production")["targetingRules"]
    assert [o["percentage"] for o in rules[4]["percentageOptions"]] == [50, 50]


def _team_permissions_change(deployment: Deployment) -> None:
    def accesses(team: str) -> dict[str, str]:
        group = deployment.emulator.state()["permissionGroups"][int(deployment.resource("dev", team).id_)]
        names = {e["environmentId"]: e["name"] for e in deployment.emulator.state()["environments"].values()}
        return {
            names[a["environmentId"]]: a["environmentAccessType"]
            for a in group["environmentAccesses"]
            if a["environmentAccessType"] != "none"
        }

    assert accesses("qa") == {"Staging": "full", "Production": "readOnly"}
    deployment.set_config("dev", "teams", {"qa": {"production": "full"}})
    result = deployment.run("dev")
    assert _ops(result) == {"qa": "update"}
    assert accesses("qa") == {"Staging": "full", "Production": "full"}
    assert accesses("developers") == {"Development": "full", "Staging": "full", "Production": "readOnly"}


def _webhooks_change(deployment: Deployment) -> None:
    def authorization(name: str) -> str:
        hook = deployment.emulator.state()["webhooks"][int(deployment.resource("dev", name).id_)]
        (header,) = [h for h in hook["webHookHeaders"] if h["isSecure"]]
        assert header["key"] == "Authorization"
        return str(header["value"])

    assert authorization("deploy-hook-production") == "Bearer replace-me"
    deployment.set_config("dev", "receiverToken", "s3cret-token")
    result = deployment.run("dev")
    assert _ops(result) == {"deploy-hook-staging": "update", "deploy-hook-production": "update"}
    assert authorization("deploy-hook-staging") == "Bearer s3cret-token"
    # The SDK keys are secret stack outputs with the emulator's keys.
    config_id = deployment.resource("dev", "main").id_
    production_id = deployment.resource("dev", "production").id_
    keys = deployment.emulator.state()["sdkKeys"][f"{config_id}/{production_id}"]
    assert result.exports["production_sdk_key"] == secret(keys["primary"])
    hook = deployment.emulator.state()["webhooks"][
        int(deployment.resource("dev", "deploy-hook-production").id_)
    ]
    assert result.exports["production_webhook_signing_key"] == secret(hook["signingKeys"]["key1"])


def _migration_change(deployment: Deployment) -> None:
    emulator = deployment.emulator
    owned = deployment.resource("dev", "is-awesome-production").outputs
    left = deployment.resource("dev", "is-awesome-test").outputs
    # Someone edits both values in the dashboard.
    for outputs in (owned, left):
        status, _ = emulator.call(
            "PUT",
            f"/v2/environments/{outputs['environment_id']}/settings/{outputs['setting_id']}/value",
            {"defaultValue": {"boolValue": False}, "targetingRules": []},
            query={"reason": "dashboard edit"},
        )
        assert status == 200
    refreshed = {step.name: step for step in deployment.engine("dev").refresh()}
    # The program owns one value (init_only=False): drift. The other is init_only, as in pulumiverse: not.
    assert refreshed["is-awesome-production"].diff is not None
    assert refreshed["is-awesome-production"].diff.changes == "DIFF_SOME"
    assert refreshed["is-awesome-test"].diff is not None
    assert refreshed["is-awesome-test"].diff.changes == "DIFF_NONE"
    result = deployment.run("dev")
    assert _ops(result) == {"is-awesome-production": "update"}
    assert len(deployment.value("dev", "is-awesome-production")["targetingRules"]) == 2
    assert deployment.value("dev", "is-awesome-test")["defaultValue"]["boolValue"] is False


def _proxy_profile_change(deployment: Deployment) -> None:
    emulator = deployment.emulator
    profile_id = deployment.resource("dev", "edge-proxy").id_
    production = deployment.resource("dev", "production").id_
    expected = {(deployment.resource("dev", name).id_, production) for name in ("web", "mobile")}
    stored = emulator.state()["proxyProfiles"][profile_id]
    assert {(p["configId"], p["environmentId"]) for p in stored["selectedSdkKeys"]} == expected
    assert stored["connectionPreferences"]["sdkPollInterval"] == 30
    first = deployment.resource("dev", "edge-proxy").outputs["secret_token"]
    assert first["value"].startswith("configcat-proxy-")  # stored as a secret

    # A new secretRotation generates a new secret, with one request, and nothing else changes.
    deployment.set_config("dev", "secretRotation", "2")
    emulator.requests.clear()
    result = deployment.run("dev")
    assert _ops(result) == {"edge-proxy": "update"}
    assert _writes(emulator) == [("POST", f"/v1/proxy-profiles/{profile_id}/secret")]
    assert result.exports["proxy_profile_key"] == profile_id
    token = result.exports["proxy_profile_secret"]
    assert token == secret(deployment.resource("dev", "edge-proxy").outputs["secret_token"]["value"])
    assert token != secret(first["value"])


def _team_onboarding_change(deployment: Deployment) -> None:
    emulator = deployment.emulator

    def pending() -> dict[str, int]:
        product_id = deployment.resource("dev", "mobile-app").id_
        status, body = emulator.call("GET", f"/v1/products/{product_id}/invitations")
        assert status == 200
        return {i["email"]: i["permissionGroupId"] for i in body}

    developers = int(deployment.resource("dev", "developers").id_)
    viewers = int(deployment.resource("dev", "viewers").id_)
    assert pending() == {
        "ada@example.com": developers,
        "alan@example.com": developers,
        "grace@example.com": viewers,
    }
    # The e-mail addresses are secrets in the state's outputs (the CLI tests look at the inputs too).
    state = deployment.resource("dev", "developers-invitations")
    assert state.outputs["emails"] == secret(["ada@example.com", "alan@example.com"])

    # Ada accepts: a refresh reads her invitation as accepted, no diff; the next up sends nothing.
    user_id = emulator.accept_invitation(email="ada@example.com", full_name="Ada")
    refreshed = {step.name: step for step in deployment.engine("dev").refresh()}
    assert refreshed["developers-invitations"].diff is not None
    assert refreshed["developers-invitations"].diff.changes == "DIFF_NONE"
    emulator.requests.clear()
    result = deployment.run("dev")
    assert _ops(result) == {}
    assert [r for r in emulator.requests if r.method != "GET"] == []
    assert result.exports["accepted"] == secret({"developers": ["ada@example.com"], "viewers": []})

    # She is managed as a member from now on, moved to viewers: one request sets her groups.
    deployment.set_config("dev", "members", {user_id: "viewers"})
    emulator.requests.clear()
    result = deployment.run("dev")
    assert _ops(result) == {f"member-{user_id}": "create"}
    assert [(r.method, r.path) for r in emulator.requests if r.method != "GET"] == [
        ("POST", f"/v1/organizations/{emulator.organization_id}/members/{user_id}")
    ]
    assert emulator.state()["users"][user_id]["permissions"] == {
        deployment.resource("dev", "mobile-app").id_: viewers
    }
    # Her invitation still reads as accepted, though she is no longer in that group.
    refreshed = {step.name: step for step in deployment.engine("dev").refresh()}
    assert {step.diff.changes for step in refreshed.values() if step.diff} == {"DIFF_NONE"}

    # One more viewer from the stack configuration: one invitation request, for that address alone.
    deployment.set_config("dev", "teams", {"viewers": ["grace@example.com", "linus@example.com"]})
    emulator.requests.clear()
    result = deployment.run("dev")
    assert _ops(result) == {"viewers-invitations": "update"}
    writes = [r for r in emulator.requests if r.method != "GET"]
    assert [w.json() for w in writes] == [{"emails": ["linus@example.com"], "permissionGroupId": viewers}]


EXAMPLE_CASES = [
    Example("quickstart", _quickstart_change),
    Example(
        "per-environment-stacks",
        _per_environment_change,
        stacks=("dev", "production"),
        lookups=(
            r"/v1/organizations",
            r"/v1/products",
            r"/v1/products/[^/]+/configs",
            r"/v1/configs/[^/]+/settings",
        ),
    ),
    Example("targeting", _targeting_change),
    Example("team-permissions", _team_permissions_change),
    Example("team-onboarding", _team_onboarding_change),
    Example(
        "webhooks-and-sdk-keys",
        _webhooks_change,
        lookups=(r"/v1/organizations", r"/v1/configs/[^/]+/environments/[^/]+", r"/v1/webhooks/\d+/keys"),
    ),
    Example("proxy-profile", _proxy_profile_change),
    Example(
        "migrate-from-pulumiverse",
        _migration_change,
        lookups=(r"/v1/organizations", r"/v1/configs/[^/]+/environments/[^/]+"),
    ),
]


def test_every_example_directory_is_exercised() -> None:
    on_disk = {path.parent.name for path in EXAMPLES.glob("*/__main__.py")}
    assert on_disk == {example.name for example in EXAMPLE_CASES}


@contextmanager
def _deployment(example: Example) -> Iterator[Deployment]:
    directory = EXAMPLES / example.name
    project = yaml.safe_load((directory / "Pulumi.yaml").read_text(encoding="utf-8"))["name"]
    reset_clients()
    try:
        with (
            ConfigCatEmulator() as emulator,
            DynamicProviderProcess(project=project, cwd=directory) as provider,
        ):
            provider.configure(
                {
                    "configcat:basicAuthUsername": emulator.username,
                    "configcat:basicAuthPassword": secret(emulator.password),
                    "configcat:basePath": emulator.base_url,
                }
            )
            yield Deployment(
                directory,
                project,
                emulator,
                provider,
                config={stack: _stack_config(directory, project, stack) for stack in example.stacks},
            )
    finally:
        reset_clients()


@pytest.mark.parametrize("example", EXAMPLE_CASES, ids=[e.name for e in EXAMPLE_CASES])
def test_example_deploys_converges_changes_and_destroys(example: Example) -> None:
    with _deployment(example) as deployment:
        _exercise(example, deployment)


def _exercise(example: Example, deployment: Deployment) -> None:
    emulator = deployment.emulator
    before = emulator.state()

    def only_lookups() -> None:
        sent = [(r.method, r.path) for r in emulator.requests]
        unexpected = [
            (method, path)
            for method, path in sent
            if method != "GET" or not any(re.fullmatch(pattern, path) for pattern in example.lookups)
        ]
        assert unexpected == []

    for stack in example.stacks:
        emulator.requests.clear()
        preview = deployment.run(stack, preview=True)
        assert preview.steps
        assert {step.op for step in preview.steps} == {"create"}
        only_lookups()

        created = deployment.run(stack)
        assert {step.op for step in created.steps} == {"create"}
        assert len(created.steps) == len(preview.steps)

        emulator.requests.clear()
        again = deployment.run(stack)
        assert {step.op for step in again.steps} == {"same"}
        only_lookups()

    example.change(deployment)

    for stack in reversed(example.stacks):
        deployment.engine(stack).destroy()
        assert deployment.engine(stack).state == {}
    assert emulator.state() == before
