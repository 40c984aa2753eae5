"""The ``pulumi-configcat`` command (also ``python -m pulumi_configcat``): ``export``, ``from-terraform``,
``migrate-state``."""

from __future__ import annotations

import sys
from pathlib import Path

from pulumi_configcat.export import main as export_main
from pulumi_configcat.export.terraform import main as from_terraform_main
from pulumi_configcat.migrate import main as migrate_main

USAGE = """usage: pulumi-configcat export --product-id <uuid> [--output FILE] [--base-url URL]
                                [--username USER]
       pulumi-configcat from-terraform <terraform.tfstate | -> [--output FILE]
       pulumi-configcat migrate-state [--input EXPORT] [--output FILE] [--stack-config FILE]

Commands:
  export          write a Pulumi Python program that declares and adopts a whole ConfigCat product
  from-terraform  write a Pulumi Python program that declares and adopts the configcat_* resources
                  of a Terraform state
  migrate-state   rewrite `pulumi stack export` of a pulumiverse_configcat stack for `pulumi stack import`
"""

# Subcommand -> (its main, taking the arguments after it and its name).
COMMANDS = {"export": export_main, "from-terraform": from_terraform_main, "migrate-state": migrate_main}


def main(argv: list[str] | None = None) -> int:
    """Dispatches to a subcommand; returns the exit status.

    Args:
        argv: The arguments (``sys.argv[1:]`` when None).

    Returns:
        The subcommand's exit status; 2 for an unknown or missing one.

    Example::

        main(["export", "--product-id", "08df5039-...", "--output", "__main__.py"])
        main(["from-terraform", "terraform.tfstate", "--output", "__main__.py"])
    """
    args = sys.argv[1:] if argv is None else argv
    if args[:1] and args[0] in COMMANDS:
        script = Path(sys.argv[0]).name == "pulumi-configcat"
        prog = f"pulumi-configcat {args[0]}" if script else f"python -m pulumi_configcat {args[0]}"
        return COMMANDS[args[0]](args[1:], prog=prog)
    if args[:1] in (["-h"], ["--help"]):
        sys.stdout.write(USAGE)
        return 0
    sys.stderr.write(USAGE)
    return 2


if __name__ == "__main__":
    sys.exit(main())
