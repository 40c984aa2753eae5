"""All of a config's flag values in one environment (``ConfigValues``, ``ConfigValuesV2``): the provider both
share.

Identified by ``"<configId>:<environmentId>"``: one read and at most one write (of the flags that differ) per
operation, over the API's batch endpoints. What is particular to Config V1 or V2 is the provider's
:class:`~._dialect.Dialect`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import pulumi
import pulumi.dynamic

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat._exceptions import BadRequestError, NotFoundError
from pulumi_configcat.resources._base import IMPORT_KEY, Outputs, inputs_only
from pulumi_configcat.resources.flags._checks import as_failures
from pulumi_configcat.resources.flags._dialect import Dialect, Flags
from pulumi_configcat.resources.flags._values import ValueProvider, controls

if TYPE_CHECKING:
    from pulumi_configcat.resources.flags._dialect import Item

__all__ = ["BatchValuesProvider"]


def _split_id(id_: str) -> tuple[str, str]:
    config_id, sep, environment_id = id_.partition(":")
    if not sep or len(config_id) != 36 or len(environment_id) != 36:
        raise ValueError(f"a config-values id is '<configId>:<environmentId>', got {id_!r}")
    return config_id.lower(), environment_id.lower()


def _entry(dialect: Dialect, item: Item) -> dict[str, Any]:
    """A flag's value as outputs, in the shape the program declares it (its type is kept in ``flags``)."""
    entry = dialect.outputs(item)
    del entry["setting_type"]
    return entry


def _flag(item: Item) -> dict[str, str]:
    """What the provider keeps about a flag it resolved."""
    return {
        "setting_id": str(item.setting.setting_id),
        "key": item.setting.key,
        "setting_type": item.setting.setting_type,
    }


