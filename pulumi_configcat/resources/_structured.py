"""A nested input checked by a pydantic type: its errors become the property paths ``check`` names.

``Structured`` is the :class:`~pulumi_configcat.resources._props.Kind` behind every nested input (webhook
headers, targeting rules, batch values): the pydantic model validates, its error locations become paths
such as ``targeting_rules[1].conditions[0].user_condition.comparator``, and a comparison function says what
``diff`` compares.

The pydantic validators are built at their first use, not at import: a program declares its resources
without ever validating their nested inputs (the provider process does, in ``check``), and a provider
process builds those of the resources it serves only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from pulumi_configcat.resources._props import InvalidValueError, Kind, contains_unknown
from pulumi_configcat.types._base import ApiModel

# Held while a kind builds its validator: the provider checks inputs on many threads.
_BUILDING = threading.Lock()


class Shape(BaseModel):
    """A nested input: unknown fields are refused, so a typo is not silently ignored."""

    # Built at first use where the wire models are (pydantic 2.14 or later: see types/_base.py).
    model_config = ConfigDict(
        extra="forbid", frozen=True, defer_build=bool(ApiModel.model_config.get("defer_build"))
    )


def _location(loc: Sequence[int | str], *, keyed: bool = False) -> str:
    path = ""
    if keyed and loc:
        # A mapping's key first: values["newCheckout"].targeting_rules[0]...
        path, loc = f'["{loc[0]}"]', [part for part in loc[1:] if part != "[key]"]
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part.startswith(("function-", "constrained-")) or part in ("TypedValue", "ListItem"):
            continue  # pydantic's names for validator steps and union members, not properties
        elif part in ("bool", "str", "float", "int"):
            continue
        else:
            path += f".{part}"
    return path


def _reason(error: Any) -> str:
    kind, message = error["type"], str(error["msg"])
    if kind == "extra_forbidden":
        return "is not an input here (check the spelling)"
    if kind == "missing":
        return "is required"
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    if message.startswith("Input should be"):
        message = "must be" + message[len("Input should be") :]
    return message


@dataclass(frozen=True)
class Structured(Kind):
    """A nested input validated by a pydantic type; parsed to plain snake_case data, unset fields dropped.

    Attributes:
        shape: The pydantic type that validates the value (a :class:`Shape`, a list or mapping of them).
        description: What is allowed, for messages.
        to_comparable: How ``diff`` compares two values, given each as the adapter validates it (the
            shapes' own ``comparable()``).
        keyed: Whether the value is a mapping whose keys name things (flags), shown as ``["key"]`` in paths.
        order: For a value that compares as a set, the one order the state keeps it in (see
            :meth:`~pulumi_configcat.resources._props.Kind.canonical`), given the parsed value.
    """

    shape: Any
    description: str
    to_comparable: Callable[[Any], Any]
    keyed: bool = False
    order: Callable[[Any], Any] | None = None
    _built: list[TypeAdapter[Any]] = field(default_factory=list, init=False, repr=False, compare=False)

    @property
    def adapter(self) -> TypeAdapter[Any]:
        """The validator of :attr:`shape`, built at its first use."""
        if not self._built:
            with _BUILDING:
                if not self._built:
                    self._built.append(TypeAdapter(self.shape))
        return self._built[0]

    def parse(self, value: Any) -> Any:
        if contains_unknown(value):
            # Part of it comes from a resource not created yet; it is checked again when it is known,
            # before anything is sent.
            return value
        try:
            parsed = self.adapter.validate_python(value)
        except ValidationError as exc:
            details = [(_location(error["loc"], keyed=self.keyed), _reason(error)) for error in exc.errors()]
            raise InvalidValueError(f"must be {self.description}", details) from None
        return self.adapter.dump_python(parsed, exclude_none=True)

    def describe(self) -> str:
        return self.description

    def canonical(self, value: Any) -> Any:
        if self.order is None or value is None or contains_unknown(value):
            return value
        return self.order(value)

    def comparable(self, value: Any) -> Any:
        if value is None or contains_unknown(value):
            # Unknown until another resource is created: it compares unequal to any state.
            return value
        try:
            parsed = self.adapter.validate_python(value)
        except ValidationError:
            return value
        return self.to_comparable(parsed)
