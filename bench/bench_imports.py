"""What importing the package costs: the program's ``import``, and a provider process's unpickling.

Run from the repository root::

    .venv/bin/python bench/bench_imports.py [--rounds N]

Each figure is the best of N fresh interpreters (``python -X importtime``), so a cold disk or a busy core
counts once at most. Printed:

* ``import pulumi`` alone, and ``import pulumi_configcat`` after it (the package's own re-exports are
  imported when first used, :mod:`pulumi_configcat._lazy`);
* a program that touches every public name (every resource, lookup and model imported);
* for one resource of each kind, what the dynamic-provider server's ``dill.loads`` of its provider blob
  imports, after ``pulumi`` and ``dill`` (which the server has imported already).

"own" is the sum of the self times ``-X importtime`` reports for ``pulumi_configcat.*`` modules; "all" is the
wall time of the statement. Compare figures from one machine only.

The package's modules are compiled to bytecode first, as an installed wheel's are (pip compiles them at
install): otherwise, under ``PYTHONDONTWRITEBYTECODE`` (set on the project's machines) or in a read-only
checkout, every measurement would compile the package's source again and count that as import time.
"""

from __future__ import annotations

import argparse
import base64
import compileall
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")
_PRELUDE = "import time, base64, pulumi, pulumi.dynamic, dill"

# One resource of each shape: a simple entity, a nested-rules value, the batch values, a secret-bearing one.
PROVIDERS = {
    "Product": "pulumi_configcat.resources.products:ProductProvider",
    "Webhook": "pulumi_configcat.resources.webhooks:WebhookProvider",
    "SettingValueV2": "pulumi_configcat.resources.flags.setting_values_v2:SettingValueV2Provider",
    "ConfigValuesV2": "pulumi_configcat.resources.flags.config_values_v2:ConfigValuesV2Provider",
}


@dataclass(frozen=True)
class Cost:
    """What one statement cost in a fresh interpreter, in milliseconds."""

    wall_ms: float
    own_ms: float
    modules: int


def _measure(statement: str, prelude: str, rounds: int) -> Cost:
    program = f"{prelude}\na = time.perf_counter()\n{statement}\nprint(time.perf_counter() - a)"
    best: Cost | None = None
    for _ in range(rounds):
        proc = subprocess.run(  # noqa: S603 - this interpreter, our own statement
            [sys.executable, "-X", "importtime", "-c", program],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO_ROOT,
        )
        # -X importtime reports every import; only those after the prelude's belong to the statement.
        wall = float(proc.stdout.strip().splitlines()[-1]) * 1000
        own = [
            int(m.group(1))
            for m in map(_LINE.match, proc.stderr.splitlines())
            if m and m.group(4).startswith("pulumi_configcat")
        ]
        cost = Cost(wall, sum(own) / 1000, len(own))
        best = cost if best is None or cost.wall_ms < best.wall_ms else best
    assert best is not None
    return best


def _blob(path: str) -> str:
    module, _, name = path.partition(":")
    code = (
        "import base64, importlib, pulumi.dynamic.dynamic as d;"
        f"p = getattr(importlib.import_module({module!r}), {name!r})();"
        "print(d.serialize_provider(p))"
    )
    return subprocess.run(  # noqa: S603 - this interpreter, our own statement
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO_ROOT
    ).stdout.strip()


def main() -> None:
    """Prints the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="fresh interpreters per figure (best is kept)")
    rounds = parser.parse_args().rounds
    if not compileall.compile_dir(REPO_ROOT / "pulumi_configcat", quiet=1):
        raise SystemExit("the package's modules could not be compiled")

    pulumi_alone = _measure("import pulumi", "import time", rounds)
    package = _measure("import pulumi_configcat", "import time, pulumi", rounds)
    everything = _measure(
        "import pulumi_configcat as c\nfor n in c.__all__: getattr(c, n)\nimport pulumi_configcat.lookups",
        "import time, pulumi",
        rounds,
    )
    print(f"{'statement':<52} {'all ms':>8} {'own ms':>8} {'own modules':>12}")
    print(f"{'import pulumi':<52} {pulumi_alone.wall_ms:8.1f} {'':>8} {'':>12}")
    for label, cost in (
        ("import pulumi_configcat (after pulumi)", package),
        ("every public name", everything),
    ):
        print(f"{label:<52} {cost.wall_ms:8.1f} {cost.own_ms:8.1f} {cost.modules:12d}")
    for kind, path in PROVIDERS.items():
        blob = _blob(path)
        base64.b64decode(blob)  # a real blob, or this fails here rather than in the child
        cost = _measure(f"dill.loads(base64.b64decode({blob!r}))", _PRELUDE, rounds)
        label = f"unpickle the provider of {kind}"
        print(f"{label:<52} {cost.wall_ms:8.1f} {cost.own_ms:8.1f} {cost.modules:12d}")
    ratio = (pulumi_alone.wall_ms + package.wall_ms) / pulumi_alone.wall_ms
    print(f"\nimport pulumi_configcat / import pulumi alone: {ratio:.2f}x")


if __name__ == "__main__":
    main()
