"""An entity's inputs, declared once: a ``TypedDict`` whose fields carry what each input is.

Each field of an entity's ``...Args`` TypedDict is ``Annotated[<Pulumi input type>, In(...)]``; wrapped in
``Required[...]`` when the program must set it. From that one declaration come:

* the provider's :class:`Prop` list, which ``check`` and ``diff`` run (kind, default, replace rule);
* the resource class's constructor: its keyword parameters (typed through ``**args: Unpack[...Args]``), the
  signature ``help()`` and ``inspect`` show, with defaults, and its ``Args:`` docs;
* the create and update request bodies (:func:`request`), by field name, or by ``wire`` where the API's
  model names a field otherwise.

Example::

    class ProductArgs(TypedDict, total=False):
        organization_id: Required[Annotated[pulumi.Input[str], In(Uuid(), "Its owner.", replaces=True)]]
        description: Annotated[pulumi.Input[str] | None, In(Text(0, 1000), "Free text.", clear="")]
"""

from __future__ import annotations

import ast
import copy
import dataclasses
import functools
import inspect
import sys
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ForwardRef, TypeVar, get_args, get_origin

import pydantic
from typing_extensions import NotRequired, Required

from pulumi_configcat.resources._props import Integer, Kind, Prop, Text, Uuid

__all__ = [
    "DESCRIPTION",
    "RESOURCE_NAME",
    "In",
    "constructor_inputs",
    "declared_props",
    "document_constructor",
    "parent_id",
    "position",
    "request",
]

_M = TypeVar("_M", bound=pydantic.BaseModel)


class _ResourceName:
    """The default of a ``name`` input: the Pulumi name of the resource."""

    def __repr__(self) -> str:
        return "RESOURCE_NAME"


RESOURCE_NAME: Any = _ResourceName()


@dataclass(frozen=True)
class In:
    """What one input is: the marker of a field of an entity's ``Args`` declaration.

    Attributes:
        kind: What it accepts, how it is normalized and compared.
        doc: One or two sentences for the constructor's docs; "Replaces on change." and the default are added.
        default: What an unset input becomes (``None``: stays unset; ``RESOURCE_NAME``: the resource's name).
        replaces: Whether a change replaces the entity instead of updating it.
        wire: The request models' field for it, where that is not its own name.
        clear: What the API is sent for it when unset: by an update, where the API keeps a value a body leaves
            out; by a create, where the API requires the field.
    """

    kind: Kind
    doc: str
    default: Any = None
    replaces: bool = False
    wire: str | None = None
    clear: Any = None


@dataclass(frozen=True)
class _Field:
    marker: In
    required: bool
    written: str  # the Pulumi input type as the declaration spells it, for the signature help() shows


def parent_id(parent: str, entity: str) -> In:
    """The UUID of the entity's parent: a product's organization, a config's product, ..."""
    return In(Uuid(), f"The UUID of the {parent} the {entity} belongs to.", replaces=True)


def position(entity: str) -> In:
    """Where the entity is listed in the dashboard."""
    return In(Integer(), f"The {entity}'s position in the dashboard's lists (zero-based).", 0)


# The API keeps a description an update leaves out, so an unset one is sent as "" to clear it.
DESCRIPTION = In(Text(0, 1000, empty_is_none=True), "Free text, up to 1000 characters.", clear="")


@functools.cache
def _fields(args: type) -> dict[str, _Field]:
    """Each field of ``args``: its marker, whether the program must set it, and its type as written."""
    namespace = vars(sys.modules[args.__module__])
    found: dict[str, _Field] = {}
    for name, annotation in args.__annotations__.items():
        # A string (this package's modules use postponed annotations), which TypedDict wraps in a ForwardRef.
        # Evaluated here, not by get_type_hints: pulumi.Input holds a forward reference only pulumi resolves,
        # and TypedDict cannot see Required[...] inside a string.
        source = annotation.__forward_arg__ if isinstance(annotation, ForwardRef) else annotation
        if not isinstance(source, str):
            raise TypeError(f"{args.__name__}.{name}: declare inputs in a module with postponed annotations")
        hint = eval(source, namespace)  # noqa: S307 - the package's own source
        required = getattr(args, "__total__", True)
        while get_origin(hint) in (Required, NotRequired):
            required = get_origin(hint) is Required
            (hint,) = get_args(hint)
        markers = [meta for meta in getattr(hint, "__metadata__", ()) if isinstance(meta, In)]
        if len(markers) != 1:
            raise TypeError(f"{args.__name__}.{name} must carry exactly one In(...) marker")
        found[name] = _Field(markers[0], required, _input_type(source))
    return found


