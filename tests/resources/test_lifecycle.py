"""Every entity through the engine's whole life cycle, against the emulator, over the real provider process.

Each case is one entity: a program declares it (beside two products it can hang under), and the test runs
the program again and again the way `pulumi up`, `pulumi refresh` and `pulumi destroy` would:

create → same (no API call) → update (one write) → drift made in the dashboard, seen by refresh and undone
by the next update → replace → deleted in the dashboard, dropped by refresh, created again → destroy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests._invitations import delete_group, invite_path, invited, revoke_first
from tests.harness import MiniEngine, RunResult, Step


@dataclass(frozen=True)
class Deps:
    """What a case's resource can refer to."""

    organization_id: str
    product: configcat.Product
    other_product: configcat.Product
    unique: str


@dataclass(frozen=True)
class Case:
    """One entity's life cycle.

    Attributes:
        name: The test id.
        collection: Where the emulator keeps the entity (a key of ``emulator.state()``).
        build: Declares the resource from deps and keyword inputs.
        base: Inputs of the first run.
        update: Inputs changed in place by the second run.
        wire_after_update: What the emulator must then hold, in the API's field names.
        path: The entity's REST path, ``{id}`` standing for its id.
        drift_body: An out-of-band write to ``path`` (a PUT, a POST for preferences, a JSON Patch for a proxy
            profile, whose PUT replaces everything).
        drifted: The input that write changes.
        replace: Inputs that force a replacement, from deps (None: not testable against one organization).
        replaces: The inputs the provider must name as forcing that replacement.
        destroyed_stays: Whether destroying leaves the entity in place (preferences cannot be deleted).
        create_writes: The writes the program's create sends beside the two products (a proxy profile's:
            the profile, then its secret).
        update_write: The update's one write, from the id, where it is not a PUT (or POST) to ``path``.
        stored: The entity in an emulator state, from the id, where it is not one entry of ``collection``.
        dashboard_drift: The dashboard's change, from the id, where it is not one write of ``drift_body``.
        dashboard_delete: The dashboard's delete, from the id, where it is not a DELETE of ``path``.
    """

    name: str
    collection: str
    build: Callable[[Deps, dict[str, Any]], pulumi.CustomResource]
    base: Callable[[Deps], dict[str, Any]]
    update: dict[str, Any]
    wire_after_update: dict[str, Any]
    path: str
    drift_body: dict[str, Any] | list[dict[str, Any]]
    drifted: str
    replace: Callable[[Deps], dict[str, Any]] | None = None
    drift_method: str = "PUT"
    replaces: list[str] = field(default_factory=list)
    destroyed_stays: bool = False
    create_writes: int = 1
    update_write: Callable[[str], tuple[str, str]] | None = None
    stored: Callable[[dict[str, Any], str], dict[str, Any] | None] | None = None
    dashboard_drift: Callable[[ConfigCatEmulator, str], None] | None = None
    dashboard_delete: Callable[[ConfigCatEmulator, str], None] | None = None


# Invitations: one invitation per address into a permission group; the id is "<productId>:<groupId>".
GROUPS = ("developers", "viewers")


def _invitations(d: Deps, kw: dict[str, Any]) -> pulumi.CustomResource:
    """The target, into one of two groups the row declares (``group="viewers"`` replaces it)."""
    role = kw.pop("group", "developers")
    groups = {
        name: configcat.PermissionGroup(f"{name}-{d.unique}", product_id=d.product.id) for name in GROUPS
    }
    return configcat.Invitations(f"target-{d.unique}", permission_group_id=groups[role].id, **kw)


