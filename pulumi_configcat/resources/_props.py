"""Declarations of resource inputs: what each accepts, how it is normalized, how two values compare.

A provider lists its inputs as :class:`Prop` objects. ``check`` runs each one's :class:`Kind` over the value
the engine sent (numbers arrive as floats, ids may be ints, values may be unknown at preview) and gets back a
normalized value or the reason it is refused, naming what is allowed. ``diff`` compares through the same
kinds, so a value that crossed the wire as ``3.0`` equals ``3`` and an unset description equals ``""``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pulumi.output import Unknown

__all__ = [
    "Boolean",
    "Choice",
    "Integer",
    "IntegerId",
    "InvalidValueError",
    "Kind",
    "ListOf",
    "MapOf",
    "Prop",
    "Redacted",
    "Text",
    "Uuid",
    "contains_unknown",
    "is_unknown",
]

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
# The API's integers are 32-bit on the wire (the spec says int32 for order, int64 for some ids).
_INT32 = (-(2**31), 2**31 - 1)


def is_unknown(value: Any) -> bool:
    """Whether ``value`` is unknown at preview time (it is computed by another resource)."""
    return isinstance(value, Unknown)


def contains_unknown(value: Any) -> bool:
    """Whether ``value`` or anything nested in it is unknown at preview time."""
    if is_unknown(value):
        return True
    if isinstance(value, Mapping):
        return any(contains_unknown(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(contains_unknown(item) for item in value)
    return False


class InvalidValueError(ValueError):
    """A value a :class:`Kind` refuses; the message says what is allowed.

    Attributes:
        details: For a nested value, each fault as ``(path, reason)``, the path relative to the input
            (``"[1].conditions[0].user_condition.comparator"``); ``check`` reports one failure each.
    """

    def __init__(self, message: str, details: list[tuple[str, str]] | None = None) -> None:
        super().__init__(message)
        self.details = details or []


class Kind:
    """What one input accepts. Subclasses override :meth:`parse` and :meth:`describe`."""

    def parse(self, value: Any) -> Any:
        """Returns ``value`` normalized, or raises :class:`InvalidValueError` with what is allowed."""
        raise NotImplementedError

    def describe(self) -> str:
        """What the kind allows, for error messages."""
        raise NotImplementedError

    def comparable(self, value: Any) -> Any:
        """The form in which two values are compared by ``diff``; tolerant of stored (float) values."""
        if value is None:
            return None
        try:
            return self.parse(value)
        except InvalidValueError:
            return value


@dataclass(frozen=True)
class Text(Kind):
    """A string with the spec's length limits. ``None`` and ``""`` compare equal when ``empty_is_none``."""

    min_length: int = 0
    max_length: int | None = None
    empty_is_none: bool = False
    pattern: str | None = None

    def parse(self, value: Any) -> Any:
        if not isinstance(value, str):
            raise InvalidValueError(f"must be {self.describe()}, got {type(value).__name__} {value!r}")
        if len(value) < self.min_length or (self.max_length is not None and len(value) > self.max_length):
            raise InvalidValueError(f"must be {self.describe()}, got {len(value)} characters")
        if self.pattern is not None and not re.fullmatch(self.pattern, value):
            raise InvalidValueError(f"must match {self.pattern} (the API's rule), got {value!r}")
        return value

    def describe(self) -> str:
        if self.max_length is None:
            return f"a string of at least {self.min_length} characters" if self.min_length else "a string"
        return f"a string of {self.min_length} to {self.max_length} characters"

    def comparable(self, value: Any) -> Any:
        if self.empty_is_none and value == "":
            return None
        return super().comparable(value)


@dataclass(frozen=True)
class Uuid(Kind):
    """A ConfigCat GUID id (products, configs, environments, segments, organizations). Compared lower-case."""

    def parse(self, value: Any) -> Any:
        if not isinstance(value, str) or not _UUID.match(value):
            raise InvalidValueError(f"must be {self.describe()}, got {value!r}")
        return value

    def describe(self) -> str:
        return "a UUID such as 08d86d63-2726-47cd-8bfc-59608ecb91e2"

    def comparable(self, value: Any) -> Any:
        return value.lower() if isinstance(value, str) else value


@dataclass(frozen=True)
class IntegerId(Kind):
    """An integer id (settings, tags, webhooks, permission groups): an ``int`` or digits, kept as str."""

    def parse(self, value: Any) -> Any:
        if isinstance(value, bool):
            raise InvalidValueError(f"must be {self.describe()}, got {value!r}")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) or (isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value)):
            return str(int(value))
        raise InvalidValueError(f"must be {self.describe()}, got {value!r}")

    def describe(self) -> str:
        return "an integer id (an int or a string of digits)"


