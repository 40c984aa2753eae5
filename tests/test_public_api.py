"""The public API: ``__all__`` of the package and of its ``types`` is sorted, complete and importable."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import pydoc
import re
import textwrap
import typing
from pathlib import Path
from types import ModuleType

import pytest

import pulumi_configcat
import pulumi_configcat.export
import pulumi_configcat.inputs
import pulumi_configcat.lookups
import pulumi_configcat.types
from pulumi_configcat.resources._resource import ConfigCatResource

MODULES = [pulumi_configcat, pulumi_configcat.inputs, pulumi_configcat.types]


def module_id(module: ModuleType) -> str:
    return module.__name__


def is_public(name: str) -> bool:
    return not name.startswith("_") or (name.startswith("__") and name.endswith("__") and name != "__all__")


def top_level_bindings(path: str | Path, *, imports: bool) -> set[str]:
    """The names a module's source binds at top level (with or without the ones it imports)."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    names: set[str] = set()
    body = list(tree.body)
    for node in body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "typing.TYPE_CHECKING":
            body.extend(node.body)  # a package's lazy re-exports (pulumi_configcat._lazy)
        elif isinstance(node, ast.ImportFrom) and imports and node.module != "__future__":
            names.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import) and imports:
            names.update(alias.asname or alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def submodules(package: ModuleType) -> list[ModuleType]:
    """Every module below ``package``, subpackages included (``resources.flags``)."""
    return [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")
    ]


@pytest.mark.parametrize("module", MODULES, ids=module_id)
def test_all_is_sorted_without_duplicates(module: ModuleType) -> None:
    assert module.__all__ == sorted(set(module.__all__))


@pytest.mark.parametrize("module", MODULES, ids=module_id)
def test_all_lists_exactly_the_public_names_bound_in_the_module(module: ModuleType) -> None:
    assert module.__file__ is not None
    bound = {
        name
        for name in top_level_bindings(module.__file__, imports=True)
        if is_public(name) and not isinstance(getattr(module, name, None), ModuleType)  # `import typing`
    }
    assert set(module.__all__) == bound


@pytest.mark.parametrize("module", MODULES, ids=module_id)
def test_no_public_attribute_is_left_out(module: ModuleType) -> None:
    """Catches names added at run time, too; submodules are attributes of a package but not its API."""
    public = {
        name
        for name in dir(module)  # a lazy package's dir() lists what it will import on first use
        if not name.startswith("_") and not isinstance(getattr(module, name), ModuleType)
    }
    assert public == {name for name in module.__all__ if not name.startswith("_")}


@pytest.mark.parametrize("module", MODULES, ids=module_id)
def test_every_name_in_all_is_importable(module: ModuleType) -> None:
    namespace: dict[str, object] = {}
    exec(f"from {module.__name__} import *", namespace)  # noqa: S102 - the star import is what is tested
    assert set(namespace) - {"__builtins__"} == set(module.__all__)
    for name in module.__all__:
        assert namespace[name] is getattr(module, name)


def test_every_model_of_types_is_exported() -> None:
    """A model added to a ``types`` submodule and forgotten in ``types/__init__`` shows up here."""
    defined = {
        f"{module.__name__.rsplit('.', 1)[-1]}.{name}"
        for module in submodules(pulumi_configcat.types)
        if module.__file__ is not None
        for name in top_level_bindings(module.__file__, imports=False)
        if is_public(name) and not name.startswith("__")
    }
    missing = sorted(name for name in defined if name.split(".")[1] not in pulumi_configcat.types.__all__)
    assert missing == []


def test_every_resource_class_and_exception_is_exported() -> None:
    exported = {getattr(pulumi_configcat, name) for name in pulumi_configcat.__all__}
    resource_modules = submodules(importlib.import_module("pulumi_configcat.resources"))
    resources = {
        value
        for module in resource_modules
        for value in vars(module).values()
        if inspect.isclass(value) and issubclass(value, ConfigCatResource) and value is not ConfigCatResource
    }
    exceptions_module = importlib.import_module("pulumi_configcat._exceptions")
    exceptions = {
        value
        for value in vars(exceptions_module).values()
        if inspect.isclass(value)
        and issubclass(value, pulumi_configcat.ConfigCatError)
        and value.__module__ == exceptions_module.__name__
    }
    # ProxyProfile, Invitations and OrganizationMember go beyond pulumiverse; Configuration is Config under
    # pulumiverse's name, with its default.
    assert len(resources) == 19
    assert resources <= exported
    assert exceptions <= exported


def test_lookups_come_in_pairs_and_are_all_exported() -> None:
    lookups = pulumi_configcat.lookups
    assert lookups.__all__ == sorted(set(lookups.__all__))
    assert lookups.__file__ is not None
    defined = {
        name
        for name in top_level_bindings(lookups.__file__, imports=True)
        if is_public(name) and not isinstance(getattr(lookups, name, None), ModuleType)
    }
    assert set(lookups.__all__) == defined - {"__all__"}
    plain = {name for name in lookups.__all__ if name.startswith("get_") and not name.endswith("_output")}
    assert len(plain) == 16  # proxy profiles, members and invitations beyond pulumiverse
    assert {f"{name}_output" for name in plain} <= set(lookups.__all__)
    # The functions and their top-level result types are the package's too, as in pulumiverse_configcat.
    results = {typing.get_type_hints(getattr(lookups, name))["return"].__name__ for name in plain}
    assert len(results) == 16
    for name in plain | {f"{name}_output" for name in plain} | results:
        assert getattr(pulumi_configcat, name) is getattr(lookups, name)


DOCUMENTED = [
    *(getattr(pulumi_configcat.lookups, name) for name in pulumi_configcat.lookups.__all__),
    pulumi_configcat.Integration,
    pulumi_configcat.Integration.get,
    pulumi_configcat.ProxyProfile,
    pulumi_configcat.ProxyProfile.get,
]


@pytest.mark.parametrize("value", DOCUMENTED, ids=lambda value: value.__qualname__)
def test_lookups_and_integration_document_an_example(value: object) -> None:
    name = getattr(value, "__qualname__", "")
    doc = inspect.getdoc(value) or ""
    assert "Example" in doc, name
    if inspect.isfunction(value):
        assert "Args:" in doc
        assert "Returns:" in doc


PUBLIC_CALLABLES = [
    (f"{module.__name__}.{name}", getattr(module, name))
    for module in (pulumi_configcat, pulumi_configcat.export)
    for name in module.__all__
    if callable(getattr(module, name))
]


def example_blocks(doc: str) -> list[str]:
    """The indented blocks that follow ``Example::`` in a docstring."""
    blocks = []
    for match in re.finditer(r"Example::\n\n((?:[ \t]+.*\n|\n)+)", doc + "\n"):
        blocks.append(textwrap.dedent(match.group(1)))
    return blocks


@pytest.mark.parametrize(("name", "value"), PUBLIC_CALLABLES, ids=[name for name, _ in PUBLIC_CALLABLES])
def test_every_public_class_and_function_has_an_example_that_compiles(name: str, value: object) -> None:
    doc = inspect.getdoc(value) or ""
    blocks = example_blocks(doc)
    assert blocks, f"{name} has no 'Example::' block in its docstring"
    for block in blocks:
        compile(block, f"<example of {name}>", "exec")


def test_help_of_setting_value_v2_is_enough_to_write_a_targeting_rule() -> None:
    """Every shape a rule takes is named in the class's own help, with a working example."""
    text = pydoc.render_doc(pulumi_configcat.SettingValueV2, renderer=pydoc.TextDoc())
    for needed in (
        "targeting_rules",
        "user_condition",
        "comparison_attribute",
        "segment_condition",
        "prerequisite_flag_condition",
        "percentage_options",
        "isOneOf",
        "init_only",
        "<environmentId>:<settingId>",
    ):
        assert needed in text, needed
