"""The SDKs' CDN: ``GET /configuration-files/{sdkKey}/config_v6.json``, loaded files first, else rendered.

No Basic auth and no rate limit (the HTTP server sends these paths here before either); injected faults
do reach it. Every answer carries a strong ETag, and an exact ``If-None-Match`` gets 304.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ._configfile import CONFIG_FILE_PATH, encode, etag_matches, etag_of, render, sdk_key_accepted
from ._sdk_keys import sdk_key_target
from ._store import Store

#: Where the SDKs' CDN paths start (``/configuration-files/{sdkKey}/config_v6.json``).
CDN_PREFIX = "/configuration-files/"


def loadable(sdk_key: str, content: str | bytes | dict[str, Any]) -> bytes:
    """The bytes to serve for a ready config file, checked (see ``ConfigCatEmulator.serve_config_file``).

    Raises:
        ValueError: The key is in no shape the SDK accepts, or the content is not a JSON object.
    """
    if not sdk_key_accepted(sdk_key):
        raise ValueError(
            f"SDK key {sdk_key!r} is in no shape configcat-client accepts: '<22 chars>/<22 chars>', "
            "'configcat-sdk-1/<22 chars>/<22 chars>' or 'configcat-proxy/<anything>'"
        )
    body = json.dumps(content).encode() if isinstance(content, dict) else content
    if isinstance(body, str):
        body = body.encode("utf-8")
    try:
        parsed = json.loads(body)
    except ValueError as exc:
        raise ValueError(f"the config file for {sdk_key!r} is not valid JSON: {exc}") from exc
    if not isinstance(parsed, dict):
        raise ValueError(f"the config file for {sdk_key!r} must be a JSON object")
    return body


def served(store: Store, loaded: dict[str, bytes], sdk_key: str, base_url: str) -> tuple[bytes, str] | None:
    """The body and ETag served for an SDK key, or None when the key is unknown (store lock held).

    A loaded file wins; otherwise the file is rendered from the current state of the config and
    environment the key belongs to, with ``base_url`` as ``p.u``.
    """
    found = loaded.get(sdk_key)
    if found is not None:
        return found, etag_of(found)
    target = sdk_key_target(store, sdk_key)
    if target is None:
        return None
    return encode(render(store, *target, base_url))


def answer(
    method: str, path: str, if_none_match: str | None, lookup: Callable[[str], tuple[bytes, str] | None]
) -> tuple[int, bytes, str | None, dict[str, str]]:
    """Answer one CDN request: ``(status, body, content type, headers)``.

    Args:
        method: The HTTP method.
        path: The URL path (it starts with :data:`CDN_PREFIX`).
        if_none_match: The ``If-None-Match`` header, if any.
        lookup: ``lookup(sdk_key)`` returns ``(body, etag)`` or None, as :func:`served`.
    """
    found = CONFIG_FILE_PATH.match(path)
    if method not in ("GET", "HEAD"):
        return 405, b"", None, {"Allow": "GET, HEAD"}
    file = lookup(found.group("key")) if found else None
    if file is None:
        return 404, b"", None, {}
    body, etag = file
    # Exact match only: the SDK's first request sends the literal "empty", which matches nothing.
    if etag_matches(if_none_match, etag):
        return 304, b"", None, {"ETag": etag}
    return 200, body, "application/json; charset=utf-8", {"ETag": etag}
