"""Settings, v1 and v2 values, SDK keys and webhooks."""

from __future__ import annotations

import re
from typing import Any

import pytest

from pulumi_configcat.testing import ConfigCatEmulator

from ._contract import schema_errors
from .conftest import Client

STRANGER = "08d86d63-2721-4da6-8c06-584521d516bc"


def _flag(
    client: Client, config_id: str, key: str, setting_type: str = "boolean", **extra: Any
) -> dict[str, Any]:
    body = {"key": key, "name": key, "settingType": setting_type} | extra
    created: dict[str, Any] = client.ok("POST", f"/v1/configs/{config_id}/settings", json=body)
    return created


def _v1(setting_id: int, env_id: str) -> str:
    return f"/v1/environments/{env_id}/settings/{setting_id}/value"


def _v2(setting_id: int, env_id: str) -> str:
    return f"/v2/environments/{env_id}/settings/{setting_id}/value"


@pytest.mark.parametrize("key", ["1abc", "_x", "has space", "dot.ted", "a" * 256, ""])
def test_setting_key_rule(client: Client, world: dict[str, Any], key: str) -> None:
    response = client.post(
        f"/v1/configs/{world['v1']}/settings", json={"key": key, "name": "n", "settingType": "boolean"}
    )
    assert response.status_code == 400
    assert "Key" in response.json()


def test_setting_keys_are_unique_per_config_case_insensitively(client: Client, world: dict[str, Any]) -> None:
    _flag(client, world["v1"], "myFlag")
    clash = client.post(
        f"/v1/configs/{world['v1']}/settings", json={"key": "MYFLAG", "name": "n", "settingType": "int"}
    )
    assert clash.json() == {"Key": ["This key is already in use. Please, choose another"]}
    _flag(client, world["v2"], "myFlag")
    same_name = _flag(client, world["v1"], "other", name="myFlag")
    assert same_name["name"] == "myFlag"


@pytest.mark.parametrize(
    ("setting_type", "default"), [("boolean", False), ("string", ""), ("int", 0), ("double", 0.0)]
)
def test_new_setting_gets_default_value_everywhere(
    client: Client, world: dict[str, Any], setting_type: str, default: Any
) -> None:
    flag = _flag(client, world["v1"], "f", setting_type)
    for env in (world["prod"], world["dev"]):
        assert client.ok("GET", _v1(flag["settingId"], env))["value"] == default
    v2 = _flag(client, world["v2"], "f", setting_type)
    field = {"boolean": "boolValue", "string": "stringValue", "int": "intValue", "double": "doubleValue"}[
        setting_type
    ]
    assert client.ok("GET", _v2(v2["settingId"], world["dev"]))["defaultValue"][field] == default


def test_initial_values_and_new_environment(client: Client, world: dict[str, Any]) -> None:
    flag = _flag(
        client, world["v1"], "f", "int", initialValues=[{"environmentId": world["prod"], "value": 5}]
    )
    assert client.ok("GET", _v1(flag["settingId"], world["prod"]))["value"] == 5
    assert client.ok("GET", _v1(flag["settingId"], world["dev"]))["value"] == 0
    bad = client.post(
        f"/v1/configs/{world['v1']}/settings",
        json={"key": "g", "name": "g", "settingType": "int", "initialValues": [{"value": 1.5}]},
    )
    assert "Invalid initial value" in bad.json()["InitialValues[0].Value"][0]
    env = client.ok("POST", f"/v1/products/{world['pid']}/environments", json={"name": "Staging"})
    assert client.ok("GET", _v1(flag["settingId"], env["environmentId"]))["value"] == 0


