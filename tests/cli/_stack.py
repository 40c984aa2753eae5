"""Drive the real `pulumi` CLI over one scratch project and a local file backend.

A :class:`Stack` owns a folder with a ``Pulumi.yaml`` (runtime python, running in the virtualenv these tests
run in, so the program and the provider process import this checkout's package), a file backend, its own
``PULUMI_HOME`` and a passphrase secrets provider. Each command writes the engine's event log, which
:class:`CliRun` reads back as steps per resource name: what the CLI did, not what it printed.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DYNAMIC_TYPE_PREFIX = "pulumi-python:dynamic/"
PROVIDER_KEY = "__provider"
PASSPHRASE = "cli-tests-passphrase"
# One CLI command can take a while on a loaded 2-core machine (program start, provider start, many steps).
COMMAND_TIMEOUT = 600
# The key Pulumi marks a secret envelope with, in state and in `stack export`.
SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d"


def plain_strings(node: Any) -> list[str]:
    """Every string in a JSON document outside secret envelopes (keys included).

    A secret is searched for here rather than in the export as one text: a short one (a Datadog site,
    ``"Eu"``) turns up by chance inside a random ciphertext.
    """
    if isinstance(node, dict):
        if SECRET_SIGNATURE in node:
            return []
        return [s for key, value in node.items() for s in [key, *plain_strings(value)]]
    if isinstance(node, list):
        return [s for item in node for s in plain_strings(item)]
    return [node] if isinstance(node, str) else []


class CliError(AssertionError):
    """A `pulumi` command exited with an unexpected status; the message carries its output."""


@dataclass(frozen=True)
class Step:
    """One resource's step in a command, from the engine's event log.

    Attributes:
        name: The resource name (last part of the URN).
        type_: The resource type token.
        op: The engine's step kind: create, same, update, replace, create-replacement, delete, refresh, read,
            import, ...
        id_: The resource id after the step (before it, for a delete).
        diffs: The inputs that differ between the old and new state (what the CLI shows as ``[diff: ...]``:
            a Python dynamic provider reports no changed keys, so the engine works them out from the inputs).
        replaces: The inputs the provider said force a replacement.
        outputs: The resource's outputs after the step (None where the event log has none).
    """

    name: str
    type_: str
    op: str
    id_: str | None
    diffs: list[str]
    replaces: list[str]
    outputs: dict[str, Any] | None


@dataclass
class CliRun:
    """What one `pulumi` command did.

    Attributes:
        args: The command line after ``pulumi``.
        returncode: Its exit status.
        stdout: What it printed.
        stderr: What it printed on stderr.
        events: The engine events it logged.
    """

    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def output(self) -> str:
        """Stdout and stderr together."""
        return self.stdout + self.stderr

    def steps(self) -> dict[str, Step]:
        """The last step of every dynamic resource, by resource name.

        A replacement logs several steps for one resource (create-replacement, replace, delete-replaced, in
        an order that depends on delete-before-replace); ``replace`` wins over the others so that a replaced
        resource reads as one replace, with the id of the entity that replaced the old one.
        """
        found: dict[str, Step] = {}
        replacement_ids: dict[str, str] = {}
        for event in self.events:
            for kind in ("resourcePreEvent", "resOutputsEvent"):
                meta = (event.get(kind) or {}).get("metadata")
                if not meta or not meta["type"].startswith(DYNAMIC_TYPE_PREFIX):
                    continue
                state = meta.get("new") or meta.get("old") or {}
                step = Step(
                    name=meta["urn"].rsplit("::", 1)[-1],
                    type_=meta["type"],
                    op=meta["op"],
                    id_=state.get("id") or None,
                    diffs=meta.get("diffs") or _changed_inputs(meta.get("old"), meta.get("new")),
                    replaces=list(meta.get("keys") or []),
                    outputs=(meta.get("new") or {}).get("outputs"),
                )
                if step.op == "create-replacement" and kind == "resOutputsEvent" and step.id_:
                    replacement_ids[step.name] = step.id_
                previous = found.get(step.name)
                if previous is not None and previous.op == "replace" and step.op != "replace":
                    continue
                found[step.name] = step
        for name, id_ in replacement_ids.items():
            if found[name].op == "replace":
                found[name] = dataclasses.replace(found[name], id_=id_)
        return found

    def ops(self) -> dict[str, str]:
        """The step kind of every dynamic resource, by resource name."""
        return {name: step.op for name, step in self.steps().items()}

    def diagnostics(self) -> list[str]:
        """The engine's diagnostic messages (errors, warnings, provider output), in order."""
        return [event["diagnosticEvent"]["message"] for event in self.events if "diagnosticEvent" in event]


