"""Flag values and flag tags changed in the dashboard, under the real CLI: refresh notices, `up` restores.

The value resources and ``SettingTag`` have composite ids and no entity of their own, so they are not rows
of the life-cycle table; this file takes them through the same dashboard-drift steps.
"""

from __future__ import annotations

from typing import Any

from pulumi_configcat.testing import ConfigCatEmulator
from tests.cli.conftest import StackFactory

PROGRAM = """
import pulumi
import pulumi_configcat as configcat

product = configcat.Product("drift-shop", organization_id=pulumi.Config().require("org"))
config = configcat.Config("drift-main", product_id=product.id, name="main")
production = configcat.Environment("drift-production", product_id=product.id, name="production")
beta = configcat.Tag("drift-beta", product_id=product.id, name="beta")
checkout = configcat.Setting("drift-checkout", config_id=config.id, key="newCheckout", name="New checkout")
configcat.SettingTag("drift-checkout-beta", setting_id=checkout.id, tag_id=beta.id)
configcat.SettingValueV2(
    "drift-checkout-production",
    environment_id=production.id,
    setting_id=checkout.id,
    init_only=False,
    value=False,
    targeting_rules=[
        {
            "conditions": [
                {"user_condition": {"comparison_attribute": "Email", "comparator": "textEquals",
                                    "comparison_value": {"string_value": "ada@example.com"}}}
            ],
            "value": True,
        }
    ],
)
banner = configcat.Setting("drift-banner", config_id=config.id, key="banner", name="Banner",
                           setting_type="string")
configcat.SettingValueV2(
    "drift-banner-production", environment_id=production.id, setting_id=banner.id, value="Welcome"
)
pulumi.export("ids", {"environment": production.id, "checkout": checkout.id, "banner": banner.id,
                      "beta": beta.id})
"""


def _value(emulator: ConfigCatEmulator, environment: str, setting: str) -> dict[str, Any]:
    status, body = emulator.call("GET", f"/v2/environments/{environment}/settings/{setting}/value")
    assert status == 200, body
    result: dict[str, Any] = body
    return result


def test_dashboard_changes_to_values_and_tags_are_seen_and_undone(
    new_stack: StackFactory, emulator: ConfigCatEmulator
) -> None:
    stack = new_stack(project="value-drift", org=emulator.organization_id)
    stack.write_program(PROGRAM)
    stack.up()
    ids = stack.outputs()["ids"]
    environment, checkout, banner = ids["environment"], str(ids["checkout"]), str(ids["banner"])
    stack.preview("--expect-no-changes")

    # In the dashboard: the managed value loses its rule and turns on, the seeded banner is reworded, and
    # the tag is taken off the flag.
    for setting, body in (
        (checkout, {"defaultValue": {"boolValue": True}, "targetingRules": []}),
        (banner, {"defaultValue": {"stringValue": "Edited in the dashboard"}, "targetingRules": []}),
    ):
        status, answer = emulator.call(
            "PUT", f"/v2/environments/{environment}/settings/{setting}/value", body
        )
        assert status == 200, answer
    status, answer = emulator.call(
        "PATCH", f"/v1/settings/{checkout}", [{"op": "replace", "path": "/tags", "value": []}]
    )
    assert status == 200, answer

    stack.refresh()
    state = stack.resources()
    assert "drift-checkout-beta" not in state  # the tag is off the flag: refresh drops the resource
    refreshed = state["drift-checkout-production"]["outputs"]
    assert refreshed["value"] == {"bool_value": True}
    assert refreshed.get("targeting_rules") in (None, [])
    # init_only (the default) leaves the value to the dashboard: the state keeps what was seeded.
    assert state["drift-banner-production"]["outputs"]["value"] == {"string_value": "Welcome"}

    preview = stack.preview()
    changes = {name: step for name, step in preview.steps().items() if step.op != "same"}
    assert {name: step.op for name, step in changes.items()} == {
        "drift-checkout-production": "update",
        "drift-checkout-beta": "create",
    }
    assert sorted(changes["drift-checkout-production"].diffs) == ["targeting_rules", "value"]

    emulator.requests.clear()
    stack.up()
    writes = [(r.method, r.path) for r in emulator.requests if r.method != "GET"]
    assert sorted(writes) == [
        ("PATCH", f"/v1/settings/{checkout}"),
        ("PUT", f"/v2/environments/{environment}/settings/{checkout}/value"),
    ]
    restored = _value(emulator, environment, checkout)
    assert restored["defaultValue"]["boolValue"] is False
    [rule] = restored["targetingRules"]
    assert rule["conditions"][0]["userCondition"]["comparisonValue"]["stringValue"] == "ada@example.com"
    assert rule["value"]["boolValue"] is True
    tags = emulator.call("GET", f"/v1/settings/{checkout}")[1]["tags"]
    assert [str(tag["tagId"]) for tag in tags] == [str(ids["beta"])]
    # The dashboard's banner text stands.
    assert _value(emulator, environment, banner)["defaultValue"]["stringValue"] == "Edited in the dashboard"
    stack.preview("--expect-no-changes")

    stack.destroy()
    assert stack.resources() == {}
