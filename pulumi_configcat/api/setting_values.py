"""A Config V1 flag's value in one environment, and all of a config's at once.

Both writes replace the whole value: rules and percentage items left out are deleted. The ``reason`` query
parameter carries the mandatory note where the product requires one. The Config V2 endpoints are
:mod:`.setting_formulas`.
"""

from __future__ import annotations

from pulumi_configcat._client import ConfigCatClient, reason_params
from pulumi_configcat.types import (
    ConfigSettingValuesModel,
    SettingValueModel,
    UpdateSettingValueModel,
    UpdateSettingValuesWithIdModel,
)


def _path(environment_id: str, setting_id: str) -> str:
    return f"/v1/environments/{environment_id}/settings/{setting_id}/value"


def get_value(client: ConfigCatClient, environment_id: str, setting_id: str) -> SettingValueModel:
    """Reads a Config V1 flag's value, rollout rules and percentage items in one environment."""
    return client.get(_path(environment_id, setting_id), cast_to=SettingValueModel)


def replace_value(
    client: ConfigCatClient,
    environment_id: str,
    setting_id: str,
    body: UpdateSettingValueModel,
    *,
    reason: str | None = None,
) -> SettingValueModel:
    """Replaces a Config V1 flag's value, rollout rules and percentage items in one environment."""
    return client.put(
        _path(environment_id, setting_id),
        body.to_wire(),
        params=reason_params(reason),
        cast_to=SettingValueModel,
    )


def _batch_path(config_id: str, environment_id: str) -> str:
    return f"/v1/configs/{config_id}/environments/{environment_id}/values"


def get_config_values(
    client: ConfigCatClient, config_id: str, environment_id: str
) -> ConfigSettingValuesModel:
    """Reads every Config V1 flag's value of a config in one environment."""
    return client.get(_batch_path(config_id, environment_id), cast_to=ConfigSettingValuesModel)


def post_config_values(
    client: ConfigCatClient,
    config_id: str,
    environment_id: str,
    body: UpdateSettingValuesWithIdModel,
    *,
    reason: str | None = None,
) -> ConfigSettingValuesModel:
    """Replaces the listed Config V1 flags' values completely; flags not listed are left as they are."""
    return client.post(
        _batch_path(config_id, environment_id),
        body.to_wire(),
        params=reason_params(reason),
        cast_to=ConfigSettingValuesModel,
    )
