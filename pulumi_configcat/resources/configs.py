"""Configs: the files of feature flags a product's SDKs download, one per app or service."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.api import configs as api
from pulumi_configcat.resources._base import ConfigCatProvider, ConfigCatResource, Outputs
from pulumi_configcat.resources._props import Choice, Integer, Prop, Text, Uuid
from pulumi_configcat.types import ConfigModel, CreateConfigRequest, UpdateConfigRequest


class ConfigProvider(ConfigCatProvider):
    """Creates, reads, updates and deletes configs."""

    entity = "Config"
    props = (
        Prop("product_id", Uuid(), required=True, replaces=True),
        Prop("name", Text(1, 255), required=True),
        Prop("description", Text(0, 1000, empty_is_none=True)),
        Prop("order", Integer(), default=0),
        # The API cannot change a config's evaluation version, so a change makes a new config.
        Prop("evaluation_version", Choice(("v1", "v2")), default="v2", replaces=True),
    )

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        config = api.create_config(
            client,
            inputs["product_id"],
            CreateConfigRequest(
                name=inputs["name"],
                description=inputs.get("description"),
                order=inputs["order"],
                evaluation_version=inputs["evaluation_version"],
            ),
        )
        return config.config_id, _outputs(config)

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        return _outputs(api.get_config(client, id_))

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        body = UpdateConfigRequest(
            name=news["name"], description=news.get("description") or "", order=news["order"]
        )
        return _outputs(api.update_config(client, id_, body))

    def _delete(self, client: ConfigCatClient, id_: str) -> None:
        api.delete_config(client, id_)


def _outputs(config: ConfigModel) -> Outputs:
    return {
        "product_id": config.product.product_id if config.product else None,
        "name": config.name,
        "description": config.description,
        "order": config.order,
        "evaluation_version": config.evaluation_version,
    }


class Config(ConfigCatResource, module="configcat", name="Config"):
    """A ConfigCat config: a set of feature flags that SDKs download together.

    The id is the config's UUID. Changing ``product_id`` or ``evaluation_version`` replaces the config (the
    API cannot move a config or change its evaluation version), which deletes its flags; other inputs are
    updated in place. Also exported as ``Configuration``, the name ``pulumiverse_configcat`` uses.

    Example::

        web = configcat.Config("web", product_id=product.id, evaluation_version="v2")
    """

    _provider_class = ConfigProvider

    product_id: pulumi.Output[str]
    name: pulumi.Output[str]
    description: pulumi.Output[str | None]
    order: pulumi.Output[int]
    evaluation_version: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        product_id: pulumi.Input[str],
        name: pulumi.Input[str] | None = None,
        description: pulumi.Input[str] | None = None,
        order: pulumi.Input[int] = 0,
        evaluation_version: pulumi.Input[str] = "v2",
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declares a config.

        Args:
            resource_name: The Pulumi name of the resource; also the config's name unless ``name`` is set.
            product_id: The UUID of the product the config belongs to. Replaces on change.
            name: The config's name, 1 to 255 characters.
            description: Free text, up to 1000 characters.
            order: The config's position in the dashboard's lists (zero-based).
            evaluation_version: ``"v2"`` (targeting with conditions, the default) or ``"v1"`` (legacy rules).
                Replaces on change.
            opts: Resource options; ``import_=<config id>`` adopts an existing config.
        """
        super().__init__(
            resource_name,
            {
                "product_id": product_id,
                "name": resource_name if name is None else name,
                "description": description,
                "order": order,
                "evaluation_version": evaluation_version,
            },
            opts,
        )


Configuration = Config
