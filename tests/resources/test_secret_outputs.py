"""Every output a provider keeps secret is declared so to the engine too (``additional_secret_outputs``), by
the constructor and by ``get()``: the engine then encrypts it in the state whatever the provider returns, and
a ``get()`` (which has no secret inputs to inherit secrecy from) hands it to the program as a secret."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

import pulumi_configcat as configcat
from pulumi_configcat.resources._resource import ConfigCatResource
from tests.harness._engine import _Monitor, _run_program

GUID = "08d86d63-2726-47cd-8bfc-59608ecb91e2"

# Each resource class whose provider keeps outputs secret, declared with the fewest inputs it takes.
DECLARE: dict[str, Callable[[], ConfigCatResource]] = {
    "Webhook": lambda: configcat.Webhook("r", config_id=GUID, environment_id=GUID, url="https://x.example"),
    "Integration": lambda: configcat.Integration(
        "r", product_id=GUID, integration_type="dataDog", parameters={"apikey": "k"}
    ),
    "Invitations": lambda: configcat.Invitations(
        "r", product_id=GUID, permission_group_id=7, emails=["ada@example.com"]
    ),
    "OrganizationMember": lambda: configcat.OrganizationMember(
        "r", organization_id=GUID, user_id="u1", permission_group_ids=[7]
    ),
    "ProxyProfile": lambda: configcat.ProxyProfile("r", organization_id=GUID),
}


class _Declared(_Monitor):
    """Keeps what each registration and each read declared as additional secret outputs."""

    def __init__(self) -> None:
        super().__init__()
        self.secret_outputs: dict[str, list[str]] = {}

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
        if request.custom:
            self.secret_outputs[f"register {request.name}"] = sorted(request.additionalSecretOutputs)
        return super().RegisterResource(request)

    def ReadResource(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
        self.secret_outputs[f"read {request.name}"] = sorted(request.additionalSecretOutputs)
        return super().ReadResource(request)


def _declared(program: Callable[[], object]) -> dict[str, list[str]]:
    monitor = _Declared()
    _, failure = _run_program(program, monitor=monitor, project="acme", stack="dev", preview=False)
    if failure is not None:
        raise failure
    return monitor.secret_outputs


def _secret_classes() -> set[str]:
    """The public resource classes whose provider has secret_props: the table above must hold each."""
    return {
        name
        for name in configcat.__all__
        if inspect.isclass(cls := getattr(configcat, name))
        and issubclass(cls, ConfigCatResource)
        and cls._provider_class.secret_props
    }


def test_the_table_holds_every_resource_with_secret_outputs() -> None:
    assert _secret_classes() == set(DECLARE)


@pytest.mark.parametrize("name", sorted(DECLARE))
def test_the_constructor_and_get_declare_the_providers_secret_outputs(name: str) -> None:
    cls: Any = getattr(configcat, name)
    expected = sorted(cls._provider_class.secret_props)
    assert _declared(DECLARE[name]) == {"register r": expected}
    assert _declared(lambda: cls.get("found", "some-id")) == {"read found": expected}
