using BizInbox.Domain.Team;

namespace BizInbox.Web.Identity;

/// <summary>An active member as the database holds them now: who acts, with which role, name and language.</summary>
public sealed record Actor(string Id, string DisplayName, TeamRole Role, string? Culture)
{
    /// <summary>The member as the inbox names them (assignment, notes, presence).</summary>
    public TeamMember AsTeamMember() => new(Id, DisplayName);
}
