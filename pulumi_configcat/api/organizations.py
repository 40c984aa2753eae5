"""Organizations: ``/v1/organizations``."""

from __future__ import annotations

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.types import MeModel, OrganizationModel


def list_organizations(client: ConfigCatClient) -> list[OrganizationModel]:
    """Lists the organizations the credentials belong to."""
    return client.get("/v1/organizations", cast_to=list[OrganizationModel])


def get_me(client: ConfigCatClient) -> MeModel:
    """The user the credentials belong to."""
    return client.get("/v1/me", cast_to=MeModel)
