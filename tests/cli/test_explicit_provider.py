"""A pulumiverse-style program with an explicit ``configcat.Provider`` under the real CLI, over two emulators.

Account A is reached through the stack's ``configcat:*`` configuration, account B through a ``Provider`` built
from the project's own (secret) configuration and handed over as pulumiverse programs do: ``provider=``,
``providers=[...]`` on a parent component, and ``InvokeOptions(provider=...)`` to a lookup. Then B's password
is rotated: the CLI shows no change, the state keeps the old password until it is refused, and the next
``pulumi up`` records the new one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from pulumi_configcat.testing import ConfigCatEmulator
from tests.cli._stack import plain_strings
from tests.cli.conftest import StackFactory
from tests.resources.test_explicit_provider import accept_passwords

PROGRAM = """
import pulumi
import pulumi_configcat as configcat

cfg = pulumi.Config()
account_b = configcat.Provider(
    "account-b",
    basic_auth_username=cfg.require("bUser"),
    basic_auth_password=cfg.require_secret("bPassword"),
    base_path=cfg.require("bBase"),
)


class Team(pulumi.ComponentResource):
    def __init__(self, name, opts=None):
        super().__init__("acme:index:Team", name, None, opts)
        product = configcat.Product(
            f"{name}-product", organization_id=cfg.require("bOrg"), opts=pulumi.ResourceOptions(parent=self)
        )
        configcat.Config(f"{name}-config", product_id=product.id, opts=pulumi.ResourceOptions(parent=self))
        self.register_outputs({})


a = configcat.Product("a-product", organization_id=cfg.require("aOrg"))
b = configcat.Product(
    "b-product", organization_id=cfg.require("bOrg"), opts=pulumi.ResourceOptions(provider=account_b)
)
Team("team", opts=pulumi.ResourceOptions(providers=[account_b]))

