"""Environments: the stages (development, production, ...) a product's flags take values in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import pulumi
from typing_extensions import Required, TypedDict, Unpack

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.api import environments as api
from pulumi_configcat.resources._base import ConfigCatProvider, Outputs, match_natural_key
from pulumi_configcat.resources._declare import DESCRIPTION, RESOURCE_NAME, In, parent_id, position, request
from pulumi_configcat.resources._props import Colour, Text
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.types import CreateEnvironmentModel, EnvironmentModel, UpdateEnvironmentModel


class EnvironmentArgs(TypedDict, total=False):
    """The inputs of an environment."""

    product_id: Required[Annotated[pulumi.Input[str], parent_id("product", "environment")]]
    name: Annotated[
        pulumi.Input[str],
        In(
            Text(1, 255), "The environment's name, 1 to 255 characters, unique in the product.", RESOURCE_NAME
        ),
    ]
    description: Annotated[pulumi.Input[str] | None, DESCRIPTION]
    color: Annotated[
        pulumi.Input[str] | None,
        In(
            Colour(0, 255),
            'The dashboard color: a hex code such as ``"#5c6bc0"`` (3, 6 or 8 digits) or an HTML colour name '
            'such as ``"red"``; anything else is refused in ``check``, as the API would refuse it.',
            clear="",
        ),
    ]
    order: Annotated[pulumi.Input[int], position("environment")]


class EnvironmentProvider(ConfigCatProvider):
    """Creates, reads, updates and deletes environments."""

    entity = "Environment"
    args = EnvironmentArgs
    id_format = "<environment id>"
    unique_together = ("product_id", "name")

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        body = request(CreateEnvironmentModel, self.props, inputs)
        environment = api.create_environment(client, inputs["product_id"], body)
        return environment.environment_id, _outputs(environment)

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        return _outputs(api.get_environment(client, id_))

    def _find_existing(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> str | None:
        return match_natural_key(
            (
                (environment.environment_id, environment.name)
                for environment in api.list_environments(client, inputs["product_id"])
            ),
            inputs["name"],
        )

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        body = request(UpdateEnvironmentModel, self.props, news, update=True)
        return _outputs(api.update_environment(client, id_, body))

    def _delete(self, client: ConfigCatClient, id_: str) -> None:
        api.delete_environment(client, id_)


def _outputs(environment: EnvironmentModel) -> Outputs:
    return {
        "product_id": environment.product.product_id if environment.product else None,
        "name": environment.name,
        "description": environment.description,
        "color": environment.color,
        "order": environment.order,
    }


class Environment(ConfigCatResource, module="configcat", name="Environment"):
    """A ConfigCat environment, such as development or production.

    The id is the environment's UUID. Changing ``product_id`` replaces the environment; other inputs are
    updated in place. Deleting an environment deletes the values every flag had in it.

    Example::

        production = configcat.Environment("production", product_id=product.id, color="#c62828")
    """

    _provider_class = EnvironmentProvider

    product_id: pulumi.Output[str]
    name: pulumi.Output[str]
    description: pulumi.Output[str | None]
    color: pulumi.Output[str | None]
    order: pulumi.Output[int]

    def __init__(
        self,
        resource_name: str,
        *,
        opts: pulumi.ResourceOptions | None = None,
        **args: Unpack[EnvironmentArgs],
    ) -> None:
        super().__init__(resource_name, self._declared(resource_name, args), opts)
