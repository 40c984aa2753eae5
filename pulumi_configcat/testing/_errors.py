"""The error the emulator's handlers raise to answer with a non-2xx status."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An HTTP error answer.

    Args:
        status: The HTTP status code.
        body: The JSON body (for 400s the ``{"Field": ["message"]}`` shape), or None for no body.
    """

    def __init__(self, status: int, body: Any = None) -> None:
        super().__init__(f"{status}: {body!r}")
        self.status = status
        self.body = body


def bad_request(key: str, message: str) -> ApiError:
    """Return a 400 error with one message under ``key`` (``""`` for errors tied to no field)."""
    return ApiError(400, {key: [message]})


def not_found() -> ApiError:
    """Return a 404 error with no body."""
    return ApiError(404)