def test_setting_tags_patch_put_and_tag_delete(client: Client, world: dict[str, Any]) -> None:
    pid = world["pid"]
    a = client.ok("POST", f"/v1/products/{pid}/tags", json={"name": "a", "color": "whale"})["tagId"]
    b = client.ok("POST", f"/v1/products/{pid}/tags", json={"name": "b"})["tagId"]
    flag = _flag(client, world["v1"], "f", tags=[a], hint="h")
    sid = flag["settingId"]
    assert [(t["tagId"], t["name"], t["color"]) for t in flag["tags"]] == [(a, "a", "whale")]
    ops = [{"op": "add", "path": "/tags/-", "value": b}, {"op": "replace", "path": "/name", "value": "N"}]
    patched = client.ok("PATCH", f"/v1/settings/{sid}", json=ops)
    assert ([t["tagId"] for t in patched["tags"]], patched["name"], patched["hint"]) == ([a, b], "N", "h")
    assert [s["settingId"] for s in client.ok("GET", f"/v1/tags/{b}/settings")] == [sid]
    patched = client.ok("PATCH", f"/v1/settings/{sid}", json=[{"op": "remove", "path": "/tags/0"}])
    assert [t["tagId"] for t in patched["tags"]] == [b]
    # A tag id as a string of digits, as the Terraform provider sends it (so the real API takes it).
    patched = client.ok(
        "PATCH", f"/v1/settings/{sid}", json=[{"op": "add", "path": "/tags/-", "value": str(a)}]
    )
    assert [t["tagId"] for t in patched["tags"]] == [b, a]
    patched = client.ok("PATCH", f"/v1/settings/{sid}", json=[{"op": "remove", "path": "/tags/1"}])
    value = client.ok("GET", _v1(sid, world["prod"]))
    assert [t["tagId"] for t in value["settingTags"]] == [b]
    for bad_ops in (
        [{"op": "add", "path": "/tags/-", "value": 999}],
        [{"op": "remove", "path": "/tags/5"}],
        [{"op": "test", "path": "/name", "value": "other"}],
        [{"op": "replace", "path": "/key", "value": "k"}],
        [{"op": "replace", "path": "/name", "value": ""}],
        [{"op": "move", "path": "/name"}],
    ):
        assert client.patch(f"/v1/settings/{sid}", json=bad_ops).status_code == 400, bad_ops
    replaced = client.ok("PUT", f"/v1/settings/{sid}", json={"name": "R"})
    assert (replaced["name"], replaced["hint"], replaced["tags"], replaced["key"]) == ("R", None, [], "f")
    client.ok("PUT", f"/v1/settings/{sid}", json={"name": "R", "tags": [a]})
    client.ok("DELETE", f"/v1/tags/{a}")
    assert client.ok("GET", f"/v1/settings/{sid}")["tags"] == []


@pytest.mark.parametrize(
    ("setting_type", "good", "bad"),
    [("boolean", True, "true"), ("string", "on", 1), ("int", 3, 2.5), ("double", 2.5, "x")],
)
def test_v1_values_are_typed(
    client: Client, world: dict[str, Any], setting_type: str, good: Any, bad: Any
) -> None:
    sid = _flag(client, world["v1"], "f", setting_type)["settingId"]
    assert client.ok("PUT", _v1(sid, world["prod"]), json={"value": good})["value"] == good
    response = client.put(_v1(sid, world["prod"]), json={"value": bad})
    assert response.status_code == 400
    assert "Invalid setting value" in response.json()["Value"][0]


def test_v1_rules_and_percentages(client: Client, world: dict[str, Any]) -> None:
    sid = _flag(client, world["v1"], "f")["settingId"]
    url = _v1(sid, world["prod"])
    rule = {"comparisonAttribute": "Email", "comparator": "contains", "comparisonValue": "@x", "value": True}
    body = {
        "value": False,
        "rolloutRules": [rule],
        "rolloutPercentageItems": [{"percentage": 30, "value": True}, {"percentage": 70, "value": False}],
    }
    stored = client.ok("PUT", url, json=body)
    assert stored["rolloutRules"][0]["comparator"] == "contains"
    bad = client.put(url, json=body | {"rolloutRules": [rule | {"value": "yes"}]}).json()
    assert bad == {"RolloutRules[0].Value": ["Invalid term value."]}
    bad = client.put(url, json=body | {"rolloutPercentageItems": [{"percentage": 30, "value": 1}]}).json()
    assert bad["RolloutPercentageItems[0].Value"] == ["Invalid percentage option value."]
    assert "100" in bad["RolloutPercentageItems"][0]
    segment_rule = {"segmentComparator": "isIn", "segmentId": STRANGER, "value": True}
    assert client.put(url, json={"value": True, "rolloutRules": [segment_rule]}).status_code == 400
    replaced = client.ok("PUT", url, json={"value": True})
    assert (replaced["rolloutRules"], replaced["rolloutPercentageItems"]) == ([], [])


