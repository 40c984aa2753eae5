"""Models of Feature Flag and Setting metadata (not their values)."""

from typing import Any, Literal, TypeAlias

from pydantic import Field

from pulumi_configcat.types._base import ApiModel
from pulumi_configcat.types.tags import TagModel

SettingType = Literal["boolean", "string", "int", "double"]
"""The type of the Feature Flag or Setting."""


OperationType = Literal["unknown", "add", "remove", "replace", "move", "copy", "test"]
"""The operation of a JSON Patch (RFC 6902) step."""


SettingValueType: TypeAlias = bool | int | float | str
"""A served value: it must match the setting type.

`int` comes before `float` so that a whole number read from the wire stays an `int` and is written back
as `5`, not `5.0`; pydantic's smart union keeps each JSON scalar in its exact Python type."""


class PredefinedVariationValueModel(ApiModel):
    """Represents the value of a Predefined Variation."""

    bool_value: bool | None = None
    string_value: str | None = None
    int_value: int | None = None
    double_value: float | None = None


class PredefinedVariationModel(ApiModel):
    """A Predefined Variation."""

    value: PredefinedVariationValueModel
    name: str | None = None
    hint: str | None = None
    predefined_variation_id: str


class SettingTagModel(ApiModel):
    """A Tag attached to a Feature Flag or Setting."""

    setting_tag_id: int
    tag_id: int
    name: str
    color: str | None = None


class SettingModel(ApiModel):
    """Metadata of a Feature Flag or Setting."""

    setting_id: int
    key: str
    name: str
    hint: str | None = None
    order: int
    setting_type: SettingType | str
    is_json: bool
    config_id: str
    config_name: str
    created_at: str | None = None
    tags: list[TagModel]
    predefined_variations: list[PredefinedVariationModel]


class CreatePredefinedVariationValueModel(ApiModel):
    """Represents the value of a Predefined Variation."""

    bool_value: bool | None = None
    string_value: str | None = None
    int_value: int | None = None
    double_value: float | None = None


class CreatePredefinedVariationModel(ApiModel):
    """A Predefined Variation."""

    value: CreatePredefinedVariationValueModel
    name: str | None = Field(default=None, max_length=255)
    hint: str | None = Field(default=None, max_length=1000)


class UpdatePredefinedVariationValueModel(ApiModel):
    """Represents the value of a Predefined Variation."""

    bool_value: bool | None = None
    string_value: str | None = None
    int_value: int | None = None
    double_value: float | None = None


class UpdatePredefinedVariationModel(ApiModel):
    """A Predefined Variation to write; one without an id is added."""

    value: UpdatePredefinedVariationValueModel
    name: str | None = Field(default=None, max_length=255)
    hint: str | None = Field(default=None, max_length=1000)
    predefined_variation_id: str | None = None


class UpdatePredefinedVariationsRequest(ApiModel):
    """Body of `PUT /v1/settings/{settingId}/predefined-variations` (replaces the whole collection)."""

    predefined_variations: list[UpdatePredefinedVariationModel]


class PredefinedVariationsModel(ApiModel):
    """A Feature Flag or Setting's Predefined Variations."""

    predefined_variations: list[PredefinedVariationModel]
    max_predefined_variations: int


class InitialValue(ApiModel):
    """The value a new Feature Flag or Setting starts with in one Environment."""

    environment_id: str | None = None
    value: SettingValueType


class CreateSettingInitialValues(ApiModel):
    """Body of `POST /v1/configs/{configId}/settings`."""

    name: str = Field(min_length=1, max_length=255)
    hint: str | None = Field(default=None, max_length=1000)
    tags: list[int] | None = None
    order: int | None = None
    is_json: bool | None = None
    key: str = Field(min_length=1, max_length=255)
    setting_type: SettingType
    predefined_variations: list[CreatePredefinedVariationModel] | None = None
    initial_values: list[InitialValue] | None = None
    setting_id_to_init_from: int | None = None


class ReplaceSettingModel(ApiModel):
    """Body of `PUT /v1/settings/{settingId}` (replaces the metadata of a Feature Flag or Setting)."""

    name: str = Field(min_length=1, max_length=255)
    hint: str | None = Field(default=None, max_length=1000)
    tags: list[int] | None = None
    order: int | None = None
    is_json: bool | None = None


class JsonPatchOperation(ApiModel):
    """One step of a JSON Patch (RFC 6902) document, as sent to the `PATCH` endpoints."""

    op: OperationType
    path: str = Field(min_length=1)
    from_: str | None = Field(default=None, alias="from")
    value: Any = None
