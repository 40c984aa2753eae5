"""Fixtures of the tests under the real `pulumi` CLI: its folder, and scratch stacks over the emulator."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from pulumi_configcat.testing import ConfigCatEmulator
from tests.cli._stack import Stack

REPO = Path(__file__).resolve().parents[2]
REQUIRE_CLI = "PULUMI_CONFIGCAT_REQUIRE_CLI"


@pytest.fixture(scope="session")
def cli_dir() -> Path:
    """The folder `scripts/pulumi-cli` provides (building the CLI on the first run, which takes minutes).

    Without one the tests skip, saying why; with PULUMI_CONFIGCAT_REQUIRE_CLI=1 (CI sets it) they fail.
    """
    proc = subprocess.run(
        [str(REPO / "scripts" / "pulumi-cli")], capture_output=True, text=True, check=False, timeout=3600
    )
    folder = proc.stdout.strip()
    if proc.returncode == 0 and folder and (Path(folder) / "pulumi").is_file():
        return Path(folder)
    reason = (
        f"scripts/pulumi-cli could not provide a Pulumi CLI (exit {proc.returncode}):\n{proc.stderr.strip()}"
    )
    if os.environ.get(REQUIRE_CLI) == "1":
        pytest.fail(f"{REQUIRE_CLI}=1 but {reason}")
    pytest.skip(reason)


StackFactory = Callable[..., Stack]


@pytest.fixture
def new_stack(cli_dir: Path, emulator: ConfigCatEmulator, tmp_path: Path) -> StackFactory:
    """Makes stacks in scratch folders, configured for the emulator through stack config (password secret)."""
    count = 0

    def make(project: str = "cli-test", **config: str) -> Stack:
        nonlocal count
        count += 1
        settings = {
            "configcat:basicAuthUsername": emulator.username,
            "configcat:basicAuthPassword": emulator.password,
            "configcat:basePath": emulator.base_url,
            **{f"{project}:{key}": value for key, value in config.items()},
        }
        return Stack(cli_dir, tmp_path / f"stack{count}", settings, project=project)

    return make
