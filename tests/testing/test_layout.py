"""The emulator's shape (issue 17): modules by subject, none over 500 lines, no import cycle inside it."""

from __future__ import annotations

import ast
from pathlib import Path

import pulumi_configcat.testing
from pulumi_configcat.testing import _api

PACKAGE = Path(pulumi_configcat.testing.__file__).parent
MODULES = {path.stem: path for path in sorted(PACKAGE.glob("*.py"))}
MAX_LINES = 500


def _imports(path: Path) -> set[str]:
    """Sibling modules a file imports, ``if TYPE_CHECKING:`` blocks included (a cycle there is one too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                names.add(node.module.split(".")[0])
            else:
                names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(__package__ or "-"):
            names.add(node.module.rsplit(".", 1)[-1])
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("pulumi_configcat.testing.")
        ):
            names.add(node.module.split(".")[2])
    return names & set(MODULES)


def _cycle() -> list[str] | None:
    graph = {name: _imports(path) for name, path in MODULES.items()}
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> list[str] | None:
        if name in trail:
            return [*trail[trail.index(name) :], name]
        if name in done:
            return None
        for imported in sorted(graph[name]):
            found = visit(imported, [*trail, name])
            if found:
                return found
        done.add(name)
        return None

    for name in sorted(graph):
        found = visit(name, [])
        if found:
            return found
    return None


def test_no_import_cycle_inside_the_emulator() -> None:
    assert _cycle() is None


def test_no_module_over_500_lines() -> None:
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()}
    assert {name: size for name, size in sizes.items() if size > MAX_LINES} == {}


def test_every_handler_module_declares_its_routes_and_the_service_serves_them_all() -> None:
    declared = {name for name, path in MODULES.items() if "\nROUTES = Routes()" in path.read_text("utf-8")}
    assert declared == {module.__name__.rsplit(".", 1)[-1] for module in _api.ENTITIES}
