"""A flag's value in one environment: ``/v1/...`` (Config V1) and ``/v2/...`` (Config V2) value endpoints.

Both writes are a PUT that replaces the whole value: rules and percentages left out are deleted. The
``reason`` query parameter carries the mandatory note where the product requires one.
"""

from __future__ import annotations

from pulumi_configcat._client import ConfigCatClient, reason_params
from pulumi_configcat.types import (
    ConfigSettingFormulasModel,
    ConfigSettingValuesModel,
    SettingFormulaModel,
    SettingValueModel,
    UpdateEvaluationFormulaModel,
    UpdateEvaluationFormulasModel,
    UpdateSettingValueModel,
    UpdateSettingValuesWithIdModel,
)


def _path(version: str, environment_id: str, setting_id: str) -> str:
    return f"/{version}/environments/{environment_id}/settings/{setting_id}/value"


def get_value(client: ConfigCatClient, environment_id: str, setting_id: str) -> SettingValueModel:
    """Reads a Config V1 flag's value, rollout rules and percentage items in one environment."""
    return client.get(_path("v1", environment_id, setting_id), cast_to=SettingValueModel)


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
        _path("v1", environment_id, setting_id),
        body.to_wire(),
        params=reason_params(reason),
        cast_to=SettingValueModel,
    )


def get_formula(client: ConfigCatClient, environment_id: str, setting_id: str) -> SettingFormulaModel:
    """Reads a Config V2 flag's default value and targeting rules in one environment."""
    return client.get(_path("v2", environment_id, setting_id), cast_to=SettingFormulaModel)


def replace_formula(
    client: ConfigCatClient,
    environment_id: str,
    setting_id: str,
    body: UpdateEvaluationFormulaModel,
    *,
    reason: str | None = None,
    bypass_approval: bool = False,
) -> SettingFormulaModel:
    """Replaces a Config V2 flag's default value and targeting rules in one environment."""
    params = reason_params(reason)
    if bypass_approval:
        params["bypassApproval"] = "true"
    return client.put(
        _path("v2", environment_id, setting_id), body.to_wire(), params=params, cast_to=SettingFormulaModel
    )


def _batch_path(version: str, config_id: str, environment_id: str) -> str:
    return f"/{version}/configs/{config_id}/environments/{environment_id}/values"


def get_config_formulas(
    client: ConfigCatClient, config_id: str, environment_id: str
) -> ConfigSettingFormulasModel:
    """Reads every Config V2 flag's formula of a config in one environment (with each flag's key and type)."""
    return client.get(_batch_path("v2", config_id, environment_id), cast_to=ConfigSettingFormulasModel)


def post_config_formulas(
    client: ConfigCatClient,
    config_id: str,
    environment_id: str,
    body: UpdateEvaluationFormulasModel,
    *,
    reason: str | None = None,
    bypass_approval: bool = False,
) -> ConfigSettingFormulasModel:
    """Replaces the listed flags' formulas completely; flags not listed are left as they are."""
    params = reason_params(reason)
    if bypass_approval:
        params["bypassApproval"] = "true"
    return client.post(
        _batch_path("v2", config_id, environment_id),
        body.to_wire(),
        params=params,
        cast_to=ConfigSettingFormulasModel,
    )


def get_config_values(
    client: ConfigCatClient, config_id: str, environment_id: str
) -> ConfigSettingValuesModel:
    """Reads every Config V1 flag's value of a config in one environment."""
    return client.get(_batch_path("v1", config_id, environment_id), cast_to=ConfigSettingValuesModel)


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
        _batch_path("v1", config_id, environment_id),
        body.to_wire(),
        params=reason_params(reason),
        cast_to=ConfigSettingValuesModel,
    )
