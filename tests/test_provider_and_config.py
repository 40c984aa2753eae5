"""``configcat.Provider`` as the program builds it, and ``configcat.config`` (pulumiverse's names)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pulumi
import pulumi.runtime
import pytest

import pulumi_configcat as configcat
from pulumi_configcat.resources.provider import PROVIDER_TYPE, explicit_provider, without_provider
from tests.harness import capture_registrations, is_secret

ENV = ("CONFIGCAT_BASIC_AUTH_USERNAME", "CONFIGCAT_BASIC_AUTH_PASSWORD", "CONFIGCAT_BASE_PATH")
ORG = "08d86d63-2726-47cd-8bfc-59608ecb91e2"


@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


def _registered(program: Any) -> dict[str, Any]:
    return {r.name: r for r in capture_registrations(program)}


def test_a_provider_is_a_component_and_never_a_pulumi_provider(no_env: None) -> None:
    built: dict[str, Any] = {}

    def program() -> None:
        cc = configcat.Provider("cc", basic_auth_username="user", basic_auth_password="pw")
        built["product"] = configcat.Product(
            "p", organization_id=ORG, opts=pulumi.ResourceOptions(provider=cc)
        )

    registered = _registered(program)
    assert registered["cc"].type_ == PROVIDER_TYPE
    assert registered["cc"].custom is False
    assert not any(r.type_.startswith("pulumi:providers:") for r in registered.values())
    assert built["product"]._provider is None  # Pulumi was never handed it as a provider
    inputs = registered["p"].inputs
    assert inputs["__configcat"] == {
        "provider": "cc",
        "basePath": "https://api.configcat.com",
        "basicAuthUsername": "user",
    }
    assert is_secret(inputs["__basicAuthPassword"])


def test_arguments_left_out_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_USERNAME", "env-user")
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_PASSWORD", "env-pw")
    monkeypatch.setenv("CONFIGCAT_BASE_PATH", "http://127.0.0.1:9/")

    def program() -> None:
        cc = configcat.Provider("cc")
        configcat.Product("p", organization_id=ORG, opts=pulumi.ResourceOptions(providers=[cc]))

    inputs = _registered(program)["p"].inputs
    assert inputs["__configcat"]["basicAuthUsername"] == "env-user"
    assert inputs["__configcat"]["basePath"] == "http://127.0.0.1:9"
    assert inputs["__basicAuthPassword"]["value"] == "env-pw"


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        ({}, ["basic_auth_username (or CONFIGCAT_BASIC_AUTH_USERNAME)", "basic_auth_password"]),
        ({"basic_auth_username": "u"}, ["basic_auth_password (or CONFIGCAT_BASIC_AUTH_PASSWORD)"]),
        ({"basic_auth_password": "secret-pw"}, ["basic_auth_username (or CONFIGCAT_BASIC_AUTH_USERNAME)"]),
    ],
)
def test_missing_credentials_are_named(no_env: None, arguments: dict[str, str], named: list[str]) -> None:
    def program() -> None:
        configcat.Provider(
            "cc",
            basic_auth_username=arguments.get("basic_auth_username"),
            basic_auth_password=arguments.get("basic_auth_password"),
        )

    with pytest.raises(configcat.ConfigurationError) as raised:
        capture_registrations(program)
    for text in named:
        assert text in str(raised.value)
    assert "'cc'" in str(raised.value)
    assert "secret-pw" not in str(raised.value)


def test_without_provider_takes_out_only_the_configcat_provider(no_env: None) -> None:
    seen: dict[str, Any] = {}

    def program() -> None:
        cc = configcat.Provider("cc", basic_auth_username="u", basic_auth_password="p")
        other = pulumi.ProviderResource("random", "r")
        kept = without_provider(pulumi.ResourceOptions(providers=[cc, other]))
        seen["other kept"] = kept.providers == {"random": other}
        for form in ("provider", "list", "map"):
            opts = {
                "provider": pulumi.ResourceOptions(provider=cc, protect=True),
                "list": pulumi.ResourceOptions(providers=[cc], protect=True),
                "map": pulumi.ResourceOptions(providers={"configcat": cc}, protect=True),
            }[form]
            stripped = without_provider(opts)
            seen[form] = (
                explicit_provider(opts) is cc,
                stripped.provider,
                stripped.providers,
                stripped.protect,
            )
        seen["invoke"] = explicit_provider(pulumi.InvokeOptions(provider=cc)) is cc
        seen["none"] = explicit_provider(pulumi.ResourceOptions(protect=True))

    capture_registrations(program)
    assert seen == {
        "provider": (True, None, None, True),
        "list": (True, None, None, True),
        "map": (True, None, None, True),
        "invoke": True,
        "none": None,
        "other kept": True,
    }


# ------------------------------------------------------------------------------------------------- config


@pytest.fixture
def reset_config() -> Iterator[None]:
    yield
    pulumi.runtime.set_all_config({})


@pytest.mark.parametrize(
    ("config", "env", "expected"),
    [
        (
            {
                "configcat:basicAuthUsername": "cu",
                "configcat:basicAuthPassword": "cp",
                "configcat:basePath": "cb",
            },
            {
                "CONFIGCAT_BASIC_AUTH_USERNAME": "eu",
                "CONFIGCAT_BASIC_AUTH_PASSWORD": "ep",
                "CONFIGCAT_BASE_PATH": "eb",
            },
            ("cu", "cp", "cb"),
        ),
        (
            {},
            {
                "CONFIGCAT_BASIC_AUTH_USERNAME": "eu",
                "CONFIGCAT_BASIC_AUTH_PASSWORD": "ep",
                "CONFIGCAT_BASE_PATH": "eb",
            },
            ("eu", "ep", "eb"),
        ),
        ({"configcat:basicAuthUsername": "cu"}, {}, ("cu", None, None)),
    ],
    ids=["stack config wins", "environment", "unset is None"],
)
def test_config_reads_pulumiverses_variables(  # noqa: PLR0917 - parameters and fixtures
    config: dict[str, str],
    env: dict[str, str],
    expected: tuple[str | None, ...],
    no_env: None,
    reset_config: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pulumi.runtime.set_all_config(config, secret_keys=["configcat:basicAuthPassword"])
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert (
        configcat.config.basic_auth_username,
        configcat.config.basic_auth_password,
        configcat.config.base_path,
    ) == expected
