"""The ``python -m pulumi_configcat.testing`` command."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests


def test_cli_serves_and_stops_cleanly_on_sigint() -> None:
    command = [
        sys.executable,
        "-m",
        "pulumi_configcat.testing",
        "--port",
        "0",
        "--username",
        "u",
        "--password",
        "p",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(9)]
        text = "".join(lines)
        match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", text)
        assert match, text
        base_url = match.group(1)
        for expected in (
            f"CONFIGCAT_BASE_PATH={base_url}",
            "CONFIGCAT_BASIC_AUTH_USERNAME=u",
            "CONFIGCAT_BASIC_AUTH_PASSWORD=p",
        ):
            assert expected in text
        assert re.search(r"organization id: [0-9a-f-]{36}", text)
        assert requests.get(base_url + "/v1/me", auth=("u", "p"), timeout=5).status_code == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def test_cli_latency_delays_every_answer() -> None:
    command = [sys.executable, "-m", "pulumi_configcat.testing", "--port", "0", "--latency-ms", "150"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        match = re.search(r"listening on (http://127\.0\.0\.1:\d+) \(every answer 150 ms late\)", first)
        assert match, first
        for _ in range(2):
            start = time.monotonic()
            assert requests.get(match.group(1) + "/v1/me", timeout=5).status_code == 401
            assert time.monotonic() - start >= 0.15  # a sleep never ends early
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def _run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a user does; one that starts serving is killed by the timeout (a failure here)."""
    command = [sys.executable, "-m", "pulumi_configcat.testing", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=20, check=False)


def test_cli_on_a_port_in_use_says_so_in_one_line_and_suggests_port_0() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = _run_cli("--port", port)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"127.0.0.1:{port}" in lines[0]
    assert "in use" in lines[0]
    assert "--port 0" in lines[0]


@pytest.mark.parametrize("port", ["70000", "-1"])
def test_cli_on_a_port_out_of_range_says_so_in_one_line_and_suggests_port_0(port: str) -> None:
    result = _run_cli("--port", port)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert port in lines[0]
    assert "0 to 65535" in lines[0]
    assert "--port 0" in lines[0]


@pytest.mark.parametrize("latency", ["nan", "inf", "-inf", "1e400", "-1", "1e20"])
def test_cli_refuses_a_latency_under_which_no_request_is_answered(latency: str) -> None:
    result = _run_cli("--port", "0", f"--latency-ms={latency}")  # "=": argparse takes "-inf" for an option
    assert result.returncode == 2  # argparse's usage error, as for any bad option
    assert "Traceback" not in result.stderr
    assert "argument --latency-ms" in result.stderr
    assert "finite number of milliseconds from 0 to" in result.stderr
    assert "listening" not in result.stdout


@pytest.mark.parametrize(
    ("option", "value", "allowed"),
    [
        ("--username", "a:b", "must not contain ':'"),
        ("--username", "üser", "printable ASCII"),
        ("--password", "pässword", "printable ASCII"),
        ("--password", "line\nbreak", "printable ASCII"),
    ],
)
def test_cli_refuses_credentials_no_client_can_send(option: str, value: str, allowed: str) -> None:
    result = _run_cli("--port", "0", option, value)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"argument {option}" in result.stderr
    assert allowed in result.stderr
    assert "listening" not in result.stdout