def test_v1_patch_and_batch(client: Client, world: dict[str, Any]) -> None:
    sid = _flag(client, world["v1"], "f", "string")["settingId"]
    url = _v1(sid, world["prod"])
    patched = client.ok("PATCH", url, json=[{"op": "replace", "path": "/value", "value": "hello"}])
    assert patched["value"] == "hello"
    assert client.patch(url, json=[{"op": "replace", "path": "/value", "value": 5}]).status_code == 400
    assert client.patch(url, json=[{"op": "remove", "path": "/rolloutRules/3"}]).status_code == 400
    assert client.patch(url, json={"op": "replace"}).status_code == 400
    values_url = f"/v1/configs/{world['v1']}/environments/{world['dev']}/values"
    result = client.ok("POST", values_url, json={"settingValues": [{"settingId": sid, "value": "x"}]})
    assert [v["value"] for v in result["settingValues"]] == ["x"]
    assert client.ok("GET", values_url)["settingValues"][0]["value"] == "x"
    assert (
        client.post(values_url, json={"settingValues": [{"settingId": 1, "value": "x"}]}).status_code == 400
    )


def test_version_mismatch(client: Client, world: dict[str, Any]) -> None:
    v1 = _flag(client, world["v1"], "f")["settingId"]
    v2 = _flag(client, world["v2"], "f")["settingId"]
    assert client.get(_v2(v1, world["prod"])).json() == {
        "": ["This endpoint can only be used with Config V2."]
    }
    assert client.get(_v1(v2, world["prod"])).json() == {
        "": ["This endpoint can only be used with Config V1."]
    }
    assert client.get(f"/v2/configs/{world['v1']}/environments/{world['prod']}/values").status_code == 400
    assert client.put(_v1(v2, world["prod"]), json={"value": True}).status_code == 400


def test_reason_required(client: Client, world: dict[str, Any]) -> None:
    v1 = _flag(client, world["v1"], "f")["settingId"]
    v2 = _flag(client, world["v2"], "f")["settingId"]
    prefs = {"reasonRequiredEnvironments": [{"environmentId": world["prod"], "reasonRequired": True}]}
    client.ok("POST", f"/v1/products/{world['pid']}/preferences", json=prefs)
    attempts = [
        ("PUT", _v1(v1, world["prod"]), {"value": True}),
        # The PATCHes change what the PUT before them wrote: a PATCH that changes nothing answers 204.
        ("PATCH", _v1(v1, world["prod"]), [{"op": "replace", "path": "/value", "value": False}]),
        ("POST", f"/v1/configs/{world['v1']}/environments/{world['prod']}/values", {"settingValues": []}),
        ("PUT", _v2(v2, world["prod"]), {"defaultValue": {"boolValue": True}}),
        (
            "PATCH",
            _v2(v2, world["prod"]),
            [{"op": "replace", "path": "/defaultValue/boolValue", "value": False}],
        ),
        ("POST", f"/v2/configs/{world['v2']}/environments/{world['prod']}/values", {"updateFormulas": []}),
    ]
    for method, url, body in attempts:
        refused = client.request(method, url, json=body)
        assert refused.status_code == 400, url
        assert "Reason required" in refused.json()[""][0]
        assert client.request(method, url + "?reason=%20", json=body).status_code == 400
        assert client.request(method, url + "?reason=why", json=body).status_code == 200
    assert client.put(_v1(v1, world["dev"]), json={"value": True}).status_code == 200
    client.ok("POST", f"/v1/products/{world['pid']}/preferences", json={"reasonRequired": True})
    assert client.put(_v1(v1, world["dev"]), json={"value": True}).status_code == 400