def _input_type(source: str) -> str:
    """``pulumi.Input[str]`` out of ``Required[Annotated[pulumi.Input[str], In(...)]]``."""
    node = ast.parse(source, mode="eval").body
    while isinstance(node, ast.Subscript):
        if ast.unparse(node.value).endswith("Annotated") and isinstance(node.slice, ast.Tuple):
            return ast.unparse(node.slice.elts[0])
        node = node.slice
    return source


def declared_props(args: type) -> tuple[Prop, ...]:
    """The :class:`Prop` of every field of ``args``, in declaration order."""
    return tuple(
        Prop(
            name,
            field.marker.kind,
            required=field.required or field.marker.default is RESOURCE_NAME,
            default=None if field.marker.default is RESOURCE_NAME else field.marker.default,
            replaces=field.marker.replaces,
            wire=field.marker.wire,
            clear=field.marker.clear,
        )
        for name, field in _fields(args).items()
    )


def constructor_inputs(args: type, resource_name: str, given: Mapping[str, Any]) -> dict[str, Any]:
    """Every declared input, as the constructor registers it: given, else its default (or the name).

    Raises:
        TypeError: An argument is not declared, or a required one is missing, as Python says of a
            constructor with explicit parameters.
    """
    fields = _fields(args)
    entity = args.__name__.removesuffix("Args")
    unknown = sorted(set(given) - set(fields))
    if unknown:
        raise TypeError(f"{entity}() got an unexpected keyword argument {unknown[0]!r}")
    missing = [name for name, field in fields.items() if field.required and name not in given]
    if missing:
        raise TypeError(f"{entity}() missing required keyword argument: {missing[0]!r}")
    inputs = {}
    for name, field in fields.items():
        value = given.get(name)
        if value is None:
            default = field.marker.default
            # A copy: a default list or mapping must not be one object shared by every resource.
            value = resource_name if default is RESOURCE_NAME else copy.deepcopy(default)
        inputs[name] = value
    return inputs


def document_constructor(
    init: Callable[..., None],
    args: type,
    noun: str,
    import_id: str,
    defaults: Mapping[str, Any] | None = None,
) -> None:
    """Gives a resource class's ``__init__`` the signature and the ``Args:`` docs its declaration implies."""
    self_param = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    parameters = [self_param, inspect.Parameter("resource_name", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    lines = ["resource_name: The Pulumi name of the resource."]
    for name, field in _fields(args).items():
        marker = field.marker
        if defaults and name in defaults:
            marker = dataclasses.replace(marker, default=defaults[name])
        default: Any = inspect.Parameter.empty
        if not field.required:
            default = None if marker.default in (None, RESOURCE_NAME) else marker.default
        parameters.append(
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=field.written)
        )
        doc = marker.doc
        if marker.default is RESOURCE_NAME:
            doc += " Defaults to the resource's name."
        elif marker.default is not None:
            doc += f" Defaults to {marker.default!r}."
        if marker.replaces:
            doc += " Replaces on change."
        lines.append(f"{name}: {doc}")
    parameters.append(
        inspect.Parameter(
            "opts", inspect.Parameter.KEYWORD_ONLY, default=None, annotation="pulumi.ResourceOptions | None"
        )
    )
    lines.append(f"opts: Resource options; ``import_={import_id}`` adopts {noun} that exists.")
    init.__signature__ = inspect.Signature(parameters, return_annotation=None)  # type: ignore[attr-defined]
    wrapped = "\n".join(
        textwrap.fill(line, width=104, initial_indent="    ", subsequent_indent="        ") for line in lines
    )
    init.__doc__ = f"Declares {noun}.\n\nArgs:\n{wrapped}\n"


def request(
    model: type[_M],
    props: tuple[Prop, ...],
    inputs: Mapping[str, Any],
    *,
    update: bool = False,
    exclude: tuple[str, ...] = (),
) -> _M:
    """The request body ``model`` built from the inputs it has fields for.

    Args:
        model: The API's request model, e.g. ``CreateProductRequest``.
        props: The entity's inputs.
        inputs: The checked inputs.
        update: An update: an unset input sends its ``clear`` value, since the API keeps what a body leaves
            out (an input without one is sent as null). A create sends it where the model requires the field.
        exclude: Inputs the caller converts itself (a flag's typed predefined variations).
    """
    body: dict[str, Any] = {}
    for prop in props:
        field = prop.wire or prop.name
        if field in model.model_fields and prop.name not in exclude:
            value = inputs.get(prop.name)
            if value is None and (update or model.model_fields[field].is_required()):
                value = prop.clear
            body[field] = value
    return model(**body)
