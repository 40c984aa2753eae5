"""Tags: ``/v1/products/{productId}/tags`` and ``/v1/tags/{tagId}``."""

from __future__ import annotations

from pydantic import TypeAdapter

from pulumi_configcat._client import ConfigCatClient, validate_answer
from pulumi_configcat.types import CreateTagModel, TagModel, UpdateTagModel

_TAGS = TypeAdapter(list[TagModel])


def create_tag(client: ConfigCatClient, product_id: str, body: CreateTagModel) -> TagModel:
    """Creates a tag in a product."""
    return TagModel.model_validate(client.post(f"/v1/products/{product_id}/tags", body.to_wire()))


def get_tag(client: ConfigCatClient, tag_id: str) -> TagModel:
    """Reads one tag."""
    return TagModel.model_validate(client.get(f"/v1/tags/{tag_id}"))


def update_tag(client: ConfigCatClient, tag_id: str, body: UpdateTagModel) -> TagModel:
    """Updates a tag; fields left out keep their values."""
    return TagModel.model_validate(client.put(f"/v1/tags/{tag_id}", body.to_wire()))


def delete_tag(client: ConfigCatClient, tag_id: str) -> None:
    """Deletes a tag (and detaches it from its settings)."""
    client.delete(f"/v1/tags/{tag_id}")


def list_tags(client: ConfigCatClient, product_id: str) -> list[TagModel]:
    """Lists the tags of a product."""
    return validate_answer(_TAGS, client.get(f"/v1/products/{product_id}/tags"))
