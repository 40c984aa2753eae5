"""Models of Webhooks."""

from typing import Any, Literal

from pydantic import ConfigDict, Field, field_validator

from pulumi_configcat.types._base import ApiModel

WebHookHttpMethod = Literal["get", "post"]
"""The HTTP method a Webhook is called with."""


class WebhookConfig(ApiModel):
    """The Config where the applied changes will invoke the Webhook."""

    name: str
    config_id: str


class WebhookEnvironment(ApiModel):
    """The Environment where the applied changes will invoke the Webhook."""

    name: str
    environment_id: str


class WebhookHeaderResponseModel(ApiModel):
    """An HTTP header a Webhook sends, as the server returns it.

    The spec calls `value` required, but the server does not return the value of a secure header, so
    it may be missing or null here.
    """

    key: str
    value: str | None = None
    is_secure: bool


class WebhookResponseModel(ApiModel):
    """A Webhook of a Config and Environment."""

    webhook_id: int
    url: str
    http_method: WebHookHttpMethod | str
    content: str | None = None
    webhook_headers: list[WebhookHeaderResponseModel] = Field(default_factory=list, alias="webHookHeaders")
    config: WebhookConfig | None = None
    environment: WebhookEnvironment | None = None

    @field_validator("webhook_headers", mode="before")
    @classmethod
    def _no_headers_is_empty(cls, value: Any) -> Any:
        # The server sends `null`, not `[]`, for a webhook without headers.
        return [] if value is None else value


class WebhookHeaderModel(ApiModel):
    """An HTTP header a Webhook must send."""

    key: str = Field(min_length=1, max_length=255)
    value: str = Field(min_length=1, max_length=1000)
    is_secure: bool | None = None


class WebHookRequestModel(ApiModel):
    """Body of the Webhook create (`POST`) and replace (`PUT`) endpoints."""

    url: str = Field(min_length=7, max_length=1000)
    content: str | None = Field(default=None, max_length=15000)
    http_method: WebHookHttpMethod | None = None
    webhook_headers: list[WebhookHeaderModel] | None = Field(default=None, alias="webHookHeaders")


class WebhookSigningKeysModel(ApiModel):
    """The keys the server signs Webhook calls with; kept out of ``repr`` and validation errors."""

    holds_secrets = True

    model_config = ConfigDict(hide_input_in_errors=True)

    key1: str | None = Field(default=None, repr=False)
    key2: str | None = Field(default=None, repr=False)
