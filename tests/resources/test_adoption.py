"""Taking over existing entities (`import_`), read-only lookups (`get`), and what only some entities do."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import MiniEngine, ProviderError, RunResult


def _ok(result: RunResult) -> RunResult:
    assert result.errors == []
    return result


def _post(emulator: ConfigCatEmulator, path: str, body: dict[str, Any]) -> dict[str, Any]:
    status, answer = emulator.call("POST", path, body)
    assert status in (200, 201), answer
    assert isinstance(answer, dict)
    return answer


def _writes(emulator: ConfigCatEmulator) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in emulator.requests if r.method != "GET"]


def test_import_adopts_the_entity_and_brings_it_to_the_program(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    org = emulator.organization_id
    existing = _post(
        emulator, f"/v1/organizations/{org}/products", {"name": f"legacy-{unique}", "description": "old"}
    )
    id_ = existing["productId"]
    products_before = len(emulator.state()["products"])

    def program(**opts: Any) -> None:
        configcat.Product(
            "legacy",
            organization_id=org,
            name=f"legacy-{unique}",
            description="managed now",
            opts=pulumi.ResourceOptions(**opts),
        )

    emulator.requests.clear()
    (step,) = _ok(engine.run(lambda: program(import_=id_))).steps
    assert (step.op, step.id_) == ("create", id_)
    assert len(emulator.state()["products"]) == products_before
    assert emulator.state()["products"][id_]["description"] == "managed now"
    assert _writes(emulator) == [("PUT", f"/v1/products/{id_}")]

    # Keeping or dropping `import_` afterwards, as Pulumi's docs advise, changes nothing.
    emulator.requests.clear()
    assert [s.op for s in _ok(engine.run(lambda: program(import_=id_))).steps] == ["same"]
    assert [s.op for s in _ok(engine.run(program)).steps] == ["same"]
    assert emulator.requests == []


def test_import_of_an_entity_that_already_matches_sends_no_write(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    org = emulator.organization_id
    product = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"p-{unique}"})
    tag = _post(emulator, f"/v1/products/{product['productId']}/tags", {"name": "beta", "color": "whale"})

    emulator.requests.clear()
    result = _ok(
        engine.run(
            lambda: configcat.Tag(
                "beta",
                product_id=product["productId"],
                color="whale",
                opts=pulumi.ResourceOptions(import_=tag["tagId"]),  # an int id is fine
            )
        )
    )
    assert result.steps[0].id_ == str(tag["tagId"])
    assert _writes(emulator) == []


def test_import_of_a_missing_entity_fails_clearly(engine: MiniEngine, emulator: ConfigCatEmulator) -> None:
    missing = "08d86d63-0000-0000-0000-000000000000"
    result = engine.run(
        lambda: configcat.Environment(
            "gone", product_id=missing, opts=pulumi.ResourceOptions(import_=missing)
        )
    )
    (error,) = result.errors
    assert isinstance(error, ProviderError)
    assert f"cannot import Environment '{missing}': no such Environment exists" in error.details
    assert engine.state == {}


def test_import_under_another_parent_is_refused(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    org = emulator.organization_id
    first = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"first-{unique}"})
    second = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"second-{unique}"})
    config = _post(emulator, f"/v1/products/{first['productId']}/configs", {"name": "main"})

    emulator.requests.clear()
    result = engine.run(
        lambda: configcat.Config(
            "main", product_id=second["productId"], opts=pulumi.ResourceOptions(import_=config["configId"])
        )
    )
    (error,) = result.errors
    assert isinstance(error, ProviderError)
    assert "cannot import Config" in error.details
    assert f"product_id is '{first['productId']}', not '{second['productId']}'" in error.details
    assert _writes(emulator) == []


def test_get_reads_an_existing_entity_without_managing_it(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    org = emulator.organization_id
    product = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"seen-{unique}", "order": 4})

    def program() -> None:
        found = configcat.Product.get("seen", product["productId"])
        pulumi.export("name", found.name)
        pulumi.export("order", found.order)
        pulumi.export("organization_id", found.organization_id)

    result = _ok(engine.run(program))
    assert [step.op for step in result.steps] == ["read"]
    assert result.exports == {"name": f"seen-{unique}", "order": 4, "organization_id": org}
    assert engine.state == {}
    engine.destroy()
    assert product["productId"] in emulator.state()["products"]


def test_get_takes_an_integer_id_as_a_whole_float(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    """pulumiverse's own examples read ids with ``config.require_float``: ``3100.0`` is tag 3100 there."""
    org = emulator.organization_id
    product = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"float-{unique}"})
    tag = _post(emulator, f"/v1/products/{product['productId']}/tags", {"name": "beta", "color": "whale"})

    result = _ok(engine.run(lambda: pulumi.export("name", configcat.Tag.get("t", float(tag["tagId"])).name)))

    assert [(step.op, step.id_) for step in result.steps] == [("read", str(tag["tagId"]))]
    assert result.exports == {"name": "beta"}


