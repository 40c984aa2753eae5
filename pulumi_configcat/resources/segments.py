"""Segments: named groups of users (by one attribute comparison) that targeting rules can refer to."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, get_args

import pulumi
from typing_extensions import Required, TypedDict, Unpack

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.api import segments as api
from pulumi_configcat.resources._base import ConfigCatProvider, Outputs, match_natural_key
from pulumi_configcat.resources._declare import DESCRIPTION, RESOURCE_NAME, In, parent_id, request
from pulumi_configcat.resources._props import Choice, Text
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.resources.flags._scalars import (
    v1_number_ok,
)
from pulumi_configcat.types import CreateSegmentModel, RolloutRuleComparator, SegmentModel, UpdateSegmentModel


class SegmentArgs(TypedDict, total=False):
    """The inputs of a segment."""

    product_id: Required[Annotated[pulumi.Input[str], parent_id("product", "segment")]]
    name: Annotated[
        pulumi.Input[str],
        In(Text(1, 255), "The segment's name, 1 to 255 characters, unique in the product.", RESOURCE_NAME),
    ]
    description: Annotated[pulumi.Input[str] | None, DESCRIPTION]
    comparison_attribute: Required[
        Annotated[
            pulumi.Input[str],
            In(Text(1, 1000), 'The user attribute compared, e.g. ``"Email"``; 1 to 1000 characters.'),
        ]
    ]
    comparator: Required[
        Annotated[
            pulumi.Input[str],
            In(
                Choice(get_args(RolloutRuleComparator)),
                "How it is compared: one of the API's rollout-rule comparators (``isOneOf``, ``contains``, "
                "``semVerLess``, ``numberEquals``, ``sensitiveIsOneOf``, ...).",
            ),
        ]
    ]
    comparison_value: Required[
        Annotated[
            pulumi.Input[str],
            In(Text(1), 'What it is compared with, e.g. ``"a@example.com,b@example.com"``.'),
        ]
    ]


class SegmentProvider(ConfigCatProvider):
    """Creates, reads, updates and deletes segments."""

    entity = "Segment"
    args = SegmentArgs
    id_format = "<segment id>"
    unique_together = ("product_id", "name")

    def _check_together(self, inputs: Mapping[str, Any]) -> list[pulumi.dynamic.CheckFailure]:
        if v1_number_ok(inputs["comparator"], inputs["comparison_value"]):
            return []
        return [
            pulumi.dynamic.CheckFailure(
                "comparison_value",
                f"comparison_value must be a number for the comparator {inputs['comparator']!r}, "
                f"got {inputs['comparison_value']!r}",
            )
        ]

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        body = request(CreateSegmentModel, self.props, inputs)
        segment = api.create_segment(client, inputs["product_id"], body)
        return segment.segment_id, _outputs(segment)

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        return _outputs(api.get_segment(client, id_))

    def _find_existing(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> str | None:
        return match_natural_key(
            (
                (segment.segment_id, segment.name)
                for segment in api.list_segments(client, inputs["product_id"])
            ),
            inputs["name"],
        )

    def _creator_of(self, client: ConfigCatClient, id_: str) -> str | None:
        return api.get_segment(client, id_).creator_email

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        body = request(UpdateSegmentModel, self.props, news, update=True)
        return _outputs(api.update_segment(client, id_, body))

    def _delete(self, client: ConfigCatClient, id_: str) -> None:
        api.delete_segment(client, id_)


def _outputs(segment: SegmentModel) -> Outputs:
    return {
        "product_id": segment.product.product_id if segment.product else None,
        "name": segment.name,
        "description": segment.description,
        "comparison_attribute": segment.comparison_attribute,
        "comparator": segment.comparator,
        "comparison_value": segment.comparison_value,
    }


class Segment(ConfigCatResource, module="configcat", name="Segment"):
    """A ConfigCat segment: the users whose attribute compares true against a value.

    The id is the segment's UUID. Changing ``product_id`` replaces the segment; other inputs are updated in
    place.

    Example::

        staff = configcat.Segment(
            "staff",
            product_id=product.id,
            comparison_attribute="Email",
            comparator="contains",
            comparison_value="@example.com",
        )
    """

    _provider_class = SegmentProvider

    product_id: pulumi.Output[str]
    name: pulumi.Output[str]
    description: pulumi.Output[str | None]
    comparison_attribute: pulumi.Output[str]
    comparator: pulumi.Output[str]
    comparison_value: pulumi.Output[str]

    def __init__(
        self, resource_name: str, *, opts: pulumi.ResourceOptions | None = None, **args: Unpack[SegmentArgs]
    ) -> None:
        super().__init__(resource_name, self._declared(resource_name, args), opts)
