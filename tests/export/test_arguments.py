"""``export``'s arguments are checked before any request: one clear line and a non-zero exit, no traceback.

``--output`` naming an existing folder once ended in a raw traceback after the whole product had been read,
and ``--product-id ../organizations`` was sent as a path (``GET /v1/organizations``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pulumi_configcat.export import main
from pulumi_configcat.testing import ConfigCatEmulator

PRODUCT = "08d86d63-0000-4000-8000-00000000beef"


@pytest.fixture
def credentials(emulator: ConfigCatEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_USERNAME", emulator.username)
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_PASSWORD", emulator.password)
    monkeypatch.setenv("CONFIGCAT_BASE_PATH", emulator.base_url)


def _refused(
    argv: list[str], emulator: ConfigCatEmulator, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    emulator.requests.clear()
    try:
        status = main(argv)
    except SystemExit as exc:  # argparse's refusal
        status = int(exc.code or 0)
    captured = capsys.readouterr()
    assert emulator.requests == [], [(r.method, r.path) for r in emulator.requests]
    assert captured.out == ""
    assert "Traceback" not in captured.err
    assert len(captured.err.strip().splitlines()) == 1, captured.err
    return status, captured.err


@pytest.mark.usefixtures("credentials")
@pytest.mark.parametrize(
    "product_id",
    [
        "../organizations",
        f"{PRODUCT}/../../organizations",
        f"{PRODUCT}?x=1",
        f"{PRODUCT}#x",
        "..",
        "",
        "12345",
        f"{{{PRODUCT}}}",
    ],
    ids=["dot-dot", "slash", "query", "fragment", "bare-dot-dot", "empty", "integer", "braces"],
)
def test_a_product_id_that_is_not_a_uuid_is_refused_before_any_request(
    product_id: str, emulator: ConfigCatEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = _refused(["--product-id", product_id], emulator, capsys)
    assert status == 2
    assert "argument --product-id: must be a UUID such as 08d86d63-" in err
    assert repr(product_id) in err


@pytest.mark.usefixtures("credentials")
def test_an_output_that_is_a_folder_or_under_a_file_is_refused_before_any_request(
    emulator: ConfigCatEmulator, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, err = _refused(["--product-id", PRODUCT, "--output", str(tmp_path)], emulator, capsys)
    assert status == 2
    assert f"argument --output: {str(tmp_path)!r} is a folder" in err
    assert str(tmp_path / "__main__.py") in err

    a_file = tmp_path / "notes.txt"
    a_file.write_text("x", encoding="utf-8")
    under = a_file / "exported" / "__main__.py"
    status, err = _refused(["--product-id", PRODUCT, "--output", str(under)], emulator, capsys)
    assert status == 2
    assert f"argument --output: {str(a_file)!r} is a file, not a folder" in err

    status, err = _refused(["--product-id", PRODUCT, "--output", ""], emulator, capsys)
    assert status == 2
    assert "argument --output: must be a file path" in err


@pytest.mark.usefixtures("credentials")
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--base-url", "ftp://example.com"], "must be an http(s) URL"),
        (["--base-url", ""], "argument --base-url: must be an http(s) URL"),
        (["--username", ""], "argument --username: must not be empty"),
    ],
    ids=["base-url-scheme", "base-url-empty", "username-empty"],
)
def test_other_arguments_are_checked_before_any_request(
    argv: list[str], message: str, emulator: ConfigCatEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = _refused(["--product-id", PRODUCT, *argv], emulator, capsys)
    assert status != 0
    assert message in err


def test_the_command_on_an_existing_folder_prints_one_line_and_no_traceback(
    emulator: ConfigCatEmulator, unique: str, tmp_path: Path
) -> None:
    status, product = emulator.call(
        "POST", f"/v1/organizations/{emulator.organization_id}/products", {"name": f"Folder {unique}"}
    )
    assert status < 300
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CONFIGCAT_")}
    environ |= {
        "CONFIGCAT_BASIC_AUTH_USERNAME": emulator.username,
        "CONFIGCAT_BASIC_AUTH_PASSWORD": emulator.password,
        "CONFIGCAT_BASE_PATH": emulator.base_url,
    }
    emulator.requests.clear()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pulumi_configcat",
            "export",
            "--product-id",
            product["productId"],
            "--output",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=environ,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stderr.startswith("python -m pulumi_configcat export: error: argument --output: ")
    assert "is a folder" in done.stderr
    assert emulator.requests == []
