"""Whatever carries a pulumiverse name takes pulumiverse's inputs, required-ness and defaults (issue 19).

``pulumiverse_schema.json`` holds, per resource and function token of ``pulumiverse_configcat``, each input's
Python name, whether it is required and its default (regenerate it with ``scripts/pulumiverse_schema.py``
from pulumiverse's ``schema.json``; its ``_source`` names the commit). Each (class or function, input) is its
own test, once for each check:

* ``test_input_exists``: the input is a parameter of ours of the same name;
* ``test_required``: required in pulumiverse exactly when our parameter has no default (a resource's
  constructor, a lookup's signature, both the plain and the ``_output`` form);
* ``test_default``: where pulumiverse has a default, ours is the same value, in the constructor signature and
  in the declaration the provider checks and diffs with (``Prop.default``);
* ``test_extra_inputs``: an input of ours that pulumiverse lacks is one this package deliberately adds.

What this package deliberately keeps is allowed below, each with its reason, and only of two kinds: its
own extra inputs, and ``Config`` (a name of its own, not pulumiverse's) having its own defaults. A
difference found but not yet fixed is in ``KNOWN_DIFFERENCES``: a strict xfail, which fails once fixed, so
that the entry is removed with the fix.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import pulumi_configcat
from pulumi_configcat.resources._props import Prop
from pulumi_configcat.resources._resource import ConfigCatResource

FIXTURE_PATH = Path(__file__).with_name("pulumiverse_schema.json")
FIXTURE: dict[str, Any] = json.loads(FIXTURE_PATH.read_text())

# Our own names for a pulumiverse resource, checked with it (and allowed their own defaults below).
OWN_NAMES: dict[str, tuple[str, ...]] = {
    "configcat:index/configuration:Configuration": ("Config",),
}

# Inputs of ours that pulumiverse does not have: (our class or function, input) -> why it is kept.
OWN_EXTRA_INPUTS: dict[tuple[str, str], str] = {
    ("Setting", "tags"): (
        "the flag's tags as one list, instead of one SettingTag per tag; unset leaves tags to SettingTag"
    ),
    ("Setting", "is_json"): "the newer Terraform provider's is_json (bridged v5.5.x lacks it); default off",
    ("Setting", "predefined_variations"): (
        "the newer Terraform provider's predefined variations (bridged v5.5.x lacks them); unset by default"
    ),
    ("SettingValueV2", "bypass_approval"): (
        "the newer Terraform provider's bypass_approval, for environments requiring approval; default off"
    ),
}

# Defaults of our own names (never of a pulumiverse name): (our class, input) -> (our default, why).
OWN_DEFAULTS: dict[tuple[str, str], tuple[Any, str]] = {
    ("Config", "evaluation_version"): (
        "v2",
        "Config is this package's own name; a new config is V2, as ConfigCat's dashboard makes it "
        "(issue 19 item 1 lets it keep its default; Configuration, pulumiverse's name, must default to v1)",
    ),
    ("Config", "order"): (
        0,
        "Config is this package's own name; order defaults to the first position instead of being required",
    ),
}

# Differences found and not yet fixed: (check, our name, input) -> what differs. Each is a strict xfail.
KNOWN_DIFFERENCES: dict[tuple[str, str, str], str] = {}

# Inputs pulumiverse requires that are optional here: (our class, input) -> (our default, why). Accepting more
# cannot break a pulumiverse program (it always sets them); a program of ours may leave them out.
OPTIONAL_HERE: dict[tuple[str, str], tuple[Any, str]] = {
    (name, "order"): (
        0,
        "order defaults to the first position in the dashboard's lists; pulumiverse requires it",
    )
    for name in ("Configuration", "Product", "Environment", "Setting")
}


_NOT_INPUTS = frozenset({"resource_name", "opts"})


@dataclass(frozen=True)
class Case:
    """One input of one pulumiverse token, as one of our names carries it."""

    token: str
    ours: str  # our class or function, e.g. "Configuration", "get_sdk_keys_output"
    input: str
    facts: dict[str, Any]  # the fixture's entry: required, and default where pulumiverse has one

    @property
    def id(self) -> str:
        return f"{self.ours}-{self.input}"


def _our_names(token: str, python_name: str, *, function: bool) -> tuple[str, ...]:
    if function:
        return (python_name, f"{python_name}_output")
    return (python_name, *OWN_NAMES.get(token, ()))


def _cases() -> Iterator[Case]:
    for section, function in (("resources", False), ("functions", True)):
        for token, entry in FIXTURE[section].items():
            for ours in _our_names(token, entry["python_name"], function=function):
                for name, facts in entry["inputs"].items():
                    yield Case(token, ours, name, facts)


CASES = list(_cases())


def _params(check: str, cases: list[Case]) -> list[Any]:
    params = []
    for case in cases:
        reason = KNOWN_DIFFERENCES.get((check, case.ours, case.input))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(case, id=case.id, marks=marks))
    return params


def _ours(name: str) -> Callable[..., Any]:
    found: object = getattr(pulumi_configcat, name, None)
    assert found is not None, f"pulumi_configcat has no {name} (pulumiverse_configcat has)"
    assert callable(found)
    return found


def _parameters(name: str) -> dict[str, inspect.Parameter]:
    """Our inputs by name: a resource's constructor parameters, a lookup's parameters."""
    parameters = inspect.signature(_ours(name)).parameters
    return {key: value for key, value in parameters.items() if key not in _NOT_INPUTS}


def _prop(name: str, input_: str) -> Prop | None:
    """The declaration the provider checks and diffs ``input_`` of resource ``name`` with (None: a lookup)."""
    ours = _ours(name)
    if not (isinstance(ours, type) and issubclass(ours, ConfigCatResource)):
        return None
    return next(prop for prop in ours._provider_class.props if prop.name == input_)


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same type, so that ``False`` is not ``0``."""
    return type(a) is type(b) and bool(a == b)


