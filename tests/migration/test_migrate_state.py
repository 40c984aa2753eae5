"""``migrate-state``: each pulumiverse type's state in this package's shape (the table is in ``_cases.py``),
with the provider blob its resource class registers. The deployment around it, secrets and refusals are in
the tests beside this one; the whole path under the real CLI is tests/cli/test_migrate_state.py.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import dill
import pytest

import pulumi_configcat as configcat
from pulumi_configcat.migrate._convert import provider_blob
from pulumi_configcat.migrate._types import TYPES
from tests.harness import capture_registrations
from tests.migration._cases import CASES, Case, one_resource_export
from tests.migration._export import (
    Sealed,
    migrated,
    opened_state,
)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.token.rsplit(":", 1)[-1])
def test_each_type_maps_to_this_packages_resource(case: Case) -> None:
    resource = migrated(one_resource_export(case))
    kind = TYPES[case.token]
    blob = provider_blob(kind.resource._provider_class)
    assert resource["type"] == "pulumi-python:" + kind.resource._resource_type_name
    assert opened_state(resource["inputs"]) == {**case.expected_inputs, "__provider": blob}
    assert opened_state(resource["outputs"]) == {**case.expected_outputs, "__provider": blob}


def _program_of(case: Case) -> Any:
    """A program declaring this package's resource of the case's type, for the blob it registers."""
    cls = TYPES[case.token].resource
    args = {k: v for k, v in case.expected_inputs.items() if k != "bypass_approval"}
    args = {k: (v.value if isinstance(v, Sealed) else v) for k, v in args.items()}
    return lambda: cls("it", **args)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.token.rsplit(":", 1)[-1])
def test_the_provider_blob_is_the_one_the_resource_class_registers(case: Case) -> None:
    (registration,) = capture_registrations(_program_of(case))
    registered = registration.inputs["__provider"]
    assert provider_blob(TYPES[case.token].resource._provider_class) == registered
    unpickled = dill.loads(base64.b64decode(registered))  # noqa: S301 (the package's own blob)
    assert type(unpickled) is TYPES[case.token].resource._provider_class


def test_every_pulumiverse_resource_type_is_mapped() -> None:
    schema = json.loads((Path(__file__).parent / "pulumiverse_state_schema.json").read_text())
    assert set(TYPES) == set(schema["resources"])
    assert {case.token for case in CASES} == set(schema["resources"])
    assert {kind.resource.__name__ for kind in TYPES.values()} <= set(configcat.__all__)
