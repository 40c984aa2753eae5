"""Fixtures for the emulator tests: a running emulator and a client that checks every answer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from pulumi_configcat.testing import ConfigCatEmulator

from ._contract import check_response


class Client:
    """A thin HTTP client that validates each response against the spec."""

    def __init__(self, emu: ConfigCatEmulator) -> None:
        self.emu = emu
        self.session = requests.Session()
        self.session.auth = (emu.username, emu.password)

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """Send a request and check the answer's body against the contract."""
        kwargs.setdefault("timeout", 10)
        response = self.session.request(method, self.emu.base_url + path, **kwargs)
        check_response(method, path.split("?", maxsplit=1)[0], response)
        return response

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        """GET."""
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        """POST."""
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        """PUT."""
        return self.request("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> requests.Response:
        """PATCH."""
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        """DELETE."""
        return self.request("DELETE", path, **kwargs)

    def ok(self, method: str, path: str, **kwargs: Any) -> Any:
        """Send a request that must succeed; return the parsed body (None for 204)."""
        response = self.request(method, path, **kwargs)
        assert response.status_code in (200, 201, 204), (response.status_code, response.text)
        return response.json() if response.content else None


@pytest.fixture
def emu() -> Iterator[ConfigCatEmulator]:
    """A running emulator."""
    with ConfigCatEmulator(seed=7) as emulator:
        yield emulator


@pytest.fixture
def client(emu: ConfigCatEmulator) -> Iterator[Client]:
    """A spec-checking client for ``emu``."""
    c = Client(emu)
    yield c
    c.session.close()


@pytest.fixture
def product(client: Client) -> dict[str, Any]:
    """A product created over HTTP."""
    body: dict[str, Any] = client.ok(
        "POST", f"/v1/organizations/{client.emu.organization_id}/products", json={"name": "Shop"}
    )
    return body


@pytest.fixture
def world(client: Client, product: dict[str, Any]) -> dict[str, Any]:
    """A product with two environments, a v1 and a v2 config."""
    pid = product["productId"]
    prod = client.ok("POST", f"/v1/products/{pid}/environments", json={"name": "Prod"})
    dev = client.ok("POST", f"/v1/products/{pid}/environments", json={"name": "Dev"})
    v1 = client.ok("POST", f"/v1/products/{pid}/configs", json={"name": "V1"})
    v2 = client.ok("POST", f"/v1/products/{pid}/configs", json={"name": "V2", "evaluationVersion": "v2"})
    return {
        "pid": pid,
        "prod": prod["environmentId"],
        "dev": dev["environmentId"],
        "v1": v1["configId"],
        "v2": v2["configId"],
    }
