"""Each entity declares its inputs once; the constructor, its docs and the checked props follow from it."""

from __future__ import annotations

import inspect
import pydoc
import re
from typing import Any

import pytest

import pulumi_configcat as configcat
from pulumi_configcat.resources._declare import RESOURCE_NAME, _fields
from pulumi_configcat.resources._resource import ConfigCatResource

RESOURCES = sorted(
    {
        value
        for value in map(lambda name: getattr(configcat, name), configcat.__all__)
        if isinstance(value, type) and issubclass(value, ConfigCatResource) and value is not ConfigCatResource
    },
    key=lambda cls: cls.__name__,
)
DECLARED = [cls for cls in RESOURCES if cls._provider_class.args is not None]


def test_every_resource_declares_its_inputs_once() -> None:
    # ProxyProfile, Invitations and OrganizationMember go beyond pulumiverse; Configuration is Config under
    # pulumiverse's name, with its default.
    assert len(RESOURCES) == 19
    assert [cls.__name__ for cls in RESOURCES if cls not in DECLARED] == []


@pytest.mark.parametrize("cls", DECLARED, ids=lambda cls: cls.__name__)
def test_the_constructor_takes_exactly_the_declared_inputs_with_their_defaults(cls: type[Any]) -> None:
    provider = cls._provider_class
    fields = _fields(provider.args)
    parameters = inspect.signature(cls).parameters
    assert list(parameters) == ["resource_name", *fields, "opts"]
    for name, field in fields.items():
        parameter = parameters[name]
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
        if field.required:
            assert parameter.default is inspect.Parameter.empty
        else:
            default = cls._defaults.get(name, field.marker.default)
            expected = None if default is RESOURCE_NAME else default
            assert parameter.default == expected
    assert [prop.name for prop in provider.props] == list(fields)


def _documented(doc: str) -> dict[str, str]:
    """The ``Args:`` section of a Google-style docstring, each argument's text on one line."""
    args: dict[str, str] = {}
    name = ""
    for line in doc.split("Args:\n", 1)[1].splitlines():
        if line.startswith("        ") and name:
            args[name] += " " + line.strip()
        elif line.strip():
            name, _, text = line.strip().partition(": ")
            args[name] = text
    return args


@pytest.mark.parametrize("cls", DECLARED, ids=lambda cls: cls.__name__)
def test_help_documents_every_input_and_what_replaces(cls: type[Any]) -> None:
    provider = cls._provider_class
    documented = _documented(cls.__init__.__doc__)
    assert list(documented) == ["resource_name", *(prop.name for prop in provider.props), "opts"]
    for prop in provider.props:
        assert documented[prop.name].endswith("Replaces on change.") == prop.replaces, prop.name
        default = cls._defaults.get(prop.name, prop.default)
        if default is not None:
            assert f"Defaults to {default!r}." in documented[prop.name]
    assert f"import_={provider.id_format}" in documented["opts"]
    # help() shows the derived signature (Python 3.13 spreads a long one over lines, one parameter each).
    text = pydoc.plain(pydoc.render_doc(cls))
    shown = "".join("".join(re.sub(r"^ \|", "", line) for line in text.splitlines()).split())
    expected = "".join(f"__init__{inspect.signature(cls.__init__)}".split())
    assert expected.replace(",)", ")") in shown.replace(",)", ")")


@pytest.mark.parametrize("cls", DECLARED, ids=lambda cls: cls.__name__)
def test_a_wrong_or_missing_argument_fails_as_python_says(cls: type[Any]) -> None:
    fields = _fields(cls._provider_class.args)
    with pytest.raises(TypeError, match=r"unexpected keyword argument 'no_such_input'"):
        cls("x", no_such_input=1)
    required = [name for name, field in fields.items() if field.required]
    if required:
        with pytest.raises(TypeError, match=rf"missing required keyword argument: '{required[0]}'"):
            cls("x")
