"""An ``Invitations`` resource as the life-cycle tables (in-process and under the CLI) see it in the emulator.

Its id is ``"<productId>:<permissionGroupId>"``, and the entity is the group's pending invitations, one per
address; the dashboard's change is one revoked invitation, its delete the group's (which takes the
invitations with it).
"""

from __future__ import annotations

from typing import Any

from pulumi_configcat.testing import ConfigCatEmulator


def invite_path(id_: str) -> str:
    """Where the product's invitations are sent (one request for every address it adds)."""
    return f"/v1/products/{id_.split(':', maxsplit=1)[0]}/members/invite"


def invitations_of(state: dict[str, Any], id_: str) -> list[dict[str, Any]]:
    """The group's pending invitations in an emulator state."""
    group = int(id_.split(":")[1])
    return [i for i in state["invitations"].values() if i["permissionGroupId"] == group]


def invited(state: dict[str, Any], id_: str) -> dict[str, Any] | None:
    """The addresses invited into the group (None when there are none, as for a deleted entity)."""
    emails = sorted(i["email"] for i in invitations_of(state, id_))
    return {"emails": emails} if emails else None


def revoke_first(emulator: ConfigCatEmulator, id_: str) -> None:
    """One invitation revoked in the dashboard."""
    first = invitations_of(emulator.state(), id_)[0]
    status, _ = emulator.call("DELETE", f"/v1/invitations/{first['invitationId']}")
    assert status == 204, f"invitations: the dashboard's revoke was refused ({status})"


def delete_group(emulator: ConfigCatEmulator, id_: str) -> None:
    """The group deleted in the dashboard, and its invitations with it."""
    status, _ = emulator.call("DELETE", f"/v1/permissions/{id_.split(':')[1]}")
    assert status == 204, f"invitations: the dashboard's delete of the group was refused ({status})"
