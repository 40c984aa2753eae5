"""Product preferences: one set per product (key generation, mandatory notes, hints)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, get_args

import pulumi
from typing_extensions import Required, TypedDict, Unpack

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.api import preferences as api
from pulumi_configcat.resources._base import ConfigCatProvider, Outputs
from pulumi_configcat.resources._declare import In
from pulumi_configcat.resources._props import Boolean, Choice, MapOf, Uuid
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.types import (
    KeyGenerationMode,
    PreferencesModel,
    UpdatePreferencesRequest,
    UpdateReasonRequiredEnvironmentModel,
)


class ProductPreferencesArgs(TypedDict, total=False):
    """The inputs of a product's preferences."""

    product_id: Required[Annotated[pulumi.Input[str], In(Uuid(), "The UUID of the product.", replaces=True)]]
    key_generation_mode: Annotated[
        pulumi.Input[str],
        In(
            Choice(get_args(KeyGenerationMode)),
            "How the dashboard derives flag keys from names: ``camelCase``, ``lowerCase``, ``upperCase``, "
            "``pascalCase`` or ``kebabCase``.",
            "camelCase",
        ),
    ]
    mandatory_setting_hint: Annotated[
        pulumi.Input[bool], In(Boolean(), "Whether a flag must have a hint.", False)
    ]
    show_variation_id: Annotated[
        pulumi.Input[bool], In(Boolean(), "Whether the dashboard shows variation ids.", False)
    ]
    reason_required: Annotated[
        pulumi.Input[bool],
        In(Boolean(), "Whether every change of a flag's value needs a reason (in every environment).", False),
    ]
    # The API lists every environment, False where no reason is required: False equals "not listed".
    reason_required_environments: Annotated[
        pulumi.Input[Mapping[Any, pulumi.Input[bool]]] | None,
        In(
            MapOf(Uuid(), Boolean(), drop_values=(False,)),
            "Environment id (a string, or an Environment's ``id`` Output) to whether a value change there "
            "needs a reason. Not together with ``reason_required=True``.",
        ),
    ]


class ProductPreferencesProvider(ConfigCatProvider):
    """Sets and reads a product's preferences. The API has no delete: destroying leaves them as they are."""

    entity = "ProductPreferences"
    args = ProductPreferencesArgs
    id_format = "<product id>"
    noun = "a product's preferences"

    def _check_together(self, inputs: Mapping[str, Any]) -> list[pulumi.dynamic.CheckFailure]:
        per_environment = inputs.get("reason_required_environments") or {}
        if inputs["reason_required"] and any(per_environment.values()):
            return [
                pulumi.dynamic.CheckFailure(
                    "reason_required_environments",
                    "set reason_required=True to require a reason in every environment, or list the "
                    "environments in reason_required_environments, but not both",
                )
            ]
        return []

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        product_id: str = inputs["product_id"]
        outputs = self._write(client, product_id, {}, inputs)
        # The preferences existed before this resource: an environment that already required a reason and
        # is not listed stays on after the first write, which could not know it. One more write turns it off.
        if self.changed_properties(outputs, inputs):
            outputs = self._write(client, product_id, outputs, inputs, olds_are_current=True)
        return product_id, outputs

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        return _outputs(id_, api.get_preferences(client, id_))

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        return self._write(client, id_, olds, news)

    def _write(
        self,
        client: ConfigCatClient,
        product_id: str,
        olds: Mapping[str, Any],
        news: Mapping[str, Any],
        *,
        olds_are_current: bool = False,
    ) -> Outputs:
        # Ids without case: state written before ids were normalized may hold upper-case ones.
        wanted = {env.lower(): on for env, on in (news.get("reason_required_environments") or {}).items()}
        # Environments that required a reason before and are no longer listed are turned off explicitly:
        # the API keeps what a request leaves out.
        turned_off = {
            env.lower()
            for env, on in (olds.get("reason_required_environments") or {}).items()
            if on and env.lower() not in wanted
        }
        if turned_off and not olds_are_current:
            # The state may still list environments deleted in the dashboard since; the API refuses any
            # entry for one of those, so only environments the product still has are turned off.
            current = api.get_preferences(client, product_id).reason_required_environments or []
            turned_off &= {item.environment_id.lower() for item in current}
        wanted.update(dict.fromkeys(turned_off, False))
        body = UpdatePreferencesRequest(
            key_generation_mode=news["key_generation_mode"],
            mandatory_setting_hint=news["mandatory_setting_hint"],
            show_variation_id=news["show_variation_id"],
            reason_required=news["reason_required"],
            reason_required_environments=[
                UpdateReasonRequiredEnvironmentModel(environment_id=env, reason_required=required)
                for env, required in sorted(wanted.items())
            ],
        )
        return _outputs(product_id, api.update_preferences(client, product_id, body))

    def _delete(self, client: ConfigCatClient, id_: str) -> None:
        """Does nothing: every product has preferences, and the API cannot remove them."""


def _outputs(product_id: str, preferences: PreferencesModel) -> Outputs:
    return {
        "product_id": product_id,
        "key_generation_mode": preferences.key_generation_mode,
        "mandatory_setting_hint": preferences.mandatory_setting_hint,
        "show_variation_id": preferences.show_variation_id,
        "reason_required": preferences.reason_required,
        "reason_required_environments": {
            item.environment_id: item.reason_required
            for item in preferences.reason_required_environments or []
        },
    }


class ProductPreferences(ConfigCatResource, module="configcat", name="ProductPreferences"):
    """The preferences of a ConfigCat product.

    The id is the product's UUID: a product has exactly one set of preferences, so creating this resource
    takes them over and destroying it leaves them as they are (the API cannot delete them). Changing
    ``product_id`` moves the resource to another product's preferences. Inputs left out are set to their
    defaults.

    Example::

        configcat.ProductPreferences(
            "shop",
            product_id=product.id,
            key_generation_mode="kebabCase",
            reason_required_environments={production.id: True},
        )
    """

    _provider_class = ProductPreferencesProvider

    product_id: pulumi.Output[str]
    key_generation_mode: pulumi.Output[str]
    mandatory_setting_hint: pulumi.Output[bool]
    show_variation_id: pulumi.Output[bool]
    reason_required: pulumi.Output[bool]
    reason_required_environments: pulumi.Output[dict[str, bool]]

    def __init__(
        self,
        resource_name: str,
        *,
        opts: pulumi.ResourceOptions | None = None,
        **args: Unpack[ProductPreferencesArgs],
    ) -> None:
        super().__init__(resource_name, self._declared(resource_name, args), opts)
