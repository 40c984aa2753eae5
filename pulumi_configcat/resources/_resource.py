"""The program side of every resource: the resource class the program instantiates.

A resource class registers its inputs with the engine, together with its provider (pickled by reference, see
:mod:`._base`); it runs in the Pulumi program, never in the provider process. Here: the constructor's
conversion of the declared arguments (typed Args to dicts, mappings keyed by Outputs), ``import_``, ``get``,
and the workaround for the SDK's pickling bug.
"""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, ClassVar, TypeVar

import pulumi
import pulumi.dynamic

from pulumi_configcat.resources._base import IMPORT_KEY, ConfigCatProvider
from pulumi_configcat.resources._declare import constructor_inputs, document_constructor
from pulumi_configcat.resources._props import shown
from pulumi_configcat.resources.provider import PACKAGE, account_inputs, explicit_provider, without_provider

__all__ = ["ConfigCatResource", "keyed_by_outputs"]

_R = TypeVar("_R", bound="ConfigCatResource")

# pulumi.dynamic's serializer patches two methods of pickle._Pickler and never restores them: each resource
# wraps ``_batch_setitems`` once more, until pickling hits the recursion limit (about 1,000 resources), and
# until then the n-th resource's pickling runs through n wrappers. Put pickle's own methods back after each
# resource is built. ``_batch_setitems`` is found under the wrappers, not saved at import: this module may be
# imported after other dynamic resources of the program have wrapped it. ``save_dict`` is replaced, not
# wrapped, so it cannot nest; pickle's own is put back when this module saw it.
_PICKLER: Any = pickle._Pickler
_OWN_SAVE_DICT = _PICKLER.save_dict if _PICKLER.save_dict.__module__ == "pickle" else None


def _pickles_own(method: Any) -> Any:
    """Pickle's own ``_batch_setitems`` under pulumi's wrappers (each closes over the one before)."""
    while getattr(method, "__module__", "pickle") != "pickle":
        code = getattr(method, "__code__", None)
        cells = dict(zip(code.co_freevars, method.__closure__ or (), strict=True)) if code else {}
        inner = cells.get("unsorted_batch_setitems")
        if inner is None:  # not pulumi's wrapper (someone else's patch): leave it
            return method
        method = inner.cell_contents
    return method


def _restore_pickler() -> None:
    _PICKLER._batch_setitems = _pickles_own(_PICKLER._batch_setitems)
    if _OWN_SAVE_DICT is not None:
        _PICKLER.save_dict = _OWN_SAVE_DICT


@contextmanager
def _restored_pickler() -> Iterator[None]:
    """Pickle's own methods before pulumi serializes a provider (one wrapper deep) and after (none)."""
    _restore_pickler()
    try:
        yield
    finally:
        _restore_pickler()


def keyed_by_outputs(
    mapping: pulumi.Input[Mapping[Any, Any]] | None, *, where: str = "a mapping"
) -> pulumi.Input[Mapping[Any, Any]] | None:
    """A mapping whose keys may be Outputs (``{production.id: "full"}``), as one Output of a plain dict.

    Pulumi cannot send a mapping keyed by Outputs, yet environment ids, the natural keys here, are Outputs
    of other resources. Until they resolve (at preview) the whole mapping is unknown. Every resource applies
    it to its mapping inputs (:class:`ConfigCatResource`); calling it first changes nothing.

    Args:
        mapping: The mapping, or anything else (returned as it is).
        where: What the mapping is, for the error, e.g. ``"PermissionGroup 'devs': environment_accesses"``.

    Raises:
        TypeError: A key is neither a string, an integer (sent as its digits) nor an Output (Pulumi can send
            string keys only), or a number and a string name the same key.
    """
    if not isinstance(mapping, Mapping):
        return mapping
    keys: list[Any] = []
    for written in mapping:
        # An integer id (a setting's) is sent as its digits; check refuses it where a UUID belongs.
        key = _digits(written)
        if not isinstance(key, str | pulumi.Output):
            raise TypeError(_bad_key(where, key))
        if isinstance(key, str) and key in keys:
            raise TypeError(f"{where} has the key {key!r} twice (as a number and as a string)")
        keys.append(key)
    values = list(mapping.values())
    if not any(isinstance(key, pulumi.Output) for key in keys):
        return dict(zip(keys, values, strict=True))

    def resolved(pairs: list[list[Any]]) -> dict[Any, Any]:
        resolved_keys = [_digits(key) for key in pairs[0]]
        for key in resolved_keys:
            if not isinstance(key, str):
                raise TypeError(_bad_key(where, key))
        return dict(zip(resolved_keys, pairs[1], strict=True))

    return pulumi.Output.all(pulumi.Output.all(*keys), pulumi.Output.all(*values)).apply(resolved)


def _id_text(id_: Any) -> str:
    """An id as the API spells it: a whole float (``config.require_float``, or a number that crossed
    Pulumi's wire) as its digits."""
    if isinstance(id_, float) and id_.is_integer():
        return str(int(id_))
    return str(id_)


def _digits(key: Any) -> Any:
    return str(key) if isinstance(key, int) and not isinstance(key, bool) else key


