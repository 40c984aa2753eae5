"""`./scripts/demo`, the README's first command, deploys the quickstart with the real CLI, ready for more."""

from __future__ import annotations

import os
import re
import signal
import subprocess
from pathlib import Path

from tests.cli.conftest import REPO


def test_demo_deploys_the_quickstart_and_leaves_a_usable_scratch_folder(
    cli_dir: Path, tmp_path: Path
) -> None:
    scratch = tmp_path / "demo"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PULUMI_", "CONFIGCAT_"))}
    try:
        demo = subprocess.run(
            [str(REPO / "scripts" / "demo"), str(scratch)],
            capture_output=True,
            text=True,
            env=env,
            timeout=900,
            check=False,
        )
        assert demo.returncode == 0, demo.stdout + demo.stderr
        out = demo.stdout
        assert f"CLI: {cli_dir}/pulumi v" in out
        created = re.search(r"\+ (\d+) created", out)
        assert created is not None, out
        for line in (
            "product 'Web shop'",
            "environment 'production' color=#e53935",
            "tag 'beta' color=salmon",
            "config 'main' (v2, 3 flags)",
            "values in 'production': newCheckout=False, pageSize=20",
        ):
            assert line in out, out
        assert f"The scratch folder is {scratch}" in out

        # What the demo prints is enough to go on: the stack previews clean, then destroys.
        follow_up = subprocess.run(
            [
                "/bin/sh",
                "-c",
                f". {scratch}/env.sh && pulumi preview --expect-no-changes && pulumi destroy --yes",
            ],
            cwd=scratch / "project",
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
            check=False,
        )
        assert follow_up.returncode == 0, follow_up.stdout + follow_up.stderr
        assert f"{created.group(1)} deleted" in follow_up.stdout
    finally:
        pid_file = scratch / "emulator.pid"
        if pid_file.exists():
            os.kill(int(pid_file.read_text()), signal.SIGTERM)
