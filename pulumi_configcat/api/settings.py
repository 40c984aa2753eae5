"""Feature flags and settings: ``/v1/configs/{configId}/settings``."""

from __future__ import annotations

from pydantic import TypeAdapter

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.types import SettingModel

_SETTINGS = TypeAdapter(list[SettingModel])


def list_settings(client: ConfigCatClient, config_id: str) -> list[SettingModel]:
    """Lists the feature flags and settings of a config."""
    return _SETTINGS.validate_python(client.get(f"/v1/configs/{config_id}/settings"))
