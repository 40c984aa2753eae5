"""Changing a resource's provider: refused when it leads to another account, recorded when it does not.

Another account is another base path or another ConfigCat user (``GET /v1/me``): the entity would otherwise be
updated, read or deleted where it does not exist, or where another one of the same id does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat._client import ConfigCatClient, reset_clients
from pulumi_configcat.resources import _account
from pulumi_configcat.resources.products import ProductProvider
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import CheckFailedError, MiniEngine
from tests.resources.test_explicit_provider import (
    ACCOUNT_KEY,
    PASSWORD_KEY,
    moved_to,
    ops,
    provider_for,
    stack_process,
    writes,
)


@pytest.fixture
def other() -> Iterator[ConfigCatEmulator]:
    with ConfigCatEmulator() as emu:
        yield emu


# What the program gives the product the second time, after it was made with Provider "b" (account B).
REFUSED: dict[str, Callable[[ConfigCatEmulator, ConfigCatEmulator], pulumi.ResourceOptions | None]] = {
    "no provider (the stack's account A)": lambda a, b: None,
    "a Provider for account A": lambda a, b: pulumi.ResourceOptions(provider=provider_for(a, name="a")),
    "Provider 'b' edited to account A": lambda a, b: pulumi.ResourceOptions(
        provider=provider_for(a, name="b")
    ),
}


@pytest.mark.parametrize("second", list(REFUSED))
def test_moving_a_resource_to_another_account_fails_check(
    second: str, emulator: ConfigCatEmulator, other: ConfigCatEmulator, unique: str
) -> None:
    options: dict[str, Callable[[], pulumi.ResourceOptions | None]] = {
        "now": lambda: pulumi.ResourceOptions(provider=provider_for(other))
    }

    def program() -> None:
        configcat.Product(f"p-{unique}", organization_id=other.organization_id, opts=options["now"]())

    with stack_process(emulator) as process:
        engine = MiniEngine(process)
        assert engine.run(program).errors == []
        options["now"] = lambda: REFUSED[second](emulator, other)
        emulator.requests.clear()
        other.requests.clear()
        run = engine.run(program)
    (error,) = run.errors
    assert isinstance(error, CheckFailedError)
    ((prop, reason),) = error.failures
    assert prop == ACCOUNT_KEY
    assert "Provider 'b'" in reason
    assert "do not reach the same ConfigCat account (another base path)" in reason
    assert "take it out of the program" in reason
    assert writes(other) == []
    assert writes(emulator) == []
    (state,) = engine.state.values()
    assert state.outputs[ACCOUNT_KEY]["basePath"] == other.base_url  # nothing recorded


def test_a_provider_for_the_same_account_takes_over_and_is_recorded_without_a_request(
    emulator: ConfigCatEmulator, unique: str
) -> None:
    """From the stack's credentials to a Provider of the same user: allowed, and kept in the state."""
    options: dict[str, Callable[[], pulumi.ResourceOptions | None]] = {"now": lambda: None}

    def program() -> None:
        configcat.Product(f"p-{unique}", organization_id=emulator.organization_id, opts=options["now"]())

    with stack_process(emulator) as process:
        engine = MiniEngine(process)
        assert engine.run(program).errors == []
        options["now"] = lambda: pulumi.ResourceOptions(provider=provider_for(emulator, name="explicit"))
        emulator.requests.clear()
        run = engine.run(program)
    assert run.errors == []
    assert ops(run.steps) == {f"p-{unique}": "update"}
    assert writes(emulator) == []
    (state,) = engine.state.values()
    assert state.outputs[ACCOUNT_KEY]["provider"] == "explicit"
    # A destroy without the program and without any stack credentials reaches it through its own state.
    with stack_process(None) as bare:
        moved_to(engine, bare).destroy()
    assert state.id_ not in emulator.state()["products"]


# ---------------------------------------------------------------------------------- the same base path


class _Me:
    """``GET /v1/me`` answered by user name (the emulator has one user), for the in-process checks below."""

    def __init__(self, emails: dict[str, str]) -> None:
        self.emails = emails

    def __call__(self, client: ConfigCatClient) -> Any:
        return SimpleNamespace(email=self.emails[client.username])


def _props(user_name: str, password: str, *, user: str | None = None) -> dict[str, Any]:
    account = {"provider": "cc", "basePath": "http://127.0.0.1:9", "basicAuthUsername": user_name}
    return {
        "name": "shop",
        "organization_id": "08d86d63-2726-47cd-8bfc-59608ecb91e2",
        ACCOUNT_KEY: {**account, **({"user": user} if user else {})},
        PASSWORD_KEY: password,
    }


@pytest.mark.parametrize(
    ("new_user_name", "allowed"),
    [
        ("alice-2", True),  # a new credential of the same user (a rotation that changes the user name)
        ("bob", False),  # another user at the same base path
    ],
)
def test_another_user_name_is_allowed_only_for_the_same_user(
    new_user_name: str, allowed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    me = _Me({"alice": "alice@acme.test", "alice-2": "Alice@ACME.test", "bob": "bob@acme.test"})
    monkeypatch.setattr(_account, "get_me", me)
    provider = ProductProvider()
    try:
        olds = _props("alice", "pw-1", user="alice@acme.test")
        result = provider.check(olds, _props(new_user_name, "pw-2"))
    finally:
        reset_clients()
    assert [f.property for f in result.failures] == ([] if allowed else [ACCOUNT_KEY])
    assert all("(another ConfigCat user)" in f.reason for f in result.failures)
    assert result.inputs[ACCOUNT_KEY]["user"] == me.emails[new_user_name]
    assert "pw-2" not in str([f.reason for f in result.failures])


def test_check_sends_nothing_for_a_resource_without_a_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today's behaviour, exactly: no account, no /v1/me, inputs without hidden keys."""

    def no_call(client: ConfigCatClient) -> Any:
        raise AssertionError("no request expected")

    monkeypatch.setattr(_account, "get_me", no_call)
    plain = {key: value for key, value in _props("alice", "pw").items() if not key.startswith("__")}
    result = ProductProvider().check(plain, plain)
    assert result.failures == []
    assert ACCOUNT_KEY not in result.inputs
    assert PASSWORD_KEY not in result.inputs
