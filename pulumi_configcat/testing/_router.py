"""Routes: method + path template → handler, the spec validation of request bodies, and dispatch.

Every handler module declares its routes next to its handlers with a :class:`Routes` table::

    ROUTES = Routes()

    @ROUTES.get("/v1/tags/{tagId}")
    def get_tag(store: Store, req: Request) -> tuple[int, Any]: ...

A handler takes the :class:`~._store.Store` and a :class:`Request` and returns ``(status, body)`` or
raises :class:`~._errors.ApiError`. :class:`Router` serves a list of such tables (``_api.py`` names them).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import jsonpatch
import jsonpointer

from . import _spec
from ._errors import ApiError, bad_request
from ._store import Store

_PARAM_RE = re.compile(r"\{(\w+)\}")


@dataclass
class Request:
    """One call into the API.

    Attributes:
        params: Path parameters by their spec names, as received.
        query: Query parameters, each a list of values.
        body: The parsed JSON body, or None when there was none.
    """

    params: dict[str, str]
    query: dict[str, list[str]] = field(default_factory=dict)
    body: Any = None

    def q(self, name: str) -> str | None:
        """Return the first value of a query parameter (matched case-insensitively), or None."""
        for key, values in self.query.items():
            if key.lower() == name.lower() and values:
                return values[0]
        return None


Handler = Callable[[Store, Request], tuple[int, Any]]
#: Rewords schema errors where the service is known to word them differently: (schema, body, errors).
Adjust = Callable[[str, Any, _spec.Errors], _spec.Errors]


def _compile(template: str) -> re.Pattern[str]:
    return re.compile(_PARAM_RE.sub(lambda m: f"(?P<{m.group(1)}>[^/]+)", template))


@dataclass
class Route:
    """One operation: method, path template, handler, request-body schema and error rewording."""

    method: str
    template: str
    handler: Handler
    schema: str | None = None
    adjust: Adjust | None = None
    pattern: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.pattern = _compile(self.template)


class Routes:
    """The routes one handler module declares, in declaration order."""

    def __init__(self) -> None:
        self.routes: list[Route] = []

    def add(
        self, method: str, template: str, schema: str | None = None, adjust: Adjust | None = None
    ) -> Callable[[Handler], Handler]:
        """Return a decorator that routes ``method template`` to the decorated handler."""

        def register(handler: Handler) -> Handler:
            self.routes.append(Route(method, template, handler, schema, adjust))
            return handler

        return register

    def get(self, template: str) -> Callable[[Handler], Handler]:
        """Route a GET."""
        return self.add("GET", template)

    def post(
        self, template: str, schema: str | None = None, adjust: Adjust | None = None
    ) -> Callable[[Handler], Handler]:
        """Route a POST whose body must match ``schema``."""
        return self.add("POST", template, schema, adjust)

    def put(
        self, template: str, schema: str | None = None, adjust: Adjust | None = None
    ) -> Callable[[Handler], Handler]:
        """Route a PUT whose body must match ``schema``."""
        return self.add("PUT", template, schema, adjust)

    def patch(self, template: str, schema: str | None = None) -> Callable[[Handler], Handler]:
        """Route a PATCH (a JSON Patch body)."""
        return self.add("PATCH", template, schema)

    def delete(self, template: str) -> Callable[[Handler], Handler]:
        """Route a DELETE."""
        return self.add("DELETE", template)


class Router:
    """Dispatch calls to the handlers of some route tables, over one store.

    Args:
        store: The state the handlers work on (its lock is held while a handler runs).
        tables: The route tables, in matching order.
    """

    def __init__(self, store: Store, tables: Iterable[Routes]) -> None:
        self.store = store
        self.routes = [route for table in tables for route in table.routes]

    def dispatch(
        self, method: str, path: str, body: Any = None, query: dict[str, list[str]] | None = None
    ) -> tuple[int, Any]:
        """Serve one call; never raises :class:`ApiError` (it becomes the answer).

        Args:
            method: HTTP method.
            path: URL path without the query string.
            body: Parsed JSON body or None.
            query: Query parameters.

        Returns:
            ``(status, body)``; body is None for answers without one.
        """
        route, params = self.match(method, path)
        if route is None:
            return 404, None
        try:
            if route.schema is not None:
                if body is None:
                    raise bad_request("", "A non-empty request body is required.")
                errors = _spec.validate(route.schema, body)
                if route.adjust is not None:
                    errors = route.adjust(route.schema, body, errors)
                if errors:
                    raise ApiError(400, errors)
            with self.store.lock:
                return route.handler(self.store, Request(params, query or {}, body))
        except ApiError as exc:
            return exc.status, exc.body

    def match(self, method: str, path: str) -> tuple[Route | None, dict[str, str]]:
        """Find the route for a method and path."""
        for route in self.routes:
            if route.method == method.upper():
                found = route.pattern.fullmatch(path)
                if found:
                    return route, found.groupdict()
        return None, {}


def apply_patch(document: Any, operations: list[Any]) -> Any:
    """Apply RFC 6902 operations to a copy of ``document``; a failing patch is a 400."""
    try:
        return jsonpatch.JsonPatch(operations).apply(copy.deepcopy(document), in_place=True)
    except (
        jsonpatch.JsonPatchException,
        jsonpointer.JsonPointerException,
        KeyError,
        IndexError,
        TypeError,
        ValueError,
    ) as exc:
        raise bad_request("", f"The JSON Patch could not be applied: {exc}") from exc


def check_patched(patched: Any, allowed: set[str], schema: str, adjust: Adjust | None = None) -> None:
    """Validate a patched document as the PUT body it stands for (400 otherwise)."""
    if not isinstance(patched, dict):
        raise bad_request("", "The patched document must be an object.")
    extra = sorted(set(patched) - allowed)
    if extra:
        raise bad_request("", f"The field '{extra[0]}' cannot be modified by this endpoint.")
    errors = _spec.validate(schema, patched)
    if adjust is not None:
        errors = adjust(schema, patched, errors)
    if errors:
        raise ApiError(400, errors)
