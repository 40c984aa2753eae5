"""Members and invitations: who belongs to the organization, their permission group in each product, their
organization roles, and the invitations pending until someone accepts them.

The API has no call that accepts an invitation (a person does, by following the e-mail's link):
:meth:`~pulumi_configcat.testing.ConfigCatEmulator.accept_invitation` stands in for that person. What the
spec does not say and the emulator chose is listed in this package's README.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from ._errors import bad_request, not_found
from ._ids import iso, utc_now
from ._router import Request, Routes
from ._store import Rec, Store

ROUTES = Routes()

# What the emulator takes as an e-mail address: one '@', something before it, a dotted domain after it.
EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# How long an invitation stays valid (not in the spec; a choice, see the README).
INVITATION_LIFETIME = timedelta(days=14)


def _organization(store: Store, raw: str) -> None:
    if store.uuid(raw) != store.organization_id:
        raise not_found()


def _user(store: Store, raw: str) -> Rec:
    if raw not in store.users:
        raise not_found()
    return store.users[raw]


def _users(store: Store) -> list[Rec]:
    return sorted(store.users.values(), key=lambda u: u["_seq"])


def _user_fields(user: Rec) -> Rec:
    return {k: user[k] for k in ("userId", "fullName", "email", "twoFactorEnabled")}


def _permission(store: Store, product_id: str, group_id: int) -> Rec:
    product = store.products[product_id]
    group = store.permission_groups[group_id]
    return {
        "product": {"productId": product_id, "name": product["name"]},
        "permissionGroup": {"permissionGroupId": group_id, "name": group["name"]},
    }


@ROUTES.get("/v1/organizations/{organizationId}/members")
def get_organization_members(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/organizations/{organizationId}/members."""
    _organization(store, req.params["organizationId"])
    return 200, [_user_fields(u) for u in _users(store)]


