"""Members and invitations: ``/v1/organizations/{organizationId}/members``, ``/v2/.../members``,
``/v1/products/{productId}/members``, ``/v1/products/{productId}/invitations`` and
``/v1/invitations/{invitationId}``."""

from __future__ import annotations

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.types import (
    InvitationModel,
    InviteMembersRequest,
    MemberModel,
    OrganizationInvitationModel,
    OrganizationMembersModel,
    UpdateMemberPermissionsRequest,
    UserModel,
)


def list_organization_users(client: ConfigCatClient, organization_id: str) -> list[UserModel]:
    """Lists the members of an organization (v1: users without their permissions)."""
    return client.get(f"/v1/organizations/{organization_id}/members", cast_to=list[UserModel])


def list_organization_members(client: ConfigCatClient, organization_id: str) -> OrganizationMembersModel:
    """Lists an organization's admins, billing managers and members with their permission groups (v2)."""
    return client.get(f"/v2/organizations/{organization_id}/members", cast_to=OrganizationMembersModel)


def update_member_permissions(
    client: ConfigCatClient, organization_id: str, user_id: str, body: UpdateMemberPermissionsRequest
) -> None:
    """Sets a member's permission groups and organization roles (add-member-to-group)."""
    client.post(f"/v1/organizations/{organization_id}/members/{user_id}", body.to_wire())


def delete_organization_member(client: ConfigCatClient, organization_id: str, user_id: str) -> None:
    """Removes a member from the organization, and so from every product."""
    client.delete(f"/v1/organizations/{organization_id}/members/{user_id}")


def list_product_members(client: ConfigCatClient, product_id: str) -> list[MemberModel]:
    """Lists the members of a product with their permission group there."""
    return client.get(f"/v1/products/{product_id}/members", cast_to=list[MemberModel])


def delete_product_member(client: ConfigCatClient, product_id: str, user_id: str) -> None:
    """Removes a member from one product."""
    client.delete(f"/v1/products/{product_id}/members/{user_id}")


def invite_members(client: ConfigCatClient, product_id: str, body: InviteMembersRequest) -> None:
    """Invites e-mail addresses into a product's permission group; the API answers with no body."""
    client.post(f"/v1/products/{product_id}/members/invite", body.to_wire())


def list_product_invitations(client: ConfigCatClient, product_id: str) -> list[InvitationModel]:
    """Lists the pending invitations of a product."""
    return client.get(f"/v1/products/{product_id}/invitations", cast_to=list[InvitationModel])


def list_organization_invitations(
    client: ConfigCatClient, organization_id: str
) -> list[OrganizationInvitationModel]:
    """Lists the pending invitations of an organization, in every product."""
    return client.get(
        f"/v1/organizations/{organization_id}/invitations", cast_to=list[OrganizationInvitationModel]
    )


def delete_invitation(client: ConfigCatClient, invitation_id: str) -> None:
    """Revokes a pending invitation."""
    client.delete(f"/v1/invitations/{invitation_id}")
