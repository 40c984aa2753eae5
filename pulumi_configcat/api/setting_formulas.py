"""A Config V2 flag's value (its evaluation formula) in one environment, and all of a config's at once.

Both writes replace the whole formula: rules and percentage options left out are deleted. The ``reason``
query parameter carries the mandatory note where the product requires one, and ``bypassApproval`` skips
an approval the environment asks for, where the member may. The Config V1 endpoints are
:mod:`.setting_values`, apart so that a V2 value's provider imports no V1 model.
"""

from __future__ import annotations

from pulumi_configcat._client import ConfigCatClient, reason_params
from pulumi_configcat.types import (
    ConfigSettingFormulasModel,
    SettingFormulaModel,
    UpdateEvaluationFormulaModel,
    UpdateEvaluationFormulasModel,
)


def _path(environment_id: str, setting_id: str) -> str:
    return f"/v2/environments/{environment_id}/settings/{setting_id}/value"


def _batch_path(config_id: str, environment_id: str) -> str:
    return f"/v2/configs/{config_id}/environments/{environment_id}/values"


def _params(reason: str | None, bypass_approval: bool) -> dict[str, str]:
    params = reason_params(reason)
    if bypass_approval:
        params["bypassApproval"] = "true"
    return params


def get_formula(client: ConfigCatClient, environment_id: str, setting_id: str) -> SettingFormulaModel:
    """Reads a Config V2 flag's default value and targeting rules in one environment."""
    return client.get(_path(environment_id, setting_id), cast_to=SettingFormulaModel)


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
    return client.put(
        _path(environment_id, setting_id),
        body.to_wire(),
        params=_params(reason, bypass_approval),
        cast_to=SettingFormulaModel,
    )


def get_config_formulas(
    client: ConfigCatClient, config_id: str, environment_id: str
) -> ConfigSettingFormulasModel:
    """Reads every Config V2 flag's formula of a config in one environment (with each flag's key and type)."""
    return client.get(_batch_path(config_id, environment_id), cast_to=ConfigSettingFormulasModel)


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
    return client.post(
        _batch_path(config_id, environment_id),
        body.to_wire(),
        params=_params(reason, bypass_approval),
        cast_to=ConfigSettingFormulasModel,
    )
