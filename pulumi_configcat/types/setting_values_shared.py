"""What the value answers of both evaluation versions share: an account's limits, integration links, and
the segment comparator. Apart, so that a Config V2 value's models do not import Config V1's."""

from typing import Literal

from pulumi_configcat.types._base import ApiModel

SegmentComparator = Literal["isIn", "isNotIn"]
"""The segment comparison operator used during the evaluation process."""


IntegrationLinkType = Literal["trello", "jira", "monday"]
"""The kind of integration an integration link belongs to."""


class IntegrationLinkModel(ApiModel):
    """A link from a Feature Flag or Setting to an item of an integration (Jira, Trello, monday)."""

    key: str | None = None
    description: str | None = None
    integration_link_type: IntegrationLinkType | str
    url: str | None = None


class FeatureFlagLimitations(ApiModel):
    """Subscription limitations regarding Feature flag or Setting values and targeting."""

    max_percentage_option_count: int
    max_targeting_rule_count: int
    max_comparison_value_length: int
    max_comparison_value_list_length: int
    max_comparison_value_list_item_length: int
    max_string_flag_value_length: int
    max_condition_per_targeting_rule_count: int
