using System.Security.Claims;
using BizInbox.Domain;
using BizInbox.Domain.Team;
using BizInbox.Web.Data;
using BizInbox.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Features.Inbox;

/// <summary>An active team member, for assignment lists and @mentions.</summary>
public sealed record TeamMemberOption(string UserId, string Name);

/// <summary>Resolves who is acting (active members only, role from the database) and lists assignable members.</summary>
public sealed class TeamDirectory(IDbContextFactory<BizInboxDbContext> contexts)
{
    public async Task<TeamMember> RequireMemberAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var id = principal.UserId() ?? throw NotAllowed();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var member = await db.Users.AsNoTracking()
            .Where(u => u.Id == id && u.IsActive && db.UserRoles.Any(r => r.UserId == u.Id))
            .Select(u => new TeamMember(u.Id, u.DisplayName))
            .FirstOrDefaultAsync(ct);
        return member ?? throw NotAllowed();
    }

    public async Task<TeamMember?> FindActiveAsync(BizInboxDbContext db, string userId, CancellationToken ct) =>
        await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.IsActive)
            .Select(u => new TeamMember(u.Id, u.DisplayName))
            .FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<TeamMemberOption>> ActiveMembersAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var members = await db.Users.AsNoTracking()
            .Where(u => u.IsActive)
            .Select(u => new TeamMemberOption(u.Id, u.DisplayName))
            .ToListAsync(ct);
        return members.OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    private static DomainException NotAllowed() => new("team.not_allowed", "Only active team members can work in the inbox.");
}
