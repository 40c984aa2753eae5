"""The benchmark stack's graph over a dynamic provider that sends no request: what the engine alone costs.

Same resource count, the same dependencies (product, then config, environments, tags and segments, then
flags, then each flag's value in every environment) and about the same inputs as
``tests.harness.stacks.stack_program``, but every create, read and delete returns at once. Timing this
program under the same engine gives the floor no provider can go below: CLI and plug-in start-up, the
program's registrations, the gRPC calls of the dynamic-provider protocol, checkpoints and display.

The provider class lives in an importable module (this one, found through ``PYTHONPATH``), so its state
blob is a class reference of the same size as this package's, not a pickled class body.
"""

from __future__ import annotations

import uuid
from typing import Any

import pulumi
import pulumi.dynamic

from tests.harness.stacks import ENVIRONMENTS, StackShape


class NoRequestProvider(pulumi.dynamic.ResourceProvider):
    """Answers every call from its arguments alone."""

    def create(self, props: dict[str, Any]) -> pulumi.dynamic.CreateResult:
        return pulumi.dynamic.CreateResult(uuid.uuid4().hex, props)

    def read(self, id_: str, props: dict[str, Any]) -> pulumi.dynamic.ReadResult:
        return pulumi.dynamic.ReadResult(id_, props)

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        del id_, props


class Entity(pulumi.dynamic.Resource, module="floor", name="Entity"):
    """One entity of the floor stack."""

    def __init__(self, resource_name: str, **props: Any) -> None:
        super().__init__(NoRequestProvider(), resource_name, props)


def floor_program(name: str, shape: StackShape) -> None:
    """Declares the floor stack (call it from a Pulumi program)."""
    product = Entity(name, name=name)
    config = Entity(f"{name}-main", product_id=product.id, name="main")
    environments = [Entity(f"{name}-{env}", product_id=product.id, name=env) for env in ENVIRONMENTS]
    tags = [Entity(f"{name}-tag{i}", product_id=product.id, name=f"tag{i}") for i in range(shape.tags)]
    segments = [
        Entity(f"{name}-segment{i}", product_id=product.id, name=f"segment{i}", comparator="contains")
        for i in range(shape.segments)
    ]
    for f in range(shape.flags):
        flag = Entity(f"{name}-flag{f}", config_id=config.id, key=f"flag{f}", tags=[tags[f % len(tags)].id])
        for e, environment in enumerate(environments):
            rules = None
            if f % 3 == 0:
                segment = segments[(f + e) % len(segments)]
                rules = [{"conditions": [{"segment_condition": {"segment_id": segment.id}}], "value": True}]
            Entity(
                f"{name}-flag{f}-{ENVIRONMENTS[e]}",
                environment_id=environment.id,
                setting_id=flag.id,
                value=(f + e) % 2 == 0,
                targeting_rules=rules,
            )
