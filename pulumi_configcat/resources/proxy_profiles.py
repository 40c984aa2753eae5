"""Proxy Profiles: what a ConfigCat Proxy serves (the SDK keys it may use), how it connects, and its secret.

A profile selects SDK keys in one of two ways, which the API keeps apart: selection rules (include or
exclude by product, config and environment, by id or by name with wildcards; the keys of configs and
environments made later follow), or explicitly selected config/environment pairs (``sdk-keys/select`` and
``/deselect``, which the API refuses with a 403 while the profile has rules). ``check`` refuses both at once.
The pairs are a set: an update deselects exactly the pairs dropped and selects exactly the pairs added, one
call each, none when the set is unchanged.

The secret token the Proxy authenticates with is generated when the profile is created (``POST .../secret``)
and kept in the ``secret_token`` output, a Pulumi secret; the API never returns it again, so refresh keeps the
one in the state. Changing ``secret_rotation`` (any text, e.g. a date) generates a new one on purpose; the old
one stops working. Nothing here logs or quotes the token, the webhook signing keys, or the SDK keys the
selection answers carry (see :mod:`pulumi_configcat.api.proxy_profiles`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal

import pulumi
from pydantic import BeforeValidator, Field, StrictStr
from typing_extensions import Required, TypedDict, Unpack

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat._exceptions import APIError
from pulumi_configcat.api import organizations as organizations_api
from pulumi_configcat.api import proxy_profiles as api
from pulumi_configcat.resources._base import ConfigCatProvider, EntityGoneError, Outputs
from pulumi_configcat.resources._declare import DESCRIPTION, RESOURCE_NAME, In
from pulumi_configcat.resources._props import Integer, Text, Url, Uuid
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.resources._structured import Shape, Structured
from pulumi_configcat.resources.flags._scalars import UuidStr
from pulumi_configcat.types import (
    CreateOrUpdateConnectionPreferences,
    CreateOrUpdateProxyProfileRequest,
    CreateOrUpdateWebhookNotification,
    ProxyProfileModel,
    ProxyProfileSdkKeyItem,
    UpdateProxyProfileSelectionRule,
)

RULE_FILTERS = (
    "product_id_filter",
    "config_id_filter",
    "environment_id_filter",
    "product_name_match_filter",
    "config_name_match_filter",
    "environment_name_match_filter",
)
# What the API keeps of a profile itself; the selected pairs and the secret have endpoints of their own.
PROFILE_FIELDS = ("name", "description", "sdk_poll_interval", "webhook_proxy_url", "sdk_key_selection_rules")

# A name filter of "" filters nothing, as one left out: both are kept as unset.
_NameFilter = Annotated[
    Annotated[StrictStr, Field(max_length=255)] | None,
    BeforeValidator(lambda value: None if value == "" else value),
]


class _Rule(Shape):
    kind: Literal["include", "exclude"] = "include"
    product_id_filter: UuidStr | None = None
    config_id_filter: UuidStr | None = None
    environment_id_filter: UuidStr | None = None
    product_name_match_filter: _NameFilter = None
    config_name_match_filter: _NameFilter = None
    environment_name_match_filter: _NameFilter = None


class _Pair(Shape):
    config_id: UuidStr
    environment_id: UuidStr


def _rule_key(rule: Mapping[str, Any]) -> tuple[Any, ...]:
    return (rule.get("kind", "include"), *(rule.get(name) for name in RULE_FILTERS))


def _pair_key(pair: Mapping[str, Any]) -> tuple[str, str]:
    return (pair["config_id"], pair["environment_id"])


RULES = Structured(
    list[_Rule],
    "a list of selection rules, each {kind ('include' or 'exclude', default 'include'), product_id_filter, "
    "config_id_filter, environment_id_filter (UUIDs), product_name_match_filter, config_name_match_filter, "
    "environment_name_match_filter (up to 255 characters, '*' as a wildcard)}",
    lambda rules: tuple(_rule_key(rule.model_dump(exclude_none=True)) for rule in rules),
)
PAIRS = Structured(
    list[_Pair],
    "a list of {config_id, environment_id} pairs (UUIDs), each naming one SDK key",
    lambda pairs: tuple(sorted({_pair_key(pair.model_dump()) for pair in pairs})),
    order=lambda pairs: sorted(pairs, key=_pair_key),  # a refresh's order (_selected)
)


class ProxyProfileArgs(TypedDict, total=False):
    """The inputs of a Proxy Profile."""

    organization_id: Required[
        Annotated[pulumi.Input[str], In(Uuid(), "The UUID of the organization it belongs to.", replaces=True)]
    ]
    name: Annotated[
        pulumi.Input[str], In(Text(0, 255), "The profile's name, up to 255 characters.", RESOURCE_NAME)
    ]
    description: Annotated[pulumi.Input[str] | None, DESCRIPTION]
    sdk_poll_interval: Annotated[
        pulumi.Input[int],
        In(
            Integer(30, 2147483647),
            "How often, in seconds, the SDKs behind the Proxy poll for config changes (at least 30).",
            60,
        ),
    ]
    webhook_proxy_url: Annotated[
        pulumi.Input[str] | None,
        In(
            Url(7, 1000),
            "The Proxy's http(s) URL that ConfigCat notifies of config changes; unset: no notifications.",
        ),
    ]
    sdk_key_selection_rules: Annotated[
        pulumi.Input[Sequence[Any]] | None,
        In(
            RULES,
            "Rules selecting SDK keys, in order: each ``{kind, product_id_filter, config_id_filter, "
            "environment_id_filter, product_name_match_filter, config_name_match_filter, "
            "environment_name_match_filter}``; ``kind`` is ``include`` (the default) or ``exclude``. "
            "Exclusive with ``selected_sdk_keys``.",
            [],
        ),
    ]
    selected_sdk_keys: Annotated[
        pulumi.Input[Sequence[Any]] | None,
        In(
            PAIRS,
            'The SDK keys selected explicitly, as a set of ``{"config_id", "environment_id"}`` pairs. '
            "Exclusive with ``sdk_key_selection_rules``.",
            [],
        ),
    ]
    secret_rotation: Annotated[
        pulumi.Input[str] | None,
        In(
            Text(0, 1000),
            "Any text, never sent to the API: changing it generates a new secret token (the old one stops "
            "working), e.g. a date or a counter.",
        ),
    ]


class ProxyProfileProvider(ConfigCatProvider):
    """Creates, reads, updates and deletes Proxy Profiles, their selected SDK keys and their secret."""

    entity = "ProxyProfile"
    noun = "a Proxy Profile"
    secret_props = ("secret_token", "webhook_signing_keys")
    args = ProxyProfileArgs
    id_format = "<proxy profile id>"
    output_only = ("secret_token", "webhook_signing_keys", "last_accessed_at")

    def _check_together(self, inputs: Mapping[str, Any]) -> list[pulumi.dynamic.CheckFailure]:
        failures = []
        if inputs.get("selected_sdk_keys") and inputs.get("sdk_key_selection_rules"):
            failures.append(
                pulumi.dynamic.CheckFailure(
                    "selected_sdk_keys",
                    "selected_sdk_keys cannot be set together with sdk_key_selection_rules: the API refuses "
                    "to select SDK keys (403) on a profile that has selection rules; declare either the "
                    "rules or the pairs",
                )
            )
        seen: dict[tuple[str, str], int] = {}
        for index, pair in enumerate(inputs.get("selected_sdk_keys") or []):
            first = seen.setdefault(_pair_key(pair), index)
            if first != index:
                failures.append(
                    pulumi.dynamic.CheckFailure(
                        f"selected_sdk_keys[{index}]",
                        f"selected_sdk_keys[{index}] repeats selected_sdk_keys[{first}] (config "
                        f"{pair['config_id']}, environment {pair['environment_id']}): list each pair once",
                    )
                )
        return failures

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        profile = api.create_proxy_profile(client, inputs["organization_id"], _body(inputs))
        id_ = profile.proxy_profile_id.lower()
        pairs = _pairs(inputs)
        try:
            selected = api.select_sdk_keys(client, id_, sorted(pairs)) if pairs else []
            token = api.generate_secret(client, id_)
        except Exception:
            # The engine keeps no id from a create that fails, so the half-made profile would be left behind.
            # A failed clean-up must not hide why the create failed.
            with contextlib.suppress(APIError):
                api.delete_proxy_profile(client, id_)
            raise
        outs = _outputs(profile, inputs["organization_id"], _selected(selected) if pairs else [])
        return id_, {**outs, "secret_token": token, "secret_rotation": inputs.get("secret_rotation")}

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        # The profile's answer does not say which organization holds it: look for it in each one.
        for organization in organizations_api.list_organizations(client):
            for profile in api.list_proxy_profiles(client, organization.organization_id):
                if profile.proxy_profile_id.lower() == id_.lower():
                    return _outputs(profile, organization.organization_id, _selection(client, profile))
        raise EntityGoneError(f"no organization these credentials see holds Proxy Profile {id_}")

    def _refreshed(self, client: ConfigCatClient, id_: str, state: Mapping[str, Any]) -> Outputs:
        if not state.get("organization_id"):  # a get() lookup has no state
            return self._read(client, id_)
        profile = api.get_proxy_profile(client, id_)
        # The API never shows the secret again, and the rotation input is the program's own.
        return {
            **_outputs(profile, state["organization_id"], _selection(client, profile)),
            "secret_token": state.get("secret_token"),
            "secret_rotation": state.get("secret_rotation"),
        }

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        old_pairs, new_pairs = _pairs(olds), _pairs(news)
        outs = {name: olds.get(name) for name in (*(prop.name for prop in self.props), *self.output_only)}
        outs["selected_sdk_keys"] = [{"config_id": c, "environment_id": e} for c, e in sorted(new_pairs)]
        # Deselect before a replace that adds rules, select after one that drops them: the API refuses both
        # while the profile has rules.
        if old_pairs - new_pairs:
            answer = api.deselect_sdk_keys(client, id_, sorted(old_pairs - new_pairs))
            outs["selected_sdk_keys"] = _selected(answer)
        changed = set(self.changed_properties(olds, news))
        if changed & set(PROFILE_FIELDS):
            profile = api.replace_proxy_profile(client, id_, _body(news))
            outs.update(_outputs(profile, news["organization_id"], list(outs["selected_sdk_keys"] or [])))
        if new_pairs - old_pairs:
            answer = api.select_sdk_keys(client, id_, sorted(new_pairs - old_pairs))
            outs["selected_sdk_keys"] = _selected(answer)
        if "secret_rotation" in changed:
            outs["secret_token"] = api.generate_secret(client, id_)
        outs["secret_rotation"] = news.get("secret_rotation")
        return outs

    def _delete(self, client: ConfigCatClient, id_: str) -> None:
        api.delete_proxy_profile(client, id_)


def _pairs(inputs: Mapping[str, Any]) -> set[tuple[str, str]]:
    return {_pair_key(pair) for pair in inputs.get("selected_sdk_keys") or []}


def _selected(items: Sequence[ProxyProfileSdkKeyItem]) -> list[dict[str, str]]:
    """The pairs of a selection answer, without its SDK keys (secrets the state has no use for)."""
    pairs = {(item.config_id.lower(), item.environment_id.lower()) for item in items}
    return [{"config_id": c, "environment_id": e} for c, e in sorted(pairs)]


def _selection(client: ConfigCatClient, profile: ProxyProfileModel) -> list[dict[str, str]]:
    # With rules, the keys the API lists are the rules' choice, not an explicit selection: not read.
    if profile.sdk_key_selection_rules:
        return []
    return _selected(api.get_selected_sdk_keys(client, profile.proxy_profile_id.lower()))


def _body(inputs: Mapping[str, Any]) -> CreateOrUpdateProxyProfileRequest:
    url = inputs.get("webhook_proxy_url")
    return CreateOrUpdateProxyProfileRequest(
        name=inputs["name"],
        description=inputs.get("description"),
        connection_preferences=CreateOrUpdateConnectionPreferences(
            sdk_poll_interval=inputs["sdk_poll_interval"],
            webhook_notification=CreateOrUpdateWebhookNotification(webhook_proxy_url=url) if url else None,
        ),
        sdk_key_selection_rules=[
            UpdateProxyProfileSelectionRule(**rule) for rule in inputs.get("sdk_key_selection_rules") or []
        ],
    )


def _outputs(profile: ProxyProfileModel, organization_id: str, selected: list[dict[str, str]]) -> Outputs:
    preferences = profile.connection_preferences
    notification = preferences.webhook_notification
    rules = []
    for rule in profile.sdk_key_selection_rules:
        # Ids in lower case, as check makes them; an empty name filter is an unset one.
        written = {name: getattr(rule, name) for name in RULE_FILTERS}
        rules.append(
            {
                "kind": rule.kind,
                **{k: v.lower() if k.endswith("_id_filter") else v for k, v in written.items() if v},
            }
        )
    return {
        "organization_id": organization_id.lower(),
        "name": profile.name,
        "description": profile.description or None,
        "sdk_poll_interval": preferences.sdk_poll_interval,
        "webhook_proxy_url": notification.webhook_proxy_url if notification else None,
        "sdk_key_selection_rules": rules,
        "selected_sdk_keys": selected,
        "webhook_signing_keys": [key for key in (notification.signing_key1, notification.signing_key2) if key]
        if notification
        else [],
        "last_accessed_at": profile.last_accessed_at,
    }


class ProxyProfile(ConfigCatResource, module="configcat", name="ProxyProfile"):
    """A ConfigCat Proxy Profile: the SDK keys a ConfigCat Proxy may serve, and the secret it signs in with.

    The id is the profile's UUID. Changing ``organization_id`` replaces it; everything else is updated in
    place: one ``PUT`` for the name, description, poll interval, webhook URL and rules, one ``select`` or
    ``deselect`` call per direction for the explicitly selected pairs, none when nothing changed.

    Outputs beyond the inputs: ``secret_token`` (a secret; generated on create and whenever
    ``secret_rotation`` changes; the API never shows it again, so a profile adopted with ``import_`` or read
    with ``get`` has none until ``secret_rotation`` is set or changed), ``webhook_signing_keys`` (a secret:
    the keys ConfigCat signs its notifications to ``webhook_proxy_url`` with) and ``last_accessed_at``.

    Example::

        profile = configcat.ProxyProfile(
            "edge",
            organization_id=org_id,
            selected_sdk_keys=[
                {"config_id": main.id, "environment_id": production.id},
                {"config_id": legacy.id, "environment_id": production.id},
            ],
            secret_rotation="2026-12",  # change it to generate a new secret
        )
        pulumi.export("proxy_secret", profile.secret_token)  # a secret output
    """

    _provider_class = ProxyProfileProvider

    organization_id: pulumi.Output[str]
    name: pulumi.Output[str]
    description: pulumi.Output[str | None]
    sdk_poll_interval: pulumi.Output[int]
    webhook_proxy_url: pulumi.Output[str | None]
    sdk_key_selection_rules: pulumi.Output[list[dict[str, Any]]]
    selected_sdk_keys: pulumi.Output[list[dict[str, str]]]
    secret_rotation: pulumi.Output[str | None]
    secret_token: pulumi.Output[str | None]
    webhook_signing_keys: pulumi.Output[list[str]]
    last_accessed_at: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        *,
        opts: pulumi.ResourceOptions | None = None,
        **args: Unpack[ProxyProfileArgs],
    ) -> None:
        props = self._declared(resource_name, args)
        super().__init__(resource_name, props, opts)

    @classmethod
    def get(
        cls,
        resource_name: str,
        id: pulumi.Input[str | int | float],  # shadows the builtin, as in every Pulumi SDK
        opts: pulumi.ResourceOptions | None = None,
    ) -> ProxyProfile:
        """Looks up an existing Proxy Profile by its UUID (its secret token is not readable: ``None``).

        Args:
            resource_name: The Pulumi name of the lookup.
            id: The profile's UUID.
            opts: Resource options.

        Returns:
            The resource, with every output read from the API.

        Example::

            edge = configcat.ProxyProfile.get("edge", "08d86d63-2726-47cd-8bfc-59608ecb91e2")
        """
        return super().get(resource_name, id, opts)
