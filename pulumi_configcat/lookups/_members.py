"""Lookups of people: a product's members, an organization's members, a product's pending invitations.

E-mail addresses are personal data: every result keeps them out of ``repr``, and the ``_output`` forms are
secret Outputs, so anything built from them stays encrypted in the state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pulumi

from pulumi_configcat.api import members as members_api
from pulumi_configcat.lookups._common import client as _client
from pulumi_configcat.lookups._common import lift as _lift
from pulumi_configcat.lookups._common import matcher as _matcher
from pulumi_configcat.lookups._common import uuid_argument as _uuid_argument

__all__ = [
    "GetInvitationsInvitationResult",
    "GetInvitationsResult",
    "GetOrganizationMembersMemberResult",
    "GetOrganizationMembersResult",
    "GetProductMembersMemberResult",
    "GetProductMembersResult",
    "get_invitations",
    "get_invitations_output",
    "get_organization_members",
    "get_organization_members_output",
    "get_product_members",
    "get_product_members_output",
]


# -------------------------------------------------------------------------------------------- product members


@dataclass(frozen=True)
class GetProductMembersMemberResult:
    """One member of a product found by :func:`get_product_members`; the e-mail is left out of ``repr``.

    Attributes:
        user_id: The person's user id (``OrganizationMember``'s ``user_id``).
        full_name: Their name.
        email: Their e-mail address.
        permission_group_id: Their permission group in the product, as a string.

    Example::

        ids = [m.user_id for m in configcat.get_product_members(product_id).members]
    """

    user_id: str
    full_name: str | None
    email: str | None = field(repr=False)
    permission_group_id: str


@dataclass(frozen=True)
class GetProductMembersResult:
    """What :func:`get_product_members` returns.

    Attributes:
        id: The lookup's id (the product id).
        product_id: The product searched.
        name_filter_regex: The filter it was given.
        members: The members whose name matches, in the API's order.

    Example::

        members = configcat.get_product_members(product_id).members
    """

    id: str
    product_id: str
    name_filter_regex: str | None
    members: Sequence[GetProductMembersMemberResult]


def get_product_members(
    product_id: str, name_filter_regex: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> GetProductMembersResult:
    """Lists the members of a product with their permission group there.

    Prefer :func:`get_product_members_output` where the result goes into a resource or a stack output: it
    is a secret, since it holds e-mail addresses.

    Args:
        product_id: The product's UUID.
        name_filter_regex: Keeps members whose full name this regular expression matches.
        opts: Accepted for symmetry with the other lookups; the lookup runs in this process.

    Returns:
        The matching members.

    Raises:
        ValueError: ``product_id`` is not a UUID, or ``name_filter_regex`` not a regular expression.
        NotFoundError: No such product (or the credentials cannot see it).

    Example::

        members = configcat.get_product_members(product_id).members
        developers = [m.user_id for m in members if m.permission_group_id == "7"]
    """
    del opts
    _uuid_argument("get_product_members", "product_id", product_id)
    matches = _matcher("name_filter_regex", name_filter_regex)
    return GetProductMembersResult(
        id=product_id,
        product_id=product_id,
        name_filter_regex=name_filter_regex,
        members=[
            GetProductMembersMemberResult(
                user_id=m.user_id or "",
                full_name=m.full_name,
                email=m.email,
                permission_group_id=str(m.permission_group_id),
            )
            for m in members_api.list_product_members(_client(), product_id)
            if matches(m.full_name)
        ],
    )


def get_product_members_output(
    product_id: pulumi.Input[str],
    name_filter_regex: pulumi.Input[str | None] = None,
    opts: pulumi.InvokeOptions | None = None,
) -> pulumi.Output[GetProductMembersResult]:
    """Lists the members of a product, as a secret Output (it holds e-mail addresses).

    Args:
        product_id: The product's UUID (an Output of a Product, say).
        name_filter_regex: Keeps members whose full name this regular expression matches.
        opts: Accepted for symmetry with the other lookups.

    Returns:
        A secret Output of the members.

    Example::

        members = configcat.get_product_members_output(product_id=product.id).members
    """
    return _lift(
        get_product_members,
        secret=True,
        product_id=product_id,
        name_filter_regex=name_filter_regex,
        opts=opts,
    )


# --------------------------------------------------------------------------------------- organization members


@dataclass(frozen=True)
class GetOrganizationMembersMemberResult:
    """One person of an organization; the e-mail is left out of ``repr``.

    Attributes:
        user_id: Their user id (``OrganizationMember``'s ``user_id``).
        full_name: Their name.
        email: Their e-mail address.
        two_factor_enabled: Whether they sign in with two factors.
        is_admin: Whether they are an organization admin.
        is_billing_manager: Whether they are a billing manager.
        permission_group_ids: Their permission group in each product, by product id (group ids as strings).

    Example::

        admins = [p.user_id for p in configcat.get_organization_members(org_id).members if p.is_admin]
    """

    user_id: str
    full_name: str
    email: str = field(repr=False)
    two_factor_enabled: bool
    is_admin: bool
    is_billing_manager: bool
    permission_group_ids: dict[str, str]


@dataclass(frozen=True)
class GetOrganizationMembersResult:
    """What :func:`get_organization_members` returns.

    Attributes:
        id: The lookup's id (the organization id).
        organization_id: The organization searched.
        name_filter_regex: The filter it was given.
        members: Everyone whose name matches (admins, billing managers and members, each once), in the
            API's order.

    Example::

        people = configcat.get_organization_members(org_id).members
    """

    id: str
    organization_id: str
    name_filter_regex: str | None
    members: Sequence[GetOrganizationMembersMemberResult]


def get_organization_members(
    organization_id: str, name_filter_regex: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> GetOrganizationMembersResult:
    """Lists the people of an organization: their roles and their permission group in each product.

    Which people the API lists depends on the credentials: an organization admin sees everyone, others see
    the admins and the members of the products where they may manage members.

    Args:
        organization_id: The organization's UUID.
        name_filter_regex: Keeps people whose full name this regular expression matches.
        opts: Accepted for symmetry with the other lookups; the lookup runs in this process.

    Returns:
        The matching people.

    Raises:
        ValueError: ``organization_id`` is not a UUID, or ``name_filter_regex`` not a regular expression.
        NotFoundError: No such organization (or the credentials cannot see it).

    Example::

        ada = configcat.get_organization_members(org_id, "^Ada ").members[0]
    """
    del opts
    _uuid_argument("get_organization_members", "organization_id", organization_id)
    matches = _matcher("name_filter_regex", name_filter_regex)
    found = members_api.list_organization_members(_client(), organization_id)
    admins = {a.user_id for a in found.admins}
    billing = {b.user_id for b in found.billing_managers}
    groups = {
        m.user_id: {p.product.product_id: str(p.permission_group.permission_group_id) for p in m.permissions}
        for m in found.members
    }
    people = {p.user_id: p for p in [*found.admins, *found.billing_managers]}
    people.update((m.user_id, m) for m in found.members)  # type: ignore[misc]
    return GetOrganizationMembersResult(
        id=organization_id,
        organization_id=organization_id,
        name_filter_regex=name_filter_regex,
        members=[
            GetOrganizationMembersMemberResult(
                user_id=p.user_id,
                full_name=p.full_name,
                email=p.email,
                two_factor_enabled=p.two_factor_enabled,
                is_admin=p.user_id in admins,
                is_billing_manager=p.user_id in billing,
                permission_group_ids=groups.get(p.user_id, {}),
            )
            for p in people.values()
            if matches(p.full_name)
        ],
    )


def get_organization_members_output(
    organization_id: pulumi.Input[str],
    name_filter_regex: pulumi.Input[str | None] = None,
    opts: pulumi.InvokeOptions | None = None,
) -> pulumi.Output[GetOrganizationMembersResult]:
    """Lists the people of an organization, as a secret Output (it holds e-mail addresses).

    Args:
        organization_id: The organization's UUID.
        name_filter_regex: Keeps people whose full name this regular expression matches.
        opts: Accepted for symmetry with the other lookups.

    Returns:
        A secret Output of the people.

    Example::

        people = configcat.get_organization_members_output(organization_id=org_id).members
    """
    return _lift(
        get_organization_members,
        secret=True,
        organization_id=organization_id,
        name_filter_regex=name_filter_regex,
        opts=opts,
    )


# ------------------------------------------------------------------------------------------------ invitations


@dataclass(frozen=True)
class GetInvitationsInvitationResult:
    """One pending invitation; the e-mail is left out of ``repr``.

    Attributes:
        invitation_id: The invitation's UUID.
        email: The invited address.
        permission_group_id: The permission group it invites into, as a string.
        created_at: When it was sent (ISO 8601).
        expired: Whether it can no longer be accepted.

    Example::

        stale = [i for i in configcat.get_invitations(product_id).invitations if i.expired]
    """

    invitation_id: str
    email: str | None = field(repr=False)
    permission_group_id: str
    created_at: str
    expired: bool


@dataclass(frozen=True)
class GetInvitationsResult:
    """What :func:`get_invitations` returns.

    Attributes:
        id: The lookup's id (the product id).
        product_id: The product searched.
        invitations: Its pending invitations, in the API's order.

    Example::

        pending = len(configcat.get_invitations(product_id).invitations)
    """

    id: str
    product_id: str
    invitations: Sequence[GetInvitationsInvitationResult]


def get_invitations(product_id: str, opts: pulumi.InvokeOptions | None = None) -> GetInvitationsResult:
    """Lists the pending invitations of a product; accepted ones are members (:func:`get_product_members`).

    Args:
        product_id: The product's UUID.
        opts: Accepted for symmetry with the other lookups; the lookup runs in this process.

    Returns:
        The pending invitations.

    Raises:
        ValueError: ``product_id`` is not a UUID (refused before any request).
        NotFoundError: No such product (or the credentials cannot see it).

    Example::

        expired = [i.invitation_id for i in configcat.get_invitations(product_id).invitations if i.expired]
    """
    del opts
    _uuid_argument("get_invitations", "product_id", product_id)
    return GetInvitationsResult(
        id=product_id,
        product_id=product_id,
        invitations=[
            GetInvitationsInvitationResult(
                invitation_id=i.invitation_id,
                email=i.email,
                permission_group_id=str(i.permission_group_id),
                created_at=i.created_at,
                expired=i.expired,
            )
            for i in members_api.list_product_invitations(_client(), product_id)
        ],
    )


def get_invitations_output(
    product_id: pulumi.Input[str], opts: pulumi.InvokeOptions | None = None
) -> pulumi.Output[GetInvitationsResult]:
    """Lists the pending invitations of a product, as a secret Output (it holds e-mail addresses).

    Args:
        product_id: The product's UUID (an Output of a Product, say).
        opts: Accepted for symmetry with the other lookups.

    Returns:
        A secret Output of the invitations.

    Example::

        pending = configcat.get_invitations_output(product_id=product.id).invitations
    """
    return _lift(get_invitations, secret=True, product_id=product_id, opts=opts)
