"""Property-based bad input and round trips (hypothesis) for every resource type, over the provider process.

Invalid inputs are generated from each input's kind (its :class:`Prop`): wrong types, out-of-range numbers,
values outside an enum, malformed ids, over-long strings, strings against the key pattern, broken maps,
lists and rule structures. Each is put into otherwise valid inputs and sent through ``Check`` as the engine
sends it: it must fail with the input named, send nothing to the API, and leave the process serving.

Valid inputs are generated the same way for the scalar inputs of each type and taken through a real life:
create, refresh (no drift), ``up`` again (no change), destroy.

Example counts come from the hypothesis profile in ``tests/conftest.py`` (``HYPOTHESIS_PROFILE=thorough`` for
more).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pulumi
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import pulumi_configcat as configcat
from pulumi_configcat.resources._props import (
    Boolean,
    Choice,
    Integer,
    IntegerId,
    InvalidValueError,
    Kind,
    ListOf,
    MapOf,
    Prop,
    Text,
    Uuid,
)
from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import DynamicProviderProcess, MiniEngine, capture_registrations, secret

GUID = "08d86d63-2726-47cd-8bfc-59608ecb91e2"

# Values of every JSON type but the one wanted; None is left out, since an unset input is not a bad one.
JUNK = st.one_of(
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.text(max_size=12),
    st.lists(st.integers(-5, 5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(-5, 5), max_size=2),
)
NOT_A_STRING = JUNK.filter(lambda value: not isinstance(value, str))

# Broken targeting, rollout and percentage structures: junk where a list or an object belongs, unknown fields,
# bad comparators and comparison values, percentages out of range or not adding up to 100.
PERCENTAGE_OPTIONS = st.lists(
    st.fixed_dictionaries({"percentage": st.integers(-50, 150), "value": st.booleans()}),
    min_size=1,
    max_size=3,
)
USER_CONDITION = st.fixed_dictionaries(
    {
        "comparison_attribute": st.text(max_size=3),
        "comparator": st.sampled_from(["isOneOf", "textEquals", "numberLess", "dateTimeBefore", "nope"]),
        "comparison_value": JUNK,
    }
)
BROKEN_RULES = st.one_of(
    NOT_A_STRING,
    st.lists(JUNK, min_size=1, max_size=3),
    st.lists(
        st.fixed_dictionaries(
            {"value": JUNK},
            optional={
                "bogus": st.integers(),
                "conditions": st.one_of(
                    JUNK, st.lists(st.fixed_dictionaries({"user_condition": USER_CONDITION}))
                ),
                "percentage_options": PERCENTAGE_OPTIONS,
                "percentage": st.integers(-50, 150),
                "comparator": st.text(max_size=8),
                "segment_condition": st.fixed_dictionaries({"segment_id": st.text(max_size=8)}),
            },
        ),
        min_size=1,
        max_size=2,
    ),
)


def invalid(kind: Kind) -> st.SearchStrategy[Any]:
    """Values the kind must refuse."""
    if isinstance(kind, Text):
        options = [NOT_A_STRING]
        if kind.max_length is not None:
            options.append(st.integers(1, 20).map(lambda extra: "x" * (kind.max_length + extra)))  # type: ignore[operator]
        if kind.min_length:
            options.append(st.just(""))
        if kind.pattern:
            options.append(st.from_regex(r"[0-9_\-. ][a-zA-Z0-9 .]{0,8}", fullmatch=True))
        strategy = st.one_of(options)
    elif isinstance(kind, Uuid):
        near_misses = (
            st.uuids()
            .map(str)
            .flatmap(
                lambda uuid: st.sampled_from(
                    [uuid[:-1], uuid + "0", uuid.replace("-", ""), "g" + uuid[1:], f"{{{uuid}}}"]
                )
            )
        )
        strategy = st.one_of(NOT_A_STRING, st.text(max_size=40), near_misses)
    elif isinstance(kind, IntegerId):
        strategy = st.one_of(
            st.booleans(),
            st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: not f.is_integer()),
            st.from_regex(r"[0-9]{0,3}[a-z.][0-9a-z]{0,3}", fullmatch=True),
            st.lists(st.integers(), max_size=2),
            st.dictionaries(st.text(max_size=3), st.integers(), max_size=1),
        )
    elif isinstance(kind, Integer):
        strategy = st.one_of(
            st.integers(min_value=kind.maximum + 1, max_value=2**52),
            st.integers(min_value=-(2**52), max_value=kind.minimum - 1),
            st.floats(-1e6, 1e6).filter(lambda f: not f.is_integer()),
            st.text(max_size=5),
            st.booleans(),
        )
    elif isinstance(kind, Boolean):
        strategy = JUNK.filter(lambda value: not isinstance(value, bool))
    elif isinstance(kind, Choice):
        strategy = st.one_of(
            st.text(max_size=20), st.integers(), st.sampled_from(kind.choices).map(str.upper)
        )
    elif isinstance(kind, MapOf):
        strategy = st.one_of(
            st.lists(st.integers(), max_size=2),
            st.text(max_size=5),
            st.integers(),
            st.dictionaries(st.text(max_size=10), st.booleans(), min_size=1, max_size=2),
            st.dictionaries(st.just(GUID), invalid(kind.values), min_size=1, max_size=1),
        )
    elif isinstance(kind, ListOf):
        strategy = st.one_of(
            st.text(max_size=5), st.integers(), st.lists(invalid(kind.items), min_size=1, max_size=3)
        )
    else:  # a nested structure (values, rules, variations)
        strategy = BROKEN_RULES
    return strategy.filter(lambda value: value is not None and _refuses(kind, value))


def _refuses(kind: Kind, value: Any) -> bool:
    # The engine turns every number into a float on the wire; judge the value as the provider will see it.
    wire = float(value) if isinstance(value, int) and not isinstance(value, bool) else value
    try:
        kind.parse(wire)
    except InvalidValueError:
        return True
    return False


@dataclass(frozen=True)
class Subject:
    """A resource class, declared with valid inputs (ids need not exist: Check never calls the API)."""

    cls: type[ConfigCatResource]
    declare: Callable[[], object]

    @property
    def props(self) -> tuple[Prop, ...]:
        return self.cls._provider_class.props


SUBJECTS = [
    Subject(configcat.Product, lambda: configcat.Product("p", organization_id=GUID)),
    Subject(configcat.Config, lambda: configcat.Config("c", product_id=GUID)),
    Subject(configcat.Environment, lambda: configcat.Environment("e", product_id=GUID)),
    Subject(configcat.Tag, lambda: configcat.Tag("t", product_id=GUID)),
    Subject(
        configcat.Segment,
        lambda: configcat.Segment(
            "s", product_id=GUID, comparison_attribute="Email", comparator="contains", comparison_value="@a"
        ),
    ),
    Subject(configcat.PermissionGroup, lambda: configcat.PermissionGroup("g", product_id=GUID)),
    Subject(configcat.ProductPreferences, lambda: configcat.ProductPreferences("pp", product_id=GUID)),
    Subject(configcat.Setting, lambda: configcat.Setting("f", config_id=GUID, key="flag")),
    Subject(configcat.SettingTag, lambda: configcat.SettingTag("st", setting_id="1", tag_id="2")),
    Subject(
        configcat.SettingValueV2,
        lambda: configcat.SettingValueV2("v2", environment_id=GUID, setting_id="1", value=True),
    ),
    Subject(
        configcat.SettingValue,
        lambda: configcat.SettingValue("v1", environment_id=GUID, setting_id="1", value=True),
    ),
    Subject(
        configcat.Webhook,
        lambda: configcat.Webhook("w", config_id=GUID, environment_id=GUID, url="https://hooks.example/x"),
    ),
    Subject(
        configcat.Integration,
        lambda: configcat.Integration(
            "i", product_id=GUID, integration_type="dataDog", parameters={"apikey": "k", "site": "Eu"}
        ),
    ),
    Subject(
        configcat.ConfigValuesV2,
        lambda: configcat.ConfigValuesV2("cv2", config_id=GUID, environment_id=GUID, values={"flag": True}),
    ),
    Subject(
        configcat.ConfigValues,
        lambda: configcat.ConfigValues("cv1", config_id=GUID, environment_id=GUID, values={"flag": True}),
    ),
]


def _registered(subject: Subject) -> tuple[str, dict[str, Any]]:
    (registration,) = capture_registrations(subject.declare)
    return registration.type_, registration.inputs


@pytest.fixture(scope="module")
def registered() -> dict[str, tuple[str, dict[str, Any]]]:
    return {subject.cls.__name__: _registered(subject) for subject in SUBJECTS}


@pytest.mark.parametrize("subject", SUBJECTS, ids=[subject.cls.__name__ for subject in SUBJECTS])
@given(data=st.data())
def test_invalid_inputs_fail_in_check_naming_the_input(
    subject: Subject,
    data: st.DataObject,
    registered: dict[str, tuple[str, dict[str, Any]]],
    provider_process: DynamicProviderProcess,
    emulator: ConfigCatEmulator,
) -> None:
    type_, inputs = registered[subject.cls.__name__]
    prop = data.draw(st.sampled_from(subject.props), label="input")
    value = data.draw(invalid(prop.kind), label="value")
    requests_before = len(emulator.requests)

    _, failures = provider_process.check(type_, "fuzzed", {}, {**inputs, prop.name: value})

    named = [path for path, _ in failures if re.match(rf"{prop.name}($|[\[.])", path)]
    assert named, (prop.name, value, failures)
    assert all(reason for _, reason in failures)
    assert len(emulator.requests) == requests_before
    assert provider_process._proc.poll() is None  # still serving


# ----------------------------------------------------------------------------------------------------------
# Valid inputs round-trip.

TEXT = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=40
).filter(lambda text: text.strip() == text)


def valid(prop: Prop) -> st.SearchStrategy[Any] | None:
    """Values the input accepts, for scalar inputs that are not ids; None for the others."""
    kind = prop.kind
    if isinstance(kind, Text) and not kind.pattern:
        return TEXT.filter(lambda text: len(text) >= kind.min_length)
    if isinstance(kind, Integer):
        return st.integers(-1000, 1000)
    if isinstance(kind, Boolean):
        return st.booleans()
    if isinstance(kind, Choice):
        return st.sampled_from(kind.choices)
    return None


@dataclass(frozen=True)
class Parents:
    organization: str
    product: str
    config: str
    environment: str
    setting: str


@pytest.fixture(scope="module")
def life() -> Iterator[tuple[ConfigCatEmulator, DynamicProviderProcess, Parents]]:
    """A fresh emulator (so generated names meet no names of other tests) and a provider process for it."""
    with ConfigCatEmulator(seed=5) as emulator, DynamicProviderProcess(project="fuzz") as process:
        process.configure(
            {
                "configcat:basicAuthUsername": emulator.username,
                "configcat:basicAuthPassword": secret(emulator.password),
                "configcat:basePath": emulator.base_url,
            }
        )

        def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
            status, answer = emulator.call("POST", path, body)
            assert status in (200, 201), answer
            return dict(answer)

        org = emulator.organization_id
        product = post(f"/v1/organizations/{org}/products", {"name": "\u2042 parents"})["productId"]
        config = post(f"/v1/products/{product}/configs", {"name": "main", "evaluationVersion": "v2"})[
            "configId"
        ]
        environment = post(f"/v1/products/{product}/environments", {"name": "\u2042 env"})["environmentId"]
        setting = post(
            f"/v1/configs/{config}/settings", {"key": "parent", "name": "p", "settingType": "boolean"}
        )
        yield emulator, process, Parents(org, product, config, environment, str(setting["settingId"]))


# Each type with its parents; the inputs the generator leaves alone (the API checks colours and URLs beyond
# what the inputs' kinds say, and values have their own generator below).
LIVES: dict[str, tuple[Callable[[Parents], dict[str, Any]], frozenset[str]]] = {
    "Product": (lambda p: {"organization_id": p.organization}, frozenset()),
    "Config": (lambda p: {"product_id": p.product}, frozenset()),
    "Environment": (lambda p: {"product_id": p.product}, frozenset({"color"})),
    "Tag": (lambda p: {"product_id": p.product}, frozenset()),
    "Segment": (
        lambda p: {
            "product_id": p.product,
            "comparison_attribute": "Email",
            "comparison_value": "@a.example",
        },
        frozenset(),
    ),
    "PermissionGroup": (lambda p: {"product_id": p.product}, frozenset()),
    "ProductPreferences": (lambda p: {"product_id": p.product}, frozenset()),
    "Setting": (lambda p: {"config_id": p.config, "key": "fuzzed"}, frozenset({"is_json"})),
    "Webhook": (
        lambda p: {"config_id": p.config, "environment_id": p.environment, "url": "https://hooks.example/x"},
        frozenset(),
    ),
}


def _lifecycle(
    world: tuple[ConfigCatEmulator, DynamicProviderProcess, Parents], declare: Callable[[], object]
) -> None:
    _, process, _ = world
    engine = MiniEngine(process, project="fuzz")
    created = engine.run(declare)
    assert created.errors == [], created.errors
    assert [s.op for s in created.steps] == ["create"]
    refreshed = engine.refresh()
    assert [(s.op, s.diff.changes if s.diff else None) for s in refreshed] == [("refresh", "DIFF_NONE")]
    again = engine.run(declare)
    assert again.errors == []
    assert [s.op for s in again.steps] == ["same"]
    assert [s.op for s in engine.destroy()] == ["delete"]


@pytest.mark.parametrize("name", sorted(LIVES))
@given(data=st.data())
def test_valid_inputs_round_trip(
    name: str, data: st.DataObject, life: tuple[ConfigCatEmulator, DynamicProviderProcess, Parents]
) -> None:
    cls = getattr(configcat, name)
    parents_of, left_alone = LIVES[name]
    kwargs = parents_of(life[2])
    for prop in cls._provider_class.props:
        strategy = valid(prop)
        if prop.name in kwargs or prop.name in left_alone or strategy is None:
            continue
        kwargs[prop.name] = data.draw(strategy, label=prop.name)
    if name == "ProductPreferences":
        assume(not kwargs["reason_required"])  # exclusive with per-environment reasons; the default is fine
    if name == "Segment" and kwargs["comparator"].startswith("number"):
        kwargs["comparison_value"] = "42"  # the number comparators take a number (check's rule)
    if name == "PermissionGroup" and kwargs["can_delete_config"]:
        # The API's rule, which check enforces (found by this test).
        kwargs["can_createorupdate_config"] = kwargs["can_delete_setting"] = True
    _lifecycle(life, lambda: cls("fuzzed", **kwargs))


@given(
    value=st.booleans(),
    split=st.integers(0, 100),
    attribute=st.none() | TEXT,
    emails=st.lists(st.emails(), min_size=1, max_size=3),
)
def test_valid_values_with_rules_round_trip(
    life: tuple[ConfigCatEmulator, DynamicProviderProcess, Parents],
    value: bool,
    split: int,
    attribute: str | None,
    emails: list[str],
) -> None:
    parents = life[2]
    rules: list[Any] = [
        {
            "conditions": [
                {
                    "user_condition": {
                        "comparison_attribute": "Email",
                        "comparator": "isOneOf",
                        "comparison_value": emails,
                    }
                }
            ],
            "value": not value,
        },
        {
            "percentage_options": [
                {"percentage": split, "value": True},
                {"percentage": 100 - split, "value": False},
            ]
        },
    ]
    _lifecycle(
        life,
        lambda: configcat.SettingValueV2(
            "fuzzed",
            environment_id=parents.environment,
            setting_id=parents.setting,
            init_only=False,
            value=value,
            targeting_rules=rules,
            percentage_evaluation_attribute=attribute,
            opts=pulumi.ResourceOptions(),
        ),
    )
