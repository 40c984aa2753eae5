"""The base class of every API model.

Python attributes are snake_case and the wire names are camelCase aliases. Identifiers (UUIDs) and
timestamps are kept as the server's strings, so they go into Pulumi state and back to the API exactly as
they came.
"""

from __future__ import annotations

from typing import Any, Self

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

    @classmethod
    def model_validate(
        cls,
        obj: Any,
        *,
        strict: bool | None = None,
        from_attributes: bool | None = None,
        context: Any | None = None,
        **kwargs: Any,
    ) -> Self:
        """Builds the model from an API answer; an answer of another shape is an API error.

        Raises:
            APIResponseValidationError: ``obj`` is an answer the client decoded and is not this model; the
                error names the method, path, status and what came back.
            pydantic.ValidationError: ``obj`` came from anywhere else.
        """
        try:
            return super().model_validate(
                obj, strict=strict, from_attributes=from_attributes, context=context, **kwargs
            )
        except pydantic.ValidationError as exc:
            # Imported here: the client is the HTTP core and the models must not need it to be built.
            from pulumi_configcat._client import unusable_answer  # noqa: PLC0415

            error = unusable_answer(cls.__name__, obj, exc)
            if error is None:
                raise
            raise error from None

    def to_wire(self) -> dict[str, Any]:
        """Returns the JSON body to send.

        Only fields the caller set are included: for the partial-update (`Update*`) bodies a field left
        out keeps the server's value, while a field set explicitly to `None` is sent as `null`.

        Returns:
            The model as a JSON-compatible dict with camelCase keys.
        """
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)
