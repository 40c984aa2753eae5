"""Lookups against the emulator: called directly (credentials from the environment or stack configuration),
and in their ``_output`` forms inside a program run by the harness, where SDK and signing keys are secrets."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi.runtime
import pytest

import pulumi_configcat as configcat
from pulumi_configcat import lookups
from pulumi_configcat._client import reset_clients
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import UNKNOWN, MiniEngine, RunResult, secret

UNKNOWN_GUID = "08d86d63-0000-4000-8000-00000000dead"


@dataclass(frozen=True)
class Seeded:
    """A product with two of everything the lookups list."""

    product_id: str
    main_config: str
    other_config: str
    production: str
    staging: str
    flag_id: int
    webhook_id: int
    group_id: int


def _make(emulator: ConfigCatEmulator, path: str, body: dict[str, Any]) -> dict[str, Any]:
    status, answer = emulator.call("POST", path, body)
    assert status in (200, 201), answer
    assert isinstance(answer, dict)
    return answer


@pytest.fixture
def env_credentials(emulator: ConfigCatEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_USERNAME", emulator.username)
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_PASSWORD", emulator.password)
    monkeypatch.setenv("CONFIGCAT_BASE_PATH", emulator.base_url)


@pytest.fixture
def seeded(emulator: ConfigCatEmulator, unique: str) -> Seeded:
    org = emulator.organization_id
    pid = _make(emulator, f"/v1/organizations/{org}/products", {"name": f"Lookup shop {unique}", "order": 7})[
        "productId"
    ]
    main = _make(emulator, f"/v1/products/{pid}/configs", {"name": "Main", "evaluationVersion": "v2"})[
        "configId"
    ]
    other = _make(emulator, f"/v1/products/{pid}/configs", {"name": "Mobile"})["configId"]
    prod = _make(emulator, f"/v1/products/{pid}/environments", {"name": "Production", "color": "red"})
    staging = _make(emulator, f"/v1/products/{pid}/environments", {"name": "Staging"})
    tag = _make(emulator, f"/v1/products/{pid}/tags", {"name": "beta", "color": "whale"})
    _make(emulator, f"/v1/products/{pid}/tags", {"name": "legacy"})
    flag = _make(
        emulator,
        f"/v1/configs/{main}/settings",
        {
            "key": "isAwesomeEnabled",
            "name": "Awesome",
            "hint": "h",
            "settingType": "boolean",
            "tags": [tag["tagId"]],
        },
    )
    _make(emulator, f"/v1/configs/{main}/settings", {"key": "maxItems", "name": "Max", "settingType": "int"})
    segment = {"comparisonAttribute": "Email", "comparator": "contains", "comparisonValue": "@example.com"}
    _make(emulator, f"/v1/products/{pid}/segments", {"name": "Beta users", "description": "d", **segment})
    _make(emulator, f"/v1/products/{pid}/segments", {"name": "Staff", **segment})
    group = _make(
        emulator,
        f"/v1/products/{pid}/permissions",
        {
            "name": "Devs",
            "accessType": "custom",
            "canViewSdkKey": True,
            "canDisable2FA": True,
            "environmentAccesses": [
                {"environmentId": prod["environmentId"], "environmentAccessType": "readOnly"}
            ],
        },
    )
    _make(emulator, f"/v1/products/{pid}/permissions", {"name": "Admins", "accessType": "full"})
    hook = _make(
        emulator,
        f"/v1/configs/{main}/environments/{prod['environmentId']}/webhooks",
        {"url": "https://example.com/hook", "httpMethod": "post"},
    )
    return Seeded(
        pid,
        main,
        other,
        prod["environmentId"],
        staging["environmentId"],
        flag["settingId"],
        hook["webhookId"],
        group["permissionGroupId"],
    )


@pytest.fixture(autouse=True)
def _fresh_clients() -> Iterator[None]:
    # Credentials change between tests; a client cached for other settings must not leak into the next one.
    reset_clients()
    yield
    reset_clients()


# ---------------------------------------------------------------------------------------------- direct calls


@pytest.mark.usefixtures("env_credentials")
def test_organizations_and_products(emulator: ConfigCatEmulator, seeded: Seeded, unique: str) -> None:
    orgs = configcat.get_organizations()
    assert orgs.organizations == [
        lookups.GetOrganizationsOrganizationResult(
            organization_id=emulator.organization_id, name="Emulated Organization"
        )
    ]
    assert configcat.get_organizations(name_filter_regex="^Nope").organizations == []

    found = configcat.get_products(name_filter_regex=f"shop {unique}$")
    assert found.name_filter_regex == f"shop {unique}$"
    assert found.products == [
        lookups.GetProductsProductResult(
            product_id=seeded.product_id, name=f"Lookup shop {unique}", description=None, order=7
        )
    ]
    assert seeded.product_id in {p.product_id for p in configcat.get_products().products}


@pytest.mark.usefixtures("env_credentials")
def test_configurations_environments_tags_and_segments(seeded: Seeded) -> None:
    pid = seeded.product_id
    configs = configcat.get_configurations(pid)
    assert (configs.id, configs.product_id) == (pid, pid)
    assert [(c.config_id, c.name, c.evaluation_version) for c in configs.configs] == [
        (seeded.main_config, "Main", "v2"),
        (seeded.other_config, "Mobile", "v1"),
    ]
    assert [c.name for c in configcat.get_configurations(pid, name_filter_regex="^Mob").configs] == ["Mobile"]

    (prod,) = configcat.get_environments(product_id=pid, name_filter_regex="^Prod").environments
    assert prod == lookups.GetEnvironmentsEnvironmentResult(
        environment_id=seeded.production, name="Production", description=None, color="red", order=0
    )
    assert len(configcat.get_environments(pid).environments) == 2

    tags = configcat.get_tags(pid).tags
    assert [(t.name, t.color) for t in tags] == [("beta", "whale"), ("legacy", None)]
    assert all(isinstance(t.tag_id, str) and t.tag_id.isdigit() for t in tags)

    (beta,) = configcat.get_segments(pid, name_filter_regex="beta|BETA|Beta").segments
    assert (beta.name, beta.description) == ("Beta users", "d")


@pytest.mark.usefixtures("env_credentials")
def test_settings_filter_on_the_key(seeded: Seeded) -> None:
    result = configcat.get_settings(seeded.main_config, key_filter_regex="^isAwesome")
    assert result.key_filter_regex == "^isAwesome"
    assert result.settings == [
        lookups.GetSettingsSettingResult(
            setting_id=str(seeded.flag_id),
            key="isAwesomeEnabled",
            name="Awesome",
            hint="h",
            order=0,
            setting_type="boolean",
        )
    ]
    # The name is not what is matched.
    assert configcat.get_settings(seeded.main_config, key_filter_regex="^Awesome$").settings == []
    assert [s.key for s in configcat.get_settings(config_id=seeded.main_config).settings] == [
        "isAwesomeEnabled",
        "maxItems",
    ]


@pytest.mark.usefixtures("env_credentials")
def test_permission_groups_carry_permissions_and_environment_accesses(seeded: Seeded) -> None:
    groups = configcat.get_permission_groups(seeded.product_id).permission_groups
    assert [g.name for g in groups] == ["Devs", "Admins"]
    devs = groups[0]
    assert devs.permission_group_id == seeded.group_id
    assert (devs.accesstype, devs.can_view_sdkkey, devs.can_disable2fa, devs.can_manage_members) == (
        "custom",
        True,
        True,
        False,
    )
    assert devs.environment_accesses == {seeded.production: "readOnly"}
    assert [g.name for g in configcat.get_permission_groups(seeded.product_id, "^Adm").permission_groups] == [
        "Admins"
    ]


@pytest.mark.usefixtures("env_credentials")
def test_sdk_and_signing_keys_are_read_but_not_shown(emulator: ConfigCatEmulator, seeded: Seeded) -> None:
    keys = configcat.get_sdk_keys(seeded.main_config, seeded.production)
    stored = emulator.state()["sdkKeys"][f"{seeded.main_config}/{seeded.production}"]
    assert (keys.primary, keys.secondary) == (stored["primary"], None)
    assert keys.id == f"{seeded.main_config}/{seeded.production}"
    assert keys.primary not in repr(keys)

    signing = configcat.get_webhook_signing_keys(str(seeded.webhook_id))
    expected = emulator.state()["webhooks"][seeded.webhook_id]["signingKeys"]["key1"]
    assert (signing.webhook_id, signing.key1, signing.key2) == (seeded.webhook_id, expected, None)
    assert expected not in repr(signing)
    # pulumiverse's own example reads the id with config.require_float: 3100.0 is webhook 3100 there too.
    assert configcat.get_webhook_signing_keys(float(seeded.webhook_id)).key1 == expected


@pytest.mark.usefixtures("env_credentials")
@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: configcat.get_products(name_filter_regex="(unclosed"),
            "name_filter_regex is not a valid regular",
        ),
        (
            lambda: configcat.get_settings(UNKNOWN_GUID, key_filter_regex="*"),
            "key_filter_regex is not a valid",
        ),
        (lambda: configcat.get_webhook_signing_keys("12; drop"), "webhook_id must be an integer id"),
    ],
    ids=["name-regex", "key-regex", "webhook-id"],
)
def test_bad_arguments_fail_before_anything_is_sent(
    call: Any, message: str, emulator: ConfigCatEmulator
) -> None:
    emulator.requests.clear()
    with pytest.raises(ValueError, match=message):
        call()
    assert emulator.requests == []


@pytest.mark.usefixtures("env_credentials")
def test_a_missing_parent_is_an_api_error_with_method_and_path() -> None:
    with pytest.raises(configcat.NotFoundError) as caught:
        configcat.get_configurations(UNKNOWN_GUID)
    assert f"GET /v1/products/{UNKNOWN_GUID}/configs" in str(caught.value)
    with pytest.raises(configcat.NotFoundError):
        configcat.get_sdk_keys(UNKNOWN_GUID, UNKNOWN_GUID)


def test_stack_configuration_wins_over_the_environment(
    emulator: ConfigCatEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_USERNAME", "someone-else")
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_PASSWORD", "wrong")
    monkeypatch.setenv("CONFIGCAT_BASE_PATH", emulator.base_url)
    with pytest.raises(configcat.AuthenticationError):
        configcat.get_organizations()
    config = pulumi.runtime.config.CONFIG.get()
    monkeypatch.setitem(config, "configcat:basicAuthUsername", emulator.username)
    monkeypatch.setitem(config, "configcat:basicAuthPassword", emulator.password)
    assert [o.organization_id for o in configcat.get_organizations().organizations] == [
        emulator.organization_id
    ]


def test_missing_credentials_say_where_to_set_them(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CONFIGCAT_BASIC_AUTH_USERNAME", "CONFIGCAT_BASIC_AUTH_PASSWORD", "CONFIGCAT_BASE_PATH"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(configcat.ConfigurationError, match="configcat:basicAuthUsername"):
        configcat.get_products()


# ---------------------------------------------------------------------------------------------- in a program


def _ok(result: RunResult) -> RunResult:
    assert result.errors == []
    return result


@pytest.mark.usefixtures("env_credentials")
def test_output_forms_in_a_program_keep_keys_secret(
    engine: MiniEngine, emulator: ConfigCatEmulator, seeded: Seeded
) -> None:
    def program() -> None:
        products = configcat.get_products_output(name_filter_regex=pulumi.Output.from_input("^Lookup shop"))
        pulumi.export("product_ids", products.products.apply(lambda ps: [p.product_id for p in ps]))
        envs = configcat.get_environments_output(product_id=pulumi.Output.from_input(seeded.product_id))
        pulumi.export("environments", envs.environments.apply(lambda es: [e.name for e in es]))
        keys = configcat.get_sdk_keys_output(config_id=seeded.main_config, environment_id=seeded.production)
        pulumi.export("sdk_key", keys.primary)
        pulumi.export("keys_id", keys.id)
        signing = configcat.get_webhook_signing_keys_output(webhook_id=seeded.webhook_id)
        pulumi.export("signing_key", signing.key1)

    exports = _ok(engine.run(program)).exports
    assert seeded.product_id in exports["product_ids"]
    assert exports["environments"] == ["Production", "Staging"]
    primary = emulator.state()["sdkKeys"][f"{seeded.main_config}/{seeded.production}"]["primary"]
    assert exports["sdk_key"] == secret(primary)
    # The whole result is secret, so even its id is.
    assert exports["keys_id"] == secret(f"{seeded.main_config}/{seeded.production}")
    key1 = emulator.state()["webhooks"][seeded.webhook_id]["signingKeys"]["key1"]
    assert exports["signing_key"] == secret(key1)


@pytest.mark.usefixtures("env_credentials")
def test_an_sdk_key_handed_to_another_resource_waits_for_its_ids(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def program() -> None:
        product = configcat.Product(f"app-{unique}", organization_id=emulator.organization_id)
        config = configcat.Config(f"main-{unique}", product_id=product.id)
        prod = configcat.Environment(f"prod-{unique}", product_id=product.id)
        sdk_key = configcat.get_sdk_keys_output(config_id=config.id, environment_id=prod.id).primary
        pulumi.export("sdk_key", sdk_key)

    # At preview the ids are unknown: the lookup stays unknown and asks nothing.
    emulator.requests.clear()
    preview = _ok(engine.run(program, preview=True))
    assert preview.exports["sdk_key"] == UNKNOWN
    assert not [
        r for r in emulator.requests if "/environments/" in r.path and r.path.startswith("/v1/configs/")
    ]

    result = _ok(engine.run(program))
    config_id = next(step.id_ for step in result.steps if step.name == f"main-{unique}")
    env_id = next(step.id_ for step in result.steps if step.name == f"prod-{unique}")
    assert result.exports["sdk_key"] == secret(
        emulator.state()["sdkKeys"][f"{config_id}/{env_id}"]["primary"]
    )
    engine.destroy()


_ID_LOOKUPS: list[tuple[str, Any, tuple[str, ...]]] = [
    ("get_configurations", configcat.get_configurations, ("product_id",)),
    ("get_environments", configcat.get_environments, ("product_id",)),
    ("get_segments", configcat.get_segments, ("product_id",)),
    ("get_tags", configcat.get_tags, ("product_id",)),
    ("get_permission_groups", configcat.get_permission_groups, ("product_id",)),
    ("get_settings", configcat.get_settings, ("config_id",)),
    ("get_sdk_keys", configcat.get_sdk_keys, ("config_id", "environment_id")),
    ("get_config_values", configcat.get_config_values, ("config_id", "environment_id")),
    ("get_config_values_v2", configcat.get_config_values_v2, ("config_id", "environment_id")),
    ("get_proxy_profiles", configcat.get_proxy_profiles, ("organization_id",)),
]


@pytest.mark.usefixtures("env_credentials")
@pytest.mark.parametrize(
    "bad",
    [
        "../organizations",
        f"{UNKNOWN_GUID}/../../organizations",
        f"{UNKNOWN_GUID}?x=1",
        f"{UNKNOWN_GUID}#x",
        "..",
        "",
    ],
    ids=["dot-dot", "slash", "query", "fragment", "bare-dot-dot", "empty"],
)
@pytest.mark.parametrize(("name", "lookup", "arguments"), _ID_LOOKUPS, ids=[n for n, _, _ in _ID_LOOKUPS])
def test_an_id_that_would_change_the_url_path_is_refused_before_anything_is_sent(
    name: str, lookup: Any, arguments: tuple[str, ...], bad: str, emulator: ConfigCatEmulator
) -> None:
    for argument in arguments:
        emulator.requests.clear()
        call = {other: UNKNOWN_GUID for other in arguments} | {argument: bad}
        with pytest.raises(
            ValueError, match=rf"^{name}: {argument} must be a UUID such as 08d86d63-"
        ) as caught:
            lookup(**call)
        assert repr(bad) in str(caught.value)
        assert emulator.requests == []


@pytest.mark.usefixtures("env_credentials")
@pytest.mark.parametrize("bad", ["../1", "1/../2", "1?x", "1#x", "..", "", "-1", True, 3100.5, float("nan")])
def test_a_webhook_id_that_is_not_a_plain_integer_is_refused_before_anything_is_sent(
    bad: Any, emulator: ConfigCatEmulator
) -> None:
    emulator.requests.clear()
    with pytest.raises(ValueError, match="webhook_id must be an integer id"):
        configcat.get_webhook_signing_keys(bad)
    assert emulator.requests == []
