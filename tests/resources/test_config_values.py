"""All of a config's values in one environment in one resource (ConfigValuesV2, ConfigValues), over the batch
endpoints, through the engine harness and the real provider process against the emulator."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pulumi
import pytest

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import CheckFailedError, DynamicProviderProcess, MiniEngine, RunResult

FLAGS = (
    ("darkMode", "boolean"),
    ("welcome", "string"),
    ("maxItems", "int"),
    ("ratio", "double"),
    ("legacy", "boolean"),
)

Values = Callable[[dict[str, configcat.Setting], configcat.Segment], dict[Any, Any]]


def _program(
    emulator: ConfigCatEmulator, unique: str, values: Values, *, version: str = "v2", **kw: Any
) -> Callable[[], None]:
    def program() -> None:
        product = configcat.Product(f"shop-{unique}", organization_id=emulator.organization_id)
        config = configcat.Config(f"main-{unique}", product_id=product.id, evaluation_version=version)
        production = configcat.Environment(f"production-{unique}", product_id=product.id)
        staff = configcat.Segment(
            f"staff-{unique}",
            product_id=product.id,
            comparison_attribute="Email",
            comparator="contains",
            comparison_value="@acme.com",
        )
        flags = {
            key: configcat.Setting(key, config_id=config.id, key=key, setting_type=type_)
            for key, type_ in FLAGS
        }
        resource = (configcat.ConfigValuesV2 if version == "v2" else configcat.ConfigValues)(
            "production-values",
            config_id=config.id,
            environment_id=production.id,
            values=values(flags, staff),
            opts=pulumi.ResourceOptions(depends_on=list(flags.values())),
            **kw,
        )
        pulumi.export("config", config.id)
        pulumi.export("production", production.id)
        pulumi.export("ids", {key: flag.id for key, flag in flags.items()})
        pulumi.export("values", resource.values)

    return program


def _ok(result: RunResult) -> RunResult:
    assert result.errors == [], result.errors
    return result


def _changed(result: RunResult) -> list[tuple[str, str]]:
    return [(s.op, s.name) for s in result.steps if s.op not in ("same", "refresh")]


def _batch(emulator: ConfigCatEmulator, result: RunResult, version: str = "v2") -> str:
    return f"/{version}/configs/{result.exports['config']}/environments/{result.exports['production']}/values"


def _stored(emulator: ConfigCatEmulator, result: RunResult) -> dict[str, dict[str, Any]]:
    status, body = emulator.call("GET", _batch(emulator, result))
    assert status == 200
    return {f["setting"]["key"]: f for f in body["settingFormulas"]}


def _rules(staff: configcat.Segment, order: tuple[int, int] = (0, 1)) -> list[Any]:
    rules = [
        {
            "conditions": [{"segment_condition": {"segment_id": staff.id, "comparator": "isIn"}}],
            "value": True,
        },
        {
            "conditions": [
                {
                    "user_condition": {
                        "comparison_attribute": "Email",
                        "comparator": "isOneOf",
                        "comparison_value": ["a@x.com"],
                    }
                }
            ],
            "value": True,
        },
    ]
    return [rules[i] for i in order]


def _values(order: tuple[int, int] = (0, 1), *, welcome: str = "Hello", extra: bool = False) -> Values:
    def values(flags: dict[str, configcat.Setting], staff: configcat.Segment) -> dict[Any, Any]:
        out: dict[Any, Any] = {
            "darkMode": {"value": False, "targeting_rules": _rules(staff, order)},
            "welcome": welcome,
            flags["maxItems"].id: {"int_value": 20},  # by setting id (an Output), in the typed form
            "ratio": 2.5,
        }
        if extra:
            out["legacy"] = True
        return out

    return values


def test_create_no_change_edit_reorder_add_drop_and_destroy(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    emulator.requests.clear()
    result = _ok(engine.run(_program(emulator, unique, _values())))
    batch = _batch(emulator, result)
    calls = [(r.method, r.path) for r in emulator.requests if r.path == batch]
    assert calls == [("GET", batch), ("POST", batch)]  # flags named by key resolve from that one read
    (post,) = [r for r in emulator.requests if r.method == "POST" and r.path == batch]
    assert sorted(f["settingId"] for f in post.json()["updateFormulas"]) == sorted(
        int(result.exports["ids"][k]) for k in ("darkMode", "welcome", "maxItems", "ratio")
    )
    stored = _stored(emulator, result)
    assert stored["welcome"]["defaultValue"]["stringValue"] == "Hello"
    assert stored["maxItems"]["defaultValue"]["intValue"] == 20
    assert stored["ratio"]["defaultValue"]["doubleValue"] == 2.5
    assert [r["value"]["boolValue"] for r in stored["darkMode"]["targetingRules"]] == [True, True]
    # Outputs are keyed as the program keyed them.
    assert set(result.exports["values"]) == {
        "darkMode",
        "welcome",
        result.exports["ids"]["maxItems"],
        "ratio",
    }

    # No change: nothing sent; refresh: one read, no drift.
    emulator.requests.clear()
    assert _changed(_ok(engine.run(_program(emulator, unique, _values())))) == []
    assert emulator.requests == []
    emulator.requests.clear()
    assert {s.diff.changes for s in engine.refresh() if s.name == "production-values" and s.diff} == {
        "DIFF_NONE"
    }
    assert [(r.method, r.path) for r in emulator.requests if "/values" in r.path] == [("GET", batch)]

    # Edit one flag, reorder another's rules: one POST with exactly those two flags, no read.
    emulator.requests.clear()
    result = _ok(engine.run(_program(emulator, unique, _values((1, 0), welcome="Hi"))))
    assert _changed(result) == [("update", "production-values")]
    (post,) = [r for r in emulator.requests if r.path == batch]
    assert post.method == "POST"
    assert sorted(f["settingId"] for f in post.json()["updateFormulas"]) == sorted(
        int(result.exports["ids"][k]) for k in ("darkMode", "welcome")
    )
    stored = _stored(emulator, result)
    assert stored["welcome"]["defaultValue"]["stringValue"] == "Hi"
    first_condition = stored["darkMode"]["targetingRules"][0]["conditions"][0]
    assert first_condition["userCondition"] is not None

    # Add a flag by key: one read resolves it, one POST writes it.
    emulator.requests.clear()
    result = _ok(engine.run(_program(emulator, unique, _values((1, 0), welcome="Hi", extra=True))))
    assert [(r.method, r.path) for r in emulator.requests if r.path == batch] == [
        ("GET", batch),
        ("POST", batch),
    ]
    assert _stored(emulator, result)["legacy"]["defaultValue"]["boolValue"] is True

    # Drop it again: its value stays on the server as it is, and nothing is written.
    emulator.requests.clear()
    result = _ok(engine.run(_program(emulator, unique, _values((1, 0), welcome="Hi"))))
    assert not [r for r in emulator.requests if r.method != "GET"]
    assert _stored(emulator, result)["legacy"]["defaultValue"]["boolValue"] is True
    emulator.requests.clear()
    assert _changed(_ok(engine.run(_program(emulator, unique, _values((1, 0), welcome="Hi"))))) == []
    assert emulator.requests == []

    # Destroy: the flags go (the program declared them), and no value write is made.
    emulator.requests.clear()
    engine.destroy()
    assert not [r for r in emulator.requests if "/values" in r.path]


def test_dashboard_drift_is_seen_and_restored_in_one_post(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    program = _program(emulator, unique, _values())
    result = _ok(engine.run(program))
    env, welcome = result.exports["production"], result.exports["ids"]["welcome"]
    emulator.call(
        "PUT", f"/v2/environments/{env}/settings/{welcome}/value", {"defaultValue": {"stringValue": "Yo"}}
    )
    dark = result.exports["ids"]["darkMode"]
    emulator.call(
        "PUT", f"/v2/environments/{env}/settings/{dark}/value", {"defaultValue": {"boolValue": True}}
    )
    (step,) = [s for s in engine.refresh() if s.name == "production-values"]
    assert step.diff is not None
    assert step.diff.changes == "DIFF_SOME"
    emulator.requests.clear()
    assert _changed(_ok(engine.run(program))) == [("update", "production-values")]
    (post,) = [r for r in emulator.requests if r.method != "GET"]
    assert sorted(f["settingId"] for f in post.json()["updateFormulas"]) == sorted([int(welcome), int(dark)])
    stored = _stored(emulator, result)
    assert stored["welcome"]["defaultValue"]["stringValue"] == "Hello"
    assert len(stored["darkMode"]["targetingRules"]) == 2


def test_import_adopts_the_listed_flags(engine: MiniEngine, emulator: ConfigCatEmulator, unique: str) -> None:
    # First create the world with the values resource absent, then adopt the config's values.
    def nothing(flags: dict[str, configcat.Setting], staff: configcat.Segment) -> dict[Any, Any]:
        return {"welcome": "Hello"}

    result = _ok(engine.run(_program(emulator, unique, nothing)))
    config, env = result.exports["config"], result.exports["production"]
    engine.state = {urn: s for urn, s in engine.state.items() if s.name != "production-values"}  # forget it
    emulator.requests.clear()
    result = _ok(engine.run(_program_import(emulator, unique, f"{config}:{env}")))
    (step,) = [s for s in result.steps if s.name == "production-values"]
    assert (step.op, step.id_) == ("create", f"{config}:{env}")
    assert not [r for r in emulator.requests if r.method == "POST" and "/values" in r.path]  # already matched


@pytest.mark.parametrize("version", ["v2", "v1"])
def test_import_with_init_only_adopts_the_values_as_they_are(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str, version: str
) -> None:
    """As SettingValueV2 with the same inputs: the dashboard owns them; the import takes them as they are."""

    def nothing(flags: dict[str, configcat.Setting], staff: configcat.Segment) -> dict[Any, Any]:
        return {"welcome": "Hello"}

    result = _ok(engine.run(_program(emulator, unique, nothing, version=version)))
    config, env = result.exports["config"], result.exports["production"]
    engine.state = {urn: s for urn, s in engine.state.items() if s.name != "production-values"}  # forget it
    live = emulator.call("GET", f"/{version}/configs/{config}/environments/{env}/values")[1]
    emulator.requests.clear()

    adopted = _ok(
        engine.run(
            _program_import(
                emulator, unique, f"{config}:{env}", version=version, welcome="Other", init_only=True
            )
        )
    )

    (step,) = [s for s in adopted.steps if s.name == "production-values"]
    assert (step.op, step.id_) == ("create", f"{config}:{env}")
    assert [r for r in emulator.requests if r.method != "GET"] == []  # nothing overwritten
    assert emulator.call("GET", f"/{version}/configs/{config}/environments/{env}/values")[1] == live
    emulator.requests.clear()
    again = _ok(
        engine.run(
            _program_import(
                emulator, unique, f"{config}:{env}", version=version, welcome="Other", init_only=True
            )
        )
    )
    assert [s.op for s in again.steps if s.name == "production-values"] == ["same"]
    assert [r for r in emulator.requests if r.method != "GET"] == []


def _program_import(
    emulator: ConfigCatEmulator,
    unique: str,
    import_id: str,
    *,
    version: str = "v2",
    welcome: str = "Hello",
    init_only: bool = False,
) -> Callable[[], None]:
    def program() -> None:
        product = configcat.Product(f"shop-{unique}", organization_id=emulator.organization_id)
        config = configcat.Config(f"main-{unique}", product_id=product.id, evaluation_version=version)
        production = configcat.Environment(f"production-{unique}", product_id=product.id)
        configcat.Segment(
            f"staff-{unique}",
            product_id=product.id,
            comparison_attribute="Email",
            comparator="contains",
            comparison_value="@acme.com",
        )
        flags = [configcat.Setting(key, config_id=config.id, key=key, setting_type=t) for key, t in FLAGS]
        (configcat.ConfigValuesV2 if version == "v2" else configcat.ConfigValues)(
            "production-values",
            config_id=config.id,
            environment_id=production.id,
            values={"welcome": welcome},
            init_only=init_only,
            opts=pulumi.ResourceOptions(import_=import_id, depends_on=flags),
        )

    return program


@pytest.mark.parametrize(
    ("values", "path", "words"),
    [
        (
            {"welcome": {"value": "x", "targeting_rules": [{"conditions": [], "value": 3}]}},
            'values["welcome"].targeting_rules[0].value',
            "a flag has one type",
        ),
        (
            {
                "darkMode": {
                    "value": True,
                    "targeting_rules": [{"percentage_options": [{"percentage": 10, "value": True}]}],
                }
            },
            'values["darkMode"].targeting_rules[0].percentage_options',
            "add up to 100",
        ),
        ({"dark.mode": True}, 'values["dark.mode"]', "a flag's setting id or its key"),
        (
            {"darkMode": {"value": True, "rollout_rules": []}},
            'values["darkMode"].rollout_rules',
            "not an input",
        ),
    ],
    ids=["mixed-kinds", "percentages", "bad-key", "v1-field"],
)
def test_invalid_values_name_the_flag_and_send_nothing(
    values: dict[str, Any], path: str, words: str, engine: MiniEngine, emulator: ConfigCatEmulator
) -> None:
    guid = "08d86d63-2726-47cd-8bfc-59608ecb91e2"
    emulator.requests.clear()
    result = engine.run(
        lambda: configcat.ConfigValuesV2("v", config_id=guid, environment_id=guid, values=values)
    )
    (error,) = result.errors
    assert isinstance(error, CheckFailedError)
    reasons = dict(error.failures)
    assert path in reasons, error.failures
    assert words in reasons[path]
    assert emulator.requests == []


def test_a_key_that_does_not_exist_fails_before_anything_is_written(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def values(flags: dict[str, configcat.Setting], staff: configcat.Segment) -> dict[Any, Any]:
        return {"welcome": "Hi", "noSuchFlag": True}

    emulator.requests.clear()
    (error,) = engine.run(_program(emulator, unique, values)).errors
    assert 'values["noSuchFlag"]' in str(error)
    assert "no flag with this key" in str(error)
    assert not [r for r in emulator.requests if r.method == "POST" and "/values" in r.path]


def test_wrong_type_for_a_flag_names_it(engine: MiniEngine, emulator: ConfigCatEmulator, unique: str) -> None:
    def values(flags: dict[str, configcat.Setting], staff: configcat.Segment) -> dict[Any, Any]:
        return {"maxItems": 2.5}

    (error,) = engine.run(_program(emulator, unique, values)).errors
    assert 'values["maxItems"].value' in str(error)
    assert "type 'int'" in str(error)


def test_a_gated_environment_is_named_before_the_first_write(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    def world(f: dict[str, configcat.Setting], s: configcat.Segment) -> dict[Any, Any]:
        return {}

    # The world first, with an empty mapping (nothing to write), then gate the product, then list a flag.
    _ok(engine.run(_program(emulator, unique, world)))
    (product,) = [s.id_ for s in engine.state.values() if s.name == f"shop-{unique}"]
    engine.state = {urn: s for urn, s in engine.state.items() if s.name != "production-values"}
    emulator.call("POST", f"/v1/products/{product}/preferences", {"reasonRequired": True})
    emulator.requests.clear()
    (error,) = engine.run(_program(emulator, unique, lambda f, s: {"welcome": "Hi"})).errors
    assert "mandatory_notes is required" in str(error)
    assert not [r for r in emulator.requests if r.method == "POST" and "/values" in r.path]


def test_reason_and_approval_gates(engine: MiniEngine, emulator: ConfigCatEmulator, unique: str) -> None:
    _ok(engine.run(_program(emulator, unique, lambda f, s: {"welcome": "Hello"})))
    (product,) = [s.id_ for s in engine.state.values() if s.name == f"shop-{unique}"]
    emulator.call(
        "POST", f"/v1/products/{product}/preferences", {"reasonRequired": True, "approveRequired": True}
    )
    # On update the API is the judge: its words come back, with the method and path.
    (error,) = engine.run(_program(emulator, unique, lambda f, s: {"welcome": "Hi"})).errors
    assert "Reason required" in str(error)
    assert "POST /v2/configs/" in str(error)
    (error,) = engine.run(
        _program(emulator, unique, lambda f, s: {"welcome": "Hi"}, mandatory_notes="n")
    ).errors
    assert "Approval required." in str(error)
    emulator.requests.clear()
    result = _ok(
        engine.run(
            _program(
                emulator, unique, lambda f, s: {"welcome": "Hi"}, mandatory_notes="n", bypass_approval=True
            )
        )
    )
    (post,) = [r for r in emulator.requests if r.method == "POST" and "/values" in r.path]
    assert post.query == {"reason": ["n"], "bypassApproval": ["true"]}
    assert _stored(emulator, result)["welcome"]["defaultValue"]["stringValue"] == "Hi"


def test_config_values_v1(engine: MiniEngine, emulator: ConfigCatEmulator, unique: str) -> None:
    def values(flags: dict[str, configcat.Setting], staff: configcat.Segment) -> dict[Any, Any]:
        return {
            "darkMode": {
                "value": "false",
                "rollout_rules": [{"segment_id": staff.id, "segment_comparator": "isIn", "value": "true"}],
                "percentage_items": [],
            },
            "maxItems": "20",  # a V1 string value of an int flag
            "ratio": {
                "value": 2.5,
                "percentage_items": [{"percentage": "50", "value": 1}, {"percentage": 50, "value": 2}],
            },
        }

    program = _program(emulator, unique, values, version="v1")
    result = _ok(engine.run(program))
    _, body = emulator.call("GET", _batch(emulator, result, "v1"))
    stored = {v["setting"]["key"]: v for v in body["settingValues"]}
    assert stored["maxItems"]["value"] == 20
    assert stored["darkMode"]["rolloutRules"][0]["segmentComparator"] == "isIn"
    assert [i["value"] for i in stored["ratio"]["rolloutPercentageItems"]] == [1.0, 2.0]
    emulator.requests.clear()
    assert _changed(_ok(engine.run(program))) == []
    assert emulator.requests == []
    assert {s.diff.changes for s in engine.refresh() if s.name == "production-values" and s.diff} == {
        "DIFF_NONE"
    }


def test_lookups_return_every_flag_in_the_shape_the_resources_take(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _ok(engine.run(_program(emulator, unique, _values())))
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_USERNAME", emulator.username)
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_PASSWORD", emulator.password)
    monkeypatch.setenv("CONFIGCAT_BASE_PATH", emulator.base_url)
    found = configcat.get_config_values_v2(result.exports["config"], result.exports["production"])
    assert set(found.values) == {key for key, _ in FLAGS}
    assert found.values["welcome"]["value"] == {"string_value": "Hello"}
    assert (
        found.values["darkMode"]["targeting_rules"][1]["conditions"][0]["user_condition"]["comparator"]
        == "isOneOf"
    )
    assert found.setting_ids["welcome"] == result.exports["ids"]["welcome"]
    with pytest.raises(configcat.BadRequestError):
        configcat.get_config_values(result.exports["config"], result.exports["production"])


@pytest.mark.parametrize("version", ["v2", "v1"])
def test_a_lookups_values_are_taken_by_the_resource_they_describe(
    engine: MiniEngine,
    emulator: ConfigCatEmulator,
    unique: str,
    version: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Copying one environment's values to another: ConfigValues*(values=get_config_values*(...).values)."""
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_USERNAME", emulator.username)
    monkeypatch.setenv("CONFIGCAT_BASIC_AUTH_PASSWORD", emulator.password)
    monkeypatch.setenv("CONFIGCAT_BASE_PATH", emulator.base_url)

    def seeded(flags: dict[str, configcat.Setting], staff: configcat.Segment) -> dict[Any, Any]:
        return {"welcome": "Hello", "maxItems": 7, "darkMode": True}

    result = _ok(engine.run(_program(emulator, unique, seeded, version=version)))
    config, production = result.exports["config"], result.exports["production"]
    product = emulator.state()["configs"][config]["productId"]
    staging = emulator.call("POST", f"/v1/products/{product}/environments", {"name": f"staging-{unique}"})[1]
    lookup = configcat.get_config_values_v2 if version == "v2" else configcat.get_config_values
    copied = lookup(config, production).values
    assert all("setting_type" in entry for entry in copied.values())  # the lookup's shape, as documented
    batch = configcat.ConfigValuesV2 if version == "v2" else configcat.ConfigValues
    copier = MiniEngine(engine.provider)  # a second stack, so the first one's resources stay

    copy = _ok(
        copier.run(
            lambda: batch(
                "staging-values", config_id=config, environment_id=staging["environmentId"], values=copied
            )
        )
    )

    assert [s.op for s in copy.steps] == ["create"]
    path = f"/{version}/configs/{config}/environments/{staging['environmentId']}/values"
    again = emulator.call("GET", path)[1]
    source = emulator.call("GET", f"/{version}/configs/{config}/environments/{production}/values")[1]
    key = "settingFormulas" if version == "v2" else "settingValues"
    field = "defaultValue" if version == "v2" else "value"
    assert {i["setting"]["key"]: i[field] for i in again[key]} == {
        i["setting"]["key"]: i[field] for i in source[key]
    }
    emulator.requests.clear()
    same = _ok(
        copier.run(
            lambda: batch(
                "staging-values", config_id=config, environment_id=staging["environmentId"], values=copied
            )
        )
    )
    assert [s.op for s in same.steps] == ["same"]


