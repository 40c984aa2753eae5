"""Invitations: e-mail addresses invited into one permission group of a product.

The resource owns invitations, never memberships. It sends an invitation for each listed address that is
neither pending nor a member, and revokes the pending ones of the addresses it stops listing (or all of them,
when it is destroyed). Once a person accepts, their membership belongs to whoever manages members (an
:class:`~pulumi_configcat.OrganizationMember`, or the dashboard): this resource never moves, keeps or
removes a member, so two resources cannot fight over one person's permission groups.

How each address reads back (``pulumi refresh``), so that none of these is a diff:

* pending: an invitation of the address in this group is listed by ``GET /v1/products/{id}/invitations``;
* accepted: the address is a member of the product (in any group, since a member may have been moved since),
  or of the organization, or was seen accepted before (a member removed later stays accepted here: the
  invitation did its work);
* gone: none of these, i.e. revoked in the dashboard, or expired (an expired invitation can no longer be
  accepted), or accepted and then removed from the organization before any refresh saw it. The address
  drops out of the refreshed inputs and the next ``up`` invites it again, which is how dashboard drift is
  undone and an expired invitation sent anew.

E-mail addresses are personal data: the inputs and the ``pending`` and ``accepted`` outputs are Pulumi
secrets, and no message quotes an address.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping, Sequence
from typing import Annotated, Any

import pulumi
import pulumi.dynamic
from typing_extensions import Required, TypedDict, Unpack

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat._exceptions import BadRequestError, NotFoundError
from pulumi_configcat.api import members as api
from pulumi_configcat.api import permission_groups as groups_api
from pulumi_configcat.api import products as products_api
from pulumi_configcat.resources._base import ConfigCatProvider, Outputs
from pulumi_configcat.resources._declare import In
from pulumi_configcat.resources._emails import GROUP_PRODUCTS_KEY, EmailList, group_product, quiet_emails
from pulumi_configcat.resources._props import IntegerId, Uuid, normalize_id
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.types import InviteMembersRequest

_ID = re.compile(r"([0-9a-fA-F-]{36}):([0-9]+)")


class InvitationsArgs(TypedDict, total=False):
    """The inputs of a product's invitations into one permission group."""

    product_id: Required[
        Annotated[
            pulumi.Input[str], In(Uuid(), "The UUID of the product people are invited to.", replaces=True)
        ]
    ]
    permission_group_id: Required[
        Annotated[
            pulumi.Input[int | str],
            In(
                IntegerId(),
                "The permission group of that product the invited people join (``PermissionGroup.id``).",
                replaces=True,
            ),
        ]
    ]
    emails: Required[
        Annotated[
            pulumi.Input[Sequence[pulumi.Input[str]]],
            In(
                EmailList(),
                "The addresses to invite, compared without case (order means nothing); always kept secret.",
            ),
        ]
    ]


