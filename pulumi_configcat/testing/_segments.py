"""Segments: render (with their usage in listings), list, create, read, update, delete."""

from __future__ import annotations

from typing import Any

from ._configfile import parse_v1_number
from ._errors import bad_request
from ._ids import iso, utc_now
from ._products import render_product
from ._router import Request, Routes
from ._store import ME, Rec, Store, merge

ROUTES = Routes()


def _segment_usage(store: Store, segment_id: str) -> int:
    used = 0
    for per_env in store.values.values():
        if any(segment_id in _segment_refs(v) for v in per_env.values()):
            used += 1
    return used


def _render_segment(store: Store, segment: Rec, *, listing: bool = False) -> Rec:
    out: Rec = {"product": render_product(store, store.products[segment["productId"]])}
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
        out["usage"] = _segment_usage(store, segment["segmentId"])
    else:
        out |= {k: segment[k] for k in ("comparisonAttribute", "comparator", "comparisonValue")}
    return out


@ROUTES.get("/v1/products/{productId}/segments")
def get_segments(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/products/{productId}/segments."""
    product = store.product(req.params["productId"])
    segments = store.children(store.segments, "productId", product["productId"])
    return 200, [_render_segment(store, s, listing=True) for s in sorted(segments, key=lambda s: s["_seq"])]


@ROUTES.post("/v1/products/{productId}/segments", schema="CreateSegmentModel")
def create_segment(store: Store, req: Request) -> tuple[int, Any]:
    """POST /v1/products/{productId}/segments."""
    product = store.product(req.params["productId"])
    body = req.body
    siblings = store.children(store.segments, "productId", product["productId"])
    store.unique_name("Segment", siblings, body["name"], None, "segmentId")
    _check_segment_number(body["comparator"], body["comparisonValue"])
    segment_id = store.ids.uuid()
    now = iso(utc_now())
    store.segments[segment_id] = segment = store.new(
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
    return 201, _render_segment(store, segment)


@ROUTES.get("/v1/segments/{segmentId}")
def get_segment(store: Store, req: Request) -> tuple[int, Any]:
    """GET /v1/segments/{segmentId}."""
    return 200, _render_segment(store, store.by_uuid(store.segments, req.params["segmentId"]))


@ROUTES.put("/v1/segments/{segmentId}", schema="UpdateSegmentModel")
def update_segment(store: Store, req: Request) -> tuple[int, Any]:
    """PUT /v1/segments/{segmentId}."""
    segment = store.by_uuid(store.segments, req.params["segmentId"])
    body = req.body
    if body.get("name") is not None:
        siblings = store.children(store.segments, "productId", segment["productId"])
        store.unique_name("Segment", siblings, body["name"], segment["segmentId"], "segmentId")
    _check_segment_number(
        body.get("comparator") or segment["comparator"],
        body.get("comparisonValue") or segment["comparisonValue"],
    )
    merge(segment, body, ("name", "description", "comparisonAttribute", "comparator", "comparisonValue"))
    segment["updatedAt"] = iso(utc_now())
    return 200, _render_segment(store, segment)


@ROUTES.delete("/v1/segments/{segmentId}")
def delete_segment(store: Store, req: Request) -> tuple[int, Any]:
    """DELETE /v1/segments/{segmentId}."""
    segment = store.by_uuid(store.segments, req.params["segmentId"])
    del store.segments[segment["segmentId"]]
    return 204, None


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
