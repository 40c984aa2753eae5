"""Bad input is refused by `check`, named by property with what is allowed, before anything is sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import CheckFailedError, MiniEngine

GUID = "08d86d63-2726-47cd-8bfc-59608ecb91e2"
OTHER_GUID = "08d86d63-2731-4b8b-823a-56ddda9da038"

Build = Callable[..., pulumi.CustomResource]


def product(**kw: Any) -> pulumi.CustomResource:
    return configcat.Product("p", **{"organization_id": GUID, **kw})


def config(**kw: Any) -> pulumi.CustomResource:
    return configcat.Config("c", **{"product_id": GUID, **kw})


def environment(**kw: Any) -> pulumi.CustomResource:
    return configcat.Environment("e", **{"product_id": GUID, **kw})


def tag(**kw: Any) -> pulumi.CustomResource:
    return configcat.Tag("t", **{"product_id": GUID, **kw})


def segment(**kw: Any) -> pulumi.CustomResource:
    args = {
        "product_id": GUID,
        "comparison_attribute": "Email",
        "comparator": "contains",
        "comparison_value": "@example.com",
    }
    return configcat.Segment("s", **{**args, **kw})


def permission_group(**kw: Any) -> pulumi.CustomResource:
    return configcat.PermissionGroup("g", **{"product_id": GUID, **kw})


def preferences(**kw: Any) -> pulumi.CustomResource:
    return configcat.ProductPreferences("prefs", **{"product_id": GUID, **kw})


def setting(**kw: Any) -> pulumi.CustomResource:
    return configcat.Setting("f", **{"config_id": GUID, "key": "flag", **kw})


def value_v2(**kw: Any) -> pulumi.CustomResource:
    return configcat.SettingValueV2("v", **{"environment_id": GUID, "setting_id": "12", "value": True, **kw})


def value_v1(**kw: Any) -> pulumi.CustomResource:
    return configcat.SettingValue("v1", **{"environment_id": GUID, "setting_id": 12, "value": "true", **kw})


def setting_tag(**kw: Any) -> pulumi.CustomResource:
    return configcat.SettingTag("st", **{"setting_id": "12", "tag_id": "3", **kw})


def webhook(**kw: Any) -> pulumi.CustomResource:
    return configcat.Webhook(
        "w", **{"config_id": GUID, "environment_id": OTHER_GUID, "url": "https://x.io", **kw}
    )


def _user(comparator: str, comparison_value: Any, attribute: str = "Email") -> dict[str, Any]:
    return {
        "conditions": [
            {
                "user_condition": {
                    "comparison_attribute": attribute,
                    "comparator": comparator,
                    "comparison_value": comparison_value,
                }
            }
        ],
        "value": True,
    }


RULE = "targeting_rules[0]"
USER = f"{RULE}.conditions[0].user_condition"


def _email_is(text: str) -> dict[str, Any]:
    condition = {"comparison_attribute": "Email", "comparator": "isOneOf", "comparison_value": [text]}
    return {"user_condition": condition}


def integration(**kw: Any) -> pulumi.CustomResource:
    args = {"product_id": GUID, "integration_type": "dataDog", "parameters": {"apikey": "dd-secret-key"}}
    return configcat.Integration("i", **{**args, **kw})


# (declare, bad inputs, the property that must be named, words the reason must contain)
INVALID: list[tuple[Build, dict[str, Any], str, str]] = [
    (product, {"organization_id": "my-org"}, "organization_id", "must be a UUID"),
    (product, {"organization_id": None}, "organization_id", "is required"),
    (product, {"name": ""}, "name", "a string of 1 to 1000 characters, got 0"),
    (product, {"name": "x" * 1001}, "name", "a string of 1 to 1000 characters, got 1001"),
    (product, {"description": "x" * 1001}, "description", "a string of 0 to 1000 characters"),
    (product, {"order": 1.5}, "order", "an integer"),
    (product, {"order": "first"}, "order", "an integer"),
    (config, {"product_id": "123"}, "product_id", "must be a UUID"),
    (config, {"evaluation_version": "v3"}, "evaluation_version", "one of 'v1', 'v2', got 'v3'"),
    (config, {"name": "x" * 256}, "name", "a string of 1 to 255 characters"),
    (environment, {"product_id": None}, "product_id", "is required"),
    (environment, {"color": "x" * 256}, "color", "a string of 0 to 255 characters"),
    (environment, {"order": True}, "order", "an integer"),
    # Issue 12, item 8: rules the package knows are checked before sending.
    (environment, {"color": "dark red"}, "color", "a colour"),
    (environment, {"color": "#12345"}, "color", "a colour"),
    (environment, {"color": "#00ff00\n"}, "color", "a colour"),
    (environment, {"color": "rgb(0, 0, 0)"}, "color", "a colour"),
    (permission_group, {"can_delete_config": True}, "can_delete_config", "CanCreateOrUpdateConfig"),
    (
        permission_group,
        {"can_delete_config": True, "can_createorupdate_config": True},
        "can_delete_config",
        "can_delete_setting",
    ),
    (
        permission_group,
        {"can_delete_config": True, "can_delete_setting": True},
        "can_delete_config",
        "can_createorupdate_config",
    ),
    (tag, {"color": 5}, "color", "a string"),
    (tag, {"name": ""}, "name", "a string of 1 to 255 characters"),
    (segment, {"comparator": "containsAnyOf"}, "comparator", "one of 'isOneOf', 'isNotOneOf'"),
    (segment, {"comparison_value": ""}, "comparison_value", "at least 1 characters"),
    (segment, {"comparison_attribute": ""}, "comparison_attribute", "a string of 1 to 1000 characters"),
    (permission_group, {"accesstype": "admin"}, "accesstype", "one of 'readOnly', 'full', 'custom'"),
    (permission_group, {"new_environment_accesstype": "custom"}, "new_environment_accesstype", "'none'"),
    (permission_group, {"environment_accesses": {GUID: "write"}}, "environment_accesses", "'readOnly'"),
    (permission_group, {"environment_accesses": {"prod": "full"}}, "environment_accesses", "a UUID"),
    (
        permission_group,
        {"accesstype": "full", "environment_accesses": {GUID: "full"}},
        "environment_accesses",
        "only be set when accesstype is 'custom'",
    ),
    (permission_group, {"can_manage_members": "yes"}, "can_manage_members", "true or false"),
    (preferences, {"key_generation_mode": "snake_case"}, "key_generation_mode", "'kebabCase'"),
    (preferences, {"reason_required_environments": {GUID: "yes"}}, "reason_required_environments", "true"),
    (
        preferences,
        {"reason_required": True, "reason_required_environments": {OTHER_GUID: True}},
        "reason_required_environments",
        "but not both",
    ),
    # flags
    (setting, {"key": "1st-flag"}, "key", "must match"),
    (setting, {"key": "my.flag"}, "key", "must match"),
    (setting, {"key": ""}, "key", "1 to 255 characters"),
    (setting, {"setting_type": "float"}, "setting_type", "'boolean', 'string', 'int', 'double'"),
    (setting, {"config_id": "config"}, "config_id", "must be a UUID"),
    (setting, {"tags": ["beta"]}, "tags[0]", "an integer id"),
    (setting, {"order": 2.5}, "order", "an integer"),
    (setting, {"is_json": True}, "is_json", "setting_type is 'boolean'"),
    (
        setting,
        {"setting_type": "int", "predefined_variations": [{"value": 1}, {"value": "two"}]},
        "predefined_variations[1].value",
        "type 'int'",
    ),
    (
        setting,
        {"predefined_variations": [{"value": True, "color": "red"}]},
        "predefined_variations[0].color",
        "not an input",
    ),
    (setting_tag, {"tag_id": "beta"}, "tag_id", "an integer id"),
    (value_v2, {"environment_id": "prod"}, "environment_id", "must be a UUID"),
    (value_v2, {"setting_id": "flag"}, "setting_id", "an integer id"),
    (value_v2, {"value": None}, "value", "is required"),
    (value_v2, {"value": {"bool_value": True, "string_value": "x"}}, "value", "exactly one of bool_value"),
    (value_v2, {"value": {"int_value": 1.5}}, "value.int_value", "whole number"),
    (value_v2, {"value": [True]}, "value", "true/false, a string, a number, or a mapping"),
    (value_v2, {"targeting_rules": [_user("isOneOff", ["a"])]}, f"{USER}.comparator", "'isOneOf'"),
    (value_v2, {"targeting_rules": [_user("isOneOf", "a@x.com")]}, f"{USER}.comparator", "list of strings"),
    (value_v2, {"targeting_rules": [_user("numberLess", ["1"])]}, f"{USER}.comparator", "a number"),
    (value_v2, {"targeting_rules": [_user("textEquals", 3)]}, f"{USER}.comparator", "a single string"),
    (
        value_v2,
        {"targeting_rules": [_user("dateTimeBefore", "2024-01-01")]},
        f"{USER}.comparator",
        "Unix seconds",
    ),
    (
        value_v2,
        {"targeting_rules": [_user("isOneOf", [])]},
        f"{USER}.comparison_value.list_values",
        "at least one",
    ),
    (
        value_v2,
        {"targeting_rules": [_user("isOneOf", ["a"], attribute="")]},
        f"{USER}.comparison_attribute",
        "at least 1",
    ),
    (
        value_v2,
        {"targeting_rules": [_user("isOneOf", {"string_value": "a", "list_values": ["a"]})]},
        f"{USER}.comparison_value",
        "exactly one of string_value, double_value or list_values",
    ),
    (
        value_v2,
        {"targeting_rules": [_user("isOneOf", {"list_values": [{"value": "a", "hint": "h" * 1501}]})]},
        f"{USER}.comparison_value.list_values[0].hint",
        "at most 1500",
    ),
    (
        value_v2,
        {"targeting_rules": [{"conditions": [{}], "value": True}]},
        f"{RULE}.conditions[0]",
        "exactly one of user_condition",
    ),
    (
        value_v2,
        {
            "targeting_rules": [
                {
                    "conditions": [{"segment_condition": {"segment_id": GUID, "comparator": "in"}}],
                    "value": True,
                }
            ]
        },
        f"{RULE}.conditions[0].segment_condition.comparator",
        "'isIn' or 'isNotIn'",
    ),
    (
        value_v2,
        {
            "targeting_rules": [
                {
                    "conditions": [{"segment_condition": {"segment_id": "staff", "comparator": "isIn"}}],
                    "value": True,
                }
            ]
        },
        f"{RULE}.conditions[0].segment_condition.segment_id",
        "must be a UUID",
    ),
    (
        value_v2,
        {
            "targeting_rules": [
                {
                    "conditions": [
                        {
                            "prerequisite_flag_condition": {
                                "prerequisite_setting_id": "x",
                                "comparator": "equals",
                                "comparison_value": True,
                            }
                        }
                    ],
                    "value": True,
                }
            ]
        },
        f"{RULE}.conditions[0].prerequisite_flag_condition.prerequisite_setting_id",
        "an integer id",
    ),
    (
        value_v2,
        {
            "targeting_rules": [
                {
                    "conditions": [
                        {
                            "prerequisite_flag_condition": {
                                "prerequisite_setting_id": 3,
                                "comparator": "is",
                                "comparison_value": True,
                            }
                        }
                    ],
                    "value": True,
                }
            ]
        },
        f"{RULE}.conditions[0].prerequisite_flag_condition.comparator",
        "'equals' or 'doesNotEqual'",
    ),
    (value_v2, {"targeting_rules": [{"conditions": []}]}, RULE, "exactly one of value or percentage_options"),
    (
        value_v2,
        {"targeting_rules": [{"value": True, "percentage_options": [{"percentage": 100, "value": True}]}]},
        RULE,
        "exactly one of value or percentage_options",
    ),
    (
        value_v2,
        {
            "targeting_rules": [
                {
                    "percentage_options": [
                        {"percentage": 60, "value": True},
                        {"percentage": 30, "value": False},
                    ]
                }
            ]
        },
        f"{RULE}.percentage_options",
        "add up to 100, they add up to 90",
    ),
    (
        value_v2,
        {
            "targeting_rules": [
                {
                    "percentage_options": [
                        {"percentage": 50.5, "value": True},
                        {"percentage": 49.5, "value": False},
                    ]
                }
            ]
        },
        f"{RULE}.percentage_options[0].percentage",
        "whole number from 0 to 100, got 50.5",
    ),
    (
        value_v2,
        {"targeting_rules": [{"percentage_options": [{"percentage": 101, "value": True}]}]},
        f"{RULE}.percentage_options[0].percentage",
        "got 101",
    ),
    (
        value_v2,
        {"targeting_rules": [{"conditionz": [], "value": True}]},
        f"{RULE}.conditionz",
        "not an input",
    ),
    (
        value_v2,
        {"targeting_rules": [_user("isOneOf", ["a"]) | {"value": "yes"}]},
        f"{RULE}.value",
        "a flag has one type",
    ),
    (
        value_v2,
        {
            "value": {"int_value": 1},
            "targeting_rules": [_user("isOneOf", ["a"]) | {"value": {"double_value": 2.5}}],
        },
        f"{RULE}.value",
        "a flag has one type",
    ),
    (value_v2, {"targeting_rules": [_user("isOneOf", ["a"])] * 101}, "targeting_rules", "at most 100"),
    (
        value_v2,
        {"percentage_evaluation_attribute": "x" * 1001},
        "percentage_evaluation_attribute",
        "1 to 1000",
    ),
    (value_v2, {"init_only": "no"}, "init_only", "true or false"),
    (value_v2, {"bypass_approval": 1}, "bypass_approval", "true or false"),
    (
        value_v1,
        {"rollout_rules": [{"value": "true"}]},
        "rollout_rules[0]",
        "needs comparison_attribute, comparator",
    ),
    (
        value_v1,
        {
            "rollout_rules": [
                {
                    "comparison_attribute": "Email",
                    "comparator": "contains",
                    "comparison_value": "@x",
                    "segment_id": GUID,
                    "segment_comparator": "isIn",
                    "value": "true",
                }
            ]
        },
        "rollout_rules[0]",
        "not both",
    ),
    (
        value_v1,
        {"rollout_rules": [{"segment_id": GUID, "value": "true"}]},
        "rollout_rules[0]",
        "segment_id and segment_comparator",
    ),
    (
        value_v1,
        {
            "rollout_rules": [
                {
                    "comparison_attribute": "Email",
                    "comparator": "containsAnyOf",
                    "comparison_value": "@x",
                    "value": "true",
                }
            ]
        },
        "rollout_rules[0].comparator",
        "'contains'",
    ),
    (
        value_v1,
        {"percentage_items": [{"percentage": "fifty", "value": "true"}]},
        "percentage_items[0].percentage",
        "whole number",
    ),
    (
        value_v1,
        {"percentage_items": [{"percentage": "50", "value": "true"}]},
        "percentage_items",
        "add up to 100",
    ),
    (
        value_v1,
        {"value": True, "percentage_items": [{"percentage": 100, "value": 3}]},
        "percentage_items[0].value",
        "a flag has one type",
    ),
    (value_v2, {"targeting_rules": [{"value": True}]}, f"{RULE}.conditions", "at least one condition"),
    (
        value_v1,
        {
            "rollout_rules": [
                {
                    "comparison_attribute": "Age",
                    "comparator": "numberLess",
                    "comparison_value": "ten",
                    "value": "true",
                }
            ]
        },
        "rollout_rules[0]",
        "numberLess compares with a number, got 'ten'",
    ),
    (
        segment,
        {"comparator": "numberGreater", "comparison_value": "18+"},
        "comparison_value",
        "must be a number",
    ),
    (webhook, {"http_method": "patch"}, "http_method", "one of 'get', 'post'"),
    (webhook, {"url": "x"}, "url", "7 to 1000 characters"),
    # Issue 12, item 8 in main's resources: the API answers "Url is invalid" to these.
    (webhook, {"url": "asdasdasd"}, "url", "an http(s) URL"),
    (webhook, {"url": "ftp://ci.acme.com/hook"}, "url", "an http(s) URL"),
    (webhook, {"url": "https://ci.acme.com/hook\n"}, "url", "an http(s) URL"),
    (webhook, {"url": "https:///hook"}, "url", "an http(s) URL"),
    (webhook, {"content": "x" * 15001}, "content", "0 to 15000"),
    (webhook, {"webhook_headers": [{"key": "", "value": "v"}]}, "webhook_headers[0].key", "at least 1"),
    (webhook, {"webhook_headers": [{"key": "k"}]}, "webhook_headers[0].value", "is required"),
    (
        webhook,
        {"secure_webhook_headers": [{"key": "k", "value": ""}]},
        "secure_webhook_headers[0].value",
        "at least 1",
    ),
    (integration, {"integration_type": "datadog"}, "integration_type", "one of 'dataDog', 'slack'"),
    (integration, {"integration_type": None}, "integration_type", "is required"),
    (integration, {"product_id": "shop"}, "product_id", "must be a UUID"),
    # Issue 12, item 1 in main's resources: one environment twice under two spellings.
    (integration, {"environments": [GUID, GUID.upper()]}, "environments[1]", "twice"),
    (setting, {"tags": [7, "7"]}, "tags[1]", "twice"),
    (integration, {"name": "x" * 256}, "name", "a string of 1 to 255 characters"),
    (integration, {"parameters": ["apikey"]}, "parameters", "a mapping of"),
    (integration, {"parameters": {"apikey": 42}}, "parameters", "['apikey'] must be a string"),
    (integration, {"parameters": {}}, "parameters", "must hold 'apikey'"),
    (
        integration,
        {"integration_type": "mixPanel", "parameters": {"serviceAccountUserName": "u"}},
        "parameters",
        "must hold 'serviceAccountSecret', 'projectId'",
    ),
    (integration, {"configs": GUID}, "configs", "a list of a UUID"),
    (integration, {"environments": [GUID, "prod"]}, "environments[1]", "must be a UUID"),
    # Hardening II, item 10: the parameters that take one of a few values, as the spec lists them.
    (
        integration,
        {"parameters": {"apikey": "k", "site": "Mars"}},
        "parameters",
        "parameters['site'] of a dataDog integration must be one of 'Us', 'Eu', 'Us1Fed', 'Us3', 'Us5'",
    ),
    (
        integration,
        {
            "integration_type": "mixPanel",
            "parameters": {
                "serviceAccountUserName": "u",
                "serviceAccountSecret": "s",
                "projectId": "1",
                "server": "Moon",
            },
        },
        "parameters",
        "parameters['server'] of a mixPanel integration must be one of 'StandardServer', 'EUResidencyServer'",
    ),
    (
        integration,
        {"integration_type": "segment", "parameters": {"writeKey": "w", "server": "Asia"}},
        "parameters",
        "parameters['server'] of a segment integration must be one of 'Us', 'Eu'",
    ),
    # Hardening II, item 8: one header name once (names without case), plain and secure alike.
    (
        webhook,
        {"secure_webhook_headers": [{"key": "X-Token", "value": "a"}, {"key": "x-token", "value": "b"}]},
        "secure_webhook_headers[1].key",
        "repeats the header name of secure_webhook_headers[0].key",
    ),
    (
        webhook,
        {"webhook_headers": [{"key": "X-A", "value": "1"}, {"key": "X-A", "value": "2"}]},
        "webhook_headers[1].key",
        "repeats the header name of webhook_headers[0].key",
    ),
    (
        webhook,
        {
            "webhook_headers": [{"key": "Authorization", "value": "1"}],
            "secure_webhook_headers": [{"key": "authorization", "value": "2"}],
        },
        "secure_webhook_headers[0].key",
        "repeats the header name of webhook_headers[0].key",
    ),
    # Hardening II, item 11: ConfigCat's limits on text values and list items, applied before sending.
    (value_v2, {"value": "x" * 100_001}, "value", "is 100001 characters long; a text value may have at most"),
    (
        value_v2,
        {"value": "ok", "targeting_rules": [{"conditions": [_email_is("a")], "value": "y" * 100_001}]},
        "targeting_rules[0].value",
        "a text value may have at most 100000",
    ),
    (value_v1, {"value": "x" * 100_001}, "value", "a text value may have at most 100000"),
    (
        value_v2,
        {
            "value": True,
            "targeting_rules": [
                {
                    "conditions": [
                        {
                            "user_condition": {
                                "comparison_attribute": "Email",
                                "comparator": "isOneOf",
                                "comparison_value": ["a", "z" * 65_536],
                            }
                        }
                    ],
                    "value": False,
                }
            ],
        },
        "targeting_rules[0].conditions[0].user_condition.comparison_value.list_values[1].value",
        "is 65536 characters long; a list item may have at most 65535",
    ),
]


@pytest.mark.parametrize(
    ("declare", "inputs", "prop", "reason"),
    INVALID,
    ids=[f"{declare.__name__}-{prop}-{i}" for i, (declare, _, prop, _) in enumerate(INVALID)],
)
def test_invalid_input_fails_check_and_sends_nothing(  # noqa: PLR0917 - parametrized
    declare: Build,
    inputs: dict[str, Any],
    prop: str,
    reason: str,
    engine: MiniEngine,
    emulator: ConfigCatEmulator,
) -> None:
    emulator.requests.clear()
    result = engine.run(lambda: declare(**inputs))
    (error,) = result.errors
    assert isinstance(error, CheckFailedError)
    reasons = dict(error.failures)
    assert prop in reasons, error.failures
    assert reason in reasons[prop]
    # The reason names the property too, so it reads whole alone; the CLI shows it after
    # "property <name> value {<value>} has a problem: ".
    assert prop in reasons[prop]
    assert emulator.requests == []
    assert engine.state == {}


def test_a_refused_integration_parameter_is_never_quoted(engine: MiniEngine) -> None:
    secret_number = 918273645
    result = engine.run(lambda: integration(parameters={"apikey": secret_number, "site": ["Eu-secret"]}))
    (error,) = result.errors
    assert isinstance(error, CheckFailedError)
    text = " ".join(reason for _, reason in error.failures)
    assert "parameters" in text
    assert str(secret_number) not in text
    assert "Eu-secret" not in text
    assert engine.state == {}


def test_every_failure_is_reported_at_once(engine: MiniEngine, emulator: ConfigCatEmulator) -> None:
    emulator.requests.clear()
    result = engine.run(lambda: product(organization_id="x", name="", order=0.5))
    (error,) = result.errors
    assert isinstance(error, CheckFailedError)
    assert sorted(prop for prop, _ in error.failures) == ["name", "order", "organization_id"]
    assert emulator.requests == []


def test_values_unknown_at_preview_pass_check(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def program() -> None:
        shop = configcat.Product(f"preview-{unique}", organization_id=emulator.organization_id)
        configcat.Config(f"c-{unique}", product_id=shop.id)
        configcat.PermissionGroup(
            f"g-{unique}", product_id=shop.id, environment_accesses={GUID: "full"}, accesstype="custom"
        )

    emulator.requests.clear()
    result = engine.run(program, preview=True)
    assert result.errors == []
    assert [step.op for step in result.steps] == ["create", "create", "create"]
    assert emulator.requests == []


def test_a_number_is_quoted_as_written(engine: MiniEngine, emulator: ConfigCatEmulator) -> None:
    result = engine.run(lambda: configcat.Product("p", organization_id=12345))  # type: ignore[arg-type]
    (error,) = result.errors
    assert isinstance(error, CheckFailedError)
    (failure,) = error.failures
    assert failure[1].endswith("got 12345"), failure


@pytest.mark.parametrize(
    ("declare", "inputs", "prop"),
    [
        (permission_group, {"environment_accesses": {1.5: "full"}}, "environment_accesses"),
        (
            preferences,
            {"reason_required_environments": {GUID: True, 2.5: True}},
            "reason_required_environments",
        ),
        (product, {"description": {"nested": {3: "x"}}}, "description"),
        (permission_group, {"environment_accesses": {(GUID,): "full"}}, "environment_accesses"),
        (permission_group, {"environment_accesses": {True: "full"}}, "environment_accesses"),
    ],
)
def test_a_mapping_keyed_by_a_non_string_fails_naming_the_property(
    declare: Build, inputs: dict[str, Any], prop: str, engine: MiniEngine, emulator: ConfigCatEmulator
) -> None:
    emulator.requests.clear()
    with pytest.raises(TypeError, match=f"{prop}.* keys must be strings") as caught:
        engine.run(lambda: declare(**inputs))
    assert "bad argument type" not in str(caught.value)
    assert emulator.requests == []


def test_a_mapping_keyed_by_outputs_and_a_non_string_fails_naming_the_property(
    engine: MiniEngine, emulator: ConfigCatEmulator
) -> None:
    def program() -> None:
        env = configcat.Environment("e", product_id=GUID)
        configcat.PermissionGroup(
            "g", product_id=GUID, environment_accesses={env.id: "full", 7.5: "readOnly"}
        )

    with pytest.raises(
        TypeError, match=r"PermissionGroup 'g': environment_accesses has a key that is float 7\.5"
    ):
        engine.run(program, preview=True)


def test_an_integer_key_is_its_digits_and_check_names_the_property(
    engine: MiniEngine, emulator: ConfigCatEmulator
) -> None:
    # An integer key (a setting id) is sent as its digits; where an id of another kind belongs, check says so.
    emulator.requests.clear()
    result = engine.run(lambda: permission_group(environment_accesses={1: "full"}))
    (error,) = result.errors
    assert isinstance(error, CheckFailedError)
    (failure,) = error.failures
    assert failure[0] == "environment_accesses"
    assert "has a key that must be a UUID" in failure[1]
    assert emulator.requests == []


def test_an_integer_key_and_its_digits_are_one_key_twice(
    engine: MiniEngine, emulator: ConfigCatEmulator
) -> None:
    with pytest.raises(TypeError, match="values has the key '7' twice"):
        engine.run(
            lambda: configcat.ConfigValuesV2(
                "vals", config_id=GUID, environment_id=GUID, values={7: True, "7": False}
            )
        )
