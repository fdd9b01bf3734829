using BizInbox.Domain.Team;

namespace BizInbox.Web.Features.Team;

public sealed record TeamMemberRow(
    string Id, string DisplayName, string Email, TeamRole Role, bool IsActive, bool IsLockedOut,
    DateTimeOffset CreatedAt, bool IsYou, bool CanManage);

public enum MemberSort
{
    Role,
    Name,
    Email,
}

/// <summary>Which members to show: a search in name and email, an order, and a page (counted from 0).</summary>
public sealed record MemberQuery(string? Search = null, MemberSort Sort = MemberSort.Role, bool Descending = false, int Page = 0, int PageSize = 25)
{
    public const int MaxPageSize = 100;
}

public sealed record MemberPage(IReadOnlyList<TeamMemberRow> Rows, int Total);

public sealed record InvitationRow(
    Guid Id, string Email, TeamRole Role, string InvitedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    InvitationStatus Status);

/// <summary>The link to hand to an invitee; shown once, because only its hash is kept.</summary>
public sealed record InvitationLink(Guid InvitationId, string Email, Uri Url, bool Emailed);

public sealed record InvitationPreview(string Email, TeamRole Role, string BusinessName);
