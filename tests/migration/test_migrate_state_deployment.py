"""``migrate-state``: the deployment around the migrated resources (URNs and every reference to them, the
providers, the bridge's bookkeeping) and secrets (kept secret, carried or wrapped, never plain)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from pulumi_configcat.migrate import RefusedError, migrate
from tests.migration._cases import CASES
from tests.migration._export import (
    INTEGRATION,
    META,
    PREFIX,
    PRODUCT,
    PRODUCT_IN,
    PRODUCT_TOKEN,
    SECRET_SIG,
    SIG,
    STACK_URN,
    Sealed,
    ciphertext,
    migrated,
    opened_state,
    plaintext,
    product,
    pv_resource,
    stack_export,
)

NEW_PRODUCT = PREFIX + "pulumi-python:dynamic/configcat:Product::it"
OLD_PRODUCT = PREFIX + PRODUCT_TOKEN + "::it"


def test_references_to_a_migrated_resource_follow_its_new_urn() -> None:
    component = {"urn": PREFIX + "acme:Shop::shop", "custom": False, "type": "acme:Shop", "parent": STACK_URN}
    child_token = "configcat:index/tag:Tag"
    child = pv_resource(
        child_token,
        "beta",
        "51000",
        {"productId": PRODUCT, "name": "beta"},
        {"productId": PRODUCT, "name": "beta", "color": "panther"},
    )
    child.update(
        urn=f"{PREFIX}{PRODUCT_TOKEN}${child_token}::beta",  # a child of the product: its type is in the URN
        parent=OLD_PRODUCT,
        dependencies=[OLD_PRODUCT],
        propertyDependencies={"productId": [OLD_PRODUCT], "name": []},
        aliases=[f"{PREFIX}{child_token}::beta"],
        ignoreChanges=["productId"],
        deletedWith=OLD_PRODUCT,
    )
    other = {
        "urn": PREFIX + "aws:s3/bucket:Bucket::b",
        "custom": True,
        "id": "b",
        "type": "aws:s3/bucket:Bucket",
        "parent": PREFIX + "acme:Shop::shop",
        "dependencies": [OLD_PRODUCT],
        "propertyDependencies": {"tags": [OLD_PRODUCT]},
    }
    migration = migrate(stack_export(component, product(parent=component["urn"]), child, other))
    resources = {r["urn"]: r for r in migration.export["deployment"]["resources"]}
    new_child = PREFIX + "pulumi-python:dynamic/configcat:Product$pulumi-python:dynamic/configcat:Tag::beta"
    assert resources[NEW_PRODUCT]["parent"] == component["urn"]
    assert resources[new_child]["parent"] == NEW_PRODUCT
    assert resources[new_child]["dependencies"] == [NEW_PRODUCT]
    assert resources[new_child]["deletedWith"] == NEW_PRODUCT
    assert resources[new_child]["propertyDependencies"] == {
        "__provider": [],
        "color": [],
        "name": [],
        "product_id": [NEW_PRODUCT],
    }
    assert resources[new_child]["aliases"] == [PREFIX + "pulumi-python:dynamic/configcat:Tag::beta"]
    assert resources[new_child]["ignoreChanges"] == ["product_id"]
    assert resources[PREFIX + "aws:s3/bucket:Bucket::b"]["dependencies"] == [NEW_PRODUCT]
    assert resources[PREFIX + "aws:s3/bucket:Bucket::b"]["propertyDependencies"] == {"tags": [NEW_PRODUCT]}
    assert migration.migrated == {
        OLD_PRODUCT: NEW_PRODUCT,
        f"{PREFIX}{PRODUCT_TOKEN}${child_token}::beta": new_child,
    }
    text = json.dumps(migration.export)
    assert "configcat:index/" not in text
    assert "pulumi:providers:configcat" not in text


def test_pulumiverse_default_provider_becomes_the_pulumi_python_one() -> None:
    migration = migrate(stack_export(product()))
    resources = migration.export["deployment"]["resources"]
    provider = resources[1]
    assert provider["urn"] == PREFIX + "pulumi:providers:pulumi-python::default"
    assert provider["type"] == "pulumi:providers:pulumi-python"
    # The configuration the engine hands a dynamic provider: the stack's, under its namespace.
    assert (
        provider["inputs"]
        == provider["outputs"]
        == {
            "configcat:basicAuthPassword": ciphertext("v1:pw"),
            "configcat:basicAuthUsername": "user",
        }
    )
    assert resources[2]["provider"] == f"{provider['urn']}::{provider['id']}"


def test_an_existing_pulumi_python_provider_is_used_and_stands_before_its_resources() -> None:
    existing = {
        "urn": PREFIX + "pulumi:providers:pulumi-python::default",
        "custom": True,
        "id": "existing-id",
        "type": "pulumi:providers:pulumi-python",
        "inputs": {"configcat:basicAuthUsername": "user"},
    }
    migration = migrate(stack_export(product(), existing))
    urns = [r["urn"] for r in migration.export["deployment"]["resources"]]
    assert urns == [STACK_URN, existing["urn"], NEW_PRODUCT]
    assert migration.export["deployment"]["resources"][1] == existing
    assert migration.export["deployment"]["resources"][2]["provider"] == f"{existing['urn']}::existing-id"


@pytest.mark.parametrize("meta", [True, False], ids=["with-meta", "without-meta"])
def test_bridge_bookkeeping_is_dropped(meta: bool) -> None:
    outputs = {**PRODUCT_IN, "description": None, **({"__meta": META} if meta else {})}
    inputs = {**PRODUCT_IN, "__defaults": []}
    resource = migrated(
        stack_export(product(inputs=inputs, outputs={"id": PRODUCT, **outputs}, importID="x"))
    )
    assert "__meta" not in resource["outputs"]
    assert "__defaults" not in resource["inputs"]
    assert "id" not in resource["outputs"]
    assert "importID" not in resource


def test_the_export_given_is_not_changed() -> None:
    export = stack_export(product())
    before = copy.deepcopy(export)
    migrate(export)
    assert export == before


INTEGRATION_TOKEN = "configcat:index/integration:Integration"


def _integration(parameters: Any, outputs_parameters: Any = None) -> dict[str, Any]:
    base = {"productId": PRODUCT, "integrationType": "dataDog", "name": "Datadog"}
    return pv_resource(
        INTEGRATION_TOKEN,
        "it",
        INTEGRATION,
        {**base, "parameters": parameters},
        {**base, "parameters": outputs_parameters or parameters, "configs": [], "environments": []},
    )


def test_an_encrypted_secret_is_carried_over_as_it_is() -> None:
    resource = migrated(stack_export(_integration(ciphertext("v1:params"))))
    assert resource["inputs"]["parameters"] == ciphertext("v1:params")
    assert resource["outputs"]["parameters"] == ciphertext("v1:params")


def test_a_secret_prop_that_pulumiverse_kept_plain_becomes_secret() -> None:
    resource = migrated(stack_export(_integration({"apikey": "dd-key", "site": "Eu"})))
    assert opened_state(resource["inputs"]["parameters"]) == Sealed({"apikey": "dd-key", "site": "Eu"})
    assert opened_state(resource["outputs"]["parameters"]) == Sealed({"apikey": "dd-key", "site": "Eu"})


def test_a_secret_nested_in_a_value_makes_the_whole_value_secret() -> None:
    resource = migrated(stack_export(_integration({"apikey": plaintext("dd-key"), "site": "Eu"})))
    assert opened_state(resource["inputs"]["parameters"]) == Sealed({"apikey": "dd-key", "site": "Eu"})


def test_any_other_secret_stays_secret() -> None:
    secret_description = ciphertext("v1:description")
    resource = migrated(
        stack_export(
            product(
                inputs={**PRODUCT_IN, "description": secret_description},
                outputs={"id": PRODUCT, **PRODUCT_IN, "description": secret_description},
            )
        )
    )
    assert resource["inputs"]["description"] == secret_description
    assert resource["outputs"]["description"] == secret_description
    name_secret = migrated(stack_export(product(inputs={**PRODUCT_IN, "name": plaintext("Shop")})))
    assert opened_state(name_secret["inputs"]["name"]) == Sealed("Shop")


def test_no_secret_is_written_in_plain_text() -> None:
    webhook = next(case for case in CASES if case.token.endswith("Webhook"))
    integration = next(case for case in CASES if case.token.endswith("Integration"))
    migration = migrate(
        stack_export(
            pv_resource(webhook.token, "w", webhook.id_, webhook.inputs, webhook.outputs),
            pv_resource(integration.token, "i", integration.id_, integration.inputs, integration.outputs),
        )
    )

    def plain_strings(value: Any) -> list[str]:
        if isinstance(value, dict):
            if value.get(SIG) == SECRET_SIG:
                return []
            return [s for item in value.values() for s in plain_strings(item)]
        if isinstance(value, list):
            return [s for item in value for s in plain_strings(item)]
        return [value] if isinstance(value, str) else []

    found = plain_strings(migration.export)
    assert "Bearer t0ken" not in found
    assert "dd-key" not in found
    assert not any("t0ken" in s or "dd-key" in s for s in found)
    resources = {r["urn"].rsplit("::", 1)[-1]: r for r in migration.export["deployment"]["resources"]}
    assert resources["w"]["additionalSecretOutputs"] == ["secure_webhook_headers"]
    assert resources["i"]["additionalSecretOutputs"] == ["parameters"]


def test_a_new_pulumi_python_provider_holds_the_stack_configuration_given() -> None:
    stack_config = {
        "configcat:basicAuthPassword": {"value": "pw", "secret": True},
        "configcat:basicAuthUsername": {"value": "user", "secret": False},
        "shop:owner": {"value": "shop team", "secret": False},
        "shop:limits": {"value": '{"max":3}', "objectValue": {"max": 3}, "secret": False},
    }
    migration = migrate(stack_export(product()), stack_config)
    provider = migration.export["deployment"]["resources"][1]
    expected = {
        "configcat:basicAuthPassword": Sealed("pw"),
        "configcat:basicAuthUsername": "user",
        "shop:limits": '{"max":3}',
        "shop:owner": "shop team",
    }
    assert opened_state(provider["inputs"]) == opened_state(provider["outputs"]) == expected
    assert not any("--stack-config" in note for note in migration.notes)


def test_without_the_stack_configuration_the_note_says_what_up_may_record() -> None:
    (note,) = [note for note in migrate(stack_export(product())).notes if "pulumi-python::default" in note]
    assert "give --stack-config" in note


def test_a_secret_of_the_stack_configuration_without_its_value_is_refused() -> None:
    with pytest.raises(RefusedError, match="'configcat:basicAuthPassword' has no value"):
        migrate(stack_export(product()), {"configcat:basicAuthPassword": {"secret": True}})


def test_an_existing_pulumi_python_provider_keeps_its_configuration() -> None:
    existing = {
        "urn": PREFIX + "pulumi:providers:pulumi-python::default",
        "custom": True,
        "id": "existing-id",
        "type": "pulumi:providers:pulumi-python",
        "inputs": {"configcat:basicAuthUsername": "user"},
    }
    migration = migrate(stack_export(product(), existing), {"other:key": {"value": "x", "secret": False}})
    assert migration.export["deployment"]["resources"][1] == existing


def test_a_lookup_keeps_only_the_provider_blob_as_input() -> None:
    # pulumiverse's Product.get(...): a read, whose state this package's Product.get(...) writes the same way.
    read = product(inputs={}, external=True)
    read.pop("propertyDependencies")
    resource = migrated(stack_export(read))
    assert set(resource["inputs"]) == {"__provider"}
    assert resource["external"] is True
    assert "propertyDependencies" not in resource
    assert opened_state(resource["outputs"]) == {
        "__provider": resource["inputs"]["__provider"],
        "name": "Shop",
        "order": 1,
        "organization_id": PRODUCT_IN["organizationId"],
    }