@pytest.mark.parametrize(
    ("setting_type", "good", "bad"),
    [
        ("boolean", {"boolValue": True}, {"stringValue": "true"}),
        ("string", {"stringValue": "s"}, {"stringValue": "s", "boolValue": True}),
        ("int", {"intValue": 4}, {"doubleValue": 4.5}),
        ("double", {"doubleValue": 4.5}, {}),
    ],
)
def test_v2_values_are_typed(
    client: Client, world: dict[str, Any], setting_type: str, good: dict[str, Any], bad: dict[str, Any]
) -> None:
    sid = _flag(client, world["v2"], "f", setting_type)["settingId"]
    url = _v2(sid, world["prod"])
    assert (
        client.ok("PUT", url, json={"defaultValue": good})["defaultValue"] | good
        == client.ok("GET", url)["defaultValue"]
    )
    response = client.put(url, json={"defaultValue": bad})
    assert "Invalid default value" in response.json()["DefaultValue"][0]
    assert client.put(url, json={"defaultValue": {"intValue": 1.5}}).status_code == 400


def test_v2_rules(client: Client, world: dict[str, Any]) -> None:
    sid = _flag(client, world["v2"], "f")["settingId"]
    url = _v2(sid, world["prod"])
    condition = {
        "userCondition": {
            "comparisonAttribute": "Email",
            "comparator": "sensitiveTextEquals",
            "comparisonValue": {"stringValue": "a@b"},
        }
    }
    rule = {"conditions": [condition], "value": {"boolValue": True}}
    body = {"defaultValue": {"boolValue": False}, "targetingRules": [rule]}
    first = client.ok("PUT", url, json=body)
    assert first["targetingRules"][0]["conditions"][0]["segmentCondition"] is None
    patched = client.ok(
        "PATCH", url, json=[{"op": "replace", "path": "/targetingRules/0/value/boolValue", "value": False}]
    )
    assert patched["targetingRules"][0]["value"]["boolValue"] is False
    assert patched["lastVersionId"] != first["lastVersionId"]
    stale = client.put(url + f"?latestVersionId={first['lastVersionId']}", json=body)
    assert stale.status_code == 409
    assert client.put(url + f"?latestVersionId={patched['lastVersionId']}", json=body).status_code == 200
    cases = [
        ({"conditions": [condition], "value": {"stringValue": "x"}}, "Invalid term value."),
        (
            {"conditions": [], "percentageOptions": [{"percentage": 100, "value": {"intValue": 1}}]},
            "Invalid percentage option value.",
        ),
        (
            {
                "conditions": [{"userCondition": condition["userCondition"] | {"comparator": "isOneOf"}}],
                "value": {"boolValue": True},
            },
            "ListValue field must be set",
        ),
        (
            {
                "conditions": [{"userCondition": condition["userCondition"] | {"comparator": "numberLess"}}],
                "value": {"boolValue": True},
            },
            "DoubleValue field must be set",
        ),
        (
            {
                "conditions": [{"segmentCondition": {"segmentId": STRANGER, "comparator": "isIn"}}],
                "value": {"boolValue": True},
            },
            "Segment not found.",
        ),
        (
            {
                "conditions": [condition],
                "percentageOptions": [{"percentage": 40, "value": {"boolValue": True}}],
            },
            "100",
        ),
    ]
    for bad_rule, text in cases:
        response = client.put(url, json={"defaultValue": {"boolValue": False}, "targetingRules": [bad_rule]})
        assert response.status_code == 400
        assert any(text in m for messages in response.json().values() for m in messages), (
            text,
            response.json(),
        )
    bad_patch = [{"op": "replace", "path": "/defaultValue/boolValue", "value": "no"}]
    assert client.patch(url, json=bad_patch).status_code == 400


