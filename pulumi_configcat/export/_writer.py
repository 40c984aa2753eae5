"""Writing declarations (:mod:`._model`) as a Pulumi Python program.

A small emitter, not a template: each value is written on one line when it fits in 88 columns (ruff's and
black's default), else one item a line with a trailing comma. That is the layout ``ruff format`` itself
produces and keeps, so the output passes ``ruff format --check`` as it is.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from pulumi_configcat.export._model import Constant, Declaration, ProductExport, Program, Ref, Secret

__all__ = ["write_program"]

LINE_LENGTH = 88
INDENT = "    "
# Names the program itself uses (a product's export defines organization_id; other programs may not, but
# keeping it out of the resources' names reads the same in both).
_RESERVED = {"config", "configcat", "pulumi", "organization_id"}


def write_program(
    export: ProductExport | Program, *, command: str = "python -m pulumi_configcat export"
) -> str:
    """Writes the program that declares and adopts everything in ``export``.

    Args:
        export: A product's declarations, or any :class:`Program` (its own opening comment and constants).
        command: How a product's program was made, for its opening comment (a :class:`Program` says it
            in its summary).

    Returns:
        The program's source text.

    Raises:
        ValueError: Two different secrets would read one stack configuration key.

    Example::

        Path("__main__.py").write_text(write_program(read_product(client, product_id)))
    """
    program = export if isinstance(export, Program) else _product_program(export, command)
    names = _Names(program.declarations, reserved=set(program.constants))
    secrets = _distinct(program.secrets())
    lines = [f"# {line}" if line else "#" for line in program.summary]
    if secrets:
        lines += [
            "#",
            *(f"# {line}" if line else "#" for line in program.secrets_note),
            "#",
            *(f"#   pulumi config set --secret {s.config_key} <value>  # {s.purpose}" for s in secrets),
        ]
    lines += ["", "import pulumi", "import pulumi_configcat as configcat", ""]
    if secrets:
        lines += ["config = pulumi.Config()", ""]
    if program.constants:
        lines += [f"{name} = {_string(value)}" for name, value in program.constants.items()] + [""]
    for declaration in program.declarations:
        lines += ["", *_declaration(declaration, names)]
    return "\n".join(lines) + "\n"


def _product_program(export: ProductExport, command: str) -> Program:
    """A whole product's export as a program: its comment, and its organization's id as a constant."""
    organization = {"organization_id": Constant("organization_id")}
    declarations = [
        replace(declaration, inputs={**declaration.inputs, **organization})
        if declaration.inputs.get("organization_id") == export.organization_id
        else declaration
        for declaration in export.declarations
    ]
    return Program(
        summary=[
            f"ConfigCat product {export.product_name!r} ({export.product_id}), exported by `{command}`.",
            "",
            "The first `pulumi up` adopts every entity below (ResourceOptions(import_=...)) instead of",
            "creating it. Flag values are declared with init_only=False: this program owns them from then "
            "on.",
        ],
        declarations=declarations,
        constants={"organization_id": export.organization_id},
        secrets_note=[
            "The API never returns secure webhook header values or integration parameters. Set them as",
            "stack configuration secrets before the first `pulumi up`:",
        ],
    )


def _distinct(secrets: list[Secret]) -> list[Secret]:
    """The secrets, each once; refuses two that would read one configuration key (compared without case).

    Raises:
        ValueError: Two different secrets share a key: the first ``pulumi up`` would write one where the
            other belongs.
    """
    by_key: dict[str, Secret] = {}
    for secret in secrets:
        other = by_key.setdefault(secret.config_key.casefold(), secret)
        if other != secret:
            keys = " and ".join(dict.fromkeys(repr(s.config_key) for s in (other, secret)))
            raise ValueError(
                f"secrets need one stack configuration key each: {other.purpose} and {secret.purpose} "
                f"would both read {keys} (keys are compared without case)"
            )
    return list(by_key.values())


@dataclass(frozen=True)
class _Options:
    """``pulumi.ResourceOptions(import_=..., depends_on=[...])``."""

    import_id: str
    depends_on: tuple[str, ...] = ()


class _Names:
    """Variable and resource names, unique, from each declaration's name hint."""

    def __init__(self, declarations: list[Declaration], reserved: set[str]) -> None:
        referenced = {ref.target for d in declarations for ref in _refs(d.inputs)}
        referenced |= {key for d in declarations for key in d.depends_on}
        self.variables: dict[str, str] = {}
        self.resources: dict[str, str] = {}
        taken_variables = _RESERVED | reserved
        taken_resources: set[str] = set()
        for declaration in declarations:
            words = re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", declaration.name_hint) or ["resource"]
            base = "_".join(word.lower() for word in words)
            resource = _unique(base.replace("_", "-"), taken_resources, "-")
            self.resources[declaration.key] = resource
            if declaration.key in referenced:
                variable = base if base[0].isalpha() else f"{declaration.class_name.lower()}_{base}"
                if keyword.iskeyword(variable):
                    variable += "_"
                self.variables[declaration.key] = _unique(variable, taken_variables, "_")


