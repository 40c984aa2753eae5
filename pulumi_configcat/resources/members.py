"""Organization members: one person's permission group in each product, and their organization roles.

One resource holds everything the API lets a program set about a member who has joined (by accepting an
invitation): the complete list of their permission groups, at most one per product, sent with
``removeFromPermissionGroupsWhereIdNotSet``, and whether they are an organization admin or billing manager.
A group the dashboard adds or takes away is drift, and the next ``up`` restores the declared list. Since
:class:`~pulumi_configcat.Invitations` never writes a membership, the only owner of a person's groups is
their one ``OrganizationMember`` (its id is the person's): declare each person once.

Destroying removes the person from the organization, or, with ``remove_from_organization=False``, only from
the products of their permission groups. A person removed in the dashboard reads as gone.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from collections.abc import Mapping, Sequence
from typing import Annotated, Any

import pulumi
import pulumi.dynamic
from typing_extensions import Required, TypedDict, Unpack

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat._exceptions import NotFoundError
from pulumi_configcat.api import members as api
from pulumi_configcat.resources._base import ConfigCatProvider, EntityGoneError, Outputs
from pulumi_configcat.resources._declare import In
from pulumi_configcat.resources._emails import GROUP_PRODUCTS_KEY, group_product
from pulumi_configcat.resources._props import Boolean, IntegerId, ListOf, Text, Uuid, is_unknown, normalize_id
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.types import (
    OrganizationAdminModel,
    OrganizationMemberModel,
    OrganizationMembersModel,
    UpdateMemberPermissionsRequest,
)

logger = logging.getLogger("pulumi_configcat")
# The people this provider process has created an OrganizationMember for. Two resources of one stack for one
# person would overwrite each other's groups on every run; check cannot see two resources, the one process
# that serves a stack's creates can.
_CREATED: set[str] = set()
_CREATED_LOCK = threading.Lock()
_ID = re.compile(r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(.+)")


class OrganizationMemberArgs(TypedDict, total=False):
    """The inputs of an organization member."""

    organization_id: Required[
        Annotated[
            pulumi.Input[str],
            In(Uuid(), "The UUID of the organization the person belongs to.", replaces=True),
        ]
    ]
    user_id: Required[
        Annotated[
            pulumi.Input[str],
            In(
                Text(1, 255, pattern=r"[A-Za-z0-9_-]+"),
                "The person's user id, as ``get_organization_members`` lists it.",
                replaces=True,
            ),
        ]
    ]
    permission_group_ids: Annotated[
        pulumi.Input[Sequence[pulumi.Input[int | str]]] | None,
        In(
            ListOf(IntegerId(), ordered=False),
            "Every permission group the person has, at most one per product (``PermissionGroup.id``); they "
            "are taken out of any other. Empty: no product.",
            [],
        ),
    ]
    is_admin: Annotated[
        pulumi.Input[bool], In(Boolean(), "Whether the person is an organization admin.", False)
    ]
    is_billing_manager: Annotated[
        pulumi.Input[bool], In(Boolean(), "Whether the person is a billing manager.", False)
    ]
    remove_from_organization: Annotated[
        pulumi.Input[bool],
        In(
            Boolean(),
            "What destroying does: remove the person from the organization (True), or only from the products "
            "of their permission groups (False).",
            True,
        ),
    ]


class OrganizationMemberProvider(ConfigCatProvider):
    """Takes over, reads, updates and removes organization members."""

    entity = "OrganizationMember"
    noun = "an organization member"
    args = OrganizationMemberArgs
    id_format = "<organizationId>:<userId>"
    output_only = ("email", "full_name")
    secret_props = ("email",)

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> pulumi.dynamic.CheckResult:
        """Validates the inputs; also refuses two groups the program declares in one product."""
        news = dict(news)
        group_products = news.pop(GROUP_PRODUCTS_KEY, None)
        result = super().check(_olds, news)
        if isinstance(group_products, list):
            seen: dict[str, int] = {}
            for index, product in enumerate(group_products):
                if not isinstance(product, str) or is_unknown(product):
                    continue
                if product in seen:
                    result.failures = [
                        *(result.failures or []),
                        pulumi.dynamic.CheckFailure(
                            f"permission_group_ids[{index}]",
                            f"permission_group_ids[{index}] is a second permission group of product "
                            f"{product} (permission_group_ids[{seen[product]}] is one): a person has one "
                            "group per product",
                        ),
                    ]
                seen.setdefault(product, index)
        return result

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        id_ = f"{inputs['organization_id']}:{inputs['user_id']}"
        with _CREATED_LOCK:
            again = id_ in _CREATED
            _CREATED.add(id_)
        if again:
            logger.warning(
                "user %s of organization %s is declared by two OrganizationMember resources: each sets the "
                "person's whole set of permission groups, so they overwrite each other on every run; declare "
                "each person once (a renamed resource keeps its entity with pulumi.Alias)",
                inputs["user_id"],
                inputs["organization_id"],
            )
        try:
            current = self._read(client, id_)
        except (EntityGoneError, NotFoundError):
            raise LookupError(
                f"user_id {inputs['user_id']!r} is not a member of organization {inputs['organization_id']}: "
                "a person joins by accepting an invitation (configcat.Invitations); declare their "
                "OrganizationMember once they have"
            ) from None
        return id_, self._update(client, id_, current, inputs)

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        organization_id, user_id = _parts(id_)
        return _outputs(organization_id, user_id, api.list_organization_members(client, organization_id))

    def _refreshed(self, client: ConfigCatClient, id_: str, state: Mapping[str, Any]) -> Outputs:
        try:
            outs = self._read(client, id_)
        except EntityGoneError:
            _release(id_)  # gone from the state: declaring the person again is no second declaration
            raise
        # What destroying does is the program's choice; the API knows nothing of it.
        return {**outs, "remove_from_organization": state.get("remove_from_organization", True)}

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        organization_id, user_id = _parts(id_)
        outs = {
            **{key: olds.get(key) for key in ("email", "full_name")},
            **{prop.name: news.get(prop.name) for prop in self.props},
        }
        sent = [prop for prop in self.props if prop.name != "remove_from_organization"]
        if all(prop.comparable(olds.get(prop.name)) == prop.comparable(news.get(prop.name)) for prop in sent):
            return outs  # only what destroying does changed: the API has nothing to hear
        body = UpdateMemberPermissionsRequest(
            permission_group_ids=[int(group) for group in news["permission_group_ids"]],
            is_admin=news["is_admin"],
            is_billing_manager=news["is_billing_manager"],
            remove_from_permission_groups_where_id_not_set=True,
        )
        api.update_member_permissions(client, organization_id, user_id, body)
        return outs

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        """Removes the person from the organization, or from each product of their groups."""
        client = self.client()
        organization_id, user_id = _parts(id_)
        _release(id_)
        try:
            if props.get("remove_from_organization", True) is not False:
                api.delete_organization_member(client, organization_id, user_id)
                return
            found = api.list_organization_members(client, organization_id)
            for member in found.members:
                if member.user_id == user_id:
                    for permission in member.permissions:
                        with contextlib.suppress(NotFoundError):  # left that product meanwhile
                            api.delete_product_member(client, permission.product.product_id, user_id)
        except NotFoundError:
            client.check_api()


def _release(id_: str) -> None:
    with _CREATED_LOCK:
        _CREATED.discard(normalize_id(id_))


def _parts(id_: str) -> tuple[str, str]:
    found = _ID.fullmatch(normalize_id(id_))
    if found is None:
        raise ValueError(f"an OrganizationMember id is <organizationId>:<userId>, got {id_!r}")
    return found.group(1), found.group(2)


def _outputs(organization_id: str, user_id: str, found: OrganizationMembersModel) -> Outputs:
    """The person as the organization's member list shows them; EntityGoneError when it does not."""
    people: dict[str, OrganizationAdminModel | OrganizationMemberModel] = {
        p.user_id: p for p in [*found.admins, *found.billing_managers]
    }
    people.update((m.user_id, m) for m in found.members)
    person = people.get(user_id)
    if person is None:
        raise EntityGoneError(user_id)
    member = next((m for m in found.members if m.user_id == user_id), None)
    return {
        "organization_id": organization_id,
        "user_id": user_id,
        "permission_group_ids": [
            str(p.permission_group.permission_group_id) for p in (member.permissions if member else [])
        ],
        "is_admin": any(a.user_id == user_id for a in found.admins),
        "is_billing_manager": any(b.user_id == user_id for b in found.billing_managers),
        "email": person.email,
        "full_name": person.full_name,
    }


