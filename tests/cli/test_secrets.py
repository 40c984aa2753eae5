"""Under the real CLI the API password stays secret: in the exported state and in everything printed."""

from __future__ import annotations

import json
from typing import Any

from pulumi_configcat.testing import ConfigCatEmulator
from tests.cli.conftest import REPO, StackFactory

# The key Pulumi marks a secret envelope with, in state and in `stack export`.
SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d"


def _plain_strings(node: Any) -> list[str]:
    """Every string in a JSON document outside secret envelopes (keys included)."""
    if isinstance(node, dict):
        if SECRET_SIGNATURE in node:
            return []
        return [s for key, value in node.items() for s in [key, *_plain_strings(value)]]
    if isinstance(node, list):
        return [s for item in node for s in _plain_strings(item)]
    return [node] if isinstance(node, str) else []


def test_password_is_never_in_plain_text(new_stack: StackFactory, emulator: ConfigCatEmulator) -> None:
    stack = new_stack(project="quickstart", organizationId=emulator.organization_id)
    stack.write_program((REPO / "examples" / "quickstart" / "__main__.py").read_text())
    password = emulator.password
    # Retries make the provider write to stderr, which the CLI shows and logs.
    fault = emulator.inject_fault("status", status=429, retry_after="1", times=3)
    try:
        runs = [stack.up("--logtostderr", "--logflow", "-v=3"), stack.preview(), stack.refresh()]
    finally:
        emulator.clear_faults()
    assert fault.hits == 3

    for show_secrets in (False, True):
        exported = json.loads(stack.export(show_secrets=show_secrets))
        assert [s for s in _plain_strings(exported) if password in s] == []
    # Without --show-secrets not even an envelope holds it: only ciphertext.
    assert password not in stack.export()
    config_file = (stack.project_dir / "Pulumi.dev.yaml").read_text()
    assert password not in config_file

    for run in runs:
        assert password not in run.output
        assert password not in json.dumps(run.events)
    assert any("429" in message for message in [*runs[0].diagnostics(), runs[0].output]), (
        "no retry was logged"
    )
    stack.destroy()
