"""ProxyProfile through the engine's whole life cycle against the emulator, with the requests each step sends.

Two cases, one per way a profile selects SDK keys (the API keeps them apart): selection rules, and explicitly
selected config/environment pairs. Each runs: create → same (no request) → refresh without drift → update
(exactly the expected writes) → drift made in the dashboard, seen by refresh and undone → deleted in the
dashboard, dropped by refresh, created again → ``import_`` → ``get()`` → destroy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import MiniEngine, RunResult, Step, is_secret


@dataclass(frozen=True)
class World:
    """What the emulator holds before the program runs: one product, two configs, two environments."""

    org: str
    web: str
    mobile: str
    production: str
    staging: str


def _make(emulator: ConfigCatEmulator, path: str, body: dict[str, Any]) -> dict[str, Any]:
    status, answer = emulator.call("POST", path, body)
    assert status in (200, 201), answer
    return dict(answer)


@pytest.fixture
def world(emulator: ConfigCatEmulator, unique: str) -> World:
    org = emulator.organization_id
    product = _make(emulator, f"/v1/organizations/{org}/products", {"name": f"proxied-{unique}"})["productId"]
    configs = [
        _make(emulator, f"/v1/products/{product}/configs", {"name": name})["configId"]
        for name in ("web", "mobile")
    ]
    envs = [
        _make(emulator, f"/v1/products/{product}/environments", {"name": f"{name}-{unique}", "color": "red"})[
            "environmentId"
        ]
        for name in ("Production", "Staging")
    ]
    return World(org, configs[0], configs[1], envs[0], envs[1])


def _pair(config: str, env: str) -> dict[str, str]:
    return {"config_id": config, "environment_id": env}


@dataclass(frozen=True)
class Case:
    """One way of selecting keys.

    Attributes:
        name: The test id.
        base: Inputs of the first run.
        create_writes: The writes of the create, ``{id}`` for the profile's id and ``{org}``.
        update: Inputs changed by the second run.
        update_writes: The writes that update must send, and nothing else.
        stored_after_update: What the emulator then holds, in the API's field names.
        drift: A change made in the dashboard (method, path, body).
        drifted: The input that drift changes.
        drift_undo: The writes the next update sends to undo it.
    """

    name: str
    base: Callable[[World], dict[str, Any]]
    create_writes: list[str]
    update: Callable[[World], dict[str, Any]]
    update_writes: list[str]
    stored_after_update: Callable[[World], dict[str, Any]]
    drift: Callable[[World], tuple[str, str, Any]]
    drifted: str
    drift_undo: list[str]


CREATE = "POST /v1/organizations/{org}/proxy-profiles"
SECRET = "POST /v1/proxy-profiles/{id}/secret"
SELECT = "POST /v1/proxy-profiles/{id}/sdk-keys/select"
DESELECT = "POST /v1/proxy-profiles/{id}/sdk-keys/deselect"
PUT = "PUT /v1/proxy-profiles/{id}"

CASES = [
    Case(
        name="selection_rules",
        base=lambda w: {"sdk_key_selection_rules": [{"environment_name_match_filter": "*Prod*"}]},
        create_writes=[CREATE, SECRET],
        update=lambda w: {
            "description": "the edge proxies",
            "sdk_poll_interval": 120,
            "webhook_proxy_url": "https://proxy.example.com/hook",
            "sdk_key_selection_rules": [
                {"environment_name_match_filter": "*Prod*"},
                {"kind": "exclude", "config_id_filter": w.mobile.upper()},  # ids have no case
            ],
        },
        update_writes=[PUT],
        stored_after_update=lambda w: {
            "description": "the edge proxies",
            "connectionPreferences.sdkPollInterval": 120,
            "connectionPreferences.webhookNotification.webhookProxyUrl": "https://proxy.example.com/hook",
            "sdkKeySelectionRules": [
                {
                    "kind": "include",
                    "productIdFilter": None,
                    "configIdFilter": None,
                    "environmentIdFilter": None,
                    "productNameMatchFilter": None,
                    "configNameMatchFilter": None,
                    "environmentNameMatchFilter": "*Prod*",
                },
                {
                    "kind": "exclude",
                    "productIdFilter": None,
                    "configIdFilter": w.mobile,
                    "environmentIdFilter": None,
                    "productNameMatchFilter": None,
                    "configNameMatchFilter": None,
                    "environmentNameMatchFilter": None,
                },
            ],
        },
        # A rule changed in the dashboard.
        drift=lambda w: (
            "PATCH",
            "/v1/proxy-profiles/{id}",
            [{"op": "replace", "path": "/sdkKeySelectionRules/0/environmentNameMatchFilter", "value": "*"}],
        ),
        drifted="sdk_key_selection_rules",
        drift_undo=[PUT],
    ),
    Case(
        name="selected_sdk_keys",
        base=lambda w: {"selected_sdk_keys": [_pair(w.web, w.production)]},
        create_writes=[CREATE, SELECT, SECRET],
        # One pair added, one dropped, listed in another order: one call each way, no PUT.
        update=lambda w: {
            "selected_sdk_keys": [_pair(w.mobile, w.production), _pair(w.web, w.staging)],
        },
        update_writes=[DESELECT, SELECT],
        stored_after_update=lambda w: {
            "selectedSdkKeys": [
                {"configId": w.mobile, "environmentId": w.production},
                {"configId": w.web, "environmentId": w.staging},
            ]
        },
        # A key selected in the dashboard.
        drift=lambda w: (
            "POST",
            "/v1/proxy-profiles/{id}/sdk-keys/select",
            {"items": [{"configId": w.web, "environmentId": w.production}]},
        ),
        drifted="selected_sdk_keys",
        drift_undo=[DESELECT],
    ),
]


def _program(w: World, unique: str, **inputs: Any) -> Callable[[], None]:
    def program() -> None:
        profile = configcat.ProxyProfile(f"edge-{unique}", organization_id=w.org, **inputs)
        pulumi.export("id", profile.id)
        pulumi.export("secret_token", profile.secret_token)

    return program


def _ok(result: RunResult) -> RunResult:
    assert result.errors == []
    return result


def _step(result: RunResult | list[Step]) -> Step:
    (step,) = result.steps if isinstance(result, RunResult) else result
    return step


def _writes(emulator: ConfigCatEmulator, id_: str, org: str) -> list[str]:
    return [
        f"{r.method} {r.path}".replace(id_, "{id}").replace(org, "{org}")
        for r in emulator.requests
        if r.method != "GET"
    ]


def _stored(emulator: ConfigCatEmulator, id_: str) -> dict[str, Any] | None:
    profile = emulator.state()["proxyProfiles"].get(id_)
    return None if profile is None else dict(profile)


def _at(record: dict[str, Any], dotted: str) -> Any:
    for part in dotted.split("."):
        record = record[part]
    return record


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_life_cycle(
    case: Case, engine: MiniEngine, emulator: ConfigCatEmulator, world: World, unique: str
) -> None:
    w = world
    base, update = case.base(w), {**case.base(w), **case.update(w)}

    # create: the profile, its pairs (if any), its secret
    emulator.requests.clear()
    created = _ok(engine.run(_program(w, unique, **base)))
    step = _step(created)
    assert step.op == "create"
    id_ = step.id_
    assert _writes(emulator, id_, w.org) == case.create_writes
    assert is_secret(created.exports["secret_token"])
    assert created.exports["secret_token"]["value"].startswith("configcat-proxy-")

    # same: nothing is sent; refresh without drift, and the next run is still a no-op
    emulator.requests.clear()
    assert _step(_ok(engine.run(_program(w, unique, **base)))).op == "same"
    assert emulator.requests == []
    assert {s.diff.changes for s in engine.refresh() if s.diff} == {"DIFF_NONE"}
    emulator.requests.clear()
    assert _step(_ok(engine.run(_program(w, unique, **base)))).op == "same"
    assert emulator.requests == []

    # update in place: exactly the expected writes; the secret stays
    token = created.exports["secret_token"]
    emulator.requests.clear()
    updated = _ok(engine.run(_program(w, unique, **update)))
    assert _step(updated).op == "update"
    assert _step(updated).id_ == id_
    assert _writes(emulator, id_, w.org) == case.update_writes
    assert updated.exports["secret_token"] == token
    stored = _stored(emulator, id_)
    assert stored is not None
    for dotted, value in case.stored_after_update(w).items():
        if dotted == "selectedSdkKeys":  # a set
            assert sorted(_at(stored, dotted), key=repr) == sorted(value, key=repr)
        else:
            assert _at(stored, dotted) == value

    # drift made in the dashboard: refresh shows it, the next update undoes it with the expected writes
    (declared,) = [resource.inputs[case.drifted] for resource in engine.state.values()]
    method, path, body = case.drift(w)
    status, _ = emulator.call(method, path.format(id=id_), body)
    assert status == 200
    refreshed = _step(engine.refresh())
    assert refreshed.diff is not None
    assert refreshed.diff.changes == "DIFF_SOME"
    (seen,) = [resource.inputs[case.drifted] for resource in engine.state.values()]
    assert seen != declared  # the refresh recorded the dashboard's value as the input
    emulator.requests.clear()
    corrected = _ok(engine.run(_program(w, unique, **update)))
    assert _step(corrected).op == "update"
    assert _writes(emulator, id_, w.org) == case.drift_undo
    assert corrected.exports["secret_token"] == token  # kept from the state through the refresh
    assert _step(_ok(engine.run(_program(w, unique, **update)))).op == "same"

    # deleted in the dashboard: refresh drops it, the next run creates it again with a new secret
    assert emulator.call("DELETE", f"/v1/proxy-profiles/{id_}")[0] == 204
    assert _step(engine.refresh()).op == "delete"
    recreated = _ok(engine.run(_program(w, unique, **update)))
    assert _step(recreated).op == "create"
    id_ = _step(recreated).id_
    assert recreated.exports["secret_token"] != token

    # destroy: gone
    engine.destroy()
    assert engine.state == {}
    assert _stored(emulator, id_) is None


def test_import_adopts_the_profile_and_keeps_its_secret(
    engine: MiniEngine, emulator: ConfigCatEmulator, world: World, unique: str
) -> None:
    w = world
    made = _make(emulator, f"/v1/organizations/{w.org}/proxy-profiles", {"name": f"by-hand-{unique}"})
    id_ = made["proxyProfileId"]
    status, _ = emulator.call(
        "POST",
        f"/v1/proxy-profiles/{id_}/sdk-keys/select",
        {"items": [{"configId": w.web, "environmentId": w.production}]},
    )
    assert status == 200

    def program(**inputs: Any) -> Callable[[], None]:
        def run() -> None:
            profile = configcat.ProxyProfile(
                f"by-hand-{unique}",
                organization_id=w.org.upper(),
                selected_sdk_keys=[_pair(w.web, w.production), _pair(w.mobile, w.production)],
                opts=pulumi.ResourceOptions(import_=id_.upper()),
                **inputs,
            )
            pulumi.export("secret_token", profile.secret_token)

        return run

    # Adopted: the missing pair is selected; the secret a running Proxy uses is not regenerated (none known).
    emulator.requests.clear()
    adopted = _ok(engine.run(program()))
    assert _step(adopted).op == "create"
    assert _step(adopted).id_ == id_
    assert _writes(emulator, id_, w.org) == [SELECT]
    assert adopted.exports["secret_token"] is None
    emulator.requests.clear()
    assert _step(_ok(engine.run(program()))).op == "same"
    assert emulator.requests == []

    # Setting secret_rotation is what generates one, on purpose.
    rotated = _ok(engine.run(program(secret_rotation="2026-12")))
    assert _step(rotated).op == "update"
    assert is_secret(rotated.exports["secret_token"])


def test_import_of_a_missing_profile_fails_clearly(engine: MiniEngine, world: World) -> None:
    missing = "08d86d63-0000-4000-8000-00000000dead"
    result = engine.run(
        lambda: configcat.ProxyProfile(
            "gone", organization_id=world.org, opts=pulumi.ResourceOptions(import_=missing)
        )
    )
    (error,) = result.errors
    assert f"cannot import ProxyProfile {missing!r}: no such ProxyProfile exists" in str(error)


def test_get_reads_the_profile_without_its_secret(
    engine: MiniEngine, emulator: ConfigCatEmulator, world: World, unique: str
) -> None:
    w = world
    created = _ok(
        engine.run(
            _program(
                w,
                unique,
                webhook_proxy_url="https://proxy.example.com/hook",
                selected_sdk_keys=[_pair(w.web, w.production)],
            )
        )
    )
    id_ = _step(created).id_

    def lookup() -> None:
        found = configcat.ProxyProfile.get("seen", id_)
        for name in ("organization_id", "name", "selected_sdk_keys", "secret_token", "webhook_signing_keys"):
            pulumi.export(name, getattr(found, name))

    reader = MiniEngine(engine.provider)
    emulator.requests.clear()
    seen = _ok(reader.run(lookup)).exports
    assert seen["organization_id"] == w.org
    assert seen["name"] == f"edge-{unique}"
    assert seen["selected_sdk_keys"] == [_pair(w.web, w.production)]
    assert seen["secret_token"] is None  # the API never shows it again
    signing = seen["webhook_signing_keys"]
    assert is_secret(signing)
    assert signing["value"][0].startswith("configcat_whsk_")
    # The answer does not name the organization: the organizations are listed to find it.
    assert [(r.method, r.path) for r in emulator.requests] == [
        ("GET", "/v1/organizations"),
        ("GET", f"/v1/organizations/{w.org}/proxy-profiles"),
        ("GET", f"/v1/proxy-profiles/{id_}/sdk-keys"),
    ]


def test_rotating_the_secret_makes_one_call_and_a_new_token(
    engine: MiniEngine, emulator: ConfigCatEmulator, world: World, unique: str
) -> None:
    w = world
    first = _ok(engine.run(_program(w, unique, secret_rotation="1")))
    id_ = _step(first).id_
    emulator.requests.clear()
    second = _ok(engine.run(_program(w, unique, secret_rotation="2")))
    assert _writes(emulator, id_, w.org) == [SECRET]
    assert second.exports["secret_token"] != first.exports["secret_token"]
    assert is_secret(second.exports["secret_token"])
    # Dropping the input is a change too (a new token), and the same value again is none.
    emulator.requests.clear()
    assert _step(_ok(engine.run(_program(w, unique)))).op == "update"
    assert _writes(emulator, id_, w.org) == [SECRET]
    emulator.requests.clear()
    assert _step(_ok(engine.run(_program(w, unique)))).op == "same"
    assert emulator.requests == []


def test_moving_from_pairs_to_rules_deselects_first_and_back_selects_after(
    engine: MiniEngine, emulator: ConfigCatEmulator, world: World, unique: str
) -> None:
    """The API refuses select and deselect (403) while the profile has rules: the calls' order matters."""
    w = world
    pairs = {"selected_sdk_keys": [_pair(w.web, w.production)]}
    rules = {"sdk_key_selection_rules": [{"config_id_filter": w.web}]}
    id_ = _step(_ok(engine.run(_program(w, unique, **pairs)))).id_
    emulator.requests.clear()
    _ok(engine.run(_program(w, unique, **rules)))
    assert _writes(emulator, id_, w.org) == [DESELECT, PUT]
    emulator.requests.clear()
    _ok(engine.run(_program(w, unique, **pairs)))
    assert _writes(emulator, id_, w.org) == [PUT, SELECT]
    stored = _stored(emulator, id_)
    assert stored is not None
    assert stored["sdkKeySelectionRules"] == []
    assert stored["selectedSdkKeys"] == [{"configId": w.web, "environmentId": w.production}]


