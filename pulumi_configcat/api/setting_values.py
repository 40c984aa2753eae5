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
    UpdateSettingValueModel,
)


def _path(version: str, environment_id: str, setting_id: str) -> str:
    return f"/{version}/environments/{environment_id}/settings/{setting_id}/value"


def get_value(client: ConfigCatClient, environment_id: str, setting_id: str) -> SettingValueModel:
    """Reads a Config V1 flag's value, rollout rules and percentage items in one environment."""
    return SettingValueModel.model_validate(client.get(_path("v1", environment_id, setting_id)))


def replace_value(
    client: ConfigCatClient,
    environment_id: str,
    setting_id: str,
    body: UpdateSettingValueModel,
    *,
    reason: str | None = None,
) -> SettingValueModel:
    """Replaces a Config V1 flag's value, rollout rules and percentage items in one environment."""
    return SettingValueModel.model_validate(
        client.put(_path("v1", environment_id, setting_id), body.to_wire(), params=reason_params(reason))
    )


def get_formula(client: ConfigCatClient, environment_id: str, setting_id: str) -> SettingFormulaModel:
    """Reads a Config V2 flag's default value and targeting rules in one environment."""
    return SettingFormulaModel.model_validate(client.get(_path("v2", environment_id, setting_id)))


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
    return SettingFormulaModel.model_validate(
        client.put(_path("v2", environment_id, setting_id), body.to_wire(), params=params)
    )


def list_values(client: ConfigCatClient, config_id: str, environment_id: str) -> ConfigSettingValuesModel:
    """Reads the Config V1 values of every flag of a config in one environment, in one request."""
    return ConfigSettingValuesModel.model_validate(
        client.get(f"/v1/configs/{config_id}/environments/{environment_id}/values")
    )


def list_formulas(client: ConfigCatClient, config_id: str, environment_id: str) -> ConfigSettingFormulasModel:
    """Reads the Config V2 formulas of every flag of a config in one environment, in one request."""
    return ConfigSettingFormulasModel.model_validate(
        client.get(f"/v2/configs/{config_id}/environments/{environment_id}/values")
    )
