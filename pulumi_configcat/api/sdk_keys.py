"""SDK keys: ``/v1/configs/{configId}/environments/{environmentId}``."""

from __future__ import annotations

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.types import SdkKeysModel


def get_sdk_keys(client: ConfigCatClient, config_id: str, environment_id: str) -> SdkKeysModel:
    """Reads the primary and secondary SDK keys of a config in an environment."""
    return client.get(f"/v1/configs/{config_id}/environments/{environment_id}", cast_to=SdkKeysModel)