def test_an_api_error_reaches_the_user_with_its_words_method_and_path(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    org = emulator.organization_id
    product = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"keys-{unique}"})
    config = _post(emulator, f"/v1/products/{product['productId']}/configs", {"name": "main"})["configId"]
    _post(emulator, f"/v1/configs/{config}/settings", {"key": "taken", "name": "t", "settingType": "string"})

    # A duplicate the provider cannot adopt (another type) is refused in the API's words.
    result = engine.run(lambda: configcat.Setting("dup", config_id=config, key="taken"))
    (error,) = result.errors
    assert isinstance(error, ProviderError)
    assert f"ConfigCat API POST /v1/configs/{config}/settings answered 400 Bad Request" in error.details
    assert "This key is already in use" in error.details
    assert emulator.password not in error.details


def test_delete_of_an_entity_already_gone_succeeds(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    org = emulator.organization_id
    result = _ok(engine.run(lambda: configcat.Product(f"doomed-{unique}", organization_id=org)))
    id_ = result.steps[0].id_
    emulator.call("DELETE", f"/v1/products/{id_}")
    assert [step.op for step in engine.destroy()] == ["delete"]
    assert engine.state == {}


def test_permission_group_revokes_environments_no_longer_listed(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    org = emulator.organization_id
    product = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"perm-{unique}"})
    pid = product["productId"]
    dev = _post(emulator, f"/v1/products/{pid}/environments", {"name": "dev"})["environmentId"]
    prod = _post(emulator, f"/v1/products/{pid}/environments", {"name": "prod"})["environmentId"]

    def program(accesses: dict[str, str], accesstype: str = "custom") -> None:
        configcat.PermissionGroup(
            "devs", product_id=pid, accesstype=accesstype, environment_accesses=accesses or None
        )

    def accesses_on_server(id_: str) -> dict[str, str]:
        status, group = emulator.call("GET", f"/v1/permissions/{id_}")
        assert status == 200
        return {
            item["environmentId"]: item["environmentAccessType"]
            for item in group["environmentAccesses"]
            if item["environmentAccessType"] != "none"
        }

    id_ = _ok(engine.run(lambda: program({dev: "full", prod: "readOnly"}))).steps[0].id_
    assert accesses_on_server(id_) == {dev: "full", prod: "readOnly"}

    _ok(engine.run(lambda: program({dev: "full"})))
    assert accesses_on_server(id_) == {dev: "full"}

    # After a refresh the state lists what the server says; the program still matches it.
    engine.refresh()
    assert [step.op for step in _ok(engine.run(lambda: program({dev: "full"}))).steps] == ["same"]


def test_preferences_turn_off_environments_no_longer_listed(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    org = emulator.organization_id
    pid = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"prefs-{unique}"})["productId"]
    dev = _post(emulator, f"/v1/products/{pid}/environments", {"name": "dev"})["environmentId"]
    prod = _post(emulator, f"/v1/products/{pid}/environments", {"name": "prod"})["environmentId"]

    def program(required: dict[str, bool] | None) -> None:
        configcat.ProductPreferences("prefs", product_id=pid, reason_required_environments=required)

    def required_on_server() -> dict[str, bool]:
        status, prefs = emulator.call("GET", f"/v1/products/{pid}/preferences")
        assert status == 200
        return {item["environmentId"]: item["reasonRequired"] for item in prefs["reasonRequiredEnvironments"]}

    _ok(engine.run(lambda: program({prod: True})))
    assert required_on_server() == {dev: False, prod: True}
    # The server lists every environment; that is no change against the sparse input.
    engine.refresh()
    assert [step.op for step in _ok(engine.run(lambda: program({prod: True}))).steps] == ["same"]

    _ok(engine.run(lambda: program(None)))
    assert required_on_server() == {dev: False, prod: False}