pulumi.export("a_id", a.id)
pulumi.export("b_id", b.id)
b_orgs = configcat.get_organizations(opts=pulumi.InvokeOptions(provider=account_b))
pulumi.export("b_org", b_orgs.organizations[0].organization_id)
pulumi.export("default_org", configcat.get_organizations().organizations[0].organization_id)
pulumi.export("default_user", configcat.config.basic_auth_username)
"""

B_RESOURCES = {"b-product", "team-product", "team-config"}


@pytest.fixture
def other() -> Iterator[ConfigCatEmulator]:
    with ConfigCatEmulator() as emu:
        yield emu


def test_two_accounts_and_a_password_rotation_under_the_cli(
    new_stack: StackFactory, emulator: ConfigCatEmulator, other: ConfigCatEmulator
) -> None:
    old_password, new_password = other.password, "rotated-b-password-5d1c"
    stack = new_stack(
        project="explicit",
        aOrg=emulator.organization_id,
        bOrg=other.organization_id,
        bUser=other.username,
        bPassword=old_password,
        bBase=other.base_url,
    )
    stack.write_program(PROGRAM)

    # The plan lists each input but the CLI's own hidden ones (``__``...); the engine's log has no password.
    planned = stack.preview("--diff")
    assert 'organization_id    : "' in planned.output
    assert "__basicAuthPassword" not in planned.output
    up = stack.up("--logtostderr", "--logflow", "-v=3")
    for run in (planned, up):
        assert old_password not in run.output
        assert old_password not in json.dumps(run.events)
    assert up.ops() == dict.fromkeys({"a-product", *B_RESOURCES}, "create")
    outputs = stack.outputs()
    assert outputs["a_id"] in emulator.state()["products"]
    assert outputs["b_id"] in other.state()["products"]
    assert len([p for p in other.state()["products"].values() if p["name"] == "team-product"]) == 1
    assert outputs["b_org"] == other.organization_id
    assert outputs["default_org"] == emulator.organization_id
    assert outputs["default_user"] == emulator.username
    # A component, not a provider resource: the engine looked for no configcat plugin.
    types = {r["type"] for r in json.loads(stack.export())["deployment"]["resources"]}
    assert "configcat:index:Provider" in types
    assert not any(t.startswith("pulumi:providers:configcat") for t in types)

    stack.preview("--expect-no-changes")
    other.requests.clear()
    # No drift: the engine logs each refreshed resource as "same". B's were read from B.
    assert stack.refresh().ops() == dict.fromkeys({"a-product", *B_RESOURCES}, "same")
    assert len([r for r in other.requests if r.method == "GET" and "/v1/me" not in r.path]) == 3
    stack.preview("--expect-no-changes")

    # B's password never shows outside a secret envelope.
    for show_secrets in (False, True):
        exported = json.loads(stack.export(show_secrets=show_secrets))
        assert [s for s in plain_strings(exported) if old_password in s] == []
    assert old_password not in stack.export()

    # Rotation: the new credential works beside the old one, and the program is given it. No change shows.
    accept_passwords(other, old_password, new_password)
    stack.run("config", "set", "--secret", "explicit:bPassword", stdin=new_password)
    other.requests.clear()
    rotated = stack.up()
    assert set(rotated.ops().values()) == {"same"}
    assert [r for r in other.requests if r.method != "GET"] == []
    stack.preview("--expect-no-changes")

    # The old one is revoked: refresh (which runs no program) still holds it for B's resources, and fails.
    used = accept_passwords(other, new_password)
    failed = stack.run("refresh", "--yes", "--skip-preview", expect_failure=True)
    assert "401" in failed.output
    assert old_password not in failed.output
    assert new_password not in failed.output

    # The next `up` records the program's password in each of B's resources, sending no write.
    other.requests.clear()
    recorded = stack.up()
    assert recorded.ops() == {"a-product": "same", **dict.fromkeys(B_RESOURCES, "update")}
    assert [r for r in other.requests if r.method != "GET"] == []
    assert set(stack.refresh().ops().values()) == {"same"}
    stack.preview("--expect-no-changes")

    stack.destroy()
    assert outputs["a_id"] not in emulator.state()["products"]
    assert other.state()["products"] == {}
    assert set(used) == {new_password}


def test_giving_a_resource_another_accounts_provider_fails_preview_under_the_cli(
    new_stack: StackFactory, emulator: ConfigCatEmulator, other: ConfigCatEmulator
) -> None:
    program = """
        import pulumi
        import pulumi_configcat as configcat

        cfg = pulumi.Config()
        account = configcat.Provider(
            "account",
            basic_auth_username=cfg.require("user"),
            basic_auth_password=cfg.require_secret("accountPassword"),
            base_path=cfg.require("base"),
        )
        options = pulumi.ResourceOptions(provider=account)
        configcat.Product("p", organization_id=cfg.require("org"), opts=options)
        """
    stack = new_stack(
        project="moved",
        org=other.organization_id,
        user=other.username,
        accountPassword=other.password,
        base=other.base_url,
    )
    stack.write_program(program)
    assert stack.up().ops() == {"p": "create"}
    # The same Provider name, edited to another account's credentials.
    for key, value in (("user", emulator.username), ("base", emulator.base_url)):
        stack.run("config", "set", f"moved:{key}", stdin=value)
    stack.run("config", "set", "--secret", "moved:accountPassword", stdin=emulator.password)
    other.requests.clear()
    refused = stack.preview(expect_failure=True)
    assert "do not reach the same ConfigCat account" in refused.output
    assert emulator.password not in refused.output
    assert other.password not in refused.output
    assert [r for r in other.requests if r.method != "GET"] == []
    # Back to the account that holds it: destroy deletes it there.
    for key, value in (("user", other.username), ("base", other.base_url)):
        stack.run("config", "set", f"moved:{key}", stdin=value)
    stack.run("config", "set", "--secret", "moved:accountPassword", stdin=other.password)
    stack.preview("--expect-no-changes")
    stack.destroy()
    assert other.state()["products"] == {}
