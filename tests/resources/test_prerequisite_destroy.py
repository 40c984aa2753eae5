"""Destroying flags that other flags of the same stack use as prerequisites (hardening II, item 9).

ConfigCat refuses to delete a flag while another flag's value has it as a prerequisite, and a value
resource's delete leaves the value (and its prerequisite conditions) on the server. The engine deletes the
value resource first (it refers to the prerequisite), but nothing orders the two flags: under ``--parallel 1``
the prerequisite's delete could come first and was retried for a minute, while the engine waited for it
before sending the dependant's delete, then failed; with more such deletes than the provider server's four
worker threads, the retrying deletes held every worker and the dependant's delete never ran.

Now the prerequisite's delete never waits: when refused, it removes the targeting rules that refer to it
from the values this run's value resources let go of, and deletes again; a dependant this stack does not
manage is named in an error at once, and left as it is.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import DynamicProviderProcess, MiniEngine, ProviderError, RunResult

# Well under the minute the old delete retried for: nothing here may wait on another delete.
QUICK = 20.0


@dataclass(frozen=True)
class Place:
    config_id: str
    production: str
    staging: str


def _ok(result: RunResult) -> RunResult:
    assert result.errors == [], result.errors
    return result


def _post(emulator: ConfigCatEmulator, path: str, body: dict[str, Any]) -> dict[str, Any]:
    status, answer = emulator.call("POST", path, body)
    assert status in (200, 201), answer
    assert isinstance(answer, dict)
    return answer


@pytest.fixture
def place(emulator: ConfigCatEmulator, unique: str) -> Place:
    org = emulator.organization_id
    pid = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"prereq-{unique}"})["productId"]
    config_id = _post(emulator, f"/v1/products/{pid}/configs", {"name": "main", "evaluationVersion": "v2"})[
        "configId"
    ]
    production = _post(emulator, f"/v1/products/{pid}/environments", {"name": "Production"})
    staging = _post(emulator, f"/v1/products/{pid}/environments", {"name": "Staging"})
    return Place(config_id, production["environmentId"], staging["environmentId"])


def _uses(*prerequisites: configcat.Setting, extra_rule: bool = False) -> list[dict[str, Any]]:
    """Targeting rules: one per prerequisite, each served true when it is on; then a plain user rule."""
    rules: list[dict[str, Any]] = [
        {
            "conditions": [
                {
                    "prerequisite_flag_condition": {
                        "prerequisite_setting_id": prerequisite.id,
                        "comparator": "equals",
                        "comparison_value": True,
                    }
                }
            ],
            "value": True,
        }
        for prerequisite in prerequisites
    ]
    if extra_rule:
        rules.append(
            {
                "conditions": [
                    {
                        "user_condition": {
                            "comparison_attribute": "Email",
                            "comparator": "containsAnyOf",
                            "comparison_value": ["@acme.com"],
                        }
                    }
                ],
                "value": True,
            }
        )
    return rules


def _timed(action: Callable[[], Any]) -> tuple[Any, float]:
    started = time.monotonic()
    result = action()
    return result, time.monotonic() - started


def test_a_destroy_one_step_at_a_time_deletes_a_prerequisite_before_the_flag_that_uses_it(
    engine: MiniEngine, emulator: ConfigCatEmulator, place: Place, unique: str
) -> None:
    assert engine.parallel == 1

    def program() -> None:
        # The dependant first: destroyed newest first, the prerequisite's delete comes before its own.
        checkout = configcat.Setting("checkout", config_id=place.config_id, key=f"checkout{unique}")
        payments = configcat.Setting("payments", config_id=place.config_id, key=f"payments{unique}")
        for name, env in (("production", place.production), ("staging", place.staging)):
            configcat.SettingValueV2(
                f"checkout-{name}",
                environment_id=env,
                setting_id=checkout.id,
                init_only=False,
                value=False,
                targeting_rules=_uses(payments, extra_rule=True),
            )

    _ok(engine.run(program))
    ids = {s.name: int(s.id_) for s in engine.state.values() if s.name in ("checkout", "payments")}
    order = [s.name for s in reversed(engine.state.values())]
    assert order.index("payments") < order.index("checkout")  # the order that used to fail
    emulator.requests.clear()

    steps, took = _timed(engine.destroy)

    assert [step.op for step in steps] == ["delete"] * 4
    assert took < QUICK
    assert not set(ids.values()) & set(emulator.state()["settings"])
    deletes = [(r.path, r.status) for r in emulator.requests if r.method == "DELETE"]
    assert deletes == [
        (f"/v1/settings/{ids['payments']}", 400),
        (f"/v1/settings/{ids['payments']}", 204),
        (f"/v1/settings/{ids['checkout']}", 204),
    ]


def test_a_parallel_destroy_with_more_refused_prerequisites_than_workers_finishes(
    provider_process: DynamicProviderProcess, emulator: ConfigCatEmulator, place: Place, unique: str
) -> None:
    """Five prerequisites of one flag, four workers: the prerequisites' deletes come first (their names sort
    first) and each is refused; none may hold a worker waiting for the dependant's delete."""
    engine = MiniEngine(provider_process, parallel=4)

    def program() -> None:
        prerequisites = [
            configcat.Setting(f"a-prerequisite-{n}", config_id=place.config_id, key=f"pre{n}{unique}")
            for n in range(5)
        ]
        checkout = configcat.Setting("z-checkout", config_id=place.config_id, key=f"checkout{unique}")
        configcat.SettingValueV2(
            "z-checkout-production",
            environment_id=place.production,
            setting_id=checkout.id,
            init_only=False,
            value=False,
            targeting_rules=_uses(*prerequisites),
        )

    _ok(engine.run(program))
    ids = {int(s.id_) for s in engine.state.values() if ":" not in s.id_}
    assert len(ids) == 6

    steps, took = _timed(engine.destroy)

    assert len(steps) == 7
    assert took < QUICK
    assert not ids & set(emulator.state()["settings"])


