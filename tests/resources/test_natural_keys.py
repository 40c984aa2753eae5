"""Adoption after an ambiguous create: the POST was carried out, its answer was lost, the next run adopts.

The emulator's ``after=True`` faults carry the request out and then drop the connection (or answer a 5xx),
which is what a client sees when a gateway times out or a connection breaks on the way back. POSTs are not
retried, so the first run fails; the entity exists all the same. The next run's create is refused as a
duplicate of the entity's natural key, and the provider finds the entity by listing its parent and adopts it,
but only when it is provably what the lost create made: every input as declared and, where the API names a
creator, made by the credentials' user. An entity made by hand under the same key is never taken over (a
later destroy would delete it): the create fails with the API's message and the ``import_`` to use.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pulumi
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
    second = engine.run(lambda: case.declare(parents, key, "first try"))
    assert second.errors == []
    (step,) = second.steps
    assert (step.op, step.id_) == ("create", made)
    assert _holding(faults, case, key) == [made]  # nothing made twice
    warnings = _wait_for_log(provider_process, log_start, "adopting it")
    assert len(warnings) == 1
    assert f"(id {made})" in warnings[0]
    assert faults.password not in "".join(provider_process.log[log_start:])
    assert [s.op for s in engine.run(lambda: case.declare(parents, key, "first try")).steps] == ["same"]

    engine.destroy()
    assert _holding(faults, case, key) == []


def _made_by_hand(emulator: ConfigCatEmulator, case: Case, parents: dict[str, str], key: str) -> str:
    """Makes by hand, as in the dashboard, what ``case.declare(parents, key, "by hand")`` declares."""
    product, config = parents["product"], parents["config"]
    segment = {"comparisonAttribute": "Email", "comparator": "contains", "comparisonValue": "@acme.com"}
    path, body, id_field = {
        "Product": (f"/v1/organizations/{parents['organization']}/products", {"name": key}, "productId"),
        "Environment": (f"/v1/products/{product}/environments", {"name": key}, "environmentId"),
        "Segment": (f"/v1/products/{product}/segments", {"name": key, **segment}, "segmentId"),
        "Setting": (
            f"/v1/configs/{config}/settings",
            {"key": key, "name": key, "settingType": "boolean"},
            "settingId",
        ),
    }[case.name]
    text_field = "hint" if case.name == "Setting" else "description"
    return str(_post(emulator, path, {**body, text_field: "by hand"})[id_field])


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_an_entity_made_by_hand_under_the_same_key_is_not_taken_over(
    engine: MiniEngine, faults: ConfigCatEmulator, unique: str, case: Case
) -> None:
    parents = _parents(faults, unique)
    key = f"hand{unique}"
    made = _made_by_hand(faults, case, parents, key)
    before = faults.state()[case.collection]
    faults.requests.clear()

    result = engine.run(lambda: case.declare(parents, key, "from the program"))

    (error,) = result.errors
    assert isinstance(error, ProviderError)
    assert "answered 400" in error.details  # the API's own refusal, with method and path
    assert "POST" in error.details
    text_field = "hint" if case.name == "Setting" else "description"
    assert f"{text_field} is 'by hand', not 'from the program'" in error.details
    assert f"import_={made!r}" in error.details
    assert engine.state == {}
    assert faults.state()[case.collection] == before  # untouched: not renamed, not re-described
    assert [r.method for r in faults.requests if r.method != "GET"] == ["POST"]

    engine.destroy()
    assert _holding(faults, case, key) == [made]  # destroy cannot delete what the stack never took


def test_a_segment_made_by_someone_else_is_not_taken_over_even_when_it_matches(
    engine: MiniEngine, faults: ConfigCatEmulator, unique: str
) -> None:
    (case,) = [case for case in CASES if case.name == "Segment"]
    parents = _parents(faults, unique)
    key = f"twin{unique}"
    made = _made_by_hand(faults, case, parents, key)
    faults.api.segments[made]["creatorEmail"] = "colleague@example.com"

    result = engine.run(lambda: case.declare(parents, key, "by hand"))  # every input as the colleague's

    (error,) = result.errors
    assert isinstance(error, ProviderError)
    assert "it was made by colleague@example.com, not by emulator@example.com" in error.details
    assert f"import_={made!r}" in error.details
    assert engine.state == {}

    # What a user does on purpose: take it over with import_.
    adopted = engine.run(
        lambda: configcat.Segment(
            key,
            product_id=parents["product"],
            description="by hand",
            comparison_attribute="Email",
            comparator="contains",
            comparison_value="@acme.com",
            opts=pulumi.ResourceOptions(import_=made),
        )
    )
    assert adopted.errors == []
    assert [(s.op, s.id_) for s in adopted.steps] == [("create", made)]


def test_a_duplicate_of_another_type_fails_with_both_reasons(
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
    assert f"a Setting with the same config_id and key already exists (id {existing['settingId']})" in (
        error.details
    )
    assert "key is 'taken', not 'TAKEN'" in error.details
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
