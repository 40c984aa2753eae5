"""A stack shaped like a real account, for the fault runs and the benchmarks: flags with values everywhere.

One product with one Config V2, three environments, tags and segments, and ``flags`` boolean flags, each
with a tag and a ``SettingValueV2`` in every environment (every third one with a segment rule and a
percentage split). With the defaults it is 300 resources: 20 around the flags, 70 flags, 210 values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pulumi_configcat as configcat

ENVIRONMENTS = ("development", "staging", "production")

# A boolean flag's targeting rules in pulumiverse's shape: a user condition with a list (one item with a
# hint, one plain), then a percentage split.
SAMPLE_RULES = (
    {
        "conditions": [
            {
                "user_condition": {
                    "comparison_attribute": "Email",
                    "comparator": "isOneOf",
                    "comparison_value": {"list_values": [{"value": "a@x.com", "hint": "Ann"}, "b@x.com"]},
                }
            }
        ],
        "value": True,
    },
    {"percentage_options": [{"percentage": 25, "value": True}, {"percentage": 75, "value": False}]},
)


@dataclass(frozen=True)
class StackShape:
    """How big the stack is, and which revision of it is declared.

    Attributes:
        flags: Boolean flags; each brings one value per environment.
        tags: Tags, spread over the flags.
        segments: Segments, used by the flags' rules.
        revision: 0 for the first declaration; 1 changes a value, a hint, a colour or a rule in many of them.
    """

    flags: int = 70
    tags: int = 8
    segments: int = 7
    revision: int = 0

    @property
    def resources(self) -> int:
        """How many resources the program declares."""
        return 2 + len(ENVIRONMENTS) + self.tags + self.segments + self.flags * (1 + len(ENVIRONMENTS))


def stack_program(organization_id: str, name: str, shape: StackShape) -> Callable[[], None]:
    """A Pulumi program declaring the stack under one new product called ``name``.

    Args:
        organization_id: The organization the product is made in.
        name: The product's name (unique in the organization) and the prefix of resource names.
        shape: Sizes and revision.

    Returns:
        The program, for ``MiniEngine.run``.
    """
    changed = shape.revision > 0

    def program() -> None:
        product = configcat.Product(name, organization_id=organization_id)
        config = configcat.Config(f"{name}-main", product_id=product.id, name="main")
        environments = [
            configcat.Environment(
                f"{name}-{env}",
                product_id=product.id,
                name=env,
                color="#e53935" if changed and env == "production" else None,
            )
            for env in ENVIRONMENTS
        ]
        tags = [
            configcat.Tag(
                f"{name}-tag{i}",
                product_id=product.id,
                name=f"tag{i}",
                color="salmon" if changed else "whale",
            )
            for i in range(shape.tags)
        ]
        segments = [
            configcat.Segment(
                f"{name}-segment{i}",
                product_id=product.id,
                name=f"segment{i}",
                comparison_attribute="Email",
                comparator="contains",
                comparison_value=f"@team{i}.example" + (".org" if changed and i % 2 else ""),
            )
            for i in range(shape.segments)
        ]
        for f in range(shape.flags):
            flag = configcat.Setting(
                f"{name}-flag{f}",
                config_id=config.id,
                key=f"flag{f}",
                name=f"Flag {f}",
                hint=f"revision {shape.revision}" if changed and f % 2 else None,
                tags=[tags[f % len(tags)].id] if tags else None,
            )
            for e, environment in enumerate(environments):
                rules: list[dict[str, object]] = []
                if f % 3 == 0 and segments:
                    segment = segments[(f + e) % len(segments)]
                    rules = [
                        {
                            "conditions": [
                                {"segment_condition": {"segment_id": segment.id, "comparator": "isIn"}}
                            ],
                            "value": True,
                        },
                        {
                            "percentage_options": [
                                {"percentage": 30 if changed else 20, "value": True},
                                {"percentage": 70 if changed else 80, "value": False},
                            ]
                        },
                    ]
                configcat.SettingValueV2(
                    f"{name}-flag{f}-{ENVIRONMENTS[e]}",
                    environment_id=environment.id,
                    setting_id=flag.id,
                    init_only=False,
                    value=(f + e + shape.revision) % 2 == 0,
                    targeting_rules=rules or None,
                )

    return program
