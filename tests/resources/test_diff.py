"""The provider's Diff over the wire, for what a multi-step run cannot reach against one emulator."""

from __future__ import annotations

from typing import Any

import pytest

import pulumi_configcat as configcat
from tests.harness import UNKNOWN, DynamicProviderProcess, capture_registrations

ORG_A = "08d86d63-2721-4da6-8c06-584521d516bc"
ORG_B = "08d86d63-2721-4da6-8c06-584521d516bd"
PRODUCT = "08d86d63-2726-47cd-8bfc-59608ecb91e2"


def _product_inputs(**kw: Any) -> tuple[str, dict[str, Any]]:
    (registration,) = capture_registrations(lambda: configcat.Product("shop", **kw))
    return registration.type_, registration.inputs


def _diff(process: DynamicProviderProcess, olds: dict[str, Any], **news: Any) -> Any:
    type_, inputs = _product_inputs(**news)
    checked, failures = process.check(type_, "shop", olds, inputs)
    assert failures == []
    return process.diff(type_, "shop", "id", olds, checked, olds)


OLD = {"organization_id": ORG_A, "name": "Shop", "description": None, "order": 2.0}


@pytest.mark.parametrize(
    ("news", "changes", "replaces", "delete_first"),
    [
        ({"organization_id": ORG_A, "name": "Shop", "order": 2}, "DIFF_NONE", [], False),
        (
            {"organization_id": ORG_A.upper(), "name": "Shop", "order": 2, "description": ""},
            "DIFF_NONE",
            [],
            False,
        ),
        ({"organization_id": ORG_A, "name": "Shop", "order": 3}, "DIFF_SOME", [], False),
        # Another organization: a new product beside the old one, then the old one goes.
        ({"organization_id": ORG_B, "name": "Shop", "order": 2}, "DIFF_SOME", ["organization_id"], False),
        # Unknown at preview: it may be the same organization, where the name would clash, so delete first.
        ({"organization_id": UNKNOWN, "name": "Shop", "order": 2}, "DIFF_SOME", ["organization_id"], True),
    ],
)
def test_product_diff(
    provider_process: DynamicProviderProcess,
    news: dict[str, Any],
    changes: str,
    replaces: list[str],
    delete_first: bool,
) -> None:
    diff = _diff(provider_process, OLD, **news)
    assert (diff.changes, list(diff.replaces), diff.delete_before_replace) == (
        changes,
        replaces,
        delete_first,
    )


def test_config_evaluation_version_replaces(provider_process: DynamicProviderProcess) -> None:
    (registration,) = capture_registrations(
        lambda: configcat.Config("c", product_id=PRODUCT, evaluation_version="v1")
    )
    old = {"product_id": PRODUCT, "name": "c", "order": 0.0, "evaluation_version": "v2"}
    checked, _ = provider_process.check(registration.type_, "c", old, registration.inputs)
    diff = provider_process.diff(registration.type_, "c", "id", old, checked, old)
    assert (diff.changes, list(diff.replaces)) == ("DIFF_SOME", ["evaluation_version"])