def test_prerequisites(client: Client, world: dict[str, Any]) -> None:
    main = _flag(client, world["v2"], "MainSettingV2")["settingId"]
    dep = _flag(client, world["v2"], "BoolDependencySettingV2")["settingId"]
    text = _flag(client, world["v2"], "TextSetting", "string")["settingId"]
    other_config = _flag(client, world["v1"], "elsewhere")["settingId"]

    def on(prerequisite: int, value: dict[str, Any]) -> dict[str, Any]:
        condition = {
            "prerequisiteFlagCondition": {
                "prerequisiteSettingId": prerequisite,
                "comparator": "equals",
                "prerequisiteComparisonValue": value,
            }
        }
        return {
            "defaultValue": {"boolValue": False},
            "targetingRules": [{"conditions": [condition], "value": {"boolValue": True}}],
        }

    env = world["prod"]
    client.ok("PUT", _v2(main, env), json=on(dep, {"boolValue": True}))
    assert client.ok("GET", _v2(dep, env))["settingIdsWherePrerequisite"] == [main]
    assert client.ok("GET", _v2(dep, world["dev"]))["settingIdsWherePrerequisite"] == []
    cycle = client.put(_v2(dep, env), json=on(main, {"boolValue": True})).json()
    assert cycle == {"": ["Circular dependency detected. MainSettingV2 ➔ BoolDependencySettingV2"]}
    assert client.put(_v2(dep, env), json=on(text, {"boolValue": True})).json()[
        "TargetingRules[0].Conditions[0].PrerequisiteFlagCondition.PrerequisiteComparisonValue"
    ] == ["Invalid prerequisite value."]
    for missing in (12345678, other_config):
        body = client.put(_v2(dep, env), json=on(missing, {"boolValue": True})).json()
        assert "Prerequisite setting not found." in next(iter(body.values()))
    refused = client.delete(f"/v1/settings/{dep}")
    assert refused.status_code == 400
    assert "MainSettingV2" in refused.json()[""][0]
    client.ok("PUT", _v2(main, env), json={"defaultValue": {"boolValue": True}})
    assert client.delete(f"/v1/settings/{dep}").status_code == 204


def test_v2_batch_values(client: Client, world: dict[str, Any]) -> None:
    sid = _flag(client, world["v2"], "f", "int")["settingId"]
    url = f"/v2/configs/{world['v2']}/environments/{world['prod']}/values"
    result = client.ok(
        "POST", url, json={"updateFormulas": [{"settingId": sid, "defaultValue": {"intValue": 9}}]}
    )
    assert result["settingFormulas"][0]["defaultValue"]["intValue"] == 9
    bad = client.post(url, json={"updateFormulas": [{"settingId": sid, "defaultValue": {"boolValue": True}}]})
    assert "UpdateFormulas[0].DefaultValue" in bad.json()


def test_approval_required_needs_bypass(client: Client, world: dict[str, Any]) -> None:
    sid = _flag(client, world["v2"], "f")["settingId"]
    client.ok("POST", f"/v1/products/{world['pid']}/preferences", json={"approveRequired": True})
    body = {"defaultValue": {"boolValue": True}}
    assert client.put(_v2(sid, world["prod"]), json=body).json() == {"": ["Approval required."]}
    assert client.put(_v2(sid, world["prod"]) + "?bypassApproval=true", json=body).status_code == 200


def test_config_and_environment_delete_cascade(
    emu: ConfigCatEmulator, client: Client, world: dict[str, Any]
) -> None:
    sid = _flag(client, world["v1"], "f")["settingId"]
    keep = _flag(client, world["v2"], "g")["settingId"]
    client.ok(
        "POST",
        f"/v1/configs/{world['v1']}/environments/{world['prod']}/webhooks",
        json={"url": "https://x.test/h"},
    )
    client.ok("GET", f"/v1/configs/{world['v1']}/environments/{world['prod']}")
    client.ok("DELETE", f"/v1/configs/{world['v1']}")
    state = emu.state()
    assert sid not in state["settings"]
    assert sid not in state["values"]
    assert (state["webhooks"], state["sdkKeys"]) == ({}, {})
    assert client.get(f"/v1/settings/{sid}").status_code == 404
    client.ok("DELETE", f"/v1/environments/{world['dev']}")
    assert set(emu.state()["values"][keep]) == {world["prod"]}
    assert client.get(_v2(keep, world["dev"])).status_code == 404


