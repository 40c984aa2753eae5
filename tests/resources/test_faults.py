"""Rate limits and failures of the service, end to end: emulator faults seen through the provider process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import DynamicProviderProcess, MiniEngine, ProviderError, secret


@pytest.fixture
def faults(emulator: ConfigCatEmulator) -> Iterator[ConfigCatEmulator]:
    emulator.clear_faults()
    emulator.requests.clear()
    yield emulator
    emulator.clear_faults()


def _retry_lines(process: DynamicProviderProcess, start: int) -> list[str]:
    return [line for line in process.log[start:] if "retrying in" in line]


def _calls(emulator: ConfigCatEmulator, method: str, prefix: str) -> list[int]:
    return [r.status for r in emulator.requests if r.method == method and r.path.startswith(prefix)]


def test_a_rate_limited_create_is_retried_after_retry_after(
    engine: MiniEngine, faults: ConfigCatEmulator, provider_process: DynamicProviderProcess, unique: str
) -> None:
    org = faults.organization_id
    fault = faults.inject_fault(
        "status", status=429, retry_after="0", method="POST", path="/products$", times=2
    )
    log_start = len(provider_process.log)

    result = engine.run(lambda: configcat.Product(f"limited-{unique}", organization_id=org))

    assert result.errors == []
    assert fault.hits == 2
    assert _calls(faults, "POST", f"/v1/organizations/{org}/products") == [429, 429, 201]
    lines = _retry_lines(provider_process, log_start)
    assert len(lines) == 2
    assert f"POST /v1/organizations/{org}/products: 429" in lines[0]
    assert faults.password not in "".join(provider_process.log)


def test_a_server_error_on_create_is_not_retried_so_nothing_is_made_twice(
    engine: MiniEngine, faults: ConfigCatEmulator, unique: str
) -> None:
    org = faults.organization_id
    products_before = len(faults.state()["products"])
    faults.inject_fault("status", status=503, method="POST", path="/products$", times=1)

    result = engine.run(lambda: configcat.Product(f"unlucky-{unique}", organization_id=org))

    (error,) = result.errors
    assert isinstance(error, ProviderError)
    assert f"POST /v1/organizations/{org}/products answered 503" in error.details
    assert _calls(faults, "POST", f"/v1/organizations/{org}/products") == [503]
    assert len(faults.state()["products"]) == products_before
    # The next run creates it.
    assert engine.run(lambda: configcat.Product(f"unlucky-{unique}", organization_id=org)).errors == []


@pytest.mark.parametrize("kind", ["status", "drop"])
def test_a_create_that_failed_says_the_entity_may_or_may_not_exist(
    engine: MiniEngine, faults: ConfigCatEmulator, unique: str, kind: str
) -> None:
    org = faults.organization_id
    faults.inject_fault(kind, status=502, method="POST", path="/products$", times=1)

    result = engine.run(lambda: configcat.Product(f"maybe-{unique}", organization_id=org))

    (error,) = result.errors
    assert isinstance(error, ProviderError)
    assert f"ConfigCat API POST /v1/organizations/{org}/products" in error.details
    assert "the entity may or may not have been created" in error.details
    assert len(_calls(faults, "POST", f"/v1/organizations/{org}/products")) == 1


def test_reads_and_updates_survive_server_errors_and_dropped_connections(
    engine: MiniEngine, faults: ConfigCatEmulator, unique: str
) -> None:
    created = engine.run(lambda: configcat.Environment(f"env-{unique}", product_id=_product(faults, unique)))
    assert created.errors == []
    id_ = created.steps[0].id_

    faults.inject_fault("status", status=502, method="GET", path=f"/v1/environments/{id_}$", times=1)
    faults.inject_fault("drop", method="PUT", path=f"/v1/environments/{id_}$", times=1)
    assert [step.op for step in engine.refresh()] == ["refresh"]
    updated = engine.run(
        lambda: configcat.Environment(f"env-{unique}", product_id=_product(faults, unique), color="#123456")
    )
    assert updated.errors == []
    assert faults.state()["environments"][id_]["color"] == "#123456"
    assert _calls(faults, "GET", f"/v1/environments/{id_}") == [502, 200]
    assert _calls(faults, "PUT", f"/v1/environments/{id_}") == [0, 200]


def test_retries_give_up_and_say_how_often_they_tried(
    engine: MiniEngine, faults: ConfigCatEmulator, unique: str
) -> None:
    faults.inject_fault("status", status=429, retry_after="0", method="POST")
    result = engine.run(lambda: configcat.Product(f"never-{unique}", organization_id=faults.organization_id))
    (error,) = result.errors
    assert isinstance(error, ProviderError)
    assert "429" in error.details
    assert "gave up after 6 attempts" in error.details


_products: dict[str, str] = {}


def _product(emulator: ConfigCatEmulator, unique: str) -> str:
    """A product made out of band, once per test, for resources that need a parent."""
    if unique not in _products:
        status, body = emulator.call(
            "POST", f"/v1/organizations/{emulator.organization_id}/products", {"name": f"parent-{unique}"}
        )
        assert status == 201
        _products[unique] = body["productId"]
    return _products[unique]


def test_a_stack_under_the_rate_limit_is_paced_not_refused(unique: str) -> None:
    # Issue 10: the provider process reads the rate-limit headers and spreads its calls over the window.
    with ConfigCatEmulator(rate_limit=5, rate_limit_period=1.0) as limited:
        with DynamicProviderProcess(project="acme") as process:
            process.configure(
                {
                    "configcat:basicAuthUsername": limited.username,
                    "configcat:basicAuthPassword": secret(limited.password),
                    "configcat:basePath": limited.base_url,
                }
            )

            def program() -> None:
                product = configcat.Product(f"paced-{unique}", organization_id=limited.organization_id)
                for index in range(11):
                    configcat.Tag(f"paced-{index}", product_id=product.id)

            result = MiniEngine(process).run(program)
        statuses = [request.status for request in limited.requests]
    assert result.errors == []
    assert statuses.count(201) == 12
    assert statuses.count(429) <= 1, statuses
