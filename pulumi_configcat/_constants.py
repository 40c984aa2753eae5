"""Every tunable of the package, by name, in one place."""

from __future__ import annotations

from typing import Final

DEFAULT_BASE_URL: Final = "https://api.configcat.com"

# Seconds to connect, and to wait for the first byte of an answer. No request goes out without both.
CONNECT_TIMEOUT: Final = 10.0
READ_TIMEOUT: Final = 60.0

# Retries after the first attempt. The Terraform provider also makes at most 6 attempts on a 429.
MAX_RETRIES: Final = 5
# Exponential backoff: INITIAL_RETRY_DELAY * 2**(retry - 1), capped, minus up to JITTER of itself.
INITIAL_RETRY_DELAY: Final = 0.5
MAX_RETRY_DELAY: Final = 30.0
RETRY_JITTER: Final = 0.25
# A Retry-After longer than this is cut short: a Pulumi run should not stall for minutes on one call.
MAX_RETRY_AFTER: Final = 120.0

# Rate-limit pacing (see _pacing.py). Once this few requests, or fewer, are left in the API's window, the
# next ones are spread evenly over the time left instead of going out at once. Above the provider process's
# 4 concurrent calls, so a burst that empties the window is already spread when it gets there.
RATE_LIMIT_LOW_REMAINING: Final = 10
# With no request left, wait this long past the announced reset: the server's window must have turned.
RATE_LIMIT_RESET_MARGIN: Final = 0.05
# No pacing wait, nor a reset announced further ahead, counts for more than this (a garbled header must not
# stall a run; 429 and its Retry-After remain the backstop).
RATE_LIMIT_MAX_WAIT: Final = 120.0
# Seconds our clock and the server's Date header may differ before the server's time is used to read
# X-Rate-Limit-Reset (Date has whole seconds; within this our own clock is the finer one).
RATE_LIMIT_CLOCK_TOLERANCE: Final = 2.0

# The provider process answers up to 4 RPCs at once; leave head room in the connection pool.
CONNECTION_POOL_SIZE: Final = 16

# Longest stretch of an API answer quoted in an error message.
MAX_ERROR_BODY_CHARS: Final = 2000
# Longest stretch quoted of a success answer the client cannot use (an HTML page says enough in its start).
MAX_UNUSABLE_BODY_CHARS: Final = 300
# A password shorter than this is not searched for and blanked in messages: it would blank ordinary words.
MIN_REDACTED_SECRET_CHARS: Final = 6

# Where credentials and the base URL come from: stack configuration first, then the environment.
# These are the names users of the Terraform provider and of pulumiverse_configcat already know.
CONFIG_USERNAME: Final = "configcat:basicAuthUsername"
CONFIG_PASSWORD: Final = "configcat:basicAuthPassword"  # noqa: S105 - a config key, not a secret
CONFIG_BASE_PATH: Final = "configcat:basePath"
ENV_USERNAME: Final = "CONFIGCAT_BASIC_AUTH_USERNAME"
ENV_PASSWORD: Final = "CONFIGCAT_BASIC_AUTH_PASSWORD"  # noqa: S105 - a variable name, not a secret
ENV_BASE_PATH: Final = "CONFIGCAT_BASE_PATH"
