"""Proxy Profiles in the emulator: the secret returned once, selection by rules or pairs, cascades."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .conftest import Client


def _profile(client: Client, **body: Any) -> str:
    created = client.ok(
        "POST",
        f"/v1/organizations/{client.emu.organization_id}/proxy-profiles",
        json={"name": "Edge", **body},
    )
    return str(created["proxyProfileId"])


def _pairs(answer: dict[str, Any]) -> set[tuple[str, str]]:
    return {(item["configId"], item["environmentId"]) for item in answer["items"]}


def test_the_secret_is_returned_only_by_its_post_and_replaced_by_the_next(client: Client) -> None:
    org = client.emu.organization_id
    id_ = _profile(client)
    first = client.ok("POST", f"/v1/proxy-profiles/{id_}/secret")["secretToken"]
    second = client.ok("POST", f"/v1/proxy-profiles/{id_}/secret")["secretToken"]
    assert first != second
    seen = [
        client.get(f"/v1/proxy-profiles/{id_}").text,
        client.get(f"/v1/organizations/{org}/proxy-profiles").text,
        client.get(f"/v1/proxy-profiles/{id_}/sdk-keys").text,
        client.put(f"/v1/proxy-profiles/{id_}", json={"name": "Renamed"}).text,
        json.dumps(client.emu.state()),
    ]
    for text in seen:
        assert first not in text
        assert second not in text


def test_defaults_and_a_complete_replace(client: Client) -> None:
    id_ = _profile(
        client,
        description="d",
        connectionPreferences={
            "sdkPollInterval": 90,
            "webhookNotification": {"webhookProxyUrl": "https://p.example"},
        },
        sdkKeySelectionRules=[{"environmentNameMatchFilter": "*Prod*"}],
    )
    made = client.ok("GET", f"/v1/proxy-profiles/{id_}")
    notification = made["connectionPreferences"]["webhookNotification"]
    assert notification["signingKey1"].startswith("configcat_whsk_")
    assert notification["signingKey2"] is None
    assert made["sdkKeySelectionRules"][0]["kind"] == "include"  # a rule without a kind includes
    assert made["lastAccessedAt"] is None
    # The PUT resets what it leaves out, to the create's defaults.
    replaced = client.ok("PUT", f"/v1/proxy-profiles/{id_}", json={"name": "Bare"})
    assert replaced["description"] is None
    assert replaced["connectionPreferences"] == {"sdkPollInterval": 60, "webhookNotification": None}
    assert replaced["sdkKeySelectionRules"] == []


def test_signing_keys_stay_while_notifications_stay_on(client: Client) -> None:
    hook = {"webhookNotification": {"webhookProxyUrl": "https://p.example"}}
    id_ = _profile(client, connectionPreferences=hook)
    key = client.ok("GET", f"/v1/proxy-profiles/{id_}")["connectionPreferences"]["webhookNotification"][
        "signingKey1"
    ]
    moved = {"webhookNotification": {"webhookProxyUrl": "https://q.example"}}
    kept = client.ok(
        "PUT", f"/v1/proxy-profiles/{id_}", json={"name": "Edge", "connectionPreferences": moved}
    )
    assert kept["connectionPreferences"]["webhookNotification"]["signingKey1"] == key
    patched = client.ok(
        "PATCH",
        f"/v1/proxy-profiles/{id_}",
        json=[{"op": "remove", "path": "/connectionPreferences/webhookNotification"}],
    )
    assert patched["connectionPreferences"]["webhookNotification"] is None


def test_select_and_deselect_pairs_and_what_one_id_alone_means(client: Client, world: dict[str, Any]) -> None:
    id_ = _profile(client)
    keys = f"/v1/proxy-profiles/{id_}/sdk-keys"
    one = {"items": [{"configId": world["v1"], "environmentId": world["prod"]}]}
    assert _pairs(client.ok("POST", f"{keys}/select", json=one)) == {(world["v1"], world["prod"])}
    # Selecting it again changes nothing.
    assert _pairs(client.ok("POST", f"{keys}/select", json=one)) == {(world["v1"], world["prod"])}
    # A config alone: every environment of its product.
    every_env = client.ok("POST", f"{keys}/select", json={"items": [{"configId": world["v2"]}]})
    assert _pairs(every_env) == {
        (world["v1"], world["prod"]),
        (world["v2"], world["prod"]),
        (world["v2"], world["dev"]),
    }
    item = client.ok("GET", keys)["items"][0]
    assert (
        item["primarySdkKey"]
        == client.ok("GET", f"/v1/configs/{item['configId']}/environments/{item['environmentId']}")["primary"]
    )
    # An environment alone: every config of its product.
    rest = client.ok("POST", f"{keys}/deselect", json={"items": [{"environmentId": world["prod"]}]})
    assert _pairs(rest) == {(world["v2"], world["dev"])}


@pytest.mark.parametrize(
    "item",
    [
        {},
        {"configId": "08d86d63-0000-4000-8000-00000000dead"},
        {"environmentId": "08d86d63-0000-4000-8000-00000000dead"},
    ],
    ids=["empty", "unknown-config", "unknown-environment"],
)
def test_a_pair_the_api_cannot_resolve_is_a_400(
    client: Client, world: dict[str, Any], item: dict[str, str]
) -> None:
    id_ = _profile(client)
    response = client.post(f"/v1/proxy-profiles/{id_}/sdk-keys/select", json={"items": [item]})
    assert response.status_code == 400
    assert "Items[0]" in response.json()


def test_a_pair_across_two_products_is_a_400(client: Client, world: dict[str, Any]) -> None:
    org = client.emu.organization_id
    other = client.ok("POST", f"/v1/organizations/{org}/products", json={"name": "Other"})["productId"]
    env = client.ok("POST", f"/v1/products/{other}/environments", json={"name": "Elsewhere"})["environmentId"]
    id_ = _profile(client)
    response = client.post(
        f"/v1/proxy-profiles/{id_}/sdk-keys/select",
        json={"items": [{"configId": world["v1"], "environmentId": env}]},
    )
    assert response.status_code == 400


@pytest.mark.parametrize("verb", ["select", "deselect"])
def test_selecting_is_forbidden_while_the_profile_has_rules(
    client: Client, world: dict[str, Any], verb: str
) -> None:
    id_ = _profile(client, sdkKeySelectionRules=[{"kind": "include", "productIdFilter": world["pid"]}])
    body = {"items": [{"configId": world["v1"], "environmentId": world["prod"]}]}
    response = client.post(f"/v1/proxy-profiles/{id_}/sdk-keys/{verb}", json=body)
    assert response.status_code == 403


def test_rules_select_by_id_and_by_name_with_wildcards_and_exclude(
    client: Client, world: dict[str, Any]
) -> None:
    rules = [
        {"kind": "include", "productIdFilter": world["pid"], "environmentNameMatchFilter": "pr*"},  # no case
        {"kind": "include", "configNameMatchFilter": "V2", "environmentIdFilter": world["dev"]},
        {"kind": "exclude", "configIdFilter": world["v1"].upper()},
    ]
    id_ = _profile(client, sdkKeySelectionRules=rules)
    selected = _pairs(client.ok("GET", f"/v1/proxy-profiles/{id_}/sdk-keys"))
    assert selected == {(world["v2"], world["prod"]), (world["v2"], world["dev"])}
    # A config made later follows the rules.
    later = client.ok("POST", f"/v1/products/{world['pid']}/configs", json={"name": "Later"})["configId"]
    assert (later, world["prod"]) in _pairs(client.ok("GET", f"/v1/proxy-profiles/{id_}/sdk-keys"))


def test_deleting_a_config_or_environment_drops_its_pairs(client: Client, world: dict[str, Any]) -> None:
    id_ = _profile(client)
    pairs = [
        {"configId": c, "environmentId": e}
        for c in (world["v1"], world["v2"])
        for e in (world["prod"], world["dev"])
    ]
    client.ok("POST", f"/v1/proxy-profiles/{id_}/sdk-keys/select", json={"items": pairs})
    client.ok("DELETE", f"/v1/configs/{world['v1']}")
    client.ok("DELETE", f"/v1/environments/{world['dev']}")
    assert _pairs(client.ok("GET", f"/v1/proxy-profiles/{id_}/sdk-keys")) == {(world["v2"], world["prod"])}


def test_the_organization_must_exist(client: Client) -> None:
    unknown = "08d86d63-0000-4000-8000-00000000dead"
    assert client.get(f"/v1/organizations/{unknown}/proxy-profiles").status_code == 404
    assert client.post(f"/v1/organizations/{unknown}/proxy-profiles", json={"name": "x"}).status_code == 404
