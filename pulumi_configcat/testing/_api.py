"""The complete emulated service: a store, and a router over every entity's routes.

Each entity (or close-knit group) has its own handler module declaring its routes next to its handlers;
adding an entity means adding a module and naming it in :data:`ENTITIES`.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    _configs,
    _environments,
    _integrations,
    _me,
    _members,
    _permissions,
    _preferences,
    _products,
    _proxy_profiles,
    _sdk_keys,
    _segments,
    _settings,
    _tags,
    _values_v1,
    _values_v2,
    _webhooks,
)
from ._router import Router
from ._store import Store

#: The handler modules, in matching order; each has a ``ROUTES`` table.
ENTITIES: tuple[ModuleType, ...] = (
    _me,
    _products,
    _preferences,
    _configs,
    _environments,
    _segments,
    _tags,
    _permissions,
    _members,
    _integrations,
    _proxy_profiles,
    _settings,
    _values_v1,
    _values_v2,
    _sdk_keys,
    _webhooks,
)


def router(store: Store) -> Router:
    """A router serving every entity's routes over ``store``."""
    return Router(store, (module.ROUTES for module in ENTITIES))