@dataclass(frozen=True)
class Integer(Kind):
    """A 32-bit integer. Accepts the float the engine turns every number into, when it is integral."""

    minimum: int = _INT32[0]
    maximum: int = _INT32[1]

    def parse(self, value: Any) -> Any:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidValueError(f"must be {self.describe()}, got {value!r}")
        if not self.minimum <= value <= self.maximum:
            raise InvalidValueError(f"must be {self.describe()}, got {value}")
        return value

    def describe(self) -> str:
        return f"an integer from {self.minimum} to {self.maximum}"


@dataclass(frozen=True)
class Boolean(Kind):
    """``True`` or ``False``."""

    def parse(self, value: Any) -> Any:
        if not isinstance(value, bool):
            raise InvalidValueError(f"must be {self.describe()}, got {value!r}")
        return value

    def describe(self) -> str:
        return "true or false"


@dataclass(frozen=True)
class Choice(Kind):
    """One of a fixed set of strings (an enum of the API), matched exactly."""

    choices: tuple[str, ...]

    def parse(self, value: Any) -> Any:
        if value not in self.choices:
            raise InvalidValueError(f"must be {self.describe()}, got {value!r}")
        return value

    def describe(self) -> str:
        return "one of " + ", ".join(repr(choice) for choice in self.choices)


@dataclass(frozen=True)
class MapOf(Kind):
    """A mapping with keys and values of the given kinds.

    Args:
        keys: The kind of every key.
        values: The kind of every value.
        drop_values: Values that mean the same as an absent key (e.g. ``False`` for "no reason required"),
            dropped before comparing, so an answer that lists every key equals a sparse input.
    """

    keys: Kind
    values: Kind
    drop_values: tuple[Any, ...] = field(default=())

    def parse(self, value: Any) -> Any:
        if not isinstance(value, Mapping):
            raise InvalidValueError(f"must be {self.describe()}, got {type(value).__name__}")
        parsed: dict[str, Any] = {}
        for key, item in value.items():
            try:
                parsed_key = self.keys.parse(key)
            except InvalidValueError as exc:
                raise InvalidValueError(f"has a key that {exc}") from None
            try:
                parsed[parsed_key] = self.values.parse(item)
            except InvalidValueError as exc:
                raise InvalidValueError(f"[{key!r}] {exc}") from None
        return parsed

    def describe(self) -> str:
        return f"a mapping of {self.keys.describe()} to {self.values.describe()}"

    def comparable(self, value: Any) -> Any:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            return value
        return {
            self.keys.comparable(key): self.values.comparable(item)
            for key, item in value.items()
            if item not in self.drop_values
        }


@dataclass(frozen=True)
class ListOf(Kind):
    """A list of items of one kind.

    Args:
        items: The kind of every item.
        ordered: Whether order matters; an unordered list compares as a set (tags on a flag).
    """

    items: Kind
    ordered: bool = True

    def parse(self, value: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise InvalidValueError(f"must be {self.describe()}, got {type(value).__name__}")
        parsed = []
        for index, item in enumerate(value):
            if is_unknown(item):
                parsed.append(item)
                continue
            try:
                parsed.append(self.items.parse(item))
            except InvalidValueError as exc:
                raise InvalidValueError(f"[{index}] {exc}", [(f"[{index}]", str(exc))]) from None
        return parsed

    def describe(self) -> str:
        return f"a list of {self.items.describe()}"

    def comparable(self, value: Any) -> Any:
        if not isinstance(value, list | tuple):
            return value
        items = [self.items.comparable(item) for item in value]
        if self.ordered:
            return items
        return sorted(set(items), key=repr)


@dataclass(frozen=True)
class Redacted(Kind):
    """A secret value of another kind: refused values are described but never quoted in the message."""

    kind: Kind

    def parse(self, value: Any) -> Any:
        try:
            return self.kind.parse(value)
        except InvalidValueError:
            raise InvalidValueError(
                f"must be {self.describe()}, got a value of type {type(value).__name__} (not shown: secret)"
            ) from None

    def describe(self) -> str:
        return self.kind.describe()

    def comparable(self, value: Any) -> Any:
        return self.kind.comparable(value)


@dataclass(frozen=True)
class Prop:
    """One input of a resource, and also an output of the same name.

    Attributes:
        name: The Python (and state) name, e.g. ``"product_id"``.
        kind: What it accepts.
        required: Whether the program must set it.
        default: What an unset input becomes (``None``: stays unset).
        replaces: Whether a change replaces the entity instead of updating it (parent ids, immutable fields).
    """

    name: str
    kind: Kind
    required: bool = False
    default: Any = None
    replaces: bool = False

    def comparable(self, value: Any) -> Any:
        """``value`` as ``diff`` compares it, with an unset value taking the default."""
        if value is None:
            value = self.default
        return self.kind.comparable(value)
