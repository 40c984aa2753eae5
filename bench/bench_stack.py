"""A 300-resource stack through the provider versus a plain script making the same API calls in turn.

Run from the repository root::

    .venv/bin/python bench/bench_stack.py [--latency-ms 50 0] [--flags 70] [--parallel 16]
        [--engine cli|harness] [--skip-checkpoints] [--rate-limit 100/10] [--rounds 3]

For each latency (the emulator sleeps that long before every answer, as a network would), three runs:

* **stack**: ``tests.harness.stacks`` (a product, a config, 3 environments, 8 tags, 7 segments, 70 flags each
  with a tag and a ``SettingValueV2`` in every environment, every third with a segment rule and a percentage
  split: 300 resources) is created (``pulumi up``), refreshed and destroyed.
* **floor**: the same graph over a dynamic provider that sends no request (``bench/_floor.py``), through the
  same engine: what the engine and the dynamic-provider protocol cost with no provider work at all. It does
  not depend on the latency, so it runs once.
* **plain**: one ``requests.Session`` makes the same API calls one after another: the POSTs of the create, a
  PUT per value (a GET for one that is already the new flag's default: what the provider sends), a GET per
  resource to refresh, the DELETEs.

The engine is the real Pulumi CLI (``--engine cli``, the default: ``scripts/pulumi-cli`` provides it, building
it on the first run) with a local file backend, each command a fresh ``pulumi`` process as a user runs it; or
``tests.harness.MiniEngine`` over the real provider server (``--engine harness``), which has none of the
CLI's own costs (start-up, checkpoints, display) and so isolates the provider. ``--skip-checkpoints`` sets
``PULUMI_SKIP_CHECKPOINTS=true``: the file backend then writes the state once at the end instead of the whole
state after every step, which is what a backend that journals steps (Pulumi Cloud) comes close to.

Under the harness each run is repeated ``--rounds`` times over one provider process (and the plain script as
often): the first round is printed apart (the provider process imports the package on its first call), and
the fastest of the others is kept, since on a shared 2-core machine a slow round measures the neighbours. The
last line divides the package's own time in the creates (the stack's minus the floor's) by the plain script's.

``--rate-limit N/S`` adds one more stack run with the emulator's rate limiter on (N requests per S seconds,
no added latency) and prints how many requests it answered with 429: the client paces by the rate-limit
headers, so there should be at most a handful.

Both runs of a latency hit the same emulator, which runs in a process of its own as the real service does.
Also printed: the requests each run sent, and the TCP connections the provider opened (as the emulator
counted them when it accepted them; each CLI command starts a provider process of its own).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import requests

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import pulumi_configcat as configcat  # noqa: E402
from bench._floor import floor_program  # noqa: E402
from pulumi_configcat.testing import ConfigCatEmulator  # noqa: E402
from tests.cli._stack import Stack  # noqa: E402
from tests.harness import DynamicProviderProcess, MiniEngine, secret  # noqa: E402
from tests.harness.stacks import ENVIRONMENTS, StackShape, stack_program  # noqa: E402

PHASES = ("create", "refresh", "destroy")


@dataclass(frozen=True)
class Counts:
    """What the emulator has seen so far."""

    requests: int
    connections: int
    too_many: int  # answers of 429

    def __sub__(self, other: Counts) -> Counts:
        return Counts(
            self.requests - other.requests,
            self.connections - other.connections,
            self.too_many - other.too_many,
        )


@dataclass(frozen=True)
class Endpoint:
    """Where the emulator answers, and how to ask it what it saw."""

    base_url: str
    username: str
    password: str
    organization_id: str
    counts: Callable[[], Counts]


@dataclass(frozen=True)
class Limits:
    """The emulator's behaviour: seconds added to every answer, and its rate limit (None: off)."""

    latency: float = 0.0
    rate_limit: int | None = None
    rate_limit_period: float = 60.0


def _counts(emulator: ConfigCatEmulator) -> Counts:
    return Counts(
        len(emulator.requests),
        emulator.connections_accepted,
        sum(1 for request in emulator.requests if request.status == 429),
    )


def _serve(conn: Connection, limits: Limits) -> None:
    """The emulator's process: serve until told to stop, answering questions about what it saw."""
    with ConfigCatEmulator(
        rate_limit=limits.rate_limit, rate_limit_period=limits.rate_limit_period
    ) as emulator:
        if limits.latency:
            emulator.inject_fault("latency", delay=limits.latency)
        conn.send((emulator.base_url, emulator.username, emulator.password, emulator.organization_id))
        while conn.recv() == "counts":
            conn.send(_counts(emulator))


