"""Lookups of people against the emulator: product members, organization members, pending invitations;
their e-mail addresses out of ``repr`` and secret in the ``_output`` forms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat import lookups
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import MiniEngine, secret

UNKNOWN_GUID = "08d86d63-0000-4000-8000-00000000dead"


@dataclass(frozen=True)
class Team:
    product_id: str
    developers: int
    viewers: int
    ada: str  # a member (accepted), in developers
    ada_email: str
    bob_email: str  # invited into viewers, pending


@pytest.fixture
def env_credentials(emulator: ConfigCatEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_USERNAME", emulator.username)
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_PASSWORD", emulator.password)
    monkeypatch.setenv("CONFIGCAT_BASE_PATH", emulator.base_url)


def _call(emulator: ConfigCatEmulator, method: str, path: str, body: Any = None) -> Any:
    status, answer = emulator.call(method, path, body)
    assert status in (200, 201, 204), answer
    return answer


@pytest.fixture
def team(emulator: ConfigCatEmulator, unique: str) -> Team:
    org = emulator.organization_id
    pid = _call(emulator, "POST", f"/v1/organizations/{org}/products", {"name": f"People {unique}"})[
        "productId"
    ]
    devs = _call(emulator, "POST", f"/v1/products/{pid}/permissions", {"name": "Developers"})[
        "permissionGroupId"
    ]
    viewers = _call(emulator, "POST", f"/v1/products/{pid}/permissions", {"name": "Viewers"})[
        "permissionGroupId"
    ]
    ada, bob = f"ada-{unique}@example.com", f"bob-{unique}@example.com"
    _call(
        emulator, "POST", f"/v1/products/{pid}/members/invite", {"emails": [ada], "permissionGroupId": devs}
    )
    _call(
        emulator,
        "POST",
        f"/v1/products/{pid}/members/invite",
        {"emails": [bob], "permissionGroupId": viewers},
    )
    user_id = emulator.accept_invitation(email=ada, full_name=f"Ada {unique}")
    return Team(pid, devs, viewers, user_id, ada, bob)


@pytest.mark.usefixtures("env_credentials")
def test_product_members_organization_members_and_invitations(
    emulator: ConfigCatEmulator, team: Team, unique: str
) -> None:
    members = configcat.get_product_members(team.product_id)
    assert members.id == team.product_id
    assert members.members == [
        lookups.GetProductMembersMemberResult(
            user_id=team.ada,
            full_name=f"Ada {unique}",
            email=team.ada_email,
            permission_group_id=str(team.developers),
        )
    ]
    assert team.ada_email not in repr(members)
    assert configcat.get_product_members(team.product_id, name_filter_regex="^Nobody").members == []

    people = configcat.get_organization_members(emulator.organization_id, name_filter_regex=f"^Ada {unique}$")
    (ada,) = people.members
    assert (ada.user_id, ada.email, ada.is_admin, ada.is_billing_manager) == (
        team.ada,
        team.ada_email,
        False,
        False,
    )
    assert ada.permission_group_ids == {team.product_id: str(team.developers)}
    assert team.ada_email not in repr(people)
    admins = [p for p in configcat.get_organization_members(emulator.organization_id).members if p.is_admin]
    assert [a.email for a in admins] == ["emulator@example.com"]  # the credentials' own user

    invitations = configcat.get_invitations(team.product_id)
    (bob,) = invitations.invitations
    assert (bob.email, bob.permission_group_id, bob.expired) == (team.bob_email, str(team.viewers), False)
    assert team.bob_email not in repr(invitations)


@pytest.mark.usefixtures("env_credentials")
@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: configcat.get_product_members("../organizations"), "product_id must be a UUID"),
        (lambda: configcat.get_organization_members("x?y"), "organization_id must be a UUID"),
        (lambda: configcat.get_invitations("a/b"), "product_id must be a UUID"),
        (lambda: configcat.get_product_members(UNKNOWN_GUID, "(unclosed"), "not a valid regular"),
    ],
    ids=["product", "organization", "invitations", "regex"],
)
def test_bad_arguments_fail_before_anything_is_sent(
    call: Any, message: str, emulator: ConfigCatEmulator
) -> None:
    emulator.requests.clear()
    with pytest.raises(ValueError, match=message):
        call()
    assert emulator.requests == []


@pytest.mark.usefixtures("env_credentials")
def test_a_missing_product_is_an_api_error_with_method_and_path() -> None:
    with pytest.raises(configcat.NotFoundError) as caught:
        configcat.get_invitations(UNKNOWN_GUID)
    assert f"GET /v1/products/{UNKNOWN_GUID}/invitations" in str(caught.value)


@pytest.mark.usefixtures("env_credentials")
def test_output_forms_are_secret(engine: MiniEngine, emulator: ConfigCatEmulator, team: Team) -> None:
    def program() -> None:
        product_id = pulumi.Output.from_input(team.product_id)
        members = configcat.get_product_members_output(product_id=product_id)
        pulumi.export("members", members.members.apply(lambda ms: [m.email for m in ms]))
        people = configcat.get_organization_members_output(organization_id=emulator.organization_id)
        pulumi.export("people", people.members.apply(lambda ps: len(ps) >= 2))
        pending = configcat.get_invitations_output(product_id=product_id)
        pulumi.export("pending", pending.invitations.apply(lambda i: [x.email for x in i]))

    result = engine.run(program)
    assert result.errors == []
    assert result.exports["members"] == secret([team.ada_email])
    assert result.exports["people"] == secret(True)
    assert result.exports["pending"] == secret([team.bob_email])
