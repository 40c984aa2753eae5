"""Models of SDK keys."""

from pydantic import ConfigDict, Field

from pulumi_configcat.types._base import ApiModel


class SdkKeysModel(ApiModel):
    """The SDK keys of a Config in one Environment; kept out of ``repr`` and validation errors."""

    holds_secrets = True

    model_config = ConfigDict(hide_input_in_errors=True)

    primary: str = Field(repr=False)
    secondary: str | None = Field(default=None, repr=False)
