"""Models of SDK keys."""

from __future__ import annotations

from pulumi_configcat.types._base import ApiModel


class SdkKeysModel(ApiModel):
    """The SDK keys of a Config in one Environment."""

    primary: str
    secondary: str | None = None
