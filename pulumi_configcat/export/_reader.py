"""Reading a whole product from the API into declarations (:mod:`._model`).

Each entity is read through its own provider's ``_read``, the same code a refresh runs, so the inputs
declared here are exactly what the provider compares with on import: the first ``pulumi up`` of the exported
program finds nothing to change (apart from secrets, which the API never returns). Ids of other exported
entities become :class:`Ref`; inputs equal to their defaults are left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.api import configs as configs_api
from pulumi_configcat.api import environments as environments_api
from pulumi_configcat.api import integrations as integrations_api
from pulumi_configcat.api import permission_groups as permission_groups_api
from pulumi_configcat.api import products as products_api
from pulumi_configcat.api import segments as segments_api
from pulumi_configcat.api import setting_formulas as formulas_api
from pulumi_configcat.api import setting_values as values_api
from pulumi_configcat.api import settings as settings_api
from pulumi_configcat.api import tags as tags_api
from pulumi_configcat.api import webhooks as webhooks_api
from pulumi_configcat.export._model import Declaration, ProductExport, Ref, Secret
from pulumi_configcat.resources._base import ConfigCatProvider, Outputs
from pulumi_configcat.resources.configs import ConfigProvider
from pulumi_configcat.resources.environments import EnvironmentProvider
from pulumi_configcat.resources.flags._rollout import value_outputs
from pulumi_configcat.resources.flags._targeting import formula_outputs
from pulumi_configcat.resources.flags.setting_values import SettingValueProvider
from pulumi_configcat.resources.flags.setting_values_v2 import SettingValueV2Provider
from pulumi_configcat.resources.integrations import IntegrationProvider
from pulumi_configcat.resources.permission_groups import PermissionGroupProvider
from pulumi_configcat.resources.preferences import ProductPreferencesProvider
from pulumi_configcat.resources.products import ProductProvider
from pulumi_configcat.resources.segments import SegmentProvider
from pulumi_configcat.resources.settings import SettingProvider
from pulumi_configcat.resources.settings import _outputs as setting_outputs
from pulumi_configcat.resources.tags import TagProvider
from pulumi_configcat.resources.webhooks import WebhookProvider
from pulumi_configcat.types import ConfigModel, EnvironmentModel

__all__ = ["read_product"]

# The reason value writes send where the product requires one.
MANDATORY_NOTES = "Managed by Pulumi"
_TYPED_FIELDS = ("bool_value", "string_value", "int_value", "double_value")


def read_product(client: ConfigCatClient, product_id: str) -> ProductExport:
    """Reads every entity of a product as declarations.

    Args:
        client: The API client.
        product_id: The product's UUID.

    Returns:
        The product's declarations, each reference pointing to an earlier one.

    Raises:
        NotFoundError: There is no such product (or the credentials cannot see it).

    Example::

        export = read_product(get_client(resolve_settings()), "08df5039-e14d-4424-b85e-7c6582e2e662")
    """
    return _Reader(client, product_id.lower()).read()


class _Reader:
    def __init__(self, client: ConfigCatClient, product_id: str) -> None:
        self.client = client
        self.product_id = product_id
        # API id (lower case, as outputs carry them) -> declaration key, for Refs.
        self.keys: dict[str, str] = {}
        # predefined variation id -> (flag's declaration key, position)
        self.variations: dict[str, tuple[str, int]] = {}
        # Stack configuration keys given to secrets so far, without case: one key per secret, always.
        self.secret_keys: set[str] = set()

    def read(self) -> ProductExport:
        product = products_api.get_product(self.client, self.product_id)
        declaration = self._declare(ProductProvider(), "product", self.product_id, product.name)
        export = ProductExport(
            product_id=self.product_id,
            product_name=product.name,
            organization_id=declaration.inputs["organization_id"],
        )
        add = export.declarations.append
        add(declaration)

        environments = environments_api.list_environments(self.client, self.product_id)
        for environment in environments:
            add(
                self._declare(
                    EnvironmentProvider(), "environment", environment.environment_id, environment.name
                )
            )
        configs = configs_api.list_configs(self.client, self.product_id)
        for config in configs:
            add(self._declare(ConfigProvider(), "config", config.config_id, config.name))
        for tag in tags_api.list_tags(self.client, self.product_id):
            add(self._declare(TagProvider(), "tag", str(tag.tag_id), tag.name))
        for segment in segments_api.list_segments(self.client, self.product_id):
            add(self._declare(SegmentProvider(), "segment", segment.segment_id, segment.name))

        preferences = ProductPreferencesProvider()._read(self.client, self.product_id)
        reason_required = {
            env_id
            for env_id, required in (preferences.get("reason_required_environments") or {}).items()
            if required
        }

        if preferences.get("reason_required"):
            reason_required = {env.environment_id.lower() for env in environments}
        for config in configs:
            export.declarations += self._flags(config, environments, reason_required, prefix=len(configs) > 1)

        for webhook in webhooks_api.list_webhooks(self.client, self.product_id):
            where = " ".join(part.name for part in (webhook.config, webhook.environment) if part is not None)
            add(self._webhook(str(webhook.webhook_id), f"{where} webhook"))
        for group in permission_groups_api.list_permission_groups(self.client, self.product_id):
            add(
                self._declare(
                    PermissionGroupProvider(), "permission-group", str(group.permission_group_id), group.name
                )
            )
        add(self._preferences(preferences, product.name))
        for integration in integrations_api.list_integrations(self.client, self.product_id):
            add(self._integration(integration.integration_id, integration.name))
        return export

    # ------------------------------------------------------------------------------------------------ helpers

    def _declare(
        self,
        provider: ConfigCatProvider,
        kind: str,
        id_: str,
        name: str,
        outputs: Outputs | None = None,
    ) -> Declaration:
        if outputs is None:
            outputs = provider._read(self.client, id_)
        key = f"{kind}:{id_.lower()}"
        if kind == "setting":
            for index, variation in enumerate(outputs.get("predefined_variations") or []):
                self.variations[variation["predefined_variation_id"]] = (key, index)
        self.keys[id_.lower()] = key
        return Declaration(
            key=key,
            class_name=type(provider).__name__.removesuffix("Provider"),
            name_hint=name if kind in ("product", "setting", "webhook") else f"{name} {kind}",
            import_id=id_,
            inputs=self._inputs(provider, outputs),
        )

    def _inputs(self, provider: ConfigCatProvider, outputs: Mapping[str, Any]) -> dict[str, Any]:
        inputs: dict[str, Any] = {}
        for prop in provider.props:
            value = outputs.get(prop.name)
            if value is None or value == prop.default or value in ([], {}):
                continue
            if prop.name == "predefined_variations":
                value = [{k: v for k, v in item.items() if k != "predefined_variation_id"} for item in value]
            inputs[prop.name] = self._refs(prop.name, value)
        return inputs

    def _refs(self, name: str, value: Any) -> Any:
        """``value`` with the ids of exported entities as Refs, and typed values in their plain form."""
        if isinstance(value, dict):
            if name in ("value", "comparison_value") and "predefined_variation_id" in value:
                target, index = self.variations[value["predefined_variation_id"]]
                return {"predefined_variation_id": Ref(target, variation=index)}
            if name == "value":
                return _plain(value)
            if name == "user_condition":
                value = {**value, "comparison_value": _plain_comparison(value["comparison_value"])}
            return {
                self._ref_key(key): self._refs(key, item) for key, item in value.items() if item is not None
            }
        if isinstance(value, list):
            if name in ("tags", "configs", "environments"):
                return [self._ref(str(item)) for item in value]
            return [self._refs(name, item) for item in value]
        if name in (
            "product_id",
            "config_id",
            "environment_id",
            "setting_id",
            "segment_id",
            "prerequisite_setting_id",
        ):
            return self._ref(str(value))
        return value

    def _ref(self, id_: str) -> Ref | str:
        key = self.keys.get(id_.lower())
        return Ref(key) if key else id_

    def _ref_key(self, key: str) -> Any:
        # Maps keyed by environment ids (permission accesses, reason-required environments).
        return self._ref(key) if _UUID.fullmatch(key) else key

    def _flags(
        self,
        config: ConfigModel,
        environments: list[EnvironmentModel],
        reason_required: set[str],
        *,
        prefix: bool,
    ) -> list[Declaration]:
        """A config's flags, then their values in every environment.

        A flag comes after the flags its values have as prerequisites, and depends on them: ConfigCat
        refuses to delete a flag that is another's prerequisite, so a destroy must delete the other first.
        """
        settings = settings_api.list_settings(self.client, config.config_id)
        flags: dict[str, Declaration] = {}
        for setting in settings:
            hint = f"{config.name} {setting.key}" if prefix else setting.key
            # The list answers with the model a read gets, so no request per flag.
            outputs = setting_outputs(setting)
            declaration = self._declare(SettingProvider(), "setting", str(setting.setting_id), hint, outputs)
            flags[declaration.key] = declaration
        v2 = config.evaluation_version == "v2"
        provider: ConfigCatProvider = SettingValueV2Provider() if v2 else SettingValueProvider()
        keys = {
            str(setting.setting_id): f"{config.name} {setting.key}" if prefix else setting.key
            for setting in settings
        }
        values: list[Declaration] = []
        prerequisites: dict[str, set[str]] = {key: set() for key in flags}
        for environment in environments:
            env_id = environment.environment_id.lower()
            # One request per config and environment; the outputs are built as each resource's read builds
            # them, so they compare with the adoption exactly.
            for setting_id, outputs in self._values(config.config_id, env_id, v2):
                hint = f"{keys[setting_id]} {environment.name}"
                value = self._value(provider, outputs, hint=hint, reason_required=env_id in reason_required)
                values.append(value)
                flag = self.keys[setting_id]
                # Prerequisites are flags of the same config.
                prerequisites[flag] |= {ref.target for ref in _prerequisites(value.inputs)} & set(flags) - {
                    flag
                }
        ordered: list[Declaration] = []
        placed: set[str] = set()

        def place(key: str) -> None:
            # The API refuses circular prerequisites, so this terminates.
            if key in placed:
                return
            placed.add(key)
            for prerequisite in sorted(prerequisites[key], key=list(flags).index):
                place(prerequisite)
            depends_on = tuple(sorted(prerequisites[key], key=list(flags).index))
            ordered.append(replace(flags[key], depends_on=depends_on))

        for key in flags:
            place(key)
        return ordered + values

    def _values(self, config_id: str, environment_id: str, v2: bool) -> list[tuple[str, Outputs]]:
        """Each flag's value in an environment as outputs, by setting id, in the API's order."""
        ids = {"environment_id": environment_id}
        if v2:
            answer = formulas_api.get_config_formulas(self.client, config_id, environment_id)
            formulas = answer.setting_formulas
            return [
                (
                    str(f.setting.setting_id),
                    {**ids, "setting_id": str(f.setting.setting_id), **formula_outputs(f)},
                )
                for f in formulas
            ]
        values = values_api.get_config_values(self.client, config_id, environment_id).setting_values
        return [
            (str(v.setting.setting_id), {**ids, "setting_id": str(v.setting.setting_id), **value_outputs(v)})
            for v in values
        ]

    def _value(
        self, provider: ConfigCatProvider, outputs: Outputs, *, hint: str, reason_required: bool
    ) -> Declaration:
        import_id = f"{outputs['environment_id']}:{outputs['setting_id']}"
        inputs = self._inputs(provider, outputs)
        inputs.pop("init_only", None)
        # The program owns the value: later edits in the program reach the API, dashboard edits show as drift.
        inputs["init_only"] = False
        if reason_required:
            inputs["mandatory_notes"] = MANDATORY_NOTES
        if "value" not in inputs:  # the default of its kind (False, 0, ""), which _inputs left out
            inputs["value"] = _plain(outputs["value"])
        return Declaration(
            key=f"value:{import_id}",
            class_name=type(provider).__name__.removesuffix("Provider"),
            name_hint=hint,
            import_id=import_id,
            inputs=_ordered(
                inputs, ("environment_id", "setting_id", "init_only", "mandatory_notes", "value")
            ),
        )

    def _webhook(self, webhook_id: str, hint: str) -> Declaration:
        declaration = self._declare(WebhookProvider(), "webhook", webhook_id, hint)
        secure = declaration.inputs.get("secure_webhook_headers") or []
        declaration.inputs["secure_webhook_headers"] = [
            {
                "key": header["key"],
                "value": self._secret(
                    ("webhook", webhook_id, header["key"]),
                    f"secure header {header['key']!r} of webhook {webhook_id}",
                ),
            }
            for header in secure
        ]
        if not secure:
            del declaration.inputs["secure_webhook_headers"]
        return declaration

    def _secret(self, words: tuple[str, ...], purpose: str) -> Secret:
        """A secret with a configuration key of its own: ``words`` in camelCase, then 2, 3, ... if taken.

        Two integrations of the same name, or secure headers ``X-Token`` and ``x_token``, would otherwise
        read one key, and the first ``pulumi up`` would write one secret where the other belongs. Keys are
        compared without case, so no two differ only in it.
        """
        base = _config_key(*words)
        key, counter = base, 2
        while key.casefold() in self.secret_keys:
            key, counter = f"{base}{counter}", counter + 1
        self.secret_keys.add(key.casefold())
        return Secret(key, purpose)

    def _preferences(self, outputs: Mapping[str, Any], product_name: str) -> Declaration:
        provider = ProductPreferencesProvider()
        inputs = self._inputs(provider, outputs)
        required = {
            key: value for key, value in inputs.get("reason_required_environments", {}).items() if value
        }
        inputs.pop("reason_required_environments", None)
        if required:
            inputs["reason_required_environments"] = required
        return Declaration(
            key=f"preferences:{self.product_id}",
            class_name="ProductPreferences",
            name_hint=f"{product_name} preferences",
            import_id=self.product_id,
            inputs=inputs,
        )

    def _integration(self, integration_id: str, name: str) -> Declaration:
        declaration = self._declare(IntegrationProvider(), "integration", integration_id, name)
        parameters = declaration.inputs.get("parameters") or {}
        declaration.inputs["parameters"] = {
            parameter: self._secret(
                (name, parameter),
                f"parameter {parameter!r} of integration {name!r} ({integration_id})",
            )
            for parameter in parameters
        }
        if not parameters:
            del declaration.inputs["parameters"]
        return declaration


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _plain(value: Any) -> Any:
    """A typed value (``{"bool_value": True}``) as the plain one (``True``), which means the same."""
    if isinstance(value, dict):
        present = [field for field in _TYPED_FIELDS if value.get(field) is not None]
        if len(present) == 1 and len(value) == 1:
            return value[present[0]]
    return value


def _prerequisites(value: Any) -> list[Ref]:
    """The flags a value's rules have as prerequisites."""
    if isinstance(value, dict):
        found = (
            [value["prerequisite_setting_id"]]
            if isinstance(value.get("prerequisite_setting_id"), Ref)
            else []
        )
        return found + [ref for item in value.values() for ref in _prerequisites(item)]
    if isinstance(value, list):
        return [ref for item in value for ref in _prerequisites(item)]
    return []


def _plain_comparison(value: Any) -> Any:
    """A user condition's comparison value in its plain form where that means the same."""
    if not isinstance(value, dict) or len(value) != 1:
        return value
    if value.get("string_value") is not None:
        return value["string_value"]
    if value.get("double_value") is not None:
        return value["double_value"]
    items = value.get("list_values")
    if items is not None and all(set(item) == {"value"} for item in items):
        return [item["value"] for item in items]
    return value


def _ordered(inputs: dict[str, Any], first: tuple[str, ...]) -> dict[str, Any]:
    return {**{key: inputs[key] for key in first if key in inputs}, **inputs}


def _config_key(*words: str) -> str:
    """A stack configuration key in camelCase from free text (``"Slack", "incoming_webhook.url"``)."""
    parts = [part for word in words for part in re.split(r"[^0-9A-Za-z]+", word) if part]
    if not parts:
        return "secret"
    return "".join([parts[0].lower(), *(part[:1].upper() + part[1:] for part in parts[1:])])
