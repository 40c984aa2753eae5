"""Integrations: parameters checked per type, scoped to configs and environments of the product."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ._errors import bad_request
from ._products import render_product
from ._router import Request, Routes
from ._store import Rec, Store

ROUTES = Routes()


def _render_integration(store: Store, integration: Rec) -> Rec:
    return {
        "product": render_product(store, store.products[integration["productId"]]),
        "integrationId": integration["integrationId"],
        "name": integration["name"],
        "integrationType": integration["integrationType"],
        # The service returns the parameters as stored (the Terraform provider reads them back).
        "parameters": dict(integration["parameters"]),
        "environmentIds": list(integration["environmentIds"]),
        "configIds": list(integration["configIds"]),
    }


def _integration_scope(store: Store, product_id: str, body: Rec) -> tuple[list[str], list[str]]:
    """The body's config and environment ids, each checked to be in the product (400 otherwise)."""
    scoped: dict[str, list[str]] = {}
    for list_key, table, kind in (
        ("configIds", store.configs, "Config"),
        ("environmentIds", store.environments, "Environment"),
    ):
        ids: list[str] = []
        for index, raw in enumerate(body[list_key]):
            record = table.get(store.uuid(raw) or "")
            if record is None or record["productId"] != product_id:
                raise bad_request(
                    f"{list_key[:1].upper()}{list_key[1:]}[{index}]",
                    f"{kind} '{raw}' not found in this product.",
                )
            ids.append(str(store.uuid(raw)))
        scoped[list_key] = list(dict.fromkeys(ids))
    return scoped["configIds"], scoped["environmentIds"]


@ROUTES.post("/v1/products/{productId}/integrations", schema="CreateIntegrationModel")
def create_integration(store: Store, req: Request) -> tuple[int, Any]:
    """POST /v1/products/{productId}/integrations."""
    product = store.product(req.params["productId"])
    body = req.body
    _check_integration_parameters(body["integrationType"], body["parameters"])
    config_ids, environment_ids = _integration_scope(store, product["productId"], body)
    integration_id = store.ids.uuid()
    store.integrations[integration_id] = integration = store.new(
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
    return 201, _render_integration(store, integration)


@ROUTES.get("/v1/products/{productId}/integrations")
def get_integrations(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/products/{productId}/integrations."""
    product = store.product(req.params["productId"])
    found = store.children(store.integrations, "productId", product["productId"])
    return 200, {
        "integrations": [_render_integration(store, i) for i in sorted(found, key=lambda i: i["_seq"])]
    }


@ROUTES.get("/v1/integrations/{integrationId}")
def get_integration(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/integrations/{integrationId}."""
    return 200, _render_integration(store, store.by_uuid(store.integrations, req.params["integrationId"]))


@ROUTES.put("/v1/integrations/{integrationId}", schema="ModifyIntegrationRequest")
def update_integration(store: Store, req: Request) -> tuple[int, Any]:
    """PUT /v1/integrations/{integrationId}: every field is required, so this is a complete replace."""
    integration = store.by_uuid(store.integrations, req.params["integrationId"])
    body = req.body
    _check_integration_parameters(integration["integrationType"], body["parameters"])
    config_ids, environment_ids = _integration_scope(store, integration["productId"], body)
    integration.update(
        {
            "name": body["name"],
            "parameters": dict(body["parameters"]),
            "configIds": config_ids,
            "environmentIds": environment_ids,
        }
    )
    return 200, _render_integration(store, integration)


@ROUTES.delete("/v1/integrations/{integrationId}")
def delete_integration(store: Store, req: Request) -> tuple[int, Any]:
    """DELETE /v1/integrations/{integrationId}."""
    integration = store.by_uuid(store.integrations, req.params["integrationId"])
    del store.integrations[integration["integrationId"]]
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


def _check_integration_parameters(integration_type: str, parameters: dict[str, str]) -> None:
    for name in INTEGRATION_REQUIRED_PARAMETERS.get(integration_type, ()):
        if not parameters.get(name):
            raise bad_request("Parameters", f"{name} parameter is required")
    for name, allowed in INTEGRATION_PARAMETER_CHOICES.get(integration_type, {}).items():
        # Without case: how the API compares them is unknown; the emulator must not refuse what it may take.
        if name in parameters and parameters[name].casefold() not in {
            choice.casefold() for choice in allowed
        }:
            raise bad_request("Parameters", f"'{name}' is invalid")
    if integration_type == "slack":
        url = urlsplit(parameters["incoming_webhook.url"])
        if url.scheme not in ("http", "https") or not url.hostname:
            raise bad_request("Parameters", "'incoming_webhook.url' is not a valid URL.")
        # No check of the host: the API took https://test.slack.com/hook (the Terraform provider's acceptance
        # test), so an emulator that wanted hooks.slack.com would refuse what the API accepts.
