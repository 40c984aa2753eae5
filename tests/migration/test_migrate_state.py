"""``migrate-state``: each pulumiverse type's state in this package's shape, the deployment around it, secrets,
and what is refused (with nothing written). The whole path under the real CLI is tests/cli/test_migrate_state.py.
"""

from __future__ import annotations

import base64
import copy
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dill  # type: ignore[import-untyped]
import pytest

import pulumi_configcat as configcat
from pulumi_configcat.migrate import RefusedError, migrate
from pulumi_configcat.migrate._convert import provider_blob
from pulumi_configcat.migrate._types import TYPES
from tests.harness import capture_registrations

SIG = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
ORG = "08df0000-0000-4000-8000-000000000001"
PRODUCT = "08df0000-0000-4000-8000-000000000002"
CONFIG = "08df0000-0000-4000-8000-000000000003"
ENV = "08df0000-0000-4000-8000-000000000004"
OTHER_ENV = "08df0000-0000-4000-8000-000000000005"
SEGMENT = "08df0000-0000-4000-8000-000000000006"
INTEGRATION = "08df0000-0000-4000-8000-000000000007"
PREFIX = "urn:pulumi:dev::shop::"
STACK_URN = PREFIX + "pulumi:pulumi:Stack::shop-dev"
PV_PROVIDER = PREFIX + "pulumi:providers:configcat::default_5_5_7"
PV_PROVIDER_ID = "0b5c1f52-54f4-4c5c-9a0e-3a59fe2b9e01"
META = '{"schema_version":"0"}'


@dataclass(frozen=True)
class Sealed:
    """A secret in an expected value: a plaintext secret holding ``value``."""

    value: Any


def opened_state(value: Any) -> Any:
    """A state value with each plaintext secret as :class:`Sealed` (ciphertexts left as they are)."""
    if isinstance(value, dict):
        if value.get(SIG) == SECRET_SIG and "plaintext" in value:
            return Sealed(json.loads(value["plaintext"]))
        return {key: opened_state(item) for key, item in value.items()}
    if isinstance(value, list):
        return [opened_state(item) for item in value]
    return value


def plaintext(value: Any) -> dict[str, str]:
    return {SIG: SECRET_SIG, "plaintext": json.dumps(value)}


def ciphertext(text: str) -> dict[str, str]:
    return {SIG: SECRET_SIG, "ciphertext": text}


def pv_resource(
    token: str, name: str, id_: str, inputs: dict[str, Any], outputs: dict[str, Any]
) -> dict[str, Any]:
    """A resource as pulumiverse's state holds it."""
    return {
        "urn": f"{PREFIX}{token}::{name}",
        "custom": True,
        "id": id_,
        "type": token,
        "inputs": inputs,
        "outputs": {"id": id_, **outputs},
        "parent": STACK_URN,
        "provider": f"{PV_PROVIDER}::{PV_PROVIDER_ID}",
        "propertyDependencies": {key: [] for key in inputs},
    }


def stack_export(*resources: dict[str, Any], provider: dict[str, Any] | None = None) -> dict[str, Any]:
    """An export holding the stack, pulumiverse's default provider and ``resources``."""
    default_provider = provider or {
        "urn": PV_PROVIDER,
        "custom": True,
        "id": PV_PROVIDER_ID,
        "type": "pulumi:providers:configcat",
        "inputs": {"basicAuthUsername": "user", "basicAuthPassword": ciphertext("v1:pw"), "version": "5.5.7"},
        "outputs": {
            "basicAuthUsername": "user",
            "basicAuthPassword": ciphertext("v1:pw"),
            "version": "5.5.7",
        },
    }
    return {
        "version": 3,
        "deployment": {
            "manifest": {"time": "2026-01-05T10:00:00Z", "magic": "", "version": "v3.274.1"},
            "secrets_providers": {"type": "passphrase", "state": {"salt": "v1:x"}},
            "resources": [
                {"urn": STACK_URN, "custom": False, "type": "pulumi:pulumi:Stack"},
                default_provider,
                *resources,
            ],
        },
    }


@dataclass(frozen=True)
class Case:
    """One pulumiverse resource and what it becomes (``__provider`` aside).

    Attributes:
        token: pulumiverse's type token.
        inputs: pulumiverse's inputs.
        outputs: pulumiverse's outputs (``id`` added).
        id_: The id.
        expected_inputs: The inputs in this package's shape.
        expected_outputs: The outputs in this package's shape.
        others: More pulumiverse resources in the same stack.
    """

    token: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    id_: str
    expected_inputs: dict[str, Any]
    expected_outputs: dict[str, Any]
    others: list[dict[str, Any]] = field(default_factory=list)


