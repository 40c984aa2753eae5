"""Organizations: ``/v1/organizations``."""

from __future__ import annotations

from pydantic import TypeAdapter

from pulumi_configcat._client import ConfigCatClient, validate_answer
from pulumi_configcat.types import MeModel, OrganizationModel

_ORGANIZATIONS = TypeAdapter(list[OrganizationModel])


def list_organizations(client: ConfigCatClient) -> list[OrganizationModel]:
    """Lists the organizations the credentials belong to."""
    return validate_answer(_ORGANIZATIONS, client.get("/v1/organizations"))


def get_me(client: ConfigCatClient) -> MeModel:
    """The user the credentials belong to."""
    return MeModel.model_validate(client.get("/v1/me"))