def _bad_key(where: str, key: Any) -> str:
    return (
        f"{where} has a key that is {type(key).__name__} {shown(key)}; mapping keys must be strings "
        "(such as an id), integer ids, or Outputs of them"
    )


def _check_string_keys(where: str, value: Any) -> None:
    """Refuses a nested mapping keyed by anything but strings, naming where it is.

    Pulumi can only send string keys; any other key fails deep in the SDK's serializer with a
    ``TypeError`` that names neither the resource nor the input.
    """
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(_bad_key(where, key))
            _check_string_keys(f"{where}[{key!r}]", item)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _check_string_keys(f"{where}[{index}]", item)


class ConfigCatResource(pulumi.dynamic.Resource):
    """Base of the resource classes: builds the props, handles ``import_`` and the pickling bug."""

    _provider_class: ClassVar[type[ConfigCatProvider]]
    # Defaults of this class that differ from the declaration's: a class under pulumiverse's name takes
    # pulumiverse's (``Configuration``: ``evaluation_version="v1"``); this package's own name keeps its own.
    _defaults: ClassVar[Mapping[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        provider = getattr(cls, "_provider_class", None)
        if provider is not None and provider.args is not None and "__init__" in cls.__dict__:
            noun = provider.noun or f"a {provider.entity.lower()}".replace("a e", "an e").replace(
                "a i", "an i"
            )
            document_constructor(cls.__init__, provider.args, noun, provider.id_format, cls._defaults)

    @classmethod
    def _declared(cls, resource_name: str, args: Mapping[str, Any]) -> dict[str, Any]:
        """The constructor's arguments as props: every declared input, unset ones at their defaults."""
        provider = cls._provider_class
        assert provider.args is not None, f"{cls.__name__} has no declaration of its inputs"
        inputs = constructor_inputs(provider.args, resource_name, {**cls._defaults, **args})
        # Outputs that are not inputs are registered as None, so that they become attributes.
        return {**inputs, **dict.fromkeys(provider.output_only)}

    def __init__(
        self,
        resource_name: str,
        props: dict[str, Any],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        checked: dict[str, Any] = {}
        for name, declared in props.items():
            # Typed Args (pulumi_configcat.inputs) become the dicts Pulumi can send.
            value = plain_data(declared)
            where = f"{self._provider_class.entity} {resource_name!r}: {name}"
            if isinstance(value, Mapping):
                for item_key, item in value.items():
                    _check_string_keys(f"{where}[{item_key!r}]", item)
            else:
                _check_string_keys(where, value)
            checked[name] = keyed_by_outputs(value, where=where)
        props = checked
        opts = opts or pulumi.ResourceOptions()
        # A configcat.Provider is no Pulumi provider (there is no plugin): its account rides along as two
        # hidden inputs, and it leaves the options before Pulumi sees them.
        account = explicit_provider(opts)
        if account is not None:
            props = {**props, **account_inputs(account)}
            opts = without_provider(opts)
        if opts.import_:
            props = {**props, IMPORT_KEY: str(opts.import_)}
            opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions())
            opts.import_ = None
        # The provider's secret outputs, which the engine then keeps secret whatever the provider returns
        # (Pulumi's additional_secret_outputs): in get() too, which has no secret inputs to inherit it from.
        secret_outputs = self._provider_class.secret_props
        if secret_outputs:
            secret = pulumi.ResourceOptions(additional_secret_outputs=list(secret_outputs))
            opts = pulumi.ResourceOptions.merge(opts, secret)
        with _restored_pickler():
            super().__init__(self._provider_class(), resource_name, props, opts)
        if account is not None:
            # Children inherit it, as they would a Pulumi provider (a Provider is no ProviderResource).
            self._providers = {**self._providers, PACKAGE: account}

    @classmethod
    def get(
        cls: type[_R],
        resource_name: str,
        id: pulumi.Input[str | int | float],  # shadows the builtin, as in every Pulumi SDK
        opts: pulumi.ResourceOptions | None = None,
    ) -> _R:
        """Looks up an existing entity by its id; a read-only resource whose outputs come from the API.

        Args:
            resource_name: The Pulumi name of the lookup.
            id: The entity's id (integer ids may be given as ``int``, or as a whole ``float``).
            opts: Resource options.

        Returns:
            The resource, with every output read from the API.
        """
        instance = cls.__new__(cls)
        provider = cls._provider_class
        props: dict[str, Any] = {
            name: None for name in (*(p.name for p in provider.props), *provider.output_only)
        }
        lookup = pulumi.ResourceOptions(id=pulumi.Output.from_input(id).apply(_id_text))
        ConfigCatResource.__init__(instance, resource_name, props, pulumi.ResourceOptions.merge(opts, lookup))
        return instance


def plain_data(value: Any) -> Any:
    """``value`` with every Args dataclass turned into a dict of its set fields, recursively.

    Pulumi can send dicts, lists and Outputs, not arbitrary objects; this runs in the resource constructor.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: plain_data(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if getattr(value, field.name) is not None
        }
    if isinstance(value, Mapping):
        return {key: plain_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain_data(item) for item in value]
    return value
