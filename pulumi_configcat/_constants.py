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

# The provider process answers up to 4 RPCs at once; leave head room in the connection pool.
CONNECTION_POOL_SIZE: Final = 16

# Longest stretch of an API answer quoted in an error message.
MAX_ERROR_BODY_CHARS: Final = 2000

# Where credentials and the base URL come from: stack configuration first, then the environment.
# These are the names users of the Terraform provider and of pulumiverse_configcat already know.
CONFIG_USERNAME: Final = "configcat:basicAuthUsername"
CONFIG_PASSWORD: Final = "configcat:basicAuthPassword"  # noqa: S105 - a config key, not a secret
CONFIG_BASE_PATH: Final = "configcat:basePath"
ENV_USERNAME: Final = "CONFIGCAT_BASIC_AUTH_USERNAME"
ENV_PASSWORD: Final = "CONFIGCAT_BASIC_AUTH_PASSWORD"  # noqa: S105 - a variable name, not a secret
ENV_BASE_PATH: Final = "CONFIGCAT_BASE_PATH"

# ConfigCat refuses to delete a flag while another flag's value uses it as a prerequisite; in a destroy the
# dependent flag is often being deleted at the same moment. Deleting such a flag is retried for this long,
# every PREREQUISITE_DELETE_INTERVAL seconds, before the API's refusal is reported.
PREREQUISITE_DELETE_TIMEOUT: Final = 60.0
PREREQUISITE_DELETE_INTERVAL: Final = 1.0
