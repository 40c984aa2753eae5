"""The emulated service's state: its tables, the id factory, lookups, cascades and the ``state()`` snapshot.

Stored records are camelCase dicts close to the wire models, holding their parents' ids. The handler
modules (one per entity) read and write these tables; everything more than one of them needs lives here.
"""

from __future__ import annotations

import copy
import re
import threading
import uuid
from collections.abc import Iterable
from typing import Any

from ._errors import bad_request, not_found
from ._ids import IdFactory

Rec = dict[str, Any]

ME = {"email": "emulator@example.com", "fullName": "ConfigCat Emulator"}
ORGANIZATION_NAME = "Emulated Organization"

# Matched whole (fullmatch) and ASCII only: `$` lets a trailing newline through, `\d` any script's digits.
_INT_RE = re.compile(r"-?[0-9]{1,10}")


def next_order(records: Iterable[Rec]) -> int:
    """The order after the highest of ``records`` (0 for none)."""
    orders = [r["order"] for r in records]
    return max(orders) + 1 if orders else 0


def merge(record: Rec, body: Rec, fields: Iterable[str]) -> None:
    """Copy the ``fields`` the body sets (not null) into the record."""
    # PUT on products, configs, environments, tags, segments and permission groups: a missing or
    # null field keeps the stored value (behaviour reference §3h, INFERRED).
    for name in fields:
        if body.get(name) is not None:
            record[name] = body[name]


def sorted_records(records: Iterable[Rec], id_key: str) -> list[Rec]:
    """Records by order, then creation."""
    return sorted(records, key=lambda r: (r.get("order", 0), r["_seq"], r[id_key]))


