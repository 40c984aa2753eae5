"""Bad input under the real CLI: `pulumi preview` fails naming the property, and nothing reaches the API."""

from __future__ import annotations

import pytest

from pulumi_configcat.testing import ConfigCatEmulator
from tests.cli.conftest import StackFactory

GUID = "08d86d63-2726-47cd-8bfc-59608ecb91e2"

# (declaration, the property that must be named, words of the reason)
INVALID = [
    ('configcat.Product("p", organization_id="my-org")', "organization_id", "must be a UUID"),
    (f'configcat.Tag("t", product_id="{GUID}", color=5)', "color", "a string"),
    (
        f'configcat.Segment("s", product_id="{GUID}", comparison_attribute="Email",'
        ' comparator="containsAnyOf", comparison_value="x")',
        "comparator",
        "one of 'isOneOf', 'isNotOneOf'",
    ),
    (
        f'configcat.PermissionGroup("g", product_id="{GUID}", accesstype="full",'
        f' environment_accesses={{"{GUID}": "full"}})',
        "environment_accesses",
        "only be set when accesstype is 'custom'",
    ),
    (
        f'configcat.Invitations("i", product_id="{GUID}", permission_group_id=7, emails=[])',
        "emails",
        "must be a non-empty list of e-mail addresses",
    ),
]


@pytest.mark.parametrize(("declaration", "prop", "reason"), INVALID, ids=[prop for _, prop, _ in INVALID])
def test_preview_fails_naming_the_property(
    new_stack: StackFactory, emulator: ConfigCatEmulator, declaration: str, prop: str, reason: str
) -> None:
    stack = new_stack()
    stack.write_program(f"import pulumi_configcat as configcat\n\n{declaration}\n")
    emulator.requests.clear()
    preview = stack.preview(expect_failure=True)
    failure = next((line for line in preview.output.splitlines() if reason in line), None)
    assert failure is not None, preview.output
    assert prop in failure
    assert "Traceback" not in preview.output
    assert emulator.requests == []


def test_a_refused_address_is_named_by_position_and_never_shown(
    new_stack: StackFactory, emulator: ConfigCatEmulator
) -> None:
    stack = new_stack()
    stack.write_program(
        "import pulumi_configcat as configcat\n\n"
        f'configcat.Invitations("i", product_id="{GUID}", permission_group_id=7,'
        ' emails=["ada@example.com", "not-an-address.example.com"])\n'
    )
    emulator.requests.clear()
    preview = stack.preview(expect_failure=True)
    assert "emails[1] must be an e-mail address" in preview.output, preview.output
    for address in ("ada@example.com", "not-an-address.example.com"):
        assert address not in preview.output
    assert emulator.requests == []
