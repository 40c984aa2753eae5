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
from urllib.parse import urlsplit

from pulumi.output import Unknown

__all__ = [
    "Boolean",
    "Choice",
    "Colour",
    "Integer",
    "IntegerId",
    "InvalidValueError",
    "Kind",
    "ListOf",
    "MapOf",
    "Prop",
    "Redacted",
    "Text",
    "Url",
    "Uuid",
    "contains_unknown",
    "is_unknown",
    "normalize_id",
    "shown",
]

# Matched with fullmatch: `$` alone also matches before a trailing newline (an id read from a file).
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# A UUID as one part of a composite id such as "<environmentId>:<settingId>".
_UUID_PART = re.compile(rf"(?<![0-9A-Za-z-]){_UUID.pattern}(?![0-9A-Za-z-])")
# What the API takes as an environment colour (spec: "RGB or HTML color codes are allowed"): a hex code of 3,
# 6 or 8 digits, '#' optional, or a colour name (letters only; the API's list of names is not published, so
# any word passes here and the API has the last word). It answers "Invalid color." to anything else.
_COLOUR = re.compile(r"#?(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|[a-zA-Z]+")
# The API's integers are 32-bit on the wire (the spec says int32 for order, int64 for some ids).
_INT32 = (-(2**31), 2**31 - 1)


