"""Explicit providers (``configcat.Provider``): two ConfigCat accounts in one program, over two emulators.

Account A is the session's emulator, reached through the stack configuration (the default, as before);
account B is a fresh emulator per test, reached through a ``Provider``. Refresh and destroy run in a fresh
provider process configured for A only, as ``pulumi refresh`` and ``pulumi destroy`` do without the program:
what a resource needs to reach B must be in its own state.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import (
    CheckFailedError,
    DynamicProviderProcess,
    MiniEngine,
    ProviderError,
    decode_provider_blob,
    is_secret,
    secret,
)

ACCOUNT_KEY = "__configcat"
PASSWORD_KEY = "__basicAuthPassword"
NO_ENV = {"CONFIGCAT_BASIC_AUTH_USERNAME": "", "CONFIGCAT_BASIC_AUTH_PASSWORD": "", "CONFIGCAT_BASE_PATH": ""}


@pytest.fixture
def other() -> Iterator[ConfigCatEmulator]:
    with ConfigCatEmulator() as emu:
        yield emu


@contextmanager
def stack_process(emulator: ConfigCatEmulator | None) -> Iterator[DynamicProviderProcess]:
    """A provider process with ``emulator``'s credentials as stack configuration (None: no credentials)."""
    with DynamicProviderProcess(project="acme", env=NO_ENV) as process:
        process.configure(
            {}
            if emulator is None
            else {
                "configcat:basicAuthUsername": emulator.username,
                "configcat:basicAuthPassword": secret(emulator.password),
                "configcat:basePath": emulator.base_url,
            }
        )
        yield process


def provider_for(emu: ConfigCatEmulator, name: str = "b", password: str | None = None) -> configcat.Provider:
    return configcat.Provider(
        name,
        basic_auth_username=emu.username,
        basic_auth_password=pulumi.Output.secret(password or emu.password),
        base_path=emu.base_url,
    )


def writes(emu: ConfigCatEmulator) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in emu.requests if r.method != "GET"]


def accept_passwords(emu: ConfigCatEmulator, *passwords: str, users: tuple[str, ...] = ()) -> list[str]:
    """Makes ``emu`` take each of ``passwords`` (a rotation), for its user name or any of ``users`` (other
    credentials of the same ConfigCat user); returns the passwords used, in order."""
    used: list[str] = []

    def authorized(header: str | None) -> bool:
        try:
            user, _, password = base64.b64decode((header or "")[6:]).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        if user in (emu.username, *users) and password in passwords:
            used.append(password)
            return True
        return False

    emu._authorized = authorized  # type: ignore[method-assign]
    return used


def moved_to(engine: MiniEngine, process: DynamicProviderProcess) -> MiniEngine:
    """The engine's state, driven through another provider process (a later `pulumi` command)."""
    later = MiniEngine(process)
    later.state = engine.state
    return later


def ops(steps: list[Any]) -> dict[str, str]:
    return {step.name: step.op for step in steps}


class Group(pulumi.ComponentResource):
    def __init__(self, name: str, opts: pulumi.ResourceOptions) -> None:
        super().__init__("test:index:Group", name, None, opts)


# Each way pulumiverse programs hand a resource its provider: (Provider, product id) -> its options.
WAYS: dict[str, Callable[[configcat.Provider, str], pulumi.ResourceOptions]] = {
    "provider": lambda cc, _: pulumi.ResourceOptions(provider=cc),
    "providers list": lambda cc, _: pulumi.ResourceOptions(providers=[cc]),
    "providers map": lambda cc, _: pulumi.ResourceOptions(providers={"configcat": cc}),
    "parent component's providers": lambda cc, _: pulumi.ResourceOptions(
        parent=Group("group", pulumi.ResourceOptions(providers=[cc]))
    ),
    "parent resource's provider": lambda cc, product_id: pulumi.ResourceOptions(
        parent=configcat.Tag("parent", product_id=product_id, opts=pulumi.ResourceOptions(provider=cc))
    ),
}


