"""Where the provider process gets its credentials, and what it says when they are missing or wrong.

Each case needs its own provider process: the server binds configuration to a provider on first use.
"""

from __future__ import annotations

from typing import Any

import pytest

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import DynamicProviderProcess, MiniEngine, ProviderError, secret

NO_ENV = {
    "CONFIGCAT_BASIC_AUTH_USERNAME": "",
    "CONFIGCAT_BASIC_AUTH_PASSWORD": "",
    "CONFIGCAT_BASE_PATH": "",
}


def _create_product(
    process: DynamicProviderProcess, emulator: ConfigCatEmulator, name: str
) -> list[Exception]:
    engine = MiniEngine(process)
    result = engine.run(lambda: configcat.Product(name, organization_id=emulator.organization_id))
    if not result.errors:
        engine.destroy()
    return result.errors


def _stack_config(emulator: ConfigCatEmulator, **overrides: Any) -> dict[str, Any]:
    config = {
        "configcat:basicAuthUsername": emulator.username,
        "configcat:basicAuthPassword": secret(emulator.password),
        "configcat:basePath": emulator.base_url,
    }
    config.update(overrides)
    return {key: value for key, value in config.items() if value is not None}


def test_environment_variables_are_used_without_stack_config(
    emulator: ConfigCatEmulator, unique: str
) -> None:
    env = {
        "CONFIGCAT_BASIC_AUTH_USERNAME": emulator.username,
        "CONFIGCAT_BASIC_AUTH_PASSWORD": emulator.password,
        "CONFIGCAT_BASE_PATH": emulator.base_url,
    }
    with DynamicProviderProcess(env=env) as process:
        process.configure({})
        assert _create_product(process, emulator, f"env-{unique}") == []


def test_stack_config_wins_over_the_environment(emulator: ConfigCatEmulator, unique: str) -> None:
    env = {
        **NO_ENV,
        "CONFIGCAT_BASIC_AUTH_PASSWORD": "a-stale-password",
        "CONFIGCAT_BASE_PATH": "http://127.0.0.1:9",
    }
    with DynamicProviderProcess(env=env) as process:
        process.configure(_stack_config(emulator))
        assert _create_product(process, emulator, f"config-{unique}") == []


def test_missing_credentials_name_both_ways_to_set_them(emulator: ConfigCatEmulator, unique: str) -> None:
    with DynamicProviderProcess(env=NO_ENV) as process:
        process.configure({"configcat:basePath": emulator.base_url})
        emulator.requests.clear()
        (error,) = _create_product(process, emulator, f"nocreds-{unique}")
    assert isinstance(error, ProviderError)
    for name in (
        "configcat:basicAuthUsername",
        "configcat:basicAuthPassword",
        "CONFIGCAT_BASIC_AUTH_USERNAME",
        "CONFIGCAT_BASIC_AUTH_PASSWORD",
    ):
        assert name in error.details
    assert emulator.requests == []


@pytest.mark.parametrize("where", ["config", "env"])
def test_rejected_credentials_say_so_without_the_password(
    emulator: ConfigCatEmulator, unique: str, where: str
) -> None:
    wrong = "not-the-password-" + unique
    if where == "config":
        env, config = NO_ENV, _stack_config(emulator, **{"configcat:basicAuthPassword": secret(wrong)})
    else:
        env = {
            "CONFIGCAT_BASIC_AUTH_USERNAME": emulator.username,
            "CONFIGCAT_BASIC_AUTH_PASSWORD": wrong,
            "CONFIGCAT_BASE_PATH": emulator.base_url,
        }
        config = {}
    with DynamicProviderProcess(env=env) as process:
        process.configure(config)
        (error,) = _create_product(process, emulator, f"wrong-{unique}")
        log = "".join(process.log)
    assert isinstance(error, ProviderError)
    assert "401" in error.details
    assert f"The credentials of user '{emulator.username}' were rejected" in error.details
    assert wrong not in error.details
    assert wrong not in log


@pytest.mark.parametrize(
    ("override", "setting"),
    [
        ({"configcat:basicAuthPassword": secret("pw-€-never-print-me")}, "configcat:basicAuthPassword"),
        ({"configcat:basePath": "BASE "}, "configcat:basePath"),
    ],
)
def test_an_odd_setting_is_a_configuration_error_naming_it_not_its_value(
    emulator: ConfigCatEmulator, unique: str, override: dict[str, Any], setting: str
) -> None:
    if override.get("configcat:basePath") == "BASE ":
        override = {"configcat:basePath": emulator.base_url + " "}
    with DynamicProviderProcess(env=NO_ENV) as process:
        process.configure(_stack_config(emulator, **override))
        emulator.requests.clear()
        (error,) = _create_product(process, emulator, f"odd-{unique}")
        log = "".join(process.log)
    assert isinstance(error, ProviderError)
    assert setting in error.details
    for text in (error.details, log):
        assert "never-print-me" not in text
        assert "€" not in text
        assert "UnicodeEncodeError" not in text
        assert "InvalidURL" not in text
    assert emulator.requests == []
