"""Which ConfigCat account a resource's calls go to, in the provider process (explicit providers).

A resource given a :class:`~pulumi_configcat.Provider` carries that provider's account in two hidden inputs,
which every result copies into its outputs, so that ``refresh`` and ``destroy`` (which do not run the
program, and hand the provider only the resource's stored outputs) reach the same account:

* ``__configcat``: ``{"provider": <the Provider's name>, "basePath": ..., "basicAuthUsername": ...,
  "user": <the e-mail of the ConfigCat user the credentials belong to>}``, plain. ``check`` adds ``user``,
  asking ``GET /v1/me`` once per set of credentials and process, as the Terraform provider does when it is
  configured;
* ``__basicAuthPassword``: the password, a secret in the state (marked so on every result handed back).

A resource without them uses the stack's credentials (``configure()``, then the environment), as always.

The entity providers never see these keys: :func:`account_bound` wraps ``check``, ``diff``, ``create``,
``read``, ``update`` and ``delete``, takes the keys out before the entity's code runs, binds the account for
the duration of the call (``ConfigCatProvider.client()`` answers with its client), and puts the keys back
into what the call returns. It also holds the three rules of explicit accounts:

* **Moving to another account is refused in ``check``.** When a resource's credentials change user name or
  base path (another ``Provider``, a ``Provider`` added or removed, or its arguments edited), the old and the
  new credentials must reach the same base path and belong to the same ConfigCat user; otherwise the entity
  would be updated, read or deleted in an account that does not hold it.
* **A password change is not a change.** ``diff`` reports no change when only the credentials differ (the
  password, or the user name of another credential of the same user), so a rotation shows no update. The
  engine then keeps the resource's old outputs (its "same" step), and with them the old password, which
  ``refresh`` and ``destroy`` use. Only when that stored password is refused (asked once per process with
  ``GET /v1/me``) does ``diff`` report a change, whose update sends nothing to the API and only records the
  program's credentials. Another account identity (the ``Provider``'s name, base path or user: ``check``
  allows it only for the same user at the same base path) is recorded the same way.
* **The newest credentials win within a run.** Credentials the program gave in this process (``check``,
  ``create``, ``update``) are used for reads and deletes of resources of the same provider, base path and
  user, so a ``pulumi up`` after a rotation deletes with the new password too.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Protocol, TypeVar

import pulumi.dynamic
from pulumi.runtime import rpc

from pulumi_configcat._client import ConfigCatClient, get_client
from pulumi_configcat._constants import CONFIG_BASE_PATH, CONFIG_PASSWORD, CONFIG_USERNAME
from pulumi_configcat._exceptions import APIError, AuthenticationError, ConfigCatError, ConfigurationError
from pulumi_configcat._settings import ClientSettings, resolve_settings
from pulumi_configcat.api.organizations import get_me
from pulumi_configcat.resources._props import contains_unknown


class ConfigCatProvider(Protocol):
    """What the rules here need of ``_base.ConfigCatProvider`` (which imports this module)."""

    entity: str

    def client(self) -> ConfigCatClient: ...

    def changed_properties(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]: ...


__all__ = ["ACCOUNT_KEY", "PASSWORD_KEY", "account_bound", "bound_client"]

ACCOUNT_KEY = "__configcat"
PASSWORD_KEY = "__basicAuthPassword"  # noqa: S105 - a property name, not a secret
_HIDDEN = (ACCOUNT_KEY, PASSWORD_KEY)

_F = TypeVar("_F", bound=Callable[..., Any])

# The account the current call is for (None: the stack's credentials).
_bound: ContextVar[ClientSettings | None] = ContextVar("pulumi_configcat_account", default=None)
_lock = threading.Lock()
# The e-mail of the user each set of credentials belongs to, asked once per process.
_users: dict[ClientSettings, str] = {}
# Stored credentials the API refused (401) in this process.
_refusals: set[ClientSettings] = set()
# The credentials the program gave in this process, by (provider name, base URL, user).
_latest: dict[tuple[str, str, str], ClientSettings] = {}


def bound_client() -> ConfigCatClient | None:
    """The client for the account the current call is bound to; None for the stack's credentials."""
    settings = _bound.get()
    return None if settings is None else get_client(settings)


def account_bound(method: _F) -> _F:
    """Wraps one of the provider protocol's methods (by its name) with the account rules above."""
    handler = _HANDLERS[method.__name__]

    @functools.wraps(method)
    def wrapper(self: ConfigCatProvider, *args: Any) -> Any:
        return handler(self, method, *args)

    wrapper.__wrapped_for_account__ = True  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


# ------------------------------------------------------------------------------------------------ the rules


