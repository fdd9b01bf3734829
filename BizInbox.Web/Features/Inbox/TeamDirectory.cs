using BizInbox.Domain;
using BizInbox.Domain.Team;
using BizInbox.Web.Data;
using BizInbox.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Features.Inbox;

/// <summary>An active team member, for assignment lists and @mentions.</summary>
public sealed record TeamMemberOption(string UserId, string Name);

/// <summary>Lists the active members one can assign or mention.</summary>
public sealed class TeamDirectory(IDbContextFactory<BizInboxDbContext> contexts)
{
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
}