def test_a_prerequisite_of_a_flag_the_stack_does_not_manage_is_refused_at_once_naming_it(
    engine: MiniEngine, emulator: ConfigCatEmulator, place: Place, unique: str
) -> None:
    def program() -> None:
        configcat.Setting("payments", config_id=place.config_id, key=f"payments{unique}")

    _ok(engine.run(program))
    payments = next(iter(engine.state.values()))
    # Made in the dashboard: a flag whose staging value has the stack's flag as a prerequisite.
    handmade = _post(
        emulator,
        f"/v1/configs/{place.config_id}/settings",
        {"key": f"handMade{unique}", "name": "Hand made", "settingType": "boolean"},
    )
    formula = {
        "defaultValue": {"boolValue": False},
        "targetingRules": [
            {
                "conditions": [
                    {
                        "prerequisiteFlagCondition": {
                            "prerequisiteSettingId": int(payments.id_),
                            "comparator": "equals",
                            "prerequisiteComparisonValue": {"boolValue": True},
                        }
                    }
                ],
                "value": {"boolValue": True},
            }
        ],
    }
    path = f"/v2/environments/{place.staging}/settings/{handmade['settingId']}/value"
    assert emulator.call("PUT", path, formula)[0] == 200
    before = emulator.call("GET", path)[1]

    started = time.monotonic()
    with pytest.raises(ProviderError) as caught:
        engine.destroy()
    assert time.monotonic() - started < QUICK
    message = caught.value.details
    assert f"handMade{unique}" in message
    assert "Staging" in message
    assert "not managed by this stack" in message
    # Left as it was; the stack keeps the flag, and says so at once, without retrying for a minute.
    assert emulator.call("GET", path)[1] == before
    assert int(payments.id_) in emulator.state()["settings"]
    assert len(engine.state) == 1
    # Once the dashboard's condition is gone, the destroy goes through.
    assert emulator.call("PUT", path, {"defaultValue": {"boolValue": False}})[0] == 200
    engine.destroy()
    assert int(payments.id_) not in emulator.state()["settings"]


def test_dropping_a_prerequisite_and_the_value_that_used_it_removes_only_the_rules_that_named_it(
    engine: MiniEngine, emulator: ConfigCatEmulator, place: Place, unique: str
) -> None:
    """The program stops managing the dependant's value and drops the prerequisite, but keeps the dependant
    flag: the value's rules that named the deleted flag go (they cannot stay: ConfigCat refuses a delete
    while they exist), its other rules and its default stay."""

    def program(with_prerequisite: bool) -> None:
        checkout = configcat.Setting("checkout", config_id=place.config_id, key=f"checkout{unique}")
        if with_prerequisite:
            payments = configcat.Setting("payments", config_id=place.config_id, key=f"payments{unique}")
            configcat.SettingValueV2(
                "checkout-production",
                environment_id=place.production,
                setting_id=checkout.id,
                init_only=False,
                value=True,
                targeting_rules=_uses(payments, extra_rule=True),
            )

    _ok(engine.run(lambda: program(True)))
    checkout = next(s for s in engine.state.values() if s.name == "checkout")
    result, took = _timed(lambda: engine.run(lambda: program(False)))
    _ok(result)
    assert sorted(step.op for step in result.steps) == ["delete", "delete", "same"]
    assert took < QUICK
    status, value = emulator.call("GET", f"/v2/environments/{place.production}/settings/{checkout.id_}/value")
    assert status == 200
    assert value["defaultValue"]["boolValue"] is True
    assert [
        rule["conditions"][0].get("userCondition", {}).get("comparator") for rule in value["targetingRules"]
    ] == ["containsAnyOf"]
    engine.destroy()
