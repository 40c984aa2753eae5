"""Serving the SDK config file: keys, the CDN route, ETags, odd requests and the rendering choices."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import pytest
import requests
from configcatclient.user import User

from pulumi_configcat.testing import ConfigCatEmulator

from ._sdkdata import sdk_client
from .conftest import Client

PART = r"[A-Za-z0-9_-]{22}"
FILE = "/configuration-files/{}/config_v6.json"


def _key(client: Client, config_id: str, env_id: str) -> str:
    key: str = client.ok("GET", f"/v1/configs/{config_id}/environments/{env_id}")["primary"]
    return key


def _flag(client: Client, config_id: str, key: str, setting_type: str = "boolean") -> int:
    body = {"key": key, "name": key, "settingType": setting_type}
    setting_id: int = client.ok("POST", f"/v1/configs/{config_id}/settings", json=body)["settingId"]
    return setting_id


def _v2(client: Client, env_id: str, setting_id: int, body: dict[str, Any]) -> requests.Response:
    return client.put(f"/v2/environments/{env_id}/settings/{setting_id}/value", json=body)


def _cdn(emu: ConfigCatEmulator, key: str, method: str = "GET", **headers: str) -> requests.Response:
    return requests.request(method, emu.base_url + FILE.format(key), headers=headers, timeout=10)


def _email_rule(comparator: str, *values: str) -> dict[str, Any]:
    listed = {"listValue": [{"value": v} for v in values]}
    return {
        "userCondition": {"comparisonAttribute": "Email", "comparator": comparator, "comparisonValue": listed}
    }


# ---------------------------------------------------------------------- SDK keys


def test_sdk_keys_have_the_shapes_the_sdk_accepts(client: Client, world: dict[str, Any]) -> None:
    v2_prod = _key(client, world["v2"], world["prod"])
    v1_prod = _key(client, world["v1"], world["prod"])
    assert re.fullmatch(f"configcat-sdk-1/{PART}/{PART}", v2_prod)
    assert re.fullmatch(f"{PART}/{PART}", v1_prod)
    # As in real keys, the first part is the product's and the second the config's in an environment.
    assert v2_prod.split("/")[1] == v1_prod.split("/")[0]
    assert _key(client, world["v2"], world["dev"]).split("/")[1:] != v2_prod.split("/")[1:]
    other = client.ok(
        "POST", f"/v1/organizations/{client.emu.organization_id}/products", json={"name": "Other"}
    )
    env = client.ok("POST", f"/v1/products/{other['productId']}/environments", json={"name": "E"})
    config = client.ok("POST", f"/v1/products/{other['productId']}/configs", json={"name": "C"})
    assert _key(client, config["configId"], env["environmentId"]).split("/")[0] != v1_prod.split("/")[0]


def test_both_key_shapes_work_with_the_sdk(
    emu: ConfigCatEmulator, client: Client, world: dict[str, Any]
) -> None:
    for config_id in (world["v1"], world["v2"]):
        _flag(client, config_id, "on")
        with sdk_client(emu.base_url, _key(client, config_id, world["prod"])) as (sdk, errors):
            assert sdk.get_value("on", None) is False
            assert errors == []


# ---------------------------------------------------------------------- the CDN route


def test_config_file_needs_no_auth_and_skips_the_rate_limiter() -> None:
    with ConfigCatEmulator(rate_limit=1, rate_limit_period=3600) as emu:
        emu.serve_config_file(
            f"{'a' * 22}/{'b' * 22}", {"p": {"u": "https://x.test", "r": 0, "s": "s"}, "f": {}}
        )
        for _ in range(3):
            assert _cdn(emu, f"{'a' * 22}/{'b' * 22}").status_code == 200
        me = requests.get(emu.base_url + "/v1/me", auth=(emu.username, emu.password), timeout=10)
        assert me.status_code == 200  # the one request of the window is still free


def test_etag_and_304(emu: ConfigCatEmulator, client: Client, world: dict[str, Any]) -> None:
    setting = _flag(client, world["v2"], "f")
    key = _key(client, world["v2"], world["prod"])
    first = _cdn(emu, key, **{"If-None-Match": "empty"})  # what the SDK sends before it has an ETag
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert etag == '"' + hashlib.sha1(first.content, usedforsecurity=False).hexdigest() + '"'
    assert first.headers["Content-Type"] == "application/json; charset=utf-8"
    again = _cdn(emu, key, **{"If-None-Match": etag})
    assert (again.status_code, again.content, again.headers["ETag"]) == (304, b"", etag)
    assert _cdn(emu, key, **{"If-None-Match": f'"other", {etag}'}).status_code == 304
    assert _cdn(emu, key, **{"If-None-Match": "W/" + etag}).status_code == 200  # exact match only
    assert _cdn(emu, key).content == first.content  # same state, same bytes
    assert _v2(client, world["prod"], setting, {"defaultValue": {"boolValue": True}}).status_code == 200
    changed = _cdn(emu, key, **{"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert changed.json()["f"]["f"]["v"] == {"b": True}
    # Another environment's file did not change.
    dev = _key(client, world["v2"], world["dev"])
    assert _cdn(emu, dev).json()["f"]["f"]["v"] == {"b": False}


def test_the_sdk_gets_304_then_the_change(
    emu: ConfigCatEmulator, client: Client, world: dict[str, Any]
) -> None:
    setting = _flag(client, world["v2"], "f")
    key = _key(client, world["v2"], world["prod"])
    with sdk_client(emu.base_url, key) as (sdk, errors):
        sdk.force_refresh()
        assert sdk.get_value("f", None) is False
        _v2(client, world["prod"], setting, {"defaultValue": {"boolValue": True}})
        sdk.force_refresh()
        assert sdk.get_value("f", None) is True
        assert errors == []
    fetches = [r.status for r in emu.requests if r.path == FILE.format(key)]
    assert fetches == [200, 304, 200]


def test_unknown_key_is_404_and_the_sdk_serves_defaults(emu: ConfigCatEmulator) -> None:
    key = f"configcat-sdk-1/{'x' * 22}/{'y' * 22}"
    assert _cdn(emu, key).status_code == 404
    with sdk_client(emu.base_url, key) as (sdk, errors):
        assert sdk.get_value("anything", "fallback") == "fallback"
    assert any(e.startswith("Unexpected HTTP response") for e in errors), errors  # event 1101


def test_deleted_config_or_environment_is_404(
    emu: ConfigCatEmulator, client: Client, world: dict[str, Any]
) -> None:
    v1_key = _key(client, world["v1"], world["prod"])
    v2_dev = _key(client, world["v2"], world["dev"])
    client.ok("DELETE", f"/v1/configs/{world['v1']}")
    client.ok("DELETE", f"/v1/environments/{world['dev']}")
    assert _cdn(emu, v1_key).status_code == 404
    assert _cdn(emu, v2_dev).status_code == 404


def test_odd_requests(emu: ConfigCatEmulator, client: Client, world: dict[str, Any]) -> None:
    key = _key(client, world["v2"], world["prod"])
    posted = _cdn(emu, key, "POST")
    assert (posted.status_code, posted.headers["Allow"]) == (405, "GET, HEAD")
    head = _cdn(emu, key, "HEAD")
    assert (head.status_code, head.content) == (200, b"")
    assert head.headers["ETag"] == _cdn(emu, key).headers["ETag"]
    for path in (
        f"/configuration-files/{key}/config_v5.json",
        "/configuration-files/config_v6.json",
        "/configuration-files/",
    ):
        assert requests.get(emu.base_url + path, timeout=10).status_code == 404
    # Keys are not secrets of the Management API: a wrong Authorization header changes nothing.
    assert requests.get(emu.base_url + FILE.format(key), auth=("x", "y"), timeout=10).status_code == 200


def test_faults_reach_the_cdn_route(emu: ConfigCatEmulator, client: Client, world: dict[str, Any]) -> None:
    key = _key(client, world["v2"], world["prod"])
    emu.inject_fault("status", path="/configuration-files/", status=503, times=1)
    assert _cdn(emu, key).status_code == 503
    assert _cdn(emu, key).status_code == 200


# ---------------------------------------------------------------------- loading ready files


def test_serve_config_file_serves_the_bytes_given(
    emu: ConfigCatEmulator, client: Client, world: dict[str, Any]
) -> None:
    text = '{"p": {"u": "https://cdn-global.configcat.com", "r": 0, "s": "salt"},\n "f": {}}'
    emu.serve_config_file(f"configcat-proxy/{'z' * 5}", text)
    served = _cdn(emu, f"configcat-proxy/{'z' * 5}")
    assert served.content == text.encode()
    assert (
        served.headers["ETag"] == '"' + hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest() + '"'
    )
    # A loaded file wins over the one the state would render.
    key = _key(client, world["v2"], world["prod"])
    emu.serve_config_file(key, {"f": {"loaded": {"t": 1, "v": {"s": "yes"}}}})
    assert _cdn(emu, key).json() == {"f": {"loaded": {"t": 1, "v": {"s": "yes"}}}}
    assert emu.config_file(key) == {"f": {"loaded": {"t": 1, "v": {"s": "yes"}}}}


@pytest.mark.parametrize(
    ("key", "content", "message"),
    [
        ("short/key", {}, "no shape configcat-client accepts"),
        (f"configcat-sdk-2/{'a' * 22}/{'b' * 22}", {}, "no shape"),
        (f"{'a' * 22}/{'b' * 22}", "{not json", "not valid JSON"),
        (f"{'a' * 22}/{'b' * 22}", "[1, 2]", "must be a JSON object"),
    ],
)
def test_serve_config_file_refuses(emu: ConfigCatEmulator, key: str, content: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        emu.serve_config_file(key, content)


# ---------------------------------------------------------------------- rendering choices


@pytest.fixture
def v2_flag(client: Client, world: dict[str, Any]) -> tuple[int, str]:
    """A v2 boolean flag and its prod SDK key."""
    return _flag(client, world["v2"], "newCheckout"), _key(client, world["v2"], world["prod"])


def test_preferences_block(emu: ConfigCatEmulator, client: Client, world: dict[str, Any]) -> None:
    prod = emu.config_file(_key(client, world["v2"], world["prod"]))
    dev = emu.config_file(_key(client, world["v2"], world["dev"]))
    other = emu.config_file(_key(client, world["v1"], world["prod"]))
    assert prod is not None
    assert dev is not None
    assert other is not None
    assert (prod["p"]["u"], prod["p"]["r"], prod["f"]) == (emu.base_url, 0, {})
    assert len(prod["p"]["s"]) == 44
    assert prod["p"]["s"] == dev["p"]["s"] != other["p"]["s"]  # one salt per config


def test_value_rule_without_conditions_is_refused(
    client: Client, world: dict[str, Any], v2_flag: tuple[int, str]
) -> None:
    body = {
        "defaultValue": {"boolValue": False},
        "targetingRules": [{"conditions": [], "value": {"boolValue": True}}],
    }
    answer = _v2(client, world["prod"], v2_flag[0], body)
    assert answer.status_code == 400
    assert answer.json() == {
        "TargetingRules[0]": ["A targeting rule serving a Value must have at least one condition."]
    }


def test_percentage_rules_and_attribute(
    emu: ConfigCatEmulator, client: Client, world: dict[str, Any], v2_flag: tuple[int, str]
) -> None:
    half = [
        {"percentage": 50, "value": {"boolValue": True}},
        {"percentage": 50, "value": {"boolValue": False}},
    ]
    body = {
        "defaultValue": {"boolValue": False},
        "percentageEvaluationAttribute": "Country",
        "targetingRules": [
            {"conditions": [], "percentageOptions": half},
            {"conditions": [_email_rule("isOneOf", "a@b.c")], "value": {"boolValue": True}},
            {"conditions": [], "percentageOptions": half},
        ],
    }
    assert _v2(client, world["prod"], v2_flag[0], body).status_code == 200
    served = emu.config_file(v2_flag[1])
    assert served is not None
    flag = served["f"]["newCheckout"]
    assert flag["a"] == "Country"
    # Only the trailing condition-less rule becomes the flag's own % options; the first stays in place.
    assert [sorted(rule) for rule in flag["r"]] == [["c", "p"], ["c", "s"]]
    assert flag["r"][0]["c"] == []
    assert [o["p"] for o in flag["p"]] == [50, 50]
    # The same value has the same variation id wherever it is served.
    ids = {json.dumps(o["v"]): o["i"] for o in flag["p"]}
    assert flag["r"][1]["s"]["i"] == ids['{"b": true}'] != ids['{"b": false}'] == flag["i"]


def test_rule_on_a_deleted_segment_never_matches(
    emu: ConfigCatEmulator, client: Client, world: dict[str, Any], v2_flag: tuple[int, str]
) -> None:
    segment = client.ok(
        "POST",
        f"/v1/products/{world['pid']}/segments",
        json={
            "name": "Beta",
            "comparisonAttribute": "Email",
            "comparator": "isOneOf",
            "comparisonValue": "a@b.c",
        },
    )
    rule = {"segmentCondition": {"segmentId": segment["segmentId"], "comparator": "isIn"}}
    body = {
        "defaultValue": {"boolValue": False},
        "targetingRules": [{"conditions": [rule], "value": {"boolValue": True}}],
    }
    assert _v2(client, world["prod"], v2_flag[0], body).status_code == 200
    with sdk_client(emu.base_url, v2_flag[1]) as (sdk, _errors):
        assert sdk.get_value("newCheckout", None, User("1", email="a@b.c")) is True
    client.ok("DELETE", f"/v1/segments/{segment['segmentId']}")
    served = emu.config_file(v2_flag[1])
    assert served is not None
    assert "s" not in served
    assert served["f"]["newCheckout"]["r"][0]["c"] == [{"u": {"a": "Identifier", "c": 0, "l": []}}]
    with sdk_client(emu.base_url, v2_flag[1]) as (sdk, errors):
        assert sdk.get_value("newCheckout", None, User("1", email="a@b.c")) is False
    assert errors == []


def test_v1_number_comparison_values_must_be_numbers(client: Client, world: dict[str, Any]) -> None:
    setting = _flag(client, world["v1"], "n", "int")
    rule = {"comparisonAttribute": "Age", "comparator": "numberLess", "comparisonValue": "ten", "value": 1}
    answer = client.put(
        f"/v1/environments/{world['prod']}/settings/{setting}/value",
        json={"value": 0, "rolloutRules": [rule], "rolloutPercentageItems": []},
    )
    assert answer.json() == {"RolloutRules[0].ComparisonValue": ["The comparison value must be a number."]}
    body = {
        "name": "Old",
        "comparisonAttribute": "Age",
        "comparator": "numberGreater",
        "comparisonValue": "x",
    }
    created = client.post(f"/v1/products/{world['pid']}/segments", json=body)
    assert created.json() == {"ComparisonValue": ["The comparison value must be a number."]}
    infinite = client.post(f"/v1/products/{world['pid']}/segments", json=body | {"comparisonValue": "inf"})
    assert infinite.status_code == 400
    segment = client.ok(
        "POST", f"/v1/products/{world['pid']}/segments", json=body | {"comparisonValue": "4,5"}
    )
    updated = client.put(f"/v1/segments/{segment['segmentId']}", json={"comparisonValue": "many"})
    assert updated.status_code == 400


def test_v1_rendering(emu: ConfigCatEmulator, client: Client, world: dict[str, Any]) -> None:
    setting = _flag(client, world["v1"], "price", "double")
    segment = client.ok(
        "POST",
        f"/v1/products/{world['pid']}/segments",
        json={
            "name": "Staff",
            "comparisonAttribute": "Email",
            "comparator": "sensitiveIsOneOf",
            "comparisonValue": "a@x.io, b@x.io,",
        },
    )
    rules = [
        {"comparisonAttribute": "Age", "comparator": "numberLess", "comparisonValue": " 2,5 ", "value": 1.5},
        {
            "comparisonAttribute": "Email",
            "comparator": "contains",
            "comparisonValue": "@x.io, @y.io",
            "value": 2,
        },
        {"segmentId": segment["segmentId"], "segmentComparator": "isNotIn", "value": 3.25},
    ]
    items = [{"percentage": 100, "value": 4}]
    client.ok(
        "PUT",
        f"/v1/environments/{world['prod']}/settings/{setting}/value",
        json={"value": 0.5, "rolloutRules": rules, "rolloutPercentageItems": items},
    )
    served = emu.config_file(_key(client, world["v1"], world["prod"]))
    assert served is not None
    salt = served["p"]["s"]

    def hashed(text: str) -> str:
        return hashlib.sha256((text + salt + "Staff").encode()).hexdigest()

    assert served["s"] == [
        {"n": "Staff", "r": [{"a": "Email", "c": 16, "l": [hashed("a@x.io"), hashed("b@x.io"), hashed("")]}]}
    ]
    flag = served["f"]["price"]
    assert (flag["t"], flag["v"]) == (3, {"d": 0.5})
    assert [rule["c"] for rule in flag["r"]] == [
        [{"u": {"a": "Age", "c": 12, "d": 2.5}}],
        [{"u": {"a": "Email", "c": 2, "l": ["@x.io, @y.io"]}}],  # v1 contains: one substring, not split
        [{"s": {"s": 0, "c": 1}}],
    ]
    assert [rule["s"]["v"] for rule in flag["r"]] == [{"d": 1.5}, {"d": 2}, {"d": 3.25}]
    assert [(o["p"], o["v"]) for o in flag["p"]] == [(100, {"d": 4})]


def test_config_file_of_a_stopped_emulator_points_at_the_cdn() -> None:
    emu = ConfigCatEmulator()  # never started: rendering still works in-process
    _, product = emu.call("POST", f"/v1/organizations/{emu.organization_id}/products", {"name": "P"})
    _, env = emu.call("POST", f"/v1/products/{product['productId']}/environments", {"name": "E"})
    _, config = emu.call("POST", f"/v1/products/{product['productId']}/configs", {"name": "C"})
    _, keys = emu.call("GET", f"/v1/configs/{config['configId']}/environments/{env['environmentId']}")
    served = emu.config_file(keys["primary"])
    assert served is not None
    assert served["p"]["u"] == "https://cdn-global.configcat.com"
    assert emu.config_file(f"{'q' * 22}/{'r' * 22}") is None
