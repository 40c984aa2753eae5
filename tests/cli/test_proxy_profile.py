"""The proxy-profile example under the real CLI: the profile's secret is a secret output, never plain text,
and a new ``secretRotation`` makes a new one with one request and an update of that resource alone."""

from __future__ import annotations

import json
from pathlib import Path

from pulumi_configcat.testing import ConfigCatEmulator
from tests.cli._stack import Stack, plain_strings
from tests.cli.conftest import REPO


def test_the_secret_stays_secret_and_rotates_on_purpose(cli_dir: Path, tmp_path: Path) -> None:
    with ConfigCatEmulator() as emulator:
        settings = {
            "configcat:basicAuthUsername": emulator.username,
            "configcat:basicAuthPassword": emulator.password,
            "configcat:basePath": emulator.base_url,
        }
        stack = Stack(cli_dir, tmp_path, settings, source=REPO / "examples" / "proxy-profile")
        runs = [stack.up("--logtostderr", "--logflow", "-v=3"), stack.refresh()]
        first = stack.outputs()
        profile_id = first["proxy_profile_key"]
        assert profile_id in emulator.state()["proxyProfiles"]
        shown = stack.run("stack", "output", "proxy_profile_secret").stdout
        assert first["proxy_profile_secret"] not in shown  # masked without --show-secrets

        stack.run("config", "set", "configcat-proxy-profile:secretRotation", "2")
        preview = stack.preview()
        assert {name: op for name, op in preview.ops().items() if op != "same"} == {"edge-proxy": "update"}
        assert preview.steps()["edge-proxy"].diffs == ["secret_rotation"]
        emulator.requests.clear()
        runs.append(stack.up())
        assert [(r.method, r.path) for r in emulator.requests if r.method != "GET"] == [
            ("POST", f"/v1/proxy-profiles/{profile_id}/secret")
        ]
        second = stack.outputs()
        assert second["proxy_profile_secret"] != first["proxy_profile_secret"]
        stack.preview("--expect-no-changes")

        secrets = [first["proxy_profile_secret"], second["proxy_profile_secret"]]
        assert all(secret.startswith("configcat-proxy-") for secret in secrets)
        for show_secrets in (False, True):
            exported = json.loads(stack.export(show_secrets=show_secrets))
            assert [s for s in plain_strings(exported) if any(secret in s for secret in secrets)] == []
        assert [secret for secret in secrets if secret in stack.export()] == []
        for run in runs:
            assert [secret for secret in secrets if secret in run.output] == []
            assert [secret for secret in secrets if secret in json.dumps(run.events)] == []
        stack.destroy()
        assert emulator.state()["proxyProfiles"] == {}
