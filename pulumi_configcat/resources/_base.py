"""The shape every ConfigCat resource shares: one dynamic provider and one resource class per entity.

A provider subclass states only what is particular to its entity: its inputs, declared once as a
``TypedDict`` (``args``; see :mod:`._declare`, from which the :class:`Prop` list, the constructor and its docs
and the request bodies follow), and four calls (``_create``, ``_read``, ``_update``, ``_delete``) that turn
inputs into requests and answers into outputs. This module does the rest, the same way for every entity:

* ``check`` validates every input before anything is sent and names each failing property with what is
  allowed; values unknown at preview pass.
* ``diff`` compares inputs through their kinds (so ``3.0 == 3`` and ``None == ""`` where that is meant),
  lists the changed properties, and marks parent ids and immutable fields as replacements.
* ``read`` answers "gone" for a 404 and returns inputs as well as outputs, so a refresh shows drift made in
  the dashboard and the next update corrects it; ``delete`` treats a 404 as done. Either only once the
  client has seen, once per process, that the base path leads to the API (``GET /v1/me``).
* ``import_`` is handled here: the resource class moves the id into an input, and ``create`` adopts the
  existing entity and brings it to the declared inputs (Pulumi's own import path cannot reach a Python
  dynamic provider, pulumi/pulumi#16175).
* Adoption after an ambiguous create. A POST that fails with a 5xx or a lost connection is not retried
  (it could make a duplicate), yet it may have been carried out. For entities with a natural key (a
  product's name in its organization, an environment's or segment's name in its product, a flag's key in its
  config) the next run's create is then refused with a 400. When a create is refused with a 400, the
  provider lists the parent's entities (``_find_existing``); if exactly one holds the declared natural key
  (compared case-insensitively, as the API does), it may be what the lost request made. It is adopted only
  when that is provable as far as the API tells: every input reads back exactly as the program declares it,
  and, where the API says who made the entity (a segment's ``creatorEmail``), it was made by the user these
  credentials belong to. Anything else, such as a flag made by hand in the dashboard under the same key, is
  not taken over (a later destroy would delete it): the create fails with the API's message and the
  ``import_`` that would take it over on purpose. The decision rests on the list and the entity, not on the
  message's wording. Any other 400 reaches the user unchanged.

The provider object is pickled into every resource's state, so it holds nothing: credentials arrive through
``configure()`` (or the environment) in the provider process, and the HTTP client lives in a process-wide
cache, never on the instance.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

import pulumi
import pulumi.dynamic
from pulumi.runtime import rpc

from pulumi_configcat._client import ConfigCatClient, get_client
from pulumi_configcat._exceptions import BadRequestError, NotFoundError
from pulumi_configcat._settings import CONFIG_KEYS, resolve_settings
from pulumi_configcat.api.organizations import get_me
from pulumi_configcat.resources._account import account_bound, bound_client
from pulumi_configcat.resources._declare import (
    declared_props,
)
from pulumi_configcat.resources._props import (
    InvalidValueError,
    Prop,
    contains_unknown,
    is_unknown,
    normalize_id,
    shown,
)

__all__ = [
    "IMPORT_KEY",
    "ConfigCatProvider",
    "EntityGoneError",
    "Outputs",
    "inputs_only",
    "match_natural_key",
]

logger = logging.getLogger("pulumi_configcat")

PROVIDER_KEY = "__provider"
# Where the resource class puts the id given as ``ResourceOptions(import_=...)``.
IMPORT_KEY = "__import_id"

Outputs = dict[str, Any]

# The dynamic provider protocol's methods that see a resource's properties (and so its account).
_PROTOCOL = ("check", "diff", "create", "read", "update", "delete")


class EntityGoneError(LookupError):
    """Raised by ``_read`` when the entity no longer exists though no 404 said so (a tag detached)."""


class ConfigCatProvider(pulumi.dynamic.ResourceProvider):
    """The dynamic provider behaviour every entity shares. Subclasses set the class attributes below.

    Attributes:
        entity: The entity's name in messages, e.g. ``"Product"``.
        args: The entity's one declaration of its inputs (a ``TypedDict`` of ``In`` markers).
        props: The inputs, in the order they are checked; derived from ``args``.
        unique_together: Inputs whose values, compared case-insensitively, must be unique across entities
            of this kind (e.g. a product's name within its organization). A replacement that keeps them equal
            deletes the old entity first, since the new one could not be created beside it.
    """

    entity: ClassVar[str]
    props: ClassVar[tuple[Prop, ...]]
    # The entity's one declaration of its inputs (see _declare); ``props`` are derived from it.
    args: ClassVar[type | None] = None
    # How ``import_`` names an existing entity, for the constructor's docs, e.g. ``"<product id>"``.
    id_format: ClassVar[str] = "<id>"
    # The entity in a sentence ("a product"), where "a" and its name in lower case will not do.
    noun: ClassVar[str] = ""
    unique_together: ClassVar[tuple[str, ...]] = ()
    # Outputs that are not inputs (e.g. a value's setting_type); the resource class declares them as
    # ``None`` props so that they become attributes, and check drops them.
    output_only: ClassVar[tuple[str, ...]] = ()
    # Inputs (and outputs) that hold secrets. Every result the provider hands the engine marks them secret
    # itself: the engine would otherwise keep them secret only where the same key was secret before, which
    # a lookup (get) followed by a refresh, or an import, does not have.
    secret_props: ClassVar[tuple[str, ...]] = ()

    # The blob holds no secret (see __getstate__), so it need not be encrypted in every resource's state.
    serialize_as_secret_always = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("args") is not None:
            cls.props = declared_props(cls.__dict__["args"])
        # An entity that overrides a protocol method (and may ask for self.client() before calling the base's)
        # gets the account rules of an explicit Provider around its own method, as the base's have them.
        for name in _PROTOCOL:
            method = cls.__dict__.get(name)
            if method is not None and not getattr(method, "__wrapped_for_account__", False):
                setattr(cls, name, account_bound(method))

    def __getstate__(self) -> dict[str, Any]:
        # Nothing of the instance goes into the state: no credentials, no session, nothing that changes from
        # one run to the next. The class is pickled by reference.
        return {}

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        del state

    def configure(self, req: pulumi.dynamic.ConfigureRequest) -> None:
        """Keeps the stack's ``configcat:*`` settings; runs in the provider process only."""
        self._config = {key: req.config.get(key) for key in CONFIG_KEYS}

    def client(self) -> ConfigCatClient:
        """The process-wide client for the account of the call: the resource's explicit Provider's, else the
        stack's settings (stack config, then environment)."""
        return bound_client() or get_client(resolve_settings(getattr(self, "_config", None)))

    # ----------------------------------------------------------------------------------------------------
    # What each entity provides.

    def _create(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> tuple[str, Outputs]:
        """Creates the entity; returns its id and its outputs."""
        raise NotImplementedError

    def _read(self, client: ConfigCatClient, id_: str) -> Outputs:
        """Reads the entity; returns its outputs (inputs included). Raises NotFoundError when it is gone."""
        raise NotImplementedError

    def _update(
        self, client: ConfigCatClient, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> Outputs:
        """Brings the entity from ``olds`` (its outputs) to ``news`` (checked inputs); returns outputs."""
        raise NotImplementedError

    def _delete(self, client: ConfigCatClient, id_: str) -> None:
        """Deletes the entity; a NotFoundError counts as done."""
        raise NotImplementedError

    def _refreshed(self, client: ConfigCatClient, id_: str, state: Mapping[str, Any]) -> Outputs:
        """Reads the entity for a refresh, where the state holds what the API does not return."""
        del state
        return self._read(client, id_)

    def _find_existing(self, client: ConfigCatClient, inputs: Mapping[str, Any]) -> str | None:
        """The id of the entity under the same parent that holds ``inputs``' natural key, if there is one.

        Asked only after a create was refused with a 400; entities without a natural key find nothing.
        """
        del client, inputs
        return None

    def _creator_of(self, client: ConfigCatClient, id_: str) -> str | None:
        """The e-mail address of whoever made the entity, where the API says (None where it does not)."""
        del client, id_
        return None

    def _check_together(self, inputs: Mapping[str, Any]) -> list[pulumi.dynamic.CheckFailure]:
        """Checks rules that span several inputs; each input here is known and valid."""
        del inputs
        return []

    # ----------------------------------------------------------------------------------------------------
    # The dynamic provider protocol.

    @account_bound
    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> pulumi.dynamic.CheckResult:
        """Validates and normalizes every input; nothing is sent to the API."""
        inputs: dict[str, Any] = {}
        failures: list[pulumi.dynamic.CheckFailure] = []
        known = {PROVIDER_KEY, IMPORT_KEY, *self.output_only}
        for key in sorted(set(news) - known - {prop.name for prop in self.props}):
            failures.append(pulumi.dynamic.CheckFailure(key, f"{self.entity} has no input named {key!r}"))
        for prop in self.props:
            value = news.get(prop.name)
            if is_unknown(value):
                inputs[prop.name] = value
                continue
            if value is None:
                if prop.required:
                    failures.append(
                        pulumi.dynamic.CheckFailure(
                            prop.name, f"{prop.name} is required: {prop.kind.describe()}"
                        )
                    )
                elif prop.default is not None:
                    inputs[prop.name] = prop.default
                continue
            try:
                inputs[prop.name] = prop.kind.parse(value)
            except InvalidValueError as exc:
                failures.extend(
                    pulumi.dynamic.CheckFailure(prop.name + path, f"{prop.name}{path} {reason}")
                    for path, reason in exc.details or [("", str(exc))]
                )
        if IMPORT_KEY in news:
            inputs[IMPORT_KEY] = news[IMPORT_KEY]
        if not failures and not contains_unknown(inputs):
            failures.extend(self._check_together(inputs))
        if not failures:
            inputs = self._canonical(inputs)
        return pulumi.dynamic.CheckResult(inputs, failures)

    def _canonical(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """``values`` with each input in the one form the state keeps (a set in one order)."""
        kinds = {prop.name: prop.kind for prop in self.props}
        return {
            key: kinds[key].canonical(value) if key in kinds and value is not None else value
            for key, value in values.items()
        }

    def changed_properties(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
        """The inputs whose values differ between ``olds`` (state) and ``news`` (checked inputs)."""
        changed = []
        for prop in self.props:
            new = news.get(prop.name)
            if is_unknown(new) or prop.comparable(olds.get(prop.name)) != prop.comparable(new):
                changed.append(prop.name)
        return changed

    @account_bound
    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> pulumi.dynamic.DiffResult:
        """Says which inputs changed and which of those force a replacement."""
        changed = self.changed_properties(olds, news)
        replaces = [prop.name for prop in self.props if prop.replaces and prop.name in changed]
        return pulumi.dynamic.DiffResult(
            changes=bool(changed),
            replaces=replaces,
            stables=[prop.name for prop in self.props if prop.replaces and prop.name not in changed],
            delete_before_replace=bool(replaces) and self._keeps_unique_identity(olds, news),
        )

    def _keeps_unique_identity(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> bool:
        if not self.unique_together:
            return False

        def identity(values: Mapping[str, Any]) -> tuple[Any, ...]:
            return tuple(
                value.casefold() if isinstance(value, str) else value
                for value in (values.get(name) for name in self.unique_together)
            )

        return any(is_unknown(news.get(name)) for name in self.unique_together) or identity(olds) == identity(
            news
        )

    @account_bound
    def create(self, props: dict[str, Any]) -> pulumi.dynamic.CreateResult:
        """Creates the entity, or adopts the one named by ``import_`` and brings it to the inputs.

        A create refused with a 400 because an entity with the same natural key exists adopts it only if an
        earlier create of the same inputs, whose answer was lost, provably made it; see the module docstring.
        """
        client = self.client()
        inputs = inputs_only(props)
        import_id = props.get(IMPORT_KEY)
        if import_id is not None:
            return self._adopt(client, normalize_id(str(import_id)), inputs)
        try:
            id_, outs = self._create(client, inputs)
        except BadRequestError as refused:
            existing = self._find_existing(client, inputs)
            if existing is None:
                raise
            return self._adopt_lost(client, normalize_id(existing), inputs, refused)
        return pulumi.dynamic.CreateResult(id_, self._sealed(outs))

    def _adopt_lost(
        self, client: ConfigCatClient, id_: str, inputs: Mapping[str, Any], refused: BadRequestError
    ) -> pulumi.dynamic.CreateResult:
        """Adopts the entity ``id_`` holding the natural key a refused create declared, if a lost create of
        this program provably made it (see the module docstring); otherwise raises the refusal, explained."""
        try:
            current = self._read(client, id_)
        except (NotFoundError, EntityGoneError):
            raise refused from None
        reasons = [
            f"{name} is {shown(current.get(name))}, not {shown(inputs.get(name))}"
            for name in self.changed_properties(current, inputs)
        ]
        creator = self._creator_of(client, id_)
        if creator is not None:
            user = get_me(client).email
            if creator.casefold() != user.casefold():
                reasons.append(f"it was made by {creator}, not by {user} (these credentials)")
        key = " and ".join(self.unique_together)
        if reasons:
            raise ValueError(
                f"{refused}; a {self.entity} with the same {key} already exists (id {id_}) and it is not "
                f"what an earlier run of this program made: " + "; ".join(reasons) + ". To manage that "
                f"{self.entity} with this resource, adopt it with pulumi.ResourceOptions(import_={id_!r}); "
                f"otherwise choose another {key}"
            ) from None
        logger.warning(
            "%s: the API refused the create (%s), but a %s with the same %s and every declared input exists "
            "(id %s), made by an earlier create whose answer was lost; adopting it",
            self.entity,
            refused,
            self.entity,
            key,
            id_,
        )
        return pulumi.dynamic.CreateResult(id_, self._sealed(current))

    def _adopt(
        self, client: ConfigCatClient, id_: str, inputs: Mapping[str, Any]
    ) -> pulumi.dynamic.CreateResult:
        """Takes over the entity ``id_`` (``import_``) and brings it to ``inputs`` (one update, or none)."""
        try:
            current = self._read(client, id_)
        except (NotFoundError, EntityGoneError) as exc:
            if isinstance(exc, NotFoundError):
                client.check_api()
            raise LookupError(
                f"cannot import {self.entity} {id_!r}: no such {self.entity} exists "
                "(or these credentials cannot see it)"
            ) from None
        changed = self.changed_properties(current, inputs)
        mismatched = [
            f"{prop.name} is {current.get(prop.name)!r}, not {inputs.get(prop.name)!r}"
            for prop in self.props
            if prop.replaces and prop.name in changed
        ]
        if mismatched:
            raise ValueError(
                f"cannot import {self.entity} {id_!r}: it cannot be changed to match the program, since "
                + "; ".join(mismatched)
                + " (these inputs can only be set when the entity is created)"
            )
        if changed:
            current = self._update(client, id_, current, inputs)
        return pulumi.dynamic.CreateResult(id_, self._sealed(current))

    @account_bound
    def read(self, id_: str, props: dict[str, Any]) -> pulumi.dynamic.ReadResult:
        """Refreshes from the API; an entity that is gone reads as an empty id."""
        client = self.client()
        try:
            outs = self._refreshed(client, id_, props)
        except (NotFoundError, EntityGoneError) as exc:
            # Gone, but only if the API is really there: behind a wrong base path everything is 404.
            if isinstance(exc, NotFoundError):
                client.check_api()
            return pulumi.dynamic.ReadResult(None, {})
        # State written from an upper-case import_ id (before ids were normalized) takes the API's spelling.
        return pulumi.dynamic.ReadResult(
            normalize_id(id_), self._sealed(outs), self._sealed(self._inputs_of(outs))
        )

    def _inputs_of(self, outs: Mapping[str, Any]) -> dict[str, Any]:
        # The CLI shows a diff worked out from the stored inputs, not the provider's, so the inputs a refresh
        # records must look like what check makes of the program: an empty mapping or list stays out where
        # an unset input stays unset (else it shows as a removal on every later change), and stays in where
        # check fills in that empty default (else it shows as an addition).
        return self._canonical(
            {
                prop.name: outs[prop.name]
                for prop in self.props
                if outs.get(prop.name) is not None
                and (outs[prop.name] not in ({}, []) or prop.default is not None)
            }
        )

    @account_bound
    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> pulumi.dynamic.UpdateResult:
        """Sends the changed inputs; returns every output."""
        return pulumi.dynamic.UpdateResult(
            self._sealed(self._update(self.client(), id_, olds, inputs_only(news)))
        )

    def _sealed(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """``values`` with every secret prop wrapped as a secret, the form the engine keeps encrypted.

        An empty one (no headers, no parameters) holds nothing to hide and stays plain, as check leaves the
        default the program did not set: the engine compares secrecy too, and would show a diff.
        """
        return {
            key: rpc.wrap_rpc_secret(value)
            if key in self.secret_props and value not in (None, [], {})
            else value
            for key, value in values.items()
        }

    @account_bound
    def delete(self, id_: str, props: dict[str, Any]) -> None:
        """Deletes the entity; one that is already gone counts as deleted."""
        del props
        client = self.client()
        try:
            self._delete(client, id_)
        except NotFoundError:
            client.check_api()


def match_natural_key(candidates: Iterable[tuple[str, str]], wanted: str) -> str | None:
    """The id of the one candidate whose key equals ``wanted`` case-insensitively, as the API compares.

    Args:
        candidates: ``(id, key)`` of the entities under one parent.
        wanted: The declared key.

    Returns:
        The id, or None when none (or, against the API's rule, more than one) matches.
    """
    found = [id_ for id_, key in candidates if key.casefold() == wanted.casefold()]
    return found[0] if len(found) == 1 else None


def inputs_only(props: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in props.items() if key not in (PROVIDER_KEY, IMPORT_KEY)}
