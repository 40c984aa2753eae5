"""Models of Segments."""

from pydantic import Field

from pulumi_configcat.types._base import ApiModel
from pulumi_configcat.types.products import ProductModel
from pulumi_configcat.types.setting_values import RolloutRuleComparator


class SegmentModel(ApiModel):
    """A Segment of a Product, with its condition."""

    product: ProductModel | None = None
    segment_id: str
    name: str
    description: str | None = None
    creator_email: str | None = None
    creator_full_name: str | None = None
    created_at: str
    last_updater_email: str | None = None
    last_updater_full_name: str | None = None
    updated_at: str
    comparison_attribute: str
    comparator: RolloutRuleComparator | str
    comparison_value: str


class SegmentListModel(ApiModel):
    """A Segment as listed by `GET /v1/products/{productId}/segments` (no condition, but its usage count)."""

    product: ProductModel | None = None
    segment_id: str
    name: str
    description: str | None = None
    creator_email: str | None = None
    creator_full_name: str | None = None
    created_at: str
    last_updater_email: str | None = None
    last_updater_full_name: str | None = None
    updated_at: str
    usage: int


class CreateSegmentModel(ApiModel):
    """Body of `POST /v1/products/{productId}/segments`."""

    name: str = Field(min_length=1, max_length=255)
    description: str | None = Field(default=None, max_length=1000)
    comparison_attribute: str = Field(min_length=1, max_length=1000)
    comparator: RolloutRuleComparator
    comparison_value: str = Field(min_length=1)


class UpdateSegmentModel(ApiModel):
    """Body of `PUT /v1/segments/{segmentId}`; a field left out keeps its value."""

    name: str | None = Field(default=None, max_length=255)
    description: str | None = Field(default=None, max_length=1000)
    comparison_attribute: str | None = Field(default=None, max_length=1000)
    comparator: RolloutRuleComparator | None = None
    comparison_value: str | None = None
