"""``from-terraform`` without the API: how each resource of a Terraform state maps, what is refused, the
command's arguments. (Adoption of the written program: test_from_terraform_adoption.py, and under the
real CLI tests/cli/test_from_terraform.py.)"""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pulumi_configcat.__main__ import main as cli_main
from pulumi_configcat.export import Constant, Declaration, Ref, Secret
from pulumi_configcat.export._terraform import TERRAFORM_TYPES, map_state
from pulumi_configcat.export._tfstate import parse_state
from pulumi_configcat.export.terraform import StateError, main, read_terraform_state
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


# ------------------------------------------------------------------------------------------ more shapes


def _resource(type_: str, name: str, attributes: dict[str, Any], **instance: Any) -> dict[str, Any]:
    return {
        "mode": "managed",
        "type": type_,
        "name": name,
        "provider": 'provider["registry.terraform.io/configcat/configcat"]',
        "instances": [
            {"schema_version": 0, "attributes": attributes, "sensitive_attributes": [], **instance}
        ],
    }


def _state(*resources: dict[str, Any]) -> dict[str, Any]:
    return {
        "version": 4,
        "terraform_version": "1.9.8",
        "serial": 1,
        "lineage": "l",
        "outputs": {},
        "resources": list(resources),
    }


def _product(name: str, product_id: str, org: str = ORG, **extra: Any) -> dict[str, Any]:
    attributes = {"id": product_id, "organization_id": org, "name": name, "description": None, "order": 0}
    return _resource("configcat_product", name, attributes, **extra)


P1 = "08dc0000-0000-4000-8000-000000000001"
P2 = "08dc0000-0000-4000-8000-000000000002"


def test_several_products_of_one_organization_share_its_constant() -> None:
    mapped = _mapped(_state(_product("a", P1), _product("b", P2)))
    assert [d.inputs["organization_id"] for d in mapped.values()] == [Constant("organization_id")] * 2


def test_products_of_two_organizations_keep_their_ids() -> None:
    other = "08d86d63-0000-4000-8000-00000000000f"
    state = _state(_product("a", P1), _product("b", P2, org=other))
    program = map_state(parse_state(json.dumps(state)), command="test")
    assert program.constants == {}
    assert [d.inputs["organization_id"] for d in program.declarations] == [ORG, other]


def test_an_entity_outside_the_state_is_named_by_its_id() -> None:
    tag = _resource("configcat_tag", "t", {"id": "7", "product_id": P1, "name": "t", "color": "panther"})
    (declaration,) = _mapped(_state(tag)).values()
    assert declaration.inputs == {"product_id": P1, "name": "t"}  # panther: the default, left out


def test_modules_and_count_indexes_name_the_resources() -> None:
    tag = _resource(
        "configcat_tag", "flag_tags", {"id": "7", "product_id": P1, "name": "t", "color": "koala"}
    )
    tag["module"] = "module.flags"
    tag["instances"][0]["index_key"] = 0
    source = read_terraform_state(json.dumps(_state(tag)))
    assert "# module.flags.configcat_tag.flag_tags[0]\n" in source
    assert '    "flags-flag-tags-0",\n' in source


def test_whatever_the_state_marks_sensitive_is_read_from_a_secret() -> None:
    hook = _resource(
        "configcat_webhook",
        "hook",
        {
            "id": 9,
            "config_id": P1,
            "environment_id": P2,
            "url": "https://hooks.example.com/secret-path",
            "http_method": "get",
            "content": None,
            "webhook_headers": None,
            "secure_webhook_headers": None,
        },
        sensitive_attributes=[[{"type": "get_attr", "value": "url"}]],
    )
    source = read_terraform_state(json.dumps(_state(hook)))
    assert "secret-path" not in source
    assert 'url=config.require_secret("hookUrl")' in source
    assert "pulumi config set --secret hookUrl <value>  # url of configcat_webhook.hook" in source


def test_other_providers_resources_are_left_out_and_named() -> None:
    other = {
        "mode": "managed",
        "type": "random_string",
        "name": "suffix",
        "provider": 'provider["registry.terraform.io/hashicorp/random"]',
        "instances": [{"schema_version": 2, "attributes": {"id": "x"}, "sensitive_attributes": []}],
    }
    source = read_terraform_state(json.dumps(_state(_product("a", P1), other)))
    assert "Not ConfigCat entities, so not declared here: random_string." in source
    assert source.count("configcat.Product(") == 1