def _check(
    self: ConfigCatProvider, method: Callable[..., Any], olds: dict[str, Any], news: dict[str, Any]
) -> pulumi.dynamic.CheckResult:
    # The entity's own checks send nothing and need no account.
    result: pulumi.dynamic.CheckResult = method(self, _plain(olds), _plain(news))
    if ACCOUNT_KEY not in news and ACCOUNT_KEY not in olds:
        return result
    failures = list(result.failures or [])
    inputs = dict(result.inputs or {})
    if ACCOUNT_KEY in news:
        account = news[ACCOUNT_KEY]
        if not _unknown(news):
            try:
                settings = _settings(news)
                account = {**account, "user": _user(settings)}
            except ConfigCatError as exc:
                failures.append(pulumi.dynamic.CheckFailure(ACCOUNT_KEY, f"{_described(news)}: {exc}"))
            else:
                _remember(account, settings)
        news = {**news, ACCOUNT_KEY: account}
        inputs.update({ACCOUNT_KEY: account, PASSWORD_KEY: news.get(PASSWORD_KEY)})
    if olds and not failures:
        failures.extend(_moved(self, olds, news))
    return pulumi.dynamic.CheckResult(_sealed(inputs), failures)


def _diff(
    self: ConfigCatProvider, method: Callable[..., Any], id_: str, olds: dict[str, Any], news: dict[str, Any]
) -> pulumi.dynamic.DiffResult:
    with _binding(news, fresher=False):
        result: pulumi.dynamic.DiffResult = method(self, id_, _plain(olds), _plain(news))
    if result.changes or _unknown(news):
        return result
    if not _same_identity(olds, news):
        # Another provider name, base path or user (check allowed it): record it, sending nothing.
        recorded = True
    elif ACCOUNT_KEY not in news or _credentials(olds) == _credentials(news):
        recorded = False
    else:
        # Only the credentials differ (a rotation): the stored ones serve refresh and destroy while the API
        # takes them.
        recorded = PASSWORD_KEY not in olds or _refused(_settings(olds))
    if not recorded:
        return result
    return pulumi.dynamic.DiffResult(
        changes=True,
        replaces=result.replaces,
        stables=result.stables,
        delete_before_replace=result.delete_before_replace,
    )


def _create(
    self: ConfigCatProvider, method: Callable[..., Any], props: dict[str, Any]
) -> pulumi.dynamic.CreateResult:
    with _binding(props, fresher=False):
        result: pulumi.dynamic.CreateResult = method(self, _plain(props))
    return pulumi.dynamic.CreateResult(result.id, _with_account(result.outs, props))


def _update(
    self: ConfigCatProvider, method: Callable[..., Any], id_: str, olds: dict[str, Any], news: dict[str, Any]
) -> pulumi.dynamic.UpdateResult:
    if (ACCOUNT_KEY in news or ACCOUNT_KEY in olds) and not self.changed_properties(olds, news):
        # Only the account changed (see _diff): record the program's, and send nothing.
        return pulumi.dynamic.UpdateResult(_with_account(_plain(olds), news))
    with _binding(news, fresher=False):
        result: pulumi.dynamic.UpdateResult = method(self, id_, _plain(olds), _plain(news))
    return pulumi.dynamic.UpdateResult(_with_account(result.outs, news))


def _read(
    self: ConfigCatProvider, method: Callable[..., Any], id_: str, props: dict[str, Any]
) -> pulumi.dynamic.ReadResult:
    with _binding(props, fresher=True):
        result: pulumi.dynamic.ReadResult = method(self, id_, _plain(props))
    if not result.id:
        return result
    inputs = None if result.inputs is None else _with_account(result.inputs, props)
    return pulumi.dynamic.ReadResult(result.id, _with_account(result.outs, props), inputs)


def _delete(self: ConfigCatProvider, method: Callable[..., Any], id_: str, props: dict[str, Any]) -> None:
    with _binding(props, fresher=True):
        method(self, id_, _plain(props))


_HANDLERS: dict[str, Callable[..., Any]] = {
    "check": _check,
    "diff": _diff,
    "create": _create,
    "update": _update,
    "read": _read,
    "delete": _delete,
}


# ---------------------------------------------------------------------------------------------- plumbing


@contextmanager
def _binding(props: Mapping[str, Any], *, fresher: bool) -> Iterator[ClientSettings | None]:
    """Binds the account ``props`` carry for the call (leaving an outer binding alone when they carry none).

    With ``fresher``, credentials the program gave in this process for the same account win over the stored.
    """
    if ACCOUNT_KEY not in props or _unknown(props):
        yield None
        return
    settings = _settings(props)
    if fresher:
        account = props[ACCOUNT_KEY]
        with _lock:
            settings = _latest.get(_key(account, settings), settings)
    token = _bound.set(settings)
    try:
        yield settings
    finally:
        _bound.reset(token)


def _settings(props: Mapping[str, Any]) -> ClientSettings:
    account = props[ACCOUNT_KEY]
    if not isinstance(account, Mapping):
        raise ConfigurationError(f"{ACCOUNT_KEY} must be the account of a pulumi_configcat.Provider")
    return resolve_settings(
        {
            CONFIG_USERNAME: account.get("basicAuthUsername"),
            CONFIG_PASSWORD: props.get(PASSWORD_KEY),
            CONFIG_BASE_PATH: account.get("basePath"),
        },
        environ={},
    )


