"""The Terraform provider's resource types and how each maps: class, attributes, kinds of ids.

One row per resource type of configcat/configcat (v5.5.x, the version pulumiverse bridges, plus the
attributes later versions added). :mod:`._terraform` walks a state with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pulumi_configcat.resources._resource import ConfigCatResource
from pulumi_configcat.resources.configs import Configuration
from pulumi_configcat.resources.environments import Environment
from pulumi_configcat.resources.flags.setting_values import SettingValue
from pulumi_configcat.resources.flags.setting_values_v2 import SettingValueV2
from pulumi_configcat.resources.integrations import Integration
from pulumi_configcat.resources.permission_groups import PermissionGroup
from pulumi_configcat.resources.preferences import ProductPreferences
from pulumi_configcat.resources.products import Product
from pulumi_configcat.resources.segments import Segment
from pulumi_configcat.resources.settings import Setting, SettingTag
from pulumi_configcat.resources.tags import Tag
from pulumi_configcat.resources.webhooks import Webhook

__all__ = [
    "ID_ATTRIBUTES",
    "ID_KEYED_MAPS",
    "ID_LISTS",
    "KIND_ORDER",
    "PROVIDER_SOURCE",
    "TERRAFORM_TYPES",
    "TerraformType",
]

PROVIDER_SOURCE = ("configcat", "configcat")


@dataclass(frozen=True)
class TerraformType:
    """How one ``configcat_*`` resource type maps.

    Attributes:
        resource: The class it becomes (pulumiverse's name).
        kind: The kind of entity its id is, for references (``"config"``).
        attributes: The Terraform attributes it maps, in the order the arguments are written.
        computed: Attributes Terraform computes and the program never sets (the id, a flag's type).
        renames: Terraform attribute name to argument name, where they differ.
        schema_version: The provider's schema version the attributes are read in.
    """

    resource: type[ConfigCatResource]
    kind: str
    attributes: tuple[str, ...]
    computed: tuple[str, ...] = ("id",)
    renames: Mapping[str, str] = field(default_factory=dict)
    schema_version: int = 0

    def defaults(self) -> dict[str, Any]:
        """Each argument's default under this class (``Configuration``: ``evaluation_version="v1"``)."""
        props = self.resource._provider_class().props
        return {**{prop.name: prop.default for prop in props}, **self.resource._defaults}


_PERMISSIONS = tuple(
    f"can_{name}"
    for name in (
        "manage_members",
        "createorupdate_config",
        "delete_config",
        "createorupdate_environment",
        "delete_environment",
        "createorupdate_setting",
        "tag_setting",
        "delete_setting",
        "createorupdate_tag",
        "delete_tag",
        "manage_webhook",
        "use_exportimport",
        "manage_product_preferences",
        "manage_integrations",
        "view_sdkkey",
        "rotate_sdkkey",
        "createorupdate_segment",
        "delete_segment",
        "view_product_auditlog",
        "view_product_statistics",
        "disable_2fa",
    )
)
_VALUE_CONTROLS = ("mandatory_notes", "init_only")

# Every resource type of configcat/configcat (v5.5.x, the version pulumiverse bridges, and the attributes
# later versions added: is_json and predefined_variations on flags, bypass_approval on V2 values).
TERRAFORM_TYPES: dict[str, TerraformType] = {
    "configcat_product": TerraformType(
        Product, "product", ("organization_id", "name", "description", "order")
    ),
    "configcat_environment": TerraformType(
        Environment, "environment", ("product_id", "name", "description", "color", "order")
    ),
    "configcat_config": TerraformType(
        Configuration, "config", ("product_id", "name", "description", "order", "evaluation_version")
    ),
    "configcat_tag": TerraformType(Tag, "tag", ("product_id", "name", "color")),
    "configcat_segment": TerraformType(
        Segment,
        "segment",
        ("product_id", "name", "description", "comparison_attribute", "comparator", "comparison_value"),
    ),
    "configcat_setting": TerraformType(
        Setting,
        "setting",
        ("config_id", "key", "name", "hint", "setting_type", "order", "is_json", "predefined_variations"),
    ),
    "configcat_setting_tag": TerraformType(SettingTag, "setting_tag", ("setting_id", "tag_id")),
    "configcat_setting_value": TerraformType(
        SettingValue,
        "value",
        ("environment_id", "setting_id", *_VALUE_CONTROLS, "value", "rollout_rules", "percentage_items"),
        computed=("id", "setting_type"),
    ),
    "configcat_setting_value_v2": TerraformType(
        SettingValueV2,
        "value",
        (
            "environment_id",
            "setting_id",
            *_VALUE_CONTROLS,
            "bypass_approval",
            "value",
            "percentage_evaluation_attribute",
            "targeting_rules",
        ),
        computed=("id", "setting_type"),
    ),
    "configcat_webhook": TerraformType(
        Webhook,
        "webhook",
        (
            "config_id",
            "environment_id",
            "url",
            "http_method",
            "content",
            "webhook_headers",
            "secure_webhook_headers",
        ),
    ),
    "configcat_permission_group": TerraformType(
        PermissionGroup,
        "permission_group",
        (
            "product_id",
            "name",
            "accesstype",
            "new_environment_accesstype",
            "environment_accesses",
            *_PERMISSIONS,
        ),
        renames={"can_disable_2fa": "can_disable2fa"},
    ),
    "configcat_product_preferences": TerraformType(
        ProductPreferences,
        "preferences",
        (
            "product_id",
            "key_generation_mode",
            "mandatory_setting_hint",
            "show_variation_id",
            "reason_required",
            "reason_required_environments",
        ),
    ),
    "configcat_integration": TerraformType(
        Integration,
        "integration",
        ("product_id", "integration_type", "name", "parameters", "configs", "environments"),
    ),
}

# The order kinds are declared in (each refers only to kinds before it); flags that are others'
# prerequisites are then moved before them.
KIND_ORDER = (
    "product",
    "environment",
    "config",
    "tag",
    "segment",
    "setting",
    "setting_tag",
    "value",
    "webhook",
    "permission_group",
    "preferences",
    "integration",
)
# Attributes (at any depth) that hold the id of another entity, by the kind of entity.
ID_ATTRIBUTES = {
    "product_id": "product",
    "config_id": "config",
    "environment_id": "environment",
    "setting_id": "setting",
    "prerequisite_setting_id": "setting",
    "segment_id": "segment",
    "tag_id": "tag",
}
# Attributes holding a list of ids, or a map keyed by ids.
ID_LISTS = {"configs": "config", "environments": "environment"}
ID_KEYED_MAPS = {"environment_accesses": "environment", "reason_required_environments": "environment"}
