"""The ``python -m pulumi_configcat.testing`` command."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time

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