def one_resource_export(case: Case) -> dict[str, Any]:
    return stack_export(pv_resource(case.token, "it", case.id_, case.inputs, case.outputs), *case.others)


PV_PERMISSIONS = [
    "canManageMembers", "canCreateorupdateConfig", "canDeleteConfig", "canCreateorupdateEnvironment",
    "canDeleteEnvironment", "canCreateorupdateSetting", "canTagSetting", "canDeleteSetting",
    "canCreateorupdateTag", "canDeleteTag", "canManageWebhook", "canUseExportimport",
    "canManageProductPreferences", "canManageIntegrations", "canViewSdkkey", "canRotateSdkkey",
    "canCreateorupdateSegment", "canDeleteSegment", "canViewProductAuditlog", "canViewProductStatistics",
    "canDisable2fa",
]  # fmt: skip
CASES = [
    Case(
        "configcat:index/product:Product",
        {"organizationId": ORG, "name": "Shop", "order": 1},
        {"organizationId": ORG, "name": "Shop", "description": None, "order": 1, "__meta": META},
        PRODUCT,
        {"organization_id": ORG, "name": "Shop", "order": 1},
        {"organization_id": ORG, "name": "Shop", "order": 1},
    ),
    Case(
        "configcat:index/configuration:Configuration",
        {"productId": PRODUCT, "name": "it-1a2b3c4", "order": 0},
        {"productId": PRODUCT, "name": "it-1a2b3c4", "description": None, "order": 0, "evaluationVersion": "v1"},
        CONFIG,
        {'evaluation_version': 'v1',
         'name': 'it-1a2b3c4',
         'order': 0,
         'product_id': PRODUCT},
        {'evaluation_version': 'v1',
         'name': 'it-1a2b3c4',
         'order': 0,
         'product_id': PRODUCT},
    ),
    Case(
        "configcat:index/environment:Environment",
        {"productId": PRODUCT, "name": "Production", "color": "#E53935", "order": 2, "description": "live"},
        {"productId": PRODUCT, "name": "Production", "color": "#E53935", "order": 2, "description": "live"},
        ENV,
        {'color': '#E53935',
         'description': 'live',
         'name': 'Production',
         'order': 2,
         'product_id': PRODUCT},
        {'color': '#E53935',
         'description': 'live',
         'name': 'Production',
         'order': 2,
         'product_id': PRODUCT},
    ),
    Case(
        "configcat:index/tag:Tag",
        {"productId": PRODUCT, "name": "beta"},
        {"productId": PRODUCT, "name": "beta", "color": "panther"},
        "51000",
        {'color': 'panther', 'name': 'beta', 'product_id': PRODUCT},
        {'color': 'panther', 'name': 'beta', 'product_id': PRODUCT},
    ),
    Case(
        "configcat:index/segment:Segment",
        {"productId": PRODUCT, "name": "Staff", "comparisonAttribute": "Email", "comparator": "contains",
         "comparisonValue": "@acme.com"},
        {"productId": PRODUCT, "name": "Staff", "description": None, "comparisonAttribute": "Email",
         "comparator": "contains", "comparisonValue": "@acme.com"},
        SEGMENT,
        {'comparator': 'contains',
         'comparison_attribute': 'Email',
         'comparison_value': '@acme.com',
         'name': 'Staff',
         'product_id': PRODUCT},
        {'comparator': 'contains',
         'comparison_attribute': 'Email',
         'comparison_value': '@acme.com',
         'name': 'Staff',
         'product_id': PRODUCT},
    ),
    Case(
        "configcat:index/permissionGroup:PermissionGroup",
        {"productId": PRODUCT, "name": "Devs", "canManageWebhook": True, "environmentAccesses": {ENV: "full"}},
        {"productId": PRODUCT, "name": "Devs", "accesstype": "custom", "newEnvironmentAccesstype": "none",
         "environmentAccesses": {ENV: "full"},
         **{name: name == "canManageWebhook" for name in PV_PERMISSIONS}},
        "61000",
        {'accesstype': 'custom',
         'can_createorupdate_config': False,
         'can_createorupdate_environment': False,
         'can_createorupdate_segment': False,
         'can_createorupdate_setting': False,
         'can_createorupdate_tag': False,
         'can_delete_config': False,
         'can_delete_environment': False,
         'can_delete_segment': False,
         'can_delete_setting': False,
         'can_delete_tag': False,
         'can_disable2fa': False,
         'can_manage_integrations': False,
         'can_manage_members': False,
         'can_manage_product_preferences': False,
         'can_manage_webhook': True,
         'can_rotate_sdkkey': False,
         'can_tag_setting': False,
         'can_use_exportimport': False,
         'can_view_product_auditlog': False,
         'can_view_product_statistics': False,
         'can_view_sdkkey': False,
         'environment_accesses': {ENV: 'full'},
         'name': 'Devs',
         'new_environment_accesstype': 'none',
         'product_id': PRODUCT},
        {'accesstype': 'custom',
         'can_createorupdate_config': False,
         'can_createorupdate_environment': False,
         'can_createorupdate_segment': False,
         'can_createorupdate_setting': False,
         'can_createorupdate_tag': False,
         'can_delete_config': False,
         'can_delete_environment': False,
         'can_delete_segment': False,
         'can_delete_setting': False,
         'can_delete_tag': False,
         'can_disable2fa': False,
         'can_manage_integrations': False,
         'can_manage_members': False,
         'can_manage_product_preferences': False,
         'can_manage_webhook': True,
         'can_rotate_sdkkey': False,
         'can_tag_setting': False,
         'can_use_exportimport': False,
         'can_view_product_auditlog': False,
         'can_view_product_statistics': False,
         'can_view_sdkkey': False,
         'environment_accesses': {OTHER_ENV: 'none',
                                  ENV: 'full'},
         'name': 'Devs',
         'new_environment_accesstype': 'none',
         'product_id': PRODUCT},
        others=[pv_resource("configcat:index/environment:Environment", "other", OTHER_ENV,
                            {"productId": PRODUCT, "name": "Other", "order": 1},
                            {"productId": PRODUCT, "name": "Other", "order": 1, "color": None, "description": None})],
    ),
    Case(
        "configcat:index/productPreferences:ProductPreferences",
        {"productId": PRODUCT, "keyGenerationMode": "kebabCase", "reasonRequiredEnvironments": {ENV: True}},
        {"productId": PRODUCT, "keyGenerationMode": "kebabCase", "mandatorySettingHint": False,
         "showVariationId": False, "reasonRequired": False,
         "reasonRequiredEnvironments": {ENV: True, OTHER_ENV: False}},
        PRODUCT,
        {'key_generation_mode': 'kebabCase',
         'mandatory_setting_hint': False,
         'product_id': PRODUCT,
         'reason_required': False,
         'reason_required_environments': {ENV: True},
         'show_variation_id': False},
        {'key_generation_mode': 'kebabCase',
         'mandatory_setting_hint': False,
         'product_id': PRODUCT,
         'reason_required': False,
         'reason_required_environments': {ENV: True,
                                          OTHER_ENV: False},
         'show_variation_id': False},
    ),
    Case(
        "configcat:index/setting:Setting",
        {"configId": CONFIG, "key": "newCheckout", "name": "New checkout", "order": 1},
        {"configId": CONFIG, "key": "newCheckout", "name": "New checkout", "hint": None, "order": 1,
         "settingType": "boolean"},
        "240000",
        {'config_id': CONFIG,
         'is_json': False,
         'key': 'newCheckout',
         'name': 'New checkout',
         'order': 1,
         'setting_type': 'boolean'},
        {'config_id': CONFIG,
         'is_json': False,
         'key': 'newCheckout',
         'name': 'New checkout',
         'order': 1,
         'predefined_variations': [],
         'setting_type': 'boolean',
         'tags': ['51000']},
        others=[pv_resource("configcat:index/settingTag:SettingTag", "tagged", "240000:51000",
                            {"settingId": "240000", "tagId": "51000"},
                            {"settingId": "240000", "tagId": "51000"})],
    ),
    Case(
        "configcat:index/settingTag:SettingTag",
        {"settingId": "240000", "tagId": "51000"},
        {"settingId": "240000", "tagId": "51000", "__meta": META},
        "240000:51000",
        {'setting_id': '240000', 'tag_id': '51000'},
        {'setting_id': '240000', 'tag_id': '51000'},
    ),
    Case(
        "configcat:index/settingValue:SettingValue",
        {"environmentId": ENV, "settingId": "240000", "value": "true",
         "rolloutRules": [{"segmentComparator": "isIn", "segmentId": SEGMENT, "value": "false"}],
         "percentageItems": [{"percentage": "30", "value": "true"}, {"percentage": "70", "value": "false"}]},
        {"environmentId": ENV, "settingId": "240000", "value": "true", "settingType": "boolean",
         "initOnly": True, "mandatoryNotes": None,
         "rolloutRules": [{"comparisonAttribute": None, "comparator": None, "comparisonValue": None,
                           "segmentComparator": "isIn", "segmentId": SEGMENT, "value": "false"}],
         "percentageItems": [{"percentage": "30", "value": "true"}, {"percentage": "70", "value": "false"}]},
        f"{ENV}:240000",
        {'environment_id': ENV,
         'init_only': True,
         'percentage_items': [{'percentage': 30, 'value': 'true'}, {'percentage': 70, 'value': 'false'}],
         'rollout_rules': [{'segment_comparator': 'isIn',
                            'segment_id': SEGMENT,
                            'value': 'false'}],
         'setting_id': '240000',
         'value': 'true'},
        {'environment_id': ENV,
         'init_only': True,
         'percentage_items': [{'percentage': '30', 'value': 'true'},
                              {'percentage': '70', 'value': 'false'}],
         'rollout_rules': [{'segment_comparator': 'isIn',
                            'segment_id': SEGMENT,
                            'value': 'false'}],
         'setting_id': '240000',
         'setting_type': 'boolean',
         'value': 'true'},
    ),
    Case(
        "configcat:index/settingValueV2:SettingValueV2",
        {"environmentId": ENV, "settingId": "240001", "initOnly": False, "value": {"intValue": 5},
         "targetingRules": [
             {"conditions": [{"userCondition": {"comparisonAttribute": "Country", "comparator": "isOneOf",
                                                "comparisonValue": {"listValues": [{"value": "HU", "hint": "Hungary"}]}}}],
              "value": {"intValue": 7}},
             {"percentageOptions": [{"percentage": 40, "value": {"intValue": 1}},
                                    {"percentage": 60, "value": {"intValue": 2}}]},
         ]},
        {"environmentId": ENV, "settingId": "240001", "initOnly": False, "mandatoryNotes": None,
         "settingType": "int", "percentageEvaluationAttribute": None,
         "value": {"boolValue": None, "stringValue": None, "intValue": 5, "doubleValue": None},
         "targetingRules": [
             {"conditions": [{"userCondition": {"comparisonAttribute": "Country", "comparator": "isOneOf",
                                                "comparisonValue": {"stringValue": None, "doubleValue": None,
                                                                    "listValues": [{"value": "HU", "hint": "Hungary"}]}},
                              "segmentCondition": None, "prerequisiteFlagCondition": None}],
              "percentageOptions": None,
              "value": {"boolValue": None, "stringValue": None, "intValue": 7, "doubleValue": None}},
             {"conditions": None,
              "percentageOptions": [
                  {"percentage": 40, "value": {"boolValue": None, "stringValue": None, "intValue": 1, "doubleValue": None}},
                  {"percentage": 60, "value": {"boolValue": None, "stringValue": None, "intValue": 2, "doubleValue": None}}],
              "value": None},
         ]},
        f"{ENV}:240001",
        {'bypass_approval': False,
         'environment_id': ENV,
         'init_only': False,
         'setting_id': '240001',
         'targeting_rules': [{'conditions': [{'user_condition': {'comparison_attribute': 'Country',
                                                                 'comparator': 'isOneOf',
                                                                 'comparison_value': {'list_values': [{'value': 'HU',
                                                                                                       'hint': 'Hungary'}]}}}],
                              'percentage_options': [],
                              'value': {'int_value': 7}},
                             {'conditions': [],
                              'percentage_options': [{'percentage': 40, 'value': {'int_value': 1}},
                                                     {'percentage': 60, 'value': {'int_value': 2}}]}],
         'value': {'int_value': 5}},
        {'bypass_approval': False,
         'environment_id': ENV,
         'init_only': False,
         'setting_id': '240001',
         'setting_type': 'int',
         'targeting_rules': [{'conditions': [{'user_condition': {'comparison_attribute': 'Country',
                                                                 'comparator': 'isOneOf',
                                                                 'comparison_value': {'list_values': [{'value': 'HU',
                                                                                                       'hint': 'Hungary'}]}}}],
                              'value': {'int_value': 7}},
                             {'conditions': [],
                              'percentage_options': [{'percentage': 40, 'value': {'int_value': 1}},
                                                     {'percentage': 60, 'value': {'int_value': 2}}]}],
         'value': {'int_value': 5}},
    ),
    Case(
        "configcat:index/webhook:Webhook",
        {"configId": CONFIG, "environmentId": ENV, "url": "https://ci.acme.com/hook",
         "webhookHeaders": [{"key": "X-Source", "value": "configcat"}],
         "secureWebhookHeaders": [{"key": "Authorization", "value": plaintext("Bearer t0ken")}]},
        {"configId": CONFIG, "environmentId": ENV, "url": "https://ci.acme.com/hook", "httpMethod": "get",
         "content": None, "webhookHeaders": [{"key": "X-Source", "value": "configcat"}],
         "secureWebhookHeaders": [{"key": "Authorization", "value": plaintext("Bearer t0ken")}]},
        "3100",
        {'config_id': CONFIG,
         'environment_id': ENV,
         'http_method': 'get',
         'secure_webhook_headers': Sealed([{'key': 'Authorization', 'value': 'Bearer t0ken'}]),
         'url': 'https://ci.acme.com/hook',
         'webhook_headers': [{'key': 'X-Source', 'value': 'configcat'}]},
        {'config_id': CONFIG,
         'environment_id': ENV,
         'http_method': 'get',
         'secure_webhook_headers': Sealed([{'key': 'Authorization', 'value': 'Bearer t0ken'}]),
         'url': 'https://ci.acme.com/hook',
         'webhook_headers': [{'key': 'X-Source', 'value': 'configcat'}]},
    ),
    Case(
        "configcat:index/integration:Integration",
        {"productId": PRODUCT, "integrationType": "dataDog", "name": "Datadog",
         "parameters": {"apikey": "dd-key", "site": "Eu"}},
        {"productId": PRODUCT, "integrationType": "dataDog", "name": "Datadog",
         "parameters": {"apikey": "dd-key", "site": "Eu"}, "configs": [], "environments": []},
        INTEGRATION,
        {'configs': [],
         'environments': [],
         'integration_type': 'dataDog',
         'name': 'Datadog',
         'parameters': Sealed({'apikey': 'dd-key', 'site': 'Eu'}),
         'product_id': PRODUCT},
        {'configs': [],
         'environments': [],
         'integration_type': 'dataDog',
         'name': 'Datadog',
         'parameters': Sealed({'apikey': 'dd-key', 'site': 'Eu'}),
         'product_id': PRODUCT},
    ),
]  # fmt: skip


