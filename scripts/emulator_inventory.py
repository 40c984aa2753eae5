"""Print what a ConfigCat Management API (the emulator, in scripts/demo) holds, read over its REST API.

Usage: ``python scripts/emulator_inventory.py BASE_URL USERNAME`` with the password in the environment
variable CONFIGCAT_BASIC_AUTH_PASSWORD (kept off the command line).
"""

from __future__ import annotations

import os
import sys
from typing import Any

import requests


def _value(value: dict[str, Any] | None) -> Any:
    """The one set field of a ValueModel (v2) or the plain value (v1)."""
    if not isinstance(value, dict):
        return value
    return next((v for v in value.values() if v is not None), None)


def main(argv: list[str]) -> int:
    """Print products, configs, environments, tags, segments, permission groups, flags and their values."""
    base_url, username = argv[1], argv[2]
    session = requests.Session()
    session.auth = (username, os.environ["CONFIGCAT_BASIC_AUTH_PASSWORD"])

    def get(path: str) -> Any:
        response = session.get(base_url.rstrip("/") + path, timeout=10)
        response.raise_for_status()
        return response.json()

    products = get("/v1/products")
    if not products:
        print("  (no products)")
    for product in products:
        pid = product["productId"]
        print(f"  product {product['name']!r} ({pid})")
        environments = get(f"/v1/products/{pid}/environments")
        for env in environments:
            print(f"    environment {env['name']!r} color={env.get('color')} ({env['environmentId']})")
        for tag in get(f"/v1/products/{pid}/tags"):
            print(f"    tag {tag['name']!r} color={tag.get('color')} ({tag['tagId']})")
        for segment in get(f"/v1/products/{pid}/segments"):
            print(f"    segment {segment['name']!r} ({segment['segmentId']})")
        for group in get(f"/v1/products/{pid}/permissions"):
            print(f"    permission group {group['name']!r} accessType={group.get('accessType')}")
        preferences = get(f"/v1/products/{pid}/preferences")
        required = [
            e["environmentName"]
            for e in preferences.get("reasonRequiredEnvironments") or []
            if e.get("reasonRequired")
        ]
        print(
            f"    preferences keyGenerationMode={preferences.get('keyGenerationMode')}"
            f" reasonRequired in {required or 'no environment'}"
        )
        for config in get(f"/v1/products/{pid}/configs"):
            cid, version = config["configId"], config.get("evaluationVersion", "v1")
            settings = get(f"/v1/configs/{cid}/settings")
            print(f"    config {config['name']!r} ({version}, {len(settings)} flags) ({cid})")
            for env in environments:
                eid = env["environmentId"]
                if version == "v2":
                    values = {
                        f["setting"]["key"]: _value(f.get("defaultValue"))
                        for f in get(f"/v2/configs/{cid}/environments/{eid}/values")["settingFormulas"]
                    }
                else:
                    values = {
                        v["setting"]["key"]: v.get("value")
                        for v in get(f"/v1/configs/{cid}/environments/{eid}/values")["settingValues"]
                    }
                shown = ", ".join(f"{key}={value!r}" for key, value in values.items()) or "no flags"
                print(f"      values in {env['name']!r}: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
