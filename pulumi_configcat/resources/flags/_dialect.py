"""What differs between a Config V1 and a Config V2 flag's value: a dialect object each, V1
(:mod:`._dialect_v1`) and V2 (:mod:`._dialect_v2`), over the base here.

The four value resources are two shapes (one flag's value, :mod:`._single`; all of a config's flags,
:mod:`._batch`) in two evaluation versions. The shapes' providers do everything the same way and ask their
dialect for what the version decides: which endpoints read and write, how a declared value is checked,
compared and sent, and what the environment refuses before a write. A dialect holds no state.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, ClassVar, TypeAlias

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat.resources.flags._checks import Failures
from pulumi_configcat.resources.flags._scalars import ValueTypeError
from pulumi_configcat.resources.flags._values import wrong_version

if TYPE_CHECKING:
    from pulumi_configcat.types import ConfigSettingFormulaModel, ConfigSettingValueModel

    # One flag of a batch answer, of either version.
    Item: TypeAlias = ConfigSettingFormulaModel | ConfigSettingValueModel

__all__ = ["RESOURCES", "Dialect", "Flags", "typed"]

# What a batch resource keeps about each listed flag, by the name the program gives it (a key or an id).
Flags = dict[str, dict[str, str]]
# Each evaluation version's resources (single value, batch), for a message that points to the other's.
RESOURCES = {"v1": ("SettingValue", "ConfigValues"), "v2": ("SettingValueV2", "ConfigValuesV2")}


class Dialect:
    """One evaluation version's values: how they are read, checked, compared and written.

    Attributes:
        version: ``"v1"`` or ``"v2"``, as a config's ``evaluation_version``.
        single: The single-value resource of this version, for messages.
        batch: The batch resource of this version, for messages.
        typed_props: The single value's inputs that :meth:`changed_props` compares as the flag's type;
            every other input compares by its own kind (after :meth:`served`).
    """

    version: ClassVar[str]
    single: ClassVar[str]
    batch: ClassVar[str]
    typed_props: ClassVar[tuple[str, ...]] = ()

    def refused_read(self, entity: str, what: str, exc: Exception, batch: bool) -> ValueError:
        """The error for a read the API refused because the config has the other evaluation version."""
        (other,) = set(RESOURCES) - {self.version}
        single, batch_resource = RESOURCES[other]
        return wrong_version(entity, self.version, what, exc, batch_resource if batch else single)

    # -- check and diff: one flag's declared value (``entry``: value and rules) ------------------------

    def check(self, entry: Mapping[str, Any]) -> Failures:
        """What spans fields of one flag's value (each field's own kind has checked it alone)."""
        raise NotImplementedError

    def served(self, entry: Mapping[str, Any], setting_type: str | None) -> Mapping[str, Any]:
        """A declared value as ``diff`` compares it with the flag's outputs."""
        del setting_type
        return entry

    def changed_props(
        self, olds: Mapping[str, Any], news: Mapping[str, Any], setting_type: str | None
    ) -> list[str]:
        """Which of :attr:`typed_props` differ, compared as the flag's type."""
        del olds, news, setting_type
        return []

    def differs(self, old: Any, new: Mapping[str, Any], setting_type: str | None) -> bool:
        """Whether one flag's declared value differs from its outputs (None: not read yet)."""
        raise NotImplementedError

    def differs_from_new_flag(self, inputs: Mapping[str, Any], setting_type: str) -> bool:
        """Whether the inputs declare anything but what a new flag of ``setting_type`` holds."""
        raise NotImplementedError

    # -- one flag's value ------------------------------------------------------------------------------

    def get(self, client: ConfigCatClient, environment_id: str, setting_id: str) -> Any:
        """Reads one flag's value."""
        raise NotImplementedError

    def outputs(self, value: Any) -> dict[str, Any]:
        """One flag's value (single or from a batch answer) as outputs, with its ``setting_type``."""
        raise NotImplementedError

    def refuse(self, value: Any, inputs: Mapping[str, Any]) -> None:
        """Refuses, before the first write, what the environment or the account would refuse."""
        raise NotImplementedError

    def put(
        self, client: ConfigCatClient, inputs: Mapping[str, Any], setting_type: str, olds: Mapping[str, Any]
    ) -> Any:
        """Writes one flag's whole value; returns the API's answer."""
        raise NotImplementedError

    # -- all of a config's flags -----------------------------------------------------------------------

    def fetch(self, client: ConfigCatClient, config_id: str, environment_id: str) -> Any:
        """Reads the values of every flag of a config in an environment."""
        raise NotImplementedError

    def items(self, answer: Any) -> list[Item]:
        """The flags of a batch answer."""
        raise NotImplementedError

    def refuse_batch(self, answer: Any, inputs: Mapping[str, Any]) -> None:
        """Refuses, before writing, what the environment would refuse."""
        del answer, inputs

    def post(
        self,
        client: ConfigCatClient,
        inputs: Mapping[str, Any],
        flags: Flags,
        refs: list[str],
        olds: Mapping[str, Any],
    ) -> Any:
        """Writes the values of the flags ``refs`` names; returns the API's batch answer."""
        raise NotImplementedError


@contextmanager
def typed(where: str = "") -> Iterator[None]:
    """Around a request built with values read as the flag's type: a value that does not fit is refused as a
    plain ``ValueError`` naming its property (under ``where``, a batch's ``values["key"].``)."""
    try:
        yield
    except ValueTypeError as exc:
        raise ValueError(f"{where}{exc}") from None
