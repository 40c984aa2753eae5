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
:func:`write_program` (declarations to source text). The writer takes any :class:`Program` as well:
``from-terraform`` (:mod:`pulumi_configcat.export.terraform`) makes one from a Terraform state.

Example::

    from pulumi_configcat._client import get_client
    from pulumi_configcat._settings import resolve_settings
    from pulumi_configcat.export import read_product, write_program

    source = write_program(read_product(get_client(resolve_settings()), "<product uuid>"))
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

from pulumi_configcat._client import get_client
from pulumi_configcat._constants import CONFIG_BASE_PATH, CONFIG_USERNAME
from pulumi_configcat._exceptions import ConfigCatError
from pulumi_configcat._settings import resolve_settings
from pulumi_configcat.export._model import Constant, Declaration, ProductExport, Program, Ref, Secret
from pulumi_configcat.export._reader import read_product
from pulumi_configcat.export._writer import write_program

__all__ = [
    "Constant",
    "Declaration",
    "ProductExport",
    "Program",
    "Ref",
    "Secret",
    "main",
    "read_product",
    "write_program",
]


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
    parser = _Parser(
        prog=prog,
        description="Write a Pulumi Python program that declares and adopts a whole ConfigCat product.",
    )
    # Every argument is checked here, before any request: one line saying what is wrong, exit 2.
    parser.add_argument(
        "--product-id", required=True, type=_product_id, help="the UUID of the product to export"
    )
    parser.add_argument("--output", type=_output, help="the file to write (default: standard output)")
    parser.add_argument(
        "--base-url",
        type=_base_url,
        help="the API's base URL (default: $CONFIGCAT_BASE_PATH, else ConfigCat's)",
    )
    parser.add_argument(
        "--username",
        type=_username,
        help="the Public API user name (default: $CONFIGCAT_BASIC_AUTH_USERNAME)",
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
        return 0
    try:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(source, encoding="utf-8")
    except OSError as exc:
        # Checked before reading, but the file system may have changed since (or refuse to write).
        print(f"{prog}: error: cannot write {str(args.output)!r}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse, with a refused argument said in one line (no usage block before it)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _product_id(text: str) -> str:
    # The id goes into the URL path: anything but a UUID (../organizations, a/b, x?y) would ask for another.
    if not _UUID.fullmatch(text):
        raise argparse.ArgumentTypeError(
            "must be a UUID such as 08d86d63-2726-47cd-8bfc-59608ecb91e2 (hexadecimal digits in groups of "
            f"8-4-4-4-12; the product's id in its dashboard URL), got {text!r}"
        )
    return text


def _output(text: str) -> Path:
    if not text:
        raise argparse.ArgumentTypeError("must be a file path such as exported/__main__.py, got ''")
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


def _base_url(text: str) -> str:
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(
            f"must be an http(s) URL such as https://api.configcat.com, got {text!r}"
        )
    # resolve_settings checks the rest (credentials in it, whitespace, a version suffix) before any request.
    return text


def _username(text: str) -> str:
    if not text:
        raise argparse.ArgumentTypeError(
            "must not be empty (leave it out to use $CONFIGCAT_BASIC_AUTH_USERNAME)"
        )
    return text
