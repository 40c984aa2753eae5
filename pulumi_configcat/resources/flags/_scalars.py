"""Values and numbers as the engine sends them, and as a flag's type reads them.

The engine sends numbers as floats (``3.0``), ids as ints or strings, and values as plain scalars, typed
``{bool_value: ...}`` mappings or (Config V1) strings. Here each becomes what it stands for: the pydantic
scalar types the targeting models use (:data:`Int32`, :data:`Percentage`, :data:`UuidStr`, ...), and
:func:`typed_value`, which reads a value as a flag's type wants it (``"5"`` for an int flag is ``5``) and
names the property when it does not fit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StrictStr

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_INT32 = (-(2**31), 2**31 - 1)
VALUE_FIELDS = ("bool_value", "string_value", "int_value", "double_value")
# The flag type each typed value field belongs to.
FIELD_TYPES = {
    "bool_value": "boolean",
    "string_value": "string",
    "int_value": "int",
    "double_value": "double",
}
TYPE_FIELDS = {flag_type: field for field, flag_type in FIELD_TYPES.items()}
TYPE_WORDS = {"boolean": "true or false", "string": "a string", "int": "a whole number", "double": "a number"}

# --------------------------------------------------------------------------------------------------------
# Scalars, as the engine sends them.


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def finite_number(value: Any) -> float:
    if not is_number(value) or not math.isfinite(value):
        raise ValueError(f"must be a finite number, got {value!r}")
    return value  # type: ignore[no-any-return]


def _int32(value: Any) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not _INT32[0] <= value <= _INT32[1]:
        raise ValueError(f"must be a whole number from {_INT32[0]} to {_INT32[1]}, got {shown(value)}")
    return value


def _percentage(value: Any) -> int:
    if isinstance(value, str) and re.fullmatch(r"[0-9]+", value.strip()):
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ValueError(f"must be a whole number from 0 to 100, got {shown(value)}")
    return value


def _uuid(value: Any) -> str:
    if not isinstance(value, str) or not _UUID.fullmatch(value):
        raise ValueError(f"must be a UUID such as 08d86d63-2726-47cd-8bfc-59608ecb91e2, got {shown(value)}")
    return value.lower()


def _integer_id(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and re.fullmatch(r"[0-9]+", value):
        return str(int(value))
    raise ValueError(f"must be an integer id (an int or a string of digits), got {value!r}")


def shown(value: Any) -> str:
    """A number as the user wrote it: ``12345``, not the ``12345.0`` the wire made of it."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(value)


Number = Annotated[float, BeforeValidator(finite_number)]
# A Config V1 value as written: "true", "42", "text" (read later as the flag's type), true/false or a number.
V1Scalar = Annotated[bool | str | float, BeforeValidator(lambda v: finite_number(v) if is_number(v) else v)]
Int32 = Annotated[int, BeforeValidator(_int32)]
Percentage = Annotated[int, BeforeValidator(_percentage)]
UuidStr = Annotated[str, BeforeValidator(_uuid)]
IntegerIdStr = Annotated[str, BeforeValidator(_integer_id)]
Attribute = Annotated[StrictStr, Field(min_length=1, max_length=1000)]


def v1_number_ok(comparator: str | None, text: str | None) -> bool:
    """Whether a Config V1 (rule or segment) comparison string suits its comparator: the number comparators
    need a finite number (``,`` may be the decimal mark, as the SDKs read it)."""
    if not (comparator or "").startswith("number"):
        return True
    try:
        return math.isfinite(float((text or "").strip().replace(",", ".")))
    except ValueError:
        return False


# --------------------------------------------------------------------------------------------------------
# To the API, typed by the flag's type.


class ValueTypeError(ValueError):
    """A value that does not fit the flag's type; the message names the property and the type."""


def typed_value(value: Any, setting_type: str, where: str) -> Any:
    """``value`` (plain, typed mapping, or V1 string) as the Python value of a ``setting_type`` flag."""
    if isinstance(value, Mapping):
        field = next((f for f in VALUE_FIELDS if value.get(f) is not None), None)
        if field is not None and FIELD_TYPES[field] != setting_type:
            raise ValueTypeError(
                f"{where} sets {field}, but the flag is of type {setting_type!r}: "
                f"use {TYPE_FIELDS[setting_type]}"
            )
        value = value[field] if field else value
    if setting_type == "boolean":
        if isinstance(value, str) and value.strip().lower() in _BOOL_WORDS:
            return _BOOL_WORDS[value.strip().lower()]
        if isinstance(value, bool):
            return value
    elif setting_type == "string":
        if isinstance(value, str):
            return value
    elif not isinstance(value, bool):
        number: Any = value
        if isinstance(value, str):
            try:
                number = float(value.strip())
            except ValueError:
                number = None
        if is_number(number) and math.isfinite(number):
            if setting_type == "double":
                return float(number)
            if float(number).is_integer() and _INT32[0] <= number <= _INT32[1]:
                return int(number)
    raise ValueTypeError(
        f"{where} must be {TYPE_WORDS[setting_type]} for this flag of type {setting_type!r}, "
        f"got {shown(value)}"
    )


def served_as(entry: Mapping[str, Any], setting_type: str | None) -> dict[str, Any]:
    """A V2 value with its rules, each plain text that stands for a ``setting_type`` value (``"true"``,
    ``"5"``) as that value, so that it compares as the flag holds it (the write converts it the same way).

    Text that is no such value stays as it is: it then differs, and the write says why.
    """

    def typed(value: Any) -> Any:
        if setting_type is None or not isinstance(value, str):
            return value
        try:
            return typed_value(value, setting_type, "value")  # a text flag's text comes back as it is
        except ValueTypeError:
            return value

    out = dict(entry)
    if "value" in out:
        out["value"] = typed(out["value"])
    if out.get("targeting_rules"):
        out["targeting_rules"] = [
            {
                **rule,
                **({"value": typed(rule["value"])} if "value" in rule else {}),
                **(
                    {
                        "percentage_options": [
                            {**o, "value": typed(o["value"])} for o in rule["percentage_options"]
                        ]
                    }
                    if rule.get("percentage_options")
                    else {}
                ),
            }
            for rule in out["targeting_rules"]
        ]
    return out


# Go's strconv.ParseBool, which the Terraform provider uses for V1 values.
_BOOL_WORDS = {"true": True, "t": True, "1": True, "false": False, "f": False, "0": False}


def format_v1(value: Any) -> str:
    """A V1 value as pulumiverse's string output: ``true``, ``42``, ``2.31`` (``5.0`` is ``5``, as in Go)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if is_number(value):
        return shown(float(value)) if float(value).is_integer() else repr(float(value))
    return str(value)
