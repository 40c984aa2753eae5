"""Models of Organizations and of the calling user."""

from pulumi_configcat.types._base import ApiModel


class OrganizationModel(ApiModel):
    """Details of the Organization."""

    organization_id: str
    name: str


class MeModel(ApiModel):
    """The user the API credentials belong to (`GET /v1/me`)."""

    email: str
    full_name: str
