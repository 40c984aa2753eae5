"""`python -m build` makes a wheel and an sdist that install into a fresh venv, import, and carry the license.

One test, and a slow one (about half a minute): it builds, creates a virtual environment, installs the wheel
with its dependencies from the package index (pip's cache makes this quick after the first run), imports the
package, then reinstalls from the sdist and imports again.
"""

from __future__ import annotations

import email
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pulumi_configcat

ROOT = Path(__file__).resolve().parents[1]
IMPORT_CHECK = (
    "import pulumi_configcat, pulumi_configcat.testing, pulumi_configcat.lookups; "
    "from importlib.resources import files; "
    "assert files('pulumi_configcat.testing').joinpath('openapi.json').is_file(); "
    "assert files('pulumi_configcat').joinpath('py.typed').is_file(); "
    "print(pulumi_configcat.__version__, pulumi_configcat.__file__)"
)


def _run(*args: str | Path, cwd: Path = ROOT) -> str:
    done = subprocess.run(
        [str(arg) for arg in args], cwd=cwd, capture_output=True, text=True, timeout=540, check=False
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_wheel_and_sdist_install_into_a_fresh_venv_and_import(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    # No isolation: the backend (setuptools, from the test extra) is already installed, nothing is fetched.
    _run(sys.executable, "-m", "build", "--no-isolation", "--wheel", "--sdist", "--outdir", dist)
    version = pulumi_configcat.__version__
    (wheel,) = dist.glob(f"pulumi_configcat-{version}-py3-none-any.whl")
    (sdist,) = dist.glob(f"pulumi_configcat-{version}.tar.gz")

    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = email.message_from_bytes(archive.read(f"pulumi_configcat-{version}.dist-info/METADATA"))
        license_text = archive.read(f"pulumi_configcat-{version}.dist-info/licenses/LICENSE").decode()
        entry_points = archive.read(f"pulumi_configcat-{version}.dist-info/entry_points.txt").decode()
    assert "pulumi-configcat = pulumi_configcat.__main__:main" in entry_points
    assert "pulumi_configcat/export/_writer.py" in names
    assert metadata["License-Expression"] == "Apache-2.0"
    assert "Typing :: Typed" in metadata.get_all("Classifier", [])
    assert metadata["Requires-Python"] == ">=3.10"
    assert license_text == (ROOT / "LICENSE").read_text()
    assert "Apache License" in license_text
    assert "Version 2.0, January 2004" in license_text
    assert "pulumi_configcat/testing/openapi.json" in names
    assert not [name for name in names if name.startswith("tests/")]
    with tarfile.open(sdist) as archive:
        members = {member.name.split("/", 1)[1] for member in archive.getmembers() if "/" in member.name}
    assert {"LICENSE", "README.md", "pyproject.toml", "pulumi_configcat/lookups/__init__.py"} <= members

    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    pip = (python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check")
    _run(*pip, wheel, cwd=tmp_path)
    out = _run(python, "-c", IMPORT_CHECK, cwd=tmp_path)
    assert out.startswith(f"{version} {env}")
    assert "pulumi-configcat export --product-id" in _run(
        env / "bin" / "pulumi-configcat", "--help", cwd=tmp_path
    )

    _run(*pip, "--force-reinstall", "--no-deps", sdist, cwd=tmp_path)
    out = _run(python, "-c", IMPORT_CHECK, cwd=tmp_path)
    assert out.startswith(f"{version} {env}")