def test_a_create_that_fails_after_the_profile_was_made_deletes_it(
    engine: MiniEngine, emulator: ConfigCatEmulator, world: World, unique: str
) -> None:
    w = world
    emulator.inject_fault("status", method="POST", path=r"/secret$", status=400, times=1)
    result = engine.run(_program(w, unique, selected_sdk_keys=[_pair(w.web, w.production)]))
    (error,) = result.errors
    assert "POST /v1/proxy-profiles/" in str(error)
    assert not [p for p in emulator.state()["proxyProfiles"].values() if p["name"] == f"edge-{unique}"]
    assert engine.state == {}


def test_rules_added_in_the_dashboard_to_a_profile_of_pairs_are_undone(
    engine: MiniEngine, emulator: ConfigCatEmulator, world: World, unique: str
) -> None:
    w = world
    pairs = {"selected_sdk_keys": [_pair(w.web, w.production)]}
    id_ = _step(_ok(engine.run(_program(w, unique, **pairs)))).id_
    status, _ = emulator.call(
        "PUT",
        f"/v1/proxy-profiles/{id_}",
        {"name": f"edge-{unique}", "sdkKeySelectionRules": [{"kind": "include"}]},
    )
    assert status == 200
    refreshed = _step(engine.refresh())
    assert refreshed.diff is not None
    assert refreshed.diff.changes == "DIFF_SOME"
    emulator.requests.clear()
    assert _step(_ok(engine.run(_program(w, unique, **pairs)))).op == "update"
    # The rules go first, then the pair is selected again (the API may or may not have kept it).
    assert _writes(emulator, id_, w.org) == [PUT, SELECT]
    stored = _stored(emulator, id_)
    assert stored is not None
    assert stored["sdkKeySelectionRules"] == []
    assert stored["selectedSdkKeys"] == [{"configId": w.web, "environmentId": w.production}]
    assert _step(_ok(engine.run(_program(w, unique, **pairs)))).op == "same"