@pytest.mark.parametrize("way", list(WAYS))
def test_each_way_of_giving_a_provider_reaches_its_account(
    way: str, emulator: ConfigCatEmulator, other: ConfigCatEmulator, unique: str
) -> None:
    _, product = other.call("POST", f"/v1/organizations/{other.organization_id}/products", {"name": "b"})
    product_id = product["productId"]
    name = f"env-{unique}"
    with stack_process(emulator) as process:
        engine = MiniEngine(process)
        run = engine.run(
            lambda: configcat.Environment(
                name, product_id=product_id, opts=WAYS[way](provider_for(other), product_id)
            )
        )
        assert run.errors == []
        (env_id,) = [state.id_ for state in engine.state.values() if state.name == name]
        assert env_id in other.state()["environments"]
        assert env_id not in emulator.state()["environments"]
        engine.destroy()
    assert env_id not in other.state()["environments"]
    made = 2 if way == "parent resource's provider" else 1  # the parent tag too
    assert sorted(m for m, _ in writes(other)) == ["DELETE"] * made + ["POST"] * made


def test_two_accounts_in_one_program_through_up_refresh_and_destroy(
    emulator: ConfigCatEmulator, other: ConfigCatEmulator, unique: str
) -> None:
    def program() -> None:
        cc = provider_for(other)
        configcat.Product(f"a-{unique}", organization_id=emulator.organization_id)
        product = configcat.Product(
            f"b-{unique}", organization_id=other.organization_id, opts=pulumi.ResourceOptions(provider=cc)
        )
        configcat.Config(f"c-{unique}", product_id=product.id, opts=pulumi.ResourceOptions(provider=cc))

    with stack_process(emulator) as process:
        engine = MiniEngine(process)
        assert engine.run(program).errors == []
        ids = {state.name: state.id_ for state in engine.state.values()}
        assert ids[f"a-{unique}"] in emulator.state()["products"]
        assert ids[f"b-{unique}"] in other.state()["products"]
        assert ids[f"c-{unique}"] in other.state()["configs"]
        other.requests.clear()
        again = engine.run(program)
        assert ops(again.steps) == dict.fromkeys(ids, "same")
        assert other.requests == []  # /v1/me was asked once per process, at the first check

    # Neither refresh nor destroy runs the program: each resource's state leads to its account.
    with stack_process(emulator) as later:
        other.requests.clear()
        refreshed = moved_to(engine, later).refresh()
        assert {step.op for step in refreshed} == {"refresh"}
        assert sorted(r.path for r in other.requests) == sorted(
            [f"/v1/products/{ids[f'b-{unique}']}", f"/v1/configs/{ids[f'c-{unique}']}"]
        )
        moved_to(engine, later).destroy()
    assert ids[f"b-{unique}"] not in other.state()["products"]
    assert ids[f"a-{unique}"] not in emulator.state()["products"]


