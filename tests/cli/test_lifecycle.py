"""Every resource type's life cycle under the real `pulumi` CLI, against the emulator: one table row per type.

All rows live in one stack and go through each step together (one CLI command per step for the whole
table, which keeps the suite fast); the ``life`` fixture runs the steps once and records what the CLI and
the emulator did, and each test checks one behaviour of one row:

create → no-change preview → refresh with no drift → update in place → a change made in the dashboard, seen
by `pulumi refresh` and undone by the next `pulumi up` → replace (delete first where the name must stay
unique) → deleted in the dashboard, dropped by refresh, created again → the stack is forgotten
(`pulumi stack rm --force`) and a second stack adopts every entity with ``import_`` and looks it up with
``.get()`` → destroy.

To cover a new resource type, add a :class:`Case`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from pulumi_configcat.testing import ConfigCatEmulator, RecordedRequest
from tests._invitations import delete_group, invite_path, invited, revoke_first
from tests.cli._stack import CliRun, Stack


@dataclass(frozen=True)
class Ref:
    """An input given as Python source (``Ref("product.id")``) rather than as a value."""

    source: str


@dataclass(frozen=True)
class Case:
    """One resource type's row.

    Each row's resource (``target-<name>``) is declared beside two products of its own, ``product`` and
    ``other``, which inputs can refer to as ``Ref("product.id")``; ``org`` is the organization id.

    Attributes:
        name: The row id.
        cls: The resource class in ``pulumi_configcat``.
        collection: Where the emulator keeps the entity (a key of ``emulator.state()``).
        base: Inputs of the first run.
        update: Inputs changed in place by a later run.
        wire_after_update: What the emulator must then hold, in the API's field names.
        path: The entity's REST path, ``{id}`` standing for its id.
        drift_body: A write to ``path`` made "in the dashboard" (straight to the emulator): a body, or a JSON
            Patch.
        drifted: The input that write changes.
        drift_method: The method of that write.
        update_method: The method of the provider's one write for an update in place.
        replace: Inputs that force a replacement (None: not testable against one organization).
        replaces: The inputs the engine must name as forcing that replacement.
        delete_before_replace: The old entity must be deleted before its replacement is created (its name
            must stay unique).
        destroyed_stays: Destroying leaves the entity (preferences go with their product only).
        setup: More resources the target hangs under, declared after the two products: variable name to
            ``(class, arguments as Python source)``, e.g. ``{"config": ("Config", "product_id=product.id")}``
            for a flag, whose inputs then refer to ``Ref("config.id")``. They are adopted with the rest.

    A row that is not one REST path (an ``Invitations`` is one invitation per address, in a group) says
    where instead, each from the target's id:

    Attributes:
        update_path: The path of the update's one write.
        stored: The entity in an emulator state (instead of ``collection``); None once it is gone.
        dashboard_change: Makes the dashboard's change (instead of ``drift_body``).
        dashboard_delete: Deletes the entity in the dashboard (instead of a DELETE of ``path``).
        replace_moves: The replacement takes the old entity over instead of a delete (an invitation into
            another group of the product moves the pending one there): the new holds what the old held.
        secret_drifted: The ``drifted`` input is a secret: the state shows a ciphertext, and the engine's
            step events for its changes name no changed key (seen with ``Invitations.emails``), so a
            step's op is what is checked; a ``get()`` reads the program's value.
    """

    name: str
    cls: str
    collection: str
    base: dict[str, Any]
    update: dict[str, Any]
    wire_after_update: dict[str, Any]
    path: str
    drift_body: dict[str, Any] | list[dict[str, Any]]
    drifted: str
    drift_method: str = "PUT"
    update_method: str = "PUT"
    replace: dict[str, Any] | None = None
    replaces: list[str] = field(default_factory=list)
    delete_before_replace: bool = False
    destroyed_stays: bool = False
    setup: dict[str, tuple[str, str]] = field(default_factory=dict)
    update_path: Callable[[str], str] | None = None
    stored: Callable[[dict[str, Any], str], dict[str, Any] | None] | None = None
    dashboard_change: Callable[[ConfigCatEmulator, str], None] | None = None
    dashboard_delete: Callable[[ConfigCatEmulator, str], None] | None = None
    replace_moves: bool = False
    secret_drifted: bool = False


PRODUCT = Ref("product.id")
OTHER = Ref("other.id")

CASES = [
    Case(
        name="product",
        cls="Product",
        collection="products",
        base={"organization_id": Ref("org"), "description": "first"},
        update={"description": "second", "order": 3},
        wire_after_update={"description": "second", "order": 3},
        path="/v1/products/{id}",
        drift_body={"description": "edited in the dashboard"},
        drifted="description",
    ),
    Case(
        name="config",
        cls="Config",
        collection="configs",
        base={"product_id": PRODUCT, "description": "first"},
        update={"name": "renamed", "order": 2},
        wire_after_update={"name": "renamed", "order": 2, "evaluationVersion": "v2"},
        path="/v1/configs/{id}",
        drift_body={"name": "renamed in the dashboard"},
        drifted="name",
        replace={"evaluation_version": "v1"},
        replaces=["evaluation_version"],  # config names need not be unique: the new one is made first
    ),
    Case(
        name="environment",
        cls="Environment",
        collection="environments",
        base={"product_id": PRODUCT, "color": "#111111"},
        update={"color": "#222222", "description": "pre-production"},
        wire_after_update={"color": "#222222", "description": "pre-production"},
        path="/v1/environments/{id}",
        drift_body={"color": "#999999"},
        drifted="color",
        replace={"product_id": OTHER},
        replaces=["product_id"],
    ),
    Case(
        name="tag",
        cls="Tag",
        collection="tags",
        base={"product_id": PRODUCT, "color": "whale"},
        update={"color": "salmon"},
        wire_after_update={"color": "salmon"},
        path="/v1/tags/{id}",
        drift_body={"color": "koala"},
        drifted="color",
        replace={"product_id": OTHER},
        replaces=["product_id"],
    ),
    Case(
        name="segment",
        cls="Segment",
        collection="segments",
        base={
            "product_id": PRODUCT,
            "comparison_attribute": "Email",
            "comparator": "contains",
            "comparison_value": "@example.com",
        },
        update={"comparator": "isOneOf", "comparison_value": "a@example.com,b@example.com"},
        wire_after_update={"comparator": "isOneOf", "comparisonValue": "a@example.com,b@example.com"},
        path="/v1/segments/{id}",
        drift_body={"comparisonValue": "someone@else.com"},
        drifted="comparison_value",
        replace={"product_id": OTHER},
        replaces=["product_id"],
    ),
    Case(
        name="permission_group",
        cls="PermissionGroup",
        collection="permissionGroups",
        base={"product_id": PRODUCT, "can_view_sdkkey": True},
        update={"can_createorupdate_setting": True, "can_view_sdkkey": False, "accesstype": "full"},
        wire_after_update={"canCreateOrUpdateSetting": True, "canViewSdkKey": False, "accessType": "full"},
        path="/v1/permissions/{id}",
        drift_body={"canManageMembers": True},
        drifted="can_manage_members",
        replace={"product_id": OTHER},
        replaces=["product_id"],
    ),
    Case(
        name="product_preferences",
        cls="ProductPreferences",
        collection="preferences",
        base={"product_id": PRODUCT, "key_generation_mode": "kebabCase"},
        update={"show_variation_id": True},
        wire_after_update={"showVariationId": True, "keyGenerationMode": "kebabCase"},
        path="/v1/products/{id}/preferences",
        drift_method="POST",
        update_method="POST",
        drift_body={"mandatorySettingHint": True},
        drifted="mandatory_setting_hint",
        replace={"product_id": OTHER},
        replaces=["product_id"],
        destroyed_stays=True,
    ),
    Case(
        name="setting",
        cls="Setting",
        collection="settings",
        setup={"config": ("Config", "product_id=product.id")},
        base={"config_id": Ref("config.id"), "key": "isFeatureOn", "name": "Feature", "hint": "first"},
        update={"hint": "second", "order": 2},
        wire_after_update={"hint": "second", "order": 2},
        update_method="PATCH",
        path="/v1/settings/{id}",
        drift_body={"name": "renamed in the dashboard"},
        drifted="name",
        replace={"setting_type": "string"},
        replaces=["setting_type"],
        delete_before_replace=True,  # the key must stay unique in the config
    ),
    Case(
        name="webhook",
        cls="Webhook",
        collection="webhooks",
        setup={
            "config": ("Config", "product_id=product.id"),
            "production": ("Environment", "product_id=product.id"),
            "staging": ("Environment", "product_id=product.id"),
        },
        base={
            "config_id": Ref("config.id"),
            "environment_id": Ref("production.id"),
            "url": "https://hooks.example.com/configcat",
            "webhook_headers": [{"key": "X-Source", "value": "configcat"}],
        },
        update={"http_method": "post", "content": '{"changed": true}'},
        wire_after_update={"httpMethod": "post", "content": '{"changed": true}'},
        path="/v1/webhooks/{id}",
        drift_body={"httpMethod": "get", "url": "https://hooks.example.com/configcat"},
        drifted="http_method",
        replace={"environment_id": Ref("staging.id")},
        replaces=["environment_id"],
    ),
    Case(
        name="proxy_profile",
        cls="ProxyProfile",
        collection="proxyProfiles",
        base={
            "organization_id": Ref("org"),
            "description": "first",
            "sdk_key_selection_rules": [{"environment_name_match_filter": "*Prod*"}],
        },
        update={"description": "second", "sdk_poll_interval": 120},
        wire_after_update={
            "description": "second",
            "connectionPreferences": {"sdkPollInterval": 120, "webhookNotification": None},
        },
        path="/v1/proxy-profiles/{id}",
        # A PUT would replace the whole profile; the dashboard's edit of one field is a JSON Patch.
        drift_method="PATCH",
        drift_body=[{"op": "replace", "path": "/description", "value": "edited in the dashboard"}],
        drifted="description",
        # No replace: its one replacing input is the organization, and the emulator holds one.
    ),
    Case(
        name="invitations",
        cls="Invitations",
        collection="invitations",
        setup={
            "developers": ("PermissionGroup", "product_id=product.id"),
            "viewers": ("PermissionGroup", "product_id=product.id"),
        },
        base={
            "product_id": PRODUCT,
            "permission_group_id": Ref("developers.id"),
            "emails": ["ada@example.com", "bob@example.com"],
        },
        update={"emails": ["ada@example.com", "bob@example.com", "cy@example.com"]},
        wire_after_update={"emails": ["ada@example.com", "bob@example.com", "cy@example.com"]},
        path="/v1/invitations/{id}",
        drift_body={},
        drifted="emails",
        update_method="POST",  # one more address: one invitation request, for it alone
        replace={"permission_group_id": Ref("viewers.id")},
        replaces=["permission_group_id"],
        update_path=invite_path,
        stored=invited,
        dashboard_change=revoke_first,
        dashboard_delete=delete_group,  # the group, and its invitations with it
        replace_moves=True,
        secret_drifted=True,
    ),
]
IDS = [case.name for case in CASES]
PROJECT = "lifecycle"


def _source(value: Any) -> str:
    return value.source if isinstance(value, Ref) else repr(value)


def _inputs(case: Case, *, updated: bool = False, replaced: bool = False) -> dict[str, Any]:
    inputs = dict(case.base)
    if updated:
        inputs.update(case.update)
    if replaced and case.replace is not None:
        inputs.update(case.replace)
    return inputs


def program(
    inputs: dict[str, dict[str, Any]],
    imports: dict[str, dict[str, str]] | None = None,
    lookups: dict[str, str] | None = None,
) -> str:
    """The program declaring each row's two products, setup resources and target with the given inputs.

    Args:
        inputs: Inputs of each row's target, by row name.
        imports: Ids to adopt with ``import_``, by row name, for ``product``, ``other``, the setup
            resources and ``target``.
        lookups: An id to look up with ``.get()`` as ``got-<row>``, by row name.
    """
    lines = [
        "import pulumi",
        "import pulumi_configcat as configcat",
        "",
        'org = pulumi.Config().require("org")',
    ]
    for case in CASES:
        adopt = (imports or {}).get(case.name, {})

        def opts(role: str, adopt: dict[str, str] = adopt) -> str:
            return f", opts=pulumi.ResourceOptions(import_={adopt[role]!r})" if role in adopt else ""

        args = ", ".join(f"{key}={_source(value)}" for key, value in inputs[case.name].items())
        lines += [
            "",
            f"def declare_{case.name}():",
            f'    product = configcat.Product("shop-{case.name}", organization_id=org{opts("product")})',
            f'    other = configcat.Product("other-shop-{case.name}", organization_id=org{opts("other")})',
            *(
                f'    {var} = configcat.{cls}("{var}-{case.name}", {setup_args}{opts(var)})'
                for var, (cls, setup_args) in case.setup.items()
            ),
            f'    target = configcat.{case.cls}("target-{case.name}", {args}{opts("target")})',
            "    ids = {"
            + ", ".join(f'"{var}": {var}.id' for var in ["product", "other", *case.setup, "target"])
            + "}",
            f'    pulumi.export("{case.name}", ids)',
        ]
        if lookups and case.name in lookups:
            lines += [
                f'    got = configcat.{case.cls}.get("got-{case.name}", {lookups[case.name]!r})',
                f'    pulumi.export("got-{case.name}", {{"id": got.id, "value": got.{case.drifted}}})',
            ]
        lines.append(f"declare_{case.name}()")
    return "\n".join(lines) + "\n"


def _writes(requests: list[RecordedRequest]) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in requests if r.method != "GET"]


@dataclass
class Life:
    """What the CLI and the emulator did at each step (see the module docstring)."""

    created: CliRun
    created_state: dict[str, Any]
    created_ids: dict[str, str]
    same: CliRun
    same_requests: list[RecordedRequest]
    same_after_refresh: CliRun
    updated: CliRun
    updated_requests: list[RecordedRequest]
    updated_state: dict[str, Any]
    drift_refreshed: dict[str, dict[str, Any]]
    drift_preview: CliRun
    drift_undone: CliRun
    drift_undone_state: dict[str, Any]
    replaced: CliRun
    replaced_requests: list[RecordedRequest]
    replaced_state: dict[str, Any]
    replaced_ids: dict[str, str]
    dropped: dict[str, dict[str, Any]]
    recreated: CliRun
    recreated_ids: dict[str, dict[str, str]]
    adopted: CliRun
    adopted_requests: list[RecordedRequest]
    adopted_outputs: dict[str, Any]
    adopted_preview: CliRun
    destroyed_state: dict[str, Any]


def _stored(state: dict[str, Any], case: Case, id_: str) -> dict[str, Any] | None:
    """The entity as the emulator holds it; integer ids are int keys there."""
    if case.stored is not None:
        return case.stored(state, id_)
    collection: dict[Any, dict[str, Any]] = state[case.collection]
    return collection.get(id_, collection.get(int(id_) if id_.isdigit() else id_))


def _target_ids(run: CliRun) -> dict[str, str]:
    steps = run.steps()
    return {case.name: steps[f"target-{case.name}"].id_ or "" for case in CASES}


@pytest.fixture(scope="module")
def life(cli_dir: Any, emulator: ConfigCatEmulator, tmp_path_factory: pytest.TempPathFactory) -> Life:
    settings = {
        "configcat:basicAuthUsername": emulator.username,
        "configcat:basicAuthPassword": emulator.password,
        "configcat:basePath": emulator.base_url,
        f"{PROJECT}:org": emulator.organization_id,
    }
    stack = Stack(cli_dir, tmp_path_factory.mktemp("lifecycle"), settings, project=PROJECT)
    base = {case.name: _inputs(case) for case in CASES}
    updated = {case.name: _inputs(case, updated=True) for case in CASES}
    replaced = {case.name: _inputs(case, updated=True, replaced=True) for case in CASES}

    stack.write_program(program(base))
    created = stack.up()
    created_state = emulator.state()
    created_ids = _target_ids(created)

    emulator.requests.clear()
    same = stack.preview()
    same_requests = list(emulator.requests)
    stack.refresh()
    same_after_refresh = stack.preview()

    stack.write_program(program(updated))
    emulator.requests.clear()
    updated_run = stack.up()
    updated_requests = list(emulator.requests)
    updated_state = emulator.state()

    for case in CASES:
        if case.dashboard_change is not None:
            case.dashboard_change(emulator, created_ids[case.name])
            continue
        status, _ = emulator.call(
            case.drift_method, case.path.format(id=created_ids[case.name]), case.drift_body
        )
        assert status == 200, f"{case.name}: the dashboard change was refused ({status})"
    stack.refresh()
    drift_refreshed = stack.resources()
    drift_preview = stack.preview()
    drift_undone = stack.up()
    drift_undone_state = emulator.state()

    stack.write_program(program(replaced))
    emulator.requests.clear()
    replaced_run = stack.up()
    replaced_requests = list(emulator.requests)
    replaced_state = emulator.state()
    replaced_ids = _target_ids(replaced_run)

    for case in CASES:
        id_ = replaced_ids[case.name]
        if case.dashboard_delete is not None:
            case.dashboard_delete(emulator, id_)
            continue
        # Preferences cannot be deleted; they go with their product.
        path = f"/v1/products/{id_}" if case.destroyed_stays else case.path.format(id=id_)
        status, _ = emulator.call("DELETE", path)
        assert status in (200, 204), f"{case.name}: the dashboard delete was refused ({status})"
    stack.refresh()
    dropped = stack.resources()
    recreated = stack.up()
    recreated_ids = stack.outputs()

    # Forget the stack, keep what it made: a second stack adopts it all with import_ and looks it up.
    stack.run("stack", "rm", "--force", "--yes")
    adopter = Stack(cli_dir, tmp_path_factory.mktemp("adopter"), settings, project=PROJECT)
    adopter.write_program(
        program(
            replaced,
            imports=recreated_ids,
            lookups={case.name: recreated_ids[case.name]["target"] for case in CASES},
        )
    )
    emulator.requests.clear()
    adopted = adopter.up()
    adopted_requests = list(emulator.requests)
    adopted_outputs = adopter.outputs()
    adopted_preview = adopter.preview()
    adopter.destroy()

    return Life(
        created=created,
        created_state=created_state,
        created_ids=created_ids,
        same=same,
        same_requests=same_requests,
        same_after_refresh=same_after_refresh,
        updated=updated_run,
        updated_requests=updated_requests,
        updated_state=updated_state,
        drift_refreshed=drift_refreshed,
        drift_preview=drift_preview,
        drift_undone=drift_undone,
        drift_undone_state=drift_undone_state,
        replaced=replaced_run,
        replaced_requests=replaced_requests,
        replaced_state=replaced_state,
        replaced_ids=replaced_ids,
        dropped=dropped,
        recreated=recreated,
        recreated_ids=recreated_ids,
        adopted=adopted,
        adopted_requests=adopted_requests,
        adopted_outputs=adopted_outputs,
        adopted_preview=adopted_preview,
        destroyed_state=emulator.state(),
    )


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_create(life: Life, case: Case) -> None:
    assert life.created.ops()[f"target-{case.name}"] == "create"
    assert _stored(life.created_state, case, life.created_ids[case.name]) is not None


def test_no_change_preview_sends_nothing(life: Life) -> None:
    assert life.same_requests == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_no_change_preview(life: Life, case: Case) -> None:
    assert life.same.ops()[f"target-{case.name}"] == "same"
    assert life.same_after_refresh.ops()[f"target-{case.name}"] == "same", (
        "a refresh without drift made a diff"
    )


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_update_in_place_is_one_write(life: Life, case: Case) -> None:
    step = life.updated.steps()[f"target-{case.name}"]
    assert step.op == "update"
    assert sorted(step.diffs) == ([] if case.secret_drifted else sorted(case.update))
    id_ = life.created_ids[case.name]
    assert step.id_ == id_
    path = case.update_path(id_) if case.update_path else case.path.format(id=id_)
    assert [w for w in _writes(life.updated_requests) if w[1] == path] == [(case.update_method, path)]
    stored = _stored(life.updated_state, case, id_)
    assert stored is not None
    assert {key: stored[key] for key in case.wire_after_update} == case.wire_after_update


def _dashboard_edit(case: Case) -> tuple[str, Any]:
    """The wire field the dashboard's write changes, and the value it writes."""
    if isinstance(case.drift_body, list):  # a JSON Patch of one field
        (operation,) = case.drift_body
        return str(operation["path"]).strip("/").split("/")[0], operation["value"]
    wire_key = next(iter(case.drift_body))
    return wire_key, case.drift_body[wire_key]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_dashboard_change_seen_by_refresh_and_undone_by_up(life: Life, case: Case) -> None:
    name = f"target-{case.name}"
    if not case.secret_drifted:
        wire_key, dashboard_value = _dashboard_edit(case)
        assert life.drift_refreshed[name]["outputs"][case.drifted] == dashboard_value
    preview = life.drift_preview.steps()[name]
    assert preview.op == "update"
    if case.secret_drifted:
        assert preview.diffs == []
    else:
        assert case.drifted in preview.diffs
    assert life.drift_undone.ops()[name] == "update"
    stored = _stored(life.drift_undone_state, case, life.created_ids[case.name])
    assert stored is not None
    if not case.secret_drifted:
        assert stored[wire_key] != dashboard_value
    assert {key: stored[key] for key in case.wire_after_update} == case.wire_after_update


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.replace is not None], ids=[c.name for c in CASES if c.replace]
)
def test_replace(life: Life, case: Case) -> None:
    step = life.replaced.steps()[f"target-{case.name}"]
    assert step.op == "replace"
    assert sorted(step.replaces) == sorted(case.replaces)
    old, new = life.created_ids[case.name], life.replaced_ids[case.name]
    assert new != old
    assert _stored(life.replaced_state, case, new) is not None
    if not case.destroyed_stays:
        assert _stored(life.replaced_state, case, old) is None
    if case.replace_moves:
        assert _stored(life.replaced_state, case, new) == _stored(life.drift_undone_state, case, old)
    if case.destroyed_stays or case.replace_moves:
        return
    # The new entity is made first (the engine's default), unless the provider asked to delete first.
    writes = _writes(life.replaced_requests)
    deleted_at = writes.index(("DELETE", case.path.format(id=old)))
    parents = {id_ for role, id_ in life.recreated_ids[case.name].items() if role != "target"}
    (created_at,) = [
        i for i, (method, path) in enumerate(writes) if method == "POST" and path.split("/")[3] in parents
    ]
    assert (deleted_at < created_at) == case.delete_before_replace, writes


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_deleted_in_dashboard_dropped_by_refresh_and_created_again(life: Life, case: Case) -> None:
    name = f"target-{case.name}"
    assert name not in life.dropped
    assert life.recreated.ops()[name] == "create"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_import_adopts_without_creating(life: Life, case: Case) -> None:
    name = f"target-{case.name}"
    assert life.adopted.ops()[name] == "create"
    assert life.adopted_outputs[case.name] == life.recreated_ids[case.name]
    assert [w for w in _writes(life.adopted_requests) if w[0] == "POST" and "preferences" not in w[1]] == []
    assert life.adopted_preview.ops()[name] == "same"


def test_import_writes_nothing_when_the_program_matches(life: Life) -> None:
    assert _writes(life.adopted_requests) == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_get_reads_the_entity(life: Life, case: Case) -> None:
    assert life.adopted.ops()[f"got-{case.name}"] == "read"
    got = life.adopted_outputs[f"got-{case.name}"]
    assert got["id"] == life.recreated_ids[case.name]["target"]
    if case.secret_drifted:  # as the stack outputs show a secret (--show-secrets): the program's value
        assert got["value"] == _inputs(case, updated=True, replaced=True)[case.drifted]
        return
    adopted = life.adopted.steps()[f"target-{case.name}"].outputs or {}
    assert got["value"] == adopted.get(case.drifted)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_destroy_removes_what_the_stack_made(life: Life, case: Case) -> None:
    ids = life.recreated_ids[case.name]
    assert _stored(life.destroyed_state, case, ids["target"]) is None
    assert ids["product"] not in life.destroyed_state["products"]
    assert ids["other"] not in life.destroyed_state["products"]
