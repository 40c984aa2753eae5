"""All of a config's flag values in one environment, in one resource, over the API's batch endpoints.

A stack that sets 100 flags in 3 environments is 300 ``SettingValueV2`` resources: 300 writes on create and
300 reads on every refresh. ``ConfigValuesV2`` (and ``ConfigValues`` for Config V1) is one resource per
config and environment instead: one read and at most one write per operation. The values, rules, checks
and comparison are the ones the single-value resources use (:mod:`._rules`, :mod:`._formulas`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, ClassVar

import pulumi
import pulumi.dynamic
from typing_extensions import Required, TypedDict, Unpack

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat._exceptions import BadRequestError, NotFoundError
from pulumi_configcat.api import setting_values as api
from pulumi_configcat.resources._base import IMPORT_KEY, Outputs, inputs_only
from pulumi_configcat.resources._declare import In
from pulumi_configcat.resources._props import Boolean, Uuid
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.resources.flags._checks import as_failures, check_v1, check_v2
from pulumi_configcat.resources.flags._formulas import (
    formula_body,
    formula_outputs,
    value_body,
    value_outputs,
)
from pulumi_configcat.resources.flags._rules import (
    FlagValuesV1,
    FlagValuesV2,
    comparable_v1,
)
from pulumi_configcat.resources.flags._scalars import (
    ValueTypeError,
    served_as,
)
from pulumi_configcat.resources.flags._values import (
    BYPASS_APPROVAL,
    ENVIRONMENT_ID,
    MANDATORY_NOTES,
    ValueProvider,
    controls,
    prerequisite_types,
    refuse_gated,
    wrong_version,
)
from pulumi_configcat.types import (
    ConfigSettingFormulaModel,
    ConfigSettingFormulasModel,
    ConfigSettingValueModel,
    ConfigSettingValuesModel,
    UpdateEvaluationFormulasModel,
    UpdateEvaluationFormulaWithIdModel,
    UpdateSettingValuesWithIdModel,
    UpdateSettingValueWithSettingIdModel,
)

# Unlike a single value's, the default: the program owns the values (a new resource needs no compatibility).
BATCH_INIT_ONLY = In(Boolean(), "``True``: set the values once and leave them to the dashboard.", False)

# What the provider keeps about each listed flag, by the name the program gives it (a key or an id).
Flags = dict[str, dict[str, str]]
Item = ConfigSettingFormulaModel | ConfigSettingValueModel


def _split_id(id_: str) -> tuple[str, str]:
    config_id, sep, environment_id = id_.partition(":")
    if not sep or len(config_id) != 36 or len(environment_id) != 36:
        raise ValueError(f"a config-values id is '<configId>:<environmentId>', got {id_!r}")
    return config_id.lower(), environment_id.lower()


def _flag(item: Item) -> dict[str, str]:
    """What the provider keeps about a flag it resolved."""
    return {
        "setting_id": str(item.setting.setting_id),
        "key": item.setting.key,
        "setting_type": item.setting.setting_type,
    }


class _ConfigValuesProvider(ValueProvider):
    """The batch form of a value resource; subclasses fix the evaluation version."""

    version: ClassVar[str]
    single: ClassVar[str]  # the single-value resource, for messages

    def _id_of(self, inputs: Mapping[str, Any]) -> str:
        return f"{inputs['config_id']}:{inputs['environment_id']}"

    # -- what differs between V1 and V2 ---------------------------------------------------------------

    def _fetch(self, client: ConfigCatClient, config_id: str, environment_id: str) -> Any:
        raise NotImplementedError

    def _items(self, answer: Any) -> list[Item]:
        raise NotImplementedError

    def _entry(self, item: Any) -> dict[str, Any]:
        """A flag's value as outputs, in the shape the program declares it."""
        raise NotImplementedError

    def _post(
        self,
        client: ConfigCatClient,
        inputs: Mapping[str, Any],
        flags: Flags,
        refs: list[str],
        olds: Mapping[str, Any],
    ) -> Any:
        raise NotImplementedError

    def _check_answer(self, answer: Any, inputs: Mapping[str, Any]) -> None:
        """Refuses, before writing, what the environment or the account would refuse."""
        del answer, inputs

    # -- the shared behaviour -------------------------------------------------------------------------

    def _read_batch(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> Any:
        try:
            return self._fetch(client, inputs["config_id"], inputs["environment_id"])
        except BadRequestError as exc:
            instead = "ConfigValues" if self.version == "v2" else "ConfigValuesV2"
            raise wrong_version(
                self.entity, self.version, f"config {inputs['config_id']}", exc, instead
            ) from None

    def _index(self, answer: Any) -> tuple[dict[str, Item], dict[str, Item]]:
        """The answer's flags by setting id, and by key without case (as the API compares keys)."""
        items = self._items(answer)
        by_id = {str(item.setting.setting_id): item for item in items}
        return by_id, {item.setting.key.casefold(): item for item in items}

    def _outputs(self, answer: Any, inputs: Mapping[str, Any], flags: Flags) -> Outputs:
        by_id, _by_key = self._index(answer)
        return {
            "config_id": inputs["config_id"].lower(),
            "environment_id": inputs["environment_id"].lower(),
            "values": {
                ref: self._entry(by_id[flag["setting_id"]])
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
        self._check_answer(answer, inputs)
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
        answer = self._post(client, inputs, flags, changed, olds)
        return self._outputs(answer, inputs, flags)

    def _changed_flags(self, olds: Mapping[str, Any], news: Mapping[str, Any], flags: Flags) -> list[str]:
        """The flags whose declared value differs from what the outputs hold; only these are written."""
        old_values = olds.get("values") or {}
        return [
            ref
            for ref in news["values"]
            if self._entry_differs(old_values.get(ref), news["values"][ref], flags[ref])
        ]

    def _entry_differs(self, old: Any, new: Any, flag: Mapping[str, str]) -> bool:
        raise NotImplementedError

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
            item.setting.key: _flag(item) for item in self._items(answer)
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


class ConfigValuesV2Args(TypedDict, total=False):
    """The inputs of the values of a Config V2 config's flags in an environment."""

    config_id: Required[Annotated[pulumi.Input[str], In(Uuid(), "The config's UUID.", replaces=True)]]
    environment_id: Required[Annotated[pulumi.Input[str], ENVIRONMENT_ID]]
    values: Required[
        Annotated[
            pulumi.Input[Mapping[Any, Any]],
            In(
                FlagValuesV2,
                "Flag (key, or setting id) to its value, or to ``{value, targeting_rules, "
                "percentage_evaluation_attribute}``.",
            ),
        ]
    ]
    mandatory_notes: Annotated[pulumi.Input[str] | None, MANDATORY_NOTES]
    init_only: Annotated[pulumi.Input[bool], BATCH_INIT_ONLY]
    bypass_approval: Annotated[pulumi.Input[bool], BYPASS_APPROVAL]


class ConfigValuesV2Provider(_ConfigValuesProvider):
    """Reads and writes the V2 formulas of a config's flags in one environment."""

    entity = "ConfigValuesV2"
    version = "v2"
    args = ConfigValuesV2Args
    id_format = '"<configId>:<environmentId>"'
    noun = "the values of a Config V2 config's flags in an environment"
    output_only = ("flags",)

    def _check_together(self, inputs: Mapping[str, Any]) -> list[pulumi.dynamic.CheckFailure]:
        return [
            failure
            for ref, entry in inputs["values"].items()
            for failure in as_failures(
                check_v2(entry["value"], entry.get("targeting_rules") or []), f'values["{ref}"].'
            )
        ]

    def _fetch(
        self, client: ConfigCatClient, config_id: str, environment_id: str
    ) -> ConfigSettingFormulasModel:
        return api.get_config_formulas(client, config_id, environment_id)

    def _items(self, answer: Any) -> list[Item]:
        return list(answer.setting_formulas)

    def _entry(self, item: Any) -> dict[str, Any]:
        entry = formula_outputs(item)
        del entry["setting_type"]
        return entry

    def _value_changes(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
        # "true" for a boolean flag is true: compared as each flag's type, it is not a change on every run.
        flags: Flags = olds.get("flags") or {}
        values = news.get("values")
        if isinstance(values, Mapping):
            news = {
                **news,
                "values": {
                    ref: served_as(entry, flags.get(ref, {}).get("setting_type"))
                    if isinstance(entry, Mapping)
                    else entry
                    for ref, entry in values.items()
                },
            }
        return super()._value_changes(olds, news)

    def _entry_differs(self, old: Any, new: Any, flag: Mapping[str, str]) -> bool:
        new = served_as(new, flag.get("setting_type"))  # "true" for a boolean flag is true
        return old is None or FlagValuesV2.comparable({"f": old}) != FlagValuesV2.comparable({"f": new})

    def _check_answer(self, answer: Any, inputs: Mapping[str, Any]) -> None:
        refuse_gated(
            answer.environment.name if answer.environment else inputs["environment_id"],
            inputs,
            reason_required=answer.reason_required,
            approve_required=answer.approve_required,
            can_bypass_approval=answer.can_bypass_approval,
        )

    def _post(
        self,
        client: ConfigCatClient,
        inputs: Mapping[str, Any],
        flags: Flags,
        refs: list[str],
        olds: Mapping[str, Any],
    ) -> Any:
        known = {flag["setting_id"]: flag["setting_type"] for flag in flags.values()}
        old_rules = [
            rule for entry in (olds.get("values") or {}).values() for rule in entry.get("targeting_rules", [])
        ]
        rules = [rule for ref in refs for rule in inputs["values"][ref].get("targeting_rules", [])]
        types = prerequisite_types(client, rules, old_rules, known)
        formulas = []
        for ref in refs:
            entry = inputs["values"][ref]
            try:
                body = formula_body(entry, flags[ref]["setting_type"], types)
            except ValueTypeError as exc:
                raise ValueError(f'values["{ref}"].{exc}') from None
            formulas.append(
                UpdateEvaluationFormulaWithIdModel(
                    setting_id=int(flags[ref]["setting_id"]),
                    default_value=body.default_value,
                    targeting_rules=body.targeting_rules,
                    percentage_evaluation_attribute=body.percentage_evaluation_attribute,
                )
            )
        return api.post_config_formulas(
            client,
            inputs["config_id"],
            inputs["environment_id"],
            UpdateEvaluationFormulasModel(update_formulas=formulas),
            reason=inputs.get("mandatory_notes"),
            bypass_approval=bool(inputs.get("bypass_approval")),
        )


class ConfigValuesArgs(TypedDict, total=False):
    """The inputs of the values of a Config V1 config's flags in an environment."""

    config_id: Required[Annotated[pulumi.Input[str], In(Uuid(), "The config's UUID.", replaces=True)]]
    environment_id: Required[Annotated[pulumi.Input[str], ENVIRONMENT_ID]]
    values: Required[
        Annotated[
            pulumi.Input[Mapping[Any, Any]],
            In(
                FlagValuesV1,
                "Flag (key, or setting id) to its value, or to ``{value, rollout_rules, percentage_items}``.",
            ),
        ]
    ]
    mandatory_notes: Annotated[pulumi.Input[str] | None, MANDATORY_NOTES]
    init_only: Annotated[pulumi.Input[bool], BATCH_INIT_ONLY]


class ConfigValuesProvider(_ConfigValuesProvider):
    """Reads and writes the V1 values of a config's flags in one environment."""

    entity = "ConfigValues"
    version = "v1"
    args = ConfigValuesArgs
    id_format = '"<configId>:<environmentId>"'
    noun = "the values of a Config V1 config's flags in an environment"
    output_only = ("flags",)

    def _check_together(self, inputs: Mapping[str, Any]) -> list[pulumi.dynamic.CheckFailure]:
        return [
            failure
            for ref, entry in inputs["values"].items()
            for failure in as_failures(
                check_v1(
                    entry["value"], entry.get("rollout_rules") or [], entry.get("percentage_items") or []
                ),
                f'values["{ref}"].',
            )
        ]

    def _value_changes(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
        changed = [name for name in super()._value_changes(olds, news) if name != "values"]
        flags: Flags = olds.get("flags") or {}
        new_values = news.get("values") or {}
        if set(new_values) != set(olds.get("values") or {}) or any(
            self._entry_differs((olds.get("values") or {}).get(ref), entry, flags.get(ref, {}))
            for ref, entry in new_values.items()
        ):
            changed.append("values")
        return changed

    def _fetch(
        self, client: ConfigCatClient, config_id: str, environment_id: str
    ) -> ConfigSettingValuesModel:
        return api.get_config_values(client, config_id, environment_id)

    def _items(self, answer: Any) -> list[Item]:
        return list(answer.setting_values)

    def _entry(self, item: Any) -> dict[str, Any]:
        entry = value_outputs(item)
        del entry["setting_type"]
        return entry

    def _entry_differs(self, old: Any, new: Any, flag: Mapping[str, str]) -> bool:
        if old is None:
            return True
        setting_type = flag.get("setting_type")
        return comparable_v1(old, setting_type) != comparable_v1(new, setting_type)

    def _post(
        self,
        client: ConfigCatClient,
        inputs: Mapping[str, Any],
        flags: Flags,
        refs: list[str],
        olds: Mapping[str, Any],
    ) -> Any:
        values = []
        for ref in refs:
            try:
                body = value_body(inputs["values"][ref], flags[ref]["setting_type"])
            except ValueTypeError as exc:
                raise ValueError(f'values["{ref}"].{exc}') from None
            values.append(
                UpdateSettingValueWithSettingIdModel(
                    setting_id=int(flags[ref]["setting_id"]),
                    value=body.value,
                    rollout_rules=body.rollout_rules,
                    rollout_percentage_items=body.rollout_percentage_items,
                )
            )
        return api.post_config_values(
            client,
            inputs["config_id"],
            inputs["environment_id"],
            UpdateSettingValuesWithIdModel(setting_values=values),
            reason=inputs.get("mandatory_notes"),
        )


class ConfigValuesV2(ConfigCatResource, module="configcat", name="ConfigValuesV2"):
    """The values of a Config V2 config's flags in one environment, in one resource.

    Each value is given as :class:`SettingValueV2` takes it: a plain value when there is no targeting, or
    ``{"value": ..., "targeting_rules": [...], "percentage_evaluation_attribute": ...}``. Unlike the
    single-value resources, ``init_only`` defaults to ``False``: the program owns the values.

    Only the listed flags are managed. Dropping a flag from the mapping leaves its value on the server as it
    is, and so does destroying the resource (the API has no delete for values). A flag is named by its key
    (``"newCheckout"``) or by its setting id (``checkout.id`` works as a key). Create and update read the
    config's values once and write, in one request, exactly the listed flags whose value differs; refresh is
    one read; an unchanged run sends nothing. The id is ``"<configId>:<environmentId>"``; both replace.

    Do not also manage a flag listed here with a single-value resource in the same environment: the two would
    overwrite each other on every run.

    Example::

        configcat.ConfigValuesV2(
            "production-values",
            config_id=main.id,
            environment_id=production.id,
            values={
                "darkMode": True,
                "welcomeText": "Hello!",
                checkout.id: {
                    "value": False,
                    "targeting_rules": [
                        {"conditions": [{"segment_condition": {"segment_id": staff.id,
                                                               "comparator": "isIn"}}],
                         "value": True},
                    ],
                },
            },
        )
    """

    _provider_class = ConfigValuesV2Provider

    config_id: pulumi.Output[str]
    environment_id: pulumi.Output[str]
    values: pulumi.Output[dict[str, Any]]
    flags: pulumi.Output[dict[str, dict[str, str]]]
    mandatory_notes: pulumi.Output[str | None]
    init_only: pulumi.Output[bool]
    bypass_approval: pulumi.Output[bool]

    def __init__(
        self,
        resource_name: str,
        *,
        opts: pulumi.ResourceOptions | None = None,
        **args: Unpack[ConfigValuesV2Args],
    ) -> None:
        super().__init__(resource_name, self._declared(resource_name, args), opts)


class ConfigValues(ConfigCatResource, module="configcat", name="ConfigValues"):
    """The values of a Config V1 config's flags in one environment, in one resource.

    Each value is given as :class:`SettingValue` takes it: a plain value (``"true"``, ``42``) or
    ``{"value": ..., "rollout_rules": [...], "percentage_items": [...]}``. ``init_only`` defaults to
    ``False``.

    Only the listed flags are managed. Dropping a flag from the mapping leaves its value on the server as it
    is, and so does destroying the resource (the API has no delete for values). A flag is named by its key
    (``"newCheckout"``) or by its setting id (``checkout.id`` works as a key). Create and update read the
    config's values once and write, in one request, exactly the listed flags whose value differs; refresh is
    one read; an unchanged run sends nothing. The id is ``"<configId>:<environmentId>"``; both replace.

    Do not also manage a flag listed here with a single-value resource in the same environment: the two would
    overwrite each other on every run.

    Example::

        configcat.ConfigValues(
            "production-values",
            config_id=legacy.id,
            environment_id=production.id,
            values={"maxItems": 20, "betaBanner": {"value": "false", "rollout_rules": [
                {"comparison_attribute": "Email", "comparator": "contains", "comparison_value": "@acme.com",
                 "value": "true"}]}},
        )
    """

    _provider_class = ConfigValuesProvider

    config_id: pulumi.Output[str]
    environment_id: pulumi.Output[str]
    values: pulumi.Output[dict[str, Any]]
    flags: pulumi.Output[dict[str, dict[str, str]]]
    mandatory_notes: pulumi.Output[str | None]
    init_only: pulumi.Output[bool]

    def __init__(
        self,
        resource_name: str,
        *,
        opts: pulumi.ResourceOptions | None = None,
        **args: Unpack[ConfigValuesArgs],
    ) -> None:
        super().__init__(resource_name, self._declared(resource_name, args), opts)