CASES = [
    Case(
        name="product",
        collection="products",
        build=lambda d, kw: configcat.Product(f"target-{d.unique}", **kw),
        base=lambda d: {"organization_id": d.organization_id, "description": "first"},
        update={"description": "second", "order": 3},
        wire_after_update={"description": "second", "order": 3},
        path="/v1/products/{id}",
        drift_body={"description": "edited in the dashboard"},
        drifted="description",
    ),
    Case(
        name="config",
        collection="configs",
        build=lambda d, kw: configcat.Config(f"target-{d.unique}", **kw),
        base=lambda d: {"product_id": d.product.id, "description": "first"},
        update={"name": "renamed", "order": 2},
        wire_after_update={"name": "renamed", "order": 2, "evaluationVersion": "v2"},
        path="/v1/configs/{id}",
        drift_body={"name": "renamed in the dashboard"},
        drifted="name",
        replace=lambda d: {"evaluation_version": "v1"},
        replaces=["evaluation_version"],
    ),
    Case(
        name="environment",
        collection="environments",
        build=lambda d, kw: configcat.Environment(f"target-{d.unique}", **kw),
        base=lambda d: {"product_id": d.product.id, "color": "#111111"},
        update={"color": "#222222", "description": "pre-production"},
        wire_after_update={"color": "#222222", "description": "pre-production"},
        path="/v1/environments/{id}",
        drift_body={"color": "#999999"},
        drifted="color",
        replace=lambda d: {"product_id": d.other_product.id},
        replaces=["product_id"],
    ),
    Case(
        name="tag",
        collection="tags",
        build=lambda d, kw: configcat.Tag(f"target-{d.unique}", **kw),
        base=lambda d: {"product_id": d.product.id, "color": "whale"},
        update={"color": "salmon"},
        wire_after_update={"color": "salmon"},
        path="/v1/tags/{id}",
        drift_body={"color": "koala"},
        drifted="color",
        replace=lambda d: {"product_id": d.other_product.id},
        replaces=["product_id"],
    ),
    Case(
        name="segment",
        collection="segments",
        build=lambda d, kw: configcat.Segment(f"target-{d.unique}", **kw),
        base=lambda d: {
            "product_id": d.product.id,
            "comparison_attribute": "Email",
            "comparator": "contains",
            "comparison_value": "@example.com",
        },
        update={"comparator": "isOneOf", "comparison_value": "a@example.com,b@example.com"},
        wire_after_update={"comparator": "isOneOf", "comparisonValue": "a@example.com,b@example.com"},
        path="/v1/segments/{id}",
        drift_body={"comparisonValue": "someone@else.com"},
        drifted="comparison_value",
        replace=lambda d: {"product_id": d.other_product.id},
        replaces=["product_id"],
    ),
    Case(
        name="permission_group",
        collection="permissionGroups",
        build=lambda d, kw: configcat.PermissionGroup(f"target-{d.unique}", **kw),
        base=lambda d: {"product_id": d.product.id, "can_view_sdkkey": True},
        update={"can_createorupdate_setting": True, "can_view_sdkkey": False, "accesstype": "full"},
        wire_after_update={"canCreateOrUpdateSetting": True, "canViewSdkKey": False, "accessType": "full"},
        path="/v1/permissions/{id}",
        drift_body={"canManageMembers": True},
        drifted="can_manage_members",
        replace=lambda d: {"product_id": d.other_product.id},
        replaces=["product_id"],
    ),
    Case(
        name="product_preferences",
        collection="preferences",
        build=lambda d, kw: configcat.ProductPreferences(f"target-{d.unique}", **kw),
        base=lambda d: {"product_id": d.product.id, "key_generation_mode": "kebabCase"},
        update={"show_variation_id": True},
        wire_after_update={"showVariationId": True, "keyGenerationMode": "kebabCase"},
        path="/v1/products/{id}/preferences",
        drift_method="POST",
        drift_body={"mandatorySettingHint": True},
        drifted="mandatory_setting_hint",
        replace=lambda d: {"product_id": d.other_product.id},
        replaces=["product_id"],
        destroyed_stays=True,
    ),
    Case(
        name="integration",
        collection="integrations",
        build=lambda d, kw: configcat.Integration(f"target-{d.unique}", **kw),
        base=lambda d: {
            "product_id": d.product.id,
            "integration_type": "dataDog",
            "parameters": {"apikey": "dd-key-1"},
        },
        update={"name": "renamed", "parameters": {"apikey": "dd-key-2", "site": "Eu"}},
        wire_after_update={"name": "renamed", "parameters": {"apikey": "dd-key-2", "site": "Eu"}},
        path="/v1/integrations/{id}",
        # A key rotated in the dashboard: refresh sees it, the next update puts the program's key back.
        drift_body={
            "name": "renamed in the dashboard",
            "parameters": {"apikey": "rotated-in-the-dashboard"},
            "configIds": [],
            "environmentIds": [],
        },
        drifted="parameters",
        replace=lambda d: {"product_id": d.other_product.id},
        replaces=["product_id"],
    ),
    Case(
        name="proxy_profile",
        collection="proxyProfiles",
        build=lambda d, kw: configcat.ProxyProfile(f"target-{d.unique}", **kw),
        base=lambda d: {
            "organization_id": d.organization_id,
            "description": "first",
            "sdk_key_selection_rules": [{"environment_name_match_filter": "*Prod*"}],
        },
        update={"description": "second", "sdk_poll_interval": 120},
        wire_after_update={
            "description": "second",
            "connectionPreferences": {"sdkPollInterval": 120, "webhookNotification": None},
        },
        path="/v1/proxy-profiles/{id}",
        drift_method="PATCH",
        drift_body=[{"op": "replace", "path": "/description", "value": "edited in the dashboard"}],
        drifted="description",
        # No replace: its one replacing input is the organization, and the emulator holds one.
        create_writes=2,  # the profile, then its secret
    ),
    Case(
        name="invitations",
        collection="invitations",
        build=_invitations,
        base=lambda d: {"product_id": d.product.id, "emails": ["ada@example.com", "bob@example.com"]},
        update={"emails": ["ada@example.com", "bob@example.com", "cy@example.com"]},
        wire_after_update={"emails": ["ada@example.com", "bob@example.com", "cy@example.com"]},
        path="/v1/products/{id}/members/invite",
        drift_body={},
        drifted="emails",
        replace=lambda d: {"group": "viewers"},
        replaces=["permission_group_id"],
        create_writes=3,  # the two groups, then one invitation request for every address
        # One more address is one invitation request, for it alone.
        update_write=lambda id_: ("POST", invite_path(id_)),
        stored=invited,
        dashboard_drift=revoke_first,
        dashboard_delete=delete_group,
    ),
]