@contextmanager
def emulator_at(limits: Limits) -> Iterator[Endpoint]:
    """An emulator in a process of its own, behaving as ``limits`` says."""
    parent, child = multiprocessing.get_context("spawn").Pipe()
    process = multiprocessing.get_context("spawn").Process(target=_serve, args=(child, limits), daemon=True)
    process.start()
    try:
        base_url, username, password, organization_id = parent.recv()

        def counts() -> Counts:
            parent.send("counts")
            answer: Counts = parent.recv()
            return answer

        yield Endpoint(base_url, username, password, organization_id, counts)
    finally:
        parent.send("stop")
        process.join(10)


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


@dataclass
class Run:
    """One run's seconds per phase and what the emulator saw during it."""

    seconds: dict[str, float]
    counts: Counts
    connections_per_phase: list[int]
    # Per resource type: mean bytes of inputs and outputs, and of the whole resource in the state file.
    state_bytes: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


def state_sizes(resources: Iterable[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """Mean bytes per resource type: of its inputs and outputs (what the provider decides), and of its whole
    entry in the state (with what the engine adds: dependencies, provider, source position, stack trace)."""
    by_type: dict[str, list[tuple[int, int]]] = {}
    for resource in resources:
        own = len(json.dumps({"inputs": resource.get("inputs"), "outputs": resource.get("outputs")}))
        whole = len(json.dumps(resource))
        by_type.setdefault(resource["type"].rsplit(":", 1)[-1], []).append((own, whole))
    return {
        kind: (sum(o for o, _ in sizes) // len(sizes), sum(w for _, w in sizes) // len(sizes))
        for kind, sizes in sorted(by_type.items())
    }


class CliEngine:
    """Runs programs through the real `pulumi` CLI, one scratch project and file backend per run."""

    def __init__(self, parallel: int, skip_checkpoints: bool) -> None:
        proc = subprocess.run(  # noqa: S603 (our own script)
            [str(REPO_ROOT / "scripts" / "pulumi-cli")], capture_output=True, text=True, check=False
        )
        if proc.returncode != 0:
            raise SystemExit(f"scripts/pulumi-cli could not provide a Pulumi CLI:\n{proc.stderr}")
        self.cli_dir = Path(proc.stdout.strip())
        self.parallel = parallel
        self.skip_checkpoints = skip_checkpoints

    def run(
        self, program: str, config: dict[str, str], counts: Callable[[], Counts] | None, resources: int
    ) -> Run:
        """Creates, refreshes and destroys the ``resources`` resources ``program`` declares; fails on any
        error."""
        with tempfile.TemporaryDirectory(prefix="bench-stack-") as scratch:
            stack = Stack(self.cli_dir, Path(scratch), config, project="bench")
            # The program and the provider process import tests.harness and bench._floor from this checkout.
            stack.env["PYTHONPATH"] = str(REPO_ROOT)
            if self.skip_checkpoints:
                stack.env["PULUMI_SKIP_CHECKPOINTS"] = "true"
            stack.write_program(program)
            parallel = ("--parallel", str(self.parallel))
            commands = {
                "create": ("up", "--yes", "--skip-preview", *parallel),
                "refresh": ("refresh", "--yes", "--skip-preview", *parallel),
                "destroy": ("destroy", "--yes", "--skip-preview", *parallel),
            }
            seconds: dict[str, float] = {}
            per_phase: list[int] = []
            sizes: dict[str, tuple[int, int]] = {}
            first = last = counts() if counts else None
            for phase, args in commands.items():
                start = time.perf_counter()
                stack.run(*args)
                seconds[phase] = time.perf_counter() - start
                if counts and last:
                    now = counts()
                    per_phase.append((now - last).connections)
                    last = now
                if phase == "create":
                    state = stack.resources()
                    if len(state) != resources:
                        raise RuntimeError(f"up made {len(state)} resources, not {resources}")
                    sizes = state_sizes(state.values())
            if stack.resources():
                raise RuntimeError("destroy left resources in the state")
        total = (last - first) if (first and last) else Counts(0, 0, 0)
        return Run(seconds, total, per_phase, sizes)

    def stack(self, emulator: Endpoint, shape: StackShape) -> Run:
        config = {
            "configcat:basicAuthUsername": emulator.username,
            "configcat:basicAuthPassword": emulator.password,
            "configcat:basePath": emulator.base_url,
        }
        program = f"""
            from tests.harness.stacks import StackShape, stack_program

            stack_program({emulator.organization_id!r}, "stack", StackShape(flags={shape.flags}))()
            """
        return self.run(textwrap.dedent(program), config, emulator.counts, shape.resources)

    def floor(self, shape: StackShape) -> Run:
        program = f"""
            from bench._floor import floor_program
            from tests.harness.stacks import StackShape

            floor_program("stack", StackShape(flags={shape.flags}))
            """
        return self.run(textwrap.dedent(program), {}, None, shape.resources)


def run_harness(
    program: Callable[[], None], shape: StackShape, parallel: int, emulator: Endpoint | None, rounds: int = 1
) -> list[Run]:
    """Creates, refreshes and destroys what ``program`` declares, ``rounds`` times over one provider process.

    The first round pays the provider process's imports (on its first call); the later ones are what each
    create costs once it runs.
    """
    runs: list[Run] = []
    with DynamicProviderProcess(project="bench") as process:
        process.configure(
            {
                "configcat:basicAuthUsername": emulator.username,
                "configcat:basicAuthPassword": secret(emulator.password),
                "configcat:basePath": emulator.base_url,
            }
            if emulator
            else {}
        )
        for _ in range(rounds):
            engine = MiniEngine(process, project="bench", parallel=parallel)
            before = emulator.counts() if emulator else Counts(0, 0, 0)
            create, created = timed(partial(engine.run, program))
            if created.errors or len(created.steps) != shape.resources:
                raise RuntimeError(f"create: {len(created.steps)} steps, errors {created.errors[:2]}")
            refresh, refreshed = timed(engine.refresh)
            if {step.op for step in refreshed} != {"refresh"}:
                raise RuntimeError("refresh lost resources")
            destroy, destroyed = timed(engine.destroy)
            if len(destroyed) != shape.resources:
                raise RuntimeError("destroy left resources")
            seen = (emulator.counts() if emulator else before) - before
            seconds = {"create": create, "refresh": refresh, "destroy": destroy}
            runs.append(Run(seconds, seen, [seen.connections]))
    return runs


def best(runs: list[Run]) -> Run:
    """The fastest of some runs: on a shared 2-core machine the slow ones measure the neighbours."""
    return min(runs, key=lambda run: run.total)


def run_plain(emulator: Endpoint, shape: StackShape) -> Run:
    """The same API calls, one after another, from one ``requests.Session``."""
    session = requests.Session()
    session.auth = (emulator.username, emulator.password)
    count = 0

    def call(method: str, path: str, body: Any = None) -> Any:
        nonlocal count
        count += 1
        response = session.request(method, emulator.base_url + path, json=body, timeout=30)
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
                    call("GET", path)  # a new flag's value is already false: read it, as the provider does
                    continue
                # The provider knows a flag it has just made, so it writes without reading first.
                call("PUT", path, {"defaultValue": {"boolValue": default}, "targetingRules": rules})
        deletes.extend(f"/v1/settings/{s}" for s in reversed(settings))
        deletes.extend(f"/v1/segments/{s}" for s in reversed(segments))
        deletes.extend(f"/v1/tags/{t}" for t in reversed(tags))
        deletes.extend(f"/v1/environments/{e}" for e in reversed(environments))
        deletes.extend([f"/v1/configs/{config_id}", f"/v1/products/{product}"])

    before = emulator.counts()
    with session:
        seconds = {
            "create": timed(create)[0],
            "refresh": timed(lambda: [call("GET", path) for path in gets])[0],
            "destroy": timed(lambda: [call("DELETE", path) for path in deletes])[0],
        }
    seen = emulator.counts() - before
    if seen.requests != count:
        raise RuntimeError(f"the plain script sent {count} requests, the emulator saw {seen.requests}")
    return Run(seconds, seen, [seen.connections])


def _row(latency: str, name: str, run: Run, ratio: str) -> str:
    times = " | ".join(f"{run.seconds[phase]:.2f} s" for phase in PHASES)
    connections = "/".join(str(n) for n in run.connections_per_phase) if name != "floor" else "-"
    requests_ = str(run.counts.requests) if name != "floor" else "0"
    return f"| {latency} | {name} | {times} | {run.total:.2f} s | {requests_} | {ratio} | {connections} |"


def main(argv: list[str] | None = None) -> None:
    """Runs the stack, the floor and the plain script at each latency and prints a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--latency-ms", type=float, nargs="+", default=[50.0, 0.0])
    parser.add_argument(
        "--flags", type=int, default=70, help="flags in the stack (default 70: 300 resources)"
    )
    parser.add_argument("--parallel", type=int, default=16, help="the engine's --parallel (default 16)")
    parser.add_argument("--engine", choices=("cli", "harness"), default="cli")
    parser.add_argument("--skip-checkpoints", action="store_true", help="PULUMI_SKIP_CHECKPOINTS=true (cli)")
    parser.add_argument("--rate-limit", help="also run the stack under the emulator's limiter, e.g. 100/10")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="harness: runs over one provider process; the first is shown apart, the best of the rest kept",
    )
    args = parser.parse_args(argv)
    shape = StackShape(flags=args.flags)
    cli = CliEngine(args.parallel, args.skip_checkpoints) if args.engine == "cli" else None
    engine = f"pulumi CLI ({cli.cli_dir.name})" if cli else "tests.harness.MiniEngine"
    checkpoints = ", PULUMI_SKIP_CHECKPOINTS=true" if args.skip_checkpoints else ""
    print(
        f"Python {sys.version.split()[0]}; {os.cpu_count()} CPUs; {shape.resources} resources; "
        f"engine: {engine}{checkpoints}; --parallel {args.parallel}"
    )
    print("| latency | run | create | refresh | destroy | total | requests | plain / run | connections |")
    print("|---|---|---|---|---|---|---|---|---|")

    def stack_runs(emulator: Endpoint) -> list[Run]:
        if cli:
            return [cli.stack(emulator, shape)]
        program = stack_program(emulator.organization_id, "stack", shape)
        # The package's re-exports are imported on first use; import the program's classes before the clock
        # starts, as the floor's module is, so that the create times creates, not imports.
        for name in ("Product", "Config", "Environment", "Tag", "Segment", "Setting", "SettingValueV2"):
            getattr(configcat, name)
        return run_harness(program, shape, args.parallel, emulator, args.rounds)

    floors = (
        [cli.floor(shape)]
        if cli
        else run_harness(lambda: floor_program("stack", shape), shape, args.parallel, None, args.rounds)
    )
    floor = best(floors[1:] or floors)
    for latency in args.latency_ms:
        with emulator_at(Limits(latency=latency / 1000)) as emulator:
            stacks = stack_runs(emulator)
            plain = best([run_plain(emulator, shape) for _ in range(1 if cli else args.rounds)])
        stack = best(stacks[1:] or stacks)
        label = f"{latency:g} ms"
        if len(stacks) > 1:
            print(_row(label, "stack, first round", stacks[0], f"{plain.total / stacks[0].total:.2f}"))
            print(_row(label, "floor, first round", floors[0], f"{plain.total / floors[0].total:.2f}"))
        print(_row(label, "stack", stack, f"**{plain.total / stack.total:.2f}**"))
        print(_row(label, "floor", floor, f"{plain.total / floor.total:.2f}"))
        print(_row(label, "plain", plain, ""))
        plain_create = plain.seconds["create"]
        own = stack.seconds["create"] - floor.seconds["create"]
        first = ""
        if len(stacks) > 1:
            first_own = stacks[0].seconds["create"] - floors[0].seconds["create"]
            first = f" (first round, with the provider process's imports: {first_own / plain_create:.2f}x)"
        print(
            f"\nThe package's own time in the creates above the floor: {own:.2f} s, "
            f"{own / plain_create:.2f}x the plain script's {plain_create:.2f} s{first}\n"
        )
        if stack.state_bytes and latency == args.latency_ms[-1]:
            sizes = ", ".join(f"{kind} {own:,}/{whole:,}" for kind, (own, whole) in stack.state_bytes.items())
            print(f"\nState per resource, bytes (inputs and outputs / whole entry): {sizes}")
    if args.rate_limit:
        limit, _, period = args.rate_limit.partition("/")
        with emulator_at(Limits(rate_limit=int(limit), rate_limit_period=float(period or 60))) as emulator:
            limited = stack_runs(emulator)[0]
        print(
            f"\nUnder the limiter ({limit} requests per {period or 60} s): "
            f"{limited.counts.requests} requests, "
            f"{limited.counts.too_many} answered 429, {limited.total:.2f} s "
            f"(create {limited.seconds['create']:.2f} s, refresh {limited.seconds['refresh']:.2f} s, "
            f"destroy {limited.seconds['destroy']:.2f} s)"
        )


if __name__ == "__main__":
    main()
