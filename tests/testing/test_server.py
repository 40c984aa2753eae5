"""HTTP behaviour of the emulator: auth, routing, errors, validation, headers, faults, in-process API."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest
import requests

from pulumi_configcat.testing import ConfigCatEmulator, Fault, RecordedRequest

from .conftest import Client


def test_me_and_organizations(client: Client) -> None:
    me = client.ok("GET", "/v1/me")
    assert me["email"]
    orgs = client.ok("GET", "/v1/organizations")
    assert [o["organizationId"] for o in orgs] == [client.emu.organization_id]


@pytest.mark.parametrize(
    "auth",
    [None, ("wrong", "creds"), ("user", None)],
    ids=["missing", "wrong", "wrong-password"],
)
def test_bad_credentials_are_401(emu: ConfigCatEmulator, auth: Any) -> None:
    if auth == ("user", None):
        auth = (emu.username, emu.password + "x")
    response = requests.get(emu.base_url + "/v1/me", auth=auth, timeout=5)
    assert response.status_code == 401
    assert len(response.content) < 100


def test_explicit_credentials_are_used() -> None:
    with ConfigCatEmulator(username="u", password="p") as emu:
        assert requests.get(emu.base_url + "/v1/me", auth=("u", "p"), timeout=5).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/v1/products/not-a-guid",
        "/v1/products/08d86d63-2721-4da6-8c06-584521d516bc",
        "/v1/tags/abc",
        "/v1/tags/-1",
        "/v1/settings/999999",
        "/v1/nothing-here",
        "/v1/proxy-profiles/08d86d63-2721-4da6-8c06-584521d516bc",
    ],
)
def test_unknown_ids_and_paths_are_404(client: Client, path: str) -> None:
    response = client.session.get(client.emu.base_url + path, timeout=5)
    assert response.status_code == 404


def test_validation_errors_have_the_service_shape(client: Client) -> None:
    org = client.emu.organization_id
    response = client.post(f"/v1/organizations/{org}/products", json={"description": "x"})
    assert response.status_code == 400
    assert response.json() == {"Name": ["The Name field is required."]}
    response = client.post(f"/v1/organizations/{org}/products", json={"name": "a" * 1001, "order": "x"})
    body = response.json()
    assert "maximum length of 1000" in body["Name"][0]
    assert "integer" in body["Order"][0]


def test_nested_validation_keys_and_enums(client: Client, product: dict[str, Any]) -> None:
    pid = product["productId"]
    response = client.post(
        f"/v1/products/{pid}/segments",
        json={"name": "S", "comparisonAttribute": "Email", "comparator": "bogus", "comparisonValue": "x"},
    )
    assert response.status_code == 400
    assert "bogus" in response.json()["Comparator"][0]
    response = client.post(
        f"/v1/products/{pid}/preferences", json={"reasonRequiredEnvironments": [{"environmentId": "nope"}]}
    )
    assert response.status_code == 400
    assert "GUID" in response.json()["ReasonRequiredEnvironments[0].EnvironmentId"][0]


def test_body_problems(client: Client) -> None:
    org = client.emu.organization_id
    url = f"{client.emu.base_url}/v1/organizations/{org}/products"
    missing = client.session.post(url, timeout=5)
    assert missing.status_code == 400
    assert "" in missing.json()
    bad_json = client.session.post(url, data=b"{", headers={"Content-Type": "application/json"}, timeout=5)
    assert bad_json.status_code == 400
    assert "not valid JSON" in bad_json.json()[""][0]
    xml = client.session.post(url, data=b"<a/>", headers={"Content-Type": "application/xml"}, timeout=5)
    assert xml.status_code == 415
    patch_type = client.session.post(
        url, data=b'{"name": "P"}', headers={"Content-Type": "application/json-patch+json"}, timeout=5
    )
    assert patch_type.status_code == 201


def test_rate_limit_headers_on_every_answer(emu: ConfigCatEmulator, client: Client) -> None:
    first = client.get("/v1/me")
    second = client.get("/v1/me")
    unauthorized = requests.get(emu.base_url + "/v1/me", timeout=5)
    for response in (first, second, unauthorized):
        assert re.fullmatch(r"\d+", response.headers["X-Rate-Limit-Remaining"])
        reset = response.headers["X-Rate-Limit-Reset"]
        assert reset.endswith("Z")
        datetime.fromisoformat(reset[:26])
    assert int(second.headers["X-Rate-Limit-Remaining"]) < int(first.headers["X-Rate-Limit-Remaining"])


def test_optional_rate_limiter_answers_429() -> None:
    with ConfigCatEmulator(rate_limit=2, rate_limit_period=3600) as emu:
        auth = (emu.username, emu.password)
        codes = [requests.get(emu.base_url + "/v1/me", auth=auth, timeout=5) for _ in range(3)]
    assert [r.status_code for r in codes] == [200, 200, 429]
    assert codes[1].headers["X-Rate-Limit-Remaining"] == "0"
    assert int(codes[2].headers["Retry-After"]) > 0
    assert codes[2].headers["Content-Type"].startswith("text/plain")
    assert codes[2].text


def test_requests_are_recorded(emu: ConfigCatEmulator, client: Client) -> None:
    client.get("/v1/me", params={"a": "1"})
    client.session.get(emu.base_url + "/v1/tags/x", timeout=5)
    assert emu.requests == [
        RecordedRequest("GET", "/v1/me", {"a": ["1"]}, 200),
        RecordedRequest("GET", "/v1/tags/x", {}, 404),
    ]
    emu.requests.clear()
    assert emu.requests == []


# ---------------------------------------------------------------- faults


def test_status_fault_times(emu: ConfigCatEmulator, client: Client) -> None:
    fault = emu.inject_fault("status", method="GET", path=r"^/v1/me$", times=2, status=503)
    assert isinstance(fault, Fault)
    codes = [client.session.get(emu.base_url + "/v1/me", timeout=5).status_code for _ in range(3)]
    assert codes == [503, 503, 200]
    assert fault.hits == 2
    assert [r.status for r in emu.requests] == [503, 503, 200]


def test_status_fault_does_not_do_the_work(emu: ConfigCatEmulator, client: Client) -> None:
    emu.inject_fault("status", method="POST", status=500, times=1)
    url = f"{emu.base_url}/v1/organizations/{emu.organization_id}/products"
    assert client.session.post(url, json={"name": "P"}, timeout=5).status_code == 500
    assert emu.state()["products"] == {}
    assert client.session.post(url, json={"name": "P"}, timeout=5).status_code == 201


def test_429_fault_sends_retry_after(emu: ConfigCatEmulator, client: Client) -> None:
    emu.inject_fault("status", status=429, times=1)
    emu.inject_fault("status", status=429, retry_after="7", times=1)
    first = client.session.get(emu.base_url + "/v1/me", timeout=5)
    second = client.session.get(emu.base_url + "/v1/me", timeout=5)
    assert (first.status_code, first.headers["Retry-After"]) == (429, "1")
    assert (second.status_code, second.headers["Retry-After"]) == (429, "7")


def test_method_and_path_filters(emu: ConfigCatEmulator, client: Client) -> None:
    emu.inject_fault("status", method="POST", status=502)
    emu.inject_fault("status", path="organizations", status=504)
    assert client.session.get(emu.base_url + "/v1/me", timeout=5).status_code == 200
    assert client.session.get(emu.base_url + "/v1/organizations", timeout=5).status_code == 504
    emu.clear_faults()
    assert client.session.get(emu.base_url + "/v1/organizations", timeout=5).status_code == 200


def test_latency_fault_then_normal_answer(emu: ConfigCatEmulator, client: Client) -> None:
    fault = emu.inject_fault("latency", delay=0.01, times=1)
    assert client.get("/v1/me").status_code == 200
    assert fault.hits == 1
    assert emu.requests[-1].status == 200


def test_drop_fault_closes_the_connection(emu: ConfigCatEmulator, client: Client) -> None:
    emu.inject_fault("drop", times=1)
    with pytest.raises(requests.ConnectionError):
        requests.get(emu.base_url + "/v1/me", auth=(emu.username, emu.password), timeout=5)
    assert emu.requests[-1].status == 0
    assert client.get("/v1/me").status_code == 200


def test_a_fault_after_the_work_keeps_the_change(emu: ConfigCatEmulator, client: Client) -> None:
    """What a POST whose answer is lost looks like: the product exists, though the client saw no answer."""
    drop = emu.inject_fault("drop", method="POST", after=True, times=1)
    gateway = emu.inject_fault("status", method="POST", status=504, after=True, times=1)
    url = f"{emu.base_url}/v1/organizations/{emu.organization_id}/products"
    with pytest.raises(requests.ConnectionError):
        requests.post(url, json={"name": "Lost"}, auth=(emu.username, emu.password), timeout=5)
    assert client.session.post(url, json={"name": "Timed out"}, timeout=5).status_code == 504
    assert sorted(p["name"] for p in emu.state()["products"].values()) == ["Lost", "Timed out"]
    assert (drop.hits, gateway.hits) == (1, 1)
    assert [r.status for r in emu.requests] == [0, 504]


def test_a_latency_fault_cannot_fire_after(emu: ConfigCatEmulator) -> None:
    with pytest.raises(ValueError, match="after applies to status and drop"):
        emu.inject_fault("latency", delay=0.01, after=True)


def test_faults_in_a_row_are_bounded_per_request(emu: ConfigCatEmulator, client: Client) -> None:
    emu.inject_fault("status", status=503)  # every request, were it not for the bound
    emu.limit_faults_in_a_row(2)
    me, orgs = emu.base_url + "/v1/me", emu.base_url + "/v1/organizations"
    codes = [client.session.get(url, timeout=5).status_code for url in (me, me, orgs, me, orgs, orgs, me)]
    # Each request passes on its third try; one that passed starts over.
    assert codes == [503, 503, 503, 200, 503, 200, 503]
    url = f"{emu.base_url}/v1/organizations/{emu.organization_id}/products"
    posts = [client.session.post(url, json={"name": n}, timeout=5).status_code for n in "AABA"]
    assert posts == [503, 503, 503, 201]  # A passed; B is another request
    emu.limit_faults_in_a_row(None)
    assert client.session.get(me, timeout=5).status_code == 503
    with pytest.raises(ValueError, match="at least 1"):
        emu.limit_faults_in_a_row(0)


def test_accepted_connections_are_counted(emu: ConfigCatEmulator) -> None:
    before = emu.connections_accepted
    with requests.Session() as session:
        for _ in range(3):  # one kept-alive connection
            assert session.get(emu.base_url + "/v1/me", auth=(emu.username, emu.password), timeout=5).ok
    requests.get(emu.base_url + "/v1/me", timeout=5)  # and one more
    assert emu.connections_accepted - before == 2


def _rate_pattern(seed: int) -> list[int]:
    with ConfigCatEmulator(seed=seed) as emu:
        emu.inject_fault("status", rate=0.5, status=503)
        auth = (emu.username, emu.password)
        with requests.Session() as session:
            return [session.get(emu.base_url + "/v1/me", auth=auth, timeout=5).status_code for _ in range(16)]


def test_rate_fault_is_deterministic_per_seed() -> None:
    first, again, other = _rate_pattern(1), _rate_pattern(1), _rate_pattern(2)
    assert first == again
    assert set(first) == {200, 503}
    assert first != other


def test_fault_arguments_are_checked(emu: ConfigCatEmulator) -> None:
    with pytest.raises(ValueError, match="kind"):
        emu.inject_fault("explode")
    with pytest.raises(ValueError, match="rate"):
        emu.inject_fault("status", rate=2)


# ---------------------------------------------------------------- in-process API


def test_call_and_state_skip_auth_and_logging(emu: ConfigCatEmulator) -> None:
    status, body = emu.call("POST", f"/v1/organizations/{emu.organization_id}/products", {"name": "P"})
    assert status == 201
    status, fetched = emu.call("GET", f"/v1/products/{body['productId']}")
    assert (status, fetched) == (200, body)
    assert emu.requests == []
    snapshot = emu.state()
    assert snapshot["products"][body["productId"]]["name"] == "P"
    snapshot["products"].clear()
    assert emu.state()["products"]
    assert emu.call("GET", "/v1/products/nope") == (404, None)
    status, errors = emu.call("POST", f"/v1/organizations/{emu.organization_id}/products", {})
    assert (status, errors) == (400, {"Name": ["The Name field is required."]})


def test_call_ignores_faults(emu: ConfigCatEmulator) -> None:
    emu.inject_fault("status", status=503)
    assert emu.call("GET", "/v1/me")[0] == 200
