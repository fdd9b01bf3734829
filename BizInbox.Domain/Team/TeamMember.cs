namespace BizInbox.Domain.Team;

/// <summary>A team member as the domain sees them when they act: an id and the name shown in the timeline.</summary>
/// <param name="UserId">The account id.</param>
/// <param name="Name">The display name at the time of acting.</param>
public sealed record TeamMember(string UserId, string Name);
