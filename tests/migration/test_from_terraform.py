"""``from-terraform`` without the API: how each resource of the fixture state (every configcat_* type)
maps, one table row each, and the program it becomes. Other shapes of states:
test_from_terraform_shapes.py; refusals and the command: test_from_terraform_command.py; adoption of the
written program: test_from_terraform_adoption.py, and under the real CLI tests/cli/test_from_terraform.py."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pulumi_configcat.export import Constant, Declaration, Ref, Secret
from pulumi_configcat.export._terraform import map_state
from pulumi_configcat.export._terraform_types import TERRAFORM_TYPES
from pulumi_configcat.export._tfstate import parse_state
from pulumi_configcat.export.terraform import read_terraform_state
from tests.migration._terraform_apply import FIXTURE, fixture

RUFF = Path(sys.executable).parent / "ruff"
ORG = "08d86d63-2721-4da6-8c06-584521d516bc"
PRODUCT = "08dc1bfa-b8b0-45f0-8127-fac0de7a37ac"
PROD = "08dc1bfa-b8b0-4590-8e2f-0dcb6a87b1b0"
STAGING = "08dc1bfa-b8b0-4597-8d28-2b6b1e6de7c8"
SEGMENT = "08dc1bfa-b8b0-45c3-8d9c-3f1e5c1a0b11"
# Every resource type of configcat/configcat (docs/resources/*.md of v5.5).
PROVIDER_TYPES = {
    "configcat_product",
    "configcat_product_preferences",
    "configcat_config",
    "configcat_environment",
    "configcat_setting",
    "configcat_setting_value",
    "configcat_setting_value_v2",
    "configcat_permission_group",
    "configcat_segment",
    "configcat_tag",
    "configcat_setting_tag",
    "configcat_webhook",
    "configcat_integration",
}
PRODUCT_REF = Ref("configcat_product.main")
ENV_PROD = Ref('configcat_environment.envs["production"]')
ENV_STAGING = Ref('configcat_environment.envs["staging"]')


@dataclass(frozen=True)
class Row:
    address: str
    class_name: str
    import_id: str
    inputs: dict[str, Any]
    depends_on: tuple[str, ...] = ()


V2 = "configcat_setting_value_v2"
ROWS = [
    Row(
        "configcat_product.main",
        "Product",
        PRODUCT,
        {
            "organization_id": Constant("organization_id"),
            "name": "Shop",
            "description": "Managed by Terraform",
        },
    ),
    Row(
        'configcat_environment.envs["production"]',
        "Environment",
        PROD,
        {"product_id": PRODUCT_REF, "name": "Production", "description": "Live traffic", "color": "#c62828"},
    ),
    Row(
        'configcat_environment.envs["staging"]',
        "Environment",
        STAGING,
        {"product_id": PRODUCT_REF, "name": "Staging", "color": "#1e88e5", "order": 1},
    ),
    # Configuration: pulumiverse's name and default (v1), so a V1 config leaves evaluation_version out.
    Row(
        "configcat_config.legacy",
        "Configuration",
        "08dc1bfa-b8b0-45b8-8bd9-0e2b7f3d3b4a",
        {"product_id": PRODUCT_REF, "name": "Legacy", "description": "Old SDKs", "order": 1},
    ),
    Row(
        "configcat_config.main",
        "Configuration",
        "08dc1bfa-b8b0-45b2-806b-ccf61ef24a7d",
        {"product_id": PRODUCT_REF, "name": "Main", "evaluation_version": "v2"},
    ),
    Row("configcat_tag.beta", "Tag", "51234", {"product_id": PRODUCT_REF, "name": "beta", "color": "salmon"}),
    Row(
        "configcat_segment.staff",
        "Segment",
        SEGMENT,
        {
            "product_id": PRODUCT_REF,
            "name": "Staff",
            "comparison_attribute": "Email",
            "comparator": "contains",
            "comparison_value": "@example.com",
        },
    ),
    Row(
        "configcat_setting.new_checkout",
        "Setting",
        "245001",
        {
            "config_id": Ref("configcat_config.main"),
            "key": "newCheckout",
            "name": "New checkout",
            "hint": "One-page checkout",
        },
        # Its value has page_size as a prerequisite: ConfigCat deletes page_size only after it.
        depends_on=("configcat_setting.page_size",),
    ),
    Row(
        "configcat_setting.page_size",
        "Setting",
        "245002",
        {
            "config_id": Ref("configcat_config.main"),
            "key": "pageSize",
            "name": "Page size",
            "setting_type": "int",
            "order": 1,
        },
    ),
    Row(
        "configcat_setting.motto",
        "Setting",
        "245003",
        {
            "config_id": Ref("configcat_config.legacy"),
            "key": "motto",
            "name": "Motto",
            "setting_type": "string",
        },
    ),
    Row(
        "configcat_setting.legacy_banner",
        "Setting",
        "245004",
        {
            "config_id": Ref("configcat_config.legacy"),
            "key": "legacyBanner",
            "name": "Legacy banner",
            "hint": "Shown on old clients",
            "order": 1,
        },
    ),
    Row(
        "configcat_setting_tag.new_checkout_beta",
        "SettingTag",
        "245001:51234",
        {"setting_id": Ref("configcat_setting.new_checkout"), "tag_id": Ref("configcat_tag.beta")},
    ),
    # V1: the other rule family's "" fields are left out; percentages stay strings, as pulumiverse takes them.
    Row(
        "configcat_setting_value.motto",
        "SettingValue",
        f"{PROD}:245003",
        {
            "environment_id": ENV_PROD,
            "setting_id": Ref("configcat_setting.motto"),
            "init_only": False,
            "value": "default",
            "rollout_rules": [
                {
                    "comparator": "contains",
                    "comparison_attribute": "Email",
                    "comparison_value": "@example.com",
                    "value": "staff",
                },
                {
                    "segment_comparator": "isIn",
                    "segment_id": Ref("configcat_segment.staff"),
                    "value": "tester",
                },
            ],
            "percentage_items": [{"percentage": "40", "value": "a"}, {"percentage": "60", "value": "b"}],
        },
    ),
    # A boolean flag's V1 values are strings in Terraform and in pulumiverse: written as they are.
    Row(
        "configcat_setting_value.legacy_banner",
        "SettingValue",
        f"{STAGING}:245004",
        {
            "environment_id": ENV_STAGING,
            "setting_id": Ref("configcat_setting.legacy_banner"),
            "mandatory_notes": "Managed by Terraform",
            "init_only": False,
            "value": "false",
            "rollout_rules": [
                {
                    "comparator": "semVerLess",
                    "comparison_attribute": "AppVersion",
                    "comparison_value": "2.0.0",
                    "value": "true",
                }
            ],
        },
    ),
    Row(
        f"{V2}.new_checkout",
        "SettingValueV2",
        f"{PROD}:245001",
        {
            "environment_id": ENV_PROD,
            "setting_id": Ref("configcat_setting.new_checkout"),
            "init_only": False,
            "value": {"bool_value": False},
            "percentage_evaluation_attribute": "Country",
            "targeting_rules": [
                {
                    "conditions": [
                        {
                            "user_condition": {
                                "comparator": "isOneOf",
                                "comparison_attribute": "Email",
                                "comparison_value": {
                                    "list_values": [
                                        {"hint": "Ann", "value": "ann@example.com"},
                                        {"value": "bob@example.com"},
                                    ]
                                },
                            }
                        },
                        {
                            "segment_condition": {
                                "comparator": "isIn",
                                "segment_id": Ref("configcat_segment.staff"),
                            }
                        },
                        {
                            "prerequisite_flag_condition": {
                                "comparator": "equals",
                                "comparison_value": {"int_value": 50},
                                "prerequisite_setting_id": Ref("configcat_setting.page_size"),
                            }
                        },
                    ],
                    "value": {"bool_value": True},
                },
                {
                    "conditions": [
                        {
                            "user_condition": {
                                "comparator": "numberGreaterOrEquals",
                                "comparison_attribute": "Age",
                                "comparison_value": {"double_value": 18.5},
                            }
                        }
                    ],
                    "percentage_options": [
                        {"percentage": 30, "value": {"bool_value": True}},
                        {"percentage": 70, "value": {"bool_value": False}},
                    ],
                },
            ],
        },
    ),
    # init_only=True is the default (as in Terraform): left out; the value is then left to the dashboard.
    Row(
        f'{V2}.page_size["production"]',
        "SettingValueV2",
        f"{PROD}:245002",
        {
            "environment_id": ENV_PROD,
            "setting_id": Ref("configcat_setting.page_size"),
            "value": {"int_value": 50},
        },
    ),
    Row(
        f'{V2}.page_size["staging"]',
        "SettingValueV2",
        f"{STAGING}:245002",
        {
            "environment_id": ENV_STAGING,
            "setting_id": Ref("configcat_setting.page_size"),
            "mandatory_notes": "Managed by Terraform",
            "value": {"int_value": 10},
        },
    ),
    Row(
        "configcat_webhook.slack",
        "Webhook",
        "3187",
        {
            "config_id": Ref("configcat_config.main"),
            "environment_id": ENV_PROD,
            "url": "https://hooks.example.com/configcat",
            "http_method": "post",
            "content": '{"text": "##ConfigName## changed in ##EnvironmentName##"}',
            "webhook_headers": [{"key": "Content-Type", "value": "application/json"}],
            "secure_webhook_headers": [
                {
                    "key": "Authorization",
                    "value": Secret(
                        "webhookSlackAuthorization",
                        "secure header 'Authorization' of configcat_webhook.slack",
                    ),
                }
            ],
        },
    ),
    # pulumiverse's can_disable2fa for Terraform's can_disable_2fa; false permissions are the default.
    Row(
        "configcat_permission_group.developers",
        "PermissionGroup",
        "61234",
        {
            "product_id": PRODUCT_REF,
            "name": "Developers",
            "new_environment_accesstype": "readOnly",
            "environment_accesses": {ENV_PROD: "readOnly", ENV_STAGING: "full"},
            "can_createorupdate_setting": True,
            "can_tag_setting": True,
            "can_view_sdkkey": True,
            "can_view_product_auditlog": True,
            "can_disable2fa": True,
        },
    ),
    # Terraform keeps every environment in the map; only those that require a reason are declared.
    Row(
        "configcat_product_preferences.main",
        "ProductPreferences",
        PRODUCT,
        {
            "product_id": PRODUCT_REF,
            "key_generation_mode": "kebabCase",
            "show_variation_id": True,
            "reason_required_environments": {ENV_STAGING: True},
        },
    ),
    Row(
        "configcat_integration.datadog",
        "Integration",
        "08dc1bfa-b8b0-45d0-8a11-5e0d7f6a1c22",
        {
            "product_id": PRODUCT_REF,
            "integration_type": "dataDog",
            "name": "Datadog",
            "parameters": {
                "apikey": Secret("datadogApikey", "parameter 'apikey' of configcat_integration.datadog"),
                "site": Secret("datadogSite", "parameter 'site' of configcat_integration.datadog"),
            },
            "environments": [ENV_PROD],
        },
    ),
]


def _mapped(state: dict[str, Any] | None = None) -> dict[str, Declaration]:
    text = FIXTURE.read_text(encoding="utf-8") if state is None else json.dumps(state)
    program = map_state(parse_state(text), command="test")
    return {declaration.key: declaration for declaration in program.declarations}


def test_the_fixture_holds_every_resource_type_of_the_provider_and_each_maps() -> None:
    types = {r["type"] for r in fixture()["resources"] if r["mode"] == "managed"}
    assert types == PROVIDER_TYPES == set(TERRAFORM_TYPES)
    assert {row.address for row in ROWS} == set(_mapped())


@pytest.mark.parametrize("row", ROWS, ids=[row.address for row in ROWS])
def test_each_resource_maps_to_pulumiverses_class_and_arguments(row: Row) -> None:
    declaration = _mapped()[row.address]
    assert declaration.class_name == row.class_name
    assert declaration.import_id == row.import_id
    assert declaration.inputs == row.inputs
    assert list(declaration.inputs) == list(row.inputs)  # written in the schema's order
    assert declaration.depends_on == row.depends_on
    assert declaration.comment == row.address


@pytest.mark.parametrize("terraform_type", sorted(TERRAFORM_TYPES))
def test_every_mapped_attribute_is_an_argument_of_the_class(terraform_type: str) -> None:
    mapping = TERRAFORM_TYPES[terraform_type]
    arguments = {prop.name for prop in mapping.resource._provider_class().props}
    assert {mapping.renames.get(a, a) for a in mapping.attributes} <= arguments


def test_references_point_backwards_and_data_sources_are_left_out() -> None:
    program = map_state(parse_state(FIXTURE.read_text(encoding="utf-8")), command="test")
    seen: set[str] = set()
    for declaration in program.declarations:
        refs = {d for d in declaration.depends_on}
        refs |= {ref.target for ref in _refs(declaration.inputs)}
        assert refs <= seen, declaration.key
        seen.add(declaration.key)
    assert not [key for key in seen if "data." in key]
    assert program.constants == {"organization_id": ORG}


def _refs(value: Any) -> list[Ref]:
    if isinstance(value, Ref):
        return [value]
    if isinstance(value, dict):
        return [ref for k, v in value.items() for ref in [*_refs(k), *_refs(v)]]
    if isinstance(value, list):
        return [ref for item in value for ref in _refs(item)]
    return []


def test_the_program_is_ruff_clean_and_holds_no_sensitive_value(tmp_path: Path) -> None:
    source = read_terraform_state(
        FIXTURE.read_text(encoding="utf-8"), command="pulumi-configcat from-terraform"
    )
    path = tmp_path / "__main__.py"
    path.write_text(source, encoding="utf-8")
    compile(source, str(path), "exec")
    for args in (["format", "--check"], ["check", "--select", "E,F,W,B", "--ignore", "E501"]):
        done = subprocess.run(
            [str(RUFF), *args, "--isolated", str(path)], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr
    for sensitive in ("Bearer tf-webhook-token", "dd-tf-api-key", '"Eu"'):
        assert sensitive not in source
    for key in ("webhookSlackAuthorization", "datadogApikey", "datadogSite"):
        assert f"#   pulumi config set --secret {key} <value>" in source
        assert f'config.require_secret("{key}")' in source
    assert '# configcat_setting_value_v2.page_size["staging"]\n' in source
    assert 'opts=pulumi.ResourceOptions(import_="245001", depends_on=[page_size])' in source
