"""Entities deleted in the dashboard that a resource still refers to in its state (issue 12, item 7).

An update must not send anything that depends on a reference the API no longer has: a revocation for a
deleted environment was refused; a JSON Patch by index into a flag's tags, computed from the state, removes
the wrong tag once the dashboard has deleted one of them.
"""

from __future__ import annotations

from typing import Any

import pulumi_configcat as configcat
from pulumi_configcat.testing import ConfigCatEmulator
from tests.harness import MiniEngine, RunResult


def _ok(result: RunResult) -> RunResult:
    assert result.errors == []
    return result


def _post(emulator: ConfigCatEmulator, path: str, body: dict[str, Any]) -> dict[str, Any]:
    status, answer = emulator.call("POST", path, body)
    assert status in (200, 201), answer
    assert isinstance(answer, dict)
    return answer


def test_a_tag_deleted_in_the_dashboard_and_dropped_from_the_program_removes_no_other_tag(
    engine: MiniEngine, emulator: ConfigCatEmulator, unique: str
) -> None:
    org = emulator.organization_id
    pid = _post(emulator, f"/v1/organizations/{org}/products", {"name": f"tags-{unique}"})["productId"]
    config_id = _post(emulator, f"/v1/products/{pid}/configs", {"name": "main"})["configId"]
    tags = [_post(emulator, f"/v1/products/{pid}/tags", {"name": name})["tagId"] for name in "abc"]

    def program(tag_ids: list[int]) -> None:
        configcat.Setting("flag", config_id=config_id, key="isAwesome", tags=[str(t) for t in tag_ids])

    id_ = _ok(engine.run(lambda: program(tags))).steps[0].id_
    status, _ = emulator.call("DELETE", f"/v1/tags/{tags[1]}")
    assert status == 204
    assert [step.op for step in _ok(engine.run(lambda: program([tags[0], tags[2]]))).steps] == ["update"]
    status, setting = emulator.call("GET", f"/v1/settings/{id_}")
    assert status == 200
    assert sorted(tag["tagId"] for tag in setting["tags"]) == [tags[0], tags[2]]
    assert [step.op for step in _ok(engine.run(lambda: program([tags[0], tags[2]]))).steps] == ["same"]
