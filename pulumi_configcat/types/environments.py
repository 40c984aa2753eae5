"""Models of Environments."""

from pydantic import Field

from pulumi_configcat.types._base import ApiModel
from pulumi_configcat.types.products import ProductModel


class EnvironmentModel(ApiModel):
    """Details of the Environment."""

    product: ProductModel | None = None
    environment_id: str
    name: str
    color: str | None = None
    description: str | None = None
    order: int
    reason_required: bool
    approve_required: bool


class CreateEnvironmentModel(ApiModel):
    """Body of `POST /v1/products/{productId}/environments`."""

    name: str = Field(min_length=1, max_length=255)
    color: str | None = Field(default=None, max_length=255)
    description: str | None = Field(default=None, max_length=1000)
    order: int | None = None


class UpdateEnvironmentModel(ApiModel):
    """Body of `PUT /v1/environments/{environmentId}`; a field left out keeps its value."""

    name: str | None = Field(default=None, max_length=255)
    color: str | None = Field(default=None, max_length=255)
    description: str | None = Field(default=None, max_length=1000)
    order: int | None = None
