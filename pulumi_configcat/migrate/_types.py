"""Which pulumiverse_configcat resource becomes which resource of this package, and how its state is read.

pulumiverse_configcat bridges the Terraform provider (terraform-plugin-framework, through
pulumi-terraform-bridge's ``pf`` layer): its state holds each resource's Terraform attributes in camelCase,
``id`` among the outputs, nested blocks as lists of objects whose unset attributes are ``null``, and, where
the Terraform provider keeps a schema version or private state, a ``__meta`` JSON string.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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

__all__ = ["PROVIDER_TYPE", "TYPES", "Kind", "dynamic_type"]

# pulumiverse's provider resources: ``pulumi:providers:configcat``.
PROVIDER_TYPE = "pulumi:providers:configcat"


@dataclass(frozen=True)
class Kind:
    """One pulumiverse resource type and this package's resource it becomes.

    Attributes:
        resource: This package's resource class (its provider class, type token and defaults follow).
        user_keyed: pulumiverse properties that are maps keyed by ids or names, whose keys stay as they are.
        reshaped: pulumiverse properties whose value changes shape on the way (nested objects with ``null``
            attributes): a ciphertext there cannot be carried over.
    """

    resource: type[ConfigCatResource]
    user_keyed: frozenset[str] = field(default_factory=frozenset)
    reshaped: frozenset[str] = field(default_factory=frozenset)


TYPES: dict[str, Kind] = {
    "configcat:index/product:Product": Kind(Product),
    "configcat:index/configuration:Configuration": Kind(Configuration),
    "configcat:index/environment:Environment": Kind(Environment),
    "configcat:index/tag:Tag": Kind(Tag),
    "configcat:index/segment:Segment": Kind(Segment),
    "configcat:index/permissionGroup:PermissionGroup": Kind(
        PermissionGroup, user_keyed=frozenset({"environmentAccesses"})
    ),
    "configcat:index/productPreferences:ProductPreferences": Kind(
        ProductPreferences, user_keyed=frozenset({"reasonRequiredEnvironments"})
    ),
    "configcat:index/setting:Setting": Kind(Setting),
    "configcat:index/settingTag:SettingTag": Kind(SettingTag),
    "configcat:index/settingValue:SettingValue": Kind(
        SettingValue, reshaped=frozenset({"rolloutRules", "percentageItems"})
    ),
    "configcat:index/settingValueV2:SettingValueV2": Kind(
        SettingValueV2, reshaped=frozenset({"value", "targetingRules"})
    ),
    "configcat:index/webhook:Webhook": Kind(Webhook),
    "configcat:index/integration:Integration": Kind(Integration, user_keyed=frozenset({"parameters"})),
}


def dynamic_type(resource: type[ConfigCatResource]) -> str:
    """The type token a resource class registers: ``pulumi-python:dynamic/configcat:<Name>``."""
    return "pulumi-python:" + str(resource._resource_type_name)
