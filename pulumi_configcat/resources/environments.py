"""Environments: the stages (development, production, ...) a product's flags take values in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.api import environments as api
from pulumi_configcat.resources._base import (
    ConfigCatProvider,
    ConfigCatResource,
    Outputs,
    match_natural_key,
)
from pulumi_configcat.resources._props import Colour, Integer, Prop, Text, Uuid
from pulumi_configcat.types import CreateEnvironmentModel, EnvironmentModel, UpdateEnvironmentModel


class EnvironmentProvider(ConfigCatProvider):
    """Creates, reads, updates and deletes environments."""

    entity = "Environment"
    props = (
        Prop("product_id", Uuid(), required=True, replaces=True),
        Prop("name", Text(1, 255), required=True),
        Prop("description", Text(0, 1000, empty_is_none=True)),
        Prop("color", Colour(0, 255)),
        Prop("order", Integer(), default=0),
    )
    unique_together = ("product_id", "name")

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        environment = api.create_environment(
            client,
            inputs["product_id"],
            CreateEnvironmentModel(
                name=inputs["name"],
                description=inputs.get("description"),
                color=inputs.get("color"),
                order=inputs["order"],
            ),
        )
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
        body = UpdateEnvironmentModel(
            name=news["name"],
            description=news.get("description") or "",
            color=news.get("color") or "",
            order=news["order"],
        )
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
        product_id: pulumi.Input[str],
        name: pulumi.Input[str] | None = None,
        description: pulumi.Input[str] | None = None,
        color: pulumi.Input[str] | None = None,
        order: pulumi.Input[int] = 0,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declares an environment.

        Args:
            resource_name: The Pulumi name of the resource; the environment's name unless ``name`` is set.
            product_id: The UUID of the product the environment belongs to. Replaces on change.
            name: The environment's name, 1 to 255 characters, unique in the product.
            description: Free text, up to 1000 characters.
            color: The dashboard color: a hex code such as ``"#5c6bc0"`` (3, 6 or 8 digits) or an HTML colour
                name such as ``"red"``; anything else is refused in ``check``, as the API would refuse it.
            order: The environment's position in the dashboard's lists (zero-based).
            opts: Resource options; ``import_=<environment id>`` adopts an existing environment.
        """
        super().__init__(
            resource_name,
            {
                "product_id": product_id,
                "name": resource_name if name is None else name,
                "description": description,
                "color": color,
                "order": order,
            },
            opts,
        )