class InvitationsProvider(ConfigCatProvider):
    """Sends, reads and revokes invitations."""

    entity = "Invitations"
    noun = "the invitations of a permission group"
    args = InvitationsArgs
    id_format = "<productId>:<permissionGroupId>"
    output_only = ("pending", "accepted")
    secret_props = ("emails", "pending", "accepted")

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> pulumi.dynamic.CheckResult:
        """Validates the inputs; also refuses a permission group the program declares in another product."""
        news = dict(news)
        group_products = news.pop(GROUP_PRODUCTS_KEY, None)
        result = super().check(_olds, news)
        product = result.inputs.get("product_id") if result.inputs else None
        group = group_products[0] if isinstance(group_products, list) and group_products else None
        if isinstance(group, str) and isinstance(product, str) and group.lower() != product:
            result.failures = [
                *(result.failures or []),
                pulumi.dynamic.CheckFailure(
                    "permission_group_id",
                    f"permission_group_id is a permission group of product {group.lower()}, not of "
                    f"product_id {product}: people are invited into a group of the product they join",
                ),
            ]
        return result

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        product_id, group_id = inputs["product_id"], inputs["permission_group_id"]
        _invite(client, product_id, group_id, inputs["emails"])
        return f"{product_id}:{group_id}", _outputs(product_id, group_id, inputs["emails"], [])

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        return self._refreshed(client, id_, {})

    def _refreshed(self, client: ConfigCatClient, id_: str, state: Mapping[str, Any]) -> Outputs:
        product_id, group_id = _parts(id_)
        declared = state.get("emails")
        with quiet_emails(declared or ()):
            pending = _pending(client, product_id, group_id)
            members = api.list_product_members(client, product_id)
            if declared is None:  # get() or import: every address invited into, or member of, the group
                in_group = [
                    m.email.lower() for m in members if m.email and str(m.permission_group_id) == group_id
                ]
                declared = sorted({*pending, *in_group})
            accepted_before = {email.lower() for email in state.get("accepted") or []}
            joined = {m.email.lower() for m in members if m.email} | accepted_before
            unseen = [e for e in declared if e.lower() not in pending and e.lower() not in joined]
            if unseen or not declared:
                # Invitations vanish with their group: if it is gone, so is the resource (a 404 says so).
                groups_api.get_permission_group(client, group_id)
            if unseen:
                joined |= _organization_emails(client, product_id)
        still = [e for e in declared if e.lower() in pending or e.lower() in joined]
        return _outputs(product_id, group_id, still, [e for e in still if e.lower() in joined])

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        product_id, group_id = _parts(id_)
        old = {e.lower() for e in olds.get("emails") or []}
        new = [e.lower() for e in news["emails"]]
        added = [e for e in new if e not in old]
        dropped = old - set(new)
        if dropped - {e.lower() for e in olds.get("accepted") or []}:
            _revoke(client, product_id, group_id, dropped)
        if added:
            _invite(client, product_id, group_id, added)
        accepted = [e for e in olds.get("accepted") or [] if e.lower() in new and e.lower() not in added]
        return _outputs(product_id, group_id, new, accepted)

    def _adopt(
        self, client: ConfigCatClient, id_: str, inputs: Mapping[str, Any]
    ) -> pulumi.dynamic.CreateResult:
        """Adopts the declared addresses' invitations (``import_``): those pending or accepted are kept, the
        others invited; other addresses' invitations of the group are left alone."""
        product_id, group_id = _parts(id_)
        if (product_id, group_id) != (inputs["product_id"], inputs["permission_group_id"]):
            raise ValueError(
                f"cannot import Invitations {id_!r}: the program declares product_id {inputs['product_id']} "
                f"and permission_group_id {inputs['permission_group_id']} (the id is "
                "<productId>:<permissionGroupId>)"
            )
        try:
            group = groups_api.get_permission_group(client, group_id)
        except NotFoundError:
            client.check_api()
            raise LookupError(
                f"cannot import Invitations {id_!r}: no permission group {group_id} exists"
            ) from None
        if group.product is None or group.product.product_id.lower() != product_id:
            raise ValueError(
                f"cannot import Invitations {id_!r}: permission group {group_id} is not in product "
                f"{product_id}"
            )
        current = self._refreshed(client, id_, {"emails": inputs["emails"]})
        missing = [e for e in inputs["emails"] if e not in current["emails"]]
        if missing:
            _invite(client, product_id, group_id, missing)
        outs = _outputs(product_id, group_id, inputs["emails"], current["accepted"])
        return pulumi.dynamic.CreateResult(id_, self._sealed(outs))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        """Revokes the pending invitations of the listed addresses; members stay members."""
        client = self.client()
        product_id, group_id = _parts(id_)
        try:
            _revoke(client, product_id, group_id, {e.lower() for e in props.get("emails") or []})
        except NotFoundError:
            client.check_api()


def _parts(id_: str) -> tuple[str, str]:
    found = _ID.fullmatch(normalize_id(id_))
    if found is None:
        raise ValueError(f"an Invitations id is <productId>:<permissionGroupId>, got {id_!r}")
    return found.group(1), found.group(2)


def _pending(client: ConfigCatClient, product_id: str, group_id: str) -> set[str]:
    """The addresses with an invitation into the group that can still be accepted (not expired)."""
    return {
        i.email.lower()
        for i in api.list_product_invitations(client, product_id)
        if i.email and str(i.permission_group_id) == group_id and not i.expired
    }


def _organization_emails(client: ConfigCatClient, product_id: str) -> set[str]:
    """Everyone's address in the product's organization: admins, billing managers and members."""
    product = products_api.get_product(client, product_id)
    if product.organization is None:
        return set()
    found = api.list_organization_members(client, product.organization.organization_id)
    return {p.email.lower() for p in [*found.admins, *found.billing_managers]} | {
        m.email.lower() for m in found.members
    }