def _unique(name: str, taken: set[str], separator: str) -> str:
    candidate, counter = name, 2
    while candidate in taken:
        candidate, counter = f"{name}{separator}{counter}", counter + 1
    taken.add(candidate)
    return candidate


def _refs(value: Any) -> Iterable[Ref]:
    if isinstance(value, Ref):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _refs(key)
            yield from _refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _refs(item)


def _declaration(declaration: Declaration, names: _Names) -> list[str]:
    lines = [f"# {declaration.comment}"] if declaration.comment else []
    variable = names.variables.get(declaration.key)
    head = f"{variable} = " if variable else ""
    lines.append(f"{head}configcat.{declaration.class_name}(")
    lines.append(f"{INDENT}{_string(names.resources[declaration.key])},")
    for name, value in declaration.inputs.items():
        lines += _render(value, names, INDENT, f"{name}=", ",")
    depends_on = tuple(names.variables[key] for key in declaration.depends_on)
    lines += _render(_Options(declaration.import_id, depends_on), names, INDENT, "opts=", ",")
    lines.append(")")
    return lines


def _render(value: Any, names: _Names, indent: str, prefix: str, suffix: str) -> list[str]:
    """``value`` as lines: ``indent + prefix + value + suffix`` on one line if it fits, else exploded."""
    flat = _flat(value, names)
    if len(indent) + len(prefix) + len(flat) + len(suffix) <= LINE_LENGTH:
        return [f"{indent}{prefix}{flat}{suffix}"]
    inner = indent + INDENT
    call = _call(value, names)
    if call is not None:
        # One argument a line with a trailing comma, which ruff keeps as it is.
        function, arguments = call
        return [
            f"{indent}{prefix}{function}(",
            *(f"{inner}{argument}," for argument in arguments),
            f"{indent}){suffix}",
        ]
    if isinstance(value, list):
        lines = [f"{indent}{prefix}["]
        for item in value:
            lines += _render(item, names, inner, "", ",")
        return [*lines, f"{indent}]{suffix}"]
    if isinstance(value, dict):
        lines = [f"{indent}{prefix}{{"]
        for key, item in value.items():
            lines += _render(item, names, inner, f"{_flat(key, names)}: ", ",")
        return [*lines, f"{indent}}}{suffix}"]
    # A long string or number: nothing to split.
    return [f"{indent}{prefix}{flat}{suffix}"]


def _call(value: Any, names: _Names) -> tuple[str, list[str]] | None:
    """A value written as a call, as its function and arguments; None for any other value."""
    if isinstance(value, _Options):
        arguments = [f"import_={_string(value.import_id)}"]
        if value.depends_on:
            arguments.append(f"depends_on=[{', '.join(value.depends_on)}]")
        return "pulumi.ResourceOptions", arguments
    if isinstance(value, Ref) and value.variation is not None:
        return (
            f"{names.variables[value.target]}.predefined_variations.apply",
            [f'lambda variations: variations[{value.variation}]["predefined_variation_id"]'],
        )
    if isinstance(value, Secret):
        secret = f"config.require_secret({_string(value.config_key)})"
        if value.template != "{}":
            return f"{secret}.apply", [f"lambda secret: {_string(value.template)}.format(secret)"]
        return "config.require_secret", [_string(value.config_key)]
    return None


def _flat(value: Any, names: _Names) -> str:
    """``value`` as a one-line Python expression."""
    call = _call(value, names)
    if call is not None:
        return f"{call[0]}({', '.join(call[1])})"
    if isinstance(value, Ref):
        return f"{names.variables[value.target]}.id"
    if isinstance(value, Constant):
        return value.name
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_flat(item, names) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flat(k, names)}: {_flat(v, names)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} values")


def _string(text: str) -> str:
    """A string literal as ruff writes it: double quotes, unless the text holds more of them than single."""
    quote = "'" if text.count('"') > text.count("'") else '"'
    body = "".join(
        "\\" + char if char in (quote, "\\") else repr(char)[1:-1] if char not in "'\"" else char
        for char in text
    )
    return quote + body + quote
