"""A 300-resource stack created, updated, refreshed and destroyed while the emulator misbehaves.

The emulator answers 429 (with a short ``Retry-After``) to 20% of all requests, 503 to 5% of GETs, PUTs and
DELETEs, drops 2% of their connections, and delays a quarter of all answers. The engine runs four steps at
once, as ``pulumi up`` does. POSTs and PATCHes meet only 429s here: a 5xx or a lost connection on them is
not retried (see test_natural_keys for what follows). Each request meets at most three faults in a row
(``limit_faults_in_a_row``): the client makes six attempts, and without the bound one unlucky request in a
thousand would fail the run by chance, which says nothing about the provider.

After every run the emulator must hold exactly what the program declares: nothing missing, nothing made
twice, and after the destroy nothing left.

The second test adds lost answers to POSTs (carried out, then the connection drops): those steps fail, and
the following `up`s adopt what was made (see test_natural_keys), until the stack is whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import DynamicProviderProcess, MiniEngine, RunResult, secret
from tests.harness.stacks import ENVIRONMENTS, StackShape, stack_program

SHAPE = StackShape()  # 300 resources
NAME = "faulty"


@pytest.fixture
def world() -> Iterator[tuple[ConfigCatEmulator, DynamicProviderProcess]]:
    with ConfigCatEmulator(seed=10) as emulator, DynamicProviderProcess(project="acme") as process:
        process.configure(
            {
                "configcat:basicAuthUsername": emulator.username,
                "configcat:basicAuthPassword": secret(emulator.password),
                "configcat:basePath": emulator.base_url,
            }
        )
        emulator.inject_fault("status", status=429, retry_after="0.05", rate=0.2)
        for method in ("GET", "PUT", "DELETE"):
            emulator.inject_fault("status", method=method, status=503, rate=0.05)
            emulator.inject_fault("drop", method=method, rate=0.02)
        emulator.inject_fault("latency", delay=0.02, rate=0.25)
        emulator.limit_faults_in_a_row(3)
        yield emulator, process


def _ok(result: RunResult) -> RunResult:
    assert result.errors == [], result.errors[:3]
    return result


def _only(items: list[dict[str, Any]]) -> dict[str, Any]:
    (item,) = items
    return item


def _leftovers(emulator: ConfigCatEmulator) -> dict[str, Any]:
    """What the emulator holds beyond what it starts with: its organization and that organization's admin,
    the credentials' own user."""
    state = emulator.state()
    state["users"] = {k: u for k, u in state["users"].items() if u["email"] != "emulator@example.com"}
    return {table: rows for table, rows in state.items() if table != "organization" and rows}


def assert_holds_exactly(emulator: ConfigCatEmulator, shape: StackShape) -> None:
    """The emulator holds the declared stack, each entity once, with the declared values."""
    state = emulator.state()
    changed = shape.revision > 0
    product = _only([p for p in state["products"].values() if p["name"] == NAME])
    pid = product["productId"]
    config = _only([c for c in state["configs"].values() if c["productId"] == pid])
    assert (config["name"], config["evaluationVersion"]) == ("main", "v2")

    environments = {e["name"]: e for e in state["environments"].values() if e["productId"] == pid}
    assert sorted(environments) == sorted(ENVIRONMENTS)
    assert environments["production"]["color"] == ("#e53935" if changed else None)

    tags = {t["tagId"]: t for t in state["tags"].values() if t["productId"] == pid}
    assert sorted(t["name"] for t in tags.values()) == sorted(f"tag{i}" for i in range(shape.tags))
    assert {t["color"] for t in tags.values()} == {"salmon" if changed else "whale"}

    segments = {s["segmentId"]: s for s in state["segments"].values() if s["productId"] == pid}
    assert {s["name"]: s["comparisonValue"] for s in segments.values()} == {
        f"segment{i}": f"@team{i}.example" + (".org" if changed and i % 2 else "")
        for i in range(shape.segments)
    }

    settings = [s for s in state["settings"].values() if s["configId"] == config["configId"]]
    assert sorted(s["key"] for s in settings) == sorted(f"flag{f}" for f in range(shape.flags))
    env_ids = {e["environmentId"]: name for name, e in environments.items()}
    for setting in settings:
        f = int(setting["key"][4:])
        assert setting["hint"] == (f"revision {shape.revision}" if changed and f % 2 else None)
        assert [tags[t]["name"] for t in setting["tags"]] == [f"tag{f % shape.tags}"]
        values = state["values"][setting["settingId"]]
        assert set(values) == set(env_ids)
        for env_id, value in values.items():
            e = ENVIRONMENTS.index(env_ids[env_id])
            assert value["defaultValue"]["boolValue"] == ((f + e + shape.revision) % 2 == 0)
            rules = value["targetingRules"]
            if f % 3:
                assert rules == []
                continue
            segment_rule, split = rules
            segment_id = segment_rule["conditions"][0]["segmentCondition"]["segmentId"]
            assert segments[segment_id]["name"] == f"segment{(f + e) % shape.segments}"
            assert [o["percentage"] for o in split["percentageOptions"]] == (
                [30, 70] if changed else [20, 80]
            )


