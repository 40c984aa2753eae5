"""A 300-resource stack through the provider versus a plain script making the same API calls in turn.

Run from the repository root::

    .venv/bin/python bench/bench_stack.py [--latency-ms 50 0] [--flags 70] [--parallel 16]

For each latency (the emulator sleeps that long before every answer, as a network would):

* **The stack**: ``tests.harness.stacks`` (a product, a config, 3 environments, 8 tags, 7 segments, 70 flags
  each with a tag and a ``SettingValueV2`` in every environment, every third with a segment rule and a
  percentage split: 300 resources) is created, refreshed and destroyed by ``tests.harness.MiniEngine`` in
  parallel mode over the real provider process (``python -m pulumi.dynamic``, which answers 4 RPCs at once).
  The program runs under ``pulumi.runtime.set_mocks``; the SDK sends each registration as soon as its inputs
  resolve, and the harness runs its Check and Create against the provider right away, with no lock between
  steps, as the engine does. Refresh reads up to ``--parallel`` resources at once; destroy deletes up to
  ``--parallel`` at once, each after its dependents. It is not the Pulumi CLI (the harness has no
  checkpointing, no display, no plugin start-up), so the CLI's own overhead is not in these figures.
* **The plain script**: one ``requests.Session`` makes the same API calls one after another: the POSTs of the
  create, a GET and a PUT per value (what the provider sends), a GET per resource to refresh, the DELETEs.

Both run against the same emulator, which runs in a process of its own as the real service does (so its work
does not take the interpreter lock from the harness; ``--in-process`` runs it in this process instead). Also
printed: the requests each sent, and the TCP connections the provider process opened during the stack's three
phases (as the emulator counted them when it accepted them).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import requests

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from pulumi_configcat.testing import ConfigCatEmulator  # noqa: E402
from tests.harness import DynamicProviderProcess, MiniEngine, secret  # noqa: E402
from tests.harness.stacks import ENVIRONMENTS, StackShape, stack_program  # noqa: E402

PROVIDER_WORKERS = 4  # pulumi.dynamic's server: futures.ThreadPoolExecutor(max_workers=4)


@dataclass(frozen=True)
class Endpoint:
    """Where the emulator answers, and how to ask it what it saw (requests, accepted connections)."""

    base_url: str
    username: str
    password: str
    organization_id: str
    stats: Callable[[], tuple[int, int]]


def _serve(conn: Connection, latency: float) -> None:
    """The emulator's process: serve until told to stop, answering questions about what it saw."""
    with ConfigCatEmulator() as emulator:
        if latency:
            emulator.inject_fault("latency", delay=latency)
        conn.send((emulator.base_url, emulator.username, emulator.password, emulator.organization_id))
        while conn.recv() == "stats":
            conn.send((len(emulator.requests), emulator.connections_accepted))


@contextmanager
def emulator_at(latency: float, in_process: bool) -> Iterator[Endpoint]:
    """An emulator adding ``latency`` seconds to every answer, in a process of its own or in this one."""
    if in_process:
        with ConfigCatEmulator() as emulator:
            if latency:
                emulator.inject_fault("latency", delay=latency)
            yield Endpoint(
                emulator.base_url,
                emulator.username,
                emulator.password,
                emulator.organization_id,
                lambda: (len(emulator.requests), emulator.connections_accepted),
            )
        return
    parent, child = multiprocessing.get_context("spawn").Pipe()
    process = multiprocessing.get_context("spawn").Process(target=_serve, args=(child, latency), daemon=True)
    process.start()
    try:
        base_url, username, password, organization_id = parent.recv()

        def stats() -> tuple[int, int]:
            parent.send("stats")
            counts: tuple[int, int] = parent.recv()
            return counts

        yield Endpoint(base_url, username, password, organization_id, stats)
    finally:
        parent.send("stop")
        process.join(10)


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def run_stack(emulator: Endpoint, shape: StackShape, parallel: int) -> dict[str, Any]:
    """Creates, refreshes and destroys the stack through the provider; returns times and counts."""
    with DynamicProviderProcess(project="bench") as process:
        process.configure(
            {
                "configcat:basicAuthUsername": emulator.username,
                "configcat:basicAuthPassword": secret(emulator.password),
                "configcat:basePath": emulator.base_url,
            }
        )
        engine = MiniEngine(process, project="bench", parallel=parallel)
        program = stack_program(emulator.organization_id, "stack", shape)
        requests_before, connections_before = emulator.stats()

        create, created = timed(lambda: engine.run(program))
        if created.errors or len(created.steps) != shape.resources:
            raise RuntimeError(f"create: {len(created.steps)} steps, errors {created.errors[:2]}")
        refresh, refreshed = timed(engine.refresh)
        if {step.op for step in refreshed} != {"refresh"}:
            raise RuntimeError("refresh lost resources")
        destroy, destroyed = timed(engine.destroy)
        if len(destroyed) != shape.resources:
            raise RuntimeError("destroy left resources")
        requests_after, connections_after = emulator.stats()
        return {
            "create": create,
            "refresh": refresh,
            "destroy": destroy,
            "requests": requests_after - requests_before,
            "connections": connections_after - connections_before,
        }


