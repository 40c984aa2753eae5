"""Self-tests of tests.harness against the sample provider in tests/harness/sample_provider.py."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import grpc
import pulumi
import pytest

from tests.harness import (
    UNKNOWN,
    CheckFailedError,
    DynamicProviderProcess,
    MiniEngine,
    ProviderError,
    capture_registrations,
    decode_provider_blob,
    secret,
)
from tests.harness.sample_provider import EXPLODING_TITLE, TYPE, Item, Note

TOKEN = "sample-token-never-pickled"
NOTE_TYPE = "pulumi-python:dynamic/sample:Note"


class Store:
    """The sample provider's JSON file, read back for assertions."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def data(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.path.read_text())
        return loaded

    def items(self) -> dict[str, dict[str, Any]]:
        items: dict[str, dict[str, Any]] = self.data()["items"]
        return items

    def journal_mark(self) -> int:
        return len(self.data()["journal"]) if self.path.exists() else 0

    def journal_since(self, mark: int) -> list[str]:
        journal: list[str] = self.data()["journal"][mark:]
        return journal

    def edit(self, change: Callable[[dict[str, Any]], None]) -> None:
        data = self.data()
        change(data)
        self.path.write_text(json.dumps(data))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return Store(tmp_path_factory.mktemp("sample") / "store.json")


@pytest.fixture(scope="module")
def proc(store: Store) -> Iterator[DynamicProviderProcess]:
    with DynamicProviderProcess(project="acme") as process:
        process.configure({"sample:storePath": str(store.path), "sample:token": secret(TOKEN)})
        yield process


@pytest.fixture
def engine(proc: DynamicProviderProcess) -> MiniEngine:
    return MiniEngine(proc, stack="dev", project="acme")


def urn(name: str, type_: str = TYPE) -> str:
    return f"urn:pulumi:dev::acme::{type_}::{name}"


def item_program(name: str = "a", **kwargs: Any) -> Callable[[], None]:
    args: dict[str, Any] = {"title": "A", "kind": "k1", "value": 1, **kwargs}

    def program() -> None:
        item = Item(name, **args)
        pulumi.export("id", item.id)
        pulumi.export("value", item.value)

    return program


def provider_blob() -> str:
    """A real ``__provider`` value, taken from what the SDK registers."""
    registrations = capture_registrations(item_program())
    blob: str = registrations[0].inputs["__provider"]
    return blob


# --- the raw process ---------------------------------------------------------------------------------------


def test_rpcs_before_configure_are_refused_and_configure_is_sent_once(store: Store) -> None:
    with DynamicProviderProcess(project="acme") as fresh:
        with pytest.raises(RuntimeError, match="before Configure"):
            fresh.check(TYPE, "x", {}, {"title": "t", "kind": "k", "value": 1, "__provider": provider_blob()})
        fresh.configure({"sample:storePath": str(store.path)})
        with pytest.raises(RuntimeError, match="already sent"):
            fresh.configure({"sample:storePath": "/elsewhere"})
        inputs, failures = fresh.check(
            TYPE, "x", {}, {"title": "t", "kind": "k", "value": 1, "__provider": provider_blob()}
        )
    assert failures == []
    assert inputs["title"] == "t"


