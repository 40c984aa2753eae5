"""200 resources with `pulumi up --parallel 8` while the API answers 429 now and then: the stack converges."""

from __future__ import annotations

from pulumi_configcat.testing import ConfigCatEmulator
from tests.cli.conftest import StackFactory

COUNT = 200


def test_parallel_up_of_200_resources_under_429s_converges(
    new_stack: StackFactory, emulator: ConfigCatEmulator
) -> None:
    stack = new_stack(project="scale", org=emulator.organization_id)
    stack.write_program(
        f"""
        import pulumi
        import pulumi_configcat as configcat

        product = configcat.Product("scale-shop", organization_id=pulumi.Config().require("org"))
        for i in range({COUNT} - 1):
            configcat.Tag(f"tag-{{i:03}}", product_id=product.id, color="salmon")
        pulumi.export("product_id", product.id)
        """
    )
    # One request in ten, 30 in all: a request fails only after 6 answers of 429 in a row (about 1e-6).
    fault = emulator.inject_fault("status", status=429, retry_after="1", rate=0.1, times=30)
    try:
        up = stack.up("--parallel", "8")
        assert fault.hits > 0
        assert list(up.ops().values()).count("create") == COUNT
        product_id = stack.outputs()["product_id"]
        tags = [t for t in emulator.state()["tags"].values() if t["productId"] == product_id]
        assert sorted(t["name"] for t in tags) == [f"tag-{i:03}" for i in range(COUNT - 1)]

        stack.preview("--expect-no-changes")
        destroyed = stack.destroy("--parallel", "8")
        assert list(destroyed.ops().values()).count("delete") == COUNT
    finally:
        emulator.clear_faults()
    assert product_id not in emulator.state()["products"]
    assert [t for t in emulator.state()["tags"].values() if t["productId"] == product_id] == []
