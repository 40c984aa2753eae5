"""Pulumi programs under mocks: what each resource class registers with the engine, with no provider at all.

These cover the program side of a resource: its type token, its argument handling and defaults, how
``import_`` and ``get`` reach the engine, and how Outputs wire one resource into another.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat.resources._base import IMPORT_KEY
from pulumi_configcat.resources._resource import ConfigCatResource
from tests.harness import Registration, capture_registrations

GUID = "08d86d63-2726-47cd-8bfc-59608ecb91e2"
ENVIRONMENT_GUID = "08d86d63-2731-4b8b-823a-56ddda9da038"

# Every resource class with the fewest inputs it can be declared with.
REQUIRED: dict[type[ConfigCatResource], dict[str, Any]] = {
    configcat.Product: {"organization_id": GUID},
    configcat.Config: {"product_id": GUID},
    configcat.Environment: {"product_id": GUID},
    configcat.Tag: {"product_id": GUID},
    configcat.Segment: {
        "product_id": GUID,
        "comparison_attribute": "Email",
        "comparator": "contains",
        "comparison_value": "@example.com",
    },
    configcat.PermissionGroup: {"product_id": GUID},
    configcat.ProductPreferences: {"product_id": GUID},
}
CLASSES = list(REQUIRED)
NAMED_CLASSES = [cls for cls in CLASSES if cls is not configcat.ProductPreferences]

PERMISSION_FLAGS = [
    "can_manage_members",
    "can_createorupdate_config",
    "can_delete_config",
    "can_createorupdate_environment",
    "can_delete_environment",
    "can_createorupdate_setting",
    "can_tag_setting",
    "can_delete_setting",
    "can_createorupdate_tag",
    "can_delete_tag",
    "can_manage_webhook",
    "can_use_exportimport",
    "can_manage_product_preferences",
    "can_manage_integrations",
    "can_view_sdkkey",
    "can_rotate_sdkkey",
    "can_createorupdate_segment",
    "can_delete_segment",
    "can_view_product_auditlog",
    "can_view_product_statistics",
    "can_disable2fa",
]

# Written out rather than read from the classes, so a changed default shows up here.
DEFAULTS: dict[type[ConfigCatResource], dict[str, Any]] = {
    configcat.Product: {"order": 0},
    configcat.Config: {"order": 0, "evaluation_version": "v2"},
    configcat.Environment: {"order": 0},
    configcat.Tag: {"color": "panther"},
    configcat.Segment: {},
    configcat.PermissionGroup: {
        "accesstype": "custom",
        "new_environment_accesstype": "none",
        **dict.fromkeys(PERMISSION_FLAGS, False),
    },
    configcat.ProductPreferences: {
        "key_generation_mode": "camelCase",
        "mandatory_setting_hint": False,
        "show_variation_id": False,
        "reason_required": False,
    },
}


def ids(cls: type[Any]) -> str:
    return cls.__name__


def only(registrations: list[Registration], name: str) -> Registration:
    matching = [reg for reg in registrations if reg.name == name]
    assert len(matching) == 1, [reg.name for reg in registrations]
    return matching[0]


def program_inputs(reg: Registration) -> dict[str, Any]:
    """The registered inputs the program gave, without the serialized provider."""
    return {key: value for key, value in reg.inputs.items() if key != "__provider"}


def declare(cls: type[ConfigCatResource], resource_name: str, **kw: Any) -> Callable[[], None]:
    def program() -> None:
        cls(resource_name, **{**REQUIRED[cls], **kw})

    return program


@pytest.mark.parametrize("cls", CLASSES, ids=ids)
def test_type_token_names_the_class(cls: type[ConfigCatResource]) -> None:
    (reg,) = capture_registrations(declare(cls, "res"))
    assert reg.type_ == f"pulumi-python:dynamic/configcat:{cls.__name__}"
    assert reg.custom
    assert reg.opts_id is None


def test_configuration_is_config_and_registers_as_config() -> None:
    # The same resource type, so a stack may switch between the two names; pulumiverse's name has its default.
    assert issubclass(configcat.Configuration, configcat.Config)
    (reg,) = capture_registrations(lambda: configcat.Configuration("web", product_id=GUID))
    assert reg.type_ == "pulumi-python:dynamic/configcat:Config"
    assert reg.inputs["evaluation_version"] == "v1"
    (own,) = capture_registrations(lambda: configcat.Config("web", product_id=GUID))
    assert own.type_ == reg.type_
    assert own.inputs["evaluation_version"] == "v2"


@pytest.mark.parametrize("cls", NAMED_CLASSES, ids=ids)
def test_name_defaults_to_resource_name(cls: type[ConfigCatResource]) -> None:
    (reg,) = capture_registrations(declare(cls, "checkout-service"))
    assert reg.name == "checkout-service"
    assert reg.inputs["name"] == "checkout-service"


@pytest.mark.parametrize("cls", NAMED_CLASSES, ids=ids)
def test_explicit_name_wins(cls: type[ConfigCatResource]) -> None:
    (reg,) = capture_registrations(declare(cls, "checkout-service", name="Checkout service"))
    assert reg.name == "checkout-service"
    assert reg.inputs["name"] == "Checkout service"


def test_preferences_have_no_name_input() -> None:
    (reg,) = capture_registrations(declare(configcat.ProductPreferences, "prefs"))
    assert "name" not in reg.inputs


@pytest.mark.parametrize("cls", CLASSES, ids=ids)
def test_declared_defaults_land_in_inputs(cls: type[ConfigCatResource]) -> None:
    (reg,) = capture_registrations(declare(cls, "res"))
    inputs = program_inputs(reg)
    assert {key: inputs.get(key) for key in DEFAULTS[cls]} == DEFAULTS[cls]
    # Unset optional inputs are left out (the provider's check applies its defaults, not None).
    defaulted_or_given = {*DEFAULTS[cls], *REQUIRED[cls], "name"}
    assert set(inputs) <= defaulted_or_given


@pytest.mark.parametrize("cls", CLASSES, ids=ids)
def test_constructor_defaults_agree_with_provider_defaults(cls: type[ConfigCatResource]) -> None:
    """A default stated twice (signature and provider) must not drift apart: check would disagree."""
    parameters = inspect.signature(cls.__init__).parameters
    provider_defaults = {prop.name: prop.default for prop in cls._provider_class.props}
    constructor_defaults = {
        name: None if parameters[name].default is inspect.Parameter.empty else parameters[name].default
        for name in provider_defaults
    }
    # With types, so that False and 0 are not taken for each other.
    assert {key: (value, type(value)) for key, value in constructor_defaults.items()} == {
        key: (value, type(value)) for key, value in provider_defaults.items()
    }
    assert {key: value for key, value in provider_defaults.items() if value is not None} == DEFAULTS[cls]


def test_permission_flags_are_every_boolean_of_the_provider() -> None:
    flags = [prop.name for prop in configcat.PermissionGroup._provider_class.props if prop.default is False]
    assert flags == PERMISSION_FLAGS


def test_explicit_values_replace_defaults() -> None:
    def program() -> None:
        configcat.Config("web", product_id=GUID, order=4, evaluation_version="v1", description="Web app")
        configcat.PermissionGroup(
            "devs",
            product_id=GUID,
            accesstype="custom",
            environment_accesses={ENVIRONMENT_GUID: "full"},
            can_tag_setting=True,
        )
        configcat.ProductPreferences(
            "prefs", product_id=GUID, key_generation_mode="kebabCase", reason_required=True
        )

    registrations = capture_registrations(program)
    assert program_inputs(only(registrations, "web")) == {
        "product_id": GUID,
        "name": "web",
        "description": "Web app",
        "order": 4,
        "evaluation_version": "v1",
    }
    group = only(registrations, "devs").inputs
    assert group["environment_accesses"] == {ENVIRONMENT_GUID: "full"}
    assert group["can_tag_setting"] is True
    assert group["can_delete_tag"] is False
    prefs = only(registrations, "prefs").inputs
    assert (prefs["key_generation_mode"], prefs["reason_required"]) == ("kebabCase", True)


def test_output_of_one_resource_wires_into_another() -> None:
    def program() -> None:
        product = configcat.Product("shop", organization_id=GUID)
        config = configcat.Config("web", product_id=product.id)
        configcat.Tag("beta", product_id=product.id, name=config.name.apply(lambda name: f"{name}-beta"))

    registrations = capture_registrations(program)
    # The mocks give every custom resource the id "<name>-id" and echo its inputs as outputs.
    assert only(registrations, "web").inputs["product_id"] == "shop-id"
    tag = only(registrations, "beta").inputs
    assert (tag["product_id"], tag["name"]) == ("shop-id", "web-beta")


@pytest.mark.parametrize("cls", CLASSES, ids=ids)
def test_import_moves_the_id_into_an_input(cls: type[ConfigCatResource]) -> None:
    seen: dict[str, str] = {}

    def program() -> None:
        resource = cls("adopted", **REQUIRED[cls], opts=pulumi.ResourceOptions(import_="existing-7"))
        resource.id.apply(lambda id_: seen.setdefault("id", id_))

    (reg,) = capture_registrations(program)
    assert reg.inputs[IMPORT_KEY] == "existing-7"
    # The mock monitor answers with the engine's importId when one is sent; "<name>-id" shows none was.
    assert seen == {"id": "adopted-id"}


def test_import_leaves_the_callers_options_untouched() -> None:
    """One ResourceOptions may be shared; the import id must still be there for the next resource."""
    opts = pulumi.ResourceOptions(import_="existing-7", protect=True)

    def program() -> None:
        configcat.Tag("first", product_id=GUID, opts=opts)
        configcat.Tag("second", product_id=GUID, opts=opts)

    registrations = capture_registrations(program)
    assert opts.import_ == "existing-7"
    assert [reg.inputs[IMPORT_KEY] for reg in registrations] == ["existing-7", "existing-7"]


def test_without_import_there_is_no_import_input() -> None:
    (reg,) = capture_registrations(declare(configcat.Tag, "fresh"))
    assert IMPORT_KEY not in reg.inputs


def test_empty_import_is_no_import() -> None:
    (reg,) = capture_registrations(
        lambda: configcat.Tag("fresh", product_id=GUID, opts=pulumi.ResourceOptions(import_=""))
    )
    assert IMPORT_KEY not in reg.inputs


@pytest.mark.parametrize("cls", [configcat.Tag, configcat.PermissionGroup], ids=ids)
def test_integer_ids_become_strings(cls: type[ConfigCatResource]) -> None:
    def program() -> None:
        cls.get("looked-up", 42)
        cls("adopted", **REQUIRED[cls], opts=pulumi.ResourceOptions(import_=43))  # type: ignore[arg-type]

    registrations = capture_registrations(program)
    assert only(registrations, "looked-up").opts_id == "42"
    imported = only(registrations, "adopted").inputs[IMPORT_KEY]
    assert (imported, type(imported)) == ("43", str)


@pytest.mark.parametrize("cls", CLASSES, ids=ids)
def test_get_registers_a_read(cls: type[ConfigCatResource]) -> None:
    seen: dict[str, str] = {}

    def program() -> None:
        resource = cls.get("existing", "id-from-the-dashboard")
        assert isinstance(resource, cls)
        resource.id.apply(lambda id_: seen.setdefault("id", id_))

    (reg,) = capture_registrations(program)
    assert reg.type_ == f"pulumi-python:dynamic/configcat:{cls.__name__}"
    assert reg.opts_id == "id-from-the-dashboard"
    assert seen == {"id": "id-from-the-dashboard"}
    # A read sends no program inputs: every output comes from the API.
    assert program_inputs(reg) == {}


def test_product_get_keeps_other_options() -> None:
    def program() -> None:
        parent = pulumi.ComponentResource("acme:index:Account", "account")
        configcat.Product.get("x", GUID, opts=pulumi.ResourceOptions(parent=parent))

    registrations = capture_registrations(program)
    read = only(registrations, "x")
    assert read.opts_id == GUID
    assert not only(registrations, "account").custom


@pytest.mark.parametrize("cls", CLASSES, ids=ids)
def test_arguments_are_keyword_only(cls: type[ConfigCatResource]) -> None:
    parameters = list(inspect.signature(cls.__init__).parameters.values())
    assert [param.name for param in parameters[:2]] == ["self", "resource_name"]
    assert all(param.kind is inspect.Parameter.KEYWORD_ONLY for param in parameters[2:])
    with pytest.raises(TypeError, match="positional argument"):
        cls("res", *REQUIRED[cls].values())