def _changed_inputs(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[str]:
    if not old or not new:
        return []
    before, after = old.get("inputs") or {}, new.get("inputs") or {}
    return sorted(
        key
        for key in before.keys() | after.keys()
        if key != PROVIDER_KEY and before.get(key) != after.get(key)
    )


class Stack:
    """One stack of one scratch project, driven through the `pulumi` in ``cli_dir``.

    Args:
        cli_dir: The folder `scripts/pulumi-cli` printed.
        root: An empty folder this stack owns.
        config: Stack configuration to set (keys with a namespace, e.g. ``configcat:basePath``); keys ending
            in ``Password`` are set with ``--secret``.
        project: The project name (of the project this writes; ignored with ``source``).
        source: A project folder to copy instead (an example, with its own ``Pulumi.yaml`` and stack files).
            It lands at ``<root>/examples/<name>`` beside a ``<root>/.venv`` that is the running virtualenv,
            so an example's ``virtualenv: ../../.venv`` finds it.
        stacks: The stacks to create, each with ``config``; the last one is selected.
        secret_keys: More configuration keys to set with ``--secret``.
    """

    def __init__(
        self,
        cli_dir: Path,
        root: Path,
        config: dict[str, str],
        project: str = "cli-test",
        *,
        source: Path | None = None,
        stacks: tuple[str, ...] = ("dev",),
        secret_keys: tuple[str, ...] = (),
    ) -> None:
        self.root = root
        (root / "state").mkdir(parents=True)
        self.event_log = root / "events.jsonl"
        self.env = self._environment(cli_dir, root)
        if source is None:
            self.project_dir = root / "project"
            self.project_dir.mkdir()
            self.write_project(project)
        else:
            self.project_dir = root / "examples" / source.name
            shutil.copytree(source, self.project_dir)
            (root / ".venv").symlink_to(Path(sys.prefix))
        for stack in stacks:
            self.run("stack", "init", stack)
            for key, value in config.items():
                # From stdin: a value may start with "-", and a password belongs on no command line.
                secret = ["--secret"] if key.endswith("Password") or key in secret_keys else []
                self.run("config", "set", *secret, key, stdin=value)

    def select(self, stack: str) -> None:
        """Make ``stack`` the one later commands act on."""
        self.run("stack", "select", stack)

    @staticmethod
    def _environment(cli_dir: Path, root: Path) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            # Credentials come from stack configuration only, and no ambient Pulumi setting leaks in.
            if not key.startswith(("CONFIGCAT_", "PULUMI_"))
        }
        env.update(
            PATH=f"{cli_dir}{os.pathsep}{env.get('PATH', '')}",
            PULUMI_HOME=str(root / "pulumi-home"),
            PULUMI_BACKEND_URL=(root / "state").as_uri(),
            PULUMI_CONFIG_PASSPHRASE=PASSPHRASE,
            # Offline: no update check, no plugin download, no registry look-up.
            PULUMI_SKIP_UPDATE_CHECK="true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION="true",
            PULUMI_DISABLE_REGISTRY_RESOLVE="true",
            PIP_DISABLE_PIP_VERSION_CHECK="1",
            # Turns on --event-log, the engine's own record of every step.
            PULUMI_DEBUG_COMMANDS="true",
            NO_COLOR="1",
        )
        return env

    def write_project(self, project: str, main: str | None = None) -> None:
        """Write ``Pulumi.yaml``: the program runs in the virtualenv running these tests."""
        lines = [
            f"name: {project}",
            "runtime:",
            "  name: python",
            "  options:",
            "    toolchain: pip",
            f"    virtualenv: {sys.prefix}",
        ]
        if main is not None:
            lines.append(f"main: {main}")
        (self.project_dir / "Pulumi.yaml").write_text("\n".join(lines) + "\n")

    def write_program(self, source: str) -> None:
        """Replace the program (``__main__.py``) with ``source`` (dedented)."""
        (self.project_dir / "__main__.py").write_text(textwrap.dedent(source))

    def run(
        self, *args: str, expect_failure: bool = False, events: bool = False, stdin: str | None = None
    ) -> CliRun:
        """Run ``pulumi <args>`` non-interactively in the project folder.

        Args:
            args: The command line after ``pulumi``.
            expect_failure: The command must fail (exit non-zero) instead of succeed.
            events: Log and read back the engine's events (for up, preview, refresh, destroy).
            stdin: Text for the command's standard input (none by default).

        Raises:
            CliError: The command's exit status is not the expected one.
        """
        command = ["pulumi", *args, "--non-interactive"]
        if events:
            self.event_log.unlink(missing_ok=True)
            command += ["--event-log", str(self.event_log)]
        proc = subprocess.run(
            command,
            cwd=self.project_dir,
            env=self.env,
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
        run = CliRun(list(args), proc.returncode, proc.stdout, proc.stderr)
        if events and self.event_log.exists():
            run.events = [
                json.loads(line) for line in self.event_log.read_text().splitlines() if line.strip()
            ]
        if (proc.returncode != 0) != expect_failure:
            expected = "fail" if expect_failure else "succeed"
            raise CliError(
                f"`pulumi {' '.join(args)}` should {expected}, exited {proc.returncode}\n"
                f"--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"
            )
        return run

    def up(self, *args: str, expect_failure: bool = False) -> CliRun:
        """`pulumi up --yes --skip-preview`."""
        return self.run("up", "--yes", "--skip-preview", *args, expect_failure=expect_failure, events=True)

    def preview(self, *args: str, expect_failure: bool = False) -> CliRun:
        """`pulumi preview` (add ``--expect-no-changes`` to require an empty plan)."""
        return self.run("preview", *args, expect_failure=expect_failure, events=True)

    def refresh(self, *args: str) -> CliRun:
        """`pulumi refresh --yes --skip-preview`."""
        return self.run("refresh", "--yes", "--skip-preview", *args, events=True)

    def destroy(self, *args: str) -> CliRun:
        """`pulumi destroy --yes --skip-preview`."""
        return self.run("destroy", "--yes", "--skip-preview", *args, events=True)

    def outputs(self) -> dict[str, Any]:
        """The stack outputs, secrets shown."""
        result: dict[str, Any] = json.loads(self.run("stack", "output", "--json", "--show-secrets").stdout)
        return result

    def export(self, *, show_secrets: bool = False) -> str:
        """`pulumi stack export` as text."""
        return self.run("stack", "export", *(["--show-secrets"] if show_secrets else [])).stdout

    def resources(self) -> dict[str, dict[str, Any]]:
        """The dynamic resources in the stack's state, by name."""
        deployment = json.loads(self.export())["deployment"]
        return {
            res["urn"].rsplit("::", 1)[-1]: res
            for res in deployment.get("resources") or []
            if res["type"].startswith(DYNAMIC_TYPE_PREFIX)
        }
