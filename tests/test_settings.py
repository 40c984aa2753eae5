"""Where credentials and the base URL come from: ``resolve_settings`` and ``ClientSettings``."""

from __future__ import annotations

import copy
import pickle

import pytest

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
from pulumi_configcat._settings import ClientSettings, resolve_settings

# Distinctive, so a leak into any message is unmistakable.
SECRET = "pw-Zq8!never-print-me"


def test_config_alone() -> None:
    settings = resolve_settings(
        {CONFIG_USERNAME: "cfg-user", CONFIG_PASSWORD: SECRET, CONFIG_BASE_PATH: "https://cfg.example"}, {}
    )
    assert settings == ClientSettings(username="cfg-user", password=SECRET, base_url="https://cfg.example")


def test_environment_alone() -> None:
    settings = resolve_settings(
        None, {ENV_USERNAME: "env-user", ENV_PASSWORD: SECRET, ENV_BASE_PATH: "http://localhost:8080"}
    )
    assert settings == ClientSettings(username="env-user", password=SECRET, base_url="http://localhost:8080")


def test_config_beats_environment() -> None:
    settings = resolve_settings(
        {CONFIG_USERNAME: "cfg-user", CONFIG_PASSWORD: "cfg-pw", CONFIG_BASE_PATH: "https://cfg.example"},
        {ENV_USERNAME: "env-user", ENV_PASSWORD: "env-pw", ENV_BASE_PATH: "https://env.example"},
    )
    assert settings == ClientSettings(username="cfg-user", password="cfg-pw", base_url="https://cfg.example")


def test_environment_fills_what_config_leaves_out() -> None:
    settings = resolve_settings(
        {CONFIG_USERNAME: "cfg-user"},
        {ENV_USERNAME: "env-user", ENV_PASSWORD: "env-pw", ENV_BASE_PATH: "https://env.example"},
    )
    assert settings == ClientSettings(username="cfg-user", password="env-pw", base_url="https://env.example")


def test_empty_and_none_config_values_count_as_unset() -> None:
    settings = resolve_settings(
        {CONFIG_USERNAME: "", CONFIG_PASSWORD: None, CONFIG_BASE_PATH: ""},
        {ENV_USERNAME: "env-user", ENV_PASSWORD: "env-pw", ENV_BASE_PATH: "https://env.example"},
    )
    assert settings == ClientSettings(username="env-user", password="env-pw", base_url="https://env.example")


def test_empty_environment_base_path_gives_the_default() -> None:
    settings = resolve_settings({CONFIG_USERNAME: "u", CONFIG_PASSWORD: "p"}, {ENV_BASE_PATH: ""})
    assert settings.base_url == DEFAULT_BASE_URL == "https://api.configcat.com"


def test_default_base_url() -> None:
    assert resolve_settings({CONFIG_USERNAME: "u", CONFIG_PASSWORD: "p"}, {}).base_url == DEFAULT_BASE_URL


def test_reads_os_environ_when_no_environ_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_USERNAME, "os-user")
    monkeypatch.setenv(ENV_PASSWORD, "os-pw")
    monkeypatch.setenv(ENV_BASE_PATH, "https://os.example/")
    assert resolve_settings() == ClientSettings(
        username="os-user", password="os-pw", base_url="https://os.example"
    )


def test_an_empty_environ_is_used_as_given_not_replaced_by_os_environ(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV_USERNAME, "os-user")
    monkeypatch.setenv(ENV_PASSWORD, "os-pw")
    with pytest.raises(ConfigurationError):
        resolve_settings({}, {})


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://api.configcat.com/", "https://api.configcat.com"),
        ("https://api.configcat.com//", "https://api.configcat.com"),
        ("http://127.0.0.1:5000/prefix/", "http://127.0.0.1:5000/prefix"),
        ("https://api.configcat.com", "https://api.configcat.com"),
    ],
)
def test_trailing_slash_is_stripped(given: str, expected: str) -> None:
    settings = resolve_settings({CONFIG_USERNAME: "u", CONFIG_PASSWORD: "p", CONFIG_BASE_PATH: given}, {})
    assert settings.base_url == expected


@pytest.mark.parametrize(
    "bad", ["api.configcat.com", "ftp://api.configcat.com", "https://", "/v1", "not-a-url"]
)
@pytest.mark.parametrize("source", ["config", "env"])
def test_bad_base_url_is_rejected_naming_both_sources(bad: str, source: str) -> None:
    config = {CONFIG_USERNAME: "u", CONFIG_PASSWORD: SECRET}
    environ = {}
    if source == "config":
        config[CONFIG_BASE_PATH] = bad
    else:
        environ[ENV_BASE_PATH] = bad
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(config, environ)
    message = str(caught.value)
    assert CONFIG_BASE_PATH in message
    assert ENV_BASE_PATH in message
    assert repr(bad.rstrip("/")) in message
    assert SECRET not in message