def test_lookups_use_the_provider_in_their_invoke_options(
    emulator: ConfigCatEmulator, other: ConfigCatEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The program's own default credentials (lookups run in the program): account A.
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_USERNAME", emulator.username)
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_PASSWORD", emulator.password)
    monkeypatch.setenv("CONFIGCAT_BASE_PATH", emulator.base_url)
    other.call("POST", f"/v1/organizations/{other.organization_id}/products", {"name": "only-in-b"})

    def program() -> None:
        cc = provider_for(other)
        options = pulumi.InvokeOptions(provider=cc)
        pulumi.export("plain", [p.name for p in configcat.get_products(opts=options).products])
        pulumi.export("output", configcat.get_products_output(opts=options).products.apply(len))
        pulumi.export(
            "parent",
            configcat.get_organizations(
                opts=pulumi.InvokeOptions(
                    parent=Group("g", pulumi.ResourceOptions(providers={"configcat": cc}))
                )
            )
            .organizations[0]
            .organization_id,
        )
        pulumi.export("default", configcat.get_organizations().organizations[0].organization_id)

    with stack_process(emulator) as process:
        run = MiniEngine(process).run(program)
    assert run.errors == []
    assert run.exports["plain"] == ["only-in-b"]
    assert run.exports["output"] == 1  # not secret: the credentials' secrecy does not spread to results
    assert run.exports["parent"] == other.organization_id
    assert run.exports["default"] == emulator.organization_id


def test_the_password_is_a_secret_and_the_blob_a_class_reference(
    emulator: ConfigCatEmulator, other: ConfigCatEmulator, unique: str
) -> None:
    def program() -> None:
        configcat.Product(f"plain-{unique}", organization_id=emulator.organization_id)
        configcat.Product(
            f"b-{unique}",
            organization_id=other.organization_id,
            opts=pulumi.ResourceOptions(provider=provider_for(other)),
        )

    with stack_process(emulator) as process:
        engine = MiniEngine(process)
        preview = engine.run(program, preview=True)
        assert engine.run(program).errors == []
        states = {state.name: state for state in engine.state.values()}
        explicit = states[f"b-{unique}"]
        assert is_secret(explicit.inputs[PASSWORD_KEY])
        assert is_secret(explicit.outputs[PASSWORD_KEY])
        assert not is_secret(explicit.outputs[ACCOUNT_KEY])
        assert other.password not in str(explicit.outputs[ACCOUNT_KEY])
        (previewed,) = [outs for urn, outs in preview.outputs.items() if urn.endswith(f"b-{unique}")]
        assert is_secret(previewed[PASSWORD_KEY])
        assert other.password not in str({k: v for k, v in previewed.items() if k != PASSWORD_KEY})
        # The same class reference whatever the account: nothing of the account is pickled.
        blob = explicit.outputs["__provider"]
        assert blob == states[f"plain-{unique}"].outputs["__provider"]
        assert other.password.encode() not in base64.b64decode(blob)
        assert b"pulumi_configcat.resources.products" in decode_provider_blob(blob)
        engine.destroy()
        assert other.password not in "".join(process.log)


def test_wrong_password_fails_check_naming_the_user_not_the_password(
    emulator: ConfigCatEmulator, other: ConfigCatEmulator, unique: str
) -> None:
    with stack_process(emulator) as process:
        run = MiniEngine(process).run(
            lambda: configcat.Product(
                f"p-{unique}",
                organization_id=other.organization_id,
                opts=pulumi.ResourceOptions(provider=provider_for(other, password="not-the-password")),
            )
        )
    (error,) = run.errors
    assert isinstance(error, CheckFailedError)
    ((prop, reason),) = error.failures
    assert prop == ACCOUNT_KEY
    for expected in ("401", other.username, "Provider 'b'"):
        assert expected in reason
    assert "not-the-password" not in reason
    assert writes(other) == []


def test_a_password_rotation_is_no_change_and_reaches_the_state_once_the_old_one_is_refused(
    emulator: ConfigCatEmulator, other: ConfigCatEmulator, unique: str
) -> None:
    old, new = other.password, "the-rotated-password"
    password = {"now": old}

    def program() -> None:
        cc = provider_for(other, password=password["now"])
        for name in ("p", "q"):
            configcat.Product(
                f"{name}-{unique}",
                organization_id=other.organization_id,
                opts=pulumi.ResourceOptions(provider=cc),
            )

    with stack_process(emulator) as process:
        engine = MiniEngine(process)
        assert engine.run(program).errors == []
    names = [f"p-{unique}", f"q-{unique}"]

    # The new credential exists beside the old one; the program moves to it: no change shows.
    accept_passwords(other, old, new)
    password["now"] = new
    other.requests.clear()
    with stack_process(emulator) as process:
        rotated = moved_to(engine, process).run(program)
    assert rotated.errors == []
    assert ops(rotated.steps) == dict.fromkeys(names, "same")
    assert writes(other) == []
    # The engine's "same" step kept the outputs: the state keeps the old password for refresh and destroy.
    state = next(iter(engine.state.values()))
    assert state.inputs[PASSWORD_KEY]["value"] == new
    assert state.outputs[PASSWORD_KEY]["value"] == old

    # The old credential is revoked. A refresh (no program) still uses the stored one, and is refused.
    accept_passwords(other, new)
    with stack_process(emulator) as process, pytest.raises(ProviderError) as refused:
        moved_to(engine, process).refresh()
    assert "401" in refused.value.details
    assert other.username in refused.value.details
    assert old not in refused.value.details
    assert new not in refused.value.details

    # The next `up` finds the stored password refused and records the program's: updates sending nothing.
    used = accept_passwords(other, new)
    other.requests.clear()
    with stack_process(emulator) as process:
        recorded = moved_to(engine, process).run(program)
    assert recorded.errors == []
    assert ops(recorded.steps) == dict.fromkeys(names, "update")
    # For both resources: one GET /v1/me for the program's credentials (check), one for the stored ones.
    assert sorted((r.method, r.path, r.status) for r in other.requests) == [
        ("GET", "/v1/me", 200),
        ("GET", "/v1/me", 401),
    ]
    assert {state.outputs[PASSWORD_KEY]["value"] for state in engine.state.values()} == {new}
    with stack_process(emulator) as process:
        moved_to(engine, process).destroy()
    assert set(used) == {new}
    assert [m for m, _ in writes(other)] == ["DELETE", "DELETE"]


def test_an_up_after_a_rotation_deletes_with_the_new_password(
    emulator: ConfigCatEmulator, other: ConfigCatEmulator, unique: str
) -> None:
    keep, drop = f"keep-{unique}", f"drop-{unique}"
    declared: dict[str, Any] = {"names": [keep, drop], "password": other.password}

    def program() -> None:
        cc = provider_for(other, password=declared["password"])
        for name in declared["names"]:
            configcat.Product(
                name, organization_id=other.organization_id, opts=pulumi.ResourceOptions(provider=cc)
            )

    with stack_process(emulator) as process:
        engine = MiniEngine(process)
        assert engine.run(program).errors == []
        dropped = next(s.id_ for s in engine.state.values() if s.name == drop)
    used = accept_passwords(other, "rotated")
    declared.update(names=[keep], password="rotated")
    other.requests.clear()
    with stack_process(emulator) as process:
        run = moved_to(engine, process).run(program)
    assert run.errors == []
    assert ops(run.steps) == {keep: "update", drop: "delete"}
    assert writes(other) == [("DELETE", f"/v1/products/{dropped}")]
    assert dropped not in other.state()["products"]
    assert set(used) == {"rotated"}


def test_get_reads_through_the_provider_it_is_given(
    emulator: ConfigCatEmulator, other: ConfigCatEmulator
) -> None:
    _, product = other.call("POST", f"/v1/organizations/{other.organization_id}/products", {"name": "in-b"})

    def program() -> None:
        found = configcat.Product.get(
            "found", product["productId"], opts=pulumi.ResourceOptions(provider=provider_for(other))
        )
        pulumi.export("name", found.name)

    with stack_process(emulator) as process:
        run = MiniEngine(process).run(program)
    assert run.errors == []
    assert run.exports["name"] == "in-b"
    assert [r.path for r in other.requests if r.path != "/v1/me"] == [f"/v1/products/{product['productId']}"]


def test_a_new_credential_of_the_same_user_is_no_change_either(
    emulator: ConfigCatEmulator, other: ConfigCatEmulator, unique: str
) -> None:
    """ConfigCat rotates by making a new credential (another user name and password) for the same user."""
    first_user, first_password = other.username, other.password
    credentials = {"user": first_user, "password": first_password}

    def program() -> None:
        cc = configcat.Provider(
            "b",
            basic_auth_username=credentials["user"],
            basic_auth_password=pulumi.Output.secret(credentials["password"]),
            base_path=other.base_url,
        )
        configcat.Product(
            f"p-{unique}", organization_id=other.organization_id, opts=pulumi.ResourceOptions(provider=cc)
        )

    with stack_process(emulator) as process:
        engine = MiniEngine(process)
        assert engine.run(program).errors == []
    accept_passwords(other, first_password, "second-password", users=(first_user, "second-user"))
    credentials.update(user="second-user", password="second-password")
    other.requests.clear()
    with stack_process(emulator) as process:
        run = moved_to(engine, process).run(program)
    assert run.errors == []
    assert ops(run.steps) == {f"p-{unique}": "same"}
    assert writes(other) == []


def test_a_plain_lookup_through_credentials_not_known_yet_says_to_use_the_output_form(
    emulator: ConfigCatEmulator, other: ConfigCatEmulator, unique: str
) -> None:
    def program() -> None:
        product = configcat.Product(f"p-{unique}", organization_id=emulator.organization_id)
        cc = configcat.Provider(
            "b", basic_auth_username=other.username, basic_auth_password=product.id, base_path=other.base_url
        )
        configcat.get_products(opts=pulumi.InvokeOptions(provider=cc))

    with stack_process(emulator) as process, pytest.raises(configcat.ConfigurationError) as raised:
        MiniEngine(process).run(program, preview=True)
    assert "configcat.Provider 'b': its credentials are not known yet" in str(raised.value)
    assert "_output form" in str(raised.value)


def test_import_adopts_in_the_providers_account(
    emulator: ConfigCatEmulator, other: ConfigCatEmulator
) -> None:
    _, product = other.call(
        "POST", f"/v1/organizations/{other.organization_id}/products", {"name": "adopted"}
    )

    def program() -> None:
        configcat.Product(
            "adopted",
            organization_id=other.organization_id,
            opts=pulumi.ResourceOptions(provider=provider_for(other), import_=product["productId"]),
        )

    with stack_process(emulator) as process:
        engine = MiniEngine(process)
        run = engine.run(program)
        assert run.errors == []
        assert [state.id_ for state in engine.state.values()] == [product["productId"]]
        assert writes(other) == []  # it already matches
        engine.destroy()
    assert product["productId"] not in other.state()["products"]
