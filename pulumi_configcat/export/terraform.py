"""``from-terraform``: write a Pulumi program that declares, and adopts, what a Terraform state manages.

Usage::

    pulumi-configcat from-terraform terraform.tfstate [--output __main__.py]
    terraform state pull | python -m pulumi_configcat from-terraform -

It reads a Terraform state (format version 4, as Terraform 0.12 and later and OpenTofu write it) and
writes a program in which every ``configcat_*`` resource of the state is declared under the same name
``pulumiverse_configcat`` gives it (``configcat_config`` is ``Configuration``), with the same arguments,
``ResourceOptions(import_=<its Terraform id>)``, and references between them as variables. Data sources
and other providers' resources are left out. Sensitive values are never written: the program reads them
from stack configuration secrets, and its opening comment lists the ``pulumi config set --secret``
commands. No request is made: the state is all it reads.

What cannot be mapped faithfully (another state format version, a ``configcat_*`` type or attribute this
does not know, a deposed object) is refused, naming each resource address concerned; nothing is written.

Example::

    from pulumi_configcat.export.terraform import read_terraform_state

    source = read_terraform_state(Path("terraform.tfstate").read_text())
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from pulumi_configcat.export._terraform import map_state
from pulumi_configcat.export._terraform_types import TERRAFORM_TYPES
from pulumi_configcat.export._tfstate import StateError, parse_state
from pulumi_configcat.export._writer import write_program

__all__ = ["TERRAFORM_TYPES", "StateError", "main", "read_terraform_state"]


def read_terraform_state(
    text: str, *, command: str = "pulumi-configcat from-terraform", source: str = "the state"
) -> str:
    """The program that declares and adopts every ``configcat_*`` resource of a Terraform state.

    Args:
        text: The state file's content.
        command: How the program was made, for its opening comment.
        source: How to name the state in errors (its file name).

    Returns:
        The program's source text.

    Raises:
        StateError: The state cannot be mapped; the message names each resource address concerned.

    Example::

        Path("__main__.py").write_text(read_terraform_state(Path("terraform.tfstate").read_text()))
    """
    return write_program(map_state(parse_state(text, source=source), command=command))


def main(argv: list[str] | None = None, *, prog: str = "python -m pulumi_configcat from-terraform") -> int:
    """Runs ``from-terraform`` with command-line arguments; returns the exit status.

    Args:
        argv: The arguments after ``from-terraform`` (``sys.argv[2:]`` when None).
        prog: The command's name in usage and in the program's opening comment.

    Returns:
        0 on success; 1 when the state cannot be read or mapped (nothing is written); 2 for bad arguments.

    Example::

        main(["terraform.tfstate", "--output", "adopted/__main__.py"])
    """
    parser = _Parser(
        prog=prog,
        description="Write a Pulumi Python program that declares and adopts the configcat_* resources of a "
        "Terraform state.",
    )
    parser.add_argument("state", help="the state file (terraform.tfstate), or - for standard input")
    parser.add_argument("--output", type=_output, help="the file to write (default: standard output)")
    args = parser.parse_args(sys.argv[2:] if argv is None else argv)
    try:
        if args.state == "-":
            text, name = sys.stdin.read(), "standard input"
        else:
            text, name = Path(args.state).read_text(encoding="utf-8"), args.state
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        print(f"{prog}: error: cannot read {args.state!r}: {reason}", file=sys.stderr)
        return 1
    try:
        source = read_terraform_state(text, command=f"{prog} {Path(name).name}", source=name)
    except (StateError, ValueError) as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 1
    if args.output is None:
        sys.stdout.write(source)
        return 0
    try:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(source, encoding="utf-8")
    except OSError as exc:
        print(f"{prog}: error: cannot write {str(args.output)!r}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse, with a refused argument said in one line (no usage block before it)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _output(text: str) -> Path:
    if not text:
        raise argparse.ArgumentTypeError("must be a file path such as adopted/__main__.py, got ''")
    path = Path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(
            f"{text!r} is a folder; give the file to write, such as {str(path / '__main__.py')!r}"
        )
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise argparse.ArgumentTypeError(f"{str(parent)!r} is a file, not a folder")
            break
    return path
