"""Feature flags and settings (their metadata, not their values), and single tags attached to one."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, get_args

import pulumi
from typing_extensions import Required, TypedDict, Unpack

from pulumi_configcat._client import ConfigCatClient, JsonPatch, json_patch
from pulumi_configcat._exceptions import BadRequestError
from pulumi_configcat.api import settings as api
from pulumi_configcat.resources._base import ConfigCatProvider, EntityGoneError, Outputs, match_natural_key
from pulumi_configcat.resources._declare import RESOURCE_NAME, In, request
from pulumi_configcat.resources._props import Boolean, Choice, Integer, IntegerId, ListOf, Text, Uuid
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.resources.flags._prerequisites import delete_flag
from pulumi_configcat.resources.flags._rules import (
    PredefinedVariations,
)
from pulumi_configcat.resources.flags._scalars import (
    TYPE_FIELDS,
    ValueTypeError,
    typed_value,
)
from pulumi_configcat.resources.flags._values import forget_flag, remember_new_flag
from pulumi_configcat.types import (
    CreatePredefinedVariationModel,
    CreatePredefinedVariationValueModel,
    CreateSettingInitialValues,
    PredefinedVariationModel,
    SettingModel,
    SettingType,
    UpdatePredefinedVariationModel,
    UpdatePredefinedVariationsRequest,
    UpdatePredefinedVariationValueModel,
)

# The API's rule for keys (behaviour reference §3c): a letter first, then letters, digits, _ or -.
KEY_PATTERN = r"[a-zA-Z]+[a-zA-Z0-9_-]*"


class SettingArgs(TypedDict, total=False):
    """The inputs of a feature flag or setting."""

    config_id: Required[
        Annotated[pulumi.Input[str], In(Uuid(), "The UUID of the config the flag lives in.", replaces=True)]
    ]
    key: Required[
        Annotated[
            pulumi.Input[str],
            In(
                Text(1, 255, pattern=KEY_PATTERN),
                "The key apps ask for: a letter, then letters, digits, ``_`` or ``-``; unique in the config.",
                replaces=True,
            ),
        ]
    ]
    name: Annotated[
        pulumi.Input[str],
        In(Text(1, 255), "The name shown on the dashboard, 1 to 255 characters.", RESOURCE_NAME),
    ]
    hint: Annotated[
        pulumi.Input[str] | None,
        In(Text(0, 1000, empty_is_none=True), "A description, up to 1000 characters."),
    ]
    setting_type: Annotated[
        pulumi.Input[str],
        In(
            Choice(get_args(SettingType)),
            "``boolean``, ``string``, ``int`` or ``double``.",
            "boolean",
            replaces=True,
        ),
    ]
    order: Annotated[pulumi.Input[int], In(Integer(), "Position on the dashboard.", 0)]
    tags: Annotated[
        pulumi.Input[Sequence[pulumi.Input[str]]] | None,
        In(
            ListOf(IntegerId(), ordered=False),
            "Tag ids (e.g. ``[beta.id]``); the flag then has exactly these tags. Leave unset to manage tags "
            "elsewhere (the dashboard, or :class:`SettingTag`).",
        ),
    ]
    is_json: Annotated[
        pulumi.Input[bool], In(Boolean(), "Marks a ``string`` setting whose values are JSON.", False)
    ]
    predefined_variations: Annotated[
        pulumi.Input[Sequence[Any]] | None,
        In(
            PredefinedVariations,
            'The values the flag may serve, each ``{"value": ..., "name": ..., "hint": ...}`` (or '
            ":class:`SettingPredefinedVariationArgs`); the output adds each one's "
            "``predefined_variation_id``, which values can refer to.",
        ),
    ]


class SettingProvider(ConfigCatProvider):
    """Creates, reads, updates and deletes feature flags and settings."""

    entity = "Setting"
    args = SettingArgs
    id_format = "<setting id>"
    noun = "a feature flag or setting"
    # Keys are unique in a config, case-insensitively: a replacement that keeps the key deletes first.
    unique_together = ("config_id", "key")

    def _check_together(self, inputs: Mapping[str, Any]) -> list[pulumi.dynamic.CheckFailure]:
        failures = []
        setting_type = inputs["setting_type"]
        if inputs["is_json"] and setting_type != "string":
            failures.append(
                pulumi.dynamic.CheckFailure(
                    "is_json",
                    f"is_json marks a text setting's values as JSON; setting_type is {setting_type!r}",
                )
            )
        for index, variation in enumerate(inputs.get("predefined_variations") or []):
            where = f"predefined_variations[{index}].value"
            try:
                typed_value(variation["value"], setting_type, where)
            except ValueTypeError as exc:
                failures.append(pulumi.dynamic.CheckFailure(where, str(exc)))
        return failures

    def changed_properties(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
        changed = super().changed_properties(olds, news)
        # tags=None leaves the flag's tags to the dashboard or to SettingTag resources.
        if news.get("tags") is None and "tags" in changed:
            changed.remove("tags")
        if news.get("predefined_variations") is None and "predefined_variations" in changed:
            changed.remove("predefined_variations")
        return changed

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        setting_type = inputs["setting_type"]
        tags = inputs.get("tags")
        variations = inputs.get("predefined_variations")
        body = request(
            CreateSettingInitialValues, self.props, inputs, exclude=("tags", "predefined_variations")
        )
        if tags is not None:
            body.tags = [int(tag) for tag in tags]
        if variations:
            body.predefined_variations = [
                CreatePredefinedVariationModel(
                    value=CreatePredefinedVariationValueModel(**_typed(v["value"], setting_type)),
                    name=v.get("name"),
                    hint=v.get("hint"),
                )
                for v in variations
            ]
        setting = api.create_setting(client, inputs["config_id"], body)
        if not variations:
            remember_new_flag(client, str(setting.setting_id), str(setting.setting_type))
        return str(setting.setting_id), _outputs(setting)

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        return _outputs(api.get_setting(client, id_))

    def _find_existing(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> str | None:
        return match_natural_key(
            (
                (str(setting.setting_id), setting.key)
                for setting in api.list_settings(client, inputs["config_id"])
            ),
            inputs["key"],
        )

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        changed = self.changed_properties(olds, news)
        outs = dict(olds)
        if "predefined_variations" in changed:
            # Ids are matched against the flag as it is now, not as the state last saw it: a variation
            # deleted in the dashboard must not be sent back by its id.
            current = [_variation(v) for v in api.get_setting(client, id_).predefined_variations]
            answer = api.update_predefined_variations(client, id_, _variations_body(current, news))
            outs["predefined_variations"] = [_variation(v) for v in answer.predefined_variations]
        old_doc, new_doc = _patchable(olds, olds), _patchable(news, olds)
        old_tags, new_tags = old_doc.pop("tags"), new_doc.pop("tags")
        operations = json_patch(old_doc, new_doc)
        if old_tags != new_tags:
            # The whole list, not operations by index: those are computed from the state, and once the
            # dashboard has deleted a tag (which detaches it) an index names another tag than the state's.
            operations.append({"op": "replace", "path": "/tags", "value": new_tags})
        if operations:
            outs = _outputs(api.update_setting(client, id_, operations))
        return outs

    def _delete(self, client: ConfigCatClient, id_: str) -> None:
        # Refused while another flag's value has it as a prerequisite: never waits for that flag's delete
        # (see _prerequisites), which under --parallel 1 is sent only after this one returns.
        delete_flag(client, id_)
        forget_flag(client, id_)


def _typed(value: Any, setting_type: str) -> dict[str, Any]:
    return {TYPE_FIELDS[setting_type]: typed_value(value, setting_type, "value")}


def _patchable(values: Mapping[str, Any], olds: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a flag a JSON Patch can change, as the API's update model spells them.

    New tags keep the order the flag already has, so that detaching one removes exactly that one and the
    rest are not reshuffled.
    """
    old_tags = [str(tag) for tag in olds.get("tags") or []]
    wanted = values.get("tags")
    if wanted is None:
        tags = old_tags
    else:
        wanted = [str(tag) for tag in wanted]
        tags = [tag for tag in old_tags if tag in wanted]
        tags += [tag for tag in dict.fromkeys(wanted) if tag not in tags]
    return {
        "name": values["name"],
        "hint": values.get("hint") or None,
        "order": int(values["order"]),
        "isJson": bool(values.get("is_json")),
        "tags": [int(tag) for tag in tags],
    }