def _program(
    case: Case, organization_id: str, unique: str, *, replaced: bool = False, **overrides: Any
) -> Callable[[], None]:
    def program() -> None:
        product = configcat.Product(f"shop-{unique}", organization_id=organization_id)
        other = configcat.Product(f"other-shop-{unique}", organization_id=organization_id)
        deps = Deps(organization_id, product, other, unique)
        inputs = {**case.base(deps), **overrides}
        if replaced and case.replace is not None:
            inputs.update(case.replace(deps))
        target = case.build(deps, inputs)
        pulumi.export("target_id", target.id)

    return program


def _target(result: RunResult | list[Step], unique: str) -> Step:
    steps = result.steps if isinstance(result, RunResult) else result
    (step,) = [step for step in steps if step.name == f"target-{unique}"]
    return step


def _stored(emulator: ConfigCatEmulator, case: Case, id_: str) -> dict[str, Any] | None:
    """The entity as the emulator holds it; integer ids are int keys there."""
    if case.stored is not None:
        return case.stored(emulator.state(), id_)
    collection: dict[Any, dict[str, Any]] = emulator.state()[case.collection]
    return collection.get(id_, collection.get(int(id_) if id_.isdigit() else id_))


def _ok(result: RunResult) -> RunResult:
    assert result.errors == []
    return result


