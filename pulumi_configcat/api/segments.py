"""Segments: ``/v1/products/{productId}/segments`` and ``/v1/segments/{segmentId}``."""

from __future__ import annotations

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.types import CreateSegmentModel, SegmentListModel, SegmentModel, UpdateSegmentModel


def create_segment(client: ConfigCatClient, product_id: str, body: CreateSegmentModel) -> SegmentModel:
    """Creates a segment in a product."""
    return client.post(f"/v1/products/{product_id}/segments", body.to_wire(), cast_to=SegmentModel)


def get_segment(client: ConfigCatClient, segment_id: str) -> SegmentModel:
    """Reads one segment."""
    return client.get(f"/v1/segments/{segment_id}", cast_to=SegmentModel)


def update_segment(client: ConfigCatClient, segment_id: str, body: UpdateSegmentModel) -> SegmentModel:
    """Updates a segment; fields left out keep their values."""
    return client.put(f"/v1/segments/{segment_id}", body.to_wire(), cast_to=SegmentModel)


def delete_segment(client: ConfigCatClient, segment_id: str) -> None:
    """Deletes a segment."""
    client.delete(f"/v1/segments/{segment_id}")


def list_segments(client: ConfigCatClient, product_id: str) -> list[SegmentListModel]:
    """Lists the segments of a product (without their conditions)."""
    return client.get(f"/v1/products/{product_id}/segments", cast_to=list[SegmentListModel])