def _variations_body(
    old: Sequence[Mapping[str, Any]], news: Mapping[str, Any]
) -> UpdatePredefinedVariationsRequest:
    """The whole new collection. A variation keeps its id when its value is unchanged (a rename keeps it),
    so values that point at it stay valid; one whose value changed is a new variation."""
    setting_type = news["setting_type"]
    ids_by_value = {repr(_typed(v["value"], setting_type)): v.get("predefined_variation_id") for v in old}
    items = []
    for variation in news.get("predefined_variations") or []:
        typed = _typed(variation["value"], setting_type)
        items.append(
            UpdatePredefinedVariationModel(
                value=UpdatePredefinedVariationValueModel(**typed),
                name=variation.get("name"),
                hint=variation.get("hint"),
                predefined_variation_id=variation.get("predefined_variation_id")
                or ids_by_value.get(repr(typed)),
            )
        )
    return UpdatePredefinedVariationsRequest(predefined_variations=items)


def _variation(variation: PredefinedVariationModel) -> dict[str, Any]:
    return {
        "value": {k: v for k, v in variation.value.model_dump().items() if v is not None},
        "name": variation.name or None,
        "hint": variation.hint or None,
        "predefined_variation_id": variation.predefined_variation_id.lower(),
    }


def _outputs(setting: SettingModel) -> Outputs:
    return {
        "config_id": setting.config_id.lower(),
        "key": setting.key,
        "name": setting.name,
        "hint": setting.hint or None,
        "setting_type": setting.setting_type,
        "order": setting.order,
        "tags": [str(tag.tag_id) for tag in setting.tags],
        "is_json": setting.is_json,
        "predefined_variations": [_variation(v) for v in setting.predefined_variations],
    }


