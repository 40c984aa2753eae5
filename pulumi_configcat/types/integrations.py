"""Models of Integrations (Datadog, Slack, Amplitude, Mixpanel, Twilio Segment, PubNub).

Their ``parameters`` hold API keys and webhook URLs: these models keep them out of ``repr`` and out of
validation errors, so no message can quote them.
"""

from typing import Literal

from pydantic import ConfigDict, Field

from pulumi_configcat.types._base import ApiModel
from pulumi_configcat.types.products import ProductModel

IntegrationType = Literal["dataDog", "slack", "amplitude", "mixPanel", "segment", "pubNub"]
"""The service an Integration sends feature flag changes to."""


class IntegrationModel(ApiModel):
    """Details of the Integration."""

    holds_secrets = True

    model_config = ConfigDict(hide_input_in_errors=True)

    product: ProductModel | None = None
    integration_id: str
    name: str
    integration_type: IntegrationType | str
    parameters: dict[str, str] | None = Field(default=None, repr=False)
    environment_ids: list[str]
    config_ids: list[str]


class IntegrationsModel(ApiModel):
    """The Integrations of a Product (`GET /v1/products/{productId}/integrations`)."""

    holds_secrets = True

    model_config = ConfigDict(hide_input_in_errors=True)

    integrations: list[IntegrationModel]


class CreateIntegrationModel(ApiModel):
    """Body of `POST /v1/products/{productId}/integrations`; an empty id list means "all of them"."""

    model_config = ConfigDict(hide_input_in_errors=True)

    integration_type: IntegrationType
    name: str = Field(min_length=1, max_length=255)
    parameters: dict[str, str] = Field(repr=False)
    environment_ids: list[str]
    config_ids: list[str]


class ModifyIntegrationRequest(ApiModel):
    """Body of `PUT /v1/integrations/{integrationId}`: every field is required (a complete replace)."""

    model_config = ConfigDict(hide_input_in_errors=True)

    name: str = Field(min_length=1, max_length=255)
    parameters: dict[str, str] = Field(repr=False)
    environment_ids: list[str]
    config_ids: list[str]
