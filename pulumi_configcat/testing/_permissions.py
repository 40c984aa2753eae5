"""Permission groups: their flags and enums, per-environment access and approval, and the one known rule."""

from __future__ import annotations

import copy
from typing import Any

from ._environments import render_environment_fields
from ._errors import bad_request
from ._products import render_product
from ._router import Request, Routes
from ._store import Rec, Store, merge

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

ROUTES = Routes()


def _render_permission_group(store: Store, group: Rec) -> Rec:
    out: Rec = {"permissionGroupId": group["permissionGroupId"], "name": group["name"]}
    out |= {flag: group[flag] for flag in PERMISSION_FLAGS}
    out |= {k: group[k] for k in PERMISSION_ENUM_DEFAULTS}
    access = {a["environmentId"]: a["environmentAccessType"] for a in group["environmentAccesses"]}
    out["environmentAccesses"] = [
        render_environment_fields(store, env)
        | {"environmentAccessType": access.get(env["environmentId"], "none")}
        for env in store.product_environments(group["productId"])
    ]
    out["environmentApprovalPermissions"] = [
        dict(p) for p in group["environmentApprovalPermissions"] if p["environmentId"] in store.environments
    ]
    out["product"] = render_product(store, store.products[group["productId"]])
    return out


@ROUTES.get("/v1/products/{productId}/permissions")
def get_permission_groups(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/products/{productId}/permissions."""
    product = store.product(req.params["productId"])
    groups = store.children(store.permission_groups, "productId", product["productId"])
    return 200, [_render_permission_group(store, g) for g in sorted(groups, key=lambda g: g["_seq"])]


def _group_environment_lists(store: Store, product_id: str, body: Rec, group: Rec) -> None:
    for list_key, type_key in (
        ("environmentAccesses", "environmentAccessType"),
        ("environmentApprovalPermissions", "environmentApprovalPermissionType"),
    ):
        entries = body.get(list_key)
        if entries is None:
            continue
        stored = []
        for index, entry in enumerate(entries):
            env = store.environments.get(store.uuid(entry.get("environmentId")) or "")
            if env is None or env["productId"] != product_id:
                raise bad_request(
                    f"{list_key[:1].upper()}{list_key[1:]}[{index}].EnvironmentId",
                    f"Environment '{entry.get('environmentId')}' not found in this product.",
                )
            default = "none" if type_key == "environmentAccessType" else "cannotApprove"
            stored.append({"environmentId": env["environmentId"], type_key: entry.get(type_key) or default})
        group[list_key] = stored


def _check_group_rules(group: Rec) -> None:
    # The one dependency rule the service is known to enforce (TF provider test, 2023-08).
    if group["canDeleteConfig"] and not (group["canCreateOrUpdateConfig"] and group["canDeleteSetting"]):
        raise bad_request(
            "CanDeleteConfig",
            "CanDeleteConfig is not allowed without the CanCreateOrUpdateConfig and "
            "CanDeleteSetting permissions.",
        )


@ROUTES.post("/v1/products/{productId}/permissions", schema="CreatePermissionGroupRequest")
def create_permission_group(store: Store, req: Request) -> tuple[int, Any]:
    """POST /v1/products/{productId}/permissions."""
    product = store.product(req.params["productId"])
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
        for env in store.product_environments(product_id)
    ]
    group["environmentApprovalPermissions"] = []
    _group_environment_lists(store, product_id, body, group)
    _check_group_rules(group)
    group["permissionGroupId"] = group_id = store.ids.integer("permissionGroup")
    store.permission_groups[group_id] = store.new(group)
    return 201, _render_permission_group(store, group)


@ROUTES.get("/v1/permissions/{permissionGroupId}")
def get_permission_group(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/permissions/{permissionGroupId}."""
    return 200, _render_permission_group(
        store, store.by_int(store.permission_groups, req.params["permissionGroupId"])
    )


@ROUTES.put("/v1/permissions/{permissionGroupId}", schema="UpdatePermissionGroupRequest")
def update_permission_group(store: Store, req: Request) -> tuple[int, Any]:
    """PUT /v1/permissions/{permissionGroupId}."""
    group = store.by_int(store.permission_groups, req.params["permissionGroupId"])
    updated = copy.deepcopy(group)
    merge(updated, req.body, ("name", *PERMISSION_FLAGS, *PERMISSION_ENUM_DEFAULTS))
    _group_environment_lists(store, group["productId"], req.body, updated)
    _check_group_rules(updated)
    group.update(updated)
    return 200, _render_permission_group(store, group)


@ROUTES.delete("/v1/permissions/{permissionGroupId}")
def delete_permission_group(store: Store, req: Request) -> tuple[int, Any]:
    """DELETE /v1/permissions/{permissionGroupId}."""
    group = store.by_int(store.permission_groups, req.params["permissionGroupId"])
    store.drop_permission_group(group["permissionGroupId"])
    return 204, None
