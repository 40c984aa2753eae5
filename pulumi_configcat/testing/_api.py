"""The emulated ConfigCat Public Management API: state, rules and handlers, with no HTTP in sight.

Every handler takes a :class:`Request` and returns ``(status, body)`` or raises
:class:`~._errors.ApiError`. Stored records are camelCase dicts close to the wire models, holding
their parents' ids; ``_render_*`` methods build the response models from them.
"""

from __future__ import annotations

import copy
import re
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import jsonpatch
import jsonpointer

from . import _spec
from ._configfile import parse_v1_number
from ._errors import ApiError, bad_request, not_found
from ._ids import IdFactory, iso, utc_now

Rec = dict[str, Any]

ME = {"email": "emulator@example.com", "fullName": "ConfigCat Emulator"}
ORGANIZATION_NAME = "Emulated Organization"

# Matched whole (fullmatch) and ASCII only: `$` lets a trailing newline through, `\d` any script's digits.
_INT_RE = re.compile(r"-?[0-9]{1,10}")
_PARAM_RE = re.compile(r"\{(\w+)\}")
# Hex colours or HTML colour names; the service answers "Invalid color." for anything else (TF tests).
_COLOR_RE = re.compile(r"#?[0-9a-fA-F]{3}|#?[0-9a-fA-F]{6}|#?[0-9a-fA-F]{8}|[a-zA-Z]+")

PERMISSION_FLAGS = (
    "canManageMembers",
    "canCreateOrUpdateConfig",
    "canDeleteConfig",
    "canCreateOrUpdateEnvironment",
    "canDeleteEnvironment",
    "canCreateOrUpdateSetting",
    "canTagSetting",
    "canDeleteSetting",
    "canCreateOrUpdateTag",
    "canDeleteTag",
    "canManageWebhook",
    "canUseExportImport",
    "canManageProductPreferences",
    "canManageIntegrations",
    "canViewSdkKey",
    "canRotateSdkKey",
    "canCreateOrUpdateSegments",
    "canDeleteSegments",
    "canViewProductAuditLog",
    "canViewProductStatistics",
    "canDisable2FA",
)
# A C# enum that the request leaves out binds to its first member; the spec lists them in that order.
PERMISSION_ENUM_DEFAULTS = {
    "accessType": "readOnly",
    "newEnvironmentAccessType": "full",
    "approvalPermissionType": "cannotApprove",
    "newEnvironmentApprovalPermissionType": "cannotApprove",
}


@dataclass
class Request:
    """One call into the API.

    Attributes:
        params: Path parameters by their spec names, as received.
        query: Query parameters, each a list of values.
        body: The parsed JSON body, or None when there was none.
    """

    params: dict[str, str]
    query: dict[str, list[str]] = field(default_factory=dict)
    body: Any = None

    def q(self, name: str) -> str | None:
        """Return the first value of a query parameter (matched case-insensitively), or None."""
        for key, values in self.query.items():
            if key.lower() == name.lower() and values:
                return values[0]
        return None


Handler = Callable[[Request], tuple[int, Any]]


@dataclass
class Route:
    """One operation: method, compiled path, handler and request-body schema."""

    method: str
    template: str
    pattern: re.Pattern[str]
    handler: Handler
    schema: str | None


def _compile(template: str) -> re.Pattern[str]:
    return re.compile(_PARAM_RE.sub(lambda m: f"(?P<{m.group(1)}>[^/]+)", template))


def _next_order(records: Iterable[Rec]) -> int:
    orders = [r["order"] for r in records]
    return max(orders) + 1 if orders else 0


def _merge(record: Rec, body: Rec, fields: Iterable[str]) -> None:
    # PUT on products, configs, environments, tags, segments and permission groups: a missing or
    # null field keeps the stored value (behaviour reference §3h, INFERRED).
    for name in fields:
        if body.get(name) is not None:
            record[name] = body[name]


def _sorted(records: Iterable[Rec], id_key: str) -> list[Rec]:
    return sorted(records, key=lambda r: (r.get("order", 0), r["_seq"], r[id_key]))


def apply_patch(document: Any, operations: list[Any]) -> Any:
    """Apply RFC 6902 operations to a copy of ``document``; a failing patch is a 400."""
    try:
        return jsonpatch.JsonPatch(operations).apply(copy.deepcopy(document), in_place=True)
    except (
        jsonpatch.JsonPatchException,
        jsonpointer.JsonPointerException,
        KeyError,
        IndexError,
        TypeError,
        ValueError,
    ) as exc:
        raise bad_request("", f"The JSON Patch could not be applied: {exc}") from exc


