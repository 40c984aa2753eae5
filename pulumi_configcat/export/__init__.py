"""``export``: write a Pulumi program that declares, and adopts, everything in an existing product.

Usage::

    python -m pulumi_configcat export --product-id <uuid> [--output __main__.py]
    pulumi-configcat export --product-id <uuid>

It reads the product's configs, environments, tags, segments, flags with their values and targeting rules in
every environment (Config V1 and V2), webhooks, permission groups, preferences and integrations, and writes a
program in which each resource carries ``ResourceOptions(import_=...)``: the first ``pulumi up`` takes them
over without re-creating anything. References between them are variables, not literal ids. Values are
declared with ``init_only=False``, so the program owns them. Secure webhook header values and integration
parameters cannot be read back; the program reads them from stack configuration secrets, and its opening
comment lists the ``pulumi config set --secret`` commands.

Credentials come from the environment as for the providers (``CONFIGCAT_BASIC_AUTH_USERNAME``,
``CONFIGCAT_BASIC_AUTH_PASSWORD``, ``CONFIGCAT_BASE_PATH``); ``--username`` and ``--base-url`` override the
first and the last. The password is only ever read from the environment.

Two halves with one seam: :func:`read_product` (API to :class:`ProductExport`, plain declarations) and
:func:`write_program` (declarations to source text).

Example::

    from pulumi_configcat._client import get_client
    from pulumi_configcat._settings import resolve_settings
    from pulumi_configcat.export import read_product, write_program

    source = write_program(read_product(get_client(resolve_settings()), "<product uuid>"))
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pulumi_configcat._client import get_client
from pulumi_configcat._constants import CONFIG_BASE_PATH, CONFIG_USERNAME
from pulumi_configcat._exceptions import ConfigCatError
from pulumi_configcat._settings import resolve_settings
from pulumi_configcat.export._model import Declaration, ProductExport, Ref, Secret
from pulumi_configcat.export._reader import read_product
from pulumi_configcat.export._writer import write_program

__all__ = ["Declaration", "ProductExport", "Ref", "Secret", "main", "read_product", "write_program"]


def main(argv: list[str] | None = None, *, prog: str = "python -m pulumi_configcat export") -> int:
    """Runs ``export`` with command-line arguments; returns the exit status.

    Args:
        argv: The arguments after ``export`` (``sys.argv[2:]`` when None).
        prog: The command's name in usage and in the program's opening comment.

    Returns:
        0 on success, 1 when the API refused or could not be reached, or credentials are missing.

    Example::

        main(["--product-id", "08df5039-...", "--output", "exported/__main__.py"])
    """
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Write a Pulumi Python program that declares and adopts a whole ConfigCat product.",
    )
    parser.add_argument("--product-id", required=True, help="the UUID of the product to export")
    parser.add_argument("--output", type=Path, help="the file to write (default: standard output)")
    parser.add_argument(
        "--base-url", help="the API's base URL (default: $CONFIGCAT_BASE_PATH, else ConfigCat's)"
    )
    parser.add_argument(
        "--username", help="the Public API user name (default: $CONFIGCAT_BASIC_AUTH_USERNAME)"
    )
    args = parser.parse_args(sys.argv[2:] if argv is None else argv)
    try:
        settings = resolve_settings({CONFIG_USERNAME: args.username, CONFIG_BASE_PATH: args.base_url})
        source = write_program(read_product(get_client(settings), args.product_id), command=prog)
    except ConfigCatError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 1
    if args.output is None:
        sys.stdout.write(source)
    else:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(source, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    return 0
