"""Configs: the files of feature flags a product's SDKs download, one per app or service."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, ClassVar

import pulumi
from typing_extensions import Required, TypedDict, Unpack

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.api import configs as api
from pulumi_configcat.resources._base import ConfigCatProvider, Outputs
from pulumi_configcat.resources._declare import DESCRIPTION, RESOURCE_NAME, In, parent_id, position, request
from pulumi_configcat.resources._props import Choice, Text
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.types import ConfigModel, CreateConfigRequest, UpdateConfigRequest


class ConfigArgs(TypedDict, total=False):
    """The inputs of a config."""

    product_id: Required[Annotated[pulumi.Input[str], parent_id("product", "config")]]
    name: Annotated[
        pulumi.Input[str], In(Text(1, 255), "The config's name, 1 to 255 characters.", RESOURCE_NAME)
    ]
    description: Annotated[pulumi.Input[str] | None, DESCRIPTION]
    order: Annotated[pulumi.Input[int], position("config")]
    # The API cannot change a config's evaluation version, so a change makes a new config.
    evaluation_version: Annotated[
        pulumi.Input[str],
        In(
            Choice(("v1", "v2")),
            '``"v2"`` (targeting with conditions) or ``"v1"`` (legacy rules).',
            "v2",
            replaces=True,
        ),
    ]


class ConfigProvider(ConfigCatProvider):
    """Creates, reads, updates and deletes configs."""

    entity = "Config"
    args = ConfigArgs
    id_format = "<config id>"

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        body = request(CreateConfigRequest, self.props, inputs)
        config = api.create_config(client, inputs["product_id"], body)
        return config.config_id, _outputs(config)

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        return _outputs(api.get_config(client, id_))

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        body = request(UpdateConfigRequest, self.props, news, update=True)
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
    updated in place. :class:`Configuration` is the same resource under ``pulumiverse_configcat``'s name, with
    its default (``evaluation_version="v1"``).

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
        self, resource_name: str, *, opts: pulumi.ResourceOptions | None = None, **args: Unpack[ConfigArgs]
    ) -> None:
        super().__init__(resource_name, self._declared(resource_name, args), opts)


class Configuration(Config, module="configcat", name="Config"):
    """:class:`Config` under ``pulumiverse_configcat``'s name, with pulumiverse's default: a config made
    without ``evaluation_version`` is a Config V1 config, as in pulumiverse and the Terraform provider (so a
    program that uses ``SettingValue`` with it runs unchanged). The same resource type as ``Config``.

    Example::

        legacy = configcat.Configuration("legacy", product_id=product.id, order=0)  # evaluation_version="v1"
    """

    _defaults: ClassVar[Mapping[str, Any]] = {"evaluation_version": "v1"}

    def __init__(
        self, resource_name: str, *, opts: pulumi.ResourceOptions | None = None, **args: Unpack[ConfigArgs]
    ) -> None:
        super().__init__(resource_name, opts=opts, **args)
