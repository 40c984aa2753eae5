"""Integrations: parameters checked per type, scoping to the product's configs and environments, cascades."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Client

OTHER_GUID = "08d86d63-2726-47cd-8bfc-59608ecb91e2"


def _body(integration_type: str, parameters: dict[str, str], **kw: Any) -> dict[str, Any]:
    return {
        "name": "Hook",
        "integrationType": integration_type,
        "parameters": parameters,
        "configIds": [],
        "environmentIds": [],
        **kw,
    }


@pytest.mark.parametrize(
    ("integration_type", "parameters", "message"),
    [
        ("dataDog", {"site": "Eu"}, "apikey parameter is required"),
        ("dataDog", {"apikey": "k", "site": "Mars"}, "'site' is invalid"),
        ("slack", {}, "incoming_webhook.url parameter is required"),
        ("slack", {"incoming_webhook.url": "not a url"}, "'incoming_webhook.url' is not a valid URL."),
        ("amplitude", {"apiKey": "a"}, "secretKey parameter is required"),
        ("mixPanel", {"serviceAccountUserName": "u", "serviceAccountSecret": "s"}, "projectId parameter"),
        ("segment", {"writeKey": "w", "server": "Asia"}, "'server' is invalid"),
    ],
)
def test_parameters_are_checked_per_type(
    client: Client, product: dict[str, Any], integration_type: str, parameters: dict[str, str], message: str
) -> None:
    response = client.post(
        f"/v1/products/{product['productId']}/integrations", json=_body(integration_type, parameters)
    )
    assert response.status_code == 400
    assert message in response.json()["Parameters"][0]
    assert client.emu.state()["integrations"] == {}


@pytest.mark.parametrize(
    ("integration_type", "parameters"),
    [
        # The Terraform provider's acceptance test created this one against the real API.
        ("slack", {"incoming_webhook.url": "https://test.slack.com/hook"}),
        ("dataDog", {"apikey": "k", "site": "eu"}),
        ("segment", {"writeKey": "w", "server": "EU"}),
    ],
)
def test_the_emulator_takes_what_the_api_was_seen_to_take(
    client: Client, product: dict[str, Any], integration_type: str, parameters: dict[str, str]
) -> None:
    created = client.ok(
        "POST", f"/v1/products/{product['productId']}/integrations", json=_body(integration_type, parameters)
    )
    assert created["parameters"] == parameters


def test_integration_lifecycle_scoping_and_cascades(client: Client, product: dict[str, Any]) -> None:
    pid = product["productId"]
    cid = client.ok("POST", f"/v1/products/{pid}/configs", json={"name": "Main"})["configId"]
    eid = client.ok("POST", f"/v1/products/{pid}/environments", json={"name": "Prod"})["environmentId"]
    created = client.ok(
        "POST",
        f"/v1/products/{pid}/integrations",
        json=_body("amplitude", {"apiKey": "a", "secretKey": "s"}, configIds=[cid], environmentIds=[eid]),
    )
    iid = created["integrationId"]
    assert (created["configIds"], created["environmentIds"]) == ([cid], [eid])
    assert created["parameters"] == {"apiKey": "a", "secretKey": "s"}
    assert client.ok("GET", f"/v1/products/{pid}/integrations")["integrations"] == [created]

    # A PUT replaces everything but the type.
    updated = client.ok(
        "PUT",
        f"/v1/integrations/{iid}",
        json={"name": "Renamed", "parameters": {"apiKey": "b", "secretKey": "t"}, "configIds": [cid],
              "environmentIds": []},
    )  # fmt: skip
    assert (updated["name"], updated["parameters"]["apiKey"], updated["environmentIds"]) == (
        "Renamed",
        "b",
        [],
    )

    # Ids outside the product are refused, naming the list entry.
    response = client.put(
        f"/v1/integrations/{iid}",
        json={"name": "x", "parameters": {"apiKey": "b", "secretKey": "t"}, "configIds": [OTHER_GUID],
              "environmentIds": []},
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json() == {"ConfigIds[0]": [f"Config '{OTHER_GUID}' not found in this product."]}

    # Deleting a config drops it from the integration's scope; deleting the product deletes the integration.
    client.ok("DELETE", f"/v1/configs/{cid}")
    assert client.ok("GET", f"/v1/integrations/{iid}")["configIds"] == []
    client.ok("DELETE", f"/v1/products/{pid}")
    assert client.get(f"/v1/integrations/{iid}").status_code == 404
    assert client.emu.state()["integrations"] == {}
