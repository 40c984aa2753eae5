"""Models of Products."""

from pydantic import Field

from pulumi_configcat.types._base import ApiModel
from pulumi_configcat.types.organizations import OrganizationModel


class ProductModel(ApiModel):
    """Details of the Product."""

    organization: OrganizationModel | None = None
    product_id: str
    name: str
    description: str | None = None
    order: int
    reason_required: bool
    approve_required: bool


class CreateProductRequest(ApiModel):
    """Body of `POST /v1/organizations/{organizationId}/products`."""

    name: str = Field(min_length=1, max_length=1000)
    description: str | None = Field(default=None, max_length=1000)
    order: int | None = None


class UpdateProductRequest(ApiModel):
    """Body of `PUT /v1/products/{productId}`; a field left out keeps its value."""

    name: str | None = Field(default=None, max_length=1000)
    description: str | None = Field(default=None, max_length=1000)
    order: int | None = None
