"""What importing the package costs: a program's ``import``, a provider's unpickling and first call.

Run from the repository root::

    .venv/bin/python bench/bench_imports.py [--rounds N]

Each figure is the best of N fresh interpreters, so a cold disk or a busy core counts once at most. Printed:

* ``import pulumi`` alone, and ``import pulumi_configcat`` after it (the package's own re-exports are
  imported when first used, :mod:`pulumi_configcat._lazy`);
* a program that touches every public name (every resource, lookup and model imported);
* for one resource of each kind, what the dynamic-provider server's ``dill.loads`` of its provider blob
  imports, after ``pulumi`` and ``dill`` (which the server has imported already);
* for the same resources, a provider process's first ``Check`` and ``Create`` and then a second resource's,
  against the emulator: the first pays the imports above and the validators built at their first use.

"all" is the wall time of the statement. "own" is the same statement's wall time after the third-party and
standard modules it imports (pydantic, requests, ...) were imported first, so only this package's modules
run inside it; "modules" counts this package's modules it imported. (``python -X importtime`` cannot give
"own": a module imported through ``importlib.import_module``, as the lazy re-exports and pydantic's own are,
is not reported, and its time is counted in no module or in the wrong one.) Compare figures from one
machine only.

The package's modules are compiled to bytecode first, as an installed wheel's are (pip compiles them at
install): otherwise, under ``PYTHONDONTWRITEBYTECODE`` (set on the project's machines) or in a read-only
checkout, every measurement would compile the package's source again and count that as import time.
"""

from __future__ import annotations

import argparse
import base64
import compileall
import functools
import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
# The harness lives in tests/, which is not installed; the repository root makes it importable.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import pulumi_configcat as configcat  # noqa: E402
from pulumi_configcat.testing import ConfigCatEmulator  # noqa: E402
from tests.harness import DynamicProviderProcess, capture_registrations, secret  # noqa: E402
from tests.harness.stacks import SAMPLE_RULES  # noqa: E402

_PRELUDE = "import time, base64, pulumi, pulumi.dynamic, dill"
_OURS = "pulumi_configcat"

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


def _run(program: str) -> str:
    return subprocess.run(  # noqa: S603 - this interpreter, our own statement
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, cwd=REPO_ROOT
    ).stdout


def _imported_by(statement: str, prelude: str) -> tuple[list[str], int]:
    """The modules not of this package that ``statement`` imports, and how many of this package's."""
    program = (
        f"{prelude}\nimport json, sys\nbefore = set(sys.modules)\n{statement}\n"
        "new = set(sys.modules) - before\n"
        f"print(json.dumps([sorted(m for m in new if {_OURS!r} not in m), "
        f"sum(m.startswith({_OURS!r}) for m in new)]))"
    )
    foreign, ours = json.loads(_run(program).splitlines()[-1])
    return foreign, ours


def _timed(statement: str, prelude: str, rounds: int) -> float:
    program = f"{prelude}\na = time.perf_counter()\n{statement}\nprint(time.perf_counter() - a)"
    return min(float(_run(program).split()[-1]) * 1000 for _ in range(rounds))


def _measure(statement: str, prelude: str, rounds: int) -> Cost:
    foreign, ours = _imported_by(statement, prelude)
    # Each imported on its own before the clock starts; one that cannot be imported alone is left to the
    # statement, and "own" then counts it.
    preload = "".join(f"\ntry: __import__({name!r})\nexcept Exception: pass" for name in foreign)
    return Cost(_timed(statement, prelude, rounds), _timed(statement, prelude + preload, rounds), ours)


def _blob(path: str) -> str:
    module, _, name = path.partition(":")
    code = (
        "import base64, importlib, pulumi.dynamic.dynamic as d;"
        f"p = getattr(importlib.import_module({module!r}), {name!r})();"
        "print(d.serialize_provider(p))"
    )
    return _run(code).strip()


def _post(emulator: ConfigCatEmulator, path: str, body: dict[str, Any]) -> dict[str, Any]:
    status, answer = emulator.call("POST", path, body)
    if status not in (200, 201) or not isinstance(answer, dict):
        raise RuntimeError(f"POST {path} answered {status}: {answer}")
    return answer