class Api:
    """The emulated service's state and operations.

    Args:
        seed: Seed for the id and key generators.
    """

    def __init__(self, seed: int = 0) -> None:
        self.lock = threading.RLock()
        self.ids = IdFactory(seed)
        self.organization_id = self.ids.uuid()
        self._seq = 0
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
        self._setting_tag_ids: dict[tuple[int, int], int] = {}
        self.routes = self._routes()

    # ------------------------------------------------------------------ plumbing

    def dispatch(
        self, method: str, path: str, body: Any = None, query: dict[str, list[str]] | None = None
    ) -> tuple[int, Any]:
        """Serve one call; never raises :class:`ApiError` (it becomes the answer).

        Args:
            method: HTTP method.
            path: URL path without the query string.
            body: Parsed JSON body or None.
            query: Query parameters.

        Returns:
            ``(status, body)``; body is None for answers without one.
        """
        route, params = self.match(method, path)
        if route is None:
            return 404, None
        try:
            if route.schema is not None:
                if body is None:
                    raise bad_request("", "A non-empty request body is required.")
                errors = self.adjust_errors(route.schema, body, _spec.validate(route.schema, body))
                if errors:
                    raise ApiError(400, errors)
            with self.lock:
                return route.handler(Request(params, query or {}, body))
        except ApiError as exc:
            return exc.status, exc.body

    def adjust_errors(self, schema: str, body: Any, errors: _spec.Errors) -> _spec.Errors:
        """Hook to reword schema errors where the service is known to word them differently."""
        return errors

    def match(self, method: str, path: str) -> tuple[Route | None, dict[str, str]]:
        """Find the route for a method and path."""
        for route in self.routes:
            if route.method == method.upper():
                found = route.pattern.fullmatch(path)
                if found:
                    return route, found.groupdict()
        return None, {}

    def state(self) -> dict[str, Any]:
        """Return a deep copy of the whole state (stored records, camelCase)."""
        with self.lock:
            strip = self._strip
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
                }
            )

    @staticmethod
    def _strip(records: dict[Any, Rec]) -> dict[Any, Rec]:
        return {k: {f: v for f, v in r.items() if not f.startswith("_")} for k, r in records.items()}

    def _new(self, record: Rec) -> Rec:
        self._seq += 1
        record["_seq"] = self._seq
        return record

    # ------------------------------------------------------------------ lookups (404 on anything unknown)

    @staticmethod
    def _uuid(raw: str | None) -> str | None:
        if not raw:
            return None
        try:
            return str(uuid.UUID(raw))
        except ValueError:
            return None

    def _by_uuid(self, table: dict[str, Rec], raw: str) -> Rec:
        key = self._uuid(raw)
        if key is None or key not in table:
            raise not_found()
        return table[key]

    @staticmethod
    def _by_int(table: dict[int, Rec], raw: str) -> Rec:
        if not _INT_RE.fullmatch(raw) or int(raw) not in table:
            raise not_found()
        return table[int(raw)]

    def _product(self, raw: str) -> Rec:
        return self._by_uuid(self.products, raw)

    def _config(self, raw: str) -> Rec:
        return self._by_uuid(self.configs, raw)

    def _environment(self, raw: str) -> Rec:
        return self._by_uuid(self.environments, raw)

    def _children(self, table: dict[Any, Rec], key: str, value: Any) -> list[Rec]:
        return [r for r in table.values() if r[key] == value]

    def _unique_name(self, kind: str, siblings: Iterable[Rec], name: str, own_id: Any, id_key: str) -> None:
        # Product, environment and segment names are unique case-insensitively (behaviour ref §3g).
        if not name:
            return
        for other in siblings:
            if other[id_key] != own_id and other["name"].casefold() == name.casefold():
                raise bad_request("Name", f"A {kind} with the name '{name}' already exists.")

    # ------------------------------------------------------------------ rendering

    def _render_organization(self) -> Rec:
        return {"organizationId": self.organization_id, "name": ORGANIZATION_NAME}

    def _render_product(self, product: Rec) -> Rec:
        prefs = self.preferences[product["productId"]]
        return {
            "organization": self._render_organization(),
            "productId": product["productId"],
            "name": product["name"],
            "description": product["description"],
            "order": product["order"],
            "reasonRequired": prefs["reasonRequired"],
            "approveRequired": prefs["approveRequired"],
        }

    def _render_config(self, config: Rec) -> Rec:
        return {
            "product": self._render_product(self.products[config["productId"]]),
            "configId": config["configId"],
            "name": config["name"],
            "description": config["description"],
            "order": config["order"],
            "migratedConfigId": None,
            "evaluationVersion": config["evaluationVersion"],
        }

    def _env_flag(self, env: Rec, flag: str) -> bool:
        prefs = self.preferences[env["productId"]]
        if prefs[flag]:
            return True
        entries = prefs[f"{flag}Environments"]
        return any(e["environmentId"] == env["environmentId"] and e[flag] for e in entries)

    def _render_environment_fields(self, env: Rec) -> Rec:
        return {
            "environmentId": env["environmentId"],
            "name": env["name"],
            "color": env["color"],
            "description": env["description"],
            "order": env["order"],
            "reasonRequired": self._env_flag(env, "reasonRequired"),
            "approveRequired": self._env_flag(env, "approveRequired"),
        }

    def _render_environment(self, env: Rec) -> Rec:
        return {"product": self._render_product(self.products[env["productId"]])} | (
            self._render_environment_fields(env)
        )

    def _render_tag(self, tag: Rec) -> Rec:
        return {
            "product": self._render_product(self.products[tag["productId"]]),
            "tagId": tag["tagId"],
            "name": tag["name"],
            "color": tag["color"],
        }

    def _segment_usage(self, segment_id: str) -> int:
        used = 0
        for per_env in self.values.values():
            if any(segment_id in _segment_refs(v) for v in per_env.values()):
                used += 1
        return used

    def _render_segment(self, segment: Rec, *, listing: bool = False) -> Rec:
        out: Rec = {"product": self._render_product(self.products[segment["productId"]])}
        out |= {
            k: segment[k]
            for k in (
                "segmentId",
                "name",
                "description",
                "creatorEmail",
                "creatorFullName",
                "createdAt",
                "lastUpdaterEmail",
                "lastUpdaterFullName",
                "updatedAt",
            )
        }
        if listing:
            out["usage"] = self._segment_usage(segment["segmentId"])
        else:
            out |= {k: segment[k] for k in ("comparisonAttribute", "comparator", "comparisonValue")}
        return out

    def _product_environments(self, product_id: str) -> list[Rec]:
        return _sorted(self._children(self.environments, "productId", product_id), "environmentId")

    def _render_permission_group(self, group: Rec) -> Rec:
        out: Rec = {"permissionGroupId": group["permissionGroupId"], "name": group["name"]}
        out |= {flag: group[flag] for flag in PERMISSION_FLAGS}
        out |= {k: group[k] for k in PERMISSION_ENUM_DEFAULTS}
        access = {a["environmentId"]: a["environmentAccessType"] for a in group["environmentAccesses"]}
        out["environmentAccesses"] = [
            self._render_environment_fields(env)
            | {"environmentAccessType": access.get(env["environmentId"], "none")}
            for env in self._product_environments(group["productId"])
        ]
        out["environmentApprovalPermissions"] = [
            dict(p)
            for p in group["environmentApprovalPermissions"]
            if p["environmentId"] in self.environments
        ]
        out["product"] = self._render_product(self.products[group["productId"]])
        return out

    def _render_preferences(self, product_id: str) -> Rec:
        prefs = self.preferences[product_id]
        out = {k: v for k, v in prefs.items() if not k.endswith("Environments")}
        for flag in ("reasonRequired", "approveRequired"):
            stored = {e["environmentId"]: e[flag] for e in prefs[f"{flag}Environments"]}
            out[f"{flag}Environments"] = [
                {"environmentId": env["environmentId"], flag: stored.get(env["environmentId"], False)}
                | {"environmentName": env["name"]}
                for env in self._product_environments(product_id)
            ]
        return out

    # ------------------------------------------------------------------ routes

    def _routes(self) -> list[Route]:
        table: list[tuple[str, str, Handler, str | None]] = [
            ("GET", "/v1/me", self.get_me, None),
            ("GET", "/v1/organizations", self.get_organizations, None),
            ("GET", "/v1/products", self.get_products, None),
            (
                "POST",
                "/v1/organizations/{organizationId}/products",
                self.create_product,
                "CreateProductRequest",
            ),
            ("GET", "/v1/products/{productId}", self.get_product, None),
            ("PUT", "/v1/products/{productId}", self.update_product, "UpdateProductRequest"),
            ("DELETE", "/v1/products/{productId}", self.delete_product, None),
            ("GET", "/v1/products/{productId}/preferences", self.get_preferences, None),
            (
                "POST",
                "/v1/products/{productId}/preferences",
                self.update_preferences,
                "UpdatePreferencesRequest",
            ),
            ("GET", "/v1/products/{productId}/configs", self.get_configs, None),
            ("POST", "/v1/products/{productId}/configs", self.create_config, "CreateConfigRequest"),
            ("GET", "/v1/configs/{configId}", self.get_config, None),
            ("PUT", "/v1/configs/{configId}", self.update_config, "UpdateConfigRequest"),
            ("DELETE", "/v1/configs/{configId}", self.delete_config, None),
            ("GET", "/v1/products/{productId}/environments", self.get_environments, None),
            (
                "POST",
                "/v1/products/{productId}/environments",
                self.create_environment,
                "CreateEnvironmentModel",
            ),
            ("GET", "/v1/environments/{environmentId}", self.get_environment, None),
            ("PUT", "/v1/environments/{environmentId}", self.update_environment, "UpdateEnvironmentModel"),
            ("DELETE", "/v1/environments/{environmentId}", self.delete_environment, None),
            ("GET", "/v1/products/{productId}/segments", self.get_segments, None),
            ("POST", "/v1/products/{productId}/segments", self.create_segment, "CreateSegmentModel"),
            ("GET", "/v1/segments/{segmentId}", self.get_segment, None),
            ("PUT", "/v1/segments/{segmentId}", self.update_segment, "UpdateSegmentModel"),
            ("DELETE", "/v1/segments/{segmentId}", self.delete_segment, None),
            ("GET", "/v1/products/{productId}/tags", self.get_tags, None),
            ("POST", "/v1/products/{productId}/tags", self.create_tag, "CreateTagModel"),
            ("GET", "/v1/tags/{tagId}", self.get_tag, None),
            ("PUT", "/v1/tags/{tagId}", self.update_tag, "UpdateTagModel"),
            ("DELETE", "/v1/tags/{tagId}", self.delete_tag, None),
            ("GET", "/v1/products/{productId}/permissions", self.get_permission_groups, None),
            (
                "POST",
                "/v1/products/{productId}/permissions",
                self.create_permission_group,
                "CreatePermissionGroupRequest",
            ),
            ("GET", "/v1/permissions/{permissionGroupId}", self.get_permission_group, None),
            (
                "PUT",
                "/v1/permissions/{permissionGroupId}",
                self.update_permission_group,
                "UpdatePermissionGroupRequest",
            ),
            ("DELETE", "/v1/permissions/{permissionGroupId}", self.delete_permission_group, None),
            ("GET", "/v1/products/{productId}/integrations", self.get_integrations, None),
            (
                "POST",
                "/v1/products/{productId}/integrations",
                self.create_integration,
                "CreateIntegrationModel",
            ),
            ("GET", "/v1/integrations/{integrationId}", self.get_integration, None),
            (
                "PUT",
                "/v1/integrations/{integrationId}",
                self.update_integration,
                "ModifyIntegrationRequest",
            ),
            ("DELETE", "/v1/integrations/{integrationId}", self.delete_integration, None),
            *self._more_routes(),
        ]
        return [Route(m, t, _compile(t), h, s) for m, t, h, s in table]

    def _more_routes(self) -> list[tuple[str, str, Handler, str | None]]:
        """Routes added by subclasses."""
        return []

    # ------------------------------------------------------------------ me, organizations, products

    def get_me(self, req: Request) -> tuple[int, Any]:
        """GET /v1/me."""
        return 200, dict(ME)

    def get_organizations(self, req: Request) -> tuple[int, Any]:
        """GET /v1/organizations."""
        return 200, [self._render_organization()]

    def get_products(self, req: Request) -> tuple[int, Any]:
        """GET /v1/products."""
        return 200, [self._render_product(p) for p in _sorted(self.products.values(), "productId")]

    def create_product(self, req: Request) -> tuple[int, Any]:
        """POST /v1/organizations/{organizationId}/products."""
        if self._uuid(req.params["organizationId"]) != self.organization_id:
            raise not_found()
        body = req.body
        self._unique_name("Product", self.products.values(), body["name"], None, "productId")
        product_id = self.ids.uuid()
        order = body.get("order")
        self.products[product_id] = self._new(
            {
                "productId": product_id,
                "organizationId": self.organization_id,
                "name": body["name"],
                "description": body.get("description"),
                "order": order if order is not None else _next_order(self.products.values()),
            }
        )
        self.preferences[product_id] = {
            "reasonRequired": False,
            "keyGenerationMode": "camelCase",
            "showVariationId": False,
            "mandatorySettingHint": False,
            "approveRequired": False,
            "reasonRequiredEnvironments": [],
            "approveRequiredEnvironments": [],
        }
        return 201, self._render_product(self.products[product_id])

    def get_product(self, req: Request) -> tuple[int, Any]:
        """GET /v1/products/{productId}."""
        return 200, self._render_product(self._product(req.params["productId"]))

    def update_product(self, req: Request) -> tuple[int, Any]:
        """PUT /v1/products/{productId}."""
        product = self._product(req.params["productId"])
        name = req.body.get("name")
        if name is not None:
            self._unique_name("Product", self.products.values(), name, product["productId"], "productId")
        _merge(product, req.body, ("name", "description", "order"))
        return 200, self._render_product(product)

    def delete_product(self, req: Request) -> tuple[int, Any]:
        """DELETE /v1/products/{productId}: cascades to everything inside the product."""
        product = self._product(req.params["productId"])
        product_id = product["productId"]
        for config in self._children(self.configs, "productId", product_id):
            self._drop_config(config["configId"])
        for env in self._children(self.environments, "productId", product_id):
            self._drop_environment(env["environmentId"])
        for table, id_key in (
            (self.segments, "segmentId"),
            (self.tags, "tagId"),
            (self.permission_groups, "permissionGroupId"),
            (self.integrations, "integrationId"),
        ):
            for record in self._children(table, "productId", product_id):
                del table[record[id_key]]
        del self.preferences[product_id]
        del self.products[product_id]
        return 204, None

    # ------------------------------------------------------------------ preferences

    def get_preferences(self, req: Request) -> tuple[int, Any]:
        """GET /v1/products/{productId}/preferences."""
        product = self._product(req.params["productId"])
        return 200, self._render_preferences(product["productId"])

    def update_preferences(self, req: Request) -> tuple[int, Any]:
        """POST /v1/products/{productId}/preferences: only the fields given change."""
        product = self._product(req.params["productId"])
        product_id = product["productId"]
        prefs = self.preferences[product_id]
        body = req.body
        updates: dict[str, dict[str, bool]] = {}
        for flag in ("reasonRequired", "approveRequired"):
            entries = body.get(f"{flag}Environments")
            updates[flag] = {}
            for index, entry in enumerate(entries or []):
                env_id = self._uuid(entry.get("environmentId"))
                env = self.environments.get(env_id or "")
                if env is None or env["productId"] != product_id:
                    raise bad_request(
                        f"{flag[:1].upper()}{flag[1:]}Environments[{index}].EnvironmentId",
                        f"Environment '{entry.get('environmentId')}' not found in this product.",
                    )
                updates[flag][env["environmentId"]] = bool(entry.get(flag, False))
        _merge(
            prefs, body, ("reasonRequired", "keyGenerationMode", "showVariationId", "mandatorySettingHint")
        )
        _merge(prefs, body, ("approveRequired",))
        for flag, changes in updates.items():
            stored = prefs[f"{flag}Environments"]
            for entry in stored:
                if entry["environmentId"] in changes:
                    entry[flag] = changes.pop(entry["environmentId"])
            stored.extend({"environmentId": env_id, flag: value} for env_id, value in changes.items())
        return 200, self._render_preferences(product_id)

    # ------------------------------------------------------------------ configs

    def get_configs(self, req: Request) -> tuple[int, Any]:
        """GET /v1/products/{productId}/configs."""
        product = self._product(req.params["productId"])
        configs = _sorted(self._children(self.configs, "productId", product["productId"]), "configId")
        return 200, [self._render_config(c) for c in configs]

    def create_config(self, req: Request) -> tuple[int, Any]:
        """POST /v1/products/{productId}/configs."""
        product = self._product(req.params["productId"])
        body = req.body
        config_id = self.ids.uuid()
        siblings = self._children(self.configs, "productId", product["productId"])
        order = body.get("order")
        self.configs[config_id] = self._new(
            {
                "configId": config_id,
                "productId": product["productId"],
                "name": body["name"],
                "description": body.get("description"),
                "order": order if order is not None else _next_order(siblings),
                "evaluationVersion": body.get("evaluationVersion") or "v1",
            }
        )
        return 201, self._render_config(self.configs[config_id])

    def get_config(self, req: Request) -> tuple[int, Any]:
        """GET /v1/configs/{configId}."""
        return 200, self._render_config(self._config(req.params["configId"]))

    def update_config(self, req: Request) -> tuple[int, Any]:
        """PUT /v1/configs/{configId} (the evaluation version is not in the update model)."""
        config = self._config(req.params["configId"])
        _merge(config, req.body, ("name", "description", "order"))
        return 200, self._render_config(config)

    def delete_config(self, req: Request) -> tuple[int, Any]:
        """DELETE /v1/configs/{configId}: cascades to its settings, values and webhooks."""
        config = self._config(req.params["configId"])
        self._drop_config(config["configId"])
        return 204, None

    def _drop_config(self, config_id: str) -> None:
        for setting in self._children(self.settings, "configId", config_id):
            self._drop_setting(setting["settingId"])
        for hook in self._children(self.webhooks, "configId", config_id):
            del self.webhooks[hook["webhookId"]]
        for key in [k for k in self.sdk_keys if k.startswith(config_id + "/")]:
            del self.sdk_keys[key]
        for integration in self.integrations.values():
            integration["configIds"] = [c for c in integration["configIds"] if c != config_id]
        del self.configs[config_id]

    def _drop_setting(self, setting_id: int) -> None:
        self.values.pop(setting_id, None)
        for key in [k for k in self._setting_tag_ids if k[0] == setting_id]:
            del self._setting_tag_ids[key]
        del self.settings[setting_id]

    # ------------------------------------------------------------------ environments

    def get_environments(self, req: Request) -> tuple[int, Any]:
        """GET /v1/products/{productId}/environments."""
        product = self._product(req.params["productId"])
        return 200, [self._render_environment(e) for e in self._product_environments(product["productId"])]

    def _check_color(self, color: Any) -> None:
        if color and not _COLOR_RE.fullmatch(color):
            raise bad_request("Color", "Invalid color.")

    def create_environment(self, req: Request) -> tuple[int, Any]:
        """POST /v1/products/{productId}/environments: every setting of the product gets a default value."""
        product = self._product(req.params["productId"])
        product_id = product["productId"]
        body = req.body
        siblings = self._children(self.environments, "productId", product_id)
        self._unique_name("Environment", siblings, body["name"], None, "environmentId")
        self._check_color(body.get("color"))
        env_id = self.ids.uuid()
        order = body.get("order")
        self.environments[env_id] = env = self._new(
            {
                "environmentId": env_id,
                "productId": product_id,
                "name": body["name"],
                "color": body.get("color"),
                "description": body.get("description"),
                "order": order if order is not None else _next_order(siblings),
            }
        )
        prefs = self.preferences[product_id]
        prefs["reasonRequiredEnvironments"].append({"environmentId": env_id, "reasonRequired": False})
        prefs["approveRequiredEnvironments"].append({"environmentId": env_id, "approveRequired": False})
        for group in self._children(self.permission_groups, "productId", product_id):
            group["environmentAccesses"].append(
                {"environmentId": env_id, "environmentAccessType": group["newEnvironmentAccessType"]}
            )
            group["environmentApprovalPermissions"].append(
                {
                    "environmentId": env_id,
                    "environmentApprovalPermissionType": group["newEnvironmentApprovalPermissionType"],
                }
            )
        for config in self._children(self.configs, "productId", product_id):
            for setting in self._children(self.settings, "configId", config["configId"]):
                self.values.setdefault(setting["settingId"], {})[env_id] = self._default_value(
                    setting, config, None
                )
        return 201, self._render_environment(env)

    def _default_value(self, setting: Rec, config: Rec, raw: Any) -> Rec:
        """Return a new stored value (v1) or formula (v2) serving ``raw`` or the type default."""
        raise NotImplementedError

    def get_environment(self, req: Request) -> tuple[int, Any]:
        """GET /v1/environments/{environmentId}."""
        return 200, self._render_environment(self._environment(req.params["environmentId"]))

    def update_environment(self, req: Request) -> tuple[int, Any]:
        """PUT /v1/environments/{environmentId}."""
        env = self._environment(req.params["environmentId"])
        body = req.body
        if body.get("name") is not None:
            siblings = self._children(self.environments, "productId", env["productId"])
            self._unique_name("Environment", siblings, body["name"], env["environmentId"], "environmentId")
        self._check_color(body.get("color"))
        _merge(env, body, ("name", "color", "description", "order"))
        return 200, self._render_environment(env)

    def delete_environment(self, req: Request) -> tuple[int, Any]:
        """DELETE /v1/environments/{environmentId}; ``cleanupAuditLogs`` is accepted (no audit logs here)."""
        env = self._environment(req.params["environmentId"])
        self._drop_environment(env["environmentId"])
        return 204, None

    def _drop_environment(self, env_id: str) -> None:
        product_id = self.environments[env_id]["productId"]
        for per_env in self.values.values():
            per_env.pop(env_id, None)
        for hook in self._children(self.webhooks, "environmentId", env_id):
            del self.webhooks[hook["webhookId"]]
        for key in [k for k in self.sdk_keys if k.endswith("/" + env_id)]:
            del self.sdk_keys[key]
        for integration in self.integrations.values():
            integration["environmentIds"] = [e for e in integration["environmentIds"] if e != env_id]
        for group in self._children(self.permission_groups, "productId", product_id):
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

    # ------------------------------------------------------------------ segments

    def get_segments(self, req: Request) -> tuple[int, Any]:
        """GET /v1/products/{productId}/segments."""
        product = self._product(req.params["productId"])
        segments = self._children(self.segments, "productId", product["productId"])
        return 200, [self._render_segment(s, listing=True) for s in sorted(segments, key=lambda s: s["_seq"])]

    def create_segment(self, req: Request) -> tuple[int, Any]:
        """POST /v1/products/{productId}/segments."""
        product = self._product(req.params["productId"])
        body = req.body
        siblings = self._children(self.segments, "productId", product["productId"])
        self._unique_name("Segment", siblings, body["name"], None, "segmentId")
        _check_segment_number(body["comparator"], body["comparisonValue"])
        segment_id = self.ids.uuid()
        now = iso(utc_now())
        self.segments[segment_id] = segment = self._new(
            {
                "segmentId": segment_id,
                "productId": product["productId"],
                "name": body["name"],
                "description": body.get("description"),
                "comparisonAttribute": body["comparisonAttribute"],
                "comparator": body["comparator"],
                "comparisonValue": body["comparisonValue"],
                "creatorEmail": ME["email"],
                "creatorFullName": ME["fullName"],
                "createdAt": now,
                "lastUpdaterEmail": ME["email"],
                "lastUpdaterFullName": ME["fullName"],
                "updatedAt": now,
            }
        )
        return 201, self._render_segment(segment)

    def get_segment(self, req: Request) -> tuple[int, Any]:
        """GET /v1/segments/{segmentId}."""
        return 200, self._render_segment(self._by_uuid(self.segments, req.params["segmentId"]))

    def update_segment(self, req: Request) -> tuple[int, Any]:
        """PUT /v1/segments/{segmentId}."""
        segment = self._by_uuid(self.segments, req.params["segmentId"])
        body = req.body
        if body.get("name") is not None:
            siblings = self._children(self.segments, "productId", segment["productId"])
            self._unique_name("Segment", siblings, body["name"], segment["segmentId"], "segmentId")
        _check_segment_number(
            body.get("comparator") or segment["comparator"],
            body.get("comparisonValue") or segment["comparisonValue"],
        )
        _merge(segment, body, ("name", "description", "comparisonAttribute", "comparator", "comparisonValue"))
        segment["updatedAt"] = iso(utc_now())
        return 200, self._render_segment(segment)

    def delete_segment(self, req: Request) -> tuple[int, Any]:
        """DELETE /v1/segments/{segmentId}."""
        segment = self._by_uuid(self.segments, req.params["segmentId"])
        del self.segments[segment["segmentId"]]
        return 204, None

    # ------------------------------------------------------------------ tags

    def get_tags(self, req: Request) -> tuple[int, Any]:
        """GET /v1/products/{productId}/tags."""
        product = self._product(req.params["productId"])
        tags = self._children(self.tags, "productId", product["productId"])
        return 200, [self._render_tag(t) for t in sorted(tags, key=lambda t: t["tagId"])]

    def create_tag(self, req: Request) -> tuple[int, Any]:
        """POST /v1/products/{productId}/tags."""
        product = self._product(req.params["productId"])
        tag_id = self.ids.integer("tag")
        self.tags[tag_id] = tag = self._new(
            {
                "tagId": tag_id,
                "productId": product["productId"],
                "name": req.body["name"],
                "color": req.body.get("color"),
            }
        )
        return 201, self._render_tag(tag)

    def get_tag(self, req: Request) -> tuple[int, Any]:
        """GET /v1/tags/{tagId}."""
        return 200, self._render_tag(self._by_int(self.tags, req.params["tagId"]))

    def update_tag(self, req: Request) -> tuple[int, Any]:
        """PUT /v1/tags/{tagId}."""
        tag = self._by_int(self.tags, req.params["tagId"])
        _merge(tag, req.body, ("name", "color"))
        return 200, self._render_tag(tag)

    def delete_tag(self, req: Request) -> tuple[int, Any]:
        """DELETE /v1/tags/{tagId}: the tag is detached from its settings."""
        tag = self._by_int(self.tags, req.params["tagId"])
        tag_id = tag["tagId"]
        for setting in self.settings.values():
            if tag_id in setting["tags"]:
                setting["tags"] = [t for t in setting["tags"] if t != tag_id]
                self._setting_tag_ids.pop((setting["settingId"], tag_id), None)
        del self.tags[tag_id]
        return 204, None

    # ------------------------------------------------------------------ permission groups

    def get_permission_groups(self, req: Request) -> tuple[int, Any]:
        """GET /v1/products/{productId}/permissions."""
        product = self._product(req.params["productId"])
        groups = self._children(self.permission_groups, "productId", product["productId"])
        return 200, [self._render_permission_group(g) for g in sorted(groups, key=lambda g: g["_seq"])]

    def _group_environment_lists(self, product_id: str, body: Rec, group: Rec) -> None:
        for list_key, type_key in (
            ("environmentAccesses", "environmentAccessType"),
            ("environmentApprovalPermissions", "environmentApprovalPermissionType"),
        ):
            entries = body.get(list_key)
            if entries is None:
                continue
            stored = []
            for index, entry in enumerate(entries):
                env = self.environments.get(self._uuid(entry.get("environmentId")) or "")
                if env is None or env["productId"] != product_id:
                    raise bad_request(
                        f"{list_key[:1].upper()}{list_key[1:]}[{index}].EnvironmentId",
                        f"Environment '{entry.get('environmentId')}' not found in this product.",
                    )
                default = "none" if type_key == "environmentAccessType" else "cannotApprove"
                stored.append(
                    {"environmentId": env["environmentId"], type_key: entry.get(type_key) or default}
                )
            group[list_key] = stored

    @staticmethod
    def _check_group_rules(group: Rec) -> None:
        # The one dependency rule the service is known to enforce (TF provider test, 2023-08).
        if group["canDeleteConfig"] and not (group["canCreateOrUpdateConfig"] and group["canDeleteSetting"]):
            raise bad_request(
                "CanDeleteConfig",
                "CanDeleteConfig is not allowed without the CanCreateOrUpdateConfig and "
                "CanDeleteSetting permissions.",
            )

    def create_permission_group(self, req: Request) -> tuple[int, Any]:
        """POST /v1/products/{productId}/permissions."""
        product = self._product(req.params["productId"])
        product_id = product["productId"]
        body = req.body
        group: Rec = {"permissionGroupId": 0, "productId": product_id, "name": body["name"]}
        group |= {flag: bool(body.get(flag, False)) for flag in PERMISSION_FLAGS}
        group |= {k: body.get(k) or default for k, default in PERMISSION_ENUM_DEFAULTS.items()}
        group["environmentAccesses"] = [
            {
                "environmentId": env["environmentId"],
                "environmentAccessType": group["newEnvironmentAccessType"],
            }
            for env in self._product_environments(product_id)
        ]
        group["environmentApprovalPermissions"] = []
        self._group_environment_lists(product_id, body, group)
        self._check_group_rules(group)
        group["permissionGroupId"] = group_id = self.ids.integer("permissionGroup")
        self.permission_groups[group_id] = self._new(group)
        return 201, self._render_permission_group(group)

    def get_permission_group(self, req: Request) -> tuple[int, Any]:
        """GET /v1/permissions/{permissionGroupId}."""
        return 200, self._render_permission_group(
            self._by_int(self.permission_groups, req.params["permissionGroupId"])
        )

    def update_permission_group(self, req: Request) -> tuple[int, Any]:
        """PUT /v1/permissions/{permissionGroupId}."""
        group = self._by_int(self.permission_groups, req.params["permissionGroupId"])
        updated = copy.deepcopy(group)
        _merge(updated, req.body, ("name", *PERMISSION_FLAGS, *PERMISSION_ENUM_DEFAULTS))
        self._group_environment_lists(group["productId"], req.body, updated)
        self._check_group_rules(updated)
        group.update(updated)
        return 200, self._render_permission_group(group)

    def delete_permission_group(self, req: Request) -> tuple[int, Any]:
        """DELETE /v1/permissions/{permissionGroupId}."""
        group = self._by_int(self.permission_groups, req.params["permissionGroupId"])
        del self.permission_groups[group["permissionGroupId"]]
        return 204, None

    # ------------------------------------------------------------------ integrations

    def _render_integration(self, integration: Rec) -> Rec:
        return {
            "product": self._render_product(self.products[integration["productId"]]),
            "integrationId": integration["integrationId"],
            "name": integration["name"],
            "integrationType": integration["integrationType"],
            # The service returns the parameters as stored (the Terraform provider reads them back).
            "parameters": dict(integration["parameters"]),
            "environmentIds": list(integration["environmentIds"]),
            "configIds": list(integration["configIds"]),
        }

    def _integration_scope(self, product_id: str, body: Rec) -> tuple[list[str], list[str]]:
        """The body's config and environment ids, each checked to be in the product (400 otherwise)."""
        scoped: dict[str, list[str]] = {}
        for list_key, table, kind in (
            ("configIds", self.configs, "Config"),
            ("environmentIds", self.environments, "Environment"),
        ):
            ids: list[str] = []
            for index, raw in enumerate(body[list_key]):
                record = table.get(self._uuid(raw) or "")
                if record is None or record["productId"] != product_id:
                    raise bad_request(
                        f"{list_key[:1].upper()}{list_key[1:]}[{index}]",
                        f"{kind} '{raw}' not found in this product.",
                    )
                ids.append(str(self._uuid(raw)))
            scoped[list_key] = list(dict.fromkeys(ids))
        return scoped["configIds"], scoped["environmentIds"]

    def create_integration(self, req: Request) -> tuple[int, Any]:
        """POST /v1/products/{productId}/integrations."""
        product = self._product(req.params["productId"])
        body = req.body
        _check_integration_parameters(body["integrationType"], body["parameters"])
        config_ids, environment_ids = self._integration_scope(product["productId"], body)
        integration_id = self.ids.uuid()
        self.integrations[integration_id] = integration = self._new(
            {
                "integrationId": integration_id,
                "productId": product["productId"],
                "name": body["name"],
                "integrationType": body["integrationType"],
                "parameters": dict(body["parameters"]),
                "configIds": config_ids,
                "environmentIds": environment_ids,
            }
        )
        return 201, self._render_integration(integration)

    def get_integrations(self, req: Request) -> tuple[int, Any]:
        """GET /v1/products/{productId}/integrations."""
        product = self._product(req.params["productId"])
        found = self._children(self.integrations, "productId", product["productId"])
        return 200, {
            "integrations": [self._render_integration(i) for i in sorted(found, key=lambda i: i["_seq"])]
        }

    def get_integration(self, req: Request) -> tuple[int, Any]:
        """GET /v1/integrations/{integrationId}."""
        return 200, self._render_integration(self._by_uuid(self.integrations, req.params["integrationId"]))

    def update_integration(self, req: Request) -> tuple[int, Any]:
        """PUT /v1/integrations/{integrationId}: every field is required, so this is a complete replace."""
        integration = self._by_uuid(self.integrations, req.params["integrationId"])
        body = req.body
        _check_integration_parameters(integration["integrationType"], body["parameters"])
        config_ids, environment_ids = self._integration_scope(integration["productId"], body)
        integration.update(
            {
                "name": body["name"],
                "parameters": dict(body["parameters"]),
                "configIds": config_ids,
                "environmentIds": environment_ids,
            }
        )
        return 200, self._render_integration(integration)

    def delete_integration(self, req: Request) -> tuple[int, Any]:
        """DELETE /v1/integrations/{integrationId}."""
        integration = self._by_uuid(self.integrations, req.params["integrationId"])
        del self.integrations[integration["integrationId"]]
        return 204, None