def _writes(emulator: ConfigCatEmulator) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in emulator.requests if r.method != "GET"]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_life_cycle(case: Case, engine: MiniEngine, emulator: ConfigCatEmulator, unique: str) -> None:
    org = emulator.organization_id
    update = {**case.update}
    if "name" in update:
        update["name"] = f"{update['name']}-{unique}"
    wire_after_update = {
        key: f"{value}-{unique}" if key == "name" else value for key, value in case.wire_after_update.items()
    }

    # create: one write per product, then the entity's
    emulator.requests.clear()
    created = _ok(engine.run(_program(case, org, unique)))
    assert len(_writes(emulator)) == 2 + case.create_writes
    step = _target(created, unique)
    assert step.op == "create"
    id_ = step.id_
    assert created.exports["target_id"] == id_
    assert _stored(emulator, case, id_) is not None

    # same: nothing changed, nothing is sent
    emulator.requests.clear()
    same = _ok(engine.run(_program(case, org, unique)))
    assert {step.op for step in same.steps} == {"same"}
    assert _target(same, unique).diff is not None
    assert emulator.requests == []

    # refresh with nothing changed: no drift, and the next run is still a no-op
    assert {step.diff.changes for step in engine.refresh() if step.diff} == {"DIFF_NONE"}
    emulator.requests.clear()
    assert {step.op for step in _ok(engine.run(_program(case, org, unique))).steps} == {"same"}
    assert emulator.requests == []

    # update in place: one write, the entity holds the new values
    emulator.requests.clear()
    updated = _ok(engine.run(_program(case, org, unique, **update)))
    step = _target(updated, unique)
    assert step.op == "update"
    assert step.id_ == id_
    assert step.diff is not None
    assert step.diff.replaces == []
    path = case.path.format(id=id_)
    write = ("POST" if case.drift_method == "POST" else "PUT", path)
    assert _writes(emulator) == [case.update_write(id_) if case.update_write else write]
    stored = _stored(emulator, case, id_)
    assert stored is not None
    assert {key: stored[key] for key in wire_after_update} == wire_after_update

    # drift made in the dashboard: refresh shows it, the next update undoes it
    if case.dashboard_drift is not None:
        case.dashboard_drift(emulator, id_)
    else:
        status, _ = emulator.call(case.drift_method, path, case.drift_body)
        assert status == 200
    refreshed = _target(engine.refresh(), unique)
    assert refreshed.op == "refresh"
    assert refreshed.diff is not None
    assert refreshed.diff.changes == "DIFF_SOME"
    corrected = _ok(engine.run(_program(case, org, unique, **update)))
    assert _target(corrected, unique).op == "update"
    stored = _stored(emulator, case, id_)
    assert stored is not None
    assert {key: stored[key] for key in wire_after_update} == wire_after_update
    again = _ok(engine.run(_program(case, org, unique, **update)))
    assert _target(again, unique).op == "same"

    # replace
    replaced = case.replace is not None
    if case.replace is not None:
        result = _ok(engine.run(_program(case, org, unique, replaced=True, **update)))
        step = _target(result, unique)
        assert step.op == "replace"
        assert step.diff is not None
        assert step.diff.replaces == case.replaces
        if not case.destroyed_stays:
            assert _stored(emulator, case, id_) is None
        assert step.id_ != id_
        id_ = step.id_
        assert _stored(emulator, case, id_) is not None

    # deleted in the dashboard: refresh drops it, the next run creates it again
    if case.dashboard_delete is not None:
        case.dashboard_delete(emulator, id_)
    else:
        # preferences go with their product
        path = f"/v1/products/{id_}" if case.destroyed_stays else case.path.format(id=id_)
        status, _ = emulator.call("DELETE", path)
        assert status in (200, 204)
    dropped = _target(engine.refresh(), unique)
    assert dropped.op == "delete"
    recreated = _ok(engine.run(_program(case, org, unique, replaced=replaced, **update)))
    step = _target(recreated, unique)
    assert step.op == "create"
    id_ = step.id_

    # destroy: the entity is deleted, except preferences, which the API cannot delete
    emulator.requests.clear()
    destroyed = engine.destroy()
    assert _target(destroyed, unique).op == "delete"
    assert engine.state == {}
    if case.destroyed_stays:
        writes = _writes(emulator)
        assert all(method == "DELETE" and path.startswith("/v1/products/") for method, path in writes)
        assert not any(path.endswith("/preferences") for _, path in writes)
    else:
        assert _stored(emulator, case, id_) is None
