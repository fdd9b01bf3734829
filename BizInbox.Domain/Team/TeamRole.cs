namespace BizInbox.Domain.Team;

/// <summary>The roles of a business's team, from most to least privileged.</summary>
public enum TeamRole
{
    /// <summary>Everything, including the business profile, channels and the team.</summary>
    Owner = 0,

    /// <summary>Reports, settings and the agents of the team.</summary>
    Manager = 1,

    /// <summary>The inbox and contacts.</summary>
    Agent = 2,
}

/// <summary>Who may do what to whom within the team.</summary>
public static class TeamRules
{
    /// <summary>
    /// Whether <paramref name="actor"/> may invite someone into <paramref name="role"/>.
    /// Owners invite managers and agents; managers invite agents. Nobody invites an owner:
    /// ownership is created at setup and handed over deliberately.
    /// </summary>
    public static bool CanInvite(TeamRole actor, TeamRole role) => actor switch
    {
        TeamRole.Owner => role is TeamRole.Manager or TeamRole.Agent,
        TeamRole.Manager => role is TeamRole.Agent,
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="actor"/> may deactivate, reactivate or change the role of a member who
    /// currently holds <paramref name="target"/>. Owners manage managers and agents; managers manage agents.
    /// </summary>
    public static bool CanManage(TeamRole actor, TeamRole target) => CanInvite(actor, target);

    /// <summary>Whether the role may open the team settings at all.</summary>
    public static bool CanOpenTeam(TeamRole actor) => actor is TeamRole.Owner or TeamRole.Manager;
}
