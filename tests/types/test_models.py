"""Parsing realistic response bodies and building request bodies."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from pulumi_configcat.types import (
    ConfigModel,
    CreateConfigRequest,
    CreateOrUpdateEnvironmentAccessModel,
    CreatePermissionGroupRequest,
    CreateProductRequest,
    CreateSettingInitialValues,
    InitialValue,
    JsonPatchOperation,
    PermissionGroupModel,
    ProductModel,
    SdkKeysModel,
    SettingFormulaModel,
    SettingModel,
    UpdateComparisonValueListModel,
    UpdateComparisonValueModel,
    UpdateConditionModel,
    UpdateEvaluationFormulaModel,
    UpdatePercentageOptionModel,
    UpdatePrerequisiteFlagConditionModel,
    UpdateProductRequest,
    UpdateSegmentConditionModel,
    UpdateSettingValueModel,
    UpdateTargetingRuleModel,
    UpdateUserConditionModel,
    UpdateValueModel,
    WebhookHeaderModel,
    WebHookRequestModel,
    WebhookResponseModel,
)

PRODUCT: dict[str, Any] = {
    "organization": {"organizationId": "08d8f29c-65fc-40d7-852e-4605da10d03c", "name": "Acme"},
    "productId": "08d86d63-2721-4da6-8c06-584521d516bc",
    "name": "Shop",
    "description": None,
    "order": 0,
    "reasonRequired": False,
    "approveRequired": True,
}

CONFIG: dict[str, Any] = {
    "product": PRODUCT,
    "configId": "08dc1bfa-b8b0-45f0-8127-fac0de7a37ac",
    "name": "Main",
    "description": "",
    "order": 1,
    "migratedConfigId": None,
    "evaluationVersion": "v2",
}

ENVIRONMENT: dict[str, Any] = {
    "product": PRODUCT,
    "environmentId": "08d86d63-2726-47cd-8bfc-59608ecb91e2",
    "name": "Production",
    "color": "#5c6bc0",
    "description": None,
    "order": 0,
    "reasonRequired": False,
    "approveRequired": False,
}

SETTING: dict[str, Any] = {
    "settingId": 1234,
    "key": "newCheckout",
    "name": "New checkout",
    "hint": None,
    "order": 3,
    "settingType": "boolean",
    "isJson": False,
    "configId": CONFIG["configId"],
    "configName": "Main",
    "createdAt": "2024-01-23T10:11:12.345+00:00",
    "tags": [{"product": PRODUCT, "tagId": 7, "name": "beta", "color": "panther"}],
    "predefinedVariations": [
        {
            "value": {"boolValue": True, "stringValue": None, "intValue": None, "doubleValue": None},
            "name": "On",
            "hint": None,
            "predefinedVariationId": "6f1c2a9e-0000-4000-8000-0000000000aa",
        }
    ],
}

SEGMENT_ID = "6f1c2a9e-0000-4000-8000-000000000001"


def _value(**served: Any) -> dict[str, Any]:
    value: dict[str, Any] = {
        "boolValue": None,
        "stringValue": None,
        "intValue": None,
        "doubleValue": None,
        "predefinedVariationId": None,
    }
    value.update(served)
    return value


FORMULA: dict[str, Any] = {
    "lastVersionId": "0a3bd1f5-0000-4000-8000-000000000002",
    "defaultValue": _value(boolValue=False),
    "targetingRules": [
        {
            "conditions": [
                {
                    "userCondition": {
                        "comparisonAttribute": "Email",
                        "comparator": "containsAnyOf",
                        "comparisonValue": {
                            "stringValue": None,
                            "doubleValue": None,
                            "listValue": [{"value": "@example.com", "hint": None}],
                        },
                    },
                    "segmentCondition": None,
                    "prerequisiteFlagCondition": None,
                },
                {
                    "userCondition": None,
                    "segmentCondition": {"segmentId": SEGMENT_ID, "comparator": "isIn"},
                    "prerequisiteFlagCondition": None,
                },
                {
                    "userCondition": None,
                    "segmentCondition": None,
                    "prerequisiteFlagCondition": {
                        "prerequisiteSettingId": 99,
                        "comparator": "doesNotEqual",
                        "prerequisiteComparisonValue": _value(boolValue=True),
                    },
                },
            ],
            "percentageOptions": [],
            "value": _value(boolValue=True),
        },
        {
            "conditions": [],
            "percentageOptions": [
                {"percentage": 30, "value": _value(boolValue=True)},
                {"percentage": 70, "value": _value(boolValue=False)},
            ],
            "value": None,
        },
    ],
    "setting": {
        "settingId": 1234,
        "key": "newCheckout",
        "name": "New checkout",
        "hint": None,
        "settingType": "boolean",
        "isJson": False,
        "order": 3,
        "createdAt": "2024-01-23T10:11:12.345+00:00",
        "creatorEmail": "ann@example.com",
        "creatorFullName": "Ann",
        "predefinedVariations": [],
        "isWatching": False,
    },
    "updatedAt": None,
    "percentageEvaluationAttribute": None,
    "lastUpdaterUserEmail": None,
    "lastUpdaterUserFullName": None,
    "integrationLinks": [],
    "settingTags": [{"settingTagId": 5, "tagId": 7, "name": "beta", "color": None}],
    "settingIdsWherePrerequisite": [],
    "changeRequestCount": 0,
    "config": CONFIG,
    "environment": ENVIRONMENT,
    "readOnly": False,
    "featureFlagLimitations": {
        "maxPercentageOptionCount": 100,
        "maxTargetingRuleCount": 100,
        "maxComparisonValueLength": 65535,
        "maxComparisonValueListLength": 1000,
        "maxComparisonValueListItemLength": 65535,
        "maxStringFlagValueLength": 65535,
        "maxConditionPerTargetingRuleCount": 10,
    },
    "approveRequired": False,
    "canBypassApproval": False,
    "reasonRequired": False,
}

WEBHOOK: dict[str, Any] = {
    "webhookId": 42,
    "url": "https://hooks.example.com/configcat",
    "httpMethod": "post",
    "content": '{"text": "##ConfigName## changed"}',
    "webHookHeaders": [
        {"key": "X-Plain", "value": "visible", "isSecure": False},
        # The server does not return a secure header's value.
        {"key": "Authorization", "isSecure": True},
    ],
    "config": {"name": "Main", "configId": CONFIG["configId"]},
    "environment": {"name": "Production", "environmentId": ENVIRONMENT["environmentId"]},
}

_FLAGS = [
    "canManageMembers",
    "canCreateOrUpdateConfig",
    "canDeleteConfig",
    "canCreateOrUpdateEnvironment",
    "canDeleteEnvironment",
    "canCreateOrUpdateSetting",
    "canTagSetting",
    "canDeleteSetting",
    "canCreateOrUpdateTag",
    "canDeleteTag",
    "canManageWebhook",
    "canUseExportImport",
    "canManageProductPreferences",
    "canManageIntegrations",
    "canViewSdkKey",
    "canRotateSdkKey",
    "canCreateOrUpdateSegments",
    "canDeleteSegments",
    "canViewProductAuditLog",
    "canViewProductStatistics",
    "canDisable2FA",
]

PERMISSION_GROUP: dict[str, Any] = {
    "permissionGroupId": 11,
    "name": "Developers",
    **{flag: flag != "canDisable2FA" for flag in _FLAGS},
    "accessType": "custom",
    "newEnvironmentAccessType": "readOnly",
    "environmentAccesses": [
        {
            "environmentId": ENVIRONMENT["environmentId"],
            "name": "Production",
            "color": None,
            "description": None,
            "order": 0,
            "reasonRequired": False,
            "approveRequired": False,
            "environmentAccessType": "full",
        }
    ],
    "product": PRODUCT,
    "approvalPermissionType": "cannotApprove",
    "newEnvironmentApprovalPermissionType": "cannotApprove",
    "environmentApprovalPermissions": [
        {
            "environmentId": ENVIRONMENT["environmentId"],
            "environmentApprovalPermissionType": "canApproveOthers",
        }
    ],
}


def _with_unknown_fields(body: dict[str, Any]) -> dict[str, Any]:
    """Returns a copy of body with a field the models do not know added at the top."""
    result = copy.deepcopy(body)
    result["addedByAFutureApiVersion"] = {"anything": [1, 2]}
    return result


@pytest.mark.parametrize(
    ("model", "body"),
    [
        (ProductModel, PRODUCT),
        (ConfigModel, CONFIG),
        (SettingModel, SETTING),
        (SettingFormulaModel, FORMULA),
        (PermissionGroupModel, PERMISSION_GROUP),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_a_complete_response_dumps_back_to_the_same_body(model: type[Any], body: dict[str, Any]) -> None:
    parsed = model.model_validate(_with_unknown_fields(body))
    assert parsed.to_wire() == body


def test_product_fields_are_snake_case_and_nested() -> None:
    product = ProductModel.model_validate(PRODUCT)
    assert product.product_id == PRODUCT["productId"]
    assert product.organization is not None
    assert product.organization.name == "Acme"
    assert product.description is None
    assert product.approve_required is True


def test_a_product_listed_without_its_organization_parses() -> None:
    body = {key: value for key, value in PRODUCT.items() if key != "organization"}
    assert ProductModel.model_validate(body).organization is None


def test_setting_keeps_tags_and_predefined_variations() -> None:
    setting = SettingModel.model_validate(SETTING)
    assert setting.setting_type == "boolean"
    assert [tag.tag_id for tag in setting.tags] == [7]
    assert setting.predefined_variations[0].value.bool_value is True


@pytest.mark.parametrize(
    ("model", "body", "field"),
    [
        (SettingModel, SETTING, "settingType"),
        (ConfigModel, CONFIG, "evaluationVersion"),
        (WebhookResponseModel, WEBHOOK, "httpMethod"),
        (PermissionGroupModel, PERMISSION_GROUP, "accessType"),
    ],
    ids=["settingType", "evaluationVersion", "httpMethod", "accessType"],
)
def test_responses_accept_enum_values_the_spec_does_not_list_yet(
    model: type[Any], body: dict[str, Any], field: str
) -> None:
    parsed = model.model_validate({**body, field: "addedLater"})
    assert parsed.to_wire()[field] == "addedLater"


def test_v2_formula_reads_every_condition_kind() -> None:
    formula = SettingFormulaModel.model_validate(FORMULA)
    first, second = formula.targeting_rules
    user, segment, prerequisite = (condition for condition in first.conditions)

    assert user.user_condition is not None
    assert user.user_condition.comparator == "containsAnyOf"
    assert user.user_condition.comparison_value.list_value is not None
    assert [item.value for item in user.user_condition.comparison_value.list_value] == ["@example.com"]
    assert user.segment_condition is None

    assert segment.segment_condition is not None
    assert segment.segment_condition.segment_id == SEGMENT_ID
    assert segment.segment_condition.comparator == "isIn"

    assert prerequisite.prerequisite_flag_condition is not None
    assert prerequisite.prerequisite_flag_condition.prerequisite_setting_id == 99
    assert prerequisite.prerequisite_flag_condition.prerequisite_comparison_value.bool_value is True

    assert second.value is None
    assert [option.percentage for option in second.percentage_options] == [30, 70]
    assert formula.setting_tags[0].color is None


def test_v2_value_fields_left_out_by_the_server_read_as_none() -> None:
    # The server leaves out the null members of value and condition wrappers.
    body = copy.deepcopy(FORMULA)
    body["defaultValue"] = {"intValue": 5}
    condition = {"segmentCondition": {"segmentId": SEGMENT_ID, "comparator": "isNotIn"}}
    body["targetingRules"] = [{"conditions": [condition], "percentageOptions": [], "value": {"intValue": 6}}]
    formula = SettingFormulaModel.model_validate(body)
    assert formula.default_value.int_value == 5
    assert formula.default_value.bool_value is None
    assert formula.targeting_rules[0].conditions[0].user_condition is None


def test_webhook_secure_header_without_value() -> None:
    webhook = WebhookResponseModel.model_validate(_with_unknown_fields(WEBHOOK))
    plain, secure = webhook.webhook_headers
    assert (plain.key, plain.value, plain.is_secure) == ("X-Plain", "visible", False)
    assert (secure.key, secure.value, secure.is_secure) == ("Authorization", None, True)
    assert webhook.config is not None
    assert webhook.config.config_id == CONFIG["configId"]


def test_webhook_with_null_headers_reads_as_no_headers() -> None:
    webhook = WebhookResponseModel.model_validate({**WEBHOOK, "webHookHeaders": None})
    assert webhook.webhook_headers == []


def test_permission_group_reads_the_2fa_flag_and_environment_permissions() -> None:
    group = PermissionGroupModel.model_validate(PERMISSION_GROUP)
    assert group.can_disable_2fa is False
    assert group.can_create_or_update_segments is True
    assert group.environment_accesses[0].environment_access_type == "full"
    assert (
        group.environment_approval_permissions[0].environment_approval_permission_type == "canApproveOthers"
    )


def test_sdk_keys_without_a_secondary_key() -> None:
    keys = SdkKeysModel.model_validate({"primary": "Y23YCCEnpk2MBlhFIdUWvA/k-nG8bhE10K41sa8C2rYOQ"})
    assert keys.secondary is None


def test_webhook_request_is_sent_in_camel_case() -> None:
    request = WebHookRequestModel(
        url="https://hooks.example.com/configcat",
        http_method="post",
        webhook_headers=[
            WebhookHeaderModel(key="X-Plain", value="visible", is_secure=False),
            WebhookHeaderModel(key="Authorization", value="Bearer s3cret", is_secure=True),
        ],
    )
    assert request.to_wire() == {
        "url": "https://hooks.example.com/configcat",
        "httpMethod": "post",
        "webHookHeaders": [
            {"key": "X-Plain", "value": "visible", "isSecure": False},
            {"key": "Authorization", "value": "Bearer s3cret", "isSecure": True},
        ],
    }


def test_permission_group_request_uses_the_irregular_wire_names() -> None:
    request = CreatePermissionGroupRequest(
        name="Developers",
        can_disable_2fa=True,
        can_create_or_update_segments=False,
        access_type="custom",
        environment_accesses=[
            CreateOrUpdateEnvironmentAccessModel(
                environment_id=ENVIRONMENT["environmentId"], environment_access_type="none"
            )
        ],
    )
    assert request.to_wire() == {
        "name": "Developers",
        "canDisable2FA": True,
        "canCreateOrUpdateSegments": False,
        "accessType": "custom",
        "environmentAccesses": [
            {"environmentId": ENVIRONMENT["environmentId"], "environmentAccessType": "none"}
        ],
    }


def test_v2_formula_request_with_every_condition_kind() -> None:
    request = UpdateEvaluationFormulaModel(
        default_value=UpdateValueModel(bool_value=False),
        targeting_rules=[
            UpdateTargetingRuleModel(
                conditions=[
                    UpdateConditionModel(
                        user_condition=UpdateUserConditionModel(
                            comparison_attribute="Email",
                            comparator="textEndsWithAnyOf",
                            comparison_value=UpdateComparisonValueModel(
                                list_value=[UpdateComparisonValueListModel(value="@example.com")]
                            ),
                        )
                    ),
                    UpdateConditionModel(
                        segment_condition=UpdateSegmentConditionModel(
                            segment_id=SEGMENT_ID, comparator="isIn"
                        )
                    ),
                    UpdateConditionModel(
                        prerequisite_flag_condition=UpdatePrerequisiteFlagConditionModel(
                            prerequisite_setting_id=99,
                            comparator="equals",
                            prerequisite_comparison_value=UpdateValueModel(bool_value=True),
                        )
                    ),
                ],
                value=UpdateValueModel(bool_value=True),
            ),
            UpdateTargetingRuleModel(
                percentage_options=[
                    UpdatePercentageOptionModel(percentage=100, value=UpdateValueModel(bool_value=True))
                ]
            ),
        ],
        percentage_evaluation_attribute=None,
    )
    assert request.to_wire() == {
        "defaultValue": {"boolValue": False},
        "targetingRules": [
            {
                "conditions": [
                    {
                        "userCondition": {
                            "comparisonAttribute": "Email",
                            "comparator": "textEndsWithAnyOf",
                            "comparisonValue": {"listValue": [{"value": "@example.com"}]},
                        }
                    },
                    {"segmentCondition": {"segmentId": SEGMENT_ID, "comparator": "isIn"}},
                    {
                        "prerequisiteFlagCondition": {
                            "prerequisiteSettingId": 99,
                            "comparator": "equals",
                            "prerequisiteComparisonValue": {"boolValue": True},
                        }
                    },
                ],
                "value": {"boolValue": True},
            },
            {"percentageOptions": [{"percentage": 100, "value": {"boolValue": True}}]},
        ],
        "percentageEvaluationAttribute": None,
    }


def test_to_wire_sends_only_what_was_set() -> None:
    assert UpdateProductRequest().to_wire() == {}
    assert UpdateProductRequest(name="Shop").to_wire() == {"name": "Shop"}
    # An explicit None is a deliberate null on the wire, unlike a field left out.
    assert UpdateProductRequest(description=None).to_wire() == {"description": None}


def test_to_wire_of_a_parsed_body_keeps_its_explicit_nulls() -> None:
    parsed = UpdateProductRequest.model_validate({"name": "Shop", "description": None})
    assert parsed.to_wire() == {"name": "Shop", "description": None}


def test_requests_can_be_built_from_wire_names() -> None:
    patch = JsonPatchOperation.model_validate({"op": "move", "path": "/name", "from": "/hint"})
    assert patch.from_ == "/hint"
    assert patch.to_wire() == {"op": "move", "path": "/name", "from": "/hint"}


def test_json_patch_value_may_be_any_json() -> None:
    patch = JsonPatchOperation(op="add", path="/tags/-", value={"tagId": 7})
    assert patch.to_wire() == {"op": "add", "path": "/tags/-", "value": {"tagId": 7}}


@pytest.mark.parametrize(
    ("value", "kind"),
    [(True, bool), (False, bool), (5, int), (0, int), (2.5, float), ("on", str), ("", str)],
)
def test_served_values_keep_their_json_type(value: bool | int | float | str, kind: type) -> None:
    body = UpdateSettingValueModel(value=value).to_wire()
    assert body == {"value": value}
    assert type(body["value"]) is kind


def test_create_setting_with_initial_values() -> None:
    request = CreateSettingInitialValues(
        key="newCheckout",
        name="New checkout",
        setting_type="int",
        tags=[7],
        initial_values=[InitialValue(environment_id=ENVIRONMENT["environmentId"], value=10)],
    )
    assert request.to_wire() == {
        "key": "newCheckout",
        "name": "New checkout",
        "settingType": "int",
        "tags": [7],
        "initialValues": [{"environmentId": ENVIRONMENT["environmentId"], "value": 10}],
    }


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda: CreateProductRequest(name=""), id="empty-product-name"),
        pytest.param(lambda: CreateProductRequest(name="x" * 1001), id="product-name-too-long"),
        pytest.param(lambda: WebhookHeaderModel(key="", value="v"), id="empty-header-key"),
        pytest.param(lambda: WebHookRequestModel(url="http:/"), id="webhook-url-too-short"),
        pytest.param(lambda: JsonPatchOperation(op="replace", path=""), id="empty-patch-path"),
        pytest.param(
            lambda: CreateConfigRequest.model_validate({"name": "c", "evaluationVersion": "v3"}),
            id="unknown-evaluation-version",
        ),
        pytest.param(
            lambda: CreateSettingInitialValues.model_validate(
                {"key": "k", "name": "n", "settingType": "json"}
            ),
            id="unknown-setting-type",
        ),
        pytest.param(
            lambda: CreateSettingInitialValues.model_validate({"key": "k", "name": "n"}), id="missing-type"
        ),
    ],
)
def test_requests_reject_what_the_spec_forbids(build: Any) -> None:
    with pytest.raises(ValidationError):
        build()


def test_request_limits_accept_the_boundary() -> None:
    assert CreateProductRequest(name="x" * 1000).name == "x" * 1000
    assert WebHookRequestModel(url="http://a").url == "http://a"
