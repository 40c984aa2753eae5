"""The errors this package raises.

::

    ConfigCatError
    ├── ConfigurationError              credentials or base URL missing or malformed
    └── APIError                        a call to the ConfigCat API failed
        ├── APIStatusError              the API answered with a non-2xx status
        │   ├── BadRequestError             400
        │   ├── AuthenticationError         401
        │   ├── PermissionDeniedError       403
        │   ├── NotFoundError               404
        │   ├── ConflictError               409
        │   ├── RateLimitError              429
        │   └── InternalServerError         5xx
        ├── APIResponseValidationError  a success status with an answer that is not what the call expects
        └── APIConnectionError          no answer: the connection failed or was dropped
            └── APITimeoutError             no answer in time

Callers branch on the class (``except NotFoundError``), never on the message text. Every message holds the
method, the path, the status and the API's own words, since ConfigCat explains itself in the response body
("This key is already in use", "Reason required").
"""

from __future__ import annotations

from pulumi_configcat._constants import (
    CONFIG_PASSWORD,
    CONFIG_USERNAME,
    ENV_PASSWORD,
    ENV_USERNAME,
    MAX_ERROR_BODY_CHARS,
)

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigCatError",
    "ConfigurationError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
]


class ConfigCatError(Exception):
    """Base class of every error this package raises.

    Example::

        try:
            products = configcat.get_products()
        except configcat.ConfigCatError as exc:
            pulumi.log.error(f"ConfigCat lookup failed: {exc}")
            raise
    """


class ConfigurationError(ConfigCatError):
    """The provider is missing credentials, or a setting has a value it cannot use.

    Example::

        try:
            configcat.get_organizations()
        except configcat.ConfigurationError as exc:  # names configcat:basicAuthUsername and CONFIGCAT_*
            raise SystemExit(str(exc)) from None
    """


class APIError(ConfigCatError):
    """A call to the ConfigCat API failed.

    Attributes:
        method: The HTTP method, e.g. ``"GET"``.
        path: The request path, e.g. ``"/v1/products/0f6c..."``.
        attempts: How many times the request was sent before giving up.

    Example::

        try:
            keys = configcat.get_sdk_keys(config_id, environment_id)
        except configcat.APIError as exc:
            print(exc.method, exc.path, exc.attempts)  # e.g. GET /v1/configs/.../environments/... 1
            raise
    """

    def __init__(self, message: str, *, method: str, path: str, attempts: int = 1) -> None:
        super().__init__(message)
        self.method = method
        self.path = path
        self.attempts = attempts

    def __str__(self) -> str:
        message = super().__str__()
        if self.attempts > 1:
            return f"{message} (gave up after {self.attempts} attempts)"
        return message


class APIStatusError(APIError):
    """The API answered with a status outside 2xx.

    Attributes:
        status_code: The HTTP status.
        body: The response body as text, as the API sent it.

    Example::

        try:
            configcat.get_settings(config_id)
        except configcat.APIStatusError as exc:
            if exc.status_code == 402:  # a plan limit, which has no class of its own
                ...
    """

    def __init__(
        self, message: str, *, method: str, path: str, status_code: int, body: str, attempts: int = 1
    ) -> None:
        super().__init__(message, method=method, path=path, attempts=attempts)
        self.status_code = status_code
        self.body = body


class BadRequestError(APIStatusError):
    """400: the API refused the request; the body says why.

    Example::

        try:
            configcat.get_settings(config_id)
        except configcat.BadRequestError as exc:
            print(exc.body)  # {"": ["This key is already in use. Please, choose another"]}
    """


class AuthenticationError(APIStatusError):
    """401: the API rejected the credentials.

    Example::

        try:
            configcat.get_settings(config_id)
        except configcat.AuthenticationError:
            print("check configcat:basicAuthUsername and configcat:basicAuthPassword")
    """