def test_raw_rpcs_follow_the_engine_wire_format(proc: DynamicProviderProcess, store: Store) -> None:
    blob = provider_blob()
    news = {"title": "raw", "kind": "k", "value": 3, "__provider": blob}

    inputs, failures = proc.check(TYPE, "raw", {}, news)
    assert failures == []
    assert inputs == {**news, "value": 3.0}
    assert isinstance(inputs["value"], float)

    id_, outputs = proc.create(TYPE, "raw", inputs)
    # Configure delivered the store path: the item landed in the configured file.
    assert store.items()[id_]["title"] == "raw"
    assert outputs["valueType"] == "float"
    assert outputs["__provider"] == blob

    diff = proc.diff(TYPE, "raw", id_, outputs, {**inputs, "kind": "other"}, inputs)
    assert (diff.changes, diff.replaces, diff.delete_before_replace) == ("DIFF_SOME", ["kind"], False)

    updated = proc.update(TYPE, "raw", id_, outputs, {**inputs, "value": 4}, inputs)
    assert updated["value"] == 4.0
    assert store.items()[id_]["value"] == 4.0

    read_id, read_outputs, read_inputs = proc.read(TYPE, "raw", id_, updated, inputs)
    assert read_id == id_
    assert read_outputs["value"] == 4.0
    assert read_inputs["value"] == 4.0
    assert read_inputs["__provider"] == blob

    proc.delete(TYPE, "raw", id_, updated, inputs)
    assert id_ not in store.items()
    assert proc.read(TYPE, "raw", id_, updated, inputs)[0] == ""


def test_check_failures_are_returned(proc: DynamicProviderProcess) -> None:
    _, failures = proc.check(
        TYPE, "bad", {}, {"title": "", "kind": "k", "value": "x", "__provider": provider_blob()}
    )
    assert failures == [("title", "title is required"), ("value", "value must be a number")]


def test_exception_in_create_is_a_provider_error(proc: DynamicProviderProcess, store: Store) -> None:
    before = store.journal_mark()
    news = {"title": EXPLODING_TITLE, "kind": "k", "value": 1, "__provider": provider_blob()}
    with pytest.raises(ProviderError) as caught:
        proc.create(TYPE, "boom", news)
    assert caught.value.method == "Create"
    assert caught.value.code == grpc.StatusCode.UNKNOWN
    assert "ValueError: remote API said 400: bad title" in caught.value.details
    assert store.journal_since(before) == []


# --- programs through MiniEngine ---------------------------------------------------------------------------


def test_create_then_same_then_update(engine: MiniEngine, store: Store) -> None:
    created = engine.run(item_program())
    assert created.errors == []
    assert [step.op for step in created.steps] == ["create"]
    id_ = created.steps[0].id_
    assert created.exports == {"id": id_, "value": 1.0}
    assert engine.state[urn("a")].id_ == id_
    assert store.items()[id_]["value"] == 1.0

    mark = store.journal_mark()
    same = engine.run(item_program())
    assert [(step.op, step.id_) for step in same.steps] == [("same", id_)]
    assert same.steps[0].diff is not None
    assert same.steps[0].diff.changes == "DIFF_NONE"
    assert same.exports == {"id": id_, "value": 1.0}
    assert store.journal_since(mark) == []

    updated = engine.run(item_program(value=2))
    assert [(step.op, step.id_) for step in updated.steps] == [("update", id_)]
    assert updated.exports == {"id": id_, "value": 2.0}
    assert store.items()[id_]["value"] == 2.0
    assert engine.state[urn("a")].outputs["value"] == 2.0
    assert store.journal_since(mark) == [f"update {id_}"]


def test_replace_creates_before_deleting(engine: MiniEngine, store: Store) -> None:
    old_id = engine.run(item_program()).steps[0].id_
    mark = store.journal_mark()

    result = engine.run(item_program(kind="k2"))

    assert [step.op for step in result.steps] == ["replace"]
    new_id = result.steps[0].id_
    diff = result.steps[0].diff
    assert diff is not None
    assert (diff.replaces, diff.delete_before_replace) == (["kind"], False)
    assert store.journal_since(mark) == [f"create {new_id}", f"delete {old_id}"]
    assert result.exports["id"] == new_id
    assert engine.state[urn("a")].id_ == new_id


def test_replace_deletes_first_when_the_provider_asks(engine: MiniEngine, store: Store) -> None:
    old_id = engine.run(item_program(title="Unique", unique_title=True)).steps[0].id_
    mark = store.journal_mark()

    result = engine.run(item_program(title="Unique", unique_title=True, kind="k2"))

    assert result.errors == []
    new_id = result.steps[0].id_
    diff = result.steps[0].diff
    assert diff is not None
    assert diff.delete_before_replace is True
    assert store.journal_since(mark) == [f"delete {old_id}", f"create {new_id}"]
    assert engine.state[urn("a")].id_ == new_id


