"""``from-terraform``: shapes of states beyond the fixture (several products and organizations, modules,
values marked sensitive, other providers, OpenTofu, predefined variations)."""

from __future__ import annotations

import json
from typing import Any

from pulumi_configcat.export import Constant, Declaration, Ref, Secret
from pulumi_configcat.export._terraform import map_state
from pulumi_configcat.export._tfstate import parse_state
from pulumi_configcat.export.terraform import read_terraform_state
from tests.migration._states import ORG, P1, P2, product, resource, state


def _mapped(state_: dict[str, Any]) -> dict[str, Declaration]:
    program = map_state(parse_state(json.dumps(state_)), command="test")
    return {declaration.key: declaration for declaration in program.declarations}


def test_several_products_of_one_organization_share_its_constant() -> None:
    mapped = _mapped(state(product("a", P1), product("b", P2)))
    assert [d.inputs["organization_id"] for d in mapped.values()] == [Constant("organization_id")] * 2


def test_products_of_two_organizations_keep_their_ids() -> None:
    other = "08d86d63-0000-4000-8000-00000000000f"
    two = state(product("a", P1), product("b", P2, org=other))
    program = map_state(parse_state(json.dumps(two)), command="test")
    assert program.constants == {}
    assert [d.inputs["organization_id"] for d in program.declarations] == [ORG, other]


def test_an_entity_outside_the_state_is_named_by_its_id() -> None:
    tag = resource("configcat_tag", "t", {"id": "7", "product_id": P1, "name": "t", "color": "panther"})
    (declaration,) = _mapped(state(tag)).values()
    assert declaration.inputs == {"product_id": P1, "name": "t"}  # panther: the default, left out


def test_modules_and_count_indexes_name_the_resources() -> None:
    tag = resource("configcat_tag", "flag_tags", {"id": "7", "product_id": P1, "name": "t", "color": "koala"})
    tag["module"] = "module.flags"
    tag["instances"][0]["index_key"] = 0
    source = read_terraform_state(json.dumps(state(tag)))
    assert "# module.flags.configcat_tag.flag_tags[0]\n" in source
    assert '    "flags-flag-tags-0",\n' in source


def test_whatever_the_state_marks_sensitive_is_read_from_a_secret() -> None:
    hook = resource(
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
    source = read_terraform_state(json.dumps(state(hook)))
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
    source = read_terraform_state(json.dumps(state(product("a", P1), other)))
    assert "Not ConfigCat entities, so not declared here: random_string." in source
    assert source.count("configcat.Product(") == 1


def test_an_opentofu_state_maps_too() -> None:
    tofu = product("a", P1)
    tofu["provider"] = 'provider["registry.opentofu.org/configcat/configcat"]'
    assert list(_mapped(state(tofu))) == ["configcat_product.a"]


def test_predefined_variations_of_later_provider_versions_are_references() -> None:
    setting = resource(
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
    value = resource(
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
    mapped = _mapped(state(setting, value))
    assert mapped["configcat_setting.plan"].inputs["predefined_variations"] == [
        {"name": "Free", "value": {"string_value": "free"}},
        {"name": "Pro", "hint": "paid", "value": {"string_value": "pro"}},
    ]
    assert mapped["configcat_setting_value_v2.plan"].inputs["value"] == {
        "predefined_variation_id": Ref("configcat_setting.plan", variation=1)
    }


def test_a_sensitive_id_of_an_entity_in_the_state_is_still_a_reference() -> None:
    tag = resource(
        "configcat_tag",
        "t",
        {"id": "7", "product_id": P1, "name": "t", "color": "panther"},
        sensitive_attributes=[[{"type": "get_attr", "value": "product_id"}]],
    )
    mapped = _mapped(state(product("a", P1), tag))
    assert mapped["configcat_tag.t"].inputs["product_id"] == Ref("configcat_product.a")
    # Outside the program it is a value like any other: read from a secret.
    alone = _mapped(state(tag))["configcat_tag.t"]
    assert alone.inputs["product_id"] == Secret("tProductId", "product_id of configcat_tag.t")


def test_an_organization_id_marked_sensitive_stays_a_secret_beside_the_constant() -> None:
    marked = product("b", P2, sensitive_attributes=[[{"type": "get_attr", "value": "organization_id"}]])
    mapped = _mapped(state(product("a", P1), marked))
    assert mapped["configcat_product.a"].inputs["organization_id"] == Constant("organization_id")
    assert mapped["configcat_product.b"].inputs["organization_id"] == Secret(
        "bOrganizationId", "organization_id of configcat_product.b"
    )
