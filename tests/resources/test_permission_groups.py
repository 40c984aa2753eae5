"""PermissionGroup against the emulator: how environment_accesses and new_environment_accesstype combine.

An environment not listed in ``environment_accesses`` has the access ``new_environment_accesstype`` grants
(issue 12, item 2: the access the group's own setting granted a later environment was shown as drift and
revoked by the next update).
"""

from __future__ import annotations

from typing import Any

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import MiniEngine, RunResult


def _ok(result: RunResult) -> RunResult:
    assert result.errors == []
    return result


def _post(emulator: ConfigCatEmulator, path: str, body: dict[str, Any]) -> dict[str, Any]:
    status, answer = emulator.call("POST", path, body)
    assert status in (200, 201), answer
    assert isinstance(answer, dict)
    return answer


def _accesses(emulator: ConfigCatEmulator, id_: str) -> dict[str, str]:
    status, group = emulator.call("GET", f"/v1/permissions/{id_}")
    assert status == 200
    return {item["environmentId"]: item["environmentAccessType"] for item in group["environmentAccesses"]}


def test_access_granted_by_new_environment_accesstype_is_not_drift(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    org = emulator.organization_id
    pid = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"grant-{unique}"})["productId"]
    dev = _post(emulator, f"/v1/products/{pid}/environments", {"name": "dev"})["environmentId"]

    def program(new: str = "full", **accesses: str) -> None:
        configcat.PermissionGroup(
            "devs",
            product_id=pid,
            new_environment_accesstype=new,
            environment_accesses={dev: "readOnly", **{ids[k]: v for k, v in accesses.items()}},
        )

    ids: dict[str, str] = {}
    id_ = _ok(engine.run(program)).steps[0].id_
    later = _post(emulator, f"/v1/products/{pid}/environments", {"name": "later"})["environmentId"]
    ids["later"] = later
    assert _accesses(emulator, id_) == {dev: "readOnly", later: "full"}

    (refreshed,) = engine.refresh()
    assert refreshed.diff is not None
    assert refreshed.diff.changes == "DIFF_NONE"
    emulator.requests.clear()
    assert [step.op for step in _ok(engine.run(program)).steps] == ["same"]
    assert emulator.requests == []
    assert _accesses(emulator, id_) == {dev: "readOnly", later: "full"}

    # Another access set in the dashboard is drift, and the next update puts the group's default back.
    status, _ = emulator.call(
        "PUT",
        f"/v1/permissions/{id_}",
        {"environmentAccesses": [{"environmentId": later, "environmentAccessType": "readOnly"}]},
    )
    assert status == 200
    (drifted,) = engine.refresh()
    assert drifted.diff is not None
    assert drifted.diff.changes == "DIFF_SOME"
    assert [step.op for step in _ok(engine.run(program)).steps] == ["update"]
    assert _accesses(emulator, id_)[later] == "full"

    # "none" keeps one environment out while new environments get access.
    assert [step.op for step in _ok(engine.run(lambda: program(later="none"))).steps] == ["update"]
    assert _accesses(emulator, id_)[later] == "none"
    assert [step.op for step in _ok(engine.run(lambda: program(later="none"))).steps] == ["same"]

    # With the default back to "none", an environment left out has no access.
    _ok(engine.run(lambda: program(new="full")))
    assert _accesses(emulator, id_)[later] == "full"
    _ok(engine.run(lambda: program(new="none")))
    assert _accesses(emulator, id_) == {dev: "readOnly", later: "none"}
    assert [step.op for step in _ok(engine.run(lambda: program(new="none"))).steps] == ["same"]


