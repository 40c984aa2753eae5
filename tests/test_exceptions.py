"""The exception tree and ``make_status_error``, the one factory for non-2xx answers."""

from __future__ import annotations

import pytest

from pulumi_configcat._constants import (
    CONFIG_PASSWORD,
    CONFIG_USERNAME,
    ENV_PASSWORD,
    ENV_USERNAME,
    MAX_ERROR_BODY_CHARS,
)
from pulumi_configcat._exceptions import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigCatError,
    ConfigurationError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    make_status_error,
)

DUPLICATE_KEY_BODY = '{"Key":["This key is already in use. Please, choose another"]}'


@pytest.mark.parametrize(
    ("status_code", "expected_class"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (402, APIStatusError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (418, APIStatusError),
        (429, RateLimitError),
        (500, InternalServerError),
        (502, InternalServerError),
        (503, InternalServerError),
        (599, InternalServerError),
    ],
)
def test_status_maps_to_exact_class(status_code: int, expected_class: type[APIStatusError]) -> None:
    error = make_status_error(
        method="POST",
        path="/v1/configs/c1/settings",
        status_code=status_code,
        reason="Why",
        body="{}",
        username="u",
    )
    assert type(error) is expected_class
    assert error.status_code == status_code
    assert error.method == "POST"
    assert error.path == "/v1/configs/c1/settings"
    assert error.body == "{}"
    assert error.attempts == 1


def test_message_holds_method_path_status_and_the_api_text() -> None:
    error = make_status_error(
        method="POST",
        path="/v1/configs/c1/settings",
        status_code=400,
        reason="Bad Request",
        body=DUPLICATE_KEY_BODY + "\n",
        username="u",
    )
    assert str(error) == (
        "ConfigCat API POST /v1/configs/c1/settings answered 400 Bad Request: " + DUPLICATE_KEY_BODY
    )
    # The body attribute keeps the answer exactly as sent; only the message trims it.
    assert error.body == DUPLICATE_KEY_BODY + "\n"


def test_message_without_body_or_reason_ends_at_the_status() -> None:
    error = make_status_error(
        method="GET", path="/v1/me", status_code=404, reason="", body="  ", username="u"
    )
    assert str(error) == "ConfigCat API GET /v1/me answered 404"


def test_long_body_is_cut_in_the_message_but_kept_whole_on_the_error() -> None:
    body = "x" * (MAX_ERROR_BODY_CHARS + 50)
    error = make_status_error(
        method="GET", path="/v1/me", status_code=500, reason="Internal Server Error", body=body, username="u"
    )
    message = str(error)
    assert message.endswith(": " + "x" * MAX_ERROR_BODY_CHARS + "…")
    assert error.body == body


def test_401_message_names_the_user_and_where_credentials_come_from() -> None:
    error = make_status_error(
        method="GET", path="/v1/me", status_code=401, reason="Unauthorized", body="", username="ci-bot"
    )
    message = str(error)
    assert message.startswith("ConfigCat API GET /v1/me answered 401 Unauthorized.")
    assert "credentials of user 'ci-bot' were rejected" in message
    for name in (CONFIG_USERNAME, CONFIG_PASSWORD, ENV_USERNAME, ENV_PASSWORD):
        assert name in message


@pytest.mark.parametrize("status_code", [400, 403, 404, 409, 429, 500])
def test_only_401_blames_the_credentials(status_code: int) -> None:
    error = make_status_error(
        method="GET", path="/v1/me", status_code=status_code, reason="", body="no", username="ci-bot"
    )
    assert "ci-bot" not in str(error)


def test_attempts_show_in_the_message_only_after_a_retry() -> None:
    error = APIConnectionError("ConfigCat API GET /v1/me could not be reached", method="GET", path="/v1/me")
    assert "gave up" not in str(error)
    error.attempts = 6
    assert str(error) == "ConfigCat API GET /v1/me could not be reached (gave up after 6 attempts)"
    # The plain message stays in args, so re-raising or wrapping does not repeat the suffix.
    assert error.args == ("ConfigCat API GET /v1/me could not be reached",)


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        (ConfigurationError, ConfigCatError),
        (APIError, ConfigCatError),
        (APIStatusError, APIError),
        (APIConnectionError, APIError),
        (APITimeoutError, APIConnectionError),
        (BadRequestError, APIStatusError),
        (AuthenticationError, APIStatusError),
        (PermissionDeniedError, APIStatusError),
        (NotFoundError, APIStatusError),
        (ConflictError, APIStatusError),
        (RateLimitError, APIStatusError),
        (InternalServerError, APIStatusError),
    ],
)
def test_tree(child: type[Exception], parent: type[Exception]) -> None:
    assert issubclass(child, parent)


def test_status_errors_and_connection_errors_are_apart() -> None:
    assert not issubclass(APIConnectionError, APIStatusError)
    assert not issubclass(APIStatusError, APIConnectionError)
    assert not issubclass(ConfigurationError, APIError)