class OrganizationMember(ConfigCatResource, module="configcat", name="OrganizationMember"):
    """A person who has joined the organization: their permission groups, admin and billing-manager roles.

    The id is ``<organizationId>:<userId>``. Creating takes the existing member over (a person joins by
    accepting an invitation; there is nothing to create) and sends one request if anything differs; each
    update is one request that sets every group at once (``removeFromPermissionGroupsWhereIdNotSet``), so
    the list is the person's complete set of groups, at most one per product. Declare each person once:
    this resource is the only one that writes their groups (:class:`Invitations` never does). Destroying
    removes them from the organization, or with ``remove_from_organization=False`` from each product of
    their groups. ``email`` (an output) is a secret.

    Example::

        grace = configcat.get_organization_members(org_id, "^Grace ").members[0]  # she has joined
        developers = configcat.PermissionGroup("developers", product_id=product.id, accesstype="full")
        configcat.OrganizationMember(
            "grace",
            organization_id=org_id,
            user_id=grace.user_id,
            permission_group_ids=[developers.id],  # all her groups, at most one per product
        )
    """

    _provider_class = OrganizationMemberProvider

    organization_id: pulumi.Output[str]
    user_id: pulumi.Output[str]
    permission_group_ids: pulumi.Output[list[str]]
    is_admin: pulumi.Output[bool]
    is_billing_manager: pulumi.Output[bool]
    remove_from_organization: pulumi.Output[bool]
    email: pulumi.Output[str]
    full_name: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        opts: pulumi.ResourceOptions | None = None,
        **args: Unpack[OrganizationMemberArgs],
    ) -> None:
        props = self._declared(resource_name, args)
        groups = args.get("permission_group_ids")
        if isinstance(groups, list | tuple) and any(isinstance(g, pulumi.Output) for g in groups):
            props[GROUP_PRODUCTS_KEY] = pulumi.Output.all(*(group_product(g) for g in groups))
        super().__init__(resource_name, props, opts)

    @classmethod
    def get(
        cls,
        resource_name: str,
        id: pulumi.Input[str | int | float],  # shadows the builtin, as in every Pulumi SDK
        opts: pulumi.ResourceOptions | None = None,
    ) -> OrganizationMember:
        """Looks up an organization member; their ``email`` comes back as a secret.

        Args:
            resource_name: The Pulumi name of the lookup.
            id: ``<organizationId>:<userId>``.
            opts: Resource options.

        Returns:
            The resource, with every output read from the API.

        Example::

            ada = configcat.OrganizationMember.get("ada", f"{org_id}:{user_id}")
        """
        return super().get(resource_name, id, opts)