class Store:
    """The emulated service's state.

    Args:
        seed: Seed for the id and key generators.
    """

    def __init__(self, seed: int = 0) -> None:
        self.lock = threading.RLock()
        self.ids = IdFactory(seed)
        self.organization_id = self.ids.uuid()
        self.seq = 0
        self.products: dict[str, Rec] = {}
        self.configs: dict[str, Rec] = {}
        self.environments: dict[str, Rec] = {}
        self.settings: dict[int, Rec] = {}
        self.segments: dict[str, Rec] = {}
        self.tags: dict[int, Rec] = {}
        self.webhooks: dict[int, Rec] = {}
        self.permission_groups: dict[int, Rec] = {}
        self.preferences: dict[str, Rec] = {}
        # values[settingId][environmentId]: v1 value or v2 formula, by the config's evaluation version.
        self.values: dict[int, dict[str, Rec]] = {}
        self.sdk_keys: dict[str, Rec] = {}
        self.integrations: dict[str, Rec] = {}
        self.setting_tag_ids: dict[tuple[int, int], int] = {}
        # Organization-wide; the secret token is a private (``_``) field, left out of ``state()``.
        self.proxy_profiles: dict[str, Rec] = {}

        # Members by user id, each with ``permissions``: product id -> permission group id; and the
        # invitations pending until someone accepts them (see _members.py).
        self.users: dict[str, Rec] = {}
        self.invitations: dict[str, Rec] = {}
        self._seed_me()

    def _seed_me(self) -> None:
        # The credentials' own user is the organization's first admin; its id is fixed by the organization's
        # (drawing one from the id factory would move every id after it).
        user_id = str(uuid.uuid5(uuid.NAMESPACE_URL, "configcat-emulator-user:" + self.organization_id))
        self.users[user_id] = {
            "userId": user_id,
            "email": ME["email"],
            "fullName": ME["fullName"],
            "twoFactorEnabled": False,
            "isAdmin": True,
            "isBillingManager": False,
            "permissions": {},
            "_seq": 0,
        }

    def state(self) -> dict[str, Any]:
        """Return a deep copy of the whole state (stored records, camelCase)."""
        with self.lock:
            strip = self.strip
            return copy.deepcopy(
                {
                    "organization": {"organizationId": self.organization_id, "name": ORGANIZATION_NAME},
                    "products": strip(self.products),
                    "configs": strip(self.configs),
                    "environments": strip(self.environments),
                    "settings": strip(self.settings),
                    "segments": strip(self.segments),
                    "tags": strip(self.tags),
                    "webhooks": strip(self.webhooks),
                    "permissionGroups": strip(self.permission_groups),
                    "preferences": self.preferences,
                    "values": self.values,
                    "sdkKeys": self.sdk_keys,
                    "integrations": strip(self.integrations),
                    "proxyProfiles": strip(self.proxy_profiles),
                    "users": strip(self.users),
                    "invitations": strip(self.invitations),
                }
            )

    @staticmethod
    def strip(records: dict[Any, Rec]) -> dict[Any, Rec]:
        """The records without their private (``_``) fields."""
        return {k: {f: v for f, v in r.items() if not f.startswith("_")} for k, r in records.items()}

    def new(self, record: Rec) -> Rec:
        """Stamp a record with its creation sequence number; returns it."""
        self.seq += 1
        record["_seq"] = self.seq
        return record

    # ------------------------------------------------------------------ lookups (404 on anything unknown)

    @staticmethod
    def uuid(raw: str | None) -> str | None:
        """A GUID in its canonical spelling, or None when ``raw`` is not one."""
        if not raw:
            return None
        try:
            return str(uuid.UUID(raw))
        except ValueError:
            return None

    def by_uuid(self, table: dict[str, Rec], raw: str) -> Rec:
        """The record of a GUID-keyed table; 404 when unknown or malformed."""
        key = self.uuid(raw)
        if key is None or key not in table:
            raise not_found()
        return table[key]

    @staticmethod
    def by_int(table: dict[int, Rec], raw: str) -> Rec:
        """The record of an integer-keyed table; 404 when unknown or malformed."""
        if not _INT_RE.fullmatch(raw) or int(raw) not in table:
            raise not_found()
        return table[int(raw)]

    def product(self, raw: str) -> Rec:
        """The product with this id (404 otherwise)."""
        return self.by_uuid(self.products, raw)

    def config(self, raw: str) -> Rec:
        """The config with this id (404 otherwise)."""
        return self.by_uuid(self.configs, raw)

    def environment(self, raw: str) -> Rec:
        """The environment with this id (404 otherwise)."""
        return self.by_uuid(self.environments, raw)

    def setting(self, raw: str) -> Rec:
        """The setting with this id (404 otherwise)."""
        return self.by_int(self.settings, raw)

    def children(self, table: dict[Any, Rec], key: str, value: Any) -> list[Rec]:
        """The records of ``table`` whose ``key`` is ``value``."""
        return [r for r in table.values() if r[key] == value]

    def unique_name(self, kind: str, siblings: Iterable[Rec], name: str, own_id: Any, id_key: str) -> None:
        """Refuse a name another sibling has (case-insensitively)."""
        # Product, environment and segment names are unique case-insensitively (behaviour ref §3g).
        if not name:
            return
        for other in siblings:
            if other[id_key] != own_id and other["name"].casefold() == name.casefold():
                raise bad_request("Name", f"A {kind} with the name '{name}' already exists.")

    def product_environments(self, product_id: str) -> list[Rec]:
        """The product's environments in order."""
        return sorted_records(self.children(self.environments, "productId", product_id), "environmentId")

    def config_settings(self, config_id: str) -> list[Rec]:
        """The config's settings in order."""
        return sorted(
            self.children(self.settings, "configId", config_id), key=lambda s: (s["order"], s["settingId"])
        )

    def env_flag(self, env: Rec, flag: str) -> bool:
        """An environment's ``reasonRequired``/``approveRequired``: the product-wide flag or its own."""
        prefs = self.preferences[env["productId"]]
        if prefs[flag]:
            return True
        entries = prefs[f"{flag}Environments"]
        return any(e["environmentId"] == env["environmentId"] and e[flag] for e in entries)

    # ------------------------------------------------------------------ cascades

    def drop_product(self, product_id: str) -> None:
        """Delete a product and everything inside it."""
        for config in self.children(self.configs, "productId", product_id):
            self.drop_config(config["configId"])
        for env in self.children(self.environments, "productId", product_id):
            self.drop_environment(env["environmentId"])
        for table, id_key in (
            (self.segments, "segmentId"),
            (self.tags, "tagId"),
            (self.permission_groups, "permissionGroupId"),
            (self.integrations, "integrationId"),
        ):
            for record in self.children(table, "productId", product_id):
                del table[record[id_key]]
        for user in self.users.values():
            user["permissions"].pop(product_id, None)
        for invitation in self.children(self.invitations, "productId", product_id):
            del self.invitations[invitation["invitationId"]]
        del self.preferences[product_id]
        del self.products[product_id]

    def drop_permission_group(self, group_id: int) -> None:
        """Delete a permission group; its members leave its product and its invitations are revoked."""
        for user in self.users.values():
            product_id = self.permission_groups[group_id]["productId"]
            if user["permissions"].get(product_id) == group_id:
                del user["permissions"][product_id]
        for invitation in self.children(self.invitations, "permissionGroupId", group_id):
            del self.invitations[invitation["invitationId"]]
        del self.permission_groups[group_id]

    def drop_config(self, config_id: str) -> None:
        """Delete a config with its settings, values, webhooks and SDK keys."""
        for setting in self.children(self.settings, "configId", config_id):
            self.drop_setting(setting["settingId"])
        for hook in self.children(self.webhooks, "configId", config_id):
            del self.webhooks[hook["webhookId"]]
        for key in [k for k in self.sdk_keys if k.startswith(config_id + "/")]:
            del self.sdk_keys[key]
        for integration in self.integrations.values():
            integration["configIds"] = [c for c in integration["configIds"] if c != config_id]
        for profile in self.proxy_profiles.values():
            selected = profile["selectedSdkKeys"]
            profile["selectedSdkKeys"] = [pair for pair in selected if pair["configId"] != config_id]
        del self.configs[config_id]

    def drop_setting(self, setting_id: int) -> None:
        """Delete a setting with its values."""
        self.values.pop(setting_id, None)
        for key in [k for k in self.setting_tag_ids if k[0] == setting_id]:
            del self.setting_tag_ids[key]
        del self.settings[setting_id]

    def drop_environment(self, env_id: str) -> None:
        """Delete an environment with its values, webhooks, SDK keys, permission and preference entries."""
        product_id = self.environments[env_id]["productId"]
        for per_env in self.values.values():
            per_env.pop(env_id, None)
        for hook in self.children(self.webhooks, "environmentId", env_id):
            del self.webhooks[hook["webhookId"]]
        for key in [k for k in self.sdk_keys if k.endswith("/" + env_id)]:
            del self.sdk_keys[key]
        for integration in self.integrations.values():
            integration["environmentIds"] = [e for e in integration["environmentIds"] if e != env_id]
        for profile in self.proxy_profiles.values():
            selected = profile["selectedSdkKeys"]
            profile["selectedSdkKeys"] = [pair for pair in selected if pair["environmentId"] != env_id]
        for group in self.children(self.permission_groups, "productId", product_id):
            group["environmentAccesses"] = [
                a for a in group["environmentAccesses"] if a["environmentId"] != env_id
            ]
            group["environmentApprovalPermissions"] = [
                a for a in group["environmentApprovalPermissions"] if a["environmentId"] != env_id
            ]
        prefs = self.preferences[product_id]
        for flag in ("reasonRequired", "approveRequired"):
            entries = prefs[f"{flag}Environments"]
            prefs[f"{flag}Environments"] = [e for e in entries if e["environmentId"] != env_id]
        del self.environments[env_id]
