"""``get_proxy_profiles`` against the emulator: called directly, and as ``_output`` inside a program."""

from __future__ import annotations

from collections.abc import Iterator

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat import lookups
from pulumi_configcat._client import reset_clients
from pulumi_configcat._exceptions import NotFoundError
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import UNKNOWN, MiniEngine

UNKNOWN_GUID = "08d86d63-0000-4000-8000-00000000dead"


@pytest.fixture(autouse=True)
def env_credentials(emulator: ConfigCatEmulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_USERNAME", emulator.username)
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_PASSWORD", emulator.password)
    monkeypatch.setenv("CONFIGCAT_BASE_PATH", emulator.base_url)
    reset_clients()
    yield
    reset_clients()


@pytest.fixture
def profiles(emulator: ConfigCatEmulator, unique: str) -> list[str]:
    org = emulator.organization_id
    made = []
    for name, body in (
        (f"edge-{unique}", {"description": "the edge", "connectionPreferences": {"sdkPollInterval": 90}}),
        (
            f"backend-{unique}",
            {"connectionPreferences": {"webhookNotification": {"webhookProxyUrl": "https://p.example/hook"}}},
        ),
    ):
        status, answer = emulator.call(
            "POST", f"/v1/organizations/{org}/proxy-profiles", {"name": name, **body}
        )
        assert status == 201
        made.append(answer["proxyProfileId"])
    return made


def test_lists_the_profiles_matching_the_name_filter(
    emulator: ConfigCatEmulator, profiles: list[str], unique: str
) -> None:
    org = emulator.organization_id
    found = configcat.get_proxy_profiles(org, name_filter_regex=f"^edge-{unique}$")
    assert found.id == org
    assert found.organization_id == org
    assert found.name_filter_regex == f"^edge-{unique}$"
    assert found.proxy_profiles == [
        lookups.GetProxyProfilesProxyProfileResult(
            proxy_profile_id=profiles[0],
            name=f"edge-{unique}",
            description="the edge",
            sdk_poll_interval=90,
            webhook_proxy_url=None,
            last_accessed_at=None,
        )
    ]
    # Unfiltered, in the API's order (creation); the webhook URL is read, the signing keys are not carried.
    every = configcat.get_proxy_profiles(organization_id=org).proxy_profiles
    ours = [p for p in every if p.proxy_profile_id in profiles]
    assert [p.name for p in ours] == [f"edge-{unique}", f"backend-{unique}"]
    assert ours[1].webhook_proxy_url == "https://p.example/hook"
    assert ours[1].sdk_poll_interval == 60  # the API's default
    assert "signing" not in repr(ours[1])
    assert configcat.get_proxy_profiles(org, name_filter_regex="^nothing-like-this$").proxy_profiles == []


def test_bad_arguments_fail_before_anything_is_sent(emulator: ConfigCatEmulator) -> None:
    emulator.requests.clear()
    with pytest.raises(ValueError, match="name_filter_regex is not a valid regular expression"):
        configcat.get_proxy_profiles(emulator.organization_id, name_filter_regex="(")
    with pytest.raises(ValueError, match="get_proxy_profiles: organization_id must be a UUID"):
        configcat.get_proxy_profiles("acme")
    assert emulator.requests == []


def test_an_unknown_organization_is_an_api_error_with_method_and_path() -> None:
    with pytest.raises(NotFoundError) as caught:
        configcat.get_proxy_profiles(UNKNOWN_GUID)
    assert f"GET /v1/organizations/{UNKNOWN_GUID}/proxy-profiles" in str(caught.value)


def test_the_output_form_waits_for_its_inputs(
    engine: MiniEngine, emulator: ConfigCatEmulator, profiles: list[str], unique: str
) -> None:
    def program() -> None:
        org = pulumi.Output.from_input(emulator.organization_id)
        found = configcat.get_proxy_profiles_output(org, name_filter_regex=f"-{unique}$")
        pulumi.export("ids", found.proxy_profiles.apply(lambda ps: [p.proxy_profile_id for p in ps]))

    result = engine.run(program)
    assert result.errors == []
    assert result.exports["ids"] == profiles

    def unknown_org() -> None:
        product = configcat.Product(f"later-{unique}", organization_id=emulator.organization_id)
        # An id known only after a create: at preview the lookup stays unknown and asks nothing.
        found = configcat.get_proxy_profiles_output(product.id.apply(lambda _: emulator.organization_id))
        pulumi.export("count", found.proxy_profiles.apply(len))

    emulator.requests.clear()
    preview = engine.run(unknown_org, preview=True)
    assert preview.errors == []
    assert preview.exports["count"] == UNKNOWN
    assert not [r for r in emulator.requests if r.path.endswith("/proxy-profiles")]
