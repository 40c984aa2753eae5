"""All of a Config V2 config's flag values in one environment, in one resource, over the batch endpoints.

A stack that sets 100 flags in 3 environments is 300 ``SettingValueV2`` resources: 300 writes on create and
300 reads on every refresh. ``ConfigValuesV2`` is one resource per config and environment instead: one read
and at most one write per operation. The values, rules, checks and comparison are the ones the single-value
resource uses (the same dialect, :mod:`._dialect_v2`; the provider is :mod:`._batch`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import pulumi
import pulumi.dynamic
from typing_extensions import Required, TypedDict, Unpack

from pulumi_configcat.resources._declare import In
from pulumi_configcat.resources._props import Uuid
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.resources.flags._batch import BatchValuesProvider
from pulumi_configcat.resources.flags._dialect_v2 import V2
from pulumi_configcat.resources.flags._rules import FlagValuesV2
from pulumi_configcat.resources.flags._values import (
    BATCH_INIT_ONLY,
    BYPASS_APPROVAL,
    ENVIRONMENT_ID,
    MANDATORY_NOTES,
)


class ConfigValuesV2Args(TypedDict, total=False):
    """The inputs of the values of a Config V2 config's flags in an environment."""

    config_id: Required[Annotated[pulumi.Input[str], In(Uuid(), "The config's UUID.", replaces=True)]]
    environment_id: Required[Annotated[pulumi.Input[str], ENVIRONMENT_ID]]
    values: Required[
        Annotated[
            pulumi.Input[Mapping[Any, Any]],
            In(
                FlagValuesV2,
                "Flag (key, or setting id) to its value, or to ``{value, targeting_rules, "
                "percentage_evaluation_attribute}``.",
            ),
        ]
    ]
    mandatory_notes: Annotated[pulumi.Input[str] | None, MANDATORY_NOTES]
    init_only: Annotated[pulumi.Input[bool], BATCH_INIT_ONLY]
    bypass_approval: Annotated[pulumi.Input[bool], BYPASS_APPROVAL]


class ConfigValuesV2Provider(BatchValuesProvider):
    """Reads and writes the V2 formulas of a config's flags in one environment."""

    entity = "ConfigValuesV2"
    dialect = V2
    args = ConfigValuesV2Args
    id_format = '"<configId>:<environmentId>"'
    noun = "the values of a Config V2 config's flags in an environment"


class ConfigValuesV2(ConfigCatResource, module="configcat", name="ConfigValuesV2"):
    """The values of a Config V2 config's flags in one environment, in one resource.

    Each value is given as :class:`SettingValueV2` takes it: a plain value when there is no targeting, or
    ``{"value": ..., "targeting_rules": [...], "percentage_evaluation_attribute": ...}``. Unlike the
    single-value resources, ``init_only`` defaults to ``False``: the program owns the values.

    Only the listed flags are managed. Dropping a flag from the mapping leaves its value on the server as it
    is, and so does destroying the resource (the API has no delete for values). A flag is named by its key
    (``"newCheckout"``) or by its setting id (``checkout.id`` works as a key). Create and update read the
    config's values once and write, in one request, exactly the listed flags whose value differs; refresh is
    one read; an unchanged run sends nothing. The id is ``"<configId>:<environmentId>"``; both replace.

    Do not also manage a flag listed here with a single-value resource in the same environment: the two would
    overwrite each other on every run.

    Example::

        configcat.ConfigValuesV2(
            "production-values",
            config_id=main.id,
            environment_id=production.id,
            values={
                "darkMode": True,
                "welcomeText": "Hello!",
                checkout.id: {
                    "value": False,
                    "targeting_rules": [
                        {"conditions": [{"segment_condition": {"segment_id": staff.id,
                                                               "comparator": "isIn"}}],
                         "value": True},
                    ],
                },
            },
        )
    """

    _provider_class = ConfigValuesV2Provider

    config_id: pulumi.Output[str]
    environment_id: pulumi.Output[str]
    values: pulumi.Output[dict[str, Any]]
    flags: pulumi.Output[dict[str, dict[str, str]]]
    mandatory_notes: pulumi.Output[str | None]
    init_only: pulumi.Output[bool]
    bypass_approval: pulumi.Output[bool]

    def __init__(
        self,
        resource_name: str,
        *,
        opts: pulumi.ResourceOptions | None = None,
        **args: Unpack[ConfigValuesV2Args],
    ) -> None:
        super().__init__(resource_name, self._declared(resource_name, args), opts)
