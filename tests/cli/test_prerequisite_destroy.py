"""`pulumi destroy --parallel 1` of flags that other flags of the stack use as prerequisites (hardening II,
item 9), under the real CLI.

The engine, deleting one resource at a time, deletes the value resource first (it refers to all three flags),
then the prerequisites, which the program makes depend on the dependant flag so that they are deleted before
it (the test checks that this order is what happened).
ConfigCat refuses the prerequisite's delete while the value's rule still names it; the provider used to
retry for a minute while the engine waited for it, then fail, and every later destroy failed the same way.
"""

from __future__ import annotations

import time
from typing import Any

from pulumi_configcat.testing import ConfigCatEmulator
from tests.cli.conftest import StackFactory

PROGRAM = """
import pulumi
import pulumi_configcat as configcat

product = configcat.Product("prereq-shop", organization_id=pulumi.Config().require("org"))
config = configcat.Config("prereq-main", product_id=product.id, name="main")
production = configcat.Environment("prereq-production", product_id=product.id, name="production")
checkout = configcat.Setting("prereq-checkout", config_id=config.id, key="newCheckout")
# depends_on makes the engine delete the prerequisites before the dependant, the order that used to fail
# (without it the order of independent deletes is the engine's choice, and not always this one).
after_checkout = pulumi.ResourceOptions(depends_on=[checkout])
payments = configcat.Setting("prereq-payments", config_id=config.id, key="payments", opts=after_checkout)
fraud = configcat.Setting("prereq-fraud", config_id=config.id, key="fraudCheck", opts=after_checkout)
configcat.SettingValueV2(
    "prereq-checkout-production",
    environment_id=production.id,
    setting_id=checkout.id,
    init_only=False,
    value=False,
    targeting_rules=[
        {
            "conditions": [
                {"prerequisite_flag_condition": {"prerequisite_setting_id": payments.id,
                                                 "comparator": "equals", "comparison_value": True}},
                {"prerequisite_flag_condition": {"prerequisite_setting_id": fraud.id,
                                                 "comparator": "doesNotEqual", "comparison_value": True}},
            ],
            "value": True,
        }
    ],
)
pulumi.export("ids", {"checkout": checkout.id, "payments": payments.id, "fraud": fraud.id})
"""


def _delete_order(events: list[dict[str, Any]]) -> list[str]:
    order = []
    for event in events:
        meta = (event.get("resOutputsEvent") or {}).get("metadata")
        if meta and meta["op"] == "delete":
            order.append(meta["urn"].rsplit("::", 1)[-1])
    return order


def test_destroy_one_step_at_a_time_deletes_prerequisites_before_the_flag_that_uses_them(
    new_stack: StackFactory, emulator: ConfigCatEmulator
) -> None:
    stack = new_stack(project="prereq-destroy", org=emulator.organization_id)
    stack.write_program(PROGRAM)
    # One at a time, so the state (and the destroy's reverse order) follows the program's order.
    stack.up("--parallel", "1")
    ids = {name: int(id_) for name, id_ in stack.outputs()["ids"].items()}
    assert set(ids.values()) <= set(emulator.state()["settings"])

    started = time.monotonic()
    destroyed = stack.destroy("--parallel", "1")
    took = time.monotonic() - started

    order = _delete_order(destroyed.events)
    # The order that used to fail: both prerequisites' deletes before the dependant's.
    assert order.index("prereq-payments") < order.index("prereq-checkout")
    assert order.index("prereq-fraud") < order.index("prereq-checkout")
    assert set(destroyed.ops().values()) == {"delete"}
    assert not set(ids.values()) & set(emulator.state()["settings"])
    assert stack.resources() == {}
    # No delete waited for another (the old retry took a minute before it failed).
    assert took < 60, took
