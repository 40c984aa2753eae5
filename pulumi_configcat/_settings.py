"""Where the credentials and the base URL come from.

Stack configuration (``configcat:basicAuthUsername``, ``configcat:basicAuthPassword``, ``configcat:basePath``)
wins; the environment (``CONFIGCAT_BASIC_AUTH_USERNAME``, ``CONFIGCAT_BASIC_AUTH_PASSWORD``,
``CONFIGCAT_BASE_PATH``) fills what it leaves out. An empty value counts as not set.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pulumi_configcat._constants import (
    CONFIG_BASE_PATH,
    CONFIG_PASSWORD,
    CONFIG_USERNAME,
    DEFAULT_BASE_URL,
    ENV_BASE_PATH,
    ENV_PASSWORD,
    ENV_USERNAME,
)
from pulumi_configcat._exceptions import ConfigurationError

CONFIG_KEYS = (CONFIG_USERNAME, CONFIG_PASSWORD, CONFIG_BASE_PATH)
_API_VERSION_SUFFIX = re.compile(r"/v[0-9]+\Z", re.IGNORECASE)


@dataclass(frozen=True)
class ClientSettings:
    """What a client needs to reach the API. The password is left out of ``repr``.

    Attributes:
        username: The Basic-auth user name of a ConfigCat Public API credential.
        password: Its password.
        base_url: The API's base URL, without a trailing slash.
    """

    username: str
    password: str = field(repr=False)
    base_url: str = DEFAULT_BASE_URL

    def __reduce__(self) -> str | tuple[object, ...]:
        # Settings live only in the provider process; nothing may carry the password into a pickle.
        raise TypeError("ClientSettings holds a password and must not be pickled")


def resolve_settings(
    config: Mapping[str, str | None] | None = None, environ: Mapping[str, str] | None = None
) -> ClientSettings:
    """Works out the credentials and base URL from stack configuration, then the environment.

    Args:
        config: Stack configuration as the engine hands it to ``configure()``, keyed by namespaced names
            such as ``configcat:basicAuthUsername``.
        environ: The environment; ``os.environ`` when not given.

    Returns:
        The settings to build a client with.

    Raises:
        ConfigurationError: A credential is missing, or the base URL is not an http(s) URL.
    """
    config = config or {}
    environ = os.environ if environ is None else environ

    def pick(config_key: str, env_key: str) -> str | None:
        return config.get(config_key) or environ.get(env_key) or None

    username = pick(CONFIG_USERNAME, ENV_USERNAME)
    password = pick(CONFIG_PASSWORD, ENV_PASSWORD)
    missing = [
        f"{what} (stack config {config_key}, or environment variable {env_key})"
        for what, value, config_key, env_key in (
            ("the user name", username, CONFIG_USERNAME, ENV_USERNAME),
            ("the password", password, CONFIG_PASSWORD, ENV_PASSWORD),
        )
        if not value
    ]
    if missing or username is None or password is None:
        raise ConfigurationError(
            "ConfigCat credentials are missing: set "
            + " and ".join(missing)
            + ". Create a Public API credential at https://app.configcat.com/my-account/public-api-credentials;"
            " set it with `pulumi config set configcat:basicAuthUsername <user>` and "
            "`pulumi config set --secret configcat:basicAuthPassword <password>`."
        )
    for what, value, config_key, env_key in (
        ("user name", username, CONFIG_USERNAME, ENV_USERNAME),
        ("password", password, CONFIG_PASSWORD, ENV_PASSWORD),
    ):
        if not _latin1(value):
            # Basic auth carries Latin-1 only; requests' own error would quote the character and its position.
            raise ConfigurationError(
                f"the ConfigCat {what} ({config_key} or {env_key}) has a character Basic authentication "
                "cannot carry (outside Latin-1); ConfigCat credentials are plain ASCII: copy it again from "
                "https://app.configcat.com/my-account/public-api-credentials"
            )
    base_url = (pick(CONFIG_BASE_PATH, ENV_BASE_PATH) or DEFAULT_BASE_URL).rstrip("/")
    if any(char.isspace() or not char.isprintable() for char in base_url):
        raise ConfigurationError(
            f"{CONFIG_BASE_PATH} / {ENV_BASE_PATH} has whitespace or a control character in it (a space or a "
            f"newline at either end is easy to miss); set it to an http(s) URL such as {DEFAULT_BASE_URL}"
        )
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
        raise ConfigurationError(
            f"{CONFIG_BASE_PATH} / {ENV_BASE_PATH} must be an http(s) URL such as {DEFAULT_BASE_URL}, "
            "without credentials in it, got "
            + ("a URL with credentials in it" if "@" in parts.netloc else repr(base_url))
        )
    if _API_VERSION_SUFFIX.search(base_url):
        # Every path already starts with /v1, so this base path would make every call /v1/v1/... and 404.
        raise ConfigurationError(
            f"{CONFIG_BASE_PATH} / {ENV_BASE_PATH} ends in an API version (/{base_url.rsplit('/', 1)[-1]}); "
            f"give the address without it, such as {DEFAULT_BASE_URL}: the provider adds /v1 itself"
        )
    return ClientSettings(username=username, password=password, base_url=base_url)


def _latin1(value: str) -> bool:
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True
