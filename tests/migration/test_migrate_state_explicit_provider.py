"""``migrate-state`` with an explicit pulumiverse provider.

It becomes this package's ``Provider`` component of the same name, and each resource on it carries that
provider's account, its password a secret as the export had it (a ciphertext stays that ciphertext); the
migrated state passes ``check`` and ``diff`` with no change.
"""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest

from pulumi_configcat.migrate import migrate
from pulumi_configcat.migrate._secrets import decode, opened
from pulumi_configcat.resources import _account
from pulumi_configcat.resources._account import ACCOUNT_KEY, PASSWORD_KEY
from pulumi_configcat.resources.products import ProductProvider
from tests.migration._export import (
    PREFIX,
    PRODUCT_TOKEN,
    STACK_URN,
    Sealed,
    ciphertext,
    opened_state,
    plaintext,
    product,
    stack_export,
)

EXPLICIT = PREFIX + "pulumi:providers:configcat::account-b"
COMPONENT = PREFIX + "configcat:index:Provider::account-b"
PASSWORD = "pw-of-account-b"


def _explicit(password: Any, **inputs: Any) -> dict[str, Any]:
    state = {"basicAuthUsername": "user-b", "basicAuthPassword": password, **inputs}
    return {
        "urn": EXPLICIT,
        "custom": True,
        "id": "p2",
        "type": "pulumi:providers:configcat",
        "inputs": state,
        "outputs": state,
        "parent": STACK_URN,
    }


def _export(provider: dict[str, Any]) -> dict[str, Any]:
    return stack_export(
        provider,
        product("on-b", provider=f"{EXPLICIT}::p2", dependencies=[EXPLICIT]),
        product("on-default"),
    )


def _by_name(export: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["urn"].rsplit("::", 1)[-1]: r for r in export["deployment"]["resources"]}


PASSWORDS = [
    # (id, the password in the export, what __basicAuthPassword is written as)
    ("plaintext secret (--show-secrets)", plaintext(PASSWORD), plaintext(PASSWORD)),
    ("ciphertext, carried over", ciphertext("v1:b-cipher"), ciphertext("v1:b-cipher")),
    ("plain string, made a secret", PASSWORD, plaintext(PASSWORD)),
]


@pytest.mark.parametrize(("given", "written"), [c[1:] for c in PASSWORDS], ids=[c[0] for c in PASSWORDS])
def test_resources_on_an_explicit_provider_carry_its_account(given: Any, written: Any) -> None:
    migration = migrate(_export(_explicit(given, basePath="https://b.example/")))
    resources = _by_name(migration.export)
    on_b = resources["on-b"]
    account = {"provider": "account-b", "basePath": "https://b.example", "basicAuthUsername": "user-b"}
    for properties in (on_b["inputs"], on_b["outputs"]):
        assert properties[ACCOUNT_KEY] == account
        assert properties[PASSWORD_KEY] == written
    assert on_b["provider"].split("::")[2] == "pulumi:providers:pulumi-python"
    assert on_b["provider"] == resources["on-default"]["provider"]
    assert on_b["dependencies"] == [COMPONENT]
    assert ACCOUNT_KEY not in resources["on-default"]["inputs"]
    assert PASSWORD_KEY not in resources["on-default"]["outputs"]
    # The stack's pulumi-python provider holds pulumiverse's default provider's configuration, not B's.
    python = resources["default"]
    assert "user-b" not in json.dumps(python)
    assert python["inputs"]["configcat:basicAuthUsername"] == "user"


@pytest.mark.parametrize("given", [c[1] for c in PASSWORDS], ids=[c[0] for c in PASSWORDS])
def test_the_explicit_provider_becomes_a_provider_component_holding_no_secret(given: Any) -> None:
    migration = migrate(_export(_explicit(given)))
    component = _by_name(migration.export)["account-b"]
    assert component == {
        "urn": COMPONENT,
        "custom": False,
        "type": "configcat:index:Provider",
        "parent": STACK_URN,
    }
    urns = [r["urn"] for r in migration.export["deployment"]["resources"]]
    assert EXPLICIT not in urns
    assert urns.index(COMPONENT) < urns.index(PREFIX + "pulumi-python:dynamic/configcat:Product::on-b")
    assert PREFIX + PRODUCT_TOKEN + "::on-b" in migration.migrated


@pytest.mark.parametrize("given", [c[1] for c in PASSWORDS], ids=[c[0] for c in PASSWORDS])
def test_the_password_never_appears_outside_a_secret(given: Any) -> None:
    export = migrate(_export(_explicit(given))).export
    sealed = opened_state(export)
    # Every plaintext secret opened: the password is left only inside them (Sealed), never as a plain value.
    assert PASSWORD not in json.dumps(sealed, default=lambda s: "<sealed>")
    if isinstance(given, dict) and "ciphertext" in given:
        assert PASSWORD not in json.dumps(export)


def test_a_missing_base_path_is_the_default_and_said() -> None:
    migration = migrate(_export(_explicit(plaintext(PASSWORD))))
    assert (
        _by_name(migration.export)["on-b"]["inputs"][ACCOUNT_KEY]["basePath"] == "https://api.configcat.com"
    )
    assert any(note.startswith(f"{EXPLICIT}: no basePath") for note in migration.notes)


def test_a_secret_user_name_keeps_the_account_secret() -> None:
    migration = migrate(_export(_explicit(plaintext(PASSWORD), basicAuthUsername=plaintext("user-b"))))
    account = opened_state(_by_name(migration.export)["on-b"]["outputs"][ACCOUNT_KEY])
    assert account == Sealed(
        {"provider": "account-b", "basePath": "https://api.configcat.com", "basicAuthUsername": "user-b"}
    )


def test_the_migrated_state_checks_and_diffs_with_no_change(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the program gives (the same account, ``user`` added by check) against the migrated outputs."""
    monkeypatch.setattr(_account, "get_me", lambda client: SimpleNamespace(email="b@acme.test"))
    migrated = _by_name(
        migrate(_export(_explicit(plaintext(PASSWORD), basePath="http://127.0.0.1:9"))).export
    )
    olds = opened(decode(migrated["on-b"]["outputs"]))
    news = {**opened(decode(migrated["on-b"]["inputs"]))}
    provider = ProductProvider()
    checked = provider.check(olds, news)
    assert checked.failures == []
    assert checked.inputs[ACCOUNT_KEY]["user"] == "b@acme.test"
    diff = provider.diff(migrated["on-b"]["id"], olds, {**checked.inputs, PASSWORD_KEY: PASSWORD})
    assert not diff.changes
