"""Members and invitations in the emulator: every answer checked against the spec, invitations pending until
the test hook accepts them, groups and roles of members, cascades."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_configcat.testing import ConfigCatEmulator

from .conftest import Client


@pytest.fixture
def team(client: Client, product: dict[str, Any]) -> dict[str, Any]:
    pid = product["productId"]
    devs = client.ok("POST", f"/v1/products/{pid}/permissions", json={"name": "Devs"})["permissionGroupId"]
    ops = client.ok("POST", f"/v1/products/{pid}/permissions", json={"name": "Ops"})["permissionGroupId"]
    return {"pid": pid, "devs": devs, "ops": ops, "org": client.emu.organization_id}


def _invite(client: Client, pid: str, group: int, *emails: str) -> None:
    assert (
        client.ok(
            "POST",
            f"/v1/products/{pid}/members/invite",
            json={"emails": list(emails), "permissionGroupId": group},
        )
        is None
    )


def test_an_invitation_is_pending_until_accepted(
    client: Client, emu: ConfigCatEmulator, team: dict[str, Any]
) -> None:
    pid, org = team["pid"], team["org"]
    _invite(client, pid, team["devs"], "ada@example.com", "bob@example.com")
    pending = client.ok("GET", f"/v1/products/{pid}/invitations")
    assert [(i["email"], i["permissionGroupId"], i["expired"]) for i in pending] == [
        ("ada@example.com", team["devs"], False),
        ("bob@example.com", team["devs"], False),
    ]
    in_org = client.ok("GET", f"/v1/organizations/{org}/invitations")
    assert {i["productName"] for i in in_org} == {"Shop"}
    assert client.ok("GET", f"/v1/products/{pid}/members") == []

    user_id = emu.accept_invitation(email="ADA@example.com", full_name="Ada")
    assert [i["email"] for i in client.ok("GET", f"/v1/products/{pid}/invitations")] == ["bob@example.com"]
    (member,) = client.ok("GET", f"/v1/products/{pid}/members")
    assert (member["userId"], member["email"], member["fullName"], member["permissionGroupId"]) == (
        user_id,
        "ada@example.com",
        "Ada",
        team["devs"],
    )
    v1 = client.ok("GET", f"/v1/organizations/{org}/members")
    assert {u["email"] for u in v1} == {"emulator@example.com", "ada@example.com"}
    v2 = client.ok("GET", f"/v2/organizations/{org}/members")
    assert [a["email"] for a in v2["admins"]] == ["emulator@example.com"]
    (ada,) = [m for m in v2["members"] if m["userId"] == user_id]
    assert ada["permissions"] == [
        {
            "product": {"productId": pid, "name": "Shop"},
            "permissionGroup": {"permissionGroupId": team["devs"], "name": "Devs"},
        }
    ]
    # an accepted invitation is gone; the hook refuses it, and re-inviting a member sends nothing
    with pytest.raises(KeyError):
        emu.accept_invitation(email="ada@example.com")
    _invite(client, pid, team["ops"], "ada@example.com")
    assert [i["email"] for i in client.ok("GET", f"/v1/products/{pid}/invitations")] == ["bob@example.com"]


def test_invite_refusals(client: Client, team: dict[str, Any], product: dict[str, Any]) -> None:
    pid = team["pid"]
    other = client.ok("POST", f"/v1/organizations/{team['org']}/products", json={"name": "Other"})[
        "productId"
    ]
    foreign = client.ok("POST", f"/v1/products/{other}/permissions", json={"name": "F"})["permissionGroupId"]
    cases = [
        ({"emails": ["x@example.com"], "permissionGroupId": foreign}, "PermissionGroupId"),
        ({"emails": [], "permissionGroupId": team["devs"]}, "Emails"),
        ({"emails": ["ok@example.com", "nope"], "permissionGroupId": team["devs"]}, "Emails[1]"),
        ({"permissionGroupId": team["devs"]}, "Emails"),
    ]
    for body, key in cases:
        response = client.post(f"/v1/products/{pid}/members/invite", json=body)
        assert response.status_code == 400, body
        assert key in response.json(), response.json()
        assert "nope" not in response.text
    assert client.ok("GET", f"/v1/products/{pid}/invitations") == []


def test_re_inviting_moves_the_pending_invitation(client: Client, team: dict[str, Any]) -> None:
    pid = team["pid"]
    _invite(client, pid, team["devs"], "cy@example.com")
    _invite(client, pid, team["ops"], "CY@example.com")
    (only,) = client.ok("GET", f"/v1/products/{pid}/invitations")
    assert (only["email"], only["permissionGroupId"]) == ("CY@example.com", team["ops"])
    assert client.delete(f"/v1/invitations/{only['invitationId']}").status_code == 204
    assert client.delete(f"/v1/invitations/{only['invitationId']}").status_code == 404


def test_member_groups_and_roles(client: Client, emu: ConfigCatEmulator, team: dict[str, Any]) -> None:
    pid, org = team["pid"], team["org"]
    other = client.ok("POST", f"/v1/organizations/{org}/products", json={"name": "Other"})["productId"]
    elsewhere = client.ok("POST", f"/v1/products/{other}/permissions", json={"name": "E"})[
        "permissionGroupId"
    ]
    _invite(client, pid, team["devs"], "dee@example.com")
    user = emu.accept_invitation(email="dee@example.com")
    path = f"/v1/organizations/{org}/members/{user}"

    def groups() -> list[int]:
        v2 = client.ok("GET", f"/v2/organizations/{org}/members")
        (me,) = [m for m in v2["members"] if m["userId"] == user]
        return sorted(p["permissionGroup"]["permissionGroupId"] for p in me["permissions"])

    # added beside what the member has; moved within a product; only one group per product
    assert client.ok("POST", path, json={"permissionGroupIds": [elsewhere]}) is None
    assert groups() == sorted([team["devs"], elsewhere])
    client.ok("POST", path, json={"permissionGroupIds": [team["ops"]], "isBillingManager": True})
    assert groups() == sorted([team["ops"], elsewhere])
    refused = client.post(path, json={"permissionGroupIds": [team["devs"], team["ops"]]})
    assert refused.status_code == 400
    assert "PermissionGroupIds[1]" in refused.json()
    assert client.post(path, json={"permissionGroupIds": [999999]}).status_code == 400
    # removeFromPermissionGroupsWhereIdNotSet: the list is the whole set
    client.ok(
        "POST",
        path,
        json={
            "permissionGroupIds": [elsewhere],
            "isAdmin": True,
            "removeFromPermissionGroupsWhereIdNotSet": True,
        },
    )
    assert groups() == [elsewhere]
    v2 = client.ok("GET", f"/v2/organizations/{org}/members")
    assert user in {a["userId"] for a in v2["admins"]}
    assert user in {b["userId"] for b in v2["billingManagers"]}
    # out of one product, then out of the organization
    assert client.delete(f"/v1/products/{other}/members/{user}").status_code == 204
    assert client.delete(f"/v1/products/{other}/members/{user}").status_code == 404
    assert groups() == []
    assert client.delete(path).status_code == 204
    assert client.delete(path).status_code == 404
    assert client.post(path, json={"permissionGroupIds": []}).status_code == 404


def test_cascades_of_group_and_product_deletes(
    client: Client, emu: ConfigCatEmulator, team: dict[str, Any]
) -> None:
    pid = team["pid"]
    _invite(client, pid, team["devs"], "eve@example.com", "fay@example.com")
    _invite(client, pid, team["ops"], "gus@example.com")
    user = emu.accept_invitation(email="eve@example.com")
    client.delete(f"/v1/permissions/{team['devs']}")
    assert [i["email"] for i in client.ok("GET", f"/v1/products/{pid}/invitations")] == ["gus@example.com"]
    assert client.ok("GET", f"/v1/products/{pid}/members") == []
    assert user in emu.state()["users"]  # still in the organization
    client.delete(f"/v1/products/{pid}")
    assert emu.state()["invitations"] == {}
    assert client.get(f"/v1/products/{pid}/invitations").status_code == 404


def test_unknown_organization_and_hook_misuse(client: Client, emu: ConfigCatEmulator) -> None:
    other = "08d86d63-2726-47cd-8bfc-59608ecb91e2"
    for path in (
        f"/v1/organizations/{other}/members",
        f"/v2/organizations/{other}/members",
        f"/v1/organizations/{other}/invitations",
    ):
        assert client.get(path).status_code == 404
    with pytest.raises(ValueError, match="exactly one"):
        emu.accept_invitation()
    with pytest.raises(KeyError):
        emu.accept_invitation(email="nobody@example.com")
