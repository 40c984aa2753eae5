"""Products, configs, environments, segments, tags, permission groups and preferences."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_configcat.testing import ConfigCatEmulator

from .conftest import Client

SEGMENT = {
    "name": "Beta",
    "comparisonAttribute": "Email",
    "comparator": "contains",
    "comparisonValue": "@x.com",
}


def test_product_lifecycle_and_partial_put(client: Client, product: dict[str, Any]) -> None:
    pid = product["productId"]
    assert product["organization"]["organizationId"] == client.emu.organization_id
    assert (product["reasonRequired"], product["approveRequired"]) == (False, False)
    client.ok("PUT", f"/v1/products/{pid}", json={"description": "d", "order": 4})
    updated = client.ok("PUT", f"/v1/products/{pid}", json={"name": None, "order": None})
    assert (updated["name"], updated["description"], updated["order"]) == ("Shop", "d", 4)
    cleared = client.ok("PUT", f"/v1/products/{pid}", json={"description": ""})
    assert cleared["description"] == ""
    assert [p["productId"] for p in client.ok("GET", "/v1/products")] == [pid]
    assert client.delete(f"/v1/products/{pid}").status_code == 204
    assert client.get(f"/v1/products/{pid}").status_code == 404


def test_unknown_organization_is_404(client: Client) -> None:
    response = client.post(
        "/v1/organizations/08d86d63-2721-4da6-8c06-584521d516bc/products", json={"name": "x"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("kind", "path", "body"),
    [
        ("Product", "/v1/organizations/{org}/products", {"name": "SHOP"}),
        ("Environment", "/v1/products/{pid}/environments", {"name": "prod"}),
        ("Segment", "/v1/products/{pid}/segments", dict(SEGMENT, name="beta")),
    ],
)
def test_names_are_unique_case_insensitively(
    client: Client, product: dict[str, Any], kind: str, path: str, body: dict[str, Any]
) -> None:
    url = path.format(org=client.emu.organization_id, pid=product["productId"])
    if kind != "Product":
        client.ok("POST", url, json=dict(body, name=body["name"].swapcase()))
    response = client.post(url, json=body)
    assert response.status_code == 400
    assert f"'{body['name']}' already exists" in response.json()["Name"][0]


def test_rename_to_a_taken_name_is_refused(client: Client, product: dict[str, Any]) -> None:
    pid = product["productId"]
    client.ok("POST", f"/v1/products/{pid}/environments", json={"name": "Prod"})
    env = client.ok("POST", f"/v1/products/{pid}/environments", json={"name": "Dev"})
    assert client.put(f"/v1/environments/{env['environmentId']}", json={"name": "PROD"}).status_code == 400
    assert client.ok("PUT", f"/v1/environments/{env['environmentId']}", json={"name": "dev"})["name"] == "dev"


def test_config_names_may_repeat_and_version_defaults_to_v1(client: Client, product: dict[str, Any]) -> None:
    pid = product["productId"]
    first = client.ok("POST", f"/v1/products/{pid}/configs", json={"name": "Main"})
    second = client.ok(
        "POST", f"/v1/products/{pid}/configs", json={"name": "Main", "evaluationVersion": "v2"}
    )
    assert (first["evaluationVersion"], second["evaluationVersion"]) == ("v1", "v2")
    assert (first["order"], second["order"]) == (0, 1)
    updated = client.ok("PUT", f"/v1/configs/{second['configId']}", json={"description": "x"})
    assert (updated["name"], updated["evaluationVersion"], updated["description"]) == ("Main", "v2", "x")
    assert len(client.ok("GET", f"/v1/products/{pid}/configs")) == 2


def test_environment_color_and_fields(client: Client, product: dict[str, Any]) -> None:
    pid = product["productId"]
    bad = client.post(f"/v1/products/{pid}/environments", json={"name": "E", "color": "#zz!"})
    assert bad.json() == {"Color": ["Invalid color."]}
    env = client.ok("POST", f"/v1/products/{pid}/environments", json={"name": "E", "color": "#00ff00"})
    assert env["product"]["productId"] == pid
    assert (
        client.ok("PUT", f"/v1/environments/{env['environmentId']}", json={"color": "red"})["color"] == "red"
    )
    url = f"/v1/environments/{env['environmentId']}?cleanupAuditLogs=true"
    assert client.delete(url).status_code == 204


def test_segments(client: Client, product: dict[str, Any]) -> None:
    pid = product["productId"]
    segment = client.ok("POST", f"/v1/products/{pid}/segments", json=SEGMENT)
    sid = segment["segmentId"]
    assert segment["creatorEmail"]
    listed = client.ok("GET", f"/v1/products/{pid}/segments")
    assert [(s["segmentId"], s["usage"]) for s in listed] == [(sid, 0)]
    updated = client.ok("PUT", f"/v1/segments/{sid}", json={"comparator": "isOneOf", "name": None})
    assert (updated["comparator"], updated["name"], updated["comparisonValue"]) == (
        "isOneOf",
        "Beta",
        "@x.com",
    )
    assert client.delete(f"/v1/segments/{sid}").status_code == 204
    assert client.get(f"/v1/segments/{sid}").status_code == 404


def test_tags(client: Client, product: dict[str, Any]) -> None:
    pid = product["productId"]
    first = client.ok("POST", f"/v1/products/{pid}/tags", json={"name": "a", "color": "whale"})
    second = client.ok("POST", f"/v1/products/{pid}/tags", json={"name": "b"})
    assert second["tagId"] == first["tagId"] + 1
    assert client.ok("PUT", f"/v1/tags/{first['tagId']}", json={"name": "z"})["color"] == "whale"
    assert [t["name"] for t in client.ok("GET", f"/v1/products/{pid}/tags")] == ["z", "b"]
    assert client.delete(f"/v1/tags/{first['tagId']}").status_code == 204


def test_permission_groups(client: Client, product: dict[str, Any]) -> None:
    pid = product["productId"]
    env = client.ok("POST", f"/v1/products/{pid}/environments", json={"name": "Prod"})
    eid = env["environmentId"]
    bad = client.post(f"/v1/products/{pid}/permissions", json={"name": "G", "canDeleteConfig": True})
    assert "CanDeleteConfig is not allowed" in bad.json()["CanDeleteConfig"][0]
    group = client.ok(
        "POST",
        f"/v1/products/{pid}/permissions",
        json={
            "name": "G",
            "accessType": "custom",
            "newEnvironmentAccessType": "readOnly",
            "environmentAccesses": [{"environmentId": eid, "environmentAccessType": "full"}],
        },
    )
    gid = group["permissionGroupId"]
    assert [(a["environmentId"], a["environmentAccessType"]) for a in group["environmentAccesses"]] == [
        (eid, "full")
    ]
    other = client.ok("POST", f"/v1/products/{pid}/environments", json={"name": "Dev"})
    fetched = client.ok("GET", f"/v1/permissions/{gid}")
    access = {a["environmentId"]: a["environmentAccessType"] for a in fetched["environmentAccesses"]}
    assert access == {eid: "full", other["environmentId"]: "readOnly"}
    updated = client.ok("PUT", f"/v1/permissions/{gid}", json={"canManageMembers": True})
    assert (updated["canManageMembers"], updated["accessType"], updated["name"]) == (True, "custom", "G")
    stranger = "08d86d63-2721-4da6-8c06-584521d516bc"
    bad_env = client.put(
        f"/v1/permissions/{gid}", json={"environmentAccesses": [{"environmentId": stranger}]}
    )
    assert bad_env.status_code == 400
    client.ok("DELETE", f"/v1/environments/{eid}")
    remaining = client.ok("GET", f"/v1/permissions/{gid}")["environmentAccesses"]
    assert [a["environmentId"] for a in remaining] == [other["environmentId"]]
    assert client.delete(f"/v1/permissions/{gid}").status_code == 204
    assert client.get(f"/v1/permissions/{gid}").status_code == 404


def test_preferences_update_only_given_fields(client: Client, product: dict[str, Any]) -> None:
    pid = product["productId"]
    env = client.ok("POST", f"/v1/products/{pid}/environments", json={"name": "Prod"})
    other = client.ok("POST", f"/v1/products/{pid}/environments", json={"name": "Dev"})
    prefs = client.ok("GET", f"/v1/products/{pid}/preferences")
    assert {e["environmentId"] for e in prefs["reasonRequiredEnvironments"]} == {
        env["environmentId"],
        other["environmentId"],
    }
    body = {
        "keyGenerationMode": "kebabCase",
        "reasonRequiredEnvironments": [{"environmentId": env["environmentId"], "reasonRequired": True}],
    }
    client.ok("POST", f"/v1/products/{pid}/preferences", json=body)
    prefs = client.ok("POST", f"/v1/products/{pid}/preferences", json={"showVariationId": True})
    assert (prefs["keyGenerationMode"], prefs["showVariationId"], prefs["reasonRequired"]) == (
        "kebabCase",
        True,
        False,
    )
    flags = {e["environmentId"]: e["reasonRequired"] for e in prefs["reasonRequiredEnvironments"]}
    assert flags == {env["environmentId"]: True, other["environmentId"]: False}
    assert client.ok("GET", f"/v1/environments/{env['environmentId']}")["reasonRequired"] is True
    assert client.ok("GET", f"/v1/environments/{other['environmentId']}")["reasonRequired"] is False
    client.ok("POST", f"/v1/products/{pid}/preferences", json={"reasonRequired": True})
    assert client.ok("GET", f"/v1/products/{pid}")["reasonRequired"] is True
    assert client.ok("GET", f"/v1/environments/{other['environmentId']}")["reasonRequired"] is True


def test_product_delete_cascades(emu: ConfigCatEmulator, client: Client, product: dict[str, Any]) -> None:
    pid = product["productId"]
    client.ok("POST", f"/v1/products/{pid}/configs", json={"name": "C"})
    client.ok("POST", f"/v1/products/{pid}/environments", json={"name": "E"})
    client.ok("POST", f"/v1/products/{pid}/segments", json=SEGMENT)
    client.ok("POST", f"/v1/products/{pid}/tags", json={"name": "t"})
    client.ok("POST", f"/v1/products/{pid}/permissions", json={"name": "G"})
    client.ok("DELETE", f"/v1/products/{pid}")
    state = emu.state()
    for table in (
        "products",
        "configs",
        "environments",
        "segments",
        "tags",
        "permissionGroups",
        "preferences",
    ):
        assert state[table] == {}, table


@pytest.mark.parametrize("color", ["red\n", "#00ff00\n", "dark red", "#12345"])
def test_environment_color_is_the_whole_string(client: Client, product: dict[str, Any], color: str) -> None:
    bad = client.post(f"/v1/products/{product['productId']}/environments", json={"name": "E", "color": color})
    assert bad.json() == {"Color": ["Invalid color."]}


def test_integer_ids_are_ascii_digits(emu: ConfigCatEmulator, product: dict[str, Any]) -> None:
    status, tag = emu.call("POST", f"/v1/products/{product['productId']}/tags", {"name": "a"})
    assert status == 201
    tag_id = str(tag["tagId"])
    assert emu.call("GET", f"/v1/tags/{tag_id}")[0] == 200
    arabic = tag_id.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert emu.call("GET", f"/v1/tags/{arabic}")[0] == 404
