"""Conformance of the emulator to the spec, one row per operation the emulator must serve.

``ENDPOINTS`` names each required operation by its spec operationId, with a function that builds fresh
state through ``emu.call`` and returns a concrete path and a valid body. Every row is then sent over
real HTTP: with auth (documented success status and response schema), without auth (401), with an
unknown id of the right kind in each path parameter (404), and, for operations with a body, with
bodies derived from the request schema to break one rule each (400, state unchanged). Every answer
must carry the rate-limit headers.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from typing import Any, NamedTuple

import pytest
import requests

from pulumi_configcat.testing import ConfigCatEmulator

from ._contract import check_response, spec

Prepared = tuple[str, Any]


class Endpoint(NamedTuple):
    """One required operation: how the spec names it and how to call it successfully."""

    op_id: str
    method: str
    path: str
    prepare: Callable[[ConfigCatEmulator], Prepared]


# The operations the issue asks for, spelled as the spec's operationIds.
REQUIRED_OPERATIONS = frozenset(
    {
        "get-organizations",
        "get-me",
        "get-products",
        "create-product",
        "get-product",
        "update-product",
        "delete-product",
        "get-product-preferences",
        "update-product-preferences",
        "get-configs",
        "create-config",
        "get-config",
        "update-config",
        "delete-config",
        "get-environments",
        "create-environment",
        "get-environment",
        "update-environment",
        "delete-environment",
        "get-segments",
        "create-segment",
        "get-segment",
        "update-segment",
        "delete-segment",
        "get-tags",
        "create-tag",
        "get-tag",
        "update-tag",
        "delete-tag",
        "get-settings-by-tag",
        "get-permission-groups",
        "create-permission-group",
        "get-permission-group",
        "update-permission-group",
        "delete-permission-group",
        "get-settings",
        "create-setting",
        "get-setting",
        "replace-setting",
        "update-setting",
        "delete-setting",
        "get-predefined-variations",
        "update-predefined-variations",
        "get-setting-value",
        "get-setting-values",
        "replace-setting-value",
        "update-setting-value",
        "post-setting-values",
        "get-setting-value-v2",
        "get-setting-values-v2",
        "replace-setting-value-v2",
        "update-setting-value-v2",
        "post-setting-values-v2",
        "get-sdk-keys",
        "get-webhooks",
        "create-webhook",
        "get-webhook",
        "replace-webhook",
        "update-webhook",
        "delete-webhook",
        "get-webhook-signing-keys",
        "get-integrations",
        "create-integration",
        "get-integration",
        "update-integration",
        "delete-integration",
        "get-proxy-profiles",
        "create-proxy-profile",
        "get-proxy-profile",
        "replace-proxy-profile",
        "update-proxy-profile",
        "delete-proxy-profile",
        "get-proxy-profile-sdk-keys",
        "select-proxy-profile-sdk-keys",
        "deselect-proxy-profile-sdk-keys",
        "generate-proxy-profile-secret",
    }
)

# Unknown ids of each kind: a well-formed GUID nobody was given, and an int32 nobody was given.
UNKNOWN_GUID = "08d86d63-0000-4000-8000-00000000dead"
UNKNOWN_INT = "2147483647"
SEGMENT = {"name": "Beta", "comparisonAttribute": "Email", "comparator": "contains", "comparisonValue": "@x"}
DATADOG = {"integrationType": "dataDog", "parameters": {"apikey": "dd-key", "site": "Eu"}}

_names = itertools.count(1)


def _name(prefix: str) -> str:
    # Product, environment and segment names must be unique; the emulator is shared by the module.
    return f"{prefix}{next(_names)}"


# ---------------------------------------------------------------- state builders (in-process)


def _make(emu: ConfigCatEmulator, method: str, path: str, body: Any = None) -> Any:
    status, answer = emu.call(method, path, body)
    assert status in (200, 201), (method, path, status, answer)
    return answer


def _product(emu: ConfigCatEmulator) -> str:
    body = _make(emu, "POST", f"/v1/organizations/{emu.organization_id}/products", {"name": _name("P")})
    return str(body["productId"])


def _environment(emu: ConfigCatEmulator, pid: str) -> str:
    body = _make(emu, "POST", f"/v1/products/{pid}/environments", {"name": _name("E"), "color": "#aabbcc"})
    return str(body["environmentId"])


def _config(emu: ConfigCatEmulator, pid: str, version: str = "v1") -> str:
    body = _make(emu, "POST", f"/v1/products/{pid}/configs", {"name": "C", "evaluationVersion": version})
    return str(body["configId"])


def _tag(emu: ConfigCatEmulator, pid: str) -> int:
    body = _make(emu, "POST", f"/v1/products/{pid}/tags", {"name": _name("T"), "color": "panther"})
    return int(body["tagId"])


def _setting(emu: ConfigCatEmulator, cid: str, tags: list[int] | None = None) -> int:
    body = _make(
        emu,
        "POST",
        f"/v1/configs/{cid}/settings",
        {"key": _name("flag"), "name": "Flag", "settingType": "boolean", "tags": tags or []},
    )
    return int(body["settingId"])


def _webhook(emu: ConfigCatEmulator, cid: str, eid: str) -> int:
    body = _make(
        emu,
        "POST",
        f"/v1/configs/{cid}/environments/{eid}/webhooks",
        {
            "url": "https://example.com/hook",
            "httpMethod": "post",
            "content": "{}",
            "webHookHeaders": [{"key": "X-A", "value": "1"}, {"key": "X-S", "value": "s", "isSecure": True}],
        },
    )
    return int(body["webhookId"])


class _Flag(NamedTuple):
    pid: str
    cid: str
    eid: str
    sid: int


def _flag(emu: ConfigCatEmulator, version: str) -> _Flag:
    pid = _product(emu)
    eid = _environment(emu, pid)
    cid = _config(emu, pid, version)
    return _Flag(pid, cid, eid, _setting(emu, cid, [_tag(emu, pid)]))


def _product_with_everything(emu: ConfigCatEmulator) -> str:
    # Lists are only worth checking against their schema when they are not empty.
    flag = _flag(emu, "v1")
    _webhook(emu, flag.cid, flag.eid)
    _make(emu, "POST", f"/v1/products/{flag.pid}/segments", dict(SEGMENT, name=_name("S")))
    _make(emu, "POST", f"/v1/products/{flag.pid}/permissions", {"name": "Devs"})
    _make(emu, "POST", f"/v1/products/{flag.pid}/integrations", _integration_body(flag.cid, flag.eid))
    return flag.pid


# ---------------------------------------------------------------- preparers, one per row


def _org(emu: ConfigCatEmulator) -> Prepared:
    _product_with_everything(emu)
    return "/v1/organizations", None


def _me(emu: ConfigCatEmulator) -> Prepared:
    return "/v1/me", None


def _products(emu: ConfigCatEmulator) -> Prepared:
    _product_with_everything(emu)
    return "/v1/products", None


def _create_product(emu: ConfigCatEmulator) -> Prepared:
    return f"/v1/organizations/{emu.organization_id}/products", {"name": _name("New"), "description": "d"}


def _one_product(body: Any = None) -> Callable[[ConfigCatEmulator], Prepared]:
    def prepare(emu: ConfigCatEmulator) -> Prepared:
        return f"/v1/products/{_product(emu)}", copy.deepcopy(body)

    return prepare


def _preferences(body: Any = None) -> Callable[[ConfigCatEmulator], Prepared]:
    def prepare(emu: ConfigCatEmulator) -> Prepared:
        pid = _product(emu)
        _environment(emu, pid)
        return f"/v1/products/{pid}/preferences", copy.deepcopy(body)

    return prepare


def _product_child_list(kind: str, body: Any = None) -> Callable[[ConfigCatEmulator], Prepared]:
    def prepare(emu: ConfigCatEmulator) -> Prepared:
        return f"/v1/products/{_product_with_everything(emu)}/{kind}", copy.deepcopy(body)

    return prepare


def _create_segment(emu: ConfigCatEmulator) -> Prepared:
    return f"/v1/products/{_product(emu)}/segments", dict(SEGMENT, name=_name("S"))


def _create_environment(emu: ConfigCatEmulator) -> Prepared:
    return f"/v1/products/{_product(emu)}/environments", {"name": _name("E"), "color": "red"}


def _config_path(body: Any = None) -> Callable[[ConfigCatEmulator], Prepared]:
    def prepare(emu: ConfigCatEmulator) -> Prepared:
        return f"/v1/configs/{_config(emu, _product(emu))}", copy.deepcopy(body)

    return prepare


def _environment_path(body: Any = None) -> Callable[[ConfigCatEmulator], Prepared]:
    def prepare(emu: ConfigCatEmulator) -> Prepared:
        return f"/v1/environments/{_environment(emu, _product(emu))}", copy.deepcopy(body)

    return prepare


def _segment_path(body: Any = None) -> Callable[[ConfigCatEmulator], Prepared]:
    def prepare(emu: ConfigCatEmulator) -> Prepared:
        segment = _make(emu, "POST", f"/v1/products/{_product(emu)}/segments", dict(SEGMENT, name=_name("S")))
        return f"/v1/segments/{segment['segmentId']}", copy.deepcopy(body)

    return prepare


def _tag_path(suffix: str = "", body: Any = None) -> Callable[[ConfigCatEmulator], Prepared]:
    def prepare(emu: ConfigCatEmulator) -> Prepared:
        pid = _product(emu)
        tag = _tag(emu, pid)
        _setting(emu, _config(emu, pid), [tag])
        return f"/v1/tags/{tag}{suffix}", copy.deepcopy(body)

    return prepare


def _permission_path(body: Any = None) -> Callable[[ConfigCatEmulator], Prepared]:
    def prepare(emu: ConfigCatEmulator) -> Prepared:
        pid = _product(emu)
        _environment(emu, pid)
        group = _make(emu, "POST", f"/v1/products/{pid}/permissions", {"name": "Devs", "canViewSdkKey": True})
        return f"/v1/permissions/{group['permissionGroupId']}", copy.deepcopy(body)

    return prepare


def _settings_of_config(body: Any = None) -> Callable[[ConfigCatEmulator], Prepared]:
    def prepare(emu: ConfigCatEmulator) -> Prepared:
        flag = _flag(emu, "v1")
        return f"/v1/configs/{flag.cid}/settings", copy.deepcopy(body)

    return prepare


def _create_setting(emu: ConfigCatEmulator) -> Prepared:
    flag = _flag(emu, "v1")
    return f"/v1/configs/{flag.cid}/settings", {
        "key": _name("newFlag"),
        "name": "New flag",
        "settingType": "boolean",
        "initialValues": [{"environmentId": flag.eid, "value": True}],
    }


def _setting_path(body: Any = None) -> Callable[[ConfigCatEmulator], Prepared]:
    def prepare(emu: ConfigCatEmulator) -> Prepared:
        return f"/v1/settings/{_flag(emu, 'v1').sid}", copy.deepcopy(body)

    return prepare


def _variations_path(body: Any = None) -> Callable[[ConfigCatEmulator], Prepared]:
    def prepare(emu: ConfigCatEmulator) -> Prepared:
        return f"/v1/settings/{_flag(emu, 'v2').sid}/predefined-variations", copy.deepcopy(body)

    return prepare


def _value(version: str, body: Any = None) -> Callable[[ConfigCatEmulator], Prepared]:
    def prepare(emu: ConfigCatEmulator) -> Prepared:
        flag = _flag(emu, version)
        return f"/{version}/environments/{flag.eid}/settings/{flag.sid}/value", copy.deepcopy(body)

    return prepare


def _values(
    version: str, body: Callable[[int], Any] | None = None
) -> Callable[[ConfigCatEmulator], Prepared]:
    def prepare(emu: ConfigCatEmulator) -> Prepared:
        flag = _flag(emu, version)
        path = f"/{version}/configs/{flag.cid}/environments/{flag.eid}/values"
        return path, None if body is None else body(flag.sid)

    return prepare


def _sdk_keys(emu: ConfigCatEmulator) -> Prepared:
    flag = _flag(emu, "v1")
    return f"/v1/configs/{flag.cid}/environments/{flag.eid}", None


def _create_webhook(emu: ConfigCatEmulator) -> Prepared:
    flag = _flag(emu, "v1")
    return f"/v1/configs/{flag.cid}/environments/{flag.eid}/webhooks", {
        "url": "https://example.com/new",
        "httpMethod": "get",
        "webHookHeaders": [{"key": "X-Token", "value": "t", "isSecure": True}],
    }


def _webhook_path(suffix: str = "", body: Any = None) -> Callable[[ConfigCatEmulator], Prepared]:
    def prepare(emu: ConfigCatEmulator) -> Prepared:
        flag = _flag(emu, "v1")
        return f"/v1/webhooks/{_webhook(emu, flag.cid, flag.eid)}{suffix}", copy.deepcopy(body)

    return prepare


def _integration_body(cid: str, eid: str) -> dict[str, Any]:
    return dict(DATADOG, name=_name("I"), configIds=[cid], environmentIds=[eid])


def _create_integration(emu: ConfigCatEmulator) -> Prepared:
    flag = _flag(emu, "v1")
    return f"/v1/products/{flag.pid}/integrations", _integration_body(flag.cid, flag.eid)


def _integration_path(update: bool = False) -> Callable[[ConfigCatEmulator], Prepared]:
    def prepare(emu: ConfigCatEmulator) -> Prepared:
        flag = _flag(emu, "v1")
        body = _integration_body(flag.cid, flag.eid)
        integration = _make(emu, "POST", f"/v1/products/{flag.pid}/integrations", body)
        path = f"/v1/integrations/{integration['integrationId']}"
        if not update:
            return path, None
        changed = {"name": _name("Renamed"), "parameters": {"apikey": "rotated"}, "environmentIds": []}
        return path, {**{k: v for k, v in body.items() if k != "integrationType"}, **changed}

    return prepare


PROXY_PROFILE = {
    "name": "edge",
    "description": "d",
    "connectionPreferences": {
        "sdkPollInterval": 90,
        "webhookNotification": {"webhookProxyUrl": "https://p.example"},
    },
    "sdkKeySelectionRules": [{"kind": "include", "environmentNameMatchFilter": "*Prod*"}],
}


def _create_proxy_profile(emu: ConfigCatEmulator) -> Prepared:
    _product_with_everything(emu)
    return f"/v1/organizations/{emu.organization_id}/proxy-profiles", copy.deepcopy(PROXY_PROFILE)


def _proxy_profiles(emu: ConfigCatEmulator) -> Prepared:
    path, body = _create_proxy_profile(emu)
    _make(emu, "POST", path, dict(body, name=_name("Edge")))
    return path, None


def _proxy_profile_path(
    suffix: str = "", body: Any = None, *, selected: bool = False
) -> Callable[[ConfigCatEmulator], Prepared]:
    """A fresh profile (with rules, or with one explicitly selected pair) and ``suffix`` under it."""

    def prepare(emu: ConfigCatEmulator) -> Prepared:
        flag = _flag(emu, "v2")
        created = dict(PROXY_PROFILE, name=_name("Edge"))
        if selected:
            created["sdkKeySelectionRules"] = []
        profile = _make(emu, "POST", f"/v1/organizations/{emu.organization_id}/proxy-profiles", created)
        path = f"/v1/proxy-profiles/{profile['proxyProfileId']}"
        pair = {"items": [{"configId": flag.cid, "environmentId": flag.eid}]}
        if selected:
            _make(emu, "POST", f"{path}/sdk-keys/select", pair)
        return path + suffix, copy.deepcopy(pair if body == "pair" else body)

    return prepare


def _replace(path: str, value: Any) -> list[dict[str, Any]]:
    return [{"op": "replace", "path": path, "value": value}]


V1_VALUE = {"value": True, "rolloutRules": [], "rolloutPercentageItems": []}
V2_VALUE = {"defaultValue": {"boolValue": True}, "targetingRules": []}
WEBHOOK = {"url": "https://example.com/replaced", "httpMethod": "post", "content": "x", "webHookHeaders": []}

ENDPOINTS: list[Endpoint] = [
    Endpoint(
        "get-proxy-profiles", "GET", "/v1/organizations/{organizationId}/proxy-profiles", _proxy_profiles
    ),
    Endpoint(
        "create-proxy-profile",
        "POST",
        "/v1/organizations/{organizationId}/proxy-profiles",
        _create_proxy_profile,
    ),
    Endpoint("get-proxy-profile", "GET", "/v1/proxy-profiles/{proxyProfileId}", _proxy_profile_path()),
    Endpoint(
        "replace-proxy-profile",
        "PUT",
        "/v1/proxy-profiles/{proxyProfileId}",
        _proxy_profile_path(body=dict(PROXY_PROFILE, name="Replaced", description="r")),
    ),
    Endpoint(
        "update-proxy-profile",
        "PATCH",
        "/v1/proxy-profiles/{proxyProfileId}",
        _proxy_profile_path(body=_replace("/connectionPreferences/sdkPollInterval", 120)),
    ),
    Endpoint("delete-proxy-profile", "DELETE", "/v1/proxy-profiles/{proxyProfileId}", _proxy_profile_path()),
    Endpoint(
        "get-proxy-profile-sdk-keys",
        "GET",
        "/v1/proxy-profiles/{proxyProfileId}/sdk-keys",
        _proxy_profile_path("/sdk-keys", selected=True),
    ),
    Endpoint(
        "select-proxy-profile-sdk-keys",
        "POST",
        "/v1/proxy-profiles/{proxyProfileId}/sdk-keys/select",
        _proxy_profile_path("/sdk-keys/select", "pair", selected=True),
    ),
    Endpoint(
        "deselect-proxy-profile-sdk-keys",
        "POST",
        "/v1/proxy-profiles/{proxyProfileId}/sdk-keys/deselect",
        _proxy_profile_path("/sdk-keys/deselect", "pair", selected=True),
    ),
    Endpoint(
        "generate-proxy-profile-secret",
        "POST",
        "/v1/proxy-profiles/{proxyProfileId}/secret",
        _proxy_profile_path("/secret"),
    ),
    Endpoint("get-organizations", "GET", "/v1/organizations", _org),
    Endpoint("get-me", "GET", "/v1/me", _me),
    Endpoint("get-products", "GET", "/v1/products", _products),
    Endpoint("create-product", "POST", "/v1/organizations/{organizationId}/products", _create_product),
    Endpoint("get-product", "GET", "/v1/products/{productId}", _one_product()),
    Endpoint(
        "update-product", "PUT", "/v1/products/{productId}", _one_product({"description": "new", "order": 3})
    ),
    Endpoint("delete-product", "DELETE", "/v1/products/{productId}", _one_product()),
    Endpoint("get-product-preferences", "GET", "/v1/products/{productId}/preferences", _preferences()),
    Endpoint(
        "update-product-preferences",
        "POST",
        "/v1/products/{productId}/preferences",
        _preferences({"keyGenerationMode": "kebabCase", "reasonRequired": True}),
    ),
    Endpoint("get-configs", "GET", "/v1/products/{productId}/configs", _product_child_list("configs")),
    Endpoint(
        "create-config",
        "POST",
        "/v1/products/{productId}/configs",
        _product_child_list("configs", {"name": "Main", "evaluationVersion": "v2"}),
    ),
    Endpoint("get-config", "GET", "/v1/configs/{configId}", _config_path()),
    Endpoint("update-config", "PUT", "/v1/configs/{configId}", _config_path({"name": "Renamed"})),
    Endpoint("delete-config", "DELETE", "/v1/configs/{configId}", _config_path()),
    Endpoint(
        "get-environments",
        "GET",
        "/v1/products/{productId}/environments",
        _product_child_list("environments"),
    ),
    Endpoint("create-environment", "POST", "/v1/products/{productId}/environments", _create_environment),
    Endpoint("get-environment", "GET", "/v1/environments/{environmentId}", _environment_path()),
    Endpoint(
        "update-environment", "PUT", "/v1/environments/{environmentId}", _environment_path({"color": "blue"})
    ),
    Endpoint("delete-environment", "DELETE", "/v1/environments/{environmentId}", _environment_path()),
    Endpoint("get-segments", "GET", "/v1/products/{productId}/segments", _product_child_list("segments")),
    Endpoint("create-segment", "POST", "/v1/products/{productId}/segments", _create_segment),
    Endpoint("get-segment", "GET", "/v1/segments/{segmentId}", _segment_path()),
    Endpoint("update-segment", "PUT", "/v1/segments/{segmentId}", _segment_path({"comparator": "isOneOf"})),
    Endpoint("delete-segment", "DELETE", "/v1/segments/{segmentId}", _segment_path()),
    Endpoint("get-tags", "GET", "/v1/products/{productId}/tags", _product_child_list("tags")),
    Endpoint(
        "create-tag", "POST", "/v1/products/{productId}/tags", _product_child_list("tags", {"name": "new"})
    ),
    Endpoint("get-tag", "GET", "/v1/tags/{tagId}", _tag_path()),
    Endpoint("update-tag", "PUT", "/v1/tags/{tagId}", _tag_path(body={"color": "salmon"})),
    Endpoint("delete-tag", "DELETE", "/v1/tags/{tagId}", _tag_path()),
    Endpoint("get-settings-by-tag", "GET", "/v1/tags/{tagId}/settings", _tag_path("/settings")),
    Endpoint(
        "get-permission-groups",
        "GET",
        "/v1/products/{productId}/permissions",
        _product_child_list("permissions"),
    ),
    Endpoint(
        "create-permission-group",
        "POST",
        "/v1/products/{productId}/permissions",
        _product_child_list("permissions", {"name": "Ops", "accessType": "custom", "canViewSdkKey": True}),
    ),
    Endpoint("get-permission-group", "GET", "/v1/permissions/{permissionGroupId}", _permission_path()),
    Endpoint(
        "update-permission-group",
        "PUT",
        "/v1/permissions/{permissionGroupId}",
        _permission_path({"name": "Renamed", "canManageWebhook": True}),
    ),
    Endpoint("delete-permission-group", "DELETE", "/v1/permissions/{permissionGroupId}", _permission_path()),
    Endpoint("get-settings", "GET", "/v1/configs/{configId}/settings", _settings_of_config()),
    Endpoint("create-setting", "POST", "/v1/configs/{configId}/settings", _create_setting),
    Endpoint("get-setting", "GET", "/v1/settings/{settingId}", _setting_path()),
    Endpoint(
        "replace-setting", "PUT", "/v1/settings/{settingId}", _setting_path({"name": "Replaced", "hint": "h"})
    ),
    Endpoint(
        "update-setting", "PATCH", "/v1/settings/{settingId}", _setting_path(_replace("/name", "Patched"))
    ),
    Endpoint("delete-setting", "DELETE", "/v1/settings/{settingId}", _setting_path()),
    Endpoint(
        "get-predefined-variations",
        "GET",
        "/v1/settings/{settingId}/predefined-variations",
        _variations_path(),
    ),
    Endpoint(
        "update-predefined-variations",
        "PUT",
        "/v1/settings/{settingId}/predefined-variations",
        _variations_path({"predefinedVariations": [{"value": {"boolValue": True}, "name": "On"}]}),
    ),
    Endpoint(
        "get-setting-value",
        "GET",
        "/v1/environments/{environmentId}/settings/{settingId}/value",
        _value("v1"),
    ),
    Endpoint(
        "get-setting-values",
        "GET",
        "/v1/configs/{configId}/environments/{environmentId}/values",
        _values("v1"),
    ),
    Endpoint(
        "replace-setting-value",
        "PUT",
        "/v1/environments/{environmentId}/settings/{settingId}/value",
        _value("v1", V1_VALUE),
    ),
    Endpoint(
        "update-setting-value",
        "PATCH",
        "/v1/environments/{environmentId}/settings/{settingId}/value",
        _value("v1", _replace("/value", True)),
    ),
    Endpoint(
        "post-setting-values",
        "POST",
        "/v1/configs/{configId}/environments/{environmentId}/values",
        _values("v1", lambda sid: {"settingValues": [dict(V1_VALUE, settingId=sid)]}),
    ),
    Endpoint(
        "get-setting-value-v2",
        "GET",
        "/v2/environments/{environmentId}/settings/{settingId}/value",
        _value("v2"),
    ),
    Endpoint(
        "get-setting-values-v2",
        "GET",
        "/v2/configs/{configId}/environments/{environmentId}/values",
        _values("v2"),
    ),
    Endpoint(
        "replace-setting-value-v2",
        "PUT",
        "/v2/environments/{environmentId}/settings/{settingId}/value",
        _value("v2", V2_VALUE),
    ),
    Endpoint(
        "update-setting-value-v2",
        "PATCH",
        "/v2/environments/{environmentId}/settings/{settingId}/value",
        _value("v2", _replace("/defaultValue/boolValue", True)),
    ),
    Endpoint(
        "post-setting-values-v2",
        "POST",
        "/v2/configs/{configId}/environments/{environmentId}/values",
        _values("v2", lambda sid: {"updateFormulas": [dict(V2_VALUE, settingId=sid)]}),
    ),
    Endpoint("get-sdk-keys", "GET", "/v1/configs/{configId}/environments/{environmentId}", _sdk_keys),
    Endpoint("get-webhooks", "GET", "/v1/products/{productId}/webhooks", _product_child_list("webhooks")),
    Endpoint(
        "create-webhook",
        "POST",
        "/v1/configs/{configId}/environments/{environmentId}/webhooks",
        _create_webhook,
    ),
    Endpoint("get-webhook", "GET", "/v1/webhooks/{webhookId}", _webhook_path()),
    Endpoint("replace-webhook", "PUT", "/v1/webhooks/{webhookId}", _webhook_path(body=WEBHOOK)),
    Endpoint(
        "update-webhook",
        "PATCH",
        "/v1/webhooks/{webhookId}",
        _webhook_path(body=_replace("/url", "https://example.com/patched")),
    ),
    Endpoint("delete-webhook", "DELETE", "/v1/webhooks/{webhookId}", _webhook_path()),
    Endpoint("get-webhook-signing-keys", "GET", "/v1/webhooks/{webhookId}/keys", _webhook_path("/keys")),
    Endpoint(
        "get-integrations",
        "GET",
        "/v1/products/{productId}/integrations",
        _product_child_list("integrations"),
    ),
    Endpoint("create-integration", "POST", "/v1/products/{productId}/integrations", _create_integration),
    Endpoint("get-integration", "GET", "/v1/integrations/{integrationId}", _integration_path()),
    Endpoint("update-integration", "PUT", "/v1/integrations/{integrationId}", _integration_path(update=True)),
    Endpoint("delete-integration", "DELETE", "/v1/integrations/{integrationId}", _integration_path()),
]
BY_ID = {e.op_id: e for e in ENDPOINTS}


# ---------------------------------------------------------------- what the spec says


def _spec_operations() -> dict[str, tuple[str, str, dict[str, Any]]]:
    found: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for template, item in spec()["paths"].items():
        for method, op in item.items():
            if method in ("get", "post", "put", "patch", "delete") and "operationId" in op:
                found[op["operationId"]] = (method.upper(), template, op)
    return found


SPEC_OPS = _spec_operations()


def _operation(op_id: str) -> dict[str, Any]:
    return SPEC_OPS[op_id][2]


def _success_status(op_id: str) -> int:
    # update-setting-value(-v2) list 200 ("patch was successful") and 204 ("no change"); a real change is 200.
    return min(int(code) for code in _operation(op_id)["responses"] if code.startswith("2"))


def _path_params(op_id: str) -> dict[str, dict[str, Any]]:
    return {p["name"]: p["schema"] for p in _operation(op_id).get("parameters", []) if p["in"] == "path"}


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    # Follows $ref and the lone-allOf wrapper the spec uses for nullable enums, keeping sibling keys.
    while True:
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            rest = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**spec()["components"]["schemas"][name], **rest}
        elif isinstance(schema.get("allOf"), list) and len(schema["allOf"]) == 1:
            rest = {k: v for k, v in schema.items() if k != "allOf"}
            schema = {**schema["allOf"][0], **rest}
        else:
            return schema


def _request_schema(op_id: str) -> dict[str, Any] | None:
    body = _operation(op_id).get("requestBody")
    return None if body is None else _resolve(body["content"]["application/json"]["schema"])


# ---------------------------------------------------------------- bodies that break one rule each


class Invalid(NamedTuple):
    """A request body that breaks one rule of the request schema."""

    rule: str
    field: str
    body: Any


def _invalid_variants(schema: dict[str, Any], body: Any) -> list[Invalid]:
    """One variant per required field, enum, and string length bound the schema states for ``body``."""
    schema = _resolve(schema)
    if schema.get("type") == "array" and isinstance(body, list) and body:
        return [
            Invalid(v.rule, v.field, [v.body, *body[1:]]) for v in _invalid_variants(schema["items"], body[0])
        ]
    if not isinstance(body, dict) or "properties" not in schema:
        return []
    out: list[Invalid] = []
    for name in schema.get("required", []):
        if name in body:
            out.append(Invalid("missing", name, {k: v for k, v in body.items() if k != name}))
    for name, raw in schema["properties"].items():
        prop = _resolve(raw)
        if "enum" in prop:
            out.append(Invalid("enum", name, {**body, name: "bogusValue"}))
        if prop.get("type") == "string" and "maxLength" in prop:
            out.append(Invalid("too-long", name, {**body, name: "x" * (prop["maxLength"] + 1)}))
        if prop.get("type") == "string" and prop.get("minLength", 0) > 0:
            out.append(Invalid("too-short", name, {**body, name: "x" * (prop["minLength"] - 1)}))
        if prop.get("type") == "array" and isinstance(body.get(name), list):
            out.extend(
                Invalid(v.rule, v.field, {**body, name: v.body}) for v in _invalid_variants(prop, body[name])
            )
    return out


def _invalid_cases() -> list[tuple[str, Invalid]]:
    # An emulator that is never started: ``call`` needs no server, so collection opens no socket.
    scratch = ConfigCatEmulator(seed=3)
    cases: list[tuple[str, Invalid]] = []
    for endpoint in ENDPOINTS:
        schema = _request_schema(endpoint.op_id)
        if schema is not None:
            _, body = endpoint.prepare(scratch)
            cases.extend((endpoint.op_id, v) for v in _invalid_variants(schema, body))
    return cases


INVALID_CASES = _invalid_cases()


# ---------------------------------------------------------------- fixtures and checks


@pytest.fixture(scope="module")
def emu() -> Iterator[ConfigCatEmulator]:
    """One emulator for the module; every row builds its own fresh entities."""
    with ConfigCatEmulator(seed=11) as emulator:
        yield emulator


@pytest.fixture(scope="module")
def session(emu: ConfigCatEmulator) -> Iterator[requests.Session]:
    """An authenticated HTTP session."""
    with requests.Session() as s:
        s.auth = (emu.username, emu.password)
        yield s


@pytest.fixture(scope="module")
def anonymous() -> Iterator[requests.Session]:
    """An HTTP session without credentials."""
    with requests.Session() as s:
        yield s


def _send(
    session: requests.Session,
    emu: ConfigCatEmulator,
    method: str,
    path: str,
    body: Any,
    *,
    content_type: str = "application/json",
) -> requests.Response:
    sent_at = datetime.now(timezone.utc)
    kwargs: dict[str, Any] = {"timeout": 10}
    if body is not None:
        kwargs["data"] = json.dumps(body).encode()
        kwargs["headers"] = {"Content-Type": content_type}
    response = session.request(method, emu.base_url + path, **kwargs)
    _check_rate_limit_headers(response, sent_at)
    return response


_ISO_UTC = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d{1,7})?(Z|\+00:00)")


def _check_rate_limit_headers(response: requests.Response, sent_at: datetime) -> None:
    remaining = response.headers.get("X-Rate-Limit-Remaining")
    assert remaining is not None, "X-Rate-Limit-Remaining missing"
    assert re.fullmatch(r"\d+", remaining), remaining
    reset = response.headers.get("X-Rate-Limit-Reset")
    assert reset is not None, "X-Rate-Limit-Reset missing"
    match = _ISO_UTC.fullmatch(reset)
    assert match, f"X-Rate-Limit-Reset is not ISO-8601 UTC: {reset!r}"
    reset_at = datetime.strptime(match[1], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)
    # The window resets after the request was made; seconds are truncated in the parse above.
    assert reset_at >= sent_at.replace(microsecond=0) - timedelta(seconds=1), (reset, sent_at)


def _replace_param(template: str, path: str, name: str, value: str) -> str:
    parts = path.split("/")
    for i, segment in enumerate(template.split("/")):
        if segment == "{" + name + "}":
            parts[i] = value
    return "/".join(parts)


def _pointer(document: Any, pointer: str) -> Any:
    for token in pointer.split("/")[1:]:
        document = document[int(token)] if isinstance(document, list) else document[token]
    return document


def _check_written(body: Any, answer: Any) -> None:
    """The answer to a write shows what was sent: top-level scalars, or the targets of patch replaces."""
    if isinstance(body, dict):
        for key, value in body.items():
            if not isinstance(value, dict | list):
                assert answer[key] == value, (key, answer)
    elif isinstance(body, list):
        for operation in body:
            assert operation["op"] == "replace", "extend this check for other operations"
            assert _pointer(answer, operation["path"]) == operation["value"], (operation, answer)


def _unknown(schema: dict[str, Any]) -> str:
    return UNKNOWN_GUID if schema.get("format") == "uuid" else UNKNOWN_INT


# ---------------------------------------------------------------- the table against the spec


def test_table_matches_the_spec() -> None:
    table = {e.op_id: (e.method, e.path) for e in ENDPOINTS}
    assert len(table) == len(ENDPOINTS), "an operationId appears twice"
    assert set(table) == REQUIRED_OPERATIONS
    assert table == {op_id: SPEC_OPS[op_id][:2] for op_id in table}


def test_every_operation_with_a_body_has_invalid_cases() -> None:
    with_body = {e.op_id for e in ENDPOINTS if _request_schema(e.op_id) is not None}
    assert {op_id for op_id, _ in INVALID_CASES} == with_body
    assert {"missing", "enum", "too-long", "too-short"} <= {case.rule for _, case in INVALID_CASES}


# ---------------------------------------------------------------- per row


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.op_id for e in ENDPOINTS])
def test_success(endpoint: Endpoint, emu: ConfigCatEmulator, session: requests.Session) -> None:
    path, body = endpoint.prepare(emu)
    response = _send(session, emu, endpoint.method, path, body)
    assert response.status_code == _success_status(endpoint.op_id), response.text
    check_response(endpoint.method, path, response)
    if endpoint.method in ("POST", "PUT", "PATCH") and "values" not in path:
        _check_written(body, response.json())
    if endpoint.method == "DELETE":
        assert _send(session, emu, "GET", path, None).status_code == 404


MEDIA_CASES = [
    (e, media_type)
    for e in ENDPOINTS
    if "requestBody" in _operation(e.op_id)
    for media_type in _operation(e.op_id)["requestBody"]["content"]
    if media_type != "application/json"
]


@pytest.mark.parametrize(
    ("endpoint", "media_type"), MEDIA_CASES, ids=[f"{e.op_id}-{m}" for e, m in MEDIA_CASES]
)
def test_every_documented_request_media_type_is_accepted(
    endpoint: Endpoint, media_type: str, emu: ConfigCatEmulator, session: requests.Session
) -> None:
    path, body = endpoint.prepare(emu)
    # application/*+json stands for any JSON suffix type; JSON Patch is the natural one for a PATCH.
    suffix = "json-patch" if endpoint.method == "PATCH" else "vnd.example"
    response = _send(session, emu, endpoint.method, path, body, content_type=media_type.replace("*", suffix))
    assert response.status_code == _success_status(endpoint.op_id), response.text
    check_response(endpoint.method, path, response)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.op_id for e in ENDPOINTS])
def test_without_auth_is_401(endpoint: Endpoint, emu: ConfigCatEmulator, anonymous: requests.Session) -> None:
    path, body = endpoint.prepare(emu)
    before = emu.state()
    response = _send(anonymous, emu, endpoint.method, path, body)
    assert response.status_code == 401
    assert emu.state() == before


UNKNOWN_ID_CASES = [(e, name) for e in ENDPOINTS for name in _path_params(e.op_id)]


@pytest.mark.parametrize(
    ("endpoint", "param"), UNKNOWN_ID_CASES, ids=[f"{e.op_id}-{p}" for e, p in UNKNOWN_ID_CASES]
)
def test_unknown_id_is_404(
    endpoint: Endpoint, param: str, emu: ConfigCatEmulator, session: requests.Session
) -> None:
    path, body = endpoint.prepare(emu)
    path = _replace_param(endpoint.path, path, param, _unknown(_path_params(endpoint.op_id)[param]))
    before = emu.state()
    response = _send(session, emu, endpoint.method, path, body)
    assert response.status_code == 404, response.text
    assert emu.state() == before


@pytest.mark.parametrize(
    ("op_id", "case"),
    INVALID_CASES,
    ids=[f"{op_id}-{case.rule}-{case.field}" for op_id, case in INVALID_CASES],
)
def test_invalid_body_is_400(
    op_id: str, case: Invalid, emu: ConfigCatEmulator, session: requests.Session
) -> None:
    endpoint = BY_ID[op_id]
    path, valid = endpoint.prepare(emu)
    # The prepared body may carry fresh ids; rebuild the variant on it so only the broken rule differs.
    variants = [v for v in _invalid_variants(_request_schema(op_id) or {}, valid) if v[:2] == case[:2]]
    assert len(variants) == 1
    before = emu.state()
    response = _send(session, emu, endpoint.method, path, variants[0].body)
    assert response.status_code == 400, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    check_response(endpoint.method, path, response)
    errors = response.json()
    assert any(key.lower().endswith(case.field.lower()) for key in errors), errors
    assert emu.state() == before


# ---------------------------------------------------------------- known discrepancies


@pytest.mark.parametrize(
    ("op_id", "pointer"),
    [("update-setting-value", "/value"), ("update-setting-value-v2", "/defaultValue/boolValue")],
    ids=["v1", "v2"],
)
def test_value_patch_without_change_is_204(
    op_id: str, pointer: str, emu: ConfigCatEmulator, session: requests.Session
) -> None:
    path, _ = BY_ID[op_id].prepare(emu)
    status, current = emu.call("GET", path)
    assert status == 200
    before = emu.state()
    response = _send(session, emu, "PATCH", path, _replace(pointer, _pointer(current, pointer)))
    assert response.status_code == 204, response.text
    assert response.content == b""
    assert emu.state() == before


def test_401_sends_a_basic_challenge(emu: ConfigCatEmulator, anonymous: requests.Session) -> None:
    response = _send(anonymous, emu, "GET", "/v1/me", None)
    assert response.status_code == 401
    assert response.headers.get("WWW-Authenticate", "").lower().startswith("basic")