def test_an_opentofu_state_maps_too() -> None:
    product = _product("a", P1)
    product["provider"] = 'provider["registry.opentofu.org/configcat/configcat"]'
    assert list(_mapped(_state(product))) == ["configcat_product.a"]


def test_predefined_variations_of_later_provider_versions_are_references() -> None:
    setting = _resource(
        "configcat_setting",
        "plan",
        {
            "id": "5",
            "config_id": P1,
            "key": "plan",
            "name": "Plan",
            "hint": None,
            "setting_type": "string",
            "order": 0,
            "is_json": False,
            "predefined_variations": [
                {
                    "predefined_variation_id": "v-free",
                    "name": "Free",
                    "hint": None,
                    "value": {"string_value": "free"},
                },
                {
                    "predefined_variation_id": "v-pro",
                    "name": "Pro",
                    "hint": "paid",
                    "value": {"string_value": "pro"},
                },
            ],
        },
    )
    value = _resource(
        "configcat_setting_value_v2",
        "plan",
        {
            "id": f"{P2}:5",
            "environment_id": P2,
            "setting_id": "5",
            "setting_type": "string",
            "init_only": False,
            "mandatory_notes": None,
            "percentage_evaluation_attribute": None,
            "targeting_rules": None,
            "value": {"predefined_variation_id": "v-pro", "string_value": None},
        },
    )
    mapped = _mapped(_state(setting, value))
    assert mapped["configcat_setting.plan"].inputs["predefined_variations"] == [
        {"name": "Free", "value": {"string_value": "free"}},
        {"name": "Pro", "hint": "paid", "value": {"string_value": "pro"}},
    ]
    assert mapped["configcat_setting_value_v2.plan"].inputs["value"] == {
        "predefined_variation_id": Ref("configcat_setting.plan", variation=1)
    }


# ------------------------------------------------------------------------------------------ refusals

Change = Callable[[dict[str, Any]], None]


def _set_version(state: dict[str, Any]) -> None:
    state["version"] = 3


def _unknown_type(state: dict[str, Any]) -> None:
    state["resources"].append(_resource("configcat_sdk_key", "k", {"id": "x"}))


def _other_provider(state: dict[str, Any]) -> None:
    state["resources"][1]["provider"] = 'provider["registry.terraform.io/someone/configcat"]'


def _schema_version(state: dict[str, Any]) -> None:
    state["resources"][1]["instances"][0]["schema_version"] = 1


def _deposed(state: dict[str, Any]) -> None:
    state["resources"][1]["instances"][0]["deposed"] = "00000001"


def _flat(state: dict[str, Any]) -> None:
    instance = state["resources"][1]["instances"][0]
    instance["attributes_flat"] = {"id": instance.pop("attributes")["id"]}


def _unknown_attribute(state: dict[str, Any]) -> None:
    state["resources"][1]["instances"][0]["attributes"]["archived"] = True


def _sensitive_number(state: dict[str, Any]) -> None:
    state["resources"][1]["instances"][0]["sensitive_attributes"] = [[{"type": "get_attr", "value": "order"}]]
    state["resources"][1]["instances"][0]["attributes"]["order"] = 3


def _no_configcat(state: dict[str, Any]) -> None:
    state["resources"] = [r for r in state["resources"] if r["mode"] == "data"]


def _two_problems(state: dict[str, Any]) -> None:
    _unknown_type(state)
    _schema_version(state)