def _declarations(emulator: ConfigCatEmulator) -> dict[str, list[Callable[[], object]]]:
    """Two resources of each kind, over entities made straight in the emulator (no other provider runs)."""
    org = emulator.organization_id
    product = _post(emulator, f"/v1/organizations/{org}/products", {"name": "bench"})["productId"]
    config = _post(emulator, f"/v1/products/{product}/configs", {"name": "main", "evaluationVersion": "v2"})
    config_id = config["configId"]
    envs = [
        _post(emulator, f"/v1/products/{product}/environments", {"name": name})["environmentId"]
        for name in ("test", "production")
    ]
    flags = [
        _post(
            emulator, f"/v1/configs/{config_id}/settings", {"key": key, "name": key, "settingType": "boolean"}
        )
        for key in ("checkout", "search")
    ]
    rules = list(SAMPLE_RULES)

    def each(make: Callable[[int], object]) -> list[Callable[[], object]]:
        return [functools.partial(make, n) for n in range(2)]

    return {
        "Product": each(lambda n: configcat.Product(f"p{n}", organization_id=org, name=f"shop{n}")),
        "Webhook": each(
            lambda n: configcat.Webhook(
                f"w{n}", config_id=config_id, environment_id=envs[n], url=f"https://example.com/{n}"
            )
        ),
        "SettingValueV2": each(
            lambda n: configcat.SettingValueV2(
                f"v{n}",
                environment_id=envs[0],
                setting_id=str(flags[n]["settingId"]),
                value=False,
                targeting_rules=rules,
            )
        ),
        "ConfigValuesV2": each(
            lambda n: configcat.ConfigValuesV2(
                f"c{n}",
                config_id=config_id,
                environment_id=envs[n],
                values={"checkout": {"value": False, "targeting_rules": rules}, "search": True},
            )
        ),
    }


def first_calls(rounds: int) -> dict[str, tuple[float, float]]:
    """Per kind: a fresh provider process's first Check + Create, and the next resource's, in ms (best)."""
    best: dict[str, tuple[float, float]] = {}
    with ConfigCatEmulator() as emulator:
        declared = {
            kind: [capture_registrations(declare)[0] for declare in pair]
            for kind, pair in _declarations(emulator).items()
        }
        for kind, registrations in declared.items():
            for _ in range(rounds):
                with DynamicProviderProcess(project="acme") as process:
                    process.configure(
                        {
                            "configcat:basicAuthUsername": emulator.username,
                            "configcat:basicAuthPassword": secret(emulator.password),
                            "configcat:basePath": emulator.base_url,
                        }
                    )
                    times = []
                    for registration in registrations:
                        start = time.perf_counter()
                        inputs, failures = process.check(
                            registration.type_, registration.name, {}, registration.inputs
                        )
                        if failures:
                            raise RuntimeError(f"{kind}: check failed: {failures}")
                        process.create(registration.type_, registration.name, inputs)
                        times.append((time.perf_counter() - start) * 1000)
                first, then = times
                if kind not in best or first < best[kind][0]:
                    best[kind] = (first, then)
    return best


def main() -> None:
    """Prints the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="fresh interpreters per figure (best is kept)")
    rounds = parser.parse_args().rounds
    if not compileall.compile_dir(REPO_ROOT / "pulumi_configcat", quiet=1):
        raise SystemExit("the package's modules could not be compiled")

    pulumi_alone = _timed("import pulumi", "import time", rounds)
    package = _measure("import pulumi_configcat", "import time, pulumi", rounds)
    everything = _measure(
        "import pulumi_configcat as c\nfor n in c.__all__: getattr(c, n)\nimport pulumi_configcat.lookups",
        "import time, pulumi",
        rounds,
    )
    print(f"{'statement':<52} {'all ms':>8} {'own ms':>8} {'modules':>8} {'own/every':>10}")
    print(f"{'import pulumi':<52} {pulumi_alone:8.1f}")
    rows = [("import pulumi_configcat (after pulumi)", package), ("every public name", everything)]
    for kind, path in PROVIDERS.items():
        blob = _blob(path)
        base64.b64decode(blob)  # a real blob, or this fails here rather than in the child
        rows.append(
            (
                f"unpickle the provider of {kind}",
                _measure(f"dill.loads(base64.b64decode({blob!r}))", _PRELUDE, rounds),
            )
        )
    for label, cost in rows:
        share = f"{cost.own_ms / everything.own_ms:10.0%}"
        print(f"{label:<52} {cost.wall_ms:8.1f} {cost.own_ms:8.1f} {cost.modules:8d} {share}")
    ratio = (pulumi_alone + package.wall_ms) / pulumi_alone
    print(f"\nimport pulumi_configcat / import pulumi alone: {ratio:.2f}x")

    print(f"\n{'fresh provider process, Check + Create':<52} {'first ms':>8} {'next ms':>8}")
    for kind, (first, then) in first_calls(rounds).items():
        print(f"{kind:<52} {first:8.1f} {then:8.1f}")


if __name__ == "__main__":
    main()