@pytest.mark.parametrize(
    ("config", "environ", "missing_keys", "present_keys"),
    [
        ({}, {}, [CONFIG_USERNAME, ENV_USERNAME, CONFIG_PASSWORD, ENV_PASSWORD], []),
        ({CONFIG_USERNAME: "u"}, {}, [CONFIG_PASSWORD, ENV_PASSWORD], [ENV_USERNAME]),
        ({}, {ENV_USERNAME: "u"}, [CONFIG_PASSWORD, ENV_PASSWORD], [ENV_USERNAME]),
        ({CONFIG_PASSWORD: SECRET}, {}, [CONFIG_USERNAME, ENV_USERNAME], [ENV_PASSWORD]),
        ({}, {ENV_PASSWORD: SECRET}, [CONFIG_USERNAME, ENV_USERNAME], [ENV_PASSWORD]),
        (
            {CONFIG_USERNAME: "", CONFIG_PASSWORD: SECRET},
            {ENV_USERNAME: ""},
            [CONFIG_USERNAME],
            [ENV_PASSWORD],
        ),
    ],
)
def test_missing_credentials_name_config_keys_and_env_vars(
    config: dict[str, str], environ: dict[str, str], missing_keys: list[str], present_keys: list[str]
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(config, environ)
    message = str(caught.value)
    assert message.startswith("ConfigCat credentials are missing")
    for key in missing_keys:
        assert key in message
    # Only what is missing is named as missing (the set-up hint at the end names the config keys anyway).
    for key in present_keys:
        assert key not in message
    assert SECRET not in message


def test_missing_credentials_are_checked_before_the_base_url() -> None:
    with pytest.raises(ConfigurationError, match="credentials are missing"):
        resolve_settings({CONFIG_BASE_PATH: "nonsense"}, {})


def test_settings_repr_hides_the_password() -> None:
    settings = ClientSettings(username="u", password=SECRET)
    assert SECRET not in repr(settings)
    assert repr(settings) == "ClientSettings(username='u', base_url='https://api.configcat.com')"


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_settings_refuse_to_be_pickled(protocol: int) -> None:
    with pytest.raises(TypeError, match="must not be pickled"):
        pickle.dumps(ClientSettings(username="u", password=SECRET), protocol=protocol)


def test_settings_refuse_deepcopy_too() -> None:
    # deepcopy goes through the same reduce hook; documenting it keeps a change here deliberate.
    with pytest.raises(TypeError):
        copy.deepcopy(ClientSettings(username="u", password=SECRET))


def test_settings_are_hashable_and_compare_by_every_field() -> None:
    a = ClientSettings(username="u", password="p")
    assert a == ClientSettings(username="u", password="p")
    assert hash(a) == hash(ClientSettings(username="u", password="p"))
    assert a != ClientSettings(username="u", password="other")
    assert a != ClientSettings(username="u", password="p", base_url="http://localhost")


def test_base_url_with_credentials_is_rejected_without_echoing_them() -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(
            {
                "configcat:basicAuthUsername": "u",
                "configcat:basicAuthPassword": "p",
                "configcat:basePath": "https://someone:hunter2@api.example.com",
            },
            environ={},
        )
    assert "without credentials" in str(caught.value)
    assert "hunter2" not in str(caught.value)


# --- Issue 12, item 9: odd values are configuration errors naming the setting, never the value -----------


@pytest.mark.parametrize("source", ["config", "env"])
@pytest.mark.parametrize("password", ["pw-€uro-never-print-me", "pw-\u2028-never-print-me", "пароль-never"])
def test_a_password_basic_auth_cannot_carry_is_a_configuration_error(source: str, password: str) -> None:
    config = {CONFIG_USERNAME: "u"}
    environ = {}
    if source == "config":
        config[CONFIG_PASSWORD] = password
    else:
        environ[ENV_PASSWORD] = password
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(config, environ)
    message = str(caught.value)
    assert CONFIG_PASSWORD in message
    assert ENV_PASSWORD in message
    assert "never-print-me" not in message
    assert not any(char in message for char in "€\u2028п")
    assert "position" not in message


def test_a_user_name_basic_auth_cannot_carry_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings({CONFIG_USERNAME: "us€r", CONFIG_PASSWORD: SECRET}, {})
    assert CONFIG_USERNAME in str(caught.value)
    assert SECRET not in str(caught.value)


@pytest.mark.parametrize(
    "bad",
    [
        "https://api.configcat.com ",
        " https://api.configcat.com",
        "https://api.configcat.com\n",
        "https://api.config cat.com",
        "https://api.configcat.com/\tx",
    ],
)
def test_a_base_path_with_whitespace_is_a_configuration_error(bad: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings({CONFIG_USERNAME: "u", CONFIG_PASSWORD: SECRET, CONFIG_BASE_PATH: bad}, {})
    message = str(caught.value)
    assert CONFIG_BASE_PATH in message
    assert ENV_BASE_PATH in message
    assert "whitespace" in message
    assert SECRET not in message


# --- Issue 12, item 5: a base path ending in an API version gets /v1 twice and every call 404s ---


@pytest.mark.parametrize(
    "bad", ["https://api.configcat.com/v1", "https://api.configcat.com/v1/", "http://127.0.0.1:5000/api/V2"]
)
@pytest.mark.parametrize("source", ["config", "env"])
def test_a_base_path_ending_in_an_api_version_is_refused(bad: str, source: str) -> None:
    config = {CONFIG_USERNAME: "u", CONFIG_PASSWORD: SECRET}
    environ = {}
    if source == "config":
        config[CONFIG_BASE_PATH] = bad
    else:
        environ[ENV_BASE_PATH] = bad
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(config, environ)
    message = str(caught.value)
    assert CONFIG_BASE_PATH in message
    assert ENV_BASE_PATH in message
    assert "API version" in message


@pytest.mark.parametrize("fine", ["https://api.configcat.com/v1beta-proxy", "http://127.0.0.1:5000/version"])
def test_a_base_path_that_only_looks_like_a_version_is_fine(fine: str) -> None:
    settings = resolve_settings({CONFIG_USERNAME: "u", CONFIG_PASSWORD: SECRET, CONFIG_BASE_PATH: fine}, {})
    assert settings.base_url == fine