@pytest.mark.fault_run
def test_a_300_resource_stack_lives_through_faults(
    world: tuple[ConfigCatEmulator, DynamicProviderProcess],
) -> None:
    emulator, process = world
    engine = MiniEngine(process, parallel=4)
    first, second = SHAPE, StackShape(revision=1)

    created = _ok(engine.run(stack_program(emulator.organization_id, NAME, first)))
    assert [s.op for s in created.steps] == ["create"] * SHAPE.resources
    assert_holds_exactly(emulator, first)

    updated = _ok(engine.run(stack_program(emulator.organization_id, NAME, second)))
    ops = [s.op for s in updated.steps]
    assert set(ops) == {"update", "same"}
    assert "replace" not in ops
    assert_holds_exactly(emulator, second)

    refreshed = engine.refresh()
    assert [s.op for s in refreshed] == ["refresh"] * SHAPE.resources
    assert {s.diff.changes for s in refreshed if s.diff} == {"DIFF_NONE"}  # no drift after all those retries
    again = _ok(engine.run(stack_program(emulator.organization_id, NAME, second)))
    assert {s.op for s in again.steps} == {"same"}

    faults_met = sum(1 for r in emulator.requests if r.status in (0, 429, 503))
    assert faults_met > 100  # the run really went through faults

    destroyed = engine.destroy()
    assert len(destroyed) == SHAPE.resources
    assert engine.state == {}
    assert _leftovers(emulator) == {}
    assert emulator.password not in "".join(process.log)


@pytest.mark.fault_run
def test_lost_creates_are_adopted_by_the_next_up(
    world: tuple[ConfigCatEmulator, DynamicProviderProcess],
) -> None:
    """POSTs whose answers are lost fail their step; the next `up` adopts what they made, and nothing doubles.

    Only entities with a natural key lose answers here (environments, segments, flags): a tag or a config has
    none, so a lost create of one would leave a duplicate no provider could recognize.
    """
    emulator, process = world
    lost = emulator.inject_fault(
        "drop", method="POST", path=r"/(environments|segments|settings)$", rate=0.25, after=True
    )
    shape = StackShape(flags=20)  # 100 resources
    engine = MiniEngine(process, parallel=4)
    runs = [engine.run(stack_program(emulator.organization_id, NAME, shape)) for _ in range(2)]
    while runs[-1].errors and len(runs) < 8:
        runs.append(engine.run(stack_program(emulator.organization_id, NAME, shape)))

    assert runs[-1].errors == []
    assert lost.hits > 0
    assert sum(len(run.errors) for run in runs) >= lost.hits  # every lost answer failed its step
    assert len(engine.state) == shape.resources
    assert_holds_exactly(emulator, shape)  # each adopted once, nothing made twice
    assert any("adopting it" in line for line in process.log)

    emulator.clear_faults()
    engine.destroy()
    assert _leftovers(emulator) == {}
