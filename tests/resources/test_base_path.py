"""A 404 means "gone" only when the API is really there (issue 12, item 5).

With a base path that leads somewhere else, every request 404s: refresh used to drop every resource from
the state and destroy "succeeded" while everything stayed in the account.
"""

from __future__ import annotations

from collections.abc import Iterator

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import DynamicProviderProcess, MiniEngine, ProviderError, secret


def _configured(emulator: ConfigCatEmulator, base_path: str) -> DynamicProviderProcess:
    process = DynamicProviderProcess(env={"CONFIGCAT_BASE_PATH": ""})
    process.configure(
        {
            "configcat:basicAuthUsername": emulator.username,
            "configcat:basicAuthPassword": secret(emulator.password),
            "configcat:basePath": base_path,
        }
    )
    return process


@pytest.fixture
def wrong_path(emulator: ConfigCatEmulator) -> Iterator[DynamicProviderProcess]:
    # Everything under this prefix is 404 on the emulator, as under a mistyped path on a real host.
    with _configured(emulator, emulator.base_url + "/configcat") as process:
        yield process


def _stack(engine: MiniEngine, emulator: ConfigCatEmulator, unique: str) -> str:
    def program() -> None:
        product = configcat.Product(f"kept-{unique}", organization_id=emulator.organization_id)
        configcat.Tag(f"kept-{unique}", product_id=product.id)
        configcat.PermissionGroup(f"kept-{unique}", product_id=product.id)
        # Resources that read (or refresh) their own way, not through the base's read.
        config = configcat.Config(f"kept-{unique}", product_id=product.id)
        env = configcat.Environment(f"kept-{unique}", product_id=product.id)
        flag = configcat.Setting(f"kept{unique}", config_id=config.id, key=f"kept{unique}")
        configcat.ConfigValuesV2(
            f"kept-{unique}", config_id=config.id, environment_id=env.id, values={flag.key: True}
        )
        configcat.Integration(
            f"kept-{unique}", product_id=product.id, integration_type="dataDog", parameters={"apikey": "k"}
        )

    result = engine.run(program)
    assert result.errors == []
    return result.steps[0].id_


def test_refresh_through_a_wrong_base_path_keeps_the_state_and_says_why(
    engine: MiniEngine, emulator: ConfigCatEmulator, wrong_path: DynamicProviderProcess, unique: str
) -> None:
    _stack(engine, emulator, unique)
    stranded = MiniEngine(wrong_path)
    stranded.state = dict(engine.state)
    with pytest.raises(ProviderError) as caught:
        stranded.refresh()
    assert stranded.state == engine.state
    # One by one, as a refresh of any of them alone would go.
    for urn, resource in engine.state.items():
        alone = MiniEngine(wrong_path)
        alone.state = {urn: resource}
        with pytest.raises(ProviderError, match="configcat:basePath"):
            alone.refresh()
        assert alone.state == {urn: resource}
    assert "configcat:basePath" in caught.value.details
    assert "GET /v1/me answered 404" in caught.value.details
    engine.destroy()


def test_destroy_through_a_wrong_base_path_fails_and_keeps_everything(
    engine: MiniEngine, emulator: ConfigCatEmulator, wrong_path: DynamicProviderProcess, unique: str
) -> None:
    product_id = _stack(engine, emulator, unique)
    stranded = MiniEngine(wrong_path)
    stranded.state = dict(engine.state)
    with pytest.raises(ProviderError) as caught:
        stranded.destroy()
    assert "configcat:basePath" in caught.value.details
    # Only values may go (destroying them forgets them, with no request); every entity stays.
    assert {urn for urn in engine.state if "ConfigValues" not in urn} <= set(stranded.state)
    assert product_id in emulator.state()["products"]
    engine.destroy()


def test_import_through_a_wrong_base_path_does_not_say_the_entity_is_missing(
    emulator: ConfigCatEmulator, wrong_path: DynamicProviderProcess, unique: str
) -> None:
    status, product = emulator.call(
        "POST", f"/v1/organizations/{emulator.organization_id}/products", {"name": f"imp-{unique}"}
    )
    assert status == 201
    result = MiniEngine(wrong_path).run(
        lambda: configcat.Product(
            f"imp-{unique}",
            organization_id=emulator.organization_id,
            opts=pulumi.ResourceOptions(import_=product["productId"]),
        )
    )
    (error,) = result.errors
    assert isinstance(error, ProviderError)
    assert "no such Product" not in error.details
    assert "configcat:basePath" in error.details


def test_the_api_is_checked_once_per_process_and_only_when_a_404_comes(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    with _configured(emulator, emulator.base_url) as process:
        fresh = MiniEngine(process)

        def program() -> None:
            configcat.Product(f"once-{unique}", organization_id=emulator.organization_id)

        emulator.requests.clear()
        assert fresh.run(program).errors == []
        assert [r.path for r in emulator.requests if r.path == "/v1/me"] == []
        # Deleted in the dashboard twice over: two 404s, one check.
        (step,) = fresh.refresh()
        emulator.call("DELETE", f"/v1/products/{step.id_}")
        assert [s.op for s in fresh.refresh()] == ["delete"]
        assert fresh.run(program).errors == []
        (step,) = fresh.refresh()
        emulator.call("DELETE", f"/v1/products/{step.id_}")
        assert [s.op for s in fresh.refresh()] == ["delete"]
        assert [r.path for r in emulator.requests if r.path == "/v1/me"] == ["/v1/me"]
