"""The targeting example's own test, the pattern users copy, runs as a user would run it: pytest with the
Pulumi CLI on PATH, deploying the example to an emulator through the Automation API."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PATTERN = REPO / "examples" / "targeting" / "test_targeting.py"


def test_the_targeting_example_test_passes_under_the_real_cli(cli_dir: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PATH": f"{cli_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(PATTERN),
            "--basetemp",
            str(tmp_path / "run"),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "6 passed" in proc.stdout
