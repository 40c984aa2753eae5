"""Team onboarding: permission groups, the people invited into each, and the members who have joined.

Step 1, invite: each team's addresses (TEAMS, or the stack's `teams` configuration) are invited into the
team's permission group; `pulumi up` sends one invitation request per team for the addresses that are new.
Step 2, once someone has accepted: put their user id in the stack's `members` configuration with their team
(`pulumi config set --path 'members.<userId>' developers`); from then on their OrganizationMember holds their
permission groups, and destroying it removes them from the organization. Invitations never touch a member,
so the two never fight over someone's groups.
"""

import pulumi

import pulumi_configcat as configcat

# team -> the addresses invited into it (e-mail addresses are kept secret in the state).
TEAMS = {
    "developers": ["ada@example.com", "alan@example.com"],
    "viewers": ["grace@example.com"],
}

config = pulumi.Config()
organization_id = (
    config.get("organizationId") or configcat.get_organizations().organizations[0].organization_id
)
teams: dict[str, list[str]] = {**TEAMS, **(config.get_object("teams") or {})}
# user id -> team, for the people who have accepted their invitation.
members: dict[str, str] = config.get_object("members") or {}

product = configcat.Product("mobile-app", organization_id=organization_id, name="Mobile App")
groups = {
    "developers": configcat.PermissionGroup(
        "developers",
        product_id=product.id,
        name="Developers",
        accesstype="full",
        can_createorupdate_setting=True,
        can_tag_setting=True,
        can_view_sdkkey=True,
    ),
    "viewers": configcat.PermissionGroup("viewers", product_id=product.id, name="Viewers"),
}

invitations = {
    team: configcat.Invitations(
        f"{team}-invitations", product_id=product.id, permission_group_id=groups[team].id, emails=emails
    )
    for team, emails in teams.items()
    if emails
}

for user_id, team in members.items():
    configcat.OrganizationMember(
        f"member-{user_id}",
        organization_id=organization_id,
        user_id=user_id,
        permission_group_ids=[groups[team].id],
    )

pulumi.export("pending", {team: i.pending for team, i in invitations.items()})
pulumi.export("accepted", {team: i.accepted for team, i in invitations.items()})
