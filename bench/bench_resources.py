"""How the resource layer scales: building N resources in a program, and N creates and diffs for real.

Run from the repository root::

    .venv/bin/python bench/bench_resources.py [--count N]

Two measurements, printed as one table:

* **Program side, under mocks** (``tests.harness.capture_registrations``, no provider): the time to declare N
  Tags, which includes pickling the provider into every resource, and the peak Python memory of doing so
  (``tracemalloc``, measured in a separate run because tracing slows everything down).
* **Engine side, over the real provider process** (``tests.harness.MiniEngine`` against a local
  ``ConfigCatEmulator``): ``pulumi up`` creating N Tags (Check + Create, one POST each), then the same program
  again, where every Tag is a "same" step (Check + Diff, no API call), then destroying them.

These are single runs on whatever machine runs them; compare figures from one machine only.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The harness lives in tests/, which is not installed; the repository root makes it importable.
REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import pulumi_configcat as configcat  # noqa: E402
from pulumi_configcat.testing import ConfigCatEmulator  # noqa: E402
from tests.harness import DynamicProviderProcess, MiniEngine, capture_registrations, secret  # noqa: E402

PRODUCT_GUID = "08d86d63-2726-47cd-8bfc-59608ecb91e2"


@dataclass(frozen=True)
class Row:
    """One line of the table: what was measured, its total, and the same per resource."""

    what: str
    total: str
    per_resource: str


def tags_program(count: int, product_id: Any) -> Callable[[], None]:
    def program() -> None:
        for index in range(count):
            configcat.Tag(f"tag-{index}", product_id=product_id)

    return program


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def bench_mocks(count: int) -> list[Row]:
    """Declares ``count`` Tags with a literal product id under mocks: time, then peak memory."""
    program = tags_program(count, PRODUCT_GUID)
    capture_registrations(tags_program(10, PRODUCT_GUID))  # warm-up: imports, first pickles
    seconds, registrations = timed(lambda: capture_registrations(program))
    if len(registrations) != count:
        raise RuntimeError(f"expected {count} registrations, got {len(registrations)}")
    blob_chars = len(registrations[0].inputs["__provider"])

    gc.collect()
    tracemalloc.start()
    try:
        capture_registrations(program)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return [
        Row(f"mocks: declare {count:,} Tags", ms(seconds), ms(seconds / count)),
        Row("mocks: peak traced memory", f"{peak / 2**20:,.1f} MiB", f"{peak / count / 1024:,.1f} KiB"),
        Row("__provider blob (base64 chars)", "", f"{blob_chars}"),
    ]


def bench_provider(count: int) -> list[Row]:
    """Creates ``count`` Tags through the real provider process, runs again (all same), destroys them."""
    with ConfigCatEmulator() as emulator, DynamicProviderProcess(project="acme") as process:
        process.configure(
            {
                "configcat:basicAuthUsername": emulator.username,
                "configcat:basicAuthPassword": secret(emulator.password),
                "configcat:basePath": emulator.base_url,
            }
        )
        status, product = emulator.call(
            "POST",
            f"/v1/organizations/{emulator.organization_id}/products",
            {"name": "bench", "order": 0},
        )
        if status != 201:
            raise RuntimeError(f"creating the product answered {status}: {product}")
        program = tags_program(count, product["productId"])
        engine = MiniEngine(process)

        requests_before = len(emulator.requests)
        create_seconds, created = timed(lambda: engine.run(program))
        create_requests = len(emulator.requests) - requests_before
        _check(created.errors, [step.op for step in created.steps], "create", count)
        state_chars = sum(
            len(json.dumps(state.inputs)) + len(json.dumps(state.outputs)) for state in engine.state.values()
        )

        requests_before = len(emulator.requests)
        same_seconds, same = timed(lambda: engine.run(program))
        same_requests = len(emulator.requests) - requests_before
        _check(same.errors, [step.op for step in same.steps], "same", count)

        destroy_seconds, destroyed = timed(engine.destroy)
        _check([], [step.op for step in destroyed], "delete", count)
    return [
        Row(f"provider: up, {count:,} Tag creates", ms(create_seconds), ms(create_seconds / count)),
        Row("  API requests during creates", f"{create_requests:,}", f"{create_requests / count:.2f}"),
        Row(f"provider: up again, {count:,} same diffs", ms(same_seconds), ms(same_seconds / count)),
        Row("  API requests during diffs", f"{same_requests:,}", f"{same_requests / count:.2f}"),
        Row(f"provider: destroy {count:,} Tags", ms(destroy_seconds), ms(destroy_seconds / count)),
        Row("state per Tag (inputs + outputs JSON)", "", f"{state_chars / count:,.0f} chars"),
    ]


def _check(errors: list[Exception], ops: list[str], expected: str, count: int) -> None:
    if errors or ops != [expected] * count:
        raise RuntimeError(
            f"expected {count} {expected} steps, got {len(ops)} ({set(ops)}); errors: {errors}"
        )


def print_table(rows: list[Row]) -> None:
    header = Row("measurement", "total", "per resource")
    widths = [max(len(getattr(row, column)) for row in [header, *rows]) for column in ("what", "total")]
    for row in [header, Row("-" * widths[0], "-" * widths[1], "-" * len(header.per_resource)), *rows]:
        print(f"{row.what:<{widths[0]}}  {row.total:>{widths[1]}}  {row.per_resource:>12}")


def main(argv: list[str] | None = None) -> None:
    """Parses the arguments, runs both benchmarks and prints the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=1000, help="resources per measurement (default 1000)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    print(f"Python {sys.version.split()[0]}, N = {args.count:,}")
    print_table([*bench_mocks(args.count), *bench_provider(args.count)])


if __name__ == "__main__":
    main()
