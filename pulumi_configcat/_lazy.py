"""Lazy re-exports: a package's public names are imported when first used, not when the package is.

A package ``__init__`` writes its re-exports once, as ordinary imports under ``if typing.TYPE_CHECKING:``,
which is what type checkers, IDEs and readers see. At run time :func:`attach` reads that block from the
package's own source and imports a name's module the first time the name is looked up. So
``import pulumi_configcat`` costs next to nothing, and a provider process that unpickles one resource's
provider imports that resource's modules only, not every resource, lookup and wire model.
"""

from __future__ import annotations

import ast
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def homes(source: str) -> dict[str, str]:
    """The module each name imported under ``if TYPE_CHECKING:`` at the top of ``source`` comes from.

    Args:
        source: A module's source text.

    Returns:
        ``{name: module}`` for every ``from module import name`` in the module's ``if TYPE_CHECKING:`` blocks.
    """
    found: dict[str, str] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom) and statement.module and not statement.level:
                    found.update((alias.asname or alias.name, statement.module) for alias in statement.names)
    return found


def attach(package: str, init_file: str) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a package whose re-exports are imported on first use.

    Args:
        package: The package's ``__name__``.
        init_file: Its ``__file__``, whose ``if TYPE_CHECKING:`` imports list the re-exports.

    Returns:
        The module-level ``__getattr__`` (PEP 562) and ``__dir__`` to bind in the package.

    Example::

        if typing.TYPE_CHECKING:
            from pulumi_configcat.resources.products import Product
        else:
            __getattr__, __dir__ = _lazy.attach(__name__, __file__)
    """
    names = homes(Path(init_file).read_text(encoding="utf-8"))
    module = sys.modules[package]

    def lookup(name: str) -> Any:
        home = names.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        setattr(module, name, value)  # the next lookup is an ordinary attribute
        return value

    def listing() -> list[str]:
        return sorted(set(vars(module)) | set(names))

    return lookup, listing