class PermissionDeniedError(APIStatusError):
    """403: the credentials are valid but lack the permission.

    Example::

        try:
            configcat.get_settings(config_id)
        except configcat.PermissionDeniedError:
            print("this Public API credential's permission group may not do that")
    """


class NotFoundError(APIStatusError):
    """404: the entity does not exist (or is not visible to these credentials).

    Example::

        try:
            environments = configcat.get_environments(product_id).environments
        except configcat.NotFoundError:
            environments = []
    """


class ConflictError(APIStatusError):
    """409: the request conflicts with the current state of the entity.

    Example::

        try:
            configcat.get_settings(config_id)
        except configcat.ConflictError as exc:
            print(exc.body)
    """


class RateLimitError(APIStatusError):
    """429: too many requests; retried with ``Retry-After`` before it is raised.

    Example::

        try:
            configcat.get_settings(config_id)
        except configcat.RateLimitError as exc:
            print(f"still rate limited after {exc.attempts} attempts")
    """


class InternalServerError(APIStatusError):
    """5xx: the API failed on its side.

    Example::

        try:
            configcat.get_settings(config_id)
        except configcat.InternalServerError as exc:
            print(exc.status_code, exc.body)
    """


class APIResponseValidationError(APIError):
    """The API answered with a success status, but not with what the call expects.

    An HTML page, JSON cut short, an empty body or JSON of another shape: usually a base path that points
    at something other than the API, or a proxy in between.

    Attributes:
        status_code: The HTTP status (2xx).
        body: The response body as text, credentials redacted.

    Example::

        try:
            configcat.get_products()
        except configcat.APIResponseValidationError as exc:
            print(exc.status_code, exc.body[:80])  # e.g. 200 <html>...: not the API at that base path
            raise
    """

    def __init__(
        self, message: str, *, method: str, path: str, status_code: int, body: str, attempts: int = 1
    ) -> None:
        super().__init__(message, method=method, path=path, attempts=attempts)
        self.status_code = status_code
        self.body = body


class APIConnectionError(APIError):
    """No answer came: the connection could not be made, or was dropped.

    Example::

        try:
            configcat.get_settings(config_id)
        except configcat.APIConnectionError:
            print("is CONFIGCAT_BASE_PATH right, and the API reachable?")
    """


class APITimeoutError(APIConnectionError):
    """No answer came within the timeout.

    Example::

        try:
            configcat.get_settings(config_id)
        except configcat.APITimeoutError as exc:
            print(f"{exc.method} {exc.path} timed out")
    """


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
}


def make_status_error(
    *, method: str, path: str, status_code: int, reason: str, body: str, username: str
) -> APIStatusError:
    """Builds the exception for a non-2xx answer: the one factory every caller goes through.

    Args:
        method: The HTTP method of the request.
        path: The request path, without the query string.
        status_code: The HTTP status of the answer.
        reason: The HTTP reason phrase, e.g. ``"Not Found"``.
        body: The response body as text.
        username: The Basic-auth user name, quoted in the 401 message (the password never is).

    Returns:
        An instance of the class for ``status_code``.
    """
    if status_code >= 500:
        error_class: type[APIStatusError] = InternalServerError
    else:
        error_class = _STATUS_ERRORS.get(status_code, APIStatusError)
    quoted = body.strip()
    if len(quoted) > MAX_ERROR_BODY_CHARS:
        quoted = quoted[:MAX_ERROR_BODY_CHARS] + "…"
    status = f"{status_code} {reason}".strip()
    message = f"ConfigCat API {method} {path} answered {status}"
    if quoted:
        message += f": {quoted}"
    if status_code == 401:
        message += (
            f". The credentials of user {username!r} were rejected: check {CONFIG_USERNAME} and "
            f"{CONFIG_PASSWORD} in the stack configuration, or {ENV_USERNAME} and {ENV_PASSWORD}"
        )
    return error_class(message, method=method, path=path, status_code=status_code, body=body)
