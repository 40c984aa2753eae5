"""Feature flags and settings: ``/v1/configs/{configId}/settings`` and ``/v1/settings/{settingId}``."""

from __future__ import annotations

from pulumi_configcat._client import ConfigCatClient, JsonPatch
from pulumi_configcat.types import (
    CreateSettingInitialValues,
    PredefinedVariationsModel,
    SettingModel,
    UpdatePredefinedVariationsRequest,
)


def create_setting(client: ConfigCatClient, config_id: str, body: CreateSettingInitialValues) -> SettingModel:
    """Creates a flag in a config; it gets a value (its type's default) in every environment."""
    return client.post(f"/v1/configs/{config_id}/settings", body.to_wire(), cast_to=SettingModel)


def get_setting(client: ConfigCatClient, setting_id: str) -> SettingModel:
    """Reads one flag's metadata (key, name, type, tags, predefined variations)."""
    return client.get(f"/v1/settings/{setting_id}", cast_to=SettingModel)


def update_setting(client: ConfigCatClient, setting_id: str, operations: JsonPatch) -> SettingModel:
    """Changes a flag's name, hint, order, tags or isJson with a JSON Patch."""
    return client.patch(f"/v1/settings/{setting_id}", operations, cast_to=SettingModel)


def update_predefined_variations(
    client: ConfigCatClient, setting_id: str, body: UpdatePredefinedVariationsRequest
) -> PredefinedVariationsModel:
    """Replaces a flag's predefined variations; one without an id is added, one left out is removed."""
    return client.put(
        f"/v1/settings/{setting_id}/predefined-variations", body.to_wire(), cast_to=PredefinedVariationsModel
    )


def delete_setting(client: ConfigCatClient, setting_id: str) -> None:
    """Deletes a flag and its values in every environment."""
    client.delete(f"/v1/settings/{setting_id}")


def list_settings(client: ConfigCatClient, config_id: str) -> list[SettingModel]:
    """Lists the feature flags and settings of a config."""
    return client.get(f"/v1/configs/{config_id}/settings", cast_to=list[SettingModel])