@ROUTES.get("/v2/organizations/{organizationId}/members")
def get_organization_members_v2(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v2/organizations/{organizationId}/members: admins, billing managers, everyone's permissions."""
    _organization(store, req.params["organizationId"])
    users = _users(store)
    return 200, {
        "admins": [_user_fields(u) for u in users if u["isAdmin"]],
        "billingManagers": [_user_fields(u) for u in users if u["isBillingManager"]],
        "members": [
            _user_fields(u)
            | {"permissions": [_permission(store, p, g) for p, g in sorted(u["permissions"].items())]}
            for u in users
        ],
    }


@ROUTES.post("/v1/organizations/{organizationId}/members/{userId}", schema="UpdateMemberPermissionsRequest")
def add_member_to_group(store: Store, req: Request) -> tuple[int, Any]:
    """POST /v1/organizations/{organizationId}/members/{userId}: groups, admin and billing-manager roles."""
    _organization(store, req.params["organizationId"])
    user = _user(store, req.params["userId"])
    body = req.body
    wanted: dict[str, int] = {}
    for index, raw in enumerate(body.get("permissionGroupIds") or []):
        group = store.permission_groups.get(raw)
        if group is None:
            raise bad_request(f"PermissionGroupIds[{index}]", f"Permission Group '{raw}' not found.")
        if group["productId"] in wanted and wanted[group["productId"]] != raw:
            raise bad_request(
                f"PermissionGroupIds[{index}]", "Only a single Permission Group can be set per Product."
            )
        wanted[group["productId"]] = raw
    if body.get("removeFromPermissionGroupsWhereIdNotSet"):
        user["permissions"] = wanted
    else:
        user["permissions"] = {**user["permissions"], **wanted}
    for role in ("isAdmin", "isBillingManager"):
        if body.get(role) is not None:
            user[role] = body[role]
    return 200, None


@ROUTES.delete("/v1/organizations/{organizationId}/members/{userId}")
def delete_organization_member(store: Store, req: Request) -> tuple[int, Any]:
    """DELETE /v1/organizations/{organizationId}/members/{userId}."""
    _organization(store, req.params["organizationId"])
    user = _user(store, req.params["userId"])
    del store.users[user["userId"]]
    return 204, None


@ROUTES.get("/v1/products/{productId}/members")
def get_product_members(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/products/{productId}/members."""
    product_id = store.product(req.params["productId"])["productId"]
    return 200, [
        _user_fields(u) | {"productId": product_id, "permissionGroupId": u["permissions"][product_id]}
        for u in _users(store)
        if product_id in u["permissions"]
    ]


@ROUTES.delete("/v1/products/{productId}/members/{userId}")
def delete_product_member(store: Store, req: Request) -> tuple[int, Any]:
    """DELETE /v1/products/{productId}/members/{userId}: the member stays in the organization."""
    product_id = store.product(req.params["productId"])["productId"]
    user = _user(store, req.params["userId"])
    if product_id not in user["permissions"]:
        raise not_found()
    del user["permissions"][product_id]
    return 204, None


@ROUTES.post("/v1/products/{productId}/members/invite", schema="InviteMembersRequest")
def invite_member(store: Store, req: Request) -> tuple[int, Any]:
    """POST /v1/products/{productId}/members/invite: one pending invitation per address."""
    product_id = store.product(req.params["productId"])["productId"]
    body = req.body
    group = store.permission_groups.get(body["permissionGroupId"])
    if group is None or group["productId"] != product_id:
        raise bad_request("PermissionGroupId", "Permission Group not found in this Product.")
    emails = body["emails"]
    if not emails:
        raise bad_request("Emails", "At least one e-mail address is required.")
    for index, email in enumerate(emails):
        if not isinstance(email, str) or not EMAIL_RE.fullmatch(email):
            # The address itself is not quoted: error bodies end up in logs.
            raise bad_request(f"Emails[{index}]", "Invalid e-mail address.")
    members = {u["email"].casefold() for u in store.users.values() if product_id in u["permissions"]}
    now = utc_now()
    for email in emails:
        if email.casefold() in members:
            continue  # already in the product: nothing to accept
        for pending in [i for i in store.invitations.values() if i["productId"] == product_id]:
            if pending["email"].casefold() == email.casefold():
                del store.invitations[pending["invitationId"]]
        invitation_id = store.ids.uuid()
        store.invitations[invitation_id] = store.new(
            {
                "invitationId": invitation_id,
                "email": email,
                "productId": product_id,
                "permissionGroupId": group["permissionGroupId"],
                "createdAt": iso(now),
                "expires": iso(now + INVITATION_LIFETIME),
            }
        )
    return 200, None


def _pending(store: Store, product_id: str | None = None) -> list[Rec]:
    return sorted(
        (i for i in store.invitations.values() if product_id is None or i["productId"] == product_id),
        key=lambda i: i["_seq"],
    )


def _expired(invitation: Rec) -> bool:
    return bool(invitation["expires"] <= iso(utc_now()))


@ROUTES.get("/v1/products/{productId}/invitations")
def get_pending_invitations(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/products/{productId}/invitations."""
    product_id = store.product(req.params["productId"])["productId"]
    return 200, [
        {k: i[k] for k in ("invitationId", "email", "permissionGroupId", "createdAt")}
        | {"expired": _expired(i)}
        for i in _pending(store, product_id)
    ]


@ROUTES.get("/v1/organizations/{organizationId}/invitations")
def get_pending_invitations_org(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/organizations/{organizationId}/invitations."""
    _organization(store, req.params["organizationId"])
    return 200, [
        {k: i[k] for k in ("invitationId", "email", "productId", "permissionGroupId", "createdAt", "expires")}
        | {"productName": store.products[i["productId"]]["name"], "expired": _expired(i)}
        for i in _pending(store)
    ]


@ROUTES.delete("/v1/invitations/{invitationId}")
def delete_invitation(store: Store, req: Request) -> tuple[int, Any]:
    """DELETE /v1/invitations/{invitationId}."""
    invitation = store.by_uuid(store.invitations, req.params["invitationId"])
    del store.invitations[invitation["invitationId"]]
    return 204, None


def accept_invitation(store: Store, invitation_id: str, full_name: str | None = None) -> str:
    """What the invited person's click on the e-mail's link does; returns their user id.

    The address becomes a member of the invitation's product in its permission group: a new user of the
    organization, or the one that already has the address. The invitation is no longer pending.

    Raises:
        KeyError: No pending invitation has this id.
        ValueError: The invitation has expired.
    """
    invitation = store.invitations[store.uuid(invitation_id) or invitation_id]
    if _expired(invitation):
        raise ValueError(f"invitation {invitation_id} has expired")
    email = invitation["email"]
    user = next((u for u in store.users.values() if u["email"].casefold() == email.casefold()), None)
    if user is None:
        user_id = store.ids.uuid()
        user = store.new(
            {
                "userId": user_id,
                "email": email,
                "fullName": full_name or email.split("@", 1)[0],
                "twoFactorEnabled": False,
                "isAdmin": False,
                "isBillingManager": False,
                "permissions": {},
            }
        )
        store.users[user_id] = user
    user["permissions"][invitation["productId"]] = invitation["permissionGroupId"]
    del store.invitations[invitation["invitationId"]]
    return str(user["userId"])