def run_plain(emulator: Endpoint, shape: StackShape) -> dict[str, Any]:
    """The same API calls, one after another, from one ``requests.Session``."""
    session = requests.Session()
    session.auth = (emulator.username, emulator.password)
    base = emulator.base_url
    count = 0

    def call(method: str, path: str, body: Any = None) -> Any:
        nonlocal count
        count += 1
        response = session.request(method, base + path, json=body, timeout=30)
        response.raise_for_status()
        return response.json() if response.content else None

    gets: list[str] = []
    deletes: list[str] = []

    def create() -> None:
        org = emulator.organization_id
        product = call("POST", f"/v1/organizations/{org}/products", {"name": "plain", "order": 0})[
            "productId"
        ]
        config = call("POST", f"/v1/products/{product}/configs", {"name": "main", "evaluationVersion": "v2"})
        config_id = config["configId"]
        environments = [
            call("POST", f"/v1/products/{product}/environments", {"name": env})["environmentId"]
            for env in ENVIRONMENTS
        ]
        tags = [
            call("POST", f"/v1/products/{product}/tags", {"name": f"tag{i}", "color": "whale"})["tagId"]
            for i in range(shape.tags)
        ]
        segments = [
            call(
                "POST",
                f"/v1/products/{product}/segments",
                {
                    "name": f"segment{i}",
                    "comparisonAttribute": "Email",
                    "comparator": "contains",
                    "comparisonValue": f"@team{i}.example",
                },
            )["segmentId"]
            for i in range(shape.segments)
        ]
        gets.extend([f"/v1/products/{product}", f"/v1/configs/{config_id}"])
        gets.extend(f"/v1/environments/{e}" for e in environments)
        gets.extend(f"/v1/tags/{t}" for t in tags)
        gets.extend(f"/v1/segments/{s}" for s in segments)
        settings = []
        for f in range(shape.flags):
            body = {
                "key": f"flag{f}",
                "name": f"Flag {f}",
                "settingType": "boolean",
                "tags": [tags[f % len(tags)]],
            }
            setting_id = call("POST", f"/v1/configs/{config_id}/settings", body)["settingId"]
            settings.append(setting_id)
            gets.append(f"/v1/settings/{setting_id}")
            for e, env in enumerate(environments):
                path = f"/v2/environments/{env}/settings/{setting_id}/value"
                call("GET", path)
                rules: list[dict[str, Any]] = []
                if f % 3 == 0:
                    segment = segments[(f + e) % len(segments)]
                    rules = [
                        {
                            "conditions": [
                                {"segmentCondition": {"segmentId": segment, "comparator": "isIn"}}
                            ],
                            "percentageOptions": [],
                            "value": {"boolValue": True},
                        },
                        {
                            "conditions": [],
                            "percentageOptions": [
                                {"percentage": 20, "value": {"boolValue": True}},
                                {"percentage": 80, "value": {"boolValue": False}},
                            ],
                        },
                    ]
                default = (f + e) % 2 == 0
                gets.append(path)
                if not default and not rules:
                    continue  # a new flag's value is already false: the provider skips this PUT too
                call("PUT", path, {"defaultValue": {"boolValue": default}, "targetingRules": rules})
        deletes.extend(f"/v1/settings/{s}" for s in reversed(settings))
        deletes.extend(f"/v1/segments/{s}" for s in reversed(segments))
        deletes.extend(f"/v1/tags/{t}" for t in reversed(tags))
        deletes.extend(f"/v1/environments/{e}" for e in reversed(environments))
        deletes.extend([f"/v1/configs/{config_id}", f"/v1/products/{product}"])

    with session:
        create_seconds, _ = timed(create)
        refresh_seconds, _ = timed(lambda: [call("GET", path) for path in gets])
        destroy_seconds, _ = timed(lambda: [call("DELETE", path) for path in deletes])
    return {
        "create": create_seconds,
        "refresh": refresh_seconds,
        "destroy": destroy_seconds,
        "requests": count,
    }


def main(argv: list[str] | None = None) -> None:
    """Runs both at each latency and prints a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--latency-ms", type=float, nargs="+", default=[50.0, 0.0])
    parser.add_argument(
        "--flags", type=int, default=70, help="flags in the stack (default 70: 300 resources)"
    )
    parser.add_argument("--parallel", type=int, default=16, help="the engine's --parallel (default 16)")
    parser.add_argument("--in-process", action="store_true", help="run the emulator in this process")
    args = parser.parse_args(argv)
    shape = StackShape(flags=args.flags)
    where = "in this process" if args.in_process else "in its own process"
    python = sys.version.split()[0]
    print(f"Python {python}; {shape.resources} resources; --parallel {args.parallel}; emulator {where}")
    print("| latency | run | create | refresh | destroy | total | requests | plain / stack | connections |")
    print("|---|---|---|---|---|---|---|---|---|")
    for latency in args.latency_ms:
        with emulator_at(latency / 1000, args.in_process) as emulator:
            stack = run_stack(emulator, shape, args.parallel)
            plain = run_plain(emulator, shape)
        totals = {
            name: run["create"] + run["refresh"] + run["destroy"]
            for name, run in (("stack", stack), ("plain", plain))
        }
        for name, run in (("stack", stack), ("plain", plain)):
            ratio = f"{totals['plain'] / totals['stack']:.2f}" if name == "stack" else ""
            connections = f"{run['connections']} (workers: {PROVIDER_WORKERS})" if name == "stack" else "1"
            times = " | ".join(f"{run[phase]:.2f} s" for phase in ("create", "refresh", "destroy"))
            print(
                f"| {latency:g} ms | {name} | {times} | {totals[name]:.2f} s | {run['requests']} | {ratio} | "
                f"{connections} |"
            )


if __name__ == "__main__":
    main()