@pytest.mark.parametrize("preview", [True, False])
def test_a_new_parent_replaces_even_when_its_id_is_unknown_at_preview(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str, preview: bool
) -> None:
    org = emulator.organization_id

    def program(parent: str) -> None:
        product = configcat.Product(f"{parent}-{unique}", organization_id=org)
        configcat.Config(f"main-{unique}", product_id=product.id)

    first = _ok(engine.run(lambda: program("first")))
    config_id = first.steps[-1].id_
    moved = _ok(engine.run(lambda: program("second"), preview=preview))
    step = next(step for step in moved.steps if step.name == f"main-{unique}")
    assert step.op == "replace"
    assert step.diff is not None
    assert step.diff.replaces == ["product_id"]
    assert (config_id in emulator.state()["configs"]) is preview


def test_preferences_take_over_what_the_dashboard_set_before(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    org = emulator.organization_id
    pid = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"prefs-before-{unique}"})[
        "productId"
    ]
    prod = _post(emulator, f"/v1/products/{pid}/environments", {"name": "prod"})["environmentId"]
    required = {"reasonRequiredEnvironments": [{"environmentId": prod, "reasonRequired": True}]}
    _post(emulator, f"/v1/products/{pid}/preferences", {**required, "showVariationId": True})

    emulator.requests.clear()
    _ok(engine.run(lambda: configcat.ProductPreferences("prefs", product_id=pid)))
    status, prefs = emulator.call("GET", f"/v1/products/{pid}/preferences")
    assert status == 200
    assert prefs["showVariationId"] is False
    assert prefs["reasonRequiredEnvironments"] == [
        {"environmentId": prod, "environmentName": "prod", "reasonRequired": False}
    ]
    assert _writes(emulator) == [("POST", f"/v1/products/{pid}/preferences")] * 2
    assert [
        s.op for s in _ok(engine.run(lambda: configcat.ProductPreferences("prefs", product_id=pid))).steps
    ] == ["same"]


def test_environment_accesses_are_ignored_unless_accesstype_is_custom(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    org = emulator.organization_id
    pid = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"full-{unique}"})["productId"]
    env = _post(emulator, f"/v1/products/{pid}/environments", {"name": "dev"})["environmentId"]

    def program() -> None:
        configcat.PermissionGroup("admins", product_id=pid, accesstype="full")

    id_ = _ok(engine.run(program)).steps[0].id_
    # The API keeps per-environment entries whatever the access type; they mean nothing with "full".
    access = {"environmentId": env, "environmentAccessType": "readOnly"}
    status, _ = emulator.call("PUT", f"/v1/permissions/{id_}", {"environmentAccesses": [access]})
    assert status == 200
    (refreshed,) = engine.refresh()
    assert refreshed.diff is not None
    assert refreshed.diff.changes == "DIFF_NONE"
    assert [step.op for step in _ok(engine.run(program)).steps] == ["same"]


def test_integration_import_takes_over_its_parameters_and_scope(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    org = emulator.organization_id
    pid = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"integ-{unique}"})["productId"]
    env = _post(emulator, f"/v1/products/{pid}/environments", {"name": "prod"})["environmentId"]
    existing = _post(
        emulator,
        f"/v1/products/{pid}/integrations",
        {
            "name": "Datadog",
            "integrationType": "dataDog",
            "parameters": {"apikey": "old-key"},
            "configIds": [],
            "environmentIds": [],
        },
    )
    id_ = existing["integrationId"]

    def program(integration_type: str = "dataDog") -> None:
        configcat.Integration(
            "datadog",
            product_id=pid,
            integration_type=integration_type,
            name="Datadog",
            parameters={"apikey": "new-key", "site": "Eu"},
            environments=[env],
            opts=pulumi.ResourceOptions(import_=id_),
        )

    # A type that differs cannot be changed in place: refused, nothing written.
    emulator.requests.clear()
    (error,) = engine.run(lambda: program("pubNub")).errors
    assert isinstance(error, ProviderError)
    assert "integration_type is 'dataDog', not 'pubNub'" in error.details
    assert "old-key" not in error.details
    assert _writes(emulator) == []

    (step,) = _ok(engine.run(program)).steps
    assert (step.op, step.id_) == ("create", id_)
    assert _writes(emulator) == [("PUT", f"/v1/integrations/{id_}")]
    stored = emulator.state()["integrations"][id_]
    assert (stored["parameters"], stored["environmentIds"]) == ({"apikey": "new-key", "site": "Eu"}, [env])
    emulator.requests.clear()
    assert [s.op for s in _ok(engine.run(program)).steps] == ["same"]
    assert emulator.requests == []
