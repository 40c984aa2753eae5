"""Tags: labels for feature flags, shared across a product's configs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import pulumi
from typing_extensions import Required, TypedDict, Unpack

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.api import tags as api
from pulumi_configcat.resources._base import ConfigCatProvider, Outputs
from pulumi_configcat.resources._declare import RESOURCE_NAME, In, parent_id, request
from pulumi_configcat.resources._props import Text
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.types import CreateTagModel, TagModel, UpdateTagModel


class TagArgs(TypedDict, total=False):
    """The inputs of a tag."""

    product_id: Required[Annotated[pulumi.Input[str], parent_id("product", "tag")]]
    name: Annotated[
        pulumi.Input[str], In(Text(1, 255), "The tag's name, 1 to 255 characters.", RESOURCE_NAME)
    ]
    color: Annotated[
        pulumi.Input[str],
        In(
            Text(0, 255),
            "The dashboard color: ``panther``, ``whale``, ``salmon``, ``lizard``, ``canary`` or ``koala``.",
            "panther",
        ),
    ]


class TagProvider(ConfigCatProvider):
    """Creates, reads, updates and deletes tags."""

    entity = "Tag"
    args = TagArgs
    id_format = "<tag id>"

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        tag = api.create_tag(client, inputs["product_id"], request(CreateTagModel, self.props, inputs))
        return str(tag.tag_id), _outputs(tag)

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        return _outputs(api.get_tag(client, id_))

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        return _outputs(api.update_tag(client, id_, request(UpdateTagModel, self.props, news, update=True)))

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
        self, resource_name: str, *, opts: pulumi.ResourceOptions | None = None, **args: Unpack[TagArgs]
    ) -> None:
        super().__init__(resource_name, self._declared(resource_name, args), opts)
