"""100 flags in 3 environments: 300 ``SettingValueV2`` resources versus 3 ``ConfigValuesV2`` resources.

Run from the repository root::

    .venv/bin/python bench/bench_config_values.py [--flags 100] [--latency 0.05]

The product, config, environments and flags are made once, straight in the emulator (they are the same for
both forms and not what is measured). Each form then goes through ``pulumi up`` (create), ``pulumi refresh``,
a change of one flag's value in one environment, and ``pulumi destroy``, driven by the test engine
(``tests.harness.MiniEngine``) over the real provider process, against an emulator that adds ``--latency``
seconds to every answer, as a network would. Printed per step: API requests (by method) and wall time.

The test engine runs steps one at a time, as ``pulumi up --parallel 1`` would; the real engine runs up to
``--parallel`` steps at once, which divides the single-value form's time by at most that factor (the request
counts do not change).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import pulumi_configcat as configcat  # noqa: E402
from pulumi_configcat.testing import ConfigCatEmulator  # noqa: E402
from tests.harness import DynamicProviderProcess, MiniEngine, secret  # noqa: E402


def _seed(emu: ConfigCatEmulator, flags: int, name: str) -> tuple[str, list[str], list[str], list[str]]:
    """A product with a V2 config, 3 environments and ``flags`` boolean flags: config, environment and
    setting ids, and the flag keys."""
    _, product = emu.call("POST", f"/v1/organizations/{emu.organization_id}/products", {"name": name})
    pid = product["productId"]
    _, config = emu.call("POST", f"/v1/products/{pid}/configs", {"name": "main", "evaluationVersion": "v2"})
    envs = [
        emu.call("POST", f"/v1/products/{pid}/environments", {"name": n})[1]["environmentId"] for n in "abc"
    ]
    keys = []
    for index in range(flags):
        body = {"key": f"flag{index}", "name": f"flag{index}", "settingType": "boolean"}
        status, _ = emu.call("POST", f"/v1/configs/{config['configId']}/settings", body)
        assert status == 201
        keys.append(f"flag{index}")
    _, settings = emu.call("GET", f"/v1/configs/{config['configId']}/settings")
    return config["configId"], envs, [str(s["settingId"]) for s in settings], keys


def single_values(config_id: str, envs: list[str], ids: list[str], changed: str | None) -> Callable[[], None]:
    def program() -> None:
        for number, env in enumerate(envs):
            for setting_id in ids:
                configcat.SettingValueV2(
                    f"env{number}-{setting_id}",
                    environment_id=env,
                    setting_id=setting_id,
                    init_only=False,
                    value=not (changed == setting_id and env == envs[0]),
                )

    return program


def batch_values(config_id: str, envs: list[str], keys: list[str], changed: str | None) -> Callable[[], None]:
    def program() -> None:
        for number, env in enumerate(envs):
            configcat.ConfigValuesV2(
                f"values-env{number}",
                config_id=config_id,
                environment_id=env,
                values={key: not (changed == key and env == envs[0]) for key in keys},
            )

    return program


def _measure(emu: ConfigCatEmulator, step: Callable[[], object]) -> tuple[float, Counter[str]]:
    emu.requests.clear()
    start = time.perf_counter()
    step()
    elapsed = time.perf_counter() - start
    return elapsed, Counter(r.method for r in emu.requests)


def run(flags: int, latency: float) -> None:
    with ConfigCatEmulator() as emu:
        # Each form gets its own product, so that one's writes do not make the other's unnecessary.
        single = _seed(emu, flags, "single")
        batch = _seed(emu, flags, "batch")
        emu.inject_fault("latency", delay=latency)
        with DynamicProviderProcess(project="bench") as process:
            process.configure(
                {
                    "configcat:basicAuthUsername": emu.username,
                    "configcat:basicAuthPassword": secret(emu.password),
                    "configcat:basePath": emu.base_url,
                }
            )
            envs = single[1]
            forms: dict[str, tuple[Callable[[str | None], Callable[[], None]], str]] = {
                f"{flags * len(envs)} x SettingValueV2": (
                    lambda changed: single_values(single[0], single[1], single[2], changed),
                    single[2][0],
                ),
                f"{len(envs)} x ConfigValuesV2": (
                    lambda changed: batch_values(batch[0], batch[1], batch[3], changed),
                    batch[3][0],
                ),
            }
            print(f"{flags} flags x {len(envs)} environments, {latency * 1000:.0f} ms added to every answer")
            print(f"{'form':<26} {'step':<12} {'requests':>9} {'by method':<24} {'seconds':>8}")
            for name, (build, target) in forms.items():
                engine = MiniEngine(process)
                steps: list[tuple[str, Callable[[], object]]] = [
                    ("create", partial(engine.run, build(None))),
                    ("refresh", engine.refresh),
                    ("one change", partial(engine.run, build(target))),
                    ("destroy", engine.destroy),
                ]
                for label, step in steps:
                    elapsed, methods = _measure(emu, step)
                    by_method = " ".join(f"{m} {n}" for m, n in sorted(methods.items()))
                    print(
                        f"{name:<26} {label:<12} {sum(methods.values()):>9} {by_method:<24} {elapsed:>8.2f}"
                    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--flags", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.05)
    args = parser.parse_args()
    run(args.flags, args.latency)


if __name__ == "__main__":
    main()