class BatchValuesProvider(ValueProvider):
    """Reads and writes the values of a config's flags in one environment, in its dialect's version."""

    dialect: ClassVar[Dialect]
    output_only = ("flags",)

    def _id_of(self, inputs: Mapping[str, Any]) -> str:
        return f"{inputs['config_id']}:{inputs['environment_id']}"

    def _check_together(self, inputs: Mapping[str, Any]) -> list[pulumi.dynamic.CheckFailure]:
        return [
            failure
            for ref, entry in inputs["values"].items()
            for failure in as_failures(self.dialect.check(entry), f'values["{ref}"].')
        ]

    def _read_batch(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> Any:
        try:
            return self.dialect.fetch(client, inputs["config_id"], inputs["environment_id"])
        except BadRequestError as exc:
            what = f"config {inputs['config_id']}"
            raise self.dialect.refused_read(self.entity, what, exc, batch=True) from None

    def _index(self, answer: Any) -> tuple[dict[str, Item], dict[str, Item]]:
        """The answer's flags by setting id, and by key without case (as the API compares keys)."""
        items = self.dialect.items(answer)
        by_id = {str(item.setting.setting_id): item for item in items}
        return by_id, {item.setting.key.casefold(): item for item in items}

    def _outputs(self, answer: Any, inputs: Mapping[str, Any], flags: Flags) -> Outputs:
        by_id, _by_key = self._index(answer)
        return {
            "config_id": inputs["config_id"].lower(),
            "environment_id": inputs["environment_id"].lower(),
            "values": {
                ref: _entry(self.dialect, by_id[flag["setting_id"]])
                for ref, flag in flags.items()
                if flag["setting_id"] in by_id
            },
            "flags": flags,
        }

    def _resolve(self, answer: Any, refs: list[str]) -> Flags:
        """Each flag the program names (by key or by id) as its setting id, key and type; one read did it."""
        by_id, by_key = self._index(answer)
        flags: Flags = {}
        seen: dict[str, str] = {}
        for ref in refs:
            item = by_id.get(ref) if ref.isdigit() else by_key.get(ref.casefold())
            if item is None:
                raise ValueError(
                    f'values["{ref}"]: the config has no flag with this {"id" if ref.isdigit() else "key"}'
                )
            setting_id = str(item.setting.setting_id)
            if setting_id in seen:
                raise ValueError(f'values["{ref}"] and values["{seen[setting_id]}"] name the same flag')
            seen[setting_id] = ref
            flags[ref] = _flag(item)
        return flags

    def _fetch_for_write(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[Outputs, Any]:
        answer = self._read_batch(client, inputs)
        flags = self._resolve(answer, list(inputs["values"]))
        self.dialect.refuse_batch(answer, inputs)
        return self._outputs(answer, inputs, flags), flags

    def _known_context(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Any:
        known: Flags = olds.get("flags") or {}
        if all(ref in known for ref in news["values"]):
            return {ref: known[ref] for ref in news["values"]}
        return None  # a flag added to the mapping: one read resolves it

    def _write(
        self, client: ConfigCatClient, inputs: Mapping[str, Any], context: Any, olds: Mapping[str, Any]
    ) -> Outputs:
        flags: Flags = context
        changed = self._changed_flags(olds, inputs, flags)
        if not changed:  # only flags dropped from the mapping: they stay as they are, nothing to write
            old_values = olds.get("values") or {}
            return {**olds, "values": {ref: old_values[ref] for ref in flags}, "flags": flags}
        answer = self.dialect.post(client, inputs, flags, changed, olds)
        return self._outputs(answer, inputs, flags)

    def _value_changes(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
        # Each flag's value compares as its type makes it ("true" for a boolean flag is true).
        changed = [name for name in super()._value_changes(olds, news) if name != "values"]
        flags: Flags = olds.get("flags") or {}
        old_values, new_values = olds.get("values") or {}, news.get("values") or {}
        if set(new_values) != set(old_values) or any(
            self.dialect.differs(old_values.get(ref), entry, flags.get(ref, {}).get("setting_type"))
            for ref, entry in new_values.items()
        ):
            changed.append("values")
        return changed

    def _changed_flags(self, olds: Mapping[str, Any], news: Mapping[str, Any], flags: Flags) -> list[str]:
        """The flags whose declared value differs from what the outputs hold; only these are written."""
        old_values = olds.get("values") or {}
        return [
            ref
            for ref in news["values"]
            if self.dialect.differs(old_values.get(ref), news["values"][ref], flags[ref].get("setting_type"))
        ]

    def create(self, props: dict[str, Any]) -> pulumi.dynamic.CreateResult:
        # Adopting (import_) is what create does anyway: read, then write only the flags that differ; with
        # init_only the values belong to the dashboard: adopted as they are, as SettingValueV2 does.
        import_id = props.pop(IMPORT_KEY, None)
        if import_id is not None:
            wanted = self._id_of(props)
            if str(import_id).lower() != wanted.lower():
                raise ValueError(
                    f"cannot import {self.entity} {import_id!r}: the program declares {wanted!r} "
                    "('<configId>:<environmentId>')"
                )
            if props.get("init_only"):
                current, _flags = self._fetch_for_write(self.client(), inputs_only(props))
                return pulumi.dynamic.CreateResult(wanted, {**current, **controls(props)})
        return super().create(props)

    def _managed(self, id_: str, values: Mapping[str, Any]) -> tuple[str, list[str]]:
        _config_id, environment_id = _split_id(id_)
        return environment_id, [flag["setting_id"] for flag in (values.get("flags") or {}).values()]

    def read(self, id_: str, props: dict[str, Any]) -> pulumi.dynamic.ReadResult:
        self._note(id_, props)
        config_id, environment_id = _split_id(id_)
        client = self.client()
        try:
            answer = self._read_batch(client, {"config_id": config_id, "environment_id": environment_id})
        except NotFoundError:
            client.check_api()  # gone only if the API is really there (see ConfigCatProvider.read)
            return pulumi.dynamic.ReadResult(None, {})
        if props.get("init_only"):
            return pulumi.dynamic.ReadResult(id_, dict(props), self._inputs_of(props))
        flags = self._followed(answer, props.get("flags")) or {
            item.setting.key: _flag(item) for item in self.dialect.items(answer)
        }  # a lookup (get) lists every flag
        inputs = {"config_id": config_id, "environment_id": environment_id}
        outs = {**self._outputs(answer, inputs, flags), **controls(props)}
        return pulumi.dynamic.ReadResult(id_, outs, self._inputs_of(outs))

    def _followed(self, answer: Any, known: Flags | None) -> Flags:
        """The flags as the state knows them, each named by key resolved again where the flag it was
        resolved to is gone or has changed type (replaced, or deleted and made again in the dashboard)."""
        by_id, by_key = self._index(answer)
        flags: Flags = {}
        for ref, flag in (known or {}).items():
            item = by_id.get(flag["setting_id"])
            if not ref.isdigit() and (item is None or item.setting.setting_type != flag["setting_type"]):
                item = by_key.get(ref.casefold(), item)
            flags[ref] = _flag(item) if item is not None else flag
        return flags

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        try:
            return super()._update(client, id_, olds, news)
        except (ValueError, BadRequestError, NotFoundError):
            known = self._known_context(olds, news)
            if known is None:
                raise  # the write already went by a fresh read
            # A flag named by key may have been replaced since it was resolved: the write went to a flag
            # id that is gone, or was checked against the old flag's type. Resolve the keys again and write
            # once more, but only if that finds another flag; otherwise the refusal stands.
            current, flags = self._fetch_for_write(client, news)
            if flags == known:
                raise
        return {**self._write(client, news, flags, current), **controls(news)}

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:  # pragma: no cover - read() is overridden
        raise AssertionError("ConfigValues reads through read()")
