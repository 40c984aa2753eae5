"""Lookups of every flag's value in a config and environment, in the shape ``ConfigValuesV2`` /
``ConfigValues`` (and the single-value resources) take them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi

from pulumi_configcat.api import setting_formulas as setting_formulas_api
from pulumi_configcat.api import setting_values as setting_values_api
from pulumi_configcat.lookups._common import client as _client
from pulumi_configcat.lookups._common import lift as _lift
from pulumi_configcat.lookups._common import uuid_argument as _uuid_argument
from pulumi_configcat.resources.flags._rollout import value_outputs
from pulumi_configcat.resources.flags._targeting import formula_outputs

__all__ = [
    "GetConfigValuesResult",
    "GetConfigValuesV2Result",
    "get_config_values",
    "get_config_values_output",
    "get_config_values_v2",
    "get_config_values_v2_output",
]


@dataclass(frozen=True)
class GetConfigValuesV2Result:
    """Every flag's value in a Config V2 config and environment.

    Attributes:
        id: The lookup's id (``<config_id>/<environment_id>``).
        config_id: The config.
        environment_id: The environment.
        values: Flag key to ``{value, targeting_rules, percentage_evaluation_attribute, setting_type}``,
            as ``ConfigValuesV2`` and ``SettingValueV2`` take them.
        setting_ids: Flag key to its setting id.

    Example::

        current = configcat.get_config_values_v2(config_id, production_id)
        pulumi.export("checkout_on", current.values["newCheckout"]["value"])
    """

    id: str
    config_id: str
    environment_id: str
    values: dict[str, dict[str, Any]]
    setting_ids: dict[str, str]


@dataclass(frozen=True)
class GetConfigValuesResult:
    """Every flag's value in a Config V1 config and environment.

    Attributes:
        id: The lookup's id (``<config_id>/<environment_id>``).
        config_id: The config.
        environment_id: The environment.
        values: Flag key to ``{value, rollout_rules, percentage_items, setting_type}``, as ``ConfigValues``
            and ``SettingValue`` take them (values as strings, as pulumiverse's ``SettingValue`` has them).
        setting_ids: Flag key to its setting id.

    Example::

        current = configcat.get_config_values(config_id, production_id)
        pulumi.export("max_items", current.values["maxItems"]["value"])
    """

    id: str
    config_id: str
    environment_id: str
    values: dict[str, dict[str, Any]]
    setting_ids: dict[str, str]


def get_config_values_v2(
    config_id: str, environment_id: str, opts: pulumi.InvokeOptions | None = None
) -> GetConfigValuesV2Result:
    """Reads every flag's value and targeting rules in a Config V2 config and environment (one request).

    Args:
        config_id: The config's UUID.
        environment_id: The environment's UUID.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        The values, keyed by flag key.

    Raises:
        ValueError: ``config_id`` or ``environment_id`` is not a UUID (refused before any request).
        NotFoundError: No such config or environment (or the credentials cannot see them).
        BadRequestError: The config is not of evaluation version v2 (use :func:`get_config_values`).

    Example::

        rules = configcat.get_config_values_v2(config_id, env_id).values["newCheckout"]["targeting_rules"]
    """
    _uuid_argument("get_config_values_v2", "config_id", config_id)
    _uuid_argument("get_config_values_v2", "environment_id", environment_id)
    answer = setting_formulas_api.get_config_formulas(_client(opts), config_id, environment_id)
    return GetConfigValuesV2Result(
        id=f"{config_id}/{environment_id}",
        config_id=config_id,
        environment_id=environment_id,
        values={item.setting.key: formula_outputs(item) for item in answer.setting_formulas},
        setting_ids={item.setting.key: str(item.setting.setting_id) for item in answer.setting_formulas},
    )


def get_config_values_v2_output(
    config_id: pulumi.Input[str],
    environment_id: pulumi.Input[str],
    opts: pulumi.InvokeOptions | None = None,
) -> pulumi.Output[GetConfigValuesV2Result]:
    """:func:`get_config_values_v2` taking Inputs, as an Output.

    Args:
        config_id: The config's UUID (an Output of a Config, say).
        environment_id: The environment's UUID (an Output of an Environment, say).
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        An Output of the values.

    Example::

        values = configcat.get_config_values_v2_output(config_id=main.id, environment_id=production.id)
        pulumi.export("flags", values.apply(lambda v: sorted(v.values)))
    """
    return _lift(get_config_values_v2, config_id=config_id, environment_id=environment_id, opts=opts)


def get_config_values(
    config_id: str, environment_id: str, opts: pulumi.InvokeOptions | None = None
) -> GetConfigValuesResult:
    """Reads every flag's value, rollout rules and percentage items in a Config V1 config and environment.

    Args:
        config_id: The config's UUID.
        environment_id: The environment's UUID.
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        The values, keyed by flag key.

    Raises:
        ValueError: ``config_id`` or ``environment_id`` is not a UUID (refused before any request).
        NotFoundError: No such config or environment (or the credentials cannot see them).
        BadRequestError: The config is not of evaluation version v1 (use :func:`get_config_values_v2`).

    Example::

        limit = configcat.get_config_values(config_id, env_id).values["maxItems"]["value"]
    """
    _uuid_argument("get_config_values", "config_id", config_id)
    _uuid_argument("get_config_values", "environment_id", environment_id)
    answer = setting_values_api.get_config_values(_client(opts), config_id, environment_id)
    return GetConfigValuesResult(
        id=f"{config_id}/{environment_id}",
        config_id=config_id,
        environment_id=environment_id,
        values={item.setting.key: value_outputs(item) for item in answer.setting_values},
        setting_ids={item.setting.key: str(item.setting.setting_id) for item in answer.setting_values},
    )


def get_config_values_output(
    config_id: pulumi.Input[str],
    environment_id: pulumi.Input[str],
    opts: pulumi.InvokeOptions | None = None,
) -> pulumi.Output[GetConfigValuesResult]:
    """:func:`get_config_values` taking Inputs, as an Output.

    Args:
        config_id: The config's UUID (an Output of a Config, say).
        environment_id: The environment's UUID (an Output of an Environment, say).
        opts: ``InvokeOptions(provider=cc)`` uses that :class:`~pulumi_configcat.Provider`'s credentials.

    Returns:
        An Output of the values.

    Example::

        values = configcat.get_config_values_output(config_id=legacy.id, environment_id=production.id)
    """
    return _lift(get_config_values, config_id=config_id, environment_id=environment_id, opts=opts)