def _invite(client: ConfigCatClient, product_id: str, group_id: str, emails: Sequence[str]) -> None:
    """One invitation request; a refusal caused by the group is explained in the property's terms."""
    body = InviteMembersRequest(emails=list(emails), permission_group_id=int(group_id))
    with quiet_emails(emails):
        try:
            api.invite_members(client, product_id, body)
        except (BadRequestError, NotFoundError) as refused:
            _explain_group(client, product_id, group_id, refused)
            raise


def _explain_group(
    client: ConfigCatClient, product_id: str, group_id: str, refused: BadRequestError | NotFoundError
) -> None:
    """Raises a clearer error when the refusal is about the permission group; returns when it is not."""
    try:
        group = groups_api.get_permission_group(client, group_id)
    except NotFoundError:
        raise ValueError(
            f"permission_group_id {group_id} names no permission group (the API answered: {refused})"
        ) from None
    if group.product is not None and group.product.product_id.lower() != product_id:
        raise ValueError(
            f"permission_group_id {group_id} is a permission group of product "
            f"{group.product.product_id.lower()}, "
            f"not of product_id {product_id}: people are invited into a group of the product they join"
        ) from None


def _revoke(client: ConfigCatClient, product_id: str, group_id: str, emails: set[str]) -> None:
    """Revokes the pending invitations of ``emails`` into the group (one read, one delete each)."""
    with quiet_emails(emails):
        for invitation in api.list_product_invitations(client, product_id):
            if (
                invitation.email
                and invitation.email.lower() in emails
                and str(invitation.permission_group_id) == group_id
            ):
                with contextlib.suppress(NotFoundError):  # accepted or revoked meanwhile
                    api.delete_invitation(client, invitation.invitation_id)


def _outputs(product_id: str, group_id: str, emails: Sequence[str], accepted: Sequence[str]) -> Outputs:
    joined = {e.lower() for e in accepted}
    return {
        "product_id": product_id,
        "permission_group_id": group_id,
        "emails": list(emails),
        "pending": [e for e in emails if e.lower() not in joined],
        "accepted": [e for e in emails if e.lower() in joined],
    }


class Invitations(ConfigCatResource, module="configcat", name="Invitations"):
    """People invited by e-mail into one permission group of a product.

    The id is ``<productId>:<permissionGroupId>``. Changing ``product_id`` or ``permission_group_id``
    replaces the resource (the API cannot move an invitation); adding an address sends one invitation request
    for the new ones, dropping one revokes its invitation if it is still pending. Destroying revokes the
    pending invitations of the listed addresses. Accepted invitations made members: their permission groups
    belong to an :class:`OrganizationMember` (or the dashboard), never to this resource, and destroying it
    leaves them in the product. ``pending`` and ``accepted`` say where each address stands. ``emails``,
    ``pending`` and ``accepted`` are Pulumi secrets; no message quotes an address.

    Example::

        developers = configcat.PermissionGroup("developers", product_id=product.id, accesstype="full")
        configcat.Invitations(
            "developers",
            product_id=product.id,
            permission_group_id=developers.id,
            emails=["ada@example.com", "alan@example.com"],
        )
    """

    _provider_class = InvitationsProvider

    product_id: pulumi.Output[str]
    permission_group_id: pulumi.Output[str]
    emails: pulumi.Output[list[str]]
    pending: pulumi.Output[list[str]]
    accepted: pulumi.Output[list[str]]

    def __init__(
        self,
        resource_name: str,
        *,
        opts: pulumi.ResourceOptions | None = None,
        **args: Unpack[InvitationsArgs],
    ) -> None:
        props = self._declared(resource_name, args)
        if props["emails"] is not None:
            props["emails"] = pulumi.Output.secret(props["emails"])
        product = group_product(args.get("permission_group_id"))
        if product is not None:
            props[GROUP_PRODUCTS_KEY] = pulumi.Output.all(product)
        super().__init__(resource_name, props, opts)

    @classmethod
    def get(
        cls,
        resource_name: str,
        id: pulumi.Input[str | int | float],  # shadows the builtin, as in every Pulumi SDK
        opts: pulumi.ResourceOptions | None = None,
    ) -> Invitations:
        """Looks up the invitations of a permission group: every address pending or a member there.

        Args:
            resource_name: The Pulumi name of the lookup.
            id: ``<productId>:<permissionGroupId>``.
            opts: Resource options.

        Returns:
            The resource; its address lists are secrets.

        Example::

            devs = configcat.Invitations.get("devs", f"{product_id}:{group_id}")
        """
        return super().get(resource_name, id, opts)
