"""The module class behind :mod:`pulumi_configcat.config` (its variables are properties, read when asked)."""

from __future__ import annotations

import os
import types

import pulumi

from pulumi_configcat._constants import (
    CONFIG_BASE_PATH,
    CONFIG_PASSWORD,
    CONFIG_USERNAME,
    ENV_BASE_PATH,
    ENV_PASSWORD,
    ENV_USERNAME,
)

__all__: list[str] = []


def _setting(config_key: str, env_key: str) -> str | None:
    namespace, key = config_key.split(":", 1)
    return pulumi.Config(namespace).get(key) or os.environ.get(env_key) or None


class _ExportableConfig(types.ModuleType):
    @property
    def base_path(self) -> str | None:
        """The API's base URL: ``configcat:basePath``, else ``CONFIGCAT_BASE_PATH``, else None.

        Example::

            url = configcat.config.base_path or "https://api.configcat.com"
        """
        return _setting(CONFIG_BASE_PATH, ENV_BASE_PATH)

    @property
    def basic_auth_password(self) -> str | None:
        """The password: ``configcat:basicAuthPassword``, else ``CONFIGCAT_BASIC_AUTH_PASSWORD``, else None.

        Example::

            password = configcat.config.basic_auth_password
        """
        return _setting(CONFIG_PASSWORD, ENV_PASSWORD)

    @property
    def basic_auth_username(self) -> str | None:
        """The user name: ``configcat:basicAuthUsername``, else ``CONFIGCAT_BASIC_AUTH_USERNAME``, else None.

        Example::

            user = configcat.config.basic_auth_username
        """
        return _setting(CONFIG_USERNAME, ENV_USERNAME)