def test_an_environment_deleted_in_the_dashboard_and_dropped_from_the_program_is_not_sent(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    # Issue 12, item 7: the update revoked access in an environment that no longer exists; the API refused.
    org = emulator.organization_id
    pid = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"gone-{unique}"})["productId"]
    dev = _post(emulator, f"/v1/products/{pid}/environments", {"name": "dev"})["environmentId"]
    prod = _post(emulator, f"/v1/products/{pid}/environments", {"name": "prod"})["environmentId"]

    def program(accesses: dict[str, str]) -> None:
        configcat.PermissionGroup("devs", product_id=pid, environment_accesses=accesses)

    id_ = _ok(engine.run(lambda: program({dev: "full", prod: "readOnly"}))).steps[0].id_
    status, _ = emulator.call("DELETE", f"/v1/environments/{prod}")
    assert status == 204
    assert [step.op for step in _ok(engine.run(lambda: program({dev: "full"}))).steps] == ["update"]
    assert _accesses(emulator, id_) == {dev: "full"}
    assert [step.op for step in _ok(engine.run(lambda: program({dev: "full"}))).steps] == ["same"]


def test_an_update_sends_no_revocation_for_what_already_has_no_access(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    org = emulator.organization_id
    pid = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"quiet-{unique}"})["productId"]
    dev = _post(emulator, f"/v1/products/{pid}/environments", {"name": "dev"})["environmentId"]
    _post(emulator, f"/v1/products/{pid}/environments", {"name": "prod"})

    def program(name: str) -> None:
        configcat.PermissionGroup("devs", product_id=pid, name=name, environment_accesses={dev: "full"})

    _ok(engine.run(lambda: program("a")))
    emulator.requests.clear()
    _ok(engine.run(lambda: program("b")))
    # One write, no read before it: nothing was revoked, so nothing needed checking.
    assert [r.method for r in emulator.requests] == ["PUT"]


def test_preferences_drop_no_environment_deleted_in_the_dashboard(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    org = emulator.organization_id
    pid = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"prefs-gone-{unique}"})["productId"]
    dev = _post(emulator, f"/v1/products/{pid}/environments", {"name": "dev"})["environmentId"]
    prod = _post(emulator, f"/v1/products/{pid}/environments", {"name": "prod"})["environmentId"]

    def program(required: dict[str, bool]) -> None:
        configcat.ProductPreferences("prefs", product_id=pid, reason_required_environments=required)

    _ok(engine.run(lambda: program({dev: True, prod: True})))
    status, _ = emulator.call("DELETE", f"/v1/environments/{prod}")
    assert status == 204
    assert [step.op for step in _ok(engine.run(lambda: program({dev: True}))).steps] == ["update"]
    status, prefs = emulator.call("GET", f"/v1/products/{pid}/preferences")
    assert [(e["environmentId"], e["reasonRequired"]) for e in prefs["reasonRequiredEnvironments"]] == [
        (dev, True)
    ]
    assert [step.op for step in _ok(engine.run(lambda: program({dev: True}))).steps] == ["same"]


def test_can_delete_config_with_what_it_needs_is_sent(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    org = emulator.organization_id
    pid = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"rule-{unique}"})["productId"]
    result = _ok(
        engine.run(
            lambda: configcat.PermissionGroup(
                "admins",
                product_id=pid,
                can_delete_config=True,
                can_createorupdate_config=True,
                can_delete_setting=True,
            )
        )
    )
    assert emulator.state()["permissionGroups"][int(result.steps[0].id_)]["canDeleteConfig"] is True


def test_environments_that_exist_before_the_group_get_what_new_environment_accesstype_grants(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    """The API grants new_environment_accesstype only to environments made later; the provider gives it to
    the ones that exist already too, so the group means what it says and reads back without drift (found by
    the property-based round trip)."""
    org = emulator.organization_id
    pid = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"before-{unique}"})["productId"]
    dev = _post(emulator, f"/v1/products/{pid}/environments", {"name": "dev"})["environmentId"]
    prod = _post(emulator, f"/v1/products/{pid}/environments", {"name": "prod"})["environmentId"]

    def program() -> None:
        configcat.PermissionGroup(
            "readers",
            product_id=pid,
            accesstype="custom",
            new_environment_accesstype="readOnly",
            environment_accesses={prod: "full"},
        )

    (step,) = _ok(engine.run(program)).steps
    assert _accesses(emulator, step.id_) == {dev: "readOnly", prod: "full"}
    assert {s.diff.changes for s in engine.refresh() if s.diff} == {"DIFF_NONE"}
    emulator.requests.clear()
    assert [s.op for s in _ok(engine.run(program)).steps] == ["same"]
    assert emulator.requests == []