def test_destroying_a_profile_deleted_in_the_dashboard_succeeds(
    engine: MiniEngine, emulator: ConfigCatEmulator, world: World, unique: str
) -> None:
    id_ = _step(_ok(engine.run(_program(world, unique)))).id_
    assert emulator.call("DELETE", f"/v1/proxy-profiles/{id_}")[0] == 204
    emulator.requests.clear()
    assert _step(engine.destroy()).op == "delete"
    assert engine.state == {}
    assert ("DELETE", f"/v1/proxy-profiles/{id_}") in [(r.method, r.path) for r in emulator.requests]


def test_a_refresh_stores_the_pairs_as_the_program_does(
    engine: MiniEngine, world: World, unique: str
) -> None:
    """The engine lists a preview's changed inputs by comparing the stored inputs position by position, not by
    asking the provider: pairs stored in the program's order and refreshed in the API's would show
    ``selected_sdk_keys`` as changed beside any real change, on one run in two (ids are random)."""
    w = world
    pairs = [_pair(w.web, w.production), _pair(w.mobile, w.production)]
    pairs.sort(key=lambda pair: pair["config_id"], reverse=True)  # not the order the API answers in

    def program() -> None:
        configcat.ProxyProfile(f"edge-{unique}", organization_id=w.org, selected_sdk_keys=pairs)

    _ok(engine.run(program))
    (declared,) = [resource.inputs["selected_sdk_keys"] for resource in engine.state.values()]
    assert _step(engine.refresh()).diff is not None
    (refreshed,) = [resource.inputs["selected_sdk_keys"] for resource in engine.state.values()]
    assert refreshed == declared
    assert _step(_ok(engine.run(program))).op == "same"
