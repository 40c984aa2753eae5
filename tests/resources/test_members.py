"""Invitations and OrganizationMember through the engine's life cycle, against the emulator, over the real
provider process: create, no-change run, one-write update, dashboard drift refreshed and undone, deleted in
the dashboard, import_, get(), destroy; and the invitation states (pending, accepted, removed member) that
must each read back without a diff."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi
import pytest
from pulumi.output import Unknown

import pulumi_configcat as configcat
from pulumi_configcat._exceptions import BadRequestError
from pulumi_configcat.resources._emails import BLANKED, GROUP_PRODUCTS_KEY, quiet_emails
from pulumi_configcat.resources.invitations import InvitationsProvider
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import MiniEngine, RunResult, Step, secret
from tests.harness._wire import is_secret


def _ok(result: RunResult) -> RunResult:
    assert result.errors == []
    return result


def _step(result: RunResult | list[Step], name: str) -> Step:
    steps = result.steps if isinstance(result, RunResult) else result
    (step,) = [step for step in steps if step.name == name]
    return step


def _requests(emulator: ConfigCatEmulator) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in emulator.requests]


def _writes(emulator: ConfigCatEmulator) -> list[tuple[str, str]]:
    return [(m, p) for m, p in _requests(emulator) if m != "GET"]


def _pending(emulator: ConfigCatEmulator, product_id: str) -> dict[str, int]:
    status, body = emulator.call("GET", f"/v1/products/{product_id}/invitations")
    assert status == 200
    return {i["email"]: i["permissionGroupId"] for i in body}


def _product_and_groups(emulator: ConfigCatEmulator, name: str, groups: int = 2) -> tuple[str, list[int]]:
    status, product = emulator.call(
        "POST", f"/v1/organizations/{emulator.organization_id}/products", {"name": name}
    )
    assert status == 201
    ids = []
    for index in range(groups):
        status, group = emulator.call(
            "POST", f"/v1/products/{product['productId']}/permissions", {"name": f"g{index}"}
        )
        assert status == 201
        ids.append(group["permissionGroupId"])
    return product["productId"], ids


# ------------------------------------------------------------------------------------------------ Invitations


def _invitations(
    org: str, unique: str, emails: list[str], *, other_group: bool = False
) -> Callable[[], None]:
    org_name = f"onboarding-{unique}"

    def program() -> None:
        product = configcat.Product(org_name, organization_id=org)
        developers = configcat.PermissionGroup(f"developers-{unique}", product_id=product.id)
        viewers = configcat.PermissionGroup(f"viewers-{unique}", product_id=product.id)
        target = configcat.Invitations(
            f"target-{unique}",
            product_id=product.id,
            permission_group_id=(viewers if other_group else developers).id,
            emails=emails,
        )
        pulumi.export("product_id", product.id)
        pulumi.export("group_id", developers.id)
        pulumi.export("viewers_id", viewers.id)
        pulumi.export("pending", target.pending)
        pulumi.export("accepted", target.accepted)

    return program


def test_invitations_life_cycle(engine: MiniEngine, emulator: ConfigCatEmulator, unique: str) -> None:
    a, b, c = (f"{who}-{unique}@example.com" for who in ("ada", "bob", "cy"))
    name = f"target-{unique}"

    # create: the product, two groups and one invitation request for both addresses
    emulator.requests.clear()
    created = _ok(engine.run(_invitations(emulator.organization_id, unique, [a, b])))
    assert _step(created, name).op == "create"
    product_id, group_id = created.exports["product_id"], int(created.exports["group_id"])
    assert _writes(emulator)[-1] == ("POST", f"/v1/products/{product_id}/members/invite")
    assert len(_writes(emulator)) == 4
    assert _step(created, name).id_ == f"{product_id}:{group_id}"
    assert _pending(emulator, product_id) == {a: group_id, b: group_id}
    assert created.exports["pending"] == secret([a, b])

    # same: nothing sent
    emulator.requests.clear()
    same = _ok(engine.run(_invitations(emulator.organization_id, unique, [b, a])))  # order means nothing
    assert {step.op for step in same.steps} == {"same"}
    assert emulator.requests == []

    # refresh with nothing changed: no drift
    emulator.requests.clear()
    assert _step(engine.refresh(), name).diff.changes == "DIFF_NONE"  # type: ignore[union-attr]
    assert [r for r in _requests(emulator) if r[1].endswith(("/invitations", "/members"))] == [
        ("GET", f"/v1/products/{product_id}/invitations"),
        ("GET", f"/v1/products/{product_id}/members"),
    ]

    # update: one more address is one invitation request, for it alone
    emulator.requests.clear()
    updated = _ok(engine.run(_invitations(emulator.organization_id, unique, [a, b, c])))
    assert _step(updated, name).op == "update"
    assert _writes(emulator) == [("POST", f"/v1/products/{product_id}/members/invite")]
    assert emulator.requests[-1].json() == {"emails": [c], "permissionGroupId": group_id}

    # accepted between runs: reads back accepted, no diff, and the next run sends nothing
    user_id = emulator.accept_invitation(email=a)
    refreshed = _step(engine.refresh(), name)
    assert refreshed.diff is not None
    assert refreshed.diff.changes == "DIFF_NONE"
    emulator.requests.clear()
    after_accept = _ok(engine.run(_invitations(emulator.organization_id, unique, [a, b, c])))
    assert _step(after_accept, name).op == "same"
    assert after_accept.exports["accepted"] == secret([a])
    assert after_accept.exports["pending"] == secret([b, c])
    assert _writes(emulator) == []

    # a member removed from the product stays "accepted": the invitation did its work, nothing is re-sent
    status, _ = emulator.call("DELETE", f"/v1/products/{product_id}/members/{user_id}")
    assert status == 204
    assert _step(engine.refresh(), name).diff.changes == "DIFF_NONE"  # type: ignore[union-attr]
    emulator.requests.clear()
    assert (
        _step(_ok(engine.run(_invitations(emulator.organization_id, unique, [a, b, c]))), name).op == "same"
    )
    assert _writes(emulator) == []

    # drift: an invitation revoked in the dashboard shows on refresh, and the next run invites again
    (invitation,) = [
        i for i in emulator.call("GET", f"/v1/products/{product_id}/invitations")[1] if i["email"] == b
    ]
    assert emulator.call("DELETE", f"/v1/invitations/{invitation['invitationId']}")[0] == 204
    drifted = _step(engine.refresh(), name)
    assert drifted.diff is not None
    assert drifted.diff.changes == "DIFF_SOME"
    emulator.requests.clear()
    corrected = _ok(engine.run(_invitations(emulator.organization_id, unique, [a, b, c])))
    assert _step(corrected, name).op == "update"
    assert _writes(emulator) == [("POST", f"/v1/products/{product_id}/members/invite")]
    assert emulator.requests[-1].json() == {"emails": [b], "permissionGroupId": group_id}
    assert (
        _step(_ok(engine.run(_invitations(emulator.organization_id, unique, [a, b, c]))), name).op == "same"
    )

    # dropping a pending address revokes its invitation (one read to find it, one delete)
    emulator.requests.clear()
    _ok(engine.run(_invitations(emulator.organization_id, unique, [a, b])))
    assert [m for m, _ in _writes(emulator)] == ["DELETE"]
    assert set(_pending(emulator, product_id)) == {b}

    # replace: another group
    replaced = _ok(engine.run(_invitations(emulator.organization_id, unique, [a, b], other_group=True)))
    step = _step(replaced, name)
    assert step.op == "replace"
    assert step.diff is not None
    assert step.diff.replaces == ["permission_group_id"]
    viewers_id = int(replaced.exports["viewers_id"])
    assert _pending(emulator, product_id) == {a: viewers_id, b: viewers_id}

    # deleted in the dashboard (the group, and its invitations with it): refresh drops it, up makes it again
    assert emulator.call("DELETE", f"/v1/permissions/{viewers_id}")[0] == 204
    assert _step(engine.refresh(), name).op == "delete"
    recreated = _ok(engine.run(_invitations(emulator.organization_id, unique, [a, b], other_group=True)))
    assert _step(recreated, name).op == "create"
    new_viewers = int(recreated.exports["viewers_id"])
    assert _pending(emulator, product_id) == {a: new_viewers, b: new_viewers}

    # destroy: pending invitations revoked; the member who accepted stays in the organization
    engine.destroy()
    assert engine.state == {}
    assert user_id in emulator.state()["users"]


def test_invitations_import_and_get(engine: MiniEngine, emulator: ConfigCatEmulator, unique: str) -> None:
    product_id, (group_id, _) = _product_and_groups(emulator, f"adopted-{unique}")
    a, b, c = (f"{who}-{unique}@example.com" for who in ("ada", "bob", "cy"))
    emulator.call(
        "POST", f"/v1/products/{product_id}/members/invite", {"emails": [a, b], "permissionGroupId": group_id}
    )
    emulator.accept_invitation(email=a)
    id_ = f"{product_id}:{group_id}"

    def program(emails: list[str]) -> Callable[[], None]:
        def run() -> None:
            configcat.Invitations(
                "adopted",
                product_id=product_id,
                permission_group_id=group_id,
                emails=emails,
                opts=pulumi.ResourceOptions(import_=id_),
            )

        return run

    # an adoption keeps what is pending or accepted and invites only the rest
    emulator.requests.clear()
    adopted = _ok(engine.run(program([a, b, c])))
    assert _step(adopted, "adopted").op == "create"
    assert _step(adopted, "adopted").id_ == id_
    assert _writes(emulator) == [("POST", f"/v1/products/{product_id}/members/invite")]
    assert emulator.requests[-1].json()["emails"] == [c]
    emulator.requests.clear()
    assert _step(_ok(engine.run(program([a, b, c]))), "adopted").op == "same"
    assert _writes(emulator) == []

    # an id of another shape, or of a group that does not exist, is refused
    refused = MiniEngine(engine.provider).run(
        lambda: configcat.Invitations(
            "wrong",
            product_id=product_id,
            permission_group_id=999999,
            emails=[a],
            opts=pulumi.ResourceOptions(import_=f"{product_id}:999999"),
        )
    )
    (error,) = refused.errors
    assert "no permission group 999999 exists" in str(error)

    # get(): everyone pending or a member of the group, as secrets
    found = _ok(
        MiniEngine(engine.provider).run(
            lambda: pulumi.export("emails", configcat.Invitations.get("seen", id_).emails)
        )
    )
    assert found.exports["emails"] == secret(sorted([a, b, c]))


def test_invitations_refuse_a_group_of_another_product_with_the_property_named(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    product_id, _ = _product_and_groups(emulator, f"mine-{unique}", groups=0)
    other_id, (other_group,) = _product_and_groups(emulator, f"theirs-{unique}", groups=1)
    email = f"someone-{unique}@example.com"

    # known at check: the group is a PermissionGroup of this program, of another product
    def declared() -> None:
        theirs = configcat.PermissionGroup(f"theirs-{unique}", product_id=other_id)
        configcat.Invitations("wrong", product_id=product_id, permission_group_id=theirs.id, emails=[email])

    emulator.requests.clear()
    result = engine.run(declared)
    (error,) = result.errors
    assert "permission_group_id is a permission group of product " + other_id in str(error)
    assert email not in str(error)
    assert not [r for r in _writes(emulator) if "invite" in r[1]]

    # a literal id: the API refuses the invitation, and the error says why in the property's terms
    engine.destroy()
    emulator.requests.clear()
    literal = MiniEngine(engine.provider).run(
        lambda: configcat.Invitations(
            "literal", product_id=product_id, permission_group_id=other_group, emails=[email]
        )
    )
    (error,) = literal.errors
    assert f"permission_group_id {other_group} is a permission group of product {other_id}" in str(error)
    assert email not in str(error)
    assert _pending(emulator, product_id) == {}


# ----------------------------------------------------------------------------------------- OrganizationMember


def _member(emulator: ConfigCatEmulator, user_id: str, groups: list[int], **extra: Any) -> Callable[[], None]:
    def program() -> None:
        member = configcat.OrganizationMember(
            "member",
            organization_id=emulator.organization_id,
            user_id=user_id,
            permission_group_ids=groups,
            **extra,
        )
        pulumi.export("email", member.email)

    return program


def _permissions(emulator: ConfigCatEmulator, user_id: str) -> dict[str, Any]:
    user = emulator.state()["users"][user_id]
    return {
        "groups": sorted(user["permissions"].values()),
        "admin": user["isAdmin"],
        "billing": user["isBillingManager"],
    }


def test_organization_member_life_cycle(engine: MiniEngine, emulator: ConfigCatEmulator, unique: str) -> None:
    product_id, (g1, g2) = _product_and_groups(emulator, f"team-{unique}")
    _, (g3,) = _product_and_groups(emulator, f"other-{unique}", groups=1)
    email = f"ada-{unique}@example.com"
    emulator.call(
        "POST", f"/v1/products/{product_id}/members/invite", {"emails": [email], "permissionGroupId": g1}
    )
    user_id = emulator.accept_invitation(email=email, full_name="Ada")
    path = f"/v1/organizations/{emulator.organization_id}/members/{user_id}"

    # create takes the member over: one read, one write of the whole set of groups
    emulator.requests.clear()
    created = _ok(engine.run(_member(emulator, user_id, [g1, g3], is_billing_manager=True)))
    assert _step(created, "member").op == "create"
    assert _step(created, "member").id_ == f"{emulator.organization_id}:{user_id}"
    assert _requests(emulator) == [
        ("GET", f"/v2/organizations/{emulator.organization_id}/members"),
        ("POST", path),
    ]
    assert emulator.requests[-1].json() == {
        "permissionGroupIds": [g1, g3],
        "isAdmin": False,
        "isBillingManager": True,
        "removeFromPermissionGroupsWhereIdNotSet": True,
    }
    assert _permissions(emulator, user_id) == {"groups": sorted([g1, g3]), "admin": False, "billing": True}
    assert created.exports["email"] == secret(email)

    # same: nothing sent
    emulator.requests.clear()
    assert {
        s.op for s in _ok(engine.run(_member(emulator, user_id, [g3, g1], is_billing_manager=True))).steps
    } == {"same"}
    assert emulator.requests == []
    assert _step(engine.refresh(), "member").diff.changes == "DIFF_NONE"  # type: ignore[union-attr]

    # update: moved to another group of the product, one write
    emulator.requests.clear()
    updated = _ok(engine.run(_member(emulator, user_id, [g2, g3], is_billing_manager=True)))
    assert _step(updated, "member").op == "update"
    assert _requests(emulator) == [("POST", path)]
    assert _permissions(emulator, user_id)["groups"] == sorted([g2, g3])

    # drift in the dashboard: made an admin and taken out of a product; refresh sees it, up undoes it
    emulator.call(
        "POST",
        path,
        {"permissionGroupIds": [g2], "isAdmin": True, "removeFromPermissionGroupsWhereIdNotSet": True},
    )
    drifted = _step(engine.refresh(), "member")
    assert drifted.diff is not None
    assert drifted.diff.changes == "DIFF_SOME"
    emulator.requests.clear()
    assert (
        _step(_ok(engine.run(_member(emulator, user_id, [g2, g3], is_billing_manager=True))), "member").op
        == "update"
    )
    assert _requests(emulator) == [("POST", path)]
    assert _permissions(emulator, user_id) == {"groups": sorted([g2, g3]), "admin": False, "billing": True}

    # only what destroying does changes: stored, nothing sent
    emulator.requests.clear()
    kept = _ok(
        engine.run(
            _member(emulator, user_id, [g2, g3], is_billing_manager=True, remove_from_organization=False)
        )
    )
    assert _step(kept, "member").op == "update"
    assert emulator.requests == []

    # get(): the member's outputs, e-mail secret
    found = _ok(
        MiniEngine(engine.provider).run(
            lambda: pulumi.export(
                "m", configcat.OrganizationMember.get("seen", f"{emulator.organization_id}:{user_id}").email
            )
        )
    )
    assert found.exports["m"] == secret(email)

    # destroy with remove_from_organization=False: out of each product, still in the organization
    emulator.requests.clear()
    engine.destroy()
    assert user_id in emulator.state()["users"]
    assert _permissions(emulator, user_id)["groups"] == []
    assert {m for m, _ in _writes(emulator)} == {"DELETE"}

    # import_ adopts, then destroy (default) removes the person from the organization
    def imported() -> None:
        configcat.OrganizationMember(
            "member",
            organization_id=emulator.organization_id,
            user_id=user_id,
            permission_group_ids=[g1],
            opts=pulumi.ResourceOptions(import_=f"{emulator.organization_id}:{user_id}"),
        )

    emulator.requests.clear()
    assert _step(_ok(engine.run(imported)), "member").op == "create"
    assert _writes(emulator) == [("POST", path)]
    assert _permissions(emulator, user_id)["groups"] == [g1]

    # deleted in the dashboard: refresh drops it; declaring it again fails, saying how a person joins
    assert emulator.call("DELETE", path)[0] == 204
    assert _step(engine.refresh(), "member").op == "delete"
    adopted_again = engine.run(imported)
    (error,) = adopted_again.errors
    assert "no such OrganizationMember exists" in str(error)
    again = engine.run(_member(emulator, user_id, [g1]))
    (error,) = again.errors
    assert "is not a member of organization" in str(error)
    assert "configcat.Invitations" in str(error)


def test_organization_member_destroy_removes_from_the_organization(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    product_id, (g1, _) = _product_and_groups(emulator, f"leaving-{unique}")
    email = f"leaver-{unique}@example.com"
    emulator.call(
        "POST", f"/v1/products/{product_id}/members/invite", {"emails": [email], "permissionGroupId": g1}
    )
    user_id = emulator.accept_invitation(email=email)
    emulator.requests.clear()
    _ok(engine.run(_member(emulator, user_id, [g1])))
    assert _writes(emulator) == []  # already exactly so: nothing to send
    engine.destroy()
    assert user_id not in emulator.state()["users"]


def test_organization_member_refuses_two_groups_of_one_product_at_check(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def program() -> None:
        product = configcat.Product(f"two-groups-{unique}", organization_id=emulator.organization_id)
        first = configcat.PermissionGroup(f"first-{unique}", product_id=product.id)
        second = configcat.PermissionGroup(f"second-{unique}", product_id=product.id)
        configcat.OrganizationMember(
            "twice",
            organization_id=emulator.organization_id,
            user_id="u1",
            permission_group_ids=[first.id, second.id],
        )

    result = engine.run(program)
    (error,) = result.errors
    assert "permission_group_ids[1] is a second permission group of product" in str(error)
    engine.destroy()


# ------------------------------------------------------------------------------------------- what is secret


def test_emails_are_secret_in_state_and_absent_from_errors_and_logs(
    engine: MiniEngine, emulator: ConfigCatEmulator, provider_process: Any, unique: str
) -> None:
    product_id, (group_id, _) = _product_and_groups(emulator, f"quiet-{unique}")
    email = f"private-{unique}@example.com"

    def program() -> None:
        configcat.Invitations("quiet", product_id=product_id, permission_group_id=group_id, emails=[email])

    # a retried read makes the client log; the state keeps the addresses only inside secrets
    _ok(engine.run(program))
    emulator.inject_fault("status", method="GET", path=r"/invitations$", status=502, times=1)
    engine.refresh()
    (state,) = [s for s in engine.state.values() if s.name == "quiet"]
    for where in (state.inputs, state.outputs):
        assert is_secret(where["emails"])
        assert email not in str(
            {k: v for k, v in where.items() if k not in ("emails", "pending", "accepted")}
        )
    assert is_secret(state.outputs["pending"])
    log = "\n".join(provider_process.log)
    assert "retrying" in log
    assert email not in log

    # an API refusal (the group deleted behind the program's back) names the group, never the address
    emulator.call("DELETE", f"/v1/permissions/{group_id}")
    result = engine.run(
        lambda: configcat.Invitations(
            "quiet", product_id=product_id, permission_group_id=group_id, emails=[email, f"x{email}"]
        )
    )
    (error,) = result.errors
    assert f"permission_group_id {group_id} names no permission group" in str(error)
    assert email not in str(error)
    assert email not in "\n".join(provider_process.log)


@pytest.mark.parametrize(
    ("inputs", "prop", "words"),
    [
        ({"emails": []}, "emails", "non-empty list of e-mail addresses"),
        ({"emails": ["not-an-address"]}, "emails[0]", "must be an e-mail address"),
        ({"emails": ["a@example.com", "a@b"]}, "emails[1]", "must be an e-mail address"),
        ({"emails": ["a@example.com", "A@Example.com"]}, "emails[1]", "repeats [0]"),
        ({"emails": ["ok@example.com", "with space@example.com"]}, "emails[1]", "must be an e-mail address"),
        ({"permission_group_id": "devs"}, "permission_group_id", "integer id"),
        ({"product_id": "shop"}, "product_id", "UUID"),
    ],
)
def test_invitations_check_refuses_naming_the_property_and_no_address(
    inputs: dict[str, Any], prop: str, words: str
) -> None:

    news = {
        "product_id": "08d86d63-2726-47cd-8bfc-59608ecb91e2",
        "permission_group_id": 7,
        "emails": ["a@example.com"],
    }
    result = InvitationsProvider().check({}, {**news, **inputs})
    assert [(f.property, words in f.reason) for f in result.failures] == [(prop, True)]
    for failure in result.failures:
        for address in inputs.get("emails", []):
            assert address not in failure.reason


def test_invitations_check_is_case_blind_and_stops_nothing_at_preview() -> None:

    guid = "08d86d63-2726-47cd-8bfc-59608ecb91e2"
    ok = InvitationsProvider().check(
        {}, {"product_id": guid, "permission_group_id": 7.0, "emails": ["Ada@Example.COM"]}
    )
    assert ok.failures == []
    assert ok.inputs["emails"] == ["ada@example.com"]
    assert ok.inputs["permission_group_id"] == "7"
    # the group's product unknown (a new group at preview): nothing refused
    unknown = InvitationsProvider().check(
        {},
        {
            "product_id": guid,
            "permission_group_id": Unknown(),  # type: ignore[no-untyped-call]
            "emails": ["a@example.com"],
            GROUP_PRODUCTS_KEY: [None],
        },
    )
    assert unknown.failures == []
    assert GROUP_PRODUCTS_KEY not in unknown.inputs


def test_an_api_error_that_quotes_an_address_has_it_blanked() -> None:
    body = '{"Emails": ["Ada@Example.com is already invited", "so is other.person@corp.example"]}'
    with pytest.raises(BadRequestError) as raised, quiet_emails(["ada@example.com"]):
        raise BadRequestError(
            f"ConfigCat API POST /v1/products/x/members/invite answered 400 Bad Request: {body}",
            method="POST",
            path="/v1/products/x/members/invite",
            status_code=400,
            body=body,
        )
    for text in (str(raised.value), raised.value.body):
        assert "Ada@Example.com" not in text
        assert "other.person@corp.example" not in text
        assert text.count(BLANKED) == 2
    assert "POST /v1/products/x/members/invite answered 400" in str(raised.value)


def test_an_expired_invitation_is_sent_again(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    product_id, (group_id, _) = _product_and_groups(emulator, f"expiring-{unique}")
    email = f"late-{unique}@example.com"

    def program() -> None:
        configcat.Invitations("late", product_id=product_id, permission_group_id=group_id, emails=[email])

    _ok(engine.run(program))
    (invitation,) = [i for i in emulator.api.invitations.values() if i["productId"] == product_id]
    invitation["expires"] = "2000-01-01T00:00:00.0000000Z"  # as if two weeks had passed
    refreshed = _step(engine.refresh(), "late")
    assert refreshed.diff is not None
    assert refreshed.diff.changes == "DIFF_SOME"
    emulator.requests.clear()
    assert _step(_ok(engine.run(program)), "late").op == "update"
    assert _writes(emulator) == [("POST", f"/v1/products/{product_id}/members/invite")]
    (fresh,) = emulator.call("GET", f"/v1/products/{product_id}/invitations")[1]
    assert (fresh["email"], fresh["expired"]) == (email, False)
    assert _step(_ok(engine.run(program)), "late").op == "same"


def test_one_person_declared_twice_is_warned_about(
    engine: MiniEngine, emulator: ConfigCatEmulator, provider_process: Any, unique: str
) -> None:
    product_id, (g1, g2) = _product_and_groups(emulator, f"twice-{unique}")
    email = f"twice-{unique}@example.com"
    emulator.call(
        "POST", f"/v1/products/{product_id}/members/invite", {"emails": [email], "permissionGroupId": g1}
    )
    user_id = emulator.accept_invitation(email=email)

    def program() -> None:
        for name, group in (("first", g1), ("second", g2)):
            configcat.OrganizationMember(
                name,
                organization_id=emulator.organization_id,
                user_id=user_id,
                permission_group_ids=[group],
                remove_from_organization=False,  # so that the person is still there to declare once
            )

    _ok(engine.run(program))
    warnings = [line for line in provider_process.log if f"user {user_id} of organization" in line]
    assert len(warnings) == 1
    assert "declared by two OrganizationMember resources" in warnings[0]
    assert email not in "\n".join(provider_process.log)
    engine.destroy()
    # destroyed, then declared once: no warning
    provider_process.log.clear()
    _ok(engine.run(_member(emulator, user_id, [g1])))
    assert [line for line in provider_process.log if "declared by two" in line] == []