def test_a_flag_managed_by_a_single_and_a_batch_resource_is_warned_about(
    engine: MiniEngine, emulator: ConfigCatEmulator, provider_process: DynamicProviderProcess, unique: str
) -> None:
    """Both would overwrite each other on every run; the one provider process that serves both says so."""

    def program() -> None:
        product = configcat.Product(f"twice-{unique}", organization_id=emulator.organization_id)
        config = configcat.Config(f"main-{unique}", product_id=product.id)
        production = configcat.Environment(f"production-{unique}", product_id=product.id)
        flag = configcat.Setting("twice", config_id=config.id, key="twice")
        configcat.SettingValueV2(
            "single", environment_id=production.id, setting_id=flag.id, value=True, init_only=False
        )
        configcat.ConfigValuesV2(
            "batch",
            config_id=config.id,
            environment_id=production.id,
            values={"twice": False},
            opts=pulumi.ResourceOptions(depends_on=[flag]),
        )

    start = len(provider_process.log)
    _ok(engine.run(program))
    deadline = time.monotonic() + 5
    while not (warned := [line for line in provider_process.log[start:] if "overwrite each" in line]):
        assert time.monotonic() < deadline, provider_process.log[start:]
        time.sleep(0.01)
    (line,) = warned
    assert "SettingValueV2" in line
    assert "ConfigValuesV2" in line
