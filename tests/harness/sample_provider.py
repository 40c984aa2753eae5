"""A small dynamic provider for the harness's own tests: items in a JSON file.

The file path comes from stack config ``sample:storePath`` through ``configure()``, so it never lands in the
pickled provider. The file holds ``{"items": {id: item}, "journal": ["create item-1", ...], "next": n}``;
the journal lets tests see the order of provider calls. ``kind`` forces a replacement, ``title`` and
``value`` are updated in place. With ``uniqueTitle`` set, no two items may share a title, so a replacement
that keeps the title must delete the old item first (``delete_before_replace``).

No import-time side effects: the provider process imports this module to unpickle the provider.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pulumi
from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    ResourceProvider,
    UpdateResult,
)
from pulumi.output import Unknown

TYPE = "pulumi-python:dynamic/sample:Item"
REPLACE_KEYS = ("kind",)
MUTABLE_KEYS = ("title", "value", "parentId", "uniqueTitle")
INPUT_KEYS = REPLACE_KEYS + MUTABLE_KEYS
EXPLODING_TITLE = "explode"

# Module level, not on the provider: a lock on the instance would be pickled into every blob.
_LOCK = threading.Lock()


class ItemProvider(ResourceProvider):
    """CRUD for items stored in a JSON file."""

    _store_path: Path | None = None

    def configure(self, req: ConfigureRequest) -> None:
        """Takes the store path from stack config.

        Args:
            req: The engine's configuration.
        """
        self._store_path = Path(req.config.require("sample:storePath"))

    def _load(self) -> dict[str, Any]:
        if self._store_path is None:
            raise RuntimeError("provider was not configured")
        if not self._store_path.exists():
            return {"items": {}, "journal": [], "next": 1}
        data: dict[str, Any] = json.loads(self._store_path.read_text())
        return data

    def _save(self, data: dict[str, Any]) -> None:
        assert self._store_path is not None
        self._store_path.write_text(json.dumps(data, indent=2, sort_keys=True))

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Validates title and value.

        Args:
            _olds: The old inputs.
            news: The new inputs (may hold ``Unknown`` during preview).

        Returns:
            The inputs and any failures.
        """
        failures: list[CheckFailure] = []
        title = news.get("title")
        if not isinstance(title, (str, Unknown)) or title == "":
            failures.append(CheckFailure("title", "title is required"))
        value = news.get("value")
        if not isinstance(value, (int, float, Unknown)) or isinstance(value, bool):
            failures.append(CheckFailure("value", "value must be a number"))
        return CheckResult(news, failures)

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """Compares the stored outputs with the new inputs.

        Args:
            _id: The item id.
            olds: The old outputs.
            news: The new inputs.

        Returns:
            Which keys changed and whether that forces a replacement.
        """
        replaces = [key for key in REPLACE_KEYS if olds.get(key) != news.get(key)]
        changed = replaces or [key for key in MUTABLE_KEYS if olds.get(key) != news.get(key)]
        return DiffResult(
            changes=bool(changed),
            replaces=replaces,
            delete_before_replace=bool(replaces) and bool(news.get("uniqueTitle")),
        )

    def create(self, props: dict[str, Any]) -> CreateResult:
        """Stores a new item.

        Args:
            props: The checked inputs.

        Returns:
            The new id and all inputs plus ``valueType`` (the Python type the value arrived as).

        Raises:
            ValueError: The title is the reserved failing one, the title is taken, or the parent is missing.
        """
        if props["title"] == EXPLODING_TITLE:
            raise ValueError("remote API said 400: bad title")
        with _LOCK:
            data = self._load()
            self._validate(data, props, own_id=None)
            id_ = f"item-{data['next']}"
            data["next"] += 1
            data["items"][id_] = {key: props.get(key) for key in INPUT_KEYS}
            data["journal"].append(f"create {id_}")
            self._save(data)
        return CreateResult(id_, self._outs(data["items"][id_], type(props["value"]).__name__))

    @staticmethod
    def _validate(data: dict[str, Any], props: dict[str, Any], own_id: str | None) -> None:
        if props.get("uniqueTitle"):
            for other_id, item in data["items"].items():
                if other_id != own_id and item["title"] == props["title"]:
                    raise ValueError(f"title {props['title']!r} is taken by {other_id}")
        parent = props.get("parentId")
        if parent is not None and parent not in data["items"]:
            raise ValueError(f"parent {parent} does not exist")

    @staticmethod
    def _outs(item: dict[str, Any], value_type: str) -> dict[str, Any]:
        return {**{key: value for key, value in item.items() if value is not None}, "valueType": value_type}

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """Reads an item back, returning inputs that match what is stored.

        Args:
            id_: The item id.
            props: The stored outputs.

        Returns:
            The item, or an empty id if it is gone.
        """
        with _LOCK:
            item = self._load()["items"].get(id_)
        if item is None:
            return ReadResult(None, {})
        inputs = {key: value for key, value in item.items() if value is not None}
        return ReadResult(id_, self._outs(item, props.get("valueType", "")), inputs)

    def update(self, id_: str, _olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Changes the mutable keys in place.

        Args:
            id_: The item id.
            _olds: The old outputs.
            news: The new inputs.

        Returns:
            All inputs plus ``valueType``.
        """
        with _LOCK:
            data = self._load()
            self._validate(data, news, own_id=id_)
            item = data["items"][id_]
            item.update({key: news.get(key) for key in MUTABLE_KEYS})
            data["journal"].append(f"update {id_}")
            self._save(data)
        return UpdateResult(self._outs(item, type(news["value"]).__name__))

    def delete(self, id_: str, _props: dict[str, Any]) -> None:
        """Removes an item; a missing one counts as deleted.

        Args:
            id_: The item id.
            _props: The stored outputs.
        """
        with _LOCK:
            data = self._load()
            data["items"].pop(id_, None)
            data["journal"].append(f"delete {id_}")
            self._save(data)


class Item(Resource, module="sample", name="Item"):
    """An item in the sample store.

    Attributes:
        title: The title (updated in place).
        kind: The kind (forces replacement).
        value: A number (updated in place).
        value_type: The Python type name the provider saw for ``value``.
    """

    title: pulumi.Output[str]
    kind: pulumi.Output[str]
    value: pulumi.Output[float]
    valueType: pulumi.Output[str]  # noqa: N815 - dynamic resources name attributes after their props

    def __init__(
        self,
        resource_name: str,
        *,
        title: pulumi.Input[str],
        kind: pulumi.Input[str],
        value: pulumi.Input[float],
        parent_id: pulumi.Input[str] | None = None,
        unique_title: bool = False,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declares an item.

        Args:
            resource_name: The Pulumi resource name.
            title: The title.
            kind: The kind; changing it replaces the item.
            value: A number.
            parent_id: The id of another item that must exist.
            unique_title: Whether the title must be unique (replacements then delete first).
            opts: Resource options.
        """
        props: dict[str, Any] = {
            "title": title,
            "kind": kind,
            "value": value,
            "parentId": parent_id,
            "uniqueTitle": unique_title,
            "valueType": None,
        }
        super().__init__(ItemProvider(), resource_name, props, opts)


class NoteProvider(ResourceProvider):
    """Implements only ``create``, so ``diff`` answers DIFF_UNKNOWN and the engine compares inputs itself."""

    def create(self, props: dict[str, Any]) -> CreateResult:
        """Echoes the inputs under an id derived from the text.

        Args:
            props: The checked inputs.

        Returns:
            The id and the inputs as outputs.
        """
        return CreateResult(f"note-{props['text']}", {"text": props["text"]})


class Note(Resource, module="sample", name="Note"):
    """A note that lives only in its own state; updates go through the default (empty) ``update``."""

    text: pulumi.Output[str]

    def __init__(self, resource_name: str, *, text: pulumi.Input[str]) -> None:
        """Declares a note.

        Args:
            resource_name: The Pulumi resource name.
            text: The text.
        """
        super().__init__(NoteProvider(), resource_name, {"text": text})
