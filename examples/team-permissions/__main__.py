"""Team permissions: one permission group per team, each with its own access to each environment.

The teams are data: add one to TEAMS (or to the stack's `teams` configuration) and `pulumi up` makes its
group. Environments a team is not listed for get `new_environment_accesstype` when they are created and no
access otherwise; removing an environment from a team's map revokes that team's access there.
"""

import pulumi

import pulumi_configcat as configcat

# team -> (access per environment, what the team may change). Environments: "development", "staging",
# "production"; access "full" or "readOnly".
TEAMS = {
    "developers": (
        {"development": "full", "staging": "full", "production": "readOnly"},
        {"can_createorupdate_setting": True, "can_tag_setting": True, "can_view_sdkkey": True},
    ),
    "qa": (
        {"staging": "full", "production": "readOnly"},
        {"can_createorupdate_setting": True},
    ),
    "release-managers": (
        {"development": "readOnly", "staging": "readOnly", "production": "full"},
        {"can_view_product_auditlog": True, "can_view_product_statistics": True},
    ),
}

config = pulumi.Config()
organization_id = (
    config.get("organizationId") or configcat.get_organizations().organizations[0].organization_id
)
# Stack configuration may override a team's environment access: {"qa": {"production": "full"}}.
overrides: dict[str, dict[str, str]] = config.get_object("teams") or {}

product = configcat.Product("payments", organization_id=organization_id, name="Payments")
environments = {
    name: configcat.Environment(name, product_id=product.id, name=name.capitalize(), order=order)
    for order, name in enumerate(("development", "staging", "production"))
}

# Administrators: everything, everywhere.
configcat.PermissionGroup(
    "administrators",
    product_id=product.id,
    name="Administrators",
    accesstype="full",
    new_environment_accesstype="full",
    can_manage_members=True,
    can_createorupdate_config=True,
    can_delete_config=True,
    can_createorupdate_environment=True,
    can_delete_environment=True,
    can_createorupdate_setting=True,
    can_tag_setting=True,
    can_delete_setting=True,
    can_createorupdate_tag=True,
    can_delete_tag=True,
    can_manage_webhook=True,
    can_use_exportimport=True,
    can_manage_product_preferences=True,
    can_manage_integrations=True,
    can_view_sdkkey=True,
    can_rotate_sdkkey=True,
    can_createorupdate_segment=True,
    can_delete_segment=True,
    can_view_product_auditlog=True,
    can_view_product_statistics=True,
    can_disable2fa=True,
)

groups = {}
for team, (default_accesses, permissions) in TEAMS.items():
    accesses = {**default_accesses, **overrides.get(team, {})}
    groups[team] = configcat.PermissionGroup(
        team,
        product_id=product.id,
        name=team.replace("-", " ").title(),
        accesstype="custom",
        # Keyed by the environments' ids, which are Outputs: the resource resolves them.
        environment_accesses={environments[env].id: access for env, access in accesses.items()},
        new_environment_accesstype="readOnly" if team == "developers" else "none",
        **permissions,
    )

pulumi.export("permission_group_ids", {team: group.id for team, group in groups.items()})
