"""What the two value resources (``SettingValue`` for Config V1, ``SettingValueV2``) do alike.

A flag has a value in every environment from the moment it exists, and the API has no delete for it. So a
value resource:

* is identified by ``"<environmentId>:<settingId>"``; both ids replace;
* on create, reads the current value once (it learns the flag's type, whether the config is of the right
  evaluation version, and whether the environment requires a reason or approval, and refuses clearly before
  writing), then writes the whole desired value in one PUT, or nothing when it already matches. For a flag
  this provider process created itself (in the same ``pulumi up``), the type is known and the value is still
  the new flag's default, so a value that differs is written at once, without the read; if the API refuses
  that write, the read-then-write path runs and gives its clear reasons;
* with ``init_only=True`` sets the value when created and then leaves it to the dashboard: no drift is
  shown and nothing is pushed; a refresh only notices the flag is gone;
* treats ``mandatory_notes`` and ``bypass_approval`` as instructions for the write, not as state: changing
  only them writes nothing;
* on destroy, leaves the value on the server as it is, and records (in this provider process) that the
  program let go of it, so that a flag its rules have as a prerequisite can be deleted in the same run
  (:mod:`._prerequisites`);
* warns (in the provider log the CLI shows) when another resource of the same stack manages the same flag's
  value in the same environment: the two would overwrite each other on every run.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Mapping, Sequence
from typing import Any

import pulumi
import pulumi.dynamic

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat._exceptions import BadRequestError
from pulumi_configcat.api import settings as settings_api
from pulumi_configcat.resources._base import ConfigCatProvider, Outputs
from pulumi_configcat.resources._declare import In
from pulumi_configcat.resources._props import Boolean, IntegerId, Text, Uuid
from pulumi_configcat.resources.flags._prerequisites import let_go
from pulumi_configcat.resources.flags._targeting import known_prerequisite_types, needs_prerequisite_types

__all__ = [
    "BATCH_INIT_ONLY",
    "BYPASS_APPROVAL",
    "CONTROLS",
    "ENVIRONMENT_ID",
    "INIT_ONLY",
    "MANDATORY_NOTES",
    "SETTING_ID",
    "ValueProvider",
    "controls",
    "forget_flag",
    "new_flag_default",
    "new_flag_type",
    "note_managed",
    "remember_new_flag",
    "split_value_id",
]

# The inputs the value resources share, declared once (see _declare).
ENVIRONMENT_ID = In(Uuid(), "The environment's UUID.", replaces=True)
SETTING_ID = In(IntegerId(), "The flag's id (``Setting.id``).", replaces=True)
# Instructions for a write; never compared, never read back.
CONTROLS = ("mandatory_notes", "init_only", "bypass_approval")
MANDATORY_NOTES = In(
    Text(0, 65535, empty_is_none=True),
    "The reason sent with each write; required where the product demands one.",
)
# As in pulumiverse_configcat and the Terraform provider: a value is seeded once unless init_only=False.
INIT_ONLY = In(
    Boolean(),
    "``True``: set the value once and leave it to the dashboard. ``False``: the program owns the value.",
    True,
)
# A batch resource's, unlike a single value's: the program owns the values (a new resource needs no
# compatibility).
BATCH_INIT_ONLY = In(Boolean(), "``True``: set the values once and leave them to the dashboard.", False)
BYPASS_APPROVAL = In(
    Boolean(),
    "Write even where the environment requires approval (the credentials must be allowed to).",
    False,
)


# Flags this provider process created, by (base URL, user, flag id), with their type. A new flag's value in
# every environment is its type's default with no rules (unless it has predefined variations, which are not
# recorded), so a value resource of that flag needs no read to know the type of what it writes.
_NEW_FLAGS: dict[tuple[str, str, str], str] = {}
_NEW_FLAG_DEFAULTS: dict[str, Any] = {"boolean": False, "string": "", "int": 0, "double": 0}


def _flag_key(client: ConfigCatClient, setting_id: str) -> tuple[str, str, str]:
    return (client.base_url, client.username, str(setting_id))


def remember_new_flag(client: ConfigCatClient, setting_id: str, setting_type: str) -> None:
    """Records a flag this process has just created (without predefined variations)."""
    _NEW_FLAGS[_flag_key(client, setting_id)] = setting_type


def forget_flag(client: ConfigCatClient, setting_id: str) -> None:
    """Drops a deleted flag from the record."""
    _NEW_FLAGS.pop(_flag_key(client, setting_id), None)


# Which resources this provider process has seen manage each flag's value, by (environment id, setting id).
# Two resources that manage one flag in one environment (a SettingValueV2 and a ConfigValuesV2, say) overwrite
# each other on every run and flip on every refresh; neither can see the other in check, but the one process
# that serves a stack's resources sees both, and says so.
_MANAGERS: dict[tuple[str, str], set[str]] = {}
_MANAGERS_LOCK = threading.Lock()
logger = logging.getLogger("pulumi_configcat")


def note_managed(manager: str, environment_id: str, setting_ids: Sequence[str]) -> None:
    """Records that ``manager`` (e.g. ``"SettingValueV2 '<env>:<id>'"``) manages these flags' values in the
    environment, and warns once per pair when another resource already does."""
    for setting_id in setting_ids:
        key = (environment_id.lower(), str(setting_id))
        with _MANAGERS_LOCK:
            managers = _MANAGERS.setdefault(key, set())
            others = sorted(managers - {manager})
            new = manager not in managers
            managers.add(manager)
        if others and new:
            logger.warning(
                "the value of flag %s in environment %s is managed by %s and by %s: they overwrite each "
                "other on every run and flip on every refresh; manage it with one of them",
                setting_id,
                environment_id,
                manager,
                " and ".join(others),
            )


def new_flag_type(client: ConfigCatClient, setting_id: str) -> str | None:
    """The type of a flag this process created, or None for any other flag."""
    return _NEW_FLAGS.get(_flag_key(client, setting_id))


def new_flag_default(setting_type: str) -> Any:
    """What every environment holds for a new flag of this type: false, the empty text, or zero."""
    return _NEW_FLAG_DEFAULTS.get(setting_type)


def split_value_id(id_: str) -> tuple[str, str]:
    """``"<environmentId>:<settingId>"`` as its two parts; a malformed id is refused with its format."""
    environment_id, sep, setting_id = id_.partition(":")
    # ASCII digits only (str.isdigit takes other scripts' digits too); fullmatch, so no newline slips by.
    if not sep or not re.fullmatch(r"[0-9]+", setting_id) or len(environment_id) != 36:
        raise ValueError(f"a value id is '<environmentId>:<settingId>', got {id_!r}")
    return environment_id.lower(), setting_id


class ValueProvider(ConfigCatProvider):
    """The shared behaviour; subclasses write and read one evaluation version's value."""

    def _id_of(self, inputs: Mapping[str, Any]) -> str:
        return f"{inputs['environment_id']}:{inputs['setting_id']}"

    def _fetch_for_write(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[Outputs, Any]:
        """Reads the current value before the first write; returns its outputs and what a write needs to
        know (the flag's type).

        Raises a clear error (naming the property) for anything the write would be refused for.
        """
        raise NotImplementedError

    def _known_context(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Any:
        """What a write needs to know, from the outputs; ``None`` when it must be read first."""
        del news
        return olds.get("setting_type")

    def _write(
        self, client: ConfigCatClient, inputs: Mapping[str, Any], context: Any, olds: Mapping[str, Any]
    ) -> Outputs:
        """Writes the whole value (or, for a batch, the flags that differ); returns the outputs."""
        raise NotImplementedError

    def _value_changes(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
        return [name for name in super().changed_properties(olds, news) if name not in CONTROLS]

    def changed_properties(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
        changed = self._value_changes(olds, news)
        replaces = [prop.name for prop in self.props if prop.replaces and prop.name in changed]
        if news.get("init_only") is True:
            return replaces
        if olds.get("init_only") is not False and not replaces:
            # Turning init_only off hands the value to the program: compare, and write if it differs.
            changed.append("init_only")
        return changed

    def _differs_from_new_flag(self, inputs: Mapping[str, Any], setting_type: str) -> bool:
        """Whether the inputs declare anything but a new flag's value, so that a create of this one flag's
        value must write anyway; False where that cannot be told (a batch of many flags always reads)."""
        del inputs, setting_type
        return False

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        setting_type = new_flag_type(client, inputs.get("setting_id", ""))
        if setting_type is not None and self._differs_from_new_flag(inputs, setting_type):
            try:
                outs = self._write(client, inputs, setting_type, {})
            except BadRequestError:
                pass  # refused: read first, which says why clearly where it can, and write again if it may
            else:
                return self._id_of(inputs), {**outs, **controls(inputs)}
        current, context = self._fetch_for_write(client, inputs)
        outs = current
        if self._value_changes(current, inputs):
            outs = self._write(client, inputs, context, current)
        return self._id_of(inputs), {**outs, **controls(inputs)}

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        outs: Outputs = dict(olds)
        if news.get("init_only") is not True and self._value_changes(olds, news):
            context = self._known_context(olds, news)
            if context is None:
                outs, context = self._fetch_for_write(client, news)
            outs = self._write(client, news, context, outs)
        return {**outs, **controls(news)}

    def _delete(self, client: ConfigCatClient, id_: str) -> None:
        """A flag's value cannot be deleted; destroying the resource only forgets it."""
        del client, id_

    def _managed(self, id_: str, values: Mapping[str, Any]) -> tuple[str, list[str]]:
        """The environment and the flags whose values the resource ``id_`` manages."""
        del values
        environment_id, setting_id = split_value_id(id_)
        return environment_id, [setting_id]

    def _note(self, id_: str | None, values: Mapping[str, Any] | None) -> None:
        if id_:
            environment_id, setting_ids = self._managed(id_, values or {})
            note_managed(f"{self.entity} {id_!r}", environment_id, setting_ids)

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> pulumi.dynamic.DiffResult:
        self._note(_id, olds)
        return super().diff(_id, olds, news)

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        # The value stays on the server. Its prerequisite conditions would keep the flags they name from
        # being deleted in this same run: record that the program let go of them (see _prerequisites).
        let_go(self.client(), props)
        super().delete(id_, props)

    def create(self, props: dict[str, Any]) -> pulumi.dynamic.CreateResult:
        result = super().create(props)
        outs = {**(result.outs or {}), **controls(props)}
        self._note(result.id, outs)
        return pulumi.dynamic.CreateResult(result.id, outs)

    def read(self, id_: str, props: dict[str, Any]) -> pulumi.dynamic.ReadResult:
        self._note(id_, props)
        result = super().read(id_, props)
        if not result.id:
            return result
        # With init_only the dashboard owns the value: the state keeps what was seeded.
        outs = dict(props) if props.get("init_only") else {**(result.outs or {}), **controls(props)}
        return pulumi.dynamic.ReadResult(result.id, outs, self._inputs_of(outs))


def wrong_version(entity: str, version: str, what: str, exc: Exception, instead: str) -> ValueError:
    """The error for a read the API refused because the config has the other evaluation version.

    A GET of something that exists is refused with a 400 only for that reason (the spec: the v2 value
    endpoints "can only be used" with V2 configs), so the API's words are quoted, with the way out.
    """
    other = "v1" if version == "v2" else "v2"
    return ValueError(
        f"{entity} sets values in Config {version.upper()} configs, and the API refused to read {what} that "
        f"way ({exc}); for a config of evaluation version {other} use configcat.{instead}"
    )


def refuse_gated(
    environment: str,
    inputs: Mapping[str, Any],
    *,
    reason_required: bool,
    approve_required: bool,
    can_bypass_approval: bool = True,
) -> None:
    """Refuses, before the first write, what an environment that requires a reason or approval would."""
    if reason_required and not inputs.get("mandatory_notes"):
        raise ValueError(
            f"mandatory_notes is required: environment {environment!r} requires a reason for every change "
            "(the product's mandatory-notes preference)"
        )
    if approve_required and not inputs.get("bypass_approval"):
        raise ValueError(
            f"environment {environment!r} requires approval for changes: set bypass_approval=True (with "
            "credentials allowed to bypass it) or make the change through a change request"
        )
    if approve_required and not can_bypass_approval:
        raise ValueError(f"these credentials may not bypass approval in environment {environment!r}")


def prerequisite_types(
    client: ConfigCatClient,
    rules: Sequence[Mapping[str, Any]],
    old_rules: Sequence[Mapping[str, Any]],
    known: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Flag types of prerequisites compared with a plain number (their type picks int or double): from
    what is known and from the outputs, else one read of each such prerequisite flag."""
    types = {**known_prerequisite_types(old_rules), **(known or {})}
    for setting_id in needs_prerequisite_types(rules) - set(types):
        types[setting_id] = settings_api.get_setting(client, setting_id).setting_type
    return types


def controls(values: Mapping[str, Any]) -> dict[str, Any]:
    return {name: values[name] for name in CONTROLS if values.get(name) is not None}
