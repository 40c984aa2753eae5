"""Tags: labels for feature flags, shared across a product's configs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.api import tags as api
from pulumi_configcat.resources._base import ConfigCatProvider, ConfigCatResource, Outputs
from pulumi_configcat.resources._props import Prop, Text, Uuid
from pulumi_configcat.types import CreateTagModel, TagModel, UpdateTagModel


class TagProvider(ConfigCatProvider):
    """Creates, reads, updates and deletes tags."""

    entity = "Tag"
    props = (
        Prop("product_id", Uuid(), required=True, replaces=True),
        Prop("name", Text(1, 255), required=True),
        Prop("color", Text(0, 255), default="panther"),
    )

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        tag = api.create_tag(
            client, inputs["product_id"], CreateTagModel(name=inputs["name"], color=inputs["color"])
        )
        return str(tag.tag_id), _outputs(tag)

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        return _outputs(api.get_tag(client, id_))

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        return _outputs(api.update_tag(client, id_, UpdateTagModel(name=news["name"], color=news["color"])))

    def _delete(self, client: ConfigCatClient, id_: str) -> None:
        api.delete_tag(client, id_)


def _outputs(tag: TagModel) -> Outputs:
    return {
        "product_id": tag.product.product_id if tag.product else None,
        "name": tag.name,
        "color": tag.color,
    }


class Tag(ConfigCatResource, module="configcat", name="Tag"):
    """A ConfigCat tag, to label feature flags.

    The id is the tag's integer id, as a string. Changing ``product_id`` replaces the tag; ``name`` and
    ``color`` are updated in place. Deleting a tag detaches it from every flag.

    Example::

        beta = configcat.Tag("beta", product_id=product.id, color="salmon")
    """

    _provider_class = TagProvider

    product_id: pulumi.Output[str]
    name: pulumi.Output[str]
    color: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        product_id: pulumi.Input[str],
        name: pulumi.Input[str] | None = None,
        color: pulumi.Input[str] = "panther",
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declares a tag.

        Args:
            resource_name: The Pulumi name of the resource; also the tag's name unless ``name`` is set.
            product_id: The UUID of the product the tag belongs to. Replaces on change.
            name: The tag's name, 1 to 255 characters.
            color: The dashboard color: ``panther`` (the default), ``whale``, ``salmon``, ``lizard``,
                ``canary`` or ``koala``.
            opts: Resource options; ``import_=<tag id>`` adopts an existing tag.
        """
        super().__init__(
            resource_name,
            {"product_id": product_id, "name": resource_name if name is None else name, "color": color},
            opts,
        )