@pytest.mark.parametrize("case", _params("exists", CASES))
def test_input_exists(case: Case) -> None:
    assert case.input in _parameters(case.ours), (
        f"{case.token}: pulumiverse's input {case.input!r} is not a parameter of {case.ours}"
    )


@pytest.mark.parametrize("case", _params("required", CASES))
def test_required(case: Case) -> None:
    parameter = _parameters(case.ours).get(case.input)
    if parameter is None:
        pytest.skip("missing altogether (test_input_exists)")
    ours = parameter.default is inspect.Parameter.empty
    if (case.ours, case.input) in OWN_DEFAULTS:
        assert not ours, f"{case.ours}.{case.input} is allowed its own default but has none"
        return
    optional = OPTIONAL_HERE.get((case.ours, case.input))
    if optional is not None and case.facts["required"]:
        assert parameter.default == optional[0], f"{case.ours}.{case.input}: {optional[1]}"
        return
    assert ours == case.facts["required"], (
        f"{case.token}: {case.input!r} is {'required' if case.facts['required'] else 'optional'} "
        f"in pulumiverse, {'required' if ours else 'optional'} in {case.ours} "
        f"(default {parameter.default!r})"
    )


DEFAULT_CASES = [case for case in CASES if "default" in case.facts]


@pytest.mark.parametrize("case", _params("default", DEFAULT_CASES))
def test_default(case: Case) -> None:
    parameter = _parameters(case.ours).get(case.input)
    if parameter is None:
        pytest.skip("missing altogether (test_input_exists)")
    expected = case.facts["default"]
    allowed = OWN_DEFAULTS.get((case.ours, case.input))
    if allowed is not None:
        expected = allowed[0]
    prop = _prop(case.ours, case.input)
    # What the class registers when the input is left out: its own default (a pulumiverse name's), else the
    # declaration's.
    class_defaults = getattr(getattr(pulumi_configcat, case.ours), "_defaults", {})
    declared = parameter.default if prop is None else class_defaults.get(case.input, prop.default)
    where = (
        f"{case.token}: {case.input!r} defaults to {expected!r} in "
        f"{'pulumiverse' if allowed is None else 'the allow-list'} ({case.facts['default_from']}); "
        f"{case.ours}'s signature says {parameter.default!r}, its declaration {declared!r}"
    )
    assert _same(parameter.default, expected), where
    assert _same(declared, expected), where


def _names_with_inputs() -> Iterator[tuple[str, set[str]]]:
    for section, function in (("resources", False), ("functions", True)):
        for token, entry in FIXTURE[section].items():
            for ours in _our_names(token, entry["python_name"], function=function):
                yield ours, set(entry["inputs"])


@pytest.mark.parametrize(
    ("ours", "theirs"), [pytest.param(ours, theirs, id=ours) for ours, theirs in _names_with_inputs()]
)
def test_extra_inputs(ours: str, theirs: set[str]) -> None:
    """Every input pulumiverse lacks is allowed, and every allowed one still exists."""
    extra = set(_parameters(ours)) - theirs
    allowed = {input_ for name, input_ in OWN_EXTRA_INPUTS if name == ours}
    assert extra == allowed, f"{ours}: not allowed {sorted(extra - allowed)}, stale {sorted(allowed - extra)}"


def test_allow_lists_name_what_is_ours() -> None:
    """Own defaults only for our own names; every known difference and extra names a checked case."""
    pulumiverse_names = {
        entry["python_name"] for section in ("resources", "functions") for entry in FIXTURE[section].values()
    }
    own_names = {name for names in OWN_NAMES.values() for name in names}
    assert {name for name, _ in OWN_DEFAULTS} <= own_names - pulumiverse_names
    cases = {(case.ours, case.input) for case in CASES}
    assert set(OWN_DEFAULTS) <= cases
    assert {(name, input_) for _, name, input_ in KNOWN_DIFFERENCES} <= cases
    assert {name for name, _ in OWN_EXTRA_INPUTS} <= {ours for ours, _ in _names_with_inputs()}


def test_fixture_covers_pulumiverse() -> None:
    """The fixture is the whole of pulumiverse's 13 resources and 10 functions, and says where it is from."""
    source = FIXTURE["_source"]
    assert source["repository"] == "https://github.com/pulumiverse/pulumi-configcat"
    assert source["license"] == "Apache-2.0"
    assert len(source["commit"]) == 40
    assert len(FIXTURE["resources"]) == 13
    assert len(FIXTURE["functions"]) == 10
