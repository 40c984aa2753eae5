"""A Config V2 flag's value in one environment: default value, targeting rules, percentage attribute."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import pulumi
from typing_extensions import Required, TypedDict, Unpack

from pulumi_configcat.resources._declare import In
from pulumi_configcat.resources._props import Text
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.resources.flags._dialect_v2 import V2
from pulumi_configcat.resources.flags._rules import (
    TargetingRules,
    V2Value,
)
from pulumi_configcat.resources.flags._single import SingleValueProvider
from pulumi_configcat.resources.flags._values import (
    BYPASS_APPROVAL,
    ENVIRONMENT_ID,
    INIT_ONLY,
    MANDATORY_NOTES,
    SETTING_ID,
)


class SettingValueV2Args(TypedDict, total=False):
    """The inputs of a Config V2 flag's value in an environment."""

    environment_id: Required[Annotated[pulumi.Input[str], ENVIRONMENT_ID]]
    setting_id: Required[Annotated[pulumi.Input[str | int], SETTING_ID]]
    value: Required[
        Annotated[
            pulumi.Input[Any], In(V2Value, "The value served when no rule matches, of the flag's type.")
        ]
    ]
    targeting_rules: Annotated[
        pulumi.Input[Sequence[Any]] | None,
        In(TargetingRules, "Rules in evaluation order (the first that matches serves its value).", []),
    ]
    percentage_evaluation_attribute: Annotated[
        pulumi.Input[str] | None,
        In(
            Text(1, 1000, empty_is_none=True),
            "The user attribute percentage options hash (default: the user's Identifier).",
        ),
    ]
    mandatory_notes: Annotated[pulumi.Input[str] | None, MANDATORY_NOTES]
    init_only: Annotated[pulumi.Input[bool], INIT_ONLY]
    bypass_approval: Annotated[pulumi.Input[bool], BYPASS_APPROVAL]


class SettingValueV2Provider(SingleValueProvider):
    """Reads and writes a Config V2 flag's value in one environment (``/v2/environments/.../value``)."""

    entity = "SettingValueV2"
    dialect = V2
    args = SettingValueV2Args
    id_format = '"<environmentId>:<settingId>"'
    noun = "a Config V2 flag's value in an environment"


class SettingValueV2(ConfigCatResource, module="configcat", name="SettingValueV2"):
    """The value of a Config V2 feature flag in one environment: its default value and targeting rules.

    The id is ``"<environmentId>:<settingId>"``; both replace. Every write sends the whole value (the API
    replaces what is left out), so the rules on the server are exactly the declared ones. Destroying the
    resource leaves the value on the server (the API cannot delete a value).

    ``init_only`` defaults to ``True``, as in pulumiverse_configcat and the Terraform provider: the value is
    set when the resource is created and then belongs to the dashboard (no drift, no pushes). Set
    ``init_only=False`` to have the program own the value: refresh then shows dashboard edits and the next
    ``up`` restores the declared value.

    Values (``value``, a rule's ``value``, a percentage option's ``value``) are plain ``True``, ``"text"``,
    ``42`` or ``4.2``, or pulumiverse's ``{"bool_value": True}`` / ``{"int_value": 42}`` /
    ``{"predefined_variation_id": ...}``. A rule is ``{"conditions": [...], "value": ...}`` or
    ``{"conditions": [...], "percentage_options": [{"percentage": 20, "value": True}, ...]}``; conditions
    (all must hold) are ``{"user_condition": {"comparison_attribute", "comparator", "comparison_value"}}``,
    ``{"segment_condition": {"segment_id", "comparator": "isIn"}}`` or
    ``{"prerequisite_flag_condition": {"prerequisite_setting_id", "comparator": "equals",
    "comparison_value"}}``. The typed ``...Args`` classes of :mod:`pulumi_configcat.inputs` work too.

    A user condition's ``comparator`` decides its ``comparison_value``: a list of strings for ``isOneOf``,
    ``isNotOneOf``, ``containsAnyOf``, ``doesNotContainAnyOf``, ``textStartsWithAnyOf``,
    ``textEndsWithAnyOf`` (and their ``Not`` forms), ``semVerIsOneOf``, ``arrayContainsAnyOf`` and the
    ``sensitive...`` (hashed) list comparators; a number for ``numberEquals``, ``numberLess``,
    ``numberGreaterOrEquals``, ... and ``dateTimeBefore`` / ``dateTimeAfter`` (Unix seconds); a string for
    ``textEquals``, ``textDoesNotEqual``, ``sensitiveTextEquals`` and ``semVerLess``, ``semVerGreater``, ....
    A list item may carry a hint: ``{"list_values": [{"value": "HU", "hint": "Hungary"}]}``. Percentage
    options are whole numbers that add up to 100; ``percentage_evaluation_attribute`` picks the user
    attribute they hash (the Identifier by default).

    Example::

        configcat.SettingValueV2(
            "checkout-production",
            environment_id=production.id,
            setting_id=checkout.id,
            init_only=False,
            value=False,
            targeting_rules=[
                {   # staff first
                    "conditions": [{"segment_condition": {"segment_id": staff.id, "comparator": "isIn"}}],
                    "value": True,
                },
                {   # then beta testers by e-mail
                    "conditions": [
                        {
                            "user_condition": {
                                "comparison_attribute": "Email",
                                "comparator": "isOneOf",
                                "comparison_value": ["beta@acme.com", "qa@acme.com"],
                            }
                        }
                    ],
                    "value": True,
                },
                {   # then 20% of everyone else
                    "percentage_options": [
                        {"percentage": 20, "value": True},
                        {"percentage": 80, "value": False},
                    ]
                },
            ],
        )
    """

    _provider_class = SettingValueV2Provider

    environment_id: pulumi.Output[str]
    setting_id: pulumi.Output[str]
    value: pulumi.Output[Any]
    targeting_rules: pulumi.Output[list[dict[str, Any]]]
    percentage_evaluation_attribute: pulumi.Output[str | None]
    setting_type: pulumi.Output[str]
    mandatory_notes: pulumi.Output[str | None]
    init_only: pulumi.Output[bool]
    bypass_approval: pulumi.Output[bool]

    def __init__(
        self,
        resource_name: str,
        *,
        opts: pulumi.ResourceOptions | None = None,
        **args: Unpack[SettingValueV2Args],
    ) -> None:
        super().__init__(resource_name, self._declared(resource_name, args), opts)
