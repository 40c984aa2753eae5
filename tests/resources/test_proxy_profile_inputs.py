"""ProxyProfile's bad input is refused by ``check``, naming the property and what is allowed."""

from __future__ import annotations

from typing import Any

import pytest

import pulumi_configcat as configcat
from pulumi_configcat.resources.proxy_profiles import ProxyProfileProvider
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import CheckFailedError, MiniEngine

GUID = "08d86d63-2726-47cd-8bfc-59608ecb91e2"
OTHER = "08d86d63-2731-4b8b-823a-56ddda9da038"
PAIR = {"config_id": GUID, "environment_id": OTHER}

# (inputs, the property named, words of the reason)
INVALID: list[tuple[dict[str, Any], str, str]] = [
    ({"organization_id": "my-org"}, "organization_id", "must be a UUID such as"),
    ({"name": "n" * 256}, "name", "0 to 255 characters, got 256"),
    ({"description": "d" * 1001}, "description", "0 to 1000 characters, got 1001"),
    ({"sdk_poll_interval": 29}, "sdk_poll_interval", "an integer from 30 to 2147483647"),
    ({"sdk_poll_interval": 60.5}, "sdk_poll_interval", "an integer from 30"),
    ({"webhook_proxy_url": "ftp://proxy.example.com"}, "webhook_proxy_url", "an http(s) URL with a host"),
    ({"webhook_proxy_url": "http://"}, "webhook_proxy_url", "an http(s) URL"),
    # The spec's SelectionRuleKind enum: include or exclude.
    (
        {"sdk_key_selection_rules": [{"kind": "only"}]},
        "sdk_key_selection_rules[0].kind",
        "'include' or 'exclude'",
    ),
    (
        {"sdk_key_selection_rules": [{"config_name_match_filter": "web"}, {"config_id_filter": "web"}]},
        "sdk_key_selection_rules[1].config_id_filter",
        "must be a UUID",
    ),
    (
        {"sdk_key_selection_rules": [{"environment_name_match_filter": "p" * 256}]},
        "sdk_key_selection_rules[0].environment_name_match_filter",
        "at most 255",
    ),
    (
        {"sdk_key_selection_rules": [{"environment_name_filter": "*Prod*"}]},  # a typo
        "sdk_key_selection_rules[0].environment_name_filter",
        "is not an input here",
    ),
    ({"selected_sdk_keys": [{"config_id": GUID}]}, "selected_sdk_keys[0].environment_id", "is required"),
    (
        {"selected_sdk_keys": [{"config_id": GUID, "environment_id": "production"}]},
        "selected_sdk_keys[0].environment_id",
        "must be a UUID",
    ),
    (
        {"selected_sdk_keys": [PAIR, {"config_id": GUID.upper(), "environment_id": OTHER}]},
        "selected_sdk_keys[1]",
        "repeats selected_sdk_keys[0]",
    ),
    # select and deselect are refused (403) while the profile has rules.
    (
        {"selected_sdk_keys": [PAIR], "sdk_key_selection_rules": [{"environment_name_match_filter": "*"}]},
        "selected_sdk_keys",
        "cannot be set together with sdk_key_selection_rules",
    ),
    ({"secret_rotation": "r" * 1001}, "secret_rotation", "0 to 1000 characters"),
]


@pytest.mark.parametrize(
    ("inputs", "prop", "reason"), INVALID, ids=[f"{p}-{i}" for i, (_, p, _) in enumerate(INVALID)]
)
def test_invalid_input_fails_check_and_sends_nothing(
    inputs: dict[str, Any], prop: str, reason: str, engine: MiniEngine, emulator: ConfigCatEmulator
) -> None:
    emulator.requests.clear()
    result = engine.run(lambda: configcat.ProxyProfile("edge", **{"organization_id": GUID, **inputs}))
    (error,) = result.errors
    assert isinstance(error, CheckFailedError)
    reasons = dict(error.failures)
    assert prop in reasons, error.failures
    assert reason in reasons[prop]
    assert prop in reasons[prop]
    assert emulator.requests == []
    assert engine.state == {}


def test_check_normalizes_what_the_api_takes() -> None:
    checked = ProxyProfileProvider().check(
        {},
        {
            "organization_id": GUID.upper(),
            "name": "edge",
            "sdk_key_selection_rules": [
                {"environment_name_match_filter": "*Prod*", "product_name_match_filter": ""},
                {"kind": "exclude", "config_id_filter": OTHER.upper()},
            ],
            "selected_sdk_keys": [],
        },
    )
    assert checked.failures == []
    inputs = checked.inputs
    assert inputs["organization_id"] == GUID
    assert inputs["sdk_poll_interval"] == 60  # the API's default, so an unset one never flaps
    # A rule's kind defaults to include; an empty name filter is an unset one; ids in lower case.
    assert inputs["sdk_key_selection_rules"] == [
        {"kind": "include", "environment_name_match_filter": "*Prod*"},
        {"kind": "exclude", "config_id_filter": OTHER},
    ]


@pytest.mark.parametrize(
    ("olds", "news", "changed"),
    [
        # Selected pairs are a set: order and id case mean nothing.
        (
            {"selected_sdk_keys": [PAIR, {"config_id": OTHER, "environment_id": OTHER}]},
            {"selected_sdk_keys": [{"config_id": OTHER, "environment_id": OTHER.upper()}, PAIR]},
            [],
        ),
        # Rules are a list: their order is kept and compared.
        (
            {"sdk_key_selection_rules": [{"kind": "include", "config_id_filter": GUID}, {"kind": "exclude"}]},
            {"sdk_key_selection_rules": [{"kind": "exclude"}, {"config_id_filter": GUID}]},
            ["sdk_key_selection_rules"],
        ),
        # An explicit include equals the default one.
        (
            {"sdk_key_selection_rules": [{"kind": "include", "config_id_filter": GUID}]},
            {"sdk_key_selection_rules": [{"config_id_filter": GUID.upper()}]},
            [],
        ),
        ({"sdk_poll_interval": 60.0}, {"sdk_poll_interval": 60}, []),
        ({"description": None}, {"description": ""}, []),
        ({"secret_rotation": "1"}, {"secret_rotation": "2"}, ["secret_rotation"]),
    ],
)
def test_diff_compares_through_the_kinds(
    olds: dict[str, Any], news: dict[str, Any], changed: list[str]
) -> None:
    base = {"organization_id": GUID, "name": "edge", "sdk_poll_interval": 60}
    assert ProxyProfileProvider().changed_properties({**base, **olds}, {**base, **news}) == changed
