"""One flag's value in one environment (``SettingValue``, ``SettingValueV2``): the provider both share.

Identified by ``"<environmentId>:<settingId>"``; what is particular to Config V1 or V2 (the endpoints, the
checks, how values compare and are sent) is the provider's :class:`~._dialect.Dialect`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import pulumi

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat._exceptions import BadRequestError
from pulumi_configcat.resources._base import Outputs
from pulumi_configcat.resources.flags._checks import as_failures
from pulumi_configcat.resources.flags._dialect import Dialect
from pulumi_configcat.resources.flags._values import ValueProvider, split_value_id

__all__ = ["SingleValueProvider"]


class SingleValueProvider(ValueProvider):
    """Reads and writes one flag's value in one environment, in its dialect's evaluation version."""

    dialect: ClassVar[Dialect]
    output_only = ("setting_type",)

    def _check_together(self, inputs: Mapping[str, Any]) -> list[pulumi.dynamic.CheckFailure]:
        return as_failures(self.dialect.check(inputs))

    def _value_changes(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
        setting_type = olds.get("setting_type")
        served = self.dialect.served(news, setting_type)
        typed = self.dialect.typed_props
        changed = [name for name in super()._value_changes(olds, served) if name not in typed]
        return changed + self.dialect.changed_props(olds, news, setting_type)

    def _differs_from_new_flag(self, inputs: Mapping[str, Any], setting_type: str) -> bool:
        return self.dialect.differs_from_new_flag(inputs, setting_type)

    def _get(self, client: ConfigCatClient, environment_id: str, setting_id: str) -> Any:
        """Reads the value; a flag of a config of the other evaluation version is refused with the way out."""
        try:
            return self.dialect.get(client, environment_id, setting_id)
        except BadRequestError as exc:
            raise self.dialect.refused_read(self.entity, f"setting {setting_id}", exc, batch=False) from None

    def _outputs(self, value: Any, environment_id: str, setting_id: str) -> Outputs:
        return {
            "environment_id": environment_id.lower(),
            "setting_id": str(setting_id),
            **self.dialect.outputs(value),
        }

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        environment_id, setting_id = split_value_id(id_)
        return self._outputs(self._get(client, environment_id, setting_id), environment_id, setting_id)

    def _fetch_for_write(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[Outputs, str]:
        environment_id, setting_id = inputs["environment_id"], inputs["setting_id"]
        value = self._get(client, environment_id, setting_id)
        self.dialect.refuse(value, inputs)
        return self._outputs(value, environment_id, setting_id), value.setting.setting_type

    def _write(
        self, client: ConfigCatClient, inputs: Mapping[str, Any], setting_type: str, olds: Mapping[str, Any]
    ) -> Outputs:
        value = self.dialect.put(client, inputs, setting_type, olds)
        return self._outputs(value, inputs["environment_id"], inputs["setting_id"])
