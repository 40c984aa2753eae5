"""The signed-in user (``/v1/me``) and the organizations it sees."""

from __future__ import annotations

from typing import Any

from ._products import render_organization
from ._router import Request, Routes
from ._store import ME, Store

ROUTES = Routes()


@ROUTES.get("/v1/me")
def get_me(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/me."""
    return 200, dict(ME)


@ROUTES.get("/v1/organizations")
def get_organizations(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/organizations."""
    return 200, [render_organization(store)]
