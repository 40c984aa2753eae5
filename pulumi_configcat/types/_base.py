"""The base class of every API model.

Python attributes are snake_case and the wire names are camelCase aliases. Identifiers (UUIDs) and
timestamps are kept as the server's strings, so they go into Pulumi state and back to the API exactly as
they came.

The models are leaves: they import nothing of the package. The client validates an answer as the model it
was asked for (``cast_to``), so an answer of another shape becomes an API error there, naming the request.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pydantic
from pydantic import ConfigDict
from pydantic.alias_generators import to_camel


class ApiModel(pydantic.BaseModel):
    """A ConfigCat Public Management API model.

    Unknown fields in a response are ignored, because the API adds fields over time. Models are built
    either from snake_case names or from their camelCase wire names.
    """

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="ignore",
        frozen=False,
    )

    # An answer of this shape carries secrets (SDK keys, tokens, integration parameters): when it comes back
    # malformed, the client's error names the fields that are wrong and never quotes the answer.
    holds_secrets: ClassVar[bool] = False

    def to_wire(self) -> dict[str, Any]:
        """Returns the JSON body to send.

        Only fields the caller set are included: for the partial-update (`Update*`) bodies a field left
        out keeps the server's value, while a field set explicitly to `None` is sent as `null`.

        Returns:
            The model as a JSON-compatible dict with camelCase keys.
        """
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)
