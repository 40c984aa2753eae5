"""The top-level project and the examples under the real `pulumi` CLI, against the emulator."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

from pulumi_configcat.testing import ConfigCatEmulator
from tests.cli.conftest import REPO, StackFactory

QUICKSTART = REPO / "examples" / "quickstart" / "__main__.py"
QUICKSTART_RESOURCES = {
    "web-shop": "create",  # the product and its preferences share the name, not the type
    "development": "create",
    "production": "create",
    "main": "create",
    "beta": "create",
    "staff": "create",
    "developers": "create",
}


def _made_by(emulator: ConfigCatEmulator, product_id: str) -> dict[str, list[Any]]:
    """Everything the emulator holds that belongs to the product (the product itself included)."""
    state = emulator.state()
    found: dict[str, list[Any]] = {}
    for collection, records in state.items():
        if collection == "organization":
            continue
        for key, record in records.items():
            if key == product_id or (isinstance(record, dict) and record.get("productId") == product_id):
                found.setdefault(collection, []).append(key)
    return found


def test_top_level_project_deploys_previews_clean_and_destroys(
    new_stack: StackFactory, emulator: ConfigCatEmulator
) -> None:
    stack = new_stack(project="configcat-quickstart", organizationId=emulator.organization_id)
    # The repository's own project as it is (Pulumi.yaml, __main__.py), with examples/ and .venv beside it.
    for name in ("Pulumi.yaml", "__main__.py"):
        shutil.copy(REPO / name, stack.project_dir / name)
    (stack.project_dir / "examples").symlink_to(REPO / "examples")
    (stack.project_dir / ".venv").symlink_to(Path(sys.prefix))

    emulator.requests.clear()
    preview = stack.preview()
    assert preview.ops() == QUICKSTART_RESOURCES
    assert emulator.requests == [], "a preview of new resources must not call the API"

    up = stack.up()
    assert up.ops() == QUICKSTART_RESOURCES
    outputs = stack.outputs()
    product_id = outputs["product_id"]
    assert emulator.state()["products"][product_id]["name"] == "web-shop"
    assert outputs["config_id"] in emulator.state()["configs"]
    assert emulator.state()["preferences"][product_id]["keyGenerationMode"] == "kebabCase"
    made = _made_by(emulator, product_id)
    assert {name: len(keys) for name, keys in made.items()} == {
        "products": 1,
        "configs": 1,
        "environments": 2,
        "segments": 1,
        "tags": 1,
        "permissionGroups": 1,
        "preferences": 1,
    }

    emulator.requests.clear()
    again = stack.preview("--expect-no-changes")
    assert set(again.ops().values()) == {"same"}
    assert emulator.requests == [], "a no-change preview must not call the API"

    stack.destroy()
    assert _made_by(emulator, product_id) == {}
    assert stack.resources() == {}


def test_quickstart_example_updates_only_what_changed(
    new_stack: StackFactory, emulator: ConfigCatEmulator
) -> None:
    stack = new_stack(project="quickstart", organizationId=emulator.organization_id)
    source = QUICKSTART.read_text()
    stack.write_program(source)
    up = stack.up()
    assert up.ops() == QUICKSTART_RESOURCES
    product_id = stack.outputs()["product_id"]
    (tag_id,) = [k for k, t in emulator.state()["tags"].items() if t["productId"] == product_id]

    changed = source.replace('configcat.Tag("beta", product_id=product.id, color="salmon")', "")
    changed = changed.replace('color="#e53935", order=1', 'color="#b71c1c", order=1')
    assert changed.count("configcat.Tag(") == 0
    stack.write_program(changed)
    preview = stack.preview()
    assert {name: op for name, op in preview.ops().items() if op != "same"} == {
        "production": "update",
        "beta": "delete",
    }
    assert preview.steps()["production"].diffs == ["color"]

    emulator.requests.clear()
    update = stack.up()
    assert {name: op for name, op in update.ops().items() if op != "same"} == {
        "production": "update",
        "beta": "delete",
    }
    production = stack.outputs()["production_environment_id"]
    assert sorted((r.method, r.path) for r in emulator.requests) == [
        ("DELETE", f"/v1/tags/{tag_id}"),
        ("PUT", f"/v1/environments/{production}"),
    ]
    assert emulator.state()["environments"][production]["color"] == "#b71c1c"
    stack.preview("--expect-no-changes")

    stack.destroy()
    assert _made_by(emulator, product_id) == {}