def _migrated(export: dict[str, Any], name: str = "it") -> dict[str, Any]:
    migration = migrate(export)
    (resource,) = [r for r in migration.export["deployment"]["resources"] if r["urn"].endswith(f"::{name}")]
    return resource


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.token.rsplit(":", 1)[-1])
def test_each_type_maps_to_this_packages_resource(case: Case) -> None:
    resource = _migrated(one_resource_export(case))
    kind = TYPES[case.token]
    blob = provider_blob(kind.resource._provider_class)
    assert resource["type"] == "pulumi-python:" + kind.resource._resource_type_name  # type: ignore[attr-defined]
    assert opened_state(resource["inputs"]) == {**case.expected_inputs, "__provider": blob}
    assert opened_state(resource["outputs"]) == {**case.expected_outputs, "__provider": blob}


def _program_of(case: Case) -> Any:
    """A program declaring this package's resource of the case's type, for the blob it registers."""
    cls = TYPES[case.token].resource
    args = {k: v for k, v in case.expected_inputs.items() if k != "bypass_approval"}
    args = {k: (v.value if isinstance(v, Sealed) else v) for k, v in args.items()}
    return lambda: cls("it", **args)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.token.rsplit(":", 1)[-1])
def test_the_provider_blob_is_the_one_the_resource_class_registers(case: Case) -> None:
    (registration,) = capture_registrations(_program_of(case))
    registered = registration.inputs["__provider"]
    assert provider_blob(TYPES[case.token].resource._provider_class) == registered
    assert type(dill.loads(base64.b64decode(registered))) is TYPES[case.token].resource._provider_class


def test_every_pulumiverse_resource_type_is_mapped() -> None:
    schema = json.loads((Path(__file__).parent / "pulumiverse_state_schema.json").read_text())
    assert set(TYPES) == set(schema["resources"])
    assert {case.token for case in CASES} == set(schema["resources"])
    assert {kind.resource.__name__ for kind in TYPES.values()} <= set(configcat.__all__)