def test_sdk_keys(client: Client, world: dict[str, Any], product: dict[str, Any]) -> None:
    url = f"/v1/configs/{world['v1']}/environments/{world['prod']}"
    keys = client.ok("GET", url)
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}/[A-Za-z0-9_-]{22}", keys["primary"])
    assert client.ok("GET", url) == keys
    assert client.ok("GET", f"/v1/configs/{world['v1']}/environments/{world['dev']}") != keys
    assert client.get(f"/v1/configs/{world['v1']}/environments/{STRANGER}").status_code == 404
    other = client.ok(
        "POST", f"/v1/organizations/{client.emu.organization_id}/products", json={"name": "Other"}
    )
    other_env = client.ok("POST", f"/v1/products/{other['productId']}/environments", json={"name": "E"})
    assert (
        client.get(f"/v1/configs/{world['v1']}/environments/{other_env['environmentId']}").status_code == 404
    )


def test_webhooks(emu: ConfigCatEmulator, client: Client, world: dict[str, Any]) -> None:
    url = f"/v1/configs/{world['v1']}/environments/{world['prod']}/webhooks"
    headers = [{"key": "X-Plain", "value": "p"}, {"key": "X-Secret", "value": "s3cret", "isSecure": True}]
    hook = client.ok("POST", url, json={"url": "https://example.com/hook", "webHookHeaders": headers})
    wid = hook["webhookId"]
    assert (hook["httpMethod"], hook["content"]) == ("get", None)
    shown = {h["key"]: (h["value"], h["isSecure"]) for h in hook["webHookHeaders"]}
    assert shown == {"X-Plain": ("p", False), "X-Secret": ("", True)}
    assert "s3cret" not in client.get(f"/v1/webhooks/{wid}").text
    assert emu.state()["webhooks"][wid]["webHookHeaders"][1]["value"] == "s3cret"
    keys = client.ok("GET", f"/v1/webhooks/{wid}/keys")
    assert re.fullmatch(r"configcat_whsk_[A-Za-z0-9+/=]{44}", keys["key1"])
    ops = [
        {"op": "replace", "path": "/content", "value": "body"},
        {"op": "add", "path": "/webHookHeaders/-", "value": {"key": "X-New", "value": "n"}},
    ]
    patched = client.ok("PATCH", f"/v1/webhooks/{wid}", json=ops)
    assert (patched["content"], len(patched["webHookHeaders"])) == ("body", 3)
    assert emu.state()["webhooks"][wid]["webHookHeaders"][1]["value"] == "s3cret"
    assert client.patch(
        f"/v1/webhooks/{wid}", json=[{"op": "replace", "path": "/url", "value": "asdasd"}]
    ).json() == {"Url": ["Url is invalid"]}
    replaced = client.ok(
        "PUT", f"/v1/webhooks/{wid}", json={"url": "https://example.com/2", "httpMethod": "post"}
    )
    assert (replaced["content"], replaced["webHookHeaders"], replaced["httpMethod"]) == (None, [], "post")
    assert client.post(url, json={"url": "asdasd"}).json() == {"Url": ["Url is invalid"]}
    assert [h["webhookId"] for h in client.ok("GET", f"/v1/products/{world['pid']}/webhooks")] == [wid]
    assert client.delete(f"/v1/webhooks/{wid}").status_code == 204
    assert client.get(f"/v1/webhooks/{wid}/keys").status_code == 404


def test_in_process_results_match_the_spec(emu: ConfigCatEmulator, world: dict[str, Any]) -> None:
    status, setting = emu.call(
        "POST", f"/v1/configs/{world['v2']}/settings", {"key": "k", "name": "k", "settingType": "double"}
    )
    assert status == 201
    assert schema_errors("SettingModel", setting) == []
    status, formula = emu.call("GET", _v2(setting["settingId"], world["prod"]))
    assert (status, schema_errors("SettingFormulaModel", formula)) == (200, [])
    status, _ = emu.call(
        "PUT", _v2(setting["settingId"], world["prod"]), {"defaultValue": {"doubleValue": 1}}, {"reason": "r"}
    )
    assert status == 200
    assert emu.state()["values"][setting["settingId"]][world["prod"]]["defaultValue"]["doubleValue"] == 1