def test_delete_before_replace_option_is_honoured(engine: MiniEngine, store: Store) -> None:
    def program(kind: str) -> Callable[[], None]:
        def run() -> None:
            Item(
                "a",
                title="A",
                kind=kind,
                value=1,
                opts=pulumi.ResourceOptions(delete_before_replace=True),
            )

        return run

    old_id = engine.run(program("k1")).steps[0].id_
    mark = store.journal_mark()
    new_id = engine.run(program("k2")).steps[0].id_
    assert store.journal_since(mark) == [f"delete {old_id}", f"create {new_id}"]


def test_refresh_after_out_of_band_edit_shows_drift_and_stores_read_inputs(
    engine: MiniEngine, store: Store
) -> None:
    id_ = engine.run(item_program()).steps[0].id_
    store.edit(lambda data: data["items"][id_].update(value=42))

    steps = engine.refresh()

    assert [(step.op, step.id_) for step in steps] == [("refresh", id_)]
    drift = steps[0].diff
    assert drift is not None
    assert drift.changes == "DIFF_SOME"
    state = engine.state[urn("a")]
    assert state.outputs["value"] == 42
    assert state.inputs["value"] == 42
    assert state.inputs["__provider"] == state.outputs["__provider"]

    # The program still says 1, so the next up puts it back.
    assert [step.op for step in engine.run(item_program()).steps] == ["update"]
    assert store.items()[id_]["value"] == 1.0

    no_drift = engine.refresh()
    assert no_drift[0].diff is not None
    assert no_drift[0].diff.changes == "DIFF_NONE"


def test_refresh_after_out_of_band_delete_drops_the_resource(engine: MiniEngine, store: Store) -> None:
    id_ = engine.run(item_program()).steps[0].id_
    store.edit(lambda data: data["items"].pop(id_))

    steps = engine.refresh()

    assert [(step.op, step.id_) for step in steps] == [("delete", id_)]
    assert engine.state == {}
    recreated = engine.run(item_program())
    assert [step.op for step in recreated.steps] == ["create"]
    assert recreated.steps[0].id_ != id_


def test_destroy_deletes_newest_first(engine: MiniEngine, store: Store) -> None:
    result = engine.run(two_items_program)
    ids = [step.id_ for step in result.steps]
    mark = store.journal_mark()

    steps = engine.destroy()

    assert [step.id_ for step in steps] == ids[::-1]
    assert store.journal_since(mark) == [f"delete {id_}" for id_ in ids[::-1]]
    assert engine.state == {}
    assert not set(ids) & set(store.items())


def test_resources_left_out_of_the_program_are_deleted(engine: MiniEngine, store: Store) -> None:
    ids = [step.id_ for step in engine.run(two_items_program).steps]
    mark = store.journal_mark()

    result = engine.run(lambda: None)

    assert [(step.op, step.id_) for step in result.steps] == [("delete", ids[1]), ("delete", ids[0])]
    assert store.journal_since(mark) == [f"delete {ids[1]}", f"delete {ids[0]}"]
    assert engine.state == {}


def two_items_program() -> None:
    parent = Item("parent", title="P", kind="k", value=1)
    child = Item("child", title="C", kind="k", value=2, parent_id=parent.id)
    pulumi.export("parentId", parent.id)
    pulumi.export("childParent", child.parentId)  # type: ignore[attr-defined]


def test_output_of_one_resource_reaches_another_as_the_real_id(engine: MiniEngine, store: Store) -> None:
    result = engine.run(two_items_program)

    assert result.errors == []
    parent_id, child_id = (step.id_ for step in result.steps)
    # The provider itself checked that the parent exists; the stored item carries the real id.
    assert store.items()[child_id]["parentId"] == parent_id
    assert result.exports == {"parentId": parent_id, "childParent": parent_id}
    assert engine.state[urn("child")].inputs["parentId"] == parent_id


