"""Models of Members, their permissions, and the Invitations that make them."""

from pulumi_configcat.types._base import ApiModel


class UserModel(ApiModel):
    """A Member of an Organization (``GET /v1/organizations/{organizationId}/members``)."""

    user_id: str | None = None
    full_name: str | None = None
    email: str | None = None
    two_factor_enabled: bool


class OrganizationAdminModel(ApiModel):
    """An Organization Admin or Billing Manager."""

    user_id: str
    full_name: str
    email: str
    two_factor_enabled: bool


class OrganizationProductModel(ApiModel):
    """The Product of a Member's permission."""

    product_id: str
    name: str


class OrganizationPermissionGroupModel(ApiModel):
    """The Permission Group of a Member's permission within a Product."""

    permission_group_id: int
    name: str


class OrganizationPermissionModel(ApiModel):
    """One of a Member's permissions: a Permission Group in a Product."""

    product: OrganizationProductModel
    permission_group: OrganizationPermissionGroupModel


class OrganizationMemberModel(ApiModel):
    """A Member of an Organization with the Permission Group they have in each Product."""

    user_id: str
    full_name: str
    email: str
    two_factor_enabled: bool
    permissions: list[OrganizationPermissionModel]


class OrganizationMembersModel(ApiModel):
    """The Members of an Organization (``GET /v2/organizations/{organizationId}/members``)."""

    admins: list[OrganizationAdminModel]
    billing_managers: list[OrganizationAdminModel]
    members: list[OrganizationMemberModel]


class MemberModel(ApiModel):
    """A Member of a Product, with their Permission Group there."""

    user_id: str | None = None
    product_id: str
    permission_group_id: int
    full_name: str | None = None
    email: str | None = None


class InvitationModel(ApiModel):
    """A pending Invitation into a Product (``GET /v1/products/{productId}/invitations``)."""

    invitation_id: str
    email: str | None = None
    permission_group_id: int
    created_at: str
    expired: bool


class OrganizationInvitationModel(ApiModel):
    """A pending Invitation in an Organization (``GET /v1/organizations/{organizationId}/invitations``)."""

    invitation_id: str
    email: str | None = None
    product_id: str
    product_name: str | None = None
    permission_group_id: int
    created_at: str
    expired: bool
    expires: str


class InviteMembersRequest(ApiModel):
    """Body of ``POST /v1/products/{productId}/members/invite``."""

    emails: list[str]
    permission_group_id: int


class UpdateMemberPermissionsRequest(ApiModel):
    """Body of ``POST /v1/organizations/{organizationId}/members/{userId}`` (add-member-to-group)."""

    permission_group_ids: list[int] | None = None
    is_admin: bool | None = None
    is_billing_manager: bool | None = None
    remove_from_permission_groups_where_id_not_set: bool | None = None