class Setting(ConfigCatResource, module="configcat", name="Setting"):
    """A ConfigCat feature flag or setting: its key, name, type and tags. Its values are set per environment
    by :class:`SettingValueV2` (Config V2) or :class:`SettingValue` (Config V1).

    The id is the setting's integer id, as a string. Changing ``config_id``, ``key`` or ``setting_type``
    replaces the flag (deleting the old one first when the key stays, since keys are unique in a config);
    everything else is changed in place with one JSON Patch. When the flag is created it has its type's
    default value in every environment.

    Example::

        checkout = configcat.Setting(
            "newCheckout",
            config_id=config.id,
            key="newCheckout",
            name="New checkout",
            tags=[beta.id],
        )
    """

    _provider_class = SettingProvider

    config_id: pulumi.Output[str]
    key: pulumi.Output[str]
    name: pulumi.Output[str]
    hint: pulumi.Output[str | None]
    setting_type: pulumi.Output[str]
    order: pulumi.Output[int]
    tags: pulumi.Output[list[str]]
    is_json: pulumi.Output[bool]
    predefined_variations: pulumi.Output[list[dict[str, Any]]]

    def __init__(
        self, resource_name: str, *, opts: pulumi.ResourceOptions | None = None, **args: Unpack[SettingArgs]
    ) -> None:
        super().__init__(resource_name, self._declared(resource_name, args), opts)


class SettingTagArgs(TypedDict):
    """The inputs of a tag attached to a flag."""

    setting_id: Annotated[pulumi.Input[str | int], In(IntegerId(), "The flag's id.", replaces=True)]
    tag_id: Annotated[pulumi.Input[str | int], In(IntegerId(), "The tag's id.", replaces=True)]


class SettingTagProvider(ConfigCatProvider):
    """Attaches one tag to one flag through the flag's JSON Patch, and detaches exactly that tag."""

    entity = "SettingTag"
    args = SettingTagArgs
    id_format = '"<settingId>:<tagId>"'
    noun = "a tag attached to a flag"

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        setting_id, tag_id = inputs["setting_id"], inputs["tag_id"]
        api.update_setting(client, setting_id, [{"op": "add", "path": "/tags/-", "value": int(tag_id)}])
        return f"{setting_id}:{tag_id}", {"setting_id": setting_id, "tag_id": tag_id}

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        setting_id, tag_id = _split_id(id_)
        setting = api.get_setting(client, setting_id)
        if int(tag_id) not in (tag.tag_id for tag in setting.tags):
            raise EntityGoneError(id_)
        return {"setting_id": setting_id, "tag_id": tag_id}

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        raise AssertionError("every input of SettingTag replaces it")  # pragma: no cover

    def _delete(self, client: ConfigCatClient, id_: str) -> None:
        setting_id, tag_id = _split_id(id_)
        # Remove by position, guarded by a JSON Patch "test" of what is at that position: if another
        # SettingTag of the same flag is detached at the same moment, the test fails instead of removing
        # the wrong tag, and the read is repeated.
        for _attempt in range(5):
            tags = [tag.tag_id for tag in api.get_setting(client, setting_id).tags]
            if int(tag_id) not in tags:
                return
            index = tags.index(int(tag_id))
            operations: JsonPatch = [
                {"op": "test", "path": f"/tags/{index}", "value": int(tag_id)},
                {"op": "remove", "path": f"/tags/{index}"},
            ]
            try:
                api.update_setting(client, setting_id, operations)
            except BadRequestError:
                continue
            return
        raise RuntimeError(f"could not detach tag {tag_id} from setting {setting_id}: its tags kept changing")


def _split_id(id_: str) -> tuple[str, str]:
    setting_id, sep, tag_id = id_.partition(":")
    # ASCII digits only (str.isdigit takes other scripts' digits too).
    if not sep or not re.fullmatch(r"[0-9]+", setting_id) or not re.fullmatch(r"[0-9]+", tag_id):
        raise ValueError(f"a SettingTag id is '<settingId>:<tagId>' (two integers), got {id_!r}")
    return setting_id, tag_id


class SettingTag(ConfigCatResource, module="configcat", name="SettingTag"):
    """One tag on one feature flag, for flags whose ``tags`` this program does not otherwise manage.

    The id is ``"<settingId>:<tagId>"``. Both inputs replace. Destroying it detaches exactly this tag, even
    when other tags of the same flag are detached at the same time. Do not combine it with
    ``Setting(tags=...)`` for the same flag: the two would fight.

    Example::

        configcat.SettingTag("checkout-beta", setting_id=checkout.id, tag_id=beta.id)
    """

    _provider_class = SettingTagProvider

    setting_id: pulumi.Output[str]
    tag_id: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        opts: pulumi.ResourceOptions | None = None,
        **args: Unpack[SettingTagArgs],
    ) -> None:
        super().__init__(resource_name, self._declared(resource_name, args), opts)
