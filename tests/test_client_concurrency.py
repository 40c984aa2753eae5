"""One client serves the provider process's four concurrent calls: a shared session under threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from pulumi_configcat._client import get_client, reset_clients
from pulumi_configcat._settings import ClientSettings
from pulumi_configcat.testing import ConfigCatEmulator


def test_one_shared_client_serves_concurrent_calls(emulator: ConfigCatEmulator) -> None:
    settings = ClientSettings(emulator.username, emulator.password, emulator.base_url)
    org = emulator.organization_id
    emulator.requests.clear()

    def work(worker: int) -> list[str]:
        client = get_client(settings)
        ids = []
        for n in range(10):
            product = client.post(f"/v1/organizations/{org}/products", {"name": f"concurrent-{worker}-{n}"})
            assert client.get(f"/v1/products/{product['productId']}")["name"] == f"concurrent-{worker}-{n}"
            client.delete(f"/v1/products/{product['productId']}")
            ids.append(product["productId"])
        return ids

    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(work, range(4)))
        clients = {id(get_client(settings)) for _ in range(3)}
    finally:
        reset_clients([settings])

    created = [id_ for ids in results for id_ in ids]
    assert len(set(created)) == 40
    assert len(clients) == 1
    assert sorted({r.status for r in emulator.requests}) == [200, 201, 204]
    assert len(emulator.requests) == 120
    assert not set(created) & set(emulator.state()["products"])
