"""The stack's ``configcat:*`` configuration, under ``pulumiverse_configcat.config``'s names.

``configcat.config.basic_auth_username``, ``configcat.config.basic_auth_password`` and
``configcat.config.base_path`` read the stack configuration (``configcat:basicAuthUsername``,
``configcat:basicAuthPassword``, ``configcat:basePath``), then the environment
(``CONFIGCAT_BASIC_AUTH_USERNAME``, ``CONFIGCAT_BASIC_AUTH_PASSWORD``, ``CONFIGCAT_BASE_PATH``); ``None``
where neither is set, as in
``pulumiverse_configcat``. They are what resources and lookups given no :class:`~pulumi_configcat.Provider`
use. As in pulumiverse, the password comes back as a plain ``str`` (a ``Provider`` given it makes it a
secret again); prefer ``pulumi.Config("configcat").require_secret("basicAuthPassword")`` to pass it anywhere
else.

Example::

    import pulumi_configcat as configcat

    staging = configcat.Provider(
        "staging",
        basic_auth_username=configcat.config.basic_auth_username,
        basic_auth_password=configcat.config.basic_auth_password,
        base_path="https://staging-api.example.com",
    )
"""

import sys

from pulumi_configcat.config.vars import _ExportableConfig

sys.modules[__name__].__class__ = _ExportableConfig