def test_preview_sends_unknowns_and_creates_nothing(engine: MiniEngine, store: Store) -> None:
    mark = store.journal_mark()

    result = engine.run(two_items_program, preview=True)

    assert result.errors == []
    assert [(step.op, step.id_) for step in result.steps] == [("create", ""), ("create", "")]
    assert store.journal_since(mark) == []
    assert engine.state == {}
    assert result.outputs[urn("child")]["parentId"] == UNKNOWN
    assert result.exports == {"parentId": UNKNOWN, "childParent": UNKNOWN}


def test_preview_of_changes_calls_no_update_or_create(engine: MiniEngine, store: Store) -> None:
    id_ = engine.run(item_program()).steps[0].id_
    stored = engine.state[urn("a")]
    mark = store.journal_mark()

    updated = engine.run(item_program(value=5), preview=True)
    replaced = engine.run(item_program(kind="k9"), preview=True)

    assert [(step.op, step.id_) for step in updated.steps] == [("update", id_)]
    assert updated.exports["value"] == 5.0
    assert [(step.op, step.id_) for step in replaced.steps] == [("replace", "")]
    assert store.journal_since(mark) == []
    assert engine.state[urn("a")] == stored


def test_ints_reach_the_provider_as_floats(engine: MiniEngine, store: Store) -> None:
    def program() -> None:
        item = Item("a", title="A", kind="k", value=7)
        pulumi.export("valueType", item.valueType)

    result = engine.run(program)

    assert result.exports["valueType"] == "float"
    assert store.items()[result.steps[0].id_]["value"] == 7.0


def test_check_failure_is_reported_and_stops_the_resource(engine: MiniEngine, store: Store) -> None:
    mark = store.journal_mark()

    def program() -> None:
        bad = Item("bad", title="", kind="k", value=1)
        Item("dependent", title="D", kind="k", value=1, parent_id=bad.id)

    result = engine.run(program)

    assert len(result.errors) == 1
    error = result.errors[0]
    assert isinstance(error, CheckFailedError)
    assert error.urn == urn("bad")
    assert error.failures == [("title", "title is required")]
    assert result.steps == []
    assert store.journal_since(mark) == []


def test_provider_exception_is_reported_and_nothing_is_deleted(engine: MiniEngine, store: Store) -> None:
    kept_id = engine.run(item_program("kept")).steps[0].id_

    result = engine.run(item_program("boom", title=EXPLODING_TITLE))

    assert len(result.errors) == 1
    error = result.errors[0]
    assert isinstance(error, ProviderError)
    assert error.method == "Create"
    assert "remote API said 400: bad title" in error.details
    # An up that failed does not delete resources the program left out.
    assert list(engine.state) == [urn("kept")]
    assert kept_id in store.items()


def test_runs_leave_a_usable_event_loop_behind(engine: MiniEngine) -> None:
    engine.run(item_program())
    engine.run(item_program(value=2))

    loop = asyncio.get_event_loop()
    assert not loop.is_closed()
    assert loop.run_until_complete(asyncio.sleep(0, result="still usable")) == "still usable"


def test_errors_in_the_program_itself_are_raised(engine: MiniEngine) -> None:
    def program() -> None:
        raise KeyError("program bug")

    with pytest.raises(KeyError, match="program bug"):
        engine.run(program)


def test_unknown_diff_falls_back_to_comparing_inputs(engine: MiniEngine) -> None:
    def program(text: str) -> Callable[[], None]:
        def run() -> None:
            Note("n", text=text)

        return run

    engine.run(program("hi"))
    same = engine.run(program("hi"))
    changed = engine.run(program("bye"))

    assert same.steps[0].op == "same"
    assert same.steps[0].diff is not None
    assert same.steps[0].diff.changes == "DIFF_UNKNOWN"
    assert [step.op for step in changed.steps] == ["update"]
    assert engine.state[urn("n", NOTE_TYPE)].inputs["text"] == "bye"