def _identity(props: Mapping[str, Any]) -> tuple[str, str, str] | None:
    """Which account ``props`` name: (provider name, base path, user); None for the stack's."""
    account = props.get(ACCOUNT_KEY)
    if not isinstance(account, Mapping):
        return None
    return (
        str(account.get("provider")),
        str(account.get("basePath")),
        str(account.get("user", "")).casefold(),
    )


def _same_identity(olds: Mapping[str, Any], news: Mapping[str, Any]) -> bool:
    """Whether ``olds`` and ``news`` name the same account.

    A recorded account without its user (as ``migrate-state`` writes it, sending nothing to ConfigCat) is the
    same when the provider name and base path are: ``check`` has allowed the credentials already.
    """
    old, new = _identity(olds), _identity(news)
    if old is None or new is None or old[2]:
        return old == new
    return old[:2] == new[:2]


def _credentials(props: Mapping[str, Any]) -> tuple[Any, Any]:
    """The credentials ``props`` carry for their account: (user name, password)."""
    return (props[ACCOUNT_KEY].get("basicAuthUsername"), props.get(PASSWORD_KEY))


def _key(account: Mapping[str, Any], settings: ClientSettings) -> tuple[str, str, str]:
    return (str(account.get("provider")), settings.base_url, str(account.get("user", "")).casefold())


def _remember(account: Mapping[str, Any], settings: ClientSettings) -> None:
    with _lock:
        _latest[_key(account, settings)] = settings


def _user(settings: ClientSettings) -> str:
    """The e-mail of the ConfigCat user ``settings`` belong to (``GET /v1/me``, once per process)."""
    with _lock:
        known = _users.get(settings)
    if known is None:
        known = get_me(get_client(settings)).email
        with _lock:
            _users[settings] = known
    return known


def _refused(settings: ClientSettings) -> bool:
    """Whether the API refuses ``settings`` (a rotated-away password), asked once per process; other
    failures say nothing."""
    with _lock:
        if settings in _refusals:
            return True
    try:
        _user(settings)
    except AuthenticationError:
        with _lock:
            _refusals.add(settings)
        return True
    except APIError:
        return False
    return False


def _moved(self: ConfigCatProvider, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[Any]:
    """A failure when the credentials now lead to another account than the one the entity was made in."""
    if _unknown(news):
        return []
    try:
        old, new = _client_of(self, olds), _client_of(self, news)
        if (old.base_url, old.username) == (new.base_url, new.username):
            return []  # the same base path and user name: a password change at most
        if old.base_url != new.base_url:
            reason = "another base path"
        elif _user_of(old, olds) != _user_of(new, news):
            reason = "another ConfigCat user"
        else:
            return []  # another credential of the same user
    except ConfigCatError as exc:
        reason = f"cannot tell: {exc}"
    return [
        pulumi.dynamic.CheckFailure(
            ACCOUNT_KEY,
            f"this {self.entity} was made with {_described(olds)} and is now given {_described(news)}, "
            f"which do not reach the same ConfigCat account ({reason}). A resource is not moved from one "
            "account to another: to move it, take it out of the "
            "program and run `pulumi up` (which deletes it where it is), then declare it again; to manage "
            "the same entity with other credentials, give credentials of the same ConfigCat user at the "
            "same base path",
        )
    ]


def _client_of(self: ConfigCatProvider, props: Mapping[str, Any]) -> ConfigCatClient:
    """The client for ``props``' account; the stack's for a resource without one."""
    return get_client(_settings(props)) if ACCOUNT_KEY in props else self.client()


def _user_of(client: ConfigCatClient, props: Mapping[str, Any]) -> str:
    """The user ``props``' account belongs to: as recorded, else asked."""
    account = props.get(ACCOUNT_KEY)
    recorded = account.get("user") if isinstance(account, Mapping) else None
    return str(recorded or get_me(client).email).casefold()


def _unknown(props: Mapping[str, Any]) -> bool:
    return contains_unknown(props.get(ACCOUNT_KEY)) or contains_unknown(props.get(PASSWORD_KEY))


def _described(props: Mapping[str, Any]) -> str:
    account = props.get(ACCOUNT_KEY)
    if not isinstance(account, Mapping):
        return "the stack's credentials (configcat:* configuration or CONFIGCAT_* environment variables)"
    user = f", user {account['user']}" if account.get("user") else ""
    return (
        f"Provider {account.get('provider')!r} (user name {account.get('basicAuthUsername')!r}{user}, "
        f"at {account.get('basePath')})"
    )


def _plain(props: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in props.items() if key not in _HIDDEN}


def _with_account(outs: Mapping[str, Any] | None, props: Mapping[str, Any]) -> dict[str, Any]:
    hidden = {key: props[key] for key in _HIDDEN if key in props}
    return _sealed({**(outs or {}), **hidden})


def _sealed(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` with the password wrapped as a secret, which the engine keeps encrypted in any case."""
    password = values.get(PASSWORD_KEY)
    if password is None or rpc.is_rpc_secret(password) or contains_unknown(password):
        return dict(values)
    return {**values, PASSWORD_KEY: rpc.wrap_rpc_secret(password)}
