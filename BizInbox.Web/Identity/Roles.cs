using BizInbox.Domain.Team;

namespace BizInbox.Web.Identity;

/// <summary>Identity role names, one per <see cref="TeamRole"/>.</summary>
public static class Roles
{
    public const string Owner = nameof(TeamRole.Owner);
    public const string Manager = nameof(TeamRole.Manager);
    public const string Agent = nameof(TeamRole.Agent);

    public static readonly IReadOnlyList<string> All = [Owner, Manager, Agent];

    public static string NameOf(TeamRole role) => role.ToString();

    public static TeamRole? Parse(string? name) => Enum.TryParse<TeamRole>(name, out var role) ? role : null;
}

/// <summary>Authorization policies. Every page and endpoint names one (the fallback requires sign-in).</summary>
public static class Policies
{
    /// <summary>Owner only: business profile, channels, ownership.</summary>
    public const string Owner = "Owner";

    /// <summary>Owner or manager: reports, settings, the team.</summary>
    public const string Manager = "Manager";

    /// <summary>Any active team member: inbox and contacts.</summary>
    public const string Agent = "Agent";
}
