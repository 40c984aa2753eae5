"""The emulator stands apart: nothing from the client side, no SDK at import, config_v6 from the stdlib."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import pulumi_configcat.testing

PACKAGE = Path(pulumi_configcat.testing.__file__).parent
MODULES = sorted(PACKAGE.glob("*.py"))


def _runtime_imports(path: Path) -> set[str]:
    """Top-level module names a file imports when it runs (``if TYPE_CHECKING:`` blocks left out)."""
    names: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Import):
                names.update(alias.name for alias in inner.names)
            elif isinstance(inner, ast.ImportFrom) and inner.level == 0 and inner.module:
                names.add(inner.module)
            elif isinstance(inner, ast.ImportFrom) and inner.level > 1:
                names.add("pulumi_configcat." + (inner.module or ""))  # from .. reaches the client side
    return names


@pytest.mark.parametrize("path", MODULES, ids=[p.name for p in MODULES])
def test_nothing_from_the_client_side_nor_the_sdk(path: Path) -> None:
    imported = _runtime_imports(path)
    assert not {name for name in imported if name.startswith("pulumi_configcat")}
    assert not {name for name in imported if name.split(".")[0] == "configcatclient"}


def test_config_v6_is_rendered_with_the_standard_library() -> None:
    imported = _runtime_imports(PACKAGE / "_configfile.py")
    assert {name.split(".")[0] for name in imported} <= set(sys.stdlib_module_names) | {"__future__"}
