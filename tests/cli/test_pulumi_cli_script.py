"""How `scripts/pulumi-cli` chooses a CLI: an installed one of a supported version, a build, or advice."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.cli.conftest import REPO

SCRIPT = REPO / "scripts" / "pulumi-cli"


def _installed_cli(folder: Path, version: str) -> Path:
    """A stand-in for an installed CLI: `pulumi version` prints ``version``, the other two files exist."""
    folder.mkdir(parents=True)
    (folder / "pulumi").write_text(f'#!/bin/sh\n[ "$1" = version ] && echo {version}\n')
    for name in ("pulumi", "pulumi-language-python", "pulumi-resource-pulumi-python"):
        (folder / name).touch()
        (folder / name).chmod(0o755)
    return folder


def _run(tmp_path: Path, path: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        "PATH": path,
        "HOME": str(tmp_path / "home"),
        "PULUMI_CONFIGCAT_CACHE": str(tmp_path / "cache"),
        **env,
    }
    return subprocess.run(
        [str(SCRIPT)], capture_output=True, text=True, env=environment, timeout=60, check=False
    )


def test_a_supported_installed_cli_is_used_as_it_is(tmp_path: Path) -> None:
    folder = _installed_cli(tmp_path / "bin", "v3.200.0")
    result = _run(tmp_path, f"{folder}{os.pathsep}/usr/bin:/bin", PULUMI_CONFIGCAT_GO="/nonexistent/go")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{folder}\n"


def test_the_cli_in_the_home_folder_counts_as_installed(tmp_path: Path) -> None:
    folder = _installed_cli(tmp_path / "home" / ".pulumi" / "bin", "v3.274.1")
    result = _run(tmp_path, "/usr/bin:/bin", PULUMI_CONFIGCAT_GO="/nonexistent/go")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{folder}\n"


def test_an_old_cli_and_no_go_give_install_advice(tmp_path: Path) -> None:
    folder = _installed_cli(tmp_path / "bin", "v3.100.0")
    result = _run(tmp_path, f"{folder}{os.pathsep}/usr/bin:/bin", PULUMI_CONFIGCAT_GO="/nonexistent/go")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "is older than 3.139.0" in result.stderr
    assert "curl -fsSL https://get.pulumi.com | sh -s -- --version 3.274.1" in result.stderr
    assert not (tmp_path / "cache").exists()
