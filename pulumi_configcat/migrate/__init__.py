"""``pulumi-configcat migrate-state``: a stack deployed with pulumiverse_configcat, moved to this package.

``pulumi stack export`` of such a stack goes in; a deployment for ``pulumi stack import`` comes out, in which
every pulumiverse resource is this package's resource with the same entity id, inputs and outputs in this
package's shape, and the stack's default ``pulumi-python`` provider. Nothing is sent to ConfigCat: after the
import, the program with its import changed (``import pulumi_configcat as configcat``) previews with no
change. What cannot be mapped is refused, each resource by its URN, and then nothing is written.

Example::

    pulumi stack export --show-secrets --file pulumiverse.json
    pulumi config --json --show-secrets > config.json
    pulumi-configcat migrate-state --input pulumiverse.json --stack-config config.json --output migrated.json
    pulumi stack import --file migrated.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

from pulumi_configcat.migrate._convert import RefusedError
from pulumi_configcat.migrate._deployment import Migration, migrate

__all__ = ["Migration", "RefusedError", "main", "migrate"]


class _Parser(argparse.ArgumentParser):
    """argparse, with a refused argument said in one line (no usage block before it)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def main(argv: list[str] | None = None, *, prog: str = "python -m pulumi_configcat migrate-state") -> int:
    """Runs ``migrate-state`` with command-line arguments; returns the exit status.

    Args:
        argv: The arguments after ``migrate-state`` (``sys.argv[2:]`` when None).
        prog: The command's name in messages.

    Returns:
        0 when the deployment was written; 1 when something could not be migrated, the input is not an
        export, or a file cannot be read or written (nothing is written then); 2 for bad arguments.

    Example::

        main(["--input", "pulumiverse.json", "--output", "migrated.json"])
    """
    parser = _Parser(
        prog=prog,
        description="Rewrite `pulumi stack export` of a pulumiverse_configcat stack for `pulumi stack "
        "import`.",
    )
    parser.add_argument("--input", metavar="EXPORT", help="the export to read (default: standard input)")
    parser.add_argument("--output", metavar="FILE", help="the deployment to write (default: standard output)")
    parser.add_argument(
        "--stack-config",
        metavar="FILE",
        help="`pulumi config --json --show-secrets` of the stack, for the pulumi-python provider the "
        "deployment adds where the stack has none (default: pulumiverse's provider configuration)",
    )
    args = parser.parse_args(sys.argv[2:] if argv is None else argv)
    try:
        text = Path(args.input).read_text(encoding="utf-8") if args.input else sys.stdin.read()
    except OSError as exc:
        print(f"{prog}: error: cannot read {args.input!r}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        export = json.loads(text)
    except json.JSONDecodeError as exc:
        print(f"{prog}: error: the input is not JSON ({exc}); give it `pulumi stack export`", file=sys.stderr)
        return 1
    try:
        stack_config = (
            json.loads(Path(args.stack_config).read_text(encoding="utf-8")) if args.stack_config else None
        )
    except (OSError, json.JSONDecodeError) as exc:
        print(f"{prog}: error: cannot read --stack-config {args.stack_config!r}: {exc}", file=sys.stderr)
        return 1
    try:
        if not isinstance(export, dict):
            raise RefusedError("not the output of `pulumi stack export`: expected a JSON object")
        if stack_config is not None and not isinstance(stack_config, dict):
            raise RefusedError("--stack-config is not the output of `pulumi config --json --show-secrets`")
        migration = migrate(export, stack_config)
    except RefusedError as exc:
        print(f"{prog}: nothing written; cannot migrate:\n{exc}", file=sys.stderr)
        return 1
    document = json.dumps(migration.export, indent=4) + "\n"
    if args.output is None:
        sys.stdout.write(document)
    else:
        try:
            _write(Path(args.output), document)
        except OSError as exc:
            print(f"{prog}: error: cannot write {args.output!r}: {exc.strerror or exc}", file=sys.stderr)
            return 1
    for note in migration.notes:
        print(f"note: {note}", file=sys.stderr)
    where = f" to {args.output}" if args.output else ""
    print(f"migrated {len(migration.migrated)} pulumiverse_configcat resources{where}", file=sys.stderr)
    return 0


def _write(path: Path, document: str) -> None:
    """Writes the whole file or nothing (a temporary file beside it, renamed over it)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(document)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
