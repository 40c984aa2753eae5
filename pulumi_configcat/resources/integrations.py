"""Integrations: a product's flag changes sent to Datadog, Slack, Amplitude, Mixpanel, Segment or PubNub.

The parameters hold API keys and webhook URLs, so they are secret from end to end: the resource class wraps
them in ``pulumi.Output.secret`` (state keeps the inputs encrypted), and the provider marks them secret in
every result it returns (``secret_props``): create, update, import, and the outputs and inputs a refresh
records, also for a ``get`` lookup, which has no secret input for the engine to inherit secrecy from. A
refused value is described in ``check`` but never quoted.

Refresh reads the parameters the API returns and compares them with the state, so a key changed in the
dashboard shows as drift and the next ``pulumi up`` puts the program's value back. Should the API return no
parameters (the spec allows ``null``), the state keeps the ones last sent instead of reporting them gone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any, get_args

import pulumi
from typing_extensions import Required, TypedDict, Unpack

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.api import integrations as api
from pulumi_configcat.resources._base import ConfigCatProvider, Outputs
from pulumi_configcat.resources._declare import RESOURCE_NAME, In, request
from pulumi_configcat.resources._props import Choice, ListOf, MapOf, Redacted, Text, Uuid
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.types import (
    CreateIntegrationModel,
    IntegrationModel,
    IntegrationType,
    ModifyIntegrationRequest,
)

# The parameters each type requires, from the spec's create-integration text. The API refuses a body without
# them ("apikey parameter is required"); checking first names the property before anything is sent.
REQUIRED_PARAMETERS: dict[str, tuple[str, ...]] = {
    "dataDog": ("apikey",),
    "slack": ("incoming_webhook.url",),
    "amplitude": ("apiKey", "secretKey"),
    "mixPanel": ("serviceAccountUserName", "serviceAccountSecret", "projectId"),
    "segment": ("writeKey",),
    "pubNub": (),
}

# The parameters that take one of a few values, per type (from the spec's create-integration text).
PARAMETER_CHOICES: dict[str, dict[str, tuple[str, ...]]] = {
    "dataDog": {"site": ("Us", "Eu", "Us1Fed", "Us3", "Us5")},
    "mixPanel": {"server": ("StandardServer", "EUResidencyServer")},
    "segment": {"server": ("Us", "Eu")},
}


class IntegrationArgs(TypedDict, total=False):
    """The inputs of an integration."""

    product_id: Required[
        Annotated[
            pulumi.Input[str], In(Uuid(), "The UUID of the product whose changes are sent.", replaces=True)
        ]
    ]
    integration_type: Required[
        Annotated[
            pulumi.Input[str],
            In(
                Choice(get_args(IntegrationType)),
                "``dataDog``, ``slack``, ``amplitude``, ``mixPanel``, ``segment`` or ``pubNub``.",
                replaces=True,
            ),
        ]
    ]
    name: Annotated[
        pulumi.Input[str], In(Text(1, 255), "The integration's name, 1 to 255 characters.", RESOURCE_NAME)
    ]
    parameters: Annotated[
        pulumi.Input[Mapping[str, pulumi.Input[str]]] | None,
        In(
            MapOf(Text(1), Redacted(Text())),
            "The service's settings and keys (see the class docstring); always kept secret.",
            clear={},
        ),
    ]
    # Sets to the API: order means nothing, and none (or an empty list) means "all of them".
    configs: Annotated[
        pulumi.Input[Sequence[pulumi.Input[str]]] | None,
        In(
            ListOf(Uuid(), ordered=False),
            "UUIDs of the configs whose changes are sent; empty for all of them.",
            [],
            wire="config_ids",
        ),
    ]
    environments: Annotated[
        pulumi.Input[Sequence[pulumi.Input[str]]] | None,
        In(
            ListOf(Uuid(), ordered=False),
            "UUIDs of the environments whose changes are sent; empty for all of them.",
            [],
            wire="environment_ids",
        ),
    ]


class IntegrationProvider(ConfigCatProvider):
    """Creates, reads, updates and deletes integrations."""

    entity = "Integration"
    secret_props = ("parameters",)
    args = IntegrationArgs
    id_format = "<integration id>"

    def _check_together(self, inputs: Mapping[str, Any]) -> list[pulumi.dynamic.CheckFailure]:
        parameters = inputs.get("parameters") or {}
        kind = inputs["integration_type"]
        # The value is not quoted: parameters are secret as a whole.
        failures = [
            pulumi.dynamic.CheckFailure(
                "parameters",
                f"parameters[{name!r}] of a {kind} integration must be one of "
                + ", ".join(repr(choice) for choice in choices)
                + " (the value given is not shown: parameters are secret)",
            )
            for name, choices in PARAMETER_CHOICES.get(kind, {}).items()
            if name in parameters and parameters[name].casefold() not in {c.casefold() for c in choices}
        ]
        missing = [name for name in REQUIRED_PARAMETERS[kind] if not parameters.get(name)]
        if not missing:
            return failures
        return [
            *failures,
            pulumi.dynamic.CheckFailure(
                "parameters",
                f"parameters of a {inputs['integration_type']} integration must hold "
                + ", ".join(repr(name) for name in missing)
                + " (required: "
                + ", ".join(repr(name) for name in REQUIRED_PARAMETERS[inputs["integration_type"]])
                + ")",
            ),
        ]

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        body = request(CreateIntegrationModel, self.props, inputs)
        integration = api.create_integration(client, inputs["product_id"], body)
        return integration.integration_id, _outputs(integration, inputs.get("parameters"))

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        return _outputs(api.get_integration(client, id_), None)

    def _refreshed(self, client: ConfigCatClient, id_: str, state: Mapping[str, Any]) -> Outputs:
        # Parameters the API leaves out keep their values in state.
        return _outputs(api.get_integration(client, id_), state.get("parameters"))

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        body = request(ModifyIntegrationRequest, self.props, news, update=True)
        return _outputs(api.update_integration(client, id_, body), news.get("parameters"))

    def _delete(self, client: ConfigCatClient, id_: str) -> None:
        api.delete_integration(client, id_)


def _outputs(integration: IntegrationModel, sent: Mapping[str, str] | None) -> Outputs:
    parameters = integration.parameters if integration.parameters is not None else sent
    return {
        "product_id": integration.product.product_id if integration.product else None,
        "integration_type": integration.integration_type,
        "name": integration.name,
        "parameters": dict(parameters or {}),
        "configs": list(integration.config_ids),
        "environments": list(integration.environment_ids),
    }


class Integration(ConfigCatResource, module="configcat", name="Integration"):
    """A ConfigCat integration: feature flag changes of a product sent to another service.

    The id is the integration's UUID. Changing ``product_id`` or ``integration_type`` replaces the
    integration; other inputs are updated in place. ``parameters`` are Pulumi secrets in inputs, outputs and
    state, whether or not the program passes them as secrets.

    Parameters per ``integration_type`` (from the API reference; required ones marked):

    * ``dataDog``: ``apikey`` (required), ``site`` (``Us``, ``Eu``, ``Us1Fed``, ``Us3``, ``Us5``).
    * ``slack``: ``incoming_webhook.url`` (required), ``includeSensitiveData`` (``"true"``).
    * ``amplitude``: ``apiKey``, ``secretKey`` (both required).
    * ``mixPanel``: ``serviceAccountUserName``, ``serviceAccountSecret``, ``projectId`` (required),
      ``server`` (``StandardServer``, ``EUResidencyServer``).
    * ``segment``: ``writeKey`` (required), ``server`` (``Us``, ``Eu``).
    * ``pubNub``: work in progress at ConfigCat.

    Example::

        datadog = configcat.Integration(
            "datadog",
            product_id=product.id,
            integration_type="dataDog",
            parameters={"apikey": pulumi.Config().require_secret("datadogApiKey"), "site": "Eu"},
            environments=[production.id],  # empty or None: every environment
        )
    """

    _provider_class = IntegrationProvider

    product_id: pulumi.Output[str]
    integration_type: pulumi.Output[str]
    name: pulumi.Output[str]
    parameters: pulumi.Output[dict[str, str]]
    configs: pulumi.Output[list[str]]
    environments: pulumi.Output[list[str]]

    def __init__(
        self,
        resource_name: str,
        *,
        opts: pulumi.ResourceOptions | None = None,
        **args: Unpack[IntegrationArgs],
    ) -> None:
        props = self._declared(resource_name, args)
        if props["parameters"] is not None:
            props["parameters"] = pulumi.Output.secret(props["parameters"])
        super().__init__(resource_name, props, opts)

    @classmethod
    def get(
        cls,
        resource_name: str,
        id: pulumi.Input[str | int | float],  # shadows the builtin, as in every Pulumi SDK
        opts: pulumi.ResourceOptions | None = None,
    ) -> Integration:
        """Looks up an existing integration by its UUID; its parameters come back as secrets.

        Args:
            resource_name: The Pulumi name of the lookup.
            id: The integration's UUID.
            opts: Resource options.

        Returns:
            The resource, with every output read from the API.

        Example::

            slack = configcat.Integration.get("slack", "08d86d63-2726-47cd-8bfc-59608ecb91e2")
        """
        return super().get(resource_name, id, opts)
