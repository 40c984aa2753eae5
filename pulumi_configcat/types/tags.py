"""Models of Tags."""

from pydantic import Field

from pulumi_configcat.types._base import ApiModel
from pulumi_configcat.types.products import ProductModel


class TagModel(ApiModel):
    """A Tag of a Product."""

    product: ProductModel | None = None
    tag_id: int
    name: str
    color: str | None = None


class CreateTagModel(ApiModel):
    """Body of `POST /v1/products/{productId}/tags`."""

    name: str = Field(min_length=1, max_length=255)
    color: str | None = Field(default=None, max_length=255)


class UpdateTagModel(ApiModel):
    """Body of `PUT /v1/tags/{tagId}`; a field left out keeps its value."""

    name: str | None = Field(default=None, max_length=255)
    color: str | None = Field(default=None, max_length=255)
