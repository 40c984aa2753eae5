"""Webhooks: a URL ConfigCat calls when a config changes in an environment, with plain and secure headers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any

import pulumi
from pydantic import Field, StrictStr
from typing_extensions import Required, TypedDict, Unpack

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.api import webhooks as api
from pulumi_configcat.resources._base import ConfigCatProvider, Outputs
from pulumi_configcat.resources._declare import In
from pulumi_configcat.resources._props import Choice, Text, Url, Uuid
from pulumi_configcat.resources._resource import ConfigCatResource, plain_data
from pulumi_configcat.resources._structured import Shape, Structured
from pulumi_configcat.types import WebhookHeaderModel, WebHookRequestModel, WebhookResponseModel


class _Header(Shape):
    key: Annotated[StrictStr, Field(min_length=1, max_length=255)]
    value: Annotated[StrictStr, Field(min_length=1, max_length=1000)]


def _headers_kind(what: str) -> Structured:
    return Structured(
        list[_Header],
        f"a list of {what} headers, each {{key, value}} (key 1 to 255 characters, value 1 to 1000)",
        lambda headers: tuple((h.key, h.value) for h in headers),
    )


class WebhookArgs(TypedDict, total=False):
    """The inputs of a webhook."""

    config_id: Required[
        Annotated[pulumi.Input[str], In(Uuid(), "The config whose changes call the webhook.", replaces=True)]
    ]
    environment_id: Required[
        Annotated[
            pulumi.Input[str], In(Uuid(), "The environment whose changes call the webhook.", replaces=True)
        ]
    ]
    url: Required[
        Annotated[
            pulumi.Input[str],
            In(
                Url(7, 1000),
                "The http(s) URL called, 7 to 1000 characters (anything else is refused in ``check``, as the "
                "API would refuse it).",
            ),
        ]
    ]
    http_method: Annotated[pulumi.Input[str], In(Choice(("get", "post")), "``get`` or ``post``.", "get")]
    content: Annotated[
        pulumi.Input[str] | None,
        In(Text(0, 15000, empty_is_none=True), "The body sent with ``post``, up to 15000 characters."),
    ]
    webhook_headers: Annotated[
        pulumi.Input[Sequence[Any]] | None,
        In(
            _headers_kind("plain"),
            'Plain headers, each ``{"key", "value"}`` (or :class:`WebhookWebhookHeaderArgs`); visible in '
            "audit logs.",
            [],
        ),
    ]
    secure_webhook_headers: Annotated[
        pulumi.Input[Sequence[Any]] | None,
        In(
            _headers_kind("secure"),
            "Secure headers, whose values are write-only at the API and secret in the state.",
            [],
        ),
    ]


class WebhookProvider(ConfigCatProvider):
    """Creates, reads, replaces and deletes webhooks."""

    entity = "Webhook"
    secret_props = ("secure_webhook_headers",)
    args = WebhookArgs
    id_format = "<webhook id>"

    def _check_together(self, inputs: Mapping[str, Any]) -> list[pulumi.dynamic.CheckFailure]:
        # Header names are case-insensitive, and the API keeps one value per name: a second header of the
        # same name (plain or secure) would be sent, then read back as one, and rewritten on every run.
        failures = []
        seen: dict[str, str] = {}
        for prop in ("webhook_headers", "secure_webhook_headers"):
            for index, header in enumerate(inputs.get(prop) or []):
                where = f"{prop}[{index}].key"
                first = seen.setdefault(header["key"].casefold(), where)
                if first != where:
                    failures.append(
                        pulumi.dynamic.CheckFailure(
                            where,
                            f"{where} {header['key']!r} repeats the header name of {first}: a webhook sends "
                            "each header name once (names are compared without case)",
                        )
                    )
        return failures

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        hook = api.create_webhook(client, inputs["config_id"], inputs["environment_id"], _body(inputs))
        return str(hook.webhook_id), _outputs(hook, inputs)

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        return _outputs(api.get_webhook(client, id_), {})

    def _refreshed(self, client: ConfigCatClient, id_: str, state: Mapping[str, Any]) -> Outputs:
        # The API never returns secure header values: keep the ones the state has, by key.
        return _outputs(api.get_webhook(client, id_), state)

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        return _outputs(api.replace_webhook(client, id_, _body(news)), news)

    def _delete(self, client: ConfigCatClient, id_: str) -> None:
        api.delete_webhook(client, id_)


def _body(inputs: Mapping[str, Any]) -> WebHookRequestModel:
    headers = [
        WebhookHeaderModel(key=h["key"], value=h["value"], is_secure=False)
        for h in inputs.get("webhook_headers") or []
    ]
    headers += [
        WebhookHeaderModel(key=h["key"], value=h["value"], is_secure=True)
        for h in inputs.get("secure_webhook_headers") or []
    ]
    return WebHookRequestModel(
        url=inputs["url"],
        http_method=inputs["http_method"],
        content=inputs.get("content"),
        webhook_headers=headers,
    )


def _with_known_values(
    headers: Sequence[Mapping[str, Any]], known: Mapping[str, Any]
) -> list[dict[str, Any]]:
    values = {
        h["key"]: h.get("value") for h in known.get("secure_webhook_headers") or [] if isinstance(h, Mapping)
    }
    return [{"key": h["key"], "value": values.get(h["key"])} for h in headers]


def _outputs(hook: WebhookResponseModel, inputs: Mapping[str, Any]) -> Outputs:
    plain = [{"key": h.key, "value": h.value} for h in hook.webhook_headers if not h.is_secure]
    secure = [{"key": h.key, "value": None} for h in hook.webhook_headers if h.is_secure]
    return {
        "config_id": hook.config.config_id.lower() if hook.config else None,
        "environment_id": hook.environment.environment_id.lower() if hook.environment else None,
        "url": hook.url,
        "http_method": hook.http_method,
        "content": hook.content or None,
        "webhook_headers": plain,
        "secure_webhook_headers": _with_known_values(secure, inputs),
    }


class Webhook(ConfigCatResource, module="configcat", name="Webhook"):
    """A ConfigCat webhook: a URL called when a config's flags change in an environment.

    The id is the webhook's integer id, as a string. Changing ``config_id`` or ``environment_id`` replaces
    it; everything else is replaced in place with one PUT. Headers are ordered lists of ``{key, value}``.
    Secure header values are secrets from end to end: the resource marks them secret in the state, and the
    API never returns them, so refresh keeps the declared ones (a change made to them in the dashboard
    cannot be seen). A webhook with secure headers can be adopted with ``import_`` when its secure header
    values are declared: the first ``up`` writes them.

    Example::

        configcat.Webhook(
            "deploy-hook",
            config_id=config.id,
            environment_id=production.id,
            url="https://ci.acme.com/hooks/configcat",
            http_method="post",
            content='{"flag_changed": true}',
            webhook_headers=[{"key": "X-Source", "value": "configcat"}],
            secure_webhook_headers=[{"key": "Authorization", "value": ci_token}],
        )
    """

    _provider_class = WebhookProvider

    config_id: pulumi.Output[str]
    environment_id: pulumi.Output[str]
    url: pulumi.Output[str]
    http_method: pulumi.Output[str]
    content: pulumi.Output[str | None]
    webhook_headers: pulumi.Output[list[dict[str, str]]]
    secure_webhook_headers: pulumi.Output[list[dict[str, str]]]

    def __init__(
        self, resource_name: str, *, opts: pulumi.ResourceOptions | None = None, **args: Unpack[WebhookArgs]
    ) -> None:
        props = self._declared(resource_name, args)
        secure = plain_data(args.get("secure_webhook_headers"))
        # Secret only when set: an unset (empty) list holds nothing to hide, and refresh records it plain.
        if secure is not None:
            props["secure_webhook_headers"] = pulumi.Output.secret(secure)
        super().__init__(resource_name, props, opts)
