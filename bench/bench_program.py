"""Program-side scale: a program of 5,000 resources against one of 500, under ``pulumi.runtime.set_mocks``.

Run from the repository root::

    .venv/bin/python bench/bench_program.py [--sizes 500 5000]

The program is ``tests.harness.stacks`` (flags with a ``SettingValueV2`` in each of three environments,
every third with targeting rules; tags, segments, a product, a config, environments) grown to the size asked.
It runs under mocks with no provider (``tests.harness.capture_registrations``): this measures what the
program and the resource classes cost (building inputs, pickling the provider into every resource, the
SDK's registration work), which is what a ``pulumi up`` of that program pays before any API call.

Each size runs in a fresh process, twice: once timed, once under ``tracemalloc`` for the peak of Python
allocations. The process's peak resident set (``ru_maxrss``) is printed too.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests.harness import capture_registrations  # noqa: E402
from tests.harness.stacks import StackShape, stack_program  # noqa: E402

ORGANIZATION = "08d86d63-2726-47cd-8bfc-59608ecb91e2"


def shape_for(size: int) -> StackShape:
    """The stack shape closest to ``size`` resources (flags bring four resources each)."""
    base = StackShape(flags=0)
    return StackShape(flags=max(1, round((size - base.resources) / 4)))


def measure(size: int) -> dict[str, Any]:
    """Runs the program of ``size`` resources; returns its time, traced peak and resident peak."""
    shape = shape_for(size)
    capture_registrations(stack_program(ORGANIZATION, "warm", StackShape(flags=3)))  # imports, first pickles
    gc.collect()
    start = time.perf_counter()
    registrations = capture_registrations(stack_program(ORGANIZATION, "bench", shape))
    seconds = time.perf_counter() - start
    if len(registrations) != shape.resources:
        raise RuntimeError(f"expected {shape.resources} registrations, got {len(registrations)}")
    del registrations
    gc.collect()
    tracemalloc.start()
    try:
        capture_registrations(stack_program(ORGANIZATION, "bench", shape))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return {
        "resources": shape.resources,
        "seconds": seconds,
        "traced_peak": peak,
        "max_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }


def _child(size: int, queue: Any) -> None:
    queue.put(measure(size))


def in_fresh_process(size: int) -> dict[str, Any]:
    """``measure(size)`` in a new interpreter, so sizes do not share caches or memory peaks."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(size, queue))
    process.start()
    result: dict[str, Any] = queue.get(timeout=1800)
    process.join()
    return result


def main(argv: list[str] | None = None) -> None:
    """Measures each size and prints a table with the time ratio to the first size."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}")
    print("| resources | time | per resource | time / first | traced peak | peak RSS |")
    print("|---|---|---|---|---|---|")
    first: float | None = None
    for size in args.sizes:
        result = in_fresh_process(size)
        first = first or result["seconds"]
        print(
            f"| {result['resources']:,} | {result['seconds']:.2f} s | "
            f"{result['seconds'] / result['resources'] * 1000:.2f} ms | {result['seconds'] / first:.2f}x | "
            f"{result['traced_peak'] / 2**20:,.0f} MiB | {result['max_rss'] / 2**20:,.0f} MiB |"
        )


if __name__ == "__main__":
    main()