# Per integration type: required parameters, and parameters limited to a set of values. From the spec's
# create-integration text; the error texts are the ones the Terraform provider's tests see.
INTEGRATION_REQUIRED_PARAMETERS: dict[str, tuple[str, ...]] = {
    "dataDog": ("apikey",),
    "slack": ("incoming_webhook.url",),
    "amplitude": ("apiKey", "secretKey"),
    "mixPanel": ("serviceAccountUserName", "serviceAccountSecret", "projectId"),
    "segment": ("writeKey",),
    "pubNub": (),
}
INTEGRATION_PARAMETER_CHOICES: dict[str, dict[str, tuple[str, ...]]] = {
    "dataDog": {"site": ("Us", "Eu", "Us1Fed", "Us3", "Us5")},
    "mixPanel": {"server": ("StandardServer", "EUResidencyServer")},
    "segment": {"server": ("Us", "Eu")},
}
_SLACK_WEBHOOK_HOST = "hooks.slack.com"


def _check_integration_parameters(integration_type: str, parameters: dict[str, str]) -> None:
    for name in INTEGRATION_REQUIRED_PARAMETERS.get(integration_type, ()):
        if not parameters.get(name):
            raise bad_request("Parameters", f"{name} parameter is required")
    for name, allowed in INTEGRATION_PARAMETER_CHOICES.get(integration_type, {}).items():
        if name in parameters and parameters[name] not in allowed:
            raise bad_request("Parameters", f"'{name}' is invalid")
    if integration_type == "slack":
        url = urlsplit(parameters["incoming_webhook.url"])
        if url.scheme not in ("http", "https") or not url.hostname:
            raise bad_request("Parameters", "'incoming_webhook.url' is not a valid URL.")
        if url.hostname != _SLACK_WEBHOOK_HOST:
            raise bad_request(
                "Parameters", "'incoming_webhook.url' is not a valid Slack Incoming Webhook URL."
            )


def _check_segment_number(comparator: str, text: str) -> None:
    # The config file needs a number for number comparators (wording invented).
    if comparator.startswith("number") and parse_v1_number(text) is None:
        raise bad_request("ComparisonValue", "The comparison value must be a number.")


def _segment_refs(value: Rec) -> set[str]:
    """Return the segment ids a stored v1 value or v2 formula refers to."""
    refs: set[str] = set()
    for rule in value.get("rolloutRules", []):
        if rule.get("segmentId"):
            refs.add(rule["segmentId"])
    for rule in value.get("targetingRules", []):
        for condition in rule["conditions"]:
            if condition.get("segmentCondition"):
                refs.add(condition["segmentCondition"]["segmentId"])
    return refs
