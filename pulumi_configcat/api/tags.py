"""Tags: ``/v1/products/{productId}/tags`` and ``/v1/tags/{tagId}``."""

from __future__ import annotations

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.types import CreateTagModel, TagModel, UpdateTagModel


def create_tag(client: ConfigCatClient, product_id: str, body: CreateTagModel) -> TagModel:
    """Creates a tag in a product."""
    return client.post(f"/v1/products/{product_id}/tags", body.to_wire(), cast_to=TagModel)


def get_tag(client: ConfigCatClient, tag_id: str) -> TagModel:
    """Reads one tag."""
    return client.get(f"/v1/tags/{tag_id}", cast_to=TagModel)


def update_tag(client: ConfigCatClient, tag_id: str, body: UpdateTagModel) -> TagModel:
    """Updates a tag; fields left out keep their values."""
    return client.put(f"/v1/tags/{tag_id}", body.to_wire(), cast_to=TagModel)


def delete_tag(client: ConfigCatClient, tag_id: str) -> None:
    """Deletes a tag (and detaches it from its settings)."""
    client.delete(f"/v1/tags/{tag_id}")


def list_tags(client: ConfigCatClient, product_id: str) -> list[TagModel]:
    """Lists the tags of a product."""
    return client.get(f"/v1/products/{product_id}/tags", cast_to=list[TagModel])
