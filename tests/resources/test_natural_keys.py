"""Adoption after an ambiguous create: the POST was carried out, its answer was lost, the next run adopts.

The emulator's ``after=True`` faults carry the request out and then drop the connection (or answer a 5xx),
which is what a client sees when a gateway times out or a connection breaks on the way back. POSTs are not
retried, so the first run fails; the entity exists all the same. The next run's create is refused as a
duplicate of the entity's natural key, and the provider finds the entity by listing its parent and adopts it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import DynamicProviderProcess, MiniEngine, ProviderError


@pytest.fixture
def faults(emulator: ConfigCatEmulator) -> Iterator[ConfigCatEmulator]:
    emulator.clear_faults()
    emulator.requests.clear()
    yield emulator
    emulator.clear_faults()


def _post(emulator: ConfigCatEmulator, path: str, body: dict[str, Any]) -> dict[str, Any]:
    status, answer = emulator.call("POST", path, body)
    assert status in (200, 201), answer
    assert isinstance(answer, dict)
    return answer


@dataclass(frozen=True)
class Case:
    """One entity with a natural key: how to declare it, where it is created, where it is stored."""

    name: str
    collection: str  # the emulator state's table
    create_path: str  # a regular expression for the POST's path
    declare: Callable[[dict[str, str], str, str], object]  # (parents, key, description) -> resource


def _parents(emulator: ConfigCatEmulator, unique: str) -> dict[str, str]:
    product = _post(
        emulator, f"/v1/organizations/{emulator.organization_id}/products", {"name": f"nk-{unique}"}
    )
    config = _post(emulator, f"/v1/products/{product['productId']}/configs", {"name": "main"})
    return {
        "organization": emulator.organization_id,
        "product": product["productId"],
        "config": config["configId"],
    }


CASES = [
    Case(
        "Product",
        "products",
        r"/organizations/[^/]+/products$",
        lambda p, key, text: configcat.Product(key, organization_id=p["organization"], description=text),
    ),
    Case(
        "Environment",
        "environments",
        r"/products/[^/]+/environments$",
        lambda p, key, text: configcat.Environment(key, product_id=p["product"], description=text),
    ),
    Case(
        "Segment",
        "segments",
        r"/products/[^/]+/segments$",
        lambda p, key, text: configcat.Segment(
            key,
            product_id=p["product"],
            description=text,
            comparison_attribute="Email",
            comparator="contains",
            comparison_value="@acme.com",
        ),
    ),
    Case(
        "Setting",
        "settings",
        r"/configs/[^/]+/settings$",
        lambda p, key, text: configcat.Setting(key, config_id=p["config"], key=key, hint=text),
    ),
]


def _holding(emulator: ConfigCatEmulator, case: Case, key: str) -> list[str]:
    """Ids of the stored entities whose natural key is ``key`` (any case)."""
    field = "key" if case.name == "Setting" else "name"
    return [
        str(id_)
        for id_, entity in emulator.state()[case.collection].items()
        if entity[field].casefold() == key.casefold()
    ]


def _wait_for_log(process: DynamicProviderProcess, start: int, text: str) -> list[str]:
    """The provider's stderr is drained by a thread, so a line may land just after the RPC returned."""
    deadline = time.monotonic() + 5
    while True:
        lines = [line for line in process.log[start:] if text in line]
        if lines or time.monotonic() > deadline:
            return lines
        time.sleep(0.01)


@pytest.mark.parametrize("after", ["drop", "status"])
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_next_run_adopts_what_a_lost_create_made(  # noqa: PLR0917 - fixtures and parameters
    engine: MiniEngine,
    faults: ConfigCatEmulator,
    provider_process: DynamicProviderProcess,
    unique: str,
    case: Case,
    after: str,
) -> None:
    parents = _parents(faults, unique)
    key = f"lost{unique}"
    faults.inject_fault(after, method="POST", path=case.create_path, status=502, after=True, times=1)

    first = engine.run(lambda: case.declare(parents, key, "first try"))
    (error,) = first.errors
    assert isinstance(error, ProviderError)
    assert "POST" in error.details
    assert engine.state == {}
    (made,) = _holding(faults, case, key)  # carried out, though the client never heard so

    log_start = len(provider_process.log)
    # The program changed meanwhile (a new description; a name in other case): adoption brings it there.
    # A flag's key cannot change once made, so the flag is declared with the key the first run sent.
    declared = key if case.name == "Setting" else key.upper()
    second = engine.run(lambda: case.declare(parents, declared, "second try"))
    assert second.errors == []
    (step,) = second.steps
    assert (step.op, step.id_) == ("create", made)
    assert _holding(faults, case, key) == [made]  # nothing made twice
    stored = faults.state()[case.collection]
    stored = stored[int(made)] if case.name == "Setting" else stored[made]
    if case.name == "Setting":
        assert stored["hint"] == "second try"
    else:
        assert (stored["name"], stored["description"]) == (declared, "second try")
    warnings = _wait_for_log(provider_process, log_start, "adopting it")
    assert len(warnings) == 1
    assert f"(id {made})" in warnings[0]
    assert faults.password not in "".join(provider_process.log[log_start:])

    engine.destroy()
    assert _holding(faults, case, key) == []


def test_a_duplicate_that_cannot_be_adopted_fails_with_both_reasons(
    engine: MiniEngine, faults: ConfigCatEmulator, unique: str
) -> None:
    parents = _parents(faults, unique)
    existing = _post(
        faults,
        f"/v1/configs/{parents['config']}/settings",
        {"key": "taken", "name": "taken", "settingType": "string"},
    )

    result = engine.run(lambda: configcat.Setting("taken", config_id=parents["config"], key="TAKEN"))

    (error,) = result.errors
    assert isinstance(error, ProviderError)
    assert "answered 400" in error.details
    assert "This key is already in use" in error.details
    assert f"cannot adopt Setting '{existing['settingId']}'" in error.details
    assert "setting_type is 'string', not 'boolean'" in error.details
    assert len(faults.state()["settings"]) == len({*faults.state()["settings"]})


def test_a_refusal_the_natural_key_does_not_explain_reaches_the_user(
    engine: MiniEngine, faults: ConfigCatEmulator, unique: str
) -> None:
    parents = _parents(faults, unique)
    faults.requests.clear()

    # Refused for another reason: there is no product of that name to adopt, so the list finds none.
    faults.inject_fault("status", method="POST", path="/products$", status=400, times=1)
    result = engine.run(lambda: configcat.Product(f"fresh-{unique}", organization_id=parents["organization"]))

    (error,) = result.errors
    assert isinstance(error, ProviderError)
    assert "answered 400" in error.details
    assert [(r.method, r.path) for r in faults.requests] == [
        ("POST", f"/v1/organizations/{parents['organization']}/products"),
        ("GET", "/v1/products"),
    ]
    assert engine.state == {}