REFUSALS: list[tuple[str, Change, list[str]]] = [
    ("format version 3", _set_version, ["has state format version 3; only version 4"]),
    (
        "unknown configcat type",
        _unknown_type,
        ["configcat_sdk_key.k: unknown resource type 'configcat_sdk_key'"],
    ),
    (
        "another provider",
        _other_provider,
        ["configcat_config.legacy: belongs to provider", "someone/configcat"],
    ),
    ("schema version", _schema_version, ["configcat_config.legacy: written in schema version 1"]),
    ("deposed object", _deposed, ["configcat_config.legacy: holds a deposed object (00000001)"]),
    ("flat attributes", _flat, ["configcat_config.legacy: has no JSON attributes"]),
    (
        "unknown attribute",
        _unknown_attribute,
        ["configcat_config.legacy: attributes this does not know: archived"],
    ),
    ("sensitive number", _sensitive_number, ["configcat_config.legacy: order is sensitive but not a string"]),
    ("no configcat resource", _no_configcat, ["holds no configcat_* resources"]),
    (
        "all problems at once",
        _two_problems,
        ["configcat_sdk_key.k: unknown", "configcat_config.legacy: written"],
    ),
]


@pytest.mark.parametrize(("change", "messages"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS])
def test_what_cannot_be_mapped_is_refused_naming_it_and_nothing_is_written(
    change: Change, messages: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = copy.deepcopy(fixture())
    change(state)
    state_file = tmp_path / "terraform.tfstate"
    state_file.write_text(json.dumps(state), encoding="utf-8")
    output = tmp_path / "out" / "__main__.py"
    assert main([str(state_file), "--output", str(output)], prog="pulumi-configcat from-terraform") == 1
    assert not output.exists()
    assert not output.parent.exists()
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("pulumi-configcat from-terraform: error: ")
    for message in messages:
        assert message in captured.err
    with pytest.raises(StateError):
        read_terraform_state(json.dumps(state))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "is not JSON"),
        ("[1, 2]", "is not a Terraform state"),
        ('{"version": 4, "resources": {}}', "is not a Terraform state ('resources' is not a list)"),
    ],
)
def test_a_file_that_is_no_state_is_refused(
    content: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state_file = tmp_path / "state.json"
    state_file.write_text(content, encoding="utf-8")
    assert main([str(state_file)]) == 1
    captured = capsys.readouterr()
    assert f"{state_file} {message}" in captured.err
    assert captured.out == ""


def test_a_missing_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nope.tfstate")]) == 1
    assert "cannot read" in capsys.readouterr().err


# ------------------------------------------------------------------------------------------ the command


def test_the_state_may_come_on_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(FIXTURE.read_text(encoding="utf-8")))
    assert main(["-"]) == 0
    out = capsys.readouterr().out
    assert out.count("configcat.SettingValueV2(") == 3
    assert "written by `python -m pulumi_configcat from-terraform standard input`" in out


@pytest.mark.parametrize(
    "command",
    [[sys.executable, "-m", "pulumi_configcat"], [str(Path(sys.executable).parent / "pulumi-configcat")]],
    ids=["python -m", "console script"],
)
def test_the_command_writes_the_program_to_standard_output(command: list[str]) -> None:
    done = subprocess.run(
        [*command, "from-terraform", str(FIXTURE)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    name = "pulumi-configcat" if command[0].endswith("pulumi-configcat") else "python -m pulumi_configcat"
    assert f"written by `{name} from-terraform terraform.tfstate`" in done.stdout
    assert done.stdout == read_terraform_state(
        FIXTURE.read_text(encoding="utf-8"), command=f"{name} from-terraform terraform.tfstate"
    )


def test_the_top_level_usage_names_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["--help"]) == 0
    assert "from-terraform" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        cli_main(["from-terraform", "--help"])
    assert exit_.value.code == 0
    assert "--output" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "the following arguments are required: state"),
        (["x.tfstate", "--output", ""], "must be a file path"),
        (["x.tfstate", "--output", "."], "is a folder"),
    ],
)
def test_bad_arguments_are_refused_in_one_line(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


def test_a_sensitive_id_of_an_entity_in_the_state_is_still_a_reference() -> None:
    tag = _resource(
        "configcat_tag",
        "t",
        {"id": "7", "product_id": P1, "name": "t", "color": "panther"},
        sensitive_attributes=[[{"type": "get_attr", "value": "product_id"}]],
    )
    mapped = _mapped(_state(_product("a", P1), tag))
    assert mapped["configcat_tag.t"].inputs["product_id"] == Ref("configcat_product.a")
    # Outside the program it is a value like any other: read from a secret.
    alone = _mapped(_state(tag))["configcat_tag.t"]
    assert alone.inputs["product_id"] == Secret("tProductId", "product_id of configcat_tag.t")