def test_get_reads_an_existing_resource_without_managing_it(engine: MiniEngine, store: Store) -> None:
    id_ = engine.run(item_program("owned")).steps[0].id_

    def program() -> None:
        found = Item("found", title="A", kind="k1", value=1, opts=pulumi.ResourceOptions(id=id_))
        pulumi.export("title", found.title)

    result = engine.run(program)

    assert [(step.op, step.id_) for step in result.steps] == [("read", id_), ("delete", id_)]
    assert result.exports == {"title": "A"}
    assert urn("found") not in engine.state


def test_secret_inputs_reach_the_provider_plain_and_come_back_secret(
    engine: MiniEngine, store: Store
) -> None:
    def program() -> None:
        item = Item("a", title=pulumi.Output.secret("hidden"), kind="k", value=1)
        pulumi.export("title", item.title)
        pulumi.export("kind", item.kind)

    result = engine.run(program)

    assert result.errors == []
    assert store.items()[result.steps[0].id_]["title"] == "hidden"
    assert result.outputs[urn("a")]["title"] == "hidden"
    assert result.exports == {"title": secret("hidden"), "kind": "k"}


# --- plain registration capture ----------------------------------------------------------------------------


def test_capture_registrations_without_a_provider() -> None:
    def program() -> None:
        parent = Item("p", title="P", kind="k", value=1)
        Item("c", title=pulumi.Output.secret("S"), kind="k", value=2, parent_id=parent.id)
        Item("x", title="X", kind="k", value=3, opts=pulumi.ResourceOptions(id="item-77"))

    registrations = capture_registrations(program)

    by_name = {registration.name: registration for registration in registrations}
    assert set(by_name) == {"p", "c", "x"}
    assert by_name["p"].type_ == TYPE
    assert by_name["p"].custom is True
    assert by_name["p"].opts_id is None
    assert by_name["p"].inputs["value"] == 1.0
    assert by_name["c"].inputs["parentId"] == "p-id"
    assert by_name["c"].inputs["title"] == secret("S")
    assert by_name["x"].opts_id == "item-77"
    blob = by_name["p"].inputs["__provider"]
    assert isinstance(blob, str)
    pickled = decode_provider_blob(blob)
    assert b"tests.harness.sample_provider" in pickled
    assert TOKEN.encode() not in pickled


def test_parallel_steps_keep_dependency_order(proc: DynamicProviderProcess, store: Store) -> None:
    """With parallel steps a parent is still created before its children and deleted after them."""
    engine = MiniEngine(proc, parallel=4)

    def tree() -> None:
        root = Item("p-root", title="root", kind="k", value=0)
        for c in range(3):
            child = Item(f"p-child{c}", title=f"c{c}", kind="k", value=c, parent_id=root.id)
            for g in range(2):
                Item(f"p-grand{c}{g}", title=f"g{c}{g}", kind="k", value=g, parent_id=child.id)

    mark = store.journal_mark()
    result = engine.run(tree)
    assert result.errors == []
    assert len(result.steps) == 10
    parents = {urn: state.inputs.get("parentId") for urn, state in engine.state.items()}
    ids = {urn: state.id_ for urn, state in engine.state.items()}
    created = store.journal_since(mark)
    for urn, parent_id in parents.items():
        if (
            parent_id is not None
        ):  # the provider refuses a child whose parent is missing; the order says it too
            assert created.index(f"create {parent_id}") < created.index(f"create {ids[urn]}")
    assert all(
        dependency in engine.state for state in engine.state.values() for dependency in state.dependencies
    )

    assert sorted(step.op for step in engine.refresh()) == ["refresh"] * 10

    mark = store.journal_mark()
    assert len(engine.destroy()) == 10
    deleted = store.journal_since(mark)
    for urn, parent_id in parents.items():
        if parent_id is not None:
            assert deleted.index(f"delete {ids[urn]}") < deleted.index(f"delete {parent_id}")
    assert engine.state == {}
    with pytest.raises(ValueError, match="at least 1"):
        MiniEngine(proc, parallel=0)
