"""A value a flag serves, as programs write it and as the API takes and gives it.

Programs write a served value plainly (``true``, ``"text"``, ``3``) or typed, in pulumiverse's shape
(``{int_value: 3}``, ``{predefined_variation_id: ...}``). One value compares with another as what it serves
(``3 == 3.0 == {int_value: 3}``), is sent as the flag's type reads it, and comes back typed.
"""

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field, StrictStr, model_validator
from typing_extensions import Self

from pulumi_configcat.resources._props import is_unknown
from pulumi_configcat.resources._structured import Shape
from pulumi_configcat.resources.flags._scalars import (
    TYPE_FIELDS,
    VALUE_FIELDS,
    Int32,
    Number,
    UuidStr,
    ValueTypeError,
    finite_number,
    is_number,
    typed_value,
)
from pulumi_configcat.types import UpdateValueModel, ValueModel

__all__ = [
    "SERVED",
    "ServedValue",
    "TypedValue",
    "comparable_value",
    "plain",
    "prerequisite_value",
    "update_value",
    "value_out",
]


class TypedValue(Shape):
    """A value in pulumiverse's shape: exactly one field set."""

    bool_value: bool | None = Field(default=None, strict=True)
    string_value: StrictStr | None = None
    int_value: Int32 | None = None
    double_value: Number | None = None
    predefined_variation_id: UuidStr | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        count = sum(getattr(self, name) is not None for name in (*VALUE_FIELDS, "predefined_variation_id"))
        if count != 1:
            raise ValueError(
                "must set exactly one of bool_value, string_value, int_value, double_value or "
                f"predefined_variation_id, got {count}"
            )
        return self

    def comparable(self) -> Any:
        return comparable_value(self)


def _plain_or_typed(value: Any) -> Any:
    if isinstance(value, bool | str) or is_number(value):
        return value if not is_number(value) else finite_number(value)
    if isinstance(value, Mapping):
        # The API's answers spell every field, unset ones as null; a typed value sets one of them.
        return TypedValue.model_validate({k: v for k, v in value.items() if v is not None})
    raise ValueError(
        "must be true/false, a string, a number, or a mapping with exactly one of bool_value, "
        f"string_value, int_value, double_value, predefined_variation_id; got {type(value).__name__}"
    )


class _Served:
    """Marks a field that holds a served value (sent as the flag's type reads it)."""


SERVED = _Served()
ServedValue = Annotated[bool | str | float | TypedValue, BeforeValidator(_plain_or_typed), SERVED]


def plain(value: Any) -> Any:
    """A parsed value as plain data (a typed value as its one set field)."""
    return value.model_dump(exclude_none=True) if isinstance(value, BaseModel) else value


def comparable_value(value: Any) -> Any:
    """A served value as compared: ``("num", 3.0)`` for ``3``, ``3.0``, ``{int_value: 3}``."""
    value = plain(value)
    if value is None or is_unknown(value):
        return value
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, str):
        return ("str", value)
    if is_number(value):
        return ("num", float(value))
    if value.get("predefined_variation_id") is not None:
        return ("pv", value["predefined_variation_id"].lower())
    for field in VALUE_FIELDS:
        if value.get(field) is not None:
            return comparable_value(value[field])
    return value


def update_value(value: Any, setting_type: str, where: str) -> UpdateValueModel:
    """A served value as the API takes it, read as the flag's type (``where`` names it in an error)."""
    value = plain(value)
    if isinstance(value, Mapping) and value.get("predefined_variation_id") is not None:
        return UpdateValueModel(predefined_variation_id=value["predefined_variation_id"])
    return UpdateValueModel(**{TYPE_FIELDS[setting_type]: typed_value(value, setting_type, where)})


def prerequisite_value(value: Any, prerequisite_type: str | None, where: str) -> UpdateValueModel:
    """A prerequisite's comparison value as the API takes it: typed as written, else as that flag's type."""
    value = plain(value)
    if isinstance(value, Mapping):
        if value.get("predefined_variation_id") is not None:
            return UpdateValueModel(predefined_variation_id=value["predefined_variation_id"])
        field = next(f for f in VALUE_FIELDS if value.get(f) is not None)
        return UpdateValueModel(**{field: value[field]})
    if prerequisite_type is None:
        # Only a plain number needs the prerequisite's type (int or double); a bool or a string says it.
        if isinstance(value, bool):
            return UpdateValueModel(bool_value=value)
        if isinstance(value, str):
            return UpdateValueModel(string_value=value)
        raise ValueTypeError(f"{where}: the prerequisite flag's type is not known")
    return update_value(value, prerequisite_type, where)


def value_out(value: ValueModel) -> dict[str, Any]:
    """A value the API gives, as outputs: its one typed field (or its predefined variation)."""
    if value.predefined_variation_id:
        return {"predefined_variation_id": value.predefined_variation_id.lower()}
    return {field: getattr(value, field) for field in VALUE_FIELDS if getattr(value, field) is not None}