def shown(value: Any) -> str:
    """``value`` quoted for a message as the program wrote it: the engine sends ``12345`` as ``12345.0``."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(value)


def _type_name(value: Any) -> str:
    # Every number crosses the wire as a float; "float" would name a type the program did not write.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "number"
    return type(value).__name__


def normalize_id(id_: str) -> str:
    """An entity id as the API answers it: every UUID in it (composite ids too) in lower case."""
    return _UUID_PART.sub(lambda found: found.group().lower(), id_)


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

    def canonical(self, value: Any) -> Any:
        """A parsed value as the state keeps it, the program's and a refresh's alike.

        The engine shows a preview's changed inputs by comparing the stored inputs position by position, not
        by asking ``diff``; so a value that compares as a set is kept in one order (the program's order and
        the API's may differ), or a refresh would make it look changed beside any real change.
        """
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
            raise InvalidValueError(f"must be {self.describe()}, got {_type_name(value)} {shown(value)}")
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
class Colour(Text):
    """A dashboard colour: a hex code such as ``#5c6bc0`` or an HTML colour name such as ``red``.

    Empty means no colour. Within ``max_length``, like any text.
    """

    max_length: int | None = 255
    empty_is_none: bool = True

    def parse(self, value: Any) -> Any:
        if isinstance(value, str) and self.max_length is not None and len(value) > self.max_length:
            raise InvalidValueError(f"must be {Text.describe(self)}, got {len(value)} characters")
        value = super().parse(value)
        if value and not _COLOUR.fullmatch(value):
            raise InvalidValueError(f"must be {self.describe()}, got {shown(value)}")
        return value

    def describe(self) -> str:
        return (
            "a colour: a hex code of 3, 6 or 8 digits such as '#5c6bc0' ('#' optional), or an HTML colour "
            "name such as 'red' (the API answers 'Invalid color.' to anything else)"
        )


@dataclass(frozen=True)
class Url(Text):
    """An http(s) URL with a host, as the API takes for a webhook (it answers "Url is invalid" otherwise)."""

    def parse(self, value: Any) -> Any:
        if isinstance(value, str) and not _valid_url(value):
            raise InvalidValueError(f"must be {self.describe()}, got {shown(value)}")
        return super().parse(value)

    def describe(self) -> str:
        return f"an http(s) URL with a host, such as 'https://ci.example.com/hook' ({Text.describe(self)})"


def _valid_url(value: str) -> bool:
    if any(char.isspace() or not char.isprintable() for char in value):
        return False
    try:
        parts = urlsplit(value)
        _ = parts.port  # urlsplit leaves the port unchecked; reading it raises ValueError if malformed
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # a malformed port or IPv6 address
        return False


@dataclass(frozen=True)
class Uuid(Kind):
    """A ConfigCat GUID id (products, configs, environments, segments, organizations). Compared lower-case."""

    def parse(self, value: Any) -> Any:
        if not isinstance(value, str) or not _UUID.fullmatch(value):
            raise InvalidValueError(f"must be {self.describe()}, got {shown(value)}")
        # The API treats ids without case and answers in lower case; so does every comparison here.
        return value.lower()

    def describe(self) -> str:
        return "a UUID such as 08d86d63-2726-47cd-8bfc-59608ecb91e2"

    def comparable(self, value: Any) -> Any:
        return value.lower() if isinstance(value, str) else value


@dataclass(frozen=True)
class IntegerId(Kind):
    """An integer id (settings, tags, webhooks, permission groups): an ``int`` or digits, kept as str."""

    def parse(self, value: Any) -> Any:
        if isinstance(value, bool):
            raise InvalidValueError(f"must be {self.describe()}, got {shown(value)}")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) or (isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value)):
            return str(int(value))
        raise InvalidValueError(f"must be {self.describe()}, got {shown(value)}")

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
            raise InvalidValueError(f"must be {self.describe()}, got {shown(value)}")
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
            raise InvalidValueError(f"must be {self.describe()}, got {shown(value)}")
        return value

    def describe(self) -> str:
        return "true or false"


@dataclass(frozen=True)
class Choice(Kind):
    """One of a fixed set of strings (an enum of the API), matched exactly."""

    choices: tuple[str, ...]

    def parse(self, value: Any) -> Any:
        if value not in self.choices:
            raise InvalidValueError(f"must be {self.describe()}, got {shown(value)}")
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
            raise InvalidValueError(f"must be {self.describe()}, got {_type_name(value)} {shown(value)}")
        parsed: dict[str, Any] = {}
        written: dict[Any, Any] = {}
        for key, item in value.items():
            try:
                parsed_key = self.keys.parse(key)
            except InvalidValueError as exc:
                raise InvalidValueError(f"has a key that {exc}") from None
            if parsed_key in written:
                # Two spellings of one id (ids have no case): the API would get the entity twice.
                raise InvalidValueError(
                    f"has the key {parsed_key!r} twice, as {written[parsed_key]!r} and {key!r}; "
                    "ids are the same whatever their case, so list each once"
                )
            written[parsed_key] = key
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
            raise InvalidValueError(f"must be {self.describe()}, got {_type_name(value)} {shown(value)}")
        parsed = []
        written: dict[Any, Any] = {}
        for index, item in enumerate(value):
            if is_unknown(item):
                parsed.append(item)
                continue
            try:
                parsed_item = self.items.parse(item)
            except InvalidValueError as exc:
                raise InvalidValueError(f"[{index}] {exc}", [(f"[{index}]", str(exc))]) from None
            if not self.ordered and parsed_item in written:
                # A set under two spellings of one id (ids have no case): the API would get it twice.
                message = (
                    f"has {shown(parsed_item)} twice, as {shown(written[parsed_item])} and {shown(item)}; "
                    "list each once"
                )
                raise InvalidValueError(f"[{index}] {message}", [(f"[{index}]", message)])
            written[parsed_item] = item
            parsed.append(parsed_item)
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

    def canonical(self, value: Any) -> Any:
        if self.ordered or not isinstance(value, list | tuple) or contains_unknown(value):
            return value
        return sorted(value, key=lambda item: _sort_key(self.items.comparable(item)))


def _sort_key(value: Any) -> tuple[int, int, str]:
    """Integer ids in number order ("9" before "10", as a user reads them), anything else by its repr."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return (0, int(value), "")
    return (1, 0, repr(value))


@dataclass(frozen=True)
class Redacted(Kind):
    """A secret value of another kind: refused values are described but never quoted in the message."""

    kind: Kind

    def parse(self, value: Any) -> Any:
        try:
            return self.kind.parse(value)
        except InvalidValueError:
            raise InvalidValueError(
                f"must be {self.describe()}, got a value of type {_type_name(value)} (not shown: secret)"
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
        wire: The request models' field for it, where that is not ``name``.
        clear: What an update sends for it when unset (the API keeps a value a body leaves out).
    """

    name: str
    kind: Kind
    required: bool = False
    default: Any = None
    replaces: bool = False
    wire: str | None = None
    clear: Any = None

    def comparable(self, value: Any) -> Any:
        """``value`` as ``diff`` compares it, with an unset value taking the default."""
        if value is None:
            value = self.default
        return self.kind.comparable(value)
