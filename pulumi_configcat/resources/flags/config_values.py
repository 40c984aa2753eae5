"""All of a Config V1 config's flag values in one environment, in one resource, over the batch endpoints.

A stack that sets 100 flags in 3 environments is 300 ``SettingValue`` resources: 300 writes on create and
300 reads on every refresh. ``ConfigValues`` (and ``ConfigValuesV2`` for Config V2, :mod:`.config_values_v2`)
is one resource per config and environment instead: one read and at most one write per operation. The
values, rules, checks and comparison are the ones the single-value resources use (the same dialect,
:mod:`._dialect_v1`; the provider is :mod:`._batch`).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Annotated, Any

import pulumi
import pulumi.dynamic
from typing_extensions import Required, TypedDict, Unpack

from pulumi_configcat.resources._declare import In
from pulumi_configcat.resources._props import Uuid
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.resources.flags._batch import BatchValuesProvider
from pulumi_configcat.resources.flags._dialect_v1 import V1
from pulumi_configcat.resources.flags._rules_v1 import FlagValuesV1
from pulumi_configcat.resources.flags._values import (
    BATCH_INIT_ONLY,
    ENVIRONMENT_ID,
    MANDATORY_NOTES,
)

# ConfigValuesV2 was defined here before it moved to its own module. A stack's state written then names its
# provider as ``pulumi_configcat.resources.flags.config_values:ConfigValuesV2Provider``, so these names
# still resolve here, on first lookup (PEP 562), which keeps a V1 program from importing V2.
_MOVED = {"ConfigValuesV2", "ConfigValuesV2Args", "ConfigValuesV2Provider"}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        return getattr(importlib.import_module(f"{__package__}.config_values_v2"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class ConfigValuesArgs(TypedDict, total=False):
    """The inputs of the values of a Config V1 config's flags in an environment."""

    config_id: Required[Annotated[pulumi.Input[str], In(Uuid(), "The config's UUID.", replaces=True)]]
    environment_id: Required[Annotated[pulumi.Input[str], ENVIRONMENT_ID]]
    values: Required[
        Annotated[
            pulumi.Input[Mapping[Any, Any]],
            In(
                FlagValuesV1,
                "Flag (key, or setting id) to its value, or to ``{value, rollout_rules, percentage_items}``.",
            ),
        ]
    ]
    mandatory_notes: Annotated[pulumi.Input[str] | None, MANDATORY_NOTES]
    init_only: Annotated[pulumi.Input[bool], BATCH_INIT_ONLY]


class ConfigValuesProvider(BatchValuesProvider):
    """Reads and writes the V1 values of a config's flags in one environment."""

    entity = "ConfigValues"
    dialect = V1
    args = ConfigValuesArgs
    id_format = '"<configId>:<environmentId>"'
    noun = "the values of a Config V1 config's flags in an environment"


class ConfigValues(ConfigCatResource, module="configcat", name="ConfigValues"):
    """The values of a Config V1 config's flags in one environment, in one resource.

    Each value is given as :class:`SettingValue` takes it: a plain value (``"true"``, ``42``) or
    ``{"value": ..., "rollout_rules": [...], "percentage_items": [...]}``. ``init_only`` defaults to
    ``False``.

    Only the listed flags are managed. Dropping a flag from the mapping leaves its value on the server as it
    is, and so does destroying the resource (the API has no delete for values). A flag is named by its key
    (``"newCheckout"``) or by its setting id (``checkout.id`` works as a key). Create and update read the
    config's values once and write, in one request, exactly the listed flags whose value differs; refresh is
    one read; an unchanged run sends nothing. The id is ``"<configId>:<environmentId>"``; both replace.

    Do not also manage a flag listed here with a single-value resource in the same environment: the two would
    overwrite each other on every run.

    Example::

        configcat.ConfigValues(
            "production-values",
            config_id=legacy.id,
            environment_id=production.id,
            values={"maxItems": 20, "betaBanner": {"value": "false", "rollout_rules": [
                {"comparison_attribute": "Email", "comparator": "contains", "comparison_value": "@acme.com",
                 "value": "true"}]}},
        )
    """

    _provider_class = ConfigValuesProvider

    config_id: pulumi.Output[str]
    environment_id: pulumi.Output[str]
    values: pulumi.Output[dict[str, Any]]
    flags: pulumi.Output[dict[str, dict[str, str]]]
    mandatory_notes: pulumi.Output[str | None]
    init_only: pulumi.Output[bool]

    def __init__(
        self,
        resource_name: str,
        *,
        opts: pulumi.ResourceOptions | None = None,
        **args: Unpack[ConfigValuesArgs],
    ) -> None:
        super().__init__(resource_name, self._declared(resource_name, args), opts)
