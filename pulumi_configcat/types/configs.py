"""Models of Configs."""

from typing import Literal

from pydantic import Field

from pulumi_configcat.types._base import ApiModel
from pulumi_configcat.types.products import ProductModel

EvaluationVersion = Literal["v1", "v2"]
"""Determines the evaluation version of a Config.
Using `v2` enables the new features of Config V2 (https://configcat.com/docs/advanced/config-v2)."""


class ConfigModel(ApiModel):
    """Details of the Config."""

    product: ProductModel | None = None
    config_id: str
    name: str
    description: str | None = None
    order: int
    migrated_config_id: str | None = None
    evaluation_version: EvaluationVersion | str


class CreateConfigRequest(ApiModel):
    """Body of `POST /v1/products/{productId}/configs`."""

    name: str = Field(min_length=1, max_length=255)
    description: str | None = Field(default=None, max_length=1000)
    order: int | None = None
    evaluation_version: EvaluationVersion | None = None


class UpdateConfigRequest(ApiModel):
    """Body of `PUT /v1/configs/{configId}`; a field left out keeps its value."""

    name: str | None = Field(default=None, max_length=255)
    description: str | None = Field(default=None, max_length=1000)
    order: int | None = None
