"""The provider process serves several calls at once: threads hammer one process with creates and updates.

The engine sends a provider many RPCs at once (``pulumi up --parallel``); the Python server answers four at
a time over one shared HTTP client. Here eight threads send Check, Create, Update, Read and Delete RPCs for
four kinds of entity straight to one provider process, and every answer is checked against what was asked
and against what the emulator holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import DynamicProviderProcess, capture_registrations, secret

WORKERS = 8
PER_KIND = 12


@pytest.fixture
def world() -> Iterator[tuple[ConfigCatEmulator, DynamicProviderProcess]]:
    with ConfigCatEmulator(seed=3) as emulator, DynamicProviderProcess(project="acme") as process:
        process.configure(
            {
                "configcat:basicAuthUsername": emulator.username,
                "configcat:basicAuthPassword": secret(emulator.password),
                "configcat:basePath": emulator.base_url,
            }
        )
        yield emulator, process


def _post(emulator: ConfigCatEmulator, path: str, body: dict[str, Any]) -> dict[str, Any]:
    status, answer = emulator.call("POST", path, body)
    assert status in (200, 201), answer
    assert isinstance(answer, dict)
    return answer


def _declared(declare: Callable[..., object], *args: Any) -> tuple[str, dict[str, Any]]:
    """The type token and wire inputs (``__provider`` included) a resource really registers.

    Programs run under the SDK's process-wide mocks, so this runs on the test's thread, never in the pool.
    """
    (registration,) = capture_registrations(lambda: declare(*args))
    return registration.type_, registration.inputs


def test_parallel_creates_updates_and_deletes_across_entity_types(
    world: tuple[ConfigCatEmulator, DynamicProviderProcess],
) -> None:
    emulator, process = world
    product = _post(emulator, f"/v1/organizations/{emulator.organization_id}/products", {"name": "busy"})
    pid = product["productId"]
    config = _post(emulator, f"/v1/products/{pid}/configs", {"name": "main", "evaluationVersion": "v2"})[
        "configId"
    ]
    production = _post(emulator, f"/v1/products/{pid}/environments", {"name": "production"})["environmentId"]
    # Every answer takes a while, so calls overlap as they do against the real service.
    emulator.inject_fault("latency", delay=0.03)
    connections_before = emulator.connections_accepted

    def tag(n: int, rev: int) -> object:
        return configcat.Tag(f"tag{n}", product_id=pid, color=("whale", "salmon")[rev])

    def segment(n: int, rev: int) -> object:
        return configcat.Segment(
            f"segment{n}",
            product_id=pid,
            comparison_attribute="Email",
            comparator="contains",
            comparison_value=f"@{n}.rev{rev}.example",
        )

    def environment(n: int, rev: int) -> object:
        return configcat.Environment(f"env{n}", product_id=pid, description=f"rev {rev}")

    def setting(n: int, rev: int) -> object:
        return configcat.Setting(f"flag{n}", config_id=config, key=f"flag{n}", hint=f"rev {rev}")

    kinds = {"tag": tag, "segment": segment, "environment": environment, "setting": setting}
    jobs = [(kind, n) for n in range(PER_KIND) for kind in kinds]
    declared = {(kind, n, rev): _declared(kinds[kind], n, rev) for kind, n in jobs for rev in (0, 1)}

    def create(job: tuple[str, int]) -> tuple[str, str, dict[str, Any], dict[str, Any]]:
        kind, n = job
        type_, raw = declared[kind, n, 0]
        inputs, failures = process.check(type_, f"{kind}{n}", {}, raw)
        assert failures == []
        id_, outputs = process.create(type_, f"{kind}{n}", inputs)
        return type_, id_, inputs, outputs

    with ThreadPoolExecutor(WORKERS) as pool:
        created = list(pool.map(create, jobs))

    assert len({id_ for _, id_, _, _ in created}) == len(jobs)
    for (kind, n), (_, _, inputs, outputs) in zip(jobs, created, strict=True):
        for key, declared_value in inputs.items():
            if key != "__provider" and declared_value is not None:
                assert outputs[key] == declared_value or float(outputs[key]) == declared_value, (kind, n, key)
    state = emulator.state()
    assert sorted(t["name"] for t in state["tags"].values()) == sorted(f"tag{n}" for n in range(PER_KIND))
    assert len(state["segments"]) == PER_KIND
    assert len(state["environments"]) == PER_KIND + 1
    assert sorted(s["key"] for s in state["settings"].values()) == sorted(f"flag{n}" for n in range(PER_KIND))

    def update(index: int) -> dict[str, Any]:
        (kind, n), (type_, id_, old_inputs, old_outputs) = jobs[index], created[index]
        _, raw = declared[kind, n, 1]
        inputs, failures = process.check(type_, f"{kind}{n}", old_inputs, raw)
        assert failures == []
        assert process.diff(type_, f"{kind}{n}", id_, old_outputs, inputs, old_inputs).changes == "DIFF_SOME"
        return process.update(type_, f"{kind}{n}", id_, old_outputs, inputs, old_inputs)

    setting_ids = [c[1] for (kind, _), c in zip(jobs, created, strict=True) if kind == "setting"]

    def declare_value(index: int) -> object:
        return configcat.SettingValueV2(
            f"v{index}", environment_id=production, setting_id=setting_ids[index], init_only=False, value=True
        )

    value_inputs = [_declared(declare_value, index) for index in range(PER_KIND)]

    def value(index: int) -> tuple[str, dict[str, Any]]:
        type_, raw = value_inputs[index]
        inputs, failures = process.check(type_, f"v{index}", {}, raw)
        assert failures == []
        return process.create(type_, f"v{index}", inputs)

    # Updates of every kind and value creates, all at once.
    with ThreadPoolExecutor(WORKERS) as pool:
        updates = pool.map(update, range(len(jobs)))
        values = pool.map(value, range(PER_KIND))
        updated, written = list(updates), list(values)

    for (kind, n), outputs in zip(jobs, updated, strict=True):
        expected = {
            "tag": ("color", "salmon"),
            "segment": ("comparison_value", f"@{n}.rev1.example"),
            "environment": ("description", "rev 1"),
            "setting": ("hint", "rev 1"),
        }[kind]
        assert outputs[expected[0]] == expected[1], (kind, n)
    state = emulator.state()
    assert {t["color"] for t in state["tags"].values()} == {"salmon"}
    assert {s["hint"] for s in state["settings"].values()} == {"rev 1"}
    assert {s["comparisonValue"] for s in state["segments"].values()} == {
        f"@{n}.rev1.example" for n in range(PER_KIND)
    }
    assert [outputs["value"] for _, outputs in written] == [{"bool_value": True}] * PER_KIND
    assert all(values[production]["defaultValue"]["boolValue"] for values in state["values"].values())

    def read_then_delete(index: int) -> str:
        type_, id_, inputs, _ = created[index]
        outputs = updated[index]
        read_id, read_outputs, _ = process.read(type_, "r", id_, outputs, inputs)
        assert (read_id, read_outputs) == (id_, outputs)
        process.delete(type_, "d", id_, outputs, inputs)
        return id_

    with ThreadPoolExecutor(WORKERS) as pool:
        deleted = list(pool.map(read_then_delete, range(len(jobs))))

    assert len(set(deleted)) == len(jobs)
    state = emulator.state()
    assert (state["tags"], state["segments"], state["settings"]) == ({}, {}, {})
    assert list(state["environments"]) == [production]
    # Served at once (more than one connection), yet never more connections than the server's four workers.
    assert 2 <= emulator.connections_accepted - connections_before <= 4
    assert not [line for line in process.log if "Traceback" in line]
