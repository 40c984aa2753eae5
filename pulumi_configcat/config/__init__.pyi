"""The stack's ``configcat:*`` configuration, under ``pulumiverse_configcat.config``'s names."""

base_path: str | None
"""The API's base URL: ``configcat:basePath``, else ``CONFIGCAT_BASE_PATH``, else None."""

basic_auth_password: str | None
"""The password: ``configcat:basicAuthPassword``, else ``CONFIGCAT_BASIC_AUTH_PASSWORD``, else None."""

basic_auth_username: str | None
"""The user name: ``configcat:basicAuthUsername``, else ``CONFIGCAT_BASIC_AUTH_USERNAME``, else None."""
